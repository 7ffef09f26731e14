//! Drill-down: every number lists exactly the cases behind it, with the reason.

use andu_core::Coded;
use andu_deadline::HolidayCalendar;
use andu_stats::{Definitions, Drill, KEYS, Role, Scope, drill_down, ledger};

use crate::support::{d, period};
use crate::worked::{cases, half_year};

fn drill(key: &str) -> Drill {
    drill_down(
        &cases(),
        period("2025-01-01", "2025-06-30"),
        &Scope::whole(),
        &Definitions::embedded(),
        &HolidayCalendar::embedded(),
        key,
    )
    .unwrap()
}

fn labels(d: &Drill, role: Role) -> Vec<String> {
    let mut v: Vec<String> = d
        .cases
        .iter()
        .filter(|r| r.role == role)
        .map(|r| r.case_no.trim_start_matches("（2025）测").trim_end_matches('号').to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn counts_list_exactly_their_cases() {
    assert_eq!(labels(&drill("received"), Role::Counted), ["B2", "B3", "B4", "C1", "C3", "C4", "D1", "D2", "F1"]);
    assert_eq!(labels(&drill("pending_start"), Role::Counted), ["A1", "A2", "A3", "B1", "C2", "D3", "E1"]);
    assert_eq!(labels(&drill("pending_end"), Role::Counted), ["A1", "A2", "A3", "B4", "F1"]);
    assert_eq!(labels(&drill("over_18m_pending"), Role::Counted), ["A2", "A3"]);
    assert_eq!(labels(&drill("reversed"), Role::Counted), ["C2"]);
    assert_eq!(labels(&drill("within_limit_unknown"), Role::Counted), ["E1"]);
    // Every count key: the number of rows is the value.
    let i = serde_json::to_value(half_year(&Scope::whole())).unwrap();
    for key in KEYS {
        let dr = drill(key);
        assert_eq!(dr.value, i[*key], "{key}");
        if let Some(n) = i[*key].as_u64() {
            assert_eq!(dr.count as u64, n, "{key}");
        }
        assert!(dr.cases.iter().all(|r| !r.why.is_empty()), "{key}");
    }
}

#[test]
fn ratios_list_numerator_and_denominator_cases() {
    let w = drill("within_limit_rate");
    assert_eq!(labels(&w, Role::Denominator), ["C1"]);
    assert_eq!(labels(&w, Role::Excluded), ["E1"]);
    assert_eq!(labels(&w, Role::NumeratorAndDenominator).len(), 9);
    let c1 = w.cases.iter().find(|r| r.case_no.contains("C1")).unwrap();
    assert_eq!(c1.due, Some(d("2025-04-02")));
    assert!(c1.why.contains("超过审限届满日 2025-04-02 共 34 日"), "{}", c1.why);
    let c4 = w.cases.iter().find(|r| r.case_no.contains("C4")).unwrap();
    assert_eq!(c4.due, Some(d("2025-05-06")), "04-06 plus 30 deducted days");
    let e1 = w.cases.iter().find(|r| r.case_no.contains("E1")).unwrap();
    assert!(e1.why.contains("holiday_data_missing"), "{}", e1.why);

    let a = drill("appeal_rate");
    assert_eq!(labels(&a, Role::NumeratorAndDenominator), ["B3", "C2", "C3", "D1", "D2", "D3"]);
    assert_eq!(labels(&a, Role::Denominator), ["C1", "C4", "E1"]);

    let r = drill("reversal_remand_ratio");
    assert_eq!((labels(&r, Role::Numerator), labels(&r, Role::Denominator)), (vec!["C2".into()], vec!["C3".into()]));

    // 结收比: closed-but-not-received cases are numerator only; received-but-open denominator only.
    let cr = drill("close_receive_ratio");
    assert_eq!(labels(&cr, Role::Numerator), ["B1", "C2", "D3", "E1"]);
    assert_eq!(labels(&cr, Role::Denominator), ["B4", "F1"]);
}

#[test]
fn averages_monthly_and_case_matter_show_their_figures() {
    let net = drill("avg_net_days");
    let c3 = net.cases.iter().find(|r| r.case_no.contains("C3")).unwrap();
    assert_eq!(c3.days, Some(133));
    assert!(c3.why.contains("扣除 28 日"), "{}", c3.why);
    assert_eq!(drill("avg_days").cases.iter().map(|r| r.days.unwrap()).sum::<i64>(), 1952);

    let m = drill("monthly");
    let april: Vec<&str> =
        m.cases.iter().filter(|r| r.month.as_deref() == Some("2025-04")).map(|r| r.why.as_str()).collect();
    assert_eq!(april.len(), 3);
    assert!(april.iter().all(|w| w.ends_with("结案")));
    assert_eq!(m.count, 9 + 11);

    let cm = drill("case_matter_ratio");
    assert_eq!(cm.count, 11);
    assert_eq!(cm.cases.iter().filter(|r| r.why.contains("1 案 2 件")).count(), 6);
}

#[test]
fn unknown_indicator_is_a_typed_error() {
    let e = drill_down(
        &cases(),
        period("2025-01-01", "2025-06-30"),
        &Scope::whole(),
        &Definitions::embedded(),
        &HolidayCalendar::embedded(),
        "happiness",
    )
    .unwrap_err();
    assert_eq!(e.code(), "indicator_unknown");
    assert!(e.detail().unwrap()["known"].as_array().unwrap().len() == KEYS.len());
}

#[test]
fn the_ledger_lists_long_pending_cases_oldest_first() {
    let rows = ledger(&cases(), period("2025-01-01", "2025-06-30"), &Scope::whole(), &Definitions::embedded());
    let got: Vec<(&str, u32, u32)> = rows.iter().map(|r| (&r.case_no[..], r.over_months, r.age_months)).collect();
    // A3 2022-05-01: 37 full months to 2025-06-30; A2 2023-01-05: 29; A1 2024-06-10: 12.
    assert_eq!(got, [("（2025）测A3号", 36, 37), ("（2025）测A2号", 18, 29), ("（2025）测A1号", 12, 12)]);
    assert_eq!(rows[2].age_days, (d("2025-06-30") - d("2024-06-10")).num_days());
}

#[test]
fn the_ledger_carries_each_cases_newest_note() {
    let mut all = cases();
    let a2 = all.iter_mut().find(|c| c.case_no == "（2025）测A2号").unwrap();
    a2.latest_note = Some("一案一策：督促鉴定机构七月底前出具意见".into());
    let rows = ledger(&all, period("2025-01-01", "2025-06-30"), &Scope::whole(), &Definitions::embedded());
    let notes: Vec<Option<&str>> = rows.iter().map(|r| r.latest_note.as_deref()).collect();
    assert_eq!(notes, [None, Some("一案一策：督促鉴定机构七月底前出具意见"), None]);
}

/// The boundary the 统计 chart once drew differently from the card: filed exactly 12 months before the end.
#[test]
fn a_case_filed_exactly_twelve_months_before_the_end_is_pending_eleven_whole_months() {
    use andu_stats::months_pending;
    assert_eq!(months_pending(d("2025-06-30"), d("2026-06-30")), 11);
    assert_eq!(months_pending(d("2025-06-29"), d("2026-06-30")), 12);
    assert_eq!(months_pending(d("2025-08-31"), d("2026-02-28")), 5); // 08-31 + 6 months = 02-28, not before it
    assert_eq!(months_pending(d("2026-06-30"), d("2026-06-30")), 0);
    assert_eq!(months_pending(d("2026-07-01"), d("2026-06-30")), 0);
}
