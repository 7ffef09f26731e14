//! The `andu` binary end to end: real process, real encrypted store in a temp dir, JSON output parsed.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod bad_input;
mod court_import;
mod doc;
mod law;
mod review;
mod stats;
mod supervision;

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
    /// The human-readable output of a command that succeeds.
    fn text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
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

#[test]
fn period_contract_cpl_85_and_171() {
    let env = Env::new();
    // 15 days from 2025-09-20 ends in 国庆+中秋 2025: due 2025-10-09 (domain.md §7 #1).
    let r = env.json(&["period", "--from", "2025-09-20", "--days", "15"]);
    assert_eq!((r["nominal"].as_str(), r["due"].as_str()), (Some("2025-10-05"), Some("2025-10-09")));
    assert!(r["explanation"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("顺延")));
    // Month period at a month end (CC 202): 2025-03-31 + 6 months = 2025-09-30.
    assert_eq!(env.json(&["period", "--from", "2025-03-31", "--months", "6"])["due"], "2025-09-30");
    // Criminal custody: no roll-forward (CrimPL 105 ¶4).
    let r = env.json(&["period", "--from", "2025-08-05", "--months", "2", "--regime", "criminal-custody"]);
    assert_eq!(r["due"], "2025-10-05");
    // domain.md §0: a last day in a year without holiday data is its provisional date, flagged with the reason.
    // Served 2026-12-17, 15 days end on 2027-01-01 (元旦 — the roll waits for the 2027 notice).
    let r = env.json(&["period", "--from", "2026-12-17", "--days", "15"]);
    assert_eq!((r["due"].as_str(), r["provisional"]["year"].as_i64()), (Some("2027-01-01"), Some(2027)));
    assert_eq!(r["provisional"]["code"], "holiday_data_missing");
    assert!(r["provisional"]["reason"].as_str().unwrap().contains("2027 年放假安排尚未导入"));
    assert_eq!(env.json(&["period", "--from", "2025-09-20", "--days", "15"])["provisional"], Value::Null);
    let text = env.text(&["period", "--from", "2026-12-17", "--days", "15"]);
    assert!(text.contains("届满日：2027-01-01") && text.contains("（暂定："), "{text}");
    assert_eq!(env.fails(&["period", "--from", "2025-02-30", "--days", "1"])["code"], "date_invalid");
    // CPL 103 ¶3 (48 小时), CPL-I 125 and domain.md §0: from the next whole hour, to the hour, never rolled — an
    // urgent application at 10:00 on Tue 2025-09-30 is due in 国庆, on 10-02.
    let r = env.json(&["period", "--from", "2025-09-30 10:00", "--hours", "48"]);
    assert_eq!((r["from"].as_str(), r["due"].as_str()), (Some("2025-09-30 10:00"), Some("2025-10-02 11:00")));
    assert_eq!(env.json(&["period", "--from", "2025-09-30", "--hours", "48"])["due"], "2025-10-02");
    assert_eq!(env.fails(&["period", "--from", "2025-09-30 25:00", "--hours", "48"])["code"], "period_invalid");
    assert_eq!(env.fails(&["period", "--from", "2025-09-30 10:00", "--hours", "0"])["code"], "period_invalid");
}

#[test]
fn trial_limit_contract_cpl_152_and_cpl_i_243() {
    let env = Env::new();
    // domain.md §7 #25: 鉴定 46 days deducted; with a 6-month extension 2026-04-27.
    let r = env.json(&[
        "trial-limit",
        "--procedure",
        "civil-ordinary",
        "--filed",
        "2025-03-10",
        "--extend",
        "6m",
        "--deduct",
        "2025-05-06..2025-06-20",
        "--today",
        "2025-12-01",
    ]);
    assert_eq!((r["due"].as_str(), r["deducted_days"].as_u64()), (Some("2026-04-27"), Some(46)));
    assert!(r["nominal"].is_string() && r["explanation"].is_array());
    let r = env.json(&["trial-limit", "--procedure", "civil-simple", "--filed", "2024-11-30", "--extend", "1m"]);
    assert_eq!(r["due"], "2025-03-31", "simple procedure: 立案 + 4 months cumulative (CPL-I 258), §7 #13");
    assert_eq!(
        env.fails(&["trial-limit", "--procedure", "civil-x", "--filed", "2025-03-10"])["code"],
        "procedure_unknown"
    );
    assert_eq!(
        env.fails(&["trial-limit", "--procedure", "civil-simple", "--filed", "2025-03-10", "--extend", "6x"])["code"],
        "invalid_length"
    );
    assert_eq!(
        env.fails(&["trial-limit", "--procedure", "civil-simple", "--filed", "2025-03-10", "--extend", "25m"])["code"],
        "extension_invalid"
    );
}

