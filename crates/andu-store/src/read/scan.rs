//! Reading many cases at once, by set rather than by case: one statement per table, each returning its rows in
//! the same case order (by id), merged as they stream, in one read transaction.
//!
//! Why: a division's store holds 50,000–100,000 cases. One query per case and table costs tens of thousands of
//! statement executions; these nine statements (cases, parties, seven child tables) cost the same whatever the
//! number of cases. Each child statement walks the cases in id order and looks up that case's rows by its
//! `(case_id, …)` index, so no statement sorts the whole table, and the caller sees one whole case at a time:
//! memory stays that of one case, not of the whole store. Ids are UUIDv7, so id order is the order cases were
//! written in, and a case's child rows were written right after it: the walk reads each table's pages nearly in
//! file order, and a page is decrypted about once (案号 order would jump across the file for every case).

use std::iter::Peekable;

use rusqlite::Connection;

use crate::error::{Result, StoreError};
use crate::table::cases::{self, CaseRow};
use crate::table::children::{self, Child};
use crate::table::parties::{self, PartyRow};

use super::{CaseDetail, assemble};

/// Which cases a scan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    All,
    /// Not closed (未结): what 今日, the calendar and the 审限 warnings are about.
    Pending,
}

impl Which {
    fn filter(self) -> &'static str {
        match self {
            Which::All => "",
            Which::Pending => "WHERE c.closed IS NULL",
        }
    }
}

/// The statement reading the case rows of `which`, in scan order (`sqlite_autoindex_cases_1`: the id key).
pub(crate) fn cases_sql(which: Which) -> String {
    format!(
        "SELECT {} FROM cases c INDEXED BY sqlite_autoindex_cases_1 {} ORDER BY c.id",
        cases::COLUMNS,
        which.filter()
    )
}

/// The statement reading one child table's rows of every case of `which`, in scan order: `c.id` first.
/// CROSS JOIN keeps `cases` the outer loop, so the rows come in id order without sorting the child table.
/// Both indexes are named: with a tiny child table the planner would otherwise scan it once per case.
pub(crate) fn child_sql(table: &str, index: &str, columns: &[&str], order: &[&str], which: Which) -> String {
    format!(
        "SELECT c.id, {} FROM cases c INDEXED BY sqlite_autoindex_cases_1 CROSS JOIN {table} x INDEXED BY {index} \
         ON x.case_id = c.id {} ORDER BY c.id, {}",
        children::column_list("x", columns),
        which.filter(),
        children::column_list("x", order)
    )
}

/// Every statement a scan of `which` runs, in the order it runs them (for the query-plan tests).
#[cfg(test)]
pub(crate) fn statements(which: Which) -> Vec<String> {
    let mut all = vec![cases_sql(which), child_sql("parties", "parties_case", parties::COLUMNS, &["ord"], which)];
    all.extend(children::TABLES.iter().map(|t| child_sql(t.table, t.index, t.columns, t.order, which)));
    all
}

/// The rows of `stream` that belong to case `id` (they come next, if it has any).
pub(crate) fn take<T>(
    stream: &mut Peekable<impl Iterator<Item = rusqlite::Result<(String, T)>>>,
    id: &str,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    while let Some(next) = stream.next_if(|r| r.as_ref().map_or(true, |(case_id, _)| case_id == id)) {
        out.push(next?.1);
    }
    Ok(out)
}

/// Call `f` with every case of `which`, whole, in id (creation) order. Stops at the first error `f` returns.
pub(crate) fn for_each<E: From<StoreError>>(
    conn: &Connection,
    which: Which,
    mut f: impl FnMut(CaseDetail) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut failed = None;
    let read = scan(conn, which, &mut |case| match f(case) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    });
    match failed {
        Some(e) => Err(e),
        None => read.map_err(E::from),
    }
}

