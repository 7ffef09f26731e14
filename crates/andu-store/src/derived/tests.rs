use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::*;
use crate::demo::FIXED_CASE_NO;
use crate::error::Result;
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

/// A derivation that records which cases it saw: one row per case, its 案号 and cause, dated by its filing day.
fn read_all(s: &Store, d: Derived, version: &str, derived: &Cell<usize>) -> Vec<String> {
    let mut out = Vec::new();
    s.derived(
        d,
        version,
        &mut |c: &CaseDetail| -> Result<Vec<DerivedRow>> {
            derived.set(derived.get() + 1);
            let text = format!("{}|{}", c.summary.case_no, c.summary.cause);
            Ok(vec![DerivedRow {
                lane: 0,
                day: Some(c.summary.filed.clone()),
                data: text.into_bytes(),
                detail: vec![],
            }])
        },
        &[Pick::All],
        false,
        &mut |data: &[u8], _: &[u8]| -> Result<()> {
            out.push(String::from_utf8(data.to_vec()).unwrap());
            Ok(())
        },
    )
    .unwrap();
    out.sort();
    out
}

#[test]
fn rows_are_built_once_then_only_the_touched_case_is_derived_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 40);
    let calls = Cell::new(0);
    let first = read_all(&s, Derived::Facts, "v1", &calls);
    assert_eq!((first.len(), calls.get()), (41, 41));
    calls.set(0);
    assert_eq!(read_all(&s, Derived::Facts, "v1", &calls), first);
    assert_eq!(calls.get(), 0, "nothing changed: nothing derived");

    s.write(now(), |w| w.set_case_field(FIXED_CASE_NO, "cause", "买卖合同纠纷").map(|_| ())).unwrap();
    let after = read_all(&s, Derived::Facts, "v1", &calls);
    assert_eq!(calls.get(), 1, "only the edited case");
    assert!(after.contains(&format!("{FIXED_CASE_NO}|买卖合同纠纷")), "never the old cause");
    assert_eq!(after.len(), 41);
}

#[test]
fn a_new_version_rebuilds_every_row_before_answering() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 20);
    let calls = Cell::new(0);
    read_all(&s, Derived::Facts, "holidays-2025", &calls);
    calls.set(0);
    read_all(&s, Derived::Facts, "holidays-2025+2026", &calls);
    assert_eq!(calls.get(), 21);
}

#[test]
fn a_closed_case_leaves_the_pending_rows_and_a_reopened_one_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 30);
    let calls = Cell::new(0);
    let pending = read_all(&s, Derived::Due, "v", &calls);
    assert!(pending.iter().any(|r| r.starts_with(FIXED_CASE_NO)));
    let filed = s.get_case(FIXED_CASE_NO).unwrap().summary.filed;
    s.write(now(), |w| w.set_case_field(FIXED_CASE_NO, "closed", &filed).map(|_| ())).unwrap();
    let closed = read_all(&s, Derived::Due, "v", &calls);
    assert_eq!(closed.len(), pending.len() - 1);
    assert!(!closed.iter().any(|r| r.starts_with(FIXED_CASE_NO)));
    s.write(now(), |w| w.set_case_field(FIXED_CASE_NO, "closed", "").map(|_| ())).unwrap();
    assert_eq!(read_all(&s, Derived::Due, "v", &calls), pending);
}

#[test]
fn a_large_import_is_derived_by_one_scan_and_matches_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 10);
    let calls = Cell::new(0);
    read_all(&s, Derived::Facts, "v", &calls);
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let rows = jsonl::parse(&jsonl::write(&crate::demo::generate(today, REBUILD_ABOVE + 10, 99)));
    s.import(rows, ImportOptions::default(), now()).unwrap();
    let incremental = read_all(&s, Derived::Facts, "v", &calls);
    let fresh = read_all(&s, Derived::Facts, "another", &calls);
    assert_eq!(incremental, fresh);
    assert_eq!(fresh.len(), s.case_count().unwrap());
}

/// Statements executed while `f` runs (SQLite's own count, through its trace hook).
pub(crate) fn statements_run<T>(s: &mut Store, f: impl FnOnce(&mut Store) -> T) -> (usize, T) {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    s.conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |e: TraceEvent<'_>| {
                if let TraceEvent::Stmt(..) = e {
                    seen.fetch_add(1, Ordering::Relaxed);
                }
            }),
        )
        .unwrap();
    let out = f(s);
    s.conn.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>).unwrap();
    (count.load(Ordering::Relaxed), out)
}

