//! Applying one op of a push inside its transaction: the checks of `op_checks` in order, then the create, patch,
//! delete or resolution itself with the per-field merge, writing through the push's staged state.

use std::collections::HashMap;

use andu_sync::access::{Role, Scope};
use andu_sync::merge::{Decision, FieldState, changed_fields, decide, decide_delete};
use andu_sync::{Author, ConflictRecord, ConflictStatus, Op, OpKind, OpOutcome, codes};
use serde_json::{Map, Value};

use super::push::Who;
use super::{R, rejected};
use crate::db::{CaseIndex, Change, FieldMeta};
use crate::op_checks::{self, Refusal};
use crate::staged::PushState;

/// An op refused by a check before it touched anything: nothing of the server's is shown with the refusal.
fn refused(r: Refusal) -> Applied {
    (rejected(r.code, &r.message), None)
}

type Applied = (OpOutcome, Option<Value>);

/// Apply one op inside the push transaction.
pub(super) fn apply_op(st: &mut PushState<'_>, who: &Who<'_>, role: Role, scope: &Scope, op: &Op) -> R<Applied> {
    if let Err(r) = op_checks::shape(st, op)? {
        return Ok(refused(r));
    }
    if let Err(r) = op_checks::role(role, op) {
        return Ok(refused(r));
    }
    let index = if op.entity == "case" && matches!(op.kind, OpKind::Create { .. }) {
        None
    } else {
        let Some(ix) = st.case_index(&op.case_id)? else {
            return Ok((rejected(codes::UNKNOWN_CASE, "服务器上没有这件案件（可能建立它的修改被拒绝了）"), None));
        };
        if !scope.allows(&ix.division) {
            // The device drops the case on this answer; if access returns, the next pull sends it whole again.
            st.release(&op.case_id);
            return Ok((
                rejected(codes::FORBIDDEN_CASE, &format!("无权修改：案件属于{}，不在您的审判庭范围内", ix.division)),
                None,
            ));
        }
        Some(ix)
    };
    if let Err(r) = op_checks::content(st, op)? {
        return Ok(refused(r));
    }
    if let Err(r) = crate::review_checks::check(st, who.actor, op)? {
        return Ok(refused(r));
    }
    match &op.kind {
        OpKind::Create { row } if op.entity == "case" => create_case(st, who, scope, op, row),
        OpKind::Create { row } => {
            match st.entity(&op.entity, &op.entity_id)? {
                // Created before (a second device sent the same row, or ids met): treat the difference as edits.
                Some(e) => match e.row {
                    Some(old) => patch(
                        st,
                        who,
                        scope,
                        op,
                        changed_fields(&old, row).into_iter().collect(),
                        index.as_ref(),
                        false,
                    ),
                    None => Ok((OpOutcome::Applied { seq: None }, None)),
                },
                None => {
                    let seq = insert_entity(st, who, &op.case_id, &op.entity, &op.entity_id, row)?;
                    Ok((OpOutcome::Applied { seq: Some(seq) }, None))
                }
            }
        }
        OpKind::Patch { fields } => patch(st, who, scope, op, fields.clone(), index.as_ref(), true),
        OpKind::Delete => delete(st, who, op),
        OpKind::Resolve { conflict_id, value } => resolve(st, who, scope, op, conflict_id, value),
    }
}

/// A new row, exactly as the sender has it (so its own pulls leave it out).
fn insert_entity(st: &mut PushState<'_>, who: &Who<'_>, case_id: &str, entity: &str, id: &str, row: &Value) -> R<i64> {
    let c = st.append_change_of(
        Change {
            seq: 0,
            case_id: case_id.to_string(),
            entity: entity.to_string(),
            entity_id: id.to_string(),
            field: None,
            row: None,
            user: who.user.to_string(),
            device_id: who.device_id.to_string(),
            at: who.at.to_string(),
            sender_has: true,
        },
        row,
    )?;
    // Its fields' versions are the creation's, kept on the entity (no `fields` row per field).
    st.put_new_entity(entity, id, case_id, row, &c, who.user);
    Ok(c.seq)
}

fn str_field<'a>(row: &'a Value, f: &str) -> &'a str {
    row.get(f).and_then(Value::as_str).unwrap_or("")
}

