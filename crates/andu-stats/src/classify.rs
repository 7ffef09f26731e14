//! The one place that decides which numbers a case counts in. [`crate::compute()`] adds the flags up and
//! [`crate::drill_down()`] lists the cases that carry a flag, so a number and its drill-down cannot disagree.

use std::collections::HashMap;

use andu_core::{AppealOutcome, ClosingMethod, ErrorBody, Procedure};
use andu_deadline::HolidayCalendar;
use chrono::NaiveDate;

use crate::definitions::Definitions;
use crate::facts::CaseFacts;
use crate::period::{Period, plus_months};

pub(crate) const RECEIVED: u32 = 1;
pub(crate) const PENDING_START: u32 = 1 << 1;
pub(crate) const CLOSED: u32 = 1 << 2;
pub(crate) const PENDING_END: u32 = 1 << 3;
pub(crate) const OVER_12M: u32 = 1 << 4;
pub(crate) const OVER_18M: u32 = 1 << 5;
pub(crate) const OVER_36M: u32 = 1 << 6;
/// Closed in the period by 调解 or 撤诉.
pub(crate) const MEDIATED_WITHDRAWN: u32 = 1 << 7;
/// Closed in the period with at least one extension.
pub(crate) const EXTENDED: u32 = 1 << 8;
/// Closed in the period by 判决 or 驳回起诉 (the 上诉率 denominator).
pub(crate) const APPEALABLE: u32 = 1 << 9;
/// [`APPEALABLE`] and appealed.
pub(crate) const APPEALED: u32 = 1 << 10;
/// Closed in the period; the appeal ended in 改判.
pub(crate) const REVERSED: u32 = 1 << 11;
/// Closed in the period; the appeal ended in 发回重审.
pub(crate) const REMANDED: u32 = 1 << 12;
/// Closed in the period under a first-instance procedure: one 案 of 案-件比.
pub(crate) const FIRST_INSTANCE: u32 = 1 << 13;
/// [`FIRST_INSTANCE`] with an appeal recorded: one more 件.
pub(crate) const FIRST_INSTANCE_APPEALED: u32 = 1 << 14;
/// Received in the period under a 成讼 procedure (万人成讼率).
pub(crate) const LITIGATION: u32 = 1 << 15;

pub(crate) const OVER: [(u32, u32); 3] = [(12, OVER_12M), (18, OVER_18M), (36, OVER_36M)];

/// What is fixed for one computation: the period, the "filed + N months < to" thresholds, the procedure sets.
pub(crate) struct Ctx {
    pub period: Period,
    /// For N = 12, 18, 36: the latest 立案 date with `filed + N months < to` (`None`: no such date).
    over_last_filed: [Option<NaiveDate>; 3],
    litigation: [bool; Procedure::ALL.len()],
    first_instance: [bool; Procedure::ALL.len()],
}

fn procedure_index(p: Procedure) -> usize {
    Procedure::ALL.iter().position(|q| *q == p).expect("every procedure is in ALL")
}

fn procedure_set(ps: &[Procedure]) -> [bool; Procedure::ALL.len()] {
    let mut set = [false; Procedure::ALL.len()];
    for p in ps {
        set[procedure_index(*p)] = true;
    }
    set
}

/// `plus_months(filed, n) < to` is monotone in `filed` (month arithmetic never goes backwards), so the dates that
/// satisfy it are exactly those up to one threshold. Found by starting at `to − n months` and stepping.
fn last_filed_over(to: NaiveDate, n: u32) -> Option<NaiveDate> {
    let over = |d: NaiveDate| plus_months(d, n).is_some_and(|e| e < to);
    let mut t = to.checked_sub_months(chrono::Months::new(n))?;
    while let Some(next) = t.succ_opt().filter(|d| over(*d)) {
        t = next;
    }
    while !over(t) {
        t = t.pred_opt()?;
    }
    Some(t)
}

impl Ctx {
    pub fn new(period: Period, defs: &Definitions) -> Self {
        Self {
            period,
            over_last_filed: OVER.map(|(n, _)| last_filed_over(period.to, n)),
            litigation: procedure_set(&defs.litigation_procedures),
            first_instance: procedure_set(&defs.first_instance_procedures),
        }
    }

    pub fn flags(&self, c: &CaseFacts) -> u32 {
        let Period { from, to } = self.period;
        let mut f = 0;
        if from <= c.filed && c.filed <= to {
            f |= RECEIVED;
            if self.litigation[procedure_index(c.procedure)] {
                f |= LITIGATION;
            }
        }
        if c.filed < from && c.closed.is_none_or(|d| d >= from) {
            f |= PENDING_START;
        }
        if c.filed <= to && c.closed.is_none_or(|d| d > to) {
            f |= PENDING_END;
            for (i, (_, flag)) in OVER.iter().enumerate() {
                if self.over_last_filed[i].is_some_and(|last| c.filed <= last) {
                    f |= flag;
                }
            }
        }
        if let Some(closed) = c.closed
            && from <= closed
            && closed <= to
        {
            f |= CLOSED;
            let method = c.closing_method;
            if matches!(method, Some(ClosingMethod::Mediation | ClosingMethod::Withdrawal)) {
                f |= MEDIATED_WITHDRAWN;
            }
            if !c.extensions.is_empty() {
                f |= EXTENDED;
            }
            if matches!(method, Some(ClosingMethod::Judgment | ClosingMethod::Dismissal)) {
                f |= APPEALABLE;
                if c.appeal.is_some() {
                    f |= APPEALED;
                }
            }
            match c.appeal.and_then(|a| a.outcome) {
                Some(AppealOutcome::Reversed) => f |= REVERSED,
                Some(AppealOutcome::Remanded) => f |= REMANDED,
                _ => {}
            }
            if self.first_instance[procedure_index(c.procedure)] {
                f |= FIRST_INSTANCE;
                if c.appeal.is_some() {
                    f |= FIRST_INSTANCE_APPEALED;
                }
            }
        }
        f
    }
}

