//! Nothing in a template is silently lost (issue #16): page breaks, section breaks and text beside a section
//! marker, inline sections, parts with a byte-order mark, malformed nesting, unsupported tags. Each row builds a
//! template the way Word writes it (runs split, proofErr, bookmarks) and checks the output paragraph by paragraph,
//! with its page and section breaks (see `shape`).

use andu_core::Coded;
use andu_docs::{DocError, Template};
use serde_json::{Value, json};

use crate::support::*;

const PAGE: &str = "<w:r><w:br w:type=\"page\"/></w:r>";
const SECT: &str = "<w:sectPr><w:type w:val=\"nextPage\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";

/// A paragraph with properties `ppr` and raw run XML `runs` (tags in runs split the way Word splits them).
fn para(ppr: &str, runs: &str) -> String {
    format!("<w:p w:rsidR=\"00A1\"><w:pPr><w:jc w:val=\"both\"/>{ppr}</w:pPr>{runs}</w:p>")
}

/// `text` as Word keeps it after editing: one run per piece, a spell-check mark in between.
fn runs(pieces: &[&str]) -> String {
    pieces
        .iter()
        .map(|t| {
            format!("<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>")
        })
        .collect::<Vec<_>>()
        .join("<w:proofErr w:type=\"spellStart\"/>")
}

/// The output's paragraphs with their breaks (the body's own section properties, after the last paragraph, are
/// no paragraph's and not listed).
fn body_shape(body: &str, data: Value) -> Vec<String> {
    shape(&render_body(body, data))
}

struct Case {
    /// What the row checks (the wording).
    name: &'static str,
    body: String,
    data: Value,
    want: &'static [&'static str],
}

fn check(cases: Vec<Case>) {
    for c in cases {
        let got = body_shape(&c.body, c.data.clone());
        assert_eq!(got, c.want, "{}\ndata: {}", c.name, c.data);
        // One section break per template section break, whatever the data (plus the body's own).
        let breaks = count(&c.body, "<w:sectPr") + 1;
        assert_eq!(section_breaks(&render_body(&c.body, c.data.clone())), breaks, "{}: section breaks", c.name);
    }
}

fn loop_around(open: String, close: String) -> String {
    [p(&["前"]), open, p(&["{{.}}"]), close, p(&["后"])].concat()
}

#[test]
fn page_breaks_in_marker_paragraphs_are_kept_on_their_side_of_the_marker() {
    let open_with_break_before = para("", &format!("{PAGE}{}", runs(&["{{#", "列表}}"])));
    let open_with_break_after = para("", &format!("{}{PAGE}", runs(&["{{#列表}}"])));
    let close_with_break_after = para("", &format!("{}{PAGE}", runs(&["{{/列表", "}}"])));
    let open_page_before = para("<w:pageBreakBefore/>", &runs(&["{{#列表}}"]));
    let bare = || para("", &runs(&["{{/列表}}"]));
    check(vec![
        Case {
            name: "a page break before a loop stays once, before it",
            body: loop_around(open_with_break_before.clone(), bare()),
            data: json!({"列表": ["甲", "乙"]}),
            want: &["前", "[分页]", "甲", "乙", "后"],
        },
        Case {
            name: "…and stays when the loop is empty",
            body: loop_around(open_with_break_before, bare()),
            data: json!({"列表": []}),
            want: &["前", "[分页]", "后"],
        },
        Case {
            name: "a page break after the opening marker starts each item on a new page",
            body: loop_around(open_with_break_after.clone(), bare()),
            data: json!({"列表": ["甲", "乙"]}),
            want: &["前", "[分页]", "甲", "[分页]", "乙", "后"],
        },
        Case {
            name: "a page break after a hidden section's closing marker stays",
            body: loop_around(para("", &runs(&["{{#列表}}"])), close_with_break_after.clone()),
            data: json!({"列表": false}),
            want: &["前", "[分页]", "后"],
        },
        Case {
            name: "…and is not repeated when the section loops",
            body: loop_around(para("", &runs(&["{{#列表}}"])), close_with_break_after),
            data: json!({"列表": ["甲", "乙"]}),
            want: &["前", "甲", "乙", "[分页]", "后"],
        },
        Case {
            name: "pageBreakBefore on a hidden opening marker paragraph stays",
            body: loop_around(open_page_before.clone(), bare()),
            data: json!({"列表": []}),
            want: &["前", "[段前分页]", "后"],
        },
        Case {
            name: "pageBreakBefore on an opening marker paragraph is not repeated",
            body: loop_around(open_page_before, bare()),
            data: json!({"列表": ["甲", "乙"]}),
            want: &["前", "[段前分页]", "甲", "乙", "后"],
        },
    ]);
}

