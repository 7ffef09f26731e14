//! From a part's XML to a render tree, in three steps:
//!
//! 1. **Merge split tags.** Word splits `{{案号}}` over runs (`{` | `{案` | `号}}`, with `w:proofErr` or bookmarks
//!    between them). Per paragraph, the texts of all `<w:t>` are joined, every `{{…}}` is found, and a tag that
//!    spans several `<w:t>` is moved whole into the one where it starts, so it takes that run's formatting (as
//!    docxtemplater does). Only those `<w:t>` are rewritten; everything between them stays.
//! 2. **Pair sections** `{{#x}}`/`{{^x}}` … `{{/x}}` and decide what each repeats:
//!    - both markers in one paragraph: the text between them (inline), or the whole paragraph when the section
//!      wraps all of its text (`{{#有代理人}}委托诉讼代理人：{{代理人}}{{/有代理人}}`);
//!    - in different cells of one table row: the row; in different rows of one table: those rows;
//!    - in different paragraphs otherwise (body, one cell, header): the paragraphs from the opening one to the
//!      closing one. A paragraph holding nothing but section markers is dropped, so hiding a block leaves no
//!      empty line (its bookmarks are kept).
//!
//!    Anything else (one marker in a table, the other outside; markers at different levels inside a paragraph;
//!    sections that overlap) is a template error with the paragraph it is in.
//! 3. **Build the tree**: literal byte ranges of the XML, fields and sections; rendering then only concatenates.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::error::{DocError, Location};
use crate::filters::Filter;
use crate::scan::{Kind, Scan, scan};

#[derive(Debug)]
pub(crate) enum Node {
    Lit(Range<usize>),
    Text(String),
    Field(Box<FieldNode>),
    Section(Box<SectionNode>),
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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TagKind {
    Field,
    Open,
    Inverted,
    Close,
}

#[derive(Debug)]
struct Tag {
    range: Range<usize>,
    kind: TagKind,
    name: String,
    path: Vec<String>,
    filters: Vec<Filter>,
    text: usize,
    para: usize,
}

/// Elements that make a paragraph more than a line of text: such a paragraph is never dropped as a marker.
const CONTENT: &[&str] = &[
    "<w:drawing",
    "<w:pict",
    "<w:object",
    "<w:sectPr",
    "<w:fldSimple",
    "<w:fldChar",
    "<w:footnoteReference",
    "<w:endnoteReference",
    "<mc:AlternateContent",
];
/// Range markers kept in place of a dropped marker paragraph (they are valid between paragraphs too).
const KEPT_MARKERS: &[&str] =
    &["w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:permStart", "w:permEnd"];

/// Byte ranges of every `{{…}}` in `s`, or why the text is not a valid sequence of tags.
fn find_tags(s: &str) -> Result<Vec<Range<usize>>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let open = s[pos..].find("{{").map(|i| i + pos);
        let close = s[pos..].find("}}").map(|i| i + pos);
        match (open, close) {
            (None, None) => return Ok(out),
            (Some(o), Some(c)) if o < c => {
                if s[o + 2..c].contains("{{") {
                    return Err("“{{”没有对应的“}}”（标记不能跨段落，也不能嵌套）".into());
                }
                out.push(o..c + 2);
                pos = c + 2;
            }
            (Some(_), None) => return Err("“{{”没有对应的“}}”（标记不能跨段落）".into()),
            (_, Some(_)) => return Err("多余的“}}”，前面没有对应的“{{”".into()),
        }
    }
}

/// The text a person sees: entities decoded.
fn plain(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map(|c| c.into_owned()).unwrap_or_else(|_| raw.to_string())
}

