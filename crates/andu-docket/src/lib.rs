//! The docket joins the case store and the deadline engine: for one case, its 审限 and every derived party
//! period with explanations; across cases, what is due within N days (the 今日 dashboard, `andu due`).
//!
//! Must not: read the clock (`today` is a parameter), or write case data outside [`case_records`] (what a recorded
//! 节点 implies for the case: a conversion changes its 程序 in the same write; the documents generated for a case,
//! recorded on it).

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

use andu_core::{Coded, ErrorBody};
use andu_deadline::{
    CaseFacts, Deadline, HolidayCalendar, Provisional, RecordedEvent, ReminderSettings, RuleSet, Tier, TrialLimit,
    TrialLimitInput, TrialLimitStatus, Unresolved, derive_deadlines, party_period_status,
};
use andu_store::{CaseDetail, Store, Which};
use chrono::NaiveDate;
use serde::Serialize;

/// What the deadlines are computed with: the holiday calendar, the rule set and the reminder thresholds.
pub struct Docket {
    pub calendar: HolidayCalendar,
    pub rules: RuleSet,
    pub reminders: ReminderSettings,
}

/// The code of a case without 审限 (涉外, CPL 287): shown as such, never as a failure or an unresolved item.
pub const TRIAL_LIMIT_EXEMPT: &str = "trial_limit_exempt";

/// (name, party, trigger) → due date of every deadline of a case and whether it is provisional; `None` when it
/// cannot be computed.
type DueDates = std::collections::BTreeMap<(String, Option<String>, String), Option<(NaiveDate, bool)>>;

/// The 审限 of one pending case on `today` (the 统计 panel's "审限 status of open cases").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenLimit {
    pub case_no: String,
    pub cause: String,
    pub judge: String,
    pub division: String,
    pub procedure: String,
    pub filed: String,
    pub due: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub fraction_elapsed: Option<f64>,
    /// `None` when the 审限 cannot be computed (`error` says why).
    pub tier: Option<Tier>,
    pub tier_name: &'static str,
    pub error: Option<ErrorBody>,
    /// `due` is the provisional date of domain.md §0 (its year has no holiday table yet).
    pub provisional: Option<Provisional>,
}

/// A case whose procedure this version does not know matches no procedure or category filter (only "all").
fn limit_in_scope(row: &OpenLimit, scope: &andu_stats::Scope) -> bool {
    let procedure = andu_core::Procedure::parse(&row.procedure).ok();
    scope.division.as_deref().is_none_or(|d| d == row.division)
        && scope.judge.as_deref().is_none_or(|j| j == row.judge)
        && scope.procedure.is_none_or(|p| Some(p) == procedure)
        && scope.category.is_none_or(|k| procedure.is_some_and(|p| p.category() == k))
}

/// A deadline whose date changed with a new holiday table or rule set (`None`: could not be computed).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovedDeadline {
    pub case_no: String,
    pub name: String,
    pub party: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `from` was a provisional date (domain.md §0), now corrected by the imported year.
    pub from_provisional: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HolidayImport {
    pub year: i32,
    pub moved: Vec<MovedDeadline>,
}

