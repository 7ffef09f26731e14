//! The client's half of sync, inside the store: turning outbox rows into protocol ops, and storing what the server
//! answers — push results and pull pages — each in one transaction together with the new acknowledged mark or
//! cursor, so a crash repeats at most one request. No network here (that is `andu-sync-client`).

use andu_sync::merge::changed_fields;
use andu_sync::{
    ConflictRecord, ConflictStatus, Cursor, EntityRow, FeedRow, Op, OpKind, OpOutcome, PullPage, PushReply,
};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::{Map, Value};

use crate::error::{Result, StoreError};
use crate::table::cases::{self, CaseRow};
use crate::table::change_log::{self, NewChange, OutboxEntry};
use crate::table::children::{self, Child};
use crate::table::parties::{self, PartyRow};
use crate::table::sync::{self as sync_table, Rejection, keys};
use crate::table::{drafts, meta, review};
use crate::{Store, Writer};

/// Where this store stands with the court server (the status line of the app, `andu sync --json`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatus {
    pub server: Option<String>,
    pub user: Option<String>,
    pub role: Option<String>,
    pub division: Option<String>,
    pub cursor: Cursor,
    pub acked: i64,
    pub pending: i64,
    pub conflicts: i64,
    pub rejected: i64,
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
    /// Published data received but not applied (a newer kind, a file a newer Andu wrote…), with the reason.
    pub waiting_assets: Vec<WaitingAsset>,
}

/// When (the server's stamp) and by whom the court published a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Publication {
    pub at: String,
    pub by: String,
}

/// Data the court server published that this store holds but could not apply yet; tried again at every sync.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WaitingAsset {
    pub kind: String,
    pub name: String,
    /// Why the last try failed (`None` before the first try).
    pub reason: Option<String>,
}

