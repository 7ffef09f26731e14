//! 院庭长阅核: the words of a review of a draft judgment before it is issued, and its refusals.
//!
//! A judge sends a revision of a draft to 阅核 (a *round*); the reviewer comments on quoted passages and decides:
//! 同意签发, 提出意见 (the draft goes back to the judge), or 提交讨论 (专业法官会议 or 审判委员会, whose result is
//! recorded later). The judge keeps the decision and the text: a reviewer never edits it. The records live in the
//! store (`andu_store::review`), who may do what in `andu_sync::review`.

use serde::{Deserialize, Serialize};

/// A reviewer's answer to a round. Wire and store form: `approve`, `return`, `discuss`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 同意签发.
    Approve,
    /// 提出意见（退回）: the judge revises and sends again.
    Return,
    /// 提交讨论: to a 专业法官会议 or the 审判委员会 ([`Forum`]).
    Discuss,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Return => "return",
            Decision::Discuss => "discuss",
        }
    }
    pub fn parse(s: &str) -> Option<Decision> {
        Some(match s {
            "approve" | "同意签发" => Decision::Approve,
            "return" | "提出意见" | "退回" => Decision::Return,
            "discuss" | "提交讨论" => Decision::Discuss,
            _ => return None,
        })
    }
    /// The decision as the statistics and lists name it: 同意签发, 退回, 提交讨论.
    pub fn name_zh(self) -> &'static str {
        match self {
            Decision::Approve => "同意签发",
            Decision::Return => "退回",
            Decision::Discuss => "提交讨论",
        }
    }
    /// The case's 阅核 status after this decision.
    pub fn status(self) -> ReviewStatus {
        match self {
            Decision::Approve => ReviewStatus::Approved,
            Decision::Return => ReviewStatus::Returned,
            Decision::Discuss => ReviewStatus::Discussion,
        }
    }
}

/// Where a case is sent for discussion (最高人民法院《关于完善人民法院专业法官会议工作机制的指导意见》; 审判委员会).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Forum {
    #[serde(rename = "专业法官会议")]
    JudgesMeeting,
    #[serde(rename = "审判委员会")]
    JudicialCommittee,
}

impl Forum {
    pub fn as_str(self) -> &'static str {
        match self {
            Forum::JudgesMeeting => "专业法官会议",
            Forum::JudicialCommittee => "审判委员会",
        }
    }
    pub fn parse(s: &str) -> Option<Forum> {
        Some(match s {
            "专业法官会议" | "judges_meeting" => Forum::JudgesMeeting,
            "审判委员会" | "审委会" | "judicial_committee" => Forum::JudicialCommittee,
            _ => return None,
        })
    }
}

/// Where a case's 阅核 stands: the state of its latest round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReviewStatus {
    #[serde(rename = "未送阅核")]
    NotSent,
    #[serde(rename = "待阅核")]
    Pending,
    #[serde(rename = "已退回")]
    Returned,
    #[serde(rename = "同意签发")]
    Approved,
    #[serde(rename = "提交讨论")]
    Discussion,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::NotSent => "未送阅核",
            ReviewStatus::Pending => "待阅核",
            ReviewStatus::Returned => "已退回",
            ReviewStatus::Approved => "同意签发",
            ReviewStatus::Discussion => "提交讨论",
        }
    }
}

/// The case flag that sends a case's 阅核 to the 院长 (the four kinds of 《最高人民法院关于完善人民法院司法责任制的若干
/// 意见》第24条: 群体性纠纷, 疑难复杂且有重大社会影响, 与类案判决可能冲突, 反映法官有违法审判行为).
pub const FOUR_KINDS: &str = "四类案件";

