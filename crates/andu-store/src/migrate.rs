//! Append-only migrations keyed by `PRAGMA user_version`.
//!
//! Each table module owns the migrations that create or change it (`table::*::MIGRATIONS`); versions are global
//! and must never be edited or reused once released. Each migration runs in its own IMMEDIATE transaction together
//! with the `user_version` bump, so a crash leaves the store at a whole version. A store whose version is newer than
//! this binary knows is refused before anything is written.

use rusqlite::Connection;

use crate::error::{Result, StoreError};
use crate::table;

pub(crate) struct Migration {
    pub version: i64,
    pub sql: &'static str,
}

pub(crate) fn all() -> Vec<&'static Migration> {
    let mut all: Vec<&Migration> = [
        table::meta::MIGRATIONS,
        table::cases::MIGRATIONS,
        table::parties::MIGRATIONS,
        table::children::MIGRATIONS,
        table::change_log::MIGRATIONS,
        table::sync::MIGRATIONS,
        table::drafts::MIGRATIONS,
        crate::search::stored::MIGRATIONS,
        crate::search::grams::MIGRATIONS,
        crate::search::terms::MIGRATIONS,
        crate::derived::MIGRATIONS,
        table::review::MIGRATIONS,
        crate::exchange::prints::MIGRATIONS,
    ]
    .into_iter()
    .flatten()
    .collect();
    all.sort_by_key(|m| m.version);
    all
}

pub fn latest_version() -> i64 {
    all().last().map(|m| m.version).unwrap_or(0)
}

pub(crate) fn check_not_newer(conn: &Connection, path: &str) -> Result<i64> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let supported = latest_version();
    if found > supported {
        return Err(StoreError::NewerSchema { path: path.to_string(), found, supported });
    }
    Ok(found)
}

pub(crate) fn run(conn: &mut Connection, path: &str) -> Result<()> {
    let current = check_not_newer(conn, path)?;
    for m in all().into_iter().filter(|m| m.version > current) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sql)?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn versions_are_unique_and_contiguous() {
        let versions: Vec<i64> = super::all().iter().map(|m| m.version).collect();
        let expected: Vec<i64> = (1..=versions.len() as i64).collect();
        assert_eq!(versions, expected, "migration versions must be 1..=N with no gaps or duplicates");
    }
}
