use andu_deadline::HolidayCalendar;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

pub fn cal() -> HolidayCalendar {
    HolidayCalendar::embedded()
}

/// A 2027 notice for tests (the embedded tables end with 2026): 元旦, a 春节 block with a 调休上班 Sunday, 国庆.
pub const NOTICE_2027: &str = r#"{"year":2027,"papers":["https://example.invalid/2027"],"days":[
  {"name":"元旦","date":"2027-01-01","isOffDay":true},
  {"name":"春节","date":"2027-02-05","isOffDay":true},{"name":"春节","date":"2027-02-06","isOffDay":true},
  {"name":"春节","date":"2027-02-07","isOffDay":true},{"name":"春节","date":"2027-02-08","isOffDay":true},
  {"name":"春节","date":"2027-02-09","isOffDay":true},{"name":"春节","date":"2027-02-10","isOffDay":true},
  {"name":"春节","date":"2027-02-11","isOffDay":true},{"name":"春节","date":"2027-02-12","isOffDay":true},
  {"name":"春节","date":"2027-02-13","isOffDay":true},{"name":"春节","date":"2027-02-14","isOffDay":false},
  {"name":"国庆节","date":"2027-10-01","isOffDay":true},{"name":"国庆节","date":"2027-10-02","isOffDay":true}
]}"#;

/// The embedded calendar with [`NOTICE_2027`] imported: what the provisional dates of 2027 become exact under.
pub fn cal_2027() -> HolidayCalendar {
    let mut cal = cal();
    cal.import_year_json(NOTICE_2027).expect("test notice is valid");
    cal
}