/// Refusals of a 阅核 step. The codes are stable; the UI acts on them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// Not the reviewer of this case: outside the division, or not the role the court's setting names (a 四类案件
    /// is the 院长's).
    #[error("您不是本案的阅核人：本案由{reviewer}阅核（{why}）")]
    ForbiddenCase { reviewer: String, why: String },
    /// The text is the judge's: a reviewer comments, never edits; only the case's judge sends it to 阅核.
    #[error("{what}只能由承办法官{judge}进行：阅核人可以提出意见，不能修改文书")]
    NotTheAuthor { what: String, judge: String },
    #[error("本案{state}，没有待阅核的文书：{hint}")]
    NotPending { state: String, hint: String },
    #[error("本案文书{state}，尚未同意签发，不能导出签发稿{hint}")]
    Pending { state: String, hint: String },
    #[error("本案已送阅核（{sent_at}），尚未答复；请等阅核人答复后再送")]
    AlreadySent { sent_at: String },
    #[error("本案还没有保存过判决书草稿版本：请先导入或保存草稿（andu draft import）")]
    NoRevision,
    #[error("本案草稿有 {0} 个并行版本：请先合并为一个版本再送阅核")]
    Heads(usize),
    #[error("文书中没有找到引文“{0}”：批注须引用文书中的原文")]
    QuoteNotFound(String),
    #[error("找不到批注“{0}”")]
    CommentNotFound(String),
    #[error("批注只能由写下它的人撤回（该批注由{0}写下）")]
    NotYourComment(String),
    #[error("该批注已于 {0} 撤回")]
    AlreadyWithdrawn(String),
    #[error("本院设置不允许越过阅核导出签发稿")]
    OverrideRefused,
    #[error("{field}不能为空")]
    Empty { field: &'static str },
    #[error("未提交讨论的案件不能记录讨论结果")]
    NoDiscussion,
    #[error(
        "不知道由谁操作：请先登录法院服务器（andu login），或在设置中填写姓名与审判庭，或用 --as 姓名 --role 庭长 指定"
    )]
    ActorUnknown,
    #[error("不认识的角色“{0}”：可用 法官、法官助理、书记员、庭长、院长")]
    RoleUnknown(String),
}

impl crate::Coded for ReviewError {
    fn code(&self) -> &'static str {
        match self {
            ReviewError::ForbiddenCase { .. } => "forbidden_case",
            ReviewError::NotTheAuthor { .. } => "not_the_author",
            ReviewError::NotPending { .. } => "review_not_pending",
            ReviewError::Pending { .. } => "review_pending",
            ReviewError::AlreadySent { .. } => "review_already_sent",
            ReviewError::NoRevision => "draft_no_revision",
            ReviewError::Heads(_) => "draft_heads_unmerged",
            ReviewError::QuoteNotFound(_) => "review_quote_not_found",
            ReviewError::CommentNotFound(_) => "review_comment_not_found",
            ReviewError::NotYourComment(_) => "review_comment_not_yours",
            ReviewError::AlreadyWithdrawn(_) => "review_comment_withdrawn",
            ReviewError::OverrideRefused => "review_override_refused",
            ReviewError::Empty { .. } => "field_required",
            ReviewError::NoDiscussion => "review_not_in_discussion",
            ReviewError::ActorUnknown => "actor_unknown",
            ReviewError::RoleUnknown(_) => "role_unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coded;

    #[test]
    fn words_round_trip_and_codes_are_the_issues() {
        for d in [Decision::Approve, Decision::Return, Decision::Discuss] {
            assert_eq!(Decision::parse(d.as_str()), Some(d));
            assert_eq!(Decision::parse(d.name_zh()), Some(d), "the statistics' word reads back");
        }
        assert_eq!(Decision::parse("同意签发"), Some(Decision::Approve));
        for f in [Forum::JudgesMeeting, Forum::JudicialCommittee] {
            assert_eq!(Forum::parse(f.as_str()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
        assert_eq!(serde_json::to_value(ReviewStatus::Pending).unwrap(), "待阅核");
        assert_eq!(Decision::Return.status().as_str(), "已退回");
        let forbidden = ReviewError::ForbiddenCase { reviewer: "民一庭庭长".into(), why: "x".into() };
        assert_eq!(forbidden.code(), "forbidden_case");
        assert_eq!(ReviewError::NotTheAuthor { what: "x".into(), judge: "y".into() }.code(), "not_the_author");
        assert_eq!(ReviewError::NotPending { state: "x".into(), hint: "y".into() }.code(), "review_not_pending");
        assert_eq!(ReviewError::Pending { state: "x".into(), hint: "y".into() }.code(), "review_pending");
    }
}
