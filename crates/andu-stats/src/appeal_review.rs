//! 发改案件逐案评查: every case whose appeal ended in 改判 or 发回重审 enters the 评查 list, with a deadline to
//! review it (the definitions' `[appeal_review] deadline_days`, counted from the day the outcome was recorded) and
//! the review once recorded: the reason category, whether the first-instance judge bears responsibility, and the
//! lesson (一案一策). Pure: the day each outcome was recorded, the reviews and `today` come in.

use std::collections::HashMap;

use andu_core::AppealOutcome;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{CaseFacts, Definitions, Scope};

/// The entry rule: an appeal outcome puts its first-instance case on the 评查 list when it is 改判 or 发回重审.
pub fn enters_review(outcome: Option<AppealOutcome>) -> bool {
    matches!(outcome, Some(AppealOutcome::Reversed | AppealOutcome::Remanded))
}

/// One recorded 评查 (the latest one of a case counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewRecord {
    /// One of the definitions' reason categories (认定事实, 适用法律, 程序, 新证据, 其他…).
    pub reason: String,
    /// Whether the first-instance judge bears responsibility for the outcome.
    pub responsible: bool,
    /// 一案一策: what the court takes from the case.
    pub lesson: String,
    /// Who recorded it (the user or device name), and when.
    pub reviewer: String,
    pub recorded: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReviewState {
    #[serde(rename = "待评查")]
    Pending,
    #[serde(rename = "已评查")]
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// The store's recorded 评查 is `AppealReviewRow` in TypeScript already; this is one line of the 评查 list.
#[cfg_attr(feature = "ts", ts(rename = "AppealReviewListRow"))]
pub struct AppealReviewRow {
    pub case_no: String,
    pub cause: String,
    pub judge: String,
    pub division: String,
    pub closed: Option<NaiveDate>,
    /// 改判 or 发回重审.
    pub outcome: AppealOutcome,
    /// The day the outcome was recorded (the list's entry day), from which the deadline runs.
    pub entered: NaiveDate,
    pub due: NaiveDate,
    pub state: ReviewState,
    /// Pending after `due`, or reviewed after it.
    pub overdue: bool,
    /// Days from `today` to `due` while pending (negative when overdue); `None` once reviewed.
    pub days_left: Option<i64>,
    pub review: Option<ReviewRecord>,
}

/// The 评查 list of the cases in `scope`: pending first (most overdue first), then reviewed (newest first).
/// `entered` gives the day a case's outcome was recorded (by 案号); a case without one (an outcome the store holds
/// no record of writing, e.g. an old import) enters on its 结案 day, else its 立案 day.
pub fn appeal_review_list(
    cases: &[CaseFacts],
    scope: &Scope,
    entered: &HashMap<String, NaiveDate>,
    reviews: &HashMap<String, ReviewRecord>,
    defs: &Definitions,
    today: NaiveDate,
) -> Vec<AppealReviewRow> {
    let days = chrono::Days::new(u64::from(defs.appeal_review.deadline_days));
    let mut rows: Vec<AppealReviewRow> = cases
        .iter()
        .filter(|c| scope.matches(c))
        .filter_map(|c| {
            let outcome = c.appeal.and_then(|a| a.outcome).filter(|o| enters_review(Some(*o)))?;
            let entered = entered.get(&c.case_no).copied().or(c.closed).unwrap_or(c.filed);
            let due = entered.checked_add_days(days).unwrap_or(NaiveDate::MAX);
            let review = reviews.get(&c.case_no).cloned();
            let (state, overdue, days_left) = match &review {
                Some(r) => (ReviewState::Done, r.recorded > due, None),
                None => (ReviewState::Pending, today > due, Some((due - today).num_days())),
            };
            Some(AppealReviewRow {
                case_no: c.case_no.clone(),
                cause: c.cause.to_string(),
                judge: c.judge.to_string(),
                division: c.division.to_string(),
                closed: c.closed,
                outcome,
                entered,
                due,
                state,
                overdue,
                days_left,
                review,
            })
        })
        .collect();
    rows.sort_by(|a, b| match (a.state, b.state) {
        (ReviewState::Pending, ReviewState::Done) => std::cmp::Ordering::Less,
        (ReviewState::Done, ReviewState::Pending) => std::cmp::Ordering::Greater,
        (ReviewState::Pending, ReviewState::Pending) => a.due.cmp(&b.due).then(a.case_no.cmp(&b.case_no)),
        (ReviewState::Done, ReviewState::Done) => {
            let at = |r: &AppealReviewRow| r.review.as_ref().map(|x| x.recorded);
            at(b).cmp(&at(a)).then(a.case_no.cmp(&b.case_no))
        }
    });
    rows
}