/// A derived party/court period with its reminder state on `today`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadlineView {
    #[serde(flatten)]
    pub deadline: Deadline,
    pub days_left: i64,
    pub remind_on: NaiveDate,
    pub tier: Tier,
    pub tier_name: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseDeadlines {
    pub case_no: String,
    pub closed: bool,
    /// The 审限, unless there is none or it could not be computed; then `trial_limit_error` says why
    /// (`trial_limit_exempt`: a 涉外 case, CPL 287 — not a failure).
    pub trial_limit: Option<TrialLimitView>,
    pub trial_limit_error: Option<ErrorBody>,
    pub deadlines: Vec<DeadlineView>,
    pub unresolved: Vec<Unresolved>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrialLimitView {
    #[serde(flatten)]
    pub limit: TrialLimit,
    pub status: TrialLimitStatus,
}

/// One line of "what is due": a 审限, a party period or a hearing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueItem {
    /// Stable identity of this reminder (case, kind, name, party, date): what 完成/稍后提醒 are recorded against.
    pub key: String,
    /// Marked done by the user (it stays listed, greyed, until its date passes).
    pub done: bool,
    /// Snoozed until this day: no notification before it.
    pub snoozed_until: Option<NaiveDate>,
    pub case_no: String,
    pub cause: String,
    pub judge: String,
    /// `trial_limit`, `period` or `hearing`.
    #[cfg_attr(feature = "ts", ts(type = "\"trial_limit\" | \"period\" | \"hearing\""))]
    pub kind: &'static str,
    pub name: String,
    pub party: Option<String>,
    pub due: NaiveDate,
    /// Hearings: the start time (`YYYY-MM-DDTHH:MM`) and the courtroom.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub room: Option<String>,
    /// The stored record the item is (a hearing's id), when there is one: a hearing keeps it when it moves.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub record_id: Option<String>,
    pub days_left: i64,
    pub tier: Tier,
    pub tier_name: &'static str,
    pub citation: String,
    pub explanation: Vec<String>,
    /// `due` is the provisional date of domain.md §0: shown 暂定 with this reason, reminded on that date.
    pub provisional: Option<Provisional>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueReport {
    pub today: Option<NaiveDate>,
    pub within_days: i64,
    pub items: Vec<DueItem>,
    /// Deadlines that could not be computed (a year without holiday data): shown, never dropped.
    pub unresolved: Vec<UnresolvedItem>,
}

/// Why a listed item falls on its day: what a row of 今日 shows when opened (the list itself comes without it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemExplanation {
    pub key: String,
    pub citation: String,
    pub explanation: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnresolvedItem {
    pub case_no: String,
    pub name: String,
    pub error: ErrorBody,
}

impl Default for Docket {
    fn default() -> Self {
        Self::embedded()
    }
}

/// The case's recorded 节点 as the deadline engine reads them.
pub fn events_of(detail: &CaseDetail) -> Vec<RecordedEvent> {
    detail
        .events
        .iter()
        .filter_map(|e| {
            let date = andu_core::date::parse_date(&e.date).ok()?;
            let foreign =
                e.party.as_ref().is_some_and(|p| detail.parties_list.iter().any(|q| &q.name == p && q.foreign));
            Some(RecordedEvent {
                kind: e.kind.clone(),
                date,
                party: e.party.clone(),
                party_foreign: foreign,
                document: None,
            })
        })
        .collect()
}

impl Docket {
    pub fn embedded() -> Self {
        Docket {
            calendar: HolidayCalendar::embedded(),
            rules: RuleSet::embedded(),
            reminders: ReminderSettings::default(),
        }
    }

    /// The embedded tables plus every holiday year and court rule file imported into this store (by an
    /// administrator or from the court server).
    pub fn for_store(store: &Store) -> Result<Self, ErrorBody> {
        let mut docket = Self::embedded();
        if let Some(text) = store.setting(REMINDER_SETTINGS_KEY).map_err(|e| e.to_body())? {
            // Thresholds saved before the check grew stricter keep working as saved: a store must always open;
            // the 设置 editor shows them and refuses only a new save outside the ranges.
            docket.reminders = ReminderSettings::from_saved_toml(&text).map_err(|e| e.to_body())?;
        }
        for (_, json) in store.settings_with_prefix("holidays:").map_err(|e| e.to_body())? {
            docket.calendar.import_year_json(&json).map_err(|e| e.to_body())?;
        }
        docket.rules = court_rules::rule_set_for(store)?;
        Ok(docket)
    }

    /// Every pending case's 审限 and warning tier on `today`, from the rows the store keeps of them (see
    /// [`due_rows`]).
    pub fn open_limits(&self, store: &mut Store, today: NaiveDate) -> Result<Vec<OpenLimit>, ErrorBody> {
        self.open_limits_stored(store, today)
    }

    /// [`Docket::open_limits`] of the cases in `scope` only (the 统计 panel's 审限 chart): the scope means what it
    /// means for every other indicator (`andu_stats::Scope`: exact 部门 and 承办法官, the procedure, its category).
    pub fn open_limits_in(
        &self,
        store: &mut Store,
        today: NaiveDate,
        scope: &andu_stats::Scope,
    ) -> Result<Vec<OpenLimit>, ErrorBody> {
        let mut rows = self.open_limits_stored(store, today)?;
        rows.retain(|r| limit_in_scope(r, scope));
        Ok(rows)
    }

    /// Validate a State Council notice year (holiday-cn JSON shape) against the current calendar and keep it in
    /// the store, so every later computation uses it. Returns the year and every open deadline that moved (or
    /// could be computed for the first time) because of it.
    pub fn import_holiday_year(store: &mut Store, json: &str, today: NaiveDate) -> Result<HolidayImport, ErrorBody> {
        let before = Self::for_store(store)?;
        let mut after = Self::for_store(store)?;
        let year = after.calendar.import_year_json(json).map_err(|e| e.to_body())?;
        let moved = before.moved_under(&after, store, today)?;
        store.set_setting(&format!("holidays:{year}"), json).map_err(|e| e.to_body())?;
        Ok(HolidayImport { year, moved })
    }

    /// Open deadlines of pending cases whose date differs between `self` and `other` (another holiday table or
    /// rule set): what a user must be told after such a change, from what to what.
    pub fn moved_under(
        &self,
        other: &Docket,
        store: &mut Store,
        today: NaiveDate,
    ) -> Result<Vec<MovedDeadline>, ErrorBody> {
        let mut out = Vec::new();
        for_each_pending(store, |detail| {
            let summary = &detail.summary;
            let (a, b) = (self.due_dates(&detail, today)?, other.due_dates(&detail, today)?);
            let mut keys: Vec<&(String, Option<String>, String)> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let (from, to) = (a.get(k).copied().flatten(), b.get(k).copied().flatten());
                if from.map(|f| f.0) != to.map(|t| t.0) {
                    out.push(MovedDeadline {
                        case_no: summary.case_no.clone(),
                        name: k.0.clone(),
                        party: k.1.clone(),
                        from: from.map(|f| f.0),
                        to: to.map(|t| t.0),
                        from_provisional: from.is_some_and(|f| f.1),
                    });
                }
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// (name, party, trigger) → due date, `None` when it cannot be computed.
    fn due_dates(&self, detail: &CaseDetail, today: NaiveDate) -> Result<DueDates, ErrorBody> {
        let d = self.case_deadlines(detail, today)?;
        let mut map = std::collections::BTreeMap::new();
        let limit = d.trial_limit.map(|t| (t.limit.due, t.limit.provisional.is_some()));
        map.insert(("审限".to_string(), None, String::new()), limit);
        for v in d.deadlines {
            let trigger = format!("{} {}", v.deadline.trigger_event, v.deadline.trigger_date);
            let due = (v.deadline.due, v.deadline.provisional.is_some());
            map.insert((v.deadline.name, v.deadline.party, trigger), Some(due));
        }
        for u in d.unresolved {
            map.insert((u.name, u.party, format!("{} {}", u.trigger_event, u.trigger_date)), None);
        }
        Ok(map)
    }

    /// Keep the court's own reminder thresholds (TOML, the fields of [`ReminderSettings`]) in the store, after
    /// checking them. Returns the settings now in force.
    pub fn set_reminder_settings(store: &mut Store, toml_text: &str) -> Result<ReminderSettings, ErrorBody> {
        let settings = ReminderSettings::from_toml_str(toml_text).map_err(|e| e.to_body())?;
        store.set_setting(REMINDER_SETTINGS_KEY, toml_text).map_err(|e| e.to_body())?;
        Ok(settings)
    }

    /// The 设置 editor's save: the same check and storage as [`Self::set_reminder_settings`] (the CLI's file).
    pub fn save_reminder_settings(
        store: &mut Store,
        settings: &ReminderSettings,
    ) -> Result<ReminderSettings, ErrorBody> {
        Self::set_reminder_settings(store, &settings.to_toml_string())
    }

    /// Back to the built-in thresholds (an empty file: every field takes its default).
    pub fn reset_reminder_settings(store: &mut Store) -> Result<ReminderSettings, ErrorBody> {
        Self::set_reminder_settings(store, "")
    }

    pub fn case_deadlines(&self, detail: &CaseDetail, today: NaiveDate) -> Result<CaseDeadlines, ErrorBody> {
        let case = detail.to_input().validate().map_err(|e| e.to_body())?;
        let events = events_of(detail);
        // 审限 events (简易程序转普通程序, 补充侦查完毕移送…) recorded as 节点 change the count and the procedure.
        let input = TrialLimitInput::from_case(&case).with_events(&events);
        let facts = CaseFacts { procedure: input.procedure, ..CaseFacts::from_case(&case) };
        let computed = andu_deadline::trial_limit(&input, &self.calendar)
            .map(|limit| {
                let status = limit.status_with(today, &self.reminders);
                TrialLimitView { limit, status }
            })
            .map_err(|e| e.to_body());
        let derivation = derive_deadlines(facts, &events, &self.rules, &self.calendar);
        let deadlines = derivation
            .deadlines
            .into_iter()
            .map(|d| {
                let s = party_period_status(d.due, today, &self.reminders);
                DeadlineView {
                    days_left: s.days_left,
                    remind_on: s.remind_on,
                    tier: s.tier,
                    tier_name: s.tier.name_zh(),
                    deadline: d,
                }
            })
            .collect();
        let (trial_limit, trial_limit_error) = match computed {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(e)),
        };
        Ok(CaseDeadlines {
            case_no: detail.summary.case_no.clone(),
            closed: detail.summary.closed.is_some(),
            trial_limit,
            trial_limit_error,
            deadlines,
            unresolved: derivation.unresolved,
        })
    }

    /// Everything due on or before `today + within_days` in pending cases: overdue 审限, party periods that end
    /// in the window (and those that ended in the last 7 days, to act on), and hearings in the window.
    pub fn due(&self, store: &mut Store, today: NaiveDate, within_days: i64) -> Result<DueReport, ErrorBody> {
        let (recent, horizon) = due_window(today, within_days)?;
        let mut report = self.listed(store, today, recent, horizon, true, true)?;
        report.within_days = within_days;
        Ok(report)
    }

    /// [`Docket::due`] without the explanation of each item (`explanation` empty; `citation` kept): the app's 今日
    /// asks a year ahead, tens of thousands of items for a division, and shows an explanation only for the row
    /// opened ([`Docket::explain`]).
    pub fn due_overview(&self, store: &mut Store, today: NaiveDate, within_days: i64) -> Result<DueReport, ErrorBody> {
        let (recent, horizon) = due_window(today, within_days)?;
        let mut report = self.listed(store, today, recent, horizon, true, false)?;
        report.within_days = within_days;
        Ok(report)
    }

    /// The explanation and citation of the item `key` names ([`DueItem::key`]), derived from its case as it is
    /// now; `due_item_gone` when the case no longer has it (changed since the list was read).
    pub fn explain(&self, store: &Store, key: &str) -> Result<ItemExplanation, ErrorBody> {
        self.explain_stored(store, key)
    }

    /// Hearings, party periods and 审限 of pending cases that fall in `[from, to]` (the calendar view and the .ics
    /// export). With `overdue`, 审限 already past are included too (the 今日 dashboard). Read from the rows the
    /// store keeps of every pending case's dated items (see [`due_rows`]): only the window's rows are read.
    pub fn between(
        &self,
        store: &mut Store,
        today: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
        overdue: bool,
    ) -> Result<DueReport, ErrorBody> {
        self.listed(store, today, from, to, overdue, true)
    }

    fn listed(
        &self,
        store: &mut Store,
        today: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
        overdue: bool,
        explained: bool,
    ) -> Result<DueReport, ErrorBody> {
        let mut report = self.between_stored(store, today, from, to, to, overdue, explained)?;
        with_reminder_states(store, &mut report.items)?;
        Ok(report)
    }

    /// What the tray and the 今日 nav item count ([`to_notify`]): urgent, overdue or due today, not done, not
    /// snoozed past today, over the reminders' window (the last 7 days to [`URGENT_AHEAD_DAYS`] ahead).
    pub fn urgent_count(&self, store: &mut Store, today: NaiveDate) -> Result<usize, ErrorBody> {
        if let Some(n) = self.kept_urgent(store, today)? {
            return Ok(n);
        }
        let report = self.due_overview(store, today, URGENT_AHEAD_DAYS)?;
        Ok(to_notify(&report, today).len())
    }
}

/// How far ahead the reminders look for what is urgent; urgency itself comes from the reminder tiers.
pub const URGENT_AHEAD_DAYS: i64 = 7;

/// Each item's 完成 / 稍后提醒 as recorded.
fn with_reminder_states(store: &Store, items: &mut [DueItem]) -> Result<(), ErrorBody> {
    let states = reminder_states(store)?;
    for item in items {
        if let Some(state) = states.get(&item.key) {
            item.done = state.done;
            item.snoozed_until = state.snoozed_until;
        }
    }
    Ok(())
}

/// How far back `due` and 今日 look for periods that just ended (to act on); a 审限 past is listed however old.
pub const RECENT_DAYS: i64 = 7;

/// The days `due` covers: the last [`RECENT_DAYS`] to `today + within_days`.
/// Checked: a window typed as `100000000d` is an answer (`date_out_of_range`), not a panic.
fn due_window(today: NaiveDate, within_days: i64) -> Result<(NaiveDate, NaiveDate), ErrorBody> {
    let shift = |days: i64| {
        chrono::Duration::try_days(days).and_then(|d| today.checked_add_signed(d)).ok_or_else(|| {
            andu_deadline::DeadlineError::DateOutOfRange { reason: format!("{today} 之后 {days} 日") }.to_body()
        })
    };
    Ok((shift(-RECENT_DAYS)?, shift(within_days)?))
}

/// Call `f` with every pending case, read by set (a few statements whatever the number of cases).
fn for_each_pending(store: &Store, f: impl FnMut(CaseDetail) -> Result<(), ErrorBody>) -> Result<(), ErrorBody> {
    store.for_each_case(Which::Pending, f)
}

pub mod case_records;
pub mod case_weights;
pub mod court_profile;
pub mod court_rules;
pub mod court_templates;
pub mod demo;
pub mod document_draft;
pub mod documents;
pub mod drafting;
mod due_rows;
pub mod ics;
pub mod in_force;
pub mod review;
pub mod review_statistics;
pub mod statistics;
pub mod supervision;
pub mod today;

/// The identity of one reminder; stable as long as the deadline itself does not move.
pub fn reminder_key(case_no: &str, kind: &str, name: &str, party: Option<&str>, due: NaiveDate) -> String {
    format!("{case_no}|{kind}|{name}|{}|{due}", party.unwrap_or(""))
}

/// What the user did with a reminder: 完成 or 稍后提醒 (snooze until a day).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ReminderState {
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub snoozed_until: Option<NaiveDate>,
}

const REMINDER_PREFIX: &str = "reminder:";
/// Not under [`REMINDER_PREFIX`], which holds one entry per reminder.
const REMINDER_SETTINGS_KEY: &str = "reminder-settings";

fn reminder_states(store: &Store) -> Result<std::collections::HashMap<String, ReminderState>, ErrorBody> {
    let rows = store.settings_with_prefix(REMINDER_PREFIX).map_err(|e| e.to_body())?;
    Ok(rows
        .into_iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(REMINDER_PREFIX)?.to_string(), serde_json::from_str(&v).ok()?)))
        .collect())
}

/// Record 完成 / 稍后提醒 for a reminder (kept in the encrypted store, per user).
pub fn set_reminder_state(store: &mut Store, key: &str, state: &ReminderState) -> Result<(), ErrorBody> {
    let json = serde_json::to_string(state).expect("serialises");
    store.set_setting(&format!("{REMINDER_PREFIX}{key}"), &json).map_err(|e| e.to_body())
}

/// Items that should raise a notification on `today`: urgent or overdue, not done, not snoozed past today.
pub fn to_notify(report: &DueReport, today: NaiveDate) -> Vec<&DueItem> {
    report.items.iter().filter(|i| notifies(i, today)).collect()
}

/// See [`to_notify`].
fn notifies(item: &DueItem, today: NaiveDate) -> bool {
    !item.done
        && item.snoozed_until.is_none_or(|d| d <= today)
        && (matches!(item.tier, Tier::Urgent | Tier::Overdue) || item.due <= today)
}

#[cfg(test)]
mod tests;
