//! The server's behaviour, independent of HTTP and of the storage engine: accounts and tokens, push (dedup, gap
//! check, authorization, per-field merge, feed, audit — one transaction, acknowledged after commit) and pull (the
//! access-filtered feed, whole histories of newly visible cases, revocations). Time comes in as `now`.

use std::collections::BTreeMap;

use andu_sync::access::{Role, Scope};
use andu_sync::{
    Author, EntityRow, FeedRow, Hello, HelloReply, MIN_CLIENT_PROTOCOL, Op, OpOutcome, OpResult, PROTOCOL_VERSION,
    Push, PushReply, UserInfo, codes,
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::audit;
use crate::auth;
use crate::backend::{Backend, SqlTx};
use crate::db::{self, Change, FieldMeta};
use crate::error::ServerError;
use crate::op_checks;
use crate::staged::PushState;
use crate::throttle::{Pace, Throttle};

mod accounts;
mod history;
mod pull;

mod apply;
use apply::apply_op;

type R<T> = Result<T, ServerError>;

/// A user name may fail 3 times freely; then waits of 1 s, 2 s, 4 s… up to 5 minutes (and a lock at `lock_after`).
const USER_PACE: Pace = Pace { free: 3, first_wait_ms: 1000, max_wait_ms: 300_000, forget_after_ms: 3_600_000 };
/// An address (a court's NAT may carry many users) may fail 20 times freely, then waits the same way.
const ADDR_PACE: Pace = Pace { free: 20, first_wait_ms: 1000, max_wait_ms: 300_000, forget_after_ms: 3_600_000 };

/// The authenticated user and device of a request. Role and division are re-read inside each transaction, so an
/// access change applies to the very next request.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    pub user: String,
    pub device_id: String,
}

