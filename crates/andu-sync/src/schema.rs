//! The shape of every entity row that travels through sync, as the client store deserialises it
//! (`andu-store`: `CaseRow`, `PartyRow`, the `Child` rows, `DraftRow`, `RevisionRow`). The server checks every pushed
//! row and field against it before storing anything: a row a client cannot read would otherwise reach every device
//! of the division and stop their sync for good.
//!
//! Beyond the types the client needs, text has a length limit and no control characters (line feeds and tabs only
//! where a person writes paragraphs: notes, reasons, addresses, draft sections), because every screen, log line and
//! terminal shows it. Unknown entity kinds and unknown fields are refused: a row with a field the schema does not
//! know could not be checked.
//!
//! Pure: no I/O, and it never panics, whatever JSON it is given (proptest below).

use std::fmt;

use serde_json::{Map, Value};

/// Longest id (entity ids, case ids, draft parents): UUIDs are 36 characters.
pub const MAX_ID: usize = 128;
/// Longest one-line text (names, 案由, courts, 合议庭…).
pub const MAX_LINE: usize = 500;
/// Longest paragraph text (a note, a reason, an address).
pub const MAX_TEXT: usize = 20_000;
/// Longest section of a draft judgment, and the most sections and parents a revision may have.
pub const MAX_SECTION: usize = 200_000;
pub const MAX_SECTIONS: usize = 64;
pub const MAX_PARENTS: usize = 64;
/// Longest file path of a generated document.
pub const MAX_PATH: usize = 4096;
/// Dates and times (`2026-03-02`, `2026-06-08T09:00`, RFC 3339 stamps).
const MAX_STAMP: usize = 40;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    /// An identifier: one line, at most [`MAX_ID`] characters, not empty.
    Id,
    /// One line of text of at most this many characters.
    Line(usize),
    /// Paragraphs (line feeds, carriage returns and tabs allowed) of at most this many characters.
    Text(usize),
    Bool,
    /// A whole number that fits `u32` (months, days).
    Count,
    /// A list of ids (a revision's parents).
    Ids,
    /// Section key → text (a draft's content).
    Sections,
    /// One of these words (a 阅核 decision, a forum).
    OneOf(&'static [&'static str]),
}

/// Whether a field must be there, as the client's serde derive sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// A plain field: present and not null.
    Required,
    /// An `Option`: absent or null is fine.
    Optional,
    /// `#[serde(default)]` on a plain field: may be absent, never null.
    Defaulted,
}

/// How a field may change after creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Editable,
    /// The row's identity or the case it belongs to: fixed at creation.
    Fixed,
}

#[derive(Debug, Clone, Copy)]
struct Field {
    name: &'static str,
    ty: Ty,
    presence: Presence,
    change: Change,
}

const fn f(name: &'static str, ty: Ty, presence: Presence) -> Field {
    Field { name, ty, presence, change: Change::Editable }
}

const fn fixed(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, presence: Presence::Required, change: Change::Fixed }
}

use Presence::{Defaulted, Optional, Required};
use Ty::{Bool, Count, Id, Ids, Line, OneOf, Sections, Text};

const ID: Field = fixed("id", Id);
const STAMP: Ty = Line(MAX_STAMP);

const CASE: &[Field] = &[
    ID,
    f("case_no", Line(100), Required),
    f("category", Line(MAX_LINE), Required),
    f("cause", Line(MAX_LINE), Required),
    f("procedure", Line(64), Required),
    f("court", Line(MAX_LINE), Required),
    f("division", Line(MAX_LINE), Required),
    f("filed", STAMP, Required),
    f("closed", STAMP, Optional),
    f("closing_method", Line(MAX_LINE), Optional),
    f("judge", Line(MAX_LINE), Required),
    f("assistant", Line(MAX_LINE), Required),
    f("clerk", Line(MAX_LINE), Required),
    f("custody", Bool, Required),
    f("panel", Line(MAX_LINE), Defaulted),
];

const PARTY: &[Field] = &[
    ID,
    f("role", Line(MAX_LINE), Required),
    f("name", Line(MAX_LINE), Required),
    f("kind", Line(64), Required),
    f("id_number", Line(64), Optional),
    f("address", Text(MAX_TEXT), Optional),
    f("phone", Line(MAX_LINE), Optional),
    f("agent", Text(MAX_TEXT), Optional),
    f("foreign", Bool, Required),
];

/// Child rows are stored tagged with their kind (`"entity": "note"`); the tag is part of the row on the wire.
const TAG: Field = Field { name: "entity", ty: Line(32), presence: Optional, change: Change::Fixed };

