//! Commands behind the 案件 screens. Contract: docs/app-commands.md.

use andu_core::CaseInput;
use andu_store::exchange::{ImportOptions, jsonl};
use andu_store::{CaseDetail, CaseFilter, CaseSummary, ChangeEntry, SearchHit, Store};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::{CmdResult, coded};
use crate::state::AppState;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub fn fill_demo(store: &mut Store, cases: usize, seed: u64) -> CmdResult<usize> {
    let today = chrono::Local::now().date_naive();
    let demo = andu_docket::demo::demo_cases(store, today, cases, seed)?;
    andu_docket::demo::demo_court_settings(store)?;
    let rows = jsonl::parse(&jsonl::write(&demo));
    let report = store.import(rows, ImportOptions::default(), now()).map_err(coded)?;
    Ok(report.created)
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StoreStatus {
    path: String,
    case_count: usize,
    is_new: bool,
}

#[tauri::command]
pub async fn store_status(state: State<'_, AppState>) -> CmdResult<StoreStatus> {
    state.with_store(|s| {
        let n = s.case_count().map_err(coded)?;
        Ok(StoreStatus { path: s.path().display().to_string(), case_count: n, is_new: n == 0 })
    })
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DemoResult {
    case_count: usize,
}

#[tauri::command]
pub async fn create_demo_store(state: State<'_, AppState>, seed: Option<u64>) -> CmdResult<DemoResult> {
    state.with_store(|s| {
        // Demo cases make it a demo store for good: it is never synced with a court server.
        s.mark_demo().map_err(coded)?;
        fill_demo(s, 200, seed.unwrap_or(7))?;
        Ok(DemoResult { case_count: s.case_count().map_err(coded)? })
    })
}

#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(optional_fields))]
pub struct ListFilter {
    status: Option<String>,
    procedure: Option<String>,
    judge: Option<String>,
    query: Option<String>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Page {
    total: usize,
    items: Vec<CaseSummary>,
}

#[tauri::command]
pub async fn list_cases(
    state: State<'_, AppState>,
    filter: Option<ListFilter>,
    offset: usize,
    limit: usize,
) -> CmdResult<Page> {
    let f = filter.unwrap_or_default();
    let nonempty = |s: Option<String>| s.filter(|s| !s.is_empty());
    let case_filter =
        CaseFilter { status: nonempty(f.status), procedure: nonempty(f.procedure), judge: nonempty(f.judge) };
    state.with_store(|s| {
        let (total, items) =
            s.list_cases(&case_filter, f.query.as_deref(), offset, limit.clamp(1, 500)).map_err(coded)?;
        Ok(Page { total, items })
    })
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ProcedureFacet {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Facets {
    judges: Vec<String>,
    procedures: Vec<ProcedureFacet>,
}

#[tauri::command]
pub async fn list_facets(state: State<'_, AppState>) -> CmdResult<Facets> {
    let procedures =
        andu_core::Procedure::ALL.iter().map(|p| ProcedureFacet { id: p.id(), name: p.name_zh() }).collect();
    state.with_store(|s| Ok(Facets { judges: s.judges().map_err(coded)?, procedures }))
}

#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, case_no: String) -> CmdResult<CaseDetail> {
    state.with_store(|s| s.get_case(&case_no).map_err(coded))
}

#[tauri::command]
pub async fn add_case(state: State<'_, AppState>, input: CaseInput) -> CmdResult<CaseDetail> {
    let valid = input.validate().map_err(coded)?;
    state.with_store(|s| {
        s.write(now(), |w| w.add_case(&valid)).map_err(coded)?;
        s.get_case(&valid.case_no.canonical()).map_err(coded)
    })
}

#[tauri::command]
pub async fn set_case_field(
    state: State<'_, AppState>,
    case_no: String,
    field: String,
    value: String,
) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(now(), |w| w.set_case_field(&case_no, &field, &value)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}

#[tauri::command]
pub async fn case_history(state: State<'_, AppState>, case_no: String) -> CmdResult<Vec<ChangeEntry>> {
    state.with_store(|s| s.history(&case_no).map_err(coded))
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String, limit: Option<usize>) -> CmdResult<Vec<SearchHit>> {
    state.with_store(|s| s.search(&query, limit.unwrap_or(20).min(200)).map_err(coded))
}

/// A note on a case (备注; on the 长期未结 ledger: the 一案一策 plan). Notes are kept, never overwritten.
#[tauri::command]
pub async fn add_note(state: State<'_, AppState>, case_no: String, text: String) -> CmdResult<CaseDetail> {
    state.with_store(|s| {
        s.write(now(), |w| w.add_note(&case_no, &text)).map_err(coded)?;
        s.get_case(&case_no).map_err(coded)
    })
}
