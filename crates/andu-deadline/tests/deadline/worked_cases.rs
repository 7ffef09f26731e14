//! The 25 worked cases of domain.md §7, derived by hand there and checked against holiday-cn data.

use andu_core::{DeductionKind, ExtensionLength, Procedure};
use andu_deadline::{
    CaseFacts, RecordedEvent, Regime, RuleSet, TrialLimitInput, add_days, add_months, add_years, derive_deadlines,
    parse_interval, trial_limit,
};

use crate::support::{cal, d};

/// `(case #, start, count, regime, nominal, due)` for the party and court periods.
type PeriodRow = (u32, &'static str, Count, Regime, &'static str, &'static str);

#[derive(Clone, Copy)]
enum Count {
    Days(u32),
    Months(u32),
    Years(u32),
}

const PERIODS: &[PeriodRow] = &[
    // #1 上诉期 15 日, CPL 171: 10-05 is in 国庆+中秋 (10-01…10-08).
    (1, "2025-09-20", Count::Days(15), Regime::Civil, "2025-10-05", "2025-10-09"),
    // #2 CPL 171: 国庆 2024 off to 10-07.
    (2, "2024-09-22", Count::Days(15), Regime::Civil, "2024-10-07", "2024-10-08"),
    // #3 CPL 171; §0: 2025-09-28 is 调休上班, so it stays.
    (3, "2025-09-13", Count::Days(15), Regime::Civil, "2025-09-28", "2025-09-28"),
    // #4 答辩期 15 日, CPL 128: 除夕 2025-01-28, 春节 off to 02-04.
    (4, "2025-01-13", Count::Days(15), Regime::Civil, "2025-01-28", "2025-02-05"),
    // #5 举证期限 15 日, CPL-I 99: 春节 2026 off 02-15…02-23.
    (5, "2026-02-06", Count::Days(15), Regime::Civil, "2026-02-21", "2026-02-24"),
    // #6 CPL 171; §0: 2026-02-28 (Sat) is 调休上班.
    (6, "2026-02-13", Count::Days(15), Regime::Civil, "2026-02-28", "2026-02-28"),
    // #7 立案审查 7 日, CPL 126.
    (7, "2025-09-29", Count::Days(7), Regime::Civil, "2025-10-06", "2025-10-09"),
    // #8 受理费 7 日, Fees 22.
    (8, "2026-02-10", Count::Days(7), Regime::Civil, "2026-02-17", "2026-02-24"),
    // #9 公告送达 30 日, CPL 95 (the 答辩期 that follows is checked below through derivation).
    (9, "2026-03-02", Count::Days(30), Regime::Civil, "2026-04-01", "2026-04-01"),
    // #11 one month, CC 202: no 2025-02-31, so the month's last day.
    (11, "2025-01-31", Count::Months(1), Regime::Civil, "2025-02-28", "2025-02-28"),
    // #12 one month in a leap year, CC 202.
    (12, "2024-01-31", Count::Months(1), Regime::Civil, "2024-02-29", "2024-02-29"),
    // #18 申请再审 6 个月, CPL 216; 2026-02-28 is 调休上班.
    (18, "2025-08-31", Count::Months(6), Regime::Civil, "2026-02-28", "2026-02-28"),
    // #22 申请执行 2 年, CPL 250 and CC 202: no 2026-02-29.
    (22, "2024-02-29", Count::Years(2), Regime::Civil, "2026-02-28", "2026-02-28"),
    // #23 刑事上诉 10 日, CrimPL 230: 春节 2026.
    (23, "2026-02-10", Count::Days(10), Regime::Criminal, "2026-02-20", "2026-02-24"),
    // #23 (custody variant) CrimPL 105 ¶4: no roll-forward while detained.
    (23, "2026-02-10", Count::Days(10), Regime::CriminalCustody, "2026-02-20", "2026-02-20"),
    // #24 criminal month-end rule, CrimPL-I 202.
    (24, "2025-02-28", Count::Months(1), Regime::Criminal, "2025-03-31", "2025-03-31"),
    // #24 civil, CC 202: the corresponding date.
    (24, "2025-02-28", Count::Months(1), Regime::Civil, "2025-03-28", "2025-03-28"),
];

#[test]
fn party_and_court_periods_match_the_worked_cases() {
    let cal = cal();
    for &(no, start, count, regime, nominal, due) in PERIODS {
        let r = match count {
            Count::Days(n) => add_days(d(start), n, regime, &cal),
            Count::Months(n) => add_months(d(start), n, regime, &cal),
            Count::Years(n) => add_years(d(start), n, regime, &cal),
        }
        .unwrap_or_else(|e| panic!("case #{no}: {e}"));
        assert_eq!((r.nominal, r.due), (d(nominal), d(due)), "case #{no} ({regime}): {:#?}", r.explanation);
    }
}

/// `(case #, procedure, 立案, custody, extensions, deductions, nominal, due)`.
type TrialRow = (
    u32,
    Procedure,
    &'static str,
    bool,
    &'static [ExtensionLength],
    &'static [&'static str],
    &'static str,
    &'static str,
);

