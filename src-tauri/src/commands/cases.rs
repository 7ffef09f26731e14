//! Commands behind the 案件 screens. Contract: docs/app-commands.md.

use andu_core::CaseInput;
use andu_store::{CaseDetail, CaseFilter, CaseSummary, ChangeEntry, SearchHit, Store};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::{CmdResult, coded};
use crate::state::AppState;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// The demo as `andu demo` writes it (`andu_docket::demo`: the court's settings, the cases, then the rows derived
/// from them), dated today.
pub fn fill_demo(store: &mut Store, cases: usize, seed: u64) -> CmdResult<usize> {
    let today = crate::clock::today();
    andu_docket::demo::demo_court_settings(store)?;
    let report = andu_docket::demo::fill_demo(store, today, cases, seed, now())?;
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

/// A case category the 统计 filter offers: its id (what `stats_*`'s `category` takes) and its Chinese name.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CategoryFacet {
    id: andu_core::CaseCategory,
    name: &'static str,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Facets {
    judges: Vec<String>,
    procedures: Vec<ProcedureFacet>,
    /// Every category (`CaseCategory::ALL`): the UI keeps no list of its own.
    categories: Vec<CategoryFacet>,
}

fn category_facets() -> Vec<CategoryFacet> {
    andu_core::CaseCategory::ALL.iter().map(|&c| CategoryFacet { id: c, name: c.name_zh() }).collect()
}

#[tauri::command]
pub async fn list_facets(state: State<'_, AppState>) -> CmdResult<Facets> {
    let procedures =
        andu_core::Procedure::ALL.iter().map(|p| ProcedureFacet { id: p.id(), name: p.name_zh() }).collect();
    state.with_store(|s| Ok(Facets { judges: s.judges().map_err(coded)?, procedures, categories: category_facets() }))
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

#[cfg(test)]
mod tests {
    /// The 统计 filter's categories are every category, each one the statistics' scope accepts by its id.
    #[test]
    fn every_served_category_is_a_statistics_scope() {
        let served = super::category_facets();
        assert_eq!(served.len(), andu_core::CaseCategory::ALL.len());
        for f in served {
            let id = serde_json::to_value(f.id).unwrap();
            assert_eq!(andu_stats::parse_category(id.as_str().unwrap()).unwrap(), f.id);
            assert_eq!(f.name, f.id.name_zh());
        }
    }
}
