//! 院庭长阅核 in the app (issue #18): send the judgment's latest revision, a case's rounds with comments, the
//! 待我阅核 queue with the 审限, comments and decisions. The same library calls as `andu review …`: the records and
//! rules are andu-store's (`review`), the queue's 审限 the docket's. The person acting is the store's signed-in
//! account (`Store::acting_user`); the court server checks every step again. Contract: docs/app-commands.md.

use andu_core::review::{Decision, Forum};
use andu_docket::Docket;
use andu_docket::document_draft::document_draft;
use andu_docket::review::QueueRow;
use andu_store::Store;
use andu_store::review::{ActingAs, Actor, ReviewView, reviews_cases};
use andu_store::table::review::{CommentRow, DecisionRow, FlagRow, ResultRow, RoundRow, WithdrawalRow};
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, ErrorBody, coded};
use crate::state::AppState;

fn acting(s: &Store) -> CmdResult<Actor> {
    s.acting_user(&ActingAs::default()).map_err(coded)
}

/// Who is looking: the UI offers 送阅核 to the judge and the decisions to a 庭长/院长.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Me {
    name: String,
    role: &'static str,
    division: String,
}

impl From<Actor> for Me {
    fn from(a: Actor) -> Self {
        Me { name: a.name, role: a.role.as_str(), division: a.division }
    }
}

/// A case's 阅核 as it stands, and who is looking.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReviewShown {
    #[serde(flatten)]
    view: ReviewView,
    me: Me,
}

#[tauri::command]
pub async fn review_show(state: State<'_, AppState>, case_no: String) -> CmdResult<ReviewShown> {
    state.with_store(|s| {
        let settings = s.review_settings().map_err(coded)?;
        Ok(ReviewShown { view: s.review(&case_no, &settings).map_err(coded)?, me: acting(s)?.into() })
    })
}

/// 送阅核: the judgment's latest saved revision, with an optional note.
#[tauri::command]
pub async fn review_send(state: State<'_, AppState>, case_no: String, note: Option<String>) -> CmdResult<RoundRow> {
    state.with_store(|s| {
        let who = acting(s)?;
        let settings = s.review_settings().map_err(coded)?;
        let note = note.filter(|n| !n.trim().is_empty());
        s.write(chrono::Utc::now(), |w| w.send_for_review(&case_no, &who, note.as_deref(), &settings)).map_err(coded)
    })
}

/// 送阅核 of a generated 裁定书/调解书 recorded on the case (its 文书 list): the .docx's text is saved as the newest
/// revision of the case's ruling/mediation draft (andu-docket `document_draft`; the kind from the document's name)
/// and sent, in one write — a refused send saves nothing. Only documents the store recorded for the case.
#[tauri::command]
pub async fn review_send_document(
    state: State<'_, AppState>,
    case_no: String,
    path: String,
    note: Option<String>,
) -> CmdResult<RoundRow> {
    state.with_store(|s| {
        let doc =
            s.get_case(&case_no).map_err(coded)?.documents.into_iter().find(|d| d.path == path).ok_or_else(|| {
                ErrorBody {
                    code: "document_unknown".into(), message: "这份文书不属于本案".into(), detail: None
                }
            })?;
        let bytes = std::fs::read(&doc.path).map_err(|e| ErrorBody {
            code: "file_unreadable".into(),
            message: format!("无法读取 {}：{e}", doc.path),
            detail: None,
        })?;
        let (kind, content) = document_draft(&bytes, &doc.name, None).map_err(coded)?;
        let who = acting(s)?;
        let settings = s.review_settings().map_err(coded)?;
        let note = note.filter(|n| !n.trim().is_empty());
        s.write(chrono::Utc::now(), |w| {
            w.import_draft(&case_no, &who, kind.key(), &doc.name, &content)?;
            w.send_for_review(&case_no, &who, note.as_deref(), &settings)
        })
        .map_err(coded)
    })
}

/// 待我阅核: the cases waiting for the signed-in 庭长/院长, with waiting days and the 审限 left.
#[tauri::command]
pub async fn review_queue(state: State<'_, AppState>) -> CmdResult<Vec<QueueRow>> {
    let today = crate::clock::today();
    state.with_store(|s| {
        let who = acting(s)?;
        let settings = s.review_settings().map_err(coded)?;
        andu_docket::review::queue(&Docket::for_store(s)?, s, &who, &settings, today)
    })
}

/// The 待我阅核 entry: shown to whoever reviews cases (the 院长; the 庭长 unless the court names the 院长), with the
/// number of cases waiting.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReviewNav {
    shown: bool,
    waiting: usize,
}

/// Whether the signed-in person reviews, and how many cases wait for them. Nobody signed in (no name known): hidden.
#[tauri::command]
pub async fn review_nav(state: State<'_, AppState>) -> CmdResult<ReviewNav> {
    state.with_store(|s| {
        let Ok(who) = s.acting_user(&ActingAs::default()) else {
            return Ok(ReviewNav { shown: false, waiting: 0 });
        };
        let settings = s.review_settings().map_err(coded)?;
        if !reviews_cases(who.role, settings.reviewer) {
            return Ok(ReviewNav { shown: false, waiting: 0 });
        }
        Ok(ReviewNav { shown: true, waiting: s.review_queue(&who, &settings).map_err(coded)?.len() })
    })
}