fn parse_tag(raw: &str) -> Result<(TagKind, String, Vec<String>, Vec<Filter>), String> {
    let inner = plain(raw);
    let t = inner.trim();
    let (kind, rest) = match t.chars().next() {
        Some('#') => (TagKind::Open, &t[1..]),
        Some('^') => (TagKind::Inverted, &t[1..]),
        Some('/') => (TagKind::Close, &t[1..]),
        _ => (TagKind::Field, t),
    };
    let mut pieces = rest.split('|');
    let name = pieces.next().unwrap_or("").trim().to_string();
    let filter_names: Vec<&str> = pieces.map(str::trim).collect();
    if name.is_empty() {
        return Err(format!("标记“{{{{{t}}}}}”缺少字段名"));
    }
    if name.contains(['{', '}']) {
        return Err(format!("标记“{{{{{t}}}}}”中有多余的花括号"));
    }
    if kind != TagKind::Field && !filter_names.is_empty() {
        return Err(format!("区段标记“{{{{{t}}}}}”不能带过滤器"));
    }
    let mut filters = Vec::new();
    for f in filter_names {
        let known = crate::filters::FILTERS.iter().map(|(n, _, _)| *n).collect::<Vec<_>>().join("、");
        filters.push(Filter::parse(f).ok_or_else(|| format!("未知的过滤器“{f}”（可用：{known}）"))?);
    }
    let path: Vec<String> =
        if name == "." { Vec::new() } else { name.split('.').map(|s| s.trim().to_string()).collect() };
    if path.iter().any(String::is_empty) {
        return Err(format!("字段名“{name}”不合法"));
    }
    Ok((kind, name, path, filters))
}

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
fn merge_split_tags(src: &str, sc: &Scan, part: &str) -> Result<Option<String>, DocError> {
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
        let tags = find_tags(&joined).map_err(|reason| DocError::TemplateInvalid {
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
        let p = self.tags[tag].para;
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

    fn has_content(&self, p: usize) -> bool {
        let s = &self.src[self.range(p)];
        CONTENT.iter().any(|c| s.contains(c))
    }

    /// Does the section opened by `o` and closed by `c` (both in paragraph `p`) hold all of its text?
    fn wraps_paragraph(&self, p: usize, o: usize, c: usize) -> bool {
        let whole = self.tags[o].range.start..self.tags[c].range.end;
        !self.src[self.range(p)].contains("<w:sectPr") && self.only_whitespace_outside(p, &[whole])
    }

    /// A paragraph holding only section markers (and no picture, field or section break) is dropped.
    fn marker_only(&self, p: usize) -> bool {
        let tags = self.para_tags.get(&p).map(Vec::as_slice).unwrap_or_default();
        if tags.iter().any(|&t| self.tags[t].kind == TagKind::Field) || self.has_content(p) {
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

/// Compiles one part. `Ok(None)` when it holds no tag at all (it is then copied unchanged).
pub(crate) fn compile(part: &str, xml: String) -> Result<Option<Compiled>, DocError> {
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
    let (src, sc) = match merge_split_tags(&xml, &sc, part)? {
        Some(merged) => {
            let sc = scan(&merged).map_err(xml_error)?;
            (merged, sc)
        }
        None => (xml, sc),
    };

    let mut cx =
        Ctx { src: &src, sc: &sc, part, tags: Vec::new(), para_texts: HashMap::new(), para_tags: HashMap::new() };
    for (p, texts) in by_paragraph(&sc) {
        cx.para_texts.insert(p, texts);
    }
    for (i, t) in sc.texts.iter().enumerate() {
        let content = &src[t.content.clone()];
        let Some(para) = t.para else { continue };
        if !content.contains("{{") {
            continue;
        }
        // After merging, every tag sits inside one <w:t>; errors were reported while merging.
        for r in find_tags(content).unwrap_or_default() {
            let parsed = parse_tag(&content[r.start + 2..r.end - 2]);
            let range = t.content.start + r.start..t.content.start + r.end;
            let idx = cx.tags.len();
            let (kind, name, path, filters) = parsed.map_err(|reason| {
                let text = cx.para_texts[&para].iter().map(|&t| plain(&src[sc.texts[t].content.clone()])).collect();
                DocError::TemplateInvalid { reason, loc: Some(Location { part: part.to_string(), paragraph: text }) }
            })?;
            cx.tags.push(Tag { range, kind, name, path, filters, text: i, para });
            cx.para_tags.entry(para).or_default().push(idx);
        }
    }
    if cx.tags.is_empty() {
        return Ok(None);
    }

    // Pair the sections.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, tag) in cx.tags.iter().enumerate() {
        match tag.kind {
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
            TagKind::Close => match open.last() {
                Some(&o) if cx.tags[o].name == tag.name => {
                    open.pop();
                    pairs.push((o, i));
                }
                Some(&o) if open.iter().any(|&s| cx.tags[s].name == tag.name) => {
                    return Err(DocError::SectionUnclosed { name: cx.tags[o].name.clone(), loc: cx.loc(o) });
                }
                _ => return Err(DocError::SectionUnopened { name: tag.name.clone(), loc: cx.loc(i) }),
            },
            TagKind::Field => {}
        }
    }
    if let Some(&o) = open.last() {
        return Err(DocError::SectionUnclosed { name: cx.tags[o].name.clone(), loc: cx.loc(o) });
    }

    // Decide what each section repeats.
    let mut items: Vec<Item> = Vec::new();
    let mut dropped: BTreeSet<usize> = BTreeSet::new();
    let mut blocks = false;
    for (pi, &(o, c)) in pairs.iter().enumerate() {
        let (po, pc) = (cx.tags[o].para, cx.tags[c].para);
        let outer = if po == pc {
            if cx.wraps_paragraph(po, o, c) {
                blocks = true;
                cx.range(po)
            } else {
                if cx.path_below(po, o) != cx.path_below(po, c) {
                    return Err(cx.split(
                        o,
                        "的开始和结束标记位于段落内不同的层级（例如一个在超链接内、一个在外），请把它们放在同一层级",
                    ));
                }
                cx.tags[o].range.start..cx.tags[c].range.end
            }
        } else {
            blocks = true;
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
                (Kind::Tr, _, _) => cx.range(lca),
                (Kind::Tbl, Kind::Tr, Kind::Tr) => sc.elems[a].start..sc.elems[b].end,
                (_, Kind::P, Kind::P) => {
                    let start = if cx.marker_only(a) {
                        dropped.insert(a);
                        sc.elems[a].end
                    } else {
                        sc.elems[a].start
                    };
                    let end = if cx.marker_only(b) {
                        dropped.insert(b);
                        sc.elems[b].start
                    } else {
                        sc.elems[b].end
                    };
                    start..end
                }
                _ => return Err(cx.split(o, ACROSS_TABLE)),
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
    let nodes = build(&cx, &pairs, &items, &mut i, 0..src.len(), None)?;
    drop(cx);
    Ok(Some(Compiled { src, nodes, blocks: blocks || !dropped.is_empty() }))
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
            What::Section(p) => Some(pairs[p].0),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_finding() {
        assert_eq!(find_tags("a{{x}}b{{y}}").unwrap(), vec![1..6, 7..12]);
        assert!(find_tags("a{{x").is_err());
        assert!(find_tags("a}}").is_err());
        assert!(find_tags("{{a{{b}}").is_err());
        assert_eq!(find_tags("{ {x} }").unwrap(), vec![]);
    }

    #[test]
    fn tag_parsing() {
        let (k, n, p, f) = parse_tag(" 金额 | 大写 ").unwrap();
        assert_eq!((k, n.as_str(), p, f), (TagKind::Field, "金额", vec!["金额".to_string()], vec![Filter::MoneyUpper]));
        assert_eq!(parse_tag("#a.b").unwrap().2, vec!["a", "b"]);
        assert_eq!(parse_tag(".").unwrap().2, Vec::<String>::new());
        assert_eq!(parse_tag("^x").unwrap().0, TagKind::Inverted);
        assert!(parse_tag("").is_err());
        assert!(parse_tag("#x|大写").is_err());
        assert!(parse_tag("x|upper").unwrap_err().contains("upper"));
        assert!(parse_tag("a..b").is_err());
    }
}
