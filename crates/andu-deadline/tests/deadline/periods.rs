//! Period arithmetic beyond the worked cases: months and years at month ends, periods counted backwards, hours,
//! the custody rule and the explanation lines.

use andu_core::Coded;
use andu_deadline::{
    Direction, HolidayCalendar, Length, MonthEnd, Regime, add_days, add_hours, add_months, count, shift_months,
};

use crate::support::{cal, d};

#[test]
fn month_arithmetic_follows_cc_202_and_crimpl_i_202() {
    let civil = |s: &str, n: i32| shift_months(d(s), n, MonthEnd::Corresponding).unwrap();
    let criminal = |s: &str, n: i32| shift_months(d(s), n, MonthEnd::CriminalLastDay).unwrap();
    assert_eq!(civil("2025-01-31", 1), d("2025-02-28"));
    assert_eq!(civil("2025-01-31", 2), d("2025-03-31"));
    assert_eq!(civil("2025-03-31", 6), d("2025-09-30"));
    assert_eq!(civil("2024-02-29", 12), d("2025-02-28"));
    assert_eq!(civil("2024-02-29", 48), d("2028-02-29"));
    assert_eq!(civil("2025-11-30", 3), d("2026-02-28"));
    assert_eq!(civil("2025-03-31", -1), d("2025-02-28"));
    // CrimPL-I 202: from a month's last day to the target month's last day.
    assert_eq!(criminal("2025-02-28", 1), d("2025-03-31"));
    assert_eq!(criminal("2025-04-30", 1), d("2025-05-31"));
    assert_eq!(criminal("2024-02-29", 1), d("2024-03-31"));
    assert_eq!(criminal("2025-02-27", 1), d("2025-03-27"));
    assert_eq!(criminal("2025-01-31", 1), d("2025-02-28"));
}

#[test]
fn explanation_names_rule_start_nominal_and_due() {
    let r = add_months(d("2025-03-31"), 6, Regime::Civil, &cal()).unwrap();
    assert_eq!(
        r.explanation[0],
        "起算：2025-03-31 当日不计入，自次日 2025-04-01 起算（《民事诉讼法》第八十五条第二款）"
    );
    assert!(
        r.explanation[1].contains(
            "到期月没有对应日（31日），以该月最后一日 2025-09-30（星期二）为届满日（《民法典》第二百零二条）"
        ),
        "{:?}",
        r.explanation
    );
    assert_eq!(r.explanation.last().unwrap(), "截止日期：2025-09-30（星期二）");
    assert_eq!(r.citation, "《民事诉讼法》第八十五条；《民法典》第二百零二条");

    let r = add_months(d("2025-02-28"), 1, Regime::Criminal, &cal()).unwrap();
    assert!(r.explanation[1].contains("起算日 2025-02-28 为月末"), "{:?}", r.explanation);
    assert!(r.explanation[1].contains("《最高人民法院关于适用〈刑事诉讼法〉的解释》第二百零二条"));
}

#[test]
fn adjusted_working_day_is_explained_as_a_setting() {
    let r = add_days(d("2025-09-13"), 15, Regime::Civil, &cal()).unwrap();
    assert!(
        r.explanation.iter().any(|l| l.contains("2025-09-28 为调休上班日（国庆节、中秋节），按工作日计算，不顺延"))
    );
    assert!(r.skipped.is_empty());
}

#[test]
fn custody_keeps_the_nominal_day_and_says_why() {
    let r = add_days(d("2025-09-20"), 15, Regime::CriminalCustody, &cal()).unwrap();
    assert_eq!(r.due, d("2025-10-05"));
    assert!(r.explanation.iter().any(|l| l.contains("在押") && l.contains("《刑事诉讼法》第一百零五条第四款")));
    // Without custody the criminal period rolls like a civil one (CrimPL 105 ¶4 first half).
    assert_eq!(add_days(d("2025-09-20"), 15, Regime::Criminal, &cal()).unwrap().due, d("2025-10-09"));
}

#[test]
fn admin_periods_cite_all_101() {
    let r = add_days(d("2025-09-20"), 15, Regime::Admin, &cal()).unwrap();
    assert_eq!(r.due, d("2025-10-09"));
    assert!(r.explanation[0].contains("《行政诉讼法》第一百零一条"));
}

#[test]
fn periods_counted_backwards_move_earlier_over_rest_days() {
    let r = count(d("2025-10-10"), Length::Days(3), Direction::Before, Regime::Civil, &cal()).unwrap();
    assert_eq!((r.nominal, r.due), (d("2025-10-07"), d("2025-09-30")));
    assert!(r.explanation.iter().any(|l| l == "2025-10-07 国庆节、中秋节 放假，提前"));
    let r = count(d("2025-03-20"), Length::Days(3), Direction::Before, Regime::Civil, &cal()).unwrap();
    assert_eq!(r.due, d("2025-03-17"));
}

