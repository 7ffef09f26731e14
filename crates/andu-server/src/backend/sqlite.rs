//! SQLite: the zero-setup default. One file `server.db` in the data folder, WAL, `synchronous=FULL` (an
//! acknowledged push survives a power cut), one connection behind a mutex: a single writer, so the change feed's
//! order is commit order.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, TransactionBehavior};

use super::{Backend, Row, SqlTx, Val};
use crate::error::ServerError;

/// Migrations of the SQLite backend, by `PRAGMA user_version`. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
    include_str!("schema_v7.sql"),
    // The shared text, then the rebuild of the feed tables that only SQLite needs (its row ids).
    concat!(include_str!("schema_v8.sql"), include_str!("schema_v8_sqlite.sql")),
];

pub struct Sqlite {
    conn: Mutex<Connection>,
}

struct Tx<'a>(&'a rusqlite::Transaction<'a>);

/// Parameters bound as they are: a row's JSON text is handed to SQLite, not copied into a value of its own first.
impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(i) => ValueRef::Integer(*i),
            Val::Text(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

impl SqlTx for Tx<'_> {
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, ServerError> {
        let mut stmt = self.0.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(params.iter()))? as u64)
    }
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, ServerError> {
        let mut stmt = self.0.prepare_cached(sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = Vec::with_capacity(n);
            for i in 0..n {
                row.push(match r.get_ref(i)? {
                    ValueRef::Null => Val::Null,
                    ValueRef::Integer(i) => Val::Int(i),
                    ValueRef::Real(f) => Val::Int(f as i64),
                    ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Val::Text(String::from_utf8_lossy(b).into_owned()),
                });
            }
            out.push(row);
        }
        Ok(out)
    }
}

impl Sqlite {
    /// Open (or create) `DIR/server.db`. A database written by a newer server is refused untouched.
    pub fn open(dir: &Path) -> Result<Sqlite, ServerError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| ServerError::Storage(format!("无法创建数据目录 {}：{e}", dir.display())))?;
        let mut conn = Connection::open(dir.join("server.db"))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > MIGRATIONS.len() as i64 {
            return Err(ServerError::NewerSchema { found, supported: MIGRATIONS.len() as i64 });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // 64 MiB of pages instead of SQLite's 2 MiB: a push writes into half a dozen indexes of tables that reach
        // gigabytes at a division's size, and a join reads every case's current rows.
        conn.pragma_update(None, "cache_size", -65536)?;
        // A push runs some twenty distinct statements (more with the field batches); rusqlite keeps 16 prepared by
        // default, and a full cache re-prepares every statement of every op.
        conn.set_prepared_statement_cache_capacity(256);
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Sqlite { conn: Mutex::new(conn) })
    }

    fn run<R>(
        &self,
        behavior: TransactionBehavior,
        f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>,
    ) -> Result<R, ServerError> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(behavior)?;
        let out = f(&mut Tx(&tx))?;
        tx.commit()?;
        Ok(out)
    }
}

/// The audit chain of another SQLite file (a backup copy being checked), in one read transaction.
pub(crate) fn verify_audit(conn: &Connection) -> Result<i64, ServerError> {
    let tx = conn.unchecked_transaction()?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > MIGRATIONS.len() as i64 {
        return Err(ServerError::NewerSchema { found, supported: MIGRATIONS.len() as i64 });
    }
    crate::audit::verify(&mut Tx(&tx))
}

impl Backend for Sqlite {
    fn write<R>(&self, f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>) -> Result<R, ServerError> {
        self.run(TransactionBehavior::Immediate, f)
    }
    fn read<R>(&self, f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>) -> Result<R, ServerError> {
        self.run(TransactionBehavior::Deferred, f)
    }
    fn kind(&self) -> &'static str {
        "sqlite"
    }
}
