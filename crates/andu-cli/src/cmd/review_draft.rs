//! `andu draft …`: the case's judgment as revisions (import a revision from JSON, show it, export the .docx), and a
//! generated 裁定书/调解书 imported from its .docx as a draft to send to 阅核 (andu-docket `document_draft`). The
//! export is gated by 阅核 (`Store::review_export_check`); an override is the judge's, recorded on the case.

use andu_core::{Coded, ErrorBody};
use andu_docket::document_draft::{self, DocumentKind};
use andu_docket::drafting::{self, CIVIL_JUDGMENT, SECTIONS};
use andu_store::table::drafts::{self, DraftContent};
use serde::Serialize;

use super::review::actor;
use super::{CmdResult, coded, now, open_store};
use crate::args::{Cli, DraftArgs, DraftCommand};
use crate::output;

fn draft_error(code: &str, message: String) -> ErrorBody {
    ErrorBody { code: code.into(), message, detail: None }
}

/// `{"本院认为": "…"}` or `{"reasoning": "…"}` → the draft's content keys. An unknown name is refused with the list.
fn read_sections(text: &str) -> Result<DraftContent, ErrorBody> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        draft_error("draft_json_invalid", format!("草稿文件不是 {{\"部分名称\": \"文字\"}} 形式的 JSON：{e}"))
    })?;
    let mut out = DraftContent::new();
    for (name, value) in map {
        let key = SECTIONS.iter().find(|s| s.label == name.trim() || s.key == name.trim()).map(|s| s.key).ok_or_else(
            || {
                let known: Vec<&str> = SECTIONS.iter().map(|s| s.label).collect();
                draft_error("draft_section_unknown", format!("没有“{name}”这一部分：可用 {}", known.join("、")))
            },
        )?;
        let Some(text) = value.as_str() else {
            return Err(draft_error("draft_json_invalid", format!("“{name}”的内容应为文字")));
        };
        out.insert(key.to_string(), text.to_string());
    }
    Ok(out)
}

#[derive(Serialize)]
struct SectionText {
    key: &'static str,
    label: &'static str,
    text: String,
}

#[derive(Serialize)]
struct DraftShown {
    case_no: String,
    draft_id: String,
    revision: String,
    revision_no: usize,
    author: String,
    saved_at: String,
    sections: Vec<SectionText>,
    revisions: usize,
    review_status: &'static str,
}

