//! Provisional dates (domain.md §0): a last day in a year whose State Council arrangement is not imported is shown
//! as the nominal day without the rest-day roll, marked with `holiday_data_missing` as its reason. The roll of CPL
//! 85 ¶3 only moves a last day later, so the provisional date is never later than the true one — checked here
//! against the same computation once the year is imported.

use andu_core::{Coded, Procedure};
use andu_deadline::{
    CaseFacts, Direction, HolidayCalendar, Length, RecordedEvent, Regime, RuleSet, TrialLimitInput, add_days, count,
    derive_deadlines, trial_limit,
};
use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

use crate::support::{cal, cal_2027, d};

/// (what, start, length, regime, provisional due without 2027, exact due with 2027). Served 2026-12-17, fifteen
/// days end on 2027-01-01 (元旦).
const FORWARD: &[(&str, &str, Length, Regime, &str, &str)] = &[
    // CPL 85 ¶3: the last day 元旦 rolls to Mon 01-04 once 2027 is known; until then 01-01, 暂定.
    ("CPL 85 ¶3 上诉期 15 日", "2026-12-17", Length::Days(15), Regime::Civil, "2027-01-01", "2027-01-04"),
    // ALL 101 applies the CPL's rule.
    ("ALL 101 行政上诉期", "2026-12-17", Length::Days(15), Regime::Admin, "2027-01-01", "2027-01-04"),
    // CrimPL 105 ¶2 (a party's criminal period rolls like a civil one).
    ("CrimPL 105 刑事上诉期 10 日", "2026-12-22", Length::Days(10), Regime::Criminal, "2027-01-01", "2027-01-04"),
    // CC 202: three months from 2026-11-10 end on Wed 2027-02-10, inside 春节 of the test notice; the roll stops on
    // Sun 02-14, its 调休上班 day.
    ("CC 202 三个月", "2026-11-10", Length::Months(3), Regime::Civil, "2027-02-10", "2027-02-14"),
    // A working day in 2027 is provisional until the year is known, and then the same day.
    ("CPL 85 ¶3 工作日", "2026-12-20", Length::Days(15), Regime::Civil, "2027-01-04", "2027-01-04"),
];

#[test]
fn a_last_day_in_a_year_without_data_is_provisional_and_never_later_than_the_true_one() {
    for (what, start, length, regime, provisional, exact) in FORWARD {
        let r = count(d(start), *length, Direction::After, *regime, &cal()).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(r.due, d(provisional), "{what}");
        assert_eq!(r.due, r.nominal, "{what}: no roll while the year is unknown");
        let p = r.provisional.as_ref().unwrap_or_else(|| panic!("{what}: marked provisional"));
        assert_eq!((p.year, p.date, p.code.as_str()), (2027, d(provisional), "holiday_data_missing"), "{what}");
        assert!(p.reason.contains("2027 年放假安排尚未导入") && p.reason.contains("不会晚于"), "{what}: {}", p.reason);
        assert!(r.explanation.iter().any(|l| l.starts_with("暂定：")), "{what}: {:?}", r.explanation);
        assert!(r.explanation.last().unwrap().ends_with("（暂定）"), "{what}: {:?}", r.explanation);
        assert_eq!(p.error().code(), "holiday_data_missing");

        let known = count(d(start), *length, Direction::After, *regime, &cal_2027()).unwrap();
        assert_eq!((known.due, known.provisional.is_none()), (d(exact), true), "{what}");
        assert!(r.due <= known.due, "{what}");
    }
}

/// CrimPL 105 ¶4: while the defendant is detained a period ends on its nominal day whatever day that is, so the
/// missing table does not matter: the date is exact.
#[test]
fn a_custody_period_needs_no_holiday_table() {
    let r = add_days(d("2026-12-17"), 15, Regime::CriminalCustody, &cal()).unwrap();
    assert_eq!((r.due, r.provisional), (d("2027-01-01"), None));
    assert!(
        r.explanation.iter().any(|l| l.contains("第一百零五条第四款") && l.contains("无需 2027 年")),
        "{:?}",
        r.explanation
    );
}

