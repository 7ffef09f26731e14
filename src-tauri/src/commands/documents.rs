//! Commands behind 文书: the built-in templates and the court's (published by the court server), generating a document for a case and party (recorded on the case),
//! one template for many cases at once, and opening a file in the system's default editor (WPS, Word,
//! LibreOffice). Contract: docs/app-commands.md.

use andu_docket::court_templates;
use andu_docket::documents::file_name;
use andu_docs::builtin;
use andu_store::CaseDetail;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateInfo {
    name: String,
    template: String,
    description: String,
    addressee_role: Option<&'static str>,
    /// `builtin`, or `court`: published by the court server (a court's version of a built-in keeps its addressee).
    #[cfg_attr(test, ts(type = "\"builtin\" | \"court\""))]
    source: &'static str,
}

/// The built-in templates, then the court's.
#[tauri::command]
pub async fn doc_templates(state: State<'_, AppState>) -> CmdResult<Vec<TemplateInfo>> {
    let mut list: Vec<TemplateInfo> = builtin::BUILTINS
        .iter()
        .map(|b| TemplateInfo {
            name: b.name.into(),
            template: format!("builtin:{}", b.name),
            description: b.description.into(),
            addressee_role: b.addressee_role,
            source: "builtin",
        })
        .collect();
    let court = state.with_store(|s| court_templates::court_templates(s))?;
    list.extend(court.into_iter().map(|c| TemplateInfo {
        addressee_role: builtin::info(&c.name).and_then(|b| b.addressee_role),
        description: match builtin::info(&c.name) {
            Some(b) => format!("本院发布的版本：{}", b.description),
            None => "本院发布的模板".into(),
        },
        name: c.name,
        template: c.template,
        source: "court",
    }));
    Ok(list)
}

#[derive(Serialize, Clone)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct Progress {
    done: usize,
    total: usize,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Generated {
    paths: Vec<String>,
    /// Fields the case did not have (left blank in the document), per generated file.
    missing: Vec<Vec<String>>,
    case: CaseDetail,
}

/// Generate `template` for each of `parties` (or once, for the built-in's default addressee, when empty) into
/// `<export dir>/<案号>/`, record each on the case, and report progress as `doc-progress {done, total}`.
#[tauri::command]
pub async fn generate_documents(
    app: AppHandle,
    state: State<'_, AppState>,
    case_no: String,
    template: String,
    parties: Vec<String>,
) -> CmdResult<Generated> {
    let today = crate::clock::today();
    state.with_store(|s| {
        let done = andu_docket::case_records::generate_for_parties(
            s,
            &case_no,
            &template,
            &parties,
            &crate::export_dir(),
            today,
            chrono::Utc::now(),
            |done, total| {
                let _ = app.emit("doc-progress", Progress { done, total });
            },
        )?;
        let (paths, missing) = done.documents.into_iter().map(|d| (d.path.display().to_string(), d.missing)).unzip();
        Ok(Generated { paths, missing, case: s.get_case(&done.case_no).map_err(coded)? })
    })
}

#[derive(Serialize, Clone)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub(crate) struct BatchProgress {
    done: usize,
    total: usize,
    case_no: String,
    ok: bool,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BatchGenerated {
    dir: String,
    items: Vec<andu_docket::documents::BatchItem>,
}

/// Generate `template` once for each of `case_nos` into `<export dir>/<文书>-批量-<date>/` and record each file on its
/// case. A case that fails is reported in its item and the others still get their document; progress is emitted
/// as `doc-batch-progress {done, total, case_no, ok}`.
#[tauri::command]
pub async fn generate_documents_batch(
    app: AppHandle,
    state: State<'_, AppState>,
    template: String,
    case_nos: Vec<String>,
) -> CmdResult<BatchGenerated> {
    let today = crate::clock::today();
    let name = court_templates::template_name(&template);
    let dir = crate::export_dir().join(file_name(&[&name, "批量", &today.to_string()]));
    state.with_store(|s| {
        let mut items =
            andu_docket::documents::generate_for_cases(s, &template, &case_nos, &dir, today, |done, total, item| {
                let ok = item.error.is_none();
                let _ =
                    app.emit("doc-batch-progress", BatchProgress { done, total, case_no: item.case_no.clone(), ok });
            })?;
        andu_docket::case_records::record_batch(s, &template, &mut items, chrono::Utc::now());
        Ok(BatchGenerated { dir: dir.display().to_string(), items })
    })
}

/// Open a generated file with the system's default program. Only files the store recorded may be opened.
#[tauri::command]
pub async fn open_document(state: State<'_, AppState>, case_no: String, path: String) -> CmdResult<()> {
    let known =
        state.with_store(|s| Ok(s.get_case(&case_no).map_err(coded)?.documents.iter().any(|d| d.path == path)))?;
    if !known {
        return Err(ErrorBody {
            code: "document_unknown".into(), message: "这份文书不属于本案".into(), detail: None
        });
    }
    let opener = if cfg!(target_os = "macos") {
        ("open", vec![path.clone()])
    } else if cfg!(target_os = "windows") {
        ("cmd", vec!["/C".into(), "start".into(), String::new(), path.clone()])
    } else {
        ("xdg-open", vec![path.clone()])
    };
    std::process::Command::new(opener.0).args(&opener.1).spawn().map(|_| ()).map_err(|e| ErrorBody {
        code: "open_failed".into(),
        message: format!("无法打开 {path}：{e}。请确认已安装 WPS、Word 或 LibreOffice"),
        detail: None,
    })
}