/// Lengths as a new user types them: a multi-byte unit (`7天`, `6月`) once panicked in `split_at`, and a huge
/// window in date arithmetic. Every one is now read or answered with a code, never a crash.
#[test]
fn lengths_in_chinese_are_read_and_bad_ones_are_typed_errors() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    for within in ["7天", "7日", "7 天", "７天", "1周", "1w", "1个月"] {
        let r = env.json(&["due", "--within", within, "--today", "2025-10-05"]);
        assert!(r["within_days"].as_i64().unwrap() >= 7, "{within}: {r}");
    }
    assert_eq!(env.json(&["due", "--within", "2周", "--today", "2025-10-05"])["within_days"], 14);
    for (within, code) in [("7x", "invalid_length"), ("", "invalid_length"), ("abc", "invalid_length")] {
        assert_eq!(env.fails(&["due", "--within", within])["code"], code, "{within}");
    }
    let huge = env.fails(&["due", "--within", "100000000d", "--today", "2025-10-05"]);
    assert_eq!(huge["code"], "date_out_of_range", "{huge}");
    let six = |extend: &str| {
        env.json(&["trial-limit", "--procedure", "civil-ordinary", "--filed", "2025-03-10", "--extend", extend])
    };
    assert_eq!(six("6月")["due"], six("6m")["due"]);
    assert_eq!(six("6个月")["due"], six("6m")["due"]);
}

/// domain.md §0 through the store: a 简易程序 case filed 2026-10-10 has its 审限 on Sun 2027-01-10 (CPL 164), a year
/// without holiday data — `deadlines` and `due` show the provisional date, flagged with the reason, and `due`
/// lists it (reminders run on it) instead of leaving it uncomputed.
#[test]
fn provisional_dates_in_deadlines_and_due() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{}\n", LINE.replace("2025-01-05", "2026-10-10"))).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    let case = "（2025）粤0309民初1234号";
    let d = env.json(&["deadlines", case, "--today", "2026-12-01"]);
    assert_eq!(d["trial_limit"]["due"], "2027-01-10");
    assert_eq!(d["trial_limit"]["provisional"]["code"], "holiday_data_missing");
    assert_eq!(d["trial_limit_error"], Value::Null);
    let text = env.text(&["deadlines", case, "--today", "2026-12-01"]);
    assert!(text.contains("审限届满日：2027-01-10") && text.contains("（暂定：2027 年放假安排尚未导入"), "{text}");
    let due = env.json(&["due", "--within", "60d", "--today", "2026-12-01"]);
    let limit = due["items"].as_array().unwrap().iter().find(|i| i["kind"] == "trial_limit").expect("listed");
    assert_eq!((limit["due"].as_str(), limit["provisional"]["year"].as_i64()), (Some("2027-01-10"), Some(2027)));
    assert!(due["unresolved"].as_array().unwrap().is_empty(), "{due}");
    let text = env.text(&["due", "--within", "60d", "--today", "2026-12-01"]);
    assert!(text.contains("暂定") && text.contains("2027 年放假安排尚未导入"), "{text}");
}

/// A division's store holds every 审限 that ran out long ago: `due` counts those in one line (the week's items stay
/// readable), `--all` lists them, `--json` always has every item.
#[test]
fn due_counts_long_overdue_limits_in_one_line_unless_asked() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    let args = ["due", "--within", "7d", "--today", "2025-10-05"];
    let json = env.json(&args);
    let limit = json["items"].as_array().unwrap().iter().find(|i| i["kind"] == "trial_limit").expect("in --json");
    let due = limit["due"].as_str().unwrap().to_string();
    assert!(due.as_str() < "2025-09-28", "{due}: ran out before the window");
    let text = env.text(&args);
    assert!(!text.contains("审限届满"), "not listed line by line: {text}");
    assert!(text.contains(&format!("另有 1 件案件审限已于 2025-09-28 之前届满（最早 {due} 届满）")), "{text}");
    let all = env.text(&[&args[..], &["--all"]].concat());
    assert!(all.contains("审限届满") && all.contains(&due) && !all.contains("另有"), "{all}");
}

