//! Property: every zip entry the engine does not edit comes out byte for byte (same compressed bytes, method,
//! CRC and timestamp), whatever the other entries hold and however they are compressed.

use andu_docs::{RenderOptions, Template};
use proptest::prelude::*;
use serde_json::json;
use zip::CompressionMethod;

use crate::support::*;

/// Paragraph text without braces, escaped as Word writes it.
fn text() -> impl Strategy<Value = String> {
    "[^{}\u{0}-\u{1f}]{0,40}".prop_map(|s| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
}

fn entry() -> impl Strategy<Value = (String, Vec<u8>, CompressionMethod)> {
    (
        "[a-z]{1,8}",
        proptest::collection::vec(any::<u8>(), 0..600),
        prop_oneof![Just(CompressionMethod::Stored), Just(CompressionMethod::Deflated)],
    )
        .prop_map(|(n, b, m)| (format!("word/media/{n}.bin"), b, m))
}

fn package(body: &str, extra: &[(String, Vec<u8>, CompressionMethod)]) -> Vec<u8> {
    let base = docx(&[("word/document.xml", &document(body)), ("word/footer1.xml", &footer(&p(&["— 1 —"])))]);
    let mut entries: Vec<(String, Vec<u8>, CompressionMethod)> = Vec::new();
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(&base)).unwrap();
    for i in 0..a.len() {
        use std::io::Read;
        let mut f = a.by_index(i).unwrap();
        let mut v = Vec::new();
        f.read_to_end(&mut v).unwrap();
        entries.push((f.name().unwrap().to_string(), v, f.compression()));
    }
    for (k, e) in extra.iter().enumerate() {
        entries.push((format!("{}{k}", e.0), e.1.clone(), e.2));
    }
    zip_of(&entries)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_template_without_tags_renders_to_identical_entries(
        paras in proptest::collection::vec(text(), 1..6),
        extra in proptest::collection::vec(entry(), 0..4),
    ) {
        let body: String = paras.iter().map(|t| p(&[t])).collect();
        let bytes = package(&body, &extra);
        let out = Template::from_bytes(bytes.clone()).unwrap().render(&json!({"x": 1}), &RenderOptions::default()).unwrap();
        prop_assert_eq!(raw_entries(&out.bytes), raw_entries(&bytes));
    }

    #[test]
    fn only_the_edited_part_changes(
        paras in proptest::collection::vec(text(), 1..6),
        extra in proptest::collection::vec(entry(), 0..4),
        value in "[^\u{0}-\u{1f}\u{2028}\u{2029}\u{fffe}\u{ffff}]{0,20}",
    ) {
        let mut body: String = paras.iter().map(|t| p(&[t])).collect();
        body.push_str(&p(&["{", "{x}", "}"]));
        let bytes = package(&body, &extra);
        let out = Template::from_bytes(bytes.clone()).unwrap().render(&json!({"x": value}), &RenderOptions::default()).unwrap();
        let (before, after) = (raw_entries(&bytes), raw_entries(&out.bytes));
        prop_assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            if b.0 != "word/document.xml" {
                prop_assert_eq!(a, b);
            }
        }
        let doc = part(&out.bytes, "word/document.xml");
        let texts = paragraphs(&doc);
        let last = texts.last().unwrap();
        prop_assert_eq!(last, &value);
    }
}
