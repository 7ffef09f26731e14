//! The change log: every write to the store appends here in the same transaction. It is the case history the
//! user sees and the outbox that sync pushes (rows after the acknowledged `seq` kept in `meta`), so it is
//! append-only. `change_id` (UUIDv7) is the idempotency key the server checks; locally `seq` orders and identifies
//! rows, so neither `change_id` nor the outbox needs an index beyond the rowid.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 2,
    sql: "CREATE TABLE change_log (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            change_id TEXT NOT NULL,
            case_id   TEXT NOT NULL,
            entity    TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            field     TEXT,
            old       TEXT,
            new       TEXT,
            at        TEXT NOT NULL,
            device    TEXT NOT NULL
          ) STRICT;
          CREATE INDEX change_log_case ON change_log (case_id, seq);",
}];

/// One recorded change. `field` is `None` when a whole entity was created (`new` holds it as JSON) or deleted
/// (`old` holds it, `new` is `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeEntry {
    pub seq: i64,
    pub change_id: String,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub at: String,
    pub device: String,
}

pub(crate) struct NewChange<'a> {
    pub case_id: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub field: Option<&'a str>,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

/// Where the next local edit's numbers start: its `device_seq` (contiguous: after the highest ever given out, which
/// the acknowledged mark also remembers when a revoked case's rows were purged) and, as `base`, the server sequence
/// this store had pulled up to: the server treats later changes of the same field as unseen by this edit. Read
/// once per write ([`crate::Writer`]): nothing inside a write pulls or acknowledges, so both hold for all of its
/// edits, and each row's insert needs no lookup (three per row cost a large import a tenth of its time).
pub(crate) fn next_local(conn: &Connection) -> rusqlite::Result<LocalSeq> {
    conn.prepare_cached(
        "SELECT MAX((SELECT COALESCE(MAX(device_seq), 0) FROM change_log),
                    COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync:acked_device_seq'), 0)) + 1,
                COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync:cursor_seq'), 0)",
    )?
    .query_row([], |r| Ok(LocalSeq { device_seq: r.get(0)?, base: r.get(1)? }))
}

/// The numbers of the next local edit: see [`next_local`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct LocalSeq {
    pub device_seq: i64,
    pub base: i64,
}

/// Append a local edit numbered `seq` (from [`next_local`], then one more per edit).
pub(crate) fn append(
    conn: &Connection,
    change_id: &str,
    c: &NewChange<'_>,
    at: &str,
    device: &str,
    seq: LocalSeq,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO change_log (change_id, case_id, entity, entity_id, field, old, new, at, device, device_seq, base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    stmt.execute(params![
        change_id,
        c.case_id,
        c.entity,
        c.entity_id,
        c.field,
        c.old,
        c.new,
        at,
        device,
        seq.device_seq,
        seq.base
    ])?;
    Ok(())
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeEntry> {
    Ok(ChangeEntry {
        seq: r.get(0)?,
        change_id: r.get(1)?,
        case_id: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        field: r.get(5)?,
        old: r.get(6)?,
        new: r.get(7)?,
        at: r.get(8)?,
        device: r.get(9)?,
    })
}

const COLUMNS: &str = "seq, change_id, case_id, entity, entity_id, field, old, new, at, device";

/// History of one case, newest first.
pub fn for_case(conn: &Connection, case_id: &str) -> rusqlite::Result<Vec<ChangeEntry>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM change_log WHERE case_id = ?1 ORDER BY seq DESC"))?;
    stmt.query_map([case_id], row)?.collect()
}

/// This device's own edits after `acked` (the last `device_seq` the court server acknowledged), oldest first.
pub fn outbox(conn: &Connection, acked: i64, limit: usize) -> rusqlite::Result<Vec<ChangeEntry>> {
    Ok(outbox_with_order(conn, acked, limit)?.into_iter().map(|o| o.change).collect())
}

/// An outbox row with what the sync protocol needs besides the change itself.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    pub change: ChangeEntry,
    pub device_seq: i64,
    pub base: i64,
}

pub fn outbox_with_order(conn: &Connection, acked: i64, limit: usize) -> rusqlite::Result<Vec<OutboxEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, device_seq, base FROM change_log WHERE device_seq > ?1 ORDER BY device_seq LIMIT ?2"
    ))?;
    stmt.query_map([acked, limit as i64], |r| {
        Ok(OutboxEntry { change: row(r)?, device_seq: r.get(10)?, base: r.get(11)? })
    })?
    .collect()
}

/// How many local edits the server has not acknowledged yet.
pub fn pending_count(conn: &Connection, acked: i64) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM change_log WHERE device_seq > ?1", [acked], |r| r.get(0))
}

/// Record a change that arrived from the court server: history only, never pushed back.
pub(crate) fn append_remote(
    conn: &Connection,
    change_id: &str,
    c: &NewChange<'_>,
    at: &str,
    device: &str,
    server_seq: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO change_log (change_id, case_id, entity, entity_id, field, old, new, at, device, server_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        change_id,
        c.case_id,
        c.entity,
        c.entity_id,
        c.field,
        c.old,
        c.new,
        at,
        device,
        server_seq
    ])?;
    Ok(())
}

pub fn last_seq(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| r.get(0))
}

/// Cases touched after `seq` (for refreshing the search index incrementally).
pub fn cases_changed_since(conn: &Connection, seq: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT case_id FROM change_log WHERE seq > ?1")?;
    stmt.query_map([seq], |r| r.get(0))?.collect()
}

/// How many cases were touched after `seq`, counting no further than `cap` (a bulk import's count stops early).
pub fn cases_changed_since_at_most(conn: &Connection, seq: i64, cap: usize) -> rusqlite::Result<usize> {
    conn.prepare_cached("SELECT COUNT(*) FROM (SELECT DISTINCT case_id FROM change_log WHERE seq > ?1 LIMIT ?2)")?
        .query_row(params![seq, cap as i64], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
}
