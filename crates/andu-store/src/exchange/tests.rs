//! The shape of an import and an export: the statements they run, counted through SQLite's trace hook, do not
//! grow with the number of cases beyond the rows written; and what a kept line print may (not) skip.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{ImportOptions, ImportReport, jsonl, read_file};
use crate::derived::tests::statements_run;
use crate::{DbKey, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 15, 9, 0, 0).unwrap()
}

fn cases(n: usize) -> Vec<andu_core::CaseInput> {
    crate::demo::generate(NaiveDate::from_ymd_opt(2025, 11, 15).unwrap(), n, 7)
}

fn file(dir: &std::path::Path, cases: &[andu_core::CaseInput]) -> std::path::PathBuf {
    let path = dir.join("cases.jsonl");
    std::fs::write(&path, jsonl::write(cases)).unwrap();
    path
}

fn import_file(s: &mut Store, path: &std::path::Path) -> crate::Result<ImportReport> {
    s.import_source(read_file(path).unwrap(), ImportOptions::default(), now())
}

fn count(s: &Store, table: &str) -> usize {
    s.conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

/// Statements of a fresh import of `n` cases, and the rows it wrote (cases, their parties and records, change-log
/// rows and bundles, line prints).
fn fresh_import_statements(n: usize) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let path = file(dir.path(), &cases(n));
    let (statements, report) = statements_run(&mut s, |s| import_file(s, &path).unwrap());
    assert_eq!(report.created, n + 1);
    assert_eq!(count(&s, "change_log"), report.created, "one change-log row per created case");
    let tables = ["cases", "parties", "events", "hearings", "extensions", "deductions", "appeals", "notes"];
    let rows: usize =
        tables.into_iter().chain(["change_log", "change_bundles", "import_prints"]).map(|t| count(&s, t)).sum();
    (statements, rows)
}

/// New cases go in many rows per statement (`table::insert_many`): one statement per row written (what an import
/// ran before) would be over 8,000 here.
#[test]
fn a_fresh_bulk_import_writes_many_rows_per_statement() {
    for n in [1100, 1400] {
        let (statements, rows) = fresh_import_statements(n);
        assert!(rows > 7 * n, "{rows} rows for {n} cases");
        assert!(statements * 8 < rows, "{statements} statements for {rows} rows");
    }
}

