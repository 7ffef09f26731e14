use andu_core::Coded;
use andu_core::review::{Decision, Forum, ReviewStatus};
use andu_sync::access::Role;
use chrono::{TimeZone, Utc};

use super::{Actor, ReviewSettings, Reviewer};
use crate::demo::FIXED_CASE_NO as NO;
use crate::table::drafts::DraftContent;
use crate::{DbKey, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    s.write(at(8), |w| {
        for c in crate::demo::generate(today, 3, 1) {
            w.add_case(&c.validate().unwrap())?;
        }
        Ok(())
    })
    .unwrap();
    (dir, s)
}

fn at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, hour, 0, 0).unwrap()
}

fn actor(name: &str, role: Role, division: &str) -> Actor {
    Actor { name: name.into(), role, division: division.into() }
}

fn judge() -> Actor {
    actor("王建国", Role::Judge, "民一庭")
}
fn chief() -> Actor {
    actor("陈庭长", Role::Chief, "民一庭")
}
fn president() -> Actor {
    actor("孙院长", Role::President, "")
}

fn text(reasoning: &str) -> DraftContent {
    [("reasoning".to_string(), reasoning.to_string()), ("items".to_string(), "驳回原告的诉讼请求。".to_string())]
        .into_iter()
        .collect()
}

fn code<T: std::fmt::Debug>(r: crate::Result<T>) -> String {
    r.unwrap_err().code().to_string()
}

