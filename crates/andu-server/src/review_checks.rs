//! 阅核 ops (issue #18), after access to the op's case was granted: the records are append-only (only ever
//! created, never changed — a second create of the same id must be the same row), each names the op's case and
//! what it answers (a round, a comment, a decision) belongs to that case, the person in its `by` is the one pushing,
//! and the rule of `andu_sync::review` holds: the case's judge sends and overrides, the reviewer (庭长 of the
//! division, the 院长; a 四类案件 the 院长 only) comments and decides, and a reviewer never saves a revision of the
//! text of someone else's case (`not_the_author`).
//!
//! Refusals use their own codes, never `forbidden_case`: that answer makes a device drop the case, and a judge
//! whose 庭长 is refused must keep it.

use andu_sync::court_settings;
use andu_sync::review::{self as rules, Actor, CaseRef, Refusal as RuleRefusal, Reviewer};
use andu_sync::schema::REVIEW_ENTITIES;
use andu_sync::{Op, OpKind, codes};
use serde_json::Value;

use crate::error::ServerError;
use crate::op_checks::{Checked, Refusal};
use crate::staged::PushState;

type R<T> = Result<T, ServerError>;

/// A 阅核 step by someone the rule does not allow (a judge deciding, a 庭长 of another division…).
pub const FORBIDDEN_REVIEW: &str = "forbidden_review";
/// A reviewer saving a revision of the judge's text, or anyone but the judge sending it.
pub const NOT_THE_AUTHOR: &str = "not_the_author";

fn refuse(code: &'static str, message: impl Into<String>) -> Checked {
    Err(Refusal { code, message: message.into() })
}

fn field<'a>(row: &'a Value, f: &str) -> &'a str {
    row.get(f).and_then(Value::as_str).unwrap_or("")
}

fn ruled(r: Result<(), RuleRefusal>, what: &str) -> Checked {
    match r {
        Ok(()) => Ok(()),
        Err(RuleRefusal::NotTheReviewer { reviewer, why }) => {
            refuse(FORBIDDEN_REVIEW, format!("{what}未保存：本案由{reviewer}阅核（{why}）"))
        }
        Err(RuleRefusal::NotTheAuthor { judge }) => refuse(
            NOT_THE_AUTHOR,
            format!("{what}未保存：只有承办法官{judge}可以进行；阅核人可以提出意见，不能修改文书"),
        ),
    }
}

/// Is the case flagged 四类案件 now? The newest flag record in feed order (server order; client clocks play no part).
fn four_kinds(st: &mut PushState<'_>, case_id: &str) -> R<bool> {
    let flags = st.case_rows_of("case_flag", case_id)?;
    Ok(flags.last().is_some_and(|(_, row)| row.get("set").and_then(Value::as_bool) == Some(true)))
}

/// The record `id` of kind `entity` must be stored under `case_id`.
fn in_case(st: &mut PushState<'_>, entity: &str, id: &str, case_id: &str) -> R<Result<Value, Checked>> {
    Ok(match st.entity(entity, id)? {
        Some(e) if e.case_id == case_id => match e.row {
            Some(row) => Ok(row),
            None => Err(refuse(codes::UNKNOWN_ENTITY, "所依据的阅核记录不在服务器上，未保存")),
        },
        Some(_) => Err(refuse(codes::ENTITY_NOT_IN_CASE, "所依据的阅核记录不属于该案件，未保存")),
        None => Err(refuse(codes::UNKNOWN_ENTITY, "所依据的阅核记录不在服务器上（可能被拒绝了），未保存")),
    })
}

