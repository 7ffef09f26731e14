//! The running text of a .docx (a judgment to check): each `<w:p>` one line, its `<w:t>` runs joined.

use std::io::Read;

use quick_xml::events::Event;

use crate::LawError;

pub fn docx_text(bytes: &[u8]) -> Result<String, LawError> {
    let bad = |e: String| LawError::UnreadableDocx(e);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| bad("缺少 word/document.xml".into()))?
        .take(256 << 20)
        .read_to_string(&mut xml)
        .map_err(|e| bad(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| bad(e.to_string()))? {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            Event::Empty(e) if matches!(e.name().as_ref(), "w:tab" | "w:br") => out.push(' '),
            Event::Text(t) if in_text => out.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => {
                let name: &str = r.as_ref();
                let ch = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                out.extend(ch);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
