//! The search documents kept in the store, so that no command rebuilds them (pinyin of every name, 100,000 cases:
//! seconds) on every open.
//!
//! `search_docs` holds each case's prepared [`Doc`]; `meta.search_seq` is the change-log sequence they reflect.
//! Every write path (edits, imports, sync pulls) appends to the change log, so the docs are brought up to date
//! from it — the cases touched since `search_seq`, in one transaction with the new `search_seq` — before any
//! query, and by every write of a few cases in its own transaction (see `search::after_write`). A case deleted by
//! sync takes its doc with it (`ON DELETE CASCADE`; its grams stay until the doc number is reused, and a
//! candidate's text is always checked). A store from before this table gets its docs built by the first search
//! or write (migrations 10 and 12 create the tables; building needs the pinyin tables, which SQL has not).

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Doc, Field, grams};
use crate::migrate::Migration;
use crate::table::meta;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
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
}];

const SEQ_KEY: &str = "search_seq";

/// The change-log sequence the stored docs reflect; `None`: never built.
pub(super) fn seq(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    Ok(meta::get(conn, SEQ_KEY)?.and_then(|v| v.parse().ok()))
}

fn field_code(f: Field) -> u8 {
    match f {
        Field::CaseNo => 0,
        Field::Cause => 1,
        Field::Note => 2,
        Field::Party => 3,
        Field::PartyPinyin => 4,
        Field::Staff => 5,
        Field::StaffPinyin => 6,
    }
}

fn field_of(code: u8) -> Field {
    match code {
        0 => Field::CaseNo,
        1 => Field::Cause,
        2 => Field::Note,
        3 => Field::Party,
        4 => Field::PartyPinyin,
        5 => Field::Staff,
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

fn decode(bytes: &[u8]) -> Vec<(u32, u32, Field)> {
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

/// Every stored doc (the app's index in memory, loaded once).
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

/// A doc a single query found, with only what ranking needs; the page's docs are read whole afterwards.
pub(super) struct Ranked {
    pub number: i64,
    pub score: u32,
    pub matched: &'static str,
    pub filed: String,
    pub case_no: String,
}

/// Scores the docs numbered `numbers` (every doc containing `containing` when `None`) as they are read, without
/// building them: `score(haystack, stretches, closed, procedure, judge)` is `None` for a doc that is no hit.
pub(super) fn rank(
    conn: &Connection,
    numbers: Option<&[i64]>,
    containing: &str,
    mut score: impl FnMut(&str, &[(u32, u32, Field)], bool, &str, &str) -> Option<(u32, &'static str)>,
) -> rusqlite::Result<Vec<Ranked>> {
    const RANKED: &str = "SELECT rowid, haystack, fields, closed, procedure, judge, filed, case_no FROM search_docs";
    let (mut stmt, arg) = match numbers {
        Some(n) => (
            conn.prepare_cached(&format!("{RANKED} WHERE rowid IN (SELECT value FROM json_each(?1))"))?,
            serde_json::to_string(n).unwrap_or_default(),
        ),
        None => (conn.prepare_cached(&format!("{RANKED} WHERE instr(haystack, ?1) > 0"))?, containing.to_string()),
    };
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let text = |r: &Row<'_>, i: usize| -> rusqlite::Result<String> { Ok(r.get_ref(i)?.as_str()?.to_string()) };
    while let Some(r) = rows.next()? {
        let hay = r.get_ref(1)?.as_str()?;
        fields.clear();
        fields.extend(decode(r.get_ref(2)?.as_blob()?));
        let closed = r.get::<_, bool>(3)?;
        let Some((s, matched)) = score(hay, &fields, closed, r.get_ref(4)?.as_str()?, r.get_ref(5)?.as_str()?) else {
            continue;
        };
        out.push(Ranked { number: r.get(0)?, score: s, matched, filed: text(r, 6)?, case_no: text(r, 7)? });
    }
    Ok(out)
}

/// A build of every doc afresh, fed in parts (so only one part's docs and one block's grams are in memory): the
/// tables are emptied first, docs are numbered in insertion order, and each block's grams are written once it is
/// full. The caller holds the transaction.
pub(super) struct FullBuild {
    changes: grams::Changes,
    block: Option<i64>,
}

impl FullBuild {
    pub(super) fn start(conn: &Connection) -> rusqlite::Result<FullBuild> {
        conn.execute("DELETE FROM search_docs", [])?;
        conn.execute("DELETE FROM search_grams", [])?;
        Ok(FullBuild { changes: grams::Changes::default(), block: None })
    }

    pub(super) fn add(&mut self, conn: &Connection, docs: &[Doc]) -> rusqlite::Result<()> {
        let mut ins = conn.prepare_cached(&format!(
            "INSERT INTO search_docs ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ))?;
        for d in docs {
            ins.execute(params![
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
            let n = conn.last_insert_rowid();
            if self.block.is_some_and(|b| b != grams::block_of(n)) {
                std::mem::take(&mut self.changes).append(conn)?;
            }
            self.block = Some(grams::block_of(n));
            self.changes.add(n, &grams::of_doc(d));
        }
        Ok(())
    }

    /// The last block's grams, and the change-log sequence the docs now reflect.
    pub(super) fn finish(self, conn: &Connection, seq: i64) -> rusqlite::Result<()> {
        self.changes.append(conn)?;
        meta::set(conn, SEQ_KEY, &seq.to_string())
    }
}

/// Replace the docs of `ids` (cases touched since the docs' sequence) with `docs` (a touched case without a doc
/// no longer exists), keep their grams in step, and record that the docs now reflect the change log up to `seq`.
/// The caller holds the transaction. A doc that changes keeps its number, so only the grams it gained or lost are
/// rewritten.
pub(super) fn save(conn: &Connection, ids: &[String], docs: &[Doc], seq: i64) -> rusqlite::Result<()> {
    let mut ins = conn.prepare_cached(&format!(
        "INSERT INTO search_docs ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?;
    let mut insert = |d: &Doc| -> rusqlite::Result<i64> {
        ins.execute(params![
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
    };
    let mut changes = grams::Changes::default();
    let new: std::collections::HashMap<&str, &Doc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut old = conn.prepare_cached("SELECT rowid, haystack, fields FROM search_docs WHERE case_id = ?1")?;
    let mut update = conn.prepare_cached(
        "UPDATE search_docs SET case_no = ?2, cause = ?3, parties_line = ?4, judge = ?5, procedure = ?6,
                filed = ?7, closed = ?8, haystack = ?9, fields = ?10
          WHERE rowid = ?1",
    )?;
    let mut delete = conn.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?;
    for id in ids {
        let before = old
            .query_row([id], |r| {
                let hay: String = r.get(1)?;
                Ok((r.get::<_, i64>(0)?, grams::of_fields(&hay, &decode(&r.get::<_, Vec<u8>>(2)?))))
            })
            .optional()?;
        match (before, new.get(id.as_str())) {
            (Some((n, was)), Some(d)) => {
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
                let now = grams::of_doc(d);
                let gone: Vec<i64> = was.iter().filter(|g| now.binary_search(g).is_err()).copied().collect();
                let came: Vec<i64> = now.iter().filter(|g| was.binary_search(g).is_err()).copied().collect();
                changes.remove(n, &gone);
                changes.add(n, &came);
            }
            (Some((n, was)), None) => {
                delete.execute([n])?;
                changes.remove(n, &was);
            }
            (None, Some(d)) => {
                let n = insert(d)?;
                changes.add(n, &grams::of_doc(d));
            }
            (None, None) => {}
        }
    }
    changes.apply(conn)?;
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
