//! Rows derived from each case by the layers above the store (the statistics' facts, the dated items of 今日 and
//! `andu due`), kept in the store so that no command recomputes them from every case on every call.
//!
//! The store cannot compute them (the deadline engine and the statistics sit above it), so it keeps them as
//! opaque blobs the caller encodes, each with an optional day for range queries, and guarantees they are never
//! stale: before any read, in the same transaction as the read, the rows are brought up to date.
//! - `meta.derived:<table>:seq` is the change-log sequence the rows reflect. Every write path (edits, imports,
//!   sync pulls) appends to the change log, so the cases touched since are derived again; a case deleted by sync
//!   takes its rows with it (`ON DELETE CASCADE`).
//! - `meta.derived:<table>:version` is the caller's version of its derivation: its code and everything else it
//!   depends on (for the dated items the holiday table and the court's rule files). A holiday or rules import
//!   changes the version, and the next read rebuilds every row before answering: a date computed under an old
//!   holiday table is never shown.
//!
//! Migration 11 creates the tables empty; the first read builds them (it needs the deadline engine, which SQL has
//! not), as the search docs of migration 10 are built by the first search.

use std::any::Any;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, TransactionBehavior, params};

use crate::error::StoreError;
use crate::migrate::Migration;
use crate::read::{self, CaseDetail, Which};
use crate::table::{cases, change_log, meta};

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 11,
        sql: "CREATE TABLE derived_facts (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            lane    INTEGER NOT NULL,
            day     TEXT,
            data    BLOB NOT NULL,
            PRIMARY KEY (case_id, n)
          ) STRICT, WITHOUT ROWID;
          CREATE TABLE derived_due (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            lane    INTEGER NOT NULL,
            day     TEXT,
            data    BLOB NOT NULL,
            PRIMARY KEY (case_id, n)
          ) STRICT, WITHOUT ROWID;
          CREATE INDEX derived_due_day ON derived_due (lane, day);",
    },
    // The rows are kept in the order they are read in — by lane and day — so a window or a lane is a run of
    // neighbouring pages, not one page per row looked up through an index (each a page to decrypt: at 100,000
    // cases 今日 read 10,000 pages scattered over the file). `day` is '' when a row has none. What only some
    // readers want (the explanation of a date) is in a `_detail` table under the same key, so the rows stay small
    // (a row larger than about a quarter of a page spills into an overflow page of its own) and the 审限 of open
    // cases never reads it. The rows are derived again on the next read (their sequence and version go with them).
    Migration {
        version: 15,
        sql: "DROP TABLE derived_facts;
          DROP TABLE derived_due;
          DELETE FROM meta WHERE key LIKE 'derived:%';
          CREATE TABLE derived_facts (
            lane    INTEGER NOT NULL,
            day     TEXT NOT NULL,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            data    BLOB NOT NULL,
            PRIMARY KEY (lane, day, case_id, n)
          ) STRICT, WITHOUT ROWID;
          CREATE INDEX derived_facts_case ON derived_facts (case_id);
          CREATE TABLE derived_facts_detail (
            lane    INTEGER NOT NULL,
            day     TEXT NOT NULL,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            detail  BLOB NOT NULL,
            PRIMARY KEY (lane, day, case_id, n)
          ) STRICT, WITHOUT ROWID;
          CREATE INDEX derived_facts_detail_case ON derived_facts_detail (case_id);
          CREATE TABLE derived_due (
            lane    INTEGER NOT NULL,
            day     TEXT NOT NULL,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            data    BLOB NOT NULL,
            PRIMARY KEY (lane, day, case_id, n)
          ) STRICT, WITHOUT ROWID;
          CREATE INDEX derived_due_case ON derived_due (case_id);
          CREATE TABLE derived_due_detail (
            lane    INTEGER NOT NULL,
            day     TEXT NOT NULL,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            detail  BLOB NOT NULL,
            PRIMARY KEY (lane, day, case_id, n)
          ) STRICT, WITHOUT ROWID;
          CREATE INDEX derived_due_detail_case ON derived_due_detail (case_id);",
    },
];

