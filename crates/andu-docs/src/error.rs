//! Typed errors with stable codes (`andu_core::Coded`) and Chinese messages that say where the problem is.

use andu_core::Coded;
use serde::Serialize;

/// Where in a template a problem is: the part (`word/document.xml`, `word/header1.xml`…) and the text of the
/// paragraph, so a judge can find it with Word's search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub part: String,
    pub paragraph: String,
}

impl Location {
    /// `正文` / `页眉（word/header1.xml）` / `页脚（word/footer2.xml）`.
    pub fn part_name(&self) -> String {
        let p = self.part.as_str();
        if p.starts_with("word/header") {
            format!("页眉（{p}）")
        } else if p.starts_with("word/footer") {
            format!("页脚（{p}）")
        } else if p == "word/document.xml" {
            "正文".into()
        } else {
            p.to_string()
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MAX: usize = 40;
        let text: String = self.paragraph.chars().take(MAX).collect();
        let more = if self.paragraph.chars().count() > MAX { "……" } else { "" };
        write!(f, "（位置：{}，段落“{text}{more}”）", self.part_name())
    }
}

fn at(loc: &Option<Location>) -> String {
    loc.as_ref().map(|l| l.to_string()).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocError {
    #[error("找不到模板“{0}”")]
    TemplateNotFound(String),
    #[error("无法读取 {path}：{reason}")]
    FileUnreadable { path: String, reason: String },
    #[error("模板无效：{reason}{}", at(.loc))]
    TemplateInvalid { reason: String, loc: Option<Location> },
    #[error("模板中的区段“{{{{#{name}}}}}”没有结束标记“{{{{/{name}}}}}”{loc}")]
    SectionUnclosed { name: String, loc: Location },
    #[error("模板中的结束标记“{{{{/{name}}}}}”没有对应的开始标记{loc}")]
    SectionUnopened { name: String, loc: Location },
    #[error("模板中的区段“{name}”{reason}{loc}")]
    SectionSplit { name: String, reason: String, loc: Location },
    #[error("模板中的标记“{tag}”不受支持：{reason}{loc}")]
    TagUnsupported { tag: String, reason: String, loc: Location },
    #[error("模板中的字段“{name}”在数据中不存在{loc}")]
    FieldUnknown { name: String, loc: Location },
    #[error("数据无效：{reason}{}", at(.loc))]
    DataInvalid { reason: String, loc: Option<Location> },
    #[error("本案没有名为“{0}”的当事人")]
    PartyNotFound(String),
    #[error("无法写入 {path}：{reason}")]
    OutputWriteFailed { path: String, reason: String },
    #[error("无法读取文书的文字：{0}")]
    DocxUnreadable(String),
}

impl DocError {
    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        DocError::TemplateInvalid { reason: reason.into(), loc: None }
    }
    pub(crate) fn data(reason: impl Into<String>) -> Self {
        DocError::DataInvalid { reason: reason.into(), loc: None }
    }
    /// The location, for the errors that have one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            DocError::TemplateInvalid { loc, .. } | DocError::DataInvalid { loc, .. } => loc.as_ref(),
            DocError::SectionUnclosed { loc, .. }
            | DocError::SectionUnopened { loc, .. }
            | DocError::SectionSplit { loc, .. }
            | DocError::TagUnsupported { loc, .. }
            | DocError::FieldUnknown { loc, .. } => Some(loc),
            _ => None,
        }
    }
}

impl Coded for DocError {
    fn code(&self) -> &'static str {
        match self {
            DocError::TemplateNotFound(_) => "template_not_found",
            DocError::FileUnreadable { .. } => "file_unreadable",
            DocError::TemplateInvalid { .. } => "template_invalid",
            DocError::SectionUnclosed { .. } => "template_section_unclosed",
            DocError::SectionUnopened { .. } => "template_section_unopened",
            DocError::SectionSplit { .. } => "template_section_split",
            DocError::TagUnsupported { .. } => "template_tag_unsupported",
            DocError::FieldUnknown { .. } => "template_field_unknown",
            DocError::DataInvalid { .. } => "data_invalid",
            DocError::PartyNotFound(_) => "party_not_found",
            DocError::OutputWriteFailed { .. } => "output_write_failed",
            DocError::DocxUnreadable(_) => "docx_unreadable",
        }
    }
    fn detail(&self) -> Option<serde_json::Value> {
        let name = match self {
            DocError::SectionUnclosed { name, .. }
            | DocError::SectionUnopened { name, .. }
            | DocError::SectionSplit { name, .. }
            | DocError::FieldUnknown { name, .. }
            | DocError::TagUnsupported { tag: name, .. } => Some(name.as_str()),
            _ => None,
        };
        let loc = self.location()?;
        let mut v = serde_json::json!({ "part": loc.part, "paragraph": loc.paragraph });
        if let Some(n) = name {
            v["name"] = n.into();
        }
        Some(v)
    }
}
