//! The app's export gate against the store's 阅核 records: the cases `andu draft export` is tested for, plus the
//! text on screen differing from the revision 同意签发.

use andu_core::review::Decision;
use andu_store::demo::FIXED_CASE_NO as NO;
use andu_store::review::{Actor, ReviewSettings};
use andu_store::table::drafts::DraftContent;
use andu_store::{DbKey, Store};
use andu_sync::access::Role;
use chrono::{TimeZone, Utc};

use super::check_export;

fn at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, hour, 0, 0).unwrap()
}

/// A store with the demo cases, signed in (设置) as the fixed case's judge.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    s.write(at(8), |w| {
        for c in andu_store::demo::generate(today, 3, 1) {
            w.add_case(&c.validate().unwrap())?;
        }
        Ok(())
    })
    .unwrap();
    s.set_setting("profile:name", "王建国").unwrap();
    s.set_setting("profile:division", "民一庭").unwrap();
    (dir, s)
}

fn judge() -> Actor {
    Actor { name: "王建国".into(), role: Role::Judge, division: "民一庭".into() }
}
fn chief() -> Actor {
    Actor { name: "陈庭长".into(), role: Role::Chief, division: "民一庭".into() }
}

fn text(reasoning: &str) -> DraftContent {
    [("reasoning".to_string(), reasoning.to_string()), ("items".to_string(), "驳回原告的诉讼请求。".to_string())]
        .into_iter()
        .collect()
}

fn save_and_send(s: &mut Store, reasoning: &str) {
    let set = ReviewSettings::default();
    s.write(at(9), |w| w.import_draft(NO, &judge(), "civil-judgment", "民事判决书", &text(reasoning))).unwrap();
    s.write(at(9), |w| w.send_for_review(NO, &judge(), None, &set)).unwrap();
}

#[test]
fn a_case_never_sent_exports_without_a_gate_by_default() {
    let (_d, mut s) = store();
    assert!(!check_export(&mut s, NO, &text("任意"), None, at(10)).unwrap());
    assert!(s.review(NO, &ReviewSettings::default()).unwrap().overrides.is_empty());
}

#[test]
fn a_pending_review_refuses_and_offers_the_override_which_is_recorded() {
    let (_d, mut s) = store();
    save_and_send(&mut s, "原告主张借款成立。");
    let err = check_export(&mut s, NO, &text("原告主张借款成立。"), None, at(10)).unwrap_err();
    assert_eq!(err.code, "review_pending");
    assert!(err.message.contains("待阅核"), "{}", err.message);
    assert!(!err.message.contains("--override"), "the CLI's hint is not the app's: {}", err.message);
    assert_eq!(err.detail.unwrap()["override_allowed"], true);

    assert_eq!(check_export(&mut s, NO, &text("x"), Some("  "), at(10)).unwrap_err().code, "field_required");
    assert!(check_export(&mut s, NO, &text("x"), Some("当事人急需判决书办理执行"), at(10)).unwrap());
    let overrides = s.review(NO, &ReviewSettings::default()).unwrap().overrides;
    assert_eq!(overrides.len(), 1);
    assert_eq!((overrides[0].by.as_str(), overrides[0].reason.as_str()), ("王建国", "当事人急需判决书办理执行"));
}

#[test]
fn where_the_court_refuses_overrides_the_reason_is_refused_and_nothing_recorded() {
    let (_d, mut s) = store();
    s.set_setting("review:override", "refused").unwrap();
    save_and_send(&mut s, "原告主张借款成立。");
    let err = check_export(&mut s, NO, &text("x"), None, at(10)).unwrap_err();
    assert_eq!(err.detail.unwrap()["override_allowed"], false);
    let err = check_export(&mut s, NO, &text("x"), Some("急需"), at(10)).unwrap_err();
    assert_eq!(err.code, "review_override_refused");
    assert!(s.review(NO, &ReviewSettings::default()).unwrap().overrides.is_empty());
}

#[test]
fn approval_covers_the_approved_text_only() {
    let (_d, mut s) = store();
    save_and_send(&mut s, "原告主张借款成立。");
    let set = ReviewSettings::default();
    s.write(at(11), |w| w.decide_review(NO, &chief(), Decision::Approve, None, None, &set)).unwrap();
    let mut shown = text("原告主张借款成立。");
    shown.insert("claims".into(), "   ".into()); // an empty section on screen is not a change
    assert!(!check_export(&mut s, NO, &shown, None, at(12)).unwrap());
    let err = check_export(&mut s, NO, &text("原告主张借款不成立。"), None, at(12)).unwrap_err();
    assert_eq!(err.code, "review_pending");
    assert!(err.message.contains("第 1 稿"), "{}", err.message);
}
