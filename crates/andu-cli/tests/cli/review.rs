//! `andu draft …` and `andu review …` end to end (issue #18): a judge imports a draft and sends it, the 庭长 reads
//! the queue, comments on a passage and returns it, the judge revises and sends again, the 庭长 approves, the judge
//! exports the .docx; the typed refusals on the way; the override of the export gate recorded.

use super::Env;

const CASE: &str = r#"{"case_no":"（2025）粤0309民初88号","cause":"民间借贷纠纷","procedure":"civil-ordinary","filed":"2026-09-01","division":"民一庭","judge":"王法官","parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"李四","kind":"person"}]}"#;
const NO: &str = "（2025）粤0309民初88号";
const JUDGE: &[&str] = &["--as", "王法官", "--role", "法官", "--division", "民一庭"];
const CHIEF: &[&str] = &["--as", "陈庭长", "--role", "庭长", "--division", "民一庭"];

fn with(who: &[&str], args: &[&str]) -> Vec<String> {
    args.iter().chain(who.iter()).map(|s| s.to_string()).collect()
}

fn setup() -> Env {
    let env = Env::new();
    let file = env.dir.path().join("in.jsonl");
    std::fs::write(&file, format!("{CASE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    env
}

fn draft_file(env: &Env, name: &str, body: &str) -> String {
    let p = env.dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    p.to_str().unwrap().to_string()
}

macro_rules! run {
    ($env:expr, $method:ident, $who:expr, $($arg:expr),+) => {{
        let args = with($who, &[$($arg),+]);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        $env.$method(&refs)
    }};
}

#[test]
fn a_draft_goes_through_review_and_is_exported_once_approved() {
    let env = setup();
    let v1 = draft_file(
        &env,
        "v1.json",
        r#"{"本院认为": "原告主张借款成立，本院予以支持。", "判决主文": "被告于判决生效之日起十日内偿还借款。"}"#,
    );
    let saved = run!(env, json, JUDGE, "draft", "import", NO, &v1);
    assert!(saved["revision"].is_string());
    // A section the editor does not have is refused with the list of names.
    let bad = draft_file(&env, "bad.json", r#"{"事实与理由": "x"}"#);
    assert_eq!(run!(env, fails, JUDGE, "draft", "import", NO, &bad)["code"], "draft_section_unknown");
    // Deciding before anything was sent.
    assert_eq!(run!(env, fails, CHIEF, "review", "decide", NO, "--approve")["code"], "review_not_pending");

    let round = run!(env, json, JUDGE, "review", "send", NO, "--note", "请庭长阅核");
    assert_eq!(round["reviewer"], "庭长");
    let shown = run!(env, json, JUDGE, "draft", "show", NO);
    assert_eq!((shown["revision_no"].as_u64(), shown["review_status"].as_str()), (Some(1), Some("待阅核")));
    assert_eq!(shown["sections"][0]["label"], "本院认为");
    // The export waits for 同意签发.
    let out = env.dir.path().join("判决书.docx");
    let out = out.to_str().unwrap();
    assert_eq!(run!(env, fails, JUDGE, "draft", "export", NO, "--out", out)["code"], "review_pending");

    let queue = run!(env, json, CHIEF, "review", "queue", "--today", "2026-11-26");
    assert_eq!(queue[0]["case_no"], NO);
    assert!(queue[0]["waiting_days"].as_i64().unwrap() >= 0);
    assert!(queue[0]["trial_limit_due"].is_string(), "{queue}");
    assert_eq!(run!(env, json, JUDGE, "review", "queue")[0], serde_json::Value::Null, "the judge reviews nothing");

    // Typed refusals: a 庭长 of another division, a reviewer editing the text, the judge deciding.
    let other = &["--as", "周庭长", "--role", "庭长", "--division", "民二庭"][..];
    assert_eq!(
        run!(env, fails, other, "review", "comment", NO, "--quote", "借款成立", "--text", "x")["code"],
        "forbidden_case"
    );
    assert_eq!(run!(env, fails, CHIEF, "draft", "import", NO, &v1)["code"], "not_the_author");
    assert_eq!(run!(env, fails, JUDGE, "review", "decide", NO, "--approve")["code"], "forbidden_case");

    let c = run!(env, json, CHIEF, "review", "comment", NO, "--quote", "借款成立", "--text", "请写明交付证据");
    assert_eq!(c["section"], "reasoning");
    run!(env, json, JUDGE, "review", "comment", NO, "--reply-to", c["id"].as_str().unwrap(), "--text", "已补充");
    run!(env, json, CHIEF, "review", "decide", NO, "--return", "--note", "补充证据分析");

    let v2 = draft_file(&env, "v2.json", r#"{"本院认为": "原告提交转账凭证，借款已实际交付，本院予以支持。"}"#);
    run!(env, json, JUDGE, "draft", "import", NO, &v2);
    let shown = run!(env, json, JUDGE, "draft", "show", NO);
    assert_eq!(shown["revision_no"], 2);
    assert_eq!(
        shown["sections"][1]["text"], "被告于判决生效之日起十日内偿还借款。",
        "sections left out keep their text"
    );
    run!(env, json, JUDGE, "review", "send", NO);
    run!(env, json, CHIEF, "review", "decide", NO, "--approve");

    let review = run!(env, json, JUDGE, "review", "show", NO);
    assert_eq!(review["status"], "同意签发");
    let rounds = review["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!((rounds[0]["decision"].as_str(), rounds[1]["decision"].as_str()), (Some("return"), Some("approve")));
    let comment = &rounds[0]["comments"][0];
    assert_eq!(
        (comment["quote"].as_str(), comment["text"].as_str(), comment["by"].as_str()),
        (Some("借款成立"), Some("请写明交付证据"), Some("陈庭长"))
    );
    assert!(comment["at"].is_string());

    let exported = run!(env, json, JUDGE, "draft", "export", NO, "--out", out);
    assert_eq!(exported["override"], false);
    assert!(std::fs::metadata(out).unwrap().len() > 1000);
}

#[test]
fn the_export_override_is_recorded_and_the_discussion_is_a_decision() {
    let env = setup();
    let v1 = draft_file(&env, "v1.json", r#"{"本院认为": "原告主张借款成立。"}"#);
    run!(env, json, JUDGE, "draft", "import", NO, &v1);
    run!(env, json, JUDGE, "review", "send", NO);
    let out = env.dir.path().join("x.docx");
    let out = out.to_str().unwrap();
    let done = run!(env, json, JUDGE, "draft", "export", NO, "--out", out, "--override", "当事人当庭和解后需即时送达");
    assert_eq!(done["override"], true);
    let review = run!(env, json, JUDGE, "review", "show", NO);
    assert_eq!(review["overrides"][0]["reason"], "当事人当庭和解后需即时送达");
    assert_eq!(review["overrides"][0]["by"], "王法官");
    // The override is the judge's.
    assert_eq!(
        run!(env, fails, CHIEF, "draft", "export", NO, "--out", out, "--override", "急")["code"],
        "not_the_author"
    );
    assert_eq!(run!(env, fails, CHIEF, "review", "decide", NO, "--discuss", "茶话会")["code"], "review_forum_unknown");
    let d = run!(env, json, CHIEF, "review", "decide", NO, "--discuss", "专业法官会议");
    assert_eq!(d["forum"], "专业法官会议");
    assert_eq!(run!(env, json, JUDGE, "review", "show", NO)["status"], "提交讨论");
    // Nobody named: no profile, no login.
    assert_eq!(env.fails(&["review", "send", NO])["code"], "actor_unknown");
}

/// A generated 裁定书 (the built-in 准予撤诉 template, rendered from the case) is imported from its .docx, sent to
/// 阅核, commented on a passage of its text and approved — the same way as the judgment.
#[test]
fn a_generated_ruling_is_imported_from_its_docx_and_goes_through_review() {
    let env = setup();
    let ruling = env.dir.path().join("民事裁定书（准予撤诉）.docx");
    let ruling = ruling.to_str().unwrap();
    env.json(&["doc", "render", "--template", "builtin:民事裁定书（准予撤诉）", "--case", NO, "--out", ruling]);

    // Only the case's judge saves it; bytes that are no .docx and a kind that is neither are refused, typed.
    assert_eq!(run!(env, fails, CHIEF, "draft", "import", NO, ruling)["code"], "not_the_author");
    let broken = draft_file(&env, "坏的裁定书.docx", "not a zip");
    assert_eq!(run!(env, fails, JUDGE, "draft", "import", NO, &broken)["code"], "docx_unreadable");
    let unnamed = env.dir.path().join("文书.docx");
    std::fs::copy(ruling, &unnamed).unwrap();
    let unnamed = unnamed.to_str().unwrap();
    assert_eq!(run!(env, fails, JUDGE, "draft", "import", NO, unnamed)["code"], "data_invalid");
    assert_eq!(
        run!(env, fails, JUDGE, "draft", "import", NO, unnamed, "--kind", "判决书")["code"],
        "draft_kind_unknown"
    );

    let saved = run!(env, json, JUDGE, "draft", "import", NO, ruling);
    assert_eq!(saved["kind"], "ruling");
    // Given, the kind wins over the name (a file named for nothing in particular).
    let mediation = run!(env, json, JUDGE, "draft", "import", NO, unnamed, "--kind", "调解书");
    assert_eq!(mediation["kind"], "mediation");
    // The ruling again, saved last: that is what is sent.
    let again = run!(env, json, JUDGE, "draft", "import", NO, ruling);
    assert_eq!(again["draft_id"], saved["draft_id"]);
    assert_eq!(again["parents"][0], saved["revision"]);

    let round = run!(env, json, JUDGE, "review", "send", NO, "--note", "撤诉裁定请阅");
    assert_eq!(round["revision_id"], again["revision"]);
    assert_eq!(run!(env, json, CHIEF, "review", "queue")[0]["case_no"], NO);
    let c =
        run!(env, json, CHIEF, "review", "comment", NO, "--quote", "本院予以准许", "--text", "请写明撤诉申请的日期");
    assert_eq!(c["section"], "body");
    assert_eq!(
        run!(env, fails, CHIEF, "review", "comment", NO, "--quote", "判决如下", "--text", "x")["code"],
        run!(env, fails, CHIEF, "review", "comment", NO, "--quote", "不在文中的话", "--text", "x")["code"],
        "a passage not in the ruling is refused like any other"
    );
    run!(env, json, CHIEF, "review", "decide", NO, "--approve");
    let review = run!(env, json, JUDGE, "review", "show", NO);
    assert_eq!(review["status"], "同意签发");
    assert_eq!(review["rounds"][0]["comments"][0]["quote"], "本院予以准许");
}
