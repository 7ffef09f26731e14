//! The drafted judgment's export (`andu_docs::judgment_docx`, written by `andu_docs::layout` like the built-in
//! templates): the court page, grid and fonts in the XML, a deterministic well-formed package, and a LibreOffice
//! conversion with 28 characters a line.

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use andu_docs::judgment_docx::Judgment;
use andu_docs::layout::{Block, CourtDocument};
use andu_docs::read_part;
use quick_xml::events::Event;
use zip::{CompressionMethod, ZipArchive};

fn sample() -> Judgment {
    Judgment {
        title: "民事判决书（（2025）粤0309民初1234号）".into(),
        court: "深圳市龙华区人民法院".into(),
        name: "民事判决书".into(),
        case_no: "（2025）粤0309民初1234号".into(),
        body: vec![
            "原告：张三，住广东省深圳市龙华区民治街道民康路1号。".into(),
            "被告：A&B<科技>有限公司\u{1}，住所地广东省深圳市。".into(),
            "测".repeat(60),
            "本院认为，合法的借贷关系受法律保护。判决如下：".into(),
        ],
        items: vec!["被告于本判决发生法律效力之日起十日内偿还原告借款本金100000元；".into(), "驳回原告的其他诉讼请求。".into()],
        after_items: vec![
            "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，加倍支付迟延履行期间的债务利息。".into(),
            "案件受理费2300元，由被告负担。".into(),
        ],
        signature: vec![
            "审判员　王建国".into(),
            String::new(),
            "二〇二六年十一月二十六日".into(),
            "本件与原本核对无异".into(),
            String::new(),
            "书记员　赵磊".into(),
        ],
        appendix: Vec::new(),
    }
}

fn part(docx: &[u8], name: &str) -> String {
    read_part(docx, name).unwrap()
}

/// The `<w:style>` element with this id.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let start = styles.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("no style {id}"));
    let end = start + styles[start..].find("</w:style>").unwrap();
    &styles[start..end]
}

fn in_order(hay: &str, needles: &[&str]) -> bool {
    let mut at = 0;
    needles.iter().all(|n| match hay[at..].find(n) {
        Some(i) => {
            at += i + n.len();
            true
        }
        None => false,
    })
}

#[test]
fn the_judgment_has_the_court_page_grid_and_fonts() {
    let docx = sample().to_docx();
    let doc = part(&docx, "word/document.xml");
    // A4, margins 3.7 / 3.5 / 2.8 / 2.6 cm, the 28.95 pt line grid, an odd and an even footer.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "{doc}");
    assert!(doc.contains("<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>"));
    assert!(doc.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>"));
    assert!(
        doc.contains("<w:footerReference w:type=\"default\"") && doc.contains("<w:footerReference w:type=\"even\"")
    );
    // Court and document name as titles, then the 案号, the body, the numbered items, the warning, the 落款.
    assert!(in_order(
        &doc,
        &[
            "w:val=\"CourtTitle\"",
            "深圳市龙华区人民法院",
            "w:val=\"CourtTitle\"",
            ">民事判决书<",
            "w:val=\"CaseNumber\"",
            "（2025）粤0309民初1234号",
            "w:val=\"BodyIndent\"",
            "原告：张三",
            "一、被告于本判决",
            "二、驳回原告的其他诉讼请求。",
            "第二百六十四条",
            "案件受理费",
            "w:val=\"Closing\"",
            "审判员　王建国",
            "二〇二六年十一月二十六日",
            "书记员　赵磊",
        ]
    ));
    // Escaped, and the control character (not allowed in XML 1.0) dropped.
    assert!(doc.contains("被告：A&amp;B&lt;科技&gt;有限公司，住所地"), "{doc}");

    let styles = part(&docx, "word/styles.xml");
    // Body: 三号 (32 half-points) 仿宋_GB2312, Times New Roman for Latin, exact 28.95 pt, condensed 0.25 pt.
    let defaults = &styles[..styles.find("</w:docDefaults>").unwrap()];
    assert!(in_order(defaults, &["<w:rFonts", "<w:spacing w:val=\"-5\"/>", "<w:kern"]), "schema order: {defaults}");
    for needle in [
        "w:ascii=\"Times New Roman\"",
        "w:eastAsia=\"仿宋_GB2312\"",
        "<w:spacing w:val=\"-5\"/>",
        "<w:sz w:val=\"32\"/>",
        "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>",
    ] {
        assert!(defaults.contains(needle), "{needle} not in docDefaults: {defaults}");
    }
    let title = style(&styles, "CourtTitle");
    for needle in [
        "w:ascii=\"方正小标宋简体\"",
        "w:eastAsia=\"方正小标宋简体\"",
        "<w:sz w:val=\"44\"/>",
        "<w:jc w:val=\"center\"/>",
        "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>",
        "<w:spacing w:val=\"0\"/>",
    ] {
        assert!(title.contains(needle), "{needle} not in CourtTitle: {title}");
    }
    assert!(style(&styles, "CaseNumber").contains("<w:jc w:val=\"right\"/>"));
    let body = style(&styles, "BodyIndent");
    assert!(body.contains("w:firstLine=\"630\""), "{body}");
    assert!(styles.contains("<w:pPrDefault><w:pPr>") && defaults.contains("<w:jc w:val=\"both\"/>"), "justified");
    let closing = style(&styles, "Closing");
    assert!(closing.contains("w:right=\"630\"") && closing.contains("<w:jc w:val=\"right\"/>"), "{closing}");
    assert!(closing.contains("<w:keepNext/>") && closing.contains("<w:keepLines/>"));

    // "— N —" with a PAGE field in 四号宋体: right on odd pages, left on even pages.
    for (name, jc) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let f = part(&docx, name);
        assert!(
            in_order(
                &f,
                &[
                    &format!("<w:jc w:val=\"{jc}\"/>"),
                    "— </w:t>",
                    "w:fldCharType=\"begin\"",
                    "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>",
                    "w:fldCharType=\"separate\"",
                    "w:fldCharType=\"end\"",
                    " —</w:t>"
                ]
            ),
            "{name}: {f}"
        );
        assert!(f.contains("w:eastAsia=\"宋体\"") && f.contains("<w:sz w:val=\"28\"/>"));
    }
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders/>"), "{settings}");
    assert!(settings.contains("<w:characterSpacingControl w:val=\"compressPunctuation\"/>"));
    let fonts = part(&docx, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"), "{fonts}");
    assert!(fonts.contains("<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/>"));
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>民事判决书（（2025）粤0309民初1234号）</dc:title><dc:creator>案牍 Andu</dc:creator>")
    );
}

