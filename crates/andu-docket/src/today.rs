//! 今日 as the screen shows it: the count of each section (已超期, 今日到期, 今日开庭, 本周, 审限预警, 近30日), the
//! first rows of each, the judges to filter by, the provisional years and what could not be computed — sorted here,
//! over the stored due rows (see [`crate::due_rows`]), so the screen receives a page of rows, not the tens of
//! thousands of items a division has in a year (issue #13: 50,501 at 100,000 cases).
//!
//! One reading serves the whole screen: periods and hearings up to [`LATER_DAYS`] ahead, 审限 up to
//! [`LIMITS_AHEAD_DAYS`] ahead and every overdue one. "显示更多" asks again with more rows for that section.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use andu_core::{Coded, ErrorBody};
use andu_deadline::Tier;
use andu_store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Docket, DueItem, DueReport, URGENT_AHEAD_DAYS, UnresolvedItem, due_window, reminder_states};

/// 本周: periods ending in the next 7 days.
pub const WEEK_DAYS: i64 = 7;
/// 近30日: periods ending in 8 to 30 days.
pub const LATER_DAYS: i64 = 30;
const LATER_FROM: i64 = WEEK_DAYS + 1;
/// 审限预警 needs the 远期 tier (2/3 of the 审限 elapsed), which for a civil case is months before the last day.
pub const LIMITS_AHEAD_DAYS: i64 = 366;
/// Rows of a section sent when the screen asks for none in particular.
pub const DEFAULT_ROWS: usize = 50;
/// Rows of one section at most in one answer: a page, never the whole year again.
pub const MAX_ROWS: usize = 2000;

/// A section of 今日, in the screen's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TodaySection {
    /// 已超期: periods that ended in the last 7 days and every overdue 审限.
    Overdue,
    /// 今日到期
    DueToday,
    /// 今日开庭, by time.
    Hearings,
    /// 本周
    Week,
    /// 审限预警: 审限 in 远期/中期/紧急 not yet due, the most pressing tier first.
    Limits,
    /// 近30日
    Later,
}

impl TodaySection {
    pub const ALL: [TodaySection; 6] = [
        TodaySection::Overdue,
        TodaySection::DueToday,
        TodaySection::Hearings,
        TodaySection::Week,
        TodaySection::Limits,
        TodaySection::Later,
    ];

    /// The section `item` is listed in on `today`, if any: a 审限 in 正常 or 中止 is not shown, nor a period more
    /// than 30 days ahead, nor a hearing on another day (the calendar has those).
    pub fn of(item: &DueItem, today: NaiveDate) -> Option<TodaySection> {
        let days = (item.due - today).num_days();
        if item.kind == "hearing" {
            return (days == 0).then_some(TodaySection::Hearings);
        }
        let limit = item.kind == "trial_limit";
        if limit && item.tier == Tier::Suspended {
            return None;
        }
        match days {
            ..0 => Some(TodaySection::Overdue),
            0 => Some(TodaySection::DueToday),
            _ if limit => {
                matches!(item.tier, Tier::Early | Tier::Middle | Tier::Urgent).then_some(TodaySection::Limits)
            }
            1..=WEEK_DAYS => Some(TodaySection::Week),
            LATER_FROM..=LATER_DAYS => Some(TodaySection::Later),
            _ => None,
        }
    }
}

/// What 今日 asks for.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TodayQuery {
    /// Only this 承办法官's items; none or empty: everyone's.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub judge: Option<String>,
    /// The first rows of each section to send ([`DEFAULT_ROWS`] when 0); the counts cover every item.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rows: Option<usize>,
    /// More rows for the sections "显示更多" was clicked in (at most [`MAX_ROWS`]).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub more: Option<BTreeMap<TodaySection, usize>>,
}

/// One section: how many items it has and the first of them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TodaySectionPage {
    pub section: TodaySection,
    /// Every item of the section (for the judge asked), not only the rows sent.
    pub total: usize,
    pub items: Vec<DueItem>,
}

/// How many listed dates of a year are provisional (its holiday table is not imported, domain.md §0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvisionalYear {
    pub year: i32,
    pub n: usize,
}

/// The 今日 screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TodayView {
    pub today: NaiveDate,
    /// In the screen's order ([`TodaySection::ALL`]).
    pub sections: Vec<TodaySectionPage>,
    /// The judges with an item listed (whatever judge was asked), for the filter.
    pub judges: Vec<String>,
    /// Provisional dates among the listed items (whatever judge was asked), by year.
    pub provisional: Vec<ProvisionalYear>,
    /// What could not be computed (a year without holiday data): shown, never dropped.
    pub unresolved: Vec<UnresolvedItem>,
    /// The nav item's and the tray's count ([`Docket::urgent_count`]).
    pub urgent: usize,
    /// The reminder tiers in force, which decide 审限预警 (the section's hint states them).
    pub reminders: andu_deadline::ReminderSettings,
    /// The sections' windows in days, for their hints.
    pub windows: TodayWindows,
}

/// How many days each section of 今日 looks back or ahead: the hints show these, never numbers of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TodayWindows {
    /// 已超期 lists periods that ended up to this many days ago ([`crate::RECENT_DAYS`]).
    pub recent_days: i64,
    /// 本周: periods ending in 1 to this many days ([`WEEK_DAYS`]).
    pub week_days: i64,
    /// 近30日: periods ending after 本周 up to this many days ([`LATER_DAYS`]).
    pub later_days: i64,
}