#[test]
fn reading_the_derived_rows_of_30_cases_runs_the_same_statements_as_of_300() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut small, mut large) = (store_with(a.path(), 30), store_with(b.path(), 300));
    let calls = Cell::new(0);
    read_all(&small, Derived::Facts, "v", &calls);
    read_all(&large, Derived::Facts, "v", &calls);
    let (n_small, rows_small) = statements_run(&mut small, |s| read_all(s, Derived::Facts, "v", &calls));
    let (n_large, rows_large) = statements_run(&mut large, |s| read_all(s, Derived::Facts, "v", &calls));
    assert_eq!((rows_small.len(), rows_large.len()), (31, 301));
    assert_eq!(n_small, n_large, "statements must not grow with the number of cases");
    // BEGIN, the freshness check (two meta reads, the last sequence), one read, COMMIT.
    assert!(n_large <= 6, "{n_large} statements");
}

#[test]
fn a_window_of_30_cases_and_of_300_runs_the_same_statements() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut small, mut large) = (store_with(a.path(), 30), store_with(b.path(), 300));
    let window = [
        Pick::Lane { lane: 0, from: Some("2025-01-01"), to: Some("2025-11-22") },
        Pick::Lane { lane: 1, from: None, to: Some("2025-11-22") },
        Pick::Lane { lane: 2, from: None, to: None },
    ];
    let read = |s: &Store| {
        let mut n = 0;
        s.derived(
            Derived::Due,
            "v",
            &mut |c: &CaseDetail| -> Result<Vec<DerivedRow>> {
                let day = Some(c.summary.filed.clone());
                Ok((0..3).map(|lane| DerivedRow { lane, day: day.clone(), data: vec![1], detail: vec![2] }).collect())
            },
            &window,
            true,
            &mut |_: &[u8], _: &[u8]| -> Result<()> {
                n += 1;
                Ok(())
            },
        )
        .unwrap();
        n
    };
    read(&small);
    read(&large);
    let (n_small, rows_small) = statements_run(&mut small, |s| read(s));
    let (n_large, rows_large) = statements_run(&mut large, |s| read(s));
    assert!(rows_large > 5 * rows_small, "{rows_small} rows, then {rows_large}");
    assert_eq!(n_small, n_large, "statements must not grow with the number of cases");
    // BEGIN, the freshness check (two meta reads, the last sequence), one read per pick, COMMIT.
    assert!(n_large <= 8, "{n_large} statements");
}

#[test]
fn a_touched_case_loses_its_rows_through_the_case_index() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 5);
    for d in [Derived::Facts, Derived::Due] {
        for table in [d.table(), d.detail_table()] {
            let plan = query_plan(&s.conn, &format!("DELETE FROM {table} WHERE case_id = ?1"));
            let index = format!("{table}_case (case_id=?)");
            assert!(plan.iter().any(|l| l.starts_with("SEARCH") && l.contains(&index)), "{table}: {plan:?}");
        }
    }
}

