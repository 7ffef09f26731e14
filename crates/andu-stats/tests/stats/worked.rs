//! Eighteen hand-made cases and every indicator worked out by hand for 2025-01-01 … 2025-06-30.
//!
//! Flags: R 新收, PS 旧存, C 结案, PE 未结, O12/O18/O36 超 N 个月未结, MW 调撤, EXT 延长, AP 判决/驳回起诉结案
//! (上诉率分母), APD 其中已上诉, REV 改判, REM 发回重审. All cases are 王法官/民一庭 except D2 (郭法官/行政庭) and F1
//! (李法官/民二庭). 审限 due dates (civil: CC 202 month arithmetic; none of them falls on a 2025 rest day):
//!
//! | case | procedure | 立案 | 结案 | how | 审限届满 | days | flags |
//! |---|---|---|---|---|---|---|---|
//! | A1 | simple | 2024-06-10 | – | | | | PS PE O12 (2025-06-10 < 06-30: crosses 12 months in the period) |
//! | A2 | ordinary | 2023-01-05 | – | | | | PS PE O12 O18 (2024-07-05) |
//! | A3 | ordinary | 2022-05-01 | – | | | | PS PE O12 O18 O36 (2025-05-01) |
//! | B1 | simple | 2024-12-20 | 2025-02-10 | 调解 | 2025-03-20 | 52 | PS C MW |
//! | B2 | simple | 2025-01-01 (= from) | 2025-03-15 | 撤诉 | 2025-04-01 | 73 | R C MW |
//! | B3 | ordinary | 2025-02-01 | 2025-06-30 (= to) | 判决, appeal pending | 2025-08-01 | 149 | R C AP APD |
//! | B4 | simple | 2025-06-30 (= to) | – | | | | R PE |
//! | B5 | simple | 2024-10-01 | 2024-12-31 (day before from) | 判决 | | | nothing |
//! | B6 | simple | 2025-07-01 (day after to) | – | | | | nothing |
//! | C1 | simple | 2025-01-02 | 2025-05-06 | 判决 | 2025-04-02: **late** | 124 | R C AP |
//! | C2 | ordinary +6m (2025-02-15) | 2024-09-01 | 2025-04-30 | 判决, 改判 | 12 months: 2025-09-01 | 241 | PS C EXT AP APD REV |
//! | C3 | ordinary, 鉴定 02-01…02-28 (28 d) | 2025-01-10 | 2025-06-20 | 判决, 发回重审 | 07-10 + 28 = 2025-08-07 | 161 (net 133) | R C AP APD REM |
//! | C4 | simple, 鉴定 02-10…03-11 (30 d) | 2025-01-06 | 2025-04-20 | 驳回起诉 | 04-06 + 30 = 2025-05-06 (within only thanks to the deduction) | 104 (net 74) | R C AP |
//! | D1 | simple | 2025-03-03 | 2025-05-30 | 判决, 维持 | 2025-06-03 | 88 | R C AP APD |
//! | D2 | admin-first | 2025-02-20 | 2025-04-15 | 驳回起诉, appeal 撤诉 | 2025-08-20 | 54 | R C AP APD |
//! | D3 | ordinary | 2024-11-15 | 2025-03-20 | 判决, appeal 调解 | 2025-05-15 | 125 | PS C AP APD |
//! | E1 | ordinary | 2022-12-01 | 2025-01-20 | 判决 | 2023-06-01: no 2023 holiday table → **unknown** | 781 | PS C AP |
//! | F1 | ordinary | 2025-03-01 | – | | | | R PE |
//!
//! Totals: R = B2 B3 B4 C1 C3 C4 D1 D2 F1 = 9; PS = A1 A2 A3 B1 C2 D3 E1 = 7; C = 11; PE = A1 A2 A3 B4 F1 = 5
//! (= 7 + 9 − 11). Days: 52+73+149+124+241+161+104+88+54+125+781 = 1952; deducted 28 + 30 = 58.

use andu_core::{AppealOutcome::*, ClosingMethod::*, Procedure::*};
use andu_deadline::HolidayCalendar;
use andu_stats::{CaseFacts, Definitions, Indicators, Scope, StatsError, compute, parse_category};
use serde_json::json;

use crate::support::{case, d, period};