/// A bulk import holds its new cases and writes them together; a case added alone is written at once. Both store
/// the same: the same rows of every table in the same order, the same change-log rows, and the same history and
/// outbox entries (the ids apart: each store makes its own, in the same order). The file repeats a 案号 changed,
/// so the import also writes what it holds before it compares a stored case.
#[test]
fn new_cases_written_together_are_stored_as_when_written_one_by_one() {
    use std::collections::HashMap;
    let dir = tempfile::tempdir().unwrap();
    let mut all = cases(1100);
    let mut changed = all[5].clone();
    changed.cause = "租赁合同纠纷".into();
    all.push(changed);
    let mut together = Store::open(&dir.path().join("together.db"), &DbKey::new("k")).unwrap();
    let r = import_file(&mut together, &file(dir.path(), &all)).unwrap();
    assert_eq!((r.created, r.updated), (1101, 1));
    let keys: bool = together.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(keys, "foreign keys are checked again after the import");
    // The keys went unchecked while the cases were written: they must hold all the same.
    let broken: i64 =
        together.conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "every row the import wrote refers to a stored case");
    let mut alone = Store::open(&dir.path().join("alone.db"), &DbKey::new("k")).unwrap();
    alone
        .write(now(), |w| {
            for c in &all {
                w.upsert_case(&c.clone().validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();

    let (a, b) = (
        crate::table::change_log::outbox_with_order(&together.conn, 0, usize::MAX).unwrap(),
        crate::table::change_log::outbox_with_order(&alone.conn, 0, usize::MAX).unwrap(),
    );
    assert_eq!(a.len(), b.len());
    assert!(a.len() > 3 * 1101, "{} entries", a.len());
    // Ids in `together` → the id made in the same place in `alone`.
    let mut same: HashMap<String, String> = HashMap::new();
    let mut map = |x: &str, y: &str| assert_eq!(same.entry(x.to_string()).or_insert_with(|| y.to_string()), y);
    // A created row's JSON without its id; a field's new value as it is.
    let without_id = |e: &crate::table::change_log::ChangeEntry| {
        e.new.as_deref().map(|j| {
            if e.field.is_some() {
                return serde_json::Value::from(j);
            }
            let mut v: serde_json::Value = serde_json::from_str(j).unwrap();
            if let Some(o) = v.as_object_mut() {
                o.remove("id");
            }
            v
        })
    };
    for (x, y) in a.iter().zip(&b) {
        let (cx, cy) = (&x.change, &y.change);
        assert_eq!((x.device_seq, x.base, cx.seq), (y.device_seq, y.base, cy.seq));
        assert_eq!((&cx.entity, &cx.field, &cx.old, &cx.at), (&cy.entity, &cy.field, &cy.old, &cy.at));
        assert_eq!(without_id(cx), without_id(cy), "{cx:?}");
        map(&cx.change_id, &cy.change_id);
        map(&cx.case_id, &cy.case_id);
        map(&cx.entity_id, &cy.entity_id);
    }
    for table in ["cases", "parties", "hearings", "extensions", "deductions", "appeals", "notes", "events"] {
        let ids = |s: &Store| -> Vec<String> {
            let mut stmt = s.conn.prepare(&format!("SELECT id FROM {table} ORDER BY rowid")).unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let (x, y) = (ids(&together), ids(&alone));
        assert_eq!(x.len(), y.len(), "{table}");
        for (x, y) in x.iter().zip(&y) {
            assert_eq!(same.get(x), Some(y), "{table}: {x} stored where {y} was");
        }
    }
    let history = |s: &Store| s.history(&all[5].case_no).unwrap();
    assert_eq!(history(&together).len(), history(&alone).len());
    let (x, y) = (dir.path().join("together.jsonl"), dir.path().join("alone.jsonl"));
    together.export(&x).unwrap();
    alone.export(&y).unwrap();
    assert_eq!(std::fs::read(&x).unwrap(), std::fs::read(&y).unwrap());
    // Each line's print is kept with its case's change-log row as it was written.
    let kept: i64 = together
        .conn
        .query_row(
            "SELECT COUNT(*) FROM import_prints p JOIN change_log l ON l.seq = p.seq AND l.case_id = p.case_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept as usize, count(&together, "import_prints"));
    assert_eq!(kept, 1101);
}

fn reimport_statements(n: usize) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let path = file(dir.path(), &cases(n));
    import_file(&mut s, &path).unwrap();
    let logged = count(&s, "change_log");
    let (statements, report) = statements_run(&mut s, |s| import_file(s, &path).unwrap());
    assert_eq!((report.created, report.updated, report.unchanged), (0, 0, n + 1));
    assert_eq!(count(&s, "change_log"), logged, "nothing recorded");
    statements
}

#[test]
fn re_importing_an_unchanged_file_runs_the_same_few_statements_for_1100_and_1400_cases() {
    let (small, large) = (reimport_statements(1100), reimport_statements(1400));
    assert_eq!(small, large, "statements must not grow with the number of cases");
    assert!(large <= 12, "{large} statements");
}

#[test]
fn exporting_runs_the_same_statements_for_any_number_of_cases() {
    let run = |n: usize| {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        import_file(&mut s, &file(dir.path(), &cases(n))).unwrap();
        let out = dir.path().join("out.jsonl");
        let (statements, written) = statements_run(&mut s, |s| s.export(&out).unwrap());
        assert_eq!(written, n + 1);
        statements
    };
    assert_eq!(run(30), run(300));
}

/// The prints do not outlive a change: a case edited after the import is put back by the same file, a line
/// repeated after another line changed its case is compared again, and the export of an edited store re-imports
/// unchanged.
#[test]
fn a_kept_print_skips_only_a_case_that_has_not_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let mut all = cases(1100);
    let path = file(dir.path(), &all);
    import_file(&mut s, &path).unwrap();
    let edited = all[3].case_no.clone();
    s.write(now(), |w| w.set_case_field(&edited, "cause", "借款合同纠纷")).unwrap();
    let r = import_file(&mut s, &path).unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (0, 1, 1100));
    assert_eq!(s.get_case(&edited).unwrap().summary.cause, all[3].cause);

    // Line 6 as it is (known), then changed, then as it was: the last one wins.
    let mut changed = all[5].clone();
    changed.cause = "租赁合同纠纷".into();
    all.push(changed);
    all.push(all[5].clone());
    let r = import_file(&mut s, &file(dir.path(), &all)).unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (0, 2, 1101));
    assert_eq!(s.get_case(&all[5].case_no).unwrap().summary.cause, all[5].cause);

    let out = dir.path().join("out.jsonl");
    s.export(&out).unwrap();
    let r = import_file(&mut s, &out).unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (0, 0, 1101));
}

/// All or nothing in a stream: a bad line after 1,100 good ones rolls every written case back, names the line,
/// and leaves the store in WAL with its foreign keys checked.
#[test]
fn a_bad_line_at_the_end_of_a_bulk_file_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let path = dir.path().join("bad.jsonl");
    std::fs::write(&path, jsonl::write(&cases(1100)) + "{\"case_no\": \"（2025）粤0309民初1号\"\n").unwrap();
    match import_file(&mut s, &path) {
        Err(crate::StoreError::ImportRejected(rows)) => {
            assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1102]);
        }
        other => panic!("{:?}", other.map(|r| (r.created, r.updated))),
    }
    assert_eq!(count(&s, "cases"), 0);
    assert_eq!(count(&s, "change_log"), 0);
    let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let keys: bool = s.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(keys, "foreign keys are checked again after the import");
    let r = s.import_source(read_file(&path).unwrap(), ImportOptions { skip_invalid: true }, now()).unwrap();
    assert_eq!((r.created, r.skipped.len()), (1101, 1));
}