#[test]
fn section_breaks_in_marker_paragraphs_are_never_hidden_or_repeated() {
    let close_sect = para(SECT, &runs(&["{{/列表}}"]));
    let open_sect = para(SECT, &runs(&["{{#列表}}"]));
    let bare_open = || para("", &runs(&["{{#列表}}"]));
    let bare_close = || para("", &runs(&["{{/列表}}"]));
    check(vec![
        Case {
            name: "a section break in a loop's closing paragraph ends the section once, after the loop",
            body: loop_around(bare_open(), close_sect.clone()),
            data: json!({"列表": ["甲", "乙", "丙"]}),
            want: &["前", "甲", "乙", "丙", "[分节]", "后"],
        },
        Case {
            name: "…and survives when the section is hidden",
            body: loop_around(bare_open(), close_sect),
            data: json!({"列表": false}),
            want: &["前", "[分节]", "后"],
        },
        Case {
            name: "a section break in the opening paragraph stays before the loop",
            body: loop_around(open_sect.clone(), bare_close()),
            data: json!({"列表": ["甲", "乙"]}),
            want: &["前", "[分节]", "甲", "乙", "后"],
        },
        Case {
            name: "…also when hidden",
            body: loop_around(open_sect, bare_close()),
            data: json!({"列表": []}),
            want: &["前", "[分节]", "后"],
        },
        Case {
            name: "a paragraph closing one section and opening the next keeps its section break once",
            body: [
                p(&["{{#甲}}"]),
                p(&["一"]),
                para(SECT, &runs(&["{{/甲}}", "{{#乙}}"])),
                p(&["二"]),
                p(&["{{/乙}}"]),
            ]
            .concat(),
            data: json!({"甲": [1, 2], "乙": false}),
            want: &["一", "一", "[分节]"],
        },
    ]);
}

#[test]
fn text_beside_a_block_marker_is_neither_repeated_nor_hidden() {
    check(vec![
        Case {
            name: "“类型 {{#items}}” keeps “类型” once",
            body: [para("", &runs(&["类型：", "{{#items}}"])), p(&["{{名称}}"]), p(&["{{/items}}"])].concat(),
            data: json!({"items": [{"名称": "甲"}, {"名称": "乙"}]}),
            want: &["类型：", "甲", "乙"],
        },
        Case {
            name: "“ABC{{#cond}}” keeps “ABC” when cond is false",
            body: [p(&["ABC{{#cond}}"]), p(&["条件内"]), p(&["{{/cond}}"]), p(&["后"])].concat(),
            data: json!({"cond": false}),
            want: &["ABC", "后"],
        },
        Case {
            name: "…and when it is true, the section follows it",
            body: [p(&["ABC{{#cond}}"]), p(&["条件内"]), p(&["{{/cond}}"]), p(&["后"])].concat(),
            data: json!({"cond": true}),
            want: &["ABC", "条件内", "后"],
        },
        Case {
            name: "text after a closing marker stays once, after the loop",
            body: [p(&["{{#列表}}"]), p(&["{{.}}"]), p(&["{{/列表}}以上共计", "{{合计}}项"])].concat(),
            data: json!({"列表": ["甲", "乙"], "合计": 2}),
            want: &["甲", "乙", "以上共计2项"],
        },
        Case {
            name: "text after an opening marker is the section's first paragraph (fields in the item's scope)",
            body: [p(&["当事人：{{#当事人}}{{名称}}"]), p(&["{{/当事人}}"])].concat(),
            data: json!({"当事人": [{"名称": "甲"}, {"名称": "乙"}], "名称": "根"}),
            want: &["当事人：", "甲", "乙"],
        },
    ]);
    // The bookmark of a marker paragraph's empty piece is kept once.
    let body = [
        "<w:p><w:bookmarkStart w:id=\"3\" w:name=\"甲\"/><w:r><w:t>前文{{#x}}</w:t></w:r><w:bookmarkEnd w:id=\"3\"/></w:p>"
            .to_string(),
        p(&["{{.}}"]),
        p(&["{{/x}}"]),
    ]
    .concat();
    let out = render_body(&body, json!({"x": [1, 2]}));
    assert_eq!(count(&out, "<w:bookmarkStart w:id=\"3\""), 1, "{out}");
    assert_eq!(count(&out, "<w:bookmarkEnd w:id=\"3\""), 1, "{out}");
    assert_eq!(paragraphs(&out), ["前文", "1", "2"]);
}

