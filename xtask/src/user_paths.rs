//! `cargo xtask bench-user-paths` (also the last step of `cargo xtask bench`): the commands a judge runs, each as a
//! fresh `andu` process (release build) against demo stores of 10,000 and 100,000 cases, timed with their CPU time
//! and peak memory. The stores are built once and kept under `target/andu-bench/` (`ANDU_BENCH_STORES` names
//! another folder); every run works on a copy. `ANDU_BENCH_CASES=10000,100000,1000000` chooses the sizes: above
//! 100,000 only the reading commands run (stats, due, case show), not export/import. Goals (issue #13, 100,000
//! cases): stats for a year and due ≤ 0.5 s, search ≤ 50 ms, case show ≤ 20 ms, import ≥ 30,000 cases/s, re-import
//! of an unchanged export ≤ 3 s, export ≤ 2 s, ≤ 200 MB each; 1,000,000 cases: stats ≤ 3 s. Then the app's
//! screens through the functions its commands call (`andu-docket`'s `app_paths` bench, on a copy of the same
//! store): 统计 after a change of period or scope ≤ 100 ms, 今日 ≤ 200 ms (1,000,000 cases: 统计 warm ≤ 300 ms).
//! `ANDU_BENCH_APP_ONLY=1` runs only the app's screens (memory at idle after them ≤ 250 MB at 100,000 cases).
//! The machine's load average is printed with the tables: on a shared machine the wall time is mostly waiting
//! for a core, the CPU time is what the command costs. It prints; it never fails on a number.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::setup::{Result, root, run, say};

/// A raw key, as the app gives every store it creates (`DbKey::random`): no PBKDF2 on open.
const KEY: &str = "x'a1d0be9c5f0e4c7b8d2a6f3e1c9b7a5d3f1e0c2b4a6d8f0e2c4b6a8d0f2e4c6b'";
const TODAY: &str = "2025-11-15";
const FIXED_CASE: &str = "（2025）粤0309民初1234号";

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// What one fresh process took: wall time (s), and from /usr/bin/time when present its CPU time (user + system,
/// s) and peak RSS (MB).
struct Measured {
    wall: f64,
    cpu: Option<f64>,
    mb: Option<u64>,
}

fn measure(andu: &Path, args: &[&str]) -> Result<Measured> {
    let report = std::env::temp_dir().join(format!("andu-bench-time-{}", std::process::id()));
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%U %S %M").arg("-o").arg(&report).arg(andu);
        c
    } else {
        Command::new(andu)
    };
    cmd.args(args).env("ANDU_DB_KEY", KEY).stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = cmd.status().map_err(|e| format!("{}: {e}", andu.display()))?;
    let secs = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("andu {} failed ({status})", args.join(" ")));
    }
    let text = timed.then(|| std::fs::read_to_string(&report).ok()).flatten().unwrap_or_default();
    let fields: Vec<&str> = text.lines().last().unwrap_or("").split_whitespace().collect();
    let num = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    let cpu = num(0).zip(num(1)).map(|(u, s)| u + s);
    Ok(Measured { wall: secs, cpu, mb: num(2).map(|kb| kb as u64 / 1024) })
}

/// `load average: 1 min, 5 min` from /proc/loadavg (Linux), for the table's caption.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|t| t.split_whitespace().take(2).collect::<Vec<_>>().join(" / "))
        .unwrap_or_else(|| "unknown".into())
}

