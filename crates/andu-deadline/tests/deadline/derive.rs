//! Derivation from events, unresolved deadlines, custom rule sets, and diffs after a change of rules or holidays.

use andu_core::{Coded, Procedure};
use andu_deadline::{
    CaseFacts, Change, RecordedEvent, RuleSet, Settings, derive_deadlines, derive_deadlines_with, diff_deadlines,
    settings::CustodyRollForward,
};

use crate::support::{cal, d};

const CIVIL: CaseFacts = CaseFacts { procedure: Procedure::CivilOrdinary, custody: false };

#[test]
fn judgment_served_on_a_defendant_gives_that_party_an_appeal_deadline() {
    let events = [RecordedEvent::new("送达判决书", d("2025-09-20")).for_party("被告某某公司")];
    let out = derive_deadlines(CIVIL, &events, &RuleSet::embedded(), &cal());
    assert_eq!(out.deadlines.len(), 1);
    let x = &out.deadlines[0];
    assert_eq!((x.rule_id.as_str(), x.party.as_deref()), ("civil.appeal.judgment", Some("被告某某公司")));
    assert_eq!((x.nominal, x.due), (d("2025-10-05"), d("2025-10-09")));
    assert_eq!(x.citation, "《民事诉讼法》第一百七十一条");
    assert!(x.explanation[0].starts_with("上诉期（判决）：送达判决书 2025-09-20（被告某某公司），期间 15日"));
    assert!(x.explanation.iter().any(|l| l == "2025-10-05 国庆节、中秋节 放假，顺延"));
    let json = serde_json::to_value(x).unwrap();
    assert_eq!((json["due"].as_str(), json["concerns"].as_str()), (Some("2025-10-09"), Some("party")));
}

#[test]
fn a_foreign_party_gets_the_30_day_variant_with_both_citations() {
    let mut e = RecordedEvent::new("送达判决书", d("2025-09-20")).for_party("ACME Ltd.");
    e.party_foreign = true;
    let out = derive_deadlines(CIVIL, &[e], &RuleSet::embedded(), &cal());
    let x = &out.deadlines[0];
    assert_eq!(x.due, d("2025-10-20"));
    assert_eq!(x.citation, "《民事诉讼法》第一百七十一条、《民事诉讼法》第二百八十六条");
    assert!(x.explanation[0].contains("没有住所"));
}

#[test]
fn several_events_give_deadlines_sorted_by_date() {
    let events = [
        RecordedEvent::new("送达判决书", d("2025-09-20")).for_party("原告"),
        RecordedEvent::new("送达判决书", d("2025-09-22")).for_party("被告"),
        RecordedEvent::new("立案", d("2025-03-10")),
        RecordedEvent::new("结案", d("2025-09-15")), // not a trigger: ignored
    ];
    let out = derive_deadlines(CIVIL, &events, &RuleSet::embedded(), &cal());
    let got: Vec<_> = out.deadlines.iter().map(|x| (x.rule_id.as_str(), x.due)).collect();
    assert_eq!(
        got,
        [
            ("civil.serve-complaint", d("2025-03-17")),
            ("civil.appeal.judgment", d("2025-10-09")),
            ("civil.appeal.judgment", d("2025-10-09")),
        ]
    );
}

#[test]
fn deadlines_in_a_year_without_data_are_provisional_not_dropped() {
    let events = [
        RecordedEvent::new("送达判决书", d("2026-12-20")).for_party("被告"),
        RecordedEvent::new("送达判决书", d("2026-11-02")).for_party("原告"),
    ];
    let out = derive_deadlines(CIVIL, &events, &RuleSet::embedded(), &cal());
    assert!(out.unresolved.is_empty(), "{:?}", out.unresolved);
    assert_eq!(out.deadlines.len(), 2);
    let late = out.deadlines.iter().find(|x| x.party.as_deref() == Some("被告")).unwrap();
    assert_eq!(late.provisional.as_ref().map(|p| p.code.as_str()), Some("holiday_data_missing"));
    assert!(out.deadlines.iter().any(|x| x.party.as_deref() == Some("原告") && x.provisional.is_none()));
}

