//! A generated 裁定书/调解书 sent to 阅核: the .docx a template produced (recorded on the case with
//! `add_document`) is read back paragraph by paragraph (`andu_docs::docx_paragraphs`) and saved as a revision of a
//! draft of kind `ruling` or `mediation`, its whole text in one section (正文). From there it is a draft like the
//! judgment: `send_for_review` sends its latest revision, comments quote passages of that text, and only the case's
//! judge may save it (`not_the_author` otherwise, as for the judgment).

use andu_core::{Coded, ErrorBody};
use andu_docs::DocError;
use andu_store::Store;
use andu_store::review::Actor;
use andu_store::table::drafts::{DraftContent, RevisionRow};
use chrono::{DateTime, Utc};

/// The draft kind of a 裁定书 (`drafts.kind`).
pub const RULING: &str = "ruling";
/// The draft kind of a 调解书.
pub const MEDIATION: &str = "mediation";
/// The one section a generated document's text is kept in (正文).
pub const BODY: &str = "body";

/// What a generated document is, for 阅核.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Ruling,
    Mediation,
}

impl DocumentKind {
    /// `裁定书`/`ruling`, `调解书`/`mediation` (what `--kind` takes).
    pub fn parse(s: &str) -> Option<DocumentKind> {
        match s.trim() {
            "裁定书" | "ruling" => Some(DocumentKind::Ruling),
            "调解书" | "mediation" => Some(DocumentKind::Mediation),
            _ => None,
        }
    }

    /// From a template's or document's name: `民事裁定书（…）` is a ruling, `民事调解书` a mediation; anything else
    /// (a 传票, a notice) is neither and cannot be sent to 阅核.
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        if name.contains("调解书") {
            Some(DocumentKind::Mediation)
        } else if name.contains("裁定书") {
            Some(DocumentKind::Ruling)
        } else {
            None
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Ruling => RULING,
            DocumentKind::Mediation => MEDIATION,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            DocumentKind::Ruling => "裁定书",
            DocumentKind::Mediation => "调解书",
        }
    }
}

/// The draft a generated document becomes: its kind (given, else from `name`), a title, and the text in 正文 — one
/// paragraph a line, as the judgment's sections keep theirs. Refused `docx_unreadable` for bytes that are no .docx,
/// `data_invalid` when the kind is neither given nor in the name, or when the document holds no text.
pub fn document_draft(
    docx: &[u8],
    name: &str,
    kind: Option<DocumentKind>,
) -> Result<(DocumentKind, DraftContent), DocError> {
    let kind = kind.or_else(|| DocumentKind::from_name(name)).ok_or_else(|| DocError::DataInvalid {
        reason: format!("无法从名称“{name}”判断是裁定书还是调解书，请指定种类（--kind 裁定书|调解书）"),
        loc: None,
    })?;
    let paragraphs = andu_docs::docx_paragraphs(docx)?;
    if paragraphs.is_empty() {
        return Err(DocError::DataInvalid { reason: format!("文书“{name}”中没有文字"), loc: None });
    }
    Ok((kind, DraftContent::from([(BODY.to_string(), paragraphs.join("\n"))])))
}

/// Save the generated document at `docx` (named `name`: the file's or the recorded document's title) as the newest
/// revision of the case's draft of its kind, by `actor` (the case's judge). Then `send_for_review` sends it.
pub fn import_document(
    store: &mut Store,
    now: DateTime<Utc>,
    case_no: &str,
    actor: &Actor,
    docx: &[u8],
    name: &str,
    kind: Option<DocumentKind>,
) -> Result<RevisionRow, ErrorBody> {
    let (kind, content) = document_draft(docx, name, kind).map_err(|e| e.to_body())?;
    let title = name.trim().trim_end_matches(".docx");
    let title = if title.is_empty() { kind.name_zh() } else { title };
    store.write(now, |w| w.import_draft(case_no, actor, kind.key(), title, &content)).map_err(|e| e.to_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_name_or_is_given() {
        assert_eq!(DocumentKind::from_name("民事裁定书（准许撤诉）"), Some(DocumentKind::Ruling));
        assert_eq!(DocumentKind::from_name("民事调解书.docx"), Some(DocumentKind::Mediation));
        assert_eq!(DocumentKind::from_name("传票"), None);
        assert_eq!(DocumentKind::parse("调解书"), Some(DocumentKind::Mediation));
        assert_eq!(DocumentKind::parse("ruling"), Some(DocumentKind::Ruling));
        assert_eq!(DocumentKind::parse("判决书"), None);
    }

    #[test]
    fn a_rendered_document_becomes_one_body_section_of_its_paragraphs() {
        let t = andu_docs::Template::load("builtin:传票").unwrap();
        let data = serde_json::json!({ "案号": "（2025）粤0309民初1234号", "法院": "深圳市龙华区人民法院" });
        let bytes = t.render(&data, &andu_docs::RenderOptions::default()).unwrap().bytes;
        let (kind, content) = document_draft(&bytes, "传票", Some(DocumentKind::Ruling)).unwrap();
        assert_eq!(kind, DocumentKind::Ruling);
        assert_eq!(content.keys().collect::<Vec<_>>(), vec![BODY]);
        assert!(content[BODY].lines().any(|l| l.contains("（2025）粤0309民初1234号")));
        // Neither given nor in the name: refused, not guessed.
        assert_eq!(document_draft(&bytes, "传票", None).unwrap_err().code(), "data_invalid");
        assert_eq!(document_draft(b"no zip", "民事裁定书", None).unwrap_err().code(), "docx_unreadable");
    }
}
