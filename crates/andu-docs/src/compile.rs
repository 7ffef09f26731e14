//! From a part's XML to a render tree, in three steps:
//!
//! 1. **Merge split tags.** Word splits `{{案号}}` over runs (`{` | `{案` | `号}}`, with `w:proofErr` or bookmarks
//!    between them). Per paragraph, the texts of all `<w:t>` are joined, every `{{…}}` is found, and a tag that
//!    spans several `<w:t>` is moved whole into the one where it starts, so it takes that run's formatting (as
//!    docxtemplater does). Only those `<w:t>` are rewritten; everything between them stays.
//! 2. **Pair sections** `{{#x}}`/`{{^x}}` … `{{/x}}` (or `{{/}}`, closing the innermost) and decide what each
//!    repeats:
//!    - a dash loop `{{-w:tr x}}` (`w:p`, `w:tbl`): the innermost such element around its opening tag, which
//!      must hold the closing tag too;
//!    - both markers in one paragraph: the text between them (inline); when the section is all the paragraph
//!      holds (`{{#有代理人}}委托诉讼代理人：{{代理人}}{{/有代理人}}`), the paragraph goes when it renders nothing;
//!    - in different cells of one table row: the row; in different rows of one table: those rows;
//!    - in different paragraphs otherwise (body, one cell, header): the paragraphs from the opening one to the
//!      closing one. A marker paragraph holding anything else is first split at the marker
//!      ([`crate::isolate`]); a paragraph holding nothing but section markers is dropped, so hiding a block
//!      leaves no empty line (its bookmarks are kept).
//!
//!    Anything else (one marker in a table, the other outside; markers at different levels inside a paragraph;
//!    sections that overlap) is a template error with the paragraph it is in.
//! 3. **Build the tree**: literal byte ranges of the XML, fields and sections; rendering then only concatenates.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::error::{DocError, Location};
use crate::filters::Filter;
use crate::isolate::{Cut, isolate};
use crate::scan::{Kind, Scan, scan};
use crate::syntax::{Delimiters, TagError, TagKind, find_tags, forms_in, parse_tag, plain};

#[derive(Debug)]
pub(crate) enum Node {
    Lit(Range<usize>),
    Text(String),
    Field(Box<FieldNode>),
    Section(Box<SectionNode>),
    /// A paragraph whose text is one inline section: shown with the section inline, or left out (its bookmarks
    /// kept) when the section renders nothing, so a hidden line leaves no empty paragraph.
    Para(Box<ParaNode>),
}

#[derive(Debug)]
pub(crate) struct ParaNode {
    pub path: Vec<String>,
    pub name: String,
    pub inverted: bool,
    pub loc: Location,
    pub keep: String,
    pub body: Vec<Node>,
}

#[derive(Debug)]
pub(crate) struct FieldNode {
    pub name: String,
    pub path: Vec<String>,
    pub filters: Vec<Filter>,
    pub loc: Location,
}

#[derive(Debug)]
pub(crate) struct SectionNode {
    pub name: String,
    pub path: Vec<String>,
    pub inverted: bool,
    pub body: Vec<Node>,
    pub loc: Location,
}

#[derive(Debug)]
pub(crate) struct Compiled {
    /// The part's XML after merging split tags; `Node::Lit` ranges point into it.
    pub src: String,
    pub nodes: Vec<Node>,
    /// Some section repeats or hides paragraphs or rows, so a table cell (or a header) could end up with no
    /// paragraph, which Word refuses: rendering then checks and puts an empty one back.
    pub blocks: bool,
}

#[derive(Debug)]
struct Tag {
    range: Range<usize>,
    kind: TagKind,
    name: String,
    path: Vec<String>,
    filters: Vec<Filter>,
    element: Option<Kind>,
    text: usize,
    para: usize,
}

