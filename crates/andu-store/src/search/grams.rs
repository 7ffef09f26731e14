//! Which stored search docs can contain a word, without reading every doc: the docs holding each pair of
//! adjacent characters (a *gram*) of a field, kept in the store beside the docs.
//!
//! Why pairs: a Chinese name is two or three characters (张伟, 王建国) and the pinyin initials two or three letters
//! (`zw`); every word of two characters or more has at least one gram, and a doc containing the word contains all of
//! them. A word's candidates are the docs holding its rarest grams; the caller still checks each candidate's text
//! (the grams of a word can lie in different fields), so a stale entry only costs a read, never a wrong hit. A
//! one-character word has no gram and is answered by reading every doc, as before.
//!
//! `search_grams` holds, per gram and *block* of 4,096 doc numbers (the rowid of `search_docs`), the sorted 12-bit
//! offsets of the block's docs holding it (two bytes each). An edit rewrites only the blocks of the grams it adds
//! or removes; a full build writes each (gram, block) once.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Doc, Field};
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

/// The distinct grams of a doc: within each field, never across the separators between them.
pub(super) fn of_doc(doc: &Doc) -> Vec<i64> {
    of_fields(&doc.haystack, &doc.fields)
}

/// The same from a stored doc's haystack and stretches.
pub(super) fn of_fields(haystack: &str, fields: &[(u32, u32, Field)]) -> Vec<i64> {
    let mut out = Vec::with_capacity(haystack.len());
    for &(start, end, _) in fields {
        if let Some(text) = haystack.get(start as usize..end as usize) {
            of_text(text, &mut out);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn decode(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect()
}

fn encode(offsets: &[u16]) -> Vec<u8> {
    offsets.iter().flat_map(|o| o.to_le_bytes()).collect()
}

/// Grams docs gained and lost, grouped by (gram, block): an edit's, or with only additions a full build's.
#[derive(Default)]
pub(super) struct Changes {
    by_block: BTreeMap<(i64, i64), (Vec<u16>, Vec<u16>)>,
}

impl Changes {
    pub(super) fn add(&mut self, doc: i64, grams: &[i64]) {
        self.push(doc, grams, true);
    }

    pub(super) fn remove(&mut self, doc: i64, grams: &[i64]) {
        self.push(doc, grams, false);
    }

    fn push(&mut self, doc: i64, grams: &[i64], added: bool) {
        let (block, offset) = (doc >> BLOCK_BITS, (doc & ((1 << BLOCK_BITS) - 1)) as u16);
        for &g in grams {
            let entry = self.by_block.entry((g, block)).or_default();
            if added { entry.0.push(offset) } else { entry.1.push(offset) }
        }
    }

    /// Part of a full build, whose doc numbers only grow: each (gram, block) inserted, or its new offsets
    /// appended (they are larger than any stored, so the list stays sorted). The caller empties the table first
    /// and writes block by block, so only one block's grams are held in memory.
    pub(super) fn append(self, conn: &Connection) -> rusqlite::Result<()> {
        let mut ins = conn.prepare_cached(
            "INSERT INTO search_grams (gram, block, docs) VALUES (?1, ?2, ?3)
             ON CONFLICT (gram, block) DO UPDATE SET docs = docs || excluded.docs",
        )?;
        for ((g, block), (mut added, _)) in self.by_block {
            added.sort_unstable();
            added.dedup();
            ins.execute(params![g, block, encode(&added)])?;
        }
        Ok(())
    }

    /// Rewrite each touched (gram, block) once: read, remove, add, write (or delete when no doc is left).
    pub(super) fn apply(self, conn: &Connection) -> rusqlite::Result<()> {
        let mut read = conn.prepare_cached("SELECT docs FROM search_grams WHERE gram = ?1 AND block = ?2")?;
        let mut write =
            conn.prepare_cached("INSERT OR REPLACE INTO search_grams (gram, block, docs) VALUES (?1, ?2, ?3)")?;
        let mut delete = conn.prepare_cached("DELETE FROM search_grams WHERE gram = ?1 AND block = ?2")?;
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

/// How many grams' posting lists are intersected at most: the rarest ones; the text check does the rest.
const INTERSECTED: usize = 3;

/// The doc numbers that may contain `word` (sorted), or `None` when it has no gram (one character).
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
fn intersect(a: &[i64], b: &[i64]) -> Vec<i64> {
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

/// The block a doc number is in.
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

    #[test]
    fn offsets_survive_the_round_trip_and_lists_intersect() {
        assert_eq!(decode(&encode(&[0, 7, 4095])), vec![0, 7, 4095]);
        assert_eq!(intersect(&[1, 3, 5, 9], &[2, 3, 9, 10]), vec![3, 9]);
    }
}
