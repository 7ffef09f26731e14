//! Filling templates: split tags, values, sections in every position, headers and footers.

use andu_docs::{RenderOptions, Template};
use serde_json::json;

use crate::support::*;

/// `{{案号}}` as Word stores it after typing, a spell-check mark and a bookmark: `{{` | `案` | `号` | `}}`, and
/// `{` | `{原告` | `}}` with the runs differently formatted.
const WORD_SPLIT: &str = concat!(
    "<w:p w:rsidR=\"00A1\" w:rsidRDefault=\"00B2\"><w:pPr><w:jc w:val=\"right\"/></w:pPr>",
    "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/><w:sz w:val=\"32\"/></w:rPr><w:t>{{</w:t></w:r>",
    "<w:proofErr w:type=\"spellStart\"/>",
    "<w:r w:rsidR=\"00C3\"><w:rPr><w:b/></w:rPr><w:t>案</w:t></w:r>",
    "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>",
    "<w:r><w:t>号</w:t></w:r><w:proofErr w:type=\"spellEnd\"/>",
    "<w:r><w:t>}}</w:t></w:r></w:p>",
    "<w:p><w:r><w:t xml:space=\"preserve\">原告：{</w:t></w:r>",
    "<w:r><w:rPr><w:i/></w:rPr><w:t>{原告</w:t></w:r><w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>}}，住所地</w:t></w:r></w:p>",
);

#[test]
fn tags_split_by_word_are_merged_into_the_run_where_they_start() {
    let out = render_body(WORD_SPLIT, json!({"案号": "（2025）粤0309民初1234号", "原告": "张三"}));
    assert_eq!(paragraphs(&out), ["（2025）粤0309民初1234号", "原告：张三，住所地"]);
    // The value has the first run's formatting; the others are emptied, the marks between stay.
    assert!(out.contains(
        "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/><w:sz w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">（2025）粤0309民初1234号</w:t></w:r>"
    ));
    assert!(out.contains("<w:r w:rsidR=\"00C3\"><w:rPr><w:b/></w:rPr><w:t></w:t></w:r>"));
    assert!(out.contains("<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>"));
    assert_eq!(count(&out, "<w:proofErr"), 2);
    assert!(out.contains("<w:t xml:space=\"preserve\">原告：张三</w:t>"));
    assert!(out.contains("<w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>，住所地</w:t>"));
}

#[test]
fn fields_read_values_paths_and_scopes() {
    let body = [
        p(&["{{a.b}}|{{ 列表.1 }}|{{数}}|{{真}}|{{空}}|{{名单}}"]),
        p(&["人：{{#人}}{{名称}}@{{案号}};{{/人}}"]),
        p(&["名单：{{#名单}}[{{.}}]{{/名单}}"]),
    ]
    .concat();
    let data = json!({
        "a": {"b": "甲"}, "列表": ["x", "y"], "数": 12.5, "真": true, "空": null, "名单": ["张三", "李四"],
        "案号": "A1", "人": [{"名称": "甲"}, {"名称": "乙", "案号": "B2"}]
    });
    let out = render_body(&body, data);
    assert_eq!(paragraphs(&out), ["甲|y|12.5|是||张三、李四", "人：甲@A1;乙@B2;", "名单：[张三][李四]"]);
}

#[test]
fn values_are_escaped_and_line_breaks_become_breaks() {
    let out = render_body(&p(&["{{x}}"]), json!({"x": "A&B <公司> \"{{y}}\"\n第二行\t末"}));
    assert!(
        out.contains("A&amp;B &lt;公司&gt; \"{{y}}\"</w:t><w:br/><w:t xml:space=\"preserve\">第二行</w:t><w:tab/>")
    );
    assert_eq!(paragraphs(&out), ["A&B <公司> \"{{y}}\"\n第二行\t末"]);
}