/// Elements that make a paragraph more than a line of text: such a paragraph is never dropped as a marker.
const CONTENT: &[&str] = &[
    "<w:drawing",
    "<w:pict",
    "<w:object",
    "<w:sectPr",
    "<w:pageBreakBefore",
    "w:type=\"page\"",
    "<w:fldSimple",
    "<w:fldChar",
    "<w:footnoteReference",
    "<w:endnoteReference",
    "<mc:AlternateContent",
];
/// Range markers kept in place of a dropped marker paragraph (they are valid between paragraphs too).
const KEPT_MARKERS: &[&str] =
    &["w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:permStart", "w:permEnd"];

/// Text indices grouped by their paragraph, paragraphs in order of their first text.
fn by_paragraph(sc: &Scan) -> Vec<(usize, Vec<usize>)> {
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, t) in sc.texts.iter().enumerate() {
        let Some(p) = t.para else { continue };
        let g = *index.entry(p).or_insert_with(|| {
            groups.push((p, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    groups
}

/// Step 1: moves every tag split across `<w:t>` into the one where it starts. `None` when nothing changes.
fn merge_split_tags(src: &str, sc: &Scan, part: &str, d: Delimiters) -> Result<Option<String>, DocError> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (_, texts) in by_paragraph(sc) {
        if !texts.iter().any(|&t| src[sc.texts[t].content.clone()].contains(['{', '}'])) {
            continue;
        }
        let mut joined = String::new();
        let mut bounds = Vec::with_capacity(texts.len());
        for &t in &texts {
            let start = joined.len();
            joined.push_str(&src[sc.texts[t].content.clone()]);
            bounds.push(start..joined.len());
        }
        let tags = find_tags(&joined, d).map_err(|reason| DocError::TemplateInvalid {
            reason,
            loc: Some(Location { part: part.into(), paragraph: plain(&joined) }),
        })?;
        if tags.is_empty() {
            continue;
        }
        let text_at = |pos: usize| bounds.iter().position(|b| b.start <= pos && pos < b.end);
        let multi: Vec<&Range<usize>> = tags.iter().filter(|r| text_at(r.start) != text_at(r.end - 1)).collect();
        let mut holds_tag = vec![false; texts.len()];
        for r in &tags {
            if let Some(k) = text_at(r.start) {
                holds_tag[k] = true;
            }
        }
        for (k, &t) in texts.iter().enumerate() {
            let (a, b) = (bounds[k].start, bounds[k].end);
            if a < b && !multi.is_empty() {
                let (mut s, mut e, mut swallowed) = (a, b, false);
                for m in &multi {
                    if m.start < a && m.end >= b {
                        swallowed = true;
                    } else if m.start < a && m.end > a {
                        s = m.end;
                    }
                    if m.start >= a && m.start < b && m.end > b {
                        e = m.end;
                    }
                }
                if swallowed {
                    edits.push((sc.texts[t].content.clone(), String::new()));
                } else if (s, e) != (a, b) {
                    edits.push((sc.texts[t].content.clone(), joined[s..e].to_string()));
                }
            }
            let open = sc.texts[t].open.clone();
            if holds_tag[k] && !src[open.clone()].contains("xml:space=\"preserve\"") {
                edits.push((open, "<w:t xml:space=\"preserve\">".into()));
            }
        }
    }
    if edits.is_empty() {
        return Ok(None);
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(src.len() + 64);
    let mut pos = 0;
    for (r, s) in edits {
        out.push_str(&src[pos..r.start]);
        out.push_str(&s);
        pos = r.end;
    }
    out.push_str(&src[pos..]);
    Ok(Some(out))
}

enum What {
    Section(usize),
    Para(usize),
    Drop(String),
    Field(usize),
    Skip,
}

struct Item {
    range: Range<usize>,
    rank: u8,
    /// Between two sections with the same range, the one opened first is the outer one.
    order: usize,
    what: What,
}

/// What a section repeats or hides, from where its markers are.
enum Span {
    /// The text between its markers, inside one paragraph.
    Inline,
    /// The whole of paragraph `p`: the section is inline, and the paragraph goes when it renders nothing.
    Paragraph(usize),
    /// An element as a whole: a table row, rows of one table, a dash loop's element.
    Whole(Range<usize>),
    /// The paragraphs from `a` to `b` (children of one body, cell, header…), marker paragraphs dropped.
    Paragraphs(usize, usize),
}

struct Ctx<'a> {
    src: &'a str,
    sc: &'a Scan,
    part: &'a str,
    tags: Vec<Tag>,
    para_texts: HashMap<usize, Vec<usize>>,
    para_tags: HashMap<usize, Vec<usize>>,
}

impl Ctx<'_> {
    fn loc(&self, tag: usize) -> Location {
        self.para_loc(self.tags[tag].para)
    }

    fn para_loc(&self, p: usize) -> Location {
        let text = self.texts_of(p).iter().map(|&t| plain(&self.src[self.sc.texts[t].content.clone()])).collect();
        Location { part: self.part.to_string(), paragraph: text }
    }

    /// The `<w:t>` of paragraph `p` itself (a paragraph holding only a text box has none).
    fn texts_of(&self, p: usize) -> &[usize] {
        self.para_texts.get(&p).map(Vec::as_slice).unwrap_or_default()
    }

    fn range(&self, elem: usize) -> Range<usize> {
        self.sc.elems[elem].start..self.sc.elems[elem].end
    }

    /// Is the text of paragraph `p` outside the byte ranges `keep` only whitespace? (`keep` may span texts.)
    fn only_whitespace_outside(&self, p: usize, keep: &[Range<usize>]) -> bool {
        self.texts_of(p).iter().all(|&t| {
            let c = self.sc.texts[t].content.clone();
            let mut pos = c.start;
            for k in keep.iter().filter(|k| k.start < c.end && k.end > c.start) {
                if k.start > pos && !self.src[pos..k.start].trim().is_empty() {
                    return false;
                }
                pos = pos.max(k.end.min(c.end));
            }
            self.src[pos..c.end].trim().is_empty()
        })
    }

    fn has_content(&self, s: &str) -> bool {
        CONTENT.iter().any(|c| s.contains(c))
    }

    /// Does the section opened by `o` and closed by `c` (both in paragraph `p`) hold all of it: all its text,
    /// and no page break, section break or picture outside the markers?
    fn wraps_paragraph(&self, p: usize, o: usize, c: usize) -> bool {
        let r = self.range(p);
        let whole = self.tags[o].range.start..self.tags[c].range.end;
        !self.has_content(&self.src[r.start..whole.start])
            && !self.has_content(&self.src[whole.end..r.end])
            && self.only_whitespace_outside(p, &[whole])
    }

    /// A paragraph holding only section markers (and no picture, field, page or section break) is dropped.
    fn marker_only(&self, p: usize) -> bool {
        let tags = self.para_tags.get(&p).map(Vec::as_slice).unwrap_or_default();
        if tags.iter().any(|&t| self.tags[t].kind == TagKind::Field) || self.has_content(&self.src[self.range(p)]) {
            return false;
        }
        let ranges: Vec<Range<usize>> = tags.iter().map(|&t| self.tags[t].range.clone()).collect();
        self.only_whitespace_outside(p, &ranges)
    }

    /// What stays of a dropped paragraph: its bookmarks and comment/permission ranges.
    fn kept_markers(&self, p: usize) -> String {
        let r = self.range(p);
        let first = self.sc.elems.partition_point(|e| e.start < r.start);
        let mut out = String::new();
        for e in self.sc.elems[first..].iter().take_while(|e| e.start < r.end) {
            if KEPT_MARKERS.contains(&&self.src[e.name.clone()]) && self.src[e.start..e.end].ends_with("/>") {
                out.push_str(&self.src[e.start..e.end]);
            }
        }
        out
    }

    /// Element names from paragraph `p` down to the `<w:t>` of `tag`.
    fn path_below(&self, p: usize, tag: usize) -> Vec<&str> {
        let anc = self.sc.ancestors(self.sc.texts[self.tags[tag].text].elem);
        let from = anc.iter().position(|&e| e == p).unwrap_or(0);
        anc[from..].iter().map(|&e| &self.src[self.sc.elems[e].name.clone()]).collect()
    }

    fn split(&self, tag: usize, reason: &str) -> DocError {
        DocError::SectionSplit { name: self.tags[tag].name.clone(), reason: reason.into(), loc: self.loc(tag) }
    }
}

/// No court document nests sections this deep; the bound keeps the recursion of compiling and rendering small.
const MAX_SECTION_DEPTH: usize = 32;

/// Which delimiters a template's parts use (`{{ }}` unless only `{ }` tags are found), and whether the other
/// form is there too.
pub(crate) fn forms_of_part(xml: &str) -> (bool, bool) {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    if !xml.contains('{') {
        return (false, false);
    }
    let Ok(sc) = scan(xml) else { return (false, false) };
    let (mut double, mut single) = (false, false);
    for (_, texts) in by_paragraph(&sc) {
        let joined: String = texts.iter().map(|&t| plain(&xml[sc.texts[t].content.clone()])).collect();
        let (d, s) = forms_in(&joined);
        double |= d;
        single |= s;
    }
    (double, single)
}

/// Compiles one part. `Ok(None)` when it holds no tag at all (it is then copied unchanged).
pub(crate) fn compile(part: &str, xml: String, d: Delimiters) -> Result<Option<Compiled>, DocError> {
    // Office 365 writes a byte-order mark before some parts. Read after it (offsets and the XML declaration are
    // where quick-xml expects them); the part is written back without it, which is as valid.
    let xml = match xml.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => xml,
    };
    let xml_error = |reason: String| DocError::TemplateInvalid {
        reason,
        loc: Some(Location { part: part.to_string(), paragraph: String::new() }),
    };
    if !xml.contains(['{', '}']) {
        // Copied unchanged, but checked: a damaged part would make every document from it one Word cannot open.
        scan(&xml).map_err(xml_error)?;
        return Ok(None);
    }
    let sc = scan(&xml).map_err(xml_error)?;
    let (src, sc) = match merge_split_tags(&xml, &sc, part, d)? {
        Some(merged) => {
            let sc = scan(&merged).map_err(xml_error)?;
            (merged, sc)
        }
        None => (xml, sc),
    };
    lower(src, sc, part, d, true)
}

/// Steps 2 and 3 on a part whose tags are whole. With `may_split`, paragraphs that hold a block marker beside
/// anything else are split first ([`crate::isolate`]) and the result compiled again.
fn lower(src: String, sc: Scan, part: &str, d: Delimiters, may_split: bool) -> Result<Option<Compiled>, DocError> {
    let (nodes, blocks) = {
        let (cx, pairs) = analyse(&src, &sc, part, d)?;
        if cx.tags.is_empty() {
            return Ok(None);
        }
        let spans = pairs.iter().map(|&(o, c)| span(&cx, o, c)).collect::<Result<Vec<_>, _>>()?;
        if may_split {
            let mut cuts: BTreeMap<usize, Vec<Cut>> = BTreeMap::new();
            for (&(o, c), s) in pairs.iter().zip(&spans) {
                let Span::Paragraphs(a, b) = *s else { continue };
                for (tag, p) in [(o, a), (c, b)] {
                    // A marker inside a text box of paragraph `p` is left as it is.
                    if cx.tags[tag].para == p && !cx.marker_only(p) {
                        let t = &cx.tags[tag];
                        let cut = Cut { range: t.range.clone(), text_elem: cx.sc.texts[t.text].elem, opens: tag == o };
                        cuts.entry(p).or_default().push(cut);
                    }
                }
            }
            if !cuts.is_empty() {
                for v in cuts.values_mut() {
                    v.sort_by_key(|c| c.range.start);
                }
                let split = isolate(&src, &sc, &cuts);
                let sc = scan(&split).map_err(|reason| DocError::TemplateInvalid {
                    reason: format!("拆分区段标记所在段落后 XML 无效：{reason}"),
                    loc: Some(Location { part: part.to_string(), paragraph: String::new() }),
                })?;
                return lower(split, sc, part, d, false);
            }
        }
        tree(&cx, &pairs, &spans)?
    };
    Ok(Some(Compiled { src, nodes, blocks }))
}

/// The tags of a part (whole, one `<w:t>` each) and its sections, paired.
fn analyse<'a>(
    src: &'a str,
    sc: &'a Scan,
    part: &'a str,
    d: Delimiters,
) -> Result<(Ctx<'a>, Vec<(usize, usize)>), DocError> {
    let mut cx = Ctx { src, sc, part, tags: Vec::new(), para_texts: HashMap::new(), para_tags: HashMap::new() };
    for (p, texts) in by_paragraph(sc) {
        cx.para_texts.insert(p, texts);
    }
    for (i, t) in sc.texts.iter().enumerate() {
        let content = &src[t.content.clone()];
        let Some(para) = t.para else { continue };
        if !content.contains(d.open()) {
            continue;
        }
        // After merging, every tag sits inside one <w:t>; errors were reported while merging.
        for r in find_tags(content, d).unwrap_or_default() {
            let parsed = parse_tag(&content[r.start + d.open().len()..r.end - d.close().len()], d);
            let range = t.content.start + r.start..t.content.start + r.end;
            let idx = cx.tags.len();
            let tag = parsed.map_err(|e| {
                let loc = cx.para_loc(para);
                match e {
                    TagError::Invalid(reason) => DocError::TemplateInvalid { reason, loc: Some(loc) },
                    TagError::Unsupported(reason) => {
                        DocError::TagUnsupported { tag: plain(&content[r.clone()]), reason, loc }
                    }
                }
            })?;
            cx.tags.push(Tag {
                range,
                kind: tag.kind,
                name: tag.name,
                path: tag.path,
                filters: tag.filters,
                element: tag.element,
                text: i,
                para,
            });
            cx.para_tags.entry(para).or_default().push(idx);
        }
    }

    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for i in 0..cx.tags.len() {
        match cx.tags[i].kind {
            TagKind::Open | TagKind::Inverted => {
                open.push(i);
                // Compiling and rendering recurse per level: thousands of levels overflowed the stack and aborted.
                if open.len() > MAX_SECTION_DEPTH {
                    return Err(DocError::TemplateInvalid {
                        reason: format!("区段嵌套超过 {MAX_SECTION_DEPTH} 层，请检查是否缺少结束标记"),
                        loc: Some(cx.loc(i)),
                    });
                }
            }
            TagKind::Close => {
                let name = cx.tags[i].name.clone();
                match open.last() {
                    // `{{/}}` closes the innermost section (docxtemplater's anonymous closer).
                    Some(&o) if cx.tags[o].name == name || name.is_empty() => {
                        open.pop();
                        cx.tags[i].name = cx.tags[o].name.clone();
                        pairs.push((o, i));
                    }
                    Some(&o) if open.iter().any(|&s| cx.tags[s].name == name) => {
                        return Err(DocError::SectionUnclosed { name: cx.tags[o].name.clone(), loc: cx.loc(o) });
                    }
                    _ => {
                        let shown = if name.is_empty() { "/".to_string() } else { name };
                        return Err(DocError::SectionUnopened { name: shown, loc: cx.loc(i) });
                    }
                }
            }
            TagKind::Field => {}
        }
    }
    if let Some(&o) = open.last() {
        return Err(DocError::SectionUnclosed { name: cx.tags[o].name.clone(), loc: cx.loc(o) });
    }
    Ok((cx, pairs))
}

