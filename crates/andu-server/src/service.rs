//! The server's behaviour, independent of HTTP and of the storage engine: accounts and tokens, push (dedup, gap
//! check, authorization, per-field merge, feed, audit — one transaction, acknowledged after commit) and pull (the
//! access-filtered feed, whole histories of newly visible cases, revocations). Time comes in as `now`.

use std::collections::{BTreeMap, HashMap};

use andu_sync::access::{Role, Scope};
use andu_sync::merge::{Decision, FieldState, changed_fields, decide, decide_delete};
use andu_sync::{
    Author, ConflictRecord, ConflictStatus, EntityRow, FeedRow, Hello, HelloReply, MIN_CLIENT_PROTOCOL, Op, OpKind,
    OpOutcome, OpResult, PROTOCOL_VERSION, Push, PushReply, UserInfo, codes,
};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::audit;
use crate::auth;
use crate::backend::{Backend, SqlTx};
use crate::db::{self, CaseIndex, Change, FieldMeta};
use crate::error::ServerError;
use crate::staged::PushState;
use crate::throttle::{Pace, Throttle};

mod accounts;
mod pull;

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
    /// The most rows a pull page carries, whatever the client asks.
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
    let u = db::user(tx, user)?.ok_or(ServerError::Unauthorized)?;
    let role = Role::parse(&u.role).ok_or_else(|| ServerError::BadRole(u.role.clone()))?;
    Ok(Scope::of(role, &u.division))
}

