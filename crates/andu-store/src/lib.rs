//! 案牍 Andu's local case store: one SQLCipher-encrypted SQLite file per user.
//!
//! - [`Store::open`] verifies the key and the schema version **before** writing anything, so a wrong key, a
//!   foreign file or a store from a newer Andu is refused with a typed error and left byte-for-byte untouched.
//! - Every write goes through [`Store::write`] and a [`Writer`], which appends each change to the change log in the
//!   same transaction (the case history, and the outbox for sync).
//! - Time comes in as a parameter (`now`): nothing here reads the clock, so tests are reproducible.
//!
//! Must not: depend on tauri, on the network, or read environment variables (callers pass `ANDU_DB_KEY` in).

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod backup;
pub mod demo;
pub mod derived;
pub mod drafting;
pub mod error;
pub mod exchange;
mod ids;
pub mod key;
mod migrate;
mod open;
pub mod profile;
pub mod read;
pub mod review;
pub mod search;
pub mod supervision;
pub mod sync;
pub mod table;
mod write;

pub use derived::{Derived, DerivedRow, EachRow, Pick};
pub use error::{Result, RowError, StoreError};
pub use key::{DbKey, KeySource, default_db_path, resolve_key};
pub use migrate::latest_version as schema_version;
pub use profile::Profile;
pub use read::{CaseDetail, CaseSummary, Which};
pub use search::SearchHit;
pub use supervision::AppealReviewEntry;
pub use table::cases::CaseFilter;
pub use table::change_log::ChangeEntry;
pub use write::{REMOVABLE_RECORDS, Removed, UpsertOutcome, Writer};

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    device: String,
    /// Values loaded from the store and kept while the change log stays the same (see [`Store::memoized`]).
    memo: derived::Memo,
    /// Orders the ids of rows made at one `now` (see `ids.rs`).
    ids: ids::IdClock,
}

impl Store {
    pub fn open(path: &Path, key: &DbKey) -> Result<Store> {
        let (conn, device) = open::open(path, key)?;
        Ok(Store { conn, path: path.to_path_buf(), device, memo: Default::default(), ids: Default::default() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This store's device id, stamped on every change it records.
    pub fn device(&self) -> &str {
        &self.device
    }

    /// Read-only access for the typed table handles in [`table`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run `f` in one IMMEDIATE transaction: all of its writes and their change-log rows commit together, or none.
    pub fn write<T>(&mut self, now: DateTime<Utc>, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut w = Writer::new(tx, now, &self.device, self.ids.at(now));
        let out = f(&mut w)?;
        search::after_write(w.tx())?;
        w.commit()?;
        Ok(out)
    }

    /// Store-wide settings an administrator imports (e.g. `holidays:2027`), kept in the encrypted file.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(table::meta::get(&self.conn, &format!("setting:{key}"))?)
    }

    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM meta WHERE key LIKE ?1 ORDER BY key")?;
        let pattern = format!("setting:{}%", prefix.replace('%', ""));
        let rows = stmt.query_map([pattern], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
        rows.map(|r| r.map(|(k, v)| (k.trim_start_matches("setting:").to_string(), v)))
            .collect::<rusqlite::Result<_>>()
            .map_err(Into::into)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        Ok(table::meta::set(&self.conn, &format!("setting:{key}"), value)?)
    }

    /// Switch the journal mode; `true` when the store is now in `mode` (it stays as it was if another connection
    /// has the file open).
    pub(crate) fn set_journal_mode(&self, mode: &str) -> bool {
        self.conn
            .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get::<_, String>(0))
            .is_ok_and(|m| m.eq_ignore_ascii_case(mode))
    }

    /// Switch foreign-key checks on or off (`open` turns them on); `true` when they now are as asked (a switch
    /// inside a transaction does nothing).
    pub(crate) fn set_foreign_keys(&self, on: bool) -> bool {
        self.conn.pragma_update(None, "foreign_keys", on).is_ok()
            && self.conn.query_row("PRAGMA foreign_keys", [], |r| r.get::<_, bool>(0)).is_ok_and(|now| now == on)
    }

    pub fn case_count(&self) -> Result<usize> {
        Ok(table::cases::count(&self.conn)? as usize)
    }

    /// Search 案号, parties (also by pinyin: `zs` or `zhangsan` finds 张三), 案由, judges and notes.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self.search_page(query, &search::SearchFilter::default(), 0, limit)?.1)
    }

    /// One page of search hits that pass `filter`, and how many there are in all: from the store's search
    /// dictionary, the same way in every process; nothing of it is kept in memory between calls.
    pub fn search_page(
        &self,
        query: &str,
        filter: &search::SearchFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<SearchHit>)> {
        search::search(&self.conn, query, filter, offset, limit)
    }
}
