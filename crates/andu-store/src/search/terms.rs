//! The search dictionary: every distinct field value of the stored docs (a party's name, its pinyin and initials,
//! a judge's name, a cause, a case number, a note) once, with the docs holding it (`search_postings`).
//!
//! Why: a word's score in a doc is its best match in one of the doc's fields, and that depends only on the field's
//! text and kind. A judge's name is in one case of seven, but it is *one* term: scoring the few terms that contain
//! a word and taking their docs' lists answers which docs match, with which score, and how many there are, without
//! reading a doc. Only the page's docs are read whole (see `query_stored` in search.rs).
//!
//! Terms are never deleted (a term no doc holds any more has an empty list: harmless, and reused if it comes back).
//! A doc deleted without the search knowing (sync deletes a case; its doc goes by `ON DELETE CASCADE`) leaves its
//! number and text in `search_gone` (a trigger), and the next refresh takes the number out of its terms' lists
//! before anything can reuse it.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::grams::{self, Changes, Lists};
use super::stored::{field_code, field_of};
use super::{Doc, Field, Token, score_at};
use crate::migrate::Migration;

/// Migration 16: the dictionary, the grams now pointing at terms (so they are emptied, and the docs' sequence
/// forgotten so the next search or write builds everything again), the deleted docs' trail, and the order the
/// results are listed in (score first, then this index).
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 16,
    sql: "DELETE FROM search_grams;
          DELETE FROM meta WHERE key = 'search_seq';
          CREATE TABLE search_terms (
            id    INTEGER PRIMARY KEY,
            field INTEGER NOT NULL,
            text  TEXT NOT NULL,
            UNIQUE (field, text)
          ) STRICT;
          CREATE TABLE search_postings (
            term  INTEGER NOT NULL,
            block INTEGER NOT NULL,
            docs  BLOB NOT NULL,
            PRIMARY KEY (term, block)
          ) STRICT, WITHOUT ROWID;
          CREATE TABLE search_gone (
            number   INTEGER PRIMARY KEY,
            haystack TEXT NOT NULL,
            fields   BLOB NOT NULL
          ) STRICT;
          CREATE TRIGGER search_docs_gone AFTER DELETE ON search_docs
            WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'search_seq')
            BEGIN
              INSERT OR REPLACE INTO search_gone (number, haystack, fields) VALUES (old.rowid, old.haystack, old.fields);
            END;
          CREATE INDEX search_docs_order ON search_docs (filed DESC, case_no);",
}, Migration { version: 20, sql: FILTERS_MIGRATION }];

/// Migration 20: the list screen's filters become terms of the dictionary (see [`of_filters`]), so a deleted doc's
/// trail keeps what they were. Only the trail (`search_gone`, empty but for a sync's deletions not yet taken out)
/// gains columns, so the migration reads no doc; the filters' terms of the stored docs are added by the first
/// search or write after it, from `search_listed` (see [`build_filters`]).
const FILTERS_MIGRATION: &str = "ALTER TABLE search_gone ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE search_gone ADD COLUMN procedure TEXT NOT NULL DEFAULT '';
          ALTER TABLE search_gone ADD COLUMN judge TEXT NOT NULL DEFAULT '';
          DROP TRIGGER search_docs_gone;
          CREATE TRIGGER search_docs_gone AFTER DELETE ON search_docs
            WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'search_seq')
            BEGIN
              INSERT OR REPLACE INTO search_gone (number, haystack, fields, closed, procedure, judge)
                VALUES (old.rowid, old.haystack, old.fields, old.closed, old.procedure, old.judge);
            END;";

/// The meta key saying the stored docs' filter terms are in the dictionary (set by a full build, or by
/// [`build_filters`] on a store from before migration 20).
const FILTERS_KEY: &str = "search_filters";

/// The terms a doc holds for the list screen's filters — its status, procedure and judge, each exactly as the
/// filter compares it — under field codes of their own that no word scores in: a filtered query takes the docs of
/// these terms' lists instead of looking up each matching doc (a common name at 1,000,000 cases matched 160,000).
pub(super) fn of_filters<'a>(closed: bool, procedure: &'a str, judge: &'a str) -> [(u8, &'a str); 3] {
    [
        (field_code(Field::FilterStatus), if closed { "closed" } else { "pending" }),
        (field_code(Field::FilterProcedure), procedure),
        (field_code(Field::FilterJudge), judge),
    ]
}

