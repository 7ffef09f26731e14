//! The 阅核 gate on the 判决书 editor's export (issue #18), the same rule as `andu draft export`: refused with
//! `review_pending` while 阅核 is required and not 同意签发 (`Store::review_export_check`), unless the judge gives a
//! reason where the court allows it, which is recorded on the case (`record_export_override`).

use andu_core::Coded;
use andu_core::review::ReviewStatus;
use andu_store::Store;
use andu_store::review::{ActingAs, ReviewSettings};
use andu_store::table::drafts::DraftContent;
use chrono::{DateTime, Utc};

use crate::error::{CmdResult, ErrorBody, coded};

/// Sections with text: the editor sends empty sections the saved revision may not hold, and they print nothing.
fn written(content: &DraftContent) -> Vec<(&String, &String)> {
    content.iter().filter(|(_, t)| !t.trim().is_empty()).collect()
}

/// The refusal as the UI needs it: the store's message without the CLI's `--override` hint, and in `detail`
/// whether the court lets the judge export anyway (then the editor offers the override dialog).
fn refusal(err: ErrorBody, settings: &ReviewSettings) -> ErrorBody {
    ErrorBody { detail: Some(serde_json::json!({ "override_allowed": settings.override_allowed })), ..err }
}

/// May `content` (the text on screen) be exported now? `Ok(true)` when it may only because the judge overrode the
/// gate with `override_reason` (recorded at `now`), `Ok(false)` when no override was needed.
pub fn check_export(
    s: &mut Store,
    case_no: &str,
    content: &DraftContent,
    override_reason: Option<&str>,
    now: DateTime<Utc>,
) -> CmdResult<bool> {
    let settings = s.review_settings().map_err(coded)?;
    // The same check with the hint off: its message names the CLI option, the app has its own dialog.
    let quiet = ReviewSettings { override_allowed: false, ..settings };
    let refused = match s.review_export_check(case_no, &quiet) {
        Err(e) if e.code() == "review_pending" => refusal(coded(e), &settings),
        Err(e) => return Err(coded(e)),
        Ok(()) => {
            // 同意签发 covers the approved revision only: text changed on screen since is not what was read.
            let view = s.review(case_no, &settings).map_err(coded)?;
            let approved = view.rounds.last().filter(|_| view.status == ReviewStatus::Approved);
            let Some(round) = approved else { return Ok(false) };
            let read = s.draft_revision(&round.revision).map_err(coded)?;
            if written(&read.content) == written(content) {
                return Ok(false);
            }
            refusal(
                ErrorBody {
                    code: "review_pending".into(),
                    message: format!(
                        "屏幕上的文本与同意签发的第 {} 稿不同，不能导出签发稿：请撤销修改，或保存为新稿后重新送阅核",
                        round.revision_no
                    ),
                    detail: None,
                },
                &settings,
            )
        }
    };
    let Some(reason) = override_reason else { return Err(refused) };
    let who = s.acting_user(&ActingAs::default()).map_err(coded)?;
    s.write(now, |w| w.record_export_override(case_no, &who, reason, &settings)).map_err(coded)?;
    Ok(true)
}

#[cfg(test)]
mod tests;
