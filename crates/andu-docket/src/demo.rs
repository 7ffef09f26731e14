//! The demo store's cases, for `andu demo` and the app's demo alike: hearings fall on the court's working days by
//! the holiday table in force (weekends only where a year has no table), so the demo never summons parties for
//! 元旦 or a Saturday.

use andu_core::{CaseInput, ErrorBody};
use andu_store::Store;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::Docket;

pub fn demo_cases(store: &Store, today: NaiveDate, count: usize, seed: u64) -> Result<Vec<CaseInput>, ErrorBody> {
    let calendar = Docket::for_store(store)?.calendar;
    let weekday = |d: NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    Ok(andu_store::demo::generate_with(today, count, seed, &|d| calendar.is_working_day(d).unwrap_or(weekday(d))))
}
