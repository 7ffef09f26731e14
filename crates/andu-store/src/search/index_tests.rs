//! The stored grams against what they must be, and the shape of a single query.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::{grams, stored};
use crate::exchange::{ImportOptions, jsonl};
use crate::{DbKey, Store};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 15, 9, 0, 0).unwrap()
}

fn store_with(dir: &std::path::Path, cases: usize) -> Store {
    let mut s = Store::open(&dir.join("t.db"), &DbKey::new("k")).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
    let rows = jsonl::parse(&jsonl::write(&crate::demo::generate(today, cases, 7)));
    s.import(rows, ImportOptions::default(), now()).unwrap();
    s
}

/// (gram → doc numbers) as stored, and as the stored docs' own text says it must be.
fn stored_and_expected(s: &Store) -> (BTreeMap<i64, BTreeSet<i64>>, BTreeMap<i64, BTreeSet<i64>>) {
    let mut stored: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let mut stmt = s.conn.prepare("SELECT gram, block, docs FROM search_grams").unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (g, block, bytes): (i64, i64, Vec<u8>) = (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap());
        for c in bytes.chunks_exact(2) {
            stored.entry(g).or_default().insert((block << grams::BLOCK_BITS) | u16::from_le_bytes([c[0], c[1]]) as i64);
        }
    }
    let mut expected: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let numbers: Vec<i64> = s
        .conn
        .prepare("SELECT rowid FROM search_docs")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let docs = stored::load_numbered(&s.conn, &numbers).unwrap();
    assert_eq!(docs.len(), numbers.len());
    for (n, doc) in docs {
        for g in grams::of_doc(&doc) {
            expected.entry(g).or_default().insert(n);
        }
    }
    (stored, expected)
}

/// What a search returns, comparable between stores.
fn answer(s: &mut Store, q: &str) -> Vec<(String, &'static str, u32)> {
    s.search(q, 500).unwrap().into_iter().map(|h| (h.case_no, h.matched, h.score)).collect()
}

#[test]
fn every_write_keeps_the_stored_docs_and_grams_exactly_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 120);
    // The first search builds the docs and grams of a bulk import.
    s.search("张三", 5).unwrap();
    let (stored, expected) = stored_and_expected(&s);
    assert!(!expected.is_empty());
    assert_eq!(stored, expected);
    let fixed = crate::demo::FIXED_CASE_NO;
    // Edits of a few cases: each write updates the docs and grams before it commits, so no search is needed.
    s.write(now(), |w| w.set_case_field(fixed, "judge", "测试法官")).unwrap();
    s.write(now(), |w| w.add_note(fixed, "证人欧阳甲乙")).unwrap();
    let party = andu_core::PartyInput {
        role: "第三人".into(),
        name: "司马相如".into(),
        kind: "person".into(),
        id_number: None,
        address: None,
        phone: None,
        agent: None,
        foreign: false,
    };
    s.write(now(), |w| w.save_party(fixed, None, &party)).unwrap();
    let last = crate::table::change_log::last_seq(&s.conn).unwrap();
    assert_eq!(stored::seq(&s.conn).unwrap(), Some(last), "the write brought the docs up to date");
    let (stored, expected) = stored_and_expected(&s);
    assert_eq!(stored, expected);
    // A fresh process answers from the grams exactly as an index holding every doc does.
    let mut warm = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    warm.search("预热", 1).unwrap();
    for q in ["测试法官", "王建国", "欧阳", "司马相如", "smxr", "sima", "张三 借贷", "民初1234", "zs", "王", "不存在"]
    {
        let mut once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        assert_eq!(answer(&mut once, q), answer(&mut warm, q), "{q}");
    }
    let mut once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    assert_eq!(answer(&mut once, "司马相如").len(), 1);
}

#[test]
fn a_single_query_runs_the_same_statements_for_30_cases_as_for_300() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut counts = Vec::new();
    for (dir, cases) in [(a.path(), 30), (b.path(), 300)] {
        let mut s = store_with(dir, cases);
        s.search("预热", 1).unwrap();
        let mut once = Store::open(&dir.join("t.db"), &DbKey::new("k")).unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let seen = count.clone();
        once.conn
            .trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |e: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(..) = e {
                        seen.fetch_add(1, Ordering::Relaxed);
                    }
                }),
            )
            .unwrap();
        let hits = once.search("王建国", 20).unwrap();
        assert!(!hits.is_empty());
        counts.push(count.load(Ordering::Relaxed));
    }
    assert_eq!(counts[0], counts[1], "statements must not grow with the number of cases");
    // last seq, docs' seq, a size and a list per gram (two grams), the docs.
    assert!(counts[1] <= 8, "{counts:?}");
}

#[test]
fn a_single_query_pages_filters_and_counts_as_the_index_in_memory_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 150);
    s.search("预热", 1).unwrap();
    let filters = [
        super::SearchFilter::default(),
        super::SearchFilter { status: Some("pending".into()), ..Default::default() },
        super::SearchFilter { judge: Some("王建国".into()), ..Default::default() },
    ];
    for q in ["王建国", "王", "zs", "民初", "借贷 王", "(2025)"] {
        for f in &filters {
            for (offset, limit) in [(0, 5), (3, 7), (1000, 5)] {
                let mut once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
                let single = once.search_page(q, f, offset, limit).unwrap();
                // The same store asked a second time answers from the whole index in memory.
                let warm = once.search_page(q, f, offset, limit).unwrap();
                assert_eq!(single, warm, "{q} {f:?} {offset} {limit}");
            }
        }
    }
}