/// A comment on a passage (`quote`, text the revision contains), or a reply in a thread (`reply_to`).
#[tauri::command]
pub async fn review_comment(
    state: State<'_, AppState>,
    case_no: String,
    quote: String,
    text: String,
    reply_to: Option<String>,
) -> CmdResult<CommentRow> {
    state.with_store(|s| {
        let who = acting(s)?;
        let settings = s.review_settings().map_err(coded)?;
        s.write(chrono::Utc::now(), |w| w.comment_review(&case_no, &who, &quote, &text, reply_to.as_deref(), &settings))
            .map_err(coded)
    })
}

/// 撤回意见: one's own comment is withdrawn by a record; it stays in the history, struck through.
#[tauri::command]
pub async fn review_withdraw(
    state: State<'_, AppState>,
    case_no: String,
    comment_id: String,
) -> CmdResult<WithdrawalRow> {
    state.with_store(|s| {
        let who = acting(s)?;
        s.write(chrono::Utc::now(), |w| w.withdraw_review_comment(&case_no, &who, &comment_id)).map_err(coded)
    })
}

/// The result of the 专业法官会议/审判委员会 the latest round was sent to, as `andu review result`.
#[tauri::command]
pub async fn review_result(state: State<'_, AppState>, case_no: String, result: String) -> CmdResult<ResultRow> {
    state.with_store(|s| {
        let who = acting(s)?;
        let settings = s.review_settings().map_err(coded)?;
        s.write(chrono::Utc::now(), |w| w.record_review_result(&case_no, &who, &result, &settings)).map_err(coded)
    })
}

/// Mark the case as a 四类案件 (its 阅核 goes to the 院长), with the reason, or with `set = false` take the mark
/// off (a record too, with its reason), as `andu review flag [--clear]`: the 庭长 of its division, the 院长 or its judge.
#[tauri::command]
pub async fn review_flag(state: State<'_, AppState>, case_no: String, set: bool, reason: String) -> CmdResult<FlagRow> {
    state.with_store(|s| {
        let who = acting(s)?;
        s.write(chrono::Utc::now(), |w| w.flag_four_kinds(&case_no, &who, set, &reason)).map_err(coded)
    })
}

/// 同意签发 (`approve`), 提出意见 (`return`) or 提交讨论 (`discuss` with `forum` 专业法官会议 | 审判委员会).
#[tauri::command]
pub async fn review_decide(
    state: State<'_, AppState>,
    case_no: String,
    decision: String,
    forum: Option<String>,
    note: Option<String>,
) -> CmdResult<DecisionRow> {
    let (d, forum) = decision_of(&decision, forum.as_deref())?;
    state.with_store(|s| {
        let who = acting(s)?;
        let settings = s.review_settings().map_err(coded)?;
        let note = note.filter(|n| !n.trim().is_empty());
        s.write(chrono::Utc::now(), |w| w.decide_review(&case_no, &who, d, forum, note.as_deref(), &settings))
            .map_err(coded)
    })
}

/// The UI's answer as the store's: `approve` | `return` | `discuss` (or their Chinese names); a discussion names its
/// meeting, the other answers ignore one.
fn decision_of(decision: &str, forum: Option<&str>) -> CmdResult<(Decision, Option<Forum>)> {
    let d = Decision::parse(decision).ok_or_else(|| ErrorBody {
        code: "review_decision_missing".into(),
        message: format!("不认识的阅核意见“{decision}”：可用 同意签发、提出意见、提交讨论"),
        detail: None,
    })?;
    let forum = match (d, forum) {
        (Decision::Discuss, Some(f)) => Some(Forum::parse(f).ok_or_else(|| ErrorBody {
            code: "review_forum_unknown".into(),
            message: format!("不认识的讨论会议“{f}”：可用 专业法官会议 或 审判委员会"),
            detail: None,
        })?),
        (Decision::Discuss, None) => {
            return Err(ErrorBody {
                code: "review_forum_unknown".into(),
                message: "提交讨论请选择 专业法官会议 或 审判委员会".into(),
                detail: None,
            });
        }
        _ => None,
    };
    Ok((d, forum))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_is_one_of_three_and_a_discussion_names_its_meeting() {
        assert_eq!(decision_of("approve", None).unwrap(), (Decision::Approve, None));
        assert_eq!(decision_of("提出意见", Some("审判委员会")).unwrap(), (Decision::Return, None));
        assert_eq!(
            decision_of("discuss", Some("审判委员会")).unwrap(),
            (Decision::Discuss, Some(Forum::JudicialCommittee))
        );
        assert_eq!(decision_of("discuss", None).unwrap_err().code, "review_forum_unknown");
        assert_eq!(decision_of("discuss", Some("庭务会")).unwrap_err().code, "review_forum_unknown");
        assert_eq!(decision_of("签了", None).unwrap_err().code, "review_decision_missing");
    }
}
