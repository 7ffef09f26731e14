use andu_store::{DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

const CASE: &str = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-ordinary","filed":"2025-03-10","judge":"王法官",
  "parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"某某科技有限公司","kind":"org"},{"role":"第三人","name":"Foreign Ltd","kind":"org","foreign":true}],
  "hearings":[{"start":"2025-10-09T09:30","room":"第一法庭"}],
  "deductions":[{"kind":"鉴定","from":"2025-05-06","to":"2025-06-20"}]}"#;

fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let case = serde_json::from_str::<andu_core::CaseInput>(CASE).unwrap().validate().unwrap();
    let now = Utc.with_ymd_and_hms(2025, 9, 1, 9, 0, 0).unwrap();
    s.write(now, |w| {
        w.add_case(&case)?;
        w.add_event("（2025）粤0309民初1234号", "送达判决书", "2025-09-20", Some("张三"), "")?;
        w.add_event("（2025）粤0309民初1234号", "送达判决书", "2025-09-20", Some("Foreign Ltd"), "")
    })
    .unwrap();
    (dir, s)
}

#[test]
fn serving_the_judgment_derives_each_partys_appeal_period_cpl_171_and_286() {
    let (_dir, s) = store();
    let detail = s.get_case("（2025）粤0309民初1234号").unwrap();
    let d0 = Docket::embedded().case_deadlines(&detail, d("2025-10-01")).unwrap();
    let appeal = |party: &str| {
        d0.deadlines
            .iter()
            .find(|v| v.deadline.party.as_deref() == Some(party) && v.deadline.name.contains("上诉"))
            .unwrap_or_else(|| panic!("no appeal period for {party}: {:?}", d0.deadlines))
    };
    // 15 days from 2025-09-20 is 10-05, inside 国庆+中秋 (10-01…10-08): due 10-09 (CPL 171, CPL 85 ¶3).
    assert_eq!(appeal("张三").deadline.due, d("2025-10-09"));
    assert!(appeal("张三").deadline.explanation.iter().any(|l| l.contains("顺延")));
    // A party with no domicile in China has 30 days (CPL 286): 2025-10-20.
    assert_eq!(appeal("Foreign Ltd").deadline.due, d("2025-10-20"));
    assert_eq!(appeal("张三").days_left, 8);
    // 审限: 6 months + 46 deducted days (CPL 152; CPL-I 243) = 2025-10-26 (Sun) → 2025-10-27 (domain.md §7 #25).
    let t = d0.trial_limit.as_ref().unwrap();
    assert!(d0.trial_limit_error.is_none());
    assert_eq!((t.limit.due, t.limit.deducted_days), (d("2025-10-27"), 46));
}

#[test]
fn due_lists_periods_limits_and_hearings_in_the_window() {
    let (_dir, mut s) = store();
    let report = Docket::embedded().due(&mut s, d("2025-10-05"), 7).unwrap();
    let kinds: Vec<(&str, NaiveDate)> = report.items.iter().map(|i| (i.kind, i.due)).collect();
    assert!(kinds.contains(&("period", d("2025-10-09"))), "{kinds:?}");
    assert!(kinds.contains(&("hearing", d("2025-10-09"))), "{kinds:?}");
    assert!(!kinds.iter().any(|k| k.0 == "trial_limit"), "审限 2025-10-27 is outside the 7-day window");
    // But the last day to ask for its extension is in it: 15 days before 10-27 is Sun 10-12, moved earlier to
    // 10-11, a 调休上班 Saturday (SPC-2019 art 1 ¶2).
    let request = report.items.iter().find(|i| i.name == "申请延长审限").expect("the extension request is reminded");
    assert_eq!((request.kind, request.due), ("period", d("2025-10-11")));
    assert!(request.explanation[0].contains("第一条第二款"), "{:?}", request.explanation);
    let later = Docket::embedded().due(&mut s, d("2025-10-25"), 7).unwrap();
    assert!(later.items.iter().any(|i| i.kind == "trial_limit" && i.tier == Tier::Urgent));
    assert!(report.items.windows(2).all(|w| w[0].due <= w[1].due), "sorted by date");
}

