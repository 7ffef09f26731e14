//! A joined case's earlier history, fetched from the court server when a person asks for it: the 历史 view's button
//! 从法院服务器获取完整历史 and `andu history CASE_NO --from-server` call the same [`fetch_from_server`]. Its errors
//! say in place why the history could not be fetched — offline, not logged in, not allowed, the server failed —
//! each with a stable code the UI can branch on.

use andu_core::Coded;

use crate::http::HttpTransport;
use crate::{Step, SyncError, fetch_case_history};

/// Why a case's history could not be fetched from the court server. Nothing local changes on any of them.
#[derive(Debug, thiserror::Error)]
pub enum HistoryFetchError {
    #[error("无法连接法院服务器 {server}：{why}。完整历史仍在服务器上，恢复连接后再获取")]
    Offline { server: String, why: String },
    #[error("尚未登录法院服务器（或登录已过期）：请先登录（桌面程序：设置；命令行：andu login），再获取完整历史")]
    NotLoggedIn,
    #[error("法院服务器没有这件案件，或它不在您的审判庭范围内：无法获取它的历史")]
    Forbidden,
    #[error("法院服务器未能给出此案的历史：{0}。请稍后再试")]
    ServerError(String),
    /// Anything else (the case is not in this store, the store could not be read): its own code and message.
    #[error(transparent)]
    Other(SyncError),
}

impl From<SyncError> for HistoryFetchError {
    fn from(e: SyncError) -> Self {
        use andu_sync::codes;
        match e {
            SyncError::Unreachable { server, why } => Self::Offline { server, why },
            SyncError::NotLoggedIn => Self::NotLoggedIn,
            SyncError::Server(ref b) => match b.code.as_str() {
                codes::UNAUTHORIZED | codes::TOKEN_EXPIRED | codes::BAD_CREDENTIALS => Self::NotLoggedIn,
                codes::FORBIDDEN_CASE | codes::UNKNOWN_CASE => Self::Forbidden,
                _ => Self::ServerError(b.message.clone()),
            },
            SyncError::Protocol(why) => Self::ServerError(why),
            other => Self::Other(other),
        }
    }
}

impl Coded for HistoryFetchError {
    fn code(&self) -> &'static str {
        match self {
            Self::Offline { .. } => "history_offline",
            Self::NotLoggedIn => "history_not_logged_in",
            Self::Forbidden => "history_forbidden",
            Self::ServerError(_) => "history_server_error",
            Self::Other(e) => e.code(),
        }
    }
    fn detail(&self) -> Option<serde_json::Value> {
        match self {
            Self::Other(e) => e.detail(),
            _ => None,
        }
    }
}

/// Fetch case `case_no`'s whole history from the server this store logged in to and keep it in place of the row
/// that said it is on the server (`Store::store_case_history`). The store is taken per short step, never across
/// the network. Returns how many history rows the case now has from the server.
pub fn fetch_from_server(store: &mut impl Step, case_no: &str) -> Result<usize, HistoryFetchError> {
    let (case_id, mut transport) =
        store.with(|s| Ok((s.get_case(case_no)?.summary.id, HttpTransport::for_store(s)?)))?;
    Ok(fetch_case_history(store, &mut transport, &case_id)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use andu_core::ErrorBody;

    fn refused(code: &str) -> SyncError {
        SyncError::Server(ErrorBody { code: code.into(), message: "服务器的说明".into(), detail: None })
    }

    #[test]
    fn each_failure_has_the_code_the_history_view_branches_on() {
        let cases = [
            (SyncError::Unreachable { server: "https://fy".into(), why: "连接被拒绝".into() }, "history_offline"),
            (SyncError::NotLoggedIn, "history_not_logged_in"),
            (refused(andu_sync::codes::UNAUTHORIZED), "history_not_logged_in"),
            (refused(andu_sync::codes::TOKEN_EXPIRED), "history_not_logged_in"),
            (refused(andu_sync::codes::FORBIDDEN_CASE), "history_forbidden"),
            (refused(andu_sync::codes::SERVER_ERROR), "history_server_error"),
            (refused(andu_sync::codes::SERVER_BUSY), "history_server_error"),
            (SyncError::Protocol("不是 JSON".into()), "history_server_error"),
            (SyncError::Store(andu_store::StoreError::CaseNotFound("（2026）粤0309民初1号".into())), "case_not_found"),
        ];
        for (e, code) in cases {
            let body = HistoryFetchError::from(e).to_body();
            assert_eq!(body.code, code, "{}", body.message);
            assert!(!body.message.is_empty());
        }
    }

    #[test]
    fn the_offline_message_names_the_server_and_keeps_the_reason() {
        let e = HistoryFetchError::from(SyncError::Unreachable { server: "https://fy".into(), why: "超时".into() });
        let m = e.to_string();
        assert!(m.contains("https://fy") && m.contains("超时"), "{m}");
    }
}
