//! Giving every block section marker a paragraph of its own, so nothing beside it is repeated or hidden with the
//! section.
//!
//! A section whose markers are in different paragraphs repeats (or hides) the paragraphs between them, and a
//! paragraph holding only a marker is dropped. When a marker's paragraph holds more — text (`类型：{{#列表}}`), a
//! page break, a section break (`<w:sectPr>` in its properties), a picture — that paragraph is split at each
//! such marker, as docxtemplater splits the XML at the tag:
//!
//! - what stands before an opening marker stays before the section, once; what follows it is the section's
//!   first paragraph; likewise around a closing marker;
//! - the paragraph's section break and `pageBreakBefore` are never repeated or hidden: they stay on the piece
//!   outside the sections of that paragraph (the section break on the last such piece, where the paragraph
//!   ended; `pageBreakBefore` on the first), kept even when it is otherwise empty;
//! - a piece with nothing visible is left out (its bookmarks are kept, once); each marker becomes a paragraph of
//!   its own, which the compiler then drops.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::scan::Scan;

/// A block marker: the tag's byte range (inside one `<w:t>`), that `<w:t>` element, and whether it opens.
pub(crate) struct Cut {
    pub range: Range<usize>,
    pub text_elem: usize,
    pub opens: bool,
}

/// Elements that make a piece of a paragraph visible (or meaningful) even without text.
const VISIBLE: &[&str] = &[
    "<w:br",
    "<w:cr",
    "<w:tab",
    "<w:sym",
    "<w:drawing",
    "<w:pict",
    "<w:object",
    "<w:fldSimple",
    "<w:fldChar",
    "<w:footnoteReference",
    "<w:endnoteReference",
    "<mc:AlternateContent",
];
const RANGE_MARKERS: &[&str] =
    &["w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:permStart", "w:permEnd"];

fn name<'a>(src: &'a str, sc: &Scan, e: usize) -> &'a str {
    &src[sc.elems[e].name.clone()]
}

/// The child of `parent` named `want`, looking only at direct children.
fn child(src: &str, sc: &Scan, parent: usize, want: &str) -> Option<usize> {
    let end = sc.elems[parent].end;
    (parent + 1..sc.elems.len())
        .take_while(|&e| sc.elems[e].start < end)
        .find(|&e| sc.elems[e].parent == Some(parent) && name(src, sc, e) == want)
}

/// Non-blank text in a `<w:t>`, or an element that shows.
fn visible(seg: &str) -> bool {
    if VISIBLE.iter().any(|v| seg.contains(v)) {
        return true;
    }
    let mut pos = 0;
    while let Some(i) = seg[pos..].find("<w:t").map(|i| i + pos) {
        let after = &seg[i + 4..];
        pos = i + 4;
        if !(after.starts_with('>') || after.starts_with(' ')) {
            continue; // <w:tab>, <w:tbl>…
        }
        let Some(gt) = after.find('>') else { break };
        if after[..gt].ends_with('/') {
            continue;
        }
        let body = &after[gt + 1..];
        let end = body.find("</w:t>").unwrap_or(body.len());
        if !body[..end].trim().is_empty() {
            return true;
        }
    }
    false
}

/// The bookmarks and comment/permission ranges of a piece left out.
fn range_markers(seg: &str) -> String {
    let mut out = String::new();
    let mut pos = 0;
    while let Some(i) = seg[pos..].find('<').map(|i| i + pos) {
        pos = i + 1;
        let rest = &seg[i + 1..];
        if RANGE_MARKERS.iter().any(|m| rest.starts_with(m) && rest[m.len()..].starts_with([' ', '/']))
            && let Some(end) = rest.find("/>")
        {
            out.push_str(&seg[i..i + 1 + end + 2]);
            pos = i + 1 + end + 2;
        }
    }
    out
}

/// The start tag of `e` as it reopens a piece: a run keeps its run properties, text keeps its spaces.
fn reopen(src: &str, sc: &Scan, e: usize) -> String {
    let el = &sc.elems[e];
    match name(src, sc, e) {
        "w:t" => "<w:t xml:space=\"preserve\">".into(),
        "w:r" => {
            let mut s = src[el.start..el.open_end].to_string();
            if let Some(rpr) = child(src, sc, e, "w:rPr") {
                s.push_str(&src[sc.elems[rpr].start..sc.elems[rpr].end]);
            }
            s
        }
        _ => src[el.start..el.open_end].to_string(),
    }
}

/// The elements open at a cut (between the paragraph and the `<w:t>`, both ends included but the paragraph).
fn chain(sc: &Scan, p: usize, text_elem: usize) -> Vec<usize> {
    let anc = sc.ancestors(text_elem);
    let from = anc.iter().position(|&e| e == p).map_or(anc.len(), |i| i + 1);
    anc[from..].to_vec()
}

