use andu_core::Coded;
use andu_store::{DbKey, Store, StoreError};

use crate::{key, new_store, now, sample};

fn code(r: Result<Store, StoreError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn the_file_is_encrypted_on_disk() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    drop(t.store);
    let bytes = std::fs::read(t.dir.path().join("andu.db")).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "header must not be plain SQLite");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("张三") && !text.contains("民间借贷"), "case data must not appear in clear text");
}

#[test]
fn wrong_key_is_refused_and_the_file_is_untouched() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let path = t.path();
    drop(t.store);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, &DbKey::new("wrong")).err().unwrap();
    assert_eq!(err.code(), "db_wrong_key");
    assert!(err.to_string().starts_with("密钥错误"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "a failed open must not write");
    // …and the right key still opens it with the data intact.
    let s = Store::open(&path, &key()).unwrap();
    assert_eq!(s.case_count().unwrap(), 1);
}

#[test]
fn files_that_are_not_stores_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, Vec<u8>, &str)] = &[
        ("notes.txt", "这不是数据库，只是一个文本文件。\n".repeat(300).into_bytes(), "文本文件"),
        (
            "plain.db",
            {
                let mut v = b"SQLite format 3\0".to_vec();
                v.resize(4096, 0);
                v
            },
            "未加密",
        ),
        ("truncated.db", vec![7u8; 5000], "截断"),
    ];
    for (name, content, why) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = Store::open(&path, &key()).err().unwrap();
        assert_eq!(err.code(), "db_not_database", "{name}");
        assert!(err.to_string().contains(why), "{name}: {err}");
        assert_eq!(&std::fs::read(&path).unwrap(), content, "{name} untouched");
    }
    assert_eq!(code(Store::open(dir.path(), &key())), "db_not_database", "a folder");
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let t = new_store();
    let path = t.path();
    t.store.conn().pragma_update(None, "user_version", andu_store::schema_version() + 1).unwrap();
    drop(t.store);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, &key()).err().unwrap();
    assert_eq!(err.code(), "db_newer_schema");
    assert!(err.to_string().contains("升级"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A store written before cases had a 合议庭 (schema 8) is brought up to date when opened: its cases keep
/// everything and have no bench.
#[test]
fn a_store_from_before_the_bench_column_is_migrated_and_keeps_its_cases() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let path = t.path();
    t.store
        .conn()
        .execute_batch(
            "DROP TABLE derived_facts; DROP TABLE derived_due; DROP TABLE search_docs; DROP TABLE review_records; DROP TABLE appeal_reviews; \
             DROP TABLE search_grams; DROP TABLE import_prints; \
             DROP TABLE search_terms; DROP TABLE search_postings; DROP TABLE search_gone; DROP TABLE search_listed; \
             DROP TABLE derived_facts_detail; DROP TABLE derived_due_detail; \
             ALTER TABLE cases DROP COLUMN panel; DROP TABLE change_bundles; PRAGMA user_version = 8;",
        )
        .unwrap();
    drop(t.store);
    let s = Store::open(&path, &key()).unwrap();
    let c = s.get_case("(2025)粤0309民初1234号").unwrap();
    assert_eq!((c.summary.cause.as_str(), c.panel.as_str()), ("民间借贷纠纷", ""));
    let version: i64 = s.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, andu_store::schema_version());
}

#[test]
fn reopening_keeps_data_and_device_id() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let device = t.store.device().to_string();
    let path = t.path();
    drop(t.store);
    let s = Store::open(&path, &key()).unwrap();
    assert_eq!(s.device(), device);
    assert_eq!(s.get_case("(2025)粤0309民初1234号").unwrap().summary.cause, "民间借贷纠纷");
}

#[test]
fn key_from_the_environment_value_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (k, src) = andu_store::resolve_key(&dir.path().join("x.db"), Some("abc".into())).unwrap();
    assert_eq!(k, DbKey::new("abc"));
    assert_eq!(src, andu_store::KeySource::Environment);
}

/// Issue #14: who uses the store, as the first run typed it; a login takes the account's name and division, keeps
/// the court (the server does not know it) and a division an account without one leaves.
#[test]
fn the_profile_takes_the_court_accounts_name_and_division() {
    let mut t = crate::new_store();
    assert_eq!(t.store.profile().unwrap(), andu_store::Profile::default());
    let typed =
        andu_store::Profile {
            name: "王法官".into(), court: "深圳市龙华区人民法院".into(), division: "民二庭".into()
        };
    t.store.set_profile(&typed).unwrap();
    let kept = t.store.adopt_account("王建国", " 民一庭 ").unwrap();
    assert_eq!(
        (kept.name.as_str(), kept.court.as_str(), kept.division.as_str()),
        ("王建国", "深圳市龙华区人民法院", "民一庭")
    );
    let kept = t.store.adopt_account("院长甲", "").unwrap();
    assert_eq!((kept.name.as_str(), kept.division.as_str()), ("院长甲", "民一庭"), "an account without a division");
    let path = t.path();
    drop(t.store);
    let again = andu_store::Store::open(&path, &crate::key()).unwrap();
    assert_eq!(again.profile().unwrap(), kept, "kept in the store");
}