#[test]
fn a_single_item_is_not_numbered() {
    let j = Judgment { items: vec!["驳回原告张三的诉讼请求。".into()], ..sample() };
    let doc = part(&j.to_docx(), "word/document.xml");
    assert!(doc.contains(">驳回原告张三的诉讼请求。<") && !doc.contains("一、驳回"));
}

#[test]
fn the_templates_keep_their_natural_grid() {
    // One writer, two grids: the built-in templates are not condensed and indent by two characters.
    let styles = part(&CourtDocument::new("传票").push(Block::Body("x".into())).to_docx(), "word/styles.xml");
    assert!(!styles.contains("<w:spacing w:val=\"-5\"/>"), "{styles}");
    assert!(style(&styles, "BodyIndent").contains("w:firstLineChars=\"200\""));
    let judgment = part(&sample().to_docx(), "word/styles.xml");
    assert!(!style(&judgment, "BodyIndent").contains("w:firstLineChars"));
    // Apart from the grid the parts are the same.
    for name in ["word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml"] {
        let template = part(&CourtDocument::new("传票").to_docx(), name);
        assert_eq!(part(&sample().to_docx(), name), template, "{name}");
    }
}

#[test]
fn the_package_is_deterministic_deflated_and_well_formed() {
    let docx = sample().to_docx();
    assert_eq!(docx, sample().to_docx(), "the same judgment gives the same bytes");
    let mut a = ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut names = Vec::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        assert!(!f.is_dir(), "{name}");
        assert_eq!(f.compression(), CompressionMethod::Deflated, "{name}");
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        let mut r = quick_xml::Reader::from_str(&xml);
        loop {
            match r.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
        names.push(name);
    }
    for n in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
}

fn tool(name: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn libreoffice_converts_the_judgment_with_28_characters_a_line() {
    for t in ["soffice", "pdfinfo", "pdftotext"] {
        assert!(tool(t), "{t} is missing: run `cargo xtask setup` (installs LibreOffice and poppler-utils)");
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("民事判决书.docx");
    std::fs::write(&docx, sample().to_docx()).unwrap();
    let mut cmd = Command::new("soffice");
    cmd.args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"]).arg(dir.path()).arg(&docx);
    cmd.env("HOME", dir.path());
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/design/fonts.conf");
    if fonts.exists() {
        cmd.env("FONTCONFIG_FILE", fonts);
    }
    let out = cmd.output().unwrap();
    let pdf = docx.with_extension("pdf");
    assert!(out.status.success() && pdf.exists(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 2")), "{info}");
    assert!(info.contains("595.") && info.contains("841."), "A4: {info}");
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    let flat: String = text.split_whitespace().collect();
    for needle in [
        "深圳市龙华区人民法院",
        "民事判决书",
        "（2025）粤0309民初1234号",
        "一、被告",
        "二、驳回",
        "第二百六十四条",
        "二〇二六年十一月二十六日",
        "—1—",
        "—2—",
    ] {
        assert!(flat.contains(needle), "“{needle}” not in the PDF:\n{text}");
    }
    // The 60 characters: 26 after the two-character indent, then a full line of 28.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&"测".repeat(26).as_str()), "{text}");
    assert!(lines.contains(&"测".repeat(28).as_str()), "{text}");
}