/// What a push or pull changed locally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub pushed: usize,
    pub pulled: usize,
    pub conflicts: usize,
    pub rejected: usize,
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A case field is stored as text in the change log; on the wire it has the type of the row's JSON.
fn field_value(entity: &str, field: &str, text: Option<&str>) -> Value {
    match (entity, field, text) {
        (_, _, None) => Value::Null,
        ("case", "custody", Some(t)) => Value::Bool(matches!(t, "true" | "1")),
        (_, _, Some(t)) => Value::String(t.to_string()),
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The protocol op for one outbox row.
pub fn to_op(e: &OutboxEntry) -> Op {
    let c = &e.change;
    let kind = match (c.entity.as_str(), c.field.as_deref(), c.old.as_deref(), c.new.as_deref()) {
        ("conflict", _, _, new) => OpKind::Resolve {
            conflict_id: c.entity_id.clone(),
            value: new.map(parse).and_then(|v| v.get("value").cloned()).unwrap_or(Value::Null),
        },
        (entity, Some(field), _, new) => {
            let mut fields = Map::new();
            fields.insert(field.to_string(), field_value(entity, field, new));
            OpKind::Patch { fields }
        }
        (_, None, None, Some(new)) => OpKind::Create { row: parse(new) },
        (_, None, Some(old), Some(new)) => {
            OpKind::Patch { fields: changed_fields(&parse(old), &parse(new)).into_iter().collect() }
        }
        (_, None, _, None) => OpKind::Delete,
    };
    Op {
        op_id: c.change_id.clone(),
        device_seq: e.device_seq,
        case_id: c.case_id.clone(),
        entity: c.entity.clone(),
        entity_id: c.entity_id.clone(),
        kind,
        base: e.base,
        at: c.at.clone(),
    }
}

impl Store {
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let c = &self.conn;
        let acked = sync_table::meta_i64(c, keys::ACKED)?;
        // An empty value is a field cleared by a logout.
        let get = |k| meta::get(c, k).map(|v| v.filter(|v| !v.is_empty()));
        Ok(SyncStatus {
            server: get(keys::SERVER)?,
            user: get(keys::USER)?,
            role: get(keys::ROLE)?,
            division: get(keys::DIVISION)?,
            cursor: Cursor {
                seq: sync_table::meta_i64(c, keys::CURSOR_SEQ)?,
                epoch: sync_table::meta_i64(c, keys::CURSOR_EPOCH)?,
            },
            acked,
            pending: change_log::pending_count(c, acked)?,
            conflicts: sync_table::open_conflict_count(c)?,
            rejected: c.query_row("SELECT COUNT(*) FROM sync_rejections", [], |r| r.get(0))?,
            last_sync: get(keys::LAST_SYNC)?,
            last_error: get(keys::LAST_ERROR)?,
            waiting_assets: self.waiting_assets()?,
        })
    }

    /// Where the pull stands (the cursor of [`Store::sync_status`] alone: read before every page, without the
    /// counts the status line needs).
    pub fn sync_cursor(&self) -> Result<Cursor> {
        Ok(Cursor {
            seq: sync_table::meta_i64(&self.conn, keys::CURSOR_SEQ)?,
            epoch: sync_table::meta_i64(&self.conn, keys::CURSOR_EPOCH)?,
        })
    }

    /// The published data still pending, without its content (the status line reads this every few seconds).
    pub fn waiting_assets(&self) -> Result<Vec<WaitingAsset>> {
        let mut stmt = self.conn.prepare("SELECT key FROM meta WHERE key LIKE ?1 ORDER BY key")?;
        let keys: Vec<String> = stmt
            .query_map([format!("{}%", keys::ASSET_PENDING_PREFIX)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for key in keys {
            let rest = key.trim_start_matches(keys::ASSET_PENDING_PREFIX);
            let (kind, name) = rest.split_once(':').unwrap_or((rest, ""));
            let reason = meta::get(&self.conn, &format!("{}{rest}", keys::ASSET_WAITING_PREFIX))?;
            out.push(WaitingAsset { kind: kind.into(), name: name.into(), reason });
        }
        Ok(out)
    }

    /// The last try to apply a pending asset failed, for `reason`: kept for the status line.
    pub fn asset_not_applied(&mut self, kind: &str, name: &str, reason: &str) -> Result<()> {
        Ok(meta::set(&self.conn, &format!("{}{kind}:{name}", keys::ASSET_WAITING_PREFIX), reason)?)
    }

    pub fn sync_meta(&self, key: &str) -> Result<Option<String>> {
        Ok(meta::get(&self.conn, key)?)
    }

    pub fn set_sync_meta(&mut self, key: &str, value: &str) -> Result<()> {
        Ok(meta::set(&self.conn, key, value)?)
    }

    /// The next ops to push, oldest first.
    pub fn outbox_ops(&self, limit: usize) -> Result<Vec<Op>> {
        let acked = sync_table::meta_i64(&self.conn, keys::ACKED)?;
        self.outbox_ops_after(acked, limit)
    }

    /// The ops after device sequence `after`, oldest first: the batch after one still waiting for its answer (the
    /// sync client reads it while the server works on the one before).
    pub fn outbox_ops_after(&self, after: i64, limit: usize) -> Result<Vec<Op>> {
        Ok(change_log::outbox_with_order(&self.conn, after, limit)?.iter().map(to_op).collect())
    }

    /// Move the acknowledged mark back when the server says it has less than we thought (its `gap.expected`):
    /// the edits after it are simply sent again. Never forward: a server that expects more than the next op has
    /// applied edits whose answers this device never stored (an answer lost on the way, then a batch that arrived
    /// out of order). Sending them again from the mark brings their stored answers — a refusal among them
    /// included — instead of skipping them (simulation seed 223).
    pub fn rewind_acked(&mut self, expected: i64) -> Result<()> {
        let acked = sync_table::meta_i64(&self.conn, keys::ACKED)?;
        Ok(meta::set(&self.conn, keys::ACKED, &(expected - 1).clamp(0, acked).to_string())?)
    }

    /// Store a push reply: conflicts and rejections are recorded and the server's current row replaces ours, the
    /// acknowledged mark moves past every answered op. One transaction.
    pub fn record_push(&mut self, ops: &[Op], reply: &PushReply, now: DateTime<Utc>) -> Result<Tally> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let at = stamp(now);
        let mut tally = Tally::default();
        let mut acked = sync_table::meta_i64(&tx, keys::ACKED)?;
        // Entities whose row was replaced by the server's, with the device sequence of the op that did it: this
        // device's later edits of them are laid on top again below.
        let mut replaced: std::collections::HashMap<(String, String), i64> = std::collections::HashMap::new();
        for (i, r) in reply.results.iter().enumerate() {
            // Results arrive in op order; anything not the next one is ignored (it will be asked for again).
            if r.device_seq != acked + 1 {
                continue;
            }
            // The i-th answer is the i-th op's (looked for by id otherwise: a search per answer is quadratic in a
            // batch, and a first upload sends hundreds of thousands of ops).
            let Some(op) =
                ops.get(i).filter(|o| o.op_id == r.op_id).or_else(|| ops.iter().find(|o| o.op_id == r.op_id))
            else {
                continue;
            };
            match &r.outcome {
                OpOutcome::Applied { .. } => tally.pushed += 1,
                OpOutcome::Conflict { conflicts } => {
                    tally.pushed += 1;
                    tally.conflicts += conflicts.len();
                    for c in conflicts {
                        store_conflict(&tx, c)?;
                    }
                    replace_entity(&tx, &op.case_id, &op.entity, &op.entity_id, r.current.as_ref(), &at)?;
                    replaced.insert((op.entity.clone(), op.entity_id.clone()), r.device_seq);
                }
                OpOutcome::Rejected { code, message } => {
                    tally.rejected += 1;
                    sync_table::insert_rejection(
                        &tx,
                        &Rejection {
                            device_seq: r.device_seq,
                            change_id: op.op_id.clone(),
                            case_id: op.case_id.clone(),
                            code: code.clone(),
                            message: message.clone(),
                            at: at.clone(),
                        },
                    )?;
                    // The server's version wins on screen; our edit stays in the change log and the rejection list.
                    if code == andu_sync::codes::FORBIDDEN_CASE && r.current.is_none() {
                        // No longer ours to see: the server stopped counting this device as holding the case.
                        purge_case(&tx, &op.case_id)?;
                    } else if let OpKind::Resolve { conflict_id, .. } = &op.kind {
                        // A resolution someone else made first: show the value in force on the conflict's row.
                        let record = sync_table::conflict(&tx, conflict_id)?
                            .and_then(|t| serde_json::from_str::<ConflictRecord>(&t).ok());
                        if let (Some(c), Some(row)) = (record, r.current.as_ref()) {
                            replace_entity(&tx, &c.case_id, &c.entity, &c.entity_id, Some(row), &at)?;
                            replaced.insert((c.entity.clone(), c.entity_id.clone()), r.device_seq);
                        }
                    } else if r.current.is_some() || matches!(op.kind, OpKind::Create { .. }) {
                        replace_entity(&tx, &op.case_id, &op.entity, &op.entity_id, r.current.as_ref(), &at)?;
                        replaced.insert((op.entity.clone(), op.entity_id.clone()), r.device_seq);
                    }
                }
            }
            acked = r.device_seq;
        }
        meta::set(&tx, keys::ACKED, &acked.to_string())?;
        relay_after_replace(&tx, &replaced, &at)?;
        tx.commit()?;
        Ok(tally)
    }

    /// Store one pull page and its cursor in one transaction, every row of its snapshots kept in the history (as a
    /// server that sends whole histories needs).
    pub fn apply_pull(&mut self, page: &PullPage, now: DateTime<Utc>) -> Result<Tally> {
        self.apply_pull_keeping(page, SnapshotHistory::EveryRow, now)
    }

    /// Store one pull page and its cursor in one transaction, its snapshots' history kept as `history` says. Inside
    /// a group of pages ([`Store::begin_pull_group`]) the page is a savepoint of the group's transaction instead: a
    /// page that fails leaves the pages before it, each stored whole with its cursor.
    pub fn apply_pull_keeping(
        &mut self,
        page: &PullPage,
        keeping: SnapshotHistory,
        now: DateTime<Utc>,
    ) -> Result<Tally> {
        if self.conn.is_autocommit() {
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let tally = store_page(&tx, page, keeping, now)?;
            tx.commit()?;
            Ok(tally)
        } else {
            let sp = self.conn.savepoint()?;
            let tally = store_page(&sp, page, keeping, now)?;
            sp.commit()?;
            Ok(tally)
        }
    }

    /// Start a group of pull pages stored in one transaction (committed by [`Store::end_pull_group`]). A join
    /// stores a division in ~100 pages; each commit writes every page of the store a page touched — the cases'
    /// indexes by 案号, date and judge are touched all over by every page — to the WAL again, so at 100,000 cases
    /// the pages' commits wrote ~1 GB for a store of a few hundred MB. Only for a caller that holds the store alone
    /// between steps (the CLI): another writer of the same connection meanwhile would find a transaction open.
    pub fn begin_pull_group(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        Ok(())
    }

    /// Write with a rollback journal instead of the WAL until [`Store::use_wal`], as a bulk import does: the WAL
    /// writes a page twice (the log at each commit, the file at each checkpoint) — at 100,000 cases a join's group
    /// commits and checkpoints were a fifth of the client's CPU — where a rollback journal puts a page the pull
    /// creates in the file once. Each transaction stays as atomic (a crash leaves a hot journal, rolled back at the
    /// next open). Only between transactions; `true` when the store switched (it stays in WAL when another
    /// connection has the file open, or a transaction is open).
    pub fn use_rollback_journal(&mut self) -> bool {
        self.conn.is_autocommit() && self.set_journal_mode("DELETE")
    }

    /// Back to the WAL after [`Store::use_rollback_journal`] (the mode every open sets); `true` when it is.
    pub fn use_wal(&mut self) -> bool {
        self.set_journal_mode("WAL")
    }

    /// Commit the pages stored since [`Store::begin_pull_group`] (each whole, with its cursor: committing after a
    /// failed page or fetch keeps what was stored before it). Nothing when no group is open.
    pub fn end_pull_group(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }
}

/// One pull page and its cursor, in the caller's transaction or savepoint.
fn store_page(tx: &Connection, page: &PullPage, keeping: SnapshotHistory, now: DateTime<Utc>) -> Result<Tally> {
    let at = stamp(now);
    let mut tally = Tally::default();
    for case_id in &page.revoked {
        purge_case(tx, case_id)?;
        history(tx, case_id, "case", case_id, Some("access"), None, "server", page.next.seq, &at)?;
    }
    for snap in &page.snapshots {
        // A continued snapshot adds to the part stored with an earlier page; a new one replaces the case.
        if !snap.continued {
            purge_case(tx, &snap.case_id)?;
        }
        let mut fresh = FreshCase::new(!snap.continued, keeping);
        for f in &snap.history {
            apply_snapshot_row(tx, f, &mut fresh)?;
            tally.pulled += 1;
        }
        // One row says where the rest of the case's history is (its sequence: the newest row of the snapshot,
        // so a history fetched later replaces it).
        if let (SnapshotHistory::OnServer, false, Some(last)) =
            (keeping, snap.continued, snap.history.iter().map(|f| f.seq).max())
        {
            let case = snap.case_id.as_str();
            history(tx, case, "case", case, Some(HISTORY_ON_SERVER), None, "server", last, &at)?;
        }
    }
    let mut touched = std::collections::HashSet::new();
    for f in &page.rows {
        apply_feed_row(tx, f)?;
        touched.insert((f.entity.entity.clone(), f.entity.entity_id.clone()));
        tally.pulled += 1;
    }
    rebase_pending(tx, &touched, &at)?;
    // Published data is kept here, in the page's transaction, and applied by the caller (the holiday import
    // needs the deadline engine); a crash in between leaves it pending, never lost.
    for a in &page.assets {
        meta::set(tx, &format!("{}{}:{}", keys::ASSET_PENDING_PREFIX, a.kind, a.name), &a.content)?;
        let stamp = format!("{}\t{}", a.at, a.published_by);
        meta::set(tx, &format!("{}{}:{}", keys::ASSET_PUBLISHED_PREFIX, a.kind, a.name), &stamp)?;
        meta::set(tx, keys::ASSETS_SEQ, &a.seq.to_string())?;
        // Downloaded like a row: the app refreshes what it shows when a sync pulled anything.
        tally.pulled += 1;
    }
    meta::set(tx, keys::CURSOR_SEQ, &page.next.seq.to_string())?;
    meta::set(tx, keys::CURSOR_EPOCH, &page.next.epoch.to_string())?;
    let resume = page.resume.as_ref().map(|r| format!("{}:{}", r.after, r.case_id)).unwrap_or_default();
    meta::set(tx, keys::SNAPSHOT_RESUME, &resume)?;
    crate::search::after_write(tx)?;
    Ok(tally)
}

impl Store {
    /// Keep `rows`, a case's recorded history from the server (oldest first), as the case's pulled history: the
    /// history rows pulled before up to the last of them are replaced (rows pulled since stay), entities are not
    /// touched — the case's rows are already current. One transaction.
    pub fn store_case_history(&mut self, case_id: &str, rows: &[FeedRow]) -> Result<()> {
        let Some(last) = rows.last().map(|r| r.seq) else { return Ok(()) };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(REPLACE_PULLED_HISTORY, rusqlite::params![case_id, last])?;
        for f in rows.iter().filter(|f| f.case_id == case_id && f.entity.entity != "conflict") {
            feed_row_history(&tx, f)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Where a case history sent over several pages goes on, as the last page stored said.
    pub fn snapshot_resume(&self) -> Result<Option<andu_sync::SnapshotResume>> {
        let v = meta::get(&self.conn, keys::SNAPSHOT_RESUME)?.unwrap_or_default();
        Ok(v.split_once(':').and_then(|(after, case_id)| {
            Some(andu_sync::SnapshotResume { case_id: case_id.to_string(), after: after.parse().ok()? })
        }))
    }

    /// When and by whom the court published the last file of `kind`/`name` this store received (a withdrawal too);
    /// `None` when it never received one.
    pub fn asset_publication(&self, kind: &str, name: &str) -> Result<Option<Publication>> {
        let stamp = meta::get(&self.conn, &format!("{}{kind}:{name}", keys::ASSET_PUBLISHED_PREFIX))?;
        Ok(stamp.map(|s| {
            let (at, by) = s.split_once('\t').unwrap_or((s.as_str(), ""));
            Publication { at: at.to_string(), by: by.to_string() }
        }))
    }

    /// Published data received but not applied yet: (kind, name, content).
    pub fn pending_assets(&self) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM meta WHERE key LIKE ?1 ORDER BY key")?;
        let rows = stmt.query_map([format!("{}%", keys::ASSET_PENDING_PREFIX)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, content) = row?;
            let rest = key.trim_start_matches(keys::ASSET_PENDING_PREFIX);
            let (kind, name) = rest.split_once(':').unwrap_or((rest, ""));
            out.push((kind.to_string(), name.to_string(), content));
        }
        Ok(out)
    }

    pub fn asset_applied(&mut self, kind: &str, name: &str) -> Result<()> {
        for prefix in [keys::ASSET_PENDING_PREFIX, keys::ASSET_WAITING_PREFIX] {
            self.conn.execute("DELETE FROM meta WHERE key = ?1", [format!("{prefix}{kind}:{name}")])?;
        }
        Ok(())
    }

    /// Open (or all) conflicts, newest last. A record that cannot be read is an error naming it, never left out:
    /// a conflict nobody sees is an edit silently lost.
    pub fn conflicts(&self, all: bool) -> Result<Vec<ConflictRecord>> {
        sync_table::conflicts(&self.conn, all)?.iter().map(|(id, text)| read_conflict(id, text)).collect()
    }

    pub fn rejections(&self) -> Result<Vec<Rejection>> {
        Ok(sync_table::rejections(&self.conn)?)
    }

    /// A person resolved conflict `id` by keeping `value`: it shows at once and is pushed as a resolution.
    pub fn resolve_conflict(&mut self, id: &str, value: Value, now: DateTime<Utc>) -> Result<()> {
        let record = sync_table::conflict(&self.conn, id)?.ok_or_else(|| StoreError::ConflictNotFound(id.into()))?;
        let mut c = read_conflict(id, &record)?;
        // Resolving twice would write the old choice over every edit made since the first resolution.
        if c.status == ConflictStatus::Resolved {
            return Err(StoreError::ConflictResolved(id.into()));
        }
        self.write(now, |w| {
            let tx = w.tx();
            let current = entity_row(tx, &c.entity, &c.entity_id)?;
            let next = match (&c.field, current) {
                (Some(field), Some(mut row)) => {
                    row[field.as_str()] = value.clone();
                    Some(row)
                }
                (Some(_), None) => None,
                (None, _) => (!value.is_null()).then(|| value.clone()),
            };
            replace_entity(tx, &c.case_id, &c.entity, &c.entity_id, next.as_ref(), w.at())?;
            w.log_change(NewChange {
                case_id: &c.case_id,
                entity: "conflict",
                entity_id: &c.id,
                field: Some("resolution"),
                old: None,
                new: Some(&serde_json::json!({ "value": value }).to_string()),
            })?;
            c.status = ConflictStatus::Resolved;
            c.resolution = Some(value.clone());
            sync_table::upsert_conflict(
                tx,
                &c.id,
                &c.case_id,
                "resolved",
                &serde_json::to_string(&c).expect("serialises"),
            )?;
            Ok(())
        })
    }
}

fn read_conflict(id: &str, text: &str) -> Result<ConflictRecord> {
    serde_json::from_str(text).map_err(|e| StoreError::ConflictUnreadable { id: id.into(), reason: e.to_string() })
}

/// One change from the server: the entity becomes the row, and the history records who changed what.
fn apply_feed_row(conn: &Connection, f: &FeedRow) -> Result<()> {
    apply_entity_row(conn, f)?;
    if f.entity.entity == "conflict" {
        return Ok(());
    }
    feed_row_history(conn, f)
}

/// The entity of a change from the server becomes its row (a conflict record is stored as one), without history.
fn apply_entity_row(conn: &Connection, f: &FeedRow) -> Result<()> {
    if f.entity.entity == "conflict" {
        if let Some(c) = f.entity.row.as_ref().and_then(|r| serde_json::from_value::<ConflictRecord>(r.clone()).ok()) {
            store_conflict(conn, &c)?;
        }
        return Ok(());
    }
    replace_entity(conn, &f.case_id, &f.entity.entity, &f.entity.entity_id, f.entity.row.as_ref(), &f.at)
}

/// How the rows of a pull page's snapshots are kept in the case history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotHistory {
    /// Each row is a history row: a server that sends whole histories (older ones) sends the case's history itself.
    EveryRow,
    /// The snapshots are the cases' current rows (a server that keeps histories for `POST /v1/history`): the rows are
    /// stored without a history row each — one row per case ([`HISTORY_ON_SERVER`]) says the history is on the
    /// server, fetched on demand (`andu history CASE --from-server`). A 上诉 row (`appeal`) keeps its history row: the
    /// day its outcome was recorded is read from the history (审判监督管理).
    OnServer,
}

/// The `field` of the history row that stands for a joined case's history kept on the court server.
pub const HISTORY_ON_SERVER: &str = "history_on_server";

/// What is known of a case being stored from a new snapshot: it was purged first, so an entity met for the first
/// time in the snapshot is not stored here and is inserted without the look-ups a replacement needs (a join stores
/// hundreds of thousands of rows). A continued snapshot, or an entity met again (a history sends each change), takes
/// the general path.
struct FreshCase {
    purged: bool,
    seen: std::collections::HashSet<(String, String)>,
    /// Parties stored so far, while only this path stored them (their `ord` is the next number).
    parties: Option<usize>,
    history: SnapshotHistory,
}

impl FreshCase {
    fn new(purged: bool, history: SnapshotHistory) -> FreshCase {
        FreshCase { purged, seen: std::collections::HashSet::new(), parties: Some(0), history }
    }

    /// Whether a row of the snapshot gets a history row of its own.
    fn keeps(&self, entity: &str) -> bool {
        self.history == SnapshotHistory::EveryRow || entity == "appeal"
    }
}

/// One row of a case's snapshot: as [`apply_feed_row`], faster for an entity new to a just-purged case.
fn apply_snapshot_row(conn: &Connection, f: &FeedRow, fresh: &mut FreshCase) -> Result<()> {
    let (entity, id) = (f.entity.entity.as_str(), f.entity.entity_id.as_str());
    let first = fresh.purged && fresh.seen.insert((entity.to_string(), id.to_string()));
    let keep = fresh.keeps(entity);
    let row = match (&f.entity.row, first) {
        (Some(row), true) => row,
        _ => {
            if entity == "party" {
                fresh.parties = None;
            }
            return if keep { apply_feed_row(conn, f) } else { apply_entity_row(conn, f) };
        }
    };
    match entity {
        "party" => {
            let ord = match fresh.parties {
                Some(n) => n as i64,
                None => conn
                    .prepare_cached("SELECT COUNT(*) FROM parties WHERE case_id = ?1")?
                    .query_row([&f.case_id], |r| r.get(0))?,
            };
            parties::insert(conn, &f.case_id, ord as usize, &decode::<PartyRow>(row, entity, id)?)?;
            fresh.parties = fresh.parties.map(|n| n + 1);
        }
        other => match child_of(other, row, id)? {
            Some(c) => children::insert(conn, &f.case_id, &c)?,
            None => return if keep { apply_feed_row(conn, f) } else { apply_entity_row(conn, f) },
        },
    }
    if keep { feed_row_history(conn, f) } else { Ok(()) }
}

/// A typed row read in place from the wire's JSON.
fn decode<T: serde::de::DeserializeOwned>(v: &Value, entity: &str, id: &str) -> Result<T> {
    T::deserialize(v).map_err(|e| StoreError::BadFile { path: format!("sync:{entity}:{id}"), why: e.to_string() })
}

/// A child row of kind `entity` (`None`: not a child kind).
fn child_of(entity: &str, v: &Value, id: &str) -> Result<Option<Child>> {
    Ok(Some(match entity {
        "event" => Child::Event(decode(v, entity, id)?),
        "hearing" => Child::Hearing(decode(v, entity, id)?),
        "extension" => Child::Extension(decode(v, entity, id)?),
        "deduction" => Child::Deduction(decode(v, entity, id)?),
        "appeal" => Child::Appeal(decode(v, entity, id)?),
        "note" => Child::Note(decode(v, entity, id)?),
        "document" => Child::Document(decode(v, entity, id)?),
        "appeal_review" => Child::AppealReview(decode(v, entity, id)?),
        _ => return Ok(None),
    }))
}

/// The history row of a change from the server: who changed what.
fn feed_row_history(conn: &Connection, f: &FeedRow) -> Result<()> {
    let new = match (&f.field, &f.entity.row) {
        (Some(field), Some(row)) => row.get(field).map(text_of),
        (_, Some(row)) => Some(row.to_string()),
        (_, None) => None,
    };
    let by = format!("{}@{}", f.user, f.device_id);
    history(
        conn,
        &f.case_id,
        &f.entity.entity,
        &f.entity.entity_id,
        f.field.as_deref(),
        new.as_deref(),
        &by,
        f.seq,
        &f.at,
    )
}

/// Edits made here while the page was on its way (not pushed yet) are laid again over the server's rows, so the
/// screen never jumps back to an older value; the server merges them at the next push.
fn rebase_pending(conn: &Connection, touched: &std::collections::HashSet<(String, String)>, at: &str) -> Result<()> {
    if touched.is_empty() {
        return Ok(());
    }
    let acked = sync_table::meta_i64(conn, keys::ACKED)?;
    for e in change_log::outbox_with_order(conn, acked, usize::MAX)? {
        let c = e.change;
        if c.entity == "conflict" || !touched.contains(&(c.entity.clone(), c.entity_id.clone())) {
            continue;
        }
        match (c.field.as_deref(), c.new.as_deref()) {
            (Some(f), new) => {
                if let Some(mut row) = entity_row(conn, &c.entity, &c.entity_id)? {
                    row[f] = field_value(&c.entity, f, new);
                    replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, Some(&row), at)?;
                }
            }
            (None, Some(new)) => replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, Some(&parse(new)), at)?,
            (None, None) => replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, None, at)?,
        }
    }
    Ok(())
}

