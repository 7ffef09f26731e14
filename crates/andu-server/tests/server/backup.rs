//! `andu-server backup`: a copy of a live SQLite server, taken while another connection keeps writing (as the
//! serving process does), is a consistent snapshot — it passes SQLite's integrity check and its audit chain, and
//! opens as a server holding what was committed before the copy — and a backup never overwrites a file or leaves a
//! partial one behind.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use andu_core::Coded;
use andu_server::backup::sqlite_backup;
use andu_server::{Service, Sqlite};
use andu_sync::access::Role;
use chrono::{DateTime, TimeZone, Utc};

use crate::support::add_user;

const CIVIL: &str = include_str!("../../../../assets/rules/civil.toml");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap()
}

/// The civil rule file under the court's version `n`: each publish is one more row of published assets.
fn publish_civil(svc: &Service<Sqlite>, n: usize) {
    let version = CIVIL.lines().find(|l| l.starts_with("version")).unwrap();
    let file = CIVIL.replacen(version, &format!("version = \"2027.{n}-本院\""), 1);
    svc.publish("rules", "civil.toml", file.as_bytes(), "admin", now()).expect("published");
}

#[test]
fn a_backup_taken_while_the_server_writes_is_a_consistent_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let svc = Service::new(Sqlite::open(&data).unwrap());
    for i in 0..5 {
        add_user(&svc, &format!("法官{i}"), Role::Judge, "民一庭");
        publish_civil(&svc, i);
    }
    let published = |db: &std::path::Path| -> i64 {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.query_row("SELECT count(*) FROM assets", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(published(&data.join("server.db")), 5);

    // The serving process: its own connection, writing as fast as it can until both backups are done.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, data) = (stop.clone(), data.clone());
        std::thread::spawn(move || {
            let svc = Service::new(Sqlite::open(&data).unwrap());
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) || n < 3 {
                n += 1;
                add_user(&svc, &format!("助理{n}"), Role::Assistant, "民一庭");
                publish_civil(&svc, 100 + n);
            }
            n
        })
    };
    while svc.users().unwrap().len() < 7 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let first = sqlite_backup(&data, &dir.path().join("first.db")).expect("first backup");
    let second = sqlite_backup(&data, &dir.path().join("second.db")).expect("second backup");
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap() as i64;

    assert!(first.users >= 7 && second.users >= first.users && second.users <= 5 + written, "{first:?} {second:?}");
    // Each writer round adds a user, then publishes, in two transactions: a snapshot holds the publications of the
    // rounds whose user it holds, or of all but the last — never a publication without its user, never a torn row.
    for copy in [&first, &second] {
        let (rounds, publications) = (copy.users - 5, published(&copy.path) - 5);
        assert!(publications == rounds || publications == rounds - 1, "{copy:?}: {publications} publications");
    }
    assert!(first.bytes > 0);
    assert!(!dir.path().join("second.db.partial").exists());

    // The copy, put in place as a data folder's server.db, opens as a server and holds exactly what it reported.
    let restored = dir.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&second.path, restored.join("server.db")).unwrap();
    let svc2 = Service::new(Sqlite::open(&restored).unwrap());
    assert_eq!(svc2.users().unwrap().len() as i64, second.users);
    assert_eq!(svc2.verify_audit().unwrap(), second.audit_entries);
    // …and the live server went on writing past the snapshot, untouched by it.
    assert_eq!(published(&data.join("server.db")), 5 + written);
    assert_eq!(svc.users().unwrap().len() as i64, 5 + written);
}

#[test]
fn a_backup_never_overwrites_and_needs_server_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let svc = Service::new(Sqlite::open(&data).unwrap());
    add_user(&svc, "wang", Role::Judge, "民一庭");

    let old = dir.path().join("old.db");
    std::fs::write(&old, b"an older backup").unwrap();
    let e = sqlite_backup(&data, &old).unwrap_err();
    assert_eq!(e.code(), "backup_target_exists");
    assert!(e.to_string().contains("已存在"), "{e}");
    assert_eq!(std::fs::read(&old).unwrap(), b"an older backup");

    let nowhere = dir.path().join("no-server");
    let e = sqlite_backup(&nowhere, &dir.path().join("x.db")).unwrap_err();
    assert_eq!(e.code(), "backup_failed");
    assert!(!nowhere.exists() && !dir.path().join("x.db").exists(), "a failed backup creates nothing");

    let e = sqlite_backup(&data, &dir.path().join("missing-dir").join("x.db")).unwrap_err();
    assert_eq!(e.code(), "backup_failed");
    assert!(!dir.path().join("missing-dir").exists());
}