pub fn cases() -> Vec<CaseFacts> {
    vec![
        case("A1", CivilSimple, "2024-06-10").done(),
        case("A2", CivilOrdinary, "2023-01-05").done(),
        case("A3", CivilOrdinary, "2022-05-01").done(),
        case("B1", CivilSimple, "2024-12-20").closed("2025-02-10", Mediation).done(),
        case("B2", CivilSimple, "2025-01-01").closed("2025-03-15", Withdrawal).done(),
        case("B3", CivilOrdinary, "2025-02-01").closed("2025-06-30", Judgment).appealed("2025-07-10", None).done(),
        case("B4", CivilSimple, "2025-06-30").done(),
        case("B5", CivilSimple, "2024-10-01").closed("2024-12-31", Judgment).done(),
        case("B6", CivilSimple, "2025-07-01").done(),
        case("C1", CivilSimple, "2025-01-02").closed("2025-05-06", Judgment).done(),
        case("C2", CivilOrdinary, "2024-09-01")
            .extended("2025-02-15", 6)
            .closed("2025-04-30", Judgment)
            .appealed("2025-05-10", Some(Reversed))
            .done(),
        case("C3", CivilOrdinary, "2025-01-10")
            .deducted("2025-02-01", "2025-02-28")
            .closed("2025-06-20", Judgment)
            .appealed("2025-06-25", Some(Remanded))
            .done(),
        case("C4", CivilSimple, "2025-01-06")
            .deducted("2025-02-10", "2025-03-11")
            .closed("2025-04-20", Dismissal)
            .done(),
        case("D1", CivilSimple, "2025-03-03")
            .closed("2025-05-30", Judgment)
            .appealed("2025-06-10", Some(Affirmed))
            .done(),
        case("D2", AdminFirst, "2025-02-20")
            .judge("郭法官", "行政庭")
            .closed("2025-04-15", Dismissal)
            .appealed("2025-04-25", Some(Withdrawn))
            .done(),
        case("D3", CivilOrdinary, "2024-11-15")
            .closed("2025-03-20", Judgment)
            .appealed("2025-03-28", Some(Mediated))
            .done(),
        case("E1", CivilOrdinary, "2022-12-01").closed("2025-01-20", Judgment).done(),
        case("F1", CivilOrdinary, "2025-03-01").judge("李法官", "民二庭").done(),
    ]
}

pub fn half_year(scope: &Scope) -> Indicators {
    compute(&cases(), period("2025-01-01", "2025-06-30"), scope, &Definitions::embedded(), &HolidayCalendar::embedded())
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value, not null");
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn whole_store_every_indicator_by_hand() {
    let i = half_year(&Scope::whole());
    assert_eq!(i.definitions_version, Definitions::embedded().version);
    assert_eq!((i.received, i.pending_start, i.closed, i.pending_end), (9, 7, 11, 5));
    close(i.closure_rate, 11.0 / 16.0);
    close(i.close_receive_ratio, 11.0 / 9.0);
    // Within: all closed but C1 (late) and E1 (unknown) → 9 of 10 known.
    assert_eq!((i.within_limit, i.within_limit_unknown), (9, 1));
    assert_eq!(i.within_limit_unknown_cases[0].case_no, "（2025）测E1号");
    assert_eq!(i.within_limit_unknown_cases[0].code, "holiday_data_missing");
    close(i.within_limit_rate, 9.0 / 10.0);
    close(i.avg_days, 1952.0 / 11.0);
    close(i.avg_net_days, (1952.0 - 58.0) / 11.0);
    assert_eq!((i.over_12m_pending, i.over_18m_pending, i.over_36m_pending), (3, 2, 1));
    close(i.over_12m_ratio, 3.0 / 5.0);
    close(i.mediation_withdrawal_rate, 2.0 / 11.0); // B1 调解, B2 撤诉
    close(i.extension_rate, 1.0 / 11.0); // C2
    // AP = B3 C1 C2 C3 C4 D1 D2 D3 E1 (9); appealed B3 C2 C3 D1 D2 D3 (6).
    close(i.appeal_rate, 6.0 / 9.0);
    assert_eq!((i.reversed, i.remanded), (1, 1));
    close(i.reversal_remand_ratio, 1.0);
    // Every closed case is first-instance (11 案); six were appealed → 17 件.
    close(i.case_matter_ratio, 17.0 / 11.0);
    // No population configured in the embedded file: null, with a warning naming the court.
    assert_eq!((i.litigation_per_10k, i.population), (None, None));
    assert!(i.warnings.iter().any(|w| w.contains("测试法院")), "{:?}", i.warnings);
    assert!(i.warnings.iter().any(|w| w.contains("审限无法计算")));
    assert_eq!(i.terms["within_limit_rate"].denominator, 10);
    assert_eq!(i.terms["appeal_rate"].numerator, 6);
}

#[test]
fn monthly_series_and_balance_by_hand() {
    let i = half_year(&Scope::whole());
    // Received: Jan B2 C1 C3 C4; Feb B3 D2; Mar D1 F1; Jun B4. Closed: Jan E1; Feb B1; Mar B2 D3; Apr C2 C4 D2;
    // May C1 D1; Jun B3 C3. Progress = cumulative closed / (7 + cumulative received).
    let got: Vec<(String, u64, u64, u64)> =
        i.monthly.iter().map(|m| (m.month.clone(), m.received, m.closed, m.cumulative_closed)).collect();
    let want = [("2025-01", 4, 1, 1), ("2025-02", 2, 1, 2), ("2025-03", 2, 2, 4), ("2025-04", 0, 3, 7)];
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1, g.2, g.3), w);
    }
    assert_eq!(got[4..], [("2025-05".into(), 0, 2, 9), ("2025-06".into(), 1, 2, 11)]);
    let progress: Vec<f64> = i.monthly.iter().map(|m| m.progress.unwrap()).collect();
    for (p, w) in progress.iter().zip([1.0 / 11.0, 2.0 / 13.0, 4.0 / 15.0, 7.0 / 15.0, 9.0 / 15.0, 11.0 / 16.0]) {
        close(Some(*p), w);
    }
    assert_eq!(i.monthly.last().unwrap().progress, i.closure_rate, "the last month's progress is the closure rate");
    assert_eq!((i.monthly[0].from, i.monthly[5].to), (d("2025-01-01"), d("2025-06-30")));

    // 均衡结案: the period starts on 1 January, so the year-to-date figures equal the monthly ones. Mar 4/15 ≥ 18%,
    // Jun 11/16 ≥ 55%: no month below its floor. April's share of the year's 11 closures: 3/11.
    let b = &i.balance;
    assert_eq!(b.months.len(), 6);
    assert_eq!((b.months[2].floor, b.months[2].meets_floor), (Some(0.18), Some(true)));
    assert_eq!((b.months[3].floor, b.months[3].meets_floor), (None, None));
    close(b.months[3].share_of_year, 3.0 / 11.0);
    assert_eq!(b.months[5].year_closed, 11);
    close(b.months[5].ytd_progress, 11.0 / 16.0);
    assert!(b.below_floor.is_empty());
}