/// The 阅核 checks of one op (any other op passes).
pub fn check(st: &mut PushState<'_>, actor: &Actor, op: &Op) -> R<Checked> {
    let is_review = REVIEW_ENTITIES.contains(&op.entity.as_str());
    if !is_review && op.entity != "draft_revision" {
        return Ok(Ok(()));
    }
    let Some(case) = st.entity("case", &op.case_id)?.and_then(|e| e.row) else { return Ok(Ok(())) };
    let flagged = four_kinds(st, &op.case_id)?;
    let case_ref = CaseRef { division: field(&case, "division"), judge: field(&case, "judge"), four_kinds: flagged };
    let row = match &op.kind {
        OpKind::Create { row } => row,
        _ if is_review => return Ok(refuse(codes::INVALID_OP, "阅核记录只能新增，不能修改或删除（全程留痕）")),
        // A revision is immutable too; its patches are the merge's business as before.
        _ => return Ok(Ok(())),
    };
    if op.entity == "draft_revision" {
        return Ok(ruled(rules::may_edit_text(actor, &case_ref), "草稿版本"));
    }
    if let Some(stored) = st.entity(&op.entity, &op.entity_id)? {
        // The same record sent again (a retry from another device) is harmless; a different one under its id is not.
        return Ok(if stored.row.as_ref() == Some(row) {
            Ok(())
        } else {
            refuse(codes::INVALID_OP, "阅核记录已存在，不能修改（全程留痕）")
        });
    }
    if field(row, "case_id") != op.case_id {
        return Ok(refuse(codes::ENTITY_NOT_IN_CASE, "这条阅核记录不属于该案件，未保存"));
    }
    if field(row, "by") != actor.name {
        return Ok(refuse(codes::INVALID_OP, format!("阅核记录须以本人（{}）的名义保存", actor.name)));
    }
    // The court's choice, as published to every client (`andu-server publish settings`): the same the clients use.
    let reviewer: Reviewer = court_settings::reviewer(st.published(court_settings::KIND)?.as_deref());
    let checked = match op.entity.as_str() {
        "review_round" => match in_case_revision(st, field(row, "revision_id"), field(row, "draft_id"), &op.case_id)? {
            Err(r) => r,
            Ok(()) => ruled(rules::may_send(actor, &case_ref), "送阅核"),
        },
        "review_comment" => {
            if let Err(r) = in_case(st, "review_round", field(row, "round_id"), &op.case_id)? {
                return Ok(r);
            }
            match row.get("reply_to").and_then(Value::as_str) {
                Some(parent) => match in_case(st, "review_comment", parent, &op.case_id)? {
                    Err(r) => r,
                    Ok(_) => ruled(rules::may_reply(actor, &case_ref, reviewer), "批注答复"),
                },
                None => ruled(rules::may_review(actor, &case_ref, reviewer), "阅核批注"),
            }
        }
        "review_withdrawal" => match in_case(st, "review_comment", field(row, "comment_id"), &op.case_id)? {
            Err(r) => r,
            Ok(c) if field(&c, "by") != actor.name => {
                refuse(FORBIDDEN_REVIEW, format!("批注只能由写下它的人撤回（该批注由{}写下）", field(&c, "by")))
            }
            Ok(_) => Ok(()),
        },
        "review_decision" => match in_case(st, "review_round", field(row, "round_id"), &op.case_id)? {
            Err(r) => r,
            Ok(_) => ruled(rules::may_review(actor, &case_ref, reviewer), "阅核意见"),
        },
        "review_result" => match in_case(st, "review_decision", field(row, "decision_id"), &op.case_id)? {
            Err(r) => r,
            Ok(d) if field(&d, "decision") != "discuss" => {
                refuse(codes::INVALID_OP, "该阅核意见不是提交讨论，不能记录讨论结果")
            }
            Ok(_) => ruled(rules::may_review(actor, &case_ref, reviewer), "讨论结果"),
        },
        "case_flag" => {
            let unflagged = CaseRef { four_kinds: false, ..case_ref };
            ruled(rules::may_reply(actor, &unflagged, reviewer), "四类案件标记")
        }
        "review_override" => ruled(rules::may_send(actor, &case_ref), "越过阅核导出"),
        _ => Ok(()),
    };
    Ok(checked)
}

/// A round's revision must be a revision of the named draft, and the draft the case's.
fn in_case_revision(st: &mut PushState<'_>, revision: &str, draft: &str, case_id: &str) -> R<Result<(), Checked>> {
    if let Err(r) = in_case(st, "draft", draft, case_id)? {
        return Ok(Err(r));
    }
    Ok(match in_case(st, "draft_revision", revision, case_id)? {
        Ok(r) if field(&r, "draft_id") == draft => Ok(()),
        Ok(_) => Err(refuse(codes::ENTITY_NOT_IN_CASE, "送阅核的版本不属于这份草稿，未保存")),
        Err(r) => Err(r),
    })
}
