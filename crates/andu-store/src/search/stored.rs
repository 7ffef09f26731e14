//! The search documents kept in the store, so that no command rebuilds them (pinyin of every name, 100,000 cases:
//! seconds) on every open.
//!
//! `search_docs` holds each case's prepared [`Doc`]; `meta.search_seq` is the change-log sequence they reflect.
//! Every write path (edits, imports, sync pulls) appends to the change log, so the docs are brought up to date
//! from it — the cases touched since `search_seq`, in one transaction with the new `search_seq` — before any
//! query, and by every write of a few cases in its own transaction (see `search::after_write`). The dictionary of
//! their field values ([`super::terms`]) is kept in step in the same transactions. A case deleted by sync takes its
//! doc with it (`ON DELETE CASCADE`), and the next refresh takes it out of the dictionary. A store from before
//! these tables gets them built by the first search or write (building needs the pinyin tables, which SQL has not).

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::grams::{self, Changes, Lists};
use super::terms::{self, Dictionary};
use super::{Doc, Field};
use crate::migrate::Migration;
use crate::table::meta;

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 10,
        sql: "CREATE TABLE search_docs (
            case_id      TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
            case_no      TEXT NOT NULL,
            cause        TEXT NOT NULL,
            parties_line TEXT NOT NULL,
            judge        TEXT NOT NULL,
            procedure    TEXT NOT NULL,
            filed        TEXT NOT NULL,
            closed       INTEGER NOT NULL,
            haystack     TEXT NOT NULL,
            fields       BLOB NOT NULL
          ) STRICT;",
    },
    Migration { version: 18, sql: LISTED_MIGRATION },
];

/// Migration 18: what a filter and the order look at of each doc — status, procedure, judge, date, number — in a
/// table of its own keyed by the doc's number, about fifty bytes a row, so a filtered query reads a few pages
/// per thousand matching docs instead of each doc's whole row (its haystack: several hundred bytes, often a page
/// of its own to decrypt). Triggers keep it in step with `search_docs` in the same statement, so every write
/// path (full build, edits, sync's cascade) updates both in one transaction. Existing stores get it filled here
/// by one `INSERT … SELECT`, which SQLite streams (memory bounded by its page cache, whatever the store's size).
const LISTED_MIGRATION: &str = "CREATE TABLE search_listed (
            number    INTEGER PRIMARY KEY,
            filed     TEXT NOT NULL,
            case_no   TEXT NOT NULL,
            closed    INTEGER NOT NULL,
            procedure TEXT NOT NULL,
            judge     TEXT NOT NULL
          ) STRICT;
          CREATE TRIGGER search_listed_insert AFTER INSERT ON search_docs
            BEGIN
              INSERT OR REPLACE INTO search_listed (number, filed, case_no, closed, procedure, judge)
                VALUES (new.rowid, new.filed, new.case_no, new.closed, new.procedure, new.judge);
            END;
          CREATE TRIGGER search_listed_update AFTER UPDATE ON search_docs
            BEGIN
              DELETE FROM search_listed WHERE number = old.rowid;
              INSERT OR REPLACE INTO search_listed (number, filed, case_no, closed, procedure, judge)
                VALUES (new.rowid, new.filed, new.case_no, new.closed, new.procedure, new.judge);
            END;
          CREATE TRIGGER search_listed_delete AFTER DELETE ON search_docs
            BEGIN
              DELETE FROM search_listed WHERE number = old.rowid;
            END;
          INSERT INTO search_listed (number, filed, case_no, closed, procedure, judge)
            SELECT rowid, filed, case_no, closed, procedure, judge FROM search_docs;";

const SEQ_KEY: &str = "search_seq";

/// The change-log sequence the stored docs reflect; `None`: never built.
pub(super) fn seq(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    Ok(meta::get(conn, SEQ_KEY)?.and_then(|v| v.parse().ok()))
}

pub(super) fn field_code(f: Field) -> u8 {
    match f {
        Field::CaseNo => 0,
        Field::Cause => 1,
        Field::Note => 2,
        Field::Party => 3,
        Field::PartyPinyin => 4,
        Field::Staff => 5,
        Field::StaffPinyin => 6,
        Field::FilterStatus => 7,
        Field::FilterProcedure => 8,
        Field::FilterJudge => 9,
    }
}

pub(super) fn field_of(code: u8) -> Field {
    match code {
        0 => Field::CaseNo,
        1 => Field::Cause,
        2 => Field::Note,
        3 => Field::Party,
        4 => Field::PartyPinyin,
        5 => Field::Staff,
        7 => Field::FilterStatus,
        8 => Field::FilterProcedure,
        9 => Field::FilterJudge,
        _ => Field::StaffPinyin,
    }
}