/// The demo store of `cases`, built once. `andu demo` writes the cases as it generates them and then builds what a
/// used store keeps derived from them (search docs, statistics facts, due items), so the commands below meet a
/// store as a judge's is. The name says the demo's size and `today`; the store is kept in `dir` for later runs
/// (and other benches) and every run works on a copy.
fn cached_store(andu: &Path, dir: &Path, cases: usize) -> Result<PathBuf> {
    let path = dir.join(format!("demo-{cases}-rawkey.db"));
    if !path.exists() {
        say(&format!("bench: building the {cases}-case demo store (once, kept in {})", dir.display()));
        let partial = dir.join(format!("demo-{cases}.partial.db"));
        for f in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{f}", partial.display()));
        }
        let db = partial.to_string_lossy().to_string();
        let m = measure(andu, &["demo", "--cases", &cases.to_string(), "--today", TODAY, "--db", &db])?;
        say(&format!(
            "bench: demo store built in {:.1} s ({} CPU), peak {} MB",
            m.wall,
            m.cpu.map_or("—".into(), |c| format!("{c:.1} s")),
            m.mb.unwrap_or(0)
        ));
        std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

pub fn bench() -> Result {
    say("bench: user paths — cargo build --release -p andu-cli");
    run(Command::new("cargo").args(["build", "--locked", "--release", "-p", "andu-cli"]).current_dir(root()))?;
    let andu = target_dir().join("release").join("andu");
    let dir =
        std::env::var_os("ANDU_BENCH_STORES").map(PathBuf::from).unwrap_or_else(|| target_dir().join("andu-bench"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let sizes: Vec<usize> = match std::env::var("ANDU_BENCH_CASES") {
        Ok(list) => list
            .split(',')
            .map(|n| n.trim().parse().map_err(|_| format!("ANDU_BENCH_CASES: {n}?")))
            .collect::<Result<_>>()?,
        Err(_) => vec![10_000, 100_000],
    };
    let load_before = load_average();
    let mut table = Vec::new();
    let mut app = Vec::new();
    for cases in sizes {
        let store = cached_store(&andu, &dir, cases)?;
        let work = dir.join("work.db");
        for f in ["work.db", "work.db-wal", "work.db-shm", "imported.db", "imported.db-wal", "imported.db-shm"] {
            let _ = std::fs::remove_file(dir.join(f));
        }
        std::fs::copy(&store, &work).map_err(|e| e.to_string())?;
        let (db, imported) =
            (work.to_string_lossy().to_string(), dir.join("imported.db").to_string_lossy().to_string());
        let export = dir.join("export.jsonl").to_string_lossy().to_string();
        let steps: Vec<(&str, Vec<&str>)> = vec![
            ("case show", vec!["case", "show", FIXED_CASE, "--db", &db]),
            (
                "stats (a year, --json)",
                vec!["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--json", "--db", &db],
            ),
            ("due --within 7d", vec!["due", "--within", "7d", "--today", TODAY, "--db", &db]),
            ("search 王建国", vec!["search", "王建国", "--db", &db]),
            ("search 张伟", vec!["search", "张伟", "--db", &db]),
            ("export .jsonl", vec!["export", &export, "--db", &db]),
            ("import into a new store", vec!["import", &export, "--db", &imported]),
            ("import the same again", vec!["import", &export, "--db", &imported]),
        ];
        // Above 100,000 cases: the reading commands only (an export and two imports of a million cases take
        // minutes and gigabytes, and are measured at 100,000).
        let reading = |name: &str| !(name.starts_with("export") || name.starts_with("import"));
        let app_only = std::env::var("ANDU_BENCH_APP_ONLY").is_ok_and(|v| v == "1");
        for (name, args) in steps.into_iter().filter(|(name, _)| !app_only && (cases <= 100_000 || reading(name))) {
            let m = measure(&andu, &args)?;
            let rate = name.starts_with("import into").then(|| format!(" ({:.0} cases/s)", cases as f64 / m.wall));
            table.push(format!(
                "| {cases:>7} | {name:<24} | {:>7.2} s{} | {:>7} | {:>7} |",
                m.wall,
                rate.unwrap_or_default(),
                m.cpu.map_or("—".into(), |c| format!("{c:.2} s")),
                m.mb.map_or("—".into(), |m| format!("{m} MB"))
            ));
        }
        std::fs::copy(&store, &work).map_err(|e| e.to_string())?;
        app.extend(app_paths(&work, cases)?);
    }
    println!("\nload average (1 / 5 min): {load_before} before, {} after", load_average());
    println!("\n| cases   | command                  | wall (fresh process) | CPU     | peak RSS |");
    println!("|---------|--------------------------|----------------------|---------|----------|");
    for line in table {
        println!("{line}");
    }
    println!("\n| cases   | app screen (same functions as the commands) | time        |");
    println!("|---------|------------------------------------------|-------------|");
    for line in app {
        println!("{line}");
    }
    Ok(())
}

/// The app's screens on a copy of the store, one process, in the order a user opens them.
fn app_paths(db: &Path, cases: usize) -> Result<Vec<String>> {
    let out = Command::new("cargo")
        .args(["bench", "--locked", "-q", "-p", "andu-docket", "--bench", "app_paths"])
        .env("ANDU_BENCH_DB", db)
        .env("ANDU_BENCH_KEY", KEY)
        .env("ANDU_BENCH_TODAY", TODAY)
        .env("ANDU_BENCH_LABEL", cases.to_string())
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo bench: {e}"))?;
    if !out.status.success() {
        return Err(format!("the app_paths bench failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with('|')).map(str::to_string).collect())
}