/// The export writes, byte for byte, each case's import line as its whole detail gives it (`to_input`), in 案号
/// order — though it reads only the tables a line needs — and a new store importing it exports the same file.
#[test]
fn the_export_writes_each_case_s_line_as_its_detail_gives_it_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    import_file(&mut s, &file(dir.path(), &cases(400))).unwrap();
    let fixed = crate::demo::FIXED_CASE_NO;
    s.write(now(), |w| {
        w.add_event(fixed, "送达判决书", "2025-11-10", Some("张三"), "")?;
        w.add_document(fixed, "传票", "builtin:传票", None, "/tmp/x.docx")?;
        w.add_note(fixed, "第二条备注 \"引号\" 与 \\ 反斜杠")
    })
    .unwrap();
    let out = dir.path().join("out.jsonl");
    assert_eq!(s.export(&out).unwrap(), 401);
    let written = std::fs::read_to_string(&out).unwrap();

    let mut expected: Vec<(String, String)> =
        s.all_cases().unwrap().iter().map(|d| (d.summary.case_no.clone(), jsonl::line(&d.to_input()))).collect();
    expected.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let expected: String = expected.into_iter().map(|(_, line)| line).collect();
    assert!(written == expected, "the export differs from the cases' own lines");
    for field in ["\"hearings\"", "\"extensions\"", "\"deductions\"", "\"appeal\"", "\"notes\"", "\"closed\""] {
        assert!(written.contains(field), "the demo cases carry {field}");
    }

    let mut again = Store::open(&dir.path().join("again.db"), &DbKey::new("k")).unwrap();
    let r = import_file(&mut again, &out).unwrap();
    assert_eq!((r.created, r.skipped.len()), (401, 0));
    let out2 = dir.path().join("out2.jsonl");
    again.export(&out2).unwrap();
    assert!(std::fs::read_to_string(&out2).unwrap() == written, "the re-imported store exports the same file");
}

/// The export is in 案号 order however the cases were written: a store filled in reverse 案号 order (its ids, which
/// follow the order of writing, run against the 案号) exports each case's own line in 案号 order, through several
/// runs set aside and merged, and leaves no temporary file behind.
#[test]
fn the_export_is_in_case_number_order_when_the_ids_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = cases(300);
    all.sort_by(|a, b| b.case_no.cmp(&a.case_no));
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    import_file(&mut s, &file(dir.path(), &all)).unwrap();
    let ids: Vec<String> = s
        .conn
        .prepare("SELECT id FROM cases ORDER BY case_no")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "ids run against the 案号");

    let out = dir.path().join("out.jsonl");
    assert_eq!(s.export(&out).unwrap(), all.len());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.len() > 4 * super::export::RUN, "the lines fill several runs");
    let numbers: Vec<String> = written
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["case_no"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(numbers.len(), all.len());
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "in 案号 order");
    let mut expected: Vec<(String, String)> =
        s.all_cases().unwrap().iter().map(|d| (d.summary.case_no.clone(), jsonl::line(&d.to_input()))).collect();
    expected.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let expected: String = expected.into_iter().map(|(_, line)| line).collect();
    assert!(written == expected, "the export differs from the cases' own lines");

    let mut left: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    left.retain(|f| !f.starts_with("t.db"));
    assert_eq!(left, ["cases.jsonl", "out.jsonl"], "no run is left beside the export");
}

/// A write reads where its edits' numbers start once, then numbers each edit itself: across a bulk import and the
/// edits after it, `device_seq` runs 1, 2, 3 … without a gap or a repeat, and every edit carries the pulled server
/// sequence as its `base`.
#[test]
fn the_edits_of_a_bulk_import_and_after_it_are_numbered_without_a_gap_and_carry_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    crate::table::meta::set(&s.conn, crate::table::sync::keys::CURSOR_SEQ, "42").unwrap();
    let all = cases(1100);
    import_file(&mut s, &file(dir.path(), &all)).unwrap();
    let no = all[7].case_no.clone();
    s.write(now(), |w| {
        w.set_case_field(&no, "cause", "借款合同纠纷")?;
        w.set_case_field(&no, "judge", "李四")
    })
    .unwrap();
    // A created case's row stands for each row it created: the outbox gives them one by one.
    let ops = s.outbox_ops(usize::MAX).unwrap();
    let numbers: Vec<i64> = ops.iter().map(|o| o.device_seq).collect();
    assert_eq!(numbers, (1..=ops.len() as i64).collect::<Vec<_>>());
    assert!(ops.len() > 2 * 1101, "{} edits", ops.len());
    assert!(ops.iter().all(|o| o.base == 42));
    let pending = crate::table::change_log::pending_count(&s.conn, 0).unwrap();
    assert_eq!(pending, ops.len() as i64);
}
