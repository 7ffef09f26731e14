//! The stored grams against what they must be, a query against one that reads every doc, and the shape of a query.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::{grams, stored, terms};
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

/// Decoded (key → numbers) lists of `search_grams` or `search_postings`.
fn lists(s: &Store, sql: &str) -> BTreeMap<i64, BTreeSet<i64>> {
    let mut out: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let mut stmt = s.conn.prepare(sql).unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let (k, block, bytes): (i64, i64, Vec<u8>) = (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap());
        for c in bytes.chunks_exact(2) {
            out.entry(k).or_default().insert((block << grams::BLOCK_BITS) | u16::from_le_bytes([c[0], c[1]]) as i64);
        }
    }
    out
}

type Dictionary = BTreeMap<(u8, String), BTreeSet<i64>>;

/// The dictionary as stored — (field, text) → docs, and gram → terms' texts — and as the stored docs' own text
/// says it must be.
#[allow(clippy::type_complexity)]
fn stored_and_expected(
    s: &Store,
) -> ((Dictionary, BTreeMap<i64, BTreeSet<(u8, String)>>), (Dictionary, BTreeMap<i64, BTreeSet<(u8, String)>>)) {
    let terms: BTreeMap<i64, (u8, String)> = s
        .conn
        .prepare("SELECT id, field, text FROM search_terms")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut stored_docs: Dictionary = BTreeMap::new();
    for (t, docs) in lists(s, "SELECT term, block, docs FROM search_postings") {
        stored_docs.insert(terms[&t].clone(), docs);
    }
    let mut stored_grams: BTreeMap<i64, BTreeSet<(u8, String)>> = BTreeMap::new();
    for (g, ids) in lists(s, "SELECT gram, block, docs FROM search_grams") {
        stored_grams.insert(g, ids.iter().map(|t| terms[t].clone()).collect());
    }
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
    let mut docs_expected: Dictionary = BTreeMap::new();
    for (n, doc) in &docs {
        for (f, text) in terms::of_doc(doc) {
            docs_expected.entry((f, text.to_string())).or_default().insert(*n);
        }
    }
    // Every term ever seen keeps its grams (a term no doc holds any more is harmless).
    let mut grams_expected: BTreeMap<i64, BTreeSet<(u8, String)>> = BTreeMap::new();
    for term in terms.values() {
        let mut g = Vec::new();
        grams::of_text(&term.1, &mut g);
        for g in g {
            grams_expected.entry(g).or_default().insert(term.clone());
        }
    }
    // The filters' table holds exactly each doc's short columns (its triggers kept it in step).
    let short = |sql: &str| -> Vec<(i64, String, String, bool, String, String)> {
        s.conn
            .prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        short("SELECT number, filed, case_no, closed, procedure, judge FROM search_listed ORDER BY number"),
        short("SELECT rowid, filed, case_no, closed, procedure, judge FROM search_docs ORDER BY rowid"),
        "search_listed in step with search_docs"
    );
    let gone: i64 = s.conn.query_row("SELECT COUNT(*) FROM search_gone", [], |r| r.get(0)).unwrap();
    assert_eq!(gone, 0, "every deleted doc was taken out of the dictionary");
    ((stored_docs, stored_grams), (docs_expected, grams_expected))
}

/// What a search returns, comparable between stores.
fn answer(s: &Store, q: &str) -> Vec<(String, &'static str, u32)> {
    s.search(q, 500).unwrap().into_iter().map(|h| (h.case_no, h.matched, h.score)).collect()
}

/// The reference the dictionary must agree with: every stored doc read and scored whole — a doc matches when each
/// word scores in it, its score is the sum, its label the first (longest) word's best field; best score first,
/// then the newest filed, then the case number. (What the app once kept in memory, without the memory.)
fn read_every_doc(
    s: &Store,
    query: &str,
    filter: &super::SearchFilter,
    offset: usize,
    limit: usize,
) -> (usize, Vec<super::SearchHit>) {
    let tokens = super::tokens(query);
    let Some((first, rest)) = tokens.split_first() else { return (0, vec![]) };
    let docs = stored::load(&s.conn).unwrap();
    let mut hits: Vec<(u32, &'static str, &super::Doc)> = Vec::new();
    for d in docs.iter().filter(|d| filter.admits(d)) {
        let (score, label) = d.best(first);
        let others: Vec<u32> = rest.iter().map(|t| d.best(t).0).collect();
        if score > 0 && others.iter().all(|&o| o > 0) {
            hits.push((score + others.iter().sum::<u32>(), label, d));
        }
    }
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0).then_with(|| b.2.filed.cmp(&a.2.filed)).then_with(|| a.2.case_no.cmp(&b.2.case_no))
    });
    let page = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(score, matched, d)| super::SearchHit {
            id: d.id.clone(),
            case_no: d.case_no.clone(),
            cause: d.cause.clone(),
            parties: d.parties_line.clone(),
            judge: d.judge.clone(),
            status: if d.closed { "closed" } else { "pending" },
            filed: d.filed.clone(),
            matched,
            score: *score,
        })
        .collect();
    (hits.len(), page)
}