impl<B: Backend> Service<B> {
    pub fn new(backend: B) -> Self {
        Service {
            backend,
            access_ttl_secs: 15 * 60,
            refresh_ttl_secs: 30 * 24 * 3600,
            max_page: 2000,
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
            capabilities: ["push", "pull", "conflicts", "drafts", "audit"].map(String::from).to_vec(),
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
            Ok(())
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
        let name = if kind == "indicators" { "indicators" } else { name.trim() };
        match kind {
            "rules" | "templates" | "indicators" => {}
            "holidays" => {
                return Err(ServerError::BadRequest(
                    "节假日数据不能撤回：如有错误，请发布更正后的该年度数据（publish holidays FILE）".into(),
                ));
            }
            other => {
                return Err(ServerError::BadRequest(format!(
                    "不支持撤回“{other}”：可撤回 rules、templates、indicators"
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
        let at = stamp(now);
        self.backend.write(|tx| {
            let scope = scope_of(tx, &caller.user)?;
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
            let mut answered = db::applied_ops(tx, &ids)?;
            let mut chain = audit::Chain::load(tx)?;
            // Answers and audit entries are written together after the ops (same transaction, same commit).
            let mut answers: Vec<(String, i64, String)> = Vec::new();
            let mut audits = Vec::new();
            // The ops read and write through a staged state, loaded and flushed in a few statements per push.
            let fresh: Vec<&Op> = p.ops.iter().filter(|o| !answered.contains_key(&o.op_id)).collect();
            let mut st = PushState::load(tx, &caller.device_id, &fresh)?;
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
                        let who = Who { user: &caller.user, device_id: &caller.device_id, at: &at };
                        audits.push(audit_op(&mut chain, &who, op, &r));
                        results.push(r);
                        continue;
                    }
                    gap = Some(andu_sync::Gap { expected: last + 1 });
                    break;
                }
                let who = Who { user: &caller.user, device_id: &caller.device_id, at: &at };
                let (outcome, current) = apply_op(&mut st, &who, &scope, op)?;
                let result = OpResult { op_id: op.op_id.clone(), device_seq: op.device_seq, outcome, current };
                let text = serde_json::to_string(&result).expect("results serialise");
                answered.insert(op.op_id.clone(), text.clone());
                answers.push((op.op_id.clone(), op.device_seq, text));
                audits.push(audit_op(&mut chain, &who, op, &result));
                last = op.device_seq;
                results.push(result);
            }
            st.flush()?;
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
}

impl Who<'_> {
    fn author(&self) -> Author {
        Author { user: self.user.to_string(), device_id: self.device_id.to_string() }
    }
    fn meta(&self, field: &str, seq: i64) -> FieldMeta {
        FieldMeta { field: field.to_string(), seq, user: self.user.to_string(), device_id: self.device_id.to_string() }
    }
}

fn audit_op(chain: &mut audit::Chain, who: &Who<'_>, op: &Op, r: &OpResult) -> db::AuditEntry {
    let result = match &r.outcome {
        OpOutcome::Applied { .. } => "applied",
        OpOutcome::Conflict { .. } => "conflict",
        OpOutcome::Rejected { .. } => "rejected",
    };
    let detail = json!({
        "device_seq": op.device_seq,
        "base": op.base,
        "client_at": op.at,
        "op": op.kind,
        "outcome": r.outcome,
    });
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

type Applied = (OpOutcome, Option<Value>);

/// Apply one op inside the push transaction.
fn apply_op(st: &mut PushState<'_>, who: &Who<'_>, scope: &Scope, op: &Op) -> R<Applied> {
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
    match &op.kind {
        OpKind::Create { row } if op.entity == "case" => create_case(st, who, scope, op, row),
        OpKind::Create { row } => {
            match st.entity(&op.entity, &op.entity_id)? {
                // Created before (a second device sent the same row, or ids met): treat the difference as edits.
                Some(e) => match e.row {
                    Some(old) => patch(st, who, op, changed_fields(&old, row).into_iter().collect(), index.as_ref()),
                    None => Ok((OpOutcome::Applied { seq: None }, None)),
                },
                None => {
                    let seq = insert_entity(st, who, &op.case_id, &op.entity, &op.entity_id, row)?;
                    Ok((OpOutcome::Applied { seq: Some(seq) }, None))
                }
            }
        }
        OpKind::Patch { fields } => patch(st, who, op, fields.clone(), index.as_ref()),
        OpKind::Delete => delete(st, who, op),
        OpKind::Resolve { conflict_id, value } => resolve(st, who, op, conflict_id, value, index.as_ref()),
    }
}

fn insert_entity(st: &mut PushState<'_>, who: &Who<'_>, case_id: &str, entity: &str, id: &str, row: &Value) -> R<i64> {
    let seq = st.append_change(Change {
        seq: 0,
        case_id: case_id.to_string(),
        entity: entity.to_string(),
        entity_id: id.to_string(),
        field: None,
        row: Some(row.clone()),
        user: who.user.to_string(),
        device_id: who.device_id.to_string(),
        at: who.at.to_string(),
    })?;
    st.put_entity(entity, id, case_id, Some(row), seq);
    if let Some(o) = row.as_object() {
        let metas: Vec<FieldMeta> = o.keys().filter(|k| k.as_str() != "id").map(|k| who.meta(k, seq)).collect();
        st.put_fields(entity, id, metas);
    }
    Ok(seq)
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
        return patch(st, who, op, changed_fields(&old, row).into_iter().collect(), ix.as_ref());
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
    let mut c = ConflictRecord {
        id: format!("{}:{}", op.op_id, field.unwrap_or("*")),
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
    })?;
    debug_assert_eq!(got, seq);
    st.put_entity("conflict", &c.id, &c.case_id, Some(&row), seq);
    Ok(())
}

/// Write new values of some fields of an existing entity: one feed change, field versions, the case index.
fn write_fields(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    op_case: &str,
    entity: &str,
    id: &str,
    mut row: Value,
    applied: &[(String, Value)],
) -> R<i64> {
    if let Some(o) = row.as_object_mut() {
        for (f, v) in applied {
            o.insert(f.clone(), v.clone());
        }
    }
    let field = (applied.len() == 1).then(|| applied[0].0.clone());
    let seq = st.append_change(Change {
        seq: 0,
        case_id: op_case.to_string(),
        entity: entity.to_string(),
        entity_id: id.to_string(),
        field,
        row: Some(row.clone()),
        user: who.user.to_string(),
        device_id: who.device_id.to_string(),
        at: who.at.to_string(),
    })?;
    st.put_entity(entity, id, op_case, Some(&row), seq);
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

fn patch(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    op: &Op,
    fields: Map<String, Value>,
    ix: Option<&CaseIndex>,
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
    let mut seq = None;
    if !applied.is_empty() {
        seq = Some(write_fields(st, who, &op.case_id, &op.entity, &op.entity_id, row.clone(), &applied)?);
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
            let seq = tombstone(st, who, &op.case_id, &op.entity, &op.entity_id)?;
            Ok((OpOutcome::Applied { seq: Some(seq) }, None))
        }
    }
}

fn tombstone(st: &mut PushState<'_>, who: &Who<'_>, case_id: &str, entity: &str, id: &str) -> R<i64> {
    let seq = st.append_change(Change {
        seq: 0,
        case_id: case_id.to_string(),
        entity: entity.to_string(),
        entity_id: id.to_string(),
        field: None,
        row: None,
        user: who.user.to_string(),
        device_id: who.device_id.to_string(),
        at: who.at.to_string(),
    })?;
    st.put_entity(entity, id, case_id, None, seq);
    st.put_fields(entity, id, vec![who.meta("_deleted", seq)]);
    Ok(seq)
}

fn resolve(
    st: &mut PushState<'_>,
    who: &Who<'_>,
    op: &Op,
    conflict_id: &str,
    value: &Value,
    _ix: Option<&CaseIndex>,
) -> R<Applied> {
    let Some(mut c) = st
        .entity("conflict", conflict_id)?
        .and_then(|e| e.row)
        .and_then(|r| serde_json::from_value::<ConflictRecord>(r).ok())
    else {
        return Ok((rejected(codes::UNKNOWN_CONFLICT, "服务器上没有这条冲突记录"), None));
    };
    if c.case_id != op.case_id {
        return Ok((rejected(codes::INVALID_OP, "冲突记录与案件不符"), None));
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
    match (&c.field, current.and_then(|e| e.row)) {
        (Some(f), Some(row)) => {
            if row.get(f) != Some(value) {
                write_fields(st, who, &c.case_id, &c.entity, &c.entity_id, row, &[(f.clone(), value.clone())])?;
            }
        }
        (Some(_), None) => {}
        (None, Some(_)) if value.is_null() => {
            tombstone(st, who, &c.case_id, &c.entity, &c.entity_id)?;
        }
        (None, Some(row)) => {
            let fields: Vec<(String, Value)> = changed_fields(&row, value);
            if !fields.is_empty() {
                write_fields(st, who, &c.case_id, &c.entity, &c.entity_id, row, &fields)?;
            }
        }
        (None, None) if !value.is_null() => {
            // Restore a deleted row with the chosen content.
            let seq = st.append_change(Change {
                seq: 0,
                case_id: c.case_id.clone(),
                entity: c.entity.clone(),
                entity_id: c.entity_id.clone(),
                field: None,
                row: Some(value.clone()),
                user: who.user.to_string(),
                device_id: who.device_id.to_string(),
                at: who.at.to_string(),
            })?;
            st.put_entity(&c.entity, &c.entity_id, &c.case_id, Some(value), seq);
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
