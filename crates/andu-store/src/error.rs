//! Store errors: each variant has a stable code (see `Coded`) and a Chinese message that tells the user the fix.

use andu_core::case::{CaseInvalid, FieldError};
use andu_core::{CaseNumberError, Coded};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "未找到数据库密钥：系统钥匙串不可用或没有保存密钥。请在系统钥匙串中解锁，或设置环境变量 ANDU_DB_KEY（{0}）"
    )]
    KeyMissing(String),
    #[error("密钥错误：无法用给定的密钥打开数据库 {path}。文件未被改动；请检查 ANDU_DB_KEY 或系统钥匙串中的密钥")]
    WrongKey { path: String },
    #[error("文件 {path} 不是案牍数据库（{why}）。文件未被改动；请用 --db 指定正确的文件")]
    NotADatabase { path: String, why: &'static str },
    #[error(
        "数据库 {path} 由更新版本的案牍创建（结构版本 {found}，本程序支持到 {supported}）。为避免损坏数据，已拒绝打开；请升级案牍"
    )]
    NewerSchema { path: String, found: i64, supported: i64 },
    #[error("无法打开数据库 {path}：{source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("找不到案号为“{0}”的案件")]
    CaseNotFound(String),
    #[error("案号“{0}”已存在")]
    CaseExists(String),
    #[error(transparent)]
    CaseNumber(#[from] CaseNumberError),
    #[error(transparent)]
    Invalid(#[from] CaseInvalid),
    #[error(
        "字段“{0}”不能修改：可修改的字段为 cause、procedure、filed、court、division、judge、assistant、clerk、closed、closing_method、custody"
    )]
    UnknownField(String),
    #[error("导入失败：{} 行有错误，未导入任何数据（可用 --skip-invalid 只导入正确的行）", .0.len())]
    ImportRejected(Vec<RowError>),
    #[error("表格缺少必需的列：{}。第一行应为列名：案号、案由、程序、立案日期…", .0.join("、"))]
    MissingColumns(Vec<String>),
    #[error(
        "找不到表格的列名行：前 30 行中没有一行含两个以上可识别的列名（如 案号、案由、立案日期、承办法官、当事人）。请确认文件是案件导出表，或用 --mapping 指定 header_row 与各列"
    )]
    HeaderNotFound,
    #[error(
        "表格（列名在第 {header_row} 行）中没有对应这些必需字段的列：{}。请用 --show-mapping 查看各列的建议映射，再用 --mapping 指定", .missing.join("、")
    )]
    ColumnsUnmapped { missing: Vec<String>, header_row: u32 },
    #[error("文件 {path} 无法读取：{why}")]
    BadFile { path: String, why: String },
    #[error("找不到文书草稿“{0}”")]
    DraftNotFound(String),
    #[error("找不到草稿版本“{0}”（可能属于另一份草稿）")]
    RevisionNotFound(String),
    #[error("找不到冲突记录“{0}”（可能已在另一台设备上解决，请先同步）")]
    ConflictNotFound(String),
    #[error("冲突 {0} 已经解决过，不能再次解决（再次解决会覆盖之后的修改）；如需更改，请直接修改该字段")]
    ConflictResolved(String),
    #[error("冲突记录 {id} 无法读取（{reason}）：本机数据可能已损坏，请联系管理员；其他数据不受影响")]
    ConflictUnreadable { id: String, reason: String },
    #[error("本案没有这条记录（{0}），可能已被删除；请刷新后再试")]
    RecordNotFound(String),
    #[error("节点“{kind}”记录的是“{party}”：请先删除该节点，再删除这名当事人")]
    PartyInUse { party: String, kind: String },
    #[error("案件至少需要一名当事人，不能删除最后一名")]
    LastParty,
    #[error(transparent)]
    Review(#[from] andu_core::review::ReviewError),
    #[error("数据库错误：{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("读写文件失败：{0}")]
    Io(#[from] std::io::Error),
}

/// One bad row of an import: 1-based line (JSON Lines) or spreadsheet row, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowError {
    pub line: usize,
    pub case_no: String,
    pub errors: Vec<FieldError>,
    /// Court-layout tables: error field path → the column it came from (`D 列“收案日期”`).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<std::collections::BTreeMap<String, String>>", optional))]
    pub columns: std::collections::BTreeMap<String, String>,
}

impl Coded for StoreError {
    fn code(&self) -> &'static str {
        match self {
            Self::KeyMissing(_) => "db_key_missing",
            Self::WrongKey { .. } => "db_wrong_key",
            Self::NotADatabase { .. } => "db_not_database",
            Self::NewerSchema { .. } => "db_newer_schema",
            Self::Open { .. } => "db_open_failed",
            Self::CaseNotFound(_) => "case_not_found",
            Self::CaseExists(_) => "case_exists",
            Self::ConflictNotFound(_) => "conflict_not_found",
            Self::ConflictResolved(_) => "conflict_already_resolved",
            Self::ConflictUnreadable { .. } => "conflict_unreadable",
            Self::RecordNotFound(_) => "record_not_found",
            Self::PartyInUse { .. } => "party_in_use",
            Self::LastParty => "party_last",
            Self::CaseNumber(e) => e.code(),
            Self::Invalid(e) => e.code(),
            Self::UnknownField(_) => "field_unknown",
            Self::ImportRejected(_) => "import_invalid_rows",
            Self::MissingColumns(_) => "xlsx_missing_columns",
            Self::BadFile { .. } => "file_unreadable",
            Self::HeaderNotFound => "import_header_not_found",
            Self::ColumnsUnmapped { .. } => "import_columns_unmapped",
            Self::DraftNotFound(_) => "draft_not_found",
            Self::RevisionNotFound(_) => "draft_revision_not_found",
            Self::Review(e) => e.code(),
            Self::Sqlite(_) => "db_error",
            Self::Io(_) => "io_error",
        }
    }
    fn detail(&self) -> Option<serde_json::Value> {
        match self {
            Self::CaseNumber(e) => e.detail(),
            Self::Invalid(e) => e.detail(),
            Self::ImportRejected(rows) => serde_json::to_value(rows).ok(),
            Self::MissingColumns(cols) => serde_json::to_value(cols).ok(),
            Self::ColumnsUnmapped { missing, .. } => serde_json::to_value(missing).ok(),
            _ => None,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The shells' error body, so a caller whose own errors are bodies can pass store errors through `?`.
impl From<StoreError> for andu_core::ErrorBody {
    fn from(e: StoreError) -> Self {
        andu_core::Coded::to_body(&e)
    }
}
