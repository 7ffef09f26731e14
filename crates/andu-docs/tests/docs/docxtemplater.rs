//! Templates written for docxtemplater work as they are (issue #16): its default `{ }` delimiters (detected, or
//! given), the anonymous closer `{/}`, and dash loops `{-w:tr x}`, `{-w:p x}`, `{-w:tbl x}`.

use andu_core::Coded;
use andu_docs::{Delimiters, RenderOptions, Template, TemplateOptions};
use serde_json::{Value, json};

use crate::support::*;

fn with(body: &str, delimiters: Option<Delimiters>) -> Template {
    Template::from_bytes_with(body_docx(body), &TemplateOptions { delimiters })
        .unwrap_or_else(|e| panic!("template: {e}"))
}

fn out(t: &Template, data: Value) -> Vec<String> {
    let r = t.render(&data, &RenderOptions::default()).unwrap();
    paragraphs(&part(&r.bytes, "word/document.xml"))
}

/// `{案号}` split as Word splits it: `{` | `案` | bookmark | `号}`, with a spell-check mark.
const SPLIT_SINGLE: &str = concat!(
    "<w:p><w:r><w:t>{</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t>案</w:t></w:r>",
    "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/><w:r><w:t>号}</w:t></w:r></w:p>",
);

#[test]
fn single_brace_templates_are_detected_and_filled() {
    let body = [
        SPLIT_SINGLE.to_string(),
        p(&["原告：{#原告}{名称}、{/原告}"]),
        p(&["{#有反诉}"]),
        p(&["反诉原告：{反诉人}"]),
        p(&["{/有反诉}"]),
        table(&[row(&["{#借款}{日期}", "{金额|金额}{/借款}"])]),
    ]
    .concat();
    let t = with(&body, None);
    assert_eq!(t.delimiters(), Delimiters::Single);
    assert!(t.warnings().iter().any(|w| w.contains("{ }")), "{:?}", t.warnings());
    let data = json!({"案号": "（2025）粤0309民初1号", "原告": [{"名称": "甲"}, {"名称": "乙"}], "有反诉": false,
        "借款": [{"日期": "1月", "金额": 100}]});
    assert_eq!(out(&t, data), ["（2025）粤0309民初1号", "原告：甲、乙、", "1月", "1"]);
    let names: Vec<String> = t.fields().into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["案号", "原告", "有反诉", "借款"]);
}

#[test]
fn double_brace_templates_stay_double_and_braces_in_their_text_are_text() {
    let body = p(&["{{案号}}：数组写作 {a, b}"]);
    let t = with(&body, None);
    assert_eq!(t.delimiters(), Delimiters::Double);
    assert!(t.warnings().is_empty(), "{:?}", t.warnings());
    assert_eq!(out(&t, json!({"案号": "1"})), ["1：数组写作 {a, b}"]);
}

#[test]
fn given_delimiters_win_and_a_template_of_the_other_form_is_warned_about() {
    let single = p(&["{案号}"]);
    let t = with(&single, Some(Delimiters::Double));
    assert_eq!(out(&t, json!({"案号": "1"})), ["{案号}"]);
    let w = t.warnings().join("\n");
    assert!(w.contains("没有“{{ }}”形式的标记") && w.contains("--delimiters \"{ }\""), "{w}");
    // `{{案号}}` read with `{ }` is a broken tag: the error says which delimiters the template uses.
    let double = p(&["{{案号}}"]);
    let opts = TemplateOptions { delimiters: Some(Delimiters::Single) };
    let e = Template::from_bytes_with(body_docx(&double), &opts).err().unwrap();
    assert_eq!(e.code(), "template_invalid");
    assert!(e.to_string().contains("没有“{ }”形式的标记") && e.to_string().contains("{{ }}"), "{e}");
    assert_eq!(Delimiters::parse("{ }"), Some(Delimiters::Single));
    assert_eq!(Delimiters::parse("{{}}"), Some(Delimiters::Double));
    assert_eq!(Delimiters::parse("[[ ]]"), None);
}

#[test]
fn the_anonymous_closer_closes_the_innermost_section() {
    for (body, delimiters) in [
        ([p(&["{{#人}}"]), p(&["{{名称}}{{#代理}}（{{.}}）{{/}}"]), p(&["{{/}}"])].concat(), None),
        ([p(&["{#人}"]), p(&["{名称}{#代理}（{.}）{/}"]), p(&["{/}"])].concat(), None),
    ] {
        let t = with(&body, delimiters);
        let data = json!({"人": [{"名称": "甲", "代理": ["律师"]}, {"名称": "乙", "代理": []}]});
        assert_eq!(out(&t, data), ["甲（律师）", "乙"]);
    }
    let e = Template::from_bytes(body_docx(&p(&["前{{/}}"]))).err().unwrap();
    assert_eq!(e.code(), "template_section_unopened");
}

#[test]
fn dash_loops_repeat_the_named_element() {
    // {-w:tr}: the row, with both markers in one cell.
    let rows = table(&[row(&["日期", "金额"]), row(&["{-w:tr 借款}{日期}{/借款}", "{金额}"])]);
    let t = with(&rows, None);
    let data = json!({"借款": [{"日期": "1月", "金额": 1}, {"日期": "2月", "金额": 2}]});
    assert_eq!(out(&t, data.clone()), ["日期", "金额", "1月", "1", "2月", "2"]);
    // {-w:p}: the paragraph.
    let paras = [p(&["{{-w:p 当事人}}{{名称}}：{{住所}}{{/当事人}}"]), p(&["后"])].concat();
    let t = with(&paras, None);
    let people = json!({"当事人": [{"名称": "甲", "住所": "深圳"}, {"名称": "乙", "住所": "广州"}]});
    assert_eq!(out(&t, people), ["甲：深圳", "乙：广州", "后"]);
    assert_eq!(out(&t, json!({"当事人": []})), ["后"]);
    // {-w:tbl}: the whole table.
    let tables = [table(&[row(&["{-w:tbl 被告}{名称}", "{住所}{/被告}"])]), p(&["后"])].concat();
    let t = with(&tables, None);
    let r = t.render(&json!({"被告": [{"名称": "甲", "住所": "1"}, {"名称": "乙", "住所": "2"}]}), &Default::default());
    let xml = part(&r.unwrap().bytes, "word/document.xml");
    assert_eq!(count(&xml, "<w:tbl>"), 2);
    assert_eq!(paragraphs(&xml), ["甲", "1", "乙", "2", "后"]);
    // The closing marker must be inside the repeated element.
    let e = Template::from_bytes(body_docx(&[p(&["{{-w:p x}}"]), p(&["{{/x}}"])].concat())).err().unwrap();
    assert_eq!(e.code(), "template_section_split");
    assert!(e.to_string().contains("同一个段落"), "{e}");
}
