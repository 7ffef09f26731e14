//! Commands behind the 判决书 editor: open (or start) a case's draft, autosave the working copy, save immutable
//! revisions, diff two of them, propose the merge of concurrent heads, regenerate a section, export the .docx.
//! Logic lives in andu-store (`drafting`) and andu-docket (`drafting`). Contract: docs/app-commands.md.

use andu_docket::drafting::{self, CIVIL_JUDGMENT, SECTIONS, Section};
use andu_store::CaseDetail;
use andu_store::drafting::{DraftState, MergeProposal, SectionDiff};
use andu_store::table::drafts::{DraftContent, RevisionRow};
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

#[tauri::command]
pub fn draft_sections() -> &'static [Section] {
    SECTIONS
}

/// `一、` … `九十九、`: the 判决主文 item labels the .docx prints (andu-docs), for the editor's numbering.
#[tauri::command]
pub fn draft_item_labels() -> Vec<String> {
    drafting::item_labels()
}

/// Who saved a revision: the signed-in OS user (there are no Andu accounts yet).
fn author() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "本机用户".into())
}

/// The case's 民事判决书 draft, started with the generated sections when there is none yet.
#[tauri::command]
pub async fn draft_open(state: State<'_, AppState>, case_no: String) -> CmdResult<DraftState> {
    let today = crate::clock::today();
    state.with_store(|s| {
        let existing = s.drafts(&case_no).map_err(coded)?.into_iter().rev().find(|d| d.kind == CIVIL_JUDGMENT);
        let id = match existing {
            Some(d) => d.id,
            None => s
                .write(chrono::Utc::now(), |w| Ok(w.create_draft(&case_no, CIVIL_JUDGMENT, "民事判决书")?.id))
                .map_err(coded)?,
        };
        let state = s.draft_state(&id).map_err(coded)?;
        // A new draft, or one another machine started without saving text yet: begin with the generated sections.
        if state.revisions.is_empty() && state.autosaved_at.is_none() {
            let appellate = andu_docket::court_profile::appellate_court(s)?;
            let content = drafting::initial_content(&s.get_case(&case_no).map_err(coded)?, today, appellate.as_deref());
            s.write(chrono::Utc::now(), |w| w.autosave_draft(&id, &content, None)).map_err(coded)?;
            return s.draft_state(&id).map_err(coded);
        }
        Ok(state)
    })
}

/// Keep the editor's working copy (local only). Returns when it was saved (RFC 3339).
#[tauri::command]
pub async fn draft_autosave(
    state: State<'_, AppState>,
    draft_id: String,
    content: DraftContent,
    base_revision: Option<String>,
) -> CmdResult<String> {
    state.with_store(|s| {
        let a = s
            .write(chrono::Utc::now(), |w| w.autosave_draft(&draft_id, &content, base_revision.as_deref()))
            .map_err(coded)?;
        Ok(a.saved_at)
    })
}

/// Save a revision. `parents` is given for a merge (both heads); otherwise the revision the editor started from.
#[tauri::command]
pub async fn draft_save(
    state: State<'_, AppState>,
    draft_id: String,
    content: DraftContent,
    base_revision: Option<String>,
    parents: Option<Vec<String>>,
) -> CmdResult<DraftState> {
    let parents = parents.unwrap_or_else(|| base_revision.into_iter().collect());
    state.with_store(|s| {
        s.write(chrono::Utc::now(), |w| w.save_draft_revision(&draft_id, &parents, &content, &author()))
            .map_err(coded)?;
        s.draft_state(&draft_id).map_err(coded)
    })
}

#[tauri::command]
pub async fn draft_revision(state: State<'_, AppState>, revision_id: String) -> CmdResult<RevisionRow> {
    state.with_store(|s| s.draft_revision(&revision_id).map_err(coded))
}

#[tauri::command]
pub async fn draft_diff(state: State<'_, AppState>, from: String, to: String) -> CmdResult<Vec<SectionDiff>> {
    state.with_store(|s| s.diff_draft_revisions(&from, &to).map_err(coded))
}

#[tauri::command]
pub async fn draft_merge_proposal(state: State<'_, AppState>, draft_id: String) -> CmdResult<Option<MergeProposal>> {
    state.with_store(|s| s.draft_merge_proposal(&draft_id).map_err(coded))
}

/// The section as the case now says (重新生成): parties, hearings and staff may have changed since the draft began.
#[tauri::command]
pub async fn draft_generate_section(state: State<'_, AppState>, case_no: String, section: String) -> CmdResult<String> {
    let today = crate::clock::today();
    state.with_store(|s| {
        let detail = s.get_case(&case_no).map_err(coded)?;
        let appellate = andu_docket::court_profile::appellate_court(s)?;
        drafting::generate_section(&detail, &section, today, appellate.as_deref()).ok_or_else(|| ErrorBody {
            code: "draft_section_unknown".into(),
            message: format!("没有“{section}”这一部分"),
            detail: None,
        })
    })
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Exported {
    path: String,
    /// Exported past a 阅核 not yet 同意签发, on the judge's recorded reason.
    overridden: bool,
    case: CaseDetail,
}

/// A file name every OS accepts: path separators and the like replaced, 案号 brackets kept.
fn safe(name: &str) -> String {
    name.chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect()
}

/// Write the judgment as on screen to `<export dir>/<案号>/民事判决书.docx` and record it on the case like a
/// generated document, so 文书 lists it and 打开 opens it. Gated by 阅核 like `andu draft export`
/// (`review_gate`): refused `review_pending` unless `override_reason` is given where the court allows it.
#[tauri::command]
pub async fn draft_export(
    state: State<'_, AppState>,
    case_no: String,
    content: DraftContent,
    override_reason: Option<String>,
) -> CmdResult<Exported> {
    state.with_store(|s| {
        let overridden =
            super::review_gate::check_export(s, &case_no, &content, override_reason.as_deref(), chrono::Utc::now())?;
        let detail = s.get_case(&case_no).map_err(coded)?;
        let canonical = detail.summary.case_no.clone();
        let dir = crate::export_dir().join(safe(&canonical));
        let io = |e: std::io::Error| ErrorBody {
            code: "io_error".into(),
            message: format!("无法写入 {}：{e}", dir.display()),
            detail: None,
        };
        std::fs::create_dir_all(&dir).map_err(io)?;
        let path = dir.join("民事判决书.docx");
        // Written whole or not at all: Word may already hold an older export open.
        andu_docs::write_atomic(&path, &drafting::export_judgment(&detail, &content)).map_err(coded)?;
        let shown = path.display().to_string();
        s.write(chrono::Utc::now(), |w| {
            w.add_document(&canonical, "民事判决书", &format!("draft:{CIVIL_JUDGMENT}"), None, &shown)
        })
        .map_err(coded)?;
        Ok(Exported { path: shown, overridden, case: s.get_case(&canonical).map_err(coded)? })
    })
}