#[test]
fn a_limit_in_a_year_without_holiday_data_is_reported_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let late = CASE
        .replace("2025-03-10", "2026-10-10")
        .replace("2025-05-06", "2026-10-20")
        .replace("2025-06-20", "2026-10-25");
    let case = serde_json::from_str::<andu_core::CaseInput>(&late).unwrap().validate().unwrap();
    s.write(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(), |w| w.add_case(&case)).unwrap();
    let report = Docket::embedded().due(&mut s, d("2026-11-26"), 365).unwrap();
    // domain.md §0: 立案 2026-10-10 + 6 months + 6 deducted days = 2027-04-16, shown as a provisional date (2027
    // has no table), reminded on like any other, and nothing is left uncomputed.
    assert!(report.unresolved.is_empty(), "{:?}", report.unresolved);
    let limit = report.items.iter().find(|i| i.kind == "trial_limit").expect("the 审限 is listed");
    assert_eq!(limit.due, d("2027-04-16"));
    let p = limit.provisional.as_ref().expect("marked provisional");
    assert_eq!((p.year, p.code.as_str()), (2027, "holiday_data_missing"));
    let json = serde_json::to_value(limit).unwrap();
    assert_eq!(json["provisional"]["year"], 2027);
    // Open limits (统计's 审限 status of open cases) carry the mark too.
    let open = Docket::embedded().open_limits(&mut s, d("2026-11-26")).unwrap();
    assert!(open[0].provisional.is_some() && open[0].error.is_none());
}

#[test]
fn done_and_snoozed_reminders_are_not_notified() {
    let (_dir, mut s) = store();
    let today = d("2025-10-08");
    let docket = Docket::embedded();
    let report = docket.due(&mut s, today, 7).unwrap();
    let appeal = report.items.iter().find(|i| i.kind == "period" && i.party.as_deref() == Some("张三")).unwrap();
    assert!(to_notify(&report, today).iter().any(|i| i.key == appeal.key), "due tomorrow: urgent");
    set_reminder_state(&mut s, &appeal.key, &ReminderState { done: false, snoozed_until: Some(d("2025-10-09")) })
        .unwrap();
    let report = docket.due(&mut s, today, 7).unwrap();
    assert!(!to_notify(&report, today).iter().any(|i| i.key == appeal.key), "snoozed until tomorrow");
    assert!(to_notify(&report, d("2025-10-09")).iter().any(|i| i.key == appeal.key), "back the next day");
    set_reminder_state(&mut s, &appeal.key, &ReminderState { done: true, snoozed_until: None }).unwrap();
    let report = docket.due(&mut s, today, 7).unwrap();
    assert!(report.items.iter().any(|i| i.key == appeal.key && i.done), "done items stay listed");
    assert!(!to_notify(&report, d("2025-10-09")).iter().any(|i| i.key == appeal.key));
}

