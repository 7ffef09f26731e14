//! 审判监督管理 (issue #18) on hand-worked cases: the 发改案件评查 entry rule (CPL 177), the 评查 list's deadline and
//! state, the 一次有效庭审 numbers and the per-judge page with the division's medians, each worked out by hand.
//!
//! Period 2026-01-01 … 2026-06-30; every case civil-simple (审限 three months, CPL 164) unless said:
//!
//! | case | judge | 立案 | 结案 | how | days | 审限 | hearing days (≤ 结案) | appeal |
//! |---|---|---|---|---|---|---|---|---|
//! | W1 | 王 | 2026-01-05 | 2026-02-04 | 判决 | 30 | within | 01-20 (1) | 改判 |
//! | W2 | 王 | 2026-01-10 | 2026-03-11 | 调解 | 60 | within | 02-03, 02-24 (2) | |
//! | W3 | 王 | 2026-02-02 | 2026-03-04 | 撤诉 | 30 | within | none (0) | |
//! | W4 | 王 | 2026-01-15 | 2026-06-15 | 判决 | 151 | due 04-15: late | 03-10; 07-01 is after 结案 (1) | 发回重审 |
//! | W5 | 王, ordinary | 2024-12-01 | – | | | | | pending > 12 months |
//! | L1 | 李 | 2026-03-02 | 2026-04-01 | 判决 | 30 | within | 03-20 (1) | 维持 |
//! | L2 | 李 | 2026-03-02 | 2026-04-21 | 判决 | 50 | within | 04-10 (1) | |
//! | Z1 | 张 | 2026-05-04 | – | | | | | |
//! | G1 | 郭 (行政庭) | 2026-01-05 | 2026-02-10 | 判决 | 36 | within | | 改判 |
//!
//! 王: closed 4, days 271 → 67.75, 发改 2/4, within 3/4, heard 3 (W1 W2 W4), one hearing 2 (W1 W4) → 2/3 (of all
//! closed: 2/4), hearing days 4/4 = 1.0, 长期未结 1. 李: 2, 40, 0, 1.0, 2/2, 1.0, 0. 张: 0 closed, values null.
//! Medians over 王 李 张 (民一庭; 郭 is 行政庭): 结案数 2, 平均审理天数 53.875, 发改率 0.25, 审限内 0.875,
//! 一次有效庭审率 5/6, 案均开庭 1.0, 长期未结 0.

use std::collections::HashMap;

use andu_core::AppealOutcome::{self, *};
use andu_core::review::Decision;
use andu_core::{ClosingMethod::*, Procedure::*};
use andu_deadline::{HolidayCalendar, RecordedEvent};
use andu_stats::appeal_review::{ReviewRecord, ReviewState, appeal_review_list, enters_review};
use andu_stats::definitions::HearingDenominator;
use andu_stats::performance::PageInputs;
use andu_stats::performance::{hearing_counts, median};
use andu_stats::review_stats::RoundAnswer;
use andu_stats::{CaseFacts, CaseWeights, Definitions, ReviewRoundFact, Scope, judge_page};

use crate::support::{B, case, d, period};

fn heard(mut b: B, days: &[&str]) -> B {
    b.0.hearing_days = days.iter().map(|s| d(s)).collect();
    b
}