const TRIAL_LIMITS: &[TrialRow] = &[
    // #10 普通程序 6 个月, CPL 152; CC 202: no 09-31.
    (10, Procedure::CivilOrdinary, "2025-03-31", false, &[], &[], "2025-09-30", "2025-09-30"),
    // #13 简易程序 3 个月, CPL 164.
    (13, Procedure::CivilSimple, "2024-11-30", false, &[], &[], "2025-02-28", "2025-02-28"),
    // #13 extended: 立案 + 4 months cumulative (CPL-I 258, §0) = 03-30 (Sun) → 03-31.
    (13, Procedure::CivilSimple, "2024-11-30", false, &[ExtensionLength::Months(1)], &[], "2025-03-30", "2025-03-31"),
    // #14 小额诉讼 2 个月, CPL 168: 2026-02-28 is 调休上班.
    (14, Procedure::SmallClaims, "2025-12-31", false, &[], &[], "2026-02-28", "2026-02-28"),
    // #15 二审（判决）3 个月, CPL 183.
    (15, Procedure::CivilAppealJudgment, "2025-07-05", false, &[], &[], "2025-10-05", "2025-10-09"),
    // #16 二审（裁定）30 日, CPL 183 ¶2.
    (16, Procedure::CivilAppealRuling, "2026-01-20", false, &[], &[], "2026-02-19", "2026-02-24"),
    // #17 再审审查 3 个月, CPL 215.
    (17, Procedure::CivilRetrialReview, "2025-11-28", false, &[], &[], "2026-02-28", "2026-02-28"),
    // #19 行政一审 6 个月, ALL 81.
    (19, Procedure::AdminFirst, "2025-04-08", false, &[], &[], "2025-10-08", "2025-10-09"),
    // #20 行政二审 3 个月 from receiving the 上诉状, ALL 88.
    (20, Procedure::AdminAppeal, "2025-11-04", false, &[], &[], "2026-02-04", "2026-02-04"),
    // #21 执行 6 个月, SPC-2000 Art 5: 2026-02-01 is a Sunday.
    (21, Procedure::Enforcement, "2025-08-01", false, &[], &[], "2026-02-01", "2026-02-02"),
    // #23 detained defendant's 1st-instance 审限, 2 months (CrimPL 208) and no roll (CrimPL 105 ¶4).
    (23, Procedure::CriminalPublic, "2025-08-05", true, &[], &[], "2025-10-05", "2025-10-05"),
    // #25 普通程序, 46 days of 鉴定 deducted (CPL-I 243, §0 both ends inclusive): 09-10 + 46 = 10-26 (Sun).
    (25, Procedure::CivilOrdinary, "2025-03-10", false, &[], &["2025-05-06..2025-06-20"], "2025-10-26", "2025-10-27"),
    // #25 with a 6-month extension (CPL 152): 2026-03-10 + 46 = 2026-04-25 (Sat).
    (
        25,
        Procedure::CivilOrdinary,
        "2025-03-10",
        false,
        &[ExtensionLength::Months(6)],
        &["2025-05-06..2025-06-20"],
        "2026-04-25",
        "2026-04-27",
    ),
];

#[test]
fn trial_limits_match_the_worked_cases() {
    let cal = cal();
    for &(no, procedure, filed, custody, extensions, deductions, nominal, due) in TRIAL_LIMITS {
        let mut input = TrialLimitInput::new(procedure, d(filed));
        input.custody = custody;
        input.extensions = extensions.iter().map(|l| (*l).into()).collect();
        input.deductions =
            deductions.iter().map(|i| parse_interval(i).unwrap().deduction(DeductionKind::Appraisal)).collect();
        let t = trial_limit(&input, &cal).unwrap_or_else(|e| panic!("case #{no}: {e}"));
        assert_eq!((t.nominal, t.due), (d(nominal), d(due)), "case #{no}: {:#?}", t.explanation);
    }
}

#[test]
fn case_1_explains_each_skipped_holiday_by_name() {
    let r = add_days(d("2025-09-20"), 15, Regime::Civil, &cal()).unwrap();
    let text = r.explanation.join("\n");
    for day in 5..=8 {
        assert!(text.contains(&format!("2025-10-0{day} 国庆节、中秋节 放假，顺延")), "{text}");
    }
    assert!(text.contains("《民事诉讼法》第八十五条第三款"), "{text}");
    assert!(r.explanation.last().unwrap().contains("2025-10-09"), "{text}");
    assert_eq!(r.skipped.len(), 4);
}

#[test]
fn case_9_answer_period_runs_from_the_day_publication_counts_as_served() {
    let facts = CaseFacts { procedure: Procedure::CivilOrdinary, custody: false };
    let mut publication = RecordedEvent::new("公告发布", d("2026-03-02")).for_party("李四");
    publication.document = Some("送达起诉状副本".into());
    let out = derive_deadlines(facts, &[publication], &RuleSet::embedded(), &cal());
    assert!(out.unresolved.is_empty(), "{:?}", out.unresolved);
    let by_id = |id: &str| out.deadlines.iter().find(|x| x.rule_id == id).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(by_id("civil.publication").due, d("2026-04-01"));
    let answer = by_id("civil.defence");
    assert_eq!((answer.trigger_date, answer.due), (d("2026-04-01"), d("2026-04-16")));
    assert!(answer.explanation[0].contains("视为送达"), "{:?}", answer.explanation);
}

#[test]
fn case_25_reports_the_deducted_days_and_the_order_of_operations() {
    let mut input = TrialLimitInput::new(Procedure::CivilOrdinary, d("2025-03-10"));
    input.deductions = vec![parse_interval("2025-05-06..2025-06-20").unwrap().deduction(DeductionKind::Appraisal)];
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.deducted_days, 46);
    let text = t.explanation.join("\n");
    assert!(text.contains("鉴定 2025-05-06 至 2025-06-20，共 46 日"), "{text}");
    assert!(text.contains("2025-09-10"), "{text}");
    assert!(text.contains("2025-10-26 星期日 休息日，顺延"), "{text}");
}
