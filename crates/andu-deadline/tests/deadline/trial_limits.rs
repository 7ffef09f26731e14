//! 审限 beyond the worked cases: every procedure's base period, extensions, deductions, suspensions, restarts,
//! conversions and the named settings.

use andu_core::{Coded, Deduction, DeductionKind, ExtensionLength, Procedure};
use andu_deadline::settings::{CriminalFirstInstance, CriminalSimple, DeductionEnds, SimpleExtension};
use andu_deadline::{
    Conversion, ExtensionGrant, RecordedEvent, Restart, Settings, Span, Suspension, TrialLimitInput, parse_interval,
    trial_limit, trial_limit_with,
};

use crate::support::{cal, d};

fn limit(procedure: Procedure, filed: &str) -> TrialLimitInput {
    TrialLimitInput::new(procedure, d(filed))
}

fn deduction(kind: DeductionKind, interval: &str) -> Deduction {
    parse_interval(interval).unwrap().deduction(kind)
}

/// Base periods from a start without holidays near the end: 2025-03-03 (Mon).
#[test]
fn every_procedure_has_its_statutory_base_period() {
    use Procedure::*;
    let rows: &[(Procedure, &str)] = &[
        (CivilOrdinary, "2025-09-03"),       // CPL 152: 6 months
        (CivilSimple, "2025-06-03"),         // CPL 164: 3 months
        (SmallClaims, "2025-05-06"),         // CPL 168: 2 months → 05-03 (劳动节) → 05-06
        (CivilAppealJudgment, "2025-06-03"), // CPL 183: 3 months
        (CivilAppealRuling, "2025-04-02"),   // CPL 183 ¶2: 30 days
        (CivilSpecial, "2025-04-02"),        // CPL 187: 30 days
        (CivilRetrialReview, "2025-06-03"),  // CPL 215: 3 months
        (CriminalPublic, "2025-05-06"),      // CrimPL 208: 2 months (setting) → 05-03 → 05-06
        (CriminalPrivate, "2025-09-03"),     // CrimPL 212: 6 months when not detained
        (CriminalSimple, "2025-03-24"),      // CrimPL 220: 20 days → 03-23 (Sun) → 03-24
        (CriminalFast, "2025-03-13"),        // CrimPL 225: 10 days
        (CriminalAppeal, "2025-05-06"),      // CrimPL 243: 2 months
        (AdminFirst, "2025-09-03"),          // ALL 81: 6 months
        (AdminSimple, "2025-04-17"),         // ALL 83: 45 days
        (AdminAppeal, "2025-06-03"),         // ALL 88: 3 months
        (Enforcement, "2025-09-03"),         // SPC-2000 Art 5: 6 months
    ];
    assert_eq!(rows.len(), Procedure::ALL.len());
    for &(procedure, due) in rows {
        let t = trial_limit(&limit(procedure, "2025-03-03"), &cal()).unwrap();
        assert_eq!(t.due, d(due), "{procedure}: {:#?}", t.explanation);
        assert!(t.explanation[0].contains(&t.citation), "{procedure}");
    }
}

#[test]
fn detained_private_prosecution_takes_the_public_limits() {
    let mut input = limit(Procedure::CriminalPrivate, "2025-03-03");
    input.custody = true;
    // CrimPL 212 → 208: 2 months → 2025-05-03 (Sat, 劳动节); detained: no roll (CrimPL 105 ¶4).
    assert_eq!(trial_limit(&input, &cal()).unwrap().due, d("2025-05-03"));
}

/// domain.md §0 (CPL 152 extension near a month's end): an extension is counted from the original expiry, not as
/// one span from 立案 — 2025-08-31 + 6 months = 2026-02-28, + 6 months = 2026-08-28 (not 08-31); 2025-03-31 + 6
/// months = 09-30, + 6 months = 2026-03-30 (not 03-31). Away from month ends both readings agree.
#[test]
fn an_extension_near_a_month_end_counts_from_the_original_expiry() {
    for (filed, due) in [("2025-08-31", "2026-08-28"), ("2025-03-31", "2026-03-30"), ("2025-03-03", "2026-03-03")] {
        let mut input = limit(Procedure::CivilOrdinary, filed);
        input.extensions = vec![ExtensionLength::Months(6).into()];
        let t = trial_limit(&input, &cal()).unwrap();
        assert_eq!(t.due, d(due), "{filed}: {:#?}", t.explanation);
        assert!(
            t.explanation.iter().any(|l| l.starts_with("自原届满日") && l.contains("延长 6个月")),
            "{:#?}",
            t.explanation
        );
    }
    // Two extensions chain: 2025-08-31 + 6 → 2026-02-28, + 6 → 08-28, + 3 → 11-28 (Sat) → 11-30.
    let mut input = limit(Procedure::CivilOrdinary, "2025-08-31");
    input.extensions = vec![ExtensionLength::Months(6).into(), ExtensionLength::Months(3).into()];
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!((t.nominal, t.due), (d("2026-11-28"), d("2026-11-30")), "{:#?}", t.explanation);
}

