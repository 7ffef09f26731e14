//! All indicators, the monthly series and the 长期未结 ledger over 1,000,000 synthetic cases on one core.
//! Target: ≤ 500 ms for one year. Run with `cargo bench -p andu-stats --bench stats`.
//!
//! The comparison with DuckDB runs the same queries through DuckDB's Python package on the same data
//! (`benches/duckdb_compare.py`, one thread, best of 3), because the `duckdb` crate would compile DuckDB's C++ for
//! 10+ minutes on the 2-core build machine. Without `python3 -c "import duckdb"` the bench says so and goes on.

use std::hint::black_box;
use std::time::{Duration, Instant};

use andu_core::{AppealOutcome, ClosingMethod, DeductionKind, ExtensionLength, Procedure};
use andu_deadline::HolidayCalendar;
use andu_stats::{
    AppealFact, CaseFacts, DeductionFact, Definitions, ExtensionFact, Period, Scope, compute, drill_down, ledger,
};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

const CASES: usize = 1_000_000;
const JUDGES: [&str; 12] =
    ["王建国", "陈静", "刘洋", "黄志强", "张卫东", "郭海燕", "李明", "赵敏", "孙磊", "周杰", "吴芳", "郑浩"];
const DIVISIONS: [&str; 4] = ["民一庭", "民二庭", "刑事审判庭", "行政审判庭"];

/// Deterministic cases filed 2016-01-01 … 2026-06-30 (about 95,000 a year), 93% closed after 10–400 days,
/// 15% with a deduction, 10% with an extension, a third of the judgments appealed.
fn synthetic() -> Vec<CaseFacts> {
    let first = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let span = (NaiveDate::from_ymd_opt(2026, 6, 30).unwrap() - first).num_days() as u64;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let days = |n: u64| chrono::Duration::days(n as i64);
    (0..CASES)
        .map(|i| {
            let procedure = Procedure::ALL[(next() % 6) as usize]; // mostly civil first instance and appeals
            let filed = first + days(next() % span);
            let mut c = CaseFacts::new(format!("（{}）粤0309民初{}号", 2016 + i % 11, i + 1), procedure, filed);
            c.cause = "民间借贷纠纷".into();
            c.court = "深圳市龙华区人民法院".into();
            c.division = DIVISIONS[i % DIVISIONS.len()].into();
            c.judge = JUDGES[i % JUDGES.len()].into();
            if next() % 100 < 15 {
                let from = filed + days(20 + next() % 60);
                c.deductions.push(DeductionFact { kind: DeductionKind::Appraisal, from, to: from + days(next() % 45) });
            }
            if next() % 10 == 0 {
                c.extensions.push(ExtensionFact { approved: filed + days(80), length: ExtensionLength::Months(3) });
            }
            if next() % 100 < 93 {
                let closed = filed + days(10 + next() % 390);
                c.closed = Some(closed);
                let method = ClosingMethod::ALL[(next() % 5) as usize];
                c.closing_method = Some(method);
                if method == ClosingMethod::Judgment && next() % 3 == 0 {
                    let outcome = AppealOutcome::ALL.get((next() % 7) as usize).copied();
                    c.appeal = Some(AppealFact { filed: closed + days(12), outcome });
                }
            }
            c
        })
        .collect()
}

fn run(cases: &[CaseFacts], period: Period, defs: &Definitions, cal: &HolidayCalendar) -> usize {
    let indicators = compute(cases, period, &Scope::whole(), defs, cal);
    let rows = ledger(cases, period, &Scope::whole(), defs);
    black_box(&indicators);
    (indicators.closed + indicators.received) as usize + indicators.monthly.len() + rows.len()
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed().as_secs_f64() * 1000.0)
}

/// Write the facts as CSV, time DuckDB on the same indicators, print the ratio.
fn compare_with_duckdb(cases: &[CaseFacts], period: Period, andu_ms: f64) {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("andu-duckdb-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let csv = dir.join("cases.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("temp file"));
    writeln!(out, "case_no,judge,division,procedure,filed,closed,method,extended,deducted,appealed,outcome").unwrap();
    for c in cases {
        let deducted: i64 = c.deductions.iter().map(|d| (d.to - d.from).num_days() + 1).sum();
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{}",
            c.case_no,
            c.judge,
            c.division,
            c.procedure.id(),
            c.filed,
            c.closed.map(|d| d.to_string()).unwrap_or_default(),
            c.closing_method.map(|m| m.as_str()).unwrap_or(""),
            !c.extensions.is_empty(),
            deducted,
            c.appeal.is_some(),
            c.appeal.as_ref().and_then(|a| a.outcome).map(|o| o.as_str()).unwrap_or(""),
        )
        .unwrap();
    }
    drop(out);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/duckdb_compare.py");
    let result = std::process::Command::new("python3")
        .args([script, &csv.display().to_string(), &period.from.to_string(), &period.to.to_string()])
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            match text.lines().find_map(|l| l.strip_prefix("duckdb_ms=")).and_then(|v| v.trim().parse::<f64>().ok()) {
                Some(duck_ms) => println!(
                    "andu-stats vs DuckDB (same data and period, one thread each, DuckDB without 审限内结案率): andu-stats {andu_ms:.0} ms, DuckDB {duck_ms:.0} ms, ratio {:.2}",
                    andu_ms / duck_ms
                ),
                None => println!("andu-stats vs DuckDB: no timing in DuckDB's output: {text}"),
            }
        }
        Ok(o) => println!(
            "andu-stats vs DuckDB: not run ({}); install with `pip install duckdb`",
            String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or("python3 failed")
        ),
        Err(e) => println!("andu-stats vs DuckDB: not run (python3: {e})"),
    }
}

fn bench(c: &mut Criterion) {
    let (defs, cal) = (Definitions::embedded(), HolidayCalendar::embedded());
    let (cases, build_ms) = timed(synthetic);
    let year =
        Period::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap())
            .unwrap();
    let three =
        Period::new(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
            .unwrap();

    let (i, _) = timed(|| compute(&cases, year, &Scope::whole(), &defs, &cal));
    let (_, year_ms) = timed(|| run(&cases, year, &defs, &cal));
    let (_, three_ms) = timed(|| run(&cases, three, &defs, &cal));
    let judge = Scope { judge: Some("王建国".into()), ..Scope::default() };
    let (_, judge_ms) = timed(|| compute(&cases, year, &judge, &defs, &cal));
    let (drill, drill_ms) =
        timed(|| drill_down(&cases, year, &Scope::whole(), &defs, &cal, "within_limit_rate").unwrap());
    println!("andu-stats: {CASES} synthetic cases built in {build_ms:.0} ms");
    println!(
        "andu-stats: all indicators + monthly series + ledger, 2025 ({} received, {} closed, {} pending at the end): {year_ms:.0} ms on one core (target ≤ 500 ms)",
        i.received, i.closed, i.pending_end
    );
    println!("andu-stats: the same for 2024-01-01 … 2026-06-30: {three_ms:.0} ms; one judge's 2025: {judge_ms:.0} ms");
    println!("andu-stats: drill-down of within_limit_rate (2025, {} rows): {drill_ms:.0} ms", drill.count);
    compare_with_duckdb(&cases, year, year_ms);

    let mut group = c.benchmark_group("stats");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(10));
    group.bench_function("1m_cases_one_year", |b| b.iter(|| run(&cases, year, &defs, &cal)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
