//! Every failure of the statistics, with a stable code (for the UI and `--json`) and a Chinese message.

use andu_core::Coded;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error("统计期间无效：开始日期 {from} 晚于结束日期 {to}")]
    PeriodInvalid { from: String, to: String },

    #[error("未知的指标“{key}”：可用的指标为 {}", crate::KEYS.join("、"))]
    IndicatorUnknown { key: String },

    #[error("未知的阅核统计指标“{key}”：可用的为 {}", crate::REVIEW_KEYS.join("、"))]
    ReviewKeyUnknown { key: String },

    #[error(
        "未知的案件类别“{input}”：应为 civil、criminal、administrative、enforcement、other 或 民事、刑事、行政、执行、其他"
    )]
    CategoryUnknown { input: String },

    #[error("指标定义文件无效：{reason}")]
    DefinitionsInvalid { reason: String },

    #[error("无法生成统计报表：{reason}")]
    ExportFailed { reason: String },
}

impl Coded for StatsError {
    fn code(&self) -> &'static str {
        match self {
            Self::PeriodInvalid { .. } => "period_invalid",
            Self::IndicatorUnknown { .. } | Self::ReviewKeyUnknown { .. } => "indicator_unknown",
            Self::CategoryUnknown { .. } => "category_unknown",
            Self::DefinitionsInvalid { .. } => "definitions_invalid",
            Self::ExportFailed { .. } => "export_failed",
        }
    }

    fn detail(&self) -> Option<serde_json::Value> {
        match self {
            Self::PeriodInvalid { from, to } => Some(serde_json::json!({ "from": from, "to": to })),
            Self::IndicatorUnknown { key } => Some(serde_json::json!({ "key": key, "known": crate::KEYS })),
            _ => None,
        }
    }
}

impl StatsError {
    pub(crate) fn definitions(reason: impl Into<String>) -> Self {
        Self::DefinitionsInvalid { reason: reason.into() }
    }
}