#[test]
fn importing_a_holiday_year_reports_the_deadlines_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let late = CASE
        .replace("2025-03-10", "2026-09-29")
        .replace("2025-05-06", "2026-10-20")
        .replace("2025-06-20", "2026-10-25");
    let case = serde_json::from_str::<andu_core::CaseInput>(&late).unwrap().validate().unwrap();
    s.write(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(), |w| w.add_case(&case)).unwrap();
    // A made-up 2027 notice (the real one is published each November).
    let days = [
        ("元旦", "2027-01-01"),
        ("春节", "2027-02-06"),
        ("春节", "2027-02-07"),
        ("春节", "2027-02-08"),
        ("春节", "2027-02-09"),
        ("春节", "2027-02-10"),
        ("春节", "2027-02-11"),
        ("春节", "2027-02-12"),
        ("清明节", "2027-04-05"),
        ("劳动节", "2027-05-03"),
        ("国庆节", "2027-10-01"),
    ];
    let json = format!(
        r#"{{"year":2027,"days":[{}]}}"#,
        days.iter()
            .map(|(n, d)| format!(r#"{{"name":"{n}","date":"{d}","isOffDay":true}}"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    let r = Docket::import_holiday_year(&mut s, &json, d("2026-11-26")).unwrap();
    assert_eq!(r.year, 2027);
    // 立案 2026-09-29 + 6 months + 6 deducted days = Sun 2027-04-04: provisional until now; with the notice it
    // rolls over 清明 (04-05) to Tue 04-06 (CPL 85 ¶3).
    let m = r.moved.iter().find(|m| m.name == "审限").unwrap();
    assert_eq!((m.from, m.to, m.from_provisional), (Some(d("2027-04-04")), Some(d("2027-04-06")), true));
    assert!(Docket::for_store(&s).unwrap().due(&mut s, d("2026-11-26"), 365).unwrap().unresolved.is_empty());
}

#[test]
fn a_court_sets_its_own_reminder_thresholds() {
    let (_dir, mut s) = store();
    // With the defaults the 审限 (due 2025-10-27) is 紧急 from 5 days before; this court wants 10.
    let today = d("2025-10-20");
    let tier = |s: &Store| {
        let detail = s.get_case("（2025）粤0309民初1234号").unwrap();
        Docket::for_store(s).unwrap().case_deadlines(&detail, today).unwrap().trial_limit.unwrap().status.tier
    };
    assert_eq!(tier(&s), Tier::Middle);
    Docket::set_reminder_settings(&mut s, "urgent_days = 10").unwrap();
    assert_eq!(tier(&s), Tier::Urgent);
    let err = Docket::set_reminder_settings(&mut s, "urgent_days = 50\nmiddle_days_civil = 30").unwrap_err();
    assert_eq!(err.code, "settings_invalid");
    let err = Docket::set_reminder_settings(&mut s, "urgent = 3").unwrap_err();
    assert_eq!(err.code, "settings_invalid", "unknown keys are refused, not ignored");
}

#[test]
fn open_limits_give_each_pending_case_its_tier() {
    let (_dir, mut s) = store();
    let limits = Docket::embedded().open_limits(&mut s, d("2025-10-25")).unwrap();
    assert_eq!(limits.len(), 1);
    assert_eq!(
        (limits[0].due, limits[0].days_left, limits[0].tier),
        (Some(d("2025-10-27")), Some(2), Some(Tier::Urgent))
    );
}

#[test]
fn open_limits_in_a_scope_keep_only_its_cases() {
    use andu_core::{CaseCategory, Procedure};
    use andu_stats::Scope;
    let (_dir, mut s) = store();
    let docket = Docket::embedded();
    let today = d("2025-10-25");
    let all = docket.open_limits(&mut s, today).unwrap();
    let case = &all[0];
    let procedure = Procedure::parse(&case.procedure).unwrap();
    let other_category =
        if procedure.category() == CaseCategory::Criminal { CaseCategory::Civil } else { CaseCategory::Criminal };
    let cases = [
        (Scope::whole(), 1),
        (Scope { division: Some(case.division.clone()), judge: Some(case.judge.clone()), ..Scope::whole() }, 1),
        (Scope { division: Some("另一个庭".into()), ..Scope::whole() }, 0),
        (Scope { judge: Some("另一位法官".into()), ..Scope::whole() }, 0),
        (Scope { procedure: Some(procedure), category: Some(procedure.category()), ..Scope::whole() }, 1),
        (Scope { category: Some(other_category), ..Scope::whole() }, 0),
    ];
    for (scope, n) in cases {
        assert_eq!(docket.open_limits_in(&mut s, today, &scope).unwrap().len(), n, "{scope:?}");
    }
}

/// A store holding （2025）粤0309民初77号 (立案 2025-03-03) under `procedure`, and the time of the edits.
fn case_77(procedure: &str) -> (tempfile::TempDir, Store, chrono::DateTime<Utc>) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let case = serde_json::from_str::<andu_core::CaseInput>(&format!(
        r#"{{"case_no":"（2025）粤0309民初77号","cause":"买卖合同纠纷","procedure":"{procedure}","filed":"2025-03-03",
            "parties":[{{"role":"原告","name":"张三"}}]}}"#
    ))
    .unwrap()
    .validate()
    .unwrap();
    let now = Utc.with_ymd_and_hms(2025, 5, 20, 9, 0, 0).unwrap();
    s.write(now, |w| w.add_case(&case).map(|_| ())).unwrap();
    (dir, s, now)
}

#[test]
fn a_recorded_conversion_event_counts_the_ordinary_limit_from_filing_cpl_170() {
    let (_dir, mut s, now) = case_77("civil-simple");
    let docket = Docket::embedded();
    let before = docket.case_deadlines(&s.get_case("（2025）粤0309民初77号").unwrap(), d("2025-05-20")).unwrap();
    assert_eq!(before.trial_limit.unwrap().limit.due, d("2025-06-03"));
    s.write(now, |w| w.add_event("（2025）粤0309民初77号", "简易程序转普通程序", "2025-05-20", None, "").map(|_| ()))
        .unwrap();
    let detail = s.get_case("（2025）粤0309民初77号").unwrap();
    let after = docket.case_deadlines(&detail, d("2025-05-20")).unwrap();
    let t = after.trial_limit.unwrap();
    assert_eq!((t.limit.procedure, t.limit.due), (andu_core::Procedure::CivilOrdinary, d("2025-09-03")));
    assert!(t.limit.explanation[0].contains("《民事诉讼法》第一百七十条"), "{:?}", t.limit.explanation);
    // The approval forms see the same 审限.
    let facts = documents::trial_limit_facts(&docket, &detail, d("2025-05-20")).unwrap();
    assert_eq!(facts.next_extension.as_deref(), Some("6个月"));
}

