//! `andu doc`: render from JSON, from a stored case, in batch; fields; templates; errors write nothing.

use std::path::Path;

use serde_json::Value;

use crate::Env;

const CASE: &str = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"2025-01-05","court":"深圳市龙华区人民法院","judge":"王明","clerk":"钱芳","parties":[{"role":"原告","name":"张三","kind":"person","address":"深圳市龙华区某路1号"},{"role":"被告","name":"某某科技有限公司","kind":"org","address":"深圳市南山区某路2号"}],"hearings":[{"start":"2025-03-01T09:30","room":"第三法庭"}]}"#;

fn text(docx: &Path) -> Vec<String> {
    let bytes = std::fs::read(docx).unwrap();
    let xml = andu_docs::read_part(&bytes, "word/document.xml").unwrap();
    // Paragraph texts, enough for these checks: the <w:t> contents between paragraph ends.
    xml.split("</w:p>")
        .map(|p| p.split("</w:t>").filter_map(|s| s.rsplit_once('>')).map(|(_, t)| t).collect::<String>())
        .collect()
}

fn with_case() -> Env {
    let env = Env::new();
    let file = env.dir.path().join("case.jsonl");
    std::fs::write(&file, format!("{CASE}\n")).unwrap();
    env.json(&["import", file.to_str().unwrap()]);
    env
}

fn path(env: &Env, name: &str) -> String {
    env.dir.path().join(name).to_str().unwrap().to_string()
}

#[test]
fn templates_and_fields() {
    let env = Env::new();
    let list = env.json(&["doc", "templates"]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "传票",
            "应诉通知书",
            "受理案件通知书",
            "举证通知书",
            "出庭通知书",
            "开庭公告",
            "送达回证",
            "送达地址确认书",
            "民事判决书（简易程序）",
            "民事判决书（普通程序）",
            "民事裁定书（准予撤诉）",
            "民事裁定书（驳回起诉）",
            "民事调解书",
            "延长审限审批表",
            "审限扣除审批表"
        ]
    );
    let judgment = list.as_array().unwrap().iter().find(|t| t["name"] == "民事判决书（简易程序）").unwrap();
    assert!(judgment["fields"].as_array().unwrap().iter().any(|f| f["name"] == "判决主文"));
    assert_eq!(list[1]["template"], "builtin:应诉通知书");
    assert_eq!(list[1]["addressee_role"], "被告");
    assert!(list[0]["fields"].as_array().unwrap().iter().any(|f| f["name"] == "送达对象.名称"));

    let file = path(&env, "传票.docx");
    std::fs::write(&file, andu_docs::builtin::docx("传票").unwrap()).unwrap();
    let f = env.json(&["doc", "fields", "--template", &file]);
    assert_eq!(f["fields"][0], serde_json::json!({"name": "法院", "kind": "field", "parts": ["word/document.xml"]}));
    let kai = f["fields"].as_array().unwrap().iter().find(|x| x["name"] == "开庭").unwrap();
    assert_eq!(kai["kind"], "section");
    assert_eq!(kai["children"][0]["name"], "时间");
    let text = env.run(&["doc", "fields", "--template", "builtin:受理案件通知书"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("案件受理费（区段）"));
}

