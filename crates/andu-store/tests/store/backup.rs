//! Backups (`andu backup`, 设置 → 备份): an encrypted copy that opens with its key and holds the data, rotation
//! that keeps the newest N, and a restore that refuses a wrong key without touching anything. And the demo marker.

use andu_core::Coded;
use andu_store::backup::{self, DEFAULT_KEEP};
use andu_store::table::sync::keys;
use andu_store::{DbKey, Store};
use chrono::{Duration, TimeZone, Utc};

use crate::{TestStore, key, new_store, now, sample};

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

/// A store that synced: logged in, the cursor somewhere, a case added and changed three times (none of it
/// acknowledged yet: the caller sets the mark).
fn synced_store() -> TestStore {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    for judge in ["甲法官", "乙法官", "丙法官"] {
        t.store.write(now(), |w| w.set_case_field("（2025）粤0309民初1234号", "judge", judge)).unwrap();
    }
    for (k, v) in [
        (keys::SERVER, "https://andu.court.example"),
        (keys::USER, "王法官"),
        (keys::ROLE, "judge"),
        (keys::DIVISION, "民一庭"),
        (keys::CURSOR_SEQ, "812"),
        (keys::CURSOR_EPOCH, "3"),
        (keys::REFRESH_TOKEN, "the-old-devices-token"),
    ] {
        t.store.set_sync_meta(k, v).unwrap();
    }
    t
}

#[test]
fn a_restored_store_is_a_new_device_with_the_backups_unsent_edits_renumbered_from_one() {
    let mut t = synced_store();
    let all = t.store.outbox_ops(1000).unwrap();
    let acked = all.len() as i64 - 2;
    t.store.set_sync_meta(keys::ACKED, &acked.to_string()).unwrap();
    let unsent = t.store.outbox_ops(1000).unwrap();
    assert_eq!(unsent.len(), 2, "the last two edits (乙法官, 丙法官) were not acknowledged when the backup was made");
    let old_device = t.store.device().to_string();
    let report = t.store.backup(&t.dir.path().join("b"), 3, now(), &key()).unwrap();
    // After the backup the device goes on syncing: its edits and their sequence numbers are on the server now.
    t.store.write(now(), |w| w.set_case_field("（2025）粤0309民初1234号", "clerk", "后来的书记员")).unwrap();
    t.store.set_sync_meta(keys::ACKED, &(acked + 3).to_string()).unwrap();
    let target = t.path();
    drop(t.store);

    let restored = backup::restore(&report.file.path, &key(), &target, &key(), now()).unwrap();
    assert_eq!(
        restored.rejoin,
        Some(backup::Rejoin { server: "https://andu.court.example".into(), user: "王法官".into(), pending: 2 })
    );
    let mut store = Store::open(&target, &key()).unwrap();
    assert_ne!(store.device(), old_device, "a new device: the old id's sequence numbers are used up on the server");
    let outbox = store.outbox_ops(1000).unwrap();
    assert_eq!(outbox.iter().map(|o| o.device_seq).collect::<Vec<_>>(), [1, 2], "renumbered from 1, in order");
    assert_eq!(
        outbox.iter().map(|o| (&o.op_id, &o.kind, o.base)).collect::<Vec<_>>(),
        unsent.iter().map(|o| (&o.op_id, &o.kind, o.base)).collect::<Vec<_>>(),
        "the same edits, ids and bases: an edit the old device had sent since is unchanged on the server"
    );
    let status = store.sync_status().unwrap();
    assert_eq!((status.server, status.user, status.role, status.division), (None, None, None, None), "logged out");
    assert_eq!((status.cursor.seq, status.cursor.epoch, status.acked, status.pending), (0, 0, 0, 2));
    assert_eq!(store.sync_meta(keys::LAST_SERVER).unwrap().as_deref(), Some("https://andu.court.example"));
    assert_eq!(store.sync_meta(keys::LAST_USER).unwrap().as_deref(), Some("王法官"));
    assert_eq!(store.sync_meta(keys::REFRESH_TOKEN).unwrap().as_deref(), Some(""), "the old device's session");
    // The next edit follows the renumbered outbox.
    store.write(now(), |w| w.set_case_field("（2025）粤0309民初1234号", "clerk", "恢复后的书记员")).unwrap();
    assert_eq!(store.outbox_ops(1000).unwrap().iter().map(|o| o.device_seq).collect::<Vec<_>>(), [1, 2, 3]);
    // The history keeps every edit, the acknowledged ones included.
    assert_eq!(store.history("（2025）粤0309民初1234号").unwrap().len(), all.len() + 1);
}

#[test]
fn restoring_a_store_that_never_synced_names_no_server_and_keeps_its_outbox() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let before = t.store.outbox_ops(1000).unwrap();
    let report = t.store.backup(&t.dir.path().join("b"), 3, now(), &key()).unwrap();
    let target = t.path();
    drop(t.store);
    let restored = backup::restore(&report.file.path, &key(), &target, &key(), now()).unwrap();
    assert_eq!(restored.rejoin, None);
    let store = Store::open(&target, &key()).unwrap();
    assert_eq!(store.outbox_ops(1000).unwrap(), before, "edits made before any login all wait for the first one");
    assert!(!target.with_file_name("andu.db.partial-wal").exists());
}