/// 《民事诉讼法》第一百七十条: a case converted to the ordinary procedure is tried under it — the stored 程序 follows
/// the recorded 节点, the 审限 is unchanged by it (counted from filing either way), and removing the 节点 entered
/// by mistake puts the case back under 简易程序.
#[test]
fn recording_a_conversion_changes_the_procedure_and_removing_it_changes_it_back_cpl_170() {
    let (_dir, mut s, now) = case_77("small-claims");
    let no = "（2025）粤0309民初77号";
    let docket = Docket::embedded();
    let due = |s: &Store| {
        let t = docket.case_deadlines(&s.get_case(no).unwrap(), d("2025-05-20")).unwrap().trial_limit.unwrap();
        (s.get_case(no).unwrap().summary.procedure, t.limit.due)
    };

    // 小额诉讼 → 简易程序 → 普通程序, one 节点 each (民诉法解释第二百七十八条, 民诉法第一百七十条).
    let first = case_records::record_event(&mut s, no, "小额诉讼转简易程序", "2025-04-01", None, "", now).unwrap();
    assert_eq!(first.procedure.unwrap().describe(), "程序已由小额诉讼变为简易程序");
    let second = case_records::record_event(&mut s, no, "简易程序转普通程序", "2025-05-20", None, "", now).unwrap();
    assert_eq!(second.procedure.map(|p| p.to), Some("civil-ordinary"));
    assert_eq!(due(&s), ("civil-ordinary".to_string(), d("2025-09-03")));
    let h = s.history(no).unwrap();
    assert_eq!((h[0].field.as_deref(), h[0].new.as_deref()), (Some("procedure"), Some("civil-ordinary")));

    // An ordinary 节点 changes nothing of the case.
    let other = case_records::record_event(&mut s, no, "送达起诉状副本", "2025-05-21", None, "", now).unwrap();
    assert_eq!(other.procedure, None);
    case_records::remove_record(&mut s, no, &other.id, now).unwrap();

    // The second conversion was entered by mistake: removing it puts the case back under 简易程序 (three months).
    let back = case_records::remove_record(&mut s, no, &second.id, now).unwrap();
    assert_eq!(back.procedure.map(|p| p.to), Some("civil-simple"));
    assert_eq!(due(&s), ("civil-simple".to_string(), d("2025-06-03")));
    assert_eq!(case_records::remove_record(&mut s, no, &second.id, now).unwrap_err().code, "record_not_found");
}

/// 简易程序 in a criminal case becomes 公诉 or 自诉 普通程序 (《刑事诉讼法》第二百二十一条): the law does not say
/// which, so the 程序 is left for the person to choose.
#[test]
fn a_conversion_with_two_possible_procedures_leaves_the_choice_to_the_person() {
    use andu_core::Procedure;
    assert_eq!(case_records::converted_procedure("简易程序转普通程序", Procedure::CriminalSimple), None);
    assert_eq!(
        case_records::converted_procedure("简易程序转普通程序", Procedure::AdminSimple),
        Some(Procedure::AdminFirst)
    );
    assert_eq!(case_records::converted_procedure("送达判决书", Procedure::CivilSimple), None);
    assert_eq!(case_records::converted_procedure("简易程序转普通程序", Procedure::CivilOrdinary), None);
}

#[test]
fn reminder_thresholds_saved_from_the_editor_are_checked_kept_and_reset() {
    let (_dir, mut s) = store();
    let mut edited = ReminderSettings { urgent_days: 7, middle_days_civil: 20, ..Default::default() };
    assert_eq!(Docket::save_reminder_settings(&mut s, &edited).unwrap(), edited);
    assert_eq!(Docket::for_store(&s).unwrap().reminders, edited);
    // 中期 shorter than 紧急 is refused and nothing changes.
    edited.middle_days_criminal_admin = 3;
    assert_eq!(Docket::save_reminder_settings(&mut s, &edited).unwrap_err().code, "settings_invalid");
    assert_eq!(Docket::for_store(&s).unwrap().reminders.middle_days_criminal_admin, 15);
    assert_eq!(Docket::reset_reminder_settings(&mut s).unwrap(), ReminderSettings::default());
    assert_eq!(Docket::for_store(&s).unwrap().reminders, ReminderSettings::default());
}