#[test]
fn a_loop_in_a_table_row_repeats_the_row() {
    let body =
        table(&[row(&["日期", "金额", "用途"]), row(&["{{#借款}}{{日期}}", "{{金额|金额}}", "{{用途}}{{/借款}}"])]);
    let data = json!({"借款": [
        {"日期": "2023-01-05", "金额": 5_000_000, "用途": "经营"},
        {"日期": "2023-03-01", "金额": 12_345, "用途": "A&B"},
        {"日期": "2023-06-30", "金额": 100, "用途": ""},
    ]});
    let out = render_body(&body, data);
    assert_eq!(count(&out, "<w:tr>"), 4);
    assert_eq!(
        paragraphs(&out),
        ["日期", "金额", "用途", "2023-01-05", "50000", "经营", "2023-03-01", "123.45", "A&B", "2023-06-30", "1", ""]
    );
    let empty = render_body(&body, json!({"借款": []}));
    assert_eq!(count(&empty, "<w:tr>"), 1, "the loop row goes, the header stays");
    assert_eq!(paragraphs(&empty), ["日期", "金额", "用途"]);
}

#[test]
fn a_section_over_several_rows_repeats_them_together() {
    let body =
        table(&[row(&["{{#人}}姓名", "{{名称}}"]), row(&["住所", "{{住所}}{{/人}}"]), row(&["合计", "{{合计}}"])]);
    let out =
        render_body(&body, json!({"人": [{"名称": "甲", "住所": "北京"}, {"名称": "乙", "住所": "上海"}], "合计": 2}));
    assert_eq!(paragraphs(&out), ["姓名", "甲", "住所", "北京", "姓名", "乙", "住所", "上海", "合计", "2"]);
}

#[test]
fn a_block_of_paragraphs_repeats_and_its_marker_paragraphs_go() {
    let body = [
        p(&["当事人："]),
        "<w:p><w:bookmarkStart w:id=\"7\" w:name=\"当事人\"/><w:r><w:t>{{#当事人}}</w:t></w:r></w:p>".to_string(),
        p(&["{{诉讼地位}}：{{名称}}"]),
        p(&["住所：{{住所}}"]),
        "<w:p><w:r><w:t>{{/当事人}}</w:t></w:r><w:bookmarkEnd w:id=\"7\"/></w:p>".to_string(),
        p(&["本院认为"]),
    ]
    .concat();
    let data = json!({"当事人": [
        {"诉讼地位": "原告", "名称": "张三", "住所": "深圳"},
        {"诉讼地位": "被告", "名称": "某公司", "住所": "广州"},
    ]});
    let out = render_body(&body, data);
    assert_eq!(paragraphs(&out), ["当事人：", "原告：张三", "住所：深圳", "被告：某公司", "住所：广州", "本院认为"]);
    // The marker paragraphs' bookmark survives them, between paragraphs.
    assert!(out.contains("<w:bookmarkStart w:id=\"7\" w:name=\"当事人\"/><w:p>"));
    assert_eq!(count(&out, "<w:bookmarkEnd w:id=\"7\"/>"), 1);
}

#[test]
fn a_false_block_leaves_no_empty_paragraph_and_a_true_one_leaves_no_marker() {
    let body = [p(&["甲"]), p(&["{{#有反诉}}"]), p(&["反诉原告{{反诉人}}"]), p(&["{{/有反诉}}"]), p(&["乙"])].concat();
    assert_eq!(paragraphs(&render_body(&body, json!({"有反诉": false}))), ["甲", "乙"]);
    assert_eq!(paragraphs(&render_body(&body, json!({}))), ["甲", "乙"]);
    assert_eq!(paragraphs(&render_body(&body, json!({"有反诉": true, "反诉人": "丙"}))), ["甲", "反诉原告丙", "乙"]);
    let obj = render_body(&body, json!({"有反诉": {"反诉人": "丁"}}));
    assert_eq!(paragraphs(&obj), ["甲", "反诉原告丁", "乙"]);
}

#[test]
fn a_block_whose_marker_paragraphs_hold_text_keeps_that_text_inside_the_block() {
    let body = [p(&["{{#x}}开头"]), p(&["中间"]), p(&["结尾{{/x}}"]), p(&["后"])].concat();
    assert_eq!(
        paragraphs(&render_body(&body, json!({"x": [1, 2]}))),
        ["开头", "中间", "结尾", "开头", "中间", "结尾", "后"]
    );
    assert_eq!(paragraphs(&render_body(&body, json!({"x": false}))), ["后"]);
}

