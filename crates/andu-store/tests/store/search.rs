use andu_store::exchange::ImportOptions;
use chrono::NaiveDate;

use crate::{new_store, now};

fn demo_store() -> crate::TestStore {
    let mut t = new_store();
    let cases = andu_store::demo::generate(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 200, 7);
    let text = andu_store::exchange::jsonl::write(&cases);
    t.store.import(andu_store::exchange::jsonl::parse(&text), ImportOptions::default(), now()).unwrap();
    t
}

#[test]
fn finds_two_character_names_pinyin_and_case_numbers() {
    let t = demo_store();
    let fixed = andu_store::demo::FIXED_CASE_NO;
    for q in [
        "张三",
        "zs",
        "zhangsan",
        "ZhangSan",
        "民初1234",
        "(2025)粤0309民初1234号",
        "（２０２５）粤0309民初1234号",
        "某某科技",
    ] {
        let hits = t.store.search(q, 20).unwrap();
        assert!(hits.iter().any(|h| h.case_no == fixed), "{q} should find {fixed}: {hits:?}");
    }
    // An exact 案号 is the top hit.
    assert_eq!(t.store.search("（2025）粤0309民初1234号", 5).unwrap()[0].case_no, fixed);
    assert_eq!(t.store.search("（2025）粤0309民初1234号", 5).unwrap()[0].matched, "案号");
    // All words must match.
    assert!(t.store.search("张三 不存在的词", 5).unwrap().is_empty());
    assert!(t.store.search("   ", 5).unwrap().is_empty());
}

#[test]
fn the_index_follows_edits() {
    let mut t = demo_store();
    assert!(t.store.search("测试法官", 5).unwrap().is_empty());
    t.store.write(now(), |w| w.set_case_field(andu_store::demo::FIXED_CASE_NO, "judge", "测试法官")).unwrap();
    let hits = t.store.search("测试法官", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].matched, "承办人员");
}

#[test]
fn list_filters_and_query_compose() {
    let mut t = demo_store();
    let filter = andu_store::CaseFilter { status: Some("pending".into()), ..Default::default() };
    let (total, page) = t.store.list_cases(&filter, None, 0, 10).unwrap();
    assert!(total > 10 && page.len() == 10);
    assert!(page.iter().all(|c| c.status == "pending"));
    assert!(page.windows(2).all(|w| w[0].filed >= w[1].filed), "newest filing first");
    let (total, page) = t.store.list_cases(&filter, Some("张三"), 0, 10).unwrap();
    assert!(total >= 1 && page.iter().all(|c| c.status == "pending"));
    assert_eq!(page[0].case_no, andu_store::demo::FIXED_CASE_NO);
}

/// What a search returns, in a form two stores can be compared by.
fn answers(store: &andu_store::Store, queries: &[&str]) -> Vec<Vec<(String, &'static str, u32)>> {
    queries
        .iter()
        .map(|q| store.search(q, 50).unwrap().into_iter().map(|h| (h.case_no, h.matched, h.score)).collect())
        .collect()
}

#[test]
fn the_search_docs_are_kept_in_the_store_and_a_fresh_open_answers_as_an_open_store_does() {
    let t = demo_store();
    let queries = ["张三", "zs", "zhangsan", "王伟", "民初1234", "王建国", "借贷 张", "某某科技", "不存在的词"];
    // The first open builds and keeps the docs; every later open reads them.
    let first = andu_store::Store::open(&t.path(), &crate::key()).unwrap();
    let fresh = answers(&first, &queries[..1]);
    let stored: i64 = first.conn().query_row("SELECT COUNT(*) FROM search_docs", [], |r| r.get(0)).unwrap();
    assert_eq!(stored as usize, first.case_count().unwrap());
    // Each query in its own fresh store against one store asked them all (the app, searching again and again):
    // the same hits, labels and scores.
    let warm = andu_store::Store::open(&t.path(), &crate::key()).unwrap();
    let warm_answers = answers(&warm, &queries);
    assert_eq!(warm_answers[0], fresh[0]);
    for (q, expected) in queries.iter().zip(&warm_answers) {
        let once = andu_store::Store::open(&t.path(), &crate::key()).unwrap();
        assert_eq!(&answers(&once, &[q])[0], expected, "{q}");
    }
    assert!(!warm_answers[0].is_empty() && warm_answers[8].is_empty());
}