#[test]
fn hour_periods_start_at_the_next_hour() {
    let start = d("2025-03-03").and_hms_opt(10, 20, 0).unwrap();
    let r = add_hours(start, 48).unwrap();
    assert_eq!(r.due, d("2025-03-05").and_hms_opt(11, 0, 0).unwrap());
    assert!(r.explanation[0].contains("2025-03-03 11:00"));
    // From a date only, the latest possible day, with a warning.
    let r = count(d("2025-03-03"), Length::Hours(48), Direction::After, Regime::Civil, &cal()).unwrap();
    assert_eq!(r.due, d("2025-03-05"));
    assert_eq!(r.warnings.len(), 1);
}

/// CPL 103 ¶3, 104 ¶2 (48 小时) and domain.md §0: hours are counted to the hour and never rolled — the roll of
/// CPL 85 ¶3 speaks of a last *day*. An urgent application received Tue 2025-09-30 is due 10-02, in 国庆; one
/// received on Friday 2025-03-07 is due on Sunday, not Monday.
#[test]
fn hour_periods_never_roll_over_rest_days() {
    for (received, due) in [("2025-09-30", "2025-10-02"), ("2025-03-07", "2025-03-09")] {
        let r = count(d(received), Length::Hours(48), Direction::After, Regime::Civil, &cal()).unwrap();
        assert_eq!(r.due, d(due), "{received}");
        assert!(r.skipped.is_empty(), "{received}: {:?}", r.skipped);
        assert!(r.explanation.iter().any(|l| l.contains("不因节假日顺延")), "{:?}", r.explanation);
    }
    let timed = add_hours(d("2025-09-30").and_hms_opt(10, 0, 0).unwrap(), 48).unwrap();
    assert_eq!(timed.due, d("2025-10-02").and_hms_opt(11, 0, 0).unwrap());
}

/// domain.md §0: a year without data is never treated as ordinary days. Counted forward, the last day is the
/// provisional nominal day (see `provisional.rs`); a calendar with no table at all gives the same mark.
#[test]
fn a_year_without_data_is_never_an_ordinary_year() {
    let r = add_days(d("2026-12-20"), 15, Regime::Civil, &cal()).unwrap();
    let p = r.provisional.expect("provisional while 2027 is missing");
    assert_eq!((p.year, p.code.as_str()), (2027, "holiday_data_missing"));
    assert!(p.reason.contains("导入"), "{}", p.reason);
    // A period from a covered year whose last day falls in the missing year.
    assert!(add_days(d("2026-12-30"), 3, Regime::Civil, &cal()).unwrap().provisional.is_some());
    let empty = HolidayCalendar::new();
    assert_eq!(add_days(d("2025-03-03"), 1, Regime::Civil, &empty).unwrap().provisional.map(|p| p.year), Some(2025));
    // Counted backward, no date is safe: still the error.
    let err = count(d("2027-01-10"), Length::Days(3), Direction::Before, Regime::Civil, &cal()).unwrap_err();
    assert_eq!(err.code(), "holiday_data_missing");
    assert!(err.to_string().contains("2027"), "{err}");
}

#[test]
fn late_december_results_warn_while_next_year_is_missing() {
    let r = add_days(d("2026-12-01"), 20, Regime::Civil, &cal()).unwrap();
    assert_eq!(r.due, d("2026-12-21"));
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.warnings[0].contains("2027"));
}

#[test]
fn lengths_parse_and_print() {
    for (text, length) in
        [("15d", Length::Days(15)), ("6m", Length::Months(6)), ("2y", Length::Years(2)), ("48h", Length::Hours(48))]
    {
        assert_eq!(Length::parse(text).unwrap(), length);
        assert_eq!(length.to_string(), text);
    }
    // The same reader as the command line: Chinese units, full-width digits, weeks as 7 days.
    for (text, length) in [("15日", Length::Days(15)), ("15 天", Length::Days(15)), ("６个月", Length::Months(6))]
    {
        assert_eq!(Length::parse(text).unwrap(), length, "{text}");
    }
    assert_eq!(Length::parse("2周").unwrap(), Length::Days(14));
    // Readable but not a period the law has: period_invalid; not a length at all: invalid_length.
    for bad in ["0d", "999m", "0日", "11年"] {
        assert_eq!(Length::parse(bad).unwrap_err().code(), "period_invalid", "{bad}");
    }
    for bad in ["", "d", "15", "-3d", "15x", "1.5m", "七天"] {
        assert_eq!(Length::parse(bad).unwrap_err().code(), "invalid_length", "{bad}");
    }
    assert_eq!(Regime::parse("criminal-custody").unwrap(), Regime::CriminalCustody);
    assert_eq!(Regime::parse("military").unwrap_err().code(), "period_invalid");
}

#[test]
fn results_serialize_with_the_cli_field_names() {
    let r = add_days(d("2025-09-20"), 15, Regime::Civil, &cal()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["due"], "2025-10-09");
    assert_eq!(json["nominal"], "2025-10-05");
    assert_eq!(json["length"], "15d");
    assert_eq!(json["regime"], "civil");
    assert!(json["explanation"].as_array().unwrap().iter().all(|l| l.is_string()));
    assert_eq!(json["skipped"][0]["reason"], "国庆节、中秋节 放假");
}
