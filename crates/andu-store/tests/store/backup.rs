//! Backups (`andu backup`, 设置 → 备份): an encrypted copy that opens with its key and holds the data, rotation
//! that keeps the newest N, and a restore that refuses a wrong key without touching anything. And the demo marker.

use andu_core::Coded;
use andu_store::backup::{self, DEFAULT_KEEP};
use andu_store::{DbKey, Store};
use chrono::{Duration, TimeZone, Utc};

use crate::{key, new_store, now, sample};

fn code(e: andu_store::StoreError) -> &'static str {
    e.code()
}

#[test]
fn a_backup_opens_with_the_store_key_and_holds_the_data() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let dir = t.dir.path().join("backups");
    let report = t.store.backup(&dir, DEFAULT_KEEP, now(), &key()).unwrap();
    assert_eq!(report.cases, 1);
    assert_eq!(report.file.name, "andu-backup-20250301T090000Z.db");
    assert!(report.removed.is_empty());
    let head = std::fs::read(&report.file.path).unwrap();
    assert_ne!(&head[..16], b"SQLite format 3\0", "the backup is encrypted");

    let copy = Store::open(&report.file.path, &key()).unwrap();
    assert_eq!(copy.case_count().unwrap(), 1);
    let case = copy.get_case("（2025）粤0309民初1234号").unwrap();
    assert_eq!(case.parties_list.len(), 2);
    assert_eq!(
        code(Store::open(&report.file.path, &DbKey::new("别的密钥")).err().unwrap()),
        "db_wrong_key",
        "a backup is no easier to open than the store"
    );
}

#[test]
fn a_backup_under_its_own_passphrase_needs_that_passphrase() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let passphrase = DbKey::new("写在纸上的备份口令 42");
    let report = t.store.backup(&t.dir.path().join("b"), 3, now(), &passphrase).unwrap();
    assert_eq!(code(Store::open(&report.file.path, &key()).err().unwrap()), "db_wrong_key");
    assert_eq!(Store::open(&report.file.path, &passphrase).unwrap().case_count().unwrap(), 1);
}

#[test]
fn rotation_keeps_the_newest_n_and_never_touches_other_files() {
    let t = new_store();
    let dir = t.dir.path().join("backups");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("笔记.txt"), "不是备份").unwrap();
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 18, 0, 0).unwrap();
    let mut last = None;
    for day in 0..6 {
        last = Some(t.store.backup(&dir, 3, start + Duration::days(day), &key()).unwrap());
    }
    let last = last.unwrap();
    let names: Vec<String> = backup::list(&dir).unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(
        names,
        ["andu-backup-20261206T180000Z.db", "andu-backup-20261205T180000Z.db", "andu-backup-20261204T180000Z.db"]
    );
    assert_eq!(last.kept.len(), 3);
    assert_eq!(last.removed.len(), 1, "each new backup past N removes the oldest");
    assert!(dir.join("笔记.txt").exists());
    // Two backups in the same second do not overwrite each other.
    let again = t.store.backup(&dir, 10, start + Duration::days(5), &key()).unwrap();
    assert_eq!(again.file.name, "andu-backup-20261206T180000Z-2.db");
    assert_eq!(backup::list(&dir).unwrap().len(), 4);
}

#[test]
fn restore_refuses_a_wrong_key_and_changes_nothing() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let report = t.store.backup(&t.dir.path().join("b"), 3, now(), &DbKey::new("备份口令")).unwrap();
    let target = t.path();
    drop(t.store);
    let before = std::fs::read(&target).unwrap();
    let err = backup::restore(&report.file.path, &DbKey::new("猜错的口令"), &target, &key(), now()).unwrap_err();
    assert_eq!(code(err), "db_wrong_key");
    assert_eq!(std::fs::read(&target).unwrap(), before, "the store is untouched");
    let left: Vec<String> =
        std::fs::read_dir(t.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert!(!left.iter().any(|n| n.contains("partial") || n.contains("before-restore")), "{left:?}");
}

#[test]
fn restore_brings_back_the_data_under_the_store_key_and_keeps_the_replaced_store() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let passphrase = DbKey::new("备份口令");
    let report = t.store.backup(&t.dir.path().join("b"), 3, now(), &passphrase).unwrap();
    // After the backup the case is changed; the restore brings back the state of the backup.
    t.store.write(now(), |w| w.set_case_field("（2025）粤0309民初1234号", "judge", "后来的法官")).unwrap();
    let target = t.path();
    drop(t.store);
    let restored = backup::restore(&report.file.path, &passphrase, &target, &key(), now()).unwrap();
    assert_eq!(restored.cases, 1);
    let previous = restored.previous.expect("the replaced store is kept");
    let store = Store::open(&target, &key()).unwrap();
    assert_eq!(store.get_case("（2025）粤0309民初1234号").unwrap().summary.judge, "王法官");
    let old = Store::open(&previous, &key()).unwrap();
    assert_eq!(old.get_case("（2025）粤0309民初1234号").unwrap().summary.judge, "后来的法官");
}

#[test]
fn the_demo_marker_is_kept_in_the_store() {
    let mut t = new_store();
    assert!(!t.store.is_demo().unwrap(), "a new store is a real store");
    t.store.mark_demo().unwrap();
    let path = t.path();
    drop(t.store);
    assert!(Store::open(&path, &key()).unwrap().is_demo().unwrap());
}