#[test]
fn an_edit_made_elsewhere_reaches_the_stored_docs_and_an_open_store() {
    let mut t = demo_store();
    let app = andu_store::Store::open(&t.path(), &crate::key()).unwrap();
    // The app has searched before: its store is open.
    app.search("张三", 5).unwrap();
    app.search("张三", 5).unwrap();
    // Another process (the CLI) changes the judge and adds a note.
    t.store.write(now(), |w| w.set_case_field(andu_store::demo::FIXED_CASE_NO, "judge", "测试法官")).unwrap();
    t.store.write(now(), |w| w.add_note(andu_store::demo::FIXED_CASE_NO, "证人甲乙丙")).unwrap();
    for hits in [app.search("测试法官", 5).unwrap(), app.search("甲乙丙", 5).unwrap()] {
        assert_eq!(hits.len(), 1, "{hits:?}");
    }
    let cli = andu_store::Store::open(&t.path(), &crate::key()).unwrap();
    assert_eq!(cli.search("测试法官", 5).unwrap()[0].matched, "承办人员");
    // The old judge's name no longer finds the case by its judge.
    let cli = andu_store::Store::open(&t.path(), &crate::key()).unwrap();
    let hits = cli.search("王建国", 500).unwrap();
    assert!(!hits.iter().any(|h| h.case_no == andu_store::demo::FIXED_CASE_NO), "{hits:?}");
}