/// A roll that starts in a known year and runs into an unknown one stops at the first unknown day: the days it
/// passed are listed, and the day reached is provisional (the next working day can only be later).
#[test]
fn a_roll_into_a_year_without_data_stops_there_provisionally() {
    // 2022 is not embedded: a table in which 2022-12-31 is a Saturday, as it was.
    let days: Vec<String> = (1..=7)
        .map(|n| format!(r#"{{"name":"国庆节","date":"2022-10-0{n}","isOffDay":true}}"#))
        .chain((1..=3).map(|n| format!(r#"{{"name":"元旦","date":"2022-01-0{n}","isOffDay":true}}"#)))
        .collect();
    let mut only_2022 = HolidayCalendar::new();
    only_2022.import_year_json(&format!(r#"{{"year":2022,"days":[{}]}}"#, days.join(","))).unwrap();
    let r = add_days(d("2022-12-30"), 1, Regime::Civil, &only_2022).unwrap();
    assert_eq!((r.nominal, r.due), (d("2022-12-31"), d("2023-01-01")));
    assert_eq!(r.skipped.iter().map(|s| s.date).collect::<Vec<_>>(), [d("2022-12-31")]);
    assert_eq!(r.provisional.as_ref().map(|p| p.year), Some(2023));
}

/// A period counted backward (开庭三日前) moves *earlier* over rest days by an amount no one can bound without the
/// table: no date is safe, so it stays `holiday_data_missing`.
#[test]
fn a_period_counted_backward_into_a_year_without_data_stays_unknown() {
    let err = count(d("2027-01-10"), Length::Days(3), Direction::Before, Regime::Civil, &cal()).unwrap_err();
    assert_eq!(err.code(), "holiday_data_missing");
    assert_eq!(err.to_body().detail.unwrap()["year"], 2027);
}

/// 审限 (SPC-2000 art 8; CPL 164: 简易程序三个月): filed 2026-10-10, the limit ends on Sun 2027-01-10 — provisional
/// until 2027 is imported, then Mon 01-11. The last day to ask for an extension (SPC-2019 art 1 ¶2: 15 days before)
/// is counted from the provisional expiry and marked too.
#[test]
fn a_trial_limit_ending_in_a_year_without_data_is_provisional() {
    let input = TrialLimitInput::new(Procedure::CivilSimple, d("2026-10-10"));
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.due, d("2027-01-10"));
    assert_eq!(t.provisional.as_ref().map(|p| p.year), Some(2027));
    assert!(t.explanation.iter().any(|l| l.starts_with("审限届满日：2027-01-10") && l.ends_with("（暂定）")));
    let request = t.extension_request.as_ref().unwrap();
    assert!(request.provisional.is_some());
    let exact = trial_limit(&input, &cal_2027()).unwrap();
    assert_eq!((exact.due, exact.provisional.is_none()), (d("2027-01-11"), true));
    assert!(request.by <= exact.extension_request.as_ref().unwrap().by);
    // Serialized for the CLI and the app: `provisional` is an object with the reason, `null` when exact.
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["provisional"]["code"], "holiday_data_missing");
    assert_eq!(serde_json::to_value(&exact).unwrap()["provisional"], serde_json::Value::Null);
}

/// CrimPL 105 ¶4: a detained defendant's 审限 ends on its nominal day, so it is exact even in an unknown year
/// (公诉 two months, CrimPL 208: filed 2026-11-01 → 2027-01-01).
#[test]
fn a_detained_defendants_trial_limit_is_exact_in_an_unknown_year() {
    let mut input = TrialLimitInput::new(Procedure::CriminalPublic, d("2026-11-01"));
    input.custody = true;
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!((t.due, t.provisional), (d("2027-01-01"), None));
}

/// CPL 95: a publication counts as service 30 days after it; the periods running from that service are
/// provisional when the service date is (公告 2026-12-02 → 视为送达 2027-01-01 暂定 → 上诉期).
#[test]
fn periods_from_a_provisional_deemed_service_are_provisional() {
    let facts = CaseFacts { procedure: Procedure::CivilOrdinary, custody: false };
    let out = derive_deadlines(facts, &[publication()], &RuleSet::embedded(), &cal());
    assert!(out.unresolved.is_empty(), "{:?}", out.unresolved);
    let served = out.deadlines.iter().find(|x| x.rule_id == "civil.publication").unwrap();
    assert_eq!((served.due, served.provisional.is_some()), (d("2027-01-01"), true));
    let appeal = out.deadlines.iter().find(|x| x.rule_id == "civil.appeal.judgment").unwrap();
    assert!(appeal.provisional.is_some());
    assert!(appeal.explanation[0].contains("视为送达（暂定）"), "{:?}", appeal.explanation);
    let known = derive_deadlines(facts, &[publication()], &RuleSet::embedded(), &cal_2027());
    let exact = known.deadlines.iter().find(|x| x.rule_id == "civil.appeal.judgment").unwrap();
    assert!(appeal.due <= exact.due && exact.provisional.is_none());
}

/// 公告 standing for the service of the judgment on 被告.
fn publication() -> RecordedEvent {
    let mut e = RecordedEvent::new("公告发布", d("2026-12-02")).for_party("被告");
    e.document = Some("送达判决书".into());
    e
}

fn date_in_2026() -> impl Strategy<Value = NaiveDate> {
    (0i64..365).prop_map(|n| d("2026-01-01") + Duration::days(n))
}

fn regime() -> impl Strategy<Value = Regime> {
    prop::sample::select(Regime::ALL.to_vec())
}

fn length() -> impl Strategy<Value = Length> {
    prop_oneof![(1u32..120).prop_map(Length::Days), (1u32..13).prop_map(Length::Months)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// domain.md §0, for every start in 2026 and every length into 2027: a provisional date is never later than the
    /// true one computed once the year is imported, lies in the missing year, and an exact date does not change.
    #[test]
    fn provisional_dates_are_never_later_than_the_true_ones(start in date_in_2026(), length in length(), regime in regime()) {
        let (without, with) = (cal(), cal_2027());
        let r = count(start, length, Direction::After, regime, &without).unwrap();
        let known = count(start, length, Direction::After, regime, &with).unwrap();
        prop_assert!(known.provisional.is_none());
        match &r.provisional {
            Some(p) => {
                prop_assert!(r.due <= known.due);
                prop_assert_eq!((p.year, p.date), (2027, r.due));
                prop_assert_eq!(r.due.year(), 2027);
            }
            None => prop_assert_eq!(r.due, known.due),
        }
    }

    /// The same for 审限 of every procedure filed in 2026 (with or without custody).
    #[test]
    fn provisional_trial_limits_are_never_later_than_the_true_ones(
        filed in date_in_2026(),
        procedure in prop::sample::select(Procedure::ALL.to_vec()),
        custody in any::<bool>(),
    ) {
        let mut input = TrialLimitInput::new(procedure, filed);
        input.custody = custody;
        let (r, known) = (trial_limit(&input, &cal()), trial_limit(&input, &cal_2027()));
        if let (Ok(r), Ok(known)) = (r, known) {
            prop_assert!(known.provisional.is_none());
            match &r.provisional {
                Some(_) => prop_assert!(r.due <= known.due),
                None => prop_assert_eq!(r.due, known.due),
            }
        }
    }
}
