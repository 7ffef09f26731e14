//! Every failure of the engine, with a stable code (for the UI and `--json`) and a Chinese message (for people).

use andu_core::Coded;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// A computation reached a year for which no holiday table is loaded. Never guessed around: a deadline that
    /// ignores 春节 or 国庆 is worse than none (domain.md §0).
    #[error(
        "缺少 {year} 年的节假日与调休数据，无法计算 {date} 前后的期间：请管理员导入 {year} 年国务院放假安排后再计算"
    )]
    HolidayDataMissing { year: i32, date: String },

    #[error("节假日表无效：{reason}")]
    HolidayTableInvalid { reason: String },

    #[error("期间规则{}无效：{reason}", rule.as_ref().map(|r| format!("“{r}”")).unwrap_or_default())]
    RuleInvalid { rule: Option<String>, reason: String },

    #[error("期间无效：{reason}")]
    PeriodInvalid { reason: String },

    /// Text that is not a length this place takes (`7x`, empty, `abc`, hours where only days count).
    #[error("期限长度“{input}”{reason}")]
    LengthInvalid { input: String, reason: String },

    /// Date arithmetic beyond the dates the calendar can hold (`andu due --within 100000000d`).
    #[error("日期超出可计算的范围（{reason}）：请缩短期限或时间窗口")]
    DateOutOfRange { reason: String },

    #[error("延长期限“{input}”无效：{reason}（应为 6个月、6m、30日 或 30d 这样的写法）")]
    ExtensionInvalid { input: String, reason: String },

    #[error("期间“{input}”无效：{reason}（应为 2025-05-06..2025-06-20 这样的写法，两端日期均计入）")]
    IntervalInvalid { input: String, reason: String },

    #[error("设置无效：{reason}")]
    SettingsInvalid { reason: String },

    /// One reminder threshold out of its range, named so the 设置 editor shows the refusal under that field.
    #[error("设置无效：{reason}")]
    ReminderSettingInvalid { field: &'static str, reason: String },

    /// The case has no 审限 at all (涉外民事案件, CPL 287): not a failure, and never an overdue alert; statistics
    /// leave it out of 审限内结案率 as the indicators file says.
    #[error("{reason}")]
    TrialLimitExempt { reason: String },

    /// A pasted State Council notice that could not be read into a year's table (`notice::parse_notice`).
    #[error("无法读取放假通知：{reason}")]
    NoticeUnreadable { reason: String },
}

impl Coded for DeadlineError {
    fn code(&self) -> &'static str {
        match self {
            Self::HolidayDataMissing { .. } => "holiday_data_missing",
            Self::HolidayTableInvalid { .. } => "holiday_table_invalid",
            Self::RuleInvalid { .. } => "rule_invalid",
            Self::PeriodInvalid { .. } => "period_invalid",
            Self::LengthInvalid { .. } => "invalid_length",
            Self::DateOutOfRange { .. } => "date_out_of_range",
            Self::ExtensionInvalid { .. } => "extension_invalid",
            Self::IntervalInvalid { .. } => "interval_invalid",
            Self::SettingsInvalid { .. } | Self::ReminderSettingInvalid { .. } => "settings_invalid",
            Self::NoticeUnreadable { .. } => "holiday_notice_unreadable",
            Self::TrialLimitExempt { .. } => "trial_limit_exempt",
        }
    }

    fn detail(&self) -> Option<serde_json::Value> {
        match self {
            Self::HolidayDataMissing { year, date } => Some(serde_json::json!({ "year": year, "date": date })),
            Self::RuleInvalid { rule: Some(rule), .. } => Some(serde_json::json!({ "rule": rule })),
            // The field-error list the UI shows under each form field (as for a case's fields).
            Self::ReminderSettingInvalid { field, reason } => {
                Some(serde_json::json!([{ "field": field, "code": "settings_invalid", "message": reason }]))
            }
            _ => None,
        }
    }
}

impl DeadlineError {
    pub(crate) fn period(reason: impl Into<String>) -> Self {
        Self::PeriodInvalid { reason: reason.into() }
    }
    pub(crate) fn out_of_range(reason: impl Into<String>) -> Self {
        Self::DateOutOfRange { reason: reason.into() }
    }
    pub(crate) fn holiday_table(reason: impl Into<String>) -> Self {
        Self::HolidayTableInvalid { reason: reason.into() }
    }
    pub(crate) fn rule(rule: Option<&str>, reason: impl Into<String>) -> Self {
        Self::RuleInvalid { rule: rule.map(str::to_string), reason: reason.into() }
    }
}