#[test]
fn a_section_wrapping_a_whole_paragraph_repeats_inline_or_hides_the_paragraph() {
    // As docxtemplater: markers in one paragraph repeat the text between them (a paragraph per item needs the
    // markers in paragraphs of their own, or `{{-w:p x}}`); an empty section takes its paragraph with it.
    let body = [p(&["{{#代理人}}委托诉讼代理人：", "{{名称}}，{{身份}}。{{/代理人}}"]), p(&["后"])].concat();
    let two = json!({"代理人": [{"名称": "甲", "身份": "律师"}, {"名称": "乙", "身份": "近亲属"}]});
    assert_eq!(paragraphs(&render_body(&body, two)), ["委托诉讼代理人：甲，律师。委托诉讼代理人：乙，近亲属。", "后"]);
    let one = json!({"代理人": {"名称": "甲", "身份": "律师"}});
    assert_eq!(paragraphs(&render_body(&body, one)), ["委托诉讼代理人：甲，律师。", "后"]);
    assert_eq!(paragraphs(&render_body(&body, json!({"代理人": []}))), ["后"]);
}

#[test]
fn inline_sections_and_inverted_sections_inside_a_paragraph() {
    let body = p(&["应交", "{{#费}}{{费|金额}}元{{/费}}{{^费}}____元{{/费}}", "。{{^名单}}（无）{{/名单}}"]);
    assert_eq!(paragraphs(&render_body(&body, json!({"费": 5000, "名单": ["a"]}))), ["应交50元。"]);
    assert_eq!(paragraphs(&render_body(&body, json!({"费": 0, "名单": []}))), ["应交____元。（无）"]);
    assert_eq!(paragraphs(&render_body(&body, json!({}))), ["应交____元。（无）"]);
    assert_eq!(paragraphs(&render_body(&body, json!({"费": "", "名单": ""}))), ["应交____元。（无）"]);
}

#[test]
fn nested_loops_look_up_fields_outwards() {
    let body = [
        p(&["{{#当事人}}"]),
        p(&["{{名称}}（{{案号}}）"]),
        p(&["{{#代理人}}代理人{{.}}；{{/代理人}}{{^代理人}}无代理人{{/代理人}}"]),
        p(&["{{/当事人}}"]),
    ]
    .concat();
    let data = json!({"案号": "A1", "当事人": [{"名称": "甲", "代理人": ["丙", "丁"]}, {"名称": "乙", "代理人": []}]});
    assert_eq!(paragraphs(&render_body(&body, data)), ["甲（A1）", "代理人丙；代理人丁；", "乙（A1）", "无代理人"]);
}

#[test]
fn sections_inside_a_table_cell_keep_the_cell_valid() {
    let body = table(&[format!(
        "<w:tr>{}{}</w:tr>",
        cell(&p(&["{{#有}}内容{{/有}}"])),
        cell(&[p(&["{{#列}}"]), p(&["{{.}}"]), p(&["{{/列}}"])].concat())
    )]);
    let out = render_body(&body, json!({"有": false, "列": []}));
    assert_eq!(count(&out, "<w:p/></w:tc>"), 2, "{out}");
    let out = render_body(&body, json!({"有": true, "列": ["a", "b"]}));
    assert_eq!(paragraphs(&out), ["内容", "a", "b"]);
}

#[test]
fn filters_format_money_dates_and_articles() {
    let body = p(&["{{标的|大写}}|{{标的|金额}}|{{签发|中文日期}}|{{立案|日期}}|{{条|条}}|{{条|中文数字}}"]);
    let data = json!({"标的": 1_234_567, "签发": "2024-11-15", "立案": "2024-01-05", "条": 152});
    assert_eq!(
        paragraphs(&render_body(&body, data)),
        ["壹万贰仟叁佰肆拾伍元陆角柒分|12345.67|二〇二四年十一月十五日|2024年1月5日|第一百五十二条|一百五十二"]
    );
}

