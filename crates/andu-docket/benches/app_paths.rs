//! The app's screens at scale, through the functions its commands call (src-tauri/src/commands/stats.rs,
//! docket.rs, cases.rs, setup.rs, documents.rs), in the order a user meets them, against the goals of issue #13
//! (warm, in the app): start-up to 今日 with data (open, start status, 今日 as the app asks — the sections' counts
//! and first rows — and the tray count) ≤ 1.5 s; 今日 again, for one judge, 显示更多 ≤ 200 ms; the year's list it
//! replaced, one row's explanation; 统计 the first time, again, and after a change of period or scope ≤ 100 ms
//! (1,000,000 cases: ≤ 300 ms), a drill-down; the 审限 of open cases, a calendar month; the 案件 list and its
//! search (`list_cases` with a query, as the list's search box asks, and the `search` command); the memory the
//! process holds then (RSS at idle ≤ 250 MB at 100,000 cases: the store and what it keeps warm, without the
//! window's own); a batch of 1,000 documents, and the process's peak memory. Run by `cargo xtask
//! bench-user-paths` on its demo stores (`ANDU_BENCH_DB`, `ANDU_BENCH_KEY`, `ANDU_BENCH_TODAY`); prints one table
//! row per step, never fails on a time.

use std::time::Instant;

use andu_core::ErrorBody;
use andu_docket::Docket;
use andu_docket::statistics::{self, StatsInput};
use andu_docket::today::{TodayQuery, TodaySection};
use andu_stats::Period;
use andu_store::{DbKey, Store};
use chrono::NaiveDate;

fn date(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).expect("a bench date")
}

/// What the `stats` command does: load, indicators, ledger, the filter lists.
fn stats_panel(
    s: &Store,
    from: &str,
    to: &str,
    division: Option<&str>,
    judge: Option<&str>,
) -> Result<usize, ErrorBody> {
    let period = Period::new(date(from), date(to)).map_err(|e| andu_core::Coded::to_body(&e))?;
    let input = StatsInput::load(s, period, statistics::scope(division, judge, None, None)?, None)?;
    let (indicators, ledger) = (input.indicators(), input.ledger());
    let (divisions, judges) = input.filter_choices();
    Ok(indicators.warnings.len() + ledger.len() + divisions.len() + judges.len())
}

