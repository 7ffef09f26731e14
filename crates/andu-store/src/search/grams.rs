//! Which terms of the search dictionary ([`super::terms`]) can contain a word, without reading every term: the
//! terms holding each pair of adjacent characters (a *gram*), kept in the store beside them.
//!
//! Why pairs: a Chinese name is two or three characters (张伟, 王建国) and the pinyin initials two or three letters
//! (`zw`); every word of two characters or more has at least one gram, and a term containing the word contains all
//! of them. A word's candidates are the terms holding its rarest grams; the caller still checks each candidate's
//! text, so a stale entry only costs a read, never a wrong hit. A one-character word has no gram and is answered by
//! reading every term.
//!
//! `search_grams` holds, per gram and *block* of 4,096 term ids, the sorted 12-bit offsets of the block's terms
//! holding it (two bytes each); `search_postings` holds each term's docs the same way ([`Changes`] keeps both).
//! An edit rewrites only the blocks it changes; a full build writes each (key, block) once. Until migration 16
//! the grams pointed at docs directly (which made a common word read thousands of docs).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::migrate::Migration;

/// Migration 14 also forgets the docs' sequence, so the next search (or write) builds the docs and their grams again
/// (a store from before has docs but no grams).
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 14,
    sql: "CREATE TABLE search_grams (
            gram  INTEGER NOT NULL,
            block INTEGER NOT NULL,
            docs  BLOB NOT NULL,
            PRIMARY KEY (gram, block)
          ) STRICT, WITHOUT ROWID;
          DELETE FROM meta WHERE key = 'search_seq';",
}];

/// 4,096 docs a block; tests use blocks of 16, so a few hundred docs span many of them.
#[cfg(not(test))]
pub(super) const BLOCK_BITS: u32 = 12;
#[cfg(test)]
pub(super) const BLOCK_BITS: u32 = 4;

/// Two characters as one integer: each `char` fits in 21 bits.
fn gram(a: char, b: char) -> i64 {
    ((a as i64) << 21) | b as i64
}

/// The distinct grams of a text, in no particular order.
pub(super) fn of_text(text: &str, out: &mut Vec<i64>) {
    let mut chars = text.chars();
    let Some(mut prev) = chars.next() else { return };
    for c in chars {
        out.push(gram(prev, c));
        prev = c;
    }
}

fn decode(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect()
}

fn encode(offsets: &[u16]) -> Vec<u8> {
    offsets.iter().flat_map(|o| o.to_le_bytes()).collect()
}

/// Numbers (docs or terms) that keys (grams or terms) gained and lost, grouped by (key, block): an edit's, or with
/// only additions a full build's.
#[derive(Default)]
pub(super) struct Changes {
    by_block: BTreeMap<(i64, i64), (Vec<u16>, Vec<u16>)>,
}

impl Changes {
    pub(super) fn add(&mut self, number: i64, keys: &[i64]) {
        self.push(number, keys, true);
    }

    pub(super) fn remove(&mut self, number: i64, keys: &[i64]) {
        self.push(number, keys, false);
    }

    fn push(&mut self, doc: i64, keys: &[i64], added: bool) {
        let (block, offset) = (doc >> BLOCK_BITS, (doc & ((1 << BLOCK_BITS) - 1)) as u16);
        for &g in keys {
            let entry = self.by_block.entry((g, block)).or_default();
            if added { entry.0.push(offset) } else { entry.1.push(offset) }
        }
    }

    /// Part of a full build, whose doc numbers only grow: each (gram, block) inserted, or its new offsets
    /// appended (they are larger than any stored, so the list stays sorted; `||` makes text of two blobs, so the
    /// result is cast back, byte for byte, to the column's type). The caller empties the table first
    /// and writes block by block, so only one block's grams are held in memory.
    pub(super) fn append(self, conn: &Connection, table: Lists) -> rusqlite::Result<()> {
        let (t, key) = table.names();
        let mut ins = conn.prepare_cached(&format!(
            "INSERT INTO {t} ({key}, block, docs) VALUES (?1, ?2, ?3)
             ON CONFLICT ({key}, block) DO UPDATE SET docs = CAST(docs || excluded.docs AS BLOB)"
        ))?;
        for ((g, block), (mut added, _)) in self.by_block {
            added.sort_unstable();
            added.dedup();
            ins.execute(params![g, block, encode(&added)])?;
        }
        Ok(())
    }

    /// Rewrite each touched (gram, block) once: read, remove, add, write (or delete when no doc is left).
    pub(super) fn apply(self, conn: &Connection, table: Lists) -> rusqlite::Result<()> {
        let (t, key) = table.names();
        let mut read = conn.prepare_cached(&format!("SELECT docs FROM {t} WHERE {key} = ?1 AND block = ?2"))?;
        let mut write =
            conn.prepare_cached(&format!("INSERT OR REPLACE INTO {t} ({key}, block, docs) VALUES (?1, ?2, ?3)"))?;
        let mut delete = conn.prepare_cached(&format!("DELETE FROM {t} WHERE {key} = ?1 AND block = ?2"))?;
        for ((g, block), (added, removed)) in self.by_block {
            let stored: Option<Vec<u8>> = read.query_row(params![g, block], |r| r.get(0)).optional()?;
            let mut offsets = stored.map(|b| decode(&b)).unwrap_or_default();
            offsets.retain(|o| !removed.contains(o));
            offsets.extend(added);
            offsets.sort_unstable();
            offsets.dedup();
            if offsets.is_empty() {
                delete.execute(params![g, block])?;
            } else {
                write.execute(params![g, block, encode(&offsets)])?;
            }
        }
        Ok(())
    }
}