const EVENT: &[Field] = &[
    ID,
    TAG,
    f("kind", Line(MAX_LINE), Required),
    f("date", STAMP, Required),
    f("party", Line(MAX_LINE), Optional),
    f("note", Text(MAX_TEXT), Required),
];

const HEARING: &[Field] = &[ID, TAG, f("start", STAMP, Required), f("room", Line(MAX_LINE), Required)];

const EXTENSION: &[Field] = &[
    ID,
    TAG,
    f("approved", STAMP, Required),
    f("months", Count, Optional),
    f("days", Count, Optional),
    f("by", Line(MAX_LINE), Required),
    f("reason", Text(MAX_TEXT), Optional),
];

const DEDUCTION: &[Field] = &[
    ID,
    TAG,
    f("kind", Line(MAX_LINE), Required),
    f("from", STAMP, Required),
    f("to", STAMP, Required),
    f("approved_by", Line(MAX_LINE), Optional),
    f("reason", Text(MAX_TEXT), Optional),
];

const APPEAL: &[Field] = &[ID, TAG, f("filed", STAMP, Required), f("outcome", Line(MAX_LINE), Optional)];

const NOTE: &[Field] = &[ID, TAG, f("text", Text(MAX_TEXT), Required), f("created", STAMP, Required)];

const DOCUMENT: &[Field] = &[
    ID,
    TAG,
    f("name", Line(MAX_LINE), Required),
    f("template", Line(MAX_LINE), Required),
    f("party", Line(MAX_LINE), Optional),
    f("path", Line(MAX_PATH), Required),
    f("created", STAMP, Required),
];

/// 发改案件逐案评查 (issue #18): recorded by a 庭长 or 院长 only (the server checks the role, `op_checks`).
const APPEAL_REVIEW: &[Field] = &[
    ID,
    TAG,
    f("reason", Line(20), Required),
    f("responsible", Bool, Required),
    f("lesson", Text(MAX_TEXT), Required),
    f("reviewer", Line(MAX_LINE), Required),
    f("recorded", STAMP, Required),
];

const DRAFT: &[Field] = &[
    ID,
    fixed("case_id", Id),
    f("kind", Line(64), Required),
    f("title", Line(MAX_LINE), Required),
    f("created_at", STAMP, Required),
];

const DRAFT_REVISION: &[Field] = &[
    ID,
    fixed("draft_id", Id),
    f("parents", Ids, Required),
    f("content", Sections, Required),
    f("author", Line(MAX_LINE), Required),
    f("created_at", STAMP, Required),
];

// 阅核 records (`andu_core::review`): immutable once written, each naming its case, so a push is always a create.
const CASE_ID: Field = fixed("case_id", Id);
const BY: Field = f("by", Line(MAX_LINE), Required);
const AT: Field = f("at", STAMP, Required);

const REVIEW_ROUND: &[Field] = &[
    ID,
    CASE_ID,
    f("draft_id", Id, Required),
    f("revision_id", Id, Required),
    f("reviewer", OneOf(&["庭长", "院长"]), Required),
    f("note", Text(MAX_TEXT), Optional),
    BY,
    AT,
];

const REVIEW_COMMENT: &[Field] = &[
    ID,
    CASE_ID,
    f("round_id", Id, Required),
    f("reply_to", Id, Optional),
    f("section", Line(64), Optional),
    f("quote", Text(MAX_TEXT), Required),
    f("text", Text(MAX_TEXT), Required),
    BY,
    AT,
];

const REVIEW_WITHDRAWAL: &[Field] = &[ID, CASE_ID, f("comment_id", Id, Required), BY, AT];

const REVIEW_DECISION: &[Field] = &[
    ID,
    CASE_ID,
    f("round_id", Id, Required),
    f("decision", OneOf(&["approve", "return", "discuss"]), Required),
    f("forum", OneOf(&["专业法官会议", "审判委员会"]), Optional),
    f("note", Text(MAX_TEXT), Optional),
    BY,
    AT,
];

const REVIEW_RESULT: &[Field] =
    &[ID, CASE_ID, f("decision_id", Id, Required), f("result", Text(MAX_TEXT), Required), BY, AT];

const CASE_FLAG: &[Field] = &[
    ID,
    CASE_ID,
    f("flag", OneOf(&["四类案件"]), Required),
    f("set", Bool, Required),
    f("reason", Text(MAX_TEXT), Required),
    BY,
    AT,
];

const REVIEW_OVERRIDE: &[Field] =
    &[ID, CASE_ID, f("revision_id", Id, Optional), f("reason", Text(MAX_TEXT), Required), BY, AT];