/// 自诉 without custody: six months (CrimPL 212) and no statutory extension; SPC-2000 art 1 ¶2 allows three more
/// months once, with the 院长's approval — not the one month of CrimPL 208 that 公诉 gets.
#[test]
fn a_private_prosecution_without_custody_extends_by_three_months_once() {
    let mut input = limit(Procedure::CriminalPrivate, "2025-03-03");
    input.extensions = vec![ExtensionGrant { length: None, approved: Some(d("2025-08-20")) }];
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.due, d("2025-12-03"), "{:#?}", t.explanation);
    assert!(t.explanation.iter().any(|l| l.contains("第一条第二款")), "{:#?}", t.explanation);
    // A second extension has no figure in any text: the record must say how long.
    input.extensions.push(ExtensionGrant { length: None, approved: None });
    assert_eq!(trial_limit(&input, &cal()).unwrap_err().code(), "period_invalid");
    // Detained: the public-prosecution limits, extended by CrimPL 208's one month.
    let mut detained = limit(Procedure::CriminalPrivate, "2025-03-03");
    detained.custody = true;
    detained.extensions = vec![ExtensionGrant { length: None, approved: None }];
    assert_eq!(trial_limit(&detained, &cal()).unwrap().nominal, d("2025-06-03"));
}

#[test]
fn extensions_without_a_length_take_the_statutory_standard() {
    let cal = cal();
    let mut input = limit(Procedure::CivilOrdinary, "2025-03-03");
    input.extensions = vec![ExtensionGrant { length: None, approved: Some(d("2025-08-20")) }];
    // CPL 152: +6 months → 2026-03-03.
    let t = trial_limit(&input, &cal).unwrap();
    assert_eq!((t.due, t.period, t.extended_by), (d("2026-03-03"), Span { months: 12, days: 0 }, 181));
    // A second extension: SPC-2000 Art 2's 3 months by default (setting ordinary_further_extension_months).
    input.extensions.push(ExtensionGrant { length: None, approved: None });
    assert_eq!(trial_limit(&input, &cal).unwrap().due, d("2026-06-03"));
    let settings = Settings { ordinary_further_extension_months: 6, ..Settings::default() };
    // +12 months → 2026-09-03 (Thu).
    assert_eq!(trial_limit_with(&input, &cal, &settings).unwrap().due, d("2026-09-03"));
    // No standard for an administrative extension: the record must say how long.
    let mut admin = limit(Procedure::AdminFirst, "2025-03-03");
    admin.extensions = vec![ExtensionGrant { length: None, approved: None }];
    assert_eq!(trial_limit(&admin, &cal).unwrap_err().code(), "period_invalid");
    admin.extensions = vec![ExtensionLength::Months(3).into()];
    assert_eq!(trial_limit(&admin, &cal).unwrap().due, d("2025-12-03"));
}

#[test]
fn simple_procedure_extension_setting() {
    let cal = cal();
    let mut input = limit(Procedure::CivilSimple, "2024-11-30");
    input.extensions = vec![ExtensionLength::Months(1).into()];
    // Default (§0): 立案 + 4 months = 2025-03-30 (Sun) → 03-31, as worked case #13.
    assert_eq!(trial_limit(&input, &cal).unwrap().due, d("2025-03-31"));
    // The alternative reading adds the month to the base *span* from 立案: also 4 months here; the two differ when
    // the grant is in days or exceeds the cap.
    let add = Settings { simple_extension: SimpleExtension::AddToBase, ..Settings::default() };
    input.extensions = vec![ExtensionLength::Days(20).into()];
    // 3 months → 2025-02-28, + 20 days → 2025-03-20 (Thu).
    assert_eq!(trial_limit_with(&input, &cal, &add).unwrap().due, d("2025-03-20"));
    // Default: any extension means the 4-month total.
    assert_eq!(trial_limit(&input, &cal).unwrap().due, d("2025-03-31"));
    input.extensions = vec![ExtensionLength::Months(3).into()];
    let t = trial_limit_with(&input, &cal, &add).unwrap();
    assert_eq!(t.due, d("2025-03-31"));
    assert!(t.warnings.iter().any(|w| w.contains("四个月")));
}

