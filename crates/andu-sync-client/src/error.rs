//! Sync errors, each with a stable code and a message that says what to do. None of them loses local edits.

use andu_core::{Coded, ErrorBody};
use andu_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("无法连接服务器 {server}：{why}。修改已保存在本机，恢复连接后会自动上传")]
    Unreachable { server: String, why: String },
    #[error("{}", .0.message)]
    Server(ErrorBody),
    #[error("尚未登录同步服务器：请先运行 andu login --server 地址 --user 用户名")]
    NotLoggedIn,
    #[error("服务器的回答无法理解：{0}。请确认服务器地址，或升级案牍")]
    Protocol(String),
    #[error("还有 {0} 项修改尚未上传：请先同步（立即同步），上传完成后再退出登录")]
    PendingEdits(i64),
    #[error(
        "不能用未加密的 http:// 连接服务器 {0}：密码和令牌会以明文在网络上传输。请改用 https:// 地址；法院自建的证书颁发机构（CA），请把其证书文件的路径放在环境变量 ANDU_CA_CERT 中再登录。只有本机地址（127.0.0.1、localhost）可以用 http://"
    )]
    InsecureServerUrl(String),
    #[error(
        "这是演示数据库（{0}）：演示案件是虚构的，不会上传到法院服务器。请在正式数据库中登录（桌面程序：首次使用向导；命令行：用 --db 指定正式数据库）"
    )]
    DemoStore(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Coded for SyncError {
    fn code(&self) -> &'static str {
        match self {
            Self::Unreachable { .. } => "server_unreachable",
            // The server's own stable code is in `detail`; the UI branches on it via `server_code`.
            Self::Server(_) => "server_refused",
            Self::NotLoggedIn => "not_logged_in",
            Self::Protocol(_) => "protocol_error",
            Self::PendingEdits(_) => "logout_pending",
            Self::InsecureServerUrl(_) => "insecure_server_url",
            Self::DemoStore(_) => "demo_store_not_synced",
            Self::Store(e) => e.code(),
        }
    }
    fn detail(&self) -> Option<serde_json::Value> {
        match self {
            Self::Server(b) => Some(serde_json::json!({ "server_code": b.code })),
            _ => None,
        }
    }
}

impl SyncError {
    /// The server's error code, when the server answered with one.
    pub fn server_code(&self) -> Option<&str> {
        match self {
            Self::Server(b) => Some(&b.code),
            _ => None,
        }
    }
    /// Worth trying again later by itself (the network, a busy server), as opposed to needing a person.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Unreachable { .. })
            || matches!(self.server_code(), Some(andu_sync::codes::SERVER_ERROR | andu_sync::codes::SERVER_BUSY))
    }
}
