//! Error codes are stable and messages are Chinese; the CLI helpers refuse bad input with a reason.

use andu_core::{Coded, ExtensionLength};
use andu_deadline::{DeadlineError, Settings, parse_extension, parse_interval};

use crate::support::d;

#[test]
fn codes_are_stable() {
    let cases = [
        (DeadlineError::HolidayDataMissing { year: 2027, date: "2027-01-04".into() }, "holiday_data_missing"),
        (DeadlineError::HolidayTableInvalid { reason: "x".into() }, "holiday_table_invalid"),
        (DeadlineError::RuleInvalid { rule: Some("civil.x".into()), reason: "x".into() }, "rule_invalid"),
        (DeadlineError::PeriodInvalid { reason: "x".into() }, "period_invalid"),
        (DeadlineError::ExtensionInvalid { input: "x".into(), reason: "x".into() }, "extension_invalid"),
        (DeadlineError::IntervalInvalid { input: "x".into(), reason: "x".into() }, "interval_invalid"),
        (DeadlineError::SettingsInvalid { reason: "x".into() }, "settings_invalid"),
    ];
    for (err, code) in cases {
        assert_eq!(err.code(), code);
        let body = err.to_body();
        assert_eq!(body.code, code);
        assert!(body.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", body.message);
    }
    let missing = DeadlineError::HolidayDataMissing { year: 2027, date: "2027-01-04".into() };
    assert_eq!(
        missing.to_string(),
        "缺少 2027 年的节假日与调休数据，无法计算 2027-01-04 前后的期间：请管理员导入 2027 年国务院放假安排后再计算"
    );
}

#[test]
fn parse_extension_accepts_months_and_days() {
    assert_eq!(parse_extension("6m").unwrap(), ExtensionLength::Months(6));
    assert_eq!(parse_extension(" 30d ").unwrap(), ExtensionLength::Days(30));
    assert_eq!(parse_extension("6个月").unwrap(), ExtensionLength::Months(6));
    assert_eq!(parse_extension("6月").unwrap(), ExtensionLength::Months(6));
    assert_eq!(parse_extension("1年").unwrap(), ExtensionLength::Months(12));
    assert_eq!(parse_extension("30日").unwrap(), ExtensionLength::Days(30));
    assert_eq!(parse_extension("6w").unwrap(), ExtensionLength::Days(42));
    // A length the law does not grant keeps its own code.
    for bad in ["0m", "25m", "3年", "731d", "48h"] {
        let err = parse_extension(bad).unwrap_err();
        assert_eq!(err.code(), "extension_invalid", "{bad}");
        assert!(err.to_string().contains("延长期限"), "{err}");
    }
    // Text that is no length at all is the same error as everywhere a length is read.
    for bad in ["", "6", "m", "-1m", "1.5m", "99999999999d", "6x"] {
        assert_eq!(parse_extension(bad).unwrap_err().code(), "invalid_length", "{bad}");
    }
}

#[test]
fn parse_interval_is_inclusive_and_strict() {
    let i = parse_interval("2025-05-06..2025-06-20").unwrap();
    assert_eq!((i.from, i.to, i.days()), (d("2025-05-06"), d("2025-06-20"), 46));
    assert_eq!(parse_interval("2025-05-06").unwrap().days(), 1);
    for bad in ["2025-06-20..2025-05-06", "2025-05-06..", "2025/05/06..2025-06-20", "2025-02-30..2025-03-01", ""] {
        assert_eq!(parse_interval(bad).unwrap_err().code(), "interval_invalid", "{bad}");
    }
}

#[test]
fn settings_load_from_toml_with_defaults_and_refuse_typos() {
    let s = Settings::from_toml_str("criminal_simple = \"one-and-half-months\"").unwrap();
    assert_eq!(s.criminal_simple, andu_deadline::settings::CriminalSimple::OneAndHalfMonths);
    assert_eq!(s.ordinary_further_extension_months, 3);
    assert_eq!(Settings::from_toml_str("").unwrap(), Settings::default());
    for bad in [
        "deduction_end = \"both-inclusive\"",
        "simple_extension = \"sometimes\"",
        "ordinary_further_extension_months = 0",
    ] {
        assert_eq!(Settings::from_toml_str(bad).unwrap_err().code(), "settings_invalid", "{bad}");
    }
}

#[test]
fn a_case_without_trial_limit_has_its_own_code() {
    let e = DeadlineError::TrialLimitExempt { reason: "涉外民事案件不受审限限制".into() };
    assert_eq!((e.code(), e.to_string().as_str()), ("trial_limit_exempt", "涉外民事案件不受审限限制"));
}