pub fn draft(cli: &Cli, d: &DraftArgs) -> CmdResult {
    let mut store = open_store(cli)?;
    match &d.command {
        DraftCommand::Import { case_no, file, kind } if is_docx(file) || kind.is_some() => {
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => Some(DocumentKind::parse(k).ok_or_else(|| {
                    draft_error("draft_kind_unknown", format!("没有“{k}”这一种文书：可用 裁定书、调解书"))
                })?),
            };
            if !is_docx(file) {
                return Err(draft_error(
                    "draft_kind_unknown",
                    "--kind 只用于导入生成的 .docx 文书（裁定书、调解书）".into(),
                ));
            }
            let who = actor(&store, &d.actor)?;
            let bytes = std::fs::read(file)
                .map_err(|e| draft_error("file_unreadable", format!("无法读取 {}：{e}", file.display())))?;
            let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let rev = document_draft::import_document(&mut store, now(), case_no, &who, &bytes, &name, kind)?;
            let kind = store
                .drafts(case_no)
                .map_err(coded)?
                .into_iter()
                .find(|d| d.id == rev.draft_id)
                .map(|d| d.kind)
                .unwrap_or_default();
            if cli.json {
                output::json(&serde_json::json!({"revision": rev.id, "draft_id": rev.draft_id,
                    "parents": rev.parents, "kind": kind}));
            } else {
                println!("已保存{}草稿版本 {}（可 andu review send 送阅核）", name, rev.id);
            }
        }
        DraftCommand::Import { case_no, file, .. } => {
            let who = actor(&store, &d.actor)?;
            let text = std::fs::read_to_string(file)
                .map_err(|e| draft_error("file_unreadable", format!("无法读取 {}：{e}", file.display())))?;
            let sections = read_sections(&text)?;
            // Sections left out keep their text: start from the latest revision, if any.
            let mut content = latest(&store, case_no)?.map(|(_, r)| r.content).unwrap_or_default();
            content.extend(sections);
            let rev = store
                .write(now(), |w| w.import_draft(case_no, &who, CIVIL_JUDGMENT, "民事判决书", &content))
                .map_err(coded)?;
            if cli.json {
                output::json(
                    &serde_json::json!({"revision": rev.id, "draft_id": rev.draft_id, "parents": rev.parents}),
                );
            } else {
                println!("已保存草稿版本 {}", rev.id);
            }
        }
        DraftCommand::Show { case_no } => {
            let (draft, rev) = latest(&store, case_no)?.ok_or_else(no_revision)?;
            let all = drafts::revisions(store.conn(), &draft.id).map_err(|e| coded(andu_store::StoreError::from(e)))?;
            let settings = store.review_settings().map_err(coded)?;
            let status = store.review(case_no, &settings).map_err(coded)?.status;
            let shown = DraftShown {
                case_no: store.get_case(case_no).map_err(coded)?.summary.case_no,
                draft_id: draft.id,
                revision_no: all.iter().position(|r| r.id == rev.id).map_or(0, |i| i + 1),
                revisions: all.len(),
                revision: rev.id,
                author: rev.author,
                saved_at: rev.created_at,
                sections: SECTIONS
                    .iter()
                    .filter_map(|s| {
                        rev.content.get(s.key).map(|t| SectionText { key: s.key, label: s.label, text: t.clone() })
                    })
                    .collect(),
                review_status: status.as_str(),
            };
            if cli.json {
                output::json(&shown);
            } else {
                println!(
                    "{} 判决书 第 {} 稿（共 {} 稿，{} {}）阅核：{}",
                    shown.case_no,
                    shown.revision_no,
                    shown.revisions,
                    shown.author,
                    shown.saved_at,
                    shown.review_status
                );
                for s in &shown.sections {
                    println!("【{}】\n{}\n", s.label, s.text);
                }
            }
        }
        DraftCommand::Export { case_no, out, override_reason } => {
            let settings = store.review_settings().map_err(coded)?;
            let (_, rev) = latest(&store, case_no)?.ok_or_else(no_revision)?;
            if let Err(refusal) = store.review_export_check(case_no, &settings) {
                let Some(reason) = override_reason else { return Err(coded(refusal)) };
                if refusal.code() != "review_pending" {
                    return Err(coded(refusal));
                }
                let who = actor(&store, &d.actor)?;
                store.write(now(), |w| w.record_export_override(case_no, &who, reason, &settings)).map_err(coded)?;
            }
            let detail = store.get_case(case_no).map_err(coded)?;
            andu_docs::write_atomic(out, &drafting::export_judgment(&detail, &rev.content)).map_err(coded)?;
            if cli.json {
                output::json(&serde_json::json!({"path": out.display().to_string(), "revision": rev.id,
                    "override": override_reason.is_some() }));
            } else {
                println!("已导出：{}", out.display());
            }
        }
    }
    Ok(())
}

fn is_docx(file: &std::path::Path) -> bool {
    file.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

fn no_revision() -> ErrorBody {
    coded(andu_store::StoreError::from(andu_core::review::ReviewError::NoRevision))
}

/// The newest judgment draft's single head, `None` when nothing was saved; two heads must be merged first.
fn latest(
    store: &andu_store::Store,
    case_no: &str,
) -> Result<Option<(drafts::DraftRow, drafts::RevisionRow)>, ErrorBody> {
    for d in store.drafts(case_no).map_err(coded)?.into_iter().rev().filter(|d| d.kind == CIVIL_JUDGMENT) {
        let mut heads = drafts::heads(store.conn(), &d.id).map_err(|e| coded(andu_store::StoreError::from(e)))?;
        match heads.len() {
            0 => continue,
            1 => return Ok(Some((d, heads.remove(0)))),
            n => return Err(coded(andu_store::StoreError::from(andu_core::review::ReviewError::Heads(n)))),
        }
    }
    Ok(None)
}