fn main() -> Result<(), ErrorBody> {
    let Some(db) = std::env::var_os("ANDU_BENCH_DB") else {
        println!("app_paths: set ANDU_BENCH_DB (and ANDU_BENCH_KEY) to a store; `cargo xtask bench-user-paths` does");
        return Ok(());
    };
    let key = DbKey::new(std::env::var("ANDU_BENCH_KEY").unwrap_or_default());
    let today = date(&std::env::var("ANDU_BENCH_TODAY").unwrap_or_else(|_| "2025-11-15".into()));
    let label = std::env::var("ANDU_BENCH_LABEL").unwrap_or_default();
    // Each step's wall time and, beside it, the CPU time this thread spent in it: on a loaded machine the wall
    // time is mostly waiting for a core.
    let cpu_at_start = std::cell::Cell::new(cpu_secs());
    let row = |name: &str, secs: f64| {
        let cpu = cpu_secs() - cpu_at_start.replace(cpu_secs());
        println!("| {label:>7} | app: {name:<34} | {:>8.1} ms | {:>7.1} ms CPU |", secs * 1000.0, cpu * 1000.0);
    };
    let mb_row = |name: &str, mb: u64| println!("| {label:>7} | app: {name:<34} | {mb:>8} MB |");
    let timed = |name: &str, f: &mut dyn FnMut() -> Result<(), ErrorBody>| -> Result<(), ErrorBody> {
        cpu_at_start.set(cpu_secs());
        let start = Instant::now();
        f()?;
        row(name, start.elapsed().as_secs_f64());
        Ok(())
    };

    // Start-up to the first screen with data, as the app runs it: the store opened by `app_start` (its status:
    // demo marker, case count, profile), then 今日's `due` and the tray count's (`reminder_count`), one after the
    // other behind the store's lock. The background reminder pass waits until the first screen is shown.
    let (start, start_cpu) = (Instant::now(), cpu_secs());
    cpu_at_start.set(start_cpu);
    let mut s = Store::open(std::path::Path::new(&db), &key).map_err(|e| andu_core::Coded::to_body(&e))?;
    row("open the store", start.elapsed().as_secs_f64());
    let to_body = |e: andu_store::StoreError| andu_core::Coded::to_body(&e);
    let status = Instant::now();
    let (_demo, _count, _name) =
        (s.is_demo().map_err(to_body)?, s.case_count().map_err(to_body)?, s.setting("profile:name"));
    row("start status (demo, count, profile)", status.elapsed().as_secs_f64());
    // 今日 first: what the app shows on start — each section's count and first 50 rows (`today_view`), the tray's
    // count with it; one row's explanation when its 为什么 is opened.
    let first = Instant::now();
    let query = TodayQuery { rows: Some(50), ..Default::default() };
    let view = Docket::for_store(&s)?.today(&mut s, today, &query)?;
    row("今日 at start (sections' counts, 50 rows)", first.elapsed().as_secs_f64());
    let badge = Instant::now();
    let urgent = Docket::for_store(&s)?.urgent_count(&mut s, today)?;
    row("tray count at start", badge.elapsed().as_secs_f64());
    cpu_at_start.set(start_cpu);
    row("start-up to 今日 with data", start.elapsed().as_secs_f64());
    mb_row("memory after start-up (RSS)", rss_mb("VmRSS"));
    let counted: usize = view.sections.iter().map(|p| p.total).sum();
    let sent: usize = view.sections.iter().map(|p| p.items.len()).sum();
    let bytes = serde_json::to_vec(&view).map(|v| v.len()).unwrap_or_default();
    eprintln!(
        "app_paths: 今日 counts {counted} items, sends {sent} rows ({} KB of JSON), {urgent} urgent; process peak RSS {} MB",
        bytes / 1024,
        rss_mb("VmHWM")
    );
    let first_key = view.sections.iter().flat_map(|p| &p.items).next().map(|i| i.key.clone()).unwrap_or_default();
    timed("今日 again", &mut || Docket::for_store(&s)?.today(&mut s, today, &query).map(drop))?;
    let one_judge = TodayQuery { rows: Some(50), judge: view.judges.first().cloned(), ..Default::default() };
    timed("今日 for one judge", &mut || Docket::for_store(&s)?.today(&mut s, today, &one_judge).map(drop))?;
    let more = TodayQuery { rows: Some(50), more: Some([(TodaySection::Limits, 100)].into()), ..Default::default() };
    timed("今日 显示更多 (审限预警, 100 rows)", &mut || {
        Docket::for_store(&s)?.today(&mut s, today, &more).map(drop)
    })?;
    // Before: the app asked a year's list (366 days, without explanations) and sorted it itself.
    cpu_at_start.set(cpu_secs());
    let year = Instant::now();
    let report = Docket::for_store(&s)?.due_overview(&mut s, today, 366)?;
    row("before: a year's list, as 今日 asked", year.elapsed().as_secs_f64());
    let bytes = serde_json::to_vec(&report).map(|v| v.len()).unwrap_or_default();
    eprintln!("app_paths: the year's list: {} items, {} KB of JSON", report.items.len(), bytes / 1024);
    drop(report);
    if !first_key.is_empty() {
        timed("今日: one row's 为什么", &mut || Docket::for_store(&s)?.explain(&s, &first_key).map(drop))?;
    }
    timed("due within 7 days, explained", &mut || Docket::for_store(&s)?.due(&mut s, today, 7).map(drop))?;
    timed("统计 first (2025, all)", &mut || stats_panel(&s, "2025-01-01", "2025-12-31", None, None).map(drop))?;
    timed("统计 again (warm, same period)", &mut || {
        stats_panel(&s, "2025-01-01", "2025-12-31", None, None).map(drop)
    })?;
    // A division to scope to, from the facts the app now holds in memory.
    let division = statistics::StatsFacts::read(&s)?.facts.iter().map(|f| f.division.clone()).find(|d| !d.is_empty());
    timed("统计 period change (2025 H2)", &mut || stats_panel(&s, "2025-07-01", "2025-12-31", None, None).map(drop))?;
    timed("统计 scope change (one division)", &mut || {
        stats_panel(&s, "2025-07-01", "2025-12-31", division.as_deref(), None).map(drop)
    })?;
    let judge = statistics::StatsFacts::read(&s)?.facts.iter().map(|f| f.judge.clone()).find(|j| !j.is_empty());
    timed("统计 scope change (one judge)", &mut || {
        stats_panel(&s, "2025-07-01", "2025-12-31", None, judge.as_deref()).map(drop)
    })?;
    timed("统计 drill-down (结案数)", &mut || {
        let period = Period::new(date("2025-01-01"), date("2025-12-31")).map_err(|e| andu_core::Coded::to_body(&e))?;
        let input = StatsInput::load(&s, period, statistics::scope(None, None, None, None)?, None)?;
        input.drill_down("closed").map(drop)
    })?;
    timed("审限 of open cases", &mut || Docket::for_store(&s)?.open_limits(&mut s, today).map(drop))?;
    timed("审限 of open cases again", &mut || Docket::for_store(&s)?.open_limits(&mut s, today).map(drop))?;
    timed("日历 (a month)", &mut || {
        let (from, to) = (date("2025-11-01"), date("2025-11-30"));
        Docket::for_store(&s)?.between(&mut s, today, from, to, false).map(drop)
    })?;
    case_list(&mut s)?;
    mb_row("memory at idle (RSS after the screens)", rss_mb("VmRSS"));
    batch_documents(&mut s, today)?;
    mb_row("peak memory (VmHWM)", rss_mb("VmHWM"));
    Ok(())
}

