//! Commands behind 导入法院系统导出 (a court system's .xlsx/.xls/.csv through the mapping preview). Contract:
//! docs/app-commands.md. The file's bytes come from the UI's file picker as base64.

use andu_store::exchange::court::{self, Layout, MappingFile, Preview};
use andu_store::exchange::{self, ImportOptions, ImportReport};
use base64::Engine;
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

/// Rows shown in the preview (every row with an error is shown too, up to as many again).
const PREVIEW_ROWS: usize = 20;

fn table(name: &str, data: &str) -> CmdResult<court::Table> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(data.trim()).map_err(|e| ErrorBody {
        code: "file_unreadable".into(),
        message: format!("文件 {name} 未能完整读入（{e}），请重新选择"),
        detail: None,
    })?;
    court::read_bytes(name, &bytes).map_err(coded)
}

/// The header found, the proposed mapping (synonyms, then the court's saved mapping, then `mapping`) and the
/// first rows with every error in its cell. Nothing is stored.
#[tauri::command]
pub async fn preview_court_import(
    state: State<'_, AppState>,
    name: String,
    data: String,
    mapping: Option<MappingFile>,
) -> CmdResult<Preview> {
    let table = table(&name, &data)?;
    let saved = state.with_store(|s| s.saved_import_mappings().map_err(coded))?;
    let layout = Layout::propose(&table, &saved, mapping.as_ref()).map_err(coded)?;
    Ok(court::preview(&table, layout, PREVIEW_ROWS))
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CourtImport {
    #[serde(flatten)]
    report: ImportReport,
    /// The court code the mapping was saved under, when it was.
    saved_for: Option<String>,
}

/// Imports the file with `mapping` (as the preview showed it); any bad row refuses the whole file
/// (`import_invalid_rows`, every row in `detail`) unless `skipInvalid`. With `saveMapping` the mapping is kept for
/// the court of the file's 案号.
#[tauri::command]
pub async fn import_court_file(
    state: State<'_, AppState>,
    name: String,
    data: String,
    mapping: Option<MappingFile>,
    skip_invalid: bool,
    save_mapping: bool,
) -> CmdResult<CourtImport> {
    let table = table(&name, &data)?;
    state.with_store(|s| {
        let saved = s.saved_import_mappings().map_err(coded)?;
        let parsed = exchange::parse_court_table(&table, &saved, mapping.as_ref()).map_err(coded)?;
        let report = s.import(parsed.rows, ImportOptions { skip_invalid }, chrono::Utc::now()).map_err(coded)?;
        let saved_for = match (save_mapping, parsed.layout.court_code.as_deref()) {
            (true, Some(code)) => {
                s.save_import_mapping(code, &parsed.layout.to_mapping_file()).map_err(coded)?;
                Some(code.to_string())
            }
            _ => None,
        };
        Ok(CourtImport { report, saved_for })
    })
}