/// The distinct (field, text) of a doc's stretches; empty ones are left out (no word matches them).
pub(super) fn of_fields<'a>(haystack: &'a str, fields: &[(u32, u32, Field)]) -> Vec<(u8, &'a str)> {
    let mut out: Vec<(u8, &str)> = fields
        .iter()
        .filter_map(|&(start, end, f)| haystack.get(start as usize..end as usize).map(|t| (field_code(f), t)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Every term of a doc: its fields' values and its filters' (see [`of_filters`]).
pub(super) fn of_doc(doc: &Doc) -> Vec<(u8, &str)> {
    of_stored(&doc.haystack, &doc.fields, doc.closed, &doc.procedure, &doc.judge)
}

/// Every term of a doc as stored (its haystack, its stretches and its filters' columns).
pub(super) fn of_stored<'a>(
    haystack: &'a str,
    fields: &[(u32, u32, Field)],
    closed: bool,
    procedure: &'a str,
    judge: &'a str,
) -> Vec<(u8, &'a str)> {
    let mut out = of_fields(haystack, fields);
    out.extend(of_filters(closed, procedure, judge).into_iter().filter(|(_, t)| !t.is_empty()));
    out.sort_unstable();
    out.dedup();
    out
}

/// How many term ids a full build holds in memory: two generations of at most this many (see [`Recent`]).
/// Tests hold a few, so a build of a few hundred cases looks most terms up in the store again.
#[cfg(not(test))]
pub(super) const HELD_TERMS: usize = 1 << 16;
#[cfg(test)]
pub(super) const HELD_TERMS: usize = 16;

/// Term ids by text, one map per field code (a lookup borrows the text, no key is built).
#[derive(Default)]
struct Generation {
    by_field: Vec<HashMap<String, i64>>,
    len: usize,
}

impl Generation {
    fn get(&self, field: u8, text: &str) -> Option<i64> {
        self.by_field.get(field as usize)?.get(text).copied()
    }

    fn remove(&mut self, field: u8, text: &str) -> Option<i64> {
        let id = self.by_field.get_mut(field as usize)?.remove(text)?;
        self.len -= 1;
        Some(id)
    }

    fn insert(&mut self, field: u8, text: &str, id: i64) {
        if self.by_field.len() <= field as usize {
            self.by_field.resize_with(field as usize + 1, HashMap::new);
        }
        if self.by_field[field as usize].insert(text.to_string(), id).is_none() {
            self.len += 1;
        }
    }
}

/// The ids of the terms a full build met last, in bounded memory: a term is held in the current generation;
/// when that is full it becomes the previous one and the one before is dropped, and a term found in the previous
/// generation moves to the current. The frequent terms (judges, causes, common names) stay held; a term met once
/// (a case number) is dropped after at most two generations and, met again, looked up in the store.
/// Why: a build used to hold every distinct term (1,000,000 cases: millions of terms, most of the 880 MB).
struct Recent {
    now: Generation,
    before: Generation,
    cap: usize,
}

impl Recent {
    fn new(cap: usize) -> Recent {
        Recent { now: Generation::default(), before: Generation::default(), cap: cap.max(1) }
    }

    fn get(&mut self, field: u8, text: &str) -> Option<i64> {
        if let Some(id) = self.now.get(field, text) {
            return Some(id);
        }
        let id = self.before.remove(field, text)?;
        self.put(field, text, id);
        Some(id)
    }

    fn put(&mut self, field: u8, text: &str, id: i64) {
        if self.now.len >= self.cap {
            self.before = std::mem::take(&mut self.now);
        }
        self.now.insert(field, text, id);
    }
}

/// Term ids by (field, text), looked up or created; new terms' grams go to `grams`.
#[derive(Default)]
pub(super) struct Dictionary {
    /// A full build (it starts from empty tables, so ids only grow) holds the recent terms' ids; an edit looks
    /// every term up.
    recent: Option<Recent>,
    pub(super) grams: Changes,
    gram_block: Option<i64>,
}

impl Dictionary {
    /// For a full build: the tables are empty; at most `2 × held` term ids are held in memory, the rest looked up
    /// in the store when met again (the same ids whatever `held`: a term keeps the id it was first given).
    pub(super) fn empty(held: usize) -> Dictionary {
        Dictionary { recent: Some(Recent::new(held)), ..Default::default() }
    }

    fn stored_id(conn: &Connection, field: u8, text: &str) -> rusqlite::Result<Option<i64>> {
        conn.prepare_cached("SELECT id FROM search_terms WHERE field = ?1 AND text = ?2")?
            .query_row(params![field, text], |r| r.get(0))
            .optional()
    }

    /// The id of an existing term (`None`: not in the dictionary).
    pub(super) fn existing(&mut self, conn: &Connection, field: u8, text: &str) -> rusqlite::Result<Option<i64>> {
        if let Some(id) = self.recent.as_mut().and_then(|r| r.get(field, text)) {
            return Ok(Some(id));
        }
        Self::stored_id(conn, field, text)
    }

    /// The id of a term, created with its grams if new. A full build writes each block of new terms' grams once
    /// it is full (ids only grow).
    pub(super) fn id(&mut self, conn: &Connection, field: u8, text: &str) -> rusqlite::Result<i64> {
        let id = match &mut self.recent {
            None => match Self::stored_id(conn, field, text)? {
                Some(id) => return Ok(id),
                None => {
                    conn.prepare_cached("INSERT INTO search_terms (field, text) VALUES (?1, ?2)")?
                        .execute(params![field, text])?;
                    conn.last_insert_rowid()
                }
            },
            Some(recent) => {
                if let Some(id) = recent.get(field, text) {
                    return Ok(id);
                }
                // Not held: new, or met before and dropped. One statement either way for a new term (the
                // insert's own look-up in the unique index), two for a dropped one.
                let added = conn
                    .prepare_cached(
                        "INSERT INTO search_terms (field, text) VALUES (?1, ?2) ON CONFLICT (field, text) DO NOTHING",
                    )?
                    .execute(params![field, text])?;
                if added == 0 {
                    let id = Self::stored_id(conn, field, text)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
                    recent.put(field, text, id);
                    return Ok(id);
                }
                let id = conn.last_insert_rowid();
                recent.put(field, text, id);
                if self.gram_block.is_some_and(|b| b != grams::block_of(id)) {
                    std::mem::take(&mut self.grams).append(conn, Lists::Grams)?;
                }
                self.gram_block = Some(grams::block_of(id));
                id
            }
        };
        let mut g = Vec::new();
        grams::of_text(text, &mut g);
        g.sort_unstable();
        g.dedup();
        self.grams.add(id, &g);
        Ok(id)
    }

    /// Write the grams still held: appended (a full build) or merged into the stored lists (an edit).
    pub(super) fn finish(self, conn: &Connection) -> rusqlite::Result<()> {
        if self.recent.is_some() { self.grams.append(conn, Lists::Grams) } else { self.grams.apply(conn, Lists::Grams) }
    }
}

/// Take the docs deleted behind the search's back (`search_gone`) out of their terms' lists.
pub(super) fn forget_gone(conn: &Connection, dict: &mut Dictionary, postings: &mut Changes) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached("SELECT number, haystack, fields, closed, procedure, judge FROM search_gone")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let number: i64 = r.get(0)?;
        let fields = super::stored::decode(r.get_ref(2)?.as_blob()?);
        let (procedure, judge) = (r.get_ref(4)?.as_str()?, r.get_ref(5)?.as_str()?);
        let mut ids = Vec::new();
        for (f, text) in of_stored(r.get_ref(1)?.as_str()?, &fields, r.get(3)?, procedure, judge) {
            ids.extend(dict.existing(conn, f, text)?);
        }
        postings.remove(number, &ids);
    }
    drop(rows);
    conn.prepare_cached("DELETE FROM search_gone")?.execute([])?;
    Ok(())
}

