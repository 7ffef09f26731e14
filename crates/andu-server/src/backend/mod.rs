//! Storage backends. The server's queries are written once ([`crate::db`]) in the SQL both engines accept, against
//! the small [`SqlTx`] handle; each backend brings its own migrations and its own way of keeping the change feed in
//! commit order:
//!
//! - [`sqlite::Sqlite`]: one file in the data folder, WAL, `synchronous=FULL`, one writer at a time — commit order
//!   is sequence order by construction.
//! - [`postgres::Postgres`]: every writing transaction first takes `pg_advisory_xact_lock`, held until commit, so
//!   feed sequence numbers are allocated and committed in the same order (a plain sequence would let a reader see
//!   101 before 100 commits and skip 100 forever; sync.md §1.8).
//!
//! Placeholders are written `?1`, `?2`… (PostgreSQL's `$1` is produced by the backend).

pub mod postgres;
pub mod sqlite;

use crate::error::ServerError;

/// A value crossing the storage boundary. The schema uses only integers and text (JSON is text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    Null,
    Int(i64),
    Text(String),
}

impl Val {
    pub fn int(&self) -> i64 {
        match self {
            Val::Int(i) => *i,
            Val::Text(t) => t.parse().unwrap_or(0),
            Val::Null => 0,
        }
    }
    pub fn text(&self) -> String {
        match self {
            Val::Text(t) => t.clone(),
            Val::Int(i) => i.to_string(),
            Val::Null => String::new(),
        }
    }
    pub fn opt_text(&self) -> Option<String> {
        match self {
            Val::Null => None,
            other => Some(other.text()),
        }
    }
    pub fn opt_int(&self) -> Option<i64> {
        match self {
            Val::Null => None,
            other => Some(other.int()),
        }
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Val::Text(s.to_string())
    }
}
impl From<String> for Val {
    fn from(s: String) -> Self {
        Val::Text(s)
    }
}
impl From<&String> for Val {
    fn from(s: &String) -> Self {
        Val::Text(s.clone())
    }
}
impl From<i64> for Val {
    fn from(i: i64) -> Self {
        Val::Int(i)
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(o: Option<T>) -> Self {
        o.map(Into::into).unwrap_or(Val::Null)
    }
}

pub type Row = Vec<Val>;

/// One open transaction.
pub trait SqlTx {
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, ServerError>;
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, ServerError>;
}

/// A place the server keeps its state.
pub trait Backend: Send + Sync + 'static {
    /// Run `f` in a writing transaction, serialized with every other writer; commit when it returns `Ok`.
    fn write<R>(&self, f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>) -> Result<R, ServerError>;
    /// Run `f` on a consistent snapshot.
    fn read<R>(&self, f: impl FnOnce(&mut dyn SqlTx) -> Result<R, ServerError>) -> Result<R, ServerError>;
    /// `sqlite` or `postgres`, for logs and `/v1/hello`.
    fn kind(&self) -> &'static str;
    /// The change feed now holds about `rows` changes (called after a push commits). A backend whose query plans
    /// depend on table statistics refreshes them when the data has grown a lot since it last did.
    fn feed_grew(&self, _rows: i64) {}
}