/// [`read_every_doc`] in [`answer`]'s terms.
fn answer_reading_every_doc(s: &Store, q: &str) -> Vec<(String, &'static str, u32)> {
    let (_, hits) = read_every_doc(s, q, &super::SearchFilter::default(), 0, 500);
    hits.into_iter().map(|h| (h.case_no, h.matched, h.score)).collect()
}

#[test]
fn every_write_keeps_the_stored_docs_and_grams_exactly_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 120);
    // The first search builds the docs and grams of a bulk import.
    s.search("张三", 5).unwrap();
    let (stored, expected) = stored_and_expected(&s);
    assert!(!expected.0.is_empty());
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
    // A fresh process answers from the grams exactly as reading every doc does, and so does an open store again.
    for q in ["测试法官", "王建国", "欧阳", "司马相如", "smxr", "sima", "张三 借贷", "民初1234", "zs", "王", "不存在"]
    {
        let once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        assert_eq!(answer(&once, q), answer_reading_every_doc(&s, q), "{q}");
        assert_eq!(answer(&s, q), answer_reading_every_doc(&s, q), "{q}");
    }
    let once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    assert_eq!(answer(&once, "司马相如").len(), 1);

    // Sync deletes cases without the search knowing (their docs go by cascade); the last doc's number is the one
    // SQLite hands out again, so the next case written must not inherit the deleted one's terms.
    let last_doc: String =
        s.conn.query_row("SELECT case_id FROM search_docs ORDER BY rowid DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let fixed_id: String = s.conn.query_row("SELECT id FROM cases WHERE case_no = ?1", [fixed], |r| r.get(0)).unwrap();
    for id in [&last_doc, &fixed_id] {
        s.conn.execute("DELETE FROM cases WHERE id = ?1", [id]).unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
    let taken: BTreeSet<String> = s
        .conn
        .prepare("SELECT case_no FROM cases")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let new = crate::demo::generate(today, 40, 99).into_iter().find(|c| !taken.contains(&c.case_no)).unwrap();
    s.write(now(), |w| w.add_case(&new.validate().unwrap())).unwrap();
    let once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    assert!(answer(&once, "司马相如").is_empty());
    let (stored, expected) = stored_and_expected(&once);
    assert_eq!(stored, expected);
    for q in ["王建国", "zs", "民初", &new.case_no] {
        let once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        assert_eq!(answer(&once, q), answer_reading_every_doc(&once, q), "{q}");
    }
}

#[test]
fn a_single_query_runs_the_same_statements_for_100_cases_as_for_400() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut counts = Vec::new();
    for (dir, cases) in [(a.path(), 100), (b.path(), 400)] {
        let s = store_with(dir, cases);
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
    // last seq, docs' seq, anything gone, a size and a list per gram (two grams), the terms, their lists, the
    // small groups' dates, the walk of the order for the judge's many cases, the page's docs.
    assert!(counts[1] <= 12, "{counts:?}");
}

/// Putting a large group of equal scores in order reads the index's first entries, never sorts every doc.
#[test]
fn the_order_of_a_large_group_comes_from_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 5);
    let plan: Vec<String> = s
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", stored::IN_ORDER))
        .unwrap()
        .query_map([], |r| r.get(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let plan = plan.join(" / ");
    assert!(plan.contains("USING COVERING INDEX search_docs_order"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn a_query_pages_filters_and_counts_as_reading_every_doc_does() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 150);
    s.search("预热", 1).unwrap();
    // Every combination of the list screen's filters, each unset, empty, or set (to a value some case holds, and
    // to one none does).
    let mut filters = Vec::new();
    for status in [None, Some(""), Some("pending"), Some("closed"), Some("all")] {
        for procedure in [None, Some(""), Some("civil-ordinary"), Some("enforcement"), Some("no-such")] {
            for judge in [None, Some(""), Some("王建国"), Some("张卫东"), Some("无此人")] {
                filters.push(super::SearchFilter {
                    status: status.map(Into::into),
                    procedure: procedure.map(Into::into),
                    judge: judge.map(Into::into),
                });
            }
        }
    }
    for q in ["王建国", "王", "zs", "民初", "借贷 王", "(2025)", "1234号", "zhang", "王建国 民初"] {
        for (i, f) in filters.iter().enumerate() {
            // Every page shape for a few filters, the first page and a middle one for all of them.
            let pages: &[(usize, usize)] =
                if i % 11 == 0 { &[(0, 5), (3, 7), (0, 40), (17, 9), (1000, 5)] } else { &[(0, 5), (4, 9)] };
            for &(offset, limit) in pages {
                let stored = s.search_page(q, f, offset, limit).unwrap();
                assert_eq!(stored, read_every_doc(&s, q, f, offset, limit), "{q} {f:?} {offset} {limit}");
            }
        }
    }
}

/// Every row of the search tables, in key order, as text (blobs as hex): two builds are the same when these are.
fn search_tables(s: &Store) -> Vec<Vec<String>> {
    let sqls = [
        "SELECT rowid, case_id, case_no, cause, parties_line, judge, procedure, filed, closed, haystack, hex(fields)
           FROM search_docs ORDER BY rowid",
        "SELECT id, field, text FROM search_terms ORDER BY id",
        "SELECT term, block, hex(docs) FROM search_postings ORDER BY term, block",
        "SELECT gram, block, hex(docs) FROM search_grams ORDER BY gram, block",
        "SELECT number, filed, case_no, closed, procedure, judge FROM search_listed ORDER BY number",
    ];
    sqls.iter()
        .map(|sql| {
            let mut stmt = s.conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            stmt.query_map([], |r| {
                Ok((0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        other => format!("{other:?}"),
                    })
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
        })
        .collect()
}

/// The full build of the docs and dictionary in parts of a few cases holding a few term ids (as a 1,000,000-case
/// store is built: bounded memory, terms met again looked up in the store) writes exactly the rows of a build of
/// every case in one part holding every term.
#[test]
fn a_build_in_parts_with_few_terms_held_equals_the_build_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 300);
    let last = crate::table::change_log::last_seq(&s.conn).unwrap();
    let build = |per_part: usize, held: usize| {
        let tx = s.conn.unchecked_transaction().unwrap();
        super::build_stored(&tx, last, per_part, held).unwrap();
        let tables = search_tables(&s);
        tx.commit().unwrap();
        tables
    };
    let one_go = build(usize::MAX, usize::MAX);
    let parts = build(7, terms::HELD_TERMS);
    let distinct_terms = one_go[1].len();
    assert!(distinct_terms > 20 * terms::HELD_TERMS, "the small build drops terms: {distinct_terms} terms");
    assert_eq!(one_go[0].len(), 301, "every case has its doc");
    for (table, (a, b)) in ["docs", "terms", "postings", "grams", "listed"].iter().zip(one_go.iter().zip(&parts)) {
        assert_eq!(a.len(), b.len(), "{table}");
        assert!(a == b, "{table} differ");
    }
    let (stored, expected) = stored_and_expected(&s);
    assert_eq!(stored, expected);
}

/// A store whose docs were kept up to date case by case (each write of a case updates them in its own
/// transaction) holds exactly the rows a full build of the same store writes; the full build empties the filled
/// tables by dropping and making them again (`table::empty`), which leaves the schema — indexes and triggers — as
/// it was, so the writes after it still keep everything in step.
#[test]
fn a_rebuild_writes_exactly_the_rows_the_case_by_case_updates_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    // The first search builds the (empty) docs; from then on every write of a case keeps them.
    s.search("张三", 5).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
    let cases = crate::demo::generate(today, 80, 7);
    for case in &cases {
        s.write(now(), |w| w.add_case(&case.validate().unwrap())).unwrap();
    }
    let schema = |s: &Store| -> Vec<(String, String, String)> {
        s.conn
            .prepare("SELECT type, name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (schema_before, kept) = (schema(&s), search_tables(&s));
    assert_eq!(kept[0].len(), cases.len(), "every case has its doc");
    let last = crate::table::change_log::last_seq(&s.conn).unwrap();
    assert_eq!(stored::seq(&s.conn).unwrap(), Some(last), "kept case by case, never rebuilt");

    let secure = |s: &Store| -> i64 { s.conn.query_row("PRAGMA secure_delete", [], |r| r.get(0)).unwrap() };
    let secure_before = secure(&s);
    let tx = s.conn.unchecked_transaction().unwrap();
    super::build_stored(&tx, last, 7, terms::HELD_TERMS).unwrap();
    tx.commit().unwrap();
    assert_eq!(schema(&s), schema_before, "the schema is as it was");
    assert_eq!(secure(&s), secure_before, "secure_delete as it was");
    let rebuilt = search_tables(&s);
    for (table, (a, b)) in ["docs", "terms", "postings", "grams", "listed"].iter().zip(kept.iter().zip(&rebuilt)) {
        assert_eq!(a.len(), b.len(), "{table}");
        assert!(a == b, "{table} differ");
    }
    // The triggers made again still keep the filters' table in step with the docs.
    s.write(now(), |w| w.set_case_field(crate::demo::FIXED_CASE_NO, "judge", "测试法官")).unwrap();
    let (stored, expected) = stored_and_expected(&s);
    assert_eq!(stored, expected);
    assert_eq!(answer(&s, "测试法官"), answer_reading_every_doc(&s, "测试法官"));
}

/// The page of a filtered or unfiltered query reads its docs' dates and numbers by number from `search_listed`,
/// never a row of `search_docs` (whose haystacks made a read a page per doc).
#[test]
fn the_page_reads_its_dates_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 5);
    let mut stmt = s.conn.prepare(&format!("EXPLAIN QUERY PLAN {}", stored::LISTED)).unwrap();
    let plan: Vec<String> =
        stmt.query_map([rusqlite::types::Null], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
    let plan = plan.join(" / ");
    assert!(plan.contains("SEARCH search_listed USING INTEGER PRIMARY KEY (rowid=?)"), "{plan}");
    assert!(!plan.contains("SCAN search_listed"), "{plan}");
    assert!(!plan.contains("search_docs"), "{plan}");
}

/// A store from before the filter terms (migration 20) gets them from `search_listed` by the first search or
/// write after the upgrade — here an edit, whose own terms are saved after them — and the dictionary is then
/// exactly what the docs say; filtered queries answer as reading every doc does.
#[test]
fn the_filter_terms_of_a_store_from_before_them_are_added_at_the_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 150);
    s.search("预热", 1).unwrap();
    // As the store was before migration 20: no filter term (nor its grams), nothing saying they were built.
    let filter_terms: Vec<(i64, String)> = s
        .conn
        .prepare("SELECT id, text FROM search_terms WHERE field >= 7")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(filter_terms.len() >= 5, "{filter_terms:?}");
    let mut gone_grams = grams::Changes::default();
    for (id, text) in &filter_terms {
        let mut g = Vec::new();
        grams::of_text(text, &mut g);
        g.sort_unstable();
        g.dedup();
        gone_grams.remove(*id, &g);
    }
    gone_grams.apply(&s.conn, grams::Lists::Grams).unwrap();
    s.conn
        .execute_batch(
            "DELETE FROM search_postings WHERE term IN (SELECT id FROM search_terms WHERE field >= 7);
             DELETE FROM search_terms WHERE field >= 7;
             DELETE FROM meta WHERE key = 'search_filters';",
        )
        .unwrap();
    assert!(!terms::filters_built(&s.conn).unwrap());
    s.write(now(), |w| w.set_case_field(crate::demo::FIXED_CASE_NO, "judge", "测试法官")).unwrap();
    assert!(terms::filters_built(&s.conn).unwrap());
    let (stored, expected) = stored_and_expected(&s);
    assert_eq!(stored, expected);
    for (status, judge) in [(Some("pending"), None), (Some("closed"), Some("王建国")), (None, Some("测试法官"))]
    {
        let f =
            super::SearchFilter { status: status.map(Into::into), judge: judge.map(Into::into), ..Default::default() };
        for q in ["王建国", "民初", "zs"] {
            let once = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
            assert_eq!(once.search_page(q, &f, 0, 40).unwrap(), read_every_doc(&s, q, &f, 0, 40), "{q} {f:?}");
        }
    }
}

/// A filtered query runs the same statements whatever the store's size, like an unfiltered one.
#[test]
fn a_filtered_query_runs_the_same_statements_for_200_cases_as_for_400() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let filter = super::SearchFilter { status: Some("closed".into()), ..Default::default() };
    let mut counts = Vec::new();
    // Both sizes give the judge's closed cases a group of equal scores too large to sort by reading each doc.
    for (dir, cases) in [(a.path(), 200), (b.path(), 400)] {
        let s = store_with(dir, cases);
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
        let (total, hits) = once.search_page("王建国", &filter, 0, 20).unwrap();
        assert!(total > 0 && !hits.is_empty());
        counts.push(count.load(Ordering::Relaxed));
    }
    assert_eq!(counts[0], counts[1], "statements must not grow with the number of cases");
    // As unfiltered, and the filter's term and its list (the small groups' dates are read as unfiltered).
    assert!(counts[1] <= 14, "{counts:?}");
}