/// Whether the stored docs' filter terms are in the dictionary.
pub(super) fn filters_built(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(crate::table::meta::get(conn, FILTERS_KEY)?.is_some())
}

/// Record that the filter terms are in the dictionary (a full build puts them there with the rest).
pub(super) fn set_filters_built(conn: &Connection) -> rusqlite::Result<()> {
    crate::table::meta::set(conn, FILTERS_KEY, "1")
}

/// Add the filter terms of every stored doc to the dictionary, for a store from before migration 20: one walk of
/// `search_listed` in number order (its ~50-byte rows, not the docs), each block's lists merged into the stored
/// ones once it is full (a list already there keeps its docs once), so memory is a block's whatever the store's
/// size. The caller holds the transaction and runs it before any edit's terms are saved.
pub(super) fn build_filters(conn: &Connection) -> rusqlite::Result<()> {
    // An edit's dictionary (new terms' grams merged into the stored lists), with the few filter terms' ids held
    // here: a million docs name a few hundred of them.
    let mut dict = Dictionary::default();
    let mut held: HashMap<(u8, String), i64> = HashMap::new();
    let mut postings = Changes::default();
    let mut block = None;
    let mut stmt = conn.prepare_cached("SELECT number, closed, procedure, judge FROM search_listed ORDER BY number")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(0)?;
        if block.is_some_and(|b| b != grams::block_of(n)) {
            std::mem::take(&mut postings).apply(conn, Lists::Postings)?;
        }
        block = Some(grams::block_of(n));
        let mut ids = Vec::with_capacity(3);
        for (f, text) in of_filters(r.get(1)?, r.get_ref(2)?.as_str()?, r.get_ref(3)?.as_str()?) {
            if text.is_empty() {
                continue;
            }
            let id = match held.get(&(f, text.to_string())) {
                Some(&id) => id,
                None => {
                    let id = dict.id(conn, f, text)?;
                    held.insert((f, text.to_string()), id);
                    id
                }
            };
            ids.push(id);
        }
        postings.add(n, &ids);
    }
    drop(rows);
    postings.apply(conn, Lists::Postings)?;
    dict.finish(conn)?;
    set_filters_built(conn)
}