/// Decides what the section opened by `o` and closed by `c` repeats.
fn span(cx: &Ctx<'_>, o: usize, c: usize) -> Result<Span, DocError> {
    let sc = cx.sc;
    let (po, pc) = (cx.tags[o].para, cx.tags[c].para);
    if let Some(kind) = cx.tags[o].element {
        let el = match kind {
            Kind::Tr => "表格行（w:tr）",
            Kind::Tbl => "表格（w:tbl）",
            _ => "段落（w:p）",
        };
        let anc = sc.ancestors(sc.texts[cx.tags[o].text].elem);
        let Some(&e) = anc.iter().rev().find(|&&e| sc.elems[e].kind == kind) else {
            return Err(cx.split(o, &format!("的开始标记不在{el}之内")));
        };
        let r = cx.range(e);
        if !(r.start <= cx.tags[c].range.start && cx.tags[c].range.end <= r.end) {
            return Err(cx.split(o, &format!("的结束标记应与开始标记在同一个{el}之内")));
        }
        return Ok(Span::Whole(r));
    }
    if po == pc {
        if cx.wraps_paragraph(po, o, c) {
            return Ok(Span::Paragraph(po));
        }
        if cx.path_below(po, o) != cx.path_below(po, c) {
            return Err(cx.split(
                o,
                "的开始和结束标记位于段落内不同的层级（例如一个在超链接内、一个在外），请把它们放在同一层级",
            ));
        }
        return Ok(Span::Inline);
    }
    let ao = sc.ancestors(sc.texts[cx.tags[o].text].elem);
    let ac = sc.ancestors(sc.texts[cx.tags[c].text].elem);
    let k = ao.iter().zip(&ac).take_while(|(a, b)| a == b).count();
    const ACROSS_TABLE: &str =
        "跨越了表格边界：开始和结束标记应在同一表格的行内（重复表格行），或都在表格外（重复段落）";
    if k == 0 || k >= ao.len() || k >= ac.len() {
        return Err(cx.split(o, ACROSS_TABLE));
    }
    let (lca, a, b) = (ao[k - 1], ao[k], ac[k]);
    let kind = |e: usize| sc.elems[e].kind;
    match (kind(lca), kind(a), kind(b)) {
        (Kind::Tr, _, _) => Ok(Span::Whole(cx.range(lca))),
        (Kind::Tbl, Kind::Tr, Kind::Tr) => Ok(Span::Whole(sc.elems[a].start..sc.elems[b].end)),
        (_, Kind::P, Kind::P) => Ok(Span::Paragraphs(a, b)),
        _ => Err(cx.split(o, ACROSS_TABLE)),
    }
}

