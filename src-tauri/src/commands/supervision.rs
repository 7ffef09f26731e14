//! Commands behind 审判监督管理: the 发改案件逐案评查 list and its records, the per-judge page (法官办案业绩) and the
//! 阅核统计.
//! Contract: docs/app-commands.md. Everything is andu-docket's `supervision`, the same `andu review appeal-cases`,
//! `andu review appeal-case` and `andu stats judge` use.

use andu_docket::review_statistics;
use andu_docket::supervision::{self, AppealReviewInput, AppealReviewList};
use andu_stats::review_stats::{ReviewDrill, ReviewWho};
use andu_stats::{JudgePage, Period, ReviewStats};
use chrono::NaiveDate;
use tauri::State;

use crate::commands::stats::Written;
use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

/// The shell reads the clock (the court day, `crate::clock`); an explicit `today` (tests, "what if") wins.
fn today(arg: Option<String>) -> CmdResult<NaiveDate> {
    crate::clock::today_or(arg)
}

#[tauri::command]
pub async fn appeal_reviews(
    state: State<'_, AppState>,
    division: Option<String>,
    judge: Option<String>,
    today_date: Option<String>,
) -> CmdResult<AppealReviewList> {
    let day = today(today_date)?;
    let scope = andu_docket::statistics::scope(division.as_deref(), judge.as_deref(), None, None)?;
    state.with_store(|s| supervision::appeal_reviews(s, &scope, day))
}

/// Records one 评查 and answers with the list as it now stands.
#[tauri::command]
pub async fn record_appeal_review(
    state: State<'_, AppState>,
    input: AppealReviewInput,
    today_date: Option<String>,
) -> CmdResult<AppealReviewList> {
    let day = today(today_date)?;
    state.with_store(|s| {
        supervision::record_appeal_review(s, chrono::Utc::now(), &input)?;
        supervision::appeal_reviews(s, &andu_stats::Scope::whole(), day)
    })
}

/// The 评查 list as an .xlsx ledger in ~/Downloads (or `ANDU_EXPORT_DIR`).
#[tauri::command]
pub async fn appeal_reviews_export(
    state: State<'_, AppState>,
    division: Option<String>,
    judge: Option<String>,
    today_date: Option<String>,
) -> CmdResult<Written> {
    let day = today(today_date)?;
    let scope = andu_docket::statistics::scope(division.as_deref(), judge.as_deref(), None, None)?;
    let (list, court) = state.with_store(|s| {
        let list = supervision::appeal_reviews(s, &scope, day)?;
        let period = Period::new(day, day).map_err(coded)?;
        let court = andu_docket::statistics::StatsInput::load(s, period, scope.clone(), None)?.report_court();
        Ok((list, court))
    })?;
    let bytes =
        andu_stats::export::appeal_review_workbook(&list.rows, &court, day, list.deadline_days).map_err(coded)?;
    let path = crate::export_dir().join(format!("发改案件评查台账-{day}.xlsx"));
    std::fs::write(&path, bytes).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法写入 {}：{e}", path.display()),
        detail: None,
    })?;
    Ok(Written { path: path.display().to_string() })
}

#[tauri::command]
pub async fn judge_performance(
    state: State<'_, AppState>,
    judge: String,
    from: String,
    to: String,
) -> CmdResult<JudgePage> {
    let date = |s: &str| andu_core::date::parse_date(s).map_err(coded);
    let period = Period::new(date(&from)?, date(&to)?).map_err(coded)?;
    state.with_store(|s| supervision::judge_page(s, &judge, period, None))
}

/// A 统计 scope from the panel's filters (blank means all).
fn stats_scope(
    division: Option<String>,
    judge: Option<String>,
    procedure: Option<String>,
    category: Option<String>,
) -> CmdResult<andu_stats::Scope> {
    andu_docket::statistics::scope(division.as_deref(), judge.as_deref(), procedure.as_deref(), category.as_deref())
}

fn stats_period(from: &str, to: &str) -> CmdResult<Period> {
    let date = |s: &str| andu_core::date::parse_date(s).map_err(coded);
    Period::new(date(from)?, date(to)?).map_err(coded)
}

/// 阅核统计 of the 统计 panel's period and scope, as `andu stats review --json`.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn review_statistics(
    state: State<'_, AppState>,
    from: String,
    to: String,
    division: Option<String>,
    judge: Option<String>,
    procedure: Option<String>,
    category: Option<String>,
) -> CmdResult<ReviewStats> {
    let period = stats_period(&from, &to)?;
    let scope = stats_scope(division, judge, procedure, category)?;
    state.with_store(|s| review_statistics::review_stats(s, period, &scope, None))
}

/// The rounds behind one number of the 阅核统计, as `andu stats review --indicator KEY --json`.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn review_statistics_drill(
    state: State<'_, AppState>,
    from: String,
    to: String,
    division: Option<String>,
    judge: Option<String>,
    procedure: Option<String>,
    category: Option<String>,
    indicator: String,
    who: ReviewWho,
) -> CmdResult<ReviewDrill> {
    let period = stats_period(&from, &to)?;
    let scope = stats_scope(division, judge, procedure, category)?;
    state.with_store(|s| review_statistics::review_drill(s, period, &scope, &indicator, &who, None))
}
