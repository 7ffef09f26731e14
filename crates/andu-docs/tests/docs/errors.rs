//! Every template and data error: its stable code, a Chinese message, and where it is.

use andu_core::Coded;
use andu_docs::{DocError, RenderOptions, Template};
use serde_json::json;

use crate::support::*;

fn compile_error(body: &str) -> DocError {
    match Template::from_bytes(body_docx(body)) {
        Ok(_) => panic!("should not compile: {body}"),
        Err(e) => e,
    }
}

fn render_error(body: &str, data: serde_json::Value, strict: bool) -> DocError {
    let t = Template::from_bytes(body_docx(body)).unwrap();
    t.render(&data, &RenderOptions { strict }).unwrap_err()
}

fn assert_at(e: &DocError, code: &str, paragraph: &str) {
    assert_eq!(e.code(), code, "{e}");
    let d = e.detail().unwrap_or_else(|| panic!("{code} has a location"));
    assert_eq!(d["part"], "word/document.xml", "{e}");
    assert_eq!(d["paragraph"], paragraph, "{e}");
    assert!(e.to_string().contains(&format!("段落“{paragraph}")), "{e}");
}

#[test]
fn an_unclosed_section_is_reported_with_its_paragraph() {
    let e = compile_error(&[p(&["甲"]), p(&["{{#当", "事人}}"]), p(&["{{名称}}"])].concat());
    assert_at(&e, "template_section_unclosed", "{{#当事人}}");
    assert_eq!(e.detail().unwrap()["name"], "当事人");
    assert!(e.to_string().contains("区段“{{#当事人}}”没有结束标记“{{/当事人}}”"), "{e}");
    assert!(e.to_string().contains("位置：正文"), "{e}");
    let e = compile_error(&p(&["{{#a}}{{#b}}x{{/a}}"]));
    assert_at(&e, "template_section_unclosed", "{{#a}}{{#b}}x{{/a}}");
    assert_eq!(e.detail().unwrap()["name"], "b");
}

#[test]
fn a_close_without_an_open_is_reported() {
    let e = compile_error(&[p(&["{{#a}}x{{/a}}"]), p(&["后文{{/b}}"])].concat());
    assert_at(&e, "template_section_unopened", "后文{{/b}}");
}

#[test]
fn a_section_from_a_table_cell_to_outside_the_table_is_refused() {
    let body = [table(&[row(&["{{#借款}}{{日期}}", "{{金额}}"])]), p(&["{{/借款}}"])].concat();
    let e = compile_error(&body);
    assert_at(&e, "template_section_split", "{{#借款}}{{日期}}");
    assert!(e.to_string().contains("跨越了表格边界"), "{e}");
    let into_other_table = [table(&[row(&["{{#x}}", "a"])]), table(&[row(&["{{/x}}", "b"])])].concat();
    assert_eq!(compile_error(&into_other_table).code(), "template_section_split");
}

#[test]
fn section_markers_at_different_levels_of_one_paragraph_are_refused() {
    let body = "<w:p><w:r><w:t>前</w:t></w:r><w:hyperlink r:id=\"rId9\"><w:r><w:t>{{#x}}链接</w:t></w:r></w:hyperlink><w:r><w:t>正文{{/x}}</w:t></w:r></w:p>";
    let e = compile_error(body);
    assert_at(&e, "template_section_split", "前{{#x}}链接正文{{/x}}");
}

#[test]
fn malformed_tags_are_template_errors_with_the_paragraph() {
    for (text, paragraph, says) in [
        ("本院{{案号", "本院{{案号", "没有对应的“}}”"),
        ("本院}}", "本院}}", "多余的“}}”"),
        ("{{}}", "{{}}", "缺少字段名"),
        ("{{金额|upper}}", "{{金额|upper}}", "未知的过滤器“upper”"),
        ("{{#x|大写}}{{/x}}", "{{#x|大写}}{{/x}}", "不能带过滤器"),
        ("{{a..b}}", "{{a..b}}", "不合法"),
    ] {
        let e = compile_error(&p(&[text]));
        assert_at(&e, "template_invalid", paragraph);
        assert!(e.to_string().contains(says), "{e}");
    }
}