/// The render tree of a part, from its sections' spans.
fn tree(cx: &Ctx<'_>, pairs: &[(usize, usize)], spans: &[Span]) -> Result<(Vec<Node>, bool), DocError> {
    let mut items: Vec<Item> = Vec::new();
    let mut dropped: BTreeSet<usize> = BTreeSet::new();
    let mut blocks = false;
    for (pi, (&(o, c), s)) in pairs.iter().zip(spans).enumerate() {
        let inline = cx.tags[o].range.start..cx.tags[c].range.end;
        let outer = match *s {
            Span::Inline => inline,
            Span::Paragraph(p) => {
                blocks = true;
                items.push(Item { range: cx.range(p), rank: 0, order: o, what: What::Para(pi) });
                inline
            }
            Span::Whole(ref r) => {
                blocks = true;
                r.clone()
            }
            Span::Paragraphs(a, b) => {
                blocks = true;
                let start = if cx.marker_only(a) {
                    dropped.insert(a);
                    cx.sc.elems[a].end
                } else {
                    cx.sc.elems[a].start
                };
                let end = if cx.marker_only(b) {
                    dropped.insert(b);
                    cx.sc.elems[b].start
                } else {
                    cx.sc.elems[b].end
                };
                start..end
            }
        };
        items.push(Item { range: outer, rank: 0, order: o, what: What::Section(pi) });
    }
    for &p in &dropped {
        items.push(Item { range: cx.range(p), rank: 1, order: 0, what: What::Drop(cx.kept_markers(p)) });
    }
    for (i, t) in cx.tags.iter().enumerate() {
        let what = if t.kind == TagKind::Field { What::Field(i) } else { What::Skip };
        items.push(Item { range: t.range.clone(), rank: 2, order: i, what });
    }
    items.sort_by(|x, y| {
        x.range
            .start
            .cmp(&y.range.start)
            .then(y.range.end.cmp(&x.range.end))
            .then((x.rank, x.order).cmp(&(y.rank, y.order)))
    });
    let mut i = 0;
    let nodes = build(cx, pairs, &items, &mut i, 0..cx.src.len(), None)?;
    Ok((nodes, blocks || !dropped.is_empty()))
}