#[test]
fn render_from_a_json_file() {
    let env = Env::new();
    let data = path(&env, "data.json");
    std::fs::write(&data, r#"{"法院":"某某人民法院","案号":"（2025）A1号","送达对象":{"名称":"李四 & 王五"}}"#)
        .unwrap();
    let out = path(&env, "out.docx");
    let r = env.json(&["doc", "render", "--template", "builtin:传票", "--data", &data, "--out", &out]);
    assert_eq!(r["out"], out.as_str());
    assert!(r["missing"].as_array().unwrap().iter().any(|m| m == "案由"));
    let t = text(Path::new(&out));
    assert_eq!(t[0], "某某人民法院");
    assert!(t.contains(&"李四 &amp; 王五".to_string()), "{t:?}");
    // --strict refuses the same data and writes nothing.
    let strict = path(&env, "strict.docx");
    let e = env.fails(&["doc", "render", "--template", "builtin:传票", "--data", &data, "--out", &strict, "--strict"]);
    assert_eq!(e["code"], "template_field_unknown");
    assert!(!Path::new(&strict).exists());
}

#[test]
fn render_from_a_case_with_its_deadlines() {
    let env = with_case();
    let no = "（2025）粤0309民初1234号";
    env.json(&["event", "add", no, "--kind", "送达起诉状副本", "--date", "2025-01-08", "--party", "某某科技有限公司"]);
    let out = path(&env, "应诉.docx");
    let r = env.json(&[
        "doc",
        "render",
        "--template",
        "builtin:应诉通知书",
        "--case",
        no,
        "--out",
        &out,
        "--today",
        "2025-01-10",
    ]);
    assert_eq!(r["missing"], serde_json::json!([]));
    let t = text(Path::new(&out));
    assert_eq!(&t[..4], ["深圳市龙华区人民法院", "应诉通知书", no, "某某科技有限公司："]);
    assert!(t[5].contains("答辩期于2025年1月23日届满"), "{}", t[5]);
    assert!(t.iter().any(|p| p.contains("本案定于2025年3月1日9时30分在第三法庭开庭审理")));
    assert!(t.contains(&"二〇二五年一月十日".to_string()));

    let summons = path(&env, "传票.docx");
    env.json(&[
        "doc",
        "render",
        "--template",
        "builtin:传票",
        "--case",
        no,
        "--party",
        "张三",
        "--out",
        &summons,
        "--strict",
    ]);
    let t = text(Path::new(&summons));
    assert!(t.windows(2).any(|w| w == ["被传唤人", "张三"]), "{t:?}");
    assert!(t.windows(2).any(|w| w == ["工作单位或者住址", "深圳市龙华区某路1号"]), "{t:?}");

    let e =
        env.fails(&["doc", "render", "--template", "builtin:传票", "--case", no, "--party", "王五", "--out", &summons]);
    assert_eq!(e["code"], "party_not_found");
    let e = env.fails(&[
        "doc",
        "render",
        "--template",
        "builtin:传票",
        "--case",
        "（2025）粤0309民初9号",
        "--out",
        &summons,
    ]);
    assert_eq!(e["code"], "case_not_found");
}

#[test]
fn render_a_judgment_from_a_case() {
    let env = with_case();
    let no = "（2025）粤0309民初1234号";
    let out = path(&env, "判决.docx");
    let r = env.json(&[
        "doc",
        "render",
        "--template",
        "builtin:民事判决书（简易程序）",
        "--case",
        no,
        "--out",
        &out,
        "--today",
        "2025-04-10",
    ]);
    // What the judge writes is not in the store: reported, and left as blanks to fill in.
    let missing: Vec<&str> = r["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(missing.contains(&"本院认为") && missing.contains(&"判决主文"), "{missing:?}");
    let t = text(Path::new(&out));
    assert_eq!(&t[..3], ["深圳市龙华区人民法院", "民事判决书", no]);
    assert_eq!(t[3], "原告：张三，住深圳市龙华区某路1号。");
    assert_eq!(t[4], "被告：某某科技有限公司，住所地深圳市南山区某路2号。");
    assert!(t[5].contains("依法适用简易程序，由审判员王明独任审理，于2025年3月1日公开开庭进行了审理"), "{}", t[5]);
    assert!(t.iter().any(|p| p.starts_with("案件受理费____元，减半收取计____元，由________负担")));
    assert!(t.iter().any(|p| p.starts_with("如不服本判决，可以在判决书送达之日起十五日内")));
    assert!(t.contains(&"二〇二五年四月十日".to_string()));

    // The judge's parts given with --data are laid over the case's data.
    let parts = path(&env, "parts.json");
    std::fs::write(
        &parts,
        r#"{"本院认为":"被告借款未还，应当承担还款责任。","裁判依据":"《中华人民共和国民法典》第六百七十五条",
            "判决主文":[{"序号":"一","内容":"被告于本判决生效之日起十日内偿还原告借款50000元。"}],
            "金钱给付":true,"案件受理费":105000}"#,
    )
    .unwrap();
    let full = path(&env, "判决2.docx");
    let r = env.json(&[
        "doc",
        "render",
        "--template",
        "builtin:民事判决书（简易程序）",
        "--case",
        no,
        "--data",
        &parts,
        "--out",
        &full,
        "--today",
        "2025-04-10",
    ]);
    let missing: Vec<&str> = r["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(!missing.contains(&"判决主文") && missing.contains(&"辩称"), "{missing:?}");
    let t = text(Path::new(&full));
    assert_eq!(t[3], "原告：张三，住深圳市龙华区某路1号。", "the case's data is still there");
    assert!(t.contains(&"一、被告于本判决生效之日起十日内偿还原告借款50000元。".to_string()), "{t:?}");
    assert!(t.iter().any(|p| p.contains("第二百六十四条")));
    assert!(t.iter().any(|p| p.starts_with("案件受理费1050元，减半收取计525元")));
    std::fs::write(&parts, "[1]").unwrap();
    let e = env.fails(&["doc", "render", "--template", "builtin:传票", "--case", no, "--data", &parts, "--out", &full]);
    assert_eq!(e["code"], "data_invalid");
}

#[test]
fn render_a_batch_one_document_per_line() {
    let env = Env::new();
    let template = path(&env, "t.docx");
    std::fs::write(&template, andu_docs::builtin::docx("举证通知书").unwrap()).unwrap();
    let jsonl = path(&env, "data.jsonl");
    std::fs::write(&jsonl, "{\"案号\":\"A1\",\"送达对象\":{\"名称\":\"甲\"}}\n{\"案号\":\"A2\"}\n\n").unwrap();
    let dir = path(&env, "out");
    let r = env.json(&["doc", "render", "--template", &template, "--data-jsonl", &jsonl, "--out-dir", &dir]);
    assert_eq!(r["count"], 2);
    assert_eq!(r["documents"][1]["line"], 2);
    assert_eq!(text(&Path::new(&dir).join("1.docx"))[2], "A1");
    assert_eq!(text(&Path::new(&dir).join("1.docx"))[3], "甲：");
    assert_eq!(text(&Path::new(&dir).join("2.docx"))[3], "________：");

    // A bad line anywhere: nothing is written.
    std::fs::write(&jsonl, "{\"案号\":\"B1\"}\n{\"案号\":\n").unwrap();
    let fresh = path(&env, "fresh");
    let e = env.fails(&["doc", "render", "--template", &template, "--data-jsonl", &jsonl, "--out-dir", &fresh]);
    assert_eq!((e["code"].as_str(), e["detail"]["line"].as_u64()), (Some("data_invalid"), Some(2)));
    assert!(!Path::new(&fresh).exists());
}

#[test]
fn template_errors_are_coded_and_write_nothing() {
    let env = Env::new();
    let data = path(&env, "d.json");
    std::fs::write(&data, "{}").unwrap();
    let out = path(&env, "o.docx");
    let bad = path(&env, "bad.docx");
    std::fs::write(&bad, b"not a docx").unwrap();
    let e: Value = env.fails(&["doc", "render", "--template", &bad, "--data", &data, "--out", &out]);
    assert_eq!(e["code"], "template_invalid");
    let e = env.fails(&["doc", "render", "--template", "builtin:判决书", "--data", &data, "--out", &out]);
    assert_eq!(e["code"], "template_not_found");
    let e = env.fails(&["doc", "fields", "--template", &path(&env, "missing.docx")]);
    assert_eq!(e["code"], "template_not_found");
    std::fs::write(&data, "[1]").unwrap();
    assert_eq!(
        env.fails(&["doc", "render", "--template", "builtin:传票", "--data", &data, "--out", &out])["code"],
        "data_invalid"
    );
    assert!(!Path::new(&out).exists());
    // --data-jsonl is a batch of its own; --out is required for the others.
    let both = env.run(&[
        "doc",
        "render",
        "--template",
        "builtin:传票",
        "--data-jsonl",
        &data,
        "--case",
        "x",
        "--out-dir",
        &out,
    ]);
    assert!(!both.status.success());
    let no_out = env.run(&["doc", "render", "--template", "builtin:传票", "--data", &data]);
    assert!(!no_out.status.success());
}

#[test]
fn a_docxtemplater_template_with_single_braces_is_detected_or_given() {
    use andu_docs::layout::{Block, CourtDocument};
    let env = Env::new();
    let mut d = CourtDocument::new("送达回证");
    d.push(Block::Body("案号：{案号}".into()));
    d.push(Block::Body("受送达人：{#受送达人}{名称}、{/}".into()));
    let template = path(&env, "dxt.docx");
    std::fs::write(&template, d.to_docx()).unwrap();
    let f = env.json(&["doc", "fields", "--template", &template]);
    assert_eq!(f["delimiters"], "{ }");
    assert_eq!(f["fields"][0]["name"], "案号");
    assert!(f["warnings"][0].as_str().unwrap().contains("docxtemplater"), "{f}");

    let jsonl = path(&env, "data.jsonl");
    std::fs::write(&jsonl, "{\"案号\":\"A1\",\"受送达人\":[{\"名称\":\"甲\"},{\"名称\":\"乙\"}]}\n{\"案号\":\"A2\"}\n")
        .unwrap();
    let dir = path(&env, "out");
    let r = env.json(&["doc", "render", "--template", &template, "--data-jsonl", &jsonl, "--out-dir", &dir]);
    assert_eq!(r["count"], 2);
    let first = text(&Path::new(&dir).join("1.docx"));
    assert!(first.contains(&"案号：A1".to_string()) && first.contains(&"受送达人：甲、乙、".to_string()), "{first:?}");
    // Written under temporary names, synced once, renamed: only the documents are left.
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["1.docx", "2.docx"]);

    // Given the other delimiters, the tags stay text and the output says why.
    let out = path(&env, "literal.docx");
    let data = path(&env, "d.json");
    std::fs::write(&data, "{\"案号\":\"A3\"}").unwrap();
    let r =
        env.json(&["doc", "render", "--template", &template, "--data", &data, "--out", &out, "--delimiters", "{{ }}"]);
    assert!(r["warnings"][0].as_str().unwrap().contains("--delimiters \"{ }\""), "{r}");
    assert!(text(Path::new(&out)).contains(&"案号：{案号}".to_string()));
    let e = env.fails(&["doc", "fields", "--template", &template, "--delimiters", "<< >>"]);
    assert_eq!(e["code"], "value_invalid");
}

/// `doc generate` writes one valid .docx per party into `<out-dir>/<案号>/` and records each on the case, as the
/// app's 文书 does; a party who is not the case's writes and records nothing.
#[test]
fn generate_writes_a_document_per_party_and_records_them_on_the_case() {
    let env = with_case();
    let no = "（2025）粤0309民初1234号";
    let out = path(&env, "导出");
    let e = env.fails(&[
        "doc",
        "generate",
        no,
        "--template",
        "builtin:传票",
        "--party",
        "张三",
        "--party",
        "王五",
        "--out-dir",
        &out,
    ]);
    assert_eq!(e["code"], "party_not_found");
    assert!(!Path::new(&out).exists(), "nothing written");
    assert_eq!(env.json(&["case", "show", no])["documents"].as_array().unwrap().len(), 0, "nothing recorded");

    let done = env.json(&[
        "doc",
        "generate",
        no,
        "--template",
        "builtin:传票",
        "--party",
        "张三",
        "--party",
        "某某科技有限公司",
        "--out-dir",
        &out,
        "--today",
        "2025-02-10",
    ]);
    assert_eq!(done["case_no"], no);
    let docs = done["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let first = Path::new(&out).join(no).join("传票-张三.docx");
    assert_eq!(docs[0]["path"], first.to_str().unwrap());
    assert_eq!(docs[1]["title"], "传票（某某科技有限公司）");
    let t = text(&first);
    assert!(t.windows(2).any(|w| w == ["被传唤人", "张三"]), "{t:?}");
    let t = text(Path::new(docs[1]["path"].as_str().unwrap()));
    assert!(t.windows(2).any(|w| w == ["被传唤人", "某某科技有限公司"]), "{t:?}");

    let recorded = env.json(&["case", "show", no])["documents"].clone();
    let mut paths: Vec<&str> = recorded.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    paths.sort();
    let mut want: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    want.sort();
    assert_eq!(paths, want);

    // No party: one document for the template's usual addressee (应诉通知书 → 被告), named by the template; the
    // text output lists the file.
    let shown = env.text(&["doc", "generate", no, "--template", "builtin:应诉通知书", "--out-dir", &out]);
    let one = Path::new(&out).join(no).join("应诉通知书.docx");
    assert!(shown.contains(one.to_str().unwrap()), "{shown}");
    assert!(text(&one).iter().any(|p| p.contains("某某科技有限公司")));
    assert_eq!(env.json(&["case", "show", no])["documents"].as_array().unwrap().len(), 3);
}
