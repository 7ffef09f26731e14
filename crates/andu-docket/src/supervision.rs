//! 审判监督管理 over the store: the 发改案件逐案评查 list and its records, and the per-judge page. The rules are
//! andu-stats' (`appeal_review`, `performance`); this joins them with what the store keeps, for `andu review` /
//! `andu stats judge` and the app alike.

use std::collections::HashMap;

use andu_core::{Coded, court_day};
use andu_stats::appeal_review::{AppealReviewRow, ReviewRecord, appeal_review_list};
use andu_stats::performance::PageInputs;
use andu_stats::{CaseWeights, Definitions, JudgePage, Period, Scope};
use andu_store::Store;
use chrono::{DateTime, NaiveDate, Utc};

use crate::ErrorBody;
use crate::statistics::{StatsFacts, definitions};

/// The 评查 list with everything a screen shows beside it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppealReviewList {
    pub today: NaiveDate,
    /// The court setting 评查期限 (`[appeal_review] deadline_days` of the indicator definitions in force).
    pub deadline_days: u32,
    /// The reason categories a review picks from.
    pub reasons: Vec<String>,
    pub definitions_version: String,
    pub rows: Vec<AppealReviewRow>,
}

/// The 评查 list of `scope` on `today`.
pub fn appeal_reviews(store: &Store, scope: &Scope, today: NaiveDate) -> Result<AppealReviewList, ErrorBody> {
    let defs = definitions(store)?;
    let facts = StatsFacts::read(store)?;
    let mut entered = HashMap::new();
    let mut reviews = HashMap::new();
    for e in store.appeal_review_entries().map_err(|e| e.to_body())? {
        if let Some(day) = e.outcome_recorded.as_deref().and_then(court_day) {
            entered.insert(e.case_no.clone(), day);
        }
        if let Some(last) = e.reviews.last() {
            let record = ReviewRecord {
                reason: last.reason.clone(),
                responsible: last.responsible,
                lesson: last.lesson.clone(),
                reviewer: last.reviewer.clone(),
                recorded: court_day(&last.recorded).unwrap_or(today),
            };
            reviews.insert(e.case_no, record);
        }
    }
    let rows = appeal_review_list(&facts.facts, scope, &entered, &reviews, &defs, today);
    Ok(AppealReviewList {
        today,
        deadline_days: defs.appeal_review.deadline_days,
        reasons: defs.appeal_review.reasons.clone(),
        definitions_version: defs.version.clone(),
        rows,
    })
}

/// What a person records in one 评查.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppealReviewInput {
    pub case_no: String,
    pub reason: String,
    pub responsible: bool,
    pub lesson: String,
}

/// Who records a review on this store: the court account it is signed in with, else the device's name.
pub fn reviewer_name(store: &Store) -> Result<String, ErrorBody> {
    Ok(store.sync_status().map_err(|e| e.to_body())?.user.unwrap_or_else(|| store.device().to_string()))
}

fn refused(code: &str, message: String) -> ErrorBody {
    ErrorBody { code: code.into(), message, detail: None }
}

/// Record a 评查. Checked here before the store writes: the reason is one of the court's categories
/// (`appeal_review_reason_unknown`), and a store signed in to a court server under a role that may not review is
/// refused at once (`forbidden_role`, as the server would refuse it on sync); the store checks the case's outcome.
pub fn record_appeal_review(
    store: &mut Store,
    now: DateTime<Utc>,
    input: &AppealReviewInput,
) -> Result<String, ErrorBody> {
    let defs = definitions(store)?;
    check_reason(&defs, &input.reason)?;
    if let Some(role) = store.sync_status().map_err(|e| e.to_body())?.role
        && !matches!(role.as_str(), "chief" | "president" | "庭长" | "院长")
    {
        let shown = andu_sync_role_zh(&role);
        return Err(refused(
            "forbidden_role",
            format!("发改案件评查只能由庭长或院长记录；本机登录的账号是{shown}，评查未保存"),
        ));
    }
    let reviewer = reviewer_name(store)?;
    store
        .write(now, |w| w.add_appeal_review(&input.case_no, &input.reason, input.responsible, &input.lesson, &reviewer))
        .map_err(|e| e.to_body())
}

fn andu_sync_role_zh(role: &str) -> &str {
    match role {
        "judge" => "法官",
        "assistant" => "法官助理",
        "clerk" => "书记员",
        "admin" => "管理员",
        other => other,
    }
}

fn check_reason(defs: &Definitions, reason: &str) -> Result<(), ErrorBody> {
    if defs.appeal_review.reasons.iter().any(|r| r == reason.trim()) {
        return Ok(());
    }
    let code = "appeal_review_reason_unknown";
    let message = format!("评查原因“{reason}”不在本院的类别中：应为 {}", defs.appeal_review.reasons.join("、"));
    // `detail` names the field, as a case's validation errors do, so a form shows the refusal under it.
    let field = andu_core::FieldError { field: "reason".into(), code: code.into(), message: message.clone() };
    Err(ErrorBody { code: code.into(), message, detail: serde_json::to_value([field]).ok() })
}

/// The per-judge page of `judge` for `period` (`judge_unknown` when no stored case names the judge). `weights`:
/// a file given by the caller, else the court's (published through the server or imported), else the embedded
/// one (every case 1.0). 阅核退回 is counted from the store's 阅核 rounds as the 阅核 statistics count them.
pub fn judge_page(
    store: &Store,
    judge: &str,
    period: Period,
    weights: Option<CaseWeights>,
) -> Result<JudgePage, ErrorBody> {
    let defs = definitions(store)?;
    let calendar = crate::Docket::for_store(store)?.calendar;
    let facts = StatsFacts::read(store)?;
    let weights = match weights {
        Some(w) => w,
        None => crate::case_weights::weights(store)?,
    };
    let rounds = crate::review_statistics::review_rounds(store)?;
    let input = PageInputs { defs: &defs, cal: &calendar, weights: &weights, rounds: &rounds };
    let mut page = andu_stats::judge_page(&facts.facts, judge.trim(), period, input)
        .ok_or_else(|| refused("judge_unknown", format!("案件库中没有承办法官为“{}”的案件", judge.trim())))?;
    page.warnings.extend(facts.warning());
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::check_reason;
    use andu_stats::Definitions;

    #[test]
    fn an_unknown_reason_is_refused_under_the_reason_field() {
        let defs = Definitions::embedded();
        let known = defs.appeal_review.reasons[0].clone();
        assert!(check_reason(&defs, &known).is_ok());
        let e = check_reason(&defs, "天气原因").unwrap_err();
        assert_eq!(e.code, "appeal_review_reason_unknown");
        assert!(e.message.contains("天气原因"), "{}", e.message);
        let detail = e.detail.expect("the field is named");
        assert_eq!(detail[0]["field"], "reason");
        assert_eq!(detail[0]["code"], "appeal_review_reason_unknown");
        assert_eq!(detail[0]["message"], e.message.as_str());
    }
}