#[test]
fn a_tag_split_across_paragraphs_is_unclosed() {
    let e = compile_error(&[p(&["{{案"]), p(&["号}}"])].concat());
    assert_at(&e, "template_invalid", "{{案");
}

#[test]
fn files_that_are_not_word_documents() {
    let e = Template::from_bytes(b"not a zip".to_vec()).err().unwrap();
    assert_eq!(e.code(), "template_invalid");
    assert!(e.to_string().contains("不是有效的 .docx 文件"), "{e}");
    let no_doc = zip_of(&[("a.txt".into(), b"x".to_vec(), zip::CompressionMethod::Stored)]);
    let e = Template::from_bytes(no_doc).err().unwrap();
    assert!(e.to_string().contains("缺少 word/document.xml"), "{e}");
    let broken =
        docx(&[("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>{{x}}</w:r></w:p></w:body></w:document>")]);
    let e = Template::from_bytes(broken).err().unwrap();
    assert_eq!(e.code(), "template_invalid");
    assert!(e.to_string().contains("XML"), "{e}");
    let e = Template::open(std::path::Path::new("/nonexistent/x.docx")).err().unwrap();
    assert_eq!(e.code(), "template_not_found");
    let e = Template::load("builtin:判决书").err().unwrap();
    assert_eq!(e.code(), "template_not_found");
    assert!(e.to_string().contains("传票"), "lists the built-ins: {e}");
}

#[test]
fn unknown_fields_fail_only_when_strict() {
    let body = [p(&["首"]), p(&["被告：{{被告", "名称}}"])].concat();
    let e = render_error(&body, json!({"原告名称": "甲"}), true);
    assert_at(&e, "template_field_unknown", "被告：{{被告名称}}");
    assert_eq!(e.detail().unwrap()["name"], "被告名称");
    assert!(e.to_string().contains("字段“被告名称”在数据中不存在"), "{e}");
    let e = render_error(&p(&["{{#人}}{{名称}}{{/人}}"]), json!({}), true);
    assert_eq!((e.code(), e.detail().unwrap()["name"].as_str()), ("template_field_unknown", Some("人")));
    // Present but null is not unknown.
    let t = Template::from_bytes(body_docx(&body)).unwrap();
    assert!(t.render(&json!({"被告名称": null}), &RenderOptions { strict: true }).is_ok());
}

#[test]
fn unknown_fields_in_a_header_name_the_header() {
    let bytes = docx(&[("word/document.xml", &document(&p(&["x"]))), ("word/header2.xml", &header(&p(&["{{法院}}"])))]);
    let e = Template::from_bytes(bytes).unwrap().render(&json!({}), &RenderOptions { strict: true }).unwrap_err();
    assert_eq!(e.detail().unwrap()["part"], "word/header2.xml");
    assert!(e.to_string().contains("页眉（word/header2.xml）"), "{e}");
}

#[test]
fn bad_data_is_a_data_error() {
    let e = render_error(&p(&["{{x}}"]), json!(["not", "an", "object"]), false);
    assert_eq!(e.code(), "data_invalid");
    let e = render_error(&p(&["金额{{x|大写}}"]), json!({"x": 12.5}), false);
    assert_at(&e, "data_invalid", "金额{{x|大写}}");
    assert!(e.to_string().contains("以分为单位的整数"), "{e}");
    let e = render_error(&p(&["{{x}}"]), json!({"x": {"名称": "甲"}}), false);
    assert!(e.to_string().contains("是对象"), "{e}");
    let e = render_error(&p(&["{{x}}"]), json!({"x": [{"a": 1}]}), false);
    assert_eq!(e.code(), "data_invalid");
}

#[test]
fn long_paragraphs_are_shortened_in_messages_but_not_in_detail() {
    let long = format!("{}{{{{#x}}}}", "很长的段落".repeat(20));
    let e = compile_error(&p(&[&long]));
    assert!(e.to_string().contains("……”"), "{e}");
    assert_eq!(e.detail().unwrap()["paragraph"], long);
}
