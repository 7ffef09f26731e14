//! The `andu` binary end to end: real process, real encrypted store in a temp dir, JSON output parsed.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_andu"));
        c.args(args).env("ANDU_DB", self.dir.path().join("t.db")).env("ANDU_DB_KEY", "cli-test-key");
        c
    }
    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }
    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(&[args, &["--json"]].concat());
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
    fn fails(&self, args: &[&str]) -> Value {
        let out = self.run(&[args, &["--json"]].concat());
        assert!(!out.status.success(), "{args:?} should fail");
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

const LINE: &str = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"2025-01-05","judge":"王法官","parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"某某科技有限公司","kind":"org"}]}"#;

#[test]
fn import_list_show_set_history_search() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    let r = env.json(&["import", file.to_str().unwrap()]);
    assert_eq!(r["created"], 1);
    let list = env.json(&["case", "list", "--status", "pending"]);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["parties"], "张三 诉 某某科技有限公司");
    let shown = env.json(&["case", "show", "(2025)粤0309民初1234号"]);
    assert_eq!(shown["cause"], "民间借贷纠纷");
    env.json(&["case", "set", "（2025）粤0309民初1234号", "clerk", "钱书记员"]);
    let h = env.json(&["history", "（2025）粤0309民初1234号"]);
    assert_eq!((h[0]["field"].as_str(), h[0]["new"].as_str()), (Some("clerk"), Some("钱书记员")));
    let hits = env.json(&["search", "zs"]);
    assert_eq!(hits[0]["case_no"], "（2025）粤0309民初1234号");
}

#[test]
fn case_add_from_flags_and_from_stdin() {
    let env = Env::new();
    let d = env.json(&[
        "case",
        "add",
        "--case-no",
        "(2025)粤0309民初77号",
        "--cause",
        "买卖合同纠纷",
        "--procedure",
        "简易程序",
        "--filed",
        "2025-02-01",
        "--party",
        "原告:李四",
        "--party",
        "被告:深圳市某某有限公司",
    ]);
    assert_eq!(d["parties_list"][1]["kind"], "org");
    let mut child = env.cmd(&["case", "add", "--json"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(LINE.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(env.json(&["case", "list"])["total"], 2);
    assert_eq!(
        env.fails(&[
            "case",
            "add",
            "--case-no",
            "(2025)粤0309民初77号",
            "--cause",
            "x",
            "--procedure",
            "civil-simple",
            "--filed",
            "2025-02-01",
            "--party",
            "原告:王"
        ])["code"],
        "case_exists"
    );
}

#[test]
fn errors_have_codes_and_exit_non_zero() {
    let env = Env::new();
    env.json(&["case", "list"]); // creates the store
    let e = env.fails(&["casenum", "check", "（2024）粤0309民X1号"]);
    assert_eq!((e["code"].as_str(), e["detail"]["part"].as_str()), (Some("casenum_invalid"), Some("type")));
    assert_eq!(env.fails(&["case", "show", "（2024）粤0309民初1号"])["code"], "case_not_found");
    assert_eq!(env.fails(&["case", "set", "（2024）粤0309民初1号", "colour", "x"])["code"], "field_unknown");
    let out = env.cmd(&["case", "list", "--json"]).env("ANDU_DB_KEY", "wrong").output().unwrap();
    assert!(!out.status.success());
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["code"], "db_wrong_key");
    assert!(String::from_utf8_lossy(&out.stderr).contains("密钥错误"));
    let out = env
        .cmd(&["case", "list"])
        .env_remove("ANDU_DB_KEY")
        .env("ANDU_DB", env.dir.path().join("other.db"))
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("db_key_missing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_import_rows_are_listed_and_nothing_is_written() {
    let env = Env::new();
    let file = env.dir.path().join("bad.jsonl");
    std::fs::write(&file, format!("{LINE}\n{}\n", LINE.replace("2025-01-05", "2025-01-32"))).unwrap();
    let e = env.fails(&["import", file.to_str().unwrap()]);
    assert_eq!(e["code"], "import_invalid_rows");
    assert_eq!(e["detail"][0]["line"], 2);
    assert_eq!(env.json(&["case", "list"])["total"], 0);
    let r = env.json(&["import", file.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!((r["created"].as_u64(), r["skipped"].as_array().map(Vec::len)), (Some(1), Some(1)));
}

#[test]
fn export_both_formats() {
    let env = Env::new();
    env.json(&["demo", "--cases", "20", "--today", "2026-11-26"]);
    for f in ["out.jsonl", "out.xlsx"] {
        let path = env.dir.path().join(f);
        assert_eq!(env.json(&["export", path.to_str().unwrap()])["exported"], 21);
        assert!(std::fs::metadata(&path).unwrap().len() > 100);
    }
}
