//! `andu review …`: 院庭长阅核 (issue #18). The records and rules are andu-store's (`review`), the queue's 审限 the
//! docket's; this module reads who is acting and prints. `andu draft …` is in `review_draft.rs`.

use andu_core::ErrorBody;
use andu_core::review::{Decision, Forum};
use andu_store::Store;
use andu_store::review::{ActingAs, Actor};

use super::{CmdResult, coded, now, open_store, today};
use crate::args::{ActorArgs, Cli, ReviewArgs, ReviewCommand};
use crate::output;

pub use super::review_draft::draft;

/// The person acting: the options, else the account logged in to the court server, else the store's profile.
pub(super) fn actor(store: &Store, a: &ActorArgs) -> Result<Actor, ErrorBody> {
    let given = ActingAs { name: a.name.as_deref(), role: a.role.as_deref(), division: a.division.as_deref() };
    store.acting_user(&given).map_err(coded)
}

pub fn run(cli: &Cli, r: &ReviewArgs) -> CmdResult {
    // 发改案件逐案评查 (its own module): the 评查 is recorded by the store's signed-in role, not `--as`.
    match &r.command {
        ReviewCommand::AppealCases { division, judge, out, court, today: t } => {
            return super::review_appeal::list(
                cli,
                division.as_deref(),
                judge.as_deref(),
                out.as_deref(),
                court.as_deref(),
                t.as_deref(),
            );
        }
        ReviewCommand::AppealCase { case_no, reason, responsible, lesson } => {
            return super::review_appeal::record(cli, case_no, reason, responsible, lesson);
        }
        _ => {}
    }
    let mut store = open_store(cli)?;
    let who = actor(&store, &r.actor)?;
    let settings = store.review_settings().map_err(coded)?;
    match &r.command {
        ReviewCommand::Send { case_no, note } => {
            let round =
                store.write(now(), |w| w.send_for_review(case_no, &who, note.as_deref(), &settings)).map_err(coded)?;
            if cli.json {
                output::json(&round);
            } else {
                println!("已送{}阅核：{case_no}（{}）", round.reviewer, round.at);
            }
        }
        ReviewCommand::Queue { today: t } => {
            let day = today(t.as_deref())?;
            let docket = andu_docket::Docket::for_store(&store)?;
            let rows = andu_docket::review::queue(&docket, &store, &who, &settings, day)?;
            if cli.json {
                output::json(&rows);
            } else if rows.is_empty() {
                println!("没有待您阅核的案件");
            } else {
                for q in &rows {
                    let limit = match (q.trial_limit_due, q.trial_limit_days_left) {
                        (Some(d), Some(left)) => {
                            format!("审限 {d}（剩 {left} 天）{}", if q.trial_limit_near { " ⚠" } else { "" })
                        }
                        _ => "审限无法计算".to_string(),
                    };
                    println!(
                        "{} {} 已等 {} 天  {limit}{}",
                        output::pad(&q.case_no, 28),
                        output::pad(&q.judge, 8),
                        q.waiting_days,
                        if q.four_kinds { "  四类案件" } else { "" }
                    );
                }
            }
        }
        ReviewCommand::Show { case_no } => {
            let view = store.review(case_no, &settings).map_err(coded)?;
            if cli.json {
                output::json(&view);
            } else {
                println!("{} 阅核状态：{}（阅核人：{}）", view.case_no, view.status.as_str(), view.reviewer);
                if let Some(f) = &view.four_kinds {
                    println!("四类案件：{}（{} 标记）", f.reason, f.by);
                }
                for (i, r) in view.rounds.iter().enumerate() {
                    let decision = r.decision.map_or("待阅核", |d| d.status().as_str());
                    println!("第 {} 轮：第 {} 稿，{} 送 {}，{decision}", i + 1, r.revision_no, r.sent_by, r.sent_at);
                    for c in &r.comments {
                        let gone = if c.withdrawn.is_some() { "（已撤回）" } else { "" };
                        println!("  「{}」 {}：{}{gone}  [{}]", c.quote, c.by, c.text, c.id);
                        for reply in &c.replies {
                            println!("      {}：{}", reply.by, reply.text);
                        }
                    }
                }
            }
        }
        ReviewCommand::Comment { case_no, quote, text, reply_to } => {
            let c = store
                .write(now(), |w| w.comment_review(case_no, &who, quote, text, reply_to.as_deref(), &settings))
                .map_err(coded)?;
            if cli.json {
                output::json(&c);
            } else {
                println!("已批注：{}", c.id);
            }
        }
        ReviewCommand::Withdraw { case_no, comment_id } => {
            let w = store.write(now(), |w| w.withdraw_review_comment(case_no, &who, comment_id)).map_err(coded)?;
            if cli.json {
                output::json(&w);
            } else {
                println!("已撤回批注 {comment_id}（记录保留）");
            }
        }
        ReviewCommand::Decide { case_no, approve, send_back, discuss, note } => {
            let (decision, forum) = match (approve, send_back, discuss) {
                (true, _, _) => (Decision::Approve, None),
                (_, true, _) => (Decision::Return, None),
                (_, _, Some(f)) => {
                    let forum = Forum::parse(f).ok_or_else(|| ErrorBody {
                        code: "review_forum_unknown".into(),
                        message: format!("不认识的讨论会议“{f}”：可用 专业法官会议 或 审判委员会"),
                        detail: None,
                    })?;
                    (Decision::Discuss, Some(forum))
                }
                _ => {
                    return Err(ErrorBody {
                        code: "review_decision_missing".into(),
                        message: "请给出阅核意见：--approve（同意签发）、--return（提出意见）或 --discuss 专业法官会议|审判委员会".into(),
                        detail: None,
                    });
                }
            };
            let d = store
                .write(now(), |w| w.decide_review(case_no, &who, decision, forum, note.as_deref(), &settings))
                .map_err(coded)?;
            if cli.json {
                output::json(&d);
            } else {
                println!("已记录阅核意见：{}", decision.status().as_str());
            }
        }
        ReviewCommand::MeetingResult { case_no, text } => {
            let r = store.write(now(), |w| w.record_review_result(case_no, &who, text, &settings)).map_err(coded)?;
            if cli.json {
                output::json(&r);
            } else {
                println!("已记录讨论结果");
            }
        }
        ReviewCommand::Flag { case_no, reason, clear } => {
            let f = store.write(now(), |w| w.flag_four_kinds(case_no, &who, !clear, reason)).map_err(coded)?;
            if cli.json {
                output::json(&f);
            } else if f.set {
                println!("已标记为四类案件（阅核由院长进行）");
            } else {
                println!("已取消四类案件标记");
            }
        }
        ReviewCommand::AppealCases { .. } | ReviewCommand::AppealCase { .. } => {} // answered above
    }
    Ok(())
}
