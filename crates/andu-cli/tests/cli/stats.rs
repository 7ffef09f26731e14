//! `andu stats`: the JSON contract of the indicators, the drill-down and the workbook export.
//!
//! Six cases, period 2025-01-01 … 2025-06-30 (worked by hand):
//! - 民初100 ordinary, filed 2024-03-01, pending: 旧存, 未结, 超12个月 (2025-03-01 < 06-30).
//! - 民初1 simple, 2025-01-01 → 2025-03-15 调解: 新收, 结案, 审限 2025-04-01 (within).
//! - 民初2 simple, 2025-01-02 → 2025-05-06 判决, appeal 改判: 审限 2025-04-02, **late** by 34 days.
//! - 民初3 ordinary +6 months, 2025-02-01 → 2025-06-30 判决: within.
//! - 民初9 (2022) ordinary, 2022-12-01 → 2025-01-20 判决: 审限 2023-06-01, no 2023 holiday table → unknown.
//! - 行初1 admin-first (郭法官, 行政庭), 2025-02-20 → 2025-04-15 驳回起诉, appeal 发回重审: within.
//!
//! received 4, pending_start 2, closed 5, pending_end 1; within 3 of 4 known (+1 unknown); 调撤 1/5; extension
//! 1/5; appeal 2 of 4 (判决/驳回起诉); reversed 1, remanded 1.

use serde_json::{Value, json};

use crate::Env;

const PARTIES: &str = r#""parties":[{"role":"原告","name":"张三"},{"role":"被告","name":"李四"}]"#;

fn line(no: &str, procedure: &str, filed: &str, rest: &str) -> String {
    let rest = if rest.is_empty() { String::new() } else { format!(",{rest}") };
    format!(
        r#"{{"case_no":"{no}","cause":"民间借贷纠纷","procedure":"{procedure}","filed":"{filed}","court":"测试法院","division":"民一庭","judge":"王法官",{PARTIES}{rest}}}"#
    )
}

