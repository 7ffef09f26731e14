use andu_core::Coded;

#[derive(Debug, thiserror::Error)]
pub enum LawError {
    #[error("法条库中没有名为“{0}”的法律、法规或司法解释")]
    UnknownLaw(String),
    #[error("{law}没有{article}")]
    UnknownArticle { law: String, article: String },
    #[error("{law}在 {date} 尚未施行或已经废止")]
    NotInForce { law: String, date: chrono::NaiveDate },
    #[error("“{0}”不是条文序号（例如 147 或 第一百四十七条）")]
    InvalidArticle(String),
    #[error("无法读取 Word 文档：{0}")]
    UnreadableDocx(String),
    #[error("法条库文件 {path} 无法读取（{reason}），请重新安装案牍")]
    LibraryUnreadable { path: String, reason: String },
}

impl Coded for LawError {
    fn code(&self) -> &'static str {
        match self {
            LawError::UnknownLaw(_) => "law_unknown",
            LawError::UnknownArticle { .. } => "law_article_unknown",
            LawError::NotInForce { .. } => "law_not_in_force",
            LawError::InvalidArticle(_) => "law_article_invalid",
            LawError::UnreadableDocx(_) => "docx_unreadable",
            LawError::LibraryUnreadable { .. } => "law_library_unreadable",
        }
    }
}
