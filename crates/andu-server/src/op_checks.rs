//! What a push and each of its ops must satisfy before anything is read for a client or written: access is decided
//! on the op's `case_id`, so everything else the op touches must belong to that case (a 民二庭 judge must not reach a
//! 民一庭 row by naming their own case), every row and field must fit its entity's schema (a row a client cannot
//! store would stop the sync of every device of the division), a case moves between divisions only by a 院长, and
//! the numbers the client sends (`base`, `device_seq`, cursors) must be ones the server could have issued.
//!
//! Each check returns `Ok(Err(Refusal))` for an op refused for good (stored and answered like any other answer),
//! `Err` only for storage failures, and a whole request that cannot be processed at all is a `bad_request`.

use andu_sync::access::{Role, Scope};
use andu_sync::schema::{self, MAX_ID, RowError};
use andu_sync::{ConflictRecord, Cursor, Op, OpKind, Push, codes};
use serde_json::Value;

use crate::error::ServerError;
use crate::staged::PushState;

type R<T> = Result<T, ServerError>;

/// An op refused for good: a stable code and the message its user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

pub type Checked = Result<(), Refusal>;

fn refuse(code: &'static str, message: impl Into<String>) -> Checked {
    Err(Refusal { code, message: message.into() })
}

fn invalid_row(e: RowError) -> Checked {
    refuse(codes::INVALID_ROW, e.to_string())
}

fn not_in_case() -> Checked {
    refuse(codes::ENTITY_NOT_IN_CASE, "这条记录不属于该案件，修改未保存；请同步后在正确的案件中修改")
}

/// Longest client time (`at`) recorded in the audit log: an RFC 3339 stamp is about 30 characters.
const MAX_CLIENT_TIME: usize = 64;

/// The request as a whole: every op must carry an idempotency key and a device sequence the protocol can order.
/// Without them an op can be neither answered once nor placed, so the request is refused untouched.
pub fn request(p: &Push) -> R<()> {
    for op in &p.ops {
        if !schema::is_valid_id(&op.op_id, MAX_ID) {
            return Err(ServerError::BadRequest(format!(
                "修改标识（op_id）须为不超过 {MAX_ID} 个字符的一行文字，第 {} 号修改的不符合",
                op.device_seq
            )));
        }
        if op.device_seq < 1 {
            return Err(ServerError::BadRequest(format!("修改序号（device_seq）须从 1 起，收到 {}", op.device_seq)));
        }
        if op.at.chars().count() > MAX_CLIENT_TIME || op.at.chars().any(char::is_control) {
            return Err(ServerError::BadRequest(format!("修改 {} 的客户端时间（at）格式错误", op.op_id)));
        }
    }
    Ok(())
}

/// The op's own shape: ids, the entity kind and what may be done to it, and a `base` the feed has reached.
pub fn shape(st: &mut PushState<'_>, op: &Op) -> R<Checked> {
    // Conflict ids are an op id and a field name.
    if !schema::is_valid_id(&op.case_id, 2 * MAX_ID) || !schema::is_valid_id(&op.entity_id, 2 * MAX_ID) {
        return Ok(refuse(codes::INVALID_OP, "案件或记录的标识格式错误，修改未保存"));
    }
    match (&op.kind, op.entity.as_str()) {
        (OpKind::Resolve { conflict_id, .. }, "conflict") if *conflict_id == op.entity_id => {}
        (OpKind::Resolve { .. }, _) | (_, "conflict") => {
            return Ok(refuse(codes::INVALID_OP, "冲突的处理结果与冲突记录不符，未保存"));
        }
        (_, entity) if !schema::is_entity(entity) => {
            let e = RowError { entity: entity.into(), field: None, problem: schema::Problem::UnknownEntity };
            return Ok(invalid_row(e));
        }
        // A case op is about that case itself: access was decided on `case_id`.
        (_, "case") if op.entity_id != op.case_id => return Ok(not_in_case()),
        _ => {}
    }
    // A base beyond the feed would count every later change as seen and win every merge.
    let high = st.last_seq()?;
    if op.base < 0 || op.base > high {
        return Ok(refuse(
            codes::INVALID_BASE,
            format!("修改所依据的同步位置（{}）超出服务器记录（{high}），未保存；请重新同步后再修改", op.base),
        ));
    }
    Ok(Ok(()))
}

