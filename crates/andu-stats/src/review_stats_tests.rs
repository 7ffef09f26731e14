//! The 阅核 statistics on a hand-worked set of rounds (the expected numbers are counted by hand below).

use andu_core::Procedure;

use super::*;

fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap()
}

fn case(no: &str, judge: &str, division: &str) -> CaseFacts {
    let mut c = CaseFacts::new(no, Procedure::CivilOrdinary, d("2026-01-05"));
    c.judge = judge.into();
    c.division = division.into();
    c
}

fn round(no: &str, sent: &str, answer: Option<(Decision, &str, &str)>) -> ReviewRoundFact {
    ReviewRoundFact {
        case_no: no.into(),
        sent: d(sent),
        waits_for: "民一庭庭长".into(),
        answer: answer.map(|(answer, by, on)| RoundAnswer { answer, by: by.into(), on: d(on) }),
        superseded: None,
    }
}

use Decision::*;

/// Period: March 2026. 王 has cases 1 and 2, 李 has case 3 (all 民一庭); 赵 (民二庭) case 4.
/// | round | case | sent  | answer              | counts in March as                        |
/// | a     | 1    | 02-25 | return 陈 03-02     | returned (5 days)                         |
/// | b     | 1    | 03-04 | approve 陈 03-05    | sent, approved (1 day)                    |
/// | c     | 2    | 03-10 | return 院长 03-20   | sent, returned (10 days)                  |
/// | d     | 2    | 03-25 | approve 陈 04-02    | sent, pending at 03-31 (answered after)   |
/// | e     | 3    | 03-30 | —                   | sent, pending                             |
/// | f     | 3    | 02-01 | discuss 陈 02-10    | nothing (all before March)                |
/// | g     | 4    | 03-03 | discuss 钱 03-06    | sent, discussed (3 days) — 民二庭          |
/// | h     | 9    | 03-03 | approve 陈 03-04    | nothing: its case is not in the store     |
fn fixture() -> (Vec<CaseFacts>, Vec<ReviewRoundFact>) {
    let cases = vec![
        case("（2026）测1号", "王建国", "民一庭"),
        case("（2026）测2号", "王建国", "民一庭"),
        case("（2026）测3号", "李明", "民一庭"),
        case("（2026）测4号", "赵敏", "民二庭"),
    ];
    let rounds = vec![
        round("（2026）测1号", "2026-02-25", Some((Return, "陈庭长", "2026-03-02"))),
        round("（2026）测1号", "2026-03-04", Some((Approve, "陈庭长", "2026-03-05"))),
        round("（2026）测2号", "2026-03-10", Some((Return, "院长", "2026-03-20"))),
        round("（2026）测2号", "2026-03-25", Some((Approve, "陈庭长", "2026-04-02"))),
        round("（2026）测3号", "2026-03-30", None),
        round("（2026）测3号", "2026-02-01", Some((Discuss, "陈庭长", "2026-02-10"))),
        round("（2026）测4号", "2026-03-03", Some((Discuss, "钱庭长", "2026-03-06"))),
        round("（2026）测9号", "2026-03-03", Some((Approve, "陈庭长", "2026-03-04"))),
    ];
    (cases, rounds)
}

fn march() -> Period {
    Period::new(d("2026-03-01"), d("2026-03-31")).unwrap()
}

fn counts(sent: u64, approved: u64, returned: u64, discussed: u64, pending: u64, median: Option<f64>) -> ReviewCounts {
    ReviewCounts { sent, approved, returned, discussed, pending, median_turnaround_days: median }
}

#[test]
fn the_whole_court_per_reviewer_and_per_judge_as_counted_by_hand() {
    let (cases, rounds) = fixture();
    let s = review_stats(&cases, &rounds, march(), &Scope::whole(), &Definitions::embedded());
    // Answered in March: a 5, b 1, c 10, g 3 days → median (3 + 5) / 2.
    assert_eq!(s.total, counts(5, 1, 2, 1, 2, Some(4.0)));
    let line = |ls: &[ReviewLine], n: &str| ls.iter().find(|l| l.name == n).unwrap().counts.clone();
    let names = |ls: &[ReviewLine]| ls.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    // d is pending at 03-31 and counts for 陈庭长, who answered it later; e waits for 民一庭庭长; f is February's.
    assert_eq!(names(&s.by_reviewer), ["民一庭庭长", "钱庭长", "陈庭长", "院长"]);
    assert_eq!(line(&s.by_reviewer, "陈庭长"), counts(2, 1, 1, 0, 1, Some(3.0)));
    assert_eq!(line(&s.by_reviewer, "院长"), counts(1, 0, 1, 0, 0, Some(10.0)));
    assert_eq!(line(&s.by_reviewer, "民一庭庭长"), counts(1, 0, 0, 0, 1, None));
    assert_eq!(line(&s.by_judge, "王建国"), counts(3, 1, 2, 0, 1, Some(5.0)));
    assert_eq!(line(&s.by_judge, "李明"), counts(1, 0, 0, 0, 1, None));
    assert_eq!(line(&s.by_judge, "赵敏"), counts(1, 0, 0, 1, 0, Some(3.0)));
    assert!(s.warnings.is_empty());
    assert_eq!(s.definitions.len(), REVIEW_KEYS.len());
}