/// The 阅核 entity kinds: append-only (only ever created), each row naming its case in `case_id`.
pub const REVIEW_ENTITIES: &[&str] = &[
    "review_round",
    "review_comment",
    "review_withdrawal",
    "review_decision",
    "review_result",
    "case_flag",
    "review_override",
];

/// Every entity kind a client may push rows of, with its fields. (`conflict` is not here: clients only resolve
/// conflicts, they never write their records.)
const ENTITIES: &[(&str, &str, &[Field])] = &[
    ("case", "案件", CASE),
    ("party", "当事人", PARTY),
    ("event", "节点", EVENT),
    ("hearing", "开庭", HEARING),
    ("extension", "审限延长", EXTENSION),
    ("deduction", "审限扣除", DEDUCTION),
    ("appeal", "上诉", APPEAL),
    ("note", "备注", NOTE),
    ("document", "文书", DOCUMENT),
    ("appeal_review", "发改案件评查", APPEAL_REVIEW),
    ("draft", "文书草稿", DRAFT),
    ("draft_revision", "草稿版本", DRAFT_REVISION),
    ("review_round", "送阅核", REVIEW_ROUND),
    ("review_comment", "阅核批注", REVIEW_COMMENT),
    ("review_withdrawal", "批注撤回", REVIEW_WITHDRAWAL),
    ("review_decision", "阅核意见", REVIEW_DECISION),
    ("review_result", "讨论结果", REVIEW_RESULT),
    ("case_flag", "案件标记", CASE_FLAG),
    ("review_override", "越过阅核导出", REVIEW_OVERRIDE),
];

/// The entity kinds rows may be pushed for.
pub fn entity_kinds() -> impl Iterator<Item = &'static str> {
    ENTITIES.iter().map(|(k, _, _)| *k)
}

/// Is `entity` a kind of row the protocol carries?
pub fn is_entity(entity: &str) -> bool {
    ENTITIES.iter().any(|(k, _, _)| *k == entity)
}

/// Child kinds stored with an `entity` tag in their row.
fn tagged(entity: &str) -> bool {
    matches!(entity, "event" | "hearing" | "extension" | "deduction" | "appeal" | "note" | "document" | "appeal_review")
}

/// Why a row or field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownEntity,
    NotAnObject,
    UnknownField,
    Missing,
    /// Null, or a JSON type other than the one named.
    WrongType(&'static str),
    Empty,
    TooLong {
        max: usize,
    },
    ControlCharacter,
    /// The row's identity or case, which no edit may change.
    Fixed,
    /// The `entity` tag names another kind.
    WrongTag,
}

/// A refused row or field: which entity and field, and why. Its text is the message the pushing user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub entity: String,
    /// `None` when the row as a whole is wrong (not an object, unknown entity).
    pub field: Option<String>,
    pub problem: Problem,
}

impl fmt::Display for RowError {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = ENTITIES.iter().find(|(k, _, _)| *k == self.entity).map_or("记录", |(_, zh, _)| *zh);
        let field = self.field.as_deref().unwrap_or("");
        let why = match &self.problem {
            Problem::UnknownEntity => return write!(out, "服务器不认识“{}”类记录，未保存；请升级案牍", self.entity),
            Problem::NotAnObject => return write!(out, "{what}数据格式错误（不是一条记录），未保存"),
            Problem::UnknownField => "是未知字段".to_string(),
            Problem::Missing => "缺失".to_string(),
            Problem::WrongType(ty) => format!("应为{ty}"),
            Problem::Empty => "不能为空".to_string(),
            Problem::TooLong { max } => format!("超过 {max} 个字符"),
            Problem::ControlCharacter => "含有控制字符".to_string(),
            Problem::Fixed => "创建后不能修改".to_string(),
            Problem::WrongTag => "与记录类型不符".to_string(),
        };
        write!(out, "{what}的“{field}”{why}，修改未保存；请改正后重新填写")
    }
}

impl std::error::Error for RowError {}

fn fields_of(entity: &str) -> Result<&'static [Field], RowError> {
    ENTITIES.iter().find(|(k, _, _)| *k == entity).map(|(_, _, fs)| *fs).ok_or_else(|| RowError {
        entity: entity.to_string(),
        field: None,
        problem: Problem::UnknownEntity,
    })
}

