//! `andu law search|show` and `andu cite check` on the embedded statute library.

use std::io::Write;

use super::Env;

#[test]
fn law_show_gives_the_article_in_force_on_a_date_with_its_citation() {
    let env = Env::new();
    let v = env.json(&["law", "show", "民事诉讼法", "264", "--on", "2025-03-01"]);
    assert_eq!(v["law"]["title"], "中华人民共和国民事诉讼法");
    assert_eq!(v["version"]["in_force_from"], "2024-01-01");
    assert!(v["articles"][0]["paragraphs"][0].as_str().unwrap().contains("迟延履行"));
    assert_eq!(v["citation"], "《中华人民共和国民事诉讼法》第二百六十四条");
    // The same number on 2023-05-01 is another provision (the 2021 text), and 迟延履行 is 第二百六十条.
    let old = env.json(&["law", "show", "民诉法", "第二百六十条", "--on", "2023-05-01"]);
    assert_eq!(old["version"]["in_force_from"], "2022-01-01");
    assert_eq!(old["name_match"], "abbreviation");
    assert!(old["articles"][0]["paragraphs"][0].as_str().unwrap().contains("迟延履行"));
    let e = env.fails(&["law", "show", "民法典", "1270"]);
    assert_eq!(e["code"], "law_article_unknown");
    let e = env.fails(&["law", "show", "中华人民共和国债权法", "1"]);
    assert_eq!(e["code"], "law_unknown");
    let e = env.fails(&["law", "show", "合同法", "107", "--on", "2022-01-01"]);
    assert_eq!(e["code"], "law_not_in_force");
}

#[test]
fn law_search_finds_names_and_text() {
    let env = Env::new();
    let v = env.json(&["law", "search", "民间借贷规定"]);
    assert_eq!(v["laws"][0]["title"], "最高人民法院关于审理民间借贷案件适用法律若干问题的规定");
    let v = env.json(&["law", "search", "加倍支付迟延履行期间的债务利息"]);
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.iter().any(|h| h["law"] == "中华人民共和国民事诉讼法" && h["article"] == 264), "{v}");
}

const JUDGMENT: &str = "本院认为，依照《中华人民共和国合同法》第一百零七条，《民法典》第六百七十五条、第六百七十六条，\
《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：\n如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》\
第二百五十三条之规定，加倍支付迟延履行期间的债务利息。";

fn statuses(v: &serde_json::Value) -> Vec<(String, String)> {
    v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["text"].as_str().unwrap().to_string(), c["status"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn cite_check_reads_txt_and_docx_and_reports_each_citation() {
    let env = Env::new();
    let txt = env.dir.path().join("判决书.txt");
    std::fs::write(&txt, JUDGMENT).unwrap();
    let v = env.json(&["cite", "check", txt.to_str().unwrap(), "--date", "2025-06-01"]);
    let expected: Vec<(String, String)> = [
        ("《中华人民共和国合同法》第一百零七条", "repealed"),
        ("《民法典》第六百七十五条", "abbreviated"),
        ("第六百七十六条", "abbreviated"),
        ("《中华人民共和国民事诉讼法》第六十七条", "ok"),
        ("《中华人民共和国民事诉讼法》第二百五十三条", "renumbered"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(statuses(&v), expected);
    assert_eq!(v["citations"][0]["suggestion"], "《中华人民共和国民法典》第五百七十七条");
    assert_eq!(v["citations"][0]["law"], "中华人民共和国合同法");
    assert_eq!(v["citations"][0]["article"], 107);
    assert_eq!(v["citations"][4]["suggestion"], "《中华人民共和国民事诉讼法》第二百六十四条");

    // The same text as a Word document, the runs split mid-citation the way Word saves them.
    let docx = env.dir.path().join("判决书.docx");
    let (a, b) = JUDGMENT.split_at(JUDGMENT.find("第一百零七条").unwrap());
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:t>{b}</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    let from_docx = env.json(&["cite", "check", docx.to_str().unwrap(), "--date", "2025-06-01"]);
    assert_eq!(statuses(&from_docx), expected);

    // Before the repeal and the renumbering, the same citations of 合同法 and 第二百五十三条 were right.
    let v = env.json(&["cite", "check", txt.to_str().unwrap(), "--date", "2020-06-01"]);
    let s = statuses(&v);
    assert_eq!(s[0].1, "ok");
    assert_eq!(s[4].1, "ok");
}

#[test]
fn cite_check_refuses_what_it_cannot_read() {
    let env = Env::new();
    let bad = env.dir.path().join("坏.docx");
    std::fs::write(&bad, "不是 Word 文件").unwrap();
    assert_eq!(env.fails(&["cite", "check", bad.to_str().unwrap(), "--date", "2025-06-01"])["code"], "docx_unreadable");
    let txt = env.dir.path().join("a.txt");
    std::fs::write(&txt, [0xff, 0xfe, 0x00]).unwrap();
    assert_eq!(env.fails(&["cite", "check", txt.to_str().unwrap(), "--date", "2025-06-01"])["code"], "text_not_utf8");
    assert_eq!(env.fails(&["cite", "check", txt.to_str().unwrap(), "--date", "2025-13-01"])["code"], "date_invalid");
}

#[test]
fn cite_appendix_quotes_the_articles_in_force_on_the_judgment_date() {
    let env = Env::new();
    let txt = env.dir.path().join("判决书.txt");
    std::fs::write(&txt, JUDGMENT).unwrap();
    let v = env.json(&["cite", "appendix", txt.to_str().unwrap(), "--date", "2025-06-01"]);
    let titles: Vec<&str> = v["laws"].as_array().unwrap().iter().map(|l| l["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["《中华人民共和国民法典》", "《中华人民共和国民事诉讼法》"]);
    assert_eq!(v["laws"][1]["articles"].as_array().unwrap().len(), 1, "{v}");
    let text = v["text"].as_str().unwrap();
    assert!(
        text.starts_with("附：本判决适用的法律条文\n《中华人民共和国民法典》\n第六百七十五条　借款人应当"),
        "{text}"
    );
    // 合同法 (repealed) and the renumbered 第二百五十三条 are not quoted; they are listed apart.
    let left: Vec<(&str, &str)> = v["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["text"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        left,
        [
            ("《中华人民共和国合同法》第一百零七条", "repealed"),
            ("《中华人民共和国民事诉讼法》第二百五十三条", "renumbered")
        ]
    );
    // Without --json: the appendix on stdout, ready to paste.
    let plain = env.text(&["cite", "appendix", txt.to_str().unwrap(), "--date", "2025-06-01"]);
    assert!(plain.starts_with("附：本判决适用的法律条文\n"), "{plain}");
    let e = env.fails(&["cite", "appendix", txt.to_str().unwrap(), "--date", "2025-13-01"]);
    assert_eq!(e["code"], "date_invalid");
}

#[test]
fn court_set_keeps_the_appellate_court_the_judgments_name() {
    let env = Env::new();
    let v = env.json(&["court", "show"]);
    assert_eq!(v["appellate_court"], serde_json::Value::Null);
    let v = env.json(&["court", "set", "--appellate", "广东省深圳市中级人民法院"]);
    assert_eq!(v["appellate_court"], "广东省深圳市中级人民法院");
    assert_eq!(env.json(&["court", "show"])["appellate_court"], "广东省深圳市中级人民法院");
    let e = env.fails(&["court", "set", "--appellate", "深圳中院"]);
    assert_eq!(e["code"], "appellate_court_invalid");
    assert_eq!(env.json(&["court", "set", "--appellate", ""])["appellate_court"], serde_json::Value::Null);
}