#[test]
fn balance_counts_from_1_january_even_when_the_period_starts_later() {
    // March alone: the year-to-date figures still run from 1 January (7 pending then, 8 received by 31 March,
    // 4 closed by then). A court floor of 30% for March is missed: 4/15 ≈ 26.7%.
    let text = Definitions::embedded_text().replace("{ month = 3, progress = 0.18 }", "{ month = 3, progress = 0.30 }");
    let defs = Definitions::from_toml_str(&text).unwrap();
    let i = compute(&cases(), period("2025-03-01", "2025-03-31"), &Scope::whole(), &defs, &HolidayCalendar::embedded());
    let m = &i.balance.months[0];
    assert_eq!((m.closed, m.ytd_closed, m.ytd_handled, m.year_closed), (2, 4, 15, 4));
    assert_eq!((m.floor, m.meets_floor), (Some(0.30), Some(false)));
    assert_eq!(i.balance.below_floor, ["2025-03"]);
    // The period's own figures: pending on 1 March = A1 A2 A3 B2 B3 C1 C2 C3 C4 D2 D3 = 11; received D1 F1.
    assert_eq!((i.pending_start, i.received, i.closed, i.pending_end), (11, 2, 2, 11));
}

#[test]
fn population_per_court_gives_litigation_per_10k() {
    let text = Definitions::embedded_text().replace("[population]\n", "[population]\n\"测试法院\" = 100000\n");
    let defs = Definitions::from_toml_str(&text).unwrap();
    let i = compute(&cases(), period("2025-01-01", "2025-06-30"), &Scope::whole(), &defs, &HolidayCalendar::embedded());
    // Nine new cases, all under 成讼 procedures, over 10 × 10,000 people.
    assert_eq!(i.population, Some(100_000));
    close(i.litigation_per_10k, 0.9);
}

#[test]
fn scopes_judge_division_procedure_category() {
    let judge = Scope { judge: Some("王法官".into()), ..Scope::default() };
    let i = half_year(&judge);
    // Without D2 (R C AP APD) and F1 (R PE).
    assert_eq!((i.received, i.pending_start, i.closed, i.pending_end), (7, 7, 10, 4));
    close(i.appeal_rate, 5.0 / 8.0);

    let admin = half_year(&Scope { division: Some("行政庭".into()), ..Scope::default() });
    assert_eq!((admin.received, admin.closed, admin.within_limit), (1, 1, 1));
    close(admin.appeal_rate, 1.0);
    assert_eq!(
        half_year(&Scope { category: Some(parse_category("行政").unwrap()), ..Scope::default() }),
        admin_like(&admin)
    );

    // civil-simple: A1 B1 B2 B4 C1 C4 D1 (B5, B6 outside the period). Within: B1 B2 C4 D1 of 5 (C1 late).
    let simple = half_year(&Scope { procedure: Some(CivilSimple), ..Scope::default() });
    assert_eq!((simple.received, simple.pending_start, simple.closed, simple.pending_end), (5, 2, 5, 2));
    close(simple.within_limit_rate, 4.0 / 5.0);
    assert_eq!(andu_core::Coded::code(&parse_category("x").unwrap_err()), "category_unknown");
    // The app's category filter offers `CaseCategory::ALL` by id (`list_facets`): each one is a scope here.
    for c in andu_core::CaseCategory::ALL {
        let id = serde_json::to_value(c).unwrap();
        assert_eq!(parse_category(id.as_str().unwrap()).unwrap(), c);
        assert_eq!(parse_category(c.name_zh()).unwrap(), c);
    }
}

