//! Properties over every date the embedded calendar covers.

use andu_core::{DeductionKind, Procedure};
use andu_deadline::{
    Direction, Length, MonthEnd, Regime, TrialLimitInput, add_days, add_months, count, parse_interval, shift_months,
    trial_limit,
};
use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

use crate::support::cal;

fn date_in(from: (i32, u32, u32), span_days: i64) -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap();
    (0..span_days).prop_map(move |n| base + Duration::days(n))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    date_in((1990, 1, 1), 365 * 100)
}

fn regime() -> impl Strategy<Value = Regime> {
    prop::sample::select(Regime::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The due date never precedes the nominal one, is a working day unless in custody, and nothing between
    /// them is a working day (the roll stops at the first one).
    #[test]
    fn due_is_the_first_working_day_from_nominal(start in date_in((2024, 1, 1), 365 * 2 + 200), days in 1u32..120, regime in regime()) {
        let cal = cal();
        match add_days(start, days, regime, &cal) {
            Err(e) => prop_assert_eq!(andu_core::Coded::code(&e), "holiday_data_missing"),
            Ok(r) => {
                prop_assert_eq!(r.nominal, start + Duration::days(i64::from(days)));
                prop_assert!(r.due >= r.nominal);
                if let Some(p) = &r.provisional {
                    // A year without a table (domain.md §0): the day reached, unrolled; `provisional.rs` checks it
                    // against the true one.
                    prop_assert!(!cal.has_year(r.due.year()) && p.date == r.due);
                    return Ok(());
                }
                if regime == Regime::CriminalCustody {
                    prop_assert_eq!(r.due, r.nominal);
                } else {
                    prop_assert!(cal.is_working_day(r.due).unwrap());
                    let mut day = r.nominal;
                    while day < r.due {
                        prop_assert!(!cal.is_working_day(day).unwrap());
                        day = day.succ_opt().unwrap();
                    }
                    prop_assert_eq!(r.skipped.len() as i64, (r.due - r.nominal).num_days());
                }
                prop_assert!(r.explanation.last().unwrap().contains(&andu_deadline::explain::ymd(r.due)));
            }
        }
    }

    /// Backwards periods never end after their nominal day.
    #[test]
    fn before_periods_move_earlier(start in date_in((2024, 2, 1), 365 * 2 + 300), days in 1u32..15) {
        if let Ok(r) = count(start, Length::Days(days), Direction::Before, Regime::Civil, &cal()) {
            prop_assert!(r.due <= r.nominal && r.nominal < start);
            prop_assert!(cal().is_working_day(r.due).unwrap());
        }
    }

    /// Month arithmetic lands in exactly the n-th following month, never skips one, and keeps the day unless the
    /// target month is shorter (then its last day) — or, criminal, the start was a month's last day.
    #[test]
    fn months_never_skip_a_month(start in any_date(), n in 0i32..150) {
        for rule in [MonthEnd::Corresponding, MonthEnd::CriminalLastDay] {
            let end = shift_months(start, n, rule).unwrap();
            let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
            prop_assert_eq!(months, n);
            let last = andu_deadline::period::is_month_end(end);
            if rule == MonthEnd::CriminalLastDay && andu_deadline::period::is_month_end(start) {
                prop_assert!(last);
            } else if end.day() != start.day() {
                prop_assert!(end.day() < start.day() && last);
            }
        }
    }

    /// Adding months step by step never overtakes adding them at once (CC 202 clamps to the month end).
    #[test]
    fn months_are_monotonic(start in any_date(), a in 0i32..60, b in 0i32..60) {
        let one = shift_months(start, a, MonthEnd::Corresponding).unwrap();
        let two = shift_months(start, a + b, MonthEnd::Corresponding).unwrap();
        prop_assert!(one <= two);
        let stepwise = shift_months(one, b, MonthEnd::Corresponding).unwrap();
        prop_assert!(stepwise <= two);
    }

    /// Leap days: a year from 29 February is 28 February, and back again.
    #[test]
    fn leap_years(year in 1992i32..2096) {
        let start = NaiveDate::from_ymd_opt(year, 2, 28).unwrap();
        let end = shift_months(start, 12, MonthEnd::Corresponding).unwrap();
        prop_assert_eq!(end, NaiveDate::from_ymd_opt(year + 1, 2, 28).unwrap());
        if let Some(leap) = NaiveDate::from_ymd_opt(year, 2, 29) {
            prop_assert_eq!(shift_months(leap, 12, MonthEnd::Corresponding).unwrap(), end);
            prop_assert_eq!(shift_months(leap, 48, MonthEnd::Corresponding).unwrap(), NaiveDate::from_ymd_opt(year + 4, 2, 29).unwrap());
        }
    }

    /// add_months under the calendar agrees with the arithmetic, then rolls.
    #[test]
    fn add_months_nominal_is_the_arithmetic(start in date_in((2024, 1, 1), 365 * 2), n in 1u32..8) {
        if let Ok(r) = add_months(start, n, Regime::Civil, &cal()) {
            prop_assert_eq!(Some(r.nominal), shift_months(start, n as i32, MonthEnd::Corresponding));
            prop_assert!(r.due >= r.nominal);
        }
    }

    /// A deduction of k days moves the 审限's nominal end by exactly k days.
    #[test]
    fn deductions_shift_the_end_by_their_length(filed in date_in((2024, 1, 1), 200), offset in 1i64..100, len in 0i64..60) {
        let from = filed + Duration::days(offset);
        let interval = format!("{}..{}", from, from + Duration::days(len));
        let plain = trial_limit(&TrialLimitInput::new(Procedure::CivilOrdinary, filed), &cal()).unwrap();
        let mut input = TrialLimitInput::new(Procedure::CivilOrdinary, filed);
        input.deductions = vec![parse_interval(&interval).unwrap().deduction(DeductionKind::Appraisal)];
        let t = trial_limit(&input, &cal()).unwrap();
        prop_assert_eq!(i64::from(t.deducted_days), len + 1);
        prop_assert_eq!(t.nominal, plain.nominal + Duration::days(len + 1));
        prop_assert!(t.due >= t.nominal && cal().is_working_day(t.due).unwrap());
    }
}

#[test]
fn hour_lengths_round_up_to_days() {
    let cal = cal();
    let start = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    for (hours, days) in [(1, 1), (24, 1), (25, 2), (48, 2), (72, 3)] {
        let r = count(start, Length::Hours(hours), Direction::After, Regime::Civil, &cal).unwrap();
        assert_eq!(r.nominal, start + Duration::days(days), "{hours}h");
    }
}
