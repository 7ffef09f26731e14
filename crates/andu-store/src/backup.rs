//! Backups of the store: an encrypted copy in a folder, the last `keep` kept, and restore.
//!
//! A store is only as safe as its key: a keyring entry dies with the machine's account, a passphrase with the
//! memory of the person. A backup is therefore encrypted with a key the caller chooses — the store's own by
//! default, or a separate backup passphrase someone can write down — and restore asks for that key and proves it
//! on the backup before anything is touched. The copy is made by `sqlcipher_export` through the open connection
//! (a consistent snapshot even with WAL), written under a temporary name and renamed, so a half-written backup is
//! never listed or restored. Restore re-encrypts the copy with the store's key, so the store opens as before.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::key::DbKey;
use crate::table::sync::keys;
use crate::{Store, migrate, table};

/// Backup files are named `andu-backup-<UTC time>.db`; rotation only ever deletes files of this form.
const PREFIX: &str = "andu-backup-";
const SUFFIX: &str = ".db";

/// How many backups are kept when the caller does not say (a week of daily backups).
pub const DEFAULT_KEEP: usize = 7;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupFile {
    pub path: PathBuf,
    pub name: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupReport {
    /// The backup just written.
    pub file: BackupFile,
    pub cases: usize,
    /// Older backups deleted by rotation.
    pub removed: Vec<PathBuf>,
    /// Backups in the folder now, newest first.
    pub kept: Vec<BackupFile>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreReport {
    pub cases: usize,
    /// Where the store as it was before the restore was moved (nothing is deleted), when there was one.
    pub previous: Option<PathBuf>,
    /// The court server the backup's store synced with, when it did: the restored store joins it again as a new
    /// device (see [`restore`]) once the user logs in.
    pub rejoin: Option<Rejoin>,
}

/// What a restored store must do to sync again (`RestoreReport::rejoin`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rejoin {
    pub server: String,
    pub user: String,
    /// The backup's own edits the server had not acknowledged when the backup was made: kept in the outbox and
    /// pushed after the login (an edit the old device had sent since is then simply unchanged on the server).
    pub pending: i64,
}

fn stamp(now: DateTime<Utc>) -> String {
    now.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The backups in `dir`, newest first (the names sort by time). A missing folder has none.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with(PREFIX) && name.ends_with(SUFFIX) && entry.file_type()?.is_file() {
            out.push(BackupFile { path: entry.path(), bytes: entry.metadata()?.len(), name });
        }
    }
    // By the name without `.db`, so a second backup in the same second (`…Z-2`) sorts after the first (`…Z`).
    let stem = |b: &BackupFile| b.name.trim_end_matches(SUFFIX).to_string();
    out.sort_by_key(|b| std::cmp::Reverse(stem(b)));
    Ok(out)
}

/// Opens `path` with `key` and proves the key; a wrong key is `db_wrong_key`, the file untouched. (Not read-only:
/// a read-only connection could not attach the copy that `export` writes; nothing here writes to `path`.)
fn open_proven(path: &Path, key: &DbKey) -> Result<Connection> {
    let display = path.display().to_string();
    if !path.is_file() {
        return Err(StoreError::BadFile { path: display, why: "文件不存在".into() });
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|source| StoreError::Open { path: display.clone(), source })?;
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.pragma_update(None, "key", key.secret())?;
    if let Err(e) = conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        return Err(if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase)) {
            StoreError::WrongKey { path: display }
        } else {
            StoreError::Open { path: display, source: e }
        });
    }
    migrate::check_not_newer(&conn, &display)?;
    Ok(conn)
}

