//! Commands behind 今日, the case timeline and the calendar. Contract: docs/app-commands.md.

use andu_core::{DeductionInput, ExtensionInput};
use andu_docket::today::{TodayQuery, TodayView};
use andu_docket::{CaseDeadlines, Docket, DueReport, ItemExplanation};
use andu_store::CaseDetail;
use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

/// The shell reads the clock (the court day, `crate::clock`); an explicit `today` (tests, "what if") wins.
fn today(arg: Option<String>) -> CmdResult<NaiveDate> {
    crate::clock::today_or(arg)
}

fn date(s: &str) -> CmdResult<NaiveDate> {
    andu_core::date::parse_date(s).map_err(coded)
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EventKind {
    id: &'static str,
    meaning: &'static str,
    /// `period`: triggers statutory periods; `trial_limit`: changes the 审限 (程序转换, 重新计算).
    #[cfg_attr(test, ts(type = "\"period\" | \"trial_limit\""))]
    group: &'static str,
    /// Procedure ids the kind applies to; empty: any.
    procedures: Vec<&'static str>,
}

/// The values the case forms offer, from the domain's own lists (andu-core), so a form never offers what the
/// back end refuses nor misses what it accepts (the UI kept copies of these lists).
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseVocabulary {
    /// 结案方式.
    closing_methods: Vec<&'static str>,
    /// 审限扣除 grounds.
    deduction_kinds: Vec<&'static str>,
    /// 二审结果.
    appeal_outcomes: Vec<&'static str>,
    /// Who usually approves an extension or a deduction (suggested; the fields take free text).
    approvers: Vec<&'static str>,
    /// 当事人诉讼地位 (`PartyRole::ALL`), the party forms' choices.
    party_roles: Vec<andu_core::PartyRole>,
}

#[tauri::command]
pub fn case_vocabulary() -> CaseVocabulary {
    use andu_core::{AppealOutcome, ClosingMethod, DeductionKind};
    CaseVocabulary {
        closing_methods: ClosingMethod::ALL.iter().map(|m| m.as_str()).collect(),
        deduction_kinds: DeductionKind::ALL.iter().map(|k| k.as_str()).collect(),
        appeal_outcomes: AppealOutcome::ALL.iter().map(|o| o.as_str()).collect(),
        approvers: andu_core::USUAL_APPROVERS.to_vec(),
        party_roles: andu_core::PartyRole::ALL.to_vec(),
    }
}

#[tauri::command]
pub fn event_kinds() -> Vec<EventKind> {
    let periods = andu_deadline::EVENT_KINDS.iter().map(|(id, meaning)| EventKind {
        id,
        meaning,
        group: "period",
        procedures: Vec::new(),
    });
    let limits = andu_deadline::LIMIT_EVENT_KINDS.iter().map(|k| EventKind {
        id: k.id,
        meaning: k.meaning,
        group: "trial_limit",
        procedures: k.procedures().into_iter().map(|p| p.id()).collect(),
    });
    limits.chain(periods).collect()
}

#[tauri::command]
pub async fn add_event(
    state: State<'_, AppState>,
    case_no: String,
    kind: String,
    date: String,
    party: Option<String>,
    note: Option<String>,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        let note = note.unwrap_or_default();
        // A conversion (简易程序转普通程序…) also changes the case's 程序; the screen sees it in the returned case.
        andu_docket::case_records::record_event(
            s,
            &case_no,
            &kind,
            &date,
            party.as_deref(),
            &note,
            chrono::Utc::now(),
        )?;
        s.get_case(&case_no).map_err(coded)
    })
}