#[test]
fn headers_and_footers_are_filled_and_untagged_ones_copied() {
    let hdr = header(&p(&["{{法院}}"]));
    let ftr = footer(&[p(&["{", "{案", "号}}"]), p(&["第", "{{页}}"])].concat());
    let plain_ftr = footer(&p(&["— 1 —"]));
    let bytes = docx(&[
        ("word/document.xml", &document(&p(&["正文"]))),
        ("word/header1.xml", &hdr),
        ("word/footer1.xml", &ftr),
        ("word/footer2.xml", &plain_ftr),
    ]);
    let (out, missing) =
        render_with(bytes.clone(), json!({"法院": "某某人民法院", "案号": "（2025）A1号"}), RenderOptions::default());
    assert_eq!(paragraphs(&part(&out, "word/header1.xml")), ["某某人民法院"]);
    assert_eq!(paragraphs(&part(&out, "word/footer1.xml")), ["（2025）A1号", "第"]);
    assert_eq!(missing, ["页"]);
    let (before, after) = (raw_entries(&bytes), raw_entries(&out));
    for name in ["word/document.xml", "word/footer2.xml", "word/styles.xml", "word/media/image1.png"] {
        let b = before.iter().find(|e| e.0 == name).unwrap();
        let a = after.iter().find(|e| e.0 == name).unwrap();
        assert_eq!(a, b, "{name} is copied raw");
    }
    let fields = Template::from_bytes(bytes).unwrap().fields();
    let names: Vec<(&str, &[String])> = fields.iter().map(|f| (f.name.as_str(), f.parts.as_slice())).collect();
    assert_eq!(
        names,
        [
            ("法院", &["word/header1.xml".to_string()][..]),
            ("案号", &["word/footer1.xml".to_string()][..]),
            ("页", &["word/footer1.xml".to_string()][..])
        ]
    );
}

#[test]
fn entries_keep_their_order_and_edited_parts_their_timestamp() {
    let bytes = docx(&[("word/document.xml", &document(&p(&["{{x}}"])))]);
    let (out, _) = render_with(bytes.clone(), json!({"x": 1}), RenderOptions::default());
    let (b, a) = (raw_entries(&bytes), raw_entries(&out));
    assert_eq!(b.iter().map(|e| &e.0).collect::<Vec<_>>(), a.iter().map(|e| &e.0).collect::<Vec<_>>());
    let doc = |v: &[RawEntry]| v.iter().find(|e| e.0 == "word/document.xml").unwrap().3;
    assert_eq!(doc(&a), doc(&b));
    let (again, _) = render_with(bytes, json!({"x": 1}), RenderOptions::default());
    assert_eq!(out, again, "same template and data, same bytes");
}

#[test]
fn missing_fields_are_listed_once_in_order_of_use() {
    let body = [p(&["{{乙}}{{甲}}{{乙}}"]), p(&["{{#丙}}x{{/丙}}"]), p(&["{{丁.名称}}"])].concat();
    let (_, missing) = render_with(body_docx(&body), json!({"丁": null}), RenderOptions::default());
    assert_eq!(missing, ["乙", "甲", "丙", "丁.名称"]);
}

#[test]
fn fields_list_the_template_as_a_tree() {
    let body = [
        p(&["{{案号}}{{标的|大写}}"]),
        table(&[row(&["{{#借款}}{{日期}}", "{{金额|金额}}{{/借款}}"])]),
        p(&["{{#借款}}{{金额}}{{/借款}}{{^有}}无{{/有}}"]),
    ]
    .concat();
    let fields = Template::from_bytes(body_docx(&body)).unwrap().fields();
    let v = serde_json::to_value(&fields).unwrap();
    assert_eq!(v[0], json!({"name": "案号", "kind": "field", "parts": ["word/document.xml"]}));
    assert_eq!(v[1]["filters"], json!(["大写"]));
    assert_eq!(v[2]["name"], "借款");
    assert_eq!(v[2]["kind"], "section");
    let children: Vec<&str> = fields[2].children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(children, ["日期", "金额"]);
    assert_eq!(fields[2].children[1].filters, ["金额"]);
    assert_eq!((v[3]["name"].as_str(), v.as_array().unwrap().len()), (Some("有"), 4));
}

#[test]
fn a_template_without_tags_is_copied_entry_for_entry() {
    let bytes = body_docx(&p(&["没有任何字段 { 单个花括号 }"]));
    let t = Template::from_bytes(bytes.clone()).unwrap();
    assert!(!t.has_tags());
    let out = t.render(&json!({}), &RenderOptions::default()).unwrap();
    assert_eq!(raw_entries(&out.bytes), raw_entries(&bytes));
}