/// Nine bytes per stretch: start and end (u32, little-endian) and the field.
fn encode(fields: &[(u32, u32, Field)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fields.len() * 9);
    for &(start, end, f) in fields {
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&end.to_le_bytes());
        out.push(field_code(f));
    }
    out
}

pub(super) fn decode(bytes: &[u8]) -> Vec<(u32, u32, Field)> {
    bytes
        .chunks_exact(9)
        .map(|c| {
            let n = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            (n(&c[0..4]), n(&c[4..8]), field_of(c[8]))
        })
        .collect()
}

const COLUMNS: &str = "case_id, case_no, cause, parties_line, judge, procedure, filed, closed, haystack, fields";

fn doc(r: &Row<'_>) -> rusqlite::Result<Doc> {
    Ok(Doc {
        id: r.get(0)?,
        case_no: r.get(1)?,
        cause: r.get(2)?,
        parties_line: r.get(3)?,
        judge: r.get(4)?,
        procedure: r.get(5)?,
        filed: r.get(6)?,
        closed: r.get(7)?,
        haystack: r.get(8)?,
        fields: decode(&r.get::<_, Vec<u8>>(9)?),
    })
}

/// Every stored doc (the tests' reference: a search that reads every doc).
#[cfg(test)]
pub(super) fn load(conn: &Connection) -> rusqlite::Result<Vec<Doc>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM search_docs"))?.query_map([], doc)?.collect()
}

/// The stored docs numbered `docs` (rowids of `search_docs`, as [`super::grams::candidates`] gives them), each
/// with its number; a number no longer stored is left out.
pub(super) fn load_numbered(conn: &Connection, docs: &[i64]) -> rusqlite::Result<Vec<(i64, Doc)>> {
    let list = serde_json::to_string(docs).unwrap_or_default();
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, rowid FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?1)) ORDER BY rowid"
    ))?
    .query_map([list], |r| Ok((r.get(10)?, doc(r)?)))?
    .collect()
}

/// What ordering needs of a doc.
pub(super) struct Listed {
    pub number: i64,
    pub filed: String,
    pub case_no: String,
}

/// The docs' short columns by number, from `search_listed` alone (never `search_docs`' rows).
pub(super) const LISTED: &str = "SELECT number, filed, case_no FROM search_listed
          WHERE number IN (SELECT value FROM json_each(?1))";

/// The docs numbered `numbers`, without their text (a number no longer stored is left out). Asked in number
/// order, so neighbouring docs are read from the same page.
pub(super) fn listed(conn: &Connection, numbers: &[i64]) -> rusqlite::Result<Vec<Listed>> {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    conn.prepare_cached(LISTED)?.query_map([serde_json::to_string(&sorted).unwrap_or_default()], listed_row)?.collect()
}

fn listed_row(r: &Row<'_>) -> rusqlite::Result<Listed> {
    Ok(Listed { number: r.get(0)?, filed: r.get(1)?, case_no: r.get(2)? })
}

/// Every doc number in the order of a list of equal scores (filed, newest first, then case number), read from the
/// index without touching the docs: `keep` sees each and says whether to go on.
pub(super) const IN_ORDER: &str =
    "SELECT rowid FROM search_docs INDEXED BY search_docs_order ORDER BY filed DESC, case_no";

pub(super) fn walk_in_order(conn: &Connection, mut keep: impl FnMut(i64) -> bool) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(IN_ORDER)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if !keep(r.get(0)?) {
            break;
        }
    }
    Ok(())
}

const INSERT: &str = "INSERT INTO search_docs (case_id, case_no, cause, parties_line, judge, procedure, filed, closed,
                        haystack, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

