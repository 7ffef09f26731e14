//! The holiday tables: embedded files, cross-check against the notice data, imports and their validation.

use andu_core::Coded;
use andu_deadline::settings::AdjustedWorkdays;
use andu_deadline::{DayKind, HolidayCalendar, YearTable};

use crate::support::{NOTICE_2027, cal, d};

#[test]
fn embedded_tables_parse_and_cover_2024_to_2026() {
    let cal = cal();
    assert_eq!(cal.years().collect::<Vec<_>>(), [2024, 2025, 2026]);
    for y in 2024..=2026 {
        let text =
            std::fs::read_to_string(format!("{}/../../assets/holidays/{y}.toml", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert_eq!(YearTable::from_toml_str(&text).unwrap().year, y);
    }
}

#[test]
fn weekdays_weekends_holidays_and_adjusted_days() {
    let cal = cal();
    assert_eq!(cal.day_kind(d("2025-10-09")).unwrap(), DayKind::Working);
    assert_eq!(cal.day_kind(d("2025-10-05")).unwrap(), DayKind::Holiday("国庆节、中秋节"));
    assert_eq!(cal.day_kind(d("2025-09-28")).unwrap(), DayKind::AdjustedWorkday("国庆节、中秋节"));
    assert_eq!(cal.day_kind(d("2025-03-08")).unwrap(), DayKind::Weekend);
    // A weekday off because of 调休 is a rest day (2026-02-23 is a Monday).
    assert!(!cal.is_working_day(d("2026-02-23")).unwrap());
    assert!(cal.is_working_day(d("2026-02-28")).unwrap());
    // The §0 setting can be turned the other way.
    let strict = cal.clone().with_adjusted_workdays(AdjustedWorkdays::Rest);
    assert!(!strict.is_working_day(d("2026-02-28")).unwrap());
}

/// The project's own tables agree, day by day and name by name, with the State Council data in shared/.
#[test]
fn tables_match_shared_notice_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/holidays-cn");
    if !dir.exists() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    let cal = cal();
    for y in 2024..=2026 {
        let json = std::fs::read_to_string(dir.join(format!("{y}.json"))).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let days = value["days"].as_array().unwrap();
        let mut listed = 0;
        for day in days {
            let date = d(day["date"].as_str().unwrap());
            let name = day["name"].as_str().unwrap();
            let expected = if day["isOffDay"].as_bool().unwrap() {
                DayKind::Holiday(name)
            } else {
                DayKind::AdjustedWorkday(name)
            };
            assert_eq!(cal.day_kind(date).unwrap(), expected, "{date}");
            listed += 1;
        }
        let ours = cal.year_table(y).unwrap();
        let count: usize = ours.holidays.iter().map(|h| h.off.len() + h.work.len()).sum();
        assert_eq!(count, listed, "{y}: our table lists days the notice does not");
        // And the import path reads the same file to the same calendar.
        let mut imported = HolidayCalendar::new();
        assert_eq!(imported.import_year_json(&json).unwrap(), y);
        for day in days {
            let date = d(day["date"].as_str().unwrap());
            assert_eq!(imported.day_kind(date).unwrap(), cal.day_kind(date).unwrap());
        }
    }
}

#[test]
fn an_administrator_can_import_a_new_year() {
    let mut cal = cal();
    let err = cal.is_working_day(d("2027-02-08")).unwrap_err();
    assert_eq!(err.code(), "holiday_data_missing");
    assert_eq!(cal.import_year_json(NOTICE_2027).unwrap(), 2027);
    assert!(!cal.is_working_day(d("2027-02-08")).unwrap());
    assert!(cal.is_working_day(d("2027-02-14")).unwrap());
    // The stored form re-imports to the same table.
    let table = cal.year_table(2027).unwrap().clone();
    assert_eq!(YearTable::from_notice_json(&table.to_notice_json()).unwrap().holidays.len(), table.holidays.len());
    // Re-importing a year replaces it.
    assert_eq!(cal.import_year_json(NOTICE_2027).unwrap(), 2027);
}

#[test]
fn a_notice_may_list_days_of_the_neighbouring_year() {
    // The 2027 notice moving 2026-12-31 (a Thursday) to a day off is accepted and merged.
    let json = NOTICE_2027.replace(
        r#"{"name":"元旦","date":"2027-01-01","isOffDay":true},"#,
        r#"{"name":"元旦","date":"2026-12-31","isOffDay":true},{"name":"元旦","date":"2027-01-01","isOffDay":true},"#,
    );
    let mut cal = cal();
    assert!(cal.is_working_day(d("2026-12-31")).unwrap());
    cal.import_year_json(&json).unwrap();
    assert_eq!(cal.day_kind(d("2026-12-31")).unwrap(), DayKind::Holiday("元旦"));
}

#[test]
fn invalid_imports_are_typed_errors_with_reasons() {
    let cases: &[(&str, &str)] = &[
        (r#"{"year":2027,"days":[]}"#, "放假日"),
        (r#"{"year":2027}"#, "JSON"),
        ("not json", "JSON"),
        (r#"{"year":3000,"days":[]}"#, "年份"),
        (&NOTICE_2027.replace("2027-10-02", "2027-02-30"), "该月没有这一天"),
        (&NOTICE_2027.replace("2027-10-02", "2029-10-02"), "不在"),
        (&NOTICE_2027.replace(r#""2027-02-14","isOffDay":false"#, r#""2027-02-13","isOffDay":false"#), "重复"),
        (&NOTICE_2027.replace("2027-02-14", "2027-02-15"), "不是周六或周日"),
        (&NOTICE_2027.replace(r#""name":"元旦""#, r#""name":" ""#), "名称"),
    ];
    for (json, reason) in cases {
        let mut cal = cal();
        let err = cal.import_year_json(json).unwrap_err();
        assert_eq!(err.code(), "holiday_table_invalid", "{json}");
        assert!(err.to_string().contains(reason), "{err} should mention {reason}");
        assert!(!cal.has_year(2027));
    }
}

#[test]
fn a_neighbouring_table_that_contradicts_a_loaded_one_is_refused() {
    // A 2026 table may make a late-December 2025 Saturday a working day; a 2025 table calling the same day a
    // holiday then contradicts it.
    let mut cal = cal();
    let text =
        std::fs::read_to_string(format!("{}/../../assets/holidays/2026.toml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut table = YearTable::from_toml_str(&text).unwrap();
    table.holidays[0].work.push(d("2025-12-27")); // a Saturday: fine on its own
    cal.insert_year(table).unwrap();
    let mut other = cal.year_table(2025).unwrap().clone();
    other.holidays[0].off.push(d("2025-12-27"));
    let err = cal.insert_year(other).unwrap_err();
    assert_eq!(err.code(), "holiday_table_invalid");
    assert!(err.to_string().contains("2025-12-27"), "{err}");
    // The calendar is unchanged after a refused insert.
    assert!(cal.is_working_day(d("2025-12-27")).unwrap());
}

#[test]
fn toml_tables_reject_typos() {
    for (text, reason) in [
        ("year = 2025\n[[holiday]]\nname = \"元旦\"\noffs = [\"2025-01-01\"]", "TOML"),
        ("year = 2025\n[[holiday]]\nname = \"春节\"\noff = [\"2025-02-04..2025-01-28\"]", "区间"),
    ] {
        let err = YearTable::from_toml_str(text).unwrap_err();
        assert_eq!(err.code(), "holiday_table_invalid");
        assert!(err.to_string().contains(reason), "{err}");
    }
}
