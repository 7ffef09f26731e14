//! One module per table: its migrations, its row type, and small typed read/write functions.

pub mod cases;
pub mod change_log;
pub mod children;
pub mod drafts;
pub mod meta;
pub mod parties;
pub mod review;
pub mod sync;

use rusqlite::Connection;

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
