//! Push: dedup by device and op id, the gap check by device sequence, each op applied (`apply.rs`) through the
//! push's staged state, stored answers and audit entries written together — one transaction, answered after commit.

use andu_sync::access::Scope;
use andu_sync::{Author, Op, OpKind, OpOutcome, OpResult, Push, PushReply, codes};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use super::apply::apply_op;
use super::{Caller, R, Service, actor_of, check_protocol, rejected, stamp};
use crate::audit;
use crate::backend::Backend;
use crate::db::{self, FieldMeta};
use crate::error::ServerError;
use crate::op_checks;
use crate::staged::PushState;

impl<B: Backend> Service<B> {
    // ---- push --------------------------------------------------------------------------------------------------

    pub fn push(&self, caller: &Caller, p: &Push, now: DateTime<Utc>) -> R<PushReply> {
        // Refused whole before any work: a huge push would hold the single writer while every other request waits.
        if p.ops.len() > andu_sync::MAX_PUSH_OPS {
            return Err(ServerError::TooManyOps { got: p.ops.len(), max: andu_sync::MAX_PUSH_OPS });
        }
        let reply = self.push_committed(caller, p, now)?;
        let top = reply.results.iter().filter_map(|r| match r.outcome {
            OpOutcome::Applied { seq } => seq,
            _ => None,
        });
        if let Some(top) = top.max() {
            self.backend.feed_grew(top);
        }
        Ok(reply)
    }

    fn push_committed(&self, caller: &Caller, p: &Push, now: DateTime<Utc>) -> R<PushReply> {
        check_protocol(p.protocol)?;
        op_checks::request(p)?;
        let at = stamp(now);
        self.backend.write(|tx| {
            let actor = actor_of(tx, &caller.user)?;
            let scope = Scope::of(actor.role, &actor.division);
            let device = db::device(tx, &caller.device_id)?.ok_or(ServerError::Unauthorized)?;
            if device.user != caller.user {
                return Err(ServerError::DeviceTaken(caller.device_id.clone()));
            }
            let mut last = device.last_seq;
            let mut results = Vec::with_capacity(p.ops.len());
            let mut gap = None;
            // Stored answers of the batch's ops, read at once (then kept up to date as ops are answered), and the
            // audit chain's end, read once: on PostgreSQL every statement is a round trip.
            let ids: Vec<&str> = p.ops.iter().map(|o| o.op_id.as_str()).collect();
            let mut answered = db::applied_ops(tx, &caller.device_id, &ids)?;
            let mut chain = audit::Chain::load(tx)?;
            // Answers and audit entries are written together after the ops (same transaction, same commit).
            let mut answers: Vec<(String, i64, String)> = Vec::new();
            let mut audits = Vec::new();
            // The ops read and write through a staged state, loaded and flushed in a few statements per push.
            let fresh: Vec<&Op> = p.ops.iter().filter(|o| !answered.contains_key(&o.op_id)).collect();
            let mut st = PushState::load(tx, &caller.device_id, &fresh)?;
            let mut moved_any = false;
            for op in &p.ops {
                if let Some(stored) = answered.get(&op.op_id) {
                    // A duplicate (a retry after a lost answer): the stored answer, no effect.
                    results.push(serde_json::from_str(stored).map_err(|e| ServerError::Storage(e.to_string()))?);
                    continue;
                }
                if op.device_seq != last + 1 {
                    if op.device_seq <= last {
                        // A sequence number already used by a different op: a copied or restored database.
                        let r = OpResult {
                            op_id: op.op_id.clone(),
                            device_seq: op.device_seq,
                            outcome: rejected(codes::SEQUENCE_REUSED, "这台设备的修改序号与服务器记录不一致（数据库可能是复制或恢复的）；修改已保留在本机，请联系管理员"),
                            current: None,
                        };
                        // Kept like any answer: a retry gets the same one, and the audit log shows it.
                        let text = serde_json::to_string(&r).expect("results serialise");
                        answered.insert(op.op_id.clone(), text.clone());
                        answers.push((op.op_id.clone(), op.device_seq, text));
                        let who = Who { user: &caller.user, device_id: &caller.device_id, at: &at, actor: &actor };
                        audits.push(audit_op(&mut chain, &who, op, &r, None));
                        results.push(r);
                        continue;
                    }
                    gap = Some(andu_sync::Gap { expected: last + 1 });
                    break;
                }
                let who = Who { user: &caller.user, device_id: &caller.device_id, at: &at, actor: &actor };
                let before = st.case_index(&op.case_id)?.map(|ix| ix.division);
                let (outcome, current) = apply_op(&mut st, &who, actor.role, &scope, op)?;
                let after = st.case_index(&op.case_id)?.map(|ix| ix.division);
                // A case that changed division (a 院长's move) says so in the audit log.
                let moved = match (before, after) {
                    (Some(from), Some(to)) if from != to => {
                        Some(json!({"from": from, "to": to, "by_role": "president"}))
                    }
                    _ => None,
                };
                moved_any |= moved.is_some();
                let result = OpResult { op_id: op.op_id.clone(), device_seq: op.device_seq, outcome, current };
                let text = serde_json::to_string(&result).expect("results serialise");
                answered.insert(op.op_id.clone(), text.clone());
                answers.push((op.op_id.clone(), op.device_seq, text));
                audits.push(audit_op(&mut chain, &who, op, &result, moved));
                last = op.device_seq;
                results.push(result);
            }
            st.flush()?;
            if moved_any {
                // A case left a division: devices holding it may no longer see it (revoked at their next pull).
                db::access_changed(tx)?;
            }
            db::insert_applied_ops(tx, &caller.device_id, &answers)?;
            db::insert_audits(tx, &audits)?;
            db::set_device_seq(tx, &caller.device_id, last)?;
            Ok(PushReply { results, gap })
        })
    }
}

