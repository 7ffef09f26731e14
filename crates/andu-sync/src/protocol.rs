//! Wire types. Every request carries the protocol version; every error is an [`andu_core::ErrorBody`] with a
//! stable code. Values of entity rows are JSON objects exactly as the client store serialises them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST /v1/hello` (no token): the client says which protocol it speaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub client: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HelloReply {
    pub protocol: u32,
    pub min_client_protocol: u32,
    pub server: String,
    /// What this server offers, e.g. `push`, `pull`, `conflicts`, `drafts`.
    pub capabilities: Vec<String>,
}

/// `POST /v1/login`: password login; registers the device on first use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Login {
    pub protocol: u32,
    pub user: String,
    pub password: String,
    /// The client store's own device id (stamped on every local change).
    pub device_id: String,
    pub device_name: String,
}

/// Tokens are opaque. The access token is short-lived; the refresh token lives until revoked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub user: UserInfo,
    pub device_id: String,
    pub access_token: String,
    /// Seconds the access token stays valid.
    pub access_ttl_secs: i64,
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    pub name: String,
    pub role: String,
    pub division: String,
}

/// `POST /v1/refresh`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refresh {
    pub refresh_token: String,
}

/// `POST /v1/logout`: revoke every token of the device this refresh token belongs to. Unknown tokens revoke nothing
/// (a repeated logout is not an error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logout {
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogoutReply {
    /// How many tokens the server revoked.
    pub revoked: u64,
}

/// What an op does to its entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpKind {
    /// A new entity (case, party, node, draft revision…); `row` is the whole row.
    Create { row: Value },
    /// Some fields of an entity set to new values (`null` clears one); each field merges on its own.
    Patch { fields: serde_json::Map<String, Value> },
    /// The entity is deleted (a tombstone on the server).
    Delete,
    /// A person resolved a conflict: keep `value` for the conflict's field.
    Resolve { conflict_id: String, value: Value },
}

/// One change from a client's outbox. Its JSON is one flat object: the op's fields and its kind's (`kind`, then
/// `row`, `fields` or `conflict_id` and `value`). Read by a deserializer of its own (`op_wire.rs`), not serde's
/// `flatten`, which buffers every op — its whole row — in an intermediate tree twice before building it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Op {
    /// Idempotency key (UUIDv7, the change-log row's id): the server applies an op at most once.
    pub op_id: String,
    /// Contiguous per device, from 1: the server detects gaps and reordering with it.
    pub device_seq: i64,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    #[serde(flatten)]
    pub kind: OpKind,
    /// The server sequence the client had pulled up to when the edit was made: changes after it were unseen.
    pub base: i64,
    /// Client wall time, recorded for the audit trail and never used to decide anything.
    pub at: String,
}

/// `POST /v1/push`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Push {
    pub protocol: u32,
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum OpOutcome {
    /// Committed (or found to change nothing); `seq` is the server change it became, if any.
    Applied { seq: Option<i64> },
    /// Another device changed the same field to a different value first: the server kept its value, and the
    /// conflict is recorded for people to resolve.
    Conflict { conflicts: Vec<ConflictRecord> },
    /// Refused for good, with the reason; the client keeps the payload and shows it.
    Rejected { code: String, message: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpResult {
    pub op_id: String,
    pub device_seq: i64,
    #[serde(flatten)]
    pub outcome: OpOutcome,
    /// For conflicts and rejections: the entity as the server now has it (`None` when it does not exist or is not
    /// visible), so the client can show the authoritative value at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Value>,
}

/// The server's answer to a push, sent only after its transaction committed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushReply {
    pub results: Vec<OpResult>,
    /// Set when an op's `device_seq` was not the next one: the client resends from `expected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub expected: i64,
}

/// Where a client is in its feed. `epoch` counts the pages the client has stored: the server uses it to know
/// which case snapshots and revocations the client really committed (a page lost in a crash is sent again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cursor {
    pub seq: i64,
    pub epoch: i64,
}

/// `POST /v1/pull`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pull {
    pub protocol: u32,
    pub cursor: Cursor,
    /// Most feed rows per page (the server caps it).
    pub limit: usize,
    /// The last published asset this client has stored (holiday years…); newer ones come with the page.
    #[serde(default)]
    pub assets_after: i64,
    /// The client can take a case's history over several pages ([`CaseSnapshot::continued`]): the server then
    /// bounds every page in bytes. Older clients leave it out and get whole histories.
    #[serde(default)]
    pub continued_snapshots: bool,
    /// The client can start a case it does not hold from the case's current rows — the last change of each entity
    /// — instead of its whole history (a new device joining a division); the rest of the history is there on demand
    /// (`POST /v1/history`). Older clients leave it out and get whole histories.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub current_snapshots: bool,
    /// The page before said a snapshot continues ([`PullPage::resume`]); sent back as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<SnapshotResume>,
}

/// Where a case's history, sent over several pages, goes on: after feed sequence `after` of case `case_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotResume {
    pub case_id: String,
    pub after: i64,
}

/// `POST /v1/history`: the recorded history of one case the user may see, oldest first, page by page — a device that
/// started the case from its current rows ([`Pull::current_snapshots`]) asks for the rest when a person opens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRequest {
    pub protocol: u32,
    pub case_id: String,
    /// Rows after this feed sequence (0: from the start).
    #[serde(default)]
    pub after: i64,
    /// Most rows per page (the server caps it like a pull's).
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub rows: Vec<FeedRow>,
    /// More rows follow: ask again after the last row's `seq`.
    pub has_more: bool,
}

