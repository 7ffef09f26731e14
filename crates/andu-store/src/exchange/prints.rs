//! The print of the import line each case was last written from, so that importing the same file again skips
//! every unchanged line without parsing it, and without reading or decoding the stored case.
//!
//! A print is kept with the change-log sequence of its case at that moment. Every write path (edits, imports,
//! sync pulls) appends to the change log in the same transaction (the derived rows rely on the same rule), so
//! while the case's last change row is still that one, the case says what the line says; after any change the
//! print no longer counts and the line goes the way of any other (compared, then updated or reported unchanged).
//! A deleted case's print is never read again (only prints of stored cases are read; ids are never reused), so the
//! table needs no foreign key to check on every insert.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 17,
    sql: "CREATE TABLE import_prints (
            case_id TEXT PRIMARY KEY,
            print   INTEGER NOT NULL,
            seq     INTEGER NOT NULL
          ) STRICT, WITHOUT ROWID;",
}];

/// The prints still valid: print → the case written from that line. One statement, one index seek per case.
pub(crate) const VALID_SQL: &str = "SELECT p.print, p.case_id FROM import_prints p JOIN cases c ON c.id = p.case_id
     WHERE p.seq = (SELECT MAX(l.seq) FROM change_log l WHERE l.case_id = p.case_id)";

pub(crate) fn valid(conn: &Connection) -> rusqlite::Result<HashMap<u64, String>> {
    let mut stmt = conn.prepare_cached(VALID_SQL)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)))?;
    rows.collect()
}

/// `case_id` now says what the line printed `print` says (it was created from it, or found equal to it).
/// The change-log sequence `case_id` is at now (for a case found equal to its line; a case just created has it as
/// the last row inserted).
pub(crate) fn seq_of(conn: &Connection, case_id: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))
}

/// Keep each `(case, print, seq)`: the case says what the line printed so says, as of change-log sequence `seq`.
/// Written once, at the end of an import, many rows per statement and no lookup (a statement per case that also
/// looked up the case's last change cost an import of new cases a third of its time).
pub(crate) fn record(conn: &Connection, prints: &[(String, u64, i64)]) -> rusqlite::Result<()> {
    use rusqlite::ToSql;
    let rows: Vec<(&String, i64, i64)> = prints.iter().map(|(id, print, seq)| (id, *print as i64, *seq)).collect();
    crate::table::insert_many(conn, "INSERT OR REPLACE INTO import_prints (case_id, print, seq)", 3, &rows, |r, out| {
        out.extend([r.0 as &dyn ToSql, &r.1, &r.2])
    })
}
