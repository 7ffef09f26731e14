//! The sync protocol between an Andu client and the court server (`docs/sync-protocol.md` is its prose form).
//!
//! - [`protocol`]: the JSON bodies of every request and response, versioned by [`PROTOCOL_VERSION`].
//! - [`merge`]: the per-field merge rule, a pure function both the server and the tests use.
//! - [`access`]: who may see and change which case (roles and divisions).
//! - [`schema`]: the shape of every entity row and field edit; the server refuses what a client could not store.
//!
//! Must not: do I/O, read the clock, or know about SQLite, HTTP or tauri. Client clocks never decide anything here.

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod access;
pub mod court_settings;
mod feed_wire;
pub mod merge;
mod op_wire;
pub mod protocol;
pub mod review;
pub mod schema;

pub use protocol::*;

/// The protocol this build speaks. A server refuses writes from clients below [`MIN_CLIENT_PROTOCOL`].
pub const PROTOCOL_VERSION: u32 = 1;
pub const MIN_CLIENT_PROTOCOL: u32 = 1;

/// Most ops in one push (a push of more is refused whole with `too_many_ops`, before any work).
pub const MAX_PUSH_OPS: usize = 500;