#[test]
fn criminal_settings_are_named_and_change_the_result() {
    let cal = cal();
    let three = Settings { criminal_first_instance: CriminalFirstInstance::ThreeMonths, ..Settings::default() };
    let input = limit(Procedure::CriminalPublic, "2025-03-03");
    assert_eq!(trial_limit_with(&input, &cal, &three).unwrap().due, d("2025-06-03"));
    // Under the default, the third month is a 1-month extension (至迟不得超过三个月).
    let mut extended = input.clone();
    extended.extensions = vec![ExtensionGrant { length: None, approved: None }];
    assert_eq!(trial_limit(&extended, &cal).unwrap().due, d("2025-06-03"));

    // CrimPL 220: 20 days, or 1.5 months (1 month + 15 days, CrimPL-I 202) → 2025-04-18 (Fri).
    let long = Settings { criminal_simple: CriminalSimple::OneAndHalfMonths, ..Settings::default() };
    let simple = limit(Procedure::CriminalSimple, "2025-03-03");
    assert_eq!(trial_limit_with(&simple, &cal, &long).unwrap().due, d("2025-04-18"));
    let mut simple_ext = simple.clone();
    simple_ext.extensions = vec![ExtensionGrant { length: None, approved: None }];
    assert_eq!(trial_limit(&simple_ext, &cal).unwrap().due, d("2025-04-18"));
    // CrimPL 225: extended to 15 days → 03-18.
    let mut fast = limit(Procedure::CriminalFast, "2025-03-03");
    fast.extensions = vec![ExtensionGrant { length: None, approved: None }];
    assert_eq!(trial_limit(&fast, &cal).unwrap().due, d("2025-03-18"));
}

#[test]
fn admin_simple_procedure_cannot_be_extended() {
    let mut input = limit(Procedure::AdminSimple, "2025-03-03");
    input.extensions = vec![ExtensionLength::Months(1).into()];
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.due, d("2025-04-17"));
    assert!(t.warnings.iter().any(|w| w.contains("《行政诉讼法》第八十四条")));
}

#[test]
fn deduction_ends_setting() {
    let mut input = limit(Procedure::CivilOrdinary, "2025-03-10");
    input.deductions = vec![deduction(DeductionKind::Appraisal, "2025-05-06..2025-06-20")];
    let settings = Settings { deduction_ends: DeductionEnds::EndExclusive, ..Settings::default() };
    let t = trial_limit_with(&input, &cal(), &settings).unwrap();
    // 45 days: 09-10 + 45 = 10-25 (Sat) → 10-27.
    assert_eq!((t.deducted_days, t.nominal, t.due), (45, d("2025-10-25"), d("2025-10-27")));
}

#[test]
fn overlapping_deductions_count_each_day_once() {
    let mut input = limit(Procedure::CivilOrdinary, "2025-03-03");
    input.deductions = vec![
        deduction(DeductionKind::Appraisal, "2025-04-01..2025-04-10"),
        deduction(DeductionKind::Publication, "2025-04-06..2025-04-15"),
        deduction(DeductionKind::Settlement, "2025-06-01..2025-06-01"),
    ];
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.deducted_days, 16);
    // 2025-09-03 + 16 = 09-19 (Fri).
    assert_eq!(t.due, d("2025-09-19"));
    assert!(t.explanation.iter().any(|l| l.contains("重叠")));
}

#[test]
fn a_deduction_before_filing_is_clipped_with_a_warning() {
    let mut input = limit(Procedure::CivilOrdinary, "2025-03-03");
    input.deductions = vec![deduction(DeductionKind::Publication, "2025-03-01..2025-03-10")];
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.deducted_days, 7);
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
}

#[test]
fn suspension_stops_the_clock_until_resumption() {
    let cal = cal();
    let mut input = limit(Procedure::AdminFirst, "2025-03-03");
    // 中止 05-06, resumed 05-16: 05-06…05-15 deducted (10 days) → 2025-09-13 (Sat) → 09-15.
    input.suspensions = vec![Suspension { from: d("2025-05-06"), resumed: Some(d("2025-05-16")) }];
    let t = trial_limit(&input, &cal).unwrap();
    assert_eq!((t.deducted_days, t.due), (10, d("2025-09-15")));
    assert!(t.suspended_since.is_none());
    // Still suspended: flagged, and the status freezes.
    input.suspensions = vec![Suspension { from: d("2025-05-06"), resumed: None }];
    let t = trial_limit(&input, &cal).unwrap();
    assert_eq!(t.suspended_since, Some(d("2025-05-06")));
    assert!(t.warnings.iter().any(|w| w.contains("中止")));
    let status = t.status(d("2025-12-01"));
    assert_eq!(status.tier, andu_deadline::Tier::Suspended);
    assert!(status.days_left > 100);
}

