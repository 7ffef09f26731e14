//! Properties over random cases and periods (2022–2026, so some 审限 fall in years without holiday data).
//!
//! Identity tested: for cases with `closed >= filed` (what validation guarantees),
//! `pending_end = pending_start + received − closed` and `closed <= pending_start + received`.

use andu_core::{AppealOutcome, ClosingMethod, DeductionKind, ExtensionLength, Procedure};
use andu_deadline::HolidayCalendar;
use andu_stats::{
    AppealFact, CaseFacts, DeductionFact, Definitions, ExtensionFact, KEYS, LimitCache, Period, Scope, compute,
    compute_cached, drill_down, drill_down_cached,
};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Duration::days(n)
}

prop_compose! {
    fn arb_case()(
        i in 0u32..1_000_000,
        p in 0..Procedure::ALL.len(),
        filed in 0i64..1800,
        open in proptest::bool::weighted(0.3),
        length in 0i64..500,
        method in proptest::option::of(0..ClosingMethod::ALL.len()),
        ext in proptest::option::of(1u32..7),
        ded in proptest::option::of((0i64..200, 0i64..60)),
        appeal in proptest::option::of((1i64..30, proptest::option::of(0..AppealOutcome::ALL.len()))),
        judge in 0..3usize,
    ) -> CaseFacts {
        let mut c = CaseFacts::new(format!("（2025）测{i}号"), Procedure::ALL[p], day(filed));
        c.judge = ["甲", "乙", "丙"][judge].into();
        c.court = "测试法院".into();
        if !open {
            let closed = day(filed + length);
            c.closed = Some(closed);
            c.closing_method = method.map(|m| ClosingMethod::ALL[m]);
            c.appeal = appeal.map(|(after, o)| AppealFact {
                filed: closed + Duration::days(after),
                outcome: o.map(|o| AppealOutcome::ALL[o]),
            });
        }
        if let Some(m) = ext {
            c.extensions.push(ExtensionFact { approved: day(filed + 20), length: ExtensionLength::Months(m) });
        }
        if let Some((start, len)) = ded {
            let from = day(filed + start);
            c.deductions.push(DeductionFact { kind: DeductionKind::Appraisal, from, to: from + Duration::days(len) });
        }
        c
    }
}

prop_compose! {
    fn arb_period()(from in 0i64..1800, len in 0i64..800) -> Period {
        Period::new(day(from), day(from + len)).unwrap()
    }
}

