//! The bad-input table (issue #12): every command of `andu --help` and every file format it reads, fed input
//! that is wrong, against one demo store. For each row: the exit code (1 for a typed error, 2 for a clap usage
//! error, never 101 = a panic), the stable `code` printed under `--json`, a Chinese message on stderr, and every
//! file in the test's directory — the store, its `-wal`, the other stores and the input files — byte-identical
//! afterwards (no half-written store, no output file left behind by a refusal).
//!
//! `cargo xtask test` runs nextest over the workspace, so this table is one of its steps. The rows are data
//! (`bad_input/rows.rs`; the files they read are made by `bad_input/fixtures.rs`); this file is the runner. A
//! failing run lists every row that did not match, not only the first.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::Env;

mod fixtures;
mod rows;

/// What a row expects the process to answer.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    /// Exit 1, `{"code": CODE, "message": …}` on stdout under `--json`, `错误 [CODE]: 中文…` on stderr.
    Typed(&'static str),
    /// A clap usage error: exit 2, the usage on stderr, nothing on stdout (clap answers before `--json` is read).
    Usage,
}

/// One bad input. `@name` in an argument or an environment value is the file `name` in the test directory;
/// `{case}`, `{closed}`, `{party}` and `{hearing}` are a pending demo case, a closed one, and ids in the pending one.
pub struct Row {
    pub line: u32,
    pub args: Vec<&'static str>,
    pub stdin: Option<&'static [u8]>,
    pub env: Vec<(&'static str, &'static str)>,
    pub expect: Expect,
    /// A known bug outside this table's reach, reported to the lead: its failure is listed, not fatal; once the row
    /// holds, the test fails until the mark is removed (so a fix is never left unguarded).
    pub reported: Option<&'static str>,
}

impl Row {
    // No row is marked at the moment; kept for the next bug the table finds outside the CLI's own code.
    #[allow(dead_code)]
    pub fn reported(mut self, why: &'static str) -> Row {
        self.reported = Some(why);
        self
    }
    pub fn stdin(mut self, bytes: &'static [u8]) -> Row {
        self.stdin = Some(bytes);
        self
    }
    pub fn env(mut self, key: &'static str, value: &'static str) -> Row {
        self.env.push((key, value));
        self
    }
}

#[track_caller]
pub fn typed(args: &[&'static str], code: &'static str) -> Row {
    let line = std::panic::Location::caller().line();
    Row { line, args: args.to_vec(), stdin: None, env: vec![], expect: Expect::Typed(code), reported: None }
}

#[track_caller]
pub fn usage(args: &[&'static str]) -> Row {
    let line = std::panic::Location::caller().line();
    Row { line, args: args.to_vec(), stdin: None, env: vec![], expect: Expect::Usage, reported: None }
}

/// The ids the rows refer to, read from the demo store.
struct Names {
    case: String,
    closed: String,
    party: String,
    hearing: String,
}

fn names(env: &Env) -> Names {
    let list = env.json(&["case", "list", "--limit", "100"]);
    let items = list["items"].as_array().unwrap();
    let pick = |status: &str| {
        items.iter().find(|c| c["status"] == status).unwrap_or_else(|| panic!("no {status} case in {list}"))["case_no"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let case = pick("pending");
    let closed = pick("closed");
    // A hearing of our own in the pending case, so `hearing move` has an id to refer to.
    let h = env.json(&["hearing", "add", &case, "--start", "2026-12-03 09:30", "--room", "第一法庭"]);
    let shown = env.json(&["case", "show", &case]);
    Names {
        party: shown["parties_list"][0]["id"].as_str().unwrap().to_string(),
        hearing: h["id"].as_str().unwrap().to_string(),
        case,
        closed,
    }
}

fn expand(s: &str, dir: &Path, n: &Names) -> String {
    if let Some(name) = s.strip_prefix('@') {
        return dir.join(name).to_str().unwrap().to_string();
    }
    s.replace("{case}", &n.case)
        .replace("{closed}", &n.closed)
        .replace("{party}", &n.party)
        .replace("{hearing}", &n.hearing)
}

/// Every file under `dir` (a SQLite `-shm` index aside: it is shared memory, not data) with a hash of its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, u64)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if !path.to_string_lossy().ends_with("-shm") {
                let bytes = std::fs::read(&path).unwrap();
                let mut h = DefaultHasher::new();
                h.write(&bytes);
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), (bytes.len() as u64, h.finish()));
            }
        }
    }
    out
}