/// The server's row replaced this device's for some entities (a conflict, a refusal): its edits of them made after
/// the op answered so — in this batch or still in the outbox — are laid on top again, as the server will apply them.
/// Without this the screen would lose them, and the server does not send a device back the rows of its own edits
/// that it applies whole (sync-protocol.md, Pull).
fn relay_after_replace(
    conn: &Connection,
    replaced: &std::collections::HashMap<(String, String), i64>,
    at: &str,
) -> Result<()> {
    let Some(first) = replaced.values().min() else { return Ok(()) };
    for e in change_log::outbox_with_order(conn, *first, usize::MAX)? {
        let c = e.change;
        if c.entity == "conflict"
            || replaced.get(&(c.entity.clone(), c.entity_id.clone())).is_none_or(|s| e.device_seq <= *s)
        {
            continue;
        }
        match (c.field.as_deref(), c.old.as_deref(), c.new.as_deref()) {
            (Some(f), _, new) => {
                if let Some(mut row) = entity_row(conn, &c.entity, &c.entity_id)? {
                    row[f] = field_value(&c.entity, f, new);
                    replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, Some(&row), at)?;
                }
            }
            // A whole-row replacement goes to the server as the fields that changed: lay those alone.
            (None, Some(old), Some(new)) => {
                if let Some(mut row) = entity_row(conn, &c.entity, &c.entity_id)? {
                    for (f, v) in changed_fields(&parse(old), &parse(new)) {
                        row[f.as_str()] = v;
                    }
                    replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, Some(&row), at)?;
                }
            }
            (None, None, Some(new)) => {
                replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, Some(&parse(new)), at)?
            }
            (None, _, None) => replace_entity(conn, &c.case_id, &c.entity, &c.entity_id, None, at)?,
        }
    }
    Ok(())
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn store_conflict(conn: &Connection, c: &ConflictRecord) -> Result<()> {
    let status = match c.status {
        ConflictStatus::Open => "open",
        ConflictStatus::Resolved => "resolved",
    };
    sync_table::upsert_conflict(conn, &c.id, &c.case_id, status, &serde_json::to_string(c).expect("serialises"))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn history(
    conn: &Connection,
    case_id: &str,
    entity: &str,
    entity_id: &str,
    field: Option<&str>,
    new: Option<&str>,
    by: &str,
    server_seq: i64,
    at: &str,
) -> Result<()> {
    let c = NewChange { case_id, entity, entity_id, field, old: None, new };
    // A pulled row's local history id names no moment of this device: random.
    let change_id = crate::ids::random_id()?;
    change_log::append_remote(conn, &change_id, &c, at, by, server_seq)?;
    Ok(())
}

/// The history rows of a case that came from the server. The `+` keeps SQLite off the unique `device_seq` index:
/// the planner takes `IS NULL` on it for a one-row lookup, but every pulled row has NULL there, so each purge walked
/// the whole pulled history — quadratic in a first sync (10,000 cases: 110 s instead of a few).
const PURGE_PULLED_HISTORY: &str = "DELETE FROM change_log WHERE case_id = ?1 AND +device_seq IS NULL";

/// The history rows of a case pulled up to feed sequence `?2`, replaced by the whole history fetched on demand.
const REPLACE_PULLED_HISTORY: &str =
    "DELETE FROM change_log WHERE case_id = ?1 AND +device_seq IS NULL AND server_seq <= ?2";

/// Drop a case and everything of it that came from the server. This device's own edits stay in the change log
/// (they were pushed first, and they are the user's record of what they did).
fn purge_case(conn: &Connection, case_id: &str) -> Result<()> {
    // Cached statements: a new device runs these for every case it receives.
    conn.prepare_cached("DELETE FROM cases WHERE id = ?1")?.execute([case_id])?;
    conn.prepare_cached(PURGE_PULLED_HISTORY)?.execute([case_id])?;
    conn.prepare_cached("DELETE FROM sync_conflicts WHERE case_id = ?1")?.execute([case_id])?;
    Ok(())
}

const CHILD_TABLES: &[(&str, &str)] = &[
    ("event", "events"),
    ("hearing", "hearings"),
    ("extension", "extensions"),
    ("deduction", "deductions"),
    ("appeal", "appeals"),
    ("note", "notes"),
    ("document", "documents"),
    ("appeal_review", "appeal_reviews"),
];

/// The current local row of an entity as JSON, the shape the change log and the wire use.
pub(crate) fn entity_row(conn: &Connection, entity: &str, id: &str) -> Result<Option<Value>> {
    let v = match entity {
        "case" => cases::by_id(conn, id)?.map(|r| serde_json::to_value(r).expect("serialises")),
        "party" => {
            let case_id: Option<String> =
                conn.query_row("SELECT case_id FROM parties WHERE id = ?1", [id], |r| r.get(0)).ok();
            case_id
                .map(|c| parties::for_case(conn, &c))
                .transpose()?
                .and_then(|ps| ps.into_iter().find(|p| p.id == id))
                .map(|p| serde_json::to_value(p).expect("serialises"))
        }
        other if review::is_review_entity(other) => review::by_id(conn, id)?.map(|r| r.to_value()),
        other if CHILD_TABLES.iter().any(|(e, _)| *e == other) => {
            let case_id: Option<String> = CHILD_TABLES.iter().find(|(e, _)| *e == other).and_then(|(_, t)| {
                conn.query_row(&format!("SELECT case_id FROM {t} WHERE id = ?1"), [id], |r| r.get(0)).ok()
            });
            case_id
                .map(|c| children::for_case(conn, &c))
                .transpose()?
                .and_then(|cs| cs.into_iter().find(|c| c.id() == id))
                .map(|c| serde_json::to_value(c).expect("serialises"))
        }
        _ => None,
    };
    Ok(v)
}

/// Make the local entity equal `row` (`None`: delete it), without recording a local edit.
pub(crate) fn replace_entity(
    conn: &Connection,
    case_id: &str,
    entity: &str,
    id: &str,
    row: Option<&Value>,
    at: &str,
) -> Result<()> {
    let bad = |what: &str| StoreError::BadFile { path: format!("sync:{entity}:{id}"), why: what.to_string() };
    match entity {
        "case" => match row {
            None => {
                conn.prepare_cached("DELETE FROM cases WHERE id = ?1")?.execute([id])?;
            }
            Some(v) => cases::upsert_row(conn, &decode::<CaseRow>(v, entity, id)?, at)?,
        },
        "party" => {
            // Cached statements throughout: a pull applies hundreds of thousands of rows on a new device.
            let ord: Option<i64> =
                conn.prepare_cached("SELECT ord FROM parties WHERE id = ?1")?.query_row([id], |r| r.get(0)).ok();
            conn.prepare_cached("DELETE FROM parties WHERE id = ?1")?.execute([id])?;
            if let Some(v) = row {
                let p: PartyRow = decode(v, entity, id)?;
                let ord = match ord {
                    Some(o) => o,
                    None => conn
                        .prepare_cached("SELECT COUNT(*) FROM parties WHERE case_id = ?1")?
                        .query_row([case_id], |r| r.get(0))?,
                };
                parties::insert(conn, case_id, ord as usize, &p)?;
            }
        }
        // Drafts and their revisions are immutable: once here, a repeated row changes nothing.
        "draft" | "draft_revision" => {
            if let Some(v) = row {
                drafts::apply_remote_draft(conn, entity, &v.to_string())?;
            }
        }
        // 阅核 records are immutable too (a withdrawal is a record of its own): inserted once. `None` only comes
        // for a record of this device the server refused (its create answered without a row): the server holds
        // none, so neither does the screen; the change log and the rejection list keep what was written.
        other if review::is_review_entity(other) => match row {
            Some(v) => match review::ReviewRecord::from_value(other, v.clone()).map_err(|e| bad(&e.to_string()))? {
                Some(rec) if rec.case_id() == case_id => {
                    review::insert(conn, &rec)?;
                }
                _ => return Err(bad("阅核记录不属于该案件")),
            },
            None => review::remove_refused(conn, id)?,
        },
        other => {
            let Some((_, table)) = CHILD_TABLES.iter().find(|(e, _)| *e == other) else {
                // An entity this version does not know: a newer client wrote it. Ignore it (the history keeps it).
                return Ok(());
            };
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?.execute([id])?;
            if let Some(c) = row.map(|v| child_of(other, v, id)).transpose()?.flatten() {
                children::insert(conn, case_id, &c)?;
            }
        }
    }
    Ok(())
}

impl Writer<'_> {
    /// Record a change that is not one of the domain edits above (a conflict resolution).
    pub(crate) fn log_change(&self, c: NewChange<'_>) -> Result<()> {
        change_log::append(self.tx(), &self.new_id(), &c, self.at(), self.device(), self.next_local()?)?;
        Ok(())
    }
}

