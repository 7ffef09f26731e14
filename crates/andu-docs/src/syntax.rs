//! The tags of a template as text: the delimiters (`{{ }}`, or docxtemplater's default `{ }`), finding tags in a
//! paragraph's text, and reading one tag. What the engine does not support is refused here, naming the tag, so
//! a template never renders a tag it did not understand as empty text.

use std::ops::Range;

use crate::filters::Filter;
use crate::scan::Kind;

/// The delimiters of a template's tags.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Delimiters {
    /// `{{案号}}`: the engine's own form, and docxtemplater's with `delimiters: {start: "{{", end: "}}"}`.
    #[default]
    Double,
    /// `{案号}`: docxtemplater's default.
    Single,
}

impl Delimiters {
    pub fn open(self) -> &'static str {
        match self {
            Delimiters::Double => "{{",
            Delimiters::Single => "{",
        }
    }

    pub fn close(self) -> &'static str {
        match self {
            Delimiters::Double => "}}",
            Delimiters::Single => "}",
        }
    }

    /// `"{{ }}"` or `"{ }"` (spaces optional), as `--delimiters` takes them.
    pub fn parse(s: &str) -> Option<Delimiters> {
        match s.split_whitespace().collect::<String>().as_str() {
            "{{}}" => Some(Delimiters::Double),
            "{}" => Some(Delimiters::Single),
            _ => None,
        }
    }

    /// `{{ }}` or `{ }`, for messages.
    pub fn label(self) -> String {
        format!("{} {}", self.open(), self.close())
    }

    pub fn other(self) -> Delimiters {
        match self {
            Delimiters::Double => Delimiters::Single,
            Delimiters::Single => Delimiters::Double,
        }
    }
}

/// Which forms of tags a text holds: `{{x}}`, and `{x}` outside any `{{…}}`.
pub(crate) fn forms_in(text: &str) -> (bool, bool) {
    let double = find_tags(text, Delimiters::Double).is_ok_and(|t| !t.is_empty());
    let mut rest = text.to_string();
    if double && let Ok(tags) = find_tags(text, Delimiters::Double) {
        for r in tags.iter().rev() {
            rest.replace_range(r.clone(), " ");
        }
    }
    // Written as docxtemplater's documentation writes them (`{案号}`, `{#列表}`, `{/}`): no space inside the
    // braces, and a tag the engine reads. Braces in prose (`{ 注 }`, `{a, b}`) do not switch a template over.
    let looks_like_tag =
        |inner: &str| inner.trim() == inner && !inner.is_empty() && parse_tag(inner, Delimiters::Single).is_ok();
    let single = find_tags(&rest, Delimiters::Single)
        .is_ok_and(|t| t.iter().any(|r| looks_like_tag(&rest[r.start + 1..r.end - 1])));
    (double, single)
}

/// Byte ranges of every tag in `s`, or why the text is not a valid sequence of tags.
pub(crate) fn find_tags(s: &str, d: Delimiters) -> Result<Vec<Range<usize>>, String> {
    let (open_d, close_d) = (d.open(), d.close());
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let open = s[pos..].find(open_d).map(|i| i + pos);
        let close = s[pos..].find(close_d).map(|i| i + pos);
        match (open, close) {
            (None, None) => return Ok(out),
            (Some(o), Some(c)) if o < c => {
                if s[o + open_d.len()..c].contains(open_d) {
                    return Err(format!("“{open_d}”没有对应的“{close_d}”（标记不能跨段落，也不能嵌套）"));
                }
                out.push(o..c + close_d.len());
                pos = c + close_d.len();
            }
            (Some(_), None) => return Err(format!("“{open_d}”没有对应的“{close_d}”（标记不能跨段落）")),
            (_, Some(_)) => return Err(format!("多余的“{close_d}”，前面没有对应的“{open_d}”")),
        }
    }
}