#[test]
fn deadlines_and_due_from_recorded_events() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    env.json(&[
        "event",
        "add",
        "（2025）粤0309民初1234号",
        "--kind",
        "送达判决书",
        "--date",
        "2025-09-20",
        "--party",
        "张三",
    ]);
    let d = env.json(&["deadlines", "（2025）粤0309民初1234号", "--today", "2025-10-01"]);
    let appeal = d["deadlines"].as_array().unwrap().iter().find(|v| v["party"] == "张三").unwrap();
    assert_eq!(appeal["due"], "2025-10-09");
    let due = env.json(&["due", "--within", "7d", "--today", "2025-10-05"]);
    assert!(due["items"].as_array().unwrap().iter().any(|i| i["kind"] == "period" && i["due"] == "2025-10-09"));
    assert_eq!(env.fails(&["due", "--within", "7x"])["code"], "invalid_length");
}

#[test]
fn a_conversion_to_the_ordinary_procedure_is_recorded_as_an_event_cpl_170() {
    let env = Env::new();
    let help = env.run(&["event", "add", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    for kind in ["简易程序转普通程序", "小额诉讼转简易程序", "补充侦查完毕移送", "发回重审收案", "送达判决书"]
    {
        assert!(help.contains(kind), "{kind} not in --help:\n{help}");
    }
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    let no = "（2025）粤0309民初1234号";
    // Simple procedure, 立案 2025-01-05: 3 months = 04-05 (清明) → 04-07.
    let before = env.json(&["deadlines", no, "--today", "2025-03-20"]);
    assert_eq!(before["trial_limit"]["due"], "2025-04-07");
    let added = env.json(&["event", "add", no, "--kind", "简易程序转普通程序", "--date", "2025-03-20"]);
    assert_eq!(added["procedure"]["to"], "civil-ordinary", "{added}");
    assert_eq!(env.json(&["case", "show", no])["procedure"], "civil-ordinary");
    // CPL 170; CPL-I 258 ¶3: 6 months from 立案 = 07-05 (Sat) → 07-07.
    let after = env.json(&["deadlines", no, "--today", "2025-03-20"]);
    let t = &after["trial_limit"];
    assert_eq!((t["procedure"].as_str(), t["due"].as_str()), (Some("civil-ordinary"), Some("2025-07-07")));
    let lines: Vec<&str> = t["explanation"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect();
    assert!(lines[0].contains("由简易程序转为普通程序（《民事诉讼法》第一百七十条）"), "{lines:?}");
    assert!(lines[0].contains("自立案之日起连续计算"), "{lines:?}");
    let text = env.run(&["deadlines", no, "--today", "2025-03-20"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("第一百七十条"));
    // A criminal restart on a civil case changes nothing and says why.
    env.json(&["event", "add", no, "--kind", "发回重审收案", "--date", "2025-04-01"]);
    let t = env.json(&["deadlines", no, "--today", "2025-04-01"])["trial_limit"].clone();
    assert_eq!(t["due"], "2025-07-07");
    assert!(t["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("发回重审收案")));
    // The conversion was entered by mistake: removing it puts the case back under 简易程序 and its 审限.
    let removed = env.json(&["event", "remove", no, added["id"].as_str().unwrap()]);
    assert_eq!(removed["procedure"]["to"], "civil-simple", "{removed}");
    assert_eq!(env.json(&["deadlines", no, "--today", "2025-03-20"])["trial_limit"]["due"], "2025-04-07");
    let text = String::from_utf8_lossy(&env.run(&["history", no]).stdout).to_string();
    assert!(text.contains("删除 event"), "{text}");
    assert_eq!(env.fails(&["event", "remove", no, added["id"].as_str().unwrap()])["code"], "record_not_found");
}

#[test]
fn an_administrator_imports_a_new_holiday_year() {
    let env = Env::new();
    let y2027 = env.dir.path().join("2027.json");
    // A made-up 2027 table in the notice shape (the real one is published each November).
    let days: Vec<String> = [
        ("元旦", "2027-01-01", true),
        ("春节", "2027-02-06", true),
        ("春节", "2027-02-07", true),
        ("春节", "2027-02-08", true),
        ("春节", "2027-02-09", true),
        ("春节", "2027-02-10", true),
        ("春节", "2027-02-11", true),
        ("春节", "2027-02-12", true),
        ("春节", "2027-02-13", true),
        ("清明节", "2027-04-05", true),
        ("劳动节", "2027-05-01", true),
        ("劳动节", "2027-05-03", true),
        ("国庆节", "2027-10-01", true),
        ("国庆节", "2027-10-04", true),
        ("春节", "2027-02-20", false),
    ]
    .iter()
    .map(|(n, d, off)| format!(r#"{{"name":"{n}","date":"{d}","isOffDay":{off}}}"#))
    .collect();
    std::fs::write(&y2027, format!(r#"{{"year":2027,"days":[{}]}}"#, days.join(","))).unwrap();
    assert_eq!(env.json(&["holidays", "import", y2027.to_str().unwrap()])["imported"], 2027);
    assert!(env.json(&["holidays", "list"]).as_array().unwrap().contains(&serde_json::json!(2027)));
    let bad = env.dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"year":2028,"days":[]}"#).unwrap();
    assert_eq!(env.fails(&["holidays", "import", bad.to_str().unwrap()])["code"], "holiday_table_invalid");
}

/// The week the State Council publishes next year's holidays: the notice's text, pasted into a file, is read by
/// `holidays parse` (shown, nothing stored) and imported as it is by `holidays import`.
#[test]
fn a_pasted_holiday_notice_is_shown_then_imported() {
    let env = Env::new();
    // Made-up 2027 dates in the published notice's wording (the real notice is published each November).
    let notice = env.dir.path().join("通知.txt");
    std::fs::write(
        &notice,
        "国务院办公厅关于2027年部分节假日安排的通知\n\
         一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\
         二、春节：2月6日（农历除夕、周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。\n\
         三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。\n",
    )
    .unwrap();
    let path = notice.to_str().unwrap();
    let shown = env.json(&["holidays", "parse", path]);
    assert_eq!(shown["year"], 2027);
    let days = shown["days"].as_array().unwrap();
    assert_eq!(days.iter().filter(|d| d["isOffDay"] == true).count(), 18);
    assert!(days.iter().any(|d| d["date"] == "2027-09-26" && d["isOffDay"] == false), "{shown}");
    // Nothing was imported by parsing.
    assert!(!env.json(&["holidays", "list"]).as_array().unwrap().contains(&serde_json::json!(2027)));
    let text = env.run(&["holidays", "parse", path]);
    let printed = String::from_utf8_lossy(&text.stdout);
    assert!(printed.contains("春节  2027-02-06 至 2027-02-13（8 天）  调休上班 2027-02-20"), "{printed}");

    assert_eq!(env.json(&["holidays", "import", path])["imported"], 2027);
    assert!(env.json(&["holidays", "list"]).as_array().unwrap().contains(&serde_json::json!(2027)));

    let garbled = env.dir.path().join("乱码.txt");
    std::fs::write(&garbled, "关于2028年部分节假日安排的通知\n一、元旦：另行通知。").unwrap();
    let e = env.fails(&["holidays", "import", garbled.to_str().unwrap()]);
    assert_eq!(e["code"], "holiday_notice_unreadable");
    assert!(e["message"].as_str().unwrap().contains("第一项（元旦）"), "{e}");
}

/// `andu rules`: the rule file of each area in force; a court's file replaces its area until reset.
#[test]
fn an_administrator_takes_a_court_rule_file_into_use_and_back() {
    let env = Env::new();
    let shown = env.json(&["rules", "show"]);
    let civil = shown.as_array().unwrap().iter().find(|a| a["area"] == "civil").unwrap().clone();
    assert_eq!(civil["source"], "builtin");
    let file = env.dir.path().join("civil.toml");
    let text = include_str!("../../../../assets/rules/civil.toml").replacen(
        "version = \"2026.12.2\"",
        "version = \"本院-1\"",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let imported = env.json(&["rules", "import", file.to_str().unwrap()]);
    assert_eq!((imported["area"].as_str(), imported["version"].as_str()), (Some("civil"), Some("本院-1")));
    let shown = env.json(&["rules", "show"]);
    assert!(shown.as_array().unwrap().iter().any(|a| a["area"] == "civil" && a["source"] == "court"), "{shown}");
    assert_eq!(env.json(&["rules", "reset", "civil"])["version"], civil["version"]);
    assert_eq!(env.fails(&["rules", "reset", "family"])["code"], "rule_area_unknown");
    std::fs::write(&file, "area = \"civil\"").unwrap();
    assert_eq!(env.fails(&["rules", "import", file.to_str().unwrap()])["code"], "rule_invalid");
}

#[test]
fn reminder_thresholds_are_set_and_shown() {
    let env = Env::new();
    assert_eq!(env.json(&["reminders", "show"])["urgent_days"], 5);
    let file = env.dir.path().join("r.toml");
    std::fs::write(&file, "urgent_days = 7\nparty_days_before = 2\n").unwrap();
    assert_eq!(env.json(&["reminders", "set", file.to_str().unwrap()])["urgent_days"], 7);
    assert_eq!(env.json(&["reminders", "show"])["party_days_before"], 2);
    std::fs::write(&file, "early_fraction = 1.5\n").unwrap();
    assert_eq!(env.fails(&["reminders", "set", file.to_str().unwrap()])["code"], "settings_invalid");
}

#[test]
fn parties_are_added_changed_and_removed_from_the_command_line() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    let no = "（2025）粤0309民初1234号";
    let added = env.json(&["party", "add", no, "--role", "第三人", "--name", "某某物业公司", "--kind", "org"]);
    let id = added["id"].as_str().unwrap().to_string();
    env.json(&["party", "set", no, &id, "--address", "深圳市龙华区民治街道 1 号", "--agent", "孙律师"]);
    let shown = env.json(&["case", "show", no]);
    let third = shown["parties_list"].as_array().unwrap().iter().find(|p| p["id"] == id.as_str()).unwrap().clone();
    assert_eq!((third["role"].as_str(), third["kind"].as_str()), (Some("第三人"), Some("org")), "{third}");
    assert_eq!(third["address"], "深圳市龙华区民治街道 1 号");
    // An empty value clears an optional field; a bad role is refused with the field it concerns.
    env.json(&["party", "set", no, &id, "--agent", ""]);
    let shown = env.json(&["case", "show", no]);
    assert!(shown["parties_list"][2]["agent"].is_null(), "{shown}");
    let bad = env.fails(&["party", "set", no, &id, "--role", "旁听人"]);
    assert_eq!(bad["code"], "case_invalid");
    assert_eq!(bad["detail"][0]["field"], "parties[2].role", "{bad}");
    env.json(&["party", "remove", no, &id]);
    // A hearing scheduled, then moved: removed and scheduled again.
    let h = env.json(&["hearing", "add", no, "--start", "2025-04-10 09:30", "--room", "第三法庭"]);
    assert_eq!(h["warnings"], serde_json::json!([]), "2025-04-10 is a Thursday");
    let due = env.json(&["due", "--within", "7d", "--today", "2025-04-08"]);
    let items = due["items"].as_array().unwrap();
    assert!(items.iter().any(|i| i["kind"] == "hearing" && i.to_string().contains("第三法庭")), "{due}");
    let hid = h["id"].as_str().unwrap();
    // Moved onto 劳动节 (2025-05-01…05): scheduled all the same, and said.
    let moved = env.json(&["hearing", "move", no, hid, "--start", "2025-05-02 09:30", "--room", "第五法庭"]);
    assert_eq!(moved["warnings"][0], "2025-05-02（星期五）是劳动节放假日", "{moved}");
    let text = env.run(&["hearing", "move", no, hid, "--start", "2025-04-26 09:30", "--room", "第五法庭"]);
    assert!(String::from_utf8_lossy(&text.stderr).contains("2025-04-26（星期六）是休息日"), "{text:?}");
    env.json(&["hearing", "move", no, hid, "--start", "2025-04-24 14:30", "--room", "第五法庭"]);
    let hearings = env.json(&["case", "show", no])["hearings"].clone();
    assert!(
        hearings.as_array().unwrap().iter().any(|x| x["id"] == hid && x["start"] == "2025-04-24T14:30"),
        "{hearings}"
    );
    env.json(&["event", "remove", no, hid]);
    // An appeal: refused while the case is open, recorded after 结案, its result added later.
    assert_eq!(env.fails(&["appeal", "set", no, "--filed", "2025-06-10"])["code"], "case_not_closed");
    env.json(&["case", "set", no, "closed", "2025-06-01"]);
    env.json(&["case", "set", no, "closing_method", "判决"]);
    env.json(&["appeal", "set", no, "--filed", "2025-06-10"]);
    env.json(&["appeal", "set", no, "--filed", "2025-06-10", "--outcome", "改判"]);
    assert_eq!(env.json(&["case", "show", no])["appeal"]["outcome"], "改判");
    // The 合议庭 that signs rulings and judgments.
    env.json(&["case", "set", no, "panel", "审判长 陈某、审判员 王法官、人民陪审员 刘一"]);
    assert_eq!(env.json(&["case", "show", no])["panel"], "审判长 陈某、审判员 王法官、人民陪审员 刘一");
    assert_eq!(env.fails(&["case", "set", no, "panel", "审判长 陈某、审判长 王某"])["code"], "panel_invalid");
    assert_eq!(
        env.fails(&["hearing", "add", no, "--start", "2025-04-31 09:30", "--room", "第三法庭"])["code"],
        "date_invalid"
    );
    assert_eq!(env.json(&["case", "show", no])["parties_list"].as_array().unwrap().len(), 2);
    assert_eq!(env.fails(&["party", "remove", no, &id])["code"], "record_not_found");
}

/// `andu backup` keeps the newest `--keep`, and `andu restore` refuses a wrong backup key, then brings back the
/// data the backup holds.
#[test]
fn backup_rotates_and_restore_needs_the_backup_key() {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{LINE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    let out = env.dir.path().join("备份");
    let run_backup = |key: &str| {
        let o = env
            .cmd(&["backup", "--out", out.to_str().unwrap(), "--keep", "2", "--json"])
            .env("ANDU_BACKUP_KEY", key)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<Value>(&o.stdout).unwrap()
    };
    let mut last = Value::Null;
    for _ in 0..3 {
        // Within one second too: the second and third are named …Z-2, …Z-3 and count as newer.
        last = run_backup("备份口令");
    }
    assert_eq!(last["cases"], 1);
    assert_eq!(last["kept"].as_array().map(Vec::len), Some(2));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2, "the oldest of three was removed");
    let backup = last["file"]["path"].as_str().unwrap().to_string();

    env.json(&["case", "set", "（2025）粤0309民初1234号", "judge", "备份后的法官"]);
    let wrong = env.cmd(&["restore", &backup, "--json"]).env("ANDU_BACKUP_KEY", "猜的").output().unwrap();
    assert!(!wrong.status.success());
    let body: Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_eq!(body["code"], "db_wrong_key");
    assert_eq!(env.json(&["case", "show", "（2025）粤0309民初1234号"])["judge"], "备份后的法官", "nothing changed");

    let ok = env.cmd(&["restore", &backup, "--json"]).env("ANDU_BACKUP_KEY", "备份口令").output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(env.json(&["case", "show", "（2025）粤0309民初1234号"])["judge"], "王法官");
}

/// A store filled by `andu demo` is a demo store: logging it in to a court server is refused before anything is
/// sent (the server address here does not even exist).
#[test]
fn a_demo_store_is_never_logged_in() {
    let env = Env::new();
    env.json(&["demo", "--cases", "5", "--today", "2026-11-26"]);
    let out = env
        .cmd(&["login", "--server", "http://127.0.0.1:9", "--user", "wang", "--json"])
        .env("ANDU_PASSWORD", "pw")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["code"], "demo_store_not_synced");
    assert!(body["message"].as_str().unwrap().contains("演示"), "{body}");
}
