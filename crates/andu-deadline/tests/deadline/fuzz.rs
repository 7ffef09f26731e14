//! Issue #12: every parser of text a person or a court hands in — lengths, intervals, rule files, holiday notices,
//! reminder and counting settings — answers with a value or a typed error for any input, never a panic. Files are
//! fuzzed both as arbitrary text and as the embedded files with one value replaced or the text cut short.

use andu_core::Coded;
use andu_deadline::{
    HolidayCalendar, Length, ReminderSettings, RuleSet, Settings, YearTable, parse_extension, parse_interval,
    read_length, window_end,
};
use chrono::NaiveDate;
use proptest::prelude::*;

const CODES: &[&str] = &[
    "invalid_length",
    "date_out_of_range",
    "period_invalid",
    "extension_invalid",
    "interval_invalid",
    "rule_invalid",
    "holiday_table_invalid",
    "settings_invalid",
];

fn typed<T>(r: Result<T, andu_deadline::DeadlineError>) -> Result<(), TestCaseError> {
    if let Err(e) = r {
        prop_assert!(CODES.contains(&e.code()), "{}: {e}", e.code());
        prop_assert!(!e.to_string().is_empty());
    }
    Ok(())
}

/// Lengths as typed: digits (ASCII and full-width), units of every spelling, spaces and junk, in any order.
fn length_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[0-9０-９ 　-]{0,12}(d|天|日|w|周|m|月|个月|y|年|h|小时|x|)[ 天日]{0,2}",
        "[0-9]{1,12}[dwmyh]",
    ]
}

/// `text` with the value of its `n`-th `key = value` line replaced by `value`, or cut after `cut` characters.
fn mutated(text: &str, n: usize, value: &str, cut: Option<usize>) -> String {
    if let Some(cut) = cut {
        return text.chars().take(cut % (text.chars().count() + 1)).collect();
    }
    let assignments: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.contains(" = ")).map(|(i, _)| i).collect();
    let target = assignments.get(n % assignments.len().max(1)).copied();
    text.lines()
        .enumerate()
        .map(|(i, line)| match (Some(i) == target, line.split_once(" = ")) {
            (true, Some((key, _))) => format!("{key} = {value}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A TOML value of any type, or a broken one.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,16}".prop_map(|s| format!("{s:?}")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n:?}")),
        Just("true".to_string()),
        Just("[]".to_string()),
        "\\PC{0,16}",
        "[0-9]{1,6}(d|天|日|m|个月|h|小时|y|w|x)".prop_map(|s| format!("\"{s}\"")),
    ]
}

const CIVIL_RULES: &str = include_str!("../../../../assets/rules/civil.toml");
const HOLIDAYS_2025: &str = include_str!("../../../../assets/holidays/2025.toml");
const REMINDERS: &str = "early_fraction = 0.6666\nmiddle_days_civil = 30\nmiddle_days_criminal_admin = 15\n\
                         urgent_days = 5\nparty_days_before = 1\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_length_text_is_read_or_a_typed_error(s in length_text(), y in 1949i32..2200) {
        typed(read_length(&s))?;
        typed(Length::parse(&s))?;
        typed(parse_extension(&s))?;
        typed(window_end(&s, NaiveDate::from_ymd_opt(y, 6, 30).unwrap()))?;
    }

    #[test]
    fn any_interval_text_is_read_or_a_typed_error(s in "\\PC{0,30}|[0-9-]{10}\\.\\.[0-9-]{10}") {
        typed(parse_interval(&s))?;
    }

    #[test]
    fn any_rule_file_is_a_rule_set_or_a_typed_error(
        text in "\\PC{0,200}", n in any::<usize>(), value in toml_value(), cut in proptest::option::of(any::<usize>()),
    ) {
        typed(RuleSet::from_toml_str(&text))?;
        let file = mutated(CIVIL_RULES, n, &value, cut);
        typed(RuleSet::from_toml_str(&file))?;
        typed(RuleSet::embedded_with(&[file.as_str()]))?;
    }

    #[test]
    fn any_holiday_table_is_a_year_or_a_typed_error(
        text in "\\PC{0,200}", n in any::<usize>(), value in toml_value(), cut in proptest::option::of(any::<usize>()),
        year in any::<i64>(), name in "\\PC{0,8}", date in "\\PC{0,12}|20[0-9]{2}-[01][0-9]-[0-3][0-9]", off in any::<bool>(),
    ) {
        typed(YearTable::from_toml_str(&text))?;
        typed(YearTable::from_toml_str(&mutated(HOLIDAYS_2025, n, &value, cut)))?;
        let mut cal = HolidayCalendar::embedded();
        typed(cal.import_year_json(&text))?;
        let json = serde_json::json!({ "year": year, "days": [{ "name": name, "date": date, "isOffDay": off }] });
        typed(cal.import_year_json(&json.to_string()))?;
    }

    #[test]
    fn any_settings_file_is_settings_or_a_typed_error(
        text in "\\PC{0,120}", n in any::<usize>(), value in toml_value(), cut in proptest::option::of(any::<usize>()),
    ) {
        typed(ReminderSettings::from_toml_str(&text))?;
        typed(ReminderSettings::from_toml_str(&mutated(REMINDERS, n, &value, cut)))?;
        typed(Settings::from_toml_str(&text))?;
    }
}
