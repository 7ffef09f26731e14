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
    let mut t = demo_store();
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
