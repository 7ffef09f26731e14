//! The text of a generated document, paragraph by paragraph: the same lexer the template engine reads with
//! ([`scan`](crate::scan)), its `<w:t>` runs joined per `<w:p>`. Used to send a generated 裁定书/调解书 to 阅核 as
//! a draft's text (andu-docket `document_draft`).

use crate::error::DocError;
use crate::scan::{Kind, scan};
use crate::syntax::plain;
use crate::template::read_part;

/// The paragraphs of the main document, in order, each its runs joined; empty paragraphs are left out. Refused
/// `docx_unreadable` when the bytes are not a .docx (no zip, no `word/document.xml`, broken XML).
pub fn docx_paragraphs(docx: &[u8]) -> Result<Vec<String>, DocError> {
    let unreadable = |e: DocError| DocError::DocxUnreadable(e.to_string());
    let xml = read_part(docx, "word/document.xml").map_err(unreadable)?;
    let lexed = scan(&xml).map_err(DocError::DocxUnreadable)?;
    let mut paras: Vec<(usize, String)> = Vec::new();
    for t in &lexed.texts {
        let Some(p) = t.para else { continue };
        let text = plain(&xml[t.content.clone()]);
        match paras.last_mut() {
            Some((last, s)) if *last == p => s.push_str(&text),
            _ => paras.push((p, text)),
        }
    }
    debug_assert!(paras.iter().all(|(p, _)| lexed.elems[*p].kind == Kind::P));
    Ok(paras.into_iter().map(|(_, s)| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_notice_reads_back_as_its_paragraphs() {
        let t = crate::Template::load("builtin:传票").unwrap();
        let data = serde_json::json!({ "案号": "（2025）粤0309民初1234号", "法院": "深圳市龙华区人民法院" });
        let out = t.render(&data, &crate::RenderOptions::default()).unwrap();
        let paras = docx_paragraphs(&out.bytes).unwrap();
        assert!(paras.iter().any(|p| p.contains("（2025）粤0309民初1234号")), "{paras:?}");
        assert!(paras.iter().all(|p| !p.is_empty()));
    }

    #[test]
    fn bytes_that_are_no_docx_are_refused_docx_unreadable() {
        use andu_core::Coded;
        let e = docx_paragraphs(b"not a zip").unwrap_err();
        assert_eq!(e.code(), "docx_unreadable");
    }
}