fn short(s: &str) -> String {
    s.chars().take(160).collect()
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Runs one row; the list of what did not match (empty when the row holds).
fn check(env: &Env, n: &Names, row: &Row) -> Vec<String> {
    let dir = env.dir.path();
    let mut args: Vec<String> = row.args.iter().map(|a| expand(a, dir, n)).collect();
    args.push("--json".into());
    let before = snapshot(dir);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_andu"));
    cmd.args(&args)
        .current_dir(dir)
        .env("ANDU_DB", dir.join("t.db"))
        .env("ANDU_DB_KEY", "cli-test-key")
        .env_remove("ANDU_PASSWORD")
        .env_remove("ANDU_CA_CERT")
        // Never the developer's keyring or session.
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .stdin(if row.stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in &row.env {
        cmd.env(k, expand(v, dir, n));
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = row.stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut wrong = Vec::new();
    let exit = out.status.code();
    match row.expect {
        Expect::Typed(code) => {
            if exit != Some(1) {
                wrong.push(format!("exit {exit:?}, expected 1"));
            }
            match serde_json::from_str::<Value>(&stdout) {
                Ok(v) => {
                    if v["code"] != code {
                        wrong.push(format!("code {}, expected {code}", v["code"]));
                    }
                    if !v["message"].as_str().is_some_and(has_chinese) {
                        wrong.push(format!("message {} is not Chinese", v["message"]));
                    }
                }
                Err(_) => wrong.push(format!("stdout is not the JSON error: {:?}", short(&stdout))),
            }
            if !has_chinese(&stderr) || !stderr.contains(code) {
                wrong.push(format!("stderr is not 错误 [{code}]: 中文…: {:?}", short(&stderr)));
            }
        }
        Expect::Usage => {
            if exit != Some(2) {
                wrong.push(format!("exit {exit:?}, expected 2 (usage)"));
            }
            if !stdout.trim().is_empty() {
                wrong.push(format!("stdout not empty: {:?}", short(&stdout)));
            }
            if stderr.trim().is_empty() {
                wrong.push("stderr empty".into());
            }
        }
    }
    if exit == Some(101) || stderr.contains("panicked") {
        wrong.push(format!("PANIC: {}", stderr.lines().take(3).collect::<Vec<_>>().join(" | ")));
    }
    let after = snapshot(dir);
    if before != after {
        let changed: Vec<String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .map(|k| k.display().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        wrong.push(format!("files changed: {}", changed.join(", ")));
    }
    wrong
}

/// The row as a reader finds it in rows.rs: its line and its arguments, long ones shortened.
fn label(row: &Row) -> String {
    let args: Vec<String> = row
        .args
        .iter()
        .map(|a| match a.chars().count() {
            n if n > 40 => format!("{}…（{n} 字）", a.chars().take(8).collect::<String>()),
            _ if a.chars().any(char::is_control) => format!("{a:?}"),
            _ => a.to_string(),
        })
        .collect();
    format!("rows.rs:{} {}", row.line, args.join(" "))
}

/// At least 100 bad inputs across every command and file format; none is accepted, none panics, none writes.
#[test]
fn every_bad_input_is_refused_with_its_code_and_writes_nothing() {
    let env = Env::new();
    // Not marked as a demo store: the login rows below are about addresses, which a demo store never reaches.
    env.json(&["demo", "--cases", "20", "--today", "2026-11-26", "--not-demo"]);
    let n = names(&env);
    // A store in use has its derived rows (statistics facts, due items) built, as it has its search docs: a read
    // brings them up to date, and what this table checks is that a refusal leaves the data as it was.
    env.json(&["stats", "--from", "2025-01-01", "--to", "2026-12-31"]);
    env.json(&["due", "--within", "7d"]);
    env.json(&["search", "张三"]);
    fixtures::write_all(env.dir.path());
    let table = rows::rows();
    assert!(table.len() >= 100, "the table has {} rows; issue #12 asks for at least 100", table.len());
    let mut failures = Vec::new();
    for row in &table {
        let wrong = check(&env, &n, row);
        match (row.reported, wrong.is_empty()) {
            (None, true) => {}
            (None, false) => failures.push(format!("{}\n    {}", label(row), wrong.join("\n    "))),
            (Some(why), false) => eprintln!("known, reported: {} ({why}): {}", label(row), wrong.join("; ")),
            (Some(why), true) => failures.push(format!("{} now holds: remove its .reported(\"{why}\")", label(row))),
        }
    }
    assert!(failures.is_empty(), "{} of {} rows did not hold:\n{}", failures.len(), table.len(), failures.join("\n"));
}
