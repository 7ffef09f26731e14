//! Opening a store without harming it.
//!
//! Order matters: look at the file's first bytes, set the key, prove the key by reading the schema, check the
//! schema version, and only then switch on WAL and migrate. Every refusal happens before the first write.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};
use crate::key::DbKey;
use crate::{migrate, table};

const PAGE_SIZE: u64 = 4096;

fn precheck(path: &Path) -> Result<bool> {
    let display = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::Io(e)),
    };
    if meta.is_dir() {
        return Err(StoreError::NotADatabase { path: display, why: "这是一个文件夹" });
    }
    if meta.len() == 0 {
        return Ok(false);
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)?.read(&mut head)?;
    if n == 16 && &head == b"SQLite format 3\0" {
        return Err(StoreError::NotADatabase { path: display, why: "这是未加密的 SQLite 文件" });
    }
    if looks_like_text(path) {
        return Err(StoreError::NotADatabase { path: display, why: "这是一个文本文件" });
    }
    if meta.len() % PAGE_SIZE != 0 {
        return Err(StoreError::NotADatabase {
            path: display, why: "文件大小不是整页，可能已被截断或不是数据库"
        });
    }
    Ok(true)
}

fn looks_like_text(path: &Path) -> bool {
    let mut buf = vec![0u8; 4096];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut buf)).unwrap_or(0);
    // A multi-byte character may be cut at the buffer's end: that still counts as text.
    let printable = |b: &[u8]| b.iter().all(|&c| c >= 0x20 || matches!(c, b'\n' | b'\r' | b'\t'));
    n > 0
        && match std::str::from_utf8(&buf[..n]) {
            Ok(_) => printable(&buf[..n]),
            Err(e) => e.error_len().is_none() && printable(&buf[..e.valid_up_to()]),
        }
}

pub(crate) fn open(path: &Path, key: &DbKey) -> Result<(Connection, String)> {
    let display = path.display().to_string();
    let existed = precheck(path)?;
    if !existed && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let flags = if existed {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let mut conn = Connection::open_with_flags(path, flags)
        .map_err(|source| StoreError::Open { path: display.clone(), source })?;
    // SQLCipher logs a failed HMAC check to stderr; the typed error below says it better.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.pragma_update(None, "key", key.secret())?;
    if let Err(e) = conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        let not_db = matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase));
        return Err(if not_db {
            StoreError::WrongKey { path: display }
        } else {
            StoreError::Open { path: display, source: e }
        });
    }
    migrate::check_not_newer(&conn, &display)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a judge's edit must survive a power cut, and commits are per user action or per import.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // 64 MiB of decrypted pages at most: reads by set walk each table once in index order, so a bigger cache
    // buys little, and a command over a 100,000-case store must stay under 200 MB.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A bulk import alone keeps two inserts prepared per table it writes (`table::insert_many`); rusqlite's default
    // of 16 would have them push each other out.
    conn.set_prepared_statement_cache_capacity(64);
    migrate::run(&mut conn, &display)?;
    let device = match table::meta::get(&conn, "device_id")? {
        Some(d) => d,
        None => {
            // The device id names this store's copy, not a moment: random, so opening reads no clock.
            let d = crate::ids::random_id()?;
            table::meta::set(&conn, "device_id", &d)?;
            d
        }
    };
    Ok((conn, device))
}