fn create_case(st: &mut PushState<'_>, who: &Who<'_>, scope: &Scope, op: &Op, row: &Value) -> R<Applied> {
    if str_field(row, "id") != op.entity_id || op.case_id != op.entity_id {
        return Ok((rejected(codes::INVALID_OP, "案件数据与其标识不符"), None));
    }
    if let Some(existing) = st.entity("case", &op.entity_id)? {
        let ix = st.case_index(&op.case_id)?;
        if !ix.as_ref().is_some_and(|ix| scope.allows(&ix.division)) {
            return Ok((rejected(codes::FORBIDDEN_CASE, "无权修改这件案件"), None));
        }
        let old = existing.row.unwrap_or(Value::Null);
        return patch(st, who, scope, op, changed_fields(&old, row).into_iter().collect(), ix.as_ref(), false);
    }
    let division = str_field(row, "division");
    let case_no = str_field(row, "case_no");
    if !scope.allows(division) {
        let shown = if division.is_empty() { "（未填写审判庭）" } else { division };
        return Ok((
            rejected(codes::FORBIDDEN_CASE, &format!("无权在{shown}立案：只能登记本审判庭的案件；请填写正确的审判庭")),
            None,
        ));
    }
    if st.case_id_by_no(case_no)?.is_some() {
        return Ok((
            rejected(codes::CASE_NO_TAKEN, &format!("案号{case_no}已被另一件案件使用；请核对案号后重新登记")),
            None,
        ));
    }
    st.put_case_index(&op.case_id, CaseIndex { case_no: case_no.into(), division: division.into() })?;
    let seq = insert_entity(st, who, &op.case_id, "case", &op.entity_id, row)?;
    // The creating device holds the case from now on (epoch 0: confirmed), so a later loss of access reaches it.
    st.hold(&op.case_id, 0);
    Ok((OpOutcome::Applied { seq: Some(seq) }, None))
}

fn conflict_author(metas: &HashMap<String, FieldMeta>, field: &str) -> Author {
    metas
        .get(field)
        .map(|m| Author { user: m.user.clone(), device_id: m.device_id.clone() })
        .unwrap_or(Author { user: String::new(), device_id: String::new() })
}

#[allow(clippy::too_many_arguments)]
fn record_conflict(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    op: &Op,
    case_no: &str,
    field: Option<&str>,
    ours: Value,
    theirs: Value,
    theirs_by: Author,
) -> R<ConflictRecord> {
    // Named by the op and field; op ids are unique per device only, so one another device's op already named gets
    // the device's name in front (a conflict is never overwritten by another's).
    let mut id = format!("{}:{}", op.op_id, field.unwrap_or("*"));
    if st.entity("conflict", &id)?.is_some() {
        id = format!("{}:{id}", who.device_id);
    }
    let mut c = ConflictRecord {
        id,
        seq: 0,
        case_id: op.case_id.clone(),
        case_no: case_no.to_string(),
        entity: op.entity.clone(),
        entity_id: op.entity_id.clone(),
        field: field.map(String::from),
        ours,
        ours_by: who.author(),
        theirs,
        theirs_by,
        status: ConflictStatus::Open,
        resolved_by: None,
        resolution: None,
        at: Some(who.at.to_string()),
        resolved_at: None,
    };
    put_conflict(st, who, &mut c)?;
    Ok(c)
}

fn put_conflict(st: &mut PushState<'_>, who: &Who<'_>, c: &mut ConflictRecord) -> R<()> {
    let seq = st.next_seq()?;
    c.seq = seq;
    let row = serde_json::to_value(&*c).expect("conflicts serialise");
    let got = st.append_change(Change {
        seq: 0,
        case_id: c.case_id.clone(),
        entity: "conflict".into(),
        entity_id: c.id.clone(),
        field: None,
        row: Some(row.clone()),
        user: who.user.to_string(),
        device_id: who.device_id.to_string(),
        at: who.at.to_string(),
        // The sender learns of a conflict from the push answer; the feed row is sent to it like to anyone.
        sender_has: false,
    })?;
    debug_assert_eq!(got.seq, seq);
    st.put_entity("conflict", &c.id, &c.case_id, Some(&row), &got);
    Ok(())
}

/// Write new values of some fields of an existing entity: one feed change, field versions, the case index.
/// `sender_has`: the sender's row already is the result (see [`Change::sender_has`]).
#[allow(clippy::too_many_arguments)]
fn write_fields(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    op_case: &str,
    entity: &str,
    id: &str,
    mut row: Value,
    applied: &[(String, Value)],
    sender_has: bool,
) -> R<i64> {
    if let Some(o) = row.as_object_mut() {
        for (f, v) in applied {
            o.insert(f.clone(), v.clone());
        }
    }
    let field = (applied.len() == 1).then(|| applied[0].0.clone());
    let c = st.append_change_of(
        Change {
            seq: 0,
            case_id: op_case.to_string(),
            entity: entity.to_string(),
            entity_id: id.to_string(),
            field,
            row: None,
            user: who.user.to_string(),
            device_id: who.device_id.to_string(),
            at: who.at.to_string(),
            sender_has,
        },
        &row,
    )?;
    let seq = c.seq;
    st.put_entity(entity, id, op_case, Some(&row), &c);
    let metas: Vec<FieldMeta> = applied.iter().map(|(f, _)| who.meta(f, seq)).collect();
    st.put_fields(entity, id, metas);
    if entity == "case" {
        st.put_case_index(
            id,
            CaseIndex { case_no: str_field(&row, "case_no").into(), division: str_field(&row, "division").into() },
        )?;
    }
    Ok(seq)
}

