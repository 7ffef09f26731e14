//! One pass of quick-xml over a WordprocessingML part, used as a lexer: every element with its byte range and
//! parent, and every `<w:t>` with the byte range of its text and the paragraph it belongs to. The engine never
//! re-serialises XML: it splices edits into the original string, so bytes it does not touch stay as they were.

use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    P,
    T,
    Tr,
    Tc,
    Tbl,
    Other,
}

#[derive(Debug)]
pub(crate) struct Elem {
    pub kind: Kind,
    /// The qualified name (`w:hyperlink`) as a range of the source.
    pub name: Range<usize>,
    /// From `<` of the start tag to after `>` of the end tag (or of the empty-element tag).
    pub start: usize,
    pub end: usize,
    /// After `>` of the start tag (equal to `end` for an empty element).
    pub open_end: usize,
    pub parent: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct Text {
    /// Index of the `w:t` element.
    pub elem: usize,
    /// The `<w:t …>` start tag.
    pub open: Range<usize>,
    /// The escaped character data between `<w:t>` and `</w:t>`.
    pub content: Range<usize>,
    /// Innermost enclosing `w:p` (a text box paragraph inside a run has its own).
    pub para: Option<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub elems: Vec<Elem>,
    pub texts: Vec<Text>,
}

fn kind_of(name: &str) -> Kind {
    match name {
        "w:p" => Kind::P,
        "w:t" => Kind::T,
        "w:tr" => Kind::Tr,
        "w:tc" => Kind::Tc,
        "w:tbl" => Kind::Tbl,
        _ => Kind::Other,
    }
}

/// Lexes `src`. The error is a Chinese description of the first XML problem.
pub(crate) fn scan(src: &str) -> Result<Scan, String> {
    let mut r = Reader::from_str(src);
    let mut out = Scan::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut paras: Vec<usize> = Vec::new();
    loop {
        let before = r.buffer_position() as usize;
        let ev = r.read_event().map_err(|e| format!("XML 格式错误（第 {} 字节）：{e}", r.error_position()))?;
        let after = r.buffer_position() as usize;
        match ev {
            Event::Start(e) => {
                let kind = kind_of(e.name().as_ref());
                let idx = out.elems.len();
                let name = before + 1..before + 1 + e.name().as_ref().len();
                if kind == Kind::P
                    && let Some(&outer) = paras.last()
                    && !stack
                        .iter()
                        .rev()
                        .take_while(|&&s| s != outer)
                        .any(|&s| &src[out.elems[s].name.clone()] == "w:txbxContent")
                {
                    // Only a text box may hold paragraphs inside a paragraph. Some generators write <w:p> inside
                    // <w:p>; Word repairs such a file in its own way, and the engine would pair tags across it.
                    return Err(format!(
                        "第 {before} 字节处的段落嵌套在另一个段落之内（不是文本框），这不是有效的 Word 文档结构。\
                         请在 Word 或 WPS 中打开模板并另存为 .docx 后再使用"
                    ));
                }
                out.elems.push(Elem {
                    kind,
                    name,
                    start: before,
                    end: after,
                    open_end: after,
                    parent: stack.last().copied(),
                });
                stack.push(idx);
                match kind {
                    Kind::P => paras.push(idx),
                    Kind::T => out.texts.push(Text {
                        elem: idx,
                        open: before..after,
                        content: after..after,
                        para: paras.last().copied(),
                    }),
                    _ => {}
                }
            }
            Event::End(_) => {
                let idx = stack.pop().ok_or_else(|| "XML 格式错误：多余的结束标签".to_string())?;
                let e = &mut out.elems[idx];
                e.end = after;
                match e.kind {
                    Kind::P => {
                        paras.pop();
                    }
                    Kind::T => {
                        if let Some(t) = out.texts.last_mut() {
                            t.content.end = before;
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = before + 1..before + 1 + e.name().as_ref().len();
                let kind = match kind_of(e.name().as_ref()) {
                    // An empty <w:t/> holds no text; an empty <w:p/> holds no runs. Neither can hold a tag.
                    Kind::T | Kind::P => Kind::Other,
                    k => k,
                };
                out.elems.push(Elem {
                    kind,
                    name,
                    start: before,
                    end: after,
                    open_end: after,
                    parent: stack.last().copied(),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("XML 格式错误：元素没有结束标签".into());
    }
    Ok(out)
}

impl Scan {
    /// `elem` and its ancestors, outermost first.
    pub fn ancestors(&self, elem: usize) -> Vec<usize> {
        let mut v = vec![elem];
        let mut e = elem;
        while let Some(p) = self.elems[e].parent {
            v.push(p);
            e = p;
        }
        v.reverse();
        v
    }
}