#[test]
fn a_section_inside_one_paragraph_repeats_text_not_paragraphs() {
    check(vec![
        Case {
            name: "{{#tags}}{{.}}、{{/tags}} is one line",
            body: [p(&["{{#tags}}{{.}}、{{/tags}}"]), p(&["后"])].concat(),
            data: json!({"tags": ["甲", "乙", "丙"]}),
            want: &["甲、乙、丙、", "后"],
        },
        Case {
            name: "…and the paragraph goes when the list is empty (no empty line)",
            body: [p(&["{{#tags}}{{.}}、{{/tags}}"]), p(&["后"])].concat(),
            data: json!({"tags": []}),
            want: &["后"],
        },
        Case {
            name: "a page break in the paragraph, outside the section, keeps the paragraph",
            body: [para("", &format!("{PAGE}{}", runs(&["{{#tags}}{{.}}{{/tags}}"]))), p(&["后"])].concat(),
            data: json!({"tags": []}),
            want: &["[分页]", "后"],
        },
    ]);
}

fn with_bom(xml: &str) -> String {
    format!("\u{feff}{xml}")
}

#[test]
fn a_part_with_a_byte_order_mark_is_read_after_it() {
    let body =
        [p(&["{{案号}}"]), table(&[row(&["日期", "金额"]), row(&["{{#借款}}{{日期}}", "{{金额}}{{/借款}}"])])].concat();
    let doc = with_bom(&document(&body));
    let (out, _) = render_with(
        docx(&[("word/document.xml", &doc)]),
        json!({"案号": "（2025）粤0309民初1号", "借款": [{"日期": "1月", "金额": 1}, {"日期": "2月", "金额": 2}]}),
        Default::default(),
    );
    let xml = part(&out, "word/document.xml");
    assert_eq!(paragraphs(&xml), ["（2025）粤0309民初1号", "日期", "金额", "1月", "1", "2月", "2"]);
    assert!(!xml.contains("{{"), "{xml}");
    // Error positions count from the document's start, as without the mark.
    let broken = document("<w:p><w:r><w:t>{{x}}</w:t></w:r></w:q>");
    let plain_err = Template::from_bytes(docx(&[("word/document.xml", &broken)])).err().unwrap();
    let bom_err = Template::from_bytes(docx(&[("word/document.xml", &with_bom(&broken))])).err().unwrap();
    assert_eq!(plain_err.to_string(), bom_err.to_string());
    assert_eq!(bom_err.code(), "template_invalid");
}

fn compile_error(body: &str) -> DocError {
    match Template::from_bytes(body_docx(body)) {
        Ok(_) => panic!("should not compile: {body}"),
        Err(e) => e,
    }
}

#[test]
fn a_paragraph_nested_in_a_paragraph_is_refused() {
    let body = [
        p(&["前"]),
        "<w:p><w:r><w:t>甲</w:t></w:r><w:p><w:r><w:t>{{x}}</w:t></w:r></w:p></w:p>".to_string(),
        table(&[row(&["{{y}}"])]),
    ]
    .concat();
    let e = compile_error(&body);
    assert_eq!(e.code(), "template_invalid");
    assert!(e.to_string().contains("嵌套在另一个段落之内"), "{e}");
    assert!(e.to_string().contains("另存为"), "{e}");
    // Even without a tag, as the part would be copied into every document.
    let e = compile_error("<w:p><w:p><w:r><w:t>x</w:t></w:r></w:p></w:p>");
    assert_eq!(e.code(), "template_invalid");
}

#[test]
fn unsupported_tags_are_refused_naming_the_tag_and_its_paragraph() {
    for (tag, why) in [
        ("{{@原文}}", "原样插入 XML"),
        ("{{a + b}}", "表达式"),
        ("{{x = 1}}", "表达式"),
        ("{{金额 > 0}}", "表达式"),
        ("{{#a and b}}", "表达式"),
        ("{{-w:tc 列表}}", "w:tc"),
    ] {
        let e = compile_error(&[p(&["前文"]), p(&["第一段", tag, "后"])].concat());
        assert_eq!(e.code(), "template_tag_unsupported", "{tag}: {e}");
        let d = e.detail().unwrap();
        assert_eq!(d["name"], tag, "{e}");
        assert_eq!(d["paragraph"], format!("第一段{tag}后"), "{e}");
        assert!(e.to_string().contains(why), "{tag}: {e}");
        assert!(e.to_string().contains("位置：正文"), "{e}");
    }
}

