//! Rendering a compiled part against JSON data (mustache/docxtemplater semantics).
//!
//! - A field's name is looked up in the innermost scope that has it, then outwards to the root data, so inside
//!   `{{#原告}}` both `{{名称}}` (the item's) and `{{案号}}` (the root's) work; `{{.}}` is the current item;
//!   `{{a.b}}` and `{{列表.0}}` walk objects and arrays.
//! - Values: text as is; numbers in Arabic; `true`/`false` as 是/否; a list of plain values joined with 、;
//!   null as nothing. An object is a data error (name one of its fields instead).
//! - Sections: a non-empty list repeats once per item; an object renders once inside it; another truthy value
//!   renders once. `null`, `false`, `0`, `""` and `[]` hide it. `{{^x}}` renders once exactly when `x` would hide.
//! - A missing field renders empty and is reported in `missing`; with `strict` it is `template_field_unknown`.
//! - Text is XML-escaped; `\n` becomes a line break (`<w:br/>`) and `\t` a tab inside the same run; other control
//!   characters, which XML cannot carry, are dropped.

use serde_json::Value;

use crate::compile::{FieldNode, Node, ParaNode, SectionNode};
use crate::error::DocError;

pub(crate) struct Ctx<'a, 'm> {
    pub scopes: Vec<&'a Value>,
    pub strict: bool,
    pub missing: &'m mut Vec<String>,
}

fn walk<'a>(mut v: &'a Value, rest: &[String]) -> Option<&'a Value> {
    for seg in rest {
        v = match v {
            Value::Object(m) => m.get(seg)?,
            Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

fn lookup<'a>(scopes: &[&'a Value], path: &[String]) -> Option<&'a Value> {
    let Some(first) = path.first() else {
        return scopes.last().copied();
    };
    scopes.iter().rev().find_map(|s| s.as_object().and_then(|m| m.get(first))).and_then(|v| walk(v, &path[1..]))
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

const BREAK: &str = "</w:t><w:br/><w:t xml:space=\"preserve\">";
const TAB: &str = "</w:t><w:tab/><w:t xml:space=\"preserve\">";

/// Appends `s` as the content of a `<w:t>`: escaped, with line breaks and tabs as run content.
pub(crate) fn push_text(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str(BREAK);
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str(BREAK),
            '\t' => out.push_str(TAB),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn scalar_text(v: &Value, out: &mut String) -> Result<(), String> {
    match v {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "是" } else { "否" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(s),
        Value::Array(_) | Value::Object(_) => return Err("是列表或对象，不能直接填入".into()),
    }
    Ok(())
}

/// The text a value renders as (before escaping).
fn value_text(v: &Value) -> Result<String, String> {
    let mut s = String::new();
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push('、');
                }
                scalar_text(item, &mut s)?;
            }
        }
        Value::Object(_) => return Err("是对象，不能直接填入（请写出它的字段，例如 {{x.名称}}）".into()),
        v => scalar_text(v, &mut s)?,
    }
    Ok(s)
}

impl Ctx<'_, '_> {
    fn note_missing(&mut self, name: &str) {
        if !self.missing.iter().any(|m| m == name) {
            self.missing.push(name.to_string());
        }
    }
}

fn field(f: &FieldNode, cx: &mut Ctx<'_, '_>, out: &mut String) -> Result<(), DocError> {
    let Some(v) = lookup(&cx.scopes, &f.path) else {
        if cx.strict {
            return Err(DocError::FieldUnknown { name: f.name.clone(), loc: f.loc.clone() });
        }
        cx.note_missing(&f.name);
        return Ok(());
    };
    let bad = |reason: String| DocError::DataInvalid {
        reason: format!("字段“{}”{reason}", f.name),
        loc: Some(f.loc.clone()),
    };
    if f.filters.is_empty() {
        // The common case, without an intermediate string.
        match v {
            Value::String(s) => push_text(out, s),
            v => push_text(out, &value_text(v).map_err(bad)?),
        }
        return Ok(());
    }
    let mut cur = v.clone();
    for filter in &f.filters {
        let s = filter.apply(&cur).map_err(|e| bad(format!("（过滤器“{}”）{e}", filter.name())))?;
        cur = Value::String(s);
    }
    push_text(out, cur.as_str().unwrap_or(""));
    Ok(())
}

/// A section's value, `None` when missing (an error with `strict`).
fn section_value<'a>(
    path: &[String],
    name: &str,
    loc: &crate::error::Location,
    cx: &mut Ctx<'a, '_>,
) -> Result<Option<&'a Value>, DocError> {
    match lookup(&cx.scopes, path) {
        Some(v) => Ok(Some(v)),
        None if cx.strict => Err(DocError::FieldUnknown { name: name.to_string(), loc: loc.clone() }),
        None => {
            cx.note_missing(name);
            Ok(None)
        }
    }
}

/// A paragraph that is one inline section: rendered when the section shows, else only its bookmarks.
fn paragraph<'a>(p: &ParaNode, src: &str, cx: &mut Ctx<'a, '_>, out: &mut String) -> Result<(), DocError> {
    let shown = section_value(&p.path, &p.name, &p.loc, cx)?.is_some_and(truthy);
    if shown != p.inverted {
        render(&p.body, src, cx, out)
    } else {
        out.push_str(&p.keep);
        Ok(())
    }
}