/// One paragraph rewritten as pieces and marker paragraphs.
fn split_paragraph(src: &str, sc: &Scan, p: usize, cuts: &[Cut]) -> String {
    let pe = &sc.elems[p];
    let open_tag = &src[pe.start..pe.open_end];
    let ppr = child(src, sc, p, "w:pPr");
    let content_start = ppr.map_or(pe.open_end, |e| sc.elems[e].end);
    let content_end = src[pe.start..pe.end].rfind("</").map_or(pe.end, |i| pe.start + i);
    // Only tags in the paragraph's runs are cut (not text written into its properties by a broken generator).
    let mut last_end = content_start;
    for cut in cuts {
        if cut.range.start < last_end || cut.range.end > content_end {
            return src[pe.start..pe.end].to_string();
        }
        last_end = cut.range.end;
    }
    let sect = ppr.and_then(|e| child(src, sc, e, "w:sectPr"));
    let before = ppr.and_then(|e| child(src, sc, e, "w:pageBreakBefore"));
    // pPr without the given break properties.
    let ppr_with = |keep_sect: bool, keep_before: bool| -> String {
        let Some(e) = ppr else { return String::new() };
        let mut s = String::new();
        let mut pos = sc.elems[e].start;
        let mut drop: Vec<Range<usize>> = Vec::new();
        if let (Some(x), false) = (sect, keep_sect) {
            drop.push(sc.elems[x].start..sc.elems[x].end);
        }
        if let (Some(x), false) = (before, keep_before) {
            drop.push(sc.elems[x].start..sc.elems[x].end);
        }
        drop.sort_by_key(|r| r.start);
        for r in drop {
            s.push_str(&src[pos..r.start]);
            pos = r.end;
        }
        s.push_str(&src[pos..sc.elems[e].end]);
        s
    };

    // Pieces between the cuts, with their section depth relative to the paragraph's start.
    let mut depth = 0i32;
    let mut pieces: Vec<(String, i32)> = Vec::new();
    let mut from: (usize, Vec<usize>) = (content_start, Vec::new());
    for cut in cuts {
        let open_here = chain(sc, p, cut.text_elem);
        let mut seg: String = from.1.iter().map(|&e| reopen(src, sc, e)).collect();
        seg.push_str(&src[from.0..cut.range.start]);
        for &e in open_here.iter().rev() {
            seg.push_str(&format!("</{}>", name(src, sc, e)));
        }
        pieces.push((seg, depth));
        depth += if cut.opens { 1 } else { -1 };
        from = (cut.range.end, open_here);
    }
    let mut last: String = from.1.iter().map(|&e| reopen(src, sc, e)).collect();
    last.push_str(&src[from.0..content_end]);
    pieces.push((last, depth));

    let outside = pieces.iter().map(|(_, d)| *d).min().unwrap_or(0);
    let first_outside = pieces.iter().position(|(_, d)| *d == outside);
    let last_outside = pieces.iter().rposition(|(_, d)| *d == outside);
    let keep: Vec<(bool, bool, bool)> = pieces
        .iter()
        .enumerate()
        .map(|(i, (seg, _))| {
            let keep_sect = sect.is_some() && Some(i) == last_outside;
            let keep_before = before.is_some() && Some(i) == first_outside;
            (visible(seg) || keep_sect || keep_before, keep_sect, keep_before)
        })
        .collect();
    // The ranges of a piece left out go into the marker paragraph next to it (the one after it; after the last
    // marker, the last one): the compiler keeps a dropped marker paragraph's ranges outside the section, once.
    let mut before_marker = vec![String::new(); cuts.len()];
    let mut after_last = String::new();
    for (i, (seg, _)) in pieces.iter().enumerate() {
        if !keep[i].0 {
            match before_marker.get_mut(i) {
                Some(m) => m.push_str(&range_markers(seg)),
                None => after_last.push_str(&range_markers(seg)),
            }
        }
    }
    let mut out = String::new();
    for (i, (seg, _)) in pieces.iter().enumerate() {
        let (shown, keep_sect, keep_before) = keep[i];
        if shown {
            out.push_str(open_tag);
            out.push_str(&ppr_with(keep_sect, keep_before));
            out.push_str(seg);
            out.push_str("</w:p>");
        }
        if let Some(cut) = cuts.get(i) {
            // The marker's own paragraph, which the compiler drops.
            out.push_str("<w:p>");
            out.push_str(&before_marker[i]);
            out.push_str("<w:r><w:t xml:space=\"preserve\">");
            out.push_str(&src[cut.range.clone()]);
            out.push_str("</w:t></w:r>");
            if i + 1 == cuts.len() {
                out.push_str(&after_last);
            }
            out.push_str("</w:p>");
        }
    }
    out
}

/// `src` with each listed paragraph (by element index) split at its block markers (in order of position).
pub(crate) fn isolate(src: &str, sc: &Scan, paras: &BTreeMap<usize, Vec<Cut>>) -> String {
    let mut out = String::with_capacity(src.len() + paras.len() * 64);
    let mut pos = 0;
    for (&p, cuts) in paras {
        let e = &sc.elems[p];
        out.push_str(&src[pos..e.start]);
        out.push_str(&split_paragraph(src, sc, p, cuts));
        pos = e.end;
    }
    out.push_str(&src[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_shows() {
        assert!(visible("<w:r><w:t>类型</w:t></w:r>"));
        assert!(!visible("<w:r><w:t xml:space=\"preserve\">  </w:t></w:r><w:proofErr w:type=\"spellStart\"/>"));
        assert!(visible("<w:r><w:br w:type=\"page\"/></w:r>"));
        assert!(!visible("<w:r><w:t/></w:r><w:bookmarkStart w:id=\"0\" w:name=\"a\"/>"));
        assert_eq!(
            range_markers(
                "<w:bookmarkStart w:id=\"0\" w:name=\"a\"/><w:r><w:t></w:t></w:r><w:bookmarkEnd w:id=\"0\"/>"
            ),
            "<w:bookmarkStart w:id=\"0\" w:name=\"a\"/><w:bookmarkEnd w:id=\"0\"/>"
        );
    }
}
