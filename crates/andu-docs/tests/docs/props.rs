//! Property tests (issue #12): the template engine fed arbitrary bytes, damaged packages and arbitrary text in
//! document.xml never panics; it answers a typed error with a Chinese message, or a template whose fields can be
//! listed and whose render is a well-formed document.

use andu_core::Coded;
use andu_docs::{DocError, RenderOptions, Template};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::*;

fn assert_typed(e: &DocError) -> Result<(), TestCaseError> {
    prop_assert!(!e.code().is_empty() && e.code().chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{e:?}");
    prop_assert!(e.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: {e}");
    Ok(())
}

/// Characters a template's XML may not contain (XML 1.0 §2.2): what would make Word refuse the output.
fn assert_valid_xml_chars(xml: &str) -> Result<(), TestCaseError> {
    let bad = xml.chars().find(|c| {
        let u = *c as u32;
        (u < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || u == 0xFFFE || u == 0xFFFF
    });
    prop_assert!(bad.is_none(), "character {bad:?} in output XML");
    Ok(())
}

/// Compiles, lists fields, renders with `data` (lenient and strict): each step either succeeds or is a typed error;
/// a rendered document.xml is well-formed when the input was.
fn exercise(bytes: Vec<u8>, data: &Value, input_well_formed: bool) -> Result<(), TestCaseError> {
    let t = match Template::from_bytes(bytes) {
        Ok(t) => t,
        Err(e) => return assert_typed(&e),
    };
    let _ = t.fields();
    for strict in [false, true] {
        match t.render(data, &RenderOptions { strict }) {
            Ok(r) => {
                if input_well_formed {
                    let xml = andu_docs::read_part(&r.bytes, "word/document.xml").unwrap();
                    assert_well_formed(&xml);
                    assert_valid_xml_chars(&xml)?;
                }
            }
            Err(e) => assert_typed(&e)?,
        }
    }
    Ok(())
}

/// Text that looks like template syntax: tags, sections, filters, stray braces, mixed with anything.
fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{{".to_string()),
        Just("}}".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("#".to_string()),
        Just("/".to_string()),
        Just("^".to_string()),
        Just("|".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("当事人".to_string()),
        Just("名称".to_string()),
        Just("日期".to_string()),
        Just("金额".to_string()),
        Just("大写".to_string()),
        Just("中文日期".to_string()),
        Just("{{#当事人}}".to_string()),
        Just("{{/当事人}}".to_string()),
        Just("{{^当事人}}".to_string()),
        Just("{{金额|大写}}".to_string()),
        Just("{{日期|中文日期}}".to_string()),
        "[^\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{fffe}\u{ffff}]{0,6}",
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

/// Text that is a valid template: fields with filters and balanced sections, with any text between them.
fn well_formed() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[^{}\u{0}-\u{1f}\u{fffe}\u{ffff}]{0,8}",
        Just("{{名称}}".to_string()),
        Just("{{ 日期 }}".to_string()),
        Just("{{金额|大写}}".to_string()),
        Just("{{日期|中文日期}}".to_string()),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
            inner.clone().prop_map(|b| format!("{{{{#当事人}}}}{b}{{{{/当事人}}}}")),
            inner.prop_map(|b| format!("{{{{^当事人}}}}{b}{{{{/当事人}}}}")),
        ]
    })
}

/// A paragraph's text: usually a valid template (so the renderer is what is tested), sometimes tag soup.
fn paragraph_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => well_formed(), 1 => tag_soup()]
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Data for the tags above: strings with any characters, numbers, lists of objects, nulls, booleans.
fn data() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        any::<String>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::from),
    ];
    let item = (scalar.clone(), scalar.clone()).prop_map(|(a, b)| json!({"名称": a, "日期": b}));
    (scalar.clone(), scalar.clone(), scalar, proptest::collection::vec(item, 0..3), any::<bool>()).prop_map(
        |(a, b, c, list, as_list)| {
            json!({
                "名称": a,
                "日期": b,
                "金额": c,
                "当事人": if as_list { Value::from(list) } else { Value::from(as_list) },
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_are_a_typed_error_or_a_template(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        exercise(bytes, &json!({}), false)?;
    }

    #[test]
    fn a_damaged_docx_is_a_typed_error_or_a_template(
        cut in 0usize..100_000,
        flips in proptest::collection::vec((0usize..100_000, any::<u8>()), 0..8),
    ) {
        let mut bytes = body_docx(&p(&["{{#当事人}}{{名称}}{{/当事人}}", "{{金额|大写}}"]));
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        bytes.truncate(cut % (bytes.len() + 1));
        exercise(bytes, &json!({"当事人": [{"名称": "张三"}], "金额": 100}), false)?;
    }

    #[test]
    fn arbitrary_text_in_document_xml_is_a_typed_error_or_a_well_formed_render(
        paras in proptest::collection::vec(paragraph_text(), 1..5),
        data in data(),
    ) {
        // As Word writes typed text: escaped, in runs split anywhere.
        let body: String = paras.iter().map(|t| {
            let e = escape(t);
            let mid = e.char_indices().map(|(i, _)| i).nth(e.chars().count() / 2).unwrap_or(e.len());
            let (a, b) = e.split_at(mid);
            p(&[a, b])
        }).collect();
        exercise(body_docx(&body), &data, true)?;
    }

    #[test]
    fn raw_unescaped_text_in_document_xml_never_panics(
        raw in proptest::collection::vec(any::<String>(), 1..4),
        data in data(),
    ) {
        // Not what Word writes: markup fragments, stray `<` and `&`, control characters straight into the XML.
        let body: String = raw.iter().map(|t| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>{t}")).collect();
        exercise(body_docx(&body), &data, false)?;
    }
}

/// The generated text is not all refused: enough of it compiles and renders (145 of 400 when written) for the
/// property above to test the renderer, not only its error paths.
#[test]
fn most_generated_templates_compile_and_render() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut compiled, mut rendered, n) = (0, 0, 400);
    for _ in 0..n {
        let paras = proptest::collection::vec(paragraph_text(), 1..5).new_tree(&mut runner).unwrap().current();
        let data = data().new_tree(&mut runner).unwrap().current();
        let body: String = paras.iter().map(|t| p(&[&escape(t)])).collect();
        if let Ok(t) = Template::from_bytes(body_docx(&body)) {
            compiled += 1;
            rendered += t.render(&data, &RenderOptions::default()).is_ok() as usize;
        }
    }
    eprintln!("{compiled} of {n} compiled, {rendered} rendered");
    assert!(rendered * 4 >= n, "{compiled} of {n} compiled, {rendered} rendered");
}

/// A .docx whose zip64 directory claims a document.xml of 4 EiB: the claim is not allocated (it aborted the
/// process: `memory allocation of 4611686018427387904 bytes failed`).
#[test]
fn a_part_claiming_an_impossible_size_is_refused_without_allocating_it() {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("word/document.xml", zip::write::SimpleFileOptions::default().large_file(true)).unwrap();
    w.write_all(document(&p(&["{{名称}}"])).as_bytes()).unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    // The central directory entry: its 32-bit sizes are 0xFFFFFFFF and the zip64 extra field (id 1) that follows
    // the name holds the real ones, uncompressed size first.
    let cd = bytes.windows(4).position(|x| x == [0x50, 0x4b, 0x01, 0x02]).unwrap();
    let extra = cd + 46 + u16::from_le_bytes([bytes[cd + 28], bytes[cd + 29]]) as usize;
    assert_eq!(&bytes[extra..extra + 2], &[1, 0], "zip64 extra field");
    assert_eq!(&bytes[cd + 24..cd + 28], &[0xff; 4]);
    bytes[extra + 4..extra + 12].copy_from_slice(&(1u64 << 62).to_le_bytes());
    // The content itself is intact (its CRC holds), so the template opens; before, the process aborted.
    let t = Template::from_bytes(bytes).unwrap();
    assert_eq!(t.fields()[0].name, "名称");
}

/// Twenty thousand nested sections overflowed the stack (the process aborted); past 32 levels a template is refused.
#[test]
fn sections_nested_beyond_any_document_are_refused_not_a_stack_overflow() {
    let n = 20_000;
    let text = format!("{}x{}", "{{#a}}".repeat(n), "{{/a}}".repeat(n));
    let e = Template::from_bytes(body_docx(&p(&[&text]))).err().expect("refused");
    assert_eq!(e.code(), "template_invalid", "{e}");
    assert!(e.to_string().contains("区段嵌套超过 32 层"), "{e}");
    let text = format!("{}x{}", "{{#a}}".repeat(32), "{{/a}}".repeat(32));
    let t = Template::from_bytes(body_docx(&p(&[&text]))).unwrap();
    let mut data = json!("深处");
    for _ in 0..32 {
        data = json!({ "a": data });
    }
    assert!(t.render(&data, &RenderOptions::default()).is_ok());
}

/// A document.xml that inflates past 64 MB (a zip bomb is a few kilobytes that inflate to gigabytes) is refused
/// before it is all in memory.
#[test]
fn a_part_that_inflates_past_64_mb_is_refused() {
    let body = format!("{}{}", " ".repeat(65 << 20), p(&["{{名称}}"]));
    let bytes = body_docx(&body);
    assert!(bytes.len() < 1 << 20, "compressed to {} bytes", bytes.len());
    let e = Template::from_bytes(bytes).err().expect("refused");
    assert_eq!(e.code(), "template_invalid", "{e}");
    assert!(e.to_string().contains("解压后超过 64 MB"), "{e}");
}
