//! The `parties` table: 当事人 of a case, each with its own id (sync merges child rows by id).

use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 4,
    sql: "CREATE TABLE parties (
            id         TEXT PRIMARY KEY,
            case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            ord        INTEGER NOT NULL,
            role       TEXT NOT NULL,
            name       TEXT NOT NULL,
            kind       TEXT NOT NULL,
            id_number  TEXT,
            address    TEXT,
            phone      TEXT,
            agent      TEXT,
            is_foreign INTEGER NOT NULL DEFAULT 0
          ) STRICT;
          CREATE INDEX parties_case ON parties (case_id, ord);",
}];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyRow {
    pub id: String,
    pub role: String,
    pub name: String,
    #[cfg_attr(feature = "ts", ts(type = "\"person\" | \"org\""))]
    pub kind: String,
    pub id_number: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub agent: Option<String>,
    pub foreign: bool,
}

pub(crate) fn insert(conn: &Connection, case_id: &str, ord: usize, p: &PartyRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO parties (id, case_id, ord, role, name, kind, id_number, address, phone, agent, is_foreign)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        p.id,
        case_id,
        ord as i64,
        p.role,
        p.name,
        p.kind,
        p.id_number,
        p.address,
        p.phone,
        p.agent,
        p.foreign
    ])?;
    Ok(())
}

/// A party of a new case as [`crate::write`] inserts it with others ([`crate::table::insert_many`]): its case (by
/// its place among the cases written with it) and its place among the case's parties.
pub(crate) struct NewParty {
    pub case: usize,
    pub ord: i64,
    pub row: PartyRow,
}

/// The columns [`NewParty::values`] gives, for [`crate::table::insert_many`].
pub(crate) const INSERT_HEAD: &str =
    "INSERT OR FAIL INTO parties (id, case_id, ord, role, name, kind, id_number, address, phone, agent, is_foreign)";
pub(crate) const INSERT_WIDTH: usize = 11;

impl NewParty {
    /// The party's values for [`INSERT_HEAD`], under the case `case_id`.
    // `&String`, not `&str`: each value is bound as a `&dyn ToSql`, which a `str` (unsized) cannot be.
    #[allow(clippy::ptr_arg)]
    pub(crate) fn values<'a>(&'a self, case_id: &'a String, out: &mut Vec<&'a dyn rusqlite::ToSql>) {
        let p = &self.row;
        out.extend([
            &p.id as &dyn rusqlite::ToSql,
            case_id,
            &self.ord,
            &p.role,
            &p.name,
            &p.kind,
            &p.id_number,
            &p.address,
            &p.phone,
            &p.agent,
            &p.foreign,
        ]);
    }
}

pub(crate) fn delete(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM parties WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub(crate) const COLUMNS: &[&str] =
    &["id", "role", "name", "kind", "id_number", "address", "phone", "agent", "is_foreign"];

/// A party from a row whose party columns ([`COLUMNS`]) start at column `at`.
pub(crate) fn row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<PartyRow> {
    Ok(PartyRow {
        id: r.get(at)?,
        role: r.get(at + 1)?,
        name: r.get(at + 2)?,
        kind: r.get(at + 3)?,
        id_number: r.get(at + 4)?,
        address: r.get(at + 5)?,
        phone: r.get(at + 6)?,
        agent: r.get(at + 7)?,
        foreign: r.get(at + 8)?,
    })
}

pub fn for_case(conn: &Connection, case_id: &str) -> rusqlite::Result<Vec<PartyRow>> {
    conn.prepare_cached(
        "SELECT id, role, name, kind, id_number, address, phone, agent, is_foreign FROM parties WHERE case_id = ?1 ORDER BY ord",
    )?
    .query_map([case_id], |r| row_at(r, 0))?
    .collect()
}
