//! `andu doc render --data-jsonl` against docxtemplater: 1,000 documents from one template and a JSON Lines
//! file, each written to its own .docx, on the same template file and data. Prints documents per second, wall
//! and CPU time, the machine's load, and the ratio (goal: ≥ 15× docxtemplater, on a busy machine too).
//!
//! The engine's side runs the CLI's path in process: parse each line, render, then `write_batch` (temporary
//! names, one `syncfs`, renames, a directory sync); for comparison also the previous path (`write_atomic`,
//! one fsync per file). docxtemplater 3.71 (Node) runs `benches/docxtemplater.mjs`, installed with npm into
//! `target/andu-bench/node` on first use; without Node or npm the comparison is skipped and says so.
//!
//! `cargo bench -p andu-docs --bench batch` (`ANDU_BATCH_DOCS` changes the count)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use andu_docs::{RenderOptions, Template, write_atomic, write_batch};

mod common;

/// CPU time of this process so far, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

struct Run {
    wall: f64,
    cpu: f64,
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    runs.swap_remove(runs.len() / 2)
}

/// What `andu doc render --data-jsonl` does after loading the template.
fn andu_batch(template: &Template, jsonl: &Path, out: &Path, one_sync: bool) -> usize {
    let text = std::fs::read_to_string(jsonl).expect("data");
    let mut files = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let data: serde_json::Value = serde_json::from_str(line).expect("json line");
        let r = template.render(&data, &RenderOptions::default()).expect("renders");
        files.push((out.join(format!("{}.docx", i + 1)), r.bytes));
    }
    std::fs::create_dir_all(out).expect("out dir");
    if one_sync {
        write_batch(&files).expect("written");
    } else {
        for (path, bytes) in &files {
            write_atomic(path, bytes).expect("written");
        }
    }
    files.len()
}

fn node_dir(root: &Path) -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("DOCXTEMPLATER_DIR") {
        return Some(PathBuf::from(d));
    }
    let dir = root.join("node");
    if dir.join("node_modules/docxtemplater").exists() {
        return Some(dir);
    }
    std::fs::create_dir_all(&dir).ok()?;
    println!("installing docxtemplater 3.71.0 and pizzip with npm into {}", dir.display());
    let ok = Command::new("npm")
        .args(["install", "--prefer-offline", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .args(["docxtemplater@3.71.0", "pizzip@3"])
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(dir)
}

fn docxtemplater(dir: &Path, template: &Path, jsonl: &Path, out: &Path) -> Option<Run> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/docxtemplater.mjs");
    let _ = std::fs::remove_dir_all(out);
    let o = Command::new("node")
        .arg(script)
        .arg(template)
        .arg(jsonl)
        .arg(out)
        .env("DOCXTEMPLATER_DIR", dir)
        .output()
        .ok()?;
    if !o.status.success() {
        println!("docxtemplater failed: {}", String::from_utf8_lossy(&o.stderr));
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
    Some(Run { wall: v["wall_s"].as_f64()?, cpu: v["cpu_s"].as_f64()? })
}

fn main() {
    let n: usize = std::env::var("ANDU_BATCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"), PathBuf::from);
    let root = target.join("andu-bench/docx-batch");
    std::fs::create_dir_all(&root).expect("bench dir");
    let template_path = root.join("judgment.docx");
    std::fs::write(&template_path, common::judgment(false)).expect("template");
    let jsonl = root.join("data.jsonl");
    let lines: Vec<String> = (0..n).map(|i| common::data(i).to_string()).collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").expect("data");
    let template = Template::open(&template_path).expect("template compiles");

    println!("{n} documents, load average before: {}", load());
    let mut table: Vec<(String, Run)> = Vec::new();
    for (label, one_sync) in [("andu, one sync per batch", true), ("andu, one fsync per file (before)", false)] {
        let mut runs = Vec::new();
        for k in 0..3 {
            let out = root.join(format!("andu-{k}"));
            let _ = std::fs::remove_dir_all(&out);
            let (t, c) = (Instant::now(), cpu_seconds());
            let done = andu_batch(&template, &jsonl, &out, one_sync);
            assert_eq!(done, n);
            runs.push(Run { wall: t.elapsed().as_secs_f64(), cpu: cpu_seconds() - c });
        }
        table.push((label.to_string(), median(runs)));
    }
    match node_dir(&root) {
        Some(dir) => {
            let runs: Vec<Run> = (0..3)
                .filter_map(|k| docxtemplater(&dir, &template_path, &jsonl, &root.join(format!("dxt-{k}"))))
                .collect();
            if runs.len() == 3 {
                table.push(("docxtemplater 3.71 (Node)".into(), median(runs)));
            }
        }
        None => println!("docxtemplater unavailable (no Node or npm): comparison skipped"),
    }
    println!("| engine | docs/s | wall s | CPU s |");
    println!("|---|---|---|---|");
    for (label, r) in &table {
        println!("| {label} | {:.0} | {:.2} | {:.2} |", n as f64 / r.wall, r.wall, r.cpu);
    }
    if let Some((_, dxt)) = table.iter().find(|(l, _)| l.starts_with("docxtemplater")) {
        let ratio = dxt.wall / table[0].1.wall;
        println!("andu (one sync) = {ratio:.1}× docxtemplater's documents per second (goal ≥ 15×)");
    }
    println!("load average after: {}", load());
}
