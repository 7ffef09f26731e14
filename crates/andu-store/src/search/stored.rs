//! The search documents kept in the store, so that no command rebuilds them (pinyin of every name, 100,000 cases:
//! seconds) on every open.
//!
//! `search_docs` holds each case's prepared [`Doc`]; `meta.search_seq` is the change-log sequence they reflect.
//! Every write path (edits, imports, sync pulls) appends to the change log, so the docs are brought up to date
//! from it — the cases touched since `search_seq`, in one transaction with the new `search_seq` — before any
//! query. A case deleted by sync takes its doc with it (`ON DELETE CASCADE`). A store from before this table
//! gets its docs built by the first search (migration 10 creates the table; building needs the pinyin tables,
//! which SQL has not).

use rusqlite::{Connection, Row, params};

use super::{Doc, Field};
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

/// Every stored doc; with `containing`, only those whose haystack contains it (one pass in SQLite, so a single
/// query builds no doc it does not need).
pub(super) fn load(conn: &Connection, containing: Option<&str>) -> rusqlite::Result<Vec<Doc>> {
    match containing {
        None => conn.prepare_cached(&format!("SELECT {COLUMNS} FROM search_docs"))?.query_map([], doc)?.collect(),
        Some(text) => conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM search_docs WHERE instr(haystack, ?1) > 0"))?
            .query_map([text], doc)?
            .collect(),
    }
}

/// Replace the docs of `touched` cases with `docs` (a touched case without a doc no longer exists) and record
/// that the docs now reflect the change log up to `seq`, all in one transaction.
pub(super) fn save(conn: &Connection, touched: Option<&[String]>, docs: &[Doc], seq: i64) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    match touched {
        None => {
            tx.execute("DELETE FROM search_docs", [])?;
        }
        Some(ids) => {
            let mut del = tx.prepare_cached("DELETE FROM search_docs WHERE case_id = ?1")?;
            for id in ids {
                del.execute([id])?;
            }
        }
    }
    {
        let mut ins = tx.prepare_cached(&format!(
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
        }
    }
    meta::set(&tx, SEQ_KEY, &seq.to_string())?;
    tx.commit()
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