/// The scan itself; `f` returns `false` to stop.
fn scan(conn: &Connection, which: Which, f: &mut dyn FnMut(CaseDetail) -> bool) -> Result<()> {
    // One snapshot for all nine statements; inside a caller's transaction, that one is the snapshot.
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    {
        let mut case_stmt = conn.prepare_cached(&cases_sql(which))?;
        let mut party_stmt =
            conn.prepare_cached(&child_sql("parties", "parties_case", parties::COLUMNS, &["ord"], which))?;
        let mut child_stmts = children::TABLES
            .iter()
            .map(|t| Ok((conn.prepare_cached(&child_sql(t.table, t.index, t.columns, t.order, which))?, t.map)))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut party_rows =
            party_stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, parties::row_at(r, 1)?)))?.peekable();
        let mut child_rows = child_stmts
            .iter_mut()
            .map(|(stmt, map)| {
                let map = *map;
                Ok(stmt.query_map([], move |r| Ok((r.get::<_, String>(0)?, map(r, 1)?)))?.peekable())
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for row in case_stmt.query_map([], cases::row)? {
            let row: CaseRow = row?;
            let parties: Vec<PartyRow> = take(&mut party_rows, &row.id)?;
            let mut kids: Vec<Child> = Vec::new();
            for stream in &mut child_rows {
                kids.extend(take(stream, &row.id)?);
            }
            if !f(assemble(row, parties, kids)) {
                break;
            }
        }
    }
    if let Some(tx) = tx {
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use chrono::{NaiveDate, TimeZone, Utc};
    use rusqlite::trace::{TraceEvent, TraceEventCodes};

    use super::*;
    use crate::exchange::{ImportOptions, jsonl};
    use crate::{DbKey, Store};

    fn store_with(dir: &std::path::Path, cases: usize) -> Store {
        let mut s = Store::open(&dir.join("t.db"), &DbKey::new("k")).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 11, 15, 9, 0, 0).unwrap();
        let rows = jsonl::parse(&jsonl::write(&crate::demo::generate(today, cases, 7)));
        s.import(rows, ImportOptions::default(), now).unwrap();
        // 节点 and a document too, which an import line does not carry, on the fixed case and one other.
        s.write(now, |w| {
            w.add_event(crate::demo::FIXED_CASE_NO, "送达判决书", "2025-11-10", Some("张三"), "")?;
            w.add_document(crate::demo::FIXED_CASE_NO, "传票", "builtin:传票", None, "/tmp/x.docx")?;
            w.add_note(crate::demo::FIXED_CASE_NO, "第二条备注")
        })
        .unwrap();
        s
    }

    /// Statements executed while `f` runs (SQLite's own count, through its trace hook).
    fn statements_run<T>(s: &mut Store, f: impl FnOnce(&Store) -> T) -> (usize, T) {
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
    fn reading_every_case_runs_the_same_statements_for_30_cases_as_for_300() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (mut small, mut large) = (store_with(a.path(), 30), store_with(b.path(), 300));
        let (n_small, cases_small) = statements_run(&mut small, |s| s.all_cases().unwrap());
        let (n_large, cases_large) = statements_run(&mut large, |s| s.all_cases().unwrap());
        assert_eq!((cases_small.len(), cases_large.len()), (31, 301));
        assert_eq!(n_small, n_large, "statements must not grow with the number of cases");
        // BEGIN, ten reads (cases, parties, eight child tables), COMMIT.
        assert!(n_large <= 12, "{n_large} statements");
        let (n_pending, _) =
            statements_run(&mut large, |s| s.for_each_case(Which::Pending, |_| -> Result<()> { Ok(()) }).unwrap());
        assert_eq!(n_pending, n_large);
    }

    #[test]
    fn the_set_read_gives_each_case_exactly_as_the_single_case_read_does() {
        let dir = tempfile::tempdir().unwrap();
        let s = store_with(dir.path(), 200);
        let all = s.all_cases().unwrap();
        assert_eq!(all.len(), 201);
        assert!(all.windows(2).all(|w| w[0].summary.case_no < w[1].summary.case_no), "in 案号 order");
        for d in &all {
            assert_eq!(d, &s.get_case_by_id(&d.summary.id).unwrap());
        }
        let fixed = all.iter().find(|d| d.summary.case_no == crate::demo::FIXED_CASE_NO).unwrap();
        assert_eq!((fixed.events.len(), fixed.documents.len()), (1, 1));
        assert!(fixed.notes.len() >= 2 && !fixed.parties_list.is_empty());

        let mut pending = Vec::new();
        s.for_each_case(Which::Pending, |d| -> Result<()> {
            pending.push(d);
            Ok(())
        })
        .unwrap();
        pending.sort_by(|a, b| a.summary.case_no.cmp(&b.summary.case_no));
        let expected: Vec<&CaseDetail> = all.iter().filter(|d| d.summary.closed.is_none()).collect();
        assert!(!pending.is_empty() && pending.len() < all.len());
        assert!(pending.iter().eq(expected.into_iter()));
    }

    #[test]
    fn a_scan_looks_child_rows_up_by_index_and_never_sorts_a_whole_table() {
        let dir = tempfile::tempdir().unwrap();
        let s = store_with(dir.path(), 50);
        // Fresh statistics, as a store that has been used has them: the planner must still choose the index.
        s.conn.execute_batch("ANALYZE").unwrap();
        for which in [Which::All, Which::Pending] {
            for sql in statements(which) {
                let plan = query_plan(&s.conn, &sql);
                let child = sql.split("CROSS JOIN ").nth(1).and_then(|r| r.split(' ').next());
                if let Some(table) = child {
                    assert!(
                        plan.iter().any(|l| l.starts_with("SEARCH x USING INDEX") && l.contains("case_id=?")),
                        "{table}: {plan:?}"
                    );
                    assert!(!plan.iter().any(|l| l.starts_with("SCAN x")), "{table} scanned: {plan:?}");
                }
                assert!(
                    plan.iter().any(|l| l.starts_with("SCAN c USING") && l.contains("INDEX sqlite_autoindex_cases_1")),
                    "cases in id order: {plan:?}"
                );
                assert!(!plan.iter().any(|l| l == "USE TEMP B-TREE FOR ORDER BY"), "{sql}: {plan:?}");
            }
        }
    }

    pub(crate) fn query_plan(conn: &Connection, sql: &str) -> Vec<String> {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect()
    }
}
