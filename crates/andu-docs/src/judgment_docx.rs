//! The drafted 民事判决书 as a .docx (issue #4: documents generated from code rather than from a template), laid
//! out by the one writer of built documents, [`layout`](crate::layout), on the condensed grid: 22 lines × 28
//! characters a page (domain.md §5). This module decides the parts and their order, and numbers the items; the
//! page, fonts, styles, footers and package are the layout's.
//!
//! Until session 7 the judgment had a writer of its own (docx-rs, with its output put back into schema order and
//! repackaged): the same court layout written twice. What the two differed in is now the layout's [`Grid`].

use crate::cn::number_cn;
use crate::layout::{Block, CourtDocument, Grid};

/// A 民事判决书 ready to lay out: the parts in document order. The caller decides the text (the late-payment
/// warning, "判决如下："); this module decides the look and numbers the items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Judgment {
    /// The document's title property (File → Properties), e.g. `民事判决书（（2025）粤0309民初1234号）`.
    pub title: String,
    /// 深圳市龙华区人民法院.
    pub court: String,
    /// 民事判决书.
    pub name: String,
    /// （2025）粤0309民初1234号.
    pub case_no: String,
    /// 首部 to 本院认为, ending with "判决如下：": one indented paragraph each.
    pub body: Vec<String>,
    /// 判决主文: numbered 一、二、… when there are two or more.
    pub items: Vec<String>,
    /// After the items: the late-payment warning, 诉讼费负担, 上诉告知.
    pub after_items: Vec<String>,
    /// 落款, line by line; an empty line is kept as an empty line (space for the seal).
    pub signature: Vec<String>,
    /// 附：本判决适用的法律条文 (heading, law names, articles), one paragraph a line, from a new page after the 落款;
    /// empty for none.
    pub appendix: Vec<String>,
}

impl Judgment {
    /// The court document: court and document name as titles, the 案号, the body, the items, a blank line, the
    /// 落款 (right-aligned, two characters in from the margin, kept on one page), then the 附 on a page of its own.
    pub fn document(&self) -> CourtDocument {
        let mut doc = CourtDocument::new(self.title.clone()).with_grid(Grid::Condensed28);
        doc.push(Block::Title(self.court.clone()))
            .push(Block::Title(self.name.clone()))
            .push(Block::CaseNo(self.case_no.clone()));
        for t in &self.body {
            doc.push(Block::Body(t.clone()));
        }
        let numbered = self.items.len() > 1;
        for (i, item) in self.items.iter().enumerate() {
            let text = if numbered { format!("{}{item}", item_label(i + 1)) } else { item.clone() };
            doc.push(Block::Body(text));
        }
        for t in &self.after_items {
            doc.push(Block::Body(t.clone()));
        }
        doc.push(Block::Blank);
        for l in &self.signature {
            doc.push(Block::Closing(l.trim().to_string()));
        }
        // The heading and the law names flush left, the articles indented like the body; a page of its own.
        for (i, l) in self.appendix.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).enumerate() {
            let heading = l.starts_with('《') && l.ends_with('》');
            doc.push(match (i, heading) {
                (0, _) => Block::NewPage(l.to_string()),
                (_, true) => Block::Plain(l.to_string()),
                _ => Block::Body(l.to_string()),
            });
        }
        doc
    }

    /// The .docx package (deflated, fixed timestamps: the same judgment gives the same bytes).
    pub fn to_docx(&self) -> Vec<u8> {
        self.document().to_docx()
    }
}

/// The label of 判决主文 item `n` (1-based) when a judgment has several: `一、`, `十、`, `十二、`. The editor shows the
/// same labels (the app's `draft_item_labels`), so what a judge numbers on screen is what the .docx prints.
pub fn item_label(n: usize) -> String {
    format!("{}、", number_cn(n as u64))
}