/// Pages of `docx` as LibreOffice lays it out.
fn libreoffice_pages(docx: &[u8]) -> usize {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("文书.docx");
    std::fs::write(&file, docx).unwrap();
    let mut cmd = Command::new("soffice");
    cmd.args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"]).arg(dir.path()).arg(&file);
    cmd.env("HOME", dir.path());
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/design/fonts.conf");
    if fonts.exists() {
        cmd.env("FONTCONFIG_FILE", fonts);
    }
    let out = cmd.output().expect("soffice runs (cargo xtask setup installs LibreOffice)");
    let pdf = file.with_extension("pdf");
    assert!(out.status.success() && pdf.exists(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("page count")
}

#[test]
fn libreoffice_lays_out_the_page_and_section_breaks_of_marker_paragraphs() {
    // 标题 | each item on a new page (the break after the opening marker) | the section break of the closing
    // marker paragraph once, starting a new page for 后. Three items: 标题, 甲, 乙, 丙, 后 = five pages. Dropping
    // the page break gives two; a section break per item gives more than five.
    let body = [
        p(&["标题"]),
        para("", &format!("{}{PAGE}", runs(&["{{#列", "表}}"]))),
        p(&["{{.}}"]),
        para(SECT, &runs(&["{{/列表}}"])),
        p(&["后"]),
    ]
    .concat();
    let (bytes, _) = render_with(body_docx(&body), json!({"列表": ["甲", "乙", "丙"]}), Default::default());
    assert_eq!(libreoffice_pages(&bytes), 5);
    let (hidden, _) = render_with(body_docx(&body), json!({"列表": []}), Default::default());
    assert_eq!(libreoffice_pages(&hidden), 2, "标题, then 后 after the section break");
}

/// A paragraph of `section`'s markers (nested as generated) with what Word may put beside them.
fn marker_paragraph(tags: &[String], text_before: bool, page: bool, sect: bool, before: bool) -> String {
    let mut runs_xml = String::new();
    if text_before {
        runs_xml.push_str("<w:r><w:t>旁文</w:t></w:r>");
    }
    for t in tags {
        runs_xml.push_str(&runs(&[t]));
    }
    if page {
        runs_xml.push_str(PAGE);
    }
    let ppr = format!("{}{}", if before { "<w:pageBreakBefore/>" } else { "" }, if sect { SECT } else { "" });
    para(&ppr, &runs_xml)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever sits in marker paragraphs (text, page breaks, section breaks, pageBreakBefore) and whatever the
    /// data (hidden, one to three items): a section break or pageBreakBefore of a section's marker paragraph is
    /// never repeated or hidden by that section: it appears once per rendering of the sections around it (the
    /// outermost section's exactly once), and the output is well-formed.
    #[test]
    fn breaks_in_marker_paragraphs_are_kept_exactly_once(
        shape in proptest::collection::vec((0u8..4, proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY), 1..5),
        items in 0usize..4,
    ) {
        // Sections a, b, … nested in order: the opening markers, a body paragraph, the closing markers, each
        // marker paragraph shaped by `shape` (the u8 picks which marker paragraphs hold two markers).
        let n = shape.len();
        let names: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        let mut body = String::new();
        let mut marker_breaks = 0;
        for (i, (_, text, page, sect, before)) in shape.iter().enumerate() {
            body.push_str(&marker_paragraph(&[format!("{{{{#{}}}}}", names[i])], *text, *page, *sect, *before));
            // Inside i enclosing sections of `items` items each.
            marker_breaks += (usize::from(*sect) + usize::from(*before)) * items.pow(i as u32);
        }
        body.push_str(&p(&["{{.}}"]));
        for (i, (two, _, page, sect, before)) in shape.iter().enumerate().rev() {
            let mut tags = vec![format!("{{{{/{}}}}}", names[i])];
            if *two == 0 {
                tags.push("{{^无}}".into());
                tags.push("{{/无}}".into());
            }
            body.push_str(&marker_paragraph(&tags, false, *page, *sect, *before));
            marker_breaks += (usize::from(*sect) + usize::from(*before)) * items.pow(i as u32);
        }
        let list: Vec<Value> = (0..items).map(|k| json!(format!("项{k}"))).collect();
        let data: serde_json::Map<String, Value> = names.iter().map(|s| (s.clone(), json!(list))).collect();
        let out = render_body(&body, Value::Object(data));
        let breaks = count(&out, "<w:sectPr") - 1 + count(&out, "<w:pageBreakBefore");
        proptest::prop_assert_eq!(breaks, marker_breaks, "{}", out);
    }
}
