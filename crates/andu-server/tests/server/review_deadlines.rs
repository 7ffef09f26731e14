//! Issue #18, 阅核 time counts: the 庭长 reads a draft beside the case's deadlines, so the records the deadlines are
//! derived from — 节点, 开庭, 审限延长, 审限扣除 — must reach the reviewer's store through sync, and the reviewer's
//! store must count them as the judge's does. Real processes over loopback (the built `andu-server` and `andu`), as
//! in [`crate::loopback`].

use serde_json::Value;

use crate::loopback::{Client, DIV1, Server};
use crate::support::tmp_root;

const CASE: &str = "（2026）粤0309民初301号";
/// The day both stores are asked about (the 审限 and every period are counted from the records, not the clock).
const TODAY: &str = "2026-04-10";

#[test]
fn the_reviewer_s_store_counts_the_judge_s_deadlines() {
    let dir = tempfile::Builder::new().prefix("andu-review-deadlines").tempdir_in(tmp_root()).expect("tmp dir");
    let mut server = Server::new(dir.path(), None);
    server.add_user("王建国", "judge", DIV1);
    server.add_user("陈庭长", "chief", DIV1);
    server.start();

    // The judge's case: a hearing, an extension and a deduction of the 审限 (imported), and the 节点 that start
    // party periods (答辩期, 举证期限, 上诉期 do not apply yet).
    let judge = Client::new(dir.path(), "judge");
    judge.login(&server, "王建国");
    let line = serde_json::json!({
        "case_no": CASE,
        "cause": "民间借贷纠纷",
        "procedure": "civil-ordinary",
        "filed": "2026-01-05",
        "court": "深圳市龙华区人民法院",
        "division": DIV1,
        "judge": "王建国",
        "parties": [
            {"role": "原告", "name": "张三", "kind": "person"},
            {"role": "被告", "name": "深圳市某某科技有限公司", "kind": "org"}
        ],
        "hearings": [{"start": "2026-04-20T09:30", "room": "第一法庭"}],
        "extensions": [{"approved": "2026-03-30", "months": 6, "by": "院长", "reason": "需要鉴定"}],
        "deductions": [{"kind": "鉴定", "from": "2026-02-01", "to": "2026-02-20", "approved_by": "院长"}]
    });
    let file = dir.path().join("case.jsonl");
    std::fs::write(&file, format!("{line}\n")).expect("write jsonl");
    assert_eq!(judge.json(&["import", file.to_str().expect("utf-8 path")])["created"], 1);
    for (kind, date, party) in
        [("送达起诉状副本", "2026-04-01", "深圳市某某科技有限公司"), ("举证通知送达", "2026-04-02", "张三")]
    {
        judge.json(&["event", "add", CASE, "--kind", kind, "--date", date, "--party", party]);
    }
    let draft = dir.path().join("draft.json");
    std::fs::write(&draft, r#"{"本院认为": "原告主张借款成立，本院予以支持。"}"#).expect("write draft");
    judge.json(&["draft", "import", CASE, draft.to_str().expect("utf-8 path")]);
    judge.json(&["review", "send", CASE, "--note", "请庭长阅核"]);
    let (_, _, conflicts, rejected) = judge.sync();
    assert_eq!((conflicts, rejected), (0, 0));
    let theirs = judge.json(&["deadlines", CASE, "--today", TODAY]);
    // The judge's own count has everything the records imply.
    assert!(theirs["trial_limit"]["extended_by"].as_i64().unwrap_or(0) > 0, "the extension counts: {theirs}");
    assert!(theirs["trial_limit"]["deducted_days"].as_i64().unwrap_or(0) > 0, "the deduction counts: {theirs}");
    let names = |d: &Value| -> Vec<String> {
        d["deadlines"]
            .as_array()
            .expect("deadlines")
            .iter()
            .map(|v| v["name"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(names(&theirs).iter().any(|n| n == "答辩期"), "{theirs}");

    // The 庭长 joins on another machine: the case waits in the queue, and the reviewer's store derives the same
    // 审限 and the same periods from what it pulled — not only the case row.
    let chief = Client::new(dir.path(), "chief");
    chief.login(&server, "陈庭长");
    let (_, _, conflicts, rejected) = chief.sync();
    assert_eq!((conflicts, rejected), (0, 0));
    let shown = chief.json(&["case", "show", CASE]);
    for (what, n) in [("events", 2), ("hearings", 1), ("extensions", 1), ("deductions", 1)] {
        assert_eq!(shown[what].as_array().map(Vec::len), Some(n), "the reviewer's store holds the {what}: {shown}");
    }
    let mine = chief.json(&["deadlines", CASE, "--today", TODAY]);
    assert_eq!(mine, theirs, "the reviewer counts the judge's deadlines as the judge does");
    let queue = chief.json(&["review", "queue", "--today", TODAY]);
    let row = queue.as_array().and_then(|q| q.iter().find(|r| r["case_no"] == CASE)).expect("the case waits");
    assert_eq!(row["trial_limit_due"], theirs["trial_limit"]["due"], "the queue shows the extended 审限: {row}");
}
