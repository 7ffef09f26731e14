//! Client-side sync bookkeeping (migration 8): which change-log rows are this device's own edits and in what
//! order the server must receive them (`device_seq`, contiguous from 1), what the user had seen when making each
//! edit (`base`, the pulled server sequence), which rows came from the server (`server_seq`), the conflicts the
//! server reported and the edits it refused. Refused edits keep their change-log row: nothing is deleted.

use rusqlite::{Connection, OptionalExtension, params};

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 8,
    sql: "ALTER TABLE change_log ADD COLUMN device_seq INTEGER;
          ALTER TABLE change_log ADD COLUMN base INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE change_log ADD COLUMN server_seq INTEGER;
          UPDATE change_log SET device_seq = seq;
          CREATE UNIQUE INDEX change_log_device_seq ON change_log (device_seq);
          CREATE TABLE sync_conflicts (
            id      TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            status  TEXT NOT NULL,
            record  TEXT NOT NULL
          ) STRICT;
          CREATE INDEX sync_conflicts_status ON sync_conflicts (status, case_id);
          CREATE TABLE sync_rejections (
            device_seq INTEGER PRIMARY KEY,
            change_id  TEXT NOT NULL,
            case_id    TEXT NOT NULL,
            code       TEXT NOT NULL,
            message    TEXT NOT NULL,
            at         TEXT NOT NULL
          ) STRICT;",
}];

/// Keys of the sync state in `meta`.
pub mod keys {
    pub const SERVER: &str = "sync:server";
    pub const USER: &str = "sync:user";
    pub const ROLE: &str = "sync:role";
    pub const DIVISION: &str = "sync:division";
    /// Server and user of the session ended by a logout: logging in again as the same user to the same server goes
    /// on from the stored cursor instead of pulling everything again.
    pub const LAST_SERVER: &str = "sync:last_server";
    pub const LAST_USER: &str = "sync:last_user";
    pub const CURSOR_SEQ: &str = "sync:cursor_seq";
    pub const CURSOR_EPOCH: &str = "sync:cursor_epoch";
    pub const ACKED: &str = "sync:acked_device_seq";
    pub const LAST_SYNC: &str = "sync:last_sync";
    pub const LAST_ERROR: &str = "sync:last_error";
    /// The court's CA certificate (PEM) when its server uses a certificate a stock system does not trust.
    pub const CA_CERT: &str = "sync:ca_cert";
    /// The last published asset stored (holiday years…), and assets stored but not yet applied.
    pub const ASSETS_SEQ: &str = "sync:assets_seq";
    pub const ASSET_PENDING_PREFIX: &str = "sync:asset_pending:";
    /// When and by whom the court published the last file of a kind received (`sync:asset_published:KIND:NAME` =
    /// `AT\tBY`, a withdrawal too): 设置 says since when a court's file is in force.
    pub const ASSET_PUBLISHED_PREFIX: &str = "sync:asset_published:";
    /// Why a pending asset could not be applied at the last try (`sync:asset_waiting:KIND:NAME`).
    pub const ASSET_WAITING_PREFIX: &str = "sync:asset_waiting:";
    /// A case history the server sends over several pages: the case and the last sequence stored (`CASE:SEQ`),
    /// empty when none is in progress. Stored with each page, sent back with the next pull.
    pub const SNAPSHOT_RESUME: &str = "sync:snapshot_resume";
    /// Used only when the OS keyring is unavailable; the store itself is encrypted.
    pub const REFRESH_TOKEN: &str = "sync:refresh_token";
}

pub fn meta_i64(conn: &Connection, key: &str) -> rusqlite::Result<i64> {
    Ok(crate::table::meta::get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

pub(crate) fn upsert_conflict(
    conn: &Connection,
    id: &str,
    case_id: &str,
    status: &str,
    record: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_conflicts (id, case_id, status, record) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, record = excluded.record",
    )?
    .execute(params![id, case_id, status, record])?;
    Ok(())
}

/// Conflict records as (id, JSON text), open ones only unless `all`.
pub fn conflicts(conn: &Connection, all: bool) -> rusqlite::Result<Vec<(String, String)>> {
    let sql = if all {
        "SELECT id, record FROM sync_conflicts ORDER BY id"
    } else {
        "SELECT id, record FROM sync_conflicts WHERE status = 'open' ORDER BY id"
    };
    conn.prepare_cached(sql)?.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
}

pub fn conflict(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT record FROM sync_conflicts WHERE id = ?1", [id], |r| r.get(0)).optional()
}

pub fn open_conflict_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM sync_conflicts WHERE status = 'open'", [], |r| r.get(0))
}

/// An edit the server refused for good, kept with the reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rejection {
    pub device_seq: i64,
    pub change_id: String,
    pub case_id: String,
    pub code: String,
    pub message: String,
    pub at: String,
}

pub(crate) fn insert_rejection(conn: &Connection, r: &Rejection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_rejections (device_seq, change_id, case_id, code, message, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![r.device_seq, r.change_id, r.case_id, r.code, r.message, r.at])?;
    Ok(())
}

pub fn rejections(conn: &Connection) -> rusqlite::Result<Vec<Rejection>> {
    conn.prepare_cached(
        "SELECT device_seq, change_id, case_id, code, message, at FROM sync_rejections ORDER BY device_seq",
    )?
    .query_map([], |r| {
        Ok(Rejection {
            device_seq: r.get(0)?,
            change_id: r.get(1)?,
            case_id: r.get(2)?,
            code: r.get(3)?,
            message: r.get(4)?,
            at: r.get(5)?,
        })
    })?
    .collect()
}