#[test]
/// domain.md §0: a detained defendant served on 2026-02-10 appeals within 10 days (CrimPL 230); the 20th falls in
/// 春节, and the custody exception of CrimPL 105 ¶4 (about detention) does not shorten the appeal period: it rolls
/// to 02-24 by default. A court that chooses `never` gets the nominal day.
fn custody_roll_forward_setting_for_party_periods() {
    let facts = CaseFacts { procedure: Procedure::CriminalPublic, custody: true };
    let events = [RecordedEvent::new("送达判决书", d("2026-02-10")).for_party("被告人")];
    let rules = RuleSet::embedded();
    let by_default = &derive_deadlines(facts, &events, &rules, &cal()).deadlines[0];
    assert_eq!(by_default.due, d("2026-02-24"));
    assert!(by_default.explanation.iter().any(|l| l.contains("顺延")), "{:?}", by_default.explanation);
    let never = Settings { custody_roll_forward: CustodyRollForward::Never, ..Settings::default() };
    assert_eq!(derive_deadlines_with(facts, &events, &rules, &cal(), &never).deadlines[0].due, d("2026-02-20"));
}

const CUSTOM: &str = r#"
area = "criminal"
version = "test-1"

[[rule]]
id = "criminal.test.detained-only"
name = "在押被告人测试期间"
trigger = "立案"
length = "1m"
regime = "criminal"
concerns = "court"
custody = "detained"
citation = "《刑事诉讼法》第一百零五条"
"#;

#[test]
fn custody_conditions_and_custom_rule_files() {
    let rules = RuleSet::from_toml_str(CUSTOM).unwrap();
    assert_eq!(rules.version(), "criminal@test-1");
    let events = [RecordedEvent::new("立案", d("2025-02-28"))];
    let free = CaseFacts { procedure: Procedure::CriminalPublic, custody: false };
    assert!(derive_deadlines(free, &events, &rules, &cal()).deadlines.is_empty());
    let detained = CaseFacts { custody: true, ..free };
    let out = derive_deadlines(detained, &events, &rules, &cal());
    // CrimPL-I 202: from a month's last day to the next month's last day.
    assert_eq!(out.deadlines[0].due, d("2025-03-31"));
}

#[test]
fn diff_reports_moved_added_and_removed_deadlines() {
    let events = [
        RecordedEvent::new("送达判决书", d("2025-09-13")).for_party("原告"),
        RecordedEvent::new("送达判决书", d("2025-09-20")).for_party("被告"),
    ];
    let rules = RuleSet::embedded();
    let old = derive_deadlines(CIVIL, &events, &rules, &cal()).deadlines;
    // A court that treats 调休上班 days as rest days: the 09-28 deadline moves to 09-29.
    let strict = cal().with_adjusted_workdays(andu_deadline::settings::AdjustedWorkdays::Rest);
    let new = derive_deadlines(CIVIL, &events, &rules, &strict).deadlines;
    let changes = diff_deadlines(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].change, Change::Moved { from: d("2025-09-28"), to: d("2025-09-29") });
    assert_eq!(changes[0].party.as_deref(), Some("原告"));
    assert!(changes[0].summary.contains("由 2025-09-28 改为 2025-09-29"), "{}", changes[0].summary);
    let json = serde_json::to_value(&changes[0]).unwrap();
    assert_eq!((json["change"].as_str(), json["from"].as_str()), (Some("moved"), Some("2025-09-28")));

    assert!(diff_deadlines(&old, &old).is_empty());
    // A stored derivation reads back for a later diff.
    let stored: Vec<andu_deadline::Deadline> = serde_json::from_str(&serde_json::to_string(&old).unwrap()).unwrap();
    assert_eq!(stored, old);
    let fewer = &new[..1];
    let changes = diff_deadlines(&old, fewer);
    assert!(changes.iter().any(|c| matches!(c.change, Change::Removed { .. })));
    let changes = diff_deadlines(fewer, &new);
    assert!(changes.iter().any(|c| matches!(c.change, Change::Added { .. })));
}

