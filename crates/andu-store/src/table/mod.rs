//! One module per table: its migrations, its row type, and small typed read/write functions.

pub mod cases;
pub mod change_log;
pub mod children;
pub mod drafts;
pub mod meta;
pub mod parties;
pub mod review;
pub mod sync;

use rusqlite::{Connection, ToSql};

/// Rows one statement of [`insert_many`] inserts. A statement keeps its B-tree cursors open from row to row, and
/// SQLite then finds the place of a key that goes at the end of an index (ids made in order, a new case's rows
/// under its new id, the change log's numbers) on the page the cursor is on instead of from the root: a bulk
/// import's rows, one statement each, spent a fifth of its time in those descents and in opening and closing the
/// statement (perf, 100,000 cases). 64 rows of the widest table (`cases`, 17 values) bind 1,088 values, far below
/// SQLite's limit (32,766).
pub(crate) const ROWS_PER_INSERT: usize = 64;

/// `head` (`INSERT INTO t (a, b)`) with `rows` lists of `width` placeholders.
fn values_sql(head: &str, width: usize, rows: usize) -> String {
    let row = format!("({})", vec!["?"; width].join(", "));
    format!("{head} VALUES {}", vec![row; rows].join(", "))
}

/// Insert `rows` into the table `head` names, [`ROWS_PER_INSERT`] rows per statement and the rest one row per
/// statement (both kept prepared), in the order given: each table's rowids come out as with one insert per row.
/// `bind` gives a row's `width` values in the order of `head`'s columns.
///
/// The heads say `INSERT OR FAIL`: a statement that may fail after writing some of its rows is otherwise given a
/// statement journal (a copy of every page it changes, to undo just that statement); a failed insert fails the
/// caller's whole write anyway, which rolls back its transaction. With foreign keys on, SQLite also checks a
/// multi-row insert into a parent table (each new case looked up in every table that references `cases`), which is
/// why a bulk import turns them off (`exchange/import.rs`). With both, a first try of the import cost as much CPU as
/// the many rows per statement saved.
pub(crate) fn insert_many<'a, R>(
    conn: &Connection,
    head: &str,
    width: usize,
    rows: &'a [R],
    bind: impl Fn(&'a R, &mut Vec<&'a dyn ToSql>),
) -> rusqlite::Result<()> {
    let mut values: Vec<&'a dyn ToSql> = Vec::with_capacity(width * ROWS_PER_INSERT.min(rows.len()));
    let mut full = rows.chunks_exact(ROWS_PER_INSERT);
    for chunk in full.by_ref() {
        values.clear();
        chunk.iter().for_each(|r| bind(r, &mut values));
        debug_assert_eq!(values.len(), width * chunk.len(), "{head}");
        conn.prepare_cached(&values_sql(head, width, ROWS_PER_INSERT))?.execute(&values[..])?;
    }
    let rest = full.remainder();
    if !rest.is_empty() {
        let mut one = conn.prepare_cached(&values_sql(head, width, 1))?;
        for r in rest {
            values.clear();
            bind(r, &mut values);
            debug_assert_eq!(values.len(), width, "{head}");
            one.execute(&values[..])?;
        }
    }
    Ok(())
}

/// Empty `table` in the caller's transaction as if it had just been created: dropped, then created again from the
/// schema's own text, with its indexes and triggers (`sqlite_master` keeps each statement as it now stands, an
/// added column included).
///
/// Why not `DELETE FROM`: SQLite empties a table with a trigger or a foreign key (the search docs, the derived
/// rows) row by row — its truncation is off for them — and inside a transaction it first copies every page the
/// statement changes into the statement's journal, which `temp_store = MEMORY` keeps in memory until the statement
/// ends (at 100,000 cases, 68 MB for the search docs; ~200 MB at 300,000). Dropping a table frees its pages without
/// writing them (see below; and fires no trigger: the caller empties what the triggers would have kept in step).
pub(crate) fn empty(conn: &Connection, table: &str) -> rusqlite::Result<()> {
    let schema: Vec<String> = conn
        .prepare(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS NOT NULL
              ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid",
        )?
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if schema.is_empty() {
        return Err(rusqlite::Error::QueryReturnedNoRows);
    }
    // SQLCipher's build zeroes every page it frees (`secure_delete`): a write of each page, and its copy in the
    // statement journal. FAST leaves a freed page as it is — still encrypted in the file, its rows still in the
    // tables they were derived from, and the caller's build writes over it next — and zeroes only what a live page
    // keeps of a deleted row. The connection's setting is put back at once.
    let secure: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
    conn.pragma_update(None, "secure_delete", "FAST")?;
    let dropped = conn.execute_batch(&format!("DROP TABLE {table}"));
    // 2 reads back as FAST, which is the only way to set it again (a number is read as on or off).
    let was = match secure {
        0 => "OFF",
        2 => "FAST",
        _ => "ON",
    };
    conn.pragma_update(None, "secure_delete", was)?;
    dropped?;
    for sql in &schema {
        conn.execute_batch(sql)?;
    }
    Ok(())
}