#[test]
fn restart_and_conversions() {
    let cal = cal();
    // CrimPL 208 ¶3: after supplementary investigation the 审限 counts anew.
    let mut input = limit(Procedure::CriminalPublic, "2025-03-03");
    input.restarts =
        vec![Restart { date: d("2025-04-10"), reason: "补充侦查完毕移送".into(), citation: String::new() }];
    input.deductions = vec![deduction(DeductionKind::Psychiatric, "2025-03-10..2025-03-20")];
    let t = trial_limit(&input, &cal).unwrap();
    // 04-10 + 2 months = 06-10 (Tue); the earlier deduction no longer counts.
    assert_eq!((t.start, t.deducted_days, t.due), (d("2025-04-10"), 0, d("2025-06-10")));

    // CPL-I 258 ¶3: simple → ordinary counts on from the original 立案.
    let mut civil = limit(Procedure::CivilOrdinary, "2025-03-03");
    civil.conversion = Some(Conversion { from: Procedure::CivilSimple, date: d("2025-05-20"), basis: "" });
    let t = trial_limit(&civil, &cal).unwrap();
    assert_eq!(t.due, d("2025-09-03"));
    assert!(t.explanation[0].contains("第二百五十八条"));

    // CrimPL-I 376: a criminal conversion counts from the decision.
    let mut criminal = limit(Procedure::CriminalPublic, "2025-03-03");
    criminal.conversion = Some(Conversion { from: Procedure::CriminalSimple, date: d("2025-03-20"), basis: "" });
    assert_eq!(trial_limit(&criminal, &cal).unwrap().due, d("2025-05-20"));
}

#[test]
fn trial_limit_serializes_for_the_cli() {
    let mut input = limit(Procedure::CivilOrdinary, "2025-03-10");
    input.deductions = vec![deduction(DeductionKind::Other, "2025-05-06..2025-06-20")];
    let json = serde_json::to_value(trial_limit(&input, &cal()).unwrap()).unwrap();
    assert_eq!(json["due"], "2025-10-27");
    assert_eq!(json["nominal"], "2025-10-26");
    assert_eq!(json["deducted_days"], 46);
    assert_eq!(json["procedure"], "civil-ordinary");
    assert!(json["explanation"].as_array().unwrap().len() >= 4);
}

#[test]
fn from_case_takes_the_stored_extensions_and_deductions() {
    let input: andu_core::CaseInput = serde_json::from_value(serde_json::json!({
        "case_no": "(2025)粤0309民初1234号", "cause": "买卖合同纠纷", "procedure": "civil-ordinary",
        "filed": "2025-03-10", "parties": [{"role": "原告", "name": "张三"}],
        "extensions": [{"approved": "2025-08-25", "months": 6, "by": "院长"}],
        "deductions": [{"kind": "鉴定", "from": "2025-05-06", "to": "2025-06-20"}]
    }))
    .unwrap();
    let case = input.validate().unwrap();
    let t = trial_limit(&TrialLimitInput::from_case(&case), &cal()).unwrap();
    assert_eq!(t.due, d("2026-04-27"));
}