/// The two tables of sorted number lists by (key, block).
#[derive(Debug, Clone, Copy)]
pub(super) enum Lists {
    /// gram → term ids.
    Grams,
    /// term → doc numbers.
    Postings,
}

impl Lists {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Lists::Grams => ("search_grams", "gram"),
            Lists::Postings => ("search_postings", "term"),
        }
    }
}

/// The numbers listed under each of `keys` in `table`, as (key, sorted numbers), one statement for all of them.
pub(super) fn lists(conn: &Connection, table: Lists, keys: &[i64]) -> rusqlite::Result<Vec<(i64, Vec<i64>)>> {
    let (t, key) = table.names();
    let mut read = conn.prepare_cached(&format!(
        "SELECT {key}, block, docs FROM {t} WHERE {key} IN (SELECT value FROM json_each(?1)) ORDER BY {key}, block"
    ))?;
    let mut rows = read.query([serde_json::to_string(keys).unwrap_or_default()])?;
    let mut out: Vec<(i64, Vec<i64>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let (k, block): (i64, i64) = (r.get(0)?, r.get(1)?);
        if out.last().is_none_or(|l| l.0 != k) {
            out.push((k, Vec::new()));
        }
        let numbers = decode(r.get_ref(2)?.as_blob()?).into_iter().map(|o| (block << BLOCK_BITS) | o as i64);
        if let Some(last) = out.last_mut() {
            last.1.extend(numbers);
        }
    }
    Ok(out)
}

/// How many grams' posting lists are intersected at most: the rarest ones; the text check does the rest.
const INTERSECTED: usize = 3;

/// The term ids that may contain `word` (sorted), or `None` when it has no gram (one character).
pub(super) fn candidates(conn: &Connection, word: &str) -> rusqlite::Result<Option<Vec<i64>>> {
    let mut grams = Vec::new();
    of_text(word, &mut grams);
    grams.sort_unstable();
    grams.dedup();
    if grams.is_empty() {
        return Ok(None);
    }
    // The size of each gram's list (SQLite reads a blob's length without its content), rarest first.
    let mut size = conn.prepare_cached("SELECT COALESCE(SUM(length(docs)), 0) FROM search_grams WHERE gram = ?1")?;
    let mut sized: Vec<(i64, i64)> = Vec::with_capacity(grams.len());
    for g in grams {
        let n: i64 = size.query_row([g], |r| r.get(0))?;
        if n == 0 {
            return Ok(Some(Vec::new()));
        }
        sized.push((n, g));
    }
    sized.sort_unstable();
    let mut read = conn.prepare_cached("SELECT block, docs FROM search_grams WHERE gram = ?1 ORDER BY block")?;
    let mut out: Option<Vec<i64>> = None;
    for (_, g) in sized.into_iter().take(INTERSECTED) {
        let mut docs = Vec::new();
        let mut rows = read.query([g])?;
        while let Some(r) = rows.next()? {
            let block: i64 = r.get(0)?;
            let bytes: Vec<u8> = r.get(1)?;
            docs.extend(decode(&bytes).into_iter().map(|o| (block << BLOCK_BITS) | o as i64));
        }
        out = Some(match out {
            None => docs,
            Some(prev) => intersect(&prev, &docs),
        });
        if out.as_ref().is_some_and(Vec::is_empty) {
            break;
        }
    }
    Ok(out)
}

/// Both sorted lists' common elements.
pub(super) fn intersect(a: &[i64], b: &[i64]) -> Vec<i64> {
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len().min(b.len())));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The block a number is in.
pub(super) fn block_of(doc: i64) -> i64 {
    doc >> BLOCK_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_stay_within_a_field() {
        let mut g = Vec::new();
        of_text("王建国", &mut g);
        assert_eq!(g, vec![gram('王', '建'), gram('建', '国')]);
        let mut one = Vec::new();
        of_text("王", &mut one);
        assert!(one.is_empty());
    }

    /// A full build appends a block's offsets to a list already stored for it: the list keeps its bytes (a STRICT
    /// BLOB column refused the text `||` makes of two blobs).
    #[test]
    fn appending_to_a_stored_block_keeps_both_parts() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0].sql.split(';').next().unwrap()).unwrap();
        for numbers in [[1, 2, 3], [5, 9, 15]] {
            let mut c = Changes::default();
            for n in numbers {
                c.add(n, &[7]);
            }
            c.append(&conn, Lists::Grams).unwrap();
        }
        assert_eq!(lists(&conn, Lists::Grams, &[7]).unwrap(), vec![(7, vec![1, 2, 3, 5, 9, 15])]);
    }

    #[test]
    fn offsets_survive_the_round_trip_and_lists_intersect() {
        assert_eq!(decode(&encode(&[0, 7, 4095])), vec![0, 7, 4095]);
        assert_eq!(intersect(&[1, 3, 5, 9], &[2, 3, 9, 10]), vec![3, 9]);
    }
}
