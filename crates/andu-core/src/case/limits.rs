//! How long each text field may be and which characters it may hold — one table, applied by
//! [`super::CaseInput::validate`] (import, `andu case add`/`case set`, parties, the app) and by the store's single
//! record edits (节点, 备注) through [`check`].
//!
//! Why: a 3,000,000-character 案由 was imported, and NUL or other control characters in a name make every .docx
//! generated from the case invalid XML. Tabs and line breaks belong only in multi-line text (备注, reasons).

use super::FieldError;

/// One field's limit. `max_chars` counts characters (a Chinese character is one), after trimming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldLimit {
    /// The field as errors name it (`parties[].name` for every party's name).
    pub field: &'static str,
    /// What a judge calls it, for the message.
    pub label: &'static str,
    pub max_chars: usize,
    /// Tabs and line breaks allowed.
    pub multi_line: bool,
}

const fn line(field: &'static str, label: &'static str, max_chars: usize) -> FieldLimit {
    FieldLimit { field, label, max_chars, multi_line: false }
}
const fn text(field: &'static str, label: &'static str, max_chars: usize) -> FieldLimit {
    FieldLimit { field, label, max_chars, multi_line: true }
}

/// Every text field of a case, its limit and whether it may span lines.
pub const FIELD_LIMITS: &[FieldLimit] = &[
    line("case_no", "案号", 60),
    line("cause", "案由", 100),
    line("procedure", "程序", 40),
    line("court", "法院", 100),
    line("division", "审判庭", 100),
    line("judge", "承办法官", 100),
    line("assistant", "法官助理", 100),
    line("clerk", "书记员", 100),
    // Written one member per line as often as on one line with 、 (panel::parse_panel reads both).
    text("panel", "合议庭", 500),
    line("parties[].role", "诉讼地位", 20),
    line("parties[].name", "当事人名称", 100),
    line("parties[].id_number", "证件号码", 50),
    line("parties[].address", "送达地址", 200),
    line("parties[].phone", "电话", 50),
    line("parties[].agent", "诉讼代理人", 200),
    line("extensions[].by", "批准人", 100),
    text("extensions[].reason", "延长理由", 2000),
    line("deductions[].kind", "扣除事由", 20),
    line("deductions[].approved_by", "批准人", 100),
    text("deductions[].reason", "扣除理由", 2000),
    line("hearings[].room", "法庭", 100),
    text("notes[]", "备注", 10_000),
    line("event.kind", "节点类型", 50),
    line("event.party", "节点所涉当事人", 100),
    text("event.note", "节点备注", 10_000),
    // A section of a drafted judgment (本院认为…): the sync schema's MAX_SECTION.
    text("draft.section", "判决书段落", 200_000),
    // 发改案件逐案评查: the reason category and the lesson (一案一策).
    line("appeal_review.reason", "评查原因", 20),
    text("appeal_review.lesson", "评查意见（一案一策）", 10_000),
    line("appeal_review.reviewer", "评查人", 100),
];

/// The limit of `field` (`parties[3].name` finds `parties[].name`).
pub fn limit(field: &str) -> Option<&'static FieldLimit> {
    let generic = generic_path(field);
    FIELD_LIMITS.iter().find(|l| l.field == generic)
}

/// `parties[3].name` → `parties[].name`.
fn generic_path(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut in_index = false;
    for c in field.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

/// A character no text field may hold: controls (NUL, ESC, DEL, C1) — XML 1.0 forbids most of them and none is
/// ever typed on purpose — and the non-characters U+FFFE/U+FFFF. Tabs and line breaks only in multi-line text.
fn forbidden(c: char, multi_line: bool) -> bool {
    match c {
        '\t' | '\n' | '\r' => !multi_line,
        '\u{FFFE}' | '\u{FFFF}' => true,
        c => c.is_control(),
    }
}

/// The problem with `value` in `field` (its path, e.g. `parties[0].name`), if any: `field_invalid_chars` or
/// `field_too_long`. A field missing from [`FIELD_LIMITS`] is a programming error caught by the tests; it is
/// checked as a 100-character line.
pub fn check(field: &str, value: &str) -> Option<FieldError> {
    const FALLBACK: FieldLimit = line("", "字段", 100);
    let l = limit(field).unwrap_or(&FALLBACK);
    let value = value.trim();
    if let Some((i, c)) = value.chars().enumerate().find(|(_, c)| forbidden(*c, l.multi_line)) {
        let what = match c {
            '\t' => "制表符".to_string(),
            '\n' | '\r' => "换行".to_string(),
            c => format!("控制字符 U+{:04X}", c as u32),
        };
        return Some(FieldError {
            field: field.to_string(),
            code: "field_invalid_chars".into(),
            message: format!("{}含有不允许的{what}（第 {} 个字符）：请删除后再保存", l.label, i + 1),
        });
    }
    let count = value.chars().count();
    (count > l.max_chars).then(|| FieldError {
        field: field.to_string(),
        code: "field_too_long".into(),
        message: format!("{}过长：{count} 个字符，最多 {} 个", l.label, l.max_chars),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_indexed_fields() {
        assert_eq!(limit("parties[12].address").unwrap().max_chars, 200);
        assert_eq!(limit("notes[0]").unwrap().max_chars, 10_000);
        assert_eq!(limit("cause").unwrap().max_chars, 100);
        let fields: std::collections::HashSet<_> = FIELD_LIMITS.iter().map(|l| l.field).collect();
        assert_eq!(fields.len(), FIELD_LIMITS.len(), "one row per field");
    }

    #[test]
    fn controls_are_refused_and_line_breaks_only_in_multi_line_text() {
        assert_eq!(check("parties[0].name", "张\u{0}三").unwrap().code, "field_invalid_chars");
        assert_eq!(check("cause", "买卖\u{1b}合同").unwrap().code, "field_invalid_chars");
        assert_eq!(check("cause", "买卖\u{85}合同").unwrap().code, "field_invalid_chars");
        assert_eq!(check("cause", "买卖\n合同").unwrap().code, "field_invalid_chars");
        assert_eq!(check("judge", "王\t法官").unwrap().code, "field_invalid_chars");
        assert!(check("notes[0]", "第一行\n\t第二行\r\n").is_none());
        assert_eq!(check("notes[0]", "a\u{0}b").unwrap().code, "field_invalid_chars");
        assert!(check("cause", "  买卖合同纠纷\n").is_none(), "surrounding white space is trimmed, not refused");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(check("cause", &"纠".repeat(100)).is_none());
        let e = check("cause", &"纠".repeat(101)).unwrap();
        assert_eq!((e.code.as_str(), e.field.as_str()), ("field_too_long", "cause"));
        assert!(e.message.contains("案由") && e.message.contains("100"), "{}", e.message);
    }
}