/// Which derived rows: each table has its own version, sequence and set of cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// One row per case (every case): what the indicators are computed from.
    Facts,
    /// The dated items of pending cases (审限, periods, hearings), one row each, with their day.
    Due,
}

impl Derived {
    fn table(self) -> &'static str {
        match self {
            Derived::Facts => "derived_facts",
            Derived::Due => "derived_due",
        }
    }

    /// The rows' details, under the same key.
    fn detail_table(self) -> &'static str {
        match self {
            Derived::Facts => "derived_facts_detail",
            Derived::Due => "derived_due_detail",
        }
    }

    fn which(self) -> Which {
        match self {
            Derived::Facts => Which::All,
            Derived::Due => Which::Pending,
        }
    }
}

/// One row a caller derives from a case. `lane` groups rows that are picked alike (e.g. 审限 that stay listed once
/// overdue); `day` (`YYYY-MM-DD`) is what a [`Pick`] ranges over. `detail` is read only by the readers that ask
/// for it ([`Store::derived`]'s `with_detail`): what a list leaves out (the explanation of a date).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DerivedRow {
    pub lane: i64,
    pub day: Option<String>,
    pub data: Vec<u8>,
    pub detail: Vec<u8>,
}

/// Which rows a read returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick<'a> {
    All,
    /// Rows of `lane` whose day lies in `from..=to` (an open end is unbounded; rows without a day are picked only
    /// when both ends are open).
    Lane {
        lane: i64,
        from: Option<&'a str>,
        to: Option<&'a str>,
    },
}

/// Above this many cases touched since the last refresh, the rows are rebuilt by one scan instead of case by case
/// (an import of thousands of cases: the scan reads each table once, in file order).
const REBUILD_ABOVE: usize = 2_000;

fn seq_key(d: Derived) -> String {
    format!("derived:{}:seq", d.table())
}

fn version_key(d: Derived) -> String {
    format!("derived:{}:version", d.table())
}

/// `true` when the rows of `d` reflect the whole change log under `version`.
fn fresh(conn: &Connection, d: Derived, version: &str) -> rusqlite::Result<bool> {
    let seq = meta::get(conn, &seq_key(d))?.and_then(|v| v.parse::<i64>().ok());
    let stored = meta::get(conn, &version_key(d))?;
    Ok(stored.as_deref() == Some(version) && seq == Some(change_log::last_seq(conn)?))
}

/// The statement of one pick (for the query-plan tests too): a range of the primary key (lane, day, …), so the
/// rows come in key order from neighbouring pages. A row without a day is stored with day '', below every date.
/// With the detail, each row's detail is looked up by the full key in the same order: neighbouring pages again.
pub(crate) fn pick_sql(d: Derived, pick: Pick<'_>, with_detail: bool) -> String {
    let (table, details) = (d.table(), d.detail_table());
    let from = if with_detail {
        format!("SELECT t.data, x.detail FROM {table} t LEFT JOIN {details} x USING (lane, day, case_id, n)")
    } else {
        format!("SELECT t.data FROM {table} t")
    };
    match pick {
        Pick::All => from,
        Pick::Lane { from: None, to: None, .. } => format!("{from} WHERE t.lane = ?1"),
        Pick::Lane { .. } => format!("{from} WHERE t.lane = ?1 AND t.day BETWEEN ?2 AND ?3"),
    }
}

fn insert(conn: &Connection, d: Derived, case_id: &str, rows: &[DerivedRow]) -> rusqlite::Result<()> {
    let mut row = conn.prepare_cached(&format!("INSERT INTO {} VALUES (?1, ?2, ?3, ?4, ?5)", d.table()))?;
    let mut detail = conn.prepare_cached(&format!("INSERT INTO {} VALUES (?1, ?2, ?3, ?4, ?5)", d.detail_table()))?;
    for (n, r) in rows.iter().enumerate() {
        let day = r.day.as_deref().unwrap_or("");
        row.execute(params![r.lane, day, case_id, n as i64, r.data])?;
        if !r.detail.is_empty() {
            detail.execute(params![r.lane, day, case_id, n as i64, r.detail])?;
        }
    }
    Ok(())
}