fn cases() -> Vec<CaseFacts> {
    let w = |label: &str, procedure, filed: &str| case(label, procedure, filed).judge("王法官", "民一庭");
    let l = |label: &str, filed: &str| case(label, CivilSimple, filed).judge("李法官", "民一庭");
    vec![
        heard(w("W1", CivilSimple, "2026-01-05"), &["2026-01-20"])
            .closed("2026-02-04", Judgment)
            .appealed("2026-02-15", Some(Reversed))
            .done(),
        heard(w("W2", CivilSimple, "2026-01-10"), &["2026-02-03", "2026-02-24"]).closed("2026-03-11", Mediation).done(),
        w("W3", CivilSimple, "2026-02-02").closed("2026-03-04", Withdrawal).done(),
        heard(w("W4", CivilSimple, "2026-01-15"), &["2026-03-10", "2026-07-01"])
            .closed("2026-06-15", Judgment)
            .appealed("2026-06-25", Some(Remanded))
            .done(),
        w("W5", CivilOrdinary, "2024-12-01").done(),
        heard(l("L1", "2026-03-02"), &["2026-03-20"])
            .closed("2026-04-01", Judgment)
            .appealed("2026-04-10", Some(Affirmed))
            .done(),
        heard(l("L2", "2026-03-02"), &["2026-04-10"]).closed("2026-04-21", Judgment).done(),
        case("Z1", CivilSimple, "2026-05-04").judge("张法官", "民一庭").done(),
        case("G1", CivilSimple, "2026-01-05")
            .judge("郭法官", "行政庭")
            .closed("2026-02-10", Judgment)
            .appealed("2026-02-20", Some(Reversed))
            .done(),
    ]
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value, not null");
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

/// CPL 177: a second instance affirms (（一）), reverses (（二）, （三）), or remands (（三）, （四）); an appeal may
/// also end by withdrawal (CPL 180) or mediation (CPL 179). Only 改判 and 发回重审 put the case on the 评查 list.
#[test]
fn the_entry_rule_takes_reversed_and_remanded_cases_only() {
    let table: [(Option<AppealOutcome>, bool, &str); 6] = [
        (Some(Affirmed), false, "CPL 177 (一) 驳回上诉，维持原判"),
        (Some(Reversed), true, "CPL 177 (二)(三) 依法改判"),
        (Some(Remanded), true, "CPL 177 (三)(四) 发回重审"),
        (Some(Withdrawn), false, "CPL 180 撤回上诉"),
        (Some(Mediated), false, "CPL 179 二审调解"),
        (None, false, "appeal pending"),
    ];
    for (outcome, enters, why) in table {
        assert_eq!(enters_review(outcome), enters, "{why}");
    }
}

#[test]
fn the_review_list_has_a_deadline_a_state_and_the_latest_review() {
    let defs = Definitions::embedded();
    assert_eq!(defs.appeal_review.deadline_days, 30);
    // W1 entered 2026-02-20 (recorded), reviewed on 03-01: done in time. W4's outcome has no record in the change
    // log: it enters on its 结案 day 06-15, due 07-15. G1 entered 02-25, due 03-27, not reviewed: overdue.
    let entered = HashMap::from([
        ("（2025）测W1号".to_string(), d("2026-02-20")),
        ("（2025）测G1号".to_string(), d("2026-02-25")),
    ]);
    let review = ReviewRecord {
        reason: "适用法律".into(),
        responsible: true,
        lesson: "一案一策：统一利率的裁判尺度".into(),
        reviewer: "陈庭长".into(),
        recorded: d("2026-03-01"),
    };
    let reviews = HashMap::from([("（2025）测W1号".to_string(), review.clone())]);
    let today = d("2026-07-01");
    let rows = appeal_review_list(&cases(), &Scope::whole(), &entered, &reviews, &defs, today);
    let seen: Vec<(&str, ReviewState, bool, Option<i64>, String)> =
        rows.iter().map(|r| (r.case_no.as_str(), r.state, r.overdue, r.days_left, r.due.to_string())).collect();
    assert_eq!(
        seen,
        [
            // Pending first, the earliest due first.
            ("（2025）测G1号", ReviewState::Pending, true, Some(-96), "2026-03-27".to_string()),
            ("（2025）测W4号", ReviewState::Pending, false, Some(14), "2026-07-15".to_string()),
            ("（2025）测W1号", ReviewState::Done, false, None, "2026-03-22".to_string()),
        ]
    );
    assert_eq!(rows[0].outcome, Reversed);
    assert_eq!(rows[1].outcome, Remanded);
    assert_eq!(rows[1].entered, d("2026-06-15"));
    assert_eq!(rows[2].review.as_ref(), Some(&review));

    // Reviewed after its deadline: done, and said to be late.
    let late = HashMap::from([("（2025）测W1号".to_string(), ReviewRecord { recorded: d("2026-03-23"), ..review })]);
    let rows = appeal_review_list(&cases(), &Scope::whole(), &entered, &late, &defs, today);
    let w1 = rows.iter().find(|r| r.case_no == "（2025）测W1号").unwrap();
    assert_eq!((w1.state, w1.overdue), (ReviewState::Done, true));

    // The scope applies (the 统计 filters): 民一庭 leaves out 郭法官's G1.
    let scope = Scope { division: Some("民一庭".into()), ..Scope::whole() };
    let rows = appeal_review_list(&cases(), &scope, &entered, &HashMap::new(), &defs, today);
    assert_eq!(rows.iter().map(|r| r.case_no.as_str()).collect::<Vec<_>>(), ["（2025）测W1号", "（2025）测W4号"]);
}

#[test]
fn a_court_file_sets_the_deadline_and_the_reasons() {
    let text = Definitions::embedded_text().replace("deadline_days = 30", "deadline_days = 15").replace(
        "reasons = [\"认定事实\", \"适用法律\", \"程序\", \"新证据\", \"其他\"]",
        "reasons = [\"事实\", \"法律\"]",
    );
    let defs = Definitions::from_toml_str(&text).unwrap();
    assert_eq!((defs.appeal_review.deadline_days, defs.appeal_review.reasons.len()), (15, 2));
    for (from, to, says) in [
        ("deadline_days = 30", "deadline_days = 0", "deadline_days"),
        (
            "reasons = [\"认定事实\", \"适用法律\", \"程序\", \"新证据\", \"其他\"]",
            "reasons = [\"程序\", \"程序\"]",
            "reasons",
        ),
        ("denominator = \"heard\"", "denominator = \"sometimes\"", "denominator"),
    ] {
        let e = Definitions::from_toml_str(&Definitions::embedded_text().replace(from, to)).unwrap_err().to_string();
        assert!(e.contains(says), "{to}: {e}");
    }
}

#[test]
fn one_effective_hearing_by_hand() {
    let c = cases();
    let p = period("2026-01-01", "2026-06-30");
    let wang = Scope { judge: Some("王法官".into()), ..Scope::whole() };
    let h = hearing_counts(&c, p, &wang);
    assert_eq!((h.closed, h.heard, h.one_hearing, h.hearing_days), (4, 3, 2, 4));
    close(h.one_hearing_rate(HearingDenominator::Heard), 2.0 / 3.0);
    close(h.one_hearing_rate(HearingDenominator::Closed), 2.0 / 4.0);
    close(h.per_closed(), 1.0);
    // 张法官 closed nothing: no share, no mean.
    let zhang = Scope { judge: Some("张法官".into()), ..Scope::whole() };
    let h = hearing_counts(&c, p, &zhang);
    assert_eq!((h.closed, h.one_hearing_rate(HearingDenominator::Heard), h.per_closed()), (0, None, None));
}

#[test]
fn a_hearing_recorded_twice_on_one_day_is_one_hearing() {
    let mut c = CaseFacts::new("（2026）测H1号", CivilSimple, d("2026-01-05"));
    c.hearing_days = vec![d("2026-02-03")];
    let c = c.with_events(&[
        RecordedEvent::new("开庭", d("2026-02-03")),
        RecordedEvent::new("开庭", d("2026-02-24")),
        RecordedEvent::new("送达判决书", d("2026-03-01")),
    ]);
    assert_eq!(c.hearing_days, [d("2026-02-03"), d("2026-02-24")]);
}

#[test]
fn the_median_is_the_middle_value_or_the_mean_of_the_two() {
    assert_eq!(median([Some(3.0), None, Some(1.0), Some(2.0)]), Some(2.0));
    assert_eq!(median([Some(40.0), Some(67.75), None]), Some(53.875));
    assert_eq!(median([None, None]), None);
}

#[test]
fn the_judge_page_by_hand_with_the_division_s_medians() {
    let defs = Definitions::embedded();
    let cal = HolidayCalendar::embedded();
    let p = period("2026-01-01", "2026-06-30");
    let weights = CaseWeights::embedded();
    let input = PageInputs { defs: &defs, cal: &cal, weights: &weights, rounds: &[] };
    let page = judge_page(&cases(), "王法官", p, input).unwrap();
    assert_eq!(page.division, "民一庭");
    assert_eq!(page.division_judges, ["张法官", "李法官", "王法官"]);
    let m = |key: &str| page.metrics.iter().find(|m| m.key == key).unwrap();
    assert_eq!(page.metrics.len(), andu_stats::PERFORMANCE_KEYS.len());
    // Every indicator carries how it reads and which way is better (the page keeps no list of its own).
    let shaped: Vec<&str> = andu_stats::performance::PERFORMANCE_SHAPES.iter().map(|(k, ..)| *k).collect();
    assert_eq!(shaped, andu_stats::PERFORMANCE_KEYS, "one shape per indicator, in the page's order");
    use andu_stats::performance::MetricUnit;
    assert_eq!((m("within_limit_rate").unit, m("within_limit_rate").higher_is_better), (MetricUnit::Rate, true));
    assert_eq!((m("avg_days").unit, m("avg_days").higher_is_better), (MetricUnit::Days, false));
    assert_eq!((m("closed").value, m("closed").division_median), (Some(4.0), Some(2.0)));
    assert_eq!((m("weighted_closed").value, m("weighted_closed").division_median), (Some(4.0), Some(2.0)));
    close(m("avg_days").value, 67.75);
    close(m("avg_days").division_median, 53.875);
    close(m("reversal_remand_rate").value, 0.5);
    close(m("reversal_remand_rate").division_median, 0.25);
    close(m("within_limit_rate").value, 0.75);
    close(m("within_limit_rate").division_median, 0.875);
    close(m("one_hearing_rate").value, 2.0 / 3.0);
    close(m("one_hearing_rate").division_median, 5.0 / 6.0);
    close(m("hearings_per_closed").value, 1.0);
    close(m("hearings_per_closed").division_median, 1.0);
    assert_eq!((m("over_12m_pending").value, m("over_12m_pending").division_median), (Some(1.0), Some(0.0)));
    // 阅核退回 without any 阅核 record in the store: blank, not 0, and said.
    assert_eq!((m("review_returned").value, m("review_returned").division_median), (None, None));
    assert!(page.warnings.iter().any(|w| w.contains("尚无阅核记录")));
    assert_eq!(m("one_hearing_rate").name, "一次有效庭审率");
    assert!(page.definitions.iter().any(|d| d.key == "one_hearing_rate" && d.unsure.is_some()));

    // The trend: the 12 months ending in June 2026. 王法官 closed W1 in February, W2 and W3 in March, W4 in June;
    // in April only 李法官 closed (two), so the median of 王 0, 李 2, 张 0 is 0.
    let trend = &m("closed").trend;
    assert_eq!(trend.len(), 12);
    assert_eq!((trend[0].month.as_str(), trend[11].month.as_str()), ("2025-07", "2026-06"));
    let values: Vec<Option<f64>> = trend.iter().map(|t| t.value).collect();
    assert_eq!(&values[6..], [Some(0.0), Some(1.0), Some(2.0), Some(0.0), Some(0.0), Some(1.0)]);
    assert_eq!(trend[9].division_median, Some(0.0));
    assert_eq!(m("avg_days").trend[7].value, Some(30.0)); // February: W1 alone

    // Case weights: 程序 × 案由. W4's 案由 weighs 2.0 → 王 5.0; 李's two weigh 1.0 each.
    let weights =
        CaseWeights::from_toml_str("version = \"本院-1\"\ndefault = 1.0\n[cause]\n\"建设工程施工合同纠纷\" = 2.0\n")
            .unwrap();
    let mut c = cases();
    c[3].cause = "建设工程施工合同纠纷".into();
    let page = judge_page(&c, "王法官", p, PageInputs { weights: &weights, ..input }).unwrap();
    let w = page.metrics.iter().find(|m| m.key == "weighted_closed").unwrap();
    assert_eq!((w.value, w.division_median), (Some(5.0), Some(2.0)));
    assert_eq!(page.weights_version, "本院-1");

    // A judge no case names has no page.
    assert!(judge_page(&cases(), "无此人", p, input).is_none());
    assert!(judge_page(&cases(), " ", p, input).is_none());
}

/// 阅核退回 on the page: rounds returned in the period on the judge's cases, beside the median of 民一庭's judges.
/// 王: W1 returned 02-10 and 03-01 (then approved), W2 returned 07-02 (after the period) → 2. 李: L1 returned
/// 04-01 → 1. 张: none → 0. 郭 (行政庭) returned once: not in the median. Median of 2, 1, 0 = 1. In March (the
/// trend's ninth month) 王 has 1.
#[test]
fn review_returned_on_the_judge_page_counts_the_returned_rounds() {
    let defs = Definitions::embedded();
    let cal = HolidayCalendar::embedded();
    let weights = CaseWeights::embedded();
    let round = |label: &str, sent: &str, answer: Decision, on: &str| ReviewRoundFact {
        case_no: format!("（2025）测{label}号"),
        sent: d(sent),
        waits_for: "民一庭庭长".into(),
        answer: Some(RoundAnswer { answer, by: "陈庭长".into(), on: d(on) }),
        superseded: None,
    };
    let rounds = [
        round("W1", "2026-02-01", Decision::Return, "2026-02-10"),
        round("W1", "2026-02-20", Decision::Return, "2026-03-01"),
        round("W1", "2026-03-02", Decision::Approve, "2026-03-03"),
        round("W2", "2026-06-28", Decision::Return, "2026-07-02"),
        round("L1", "2026-03-25", Decision::Return, "2026-04-01"),
        round("G1", "2026-02-01", Decision::Return, "2026-02-05"),
    ];
    let input = PageInputs { defs: &defs, cal: &cal, weights: &weights, rounds: &rounds };
    let page = judge_page(&cases(), "王法官", period("2026-01-01", "2026-06-30"), input).unwrap();
    let m = page.metrics.iter().find(|m| m.key == "review_returned").unwrap();
    assert_eq!((m.value, m.division_median), (Some(2.0), Some(1.0)));
    assert_eq!((m.trend[8].month.as_str(), m.trend[8].value), ("2026-03", Some(1.0)));
    assert!(!page.warnings.iter().any(|w| w.contains("阅核")));
}

/// The list as a ledger, read back: title, the setting, one row per case with its state and review.
#[test]
fn the_review_list_exports_as_a_ledger() {
    use calamine::{Reader, Xlsx};

    let defs = Definitions::embedded();
    let entered = HashMap::from([("（2025）测G1号".to_string(), d("2026-02-25"))]);
    let review = ReviewRecord {
        reason: "程序".into(),
        responsible: false,
        lesson: "遗漏当事人，\n今后立案时核对".into(),
        reviewer: "陈庭长".into(),
        recorded: d("2026-06-20"),
    };
    let reviews = HashMap::from([("（2025）测W4号".to_string(), review)]);
    let rows = appeal_review_list(&cases(), &Scope::whole(), &entered, &reviews, &defs, d("2026-07-01"));
    let bytes = andu_stats::export::appeal_review_workbook(&rows, "测试法院", d("2026-07-01"), 30).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("发改案件评查").unwrap();
    let text = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(text(0, 0), "测试法院发改案件逐案评查台账");
    assert!(
        text(1, 0).contains("共 3 件，待评查 2 件（其中逾期 2 件）") && text(1, 0).contains("30 日"),
        "{}",
        text(1, 0)
    );
    assert_eq!((text(3, 1).as_str(), text(3, 8).as_str()), ("案号", "状态"));
    // Pending first, the earliest due first: W1 (entered on its 结案 day 02-04, due 03-06), G1 (due 03-27); then W4.
    assert_eq!(
        (text(4, 1).as_str(), text(4, 5).as_str(), text(4, 7).as_str(), text(4, 8).as_str()),
        ("（2025）测W1号", "改判", "2026-03-06", "待评查（逾期）")
    );
    assert_eq!((text(5, 1).as_str(), text(5, 8).as_str()), ("（2025）测G1号", "待评查（逾期）"));
    assert_eq!(
        (text(6, 1).as_str(), text(6, 5).as_str(), text(6, 8).as_str()),
        ("（2025）测W4号", "发回重审", "已评查")
    );
    assert_eq!((text(6, 9).as_str(), text(6, 10).as_str()), ("程序", "无责任"));
    assert!(text(6, 11).starts_with("遗漏当事人"));
    assert_eq!(text(6, 13), "2026-06-20");
}
