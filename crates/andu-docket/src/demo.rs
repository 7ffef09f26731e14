//! The demo store's cases, for `andu demo` and the app's demo alike: hearings fall on the court's working days by
//! the holiday table in force (weekends only where a year has no table), so the demo never summons parties for
//! 元旦 or a Saturday.

use andu_core::{CaseInput, Coded, ErrorBody};
use andu_store::Store;
use andu_store::exchange::ImportReport;
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};

use crate::Docket;

pub fn demo_cases(store: &Store, today: NaiveDate, count: usize, seed: u64) -> Result<Vec<CaseInput>, ErrorBody> {
    let calendar = Docket::for_store(store)?.calendar;
    let weekday = |d: NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    Ok(andu_store::demo::generate_with(today, count, seed, &|d| calendar.is_working_day(d).unwrap_or(weekday(d))))
}

/// Fills `store` with `count` demo cases (and the fixed one) as they are generated, a batch to a transaction
/// (`Store::fill_demo`: memory flat at any size), then builds what the store keeps derived from its cases — the
/// statistics' facts, the due items of pending cases, the search docs — each by one scan, so the demo store is
/// as a used store is and its first `stats`, `due` or search does not build them.
pub fn fill_demo(
    store: &mut Store,
    today: NaiveDate,
    count: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<ImportReport, ErrorBody> {
    let calendar = Docket::for_store(store)?.calendar;
    let weekday = |d: NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let working_day = |d: NaiveDate| calendar.is_working_day(d).unwrap_or(weekday(d));
    store.bulk(|store| {
        let cases = andu_store::demo::cases(today, count, seed, &working_day);
        let report = store.fill_demo(cases, now).map_err(|e| e.to_body())?;
        build_derived(store)?;
        Ok(report)
    })
}

/// Brings every derived row of the store up to date without reading them out (a demo or a large import: the
/// first command after it answers from the rows instead of building them).
pub fn build_derived(store: &mut Store) -> Result<(), ErrorBody> {
    crate::statistics::StatsFacts::build(store)?;
    Docket::for_store(store)?.build_due(store)?;
    store.search("案牍", 1).map_err(|e| e.to_body())?;
    Ok(())
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
