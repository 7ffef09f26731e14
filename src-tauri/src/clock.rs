//! The app's one reading of the day. Every command and the reminders' background pass take *today* from here: the
//! court day (Beijing time, `andu_core::clock`) of this instant, whatever zone the computer is set to, so 今日, a
//! 阅核 round's days and a 评查 deadline count on the clock the records are dated by.

use chrono::NaiveDate;

use crate::error::{CmdResult, coded};

/// Today by the court's clock.
pub fn today() -> NaiveDate {
    andu_core::court_day_of(chrono::Utc::now())
}

/// An explicit `today` (tests, "what if") wins; else [`today`].
pub fn today_or(arg: Option<String>) -> CmdResult<NaiveDate> {
    match arg {
        Some(s) => andu_core::date::parse_date(&s).map_err(coded),
        None => Ok(today()),
    }
}
