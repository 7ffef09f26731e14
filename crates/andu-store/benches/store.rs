//! `cargo bench -p andu-store --bench store` (or `cargo xtask bench`): bulk import of 100,000 cases and search
//! latency percentiles over them, on a real SQLCipher file. Goals (issue #2): import ≥ 20,000 cases/s; search
//! p95 ≤ 20 ms. Prints the measurements; it asserts nothing, because speed is not a test.

use std::time::Instant;

use andu_store::exchange::{ImportOptions, jsonl};
use andu_store::{DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n: usize = std::env::var("ANDU_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cases = andu_store::demo::generate(today, n - 1, 42);
    let rows = jsonl::parse(&jsonl::write(&cases));

    let mut store = Store::open(&dir.path().join("bench.db"), &DbKey::new("bench")).unwrap();
    let t = Instant::now();
    let report = store.import(rows, ImportOptions::default(), now).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "import: {} cases (with parties, hearings, extensions, deductions, appeals, notes) in {:.2} s = {:.0} cases/s (goal ≥ 20000)",
        report.created,
        secs,
        report.created as f64 / secs
    );

    if std::env::var_os("ANDU_BENCH_IMPORT_ONLY").is_some() {
        return;
    }
    let t = Instant::now();
    store.search("预热", 1).unwrap();
    println!(
        "search index: first build over {} cases in {:.0} ms (once per app start)",
        n,
        t.elapsed().as_secs_f64() * 1e3
    );

    let queries = [
        "张三",
        "zs",
        "zhangsan",
        "王伟",
        "民初1234",
        "（2025）粤0309民初1234号",
        "深圳市华信",
        "借贷",
        "王建国",
        "hzq",
        "刘 信用卡",
        "不存在的名字",
    ];
    let mut times = Vec::new();
    let mut worst = vec![0f64; queries.len()];
    for _ in 0..30 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let hits = store.search(q, 50).unwrap();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            worst[i] = worst[i].max(ms);
            times.push(ms);
            std::hint::black_box(hits);
        }
    }
    let slowest: Vec<String> = queries.iter().zip(&worst).map(|(q, w)| format!("{q} {w:.1}")).collect();
    println!("search: slowest run per query (ms): {}", slowest.join(", "));
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "search: {} queries over {} cases: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms (goal p95 ≤ 20 ms)",
        times.len(),
        n,
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().unwrap()
    );
}