pub struct Service<B: Backend> {
    backend: B,
    /// Access tokens expire after this many seconds (15 minutes by default).
    pub access_ttl_secs: i64,
    /// Refresh tokens expire this many seconds after their last use (30 days by default; sliding).
    pub refresh_ttl_secs: i64,
    /// The most rows a pull page carries, whatever the client asks (10,000: a page is bounded by about
    /// `max_page_bytes` too, which a new device's join reaches at about 7,000 current rows).
    pub max_page: usize,
    /// About the most bytes of rows a pull page carries, for clients that take continued snapshots (4 MB).
    pub max_page_bytes: usize,
    /// Failed logins of one user name after which it is locked until an administrator unlocks it.
    pub lock_after: u32,
    verifier: auth::Verifier,
    user_failures: Throttle,
    addr_failures: Throttle,
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn check_protocol(p: u32) -> R<()> {
    if p < MIN_CLIENT_PROTOCOL {
        return Err(ServerError::UpgradeRequired { client: p, min: MIN_CLIENT_PROTOCOL });
    }
    Ok(())
}

fn scope_of(tx: &mut dyn SqlTx, user: &str) -> R<Scope> {
    let a = actor_of(tx, user)?;
    Ok(Scope::of(a.role, &a.division))
}

/// The user as the 阅核 rules see them: name, current role and division.
fn actor_of(tx: &mut dyn SqlTx, user: &str) -> R<andu_sync::review::Actor> {
    let u = db::user(tx, user)?.ok_or(ServerError::Unauthorized)?;
    let role = Role::parse(&u.role).ok_or_else(|| ServerError::BadRole(u.role.clone()))?;
    Ok(andu_sync::review::Actor { name: u.name, role, division: u.division })
}

impl<B: Backend> Service<B> {
    pub fn new(backend: B) -> Self {
        Service {
            backend,
            access_ttl_secs: 15 * 60,
            refresh_ttl_secs: 30 * 24 * 3600,
            max_page: 10_000,
            max_page_bytes: 4 * 1024 * 1024,
            lock_after: 10,
            // Two checks at once bound Argon2's memory to 2 × 19 MiB; a login waits up to 5 s for its turn.
            verifier: auth::Verifier::new(2, std::time::Duration::from_secs(5)),
            user_failures: Throttle::new(USER_PACE, 100_000),
            addr_failures: Throttle::new(ADDR_PACE, 100_000),
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn hello(&self, h: &Hello) -> R<HelloReply> {
        check_protocol(h.protocol)?;
        Ok(HelloReply {
            protocol: PROTOCOL_VERSION,
            min_client_protocol: MIN_CLIENT_PROTOCOL,
            server: format!("andu-server {} ({})", env!("CARGO_PKG_VERSION"), self.backend.kind()),
            capabilities: ["push", "pull", "conflicts", "drafts", "audit", "history"].map(String::from).to_vec(),
        })
    }

    // ---- accounts ----------------------------------------------------------------------------------------------

    pub fn add_user(&self, name: &str, role: &str, division: &str, password: &str, now: DateTime<Utc>) -> R<()> {
        let role = Role::parse(role).ok_or_else(|| ServerError::BadRole(role.to_string()))?;
        if name.trim().is_empty() || password.is_empty() {
            return Err(ServerError::BadRequest("用户名和密码不能为空（密码由环境变量 ANDU_PASSWORD 提供）".into()));
        }
        let hash = auth::hash_password(password)?;
        self.backend.write(|tx| {
            if db::user(tx, name)?.is_some() {
                return Err(ServerError::UserExists(name.to_string()));
            }
            let u = db::User {
                name: name.to_string(),
                role: role.as_str().to_string(),
                division: division.to_string(),
                password_hash: hash,
            };
            db::insert_user(tx, &u, &stamp(now))
        })
    }

    /// Change a user's role or division (an access change: their devices gain or lose cases at the next pull).
    pub fn set_user_access(&self, name: &str, role: &str, division: &str) -> R<()> {
        let role = Role::parse(role).ok_or_else(|| ServerError::BadRole(role.to_string()))?;
        self.backend.write(|tx| {
            if db::set_user_access(tx, name, role.as_str(), division)? == 0 {
                return Err(ServerError::BadRequest(format!("没有用户“{name}”")));
            }
            // Their devices may hold cases they no longer see: every device looks again at its next pull.
            db::access_changed(tx)
        })
    }

    pub fn users(&self) -> R<Vec<UserInfo>> {
        self.backend.read(|tx| {
            Ok(db::users(tx)?
                .into_iter()
                .map(|u| UserInfo { name: u.name, role: u.role, division: u.division })
                .collect())
        })
    }

    /// Revoke every token of a user (a lost laptop): their devices must log in again.
    pub fn revoke(&self, name: &str) -> R<u64> {
        self.backend.write(|tx| db::revoke_tokens(tx, name))
    }

    pub fn authenticate(&self, access_token: &str, now: DateTime<Utc>) -> R<Caller> {
        self.backend.read(|tx| {
            let t = db::token(tx, &auth::token_hash(access_token))?.ok_or(ServerError::Unauthorized)?;
            if t.kind != "access" || t.revoked {
                return Err(ServerError::Unauthorized);
            }
            if t.expires_at <= now.timestamp() {
                return Err(ServerError::TokenExpired);
            }
            Ok(Caller { user: t.user, device_id: t.device_id })
        })
    }

    /// Register a device for a user without a password (the simulation and tests; never reachable over HTTP).
    pub fn enroll_device(&self, user: &str, device_id: &str, now: DateTime<Utc>) -> R<Caller> {
        self.backend.write(|tx| {
            if db::device(tx, device_id)?.is_none() {
                db::insert_device(tx, device_id, user, "test", &stamp(now))?;
            }
            Ok(Caller { user: user.to_string(), device_id: device_id.to_string() })
        })
    }

    /// Publish a file to every client at its next sync: a holiday year, a rule file (one area), a template or the
    /// indicator definitions — checked by the parser the clients use (`publish::check`), so a broken file never
    /// reaches a judge. Returns the name it is published under and its sequence number.
    pub fn publish(&self, kind: &str, file_name: &str, bytes: &[u8], by: &str, now: DateTime<Utc>) -> R<(String, i64)> {
        self.backend.write(|tx| {
            // The latest rule file of each area published so far: a new one must fit with the others.
            let mut rules: BTreeMap<String, String> = BTreeMap::new();
            for a in db::assets_after(tx, 0)?.into_iter().filter(|a| a.kind == "rules") {
                if a.content.is_empty() {
                    rules.remove(&a.name); // withdrawn
                } else {
                    rules.insert(a.name, a.content);
                }
            }
            let published: Vec<String> = rules.into_values().collect();
            let checked = crate::publish::check(kind, file_name, bytes, &published)?;
            let asset = andu_sync::Asset {
                seq: 0,
                kind: kind.into(),
                name: checked.name.clone(),
                content: checked.content,
                published_by: by.into(),
                at: stamp(now),
            };
            Ok((checked.name, db::publish_asset(tx, &asset)?))
        })
    }

    /// Withdraw a published rule file (by area), template (by name) or the indicator definitions: an asset with
    /// no content, after which clients go back to their built-in one. A holiday year is corrected by publishing it
    /// again, never withdrawn (deadlines in it would have no calendar).
    pub fn withdraw(&self, kind: &str, name: &str, by: &str, now: DateTime<Utc>) -> R<i64> {
        let single = crate::publish::SINGLE_FILE_KINDS.contains(&kind);
        let name = if single { kind } else { name.trim() };
        match kind {
            "rules" | "templates" => {}
            _ if single => {}
            "holidays" => {
                return Err(ServerError::BadRequest(
                    "节假日数据不能撤回：如有错误，请发布更正后的该年度数据（publish holidays FILE）".into(),
                ));
            }
            other => {
                return Err(ServerError::BadRequest(format!(
                    "不支持撤回“{other}”：可撤回 rules、templates、indicators、weights、settings"
                )));
            }
        }
        self.backend.write(|tx| {
            let live = db::assets_after(tx, 0)?
                .into_iter()
                .rev()
                .find(|a| a.kind == kind && a.name == name)
                .is_some_and(|a| !a.content.is_empty());
            if !live {
                return Err(ServerError::BadRequest(format!("没有已发布的 {kind}“{name}”可以撤回")));
            }
            let asset = andu_sync::Asset {
                seq: 0,
                kind: kind.into(),
                name: name.into(),
                content: String::new(),
                published_by: by.into(),
                at: stamp(now),
            };
            db::publish_asset(tx, &asset)
        })
    }

    pub fn verify_audit(&self) -> R<i64> {
        self.backend.read(audit::verify)
    }

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
                        Some(json!({"division_move": {"from": from, "to": to, "by_role": "president"}}))
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

fn feed_row(c: Change) -> FeedRow {
    FeedRow {
        seq: c.seq,
        case_id: c.case_id,
        entity: EntityRow { entity: c.entity, entity_id: c.entity_id, row: c.row },
        field: c.field,
        user: c.user,
        device_id: c.device_id,
        at: c.at,
    }
}

fn rejected(code: &str, message: &str) -> OpOutcome {
    OpOutcome::Rejected { code: code.to_string(), message: message.to_string() }
}

struct Who<'a> {
    user: &'a str,
    device_id: &'a str,
    at: &'a str,
    /// The pushing user's name, role and division (the 阅核 rules).
    actor: &'a andu_sync::review::Actor,
}

impl Who<'_> {
    fn author(&self) -> Author {
        Author { user: self.user.to_string(), device_id: self.device_id.to_string() }
    }
    fn meta(&self, field: &str, seq: i64) -> FieldMeta {
        FieldMeta { field: field.to_string(), seq, user: self.user.to_string(), device_id: self.device_id.to_string() }
    }
}

/// The audit entry of an answered op; `extra` adds to its detail (a division move).
fn audit_op(chain: &mut audit::Chain, who: &Who<'_>, op: &Op, r: &OpResult, extra: Option<Value>) -> db::AuditEntry {
    let result = match &r.outcome {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { .. } => "rejected",
    };
    let mut detail = json!({
        "device_seq": op.device_seq,
        "base": op.base,
        "client_at": op.at,
        "op": op.kind,
        "outcome": r.outcome,
    });
    if let (Some(Value::Object(extra)), Some(d)) = (extra, detail.as_object_mut()) {
        d.extend(extra);
    }
    chain.next(audit::Record {
        at: who.at,
        user: who.user,
        device_id: who.device_id,
        op_id: &op.op_id,
        case_id: &op.case_id,
        entity: &op.entity,
        entity_id: &op.entity_id,
        result,
        detail: detail.to_string(),
    })
}