fn insert(conn: &Connection, d: &Doc) -> rusqlite::Result<i64> {
    conn.prepare_cached(INSERT)?.execute(params![
        d.id,
        d.case_no,
        d.cause,
        d.parties_line,
        d.judge,
        d.procedure,
        d.filed,
        d.closed,
        d.haystack,
        encode(&d.fields)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A build of every doc afresh, fed in parts (so only one part's docs, one block's lists and the recent terms'
/// ids are in memory, see [`Dictionary::empty`]): the tables are emptied first, docs and terms are numbered in insertion order, and each
/// block's lists are written once it is full. The caller holds the transaction.
pub(super) struct FullBuild {
    postings: Changes,
    block: Option<i64>,
    dict: Dictionary,
}

impl FullBuild {
    /// `held`: how many term ids the build keeps in memory (see [`Dictionary::empty`]).
    pub(super) fn start(conn: &Connection, held: usize) -> rusqlite::Result<FullBuild> {
        // Forgetting the sequence first keeps the deletion trigger quiet: every doc goes, none is "gone".
        conn.execute("DELETE FROM meta WHERE key = ?1", [SEQ_KEY])?;
        // The docs' table has triggers and a foreign key, so a `DELETE` would empty it row by row, holding a copy
        // of every page it changed in memory (see `table::empty`); the others are truncated by `DELETE` itself.
        crate::table::empty(conn, "search_docs")?;
        for table in ["search_listed", "search_grams", "search_postings", "search_terms", "search_gone"] {
            conn.execute(&format!("DELETE FROM {table}"), [])?;
        }
        Ok(FullBuild { postings: Changes::default(), block: None, dict: Dictionary::empty(held) })
    }

    pub(super) fn add(&mut self, conn: &Connection, docs: &[Doc]) -> rusqlite::Result<()> {
        for d in docs {
            let n = insert(conn, d)?;
            if self.block.is_some_and(|b| b != grams::block_of(n)) {
                std::mem::take(&mut self.postings).append(conn, Lists::Postings)?;
            }
            self.block = Some(grams::block_of(n));
            let mut ids = Vec::new();
            for (f, text) in terms::of_doc(d) {
                ids.push(self.dict.id(conn, f, text)?);
            }
            self.postings.add(n, &ids);
        }
        Ok(())
    }

    /// The last blocks' lists, and the change-log sequence the docs now reflect.
    pub(super) fn finish(self, conn: &Connection, seq: i64) -> rusqlite::Result<()> {
        self.postings.append(conn, Lists::Postings)?;
        self.dict.finish(conn)?;
        terms::set_filters_built(conn)?;
        meta::set(conn, SEQ_KEY, &seq.to_string())
    }
}

/// Replace the docs of `ids` (cases touched since the docs' sequence) with `docs` (a touched case without a doc
/// no longer exists), keep the dictionary in step (and take out docs deleted behind the search's back), and record
/// that the docs now reflect the change log up to `seq`. The caller holds the transaction. A doc that changes
/// keeps its number, so only the terms it gained or lost have their lists rewritten.
pub(super) fn save(conn: &Connection, ids: &[String], docs: &[Doc], seq: i64) -> rusqlite::Result<()> {
    let mut postings = Changes::default();
    let mut dict = Dictionary::default();
    let new: std::collections::HashMap<&str, &Doc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut old = conn.prepare_cached(
        "SELECT rowid, haystack, fields, closed, procedure, judge FROM search_docs WHERE case_id = ?1",
    )?;
    let mut update = conn.prepare_cached(
        "UPDATE search_docs SET case_no = ?2, cause = ?3, parties_line = ?4, judge = ?5, procedure = ?6,
                filed = ?7, closed = ?8, haystack = ?9, fields = ?10
          WHERE rowid = ?1",
    )?;
    // A deleted doc's terms are taken out by `forget_gone` below (the trigger records it).
    let mut delete = conn.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?;
    for id in ids {
        let before = old
            .query_row([id], |r| {
                let filters: (bool, String, String) = (r.get(3)?, r.get(4)?, r.get(5)?);
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, decode(&r.get::<_, Vec<u8>>(2)?), filters))
            })
            .optional()?;
        match (before, new.get(id.as_str())) {
            (Some((n, hay, fields, (closed, procedure, judge))), Some(d)) => {
                update.execute(params![
                    n,
                    d.case_no,
                    d.cause,
                    d.parties_line,
                    d.judge,
                    d.procedure,
                    d.filed,
                    d.closed,
                    d.haystack,
                    encode(&d.fields)
                ])?;
                let was = terms::of_stored(&hay, &fields, closed, &procedure, &judge);
                let (came, gone) = terms::diff(&was, &terms::of_doc(d));
                let mut ids = Vec::with_capacity(came.len());
                for (f, text) in came {
                    ids.push(dict.id(conn, f, text)?);
                }
                postings.add(n, &ids);
                let mut ids = Vec::with_capacity(gone.len());
                for (f, text) in gone {
                    ids.extend(dict.existing(conn, f, text)?);
                }
                postings.remove(n, &ids);
            }
            (Some((n, ..)), None) => {
                delete.execute([n])?;
            }
            (None, Some(d)) => {
                let n = insert(conn, d)?;
                let mut ids = Vec::new();
                for (f, text) in terms::of_doc(d) {
                    ids.push(dict.id(conn, f, text)?);
                }
                postings.add(n, &ids);
            }
            (None, None) => {}
        }
    }
    terms::forget_gone(conn, &mut dict, &mut postings)?;
    postings.apply(conn, Lists::Postings)?;
    dict.finish(conn)?;
    meta::set(conn, SEQ_KEY, &seq.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_survive_the_round_trip() {
        let fields = vec![(0, 20, Field::CaseNo), (21, 27, Field::Party), (28, 36, Field::PartyPinyin)];
        assert_eq!(decode(&encode(&fields)), fields);
    }
}
