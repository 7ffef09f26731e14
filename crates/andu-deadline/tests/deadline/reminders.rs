//! Reminder tiers for 审限 and party periods.

use andu_core::{CaseCategory, Procedure};
use andu_deadline::{ReminderSettings, Tier, TrialLimitInput, party_period_status, tier_for, trial_limit};

use crate::support::{cal, d};

#[test]
fn trial_limit_tiers_over_time() {
    // 立案 2025-03-03, 6 months → 2025-09-03.
    let t = trial_limit(&TrialLimitInput::new(Procedure::CivilOrdinary, d("2025-03-03")), &cal()).unwrap();
    let tier = |today: &str| t.status(d(today)).tier;
    assert_eq!(tier("2025-03-04"), Tier::Normal);
    assert_eq!(tier("2025-07-01"), Tier::Normal); // 120 of 184 days: < 2/3
    assert_eq!(tier("2025-07-06"), Tier::Early); // 125 of 184 days: ≥ 2/3, 59 days left
    assert_eq!(tier("2025-08-04"), Tier::Middle); // 30 days left (civil)
    assert_eq!(tier("2025-08-29"), Tier::Urgent); // 5 days left
    assert_eq!(tier("2025-09-03"), Tier::Urgent); // the last day itself
    assert_eq!(tier("2025-09-04"), Tier::Overdue);
    let s = t.status(d("2025-09-04"));
    assert_eq!(s.days_left, -1);
    assert!(s.fraction_elapsed > 1.0);
    let json = serde_json::to_value(t.status(d("2025-07-06"))).unwrap();
    assert_eq!((json["tier"].as_str(), json["tier_name"].as_str()), (Some("early"), Some("远期")));
}

#[test]
fn middle_tier_threshold_depends_on_the_case_category() {
    let s = ReminderSettings::default();
    assert_eq!(tier_for(20, 0.9, CaseCategory::Civil, &s), Tier::Middle);
    assert_eq!(tier_for(20, 0.9, CaseCategory::Enforcement, &s), Tier::Middle);
    assert_eq!(tier_for(20, 0.9, CaseCategory::Criminal, &s), Tier::Early);
    assert_eq!(tier_for(15, 0.9, CaseCategory::Administrative, &s), Tier::Middle);
    assert_eq!(tier_for(20, 0.1, CaseCategory::Criminal, &s), Tier::Normal);
}

#[test]
fn deducted_days_do_not_count_as_elapsed() {
    let mut input = TrialLimitInput::new(Procedure::CivilOrdinary, d("2025-03-10"));
    input.deductions = vec![
        andu_deadline::parse_interval("2025-05-06..2025-06-20").unwrap().deduction(andu_core::DeductionKind::Appraisal),
    ];
    let t = trial_limit(&input, &cal()).unwrap();
    let during = t.status(d("2025-06-20")).fraction_elapsed;
    let before = t.status(d("2025-05-05")).fraction_elapsed;
    assert!((during - before).abs() < 1e-9, "{before} {during}");
}

#[test]
fn party_periods_remind_the_day_before() {
    let s = ReminderSettings::default();
    let due = d("2025-10-09");
    assert_eq!(party_period_status(due, d("2025-10-07"), &s).tier, Tier::Normal);
    let p = party_period_status(due, d("2025-10-08"), &s);
    assert_eq!((p.remind_on, p.tier, p.days_left), (d("2025-10-08"), Tier::Urgent, 1));
    assert_eq!(party_period_status(due, d("2025-10-10"), &s).tier, Tier::Overdue);
}

#[test]
fn reminder_settings_load_from_toml() {
    let s = ReminderSettings::from_toml_str("urgent_days = 3\nparty_days_before = 2").unwrap();
    assert_eq!((s.urgent_days, s.party_days_before, s.middle_days_civil), (3, 2, 30));
    assert!(ReminderSettings::from_toml_str("early_fraction = 2.0").is_err());
    assert!(ReminderSettings::from_toml_str("soon = 1").is_err());
}

/// One check for `andu reminders set` and the 设置 editor: each out-of-range threshold is refused with the field it
/// concerns (the editor shows the message under that field), and the edges of each range are accepted.
#[test]
fn each_threshold_out_of_range_is_refused_naming_its_field() {
    use andu_core::Coded;
    let refused = [
        ("early_fraction = 0.0", "early_fraction"),
        ("early_fraction = -0.1", "early_fraction"),
        ("early_fraction = 1.01", "early_fraction"),
        ("early_fraction = nan", "early_fraction"),
        ("urgent_days = -1", "urgent_days"),
        ("urgent_days = 366\nmiddle_days_civil = 400", "urgent_days"),
        ("middle_days_civil = 366", "middle_days_civil"),
        ("middle_days_criminal_admin = 4", "middle_days_criminal_admin"), // below 紧急 (default 5)
        ("middle_days_civil = 2\nurgent_days = 3", "middle_days_civil"),
        ("party_days_before = 31", "party_days_before"),
    ];
    for (text, field) in refused {
        let e = ReminderSettings::from_toml_str(text).unwrap_err();
        let body = e.to_body();
        assert_eq!(body.code, "settings_invalid", "{text}");
        assert_eq!(body.detail.as_ref().and_then(|d| d[0]["field"].as_str()), Some(field), "{text}");
        assert!(body.message.starts_with("设置无效："), "{}", body.message);
    }
    for text in [
        "early_fraction = 1.0",
        "early_fraction = 0.001",
        "urgent_days = 0\nmiddle_days_civil = 0\nmiddle_days_criminal_admin = 0\nparty_days_before = 0",
        "urgent_days = 365\nmiddle_days_civil = 365\nmiddle_days_criminal_admin = 365\nparty_days_before = 30",
    ] {
        assert!(ReminderSettings::from_toml_str(text).is_ok(), "{text}");
    }
    // The limits served to the 设置 editor are the check's own edges.
    let limits = ReminderSettings::LIMITS;
    let edge = |days: i64, party: u32| ReminderSettings {
        urgent_days: days,
        middle_days_civil: days,
        middle_days_criminal_admin: days,
        party_days_before: party,
        ..ReminderSettings::default()
    };
    assert!(edge(limits.max_days, limits.max_party_days_before).check().is_ok());
    assert!(edge(limits.max_days + 1, limits.max_party_days_before).check().is_err());
    assert!(edge(limits.max_days, limits.max_party_days_before + 1).check().is_err());
    // A store saved under the older, looser check still opens with what it saved.
    assert_eq!(ReminderSettings::from_saved_toml("early_fraction = 0.0").unwrap().early_fraction, 0.0);
}