/// 批量生成文书: 1,000 cases' judgments as the app's `generate_documents_batch` writes them (rendered, then one
/// `write_batch`: temporary names, one disk sync, renames); then the writing alone, the same bytes written both
/// ways — one sync for the batch, and one synced file at a time as before — side by side.
fn batch_documents(s: &mut Store, today: NaiveDate) -> Result<(), ErrorBody> {
    const TEMPLATE: &str = "builtin:民事判决书（简易程序）";
    let to_body = |e: andu_store::StoreError| andu_core::Coded::to_body(&e);
    let (_, page) = s.list_cases(&andu_store::CaseFilter::default(), None, 0, 1000).map_err(to_body)?;
    let case_nos: Vec<String> = page.into_iter().map(|c| c.case_no).collect();
    let dir = std::env::temp_dir().join(format!("andu-bench-batch-{}", std::process::id()));
    let label = std::env::var("ANDU_BENCH_LABEL").unwrap_or_default();
    let start = Instant::now();
    let items = andu_docket::documents::generate_for_cases(s, TEMPLATE, &case_nos, &dir, today, |_, _, _| {})?;
    let secs = start.elapsed().as_secs_f64();
    let written = items.iter().filter(|i| i.path.is_some()).count();
    println!(
        "| {label:>7} | app: 批量文书 {written} (one sync)            | {:>8.1} ms | {:.0} docs/s",
        secs * 1000.0,
        written as f64 / secs
    );
    // The writing alone, on the same bytes: one `write_batch` against a synced file each (`write_atomic`, what
    // `render_to_file` did per case before).
    let io = |e: std::io::Error| ErrorBody { code: "io_error".into(), message: e.to_string(), detail: None };
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = items
        .iter()
        .filter_map(|i| i.path.as_ref())
        .map(|p| Ok((dir.join("again").join(p.file_name().unwrap_or_default()), std::fs::read(p).map_err(io)?)))
        .collect::<Result<_, ErrorBody>>()?;
    std::fs::create_dir_all(dir.join("again")).map_err(io)?;
    let start = Instant::now();
    andu_docs::write_batch(&files).map_err(|e| andu_core::Coded::to_body(&e))?;
    let batch = start.elapsed().as_secs_f64();
    let start = Instant::now();
    for (path, bytes) in &files {
        andu_docs::write_atomic(path, bytes).map_err(|e| andu_core::Coded::to_body(&e))?;
    }
    let each = start.elapsed().as_secs_f64();
    println!(
        "| {label:>7} | app: writing them: one sync / one per file | {:>5.0} / {:.0} ms |",
        batch * 1000.0,
        each * 1000.0
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// 案件: the list's first page, its filter lists, and its search box — `list_cases` with a query, a page of 50 as
/// the list asks (a judge's name, the same again, a party's name, one character as typing begins, pinyin
/// initials, with the 未结 filter) — and the `search` command (20 hits).
fn case_list(s: &mut Store) -> Result<(), ErrorBody> {
    use andu_store::CaseFilter;
    let label = std::env::var("ANDU_BENCH_LABEL").unwrap_or_default();
    let to_body = |e: andu_store::StoreError| andu_core::Coded::to_body(&e);
    let mut timed = |name: &str, f: &mut dyn FnMut(&mut Store) -> andu_store::Result<usize>| {
        let (start, cpu) = (Instant::now(), cpu_secs());
        let total = f(s).map_err(to_body)?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let cpu = (cpu_secs() - cpu) * 1000.0;
        println!("| {label:>7} | app: {name:<34} | {ms:>8.1} ms | {cpu:>7.1} ms CPU | {total} found");
        Ok::<_, ErrorBody>(())
    };
    let all = CaseFilter::default();
    let pending = CaseFilter { status: Some("pending".into()), ..Default::default() };
    timed("案件 list, first page", &mut |s| s.list_cases(&all, None, 0, 50).map(|p| p.0))?;
    timed("案件 filter lists (judges)", &mut |s| s.judges().map(|j| j.len()))?;
    for (name, query, filter) in [
        ("案件 search 王建国 (first)", "王建国", &all),
        ("案件 search 王建国 again", "王建国", &all),
        ("案件 search 张伟", "张伟", &all),
        ("案件 search 王 (typing begins)", "王", &all),
        ("案件 search zs", "zs", &all),
        ("案件 search 王建国, 未结", "王建国", &pending),
    ] {
        timed(name, &mut |s| s.list_cases(filter, Some(query), 0, 50).map(|p| p.0))?;
    }
    timed("search command 张伟 (20 hits)", &mut |s| s.search("张伟", 20).map(|h| h.len()))?;
    Ok(())
}

/// The CPU time this thread has used (Linux `schedstat`: on a core, in ns), in seconds; 0 where /proc is not.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

/// The process's resident memory now (`VmRSS`) or at its peak (`VmHWM`), in MB (Linux); 0 where /proc is not.
fn rss_mb(which: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| t.lines().find(|l| l.starts_with(which) && l[which.len()..].starts_with(':')).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or(0, |kb| kb / 1024)
}