#[test]
fn a_window_of_dated_rows_is_one_range_of_the_primary_key() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 50);
    let calls = Cell::new(0);
    read_all(&s, Derived::Due, "v", &calls);
    s.conn.execute_batch("ANALYZE").unwrap();
    let window = [
        Pick::Lane { lane: 0, from: Some("2025-09-01"), to: Some("2025-11-22") },
        Pick::Lane { lane: 1, from: None, to: Some("2025-11-22") },
        Pick::Lane { lane: 2, from: None, to: None },
    ];
    for pick in window {
        for with_detail in [false, true] {
            let plan = query_plan(&s.conn, &pick_sql(Derived::Due, pick, with_detail));
            // A range of the primary key: the rows of the window are neighbours, read without a lookup each; each
            // detail by its whole key, in the same order.
            assert!(plan[0].starts_with("SEARCH t USING PRIMARY KEY (lane=?"), "{pick:?}: {plan:?}");
            if with_detail {
                let by_key = "SEARCH x USING PRIMARY KEY (lane=? AND day=? AND case_id=? AND n=?)";
                assert!(plan[1].starts_with(by_key), "{plan:?}");
            }
            assert_eq!(plan.len(), 1 + with_detail as usize, "{plan:?}");
        }
    }
    // The window's rows, and no others.
    let mut got = Vec::new();
    s.derived(
        Derived::Due,
        "v",
        &mut |_: &CaseDetail| -> Result<Vec<DerivedRow>> { unreachable!("fresh") },
        &window[..1],
        false,
        &mut |d: &[u8], _: &[u8]| -> Result<()> {
            got.push(String::from_utf8(d.to_vec()).unwrap());
            Ok(())
        },
    )
    .unwrap();
    let expected: Vec<String> = s
        .all_cases()
        .unwrap()
        .into_iter()
        .filter(|c| c.summary.closed.is_none() && ("2025-09-01".."2025-11-23").contains(&c.summary.filed.as_str()))
        .map(|c| format!("{}|{}", c.summary.case_no, c.summary.cause))
        .collect();
    assert!(!expected.is_empty());
    got.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn the_detail_is_handed_only_when_asked_and_an_undated_row_is_in_no_range() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with(dir.path(), 12);
    // Per case: a dated row (its filing day, with a detail) and an undated one in the same lane.
    let mut derive = |c: &CaseDetail| -> Result<Vec<DerivedRow>> {
        let no = &c.summary.case_no;
        Ok(vec![
            DerivedRow {
                lane: 1,
                day: Some(c.summary.filed.clone()),
                data: format!("{}|{no}", c.summary.filed).into_bytes(),
                detail: format!("why {no}").into_bytes(),
            },
            DerivedRow { lane: 1, day: None, data: format!("undated|{no}").into_bytes(), detail: vec![] },
        ])
    };
    let read = |pick: Pick<'_>, with_detail: bool, derive: &mut dyn FnMut(&CaseDetail) -> Result<Vec<DerivedRow>>| {
        let mut out = Vec::new();
        s.derived(Derived::Due, "v", derive, &[pick], with_detail, &mut |d: &[u8], x: &[u8]| -> Result<()> {
            out.push((String::from_utf8(d.to_vec()).unwrap(), String::from_utf8(x.to_vec()).unwrap()));
            Ok(())
        })
        .unwrap();
        out
    };
    let everything = read(Pick::Lane { lane: 1, from: None, to: None }, false, &mut derive);
    let pending = s.all_cases().unwrap().iter().filter(|c| c.summary.closed.is_none()).count();
    assert_eq!(everything.len(), 2 * pending);
    assert!(everything.iter().all(|(_, detail)| detail.is_empty()), "no detail unless asked");
    // Undated rows first (day ''), then by day: the order of the key.
    let days: Vec<&str> = everything.iter().map(|(d, _)| d.split('|').next().unwrap()).collect();
    assert!(days[..pending].iter().all(|d| *d == "undated"));
    assert!(days[pending..].windows(2).all(|w| w[0] <= w[1]), "{days:?}");

    for (from, to) in [(None, Some("2099-12-31")), (Some("1990-01-01"), None), (Some("1990-01-01"), Some("2099-12-31"))]
    {
        let dated = read(Pick::Lane { lane: 1, from, to }, true, &mut derive);
        assert_eq!(dated.len(), pending, "{from:?}..{to:?}: every dated row, no undated one");
        for (data, detail) in &dated {
            let no = data.split('|').nth(1).unwrap();
            assert_eq!(detail, &format!("why {no}"));
        }
    }
}

#[test]
fn a_memoized_value_is_kept_until_the_store_changes_or_the_version_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with(dir.path(), 5);
    let loads = Cell::new(0);
    let load = |s: &Store| -> Result<usize> {
        loads.set(loads.get() + 1);
        s.case_count()
    };
    let a = s.memoized("count", "v", load).unwrap();
    let b = s.memoized("count", "v", load).unwrap();
    assert!(Arc::ptr_eq(&a, &b) && loads.get() == 1 && *a == 6);
    s.write(now(), |w| w.set_case_field(FIXED_CASE_NO, "cause", "借款合同纠纷").map(|_| ())).unwrap();
    s.memoized("count", "v", load).unwrap();
    assert_eq!(loads.get(), 2, "a write: loaded again");
    s.memoized("count", "v2", load).unwrap();
    assert_eq!(loads.get(), 3, "another version: loaded again");
}

/// The plan of a statement whose parameters are left unbound (EXPLAIN needs no values).
fn query_plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(r) = rows.next().unwrap() {
        out.push(r.get::<_, String>(3).unwrap());
    }
    out
}