/// The same numbers computed under a category scope carry that scope; compare everything else.
fn admin_like(by_division: &Indicators) -> Indicators {
    Indicators {
        scope: Scope { category: Some(andu_core::CaseCategory::Administrative), ..Scope::default() },
        ..by_division.clone()
    }
}

#[test]
fn empty_periods_and_scopes_give_zero_counts_and_null_ratios() {
    let nobody = half_year(&Scope { judge: Some("无此人".into()), ..Scope::default() });
    let before = compute(
        &cases(),
        period("2021-01-01", "2021-01-31"),
        &Scope::whole(),
        &Definitions::embedded(),
        &HolidayCalendar::embedded(),
    );
    for i in [nobody, before] {
        let v = serde_json::to_value(&i).unwrap();
        for key in ["received", "pending_start", "closed", "pending_end", "over_12m_pending", "reversed", "remanded"] {
            assert_eq!(v[key], 0, "{key}");
        }
        for key in [
            "closure_rate",
            "close_receive_ratio",
            "within_limit_rate",
            "avg_days",
            "avg_net_days",
            "over_12m_ratio",
            "mediation_withdrawal_rate",
            "extension_rate",
            "appeal_rate",
            "reversal_remand_ratio",
            "litigation_per_10k",
            "case_matter_ratio",
        ] {
            assert_eq!(v[key], json!(null), "{key}");
        }
        assert!(i.monthly.iter().all(|m| m.progress.is_none()));
    }
}

#[test]
fn a_single_day_period_on_the_bounds() {
    // 2025-06-30: B3 closed and B4 filed on that very day; both count.
    let i = compute(
        &cases(),
        period("2025-06-30", "2025-06-30"),
        &Scope::whole(),
        &Definitions::embedded(),
        &HolidayCalendar::embedded(),
    );
    assert_eq!((i.received, i.closed), (1, 1));
    // Pending on 30 June before B4: A1 A2 A3 B3 F1 → then B4 arrives and B3 leaves.
    assert_eq!((i.pending_start, i.pending_end), (5, 5));
    assert_eq!(i.monthly.len(), 1);
}

#[test]
fn the_period_must_not_be_reversed() {
    let e = andu_stats::Period::new(d("2025-07-01"), d("2025-06-30")).unwrap_err();
    assert!(matches!(e, StatsError::PeriodInvalid { .. }));
    use andu_core::Coded;
    assert_eq!(e.code(), "period_invalid");
    assert_eq!(e.detail().unwrap()["from"], "2025-07-01");
}

#[test]
fn facts_from_a_validated_case_match_the_deadline_engines_input() {
    let line = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-ordinary",
        "filed":"2025-03-10","court":"深圳市龙华区人民法院","division":"民一庭","judge":"王建国",
        "parties":[{"role":"原告","name":"张三"}],"closed":"2026-04-01","closing_method":"判决",
        "extensions":[{"approved":"2025-08-20","months":6,"by":"院长"}],
        "deductions":[{"kind":"鉴定","from":"2025-05-06","to":"2025-06-20"}],
        "appeal":{"filed":"2026-04-10","outcome":"改判"}}"#;
    let input: andu_core::CaseInput = serde_json::from_str(line).unwrap();
    let valid = input.validate().unwrap();
    let facts = CaseFacts::from_case(&valid);
    assert_eq!(facts.trial_limit_input(), andu_deadline::TrialLimitInput::from_case(&valid));
    assert_eq!((&*facts.court, facts.appeal.unwrap().outcome), ("深圳市龙华区人民法院", Some(Reversed)));
    // domain.md §7 #25: 46 days of 鉴定, +6 months → 2026-04-27; closed 2026-04-01 is within.
    let limit = andu_deadline::trial_limit(&facts.trial_limit_input(), &HolidayCalendar::embedded()).unwrap();
    assert_eq!(limit.due, d("2026-04-27"));
    assert_eq!(facts.deducted_days_until(d("2026-04-01")), 46);
}
