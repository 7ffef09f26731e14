//! The court clock. Chinese courts count days in Beijing time (UTC+8, no daylight saving): a period's first day,
//! *today* on the 今日 screen, the day a 阅核 round was sent or a 评查 outcome recorded are all days on that clock,
//! whatever zone the computer is set to. This is the one place the Rust code turns an instant into a day; the
//! shells read the clock (`Utc::now()`) and pass the instant here, everything below takes the day.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Beijing time's offset from UTC, in seconds (UTC+8 all year: China keeps no daylight saving).
pub const COURT_UTC_OFFSET_SECONDS: i32 = 8 * 3600;

/// Beijing time as a chrono offset.
pub fn court_offset() -> FixedOffset {
    // A constant well inside ±24 h, which `east_opt` never refuses: no input reaches this.
    FixedOffset::east_opt(COURT_UTC_OFFSET_SECONDS).expect("UTC+8 is a valid offset")
}

/// The day `instant` falls on in the courts' calendar: from 16:00 UTC on it is already the next day in China.
pub fn court_day_of(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&court_offset()).date_naive()
}

/// The court day of a stored stamp (RFC 3339, any offset — the store writes UTC); `None` when it is no stamp.
pub fn court_day(stamp: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(stamp).ok().map(|t| court_day_of(t.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn an_instant_is_dated_by_beijing_time() {
        for (instant, day) in [
            ("2026-03-01T00:00:00Z", "2026-03-01"),
            ("2026-03-01T15:59:59Z", "2026-03-01"),
            ("2026-03-01T16:00:00Z", "2026-03-02"),
            ("2026-02-28T23:59:59+08:00", "2026-02-28"),
            // Year end: the evening of 31 December in UTC is already New Year's Day in China.
            ("2026-12-31T15:59:59Z", "2026-12-31"),
            ("2026-12-31T16:00:00Z", "2027-01-01"),
            ("2026-12-31T16:30:00Z", "2027-01-01"),
            // Leap day.
            ("2028-02-28T16:00:00Z", "2028-02-29"),
            ("2028-02-29T15:59:59Z", "2028-02-29"),
            ("2028-02-29T16:00:00Z", "2028-03-01"),
            // A stamp with another offset names the same instant: 2026-03-01 20:00 in Los Angeles is 04:00 UTC on
            // the 2nd, noon in Beijing.
            ("2026-03-01T20:00:00-08:00", "2026-03-02"),
        ] {
            assert_eq!(court_day_of(at(instant)).to_string(), day, "{instant}");
            assert_eq!(court_day(instant).map(|d| d.to_string()).as_deref(), Some(day), "{instant}");
        }
    }

    #[test]
    fn the_offset_is_eight_hours_all_year() {
        // No daylight saving: midsummer and midwinter both at +08:00.
        for instant in ["2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z"] {
            assert_eq!(at(instant).with_timezone(&court_offset()).offset().local_minus_utc(), 8 * 3600);
        }
        assert_eq!(court_day_of(Utc.with_ymd_and_hms(2026, 7, 15, 16, 0, 0).unwrap()).to_string(), "2026-07-16");
    }

    #[test]
    fn what_is_no_stamp_has_no_day() {
        for s in ["", "not a stamp", "2026-03-01", "2026-03-01T16:00:00"] {
            assert_eq!(court_day(s), None, "{s}");
        }
    }
}