#[test]
fn the_scope_filters_by_the_case() {
    let (cases, rounds) = fixture();
    let civil1 = Scope { division: Some("民一庭".into()), ..Scope::whole() };
    let s = review_stats(&cases, &rounds, march(), &civil1, &Definitions::embedded());
    assert_eq!(s.total, counts(4, 1, 2, 0, 2, Some(5.0)));
    assert!(s.by_judge.iter().all(|l| l.name != "赵敏"));
    let none = review_stats(&cases, &[], march(), &civil1, &Definitions::embedded());
    assert_eq!(none.total, counts(0, 0, 0, 0, 0, None));
    assert_eq!(none.warnings, ["案件库中尚无阅核记录"]);
}

#[test]
fn every_number_drills_down_to_the_rounds_behind_it() {
    let (cases, rounds) = fixture();
    let s = review_stats(&cases, &rounds, march(), &Scope::whole(), &Definitions::embedded());
    let defs = Definitions::embedded();
    let drill =
        |key: &str, who: ReviewWho| review_drill(&cases, &rounds, march(), &Scope::whole(), &defs, key, &who).unwrap();
    for (key, n) in [
        ("review_sent", s.total.sent),
        ("review_approved", s.total.approved),
        ("review_returned", s.total.returned),
        ("review_discussed", s.total.discussed),
        ("review_pending", s.total.pending),
        ("review_turnaround", s.total.approved + s.total.returned + s.total.discussed),
    ] {
        assert_eq!(drill(key, ReviewWho::Everyone).count as u64, n, "{key}");
        for l in &s.by_judge {
            let c = &l.counts;
            let expected =
                [c.sent, c.approved, c.returned, c.discussed, c.pending, c.approved + c.returned + c.discussed]
                    [REVIEW_KEYS.iter().position(|k| *k == key).unwrap()];
            assert_eq!(drill(key, ReviewWho::Judge(l.name.clone())).count as u64, expected, "{key} {}", l.name);
        }
    }
    let returned = drill("review_returned", ReviewWho::Reviewer("院长".into()));
    assert_eq!(returned.rounds.len(), 1);
    let r = &returned.rounds[0];
    assert_eq!((r.case_no.as_str(), r.days, r.answer), ("（2026）测2号", Some(10), Some(Return)));
    assert!(r.why.contains("2026-03-20"), "{}", r.why);
    let pending = drill("review_pending", ReviewWho::Everyone);
    assert!(pending.rounds.iter().all(|r| r.why.contains("未答复")));
    assert_eq!(pending.rounds[0].days, None, "d was answered after the period: no days within it");
    let e = review_drill(&cases, &rounds, march(), &Scope::whole(), &defs, "closed", &ReviewWho::Everyone);
    assert_eq!(andu_core::Coded::code(&e.unwrap_err()), "indicator_unknown");
}

#[test]
fn returned_count_is_the_judge_pages_review_returned() {
    let (cases, rounds) = fixture();
    let wang: Vec<CaseFacts> = cases.iter().filter(|c| &*c.judge == "王建国").cloned().collect();
    assert_eq!(returned_count(&wang, &rounds, march()), 2);
    let feb = Period::new(d("2026-02-01"), d("2026-02-28")).unwrap();
    assert_eq!(returned_count(&wang, &rounds, feb), 0);
}

#[test]
fn an_unanswered_round_replaced_by_a_newer_one_no_longer_waits() {
    let cases = vec![case("（2026）测1号", "王建国", "民一庭")];
    let mut first = round("（2026）测1号", "2026-03-02", None);
    first.superseded = Some(d("2026-03-09"));
    let rounds = vec![first, round("（2026）测1号", "2026-03-09", None)];
    let defs = Definitions::embedded();
    let at = |to: &str| {
        let p = Period::new(d("2026-03-01"), d(to)).unwrap();
        review_stats(&cases, &rounds, p, &Scope::whole(), &defs).total
    };
    assert_eq!((at("2026-03-05").sent, at("2026-03-05").pending), (1, 1));
    assert_eq!((at("2026-03-31").sent, at("2026-03-31").pending), (2, 1));
}
