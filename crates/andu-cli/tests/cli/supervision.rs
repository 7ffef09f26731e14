//! `andu review appeal-cases|appeal-case` and `andu stats judge` (issue #18): the 发改 list from a real store, a
//! 评查 recorded and refused, the ledger written, and the per-judge page's JSON.
//!
//! Three cases of 民一庭: 民初1 (王法官) closed 2026-02-04 by 判决, appeal 改判, one hearing; 民初2 (王法官) closed
//! 2026-03-11 by 调解, two hearing days; 民初3 (李法官) closed 2026-04-01 by 判决, appeal 维持, one hearing.

use chrono::NaiveDate;
use serde_json::Value;

use crate::Env;

const PARTIES: &str = r#""parties":[{"role":"原告","name":"张三"},{"role":"被告","name":"李四"}]"#;

fn env_with_cases() -> Env {
    let env = Env::new();
    let line = |no: u32, judge: &str, filed: &str, rest: &str| {
        format!(
            r#"{{"case_no":"（2026）粤0309民初{no}号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"{filed}","court":"测试法院","division":"民一庭","judge":"{judge}",{PARTIES},{rest}}}"#
        )
    };
    let lines = [
        line(
            1,
            "王法官",
            "2026-01-05",
            r#""closed":"2026-02-04","closing_method":"判决","appeal":{"filed":"2026-02-15","outcome":"改判"},"hearings":[{"start":"2026-01-20T09:00","room":"第一法庭"}]"#,
        ),
        line(
            2,
            "王法官",
            "2026-01-10",
            r#""closed":"2026-03-11","closing_method":"调解","hearings":[{"start":"2026-02-03T09:00","room":"第一法庭"},{"start":"2026-02-24T09:00","room":"第一法庭"}]"#,
        ),
        line(
            3,
            "李法官",
            "2026-03-02",
            r#""closed":"2026-04-01","closing_method":"判决","appeal":{"filed":"2026-04-10","outcome":"维持"},"hearings":[{"start":"2026-03-20T09:00","room":"第二法庭"}]"#,
        ),
    ];
    let file = env.dir.path().join("cases.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    assert_eq!(env.json(&["import", file.to_str().unwrap()])["created"], 3);
    env
}

fn date(v: &Value) -> NaiveDate {
    andu_core::date::parse_date(v.as_str().unwrap()).unwrap()
}

#[test]
fn a_reversed_case_is_listed_reviewed_and_exported() {
    let env = env_with_cases();
    let list = env.json(&["review", "appeal-cases"]);
    assert_eq!(list["deadline_days"], 30);
    assert_eq!(list["reasons"][1], "适用法律");
    let rows = list["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "only the 改判 case: {list}");
    let row = &rows[0];
    assert_eq!((row["case_no"].as_str(), row["outcome"].as_str()), (Some("（2026）粤0309民初1号"), Some("改判")));
    assert_eq!((row["state"].as_str(), row["overdue"].as_bool()), (Some("待评查"), Some(false)));
    // The outcome was recorded by the import (today): the deadline is 30 days on.
    let entered = date(&row["entered"]);
    assert_eq!(date(&row["due"]), entered + chrono::Days::new(30));
    assert_eq!(row["days_left"], 30);
    // Judged a day after the deadline, it is overdue.
    let late = (entered + chrono::Days::new(31)).to_string();
    let later = env.json(&["review", "appeal-cases", "--today", &late]);
    assert_eq!((later["rows"][0]["overdue"].as_bool(), later["rows"][0]["days_left"].as_i64()), (Some(true), Some(-1)));

    // Refusals: a reason outside the court's list, a case not reversed or remanded, a bad --responsible.
    let e = env.fails(&[
        "review",
        "appeal-case",
        "（2026）粤0309民初1号",
        "--reason",
        "其它",
        "--responsible",
        "no",
        "--lesson",
        "x",
    ]);
    assert_eq!(e["code"], "appeal_review_reason_unknown");
    let e = env.fails(&[
        "review",
        "appeal-case",
        "（2026）粤0309民初3号",
        "--reason",
        "程序",
        "--responsible",
        "no",
        "--lesson",
        "x",
    ]);
    assert_eq!(e["code"], "appeal_review_not_applicable");
    assert!(e["message"].as_str().unwrap().contains("维持"), "{e}");
    let e = env.fails(&[
        "review",
        "appeal-case",
        "（2026）粤0309民初1号",
        "--reason",
        "程序",
        "--responsible",
        "maybe",
        "--lesson",
        "x",
    ]);
    assert_eq!(e["code"], "field_invalid");
    let e = env.fails(&[
        "review",
        "appeal-case",
        "（2026）粤0309民初1号",
        "--reason",
        "程序",
        "--responsible",
        "no",
        "--lesson",
        " ",
    ]);
    assert_eq!(e["code"], "field_required");

    let r = env.json(&[
        "review",
        "appeal-case",
        "（2026）粤0309民初1号",
        "--reason",
        "适用法律",
        "--responsible",
        "yes",
        "--lesson",
        "一案一策：民间借贷利率的裁判尺度与二审不一致，组织专业法官会议统一",
    ]);
    assert_eq!(r["state"], "已评查");
    let list = env.json(&["review", "appeal-cases"]);
    let row = &list["rows"][0];
    assert_eq!((row["state"].as_str(), row["overdue"].as_bool()), (Some("已评查"), Some(false)));
    assert_eq!(row["review"]["reason"], "适用法律");
    assert_eq!(row["review"]["responsible"], true);
    assert!(row["review"]["lesson"].as_str().unwrap().starts_with("一案一策"));
    // The record is on the case and in its history (it travels with sync like the rest).
    let shown = env.json(&["case", "show", "（2026）粤0309民初1号"]);
    assert_eq!(shown["appeal_reviews"].as_array().unwrap().len(), 1);
    let history = env.json(&["history", "（2026）粤0309民初1号"]);
    assert_eq!(history[0]["entity"], "appeal_review");

    // Filters, and the ledger.
    assert_eq!(env.json(&["review", "appeal-cases", "--judge", "李法官"])["rows"].as_array().unwrap().len(), 0);
    let out = env.dir.path().join("评查台账.xlsx");
    let r = env.json(&["review", "appeal-cases", "--out", out.to_str().unwrap()]);
    assert_eq!(r["cases"], 1);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let text = env.text(&["review", "appeal-cases"]);
    assert!(text.contains("已评查") && text.contains("30 日"), "{text}");
}

#[test]
fn the_judge_page_has_each_indicator_with_the_division_median() {
    let env = env_with_cases();
    let page = env.json(&["stats", "judge", "王法官", "--from", "2026-01-01", "--to", "2026-06-30"]);
    assert_eq!((page["judge"].as_str(), page["division"].as_str()), (Some("王法官"), Some("民一庭")));
    let metric = |key: &str| page["metrics"].as_array().unwrap().iter().find(|m| m["key"] == key).unwrap().clone();
    // 王: 2 closed (30 and 60 days), one 改判 of 2, hearing days 1 and 2 → one of two closed after one hearing.
    assert_eq!(
        (metric("closed")["value"].as_f64(), metric("closed")["division_median"].as_f64()),
        (Some(2.0), Some(1.5))
    );
    assert_eq!(metric("avg_days")["value"].as_f64(), Some(45.0));
    assert_eq!(metric("reversal_remand_rate")["value"].as_f64(), Some(0.5));
    assert_eq!(metric("one_hearing_rate")["value"].as_f64(), Some(0.5));
    assert_eq!(metric("hearings_per_closed")["value"].as_f64(), Some(1.5));
    assert_eq!(metric("weighted_closed")["value"].as_f64(), Some(2.0));
    assert!(metric("review_returned")["value"].is_null());
    assert_eq!(metric("closed")["trend"].as_array().unwrap().len(), 12);

    // A court's weights file: 简易程序 weighs 0.5.
    let weights = env.dir.path().join("weights.toml");
    std::fs::write(&weights, "version = \"本院-2026\"\ndefault = 1.0\n[procedure]\n\"简易程序\" = 0.5\n").unwrap();
    let page = env.json(&[
        "stats",
        "judge",
        "王法官",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--weights",
        weights.to_str().unwrap(),
    ]);
    let w = page["metrics"].as_array().unwrap().iter().find(|m| m["key"] == "weighted_closed").unwrap().clone();
    assert_eq!(w["value"].as_f64(), Some(1.0));
    assert_eq!(page["weights_version"], "本院-2026");

    let e = env.fails(&["stats", "judge", "无此人", "--from", "2026-01-01", "--to", "2026-06-30"]);
    assert_eq!(e["code"], "judge_unknown");
    let text = env.text(&["stats", "judge", "王法官", "--from", "2026-01-01", "--to", "2026-06-30"]);
    assert!(text.contains("一次有效庭审率") && text.contains("庭内中位数"), "{text}");
}