/// Recorded 审限 events (节点) as the store keeps them: conversions and restarts, each row with the article
/// that orders it and the one that says how the 审限 then runs. 立案 2025-03-03 (Mon) throughout.
#[test]
fn recorded_limit_events_convert_and_restart() {
    use Procedure::*;
    let cal = cal();
    type Row = (Procedure, &'static [(&'static str, &'static str)], Procedure, &'static str, &'static [&'static str]);
    let rows: &[Row] = &[
        // CPL 170 orders the conversion; CPL-I 258 ¶3: counted on from 立案, 6 months.
        (
            CivilSimple,
            &[("简易程序转普通程序", "2025-05-20")],
            CivilOrdinary,
            "2025-09-03",
            &["《民事诉讼法》第一百七十条", "自立案之日起连续计算", "第二百五十八条第三款"],
        ),
        // CPL 169, CPL-I 278 ¶1: small claims → the simple procedure's 3 months from 立案.
        (
            SmallClaims,
            &[("小额诉讼转简易程序", "2025-04-01")],
            CivilSimple,
            "2025-06-03",
            &["《民事诉讼法》第一百六十九条", "第二百七十八条第一款", "自立案之日起连续计算"],
        ),
        (
            SmallClaims,
            &[("小额诉讼转普通程序", "2025-04-01")],
            CivilOrdinary,
            "2025-09-03",
            &["第二百七十八条第二款", "由小额诉讼转为普通程序"],
        ),
        // Two steps, recorded out of order: applied by date.
        (
            SmallClaims,
            &[("简易程序转普通程序", "2025-05-06"), ("小额诉讼转简易程序", "2025-04-01")],
            CivilOrdinary,
            "2025-09-03",
            &["2025-05-06 由简易程序转为普通程序", "《民事诉讼法》第一百七十条"],
        ),
        // The 程序 field already changed by hand: the same conversion, not a second one.
        (
            CivilOrdinary,
            &[("简易程序转普通程序", "2025-05-20")],
            CivilOrdinary,
            "2025-09-03",
            &["由简易程序转为普通程序"],
        ),
        // ALL 84, ALL-I 105 ¶2: administrative simple → first instance 6 months from 立案.
        (
            AdminSimple,
            &[("简易程序转普通程序", "2025-03-20")],
            AdminFirst,
            "2025-09-03",
            &["《行政诉讼法》第八十四条", "第一百零五条第二款"],
        ),
        // CrimPL 221, CrimPL-I 368 ¶2: from the decision, 2 months: 03-20 → 05-20 (Tue).
        (
            CriminalSimple,
            &[("简易程序转普通程序", "2025-03-20")],
            CriminalPublic,
            "2025-05-20",
            &["《刑事诉讼法》第二百二十一条", "第三百六十八条第二款", "自作出决定之日起计算"],
        ),
        // CrimPL 226, CrimPL-I 375–376: 03-10 + 2 months = 05-10 (Sat) → 05-12.
        (
            CriminalFast,
            &[("速裁程序转普通程序", "2025-03-10")],
            CriminalPublic,
            "2025-05-12",
            &["《刑事诉讼法》第二百二十六条", "第三百七十六条"],
        ),
        // 速裁 → 简易: 20 days from 03-10 = 03-30 (Sun) → 03-31.
        (CriminalFast, &[("速裁程序转简易程序", "2025-03-10")], CriminalSimple, "2025-03-31", &["第三百七十六条"]),
        // CrimPL 208 ¶3 and ¶2, 241; CrimPL-I 209: counted anew from the day the case is received.
        (CriminalPublic, &[("补充侦查完毕移送", "2025-04-10")], CriminalPublic, "2025-06-10", &["第二百零八条第三款"]),
        (CriminalPublic, &[("改变管辖收案", "2025-04-10")], CriminalPublic, "2025-06-10", &["第二百零八条第二款"]),
        // 06-03 + 2 months = 08-03 (Sun) → 08-04.
        (CriminalPublic, &[("发回重审收案", "2025-06-03")], CriminalPublic, "2025-08-04", &["第二百四十一条"]),
        (CriminalPublic, &[("收到指定管辖决定书", "2025-03-10")], CriminalPublic, "2025-05-12", &["第二百零九条"]),
        // Events that do not fit the case change nothing and say so.
        (
            CivilOrdinary,
            &[("小额诉讼转简易程序", "2025-04-01")],
            CivilOrdinary,
            "2025-09-03",
            &["注意：", "不适用于普通程序"],
        ),
        (
            CivilOrdinary,
            &[("发回重审收案", "2025-04-01")],
            CivilOrdinary,
            "2025-09-03",
            &["不适用于普通程序", "审限扣除"],
        ),
        // Other kinds are not 审限 events.
        (CivilSimple, &[("送达判决书", "2025-04-01")], CivilSimple, "2025-06-03", &["简易程序 3个月"]),
    ];
    for (procedure, events, now, due, cites) in rows {
        let events: Vec<andu_deadline::RecordedEvent> =
            events.iter().map(|(k, day)| andu_deadline::RecordedEvent::new(k, d(day))).collect();
        let input = limit(*procedure, "2025-03-03").with_events(&events);
        assert_eq!(input.procedure, *now, "{procedure:?} {events:?}");
        let t = trial_limit(&input, &cal).unwrap();
        assert_eq!(t.due, d(due), "{procedure:?} {events:?}: {:#?}", t.explanation);
        assert_eq!(t.changes.len(), usize::from(input.conversion.is_some()) + usize::from(!input.restarts.is_empty()));
        let text = t.explanation.join("\n");
        for c in *cites {
            assert!(text.contains(c), "{procedure:?} {events:?}: “{c}” missing in\n{text}");
        }
    }
}