/// Rows of a case as the sync protocol sends them (for tests and the convergence check of the simulation).
pub fn case_rows(conn: &Connection, case_id: &str) -> Result<Vec<EntityRow>> {
    let mut out = Vec::new();
    if let Some(c) = cases::by_id(conn, case_id)? {
        out.push(EntityRow {
            entity: "case".into(),
            entity_id: c.id.clone(),
            row: Some(serde_json::to_value(c).expect("ser")),
        });
    } else {
        return Ok(out);
    }
    for p in parties::for_case(conn, case_id)? {
        out.push(EntityRow {
            entity: "party".into(),
            entity_id: p.id.clone(),
            row: Some(serde_json::to_value(p).expect("ser")),
        });
    }
    for c in children::for_case(conn, case_id)? {
        out.push(EntityRow {
            entity: c.entity().into(),
            entity_id: c.id().into(),
            row: Some(serde_json::to_value(c).expect("ser")),
        });
    }
    for d in drafts::for_case(conn, case_id)? {
        for r in drafts::revisions(conn, &d.id)? {
            out.push(EntityRow {
                entity: "draft_revision".into(),
                entity_id: r.id.clone(),
                row: Some(serde_json::to_value(r).expect("ser")),
            });
        }
        out.push(EntityRow {
            entity: "draft".into(),
            entity_id: d.id.clone(),
            row: Some(serde_json::to_value(d).expect("ser")),
        });
    }
    for r in review::for_case(conn, case_id)? {
        out.push(EntityRow { entity: r.entity().into(), entity_id: r.id().into(), row: Some(r.to_value()) });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::{DbKey, Store};

    #[test]
    fn purging_a_case_uses_the_case_index() {
        let dir = tempfile::tempdir().expect("tmp dir");
        let store = Store::open(&dir.path().join("plan.db"), &DbKey::new("plan")).expect("store");
        let plan: String = store
            .conn()
            .query_row(&format!("EXPLAIN QUERY PLAN {}", super::PURGE_PULLED_HISTORY), ["c"], |r| r.get(3))
            .expect("plan");
        assert!(plan.contains("change_log_case"), "{plan}");
    }

    fn feed(seq: i64, entity: &str, id: &str, row: Option<serde_json::Value>) -> andu_sync::FeedRow {
        andu_sync::FeedRow {
            seq,
            case_id: "c1".into(),
            entity: andu_sync::EntityRow { entity: entity.into(), entity_id: id.into(), row },
            field: None,
            user: "王法官".into(),
            device_id: "A".into(),
            at: "2026-11-26T09:00:00.000Z".into(),
        }
    }

    fn party(id: &str, name: &str) -> Option<serde_json::Value> {
        Some(serde_json::json!({"id": id, "role": "原告", "name": name, "kind": "person", "id_number": null,
                                "address": "深圳", "phone": null, "agent": null, "foreign": false}))
    }

    /// A pull of many pages is written with a rollback journal only where it may be: between transactions, and with
    /// no other connection on the file (it reads through the WAL); the store goes back to the WAL after.
    #[test]
    fn a_pull_takes_a_rollback_journal_only_where_it_may() {
        let dir = tempfile::tempdir().expect("tmp dir");
        let path = dir.path().join("journal.db");
        let mut store = Store::open(&path, &DbKey::new("j")).expect("store");
        let mode = |s: &Store| s.conn().query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)).unwrap();
        let other = Store::open(&path, &DbKey::new("j")).expect("another connection");
        assert_eq!(other.case_count().unwrap(), 0);
        assert!(!store.use_rollback_journal(), "another connection has the file open");
        assert_eq!(mode(&store), "wal");
        drop(other);
        store.begin_pull_group().expect("group");
        assert!(!store.use_rollback_journal(), "a transaction is open");
        store.end_pull_group().expect("committed");
        assert_eq!(mode(&store), "wal");
        assert!(store.use_rollback_journal());
        assert_eq!(mode(&store), "delete");
        assert!(store.use_wal());
        assert_eq!(mode(&store), "wal");
    }

    /// Pages stored in a group (one transaction, a savepoint each): a page that fails leaves nothing of itself, the
    /// pages before it are committed by `end_pull_group` with their cursor, and another connection sees them.
    #[test]
    fn a_failed_page_in_a_group_keeps_the_pages_before_it() {
        let case = |id: &str, no: &str| {
            Some(serde_json::json!({
                "id": id, "case_no": no, "category": "民事", "cause": "民间借贷纠纷",
                "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": "民一庭",
                "filed": "2026-03-02", "closed": null, "closing_method": null, "judge": "王法官", "assistant": "",
                "clerk": "", "custody": false
            }))
        };
        let page = |seq: i64, case_id: &str, history: Vec<andu_sync::FeedRow>| andu_sync::PullPage {
            revoked: Vec::new(),
            snapshots: vec![andu_sync::CaseSnapshot { case_id: case_id.into(), history, continued: false }],
            rows: Vec::new(),
            next: andu_sync::Cursor { seq, epoch: seq },
            has_more: true,
            assets: Vec::new(),
            resume: None,
        };
        let with_case = |mut f: andu_sync::FeedRow, id: &str| {
            f.case_id = id.into();
            f
        };
        let first = page(
            2,
            "c1",
            vec![
                feed(1, "case", "c1", case("c1", "（2026）粤0309民初1号")),
                feed(2, "party", "p1", party("p1", "张三")),
            ],
        );
        // The second page's party row cannot be stored (no role, no name): the page fails after its case row.
        let second = page(
            4,
            "c2",
            vec![
                with_case(feed(3, "case", "c2", case("c2", "（2026）粤0309民初2号")), "c2"),
                with_case(feed(4, "party", "p2", Some(serde_json::json!({"id": "p2"}))), "c2"),
            ],
        );
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 9, 30, 0).unwrap();
        let dir = tempfile::tempdir().expect("tmp dir");
        let path = dir.path().join("group.db");
        let mut store = Store::open(&path, &DbKey::new("g")).expect("store");
        store.begin_pull_group().expect("group");
        store.apply_pull_keeping(&first, super::SnapshotHistory::OnServer, now).expect("first page");
        assert!(store.apply_pull_keeping(&second, super::SnapshotHistory::OnServer, now).is_err());
        store.end_pull_group().expect("committed");
        assert!(store.conn().is_autocommit(), "no transaction left open");
        let other = Store::open(&path, &DbKey::new("g")).expect("another connection");
        let cases: Vec<String> = {
            let mut stmt = other.conn().prepare("SELECT id FROM cases ORDER BY id").expect("query");
            stmt.query_map([], |r| r.get(0)).expect("rows").collect::<rusqlite::Result<_>>().expect("cases")
        };
        assert_eq!(cases, vec!["c1".to_string()], "the failed page left nothing, the first stayed");
        assert_eq!(other.sync_cursor().expect("cursor"), andu_sync::Cursor { seq: 2, epoch: 2 });
        assert_eq!(super::case_rows(other.conn(), "c1").expect("rows").len(), 2);
    }

    /// A case's history as an older server sends it in a snapshot — entities created, changed, deleted and created
    /// again — stored through the snapshot path (which inserts an entity new to the purged case directly) leaves the
    /// same rows, party order and history as the same changes applied one by one as feed rows.
    #[test]
    fn a_snapshot_stores_the_same_case_as_its_changes_one_by_one() {
        let case = serde_json::json!({
            "id": "c1", "case_no": "（2026）粤0309民初1号", "category": "民事", "cause": "民间借贷纠纷",
            "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": "民一庭", "filed": "2026-03-02",
            "closed": null, "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false
        });
        let event = |id: &str, kind: &str| {
            Some(serde_json::json!({"id": id, "entity": "event", "kind": kind, "date": "2026-03-05", "party": null,
                                    "note": ""}))
        };
        let history = vec![
            feed(1, "case", "c1", Some(case)),
            feed(2, "party", "p1", party("p1", "张三")),
            feed(3, "party", "p2", party("p2", "李四")),
            feed(4, "party", "p1", party("p1", "张三丰")),
            feed(5, "event", "e1", event("e1", "送达起诉状副本")),
            feed(6, "party", "p2", None),
            feed(7, "party", "p3", party("p3", "王五")),
            feed(8, "event", "e1", event("e1", "举证期限届满")),
            feed(9, "event", "e2", event("e2", "开庭")),
        ];
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 9, 30, 0).unwrap();
        let page = |snapshots, rows| andu_sync::PullPage {
            revoked: Vec::new(),
            snapshots,
            rows,
            next: andu_sync::Cursor { seq: 9, epoch: 1 },
            has_more: false,
            assets: Vec::new(),
            resume: None,
        };
        let dir = tempfile::tempdir().expect("tmp dir");
        let mut by_snapshot = Store::open(&dir.path().join("a.db"), &DbKey::new("a")).expect("store");
        let snapshot = andu_sync::CaseSnapshot { case_id: "c1".into(), history: history.clone(), continued: false };
        by_snapshot.apply_pull(&page(vec![snapshot], Vec::new()), now).expect("snapshot stored");
        let mut by_rows = Store::open(&dir.path().join("b.db"), &DbKey::new("b")).expect("store");
        by_rows.apply_pull(&page(Vec::new(), history), now).expect("rows stored");
        let rows = |s: &Store| super::case_rows(s.conn(), "c1").expect("rows");
        assert_eq!(rows(&by_snapshot), rows(&by_rows));
        let names: Vec<_> = rows(&by_snapshot)
            .iter()
            .filter(|r| r.entity == "party")
            .map(|r| r.row.as_ref().expect("row")["name"].clone())
            .collect();
        assert_eq!(names, vec![serde_json::json!("张三丰"), serde_json::json!("王五")], "parties in their order");
        let events: Vec<_> = rows(&by_snapshot).iter().filter(|r| r.entity == "event").map(|r| r.row.clone()).collect();
        assert_eq!(events.len(), 2);
        let history_of = |s: &Store| -> Vec<(String, String, Option<String>, i64)> {
            let mut stmt = s
                .conn()
                .prepare("SELECT entity, entity_id, new, server_seq FROM change_log WHERE case_id = 'c1' ORDER BY seq")
                .expect("query");
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("history")
        };
        assert_eq!(history_of(&by_snapshot), history_of(&by_rows));
        assert_eq!(history_of(&by_snapshot).len(), 9);
    }
}
