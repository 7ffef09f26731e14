use andu_deadline::HolidayCalendar;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

pub fn cal() -> HolidayCalendar {
    HolidayCalendar::embedded()
}