/// Check a whole row of `entity` (a create, or a row a person chose when resolving a conflict).
pub fn check_row(entity: &str, row: &Value) -> Result<(), RowError> {
    let fields = fields_of(entity)?;
    let err =
        |field: Option<&str>, problem| RowError { entity: entity.to_string(), field: field.map(String::from), problem };
    let Some(obj) = row.as_object() else { return Err(err(None, Problem::NotAnObject)) };
    for name in obj.keys() {
        if !fields.iter().any(|f| f.name == name) {
            return Err(err(Some(name), Problem::UnknownField));
        }
    }
    for f in fields {
        match (obj.get(f.name), f.presence) {
            (None, Presence::Required) => return Err(err(Some(f.name), Problem::Missing)),
            (None, _) => {}
            (Some(v), _) => check_value(entity, f, v).map_err(|p| err(Some(f.name), p))?,
        }
    }
    Ok(())
}

/// Check one field edit of `entity`: the field must exist and be editable, and the value fit it.
pub fn check_field(entity: &str, field: &str, value: &Value) -> Result<(), RowError> {
    let fields = fields_of(entity)?;
    let err = |problem| RowError { entity: entity.to_string(), field: Some(field.to_string()), problem };
    let Some(f) = fields.iter().find(|f| f.name == field) else { return Err(err(Problem::UnknownField)) };
    if f.change == Change::Fixed {
        return Err(err(Problem::Fixed));
    }
    check_value(entity, f, value).map_err(err)
}

/// Check every field of a patch.
pub fn check_fields(entity: &str, fields: &Map<String, Value>) -> Result<(), RowError> {
    fields.iter().try_for_each(|(k, v)| check_field(entity, k, v))
}

fn check_value(entity: &str, f: &Field, v: &Value) -> Result<(), Problem> {
    if v.is_null() {
        return match f.presence {
            Presence::Optional => Ok(()),
            _ => Err(Problem::WrongType(type_name(f.ty))),
        };
    }
    if f.name == "entity" && f.change == Change::Fixed {
        // The child tag: present only on tagged kinds, and naming this kind.
        return if tagged(entity) && v.as_str() == Some(entity) { Ok(()) } else { Err(Problem::WrongTag) };
    }
    match f.ty {
        Ty::Id => id(v),
        Ty::Line(max) => text(v, max, false),
        Ty::Text(max) => text(v, max, true),
        Ty::Bool => v.as_bool().map(|_| ()).ok_or(Problem::WrongType(type_name(f.ty))),
        Ty::Count => match v.as_u64() {
            Some(n) if n <= u64::from(u32::MAX) => Ok(()),
            _ => Err(Problem::WrongType(type_name(f.ty))),
        },
        Ty::Ids => {
            let items = v.as_array().ok_or(Problem::WrongType(type_name(f.ty)))?;
            if items.len() > MAX_PARENTS {
                return Err(Problem::TooLong { max: MAX_PARENTS });
            }
            items.iter().try_for_each(id)
        }
        Ty::Sections => {
            let sections = v.as_object().ok_or(Problem::WrongType(type_name(f.ty)))?;
            if sections.len() > MAX_SECTIONS {
                return Err(Problem::TooLong { max: MAX_SECTIONS });
            }
            for (key, body) in sections {
                line(key, 64, false)?;
                text(body, MAX_SECTION, true)?;
            }
            Ok(())
        }
        Ty::OneOf(words) => match v.as_str() {
            Some(w) if words.contains(&w) => Ok(()),
            _ => Err(Problem::WrongType(type_name(f.ty))),
        },
    }
}

fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Id | Ty::Line(_) | Ty::Text(_) => "文字",
        Ty::Bool => "是或否",
        Ty::Count => "非负整数",
        Ty::Ids => "标识列表",
        Ty::Sections => "分段文字",
        Ty::OneOf(_) => "规定的选项",
    }
}

fn id(v: &Value) -> Result<(), Problem> {
    let s = v.as_str().ok_or(Problem::WrongType("文字"))?;
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    line(s, MAX_ID, false)
}

fn text(v: &Value, max: usize, paragraphs: bool) -> Result<(), Problem> {
    line(v.as_str().ok_or(Problem::WrongType("文字"))?, max, paragraphs)
}

/// Length in characters (as people count them) and control characters.
fn line(s: &str, max: usize, paragraphs: bool) -> Result<(), Problem> {
    // Bytes bound characters from above: most text is checked without counting.
    if s.len() > max && s.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    let allowed = |c: char| paragraphs && matches!(c, '\n' | '\r' | '\t');
    if s.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(Problem::ControlCharacter);
    }
    Ok(())
}

/// An identifier in an op (`op_id`, `case_id`, `entity_id`, a conflict id — an op id and a field name): not empty,
/// one line, at most `max` characters.
pub fn is_valid_id(s: &str, max: usize) -> bool {
    !s.is_empty() && line(s, max, false).is_ok()
}

#[cfg(test)]
mod tests;