/// A store from before the filters' table (schema 17, its search docs built) gets it filled from its docs when
/// opened (migration 18): a filtered search answers as it did, and the table stays in step with later edits.
#[test]
fn a_store_from_before_the_filters_table_is_migrated_and_filters_as_before() {
    let mut t = demo_store();
    let filters = [
        andu_store::CaseFilter { status: Some("pending".into()), ..Default::default() },
        andu_store::CaseFilter { status: Some("closed".into()), judge: Some("王建国".into()), ..Default::default() },
        andu_store::CaseFilter { procedure: Some("civil-ordinary".into()), ..Default::default() },
    ];
    let listed = |s: &mut andu_store::Store| -> Vec<(usize, Vec<String>)> {
        filters
            .iter()
            .flat_map(|f| ["王建国", "zs", "民初"].map(|q| (f.clone(), q)))
            .map(|(f, q)| {
                let (total, page) = s.list_cases(&f, Some(q), 0, 30).unwrap();
                (total, page.into_iter().map(|c| c.case_no).collect())
            })
            .collect()
    };
    let before = listed(&mut t.store);
    assert!(before.iter().filter(|(total, _)| *total > 0).count() >= 5, "{before:?}");
    let path = t.path();
    t.store
        .conn()
        .execute_batch(
            &format!(
                "{UNDO_20}
                 DROP TRIGGER search_listed_insert; DROP TRIGGER search_listed_update; DROP TRIGGER search_listed_delete;
                 DROP TABLE search_listed; DROP TABLE change_bundles; PRAGMA user_version = 17;"
            ),
        )
        .unwrap();
    drop(t.store);
    let mut s = andu_store::Store::open(&path, &crate::key()).unwrap();
    let count = |s: &andu_store::Store, table: &str| -> i64 {
        s.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    assert_eq!(count(&s, "search_listed"), count(&s, "search_docs"));
    assert_eq!(listed(&mut s), before);
    s.write(now(), |w| w.set_case_field(andu_store::demo::FIXED_CASE_NO, "judge", "测试法官")).unwrap();
    let judge: String = s
        .conn()
        .query_row(
            "SELECT l.judge FROM search_listed l JOIN search_docs d ON d.rowid = l.number WHERE d.case_no = ?1",
            [andu_store::demo::FIXED_CASE_NO],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(judge, "测试法官");
}

/// What migration 20 changed, undone (the deleted docs' trail without the filters' columns, its trigger as it was),
/// and the filter terms taken out of the dictionary: a store as schema 19 left it. (The terms' grams stay: a gram
/// pointing at a term that is no longer there only costs a read.)
const UNDO_20: &str = "DROP TRIGGER search_docs_gone;
     ALTER TABLE search_gone DROP COLUMN closed;
     ALTER TABLE search_gone DROP COLUMN procedure;
     ALTER TABLE search_gone DROP COLUMN judge;
     CREATE TRIGGER search_docs_gone AFTER DELETE ON search_docs
       WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'search_seq')
       BEGIN
         INSERT OR REPLACE INTO search_gone (number, haystack, fields) VALUES (old.rowid, old.haystack, old.fields);
       END;
     DELETE FROM search_postings WHERE term IN (SELECT id FROM search_terms WHERE field >= 7);
     DELETE FROM search_terms WHERE field >= 7;
     DELETE FROM meta WHERE key = 'search_filters';";

/// A store from before the filter terms (schema 19) is migrated (migration 20 reads no doc) and its first
/// filtered search adds them from `search_listed`: every filtered list answers as it did, and a case deleted by
/// sync afterwards leaves no filter behind.
#[test]
fn a_store_from_before_the_filter_terms_filters_as_before() {
    let mut t = demo_store();
    let filters = [
        andu_store::CaseFilter { status: Some("pending".into()), ..Default::default() },
        andu_store::CaseFilter { status: Some("closed".into()), judge: Some("王建国".into()), ..Default::default() },
        andu_store::CaseFilter { procedure: Some("civil-ordinary".into()), ..Default::default() },
        andu_store::CaseFilter { judge: Some("无此人".into()), ..Default::default() },
    ];
    let listed = |s: &mut andu_store::Store| -> Vec<(usize, Vec<String>)> {
        filters
            .iter()
            .flat_map(|f| ["王建国", "zs", "民初"].map(|q| (f.clone(), q)))
            .map(|(f, q)| {
                let (total, page) = s.list_cases(&f, Some(q), 0, 30).unwrap();
                (total, page.into_iter().map(|c| c.case_no).collect())
            })
            .collect()
    };
    let before = listed(&mut t.store);
    assert!(before.iter().filter(|(total, _)| *total > 0).count() >= 6, "{before:?}");
    let path = t.path();
    t.store.conn().execute_batch(&format!("{UNDO_20} PRAGMA user_version = 19;")).unwrap();
    drop(t.store);
    let mut s = andu_store::Store::open(&path, &crate::key()).unwrap();
    let filter_terms = |s: &andu_store::Store| -> i64 {
        s.conn().query_row("SELECT COUNT(*) FROM search_terms WHERE field >= 7", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(filter_terms(&s), 0, "opening reads no doc");
    assert_eq!(listed(&mut s), before);
    assert!(filter_terms(&s) >= 5);
    // Sync deletes a pending case of 王建国's behind the search's back: the filters forget it.
    let pending =
        andu_store::CaseFilter {
            status: Some("pending".into()), judge: Some("王建国".into()), ..Default::default()
        };
    let (total, page) = s.list_cases(&pending, Some("王建国"), 0, 1).unwrap();
    assert!(total > 0);
    s.conn().execute("DELETE FROM cases WHERE case_no = ?1", [&page[0].case_no]).unwrap();
    let (after, _) = s.list_cases(&pending, Some("王建国"), 0, 1).unwrap();
    assert_eq!(after, total - 1);
}