/// The op's content and the case of what it touches, after access to `op.case_id` was granted.
pub fn content(st: &mut PushState<'_>, op: &Op) -> R<Checked> {
    match &op.kind {
        OpKind::Create { row } => {
            if let Err(e) = schema::check_row(&op.entity, row) {
                return Ok(invalid_row(e));
            }
            if row.get("id").and_then(Value::as_str) != Some(op.entity_id.as_str()) {
                return Ok(refuse(codes::INVALID_OP, "记录数据与其标识不符，未保存"));
            }
            if let Err(r) = names_its_case(st, op, row)? {
                return Ok(Err(r));
            }
        }
        OpKind::Patch { fields } => {
            if let Err(e) = schema::check_fields(&op.entity, fields) {
                return Ok(invalid_row(e));
            }
        }
        OpKind::Delete | OpKind::Resolve { .. } => {}
    }
    if op.entity == "conflict" {
        return Ok(Ok(())); // checked against its record by `resolution`
    }
    // An existing row (created before, or deleted: a tombstone keeps its case) must be this case's.
    Ok(match st.entity(&op.entity, &op.entity_id)? {
        Some(e) if e.case_id != op.case_id => not_in_case(),
        _ => Ok(()),
    })
}

/// A new row that names a case must name the op's: a draft its `case_id`, a draft revision its draft's case.
fn names_its_case(st: &mut PushState<'_>, op: &Op, row: &Value) -> R<Checked> {
    let field = |f: &str| row.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    Ok(match op.entity.as_str() {
        "draft" if field("case_id") != op.case_id => not_in_case(),
        "draft_revision" => match st.entity("draft", &field("draft_id"))? {
            Some(d) if d.case_id == op.case_id && d.row.is_some() => Ok(()),
            Some(d) if d.case_id != op.case_id => not_in_case(),
            // Not on the server (its creation was refused, or it was deleted): an honest device's revision cannot be
            // kept either, and the answer must not call it forged (the simulation's seed 1901 found this).
            _ => refuse(codes::UNKNOWN_ENTITY, "这份草稿不在服务器上（建立它的修改可能被拒绝了），草稿版本未保存"),
        },
        _ => Ok(()),
    })
}

/// A resolution: the conflict must be of the op's case, the entity behind it too, and the chosen value must fit
/// the conflict's field (or, for a whole-row conflict, be the row or `null`).
pub fn resolution(st: &mut PushState<'_>, op: &Op, c: &ConflictRecord, value: &Value) -> R<Checked> {
    if c.case_id != op.case_id {
        return Ok(not_in_case());
    }
    if let Some(e) = st.entity(&c.entity, &c.entity_id)?
        && e.case_id != op.case_id
    {
        return Ok(not_in_case());
    }
    let fits = match &c.field {
        Some(f) => schema::check_field(&c.entity, f, value),
        None if value.is_null() => Ok(()),
        None => schema::check_row(&c.entity, value),
    };
    if let Err(e) = fits {
        return Ok(invalid_row(e));
    }
    if c.field.is_none() && !value.is_null() && value.get("id").and_then(Value::as_str) != Some(c.entity_id.as_str()) {
        return Ok(refuse(codes::INVALID_OP, "所选记录与冲突记录不符，未保存"));
    }
    Ok(Ok(()))
}

/// A case moves to another division only by a 院长 (every user has one division, so no one else is allowed in
/// both), and only to a named division. `row` is the case as stored; `to` the `division` value the op would set.
pub fn division_move(scope: &Scope, row: &Value, to: &Value) -> Checked {
    let from = row.get("division").and_then(Value::as_str).unwrap_or("");
    let to = to.as_str().unwrap_or("");
    if from == to {
        return Ok(());
    }
    if !matches!(scope, Scope::All) {
        return refuse(
            codes::FORBIDDEN_MOVE,
            format!("只有院长可以把案件从{from}移到{}；修改未保存，如需移送请联系院长", shown(to)),
        );
    }
    if to.trim().is_empty() {
        return refuse(codes::FORBIDDEN_MOVE, "案件须属于一个审判庭；请填写要移往的审判庭");
    }
    Ok(())
}

/// Records of supervision are written by the roles that supervise: a 发改案件评查 (`appeal_review`) by a 庭长 (in
/// their division, as access already decided) or a 院长, never by the judge whose case it is or their staff.
pub fn role(role: Role, op: &Op) -> Checked {
    if op.entity == "appeal_review" && !matches!(role, Role::Chief | Role::President) {
        return refuse(
            codes::FORBIDDEN_ROLE,
            format!("发改案件评查只能由庭长或院长记录，{}不能记录或修改；评查未保存", role.name_zh()),
        );
    }
    Ok(())
}

fn shown(division: &str) -> &str {
    if division.is_empty() { "（空白审判庭）" } else { division }
}

/// A pull cursor must be one the server could have issued: a sequence the feed has reached, an epoch it counted.
pub fn cursor(c: &Cursor, high: i64) -> R<()> {
    if c.seq < 0 || c.seq > high {
        return Err(ServerError::BadCursor(format!("序号 {}，服务器最新为 {high}", c.seq)));
    }
    if c.epoch < 0 || c.epoch == i64::MAX {
        return Err(ServerError::BadCursor(format!("页次 {}", c.epoch)));
    }
    Ok(())
}
