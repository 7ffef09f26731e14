//! `andu-server backup FILE`: a consistent copy of a SQLite server while it serves.
//!
//! `VACUUM INTO` reads the database in one read transaction — in WAL mode that is a snapshot which the serving
//! process keeps writing past, never blocked — and writes a compact, self-contained copy. The copy is written next
//! to its destination as `FILE.partial`, checked (SQLite's integrity check, the audit hash chain, counts) and only
//! then renamed to FILE, so a failed or interrupted backup leaves no file that looks like a backup. PostgreSQL
//! servers are backed up with `pg_dump` (`BackupUsePgDump`).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::backend::sqlite;
use crate::error::ServerError;

/// What the checked copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub users: i64,
    pub cases: i64,
    pub changes: i64,
    pub audit_entries: i64,
}

fn failed(what: &str, e: impl std::fmt::Display) -> ServerError {
    ServerError::BackupFailed(format!("{what}：{e}"))
}

/// Copy `DATA/server.db` to `dest`. Refuses an existing `dest` (an older backup is never overwritten).
pub fn sqlite_backup(data: &Path, dest: &Path) -> Result<BackupReport, ServerError> {
    let source = data.join("server.db");
    if !source.is_file() {
        return Err(failed("没有找到服务器数据", source.display()));
    }
    if dest.exists() {
        return Err(ServerError::BackupTargetExists(dest.display().to_string()));
    }
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    // A leftover from an interrupted run is ours to replace: it was never renamed, so it is no backup.
    let _ = std::fs::remove_file(&partial);
    let result = copy_and_check(&source, &partial).and_then(|report| {
        std::fs::rename(&partial, dest).map_err(|e| failed("无法写入备份文件", e))?;
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself survives a power cut only once the directory is synced.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(BackupReport { path: dest.to_path_buf(), ..report })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn copy_and_check(source: &Path, partial: &Path) -> Result<BackupReport, ServerError> {
    // Read-write without CREATE: a missing file is an error, not a new empty database; no migration runs, so a
    // backup taken before an upgrade is the old version exactly.
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| failed("无法打开服务器数据", e))?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(|e| failed("无法打开服务器数据", e))?;
    let target = partial.to_str().ok_or_else(|| failed("备份路径须为 UTF-8", partial.display()))?;
    conn.execute("VACUUM INTO ?1", [target]).map_err(|e| failed("复制数据库出错", e))?;
    drop(conn);

    let copy = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| failed("备份副本无法打开", e))?;
    // One self-contained file, whatever mode the source was in.
    copy.pragma_update(None, "journal_mode", "DELETE").map_err(|e| failed("备份副本无法打开", e))?;
    let check: String =
        copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| failed("备份副本校验出错", e))?;
    if check != "ok" {
        return Err(failed("备份副本未通过完整性检查", check));
    }
    let audit_entries = sqlite::verify_audit(&copy)?;
    let count = |table: &str| -> Result<i64, ServerError> {
        copy.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| failed("备份副本校验出错", e))
    };
    let report = BackupReport {
        path: partial.to_path_buf(),
        bytes: 0,
        users: count("users")?,
        cases: count("cases_index")?,
        changes: count("changes")?,
        audit_entries,
    };
    drop(copy);
    let file = std::fs::File::open(partial).map_err(|e| failed("备份副本无法打开", e))?;
    file.sync_all().map_err(|e| failed("无法写入备份文件", e))?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport { bytes, ..report })
}