/// Remove the rows of one case (or of every case), with their details.
fn delete(conn: &Connection, d: Derived, case_id: Option<&str>) -> rusqlite::Result<()> {
    for table in [d.table(), d.detail_table()] {
        match case_id {
            Some(id) => {
                conn.prepare_cached(&format!("DELETE FROM {table} WHERE case_id = ?1"))?.execute([id])?;
            }
            // Every row: the table is dropped and made again, not emptied row by row (see `table::empty`).
            None => crate::table::empty(conn, table)?,
        }
    }
    Ok(())
}

/// Derive the rows of `d` again: every case when never built, built under another version or after a large
/// change; otherwise the cases the change log says were touched. Runs inside the caller's transaction.
fn refresh<E: From<StoreError>>(
    conn: &Connection,
    d: Derived,
    version: &str,
    derive: &mut dyn FnMut(&CaseDetail) -> std::result::Result<Vec<DerivedRow>, E>,
) -> std::result::Result<(), E> {
    let last = change_log::last_seq(conn).map_err(StoreError::from)?;
    let seq = meta::get(conn, &seq_key(d)).map_err(StoreError::from)?.and_then(|v| v.parse::<i64>().ok());
    let same_version = meta::get(conn, &version_key(d)).map_err(StoreError::from)?.as_deref() == Some(version);
    let touched = match seq {
        Some(seq) if same_version => Some(change_log::cases_changed_since(conn, seq).map_err(StoreError::from)?),
        _ => None,
    };
    match touched {
        Some(ids) if ids.len() <= REBUILD_ABOVE => {
            for id in &ids {
                delete(conn, d, Some(id)).map_err(StoreError::from)?;
                let Some(row) = cases::by_id(conn, id).map_err(StoreError::from)? else { continue };
                if d.which() == Which::Pending && row.closed.is_some() {
                    continue;
                }
                let detail = read::detail(conn, row)?;
                insert(conn, d, id, &derive(&detail)?).map_err(StoreError::from)?;
            }
        }
        _ => {
            delete(conn, d, None).map_err(StoreError::from)?;
            read::scan::for_each(conn, d.which(), |detail| -> std::result::Result<(), E> {
                let id = detail.summary.id.clone();
                insert(conn, d, &id, &derive(&detail)?).map_err(StoreError::from)?;
                Ok(())
            })?;
        }
    }
    meta::set(conn, &seq_key(d), &last.to_string()).map_err(StoreError::from)?;
    meta::set(conn, &version_key(d), version).map_err(StoreError::from)?;
    Ok(())
}

/// What a reader is handed per row: `data`, and `detail` when asked for (else empty).
pub type EachRow<'a, E> = dyn FnMut(&[u8], &[u8]) -> std::result::Result<(), E> + 'a;

fn read_picks<E: From<StoreError>>(
    conn: &Connection,
    d: Derived,
    picks: &[Pick<'_>],
    with_detail: bool,
    each: &mut EachRow<'_, E>,
) -> std::result::Result<(), E> {
    for &pick in picks {
        let mut stmt = conn.prepare_cached(&pick_sql(d, pick, with_detail)).map_err(StoreError::from)?;
        if let Pick::Lane { lane, from, to } = pick {
            stmt.raw_bind_parameter(1, lane).map_err(StoreError::from)?;
            if from.is_some() || to.is_some() {
                // An open end is any date; '' (no day) lies below "0", so an undated row is never in a range.
                stmt.raw_bind_parameter(2, from.unwrap_or("0")).map_err(StoreError::from)?;
                stmt.raw_bind_parameter(3, to.unwrap_or("9")).map_err(StoreError::from)?;
            }
        }
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            // STRICT BLOB NOT NULL columns: anything else cannot be stored, and would read as empty.
            let blob = |i: usize| -> std::result::Result<&[u8], StoreError> {
                Ok(match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Blob(b) => b,
                    _ => &[],
                })
            };
            let detail = if with_detail { blob(1)? } else { &[] };
            each(blob(0)?, detail)?;
        }
    }
    Ok(())
}