/// Step 3: the items inside `span`, in order, as nodes. Items must nest; one that crosses the end of its parent
/// (two sections that overlap) is an error.
fn build(
    cx: &Ctx<'_>,
    pairs: &[(usize, usize)],
    items: &[Item],
    i: &mut usize,
    span: Range<usize>,
    parent: Option<usize>,
) -> Result<Vec<Node>, DocError> {
    const OVERLAP: &str = "与另一个区段交错：区段必须完整地包含在另一个区段之内，或完全在其之外";
    let mut nodes = Vec::new();
    let mut pos = span.start;
    while *i < items.len() && items[*i].range.start < span.end {
        let it = &items[*i];
        let culprit = match it.what {
            What::Section(p) | What::Para(p) => Some(pairs[p].0),
            _ => parent.map(|p| pairs[p].0),
        };
        if it.range.end > span.end || (it.range.start < pos && it.range.end > pos) {
            let tag = culprit.unwrap_or(0);
            return Err(cx.split(tag, OVERLAP));
        }
        *i += 1;
        if it.range.start < pos {
            continue; // inside a dropped paragraph or a section tag already handled
        }
        if pos < it.range.start {
            nodes.push(Node::Lit(pos..it.range.start));
        }
        match &it.what {
            What::Section(p) => {
                let (o, _) = pairs[*p];
                let t = &cx.tags[o];
                let body = build(cx, pairs, items, i, it.range.clone(), Some(*p))?;
                nodes.push(Node::Section(Box::new(SectionNode {
                    name: t.name.clone(),
                    path: t.path.clone(),
                    inverted: t.kind == TagKind::Inverted,
                    body,
                    loc: cx.loc(o),
                })));
            }
            What::Para(p) => {
                let (o, _) = pairs[*p];
                let t = &cx.tags[o];
                let body = build(cx, pairs, items, i, it.range.clone(), parent)?;
                nodes.push(Node::Para(Box::new(ParaNode {
                    name: t.name.clone(),
                    path: t.path.clone(),
                    inverted: t.kind == TagKind::Inverted,
                    loc: cx.loc(o),
                    keep: cx.kept_markers(t.para),
                    body,
                })));
            }
            What::Drop(keep) => {
                if !keep.is_empty() {
                    nodes.push(Node::Text(keep.clone()));
                }
            }
            What::Field(f) => {
                let t = &cx.tags[*f];
                nodes.push(Node::Field(Box::new(FieldNode {
                    name: t.name.clone(),
                    path: t.path.clone(),
                    filters: t.filters.clone(),
                    loc: cx.loc(*f),
                })));
            }
            What::Skip => {}
        }
        pos = it.range.end;
    }
    if pos < span.end {
        nodes.push(Node::Lit(pos..span.end));
    }
    Ok(nodes)
}
