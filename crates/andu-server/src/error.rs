//! Server errors: a stable code the client acts on, a Chinese message that tells the person the fix, an HTTP status.

use andu_core::{Coded, ErrorBody};
use andu_sync::codes;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(
        "客户端版本过旧（协议 {client}，服务器至少需要 {min}）。请升级案牍；未同步的修改仍保存在本机，升级后会继续上传"
    )]
    UpgradeRequired { client: u32, min: u32 },
    #[error("用户名或密码错误")]
    BadCredentials,
    #[error("登录已失效，请重新登录（andu login）")]
    Unauthorized,
    #[error("访问令牌已过期")]
    TokenExpired,
    #[error("设备 {0} 已登记在另一位用户名下；请在这台电脑上用原用户登录，或联系管理员")]
    DeviceTaken(String),
    #[error("请求格式错误：{0}")]
    BadRequest(String),
    #[error(
        "同步位置无效（{0}）：服务器从未发出过这个位置。请在 设置 → 同步服务器 中退出登录后重新登录，重新同步全部案件"
    )]
    BadCursor(String),
    #[error("用户“{0}”已存在")]
    UserExists(String),
    #[error("角色“{0}”无效：可用 judge、assistant、clerk、chief、president、admin")]
    BadRole(String),
    #[error(
        "服务器数据由更新版本的案牍服务器创建（结构版本 {found}，本程序支持到 {supported}）。已拒绝打开以免损坏数据；请升级服务器"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("审计日志校验失败：第 {seq} 条记录的哈希不符（{why}）")]
    AuditBroken { seq: i64, why: String },
    #[error("服务器存储出错：{0}")]
    Storage(String),
    #[error("一次最多上传 {max} 项修改，本次 {got} 项；请升级案牍（新版本会自动分批上传）")]
    TooManyOps { got: usize, max: usize },
    #[error("登录失败次数过多，请 {retry_after_secs} 秒后再试")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("账户“{0}”因多次密码错误已被锁定；请联系管理员解锁（andu-server user unlock --name 用户名）")]
    AccountLocked(String),
    #[error("服务器正忙，请稍后再试")]
    Busy { retry_after_secs: u64 },
    #[error("没有用户“{0}”")]
    NoSuchUser(String),
    #[error("配置文件 {file} 有误：{why}")]
    BadConfig { file: String, why: String },
    #[error("备份失败：{0}")]
    BackupFailed(String),
    #[error("备份目标 {0} 已存在；为免覆盖旧备份，请换一个文件名")]
    BackupTargetExists(String),
    #[error("PostgreSQL 上的服务器数据请用 pg_dump 备份，例如 pg_dump -Fc -f andu.dump postgres://andu@127.0.0.1/andu")]
    BackupUsePgDump,
    /// A request about a case the user may not see, or that does not exist (answered alike: the answer does not
    /// tell which case ids exist).
    #[error("没有这件案件，或它不在您的审判庭范围内")]
    CaseNotShown,
}

impl From<rusqlite::Error> for ServerError {
    fn from(e: rusqlite::Error) -> Self {
        ServerError::Storage(e.to_string())
    }
}

impl From<postgres::Error> for ServerError {
    fn from(e: postgres::Error) -> Self {
        ServerError::Storage(e.to_string())
    }
}

impl Coded for ServerError {
    fn code(&self) -> &'static str {
        match self {
            Self::UpgradeRequired { .. } => codes::UPGRADE_REQUIRED,
            Self::BadCredentials => codes::BAD_CREDENTIALS,
            Self::Unauthorized => codes::UNAUTHORIZED,
            Self::TokenExpired => codes::TOKEN_EXPIRED,
            Self::DeviceTaken(_) => codes::DEVICE_TAKEN,
            Self::BadRequest(_) => codes::BAD_REQUEST,
            Self::BadCursor(_) => codes::BAD_CURSOR,
            Self::UserExists(_) => "user_exists",
            Self::BadRole(_) => "bad_role",
            Self::NewerSchema { .. } => "server_schema_newer",
            Self::AuditBroken { .. } => "audit_broken",
            Self::Storage(_) => codes::SERVER_ERROR,
            Self::TooManyOps { .. } => codes::TOO_MANY_OPS,
            Self::TooManyAttempts { .. } => codes::TOO_MANY_ATTEMPTS,
            Self::AccountLocked(_) => codes::ACCOUNT_LOCKED,
            Self::Busy { .. } => codes::SERVER_BUSY,
            Self::NoSuchUser(_) => "no_such_user",
            Self::BadConfig { .. } => "bad_config",
            Self::BackupFailed(_) => "backup_failed",
            Self::BackupTargetExists(_) => "backup_target_exists",
            Self::BackupUsePgDump => "backup_use_pg_dump",
            Self::CaseNotShown => codes::FORBIDDEN_CASE,
        }
    }
}

impl ServerError {
    pub fn status(&self) -> u16 {
        match self {
            Self::UpgradeRequired { .. } => 426,
            Self::BadCredentials | Self::Unauthorized | Self::TokenExpired => 401,
            Self::DeviceTaken(_) => 403,
            Self::BadRequest(_) | Self::BadRole(_) | Self::BadCursor(_) => 400,
            Self::AccountLocked(_) | Self::CaseNotShown => 403,
            Self::NoSuchUser(_) => 404,
            Self::UserExists(_) => 409,
            Self::TooManyOps { .. } => 413,
            Self::TooManyAttempts { .. } => 429,
            Self::NewerSchema { .. } | Self::AuditBroken { .. } | Self::Storage(_) => 500,
            // Command-line only; never answered over HTTP.
            Self::BadConfig { .. } | Self::BackupTargetExists(_) | Self::BackupUsePgDump => 400,
            Self::BackupFailed(_) => 500,
            Self::Busy { .. } => 503,
        }
    }
    /// Seconds the client should wait before trying again (`Retry-After`), for the answers that have one.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::TooManyAttempts { retry_after_secs } | Self::Busy { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }
    pub fn body(&self) -> ErrorBody {
        self.to_body()
    }
}