fn env_with_cases() -> Env {
    let env = Env::new();
    let lines = [
        line("（2024）粤0309民初100号", "civil-ordinary", "2024-03-01", ""),
        line("（2025）粤0309民初1号", "civil-simple", "2025-01-01", r#""closed":"2025-03-15","closing_method":"调解""#),
        line(
            "（2025）粤0309民初2号",
            "civil-simple",
            "2025-01-02",
            r#""closed":"2025-05-06","closing_method":"判决","appeal":{"filed":"2025-05-20","outcome":"改判"}"#,
        ),
        line(
            "（2025）粤0309民初3号",
            "civil-ordinary",
            "2025-02-01",
            r#""closed":"2025-06-30","closing_method":"判决","extensions":[{"approved":"2025-06-01","months":6,"by":"院长"}]"#,
        ),
        line(
            "（2022）粤0309民初9号",
            "civil-ordinary",
            "2022-12-01",
            r#""closed":"2025-01-20","closing_method":"判决""#,
        ),
        line(
            "（2025）粤0309行初1号",
            "admin-first",
            "2025-02-20",
            r#""closed":"2025-04-15","closing_method":"驳回起诉","appeal":{"filed":"2025-04-25","outcome":"发回重审"}"#,
        )
        .replace(r#""division":"民一庭","judge":"王法官""#, r#""division":"行政庭","judge":"郭法官""#),
    ];
    let file = env.dir.path().join("stats.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    assert_eq!(env.json(&["import", file.to_str().unwrap()])["created"], 6);
    env
}

const HALF: [&str; 4] = ["--from", "2025-01-01", "--to", "2025-06-30"];

fn stats(env: &Env, extra: &[&str]) -> Value {
    env.json(&[&["stats"], &HALF[..], extra].concat())
}

#[test]
fn stats_prints_one_object_with_flat_indicator_keys() {
    let env = env_with_cases();
    let s = stats(&env, &[]);
    for key in [
        "received",
        "pending_start",
        "closed",
        "pending_end",
        "closure_rate",
        "close_receive_ratio",
        "within_limit_rate",
        "avg_days",
        "avg_net_days",
        "over_12m_pending",
        "over_18m_pending",
        "over_36m_pending",
        "over_12m_ratio",
        "mediation_withdrawal_rate",
        "extension_rate",
        "appeal_rate",
        "reversed",
        "remanded",
        "reversal_remand_ratio",
        "monthly",
        "definitions_version",
        "scope",
        "period",
        "within_limit_unknown",
    ] {
        assert!(s.get(key).is_some(), "missing key {key}");
    }
    assert_eq!((s["received"].as_u64(), s["pending_start"].as_u64()), (Some(4), Some(2)));
    assert_eq!((s["closed"].as_u64(), s["pending_end"].as_u64()), (Some(5), Some(1)));
    assert_eq!(s["closure_rate"], json!(5.0 / 6.0));
    assert_eq!((s["within_limit"].as_u64(), s["within_limit_unknown"].as_u64()), (Some(3), Some(1)));
    assert_eq!(s["within_limit_rate"], json!(0.75));
    assert_eq!(s["within_limit_unknown_cases"][0]["case_no"], "（2022）粤0309民初9号");
    assert_eq!(s["within_limit_unknown_cases"][0]["code"], "holiday_data_missing");
    assert_eq!((s["mediation_withdrawal_rate"].as_f64(), s["extension_rate"].as_f64()), (Some(0.2), Some(0.2)));
    assert_eq!((s["appeal_rate"].as_f64(), s["reversal_remand_ratio"].as_f64()), (Some(0.5), Some(1.0)));
    assert_eq!((s["over_12m_pending"].as_u64(), s["over_12m_ratio"].as_f64()), (Some(1), Some(1.0)));
    assert_eq!(s["litigation_per_10k"], Value::Null);
    assert_eq!(s["period"], json!({"from": "2025-01-01", "to": "2025-06-30"}));
    assert_eq!(s["scope"]["judge"], Value::Null);
    let monthly = s["monthly"].as_array().unwrap();
    assert_eq!(monthly.len(), 6);
    assert_eq!((monthly[0]["month"].as_str(), monthly[0]["received"].as_u64()), (Some("2025-01"), Some(2)));
    assert_eq!(monthly[5]["progress"], s["closure_rate"]);
    assert!(s["definitions_version"].as_str().unwrap().starts_with("andu-default"));

    // Scope flags.
    let judge = stats(&env, &["--judge", "郭法官"]);
    assert_eq!((judge["received"].as_u64(), judge["remanded"].as_u64()), (Some(1), Some(1)));
    assert_eq!(judge["scope"]["judge"], "郭法官");
    assert_eq!(stats(&env, &["--division", "民一庭"])["closed"], 4);
    assert_eq!(stats(&env, &["--procedure", "简易程序"])["received"], 2);
    assert_eq!(stats(&env, &["--category", "administrative"])["closed"], 1);

    // Text output for people.
    let out = env.run(&[&["stats"], &HALF[..]].concat());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("结案率") && text.contains("83.33%") && text.contains("2025-06"), "{text}");
}

#[test]
fn stats_cases_lists_the_cases_behind_a_number() {
    let env = env_with_cases();
    let d = env.json(&[&["stats", "cases", "--indicator", "within_limit_rate"], &HALF[..]].concat());
    assert_eq!((d["indicator"].as_str(), d["name"].as_str()), (Some("within_limit_rate"), Some("审限内结案率")));
    assert_eq!(d["value"], json!(0.75));
    let cases = d["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    let late = cases.iter().find(|c| c["case_no"] == "（2025）粤0309民初2号").unwrap();
    assert_eq!((late["role"].as_str(), late["due"].as_str()), (Some("denominator"), Some("2025-04-02")));
    for field in ["case_no", "cause", "judge", "filed", "closed", "why"] {
        assert!(late.get(field).is_some(), "missing {field}");
    }
    assert!(late["why"].as_str().unwrap().contains("超过审限届满日 2025-04-02 共 34 日"));
    let unknown = cases.iter().find(|c| c["case_no"] == "（2022）粤0309民初9号").unwrap();
    assert_eq!(unknown["role"], "excluded");

    let pending = env.json(&[
        "stats",
        "cases",
        "--indicator",
        "over_12m_pending",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-30",
        "--division",
        "民一庭",
    ]);
    assert_eq!(pending["count"], 1);
    assert_eq!(pending["cases"][0]["case_no"], "（2024）粤0309民初100号");
    assert_eq!(pending["cases"][0]["closed"], Value::Null);

    let text = env.run(&[&["stats", "cases", "--indicator", "received"], &HALF[..]].concat());
    assert!(String::from_utf8_lossy(&text.stdout).contains("（2025）粤0309行初1号"));
}

#[test]
fn stats_errors_have_codes() {
    let env = env_with_cases();
    let e = env.fails(&["stats", "--from", "2025-07-01", "--to", "2025-06-30"]);
    assert_eq!(e["code"], "period_invalid");
    assert_eq!(
        env.fails(&[&["stats", "cases", "--indicator", "happiness"], &HALF[..]].concat())["code"],
        "indicator_unknown"
    );
    assert_eq!(env.fails(&[&["stats"], &HALF[..], &["--procedure", "civil-x"]].concat())["code"], "procedure_unknown");
    assert_eq!(env.fails(&[&["stats"], &HALF[..], &["--category", "x"]].concat())["code"], "category_unknown");
    assert_eq!(env.fails(&["stats", "--from", "2025-02-30", "--to", "2025-06-30"])["code"], "date_invalid");
    let bad = env.dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 1").unwrap();
    let e = env.fails(&[&["stats"], &HALF[..], &["--definitions", bad.to_str().unwrap()]].concat());
    assert_eq!(e["code"], "definitions_invalid");
    // clap refuses a missing period before anything runs.
    assert!(!env.run(&["stats", "--from", "2025-01-01"]).status.success());
}

#[test]
fn an_empty_store_gives_zeros_and_nulls() {
    let env = Env::new();
    let s = env.json(&["stats", "--from", "2025-01-01", "--to", "2025-12-31"]);
    assert_eq!((s["received"].as_u64(), s["closed"].as_u64()), (Some(0), Some(0)));
    for key in ["closure_rate", "within_limit_rate", "avg_days", "appeal_rate", "reversal_remand_ratio"] {
        assert_eq!(s[key], Value::Null, "{key}");
    }
    assert_eq!(s["monthly"].as_array().unwrap().len(), 12);
}

#[test]
fn stats_export_writes_the_workbook_and_a_court_definition_file_is_used() {
    let env = env_with_cases();
    let out = env.dir.path().join("report.xlsx");
    let r = env.json(&[&["stats", "export", "--out", out.to_str().unwrap()], &HALF[..]].concat());
    assert_eq!((r["court"].as_str(), r["ledger"].as_u64()), (Some("测试法院"), Some(1)));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");

    let own = env.dir.path().join("court.toml");
    let text = include_str!("../../../../assets/indicators/indicators.toml")
        .replace("version = \"andu-default-2025.1\"", "version = \"测试法院-1\"")
        .replace("[population]\n", "[population]\n\"测试法院\" = 40000\n");
    std::fs::write(&own, text).unwrap();
    let s = stats(&env, &["--definitions", own.to_str().unwrap()]);
    assert_eq!(s["definitions_version"], "测试法院-1");
    // Four new 成讼 cases over 4 × 10,000 people.
    assert_eq!(s["litigation_per_10k"], json!(1.0));
}

/// `andu stats review` reads `--definitions` as every other stats command: the court's file names the version the
/// 阅核 statistics are computed under; a broken or missing file is refused with its code.
#[test]
fn stats_review_uses_the_definitions_given() {
    let env = env_with_cases();
    fn review<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        [&["stats", "review"], &HALF[..], extra].concat()
    }
    let default = env.json(&review(&[]));
    assert!(default["definitions_version"].as_str().unwrap().starts_with("andu-default"));
    let own = env.dir.path().join("court.toml");
    let text = include_str!("../../../../assets/indicators/indicators.toml")
        .replace("version = \"andu-default-2025.1\"", "version = \"测试法院-1\"");
    std::fs::write(&own, text).unwrap();
    let s = env.json(&review(&["--definitions", own.to_str().unwrap()]));
    assert_eq!(s["definitions_version"], "测试法院-1");
    let drill = env.json(&review(&["--definitions", own.to_str().unwrap(), "--indicator", "review_sent"]));
    assert_eq!(drill["count"], 0, "no case of this store was sent to 阅核");
    let bad = env.dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 1").unwrap();
    assert_eq!(env.fails(&review(&["--definitions", bad.to_str().unwrap()]))["code"], "definitions_invalid");
    let missing = env.dir.path().join("missing.toml");
    assert_eq!(env.fails(&review(&["--definitions", missing.to_str().unwrap()]))["code"], "file_unreadable");
}
