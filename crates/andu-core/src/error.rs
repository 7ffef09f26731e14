//! Stable error codes shared by the CLI, the app and (later) the server.
//!
//! The UI acts on `code` (never on message text); people read `message`, which is Chinese first.

use serde::{Deserialize, Serialize};

/// An error that a person can act on: a stable machine code and a Chinese message.
pub trait Coded: std::error::Error {
    /// Stable snake_case code, e.g. `casenum_invalid`. Never change an existing code.
    fn code(&self) -> &'static str;
    /// Optional structured detail (e.g. every bad import row) for the UI and `--json`.
    fn detail(&self) -> Option<serde_json::Value> {
        None
    }
    fn to_body(&self) -> ErrorBody {
        ErrorBody { code: self.code().to_string(), message: self.to_string(), detail: self.detail() }
    }
}

/// The wire form of an error: `{"code": …, "message": …, "detail": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub detail: Option<serde_json::Value>,
}

impl std::fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}
impl std::error::Error for ErrorBody {}