/// Copies the database open on `conn` into a new file `to`, encrypted with `key`, schema version included.
fn export(conn: &Connection, to: &Path, key: &DbKey) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // An attached file inherits the connection's open flags, and a store that already existed is opened without
    // CREATE: an empty file is an empty database SQLite can open.
    std::fs::File::create(to)?;
    let target = to.to_string_lossy().to_string();
    conn.execute("ATTACH DATABASE ?1 AS andu_copy KEY ?2", [target.as_str(), key.secret()])?;
    let copied = conn
        .query_row("SELECT sqlcipher_export('andu_copy')", [], |_| Ok(()))
        .and_then(|_| conn.pragma_update(Some("andu_copy"), "user_version", version));
    let detached = conn.execute("DETACH DATABASE andu_copy", []);
    copied?;
    detached?;
    Ok(())
}

fn cases_in(conn: &Connection) -> Result<usize> {
    Ok(table::cases::count(conn)? as usize)
}

/// A temporary name beside `path` that `list` never shows.
fn partial(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

impl Store {
    /// Write an encrypted copy of this store to `dir` (created if needed), encrypted with `key` (the caller passes
    /// the store's own key or a separate backup passphrase), proven to open with that key, then keep only the
    /// newest `keep` backups (at least one).
    pub fn backup(&self, dir: &Path, keep: usize, now: DateTime<Utc>, key: &DbKey) -> Result<BackupReport> {
        std::fs::create_dir_all(dir)?;
        let mut name = format!("{PREFIX}{}{SUFFIX}", stamp(now));
        let mut n = 1;
        while dir.join(&name).exists() {
            n += 1;
            name = format!("{PREFIX}{}-{n}{SUFFIX}", stamp(now));
        }
        let path = dir.join(&name);
        let tmp = partial(&path);
        let _ = std::fs::remove_file(&tmp);
        let made = export(&self.conn, &tmp, key).and_then(|_| cases_in(&open_proven(&tmp, key)?));
        let cases = match made {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        std::fs::rename(&tmp, &path)?;
        // The new backup is always kept (even when the clock went back); the newest others fill up to `keep`.
        let mut others: Vec<BackupFile> = list(dir)?.into_iter().filter(|b| b.path != path).collect();
        let removed: Vec<PathBuf> =
            others.split_off((keep.max(1) - 1).min(others.len())).into_iter().map(|b| b.path).collect();
        for old in &removed {
            std::fs::remove_file(old)?;
        }
        let file = BackupFile { bytes: std::fs::metadata(&path)?.len(), path, name };
        let mut kept = vec![file.clone()];
        kept.extend(others);
        Ok(BackupReport { file, cases, removed, kept })
    }

    /// Whether this store holds demo data (`andu demo`, the app's 演示数据). A demo store is never synced with a
    /// court server: its made-up cases would be refused or, worse, accepted.
    pub fn is_demo(&self) -> Result<bool> {
        Ok(table::meta::get(&self.conn, DEMO_KEY)?.is_some_and(|v| v == "1"))
    }

    /// Mark this store as holding demo data, for good (a store with demo cases in it stays a demo store).
    pub fn mark_demo(&mut self) -> Result<()> {
        Ok(table::meta::set(&self.conn, DEMO_KEY, "1")?)
    }
}

/// The meta key of the demo marker (not a `setting:`: nothing imports or syncs it).
const DEMO_KEY: &str = "demo";

/// Replace the store at `target` by the backup at `backup`. The backup must open with `backup_key` (else
/// `db_wrong_key`, nothing changed); it is copied re-encrypted with `store_key` (the key the store is opened
/// with), and the store it replaces is moved aside to `<name>.before-restore-<time>` with its WAL, never deleted.
/// The caller must have closed its connection to `target`.
///
/// Sync continuity: the backup is the store as it was at some moment; the device it came from may have synced
/// for days since, under the same device id and sequence numbers. The restored copy therefore becomes a **new
/// device** of the same user (`device_id`): its session is dropped (the user logs in again, which registers it),
/// its own edits the server had not acknowledged in the backup stay in the outbox renumbered from 1 — pushed
/// after the login, where those the old device had already sent are unchanged and a field changed since is a
/// conflict people see — and it pulls from the start (cursor 0), joining from the server's current rows, so every
/// change made after the backup, on this machine or elsewhere, comes back. Reusing the old id would have every
/// new edit refused as `sequence_reused`; reusing the cursor would skip what the old device wrote after it.
pub fn restore(
    backup: &Path,
    backup_key: &DbKey,
    target: &Path,
    store_key: &DbKey,
    now: DateTime<Utc>,
) -> Result<RestoreReport> {
    let source = open_proven(backup, backup_key)?;
    let cases = cases_in(&source)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = partial(target);
    let _ = std::fs::remove_file(&tmp);
    // The copy is opened as a store (migrated to this version's schema) and made a new device before it replaces
    // anything.
    let rejoined = export(&source, &tmp, store_key).and_then(|_| new_device(&crate::open::open(&tmp, store_key)?.0));
    let rejoin = match rejoined {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    drop(source);
    let previous = if target.exists() {
        let aside = target.with_file_name(format!(
            "{}.before-restore-{}",
            target.file_name().unwrap_or_default().to_string_lossy(),
            stamp(now)
        ));
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", target.display()));
            if side.exists() {
                std::fs::rename(&side, format!("{}{suffix}", aside.display()))?;
            }
        }
        std::fs::rename(target, &aside)?;
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&tmp, target)?;
    Ok(RestoreReport { cases, previous, rejoin })
}

/// Far above any device sequence: the renumbering below goes through this range so that no intermediate value
/// meets another row's (the column is unique).
const RENUMBER_OFFSET: i64 = 1 << 40;

/// Make the restored copy a new device (see [`restore`]), in one transaction: a new device id, its own unsent
/// edits renumbered from 1 (acknowledged ones drop to 0 or below: history, never pushed), the acknowledged mark,
/// cursor and session cleared, the server and user kept as the last ones so the login form is filled in.
fn new_device(conn: &Connection) -> Result<Option<Rejoin>> {
    let tx = conn.unchecked_transaction()?;
    let get = |key: &str| -> Result<String> { Ok(table::meta::get(&tx, key)?.unwrap_or_default()) };
    let acked = table::sync::meta_i64(&tx, keys::ACKED)?;
    let pending = table::change_log::pending_count(&tx, acked)?;
    let server = Some(get(keys::SERVER)?).filter(|s| !s.is_empty()).unwrap_or(get(keys::LAST_SERVER)?);
    let user = Some(get(keys::USER)?).filter(|s| !s.is_empty()).unwrap_or(get(keys::LAST_USER)?);
    for numbered in ["change_log", "sync_rejections"] {
        tx.execute(
            &format!("UPDATE {numbered} SET device_seq = device_seq + ?1 WHERE device_seq IS NOT NULL"),
            [RENUMBER_OFFSET],
        )?;
        tx.execute(
            &format!("UPDATE {numbered} SET device_seq = device_seq - ?1 WHERE device_seq IS NOT NULL"),
            [RENUMBER_OFFSET + acked],
        )?;
    }
    // The key `open` creates the id under; the old id stays on the change-log rows it stamped.
    table::meta::set(&tx, "device_id", &crate::ids::random_id()?)?;
    for (key, value) in [
        (keys::ACKED, "0"),
        (keys::CURSOR_SEQ, "0"),
        (keys::CURSOR_EPOCH, "0"),
        (keys::SNAPSHOT_RESUME, ""),
        // A token kept in the OS keyring is filed under the old device id and is not found any more.
        (keys::REFRESH_TOKEN, ""),
        (keys::SERVER, ""),
        (keys::USER, ""),
        (keys::ROLE, ""),
        (keys::DIVISION, ""),
        (keys::LAST_ERROR, ""),
        (keys::LAST_SERVER, server.as_str()),
        (keys::LAST_USER, user.as_str()),
    ] {
        table::meta::set(&tx, key, value)?;
    }
    tx.commit()?;
    // Back out of WAL before the file is renamed into place: its -wal must not be left behind under the old name.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    Ok((!server.is_empty()).then_some(Rejoin { server, user, pending }))
}