/// The whole round trip of issue #18: send, comment on a passage, return, revise, resend, approve; the export gate
/// follows; every step is a change-log row (it travels through sync) and nothing is ever rewritten.
#[test]
fn a_round_trip_from_send_to_approval_leaves_every_step_on_record() {
    let (_d, mut s) = store();
    let set = ReviewSettings::default();
    assert_eq!(s.review(NO, &set).unwrap().status, ReviewStatus::NotSent);
    assert!(s.review_export_check(NO, &set).is_ok(), "a case never sent needs no 阅核 by default");
    assert_eq!(code(s.write(at(9), |w| w.send_for_review(NO, &judge(), None, &set))), "draft_no_revision");

    let r1 = s
        .write(at(9), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("原告主张借款成立。")))
        .unwrap();
    let before = s.history(NO).unwrap().len();
    let round = s.write(at(9), |w| w.send_for_review(NO, &judge(), Some("请庭长阅核"), &set)).unwrap();
    assert_eq!((round.revision_id.as_str(), round.reviewer.as_str()), (r1.id.as_str(), "庭长"));
    assert_eq!(s.review(NO, &set).unwrap().status, ReviewStatus::Pending);
    assert_eq!(code(s.write(at(9), |w| w.send_for_review(NO, &judge(), None, &set))), "review_already_sent");
    assert_eq!(code(s.review_export_check(NO, &set)), "review_pending");

    // The queue: the 庭长 of 民一庭 and the 院长 see it; the 庭长 of 民二庭 and the judge do not.
    assert_eq!(s.review_queue(&chief(), &set).unwrap().len(), 1);
    assert_eq!(s.review_queue(&president(), &set).unwrap().len(), 1);
    assert!(s.review_queue(&actor("周庭长", Role::Chief, "民二庭"), &set).unwrap().is_empty());
    assert!(s.review_queue(&judge(), &set).unwrap().is_empty());

    let c =
        s.write(at(10), |w| w.comment_review(NO, &chief(), "借款成立", "请写明借款交付的证据", None, &set)).unwrap();
    assert_eq!(c.section.as_deref(), Some("reasoning"));
    assert_eq!(
        code(s.write(at(10), |w| w.comment_review(NO, &chief(), "不存在的话", "x", None, &set))),
        "review_quote_not_found"
    );
    // The judge answers in the thread; a colleague may not comment.
    s.write(at(10), |w| w.comment_review(NO, &judge(), "", "已补充转账记录", Some(&c.id), &set)).unwrap();
    assert_eq!(
        code(s.write(at(10), |w| w.comment_review(NO, &actor("陈静", Role::Judge, "民一庭"), "借款", "x", None, &set))),
        "forbidden_case"
    );
    // The reviewer may not edit the text; the judge decides nothing.
    assert_eq!(
        code(s.write(at(10), |w| w.import_draft(NO, &chief(), "civil-judgment", "民事判决书", &text("改")))),
        "not_the_author"
    );
    assert_eq!(
        code(s.write(at(10), |w| w.decide_review(NO, &judge(), Decision::Approve, None, None, &set))),
        "forbidden_case"
    );
    s.write(at(11), |w| w.decide_review(NO, &chief(), Decision::Return, None, Some("补充证据分析"), &set)).unwrap();
    assert_eq!(s.review(NO, &set).unwrap().status, ReviewStatus::Returned);
    assert_eq!(
        code(s.write(at(11), |w| w.decide_review(NO, &chief(), Decision::Approve, None, None, &set))),
        "review_not_pending"
    );
    assert_eq!(
        code(s.write(at(11), |w| w.comment_review(NO, &chief(), "借款", "x", None, &set))),
        "review_not_pending"
    );
    // Returned, the thread stays open: the judge answers the 庭长's comment where it was made, the 庭长 answers
    // back; a colleague still may not.
    s.write(at(11), |w| w.comment_review(NO, &judge(), "", "拟补充借条原件", Some(&c.id), &set)).unwrap();
    s.write(at(11), |w| w.comment_review(NO, &chief(), "", "可以", Some(&c.id), &set)).unwrap();
    assert_eq!(
        code(s.write(at(11), |w| {
            w.comment_review(NO, &actor("陈静", Role::Judge, "民一庭"), "", "x", Some(&c.id), &set)
        })),
        "forbidden_case"
    );

    // Revised and sent again; approved; the export is allowed — until the text changes again.
    let r2 = s
        .write(at(12), |w| {
            w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("原告提交转账记录，借款成立。"))
        })
        .unwrap();
    assert_eq!(r2.parents, std::slice::from_ref(&r1.id));
    s.write(at(12), |w| w.send_for_review(NO, &judge(), None, &set)).unwrap();
    s.write(at(13), |w| w.decide_review(NO, &chief(), Decision::Approve, None, None, &set)).unwrap();
    // Approved: no more replies, not even in the old round's threads.
    assert_eq!(
        code(s.write(at(13), |w| w.comment_review(NO, &judge(), "", "x", Some(&c.id), &set))),
        "review_not_pending"
    );
    let view = s.review(NO, &set).unwrap();
    assert_eq!(view.status, ReviewStatus::Approved);
    assert_eq!(
        view.rounds.iter().map(|r| (r.revision_no, r.decision)).collect::<Vec<_>>(),
        [(1, Some(Decision::Return)), (2, Some(Decision::Approve))]
    );
    assert_eq!(view.rounds[0].comments.len(), 1);
    let replies: Vec<&str> = view.rounds[0].comments[0].replies.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(replies, ["已补充转账记录", "拟补充借条原件", "可以"]);
    assert!(view.rounds[0].changes.is_none());
    let changed: Vec<&str> = view.rounds[1].changes.as_ref().unwrap().iter().map(|d| d.key.as_str()).collect();
    assert_eq!(changed, ["reasoning"], "round 2 shows what changed since round 1: 本院认为 only");
    assert!(s.review_export_check(NO, &set).is_ok());
    s.write(at(14), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("再改一字。"))).unwrap();
    let err = s.review_export_check(NO, &set).unwrap_err();
    assert_eq!(err.code(), "review_pending");
    assert!(err.to_string().contains("第 2 稿"), "{err}");

    // Every step is a logged create: 2 rounds + 4 comments + 2 decisions after `before`, plus 2 revisions.
    let log = s.history(NO).unwrap();
    let review_rows = log[..log.len() - before].iter().filter(|e| e.entity.starts_with("review_")).count();
    assert_eq!(review_rows, 8);
    assert!(log.iter().all(|e| e.field.is_none() || !e.entity.starts_with("review_")), "records are never patched");
}

