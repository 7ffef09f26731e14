//! The app's screens at scale, through the functions its commands call (src-tauri/src/commands/stats.rs and
//! docket.rs): opening the store, 今日 (and one row's explanation), 统计 the first time, again, and after a change
//! of period or scope, a drill-down, the 审限 of open cases, a calendar month, and the process's peak memory. Run
//! by `cargo xtask bench-user-paths` on its demo stores (`ANDU_BENCH_DB`, `ANDU_BENCH_KEY`, `ANDU_BENCH_TODAY`);
//! prints one table row per step, never fails on a time.

use std::time::Instant;

use andu_core::ErrorBody;
use andu_docket::Docket;
use andu_docket::statistics::{self, StatsInput};
use andu_stats::Period;
use andu_store::{DbKey, Store};
use chrono::NaiveDate;

fn date(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).expect("a bench date")
}

/// What the `stats` command does: load, indicators, ledger, the filter lists.
fn stats_panel(s: &Store, from: &str, to: &str, division: Option<&str>) -> Result<usize, ErrorBody> {
    let period = Period::new(date(from), date(to)).map_err(|e| andu_core::Coded::to_body(&e))?;
    let input = StatsInput::load(s, period, statistics::scope(division, None, None, None)?, None)?;
    let (indicators, ledger) = (input.indicators(), input.ledger());
    let mut divisions: Vec<&str> = input.facts.iter().map(|c| c.division.as_str()).collect();
    divisions.sort_unstable();
    divisions.dedup();
    Ok(indicators.warnings.len() + ledger.len() + divisions.len())
}

fn main() -> Result<(), ErrorBody> {
    let Some(db) = std::env::var_os("ANDU_BENCH_DB") else {
        println!("app_paths: set ANDU_BENCH_DB (and ANDU_BENCH_KEY) to a store; `cargo xtask bench-user-paths` does");
        return Ok(());
    };
    let key = DbKey::new(std::env::var("ANDU_BENCH_KEY").unwrap_or_default());
    let today = date(&std::env::var("ANDU_BENCH_TODAY").unwrap_or_else(|_| "2025-11-15".into()));
    let label = std::env::var("ANDU_BENCH_LABEL").unwrap_or_default();
    let row = |name: &str, secs: f64| println!("| {label:>7} | app: {name:<34} | {:>8.1} ms |", secs * 1000.0);
    let timed = |name: &str, f: &mut dyn FnMut() -> Result<(), ErrorBody>| -> Result<(), ErrorBody> {
        let start = Instant::now();
        f()?;
        row(name, start.elapsed().as_secs_f64());
        Ok(())
    };

    let start = Instant::now();
    let mut s = Store::open(std::path::Path::new(&db), &key).map_err(|e| andu_core::Coded::to_body(&e))?;
    row("open the store", start.elapsed().as_secs_f64());
    // 今日 first: what the app shows on start — a year ahead (ui/src/views/Today.vue asks 366 days), without
    // explanations; one row's explanation when its 为什么 is opened.
    let mut first_key = String::new();
    timed("今日 (a year, as the app asks)", &mut || {
        let r = Docket::for_store(&s)?.due_overview(&mut s, today, 366)?;
        println!("| {label:>7} | app: {:<34} | {:>8} it. |", "  (今日 items)", r.items.len());
        first_key = r.items.first().map(|i| i.key.clone()).unwrap_or_default();
        Ok(())
    })?;
    timed("今日 again", &mut || Docket::for_store(&s)?.due_overview(&mut s, today, 366).map(drop))?;
    if !first_key.is_empty() {
        timed("今日: one row's 为什么", &mut || Docket::for_store(&s)?.explain(&s, &first_key).map(drop))?;
    }
    timed("due within 7 days, explained", &mut || Docket::for_store(&s)?.due(&mut s, today, 7).map(drop))?;
    timed("统计 first (2025, all)", &mut || stats_panel(&s, "2025-01-01", "2025-12-31", None).map(drop))?;
    timed("统计 again (warm, same period)", &mut || stats_panel(&s, "2025-01-01", "2025-12-31", None).map(drop))?;
    // A division to scope to, from the facts the app now holds in memory.
    let division = statistics::StatsFacts::read(&s)?.facts.iter().map(|f| f.division.clone()).find(|d| !d.is_empty());
    timed("统计 period change (2025 H2)", &mut || stats_panel(&s, "2025-07-01", "2025-12-31", None).map(drop))?;
    timed("统计 scope change (one division)", &mut || {
        stats_panel(&s, "2025-07-01", "2025-12-31", division.as_deref()).map(drop)
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
    // The process's peak resident memory (Linux): what the app would hold after these screens.
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| t.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l[6..].trim().to_string()));
    println!("| {label:>7} | app: {:<34} | {:>11} |", "peak memory (VmHWM)", peak.unwrap_or_else(|| "—".into()));
    Ok(())
}