/// 审限届满日 per the deadline engine, remembered for cases without extensions, deductions or 审限 节点 (their due date
/// depends only on procedure, custody and 立案, so a court's thousands of plain cases share a few hundred), and for
/// the others by case across computations through a [`LimitCache`].
pub(crate) struct Limits<'a> {
    cal: &'a HolidayCalendar,
    maps: Maps<'a>,
}

enum Maps<'a> {
    Own(LimitMaps),
    Shared(std::sync::MutexGuard<'a, LimitMaps>),
}

type Due = Result<NaiveDate, ErrorBody>;

#[derive(Default)]
struct LimitMaps {
    /// The calendar the dates were computed with ([`HolidayCalendar::fingerprint`]); another one empties the maps.
    calendar: Option<u64>,
    plain: HashMap<(Procedure, bool, NaiveDate), Due>,
    /// By the case's place in its list (the facts are not moved while kept): the cases whose 审限 depends on more
    /// than procedure, custody and 立案. The rare error boxed, so an entry is a few words.
    recorded: HashMap<usize, Result<NaiveDate, Box<ErrorBody>>>,
}

/// The 审限届满日 of one list of facts, kept between computations over it (a new period, scope or indicator of the
/// app's 统计 at a million cases computed ~40,000 审限 with extensions or deductions again each time; the deadline
/// engine is the costly part of [`crate::compute()`]). Belongs to one list of facts, which must not move or change
/// while the cache is used with it: a case is known by its place in memory (a word, not its 案号), so a list read
/// again after the store changed needs a new cache. A calendar other than the one the dates were computed with
/// empties it.
#[derive(Default)]
pub struct LimitCache {
    maps: std::sync::Mutex<LimitMaps>,
}

impl LimitCache {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<'a> Limits<'a> {
    pub fn new(cal: &'a HolidayCalendar) -> Self {
        Self { cal, maps: Maps::Own(LimitMaps::default()) }
    }

    /// Computing through `cache` (a panic elsewhere while it was held leaves nothing half-written: taken over).
    pub fn cached(cal: &'a HolidayCalendar, cache: &'a LimitCache) -> Self {
        let mut maps = cache.maps.lock().unwrap_or_else(|e| e.into_inner());
        let fingerprint = cal.fingerprint();
        if maps.calendar != Some(fingerprint) {
            *maps = LimitMaps { calendar: Some(fingerprint), ..LimitMaps::default() };
        }
        Self { cal, maps: Maps::Shared(maps) }
    }

    fn maps(&mut self) -> &mut LimitMaps {
        match &mut self.maps {
            Maps::Own(m) => m,
            Maps::Shared(m) => m,
        }
    }

    fn compute(&self, c: &CaseFacts) -> Due {
        use andu_core::Coded;
        // A provisional 审限 (domain.md §0: its year has no holiday table) cannot decide 审限内结案: counted as unknown
        // under the reason the exact computation lacks (`holiday_data_missing`).
        match andu_deadline::trial_limit(&c.trial_limit_input(), self.cal) {
            Ok(t) => match t.provisional {
                Some(p) => Err(p.error().to_body()),
                None => Ok(t.due),
            },
            Err(e) => Err(e.to_body()),
        }
    }

    pub fn due(&mut self, c: &CaseFacts) -> Due {
        if c.extensions.is_empty() && c.deductions.is_empty() && c.limit_events.is_empty() {
            let key = (c.procedure, c.custody, c.filed);
            if let Some(r) = self.maps().plain.get(&key) {
                return r.clone();
            }
            let r = self.compute(c);
            self.maps().plain.insert(key, r.clone());
            r
        } else if matches!(self.maps, Maps::Own(_)) {
            // Within one computation each case is met once.
            self.compute(c)
        } else {
            let at = std::ptr::from_ref(c) as usize;
            if let Some(r) = self.maps().recorded.get(&at) {
                return r.clone().map_err(|e| *e);
            }
            let r = self.compute(c);
            self.maps().recorded.insert(at, r.clone().map_err(Box::new));
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        andu_core::date::parse_date(s).unwrap()
    }

    #[test]
    fn over_threshold_is_the_last_filing_date_that_counts() {
        // 2024-03-15 + 12 months = 2025-03-15, not before 2025-03-15; 2024-03-14 is.
        assert_eq!(last_filed_over(d("2025-03-15"), 12), Some(d("2024-03-14")));
        // Month ends: 2024-02-29 + 12 months = 2025-02-28 < 2025-03-01; 2024-03-01 + 12 = 2025-03-01 is not.
        assert_eq!(last_filed_over(d("2025-03-01"), 12), Some(d("2024-02-29")));
        // 2023-08-31 + 18 months = 2025-02-28 < 2025-03-01; 2023-09-01 + 18 = 2025-03-01 is not.
        assert_eq!(last_filed_over(d("2025-03-01"), 18), Some(d("2023-08-31")));
        for to in ["2025-01-31", "2025-02-28", "2024-02-29", "2025-03-31", "2025-12-01"] {
            let to = d(to);
            for n in [12, 18, 36] {
                let last = last_filed_over(to, n).unwrap();
                assert!(plus_months(last, n).unwrap() < to);
                assert!(plus_months(last.succ_opt().unwrap(), n).unwrap() >= to);
            }
        }
    }
}