#[test]
fn comments_are_withdrawn_by_their_author_and_stay_on_record() {
    let (_d, mut s) = store();
    let set = ReviewSettings::default();
    s.write(at(9), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("原告主张借款成立。")))
        .unwrap();
    s.write(at(9), |w| w.send_for_review(NO, &judge(), None, &set)).unwrap();
    let c = s.write(at(10), |w| w.comment_review(NO, &chief(), "借款成立", "措辞", None, &set)).unwrap();
    assert_eq!(code(s.write(at(10), |w| w.withdraw_review_comment(NO, &judge(), &c.id))), "review_comment_not_yours");
    s.write(at(10), |w| w.withdraw_review_comment(NO, &chief(), &c.id)).unwrap();
    assert_eq!(code(s.write(at(10), |w| w.withdraw_review_comment(NO, &chief(), &c.id))), "review_comment_withdrawn");
    let view = s.review(NO, &set).unwrap();
    let shown = &view.rounds[0].comments[0];
    assert_eq!((shown.text.as_str(), shown.withdrawn.as_ref().map(|w| w.by.as_str())), ("措辞", Some("陈庭长")));
}

#[test]
fn a_four_kinds_case_is_the_presidents_and_a_discussion_records_its_result() {
    let (_d, mut s) = store();
    let set = ReviewSettings::default();
    s.write(at(9), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("原告主张借款成立。")))
        .unwrap();
    assert_eq!(code(s.write(at(9), |w| w.flag_four_kinds(NO, &chief(), true, " "))), "field_required");
    s.write(at(9), |w| w.flag_four_kinds(NO, &chief(), true, "涉及群体性纠纷，可能影响社会稳定")).unwrap();
    let round = s.write(at(9), |w| w.send_for_review(NO, &judge(), None, &set)).unwrap();
    assert_eq!(round.reviewer, "院长");
    assert!(s.review_queue(&chief(), &set).unwrap().is_empty());
    assert!(s.review_queue(&president(), &set).unwrap()[0].four_kinds);
    assert_eq!(
        code(s.write(at(10), |w| w.decide_review(NO, &chief(), Decision::Approve, None, None, &set))),
        "forbidden_case"
    );
    assert_eq!(
        code(s.write(at(10), |w| w.decide_review(NO, &president(), Decision::Discuss, None, None, &set))),
        "field_required"
    );
    assert_eq!(
        code(s.write(at(10), |w| w.record_review_result(NO, &president(), "维持", &set))),
        "review_not_in_discussion"
    );
    s.write(at(10), |w| {
        w.decide_review(NO, &president(), Decision::Discuss, Some(Forum::JudicialCommittee), None, &set)
    })
    .unwrap();
    s.write(at(11), |w| w.record_review_result(NO, &president(), "审委会讨论决定维持合议庭意见", &set)).unwrap();
    let view = s.review(NO, &set).unwrap();
    assert_eq!(view.status, ReviewStatus::Discussion);
    assert_eq!(view.rounds[0].decisions[0].forum.as_deref(), Some("审判委员会"));
    assert_eq!(view.rounds[0].results.len(), 1);
    // Unflagged: the 庭长's again; the flag's history stays.
    s.write(at(12), |w| w.flag_four_kinds(NO, &president(), false, "经审查不属于四类案件")).unwrap();
    assert!(s.review(NO, &set).unwrap().four_kinds.is_none());
    // A court that names the 院长 for every case.
    let by_president = ReviewSettings { reviewer: Reviewer::President, ..set };
    assert_eq!(s.review(NO, &by_president).unwrap().reviewer, "院长");
}

#[test]
fn the_export_override_is_the_judges_recorded_and_refused_where_the_court_says_so() {
    let (_d, mut s) = store();
    let all = ReviewSettings { required_for_all: true, ..ReviewSettings::default() };
    s.write(at(9), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("原告主张借款成立。")))
        .unwrap();
    assert_eq!(code(s.review_export_check(NO, &all)), "review_pending", "every case needs 阅核 under `all`");
    assert!(s.review_export_check(NO, &ReviewSettings::default()).is_ok());
    assert_eq!(code(s.write(at(9), |w| w.record_export_override(NO, &chief(), "急", &all))), "not_the_author");
    let o = s.write(at(9), |w| w.record_export_override(NO, &judge(), "当事人当庭和解后需即时送达", &all)).unwrap();
    assert!(o.revision_id.is_some());
    assert_eq!(s.review(NO, &all).unwrap().overrides, [o]);
    let strict = ReviewSettings { override_allowed: false, ..all };
    assert_eq!(
        code(s.write(at(9), |w| w.record_export_override(NO, &judge(), "急", &strict))),
        "review_override_refused"
    );
}