/// A court's civil rule file replaces the built-in one and the user is told which open deadlines moved; going back
/// to the built-in file moves them back. The file is made up for the test (CPL 171 says fifteen days).
#[test]
fn a_court_rule_file_is_taken_into_use_with_the_deadlines_it_moves() {
    let (_dir, mut s) = store();
    let civil = include_str!("../../../assets/rules/civil.toml");
    let start = civil.find("id = \"civil.appeal.judgment\"").unwrap();
    let length = start + civil[start..].find("length = \"15d\"").unwrap();
    let court = format!("{}length = \"20d\"{}", &civil[..length], &civil[length + "length = \"15d\"".len()..])
        .replacen("version = \"2026.12.2\"", "version = \"测试-2027\"", 1);

    let r = Docket::import_rule_file(&mut s, &court, d("2025-10-01")).unwrap();
    assert_eq!((r.area.as_str(), r.version.as_str()), ("civil", "测试-2027"));
    let appeal = r.moved.iter().find(|m| m.name.contains("上诉") && m.party.as_deref() == Some("张三")).unwrap();
    // 2025-09-20 + 15 days → 10-09 (after 国庆); + 20 days → 10-10 (Fri).
    assert_eq!((appeal.from, appeal.to), (Some(d("2025-10-09")), Some(d("2025-10-10"))));
    assert!(
        !r.moved.iter().any(|m| m.party.as_deref() == Some("Foreign Ltd")),
        "the 30 days of CPL 286 are unchanged: {:?}",
        r.moved
    );
    let areas = Docket::rule_areas(&s).unwrap();
    assert!(areas.contains(&court_rules::RuleArea {
        area: "civil".into(),
        version: "测试-2027".into(),
        source: "court"
    }));

    let back = Docket::reset_rule_file(&mut s, "civil", d("2025-10-01")).unwrap();
    assert_eq!(back.version, "2026.12.2");
    let appeal = back.moved.iter().find(|m| m.party.as_deref() == Some("张三")).unwrap();
    assert_eq!((appeal.from, appeal.to), (Some(d("2025-10-10")), Some(d("2025-10-09"))));
    assert!(Docket::rule_areas(&s).unwrap().iter().all(|a| a.source == "builtin"));
    assert_eq!(Docket::reset_rule_file(&mut s, "family", d("2025-10-01")).unwrap_err().code, "rule_area_unknown");

    // A broken file changes nothing.
    let err = Docket::import_rule_file(&mut s, "area = \"civil\"\nversion = \"\"", d("2025-10-01")).unwrap_err();
    assert_eq!(err.code, "rule_invalid");
    assert!(Docket::rule_areas(&s).unwrap().iter().all(|a| a.source == "builtin"));
}

#[test]
fn a_court_template_is_checked_kept_and_loaded_by_name() {
    use court_templates::{court_templates, import_court_template, load_template};
    let (_dir, mut s) = store();
    let summons = include_bytes!("../../../assets/templates/传票.docx");
    assert_eq!(import_court_template(&mut s, "传票（本院）", b"not a docx").unwrap_err().code, "template_invalid");
    assert_eq!(import_court_template(&mut s, "a/b", summons).unwrap_err().code, "invalid_template_name");
    assert_eq!(load_template(&s, "court:传票（本院）").err().unwrap().code, "template_not_found");
    assert!(court_templates(&s).unwrap().is_empty(), "nothing refused was kept");

    let t = import_court_template(&mut s, "传票（本院）", summons).unwrap();
    assert_eq!((t.template.as_str(), t.size), ("court:传票（本院）", summons.len()));
    assert_eq!(court_templates(&s).unwrap(), vec![t]);
    let loaded = load_template(&s, "court:传票（本院）").unwrap();
    assert_eq!(loaded.fields(), andu_docs::Template::load("builtin:传票").unwrap().fields());
    // A document made from it is addressed and named like the built-in it stands for.
    assert_eq!(court_templates::template_name("court:传票（本院）"), "传票（本院）");
}