/// Data the court publishes to every client: a holiday year (`kind = "holidays"`, `name = "2027"`, the JSON that
/// `andu holidays import` reads). Later publications of the same kind and name replace earlier ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Asset {
    pub seq: i64,
    pub kind: String,
    pub name: String,
    pub content: String,
    pub published_by: String,
    pub at: String,
}

/// One entity as the server has it after a change: `row` is `None` for a tombstone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    pub entity: String,
    pub entity_id: String,
    pub row: Option<Value>,
}

/// One change of the feed, in server order. Its JSON is one flat object (the entity's keys beside the change's); read
/// by a deserializer of its own (`feed_wire.rs`), not serde's `flatten`, which buffers every row in an intermediate
/// tree before building it — a join reads hundreds of thousands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedRow {
    pub seq: i64,
    pub case_id: String,
    #[serde(flatten)]
    pub entity: EntityRow,
    /// The field changed, when the change was a field edit (for the history view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub user: String,
    pub device_id: String,
    /// Server time of the commit.
    pub at: String,
}

/// A case the client did not hold before (new access, or first sync): its whole history up to the page's cursor,
/// oldest first — every row change and every conflict — so the client has the same history as everyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseSnapshot {
    pub case_id: String,
    pub history: Vec<FeedRow>,
    /// This history continues the case's snapshot of an earlier page: keep what is there and add these rows
    /// (only sent to a client that asked for `continued_snapshots`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub continued: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullPage {
    /// Cases the client must drop (access revoked). The client pushes its pending edits first.
    pub revoked: Vec<String>,
    pub snapshots: Vec<CaseSnapshot>,
    /// Changes after the cursor for cases the client holds. Conflicts travel here too, as rows of entity
    /// `conflict` whose row is a [`ConflictRecord`].
    pub rows: Vec<FeedRow>,
    /// Store this page and `next` in one transaction.
    pub next: Cursor,
    pub has_more: bool,
    /// Published data newer than the request's `assets_after`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// The last snapshot of this page is not complete: store this with the page and send it back as
    /// [`Pull::resume`]; the next page continues that case's history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<SnapshotResume>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Author {
    pub user: String,
    pub device_id: String,
}

/// Two people changed the same field to different values without seeing each other's change. The server kept
/// `theirs` (committed first); `ours` is the later change it did not apply. People resolve it; nothing is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictRecord {
    pub id: String,
    pub seq: i64,
    pub case_id: String,
    pub case_no: String,
    pub entity: String,
    pub entity_id: String,
    /// `None` for a delete that met an edit (or an edit that met a delete).
    pub field: Option<String>,
    pub ours: Value,
    pub ours_by: Author,
    pub theirs: Value,
    pub theirs_by: Author,
    pub status: ConflictStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Value>,
    /// The server's time (RFC 3339) when the conflict was recorded and when it was resolved — never a client's.
    /// Absent in records made before this field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConflictStatus {
    Open,
    Resolved,
}

/// Error codes of the sync API (stable; the UI acts on them).
pub mod codes {
    pub const UPGRADE_REQUIRED: &str = "upgrade_required";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const BAD_CREDENTIALS: &str = "bad_credentials";
    pub const TOKEN_EXPIRED: &str = "token_expired";
    pub const FORBIDDEN_CASE: &str = "forbidden_case";
    pub const UNKNOWN_CASE: &str = "unknown_case";
    pub const UNKNOWN_ENTITY: &str = "unknown_entity";
    pub const CASE_NO_TAKEN: &str = "case_no_taken";
    pub const DELETED: &str = "entity_deleted";
    pub const INVALID_OP: &str = "invalid_op";
    pub const SEQUENCE_REUSED: &str = "sequence_reused";
    pub const DEVICE_TAKEN: &str = "device_taken";
    pub const UNKNOWN_CONFLICT: &str = "unknown_conflict";
    pub const CONFLICT_RESOLVED: &str = "conflict_already_resolved";
    pub const BAD_REQUEST: &str = "bad_request";
    /// A pushed row or field edit that does not fit its entity's schema (`schema::check_row`/`check_field`).
    pub const INVALID_ROW: &str = "invalid_row";
    /// The op's entity belongs to another case than the op's `case_id` (or names another case in its row).
    pub const ENTITY_NOT_IN_CASE: &str = "entity_not_in_case";
    /// A change of a case's `division` by a role that may not move cases between divisions.
    pub const FORBIDDEN_MOVE: &str = "forbidden_move";
    /// A record only some roles may write (a 发改案件评查: 庭长 and 院长) written by another role.
    pub const FORBIDDEN_ROLE: &str = "forbidden_role";
    /// The op's `base` is beyond the feed: it claims to have seen changes the server never made.
    pub const INVALID_BASE: &str = "invalid_base";
    /// A pull cursor the server never issued (a sequence beyond the feed, a negative epoch).
    pub const BAD_CURSOR: &str = "bad_cursor";
    pub const SERVER_ERROR: &str = "server_error";
    /// A push of more ops than the protocol allows ([`crate::MAX_PUSH_OPS`]): refused whole, nothing applied.
    pub const TOO_MANY_OPS: &str = "too_many_ops";
    /// Too many failed logins for this user or from this address: wait `Retry-After` seconds.
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    /// Locked after repeated wrong passwords until an administrator unlocks it.
    pub const ACCOUNT_LOCKED: &str = "account_locked";
    /// The server is at its limit of password checks or connections: retry after `Retry-After` seconds.
    pub const SERVER_BUSY: &str = "server_busy";
    /// A request body larger than the server accepts.
    pub const BODY_TOO_LARGE: &str = "body_too_large";
    /// A request body that did not arrive in time.
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
    /// No such endpoint, or the wrong method for it.
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
}