#[test]
fn render_to_file_replaces_atomically_and_leaves_nothing_on_failure() {
    let dir = std::env::temp_dir().join(format!("andu-docs-atomic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.docx");
    std::fs::write(&path, b"old").unwrap();
    let t = Template::from_bytes(body_docx(&p(&["{{x}}"]))).unwrap();
    let strict = RenderOptions { strict: true };
    let e = t.render_to_file(&json!({}), &strict, &path).unwrap_err();
    assert_eq!(andu_core::Coded::code(&e), "template_field_unknown");
    assert_eq!(std::fs::read(&path).unwrap(), b"old", "a failed render leaves the old file");
    t.render_to_file(&json!({"x": "新"}), &strict, &path).unwrap();
    assert_eq!(paragraphs(&part(&std::fs::read(&path).unwrap(), "word/document.xml")), ["新"]);
    let nowhere = dir.join("no-such-dir").join("x.docx");
    let e = t.render_to_file(&json!({"x": 1}), &strict, &nowhere).unwrap_err();
    assert_eq!(andu_core::Coded::code(&e), "output_write_failed");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("out.docx")], "no temp file left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_text_box_paragraph_inside_a_paragraph_is_its_own_paragraph() {
    let body = "<w:p><w:r><w:t>外{{甲}}</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp=\"urn:wp\"><w:txbxContent>\
                <w:p><w:r><w:t>{{</w:t></w:r><w:r><w:t>乙}}</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r>\
                <w:r><w:t>尾</w:t></w:r></w:p>";
    let out = render_body(body, json!({"甲": 1, "乙": 2}));
    assert_eq!(paragraphs(&out), ["外1尾", "2"]);
}

#[test]
fn a_table_whose_only_row_is_hidden_goes_away() {
    let body = [p(&["前"]), table(&[row(&["{{#x}}{{a}}", "{{b}}{{/x}}"])]), p(&["后"])].concat();
    let out = render_body(&body, json!({"x": []}));
    assert!(!out.contains("<w:tbl>"), "{out}");
    assert_eq!(paragraphs(&out), ["前", "后"]);
    assert_eq!(count(&render_body(&body, json!({"x": [{}, {}]})), "<w:tr>"), 2);
}

#[test]
fn a_block_can_start_at_a_paragraph_holding_only_a_text_box() {
    let boxed = "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{{#x}}框内</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>";
    // The open marker is inside the text box: the block starts at the paragraph that holds the box.
    let body = [boxed, &p(&["{{/x}}"]), &p(&["后"])].concat();
    assert_eq!(paragraphs(&render_body(&body, json!({"x": false}))), ["后"]);
    assert_eq!(paragraphs(&render_body(&body, json!({"x": true}))), ["", "框内", "后"]);
}

#[test]
fn a_batch_is_written_whole_or_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(std::path::PathBuf, Vec<u8>)> =
        (1..=5).map(|n| (dir.path().join(format!("{n}.docx")), format!("文书{n}").into_bytes())).collect();
    andu_docs::write_batch(&files).unwrap();
    for (path, bytes) in &files {
        assert_eq!(&std::fs::read(path).unwrap(), bytes);
    }
    let names = |d: &std::path::Path| {
        let mut v: Vec<String> =
            std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    assert_eq!(names(dir.path()), ["1.docx", "2.docx", "3.docx", "4.docx", "5.docx"], "no temp file left");
    // A name that cannot be replaced (a directory with a file in it): the batch fails, what is under a final
    // name is whole, and no temporary file stays.
    let blocked = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(blocked.path().join("2.docx/x")).unwrap();
    let files: Vec<_> = (1..=3).map(|n| (blocked.path().join(format!("{n}.docx")), vec![b'a'; 1000])).collect();
    let e = andu_docs::write_batch(&files).unwrap_err();
    assert_eq!(andu_core::Coded::code(&e), "output_write_failed");
    assert!(e.to_string().contains("2.docx"), "{e}");
    assert_eq!(names(blocked.path()), ["1.docx", "2.docx"]);
    assert_eq!(std::fs::read(blocked.path().join("1.docx")).unwrap(), vec![b'a'; 1000]);
}