#[test]
fn a_court_template_for_docxtemplater_reads_with_its_delimiters_detected_or_set() {
    use andu_docs::Delimiters;
    use andu_docs::layout::{Block, CourtDocument};
    use court_templates::{import_court_template, load_template, set_template_delimiters, template_delimiters};
    let (_dir, mut s) = store();
    let mut d = CourtDocument::new("送达回证");
    d.push(Block::Body("案号：{案号}".into()));
    import_court_template(&mut s, "送达回证", &d.to_docx()).unwrap();
    let t = load_template(&s, "court:送达回证").unwrap();
    assert_eq!((t.delimiters(), t.fields()[0].name.as_str()), (Delimiters::Single, "案号"));
    assert_eq!(template_delimiters(&s, "送达回证").unwrap(), None);
    // Set by hand, the setting wins (and the template says its tags are of the other form).
    set_template_delimiters(&mut s, "送达回证", Some(Delimiters::Double)).unwrap();
    assert_eq!(template_delimiters(&s, "送达回证").unwrap(), Some(Delimiters::Double));
    let t = load_template(&s, "court:送达回证").unwrap();
    assert!(t.fields().is_empty() && t.warnings()[0].contains("--delimiters \"{ }\""), "{:?}", t.warnings());
    set_template_delimiters(&mut s, "送达回证", None).unwrap();
    assert_eq!(load_template(&s, "court:送达回证").unwrap().delimiters(), Delimiters::Single);
}

/// Issue #15: the demo summoned parties for 2027-01-01 and held hearings on Saturdays. Its hearings now fall on the
/// working days of the holiday table in force (weekdays where a year has no table).
#[test]
fn demo_hearings_fall_on_working_days() {
    let (_dir, s) = store();
    let cal = Docket::for_store(&s).unwrap().calendar;
    // 2025-09-25: the next 30 days cross 国庆+中秋 2025 (10-01…10-08) and its 调休上班 Saturday 10-11.
    let cases = crate::demo::demo_cases(&s, d("2025-09-25"), 300, 11).unwrap();
    let days: Vec<NaiveDate> =
        cases.iter().flat_map(|c| &c.hearings).map(|h| andu_core::date::parse_date(&h.start[..10]).unwrap()).collect();
    assert!(days.len() > 100, "{}", days.len());
    for day in &days {
        assert!(cal.is_working_day(*day).unwrap_or(true), "a hearing on a rest day: {day}");
    }
    // Beyond the table (2027 is not shipped), weekends are still avoided; within it, a 调休上班 Saturday may sit.
    let later = crate::demo::demo_cases(&s, d("2026-12-20"), 100, 11).unwrap();
    let in_2027: Vec<NaiveDate> = later
        .iter()
        .flat_map(|c| &c.hearings)
        .map(|h| andu_core::date::parse_date(&h.start[..10]).unwrap())
        .filter(|d| !cal.has_year(chrono::Datelike::year(d)))
        .collect();
    assert!(!in_2027.is_empty());
    for day in in_2027 {
        assert!(!matches!(chrono::Datelike::weekday(&day), chrono::Weekday::Sat | chrono::Weekday::Sun), "{day}");
    }
}

/// domain.md §0 and CPL 287: a case recorded as 涉外 has no 审限 — no date, no overdue alert, nothing
/// "uncomputed" on 今日 — and says so with the article; its parties' periods stay.
#[test]
fn a_foreign_related_case_has_no_trial_limit_and_no_alert() {
    let (_dir, mut s) = store();
    let case_no = "（2025）粤0309民初1234号";
    s.write(Utc.with_ymd_and_hms(2025, 9, 2, 9, 0, 0).unwrap(), |w| {
        w.add_event(case_no, "涉外案件", "2025-03-12", None, "")
    })
    .unwrap();
    let detail = s.get_case(case_no).unwrap();
    let d0 = Docket::embedded().case_deadlines(&detail, d("2026-01-05")).unwrap();
    assert!(d0.trial_limit.is_none());
    let e = d0.trial_limit_error.as_ref().unwrap();
    assert_eq!(e.code, TRIAL_LIMIT_EXEMPT);
    assert!(e.message.contains("第二百八十七条"), "{}", e.message);
    assert!(!d0.deadlines.is_empty(), "the parties' periods stay");
    let report = Docket::embedded().due(&mut s, d("2026-01-05"), 30).unwrap();
    assert!(report.items.iter().all(|i| i.kind != "trial_limit"), "no overdue 审限");
    assert!(report.unresolved.is_empty(), "{:?}", report.unresolved);
    let open = Docket::embedded().open_limits(&mut s, d("2026-01-05")).unwrap();
    assert_eq!((open[0].tier_name, open[0].due), ("不受审限限制", None));
}
