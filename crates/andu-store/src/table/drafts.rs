//! Draft judgments (文书草稿): `drafts`, their immutable `draft_revisions` (a DAG: each revision lists its parents),
//! and `draft_autosave`, the local working copy of the editor.
//!
//! Revisions are only ever inserted, never updated or deleted, so two machines that edited the same draft offline
//! both keep their text: after sync the draft simply has two heads, which the editor shows as a conflict with a
//! proposed merge (`crate::drafting`). The autosave row is rewritten every few seconds and is deliberately *not* in
//! the change log: it is one machine's unsaved work, and logging it would flood sync.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 7,
    sql: "CREATE TABLE drafts (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, title TEXT NOT NULL, created_at TEXT NOT NULL
          ) STRICT;
          CREATE INDEX drafts_case ON drafts (case_id, created_at);
          CREATE TABLE draft_revisions (
            id TEXT PRIMARY KEY, draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            parents TEXT NOT NULL, content TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL
          ) STRICT;
          CREATE INDEX draft_revisions_draft ON draft_revisions (draft_id, created_at);
          CREATE TABLE draft_autosave (
            draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
            content TEXT NOT NULL, saved_at TEXT NOT NULL, base_revision TEXT
          ) STRICT;",
}];

/// The text of a draft: section key (e.g. `reasoning` for 本院认为) → text. Kept as a map so that a client that
/// does not know a section added later still carries it through merges and saves untouched.
pub type DraftContent = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftRow {
    pub id: String,
    pub case_id: String,
    /// What is being drafted, e.g. `civil-judgment` (民事判决书).
    pub kind: String,
    pub title: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionRow {
    pub id: String,
    pub draft_id: String,
    pub parents: Vec<String>,
    pub content: DraftContent,
    pub author: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutosaveRow {
    pub draft_id: String,
    pub content: DraftContent,
    pub saved_at: String,
    /// The revision the editor started from; the next saved revision names it as its parent.
    pub base_revision: Option<String>,
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("draft rows serialise")
}

fn from_json<T: for<'de> Deserialize<'de>>(col: usize, s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn insert_draft(conn: &Connection, d: &DraftRow) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO drafts (id, case_id, kind, title, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![d.id, d.case_id, d.kind, d.title, d.created_at])?;
    Ok(())
}

pub(crate) fn insert_revision(conn: &Connection, r: &RevisionRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO draft_revisions (id, draft_id, parents, content, author, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![r.id, r.draft_id, json(&r.parents), json(&r.content), r.author, r.created_at])?;
    Ok(())
}

/// Insert a draft (`entity = "draft"`) or a revision (`entity = "draft_revision"`) pulled from the court server,
/// given the `new` JSON of its change-log row, *without* logging it again. Applying the same row twice is a no-op
/// (ids are global and rows immutable), so a repeated pull is harmless. Returns whether the entity is a draft one.
pub fn apply_remote_draft(conn: &Connection, entity: &str, new: &str) -> rusqlite::Result<bool> {
    match entity {
        "draft" => {
            let d: DraftRow = from_json(0, new)?;
            conn.prepare_cached(
                "INSERT OR IGNORE INTO drafts (id, case_id, kind, title, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![d.id, d.case_id, d.kind, d.title, d.created_at])?;
            Ok(true)
        }
        "draft_revision" => {
            let r: RevisionRow = from_json(0, new)?;
            conn.prepare_cached(
                "INSERT OR IGNORE INTO draft_revisions (id, draft_id, parents, content, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                r.id,
                r.draft_id,
                json(&r.parents),
                json(&r.content),
                r.author,
                r.created_at
            ])?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn draft_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DraftRow> {
    Ok(DraftRow { id: r.get(0)?, case_id: r.get(1)?, kind: r.get(2)?, title: r.get(3)?, created_at: r.get(4)? })
}

fn revision_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RevisionRow> {
    Ok(RevisionRow {
        id: r.get(0)?,
        draft_id: r.get(1)?,
        parents: from_json(2, &r.get::<_, String>(2)?)?,
        content: from_json(3, &r.get::<_, String>(3)?)?,
        author: r.get(4)?,
        created_at: r.get(5)?,
    })
}

pub fn draft(conn: &Connection, id: &str) -> rusqlite::Result<Option<DraftRow>> {
    conn.prepare_cached("SELECT id, case_id, kind, title, created_at FROM drafts WHERE id = ?1")?
        .query_row([id], draft_row)
        .optional()
}

/// Drafts of a case, oldest first.
pub fn for_case(conn: &Connection, case_id: &str) -> rusqlite::Result<Vec<DraftRow>> {
    conn.prepare_cached(
        "SELECT id, case_id, kind, title, created_at FROM drafts WHERE case_id = ?1 ORDER BY created_at, id",
    )?
    .query_map([case_id], draft_row)?
    .collect()
}

pub fn revision(conn: &Connection, id: &str) -> rusqlite::Result<Option<RevisionRow>> {
    conn.prepare_cached("SELECT id, draft_id, parents, content, author, created_at FROM draft_revisions WHERE id = ?1")?
        .query_row([id], revision_row)
        .optional()
}

/// Every revision of a draft, oldest first (UUIDv7 ids break ties in creation order).
pub fn revisions(conn: &Connection, draft_id: &str) -> rusqlite::Result<Vec<RevisionRow>> {
    conn.prepare_cached(
        "SELECT id, draft_id, parents, content, author, created_at FROM draft_revisions
         WHERE draft_id = ?1 ORDER BY created_at, id",
    )?
    .query_map([draft_id], revision_row)?
    .collect()
}

/// The revisions no other revision of the draft names as a parent, oldest first. More than one is a conflict.
pub fn heads(conn: &Connection, draft_id: &str) -> rusqlite::Result<Vec<RevisionRow>> {
    Ok(heads_of(revisions(conn, draft_id)?))
}

pub(crate) fn heads_of(revs: Vec<RevisionRow>) -> Vec<RevisionRow> {
    let parents: BTreeSet<String> = revs.iter().flat_map(|r| r.parents.iter().cloned()).collect();
    revs.into_iter().filter(|r| !parents.contains(&r.id)).collect()
}

/// The lowest common ancestor of `a` and `b` in the revision DAG given as `id → parents` (a revision is its own
/// ancestor). When several common ancestors are equally low (criss-cross merges), the newest id wins, so every
/// machine proposes the same merge. `None` when the two histories share nothing.
pub fn lowest_common_ancestor(parents: &HashMap<String, Vec<String>>, a: &str, b: &str) -> Option<String> {
    let ancestors = |start: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.to_string()];
        while let Some(id) = todo.pop() {
            if seen.insert(id.clone()) {
                todo.extend(parents.get(&id).into_iter().flatten().cloned());
            }
        }
        seen
    };
    let common: BTreeSet<String> = ancestors(a).intersection(&ancestors(b)).cloned().collect();
    // A common ancestor is lowest when it is not a (strict) ancestor of another common ancestor.
    let mut not_lowest = BTreeSet::new();
    for c in &common {
        for anc in ancestors(c) {
            if &anc != c {
                not_lowest.insert(anc);
            }
        }
    }
    common.into_iter().filter(|c| !not_lowest.contains(c)).max()
}

pub(crate) fn set_autosave(conn: &Connection, a: &AutosaveRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO draft_autosave (draft_id, content, saved_at, base_revision) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (draft_id) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at,
           base_revision = excluded.base_revision",
    )?
    .execute(params![a.draft_id, json(&a.content), a.saved_at, a.base_revision])?;
    Ok(())
}

pub fn autosave(conn: &Connection, draft_id: &str) -> rusqlite::Result<Option<AutosaveRow>> {
    conn.prepare_cached("SELECT draft_id, content, saved_at, base_revision FROM draft_autosave WHERE draft_id = ?1")?
        .query_row([draft_id], |r| {
            Ok(AutosaveRow {
                draft_id: r.get(0)?,
                content: from_json(1, &r.get::<_, String>(1)?)?,
                saved_at: r.get(2)?,
                base_revision: r.get(3)?,
            })
        })
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dag(edges: &[(&str, &[&str])]) -> HashMap<String, Vec<String>> {
        edges.iter().map(|(id, ps)| (id.to_string(), ps.iter().map(|p| p.to_string()).collect())).collect()
    }

    #[test]
    fn lca_on_small_dags() {
        // a ← b ← c, b ← d: the fork point is b.
        let g = dag(&[("a", &[]), ("b", &["a"]), ("c", &["b"]), ("d", &["b"])]);
        assert_eq!(lowest_common_ancestor(&g, "c", "d").as_deref(), Some("b"));
        // One side is an ancestor of the other: the ancestor itself.
        assert_eq!(lowest_common_ancestor(&g, "a", "c").as_deref(), Some("a"));
        assert_eq!(lowest_common_ancestor(&g, "c", "c").as_deref(), Some("c"));
        // After a merge m(c, d) and a new edit e on d, m and e meet at d.
        let g = dag(&[("a", &[]), ("b", &["a"]), ("c", &["b"]), ("d", &["b"]), ("m", &["c", "d"]), ("e", &["d"])]);
        assert_eq!(lowest_common_ancestor(&g, "m", "e").as_deref(), Some("d"));
        // Two unrelated roots share nothing.
        let g = dag(&[("x", &[]), ("y", &[])]);
        assert_eq!(lowest_common_ancestor(&g, "x", "y"), None);
        // Criss-cross: p and q both merge c and d; both are lowest, the newest id is chosen every time.
        let g = dag(&[("a", &[]), ("c", &["a"]), ("d", &["a"]), ("p", &["c", "d"]), ("q", &["d", "c"])]);
        assert_eq!(lowest_common_ancestor(&g, "p", "q").as_deref(), Some("d"));
    }

    #[test]
    fn heads_are_revisions_nobody_names_as_parent() {
        let rev = |id: &str, parents: &[&str]| RevisionRow {
            id: id.into(),
            draft_id: "d".into(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            content: DraftContent::new(),
            author: "王建国".into(),
            created_at: "2026-11-26T08:00:00.000Z".into(),
        };
        let ids = |v: Vec<RevisionRow>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(heads_of(vec![rev("a", &[]), rev("b", &["a"])])), ["b"]);
        assert_eq!(ids(heads_of(vec![rev("a", &[]), rev("b", &["a"]), rev("c", &["a"])])), ["b", "c"]);
        assert_eq!(
            ids(heads_of(vec![rev("a", &[]), rev("b", &["a"]), rev("c", &["a"]), rev("m", &["b", "c"])])),
            ["m"]
        );
    }
}