#[test]
fn invalid_rule_files_are_typed_errors_naming_the_rule() {
    let base = CUSTOM.replace("custody = \"detained\"\n", "");
    let cases: &[(&str, &str, &str)] = &[
        ("trigger = \"立案\"", "trigger = \"立了案\"", "未知的触发事件"),
        ("length = \"1m\"", "length = \"1x\"", "期限长度"),
        ("length = \"1m\"", "length = \"0日\"", "期间长度"),
        ("citation = \"《刑事诉讼法》第一百零五条\"", "citation = \"刑诉法105\"", "出处"),
        ("regime = \"criminal\"", "regime = \"civil\"", "计算规则"),
        ("regime = \"criminal\"", "regime = \"criminal-custody\"", "羁押"),
        ("id = \"criminal.test.detained-only\"", "id = \"Criminal Test\"", "编号"),
        ("name = \"在押被告人测试期间\"", "name = \" \"", "名称"),
        ("concerns = \"court\"", "concerns = \"court\"\nprocedures = [\"civil-fast\"]", "civil-fast"),
        ("concerns = \"court\"", "concerns = \"court\"\nprocedures = []", "procedures"),
        ("concerns = \"court\"", "concerns = \"court\"\nlenght = \"1m\"", "TOML"),
        ("concerns = \"court\"", "concerns = \"court\"\ndeemed_service = true", "公告"),
        ("length = \"1m\"", "length = \"48h\"\ndirection = \"before\"", "倒算"),
        ("version = \"test-1\"", "version = \"\"", "version"),
    ];
    for (from, to, reason) in cases {
        let text = base.replace(from, to);
        assert_ne!(text, base, "{from}");
        let err = RuleSet::from_toml_str(&text).unwrap_err();
        assert_eq!(err.code(), "rule_invalid", "{to}");
        assert!(err.to_string().contains(reason), "{err} should mention {reason}");
    }
    // Duplicate ids, within a file and across files.
    let twice = format!("{base}\n{}", &base[base.find("[[rule]]").unwrap()..]);
    assert!(RuleSet::from_toml_str(&twice).unwrap_err().to_string().contains("重复"));
    let mut set = RuleSet::embedded();
    let err = set.merge(RuleSet::from_toml_str(&base).unwrap()).unwrap_err();
    assert!(err.to_string().contains("重复"), "{err}");
}

/// 在途期间 (CPL 85 ¶4; CrimPL 105 ¶3): a filing posted before the period ends is in time, whenever it arrives.
/// Rows: (what, facts, served, posted, in time, article). Served 2026-02-05 (civil 15 days) or 2026-02-10
/// (criminal 10 days, detained): both end in 春节 2026 and roll to Tue 02-24.
#[test]
fn a_filing_posted_before_the_period_ends_is_in_time_cpl_85_4_crimpl_105_3() {
    const CRIMINAL: CaseFacts = CaseFacts { procedure: Procedure::CriminalPublic, custody: true };
    let rows = [
        ("CPL 85 ¶4: posted 02-23, in 春节", CIVIL, "2026-02-05", "2026-02-23", Some(true), "第八十五条第四款"),
        ("CPL 85 ¶4: posted on the last day", CIVIL, "2026-02-05", "2026-02-24", Some(true), "第八十五条第四款"),
        ("CPL 85 ¶4: posted the day after", CIVIL, "2026-02-05", "2026-02-25", Some(false), "第八十五条第四款"),
        (
            "CrimPL 105 ¶3: detained, posted 02-23",
            CRIMINAL,
            "2026-02-10",
            "2026-02-23",
            Some(true),
            "第一百零五条第三款",
        ),
    ];
    for (what, facts, served, posted, in_time, article) in rows {
        let events = [
            RecordedEvent::new("送达判决书", d(served)).for_party("张三"),
            RecordedEvent::new("当事人交邮", d(posted)).for_party("张三"),
            // Another party's posting says nothing about 张三's period.
            RecordedEvent::new("当事人交邮", d("2026-03-30")).for_party("李四"),
        ];
        let out = derive_deadlines(facts, &events, &RuleSet::embedded(), &cal());
        let appeal = out.deadlines.iter().find(|x| x.rule_id.contains("appeal.judgment")).unwrap();
        assert_eq!(appeal.due, d("2026-02-24"), "{what}");
        let p = appeal.posted.as_ref().unwrap_or_else(|| panic!("{what}: posting checked"));
        assert_eq!((p.date, p.in_time), (d(posted), in_time), "{what}");
        let line = appeal.explanation.last().unwrap();
        assert!(line.starts_with(&format!("交邮日期 {posted}")) && line.contains(article), "{what}: {line}");
        if in_time == Some(true) {
            assert!(line.contains("视为未过期"), "{what}: {line}");
        }
    }
    // The issue's wording, exactly.
    let events = [
        RecordedEvent::new("送达判决书", d("2026-02-05")).for_party("张三"),
        RecordedEvent::new("当事人交邮", d("2026-02-23")).for_party("张三"),
    ];
    let out = derive_deadlines(CIVIL, &events, &RuleSet::embedded(), &cal());
    let appeal = out.deadlines.iter().find(|x| x.rule_id == "civil.appeal.judgment").unwrap();
    assert!(
        appeal
            .explanation
            .last()
            .unwrap()
            .starts_with("交邮日期 2026-02-23 在期限内（截止 2026-02-24），依《民事诉讼法》第八十五条第四款视为未过期")
    );
    // A court period (送达, 移送) is no party filing: nothing to check.
    assert!(out.deadlines.iter().filter(|x| x.concerns == andu_deadline::Concerns::Court).all(|x| x.posted.is_none()));
}