#[test]
fn an_extension_under_the_simple_procedure_does_not_carry_over_to_the_ordinary_one() {
    let cal = cal();
    // 立案 2025-03-03, simple procedure extended by 1 month on 05-20 (CPL 164), converted on 06-20 (CPL 170):
    // the ordinary 6 months from 立案 (CPL-I 258 ¶3), not 7.
    let mut input = limit(Procedure::CivilSimple, "2025-03-03");
    input.extensions =
        vec![ExtensionGrant { length: Some(ExtensionLength::Months(1)), approved: Some(d("2025-05-20")) }];
    let input = input.with_events(&[andu_deadline::RecordedEvent::new("简易程序转普通程序", d("2025-06-20"))]);
    let t = trial_limit(&input, &cal).unwrap();
    assert_eq!((t.due, t.extended_by), (d("2025-09-03"), 0));
    assert!(t.warnings.iter().any(|w| w.contains("转换程序前批准的延长不再计入")), "{:?}", t.warnings);
    // An extension of the ordinary 审限 after the conversion counts: +6 months → 2026-03-03 (Tue).
    let mut later = input.clone();
    later.extensions.push(ExtensionGrant { length: None, approved: Some(d("2025-08-20")) });
    assert_eq!(trial_limit(&later, &cal).unwrap().due, d("2026-03-03"));
}

#[test]
fn limit_event_kinds_are_not_period_triggers() {
    for k in andu_deadline::LIMIT_EVENT_KINDS {
        assert!(!andu_deadline::EVENT_KINDS.iter().any(|(id, _)| *id == k.id), "{}", k.id);
        assert!(andu_deadline::limit_event_kind(k.id).is_some());
    }
}