/// 改期: move a hearing to another time or room; it keeps its id.
#[tauri::command]
pub async fn reschedule_hearing(
    state: State<'_, AppState>,
    case_no: String,
    id: String,
    input: andu_core::HearingInput,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.reschedule_hearing(&case_no, &id, &input)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

/// Record the appeal of a closed case, or correct it / add the second instance's outcome.
#[tauri::command]
pub async fn set_appeal(
    state: State<'_, AppState>,
    case_no: String,
    input: andu_core::AppealInput,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.set_appeal(&case_no, &input)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

/// Why a day is no day for a hearing (a 放假 day, a weekend, a year without holiday data), or null on a working
/// day: the 排期开庭 form says it before the parties are summoned for that day.
#[tauri::command]
pub async fn rest_day(state: State<'_, AppState>, date: String) -> CmdResult<Option<String>> {
    let day = andu_core::date::parse_date(&date).map_err(coded)?;
    state.with_store(|s| Ok(Docket::for_store(s)?.calendar.rest_day_warning(day)))
}

/// Schedule a hearing (排期开庭): local time `YYYY-MM-DDTHH:MM` and the 法庭.
#[tauri::command]
pub async fn add_hearing(
    state: State<'_, AppState>,
    case_no: String,
    input: andu_core::HearingInput,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.add_hearing(&case_no, &input)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

/// Add a party (`id` null) or change one: a new address for 送达, a 代理人, a corrected name (its 节点 follow).
#[tauri::command]
pub async fn save_party(
    state: State<'_, AppState>,
    case_no: String,
    id: Option<String>,
    input: andu_core::PartyInput,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.save_party(&case_no, id.as_deref(), &input)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

/// Remove a 当事人, 节点, 开庭, 审限延长 or 扣除 entered by mistake (removing a conversion restores the former 程序).
#[tauri::command]
pub async fn remove_record(state: State<'_, AppState>, case_no: String, id: String) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        andu_docket::case_records::remove_record(s, &case_no, &id, chrono::Utc::now())?;
        s.get_case(&case_no).map_err(coded)
    })
}

#[tauri::command]
pub async fn add_extension(
    state: State<'_, AppState>,
    case_no: String,
    input: ExtensionInput,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.add_extension(&case_no, &input)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

#[tauri::command]
pub async fn add_deduction(
    state: State<'_, AppState>,
    case_no: String,
    input: DeductionInput,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.add_deduction(&case_no, &input)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

#[tauri::command]
pub async fn case_deadlines(
    state: State<'_, AppState>,
    case_no: String,
    today_date: Option<String>,
) -> CmdResult<CaseDeadlines> {
    let day = today(today_date)?;
    state.with_store(|s| {
        let docket = Docket::for_store(s)?;
        docket.case_deadlines(&s.get_case(&case_no).map_err(coded)?, day)
    })
}

/// 今日: each section's count and first rows (more for the sections "显示更多" was clicked in), the judges to filter
/// by, what could not be computed and the tray's count — a page, never the division's year of items.
#[tauri::command]
pub async fn today_view(
    state: State<'_, AppState>,
    query: Option<TodayQuery>,
    today_date: Option<String>,
) -> CmdResult<TodayView> {
    let day = today(today_date)?;
    let query = query.unwrap_or_default();
    state.with_store(|s| Docket::for_store(s)?.today(s, day, &query))
}

/// Why a 今日 row falls on its day, when the row's 为什么 is opened.
#[tauri::command]
pub async fn due_explanation(state: State<'_, AppState>, key: String) -> CmdResult<ItemExplanation> {
    state.with_store(|s| Docket::for_store(s)?.explain(s, &key))
}

#[tauri::command]
pub async fn calendar_items(
    state: State<'_, AppState>,
    from: String,
    to: String,
    today_date: Option<String>,
) -> CmdResult<DueReport> {
    let (from, to) = (date(&from)?, date(&to)?);
    let day = today(today_date)?;
    state.with_store(|s| Docket::for_store(s)?.between(s, day, from, to, false))
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IcsExport {
    path: String,
    count: usize,
}

/// Writes `案牍日程-FROM-TO.ics` into the user's Downloads folder (or home) and returns where.
#[tauri::command]
pub async fn export_ics(
    state: State<'_, AppState>,
    from: String,
    to: String,
    today_date: Option<String>,
) -> CmdResult<IcsExport> {
    let (from_d, to_d) = (date(&from)?, date(&to)?);
    let day = today(today_date)?;
    let report = state.with_store(|s| Docket::for_store(s)?.between(s, day, from_d, to_d, false))?;
    let text = andu_docket::ics::calendar(&report.items, chrono::Utc::now());
    let path = crate::export_dir().join(format!("案牍日程-{from}-{to}.ics"));
    std::fs::write(&path, text).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法写入 {}：{e}", path.display()),
        detail: None,
    })?;
    Ok(IcsExport { path: path.display().to_string(), count: report.items.len() })
}

/// An administrator imports a year of the State Council holiday notice (holiday-cn JSON shape); the answer lists
/// every open deadline the new table moves.
#[tauri::command]
pub async fn import_holiday_year(state: State<'_, AppState>, json: String) -> CmdResult<andu_docket::HolidayImport> {
    let day = today(None)?;
    state.with_store(|s| Docket::import_holiday_year(s, &json, day))
}

/// A pasted State Council notice, read and not stored: the holidays for the person to check on a calendar, and
/// the JSON `import_holiday_year` takes once they confirm (one import path for files and pasted notices).
#[derive(serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ParsedNotice {
    year: i32,
    holidays: Vec<andu_deadline::Holiday>,
    json: String,
}

/// 设置 → 节假日数据 → 粘贴通知. `year` is needed only when the text lacks the notice's title.
#[tauri::command]
pub async fn parse_holiday_notice(text: String, year: Option<i32>) -> CmdResult<ParsedNotice> {
    let table = andu_deadline::parse_notice(&text, year).map_err(crate::error::coded)?;
    Ok(ParsedNotice { year: table.year, json: table.to_notice_json(), holidays: table.holidays })
}

/// The rule set in force by area (期间规则): version, and whether it is the court's file or the built-in one.
#[tauri::command]
pub async fn rule_areas(state: State<'_, AppState>) -> CmdResult<Vec<andu_docket::court_rules::RuleArea>> {
    state.with_store(|s| Docket::rule_areas(s))
}

/// An administrator takes a court's rule file (one area, the format of `assets/rules/`) into use; the answer lists
/// every open deadline it moves. A file that does not parse or clashes changes nothing.
#[tauri::command]
pub async fn import_rule_file(
    state: State<'_, AppState>,
    text: String,
) -> CmdResult<andu_docket::court_rules::RuleImport> {
    let day = today(None)?;
    state.with_store(|s| Docket::import_rule_file(s, &text, day))
}

/// Back to the built-in rule file of `area`.
#[tauri::command]
pub async fn reset_rule_file(
    state: State<'_, AppState>,
    area: String,
) -> CmdResult<andu_docket::court_rules::RuleImport> {
    let day = today(None)?;
    state.with_store(|s| Docket::reset_rule_file(s, &area, day))
}

#[tauri::command]
pub async fn holiday_years(state: State<'_, AppState>) -> CmdResult<Vec<i32>> {
    state.with_store(|s| Ok(Docket::for_store(s)?.calendar.years().collect()))
}

/// Every pending case's 审限 and tier in the 统计 panel's scope (its 审限 status chart); blank scope members mean
/// all, as for the other 统计 commands.
#[tauri::command]
pub async fn open_limits(
    state: State<'_, AppState>,
    today_date: Option<String>,
    division: Option<String>,
    judge: Option<String>,
    procedure: Option<String>,
    category: Option<String>,
) -> CmdResult<Vec<andu_docket::OpenLimit>> {
    let day = today(today_date)?;
    let scope = andu_docket::statistics::scope(
        division.as_deref(),
        judge.as_deref(),
        procedure.as_deref(),
        category.as_deref(),
    )?;
    state.with_store(|s| Docket::for_store(s)?.open_limits_in(s, day, &scope))
}