pub(super) struct Who<'a> {
    pub(super) user: &'a str,
    pub(super) device_id: &'a str,
    pub(super) at: &'a str,
    /// The pushing user's name, role and division (the 阅核 rules).
    pub(super) actor: &'a andu_sync::review::Actor,
}

impl Who<'_> {
    pub(super) fn author(&self) -> Author {
        Author { user: self.user.to_string(), device_id: self.device_id.to_string() }
    }
    pub(super) fn meta(&self, field: &str, seq: i64) -> FieldMeta {
        FieldMeta { field: field.to_string(), seq, user: self.user.to_string(), device_id: self.device_id.to_string() }
    }
}

/// An audit entry's detail, written straight from the op (not copied into a JSON value first: the op carries its
/// whole row). Fields in name order, as the detail always had them.
#[derive(Serialize)]
struct Detail<'a> {
    base: i64,
    client_at: &'a str,
    device_seq: i64,
    /// A case that changed division: from, to, and the role that moved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    division_move: Option<&'a Value>,
    op: &'a OpKind,
    outcome: &'a OpOutcome,
}

/// The audit entry of an answered op; `extra` is a division move, recorded in its detail.
fn audit_op(chain: &mut audit::Chain, who: &Who<'_>, op: &Op, r: &OpResult, extra: Option<Value>) -> db::AuditEntry {
    let result = match &r.outcome {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { .. } => "rejected",
    };
    let detail = Detail {
        base: op.base,
        client_at: &op.at,
        device_seq: op.device_seq,
        division_move: extra.as_ref(),
        op: &op.kind,
        outcome: &r.outcome,
    };
    chain.next(audit::Record {
        at: who.at,
        user: who.user,
        device_id: who.device_id,
        op_id: &op.op_id,
        case_id: &op.case_id,
        entity: &op.entity,
        entity_id: &op.entity_id,
        result,
        detail: serde_json::to_string(&detail).expect("audit details serialise"),
    })
}