/// The last day to ask for an extension, by the text of each area: 民商事 15 days before expiry (SPC-2019 art 1 ¶2),
/// criminal cases 15 days (CrimPL-I 210 ¶2), an unextended 自诉 without custody 10 days to the 院长 (SPC-2000 art
/// 11), administrative cases 10 days (SPC-2000 art 13); none where no extension is possible (ALL 84; CPL-I 258
/// once extended). A request day on a rest day moves earlier.
/// (procedure, custody, extensions recorded, 立案, 审限 due, request by and days before).
type RequestRow = (Procedure, bool, u32, &'static str, &'static str, Option<(&'static str, u32)>);

#[test]
fn the_last_day_to_ask_for_an_extension() {
    use Procedure::*;
    let rows: &[RequestRow] = &[
        // 2025-03-03 + 6 months = 09-03 (Wed); 15 days before = 08-19 (Tue).
        (CivilOrdinary, false, 0, "2025-03-03", "2025-09-03", Some(("2025-08-19", 15))),
        // + 3 months = 06-03 (Tue); 15 days before = 05-19 (Mon).
        (CivilSimple, false, 0, "2025-03-03", "2025-06-03", Some(("2025-05-19", 15))),
        // Extended once already (CPL-I 258: four months in all): no further request.
        (CivilSimple, false, 1, "2025-03-03", "2025-07-03", None),
        // 2 months → 05-03 → 05-06 (劳动节); 15 days before = 04-21 (Mon).
        (CriminalPublic, false, 0, "2025-03-03", "2025-05-06", Some(("2025-04-21", 15))),
        // 6 months → 09-03; 10 days before = 08-24 (Sun) → earlier, 08-22 (Fri).
        (CriminalPrivate, false, 0, "2025-03-03", "2025-09-03", Some(("2025-08-22", 10))),
        (AdminFirst, false, 0, "2025-03-03", "2025-09-03", Some(("2025-08-22", 10))),
        // ALL 83–84: no extension of the administrative simple procedure.
        (AdminSimple, false, 0, "2025-03-03", "2025-04-17", None),
    ];
    for &(procedure, custody, extended, filed, due, request) in rows {
        let mut input = limit(procedure, filed);
        input.custody = custody;
        input.extensions = (0..extended).map(|_| ExtensionLength::Months(1).into()).collect();
        let t = trial_limit(&input, &cal()).unwrap();
        assert_eq!(t.due, d(due), "{procedure}: {:#?}", t.explanation);
        let got = t.extension_request.as_ref().map(|r| (r.by, r.days_before));
        assert_eq!(got, request.map(|(by, n)| (d(by), n)), "{procedure}");
        if let Some(r) = &t.extension_request {
            let line = t.explanation.last().unwrap();
            assert!(line.contains(&r.by.to_string()) && line.contains(r.citation), "{line}");
        }
    }
}

/// (what, 节点 and its date or none, due).
type SpecialRow = (&'static str, Option<(&'static str, &'static str)>, &'static str);

/// 特别程序 (CPL 187): thirty days from 立案, or from the end of the 公告期 where the law orders one — 宣告失踪 three
/// months and 宣告死亡 one year (CPL 192), 认定财产无主 one year (CPL 203) — counted from the recorded 公告 or from
/// a recorded 特别程序公告期满. Every row: (what, 节点 and date or none, due).
const SPECIAL: &[SpecialRow] = &[
    ("CPL 187: 立案 2025-03-03 + 30 日", None, "2025-04-02"),
    ("CPL 192: 宣告失踪公告 3 个月至 06-10，再 30 日", Some(("宣告失踪公告发布", "2025-03-10")), "2025-07-10"),
    ("CPL 192: 宣告死亡公告 1 年至 2026-03-10，再 30 日", Some(("宣告死亡公告发布", "2025-03-10")), "2026-04-09"),
    ("CPL 192: 意外事件 3 个月", Some(("意外事件宣告死亡公告发布", "2025-03-10")), "2025-07-10"),
    ("CPL 203: 财产认领公告 1 年至 2025-05-06，再 30 日", Some(("财产认领公告发布", "2024-05-06")), "2025-06-05"),
    ("CPL 187: 记录的公告期满 06-10，再 30 日", Some(("特别程序公告期满", "2025-06-10")), "2025-07-10"),
];

#[test]
fn special_procedure_counts_from_filing_or_from_the_end_of_the_publication_cpl_187() {
    for (what, event, due) in SPECIAL {
        let filed = if event.is_some_and(|(_, date)| date.starts_with("2024")) { "2024-04-01" } else { "2025-03-03" };
        let events: Vec<RecordedEvent> = event.iter().map(|(kind, date)| RecordedEvent::new(kind, d(date))).collect();
        let input = limit(Procedure::CivilSpecial, filed).with_events(&events);
        let t = trial_limit(&input, &cal()).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(t.due, d(due), "{what}: {:?}", t.explanation);
        if event.is_some() {
            assert!(
                t.explanation.iter().any(|l| l.contains("公告期满后三十日内") && l.contains("第一百八十七条")),
                "{what}"
            );
        }
    }
    // On another procedure the 公告 changes nothing, and 特别程序公告期满 is said not to apply.
    let events = [RecordedEvent::new("特别程序公告期满", d("2025-06-10"))];
    let t = trial_limit(&limit(Procedure::CivilOrdinary, "2025-03-03").with_events(&events), &cal()).unwrap();
    assert_eq!(t.due, d("2025-09-03"));
    assert!(t.warnings.iter().any(|w| w.contains("只适用于特别程序")), "{:?}", t.warnings);
}

/// 选民资格案件 (CPL 189): decided before the election day — the last day is the day before it, never rolled
/// (rolling would reach the election), and never extended (CPL 187 但书).
#[test]
fn a_voter_qualification_case_ends_before_the_election_day_cpl_189() {
    for (election, due) in [("2026-05-08", "2026-05-07"), ("2026-05-11", "2026-05-10")] {
        let mut input =
            limit(Procedure::CivilSpecial, "2026-04-20").with_events(&[RecordedEvent::new("选举日", d(election))]);
        input.extensions = vec![ExtensionGrant { length: None, approved: Some(d("2026-04-25")) }];
        let t = trial_limit(&input, &cal()).unwrap();
        assert_eq!(
            (t.due, t.nominal, t.citation.as_str()),
            (d(due), d(due), "《民事诉讼法》第一百八十九条"),
            "{election}"
        );
        assert!(t.skipped.is_empty() && t.extension_request.is_none());
        assert!(t.warnings.iter().any(|w| w.contains("不得延长")), "{:?}", t.warnings);
    }
    let not_special =
        limit(Procedure::CivilOrdinary, "2026-04-20").with_events(&[RecordedEvent::new("选举日", d("2026-05-08"))]);
    let t = trial_limit(&not_special, &cal()).unwrap();
    assert_eq!(t.due, d("2026-10-20"));
    assert!(t.warnings.iter().any(|w| w.contains("选举日")));
}

/// 涉外民事案件 (domain.md §0; CPL 287): recorded as the 节点 `涉外案件`, a first-instance or appeal case has no
/// 审限 — `trial_limit_exempt`, with the article, never a date or an overdue alert. Other procedures keep theirs
/// (CPL 287 names only CPL 152 and 183). A party without a domicile in China is only a hint to record it.
#[test]
fn a_foreign_related_civil_case_has_no_trial_limit_cpl_287() {
    let flag = [RecordedEvent::new("涉外案件", d("2025-03-05"))];
    for procedure in [Procedure::CivilOrdinary, Procedure::CivilAppealJudgment, Procedure::CivilAppealRuling] {
        let err = trial_limit(&limit(procedure, "2025-03-03").with_events(&flag), &cal()).unwrap_err();
        assert_eq!(err.code(), "trial_limit_exempt", "{procedure:?}");
        assert!(err.to_string().contains("第二百八十七条") && err.to_string().contains("不受审限限制"), "{err}");
    }
    let special = trial_limit(&limit(Procedure::CivilSpecial, "2025-03-03").with_events(&flag), &cal()).unwrap();
    assert_eq!(special.due, d("2025-04-02"));
    // Without the flag, a foreign party only prompts the question.
    let mut input = limit(Procedure::CivilOrdinary, "2025-03-03");
    input.foreign_party = Some("Foreign Ltd".into());
    let t = trial_limit(&input, &cal()).unwrap();
    assert_eq!(t.due, d("2025-09-03"));
    assert!(t.warnings.iter().any(|w| w.contains("Foreign Ltd") && w.contains("涉外案件")), "{:?}", t.warnings);
}

/// 再审 (issue #15): civil and administrative retrials take the 审限 of the procedure they are tried under, from
/// the day after 再审立案 (CPL-I 128; ALL-I 50 ¶2); a criminal retrial has three months from the decision, six at
/// most when extended (CrimPL 258 ¶1). Rows: (what, procedure, extensions, due). Filed 2024-03-01, retried
/// 2025-03-03 (Mon).
#[test]
fn a_retrial_counts_the_limit_of_its_procedure_anew() {
    let rows = [
        ("CPL-I 128 + CPL 152: 按第一审程序 6 个月", Procedure::CivilOrdinary, 0, "2025-09-03", "第一百二十八条"),
        ("CPL-I 128 + CPL 183: 按第二审程序 3 个月", Procedure::CivilAppealJudgment, 0, "2025-06-03", "第一百二十八条"),
        ("ALL-I 50 ¶2 + ALL 81: 6 个月", Procedure::AdminFirst, 0, "2025-09-03", "第五十条第二款"),
        ("CrimPL 258: 3 个月", Procedure::CriminalPublic, 0, "2025-06-03", "第二百五十八条第一款"),
        ("CrimPL 258: 延长不得超过 6 个月", Procedure::CriminalPublic, 1, "2025-09-03", "第二百五十八条第一款"),
    ];
    for (what, procedure, extended, due, article) in rows {
        let mut input = limit(procedure, "2024-03-01").with_events(&[RecordedEvent::new("再审立案", d("2025-03-03"))]);
        // An extension before the retrial no longer counts; one after it does.
        input.extensions = vec![ExtensionGrant { length: None, approved: Some(d("2024-05-01")) }];
        input
            .extensions
            .extend((0..extended).map(|_| ExtensionGrant { length: None, approved: Some(d("2025-05-20")) }));
        let t = trial_limit(&input, &cal()).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!((t.start, t.due), (d("2025-03-03"), d(due)), "{what}: {:?}", t.explanation);
        assert!(t.explanation.iter().any(|l| l.contains(article)), "{what}: {:?}", t.explanation);
        assert!(t.warnings.iter().any(|w| w.contains("再审前批准的延长不再计入")), "{what}: {:?}", t.warnings);
    }
    // 简易程序 is not a procedure a case is retried under: said, not applied.
    let simple =
        limit(Procedure::CivilSimple, "2025-03-03").with_events(&[RecordedEvent::new("再审立案", d("2025-04-01"))]);
    let t = trial_limit(&simple, &cal()).unwrap();
    assert_eq!(t.start, d("2025-03-03"));
    assert!(t.warnings.iter().any(|w| w.contains("不是再审所按的程序")), "{:?}", t.warnings);
}
