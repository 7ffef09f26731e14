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

/// The demo court's appellate court: the demo's cases are 深圳市龙华区人民法院's, whose appeals go to the
/// 广东省深圳市中级人民法院, so the demo's judgments carry a complete 上诉于 line.
pub const DEMO_APPELLATE_COURT: &str = "广东省深圳市中级人民法院";

/// Sets the demo court's appellate court in a store being filled with the demo, unless one is set already.
pub fn demo_court_settings(store: &mut Store) -> Result<(), ErrorBody> {
    if crate::court_profile::appellate_court(store)?.is_none() {
        crate::court_profile::set_appellate_court(store, DEMO_APPELLATE_COURT)?;
    }
    Ok(())
}
