//! 案牍 Andu's court server (`andu-server`): accounts, devices and access by division; the change feed clients
//! pull; the per-field merge that turns concurrent edits into visible conflicts; a hash-chained audit log.
//!
//! - [`service::Service`] is the behaviour, generic over a storage [`backend::Backend`] (SQLite by default,
//!   PostgreSQL by `--database postgres://…`), with time passed in. The deterministic simulation drives it
//!   directly, without HTTP.
//! - [`http`] is the thin axum layer: JSON in and out, errors as `{code, message}` with an HTTP status.
//!
//! Must not: depend on tauri or on the client store; decide anything by a client's clock.

pub mod audit;
pub mod auth;
pub mod backend;
pub mod backup;
pub mod config;
pub mod conn;
pub mod db;
pub mod error;
pub mod http;
pub mod op_checks;
pub mod publish;
pub mod review_checks;
pub mod service;
mod staged;
pub mod throttle;
pub mod tls;

pub use backend::{Backend, postgres::Postgres, sqlite::Sqlite};
pub use error::ServerError;
pub use service::{Caller, Service};