/// `as_sent`: the op is an edit of the row the sender has (a patch), not a second creation of a stored row.
fn patch(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    scope: &Scope,
    op: &Op,
    fields: Map<String, Value>,
    ix: Option<&CaseIndex>,
    as_sent: bool,
) -> R<Applied> {
    let case_no = ix.map(|i| i.case_no.clone()).unwrap_or_default();
    let Some(e) = st.entity(&op.entity, &op.entity_id)? else {
        return Ok((rejected(codes::UNKNOWN_ENTITY, "服务器上没有这条记录"), None));
    };
    let metas: HashMap<String, FieldMeta> =
        st.fields(&op.entity, &op.entity_id)?.into_iter().map(|m| (m.field.clone(), m)).collect();
    let Some(row) = e.row else {
        // An edit that meets a delete: the row stays deleted, the edit is kept in a conflict for people to decide.
        let c = record_conflict(
            st,
            who,
            op,
            &case_no,
            None,
            Value::Object(fields),
            Value::Null,
            conflict_author(&metas, "_deleted"),
        )?;
        return Ok((OpOutcome::Conflict { conflicts: vec![c] }, None));
    };
    if op.entity == "case"
        && let Some(to) = fields.get("division")
        && let Err(r) = op_checks::division_move(scope, &row, to)
    {
        return Ok((rejected(r.code, &r.message), Some(row)));
    }
    let mut applied = Vec::new();
    let mut conflicting = Vec::new();
    for (f, v) in fields.into_iter().filter(|(f, _)| f != "id") {
        let current = row.get(&f).cloned().unwrap_or(Value::Null);
        let state = metas.get(&f).map(|m| FieldState { seq: m.seq, device_id: &m.device_id, value: &current });
        match decide(state.as_ref(), op.base, who.device_id, &v) {
            Decision::Apply => applied.push((f, v)),
            Decision::Unchanged => {}
            Decision::Conflict => conflicting.push((f, v, current.clone())),
        }
    }
    if op.entity == "case"
        && let Some((_, no)) = applied.iter().find(|(f, _)| f == "case_no")
        && let Some(other) = st.case_id_by_no(no.as_str().unwrap_or(""))?
        && other != op.entity_id
    {
        return Ok((rejected(codes::CASE_NO_TAKEN, "新案号已被另一件案件使用"), Some(row)));
    }
    // The sender's row is the result when it had the stored row in full — every change of it seen (at or below
    // `base`) or its own that it holds — and the whole edit applies. Otherwise it is sent the result.
    let seen = e.seq <= op.base || (e.device_id == who.device_id && e.sender_has);
    let sender_has = as_sent && seen && conflicting.is_empty();
    let mut seq = None;
    if !applied.is_empty() {
        seq = Some(write_fields(st, who, &op.case_id, &op.entity, &op.entity_id, row.clone(), &applied, sender_has)?);
    }
    if conflicting.is_empty() {
        return Ok((OpOutcome::Applied { seq }, None));
    }
    let mut conflicts = Vec::new();
    for (f, ours, theirs) in conflicting {
        let by = conflict_author(&metas, &f);
        conflicts.push(record_conflict(st, who, op, &case_no, Some(&f), ours, theirs, by)?);
    }
    let current = st.entity(&op.entity, &op.entity_id)?.and_then(|e| e.row);
    Ok((OpOutcome::Conflict { conflicts }, current))
}

fn delete(st: &mut PushState<'_>, who: &Who<'_>, op: &Op) -> R<Applied> {
    if op.entity == "case" {
        return Ok((rejected(codes::INVALID_OP, "案件不能删除；请填写结案日期或结案方式"), None));
    }
    let Some(e) = st.entity(&op.entity, &op.entity_id)? else {
        return Ok((OpOutcome::Applied { seq: None }, None));
    };
    let Some(row) = e.row else { return Ok((OpOutcome::Applied { seq: None }, None)) };
    let metas = st.fields(&op.entity, &op.entity_id)?;
    let states: Vec<FieldState<'_>> =
        metas.iter().map(|m| FieldState { seq: m.seq, device_id: &m.device_id, value: &Value::Null }).collect();
    match decide_delete(states, op.base, who.device_id) {
        Decision::Conflict => {
            let latest = metas.iter().max_by_key(|m| m.seq).map(|m| m.field.clone()).unwrap_or_default();
            let by = conflict_author(&metas.iter().map(|m| (m.field.clone(), m.clone())).collect(), &latest);
            let case_no = st.case_index(&op.case_id)?.map(|i| i.case_no).unwrap_or_default();
            let c = record_conflict(st, who, op, &case_no, None, Value::Null, row.clone(), by)?;
            Ok((OpOutcome::Conflict { conflicts: vec![c] }, Some(row)))
        }
        _ => {
            // The sender deleted the row too: it holds the result.
            let seq = tombstone(st, who, &op.case_id, &op.entity, &op.entity_id, true)?;
            Ok((OpOutcome::Applied { seq: Some(seq) }, None))
        }
    }
}

