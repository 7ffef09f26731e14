//! Building small .docx files the way Word writes them, and reading the output back.

use std::io::{Cursor, Read, Write};

use andu_docs::{RenderOptions, Template};
use quick_xml::events::Event;
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

pub const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                      xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

const SECT: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";

/// `word/document.xml` around `body`.
pub fn document(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document {NS}><w:body>{body}{SECT}</w:body></w:document>"
    )
}

pub fn header(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:hdr {NS}>{body}</w:hdr>")
}

pub fn footer(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:ftr {NS}>{body}</w:ftr>")
}

/// A paragraph with one run per piece, as Word writes a paragraph typed in several editing sessions.
pub fn p(pieces: &[&str]) -> String {
    let runs: String = pieces.iter().map(|t| format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>")).collect();
    format!("<w:p>{runs}</w:p>")
}

pub fn cell(content: &str) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>")
}

pub fn row(cells: &[&str]) -> String {
    let cs: String = cells.iter().map(|c| cell(&p(&[c]))).collect();
    format!("<w:tr>{cs}</w:tr>")
}

pub fn table(rows: &[String]) -> String {
    format!("<w:tbl><w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid/>{}</w:tbl>", rows.concat())
}

fn content_types(names: &[&str]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>",
    );
    for n in names {
        let ty = if *n == "word/document.xml" {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        } else if n.starts_with("word/header") {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
        } else if n.starts_with("word/footer") {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
        } else if *n == "word/styles.xml" {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
        } else {
            continue;
        };
        s.push_str(&format!("<Override PartName=\"/{n}\" ContentType=\"{ty}\"/>"));
    }
    s.push_str("</Types>");
    s
}

pub const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:styles \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" \
    w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style></w:styles>";

/// A package with `[Content_Types].xml`, the relationships, a styles part, a stored PNG and the given parts.
pub fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut names: Vec<&str> = parts.iter().map(|(n, _)| *n).collect();
    names.push("word/styles.xml");
    let mut entries: Vec<(String, Vec<u8>, CompressionMethod)> = vec![
        ("[Content_Types].xml".into(), content_types(&names).into_bytes(), CompressionMethod::Deflated),
        (
            "_rels/.rels".into(),
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_vec(),
            CompressionMethod::Deflated,
        ),
    ];
    for (n, x) in parts {
        entries.push((n.to_string(), x.as_bytes().to_vec(), CompressionMethod::Deflated));
    }
    entries.push(("word/styles.xml".into(), STYLES.as_bytes().to_vec(), CompressionMethod::Deflated));
    entries.push(("word/media/image1.png".into(), (0..=255u8).cycle().take(700).collect(), CompressionMethod::Stored));
    zip_of(&entries)
}

pub fn zip_of(entries: &[(String, Vec<u8>, CompressionMethod)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let time = DateTime::from_date_and_time(2023, 5, 6, 7, 8, 10).unwrap();
    for (name, bytes, method) in entries {
        w.start_file(name.as_str(), SimpleFileOptions::default().compression_method(*method).last_modified_time(time))
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub fn body_docx(body: &str) -> Vec<u8> {
    docx(&[("word/document.xml", &document(body))])
}

pub fn render_with(bytes: Vec<u8>, data: Value, opts: RenderOptions) -> (Vec<u8>, Vec<String>) {
    let t = Template::from_bytes(bytes).unwrap_or_else(|e| panic!("template: {e}"));
    let r = t.render(&data, &opts).unwrap_or_else(|e| panic!("render: {e}"));
    (r.bytes, r.missing)
}

/// Renders a document whose body is `body` and returns the output's document.xml (checked well-formed).
pub fn render_body(body: &str, data: Value) -> String {
    let (bytes, _) = render_with(body_docx(body), data, RenderOptions::default());
    part(&bytes, "word/document.xml")
}

pub fn part(bytes: &[u8], name: &str) -> String {
    let s = andu_docs::read_part(bytes, name).unwrap();
    assert_well_formed(&s);
    s
}

pub fn assert_well_formed(xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match r.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}\n{xml}"),
        }
    }
    assert_eq!(depth, 0, "unbalanced:\n{xml}");
}

/// The text of every paragraph in document order (text boxes included), `<w:br/>` as `\n`, `<w:tab/>` as `\t`.
pub fn paragraphs(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut in_t = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                stack.push(out.len());
                out.push(String::new());
            }
            Event::Empty(e) if e.name().as_ref() == "w:p" => out.push(String::new()),
            Event::End(e) if e.name().as_ref() == "w:p" => {
                stack.pop();
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Empty(e) if e.name().as_ref() == "w:br" => out[*stack.last().unwrap()].push('\n'),
            Event::Empty(e) if e.name().as_ref() == "w:tab" => out[*stack.last().unwrap()].push('\t'),
            Event::Text(t) if in_t => out[*stack.last().unwrap()].push_str(&t),
            Event::GeneralRef(g) if in_t => {
                let s = match &*g.xml10_content() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                };
                out[*stack.last().unwrap()].push_str(s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

pub fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// Every entry: name, compression method, CRC, timestamp and the raw (still compressed) bytes.
pub type RawEntry = (String, CompressionMethod, u32, Option<DateTime>, Vec<u8>);

pub fn raw_entries(bytes: &[u8]) -> Vec<RawEntry> {
    let mut a = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..a.len())
        .map(|i| {
            let f = a.by_index_raw(i).unwrap();
            let meta = (f.name().unwrap().to_string(), f.compression(), f.crc32(), f.last_modified());
            let mut raw = Vec::new();
            let mut f = f;
            f.read_to_end(&mut raw).unwrap();
            (meta.0, meta.1, meta.2, meta.3, raw)
        })
        .collect()
}

/// Each paragraph (text boxes included) as its text with what shapes the layout written in: `[分页]` for a page
/// break, `[段前分页]` for `pageBreakBefore`, `[分节]` for a section break in its properties.
pub fn shape(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out: Vec<String> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut in_t = false;
    let page = |e: &quick_xml::events::BytesStart| {
        e.attributes().flatten().any(|a| a.key.as_ref() == "w:type" && &*a.value == "page")
    };
    loop {
        let ev = r.read_event().unwrap();
        let cur = stack.last().copied();
        let is_start = matches!(ev, Event::Start(_));
        match ev {
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                stack.push(out.len());
                out.push(String::new());
            }
            Event::Empty(e) if e.name().as_ref() == "w:p" => out.push(String::new()),
            Event::End(e) if e.name().as_ref() == "w:p" => {
                stack.pop();
            }
            Event::Start(e) | Event::Empty(e) if cur.is_some() => {
                let i = cur.unwrap();
                match e.name().as_ref() {
                    "w:t" => in_t = is_start,
                    "w:br" if page(&e) => out[i].push_str("[分页]"),
                    "w:pageBreakBefore" => out[i].push_str("[段前分页]"),
                    "w:sectPr" => out[i].push_str("[分节]"),
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => out[cur.unwrap()].push_str(&t),
            Event::GeneralRef(g) if in_t => {
                let s = match &*g.xml10_content() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    other => panic!("entity {other}"),
                };
                out[cur.unwrap()].push_str(s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Section breaks in the whole part: paragraphs' and the body's last one.
pub fn section_breaks(xml: &str) -> usize {
    count(xml, "<w:sectPr")
}