#[test]
fn settings_are_read_from_the_store_with_defaults() {
    let (_d, mut s) = store();
    assert_eq!(s.review_settings().unwrap(), ReviewSettings::default());
    s.set_setting(super::SETTING_REVIEWER, "院长").unwrap();
    s.set_setting(super::SETTING_REQUIRED, "all").unwrap();
    s.set_setting(super::SETTING_OVERRIDE, "refused").unwrap();
    assert_eq!(
        s.review_settings().unwrap(),
        ReviewSettings { reviewer: Reviewer::President, required_for_all: true, override_allowed: false }
    );
}

/// Rows pulled from the court server apply once (a repeated pull is harmless), are not logged as local edits, and
/// are part of the case's rows as sync compares them.
#[test]
fn remote_records_apply_once_and_travel_with_the_case() {
    let (_d, mut s) = store();
    let set = ReviewSettings::default();
    s.write(at(9), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text("原告主张借款成立。")))
        .unwrap();
    let round = s.write(at(9), |w| w.send_for_review(NO, &judge(), None, &set)).unwrap();
    let case_id = round.case_id.clone();
    let decision = crate::table::review::DecisionRow {
        id: "0193-remote-decision".into(),
        case_id: case_id.clone(),
        round_id: round.id.clone(),
        decision: "approve".into(),
        forum: None,
        note: None,
        by: "陈庭长".into(),
        at: "2026-11-26T10:00:00.000Z".into(),
    };
    let row = serde_json::to_value(&decision).unwrap();
    let before = s.history(NO).unwrap().len();
    for _ in 0..2 {
        crate::sync::replace_entity(s.conn(), &case_id, "review_decision", &decision.id, Some(&row), "x").unwrap();
    }
    assert_eq!(s.history(NO).unwrap().len(), before);
    let view = s.review(NO, &set).unwrap();
    assert_eq!((view.status, view.rounds[0].decisions.len()), (ReviewStatus::Approved, 1));
    let rows = crate::sync::case_rows(s.conn(), &case_id).unwrap();
    assert_eq!(rows.iter().filter(|r| r.entity.starts_with("review_")).count(), 2);
    // A record naming another case is refused, not filed under this one.
    let mut other = row.clone();
    other["case_id"] = "another-case".into();
    assert!(crate::sync::replace_entity(s.conn(), &case_id, "review_decision", "x2", Some(&other), "x").is_err());
}

#[test]
fn the_acting_user_is_the_option_else_the_login_else_the_profile() {
    use super::ActingAs;
    let (_d, mut s) = store();
    assert_eq!(code(s.acting_user(&ActingAs::default())), "actor_unknown");
    s.set_setting("profile:name", "王建国").unwrap();
    s.set_setting("profile:division", "民一庭").unwrap();
    assert_eq!(s.acting_user(&ActingAs::default()).unwrap(), judge(), "the profile, as a 法官");
    s.set_sync_meta(crate::table::sync::keys::USER, "陈庭长").unwrap();
    s.set_sync_meta(crate::table::sync::keys::ROLE, "chief").unwrap();
    s.set_sync_meta(crate::table::sync::keys::DIVISION, "民一庭").unwrap();
    assert_eq!(s.acting_user(&ActingAs::default()).unwrap(), chief(), "the login wins over the profile");
    let given = ActingAs { name: Some("孙院长"), role: Some("院长"), division: Some("") };
    assert_eq!(s.acting_user(&given).unwrap(), president(), "options win over both");
    let bad = ActingAs { role: Some("书记官"), ..ActingAs::default() };
    assert_eq!(code(s.acting_user(&bad)), "role_unknown");
}