/// The text a person sees: entities decoded.
pub(crate) fn plain(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map(|c| c.into_owned()).unwrap_or_else(|_| raw.to_string())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TagKind {
    Field,
    Open,
    Inverted,
    Close,
}

#[derive(Debug, PartialEq)]
pub(crate) struct Parsed {
    pub kind: TagKind,
    /// Empty for the anonymous closer `{{/}}`.
    pub name: String,
    pub path: Vec<String>,
    pub filters: Vec<Filter>,
    /// A dash loop's element (`{-w:tr 列表}`): the innermost one around the opening tag repeats.
    pub element: Option<Kind>,
}

#[derive(Debug, PartialEq)]
pub(crate) enum TagError {
    /// Written wrong (an empty name, an unknown filter…): `template_invalid`.
    Invalid(String),
    /// Valid docxtemplater or mustache syntax the engine does not do: `template_tag_unsupported`.
    Unsupported(String),
}

/// Characters that make a tag an expression, an assignment or raw XML in docxtemplater's parsers; none is part
/// of a field name in a court template.
const EXPRESSION_CHARS: &[char] = &[
    '@', '+', '*', '/', '=', '<', '>', '!', '?', ':', '(', ')', '[', ']', ',', ';', '\'', '"', '%', '&', '$', '~', '`',
];

/// Reads the inside of one tag (`raw` as it stands in the XML, entities undecoded).
pub(crate) fn parse_tag(raw: &str, d: Delimiters) -> Result<Parsed, TagError> {
    let inner = plain(raw);
    let t = inner.trim();
    let shown = format!("{}{t}{}", d.open(), d.close());
    let invalid = |why: &str| TagError::Invalid(format!("标记“{shown}”{why}"));
    let unsupported = |why: &str| TagError::Unsupported(format!("标记“{shown}”{why}"));
    let (kind, rest, element) = match t.chars().next() {
        Some('#') => (TagKind::Open, &t[1..], None),
        Some('^') => (TagKind::Inverted, &t[1..], None),
        Some('/') => (TagKind::Close, &t[1..], None),
        Some('@') => {
            return Err(unsupported("是原样插入 XML 的标记，本系统不支持（请改用普通字段，文字会按模板格式填入）"));
        }
        Some('-') => {
            let body = &t[1..];
            let (el, name) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
            let kind = match el {
                "w:tr" => Kind::Tr,
                "w:p" => Kind::P,
                "w:tbl" => Kind::Tbl,
                _ => {
                    return Err(unsupported(&format!(
                        "重复的元素“{el}”不受支持（可用：w:p 段落、w:tr 表格行、w:tbl 表格）"
                    )));
                }
            };
            (TagKind::Open, name, Some(kind))
        }
        _ => (TagKind::Field, t, None),
    };
    let mut pieces = rest.split('|');
    let name = pieces.next().unwrap_or("").trim().to_string();
    let filter_names: Vec<&str> = pieces.map(str::trim).collect();
    if name.is_empty() {
        if kind == TagKind::Close && filter_names.is_empty() {
            // docxtemplater's anonymous closer: closes the innermost open section.
            return Ok(Parsed { kind, name, path: Vec::new(), filters: Vec::new(), element });
        }
        return Err(invalid("缺少字段名"));
    }
    if name.contains(['{', '}']) {
        return Err(invalid("中有多余的花括号"));
    }
    if name.contains(char::is_whitespace) || name.contains(EXPRESSION_CHARS) || name.starts_with('-') {
        return Err(unsupported(
            "是表达式、赋值或带空格的名称，本系统不支持（只支持字段名，例如“案号”“当事人.名称”，可加过滤器“|大写”）",
        ));
    }
    if kind != TagKind::Field && !filter_names.is_empty() {
        return Err(TagError::Invalid(format!("区段标记“{shown}”不能带过滤器")));
    }
    let mut filters = Vec::new();
    for f in filter_names {
        let known = crate::filters::FILTERS.iter().map(|(n, _, _)| *n).collect::<Vec<_>>().join("、");
        filters.push(Filter::parse(f).ok_or_else(|| TagError::Invalid(format!("未知的过滤器“{f}”（可用：{known}）")))?);
    }
    let path: Vec<String> =
        if name == "." { Vec::new() } else { name.split('.').map(|s| s.trim().to_string()).collect() };
    if path.iter().any(String::is_empty) {
        return Err(TagError::Invalid(format!("字段名“{name}”不合法")));
    }
    Ok(Parsed { kind, name, path, filters, element })
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: Delimiters = Delimiters::Double;

    #[test]
    fn tag_finding() {
        assert_eq!(find_tags("a{{x}}b{{y}}", D).unwrap(), vec![1..6, 7..12]);
        assert!(find_tags("a{{x", D).is_err());
        assert!(find_tags("a}}", D).is_err());
        assert!(find_tags("{{a{{b}}", D).is_err());
        assert_eq!(find_tags("{ {x} }", D).unwrap(), vec![]);
        assert_eq!(find_tags("a{x}b{#y}", Delimiters::Single).unwrap(), vec![1..4, 5..9]);
        assert!(find_tags("{a{b}", Delimiters::Single).is_err());
    }

    #[test]
    fn forms() {
        assert_eq!(forms_in("案号：{{案号}}"), (true, false));
        assert_eq!(forms_in("案号：{案号}"), (false, true));
        assert_eq!(forms_in("{{a}} {b}"), (true, true));
        assert_eq!(forms_in("{ } 与 {{"), (false, false));
        assert_eq!(forms_in("{ 注 } {a, b} {x = 1}"), (false, false));
        assert_eq!(forms_in("{/}"), (false, true));
    }

    #[test]
    fn tag_parsing() {
        let p = parse_tag(" 金额 | 大写 ", D).unwrap();
        assert_eq!(
            (p.kind, p.name.as_str(), p.path, p.filters),
            (TagKind::Field, "金额", vec!["金额".to_string()], vec![Filter::MoneyUpper])
        );
        assert_eq!(parse_tag("#a.b", D).unwrap().path, vec!["a", "b"]);
        assert_eq!(parse_tag(".", D).unwrap().path, Vec::<String>::new());
        assert_eq!(parse_tag("^x", D).unwrap().kind, TagKind::Inverted);
        assert_eq!(parse_tag("/", D).unwrap().name, "");
        let dash = parse_tag("-w:tr 借款明细", D).unwrap();
        assert_eq!((dash.kind, dash.name.as_str(), dash.element), (TagKind::Open, "借款明细", Some(Kind::Tr)));
        assert!(matches!(parse_tag("", D), Err(TagError::Invalid(_))));
        assert!(matches!(parse_tag("#", D), Err(TagError::Invalid(_))));
        assert!(matches!(parse_tag("#x|大写", D), Err(TagError::Invalid(_))));
        assert!(matches!(parse_tag("x|upper", D), Err(TagError::Invalid(m)) if m.contains("upper")));
        assert!(matches!(parse_tag("a..b", D), Err(TagError::Invalid(_))));
        for tag in ["@x", "a + b", "x = 1", "a&&b", "-w:tc x", "f(x)", "x>1"] {
            assert!(matches!(parse_tag(tag, D), Err(TagError::Unsupported(_))), "{tag}");
        }
    }
}