impl crate::Store {
    /// Call `each` with the data (and with `with_detail` the detail) of every row of `d` that `picks` select, in
    /// the order of the picks and within one by (lane, day), after bringing the rows up to date for `version`
    /// with `derive` (which sees each case of `d`'s set that changed, whole). The check, any refresh and the read
    /// share one transaction: what `each` sees is the store as of one moment.
    pub fn derived<E: From<StoreError>>(
        &self,
        d: Derived,
        version: &str,
        derive: &mut dyn FnMut(&CaseDetail) -> std::result::Result<Vec<DerivedRow>, E>,
        picks: &[Pick<'_>],
        with_detail: bool,
        each: &mut EachRow<'_, E>,
    ) -> std::result::Result<(), E> {
        let conn = self.conn();
        if !conn.is_autocommit() {
            // Inside a caller's transaction: that one is the snapshot and takes the writes.
            if !fresh(conn, d, version).map_err(StoreError::from)? {
                refresh(conn, d, version, derive)?;
            }
            return read_picks(conn, d, picks, with_detail, each);
        }
        {
            let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
            if fresh(&tx, d, version).map_err(StoreError::from)? {
                read_picks(&tx, d, picks, with_detail, each)?;
                tx.commit().map_err(StoreError::from)?;
                return Ok(());
            }
        }
        // Stale: refresh and read under the write lock, so no other writer slips in between.
        let tx =
            rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(StoreError::from)?;
        if !fresh(&tx, d, version).map_err(StoreError::from)? {
            refresh(&tx, d, version, derive)?;
        }
        read_picks(&tx, d, picks, with_detail, each)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(())
    }
}

/// What [`Store::memoized`] keeps: per name, the version and change-log sequence a value was loaded at.
#[derive(Default)]
pub(crate) struct Memo(Mutex<Vec<MemoEntry>>);

struct MemoEntry {
    name: &'static str,
    version: String,
    seq: i64,
    value: Arc<dyn Any + Send + Sync>,
}

impl crate::Store {
    /// The value `load` builds from this store, kept in memory and handed out again while the change log has
    /// no new row and `version` is the same: in the app, a new period or scope on 统计 computes from the facts
    /// in memory instead of reading 100,000 cases' rows again. The sequence is read before loading, so a write
    /// that lands meanwhile only makes the next call load again.
    pub fn memoized<T: Any + Send + Sync, E: From<StoreError>>(
        &self,
        name: &'static str,
        version: &str,
        load: impl FnOnce(&Self) -> std::result::Result<T, E>,
    ) -> std::result::Result<Arc<T>, E> {
        let seq = change_log::last_seq(self.conn()).map_err(StoreError::from)?;
        // A panic elsewhere while the lock was held leaves nothing half-written here: take the list over.
        let kept = {
            let memo = self.memo.0.lock().unwrap_or_else(|e| e.into_inner());
            memo.iter().find(|m| m.name == name && m.version == version && m.seq == seq).map(|m| m.value.clone())
        };
        if let Some(value) = kept.and_then(|v| v.downcast::<T>().ok()) {
            return Ok(value);
        }
        let value = Arc::new(load(self)?);
        let mut memo = self.memo.0.lock().unwrap_or_else(|e| e.into_inner());
        memo.retain(|m| m.name != name);
        memo.push(MemoEntry { name, version: version.to_string(), seq, value: value.clone() });
        Ok(value)
    }

    /// The value [`Store::memoized`] keeps under `name` and `version` while it is still current, without loading
    /// anything when it is not (the tray's count takes it from 今日's items when the screen has just read them).
    pub fn memo_kept<T: Any + Send + Sync>(
        &self,
        name: &'static str,
        version: &str,
    ) -> std::result::Result<Option<Arc<T>>, StoreError> {
        let seq = change_log::last_seq(self.conn())?;
        let memo = self.memo.0.lock().unwrap_or_else(|e| e.into_inner());
        let kept = memo.iter().find(|m| m.name == name && m.version == version && m.seq == seq);
        Ok(kept.and_then(|m| m.value.clone().downcast::<T>().ok()))
    }
}

#[cfg(test)]
pub(crate) mod tests;