/// The docs every one of `filters` (field code, text) holds, sorted; `None` when no filter is given. One read of
/// the filter terms' lists: the cost follows the lists' compressed size (two bytes a doc), not the matches.
pub(super) fn docs_with_all(conn: &Connection, filters: &[(u8, &str)]) -> rusqlite::Result<Option<Vec<i64>>> {
    if filters.is_empty() {
        return Ok(None);
    }
    let mut ids = Vec::with_capacity(filters.len());
    for &(f, text) in filters {
        match Dictionary::stored_id(conn, f, text)? {
            Some(id) => ids.push(id),
            None => return Ok(Some(Vec::new())),
        }
    }
    let lists = grams::lists(conn, Lists::Postings, &ids)?;
    ids.sort_unstable();
    ids.dedup();
    if lists.len() < ids.len() {
        // A filter term no doc holds any more (its list is gone).
        return Ok(Some(Vec::new()));
    }
    let mut lists: Vec<Vec<i64>> = lists.into_iter().map(|l| l.1).collect();
    lists.sort_by_key(Vec::len);
    let mut all = lists.remove(0);
    for l in &lists {
        all = grams::intersect(&all, l);
    }
    Ok(Some(all))
}

/// Whether some doc went without the search's docs being told.
pub(super) fn any_gone(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM search_gone)")?.query_row([], |r| r.get(0))
}

/// Best score and label of `t` in one term's text.
fn score_in(text: &str, field: Field, t: &Token) -> (u32, &'static str) {
    let stretch = [(0, text.len() as u32, field)];
    t.finder
        .find_iter(text.as_bytes())
        .map(|p| score_at(text, &stretch, p, t.text.len()))
        .max_by_key(|s| s.0)
        .unwrap_or((0, ""))
}

/// Every doc holding `t` somewhere it scores, with its best score and that score's label — the same as the best
/// over the doc's haystack, because a match never crosses a field.
pub(super) fn docs_with(conn: &Connection, t: &Token) -> rusqlite::Result<HashMap<i64, (u32, &'static str)>> {
    let scored: Vec<(i64, (u32, &'static str))> = {
        let (mut stmt, arg) = match grams::candidates(conn, &t.text)? {
            Some(ids) if ids.is_empty() => return Ok(HashMap::new()),
            Some(ids) => (
                conn.prepare_cached(
                    "SELECT id, field, text FROM search_terms WHERE id IN (SELECT value FROM json_each(?1))",
                )?,
                serde_json::to_string(&ids).unwrap_or_default(),
            ),
            None => (
                conn.prepare_cached("SELECT id, field, text FROM search_terms WHERE instr(text, ?1) > 0")?,
                t.text.clone(),
            ),
        };
        let mut rows = stmt.query([arg])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let s = score_in(r.get_ref(2)?.as_str()?, field_of(r.get::<_, u8>(1)?), t);
            if s.0 > 0 {
                out.push((r.get(0)?, s));
            }
        }
        out
    };
    let score: HashMap<i64, (u32, &'static str)> = scored.iter().copied().collect();
    let ids: Vec<i64> = scored.iter().map(|s| s.0).collect();
    let mut out: HashMap<i64, (u32, &'static str)> = HashMap::new();
    for (term, docs) in grams::lists(conn, Lists::Postings, &ids)? {
        let Some(&s) = score.get(&term) else { continue };
        for d in docs {
            let e = out.entry(d).or_insert(s);
            if s.0 > e.0 {
                *e = s;
            }
        }
    }
    Ok(out)
}

/// A term as a doc holds it: (field code, text).
pub(super) type Term<'a> = (u8, &'a str);

/// The terms gained and lost between two versions of a doc.
pub(super) fn diff<'a>(was: &[Term<'a>], now: &[Term<'a>]) -> (Vec<Term<'a>>, Vec<Term<'a>>) {
    let w: HashSet<&(u8, &str)> = was.iter().collect();
    let n: HashSet<&(u8, &str)> = now.iter().collect();
    (now.iter().filter(|t| !w.contains(t)).copied().collect(), was.iter().filter(|t| !n.contains(t)).copied().collect())
}
