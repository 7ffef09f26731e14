//! Commands behind the 统计 panel. Contract: docs/app-commands.md. The indicators are computed by andu-stats
//! over the facts of every stored case; the shell only reads the store.

use andu_docket::statistics::{self, DefinitionsInfo, StatsInput};
use andu_stats::export::Report;
use andu_stats::{Drill, IndicatorDef, Indicators, LedgerRow, Period};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

/// The query of every 统计 command; an absent scope member is the whole court.
#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StatsQuery {
    /// YYYY-MM-DD, both ends included.
    from: String,
    to: String,
    #[cfg_attr(test, ts(optional))]
    division: Option<String>,
    #[cfg_attr(test, ts(optional))]
    judge: Option<String>,
    #[cfg_attr(test, ts(optional))]
    procedure: Option<String>,
    #[cfg_attr(test, ts(optional))]
    /// 民事/刑事/行政/执行 (or civil/criminal/administrative/enforcement).
    category: Option<String>,
}

/// The same loader as `andu stats`: the same facts, definitions, calendar and report title.
fn load(state: &AppState, q: &StatsQuery) -> CmdResult<StatsInput> {
    let date = |s: &str| andu_core::date::parse_date(s).map_err(coded);
    let period = Period::new(date(&q.from)?, date(&q.to)?).map_err(coded)?;
    let scope =
        statistics::scope(q.division.as_deref(), q.judge.as_deref(), q.procedure.as_deref(), q.category.as_deref())?;
    state.with_store(|s| StatsInput::load(s, period, scope, None))
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StatsPanel {
    indicators: Indicators,
    /// Name, definition text and formula of every indicator, for the cards' tooltips.
    definitions: Vec<IndicatorDef>,
    definitions_name: String,
    ledger: Vec<LedgerRow>,
    divisions: Vec<String>,
    judges: Vec<String>,
}

#[tauri::command]
pub async fn stats(state: State<'_, AppState>, query: StatsQuery) -> CmdResult<StatsPanel> {
    let input = load(&state, &query)?;
    let ledger = input.ledger();
    let (divisions, judges) = input.filter_choices();
    Ok(StatsPanel {
        indicators: input.indicators(),
        definitions: input.defs.indicators.clone(),
        definitions_name: input.defs.name.clone(),
        ledger,
        divisions,
        judges,
    })
}

#[tauri::command]
pub async fn stats_cases(state: State<'_, AppState>, indicator: String, query: StatsQuery) -> CmdResult<Drill> {
    load(&state, &query)?.drill_down(&indicator)
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Written {
    /// Where the file was written.
    pub path: String,
}

/// Writes the court-report workbook (indicators, 逐月收结, 长期未结案件台账) into ~/Downloads (or `ANDU_EXPORT_DIR`).
#[tauri::command]
pub async fn stats_export(state: State<'_, AppState>, query: StatsQuery, court: Option<String>) -> CmdResult<Written> {
    let input = load(&state, &query)?;
    let i = input.indicators();
    let ledger = input.ledger();
    let court = court.unwrap_or_else(|| input.report_court());
    let bytes = andu_stats::export::workbook(&Report {
        court: &court,
        indicators: &i,
        ledger: &ledger,
        definitions: &input.defs,
    })
    .map_err(coded)?;
    let path = crate::export_dir().join(format!("审判质效指标-{}-{}.xlsx", query.from, query.to));
    std::fs::write(&path, bytes).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法写入 {}：{e}", path.display()),
        detail: None,
    })?;
    Ok(Written { path: path.display().to_string() })
}

/// The cases behind one number as a workbook (案件清单) in ~/Downloads (or `ANDU_EXPORT_DIR`).
#[tauri::command]
pub async fn stats_cases_export(
    state: State<'_, AppState>,
    indicator: String,
    query: StatsQuery,
) -> CmdResult<Written> {
    let input = load(&state, &query)?;
    let d = input.drill_down(&indicator)?;
    let court = input.report_court();
    let bytes = andu_stats::export::cases_workbook(&d, &court).map_err(coded)?;
    let path = crate::export_dir().join(format!("{}-案件清单-{}-{}.xlsx", d.name, query.from, query.to));
    std::fs::write(&path, bytes).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法写入 {}：{e}", path.display()),
        detail: None,
    })?;
    Ok(Written { path: path.display().to_string() })
}

/// 设置 → 指标口径: which definitions the statistics use (the court's imported file or the embedded one).
#[tauri::command]
pub async fn indicator_definitions(state: State<'_, AppState>) -> CmdResult<DefinitionsInfo> {
    state.with_store(|s| statistics::definitions_info(s))
}

/// Checked by the parser `andu stats --definitions` uses; a bad file is refused (`definitions_invalid`).
#[tauri::command]
pub async fn import_indicator_definitions(state: State<'_, AppState>, text: String) -> CmdResult<DefinitionsInfo> {
    state.with_store(|s| statistics::import_definitions(s, &text))
}

/// 设置 → 本院数据: the 案件权重 and court settings in force, built-in or the court's (published when, by whom).
#[tauri::command]
pub async fn court_data_in_force(state: State<'_, AppState>) -> CmdResult<andu_docket::in_force::CourtDataInForce> {
    state.with_store(|s| andu_docket::in_force::court_data_in_force(s))
}

#[tauri::command]
pub async fn reset_indicator_definitions(state: State<'_, AppState>) -> CmdResult<DefinitionsInfo> {
    state.with_store(statistics::reset_definitions)
}