fn tombstone(st: &mut PushState<'_>, who: &Who<'_>, case_id: &str, entity: &str, id: &str, sender_has: bool) -> R<i64> {
    let c = st.append_change(Change {
        seq: 0,
        case_id: case_id.to_string(),
        entity: entity.to_string(),
        entity_id: id.to_string(),
        field: None,
        row: None,
        user: who.user.to_string(),
        device_id: who.device_id.to_string(),
        at: who.at.to_string(),
        sender_has,
    })?;
    let seq = c.seq;
    st.put_entity(entity, id, case_id, None, &c);
    st.put_fields(entity, id, vec![who.meta("_deleted", seq)]);
    Ok(seq)
}

fn resolve(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    scope: &Scope,
    op: &Op,
    conflict_id: &str,
    value: &Value,
) -> R<Applied> {
    let Some(mut c) = st
        .entity("conflict", conflict_id)?
        .and_then(|e| e.row)
        .and_then(|r| serde_json::from_value::<ConflictRecord>(r).ok())
    else {
        return Ok((rejected(codes::UNKNOWN_CONFLICT, "服务器上没有这条冲突记录"), None));
    };
    if let Err(r) = op_checks::resolution(st, op, &c, value)? {
        return Ok(refused(r));
    }
    if c.status == ConflictStatus::Resolved {
        // Someone else resolved it first: their decision stands. This choice is refused visibly (not dropped), and
        // the device is sent the value now in force.
        let by = c.resolved_by.as_ref().map(|a| a.user.as_str()).unwrap_or("另一位用户");
        let current = st.entity(&c.entity, &c.entity_id)?.and_then(|e| e.row);
        return Ok((
            rejected(
                codes::CONFLICT_RESOLVED,
                &format!("这条冲突已由{by}先行解决，您的选择未被采用；如仍需修改，请直接编辑该字段"),
            ),
            current,
        ));
    }
    let current = st.entity(&c.entity, &c.entity_id)?;
    if c.entity == "case"
        && c.field.as_deref() == Some("division")
        && let Some(row) = current.as_ref().and_then(|e| e.row.as_ref())
        && let Err(r) = op_checks::division_move(scope, row, value)
    {
        return Ok((rejected(r.code, &r.message), Some(row.clone())));
    }
    match (&c.field, current.and_then(|e| e.row)) {
        (Some(f), Some(row)) => {
            if row.get(f) != Some(value) {
                write_fields(st, who, &c.case_id, &c.entity, &c.entity_id, row, &[(f.clone(), value.clone())], false)?;
            }
        }
        (Some(_), None) => {}
        (None, Some(_)) if value.is_null() => {
            tombstone(st, who, &c.case_id, &c.entity, &c.entity_id, false)?;
        }
        (None, Some(row)) => {
            let fields: Vec<(String, Value)> = changed_fields(&row, value);
            if !fields.is_empty() {
                write_fields(st, who, &c.case_id, &c.entity, &c.entity_id, row, &fields, false)?;
            }
        }
        (None, None) if !value.is_null() => {
            // Restore a deleted row with the chosen content.
            let restored = st.append_change(Change {
                seq: 0,
                case_id: c.case_id.clone(),
                entity: c.entity.clone(),
                entity_id: c.entity_id.clone(),
                field: None,
                row: Some(value.clone()),
                user: who.user.to_string(),
                device_id: who.device_id.to_string(),
                at: who.at.to_string(),
                sender_has: false,
            })?;
            st.put_entity(&c.entity, &c.entity_id, &c.case_id, Some(value), &restored);
        }
        (None, None) => {}
    }
    c.status = ConflictStatus::Resolved;
    c.resolved_by = Some(who.author());
    c.resolved_at = Some(who.at.to_string());
    c.resolution = Some(value.clone());
    put_conflict(st, who, &mut c)?;
    Ok((OpOutcome::Applied { seq: Some(c.seq) }, None))
}