fn section<'a>(s: &SectionNode, src: &str, cx: &mut Ctx<'a, '_>, out: &mut String) -> Result<(), DocError> {
    let v = section_value(&s.path, &s.name, &s.loc, cx)?;
    let shown = v.is_some_and(truthy);
    if s.inverted {
        if !shown {
            render(&s.body, src, cx, out)?;
        }
        return Ok(());
    }
    let Some(v) = v.filter(|_| shown) else { return Ok(()) };
    match v {
        Value::Array(items) => {
            for item in items {
                cx.scopes.push(item);
                let r = render(&s.body, src, cx, out);
                cx.scopes.pop();
                r?;
            }
        }
        v => {
            cx.scopes.push(v);
            let r = render(&s.body, src, cx, out);
            cx.scopes.pop();
            r?;
        }
    }
    Ok(())
}

pub(crate) fn render<'a>(nodes: &[Node], src: &str, cx: &mut Ctx<'a, '_>, out: &mut String) -> Result<(), DocError> {
    for n in nodes {
        match n {
            Node::Lit(r) => out.push_str(&src[r.clone()]),
            Node::Text(t) => out.push_str(t),
            Node::Field(f) => field(f, cx, out)?,
            Node::Section(s) => section(s, src, cx, out)?,
            Node::Para(p) => paragraph(p, src, cx, out)?,
        }
    }
    Ok(())
}

fn starts_with_tag(rest: &str, name: &str) -> bool {
    rest.strip_prefix(name).is_some_and(|r| r.starts_with(['>', ' ', '/']))
}

/// Repairs what hidden sections can leave behind and Word reports as damaged: a table cell (or a header or
/// footer) without a paragraph gets an empty one, and a table left without rows is removed.
pub(crate) fn ensure_paragraphs(xml: String) -> String {
    let mut cells: Vec<bool> = Vec::new();
    let mut tables: Vec<(usize, bool)> = Vec::new();
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let mut any_para = false;
    let mut pos = 0;
    while let Some(off) = xml[pos..].find('<') {
        let at = pos + off;
        let rest = &xml[at + 1..];
        if starts_with_tag(rest, "w:tc") {
            if !rest.starts_with("w:tc/") {
                cells.push(false);
            }
        } else if rest.starts_with("/w:tc>") {
            if cells.pop() == Some(false) {
                edits.push((at, at, "<w:p/>"));
            }
        } else if starts_with_tag(rest, "w:p") {
            any_para = true;
            if let Some(c) = cells.last_mut() {
                *c = true;
            }
        } else if starts_with_tag(rest, "w:tbl") {
            tables.push((at, false));
        } else if starts_with_tag(rest, "w:tr") {
            if let Some(t) = tables.last_mut() {
                t.1 = true;
            }
        } else if rest.starts_with("/w:tbl>")
            && let Some((start, false)) = tables.pop()
        {
            edits.push((start, at + "</w:tbl>".len(), ""));
        }
        pos = at + 1;
    }
    if !any_para {
        for root in ["</w:hdr>", "</w:ftr>"] {
            if let Some(at) = xml.rfind(root) {
                edits.push((at, at, "<w:p/>"));
            }
        }
    }
    if edits.is_empty() {
        return xml;
    }
    edits.sort_unstable();
    let mut out = String::with_capacity(xml.len() + edits.len() * 6);
    let mut last = 0;
    for (start, end, text) in edits {
        out.push_str(&xml[last..start]);
        out.push_str(text);
        last = end;
    }
    out.push_str(&xml[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_breaks() {
        let mut s = String::new();
        push_text(&mut s, "a&b<c>\"d'\n第二行\r\n\t\u{1}x");
        assert_eq!(
            s,
            "a&amp;b&lt;c&gt;\"d'</w:t><w:br/><w:t xml:space=\"preserve\">第二行</w:t><w:br/><w:t xml:space=\"preserve\"></w:t><w:tab/><w:t xml:space=\"preserve\">x"
        );
    }

    #[test]
    fn empty_cells_get_a_paragraph() {
        let xml = "<w:tbl><w:tr><w:tc><w:tcPr/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>".to_string();
        assert_eq!(
            ensure_paragraphs(xml),
            "<w:tbl><w:tr><w:tc><w:tcPr/><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
        );
        assert_eq!(ensure_paragraphs("<w:ftr x=\"1\"></w:ftr>".into()), "<w:ftr x=\"1\"><w:p/></w:ftr>");
        let rowless = "<w:body><w:p/><w:tbl><w:tblPr/><w:tblGrid/></w:tbl><w:p/></w:body>".to_string();
        assert_eq!(ensure_paragraphs(rowless), "<w:body><w:p/><w:p/></w:body>");
        let fine = "<w:hdr><w:p><w:pPr/></w:p></w:hdr>".to_string();
        assert_eq!(ensure_paragraphs(fine.clone()), fine);
    }
}