fn in_unit(x: Option<f64>) -> bool {
    x.is_none_or(|v| (0.0..=1.0).contains(&v))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn counts_add_up_and_ratios_are_fractions(
        cases in proptest::collection::vec(arb_case(), 0..60),
        period in arb_period(),
        judge in proptest::option::of(0..3usize),
    ) {
        let scope = Scope { judge: judge.map(|j| ["甲", "乙", "丙"][j].to_string()), ..Scope::default() };
        let i = compute(&cases, period, &scope, &Definitions::embedded(), &HolidayCalendar::embedded());
        prop_assert!(i.closed <= i.pending_start + i.received);
        prop_assert_eq!(i.pending_end + i.closed, i.pending_start + i.received);
        for r in [
            i.closure_rate, i.within_limit_rate, i.over_12m_ratio, i.mediation_withdrawal_rate,
            i.extension_rate, i.appeal_rate,
        ] {
            prop_assert!(in_unit(r), "{:?}", r);
        }
        prop_assert!(i.monthly.iter().all(|m| in_unit(m.progress)));
        prop_assert!(i.balance.months.iter().all(|m| in_unit(m.ytd_progress) && in_unit(m.share_of_year)));
        prop_assert!(i.over_36m_pending <= i.over_18m_pending && i.over_18m_pending <= i.over_12m_pending);
        prop_assert!(i.over_12m_pending <= i.pending_end);
        prop_assert!(i.within_limit + i.within_limit_unknown <= i.closed);
        prop_assert_eq!(i.within_limit_unknown as usize, i.within_limit_unknown_cases.len());
        prop_assert!(i.case_matter_ratio.is_none_or(|r| (1.0..=2.0).contains(&r)));
        prop_assert_eq!(i.monthly.iter().map(|m| m.received).sum::<u64>(), i.received);
        prop_assert_eq!(i.monthly.iter().map(|m| m.closed).sum::<u64>(), i.closed);
        prop_assert_eq!(i.monthly.last().unwrap().progress, i.closure_rate);
        if let (Some(a), Some(n)) = (i.avg_days, i.avg_net_days) {
            prop_assert!(0.0 <= n && n <= a);
        }
        prop_assert_eq!(i.closure_rate.is_none(), i.pending_start + i.received == 0);
    }

    #[test]
    fn every_count_drills_down_to_that_many_cases(
        cases in proptest::collection::vec(arb_case(), 0..30),
        period in arb_period(),
    ) {
        let (defs, cal) = (Definitions::embedded(), HolidayCalendar::embedded());
        let i = serde_json::to_value(compute(&cases, period, &Scope::whole(), &defs, &cal)).unwrap();
        for key in KEYS {
            let d = drill_down(&cases, period, &Scope::whole(), &defs, &cal, key).unwrap();
            if let Some(n) = i[*key].as_u64() {
                prop_assert_eq!(d.count as u64, n, "{}", key);
            }
        }
    }

    /// One [`LimitCache`] kept across periods, scopes and drill-downs over the same facts (the app's 统计) gives the
    /// numbers and lists computed afresh; a calendar with fewer years empties it rather than answer from it.
    #[test]
    fn a_kept_limit_cache_gives_the_numbers_computed_afresh(
        cases in proptest::collection::vec(arb_case(), 0..40),
        periods in proptest::collection::vec((arb_period(), proptest::option::of(0..3usize)), 1..5),
    ) {
        let defs = Definitions::embedded();
        let (cal, fewer) = (HolidayCalendar::embedded(), HolidayCalendar::new());
        let cache = LimitCache::new();
        for (period, judge) in periods {
            let scope = Scope { judge: judge.map(|j| ["甲", "乙", "丙"][j].to_string()), ..Scope::default() };
            for cal in [&cal, &fewer, &cal] {
                prop_assert_eq!(
                    compute_cached(&cases, period, &scope, &defs, cal, &cache),
                    compute(&cases, period, &scope, &defs, cal)
                );
                let key = "within_limit_rate";
                prop_assert_eq!(
                    drill_down_cached(&cases, period, &scope, &defs, cal, key, &cache).unwrap(),
                    drill_down(&cases, period, &scope, &defs, cal, key).unwrap()
                );
            }
        }
    }

    /// The age the pending rows carry (what the 统计 age chart draws) agrees with the 超 12/18/36 个月未结 counts:
    /// a case filed exactly N months before the period's end is not yet over N, in the chart as in the card.
    #[test]
    fn the_age_of_pending_rows_agrees_with_the_over_n_months_indicators(
        cases in proptest::collection::vec(arb_case(), 0..40),
        period in arb_period(),
    ) {
        let (defs, cal) = (Definitions::embedded(), HolidayCalendar::embedded());
        let i = compute(&cases, period, &Scope::whole(), &defs, &cal);
        let pending = drill_down(&cases, period, &Scope::whole(), &defs, &cal, "pending_end").unwrap();
        prop_assert!(pending.cases.iter().all(|r| r.months_pending.is_some()));
        let over = |n: u32| pending.cases.iter().filter(|r| r.months_pending.unwrap() >= n).count() as u64;
        prop_assert_eq!(over(12), i.over_12m_pending);
        prop_assert_eq!(over(18), i.over_18m_pending);
        prop_assert_eq!(over(36), i.over_36m_pending);
    }

    #[test]
    fn months_pending_is_the_largest_n_whose_day_is_before_the_end(filed in 0i64..1800, to in 0i64..1800, n in 1u32..60) {
        let (filed, to) = (day(filed), day(to));
        let m = andu_stats::months_pending(filed, to);
        prop_assert_eq!(m >= n, filed.checked_add_months(chrono::Months::new(n)).unwrap() < to);
    }
}