impl TodayWindows {
    pub const IN_FORCE: TodayWindows =
        TodayWindows { recent_days: crate::RECENT_DAYS, week_days: WEEK_DAYS, later_days: LATER_DAYS };
}

/// The order within a section: by day, time, case and the case's own order (as read); 审限预警 by tier first.
fn tier_rank(tier: Tier) -> u8 {
    match tier {
        Tier::Overdue => 0,
        Tier::Urgent => 1,
        Tier::Middle => 2,
        Tier::Early => 3,
        Tier::Normal => 4,
        Tier::Suspended => 5,
    }
}

/// The name [`Store::memoized`] keeps 今日's items under.
const TODAY_ITEMS: &str = "today-items";

/// The tray's count ([`Docket::urgent_count`]) of `items` read without their states: each item's state is looked up
/// only when it would notify without one.
fn urgent_of(
    items: &[DueItem],
    states: &HashMap<String, crate::ReminderState>,
    today: NaiveDate,
    urgent_to: NaiveDate,
) -> usize {
    items
        .iter()
        .filter(|i| i.due <= urgent_to && crate::notifies(i, today))
        .filter(|i| states.get(&i.key).is_none_or(|s| !s.done && s.snoozed_until.is_none_or(|d| d <= today)))
        .count()
}

impl Docket {
    /// What 今日's kept items depend on besides the store: the rules and holidays, the day, the tiers in force.
    fn today_version(&self, today: NaiveDate) -> String {
        format!("{}|{today}|{:?}", self.due_version(), self.reminders)
    }

    /// The tray's count from 今日's items when they are kept for `today` (the app asks it right after 今日).
    pub(crate) fn kept_urgent(&self, store: &Store, today: NaiveDate) -> Result<Option<usize>, ErrorBody> {
        let version = self.today_version(today);
        let Some(kept) = store.memo_kept::<DueReport>(TODAY_ITEMS, &version).map_err(|e| e.to_body())? else {
            return Ok(None);
        };
        let (_, urgent_to) = due_window(today, URGENT_AHEAD_DAYS)?;
        Ok(Some(urgent_of(&kept.items, &reminder_states(store)?, today, urgent_to)))
    }

    /// 今日 on `today`: every section's count and first rows (see the module's documentation).
    pub fn today(&self, store: &mut Store, today: NaiveDate, query: &TodayQuery) -> Result<TodayView, ErrorBody> {
        let (recent, horizon) = due_window(today, LATER_DAYS)?;
        let (_, limits_to) = due_window(today, LIMITS_AHEAD_DAYS)?;
        let (_, urgent_to) = due_window(today, URGENT_AHEAD_DAYS)?;
        // The items of the day are kept while the store, the day and the tiers in force are unchanged (their
        // 完成/稍后提醒 are settings, read each time): at a million cases reading them is ~120,000 rows to decode.
        let kept: std::sync::Arc<DueReport> = store.memoized(TODAY_ITEMS, &self.today_version(today), |store| {
            self.between_stored(store, today, recent, horizon, limits_to, true, false)
        })?;
        let items = &kept.items;
        let states = reminder_states(store)?;
        let with_state = |item: &DueItem| {
            let mut item = item.clone();
            if let Some(state) = states.get(&item.key) {
                item.done = state.done;
                item.snoozed_until = state.snoozed_until;
            }
            item
        };
        // The tray's count over its own window, from the rows read here (the reminders' window lies within).
        let urgent = urgent_of(items, &states, today, urgent_to);

        let judge = query.judge.as_deref().filter(|j| !j.trim().is_empty());
        let mut listed: BTreeMap<TodaySection, Vec<usize>> = BTreeMap::new();
        let mut judges = BTreeSet::new();
        let mut provisional: BTreeMap<i32, usize> = BTreeMap::new();
        for (n, item) in items.iter().enumerate() {
            let Some(section) = TodaySection::of(item, today) else { continue };
            if !item.judge.trim().is_empty() {
                judges.insert(item.judge.as_str());
            }
            if let Some(p) = &item.provisional {
                *provisional.entry(p.year).or_default() += 1;
            }
            if judge.is_none_or(|j| j == item.judge) {
                listed.entry(section).or_default().push(n);
            }
        }
        if let Some(limits) = listed.get_mut(&TodaySection::Limits) {
            // Stable: within a tier, the order read (day, time, case).
            limits.sort_by_key(|&n| tier_rank(items[n].tier));
        }
        let judges: Vec<String> = judges.into_iter().map(str::to_string).collect();
        let default_rows = query.rows.filter(|&r| r > 0).unwrap_or(DEFAULT_ROWS).min(MAX_ROWS);
        let sections = TodaySection::ALL
            .iter()
            .map(|&section| {
                let picked = listed.remove(&section).unwrap_or_default();
                let rows = query
                    .more
                    .as_ref()
                    .and_then(|m| m.get(&section))
                    .copied()
                    .unwrap_or(default_rows)
                    .clamp(default_rows, MAX_ROWS);
                let items = picked.iter().take(rows).map(|&n| with_state(&items[n])).collect();
                TodaySectionPage { section, total: picked.len(), items }
            })
            .collect();
        Ok(TodayView {
            today,
            sections,
            judges,
            provisional: provisional.into_iter().map(|(year, n)| ProvisionalYear { year, n }).collect(),
            unresolved: kept.unresolved.clone(),
            urgent,
            reminders: self.reminders.clone(),
            windows: TodayWindows::IN_FORCE,
        })
    }
}

#[cfg(test)]
mod tests;
