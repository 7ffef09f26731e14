//! The dated items of pending cases — 审限, the last day to ask for an extension, party and court periods,
//! hearings, and what could not be computed — kept in the store ([`Derived::Due`]), one row each with its day, so
//! 今日, the calendar and `andu due` read the few rows of their window instead of computing every pending case.
//!
//! A row holds nothing that depends on the day asked: the tier is found on reading (a 审限 from its
//! [`LimitClock`], a period from its last day) under the reminder thresholds in force. The rows depend on the
//! holiday table and the rule files, so their version carries both fingerprints: after a holiday or rules import
//! the next read computes every row again before answering — a date from an old table is never shown.

use andu_core::{Coded, ErrorBody};
use andu_deadline::{LimitClock, Provisional, Tier, party_period_status};
use andu_store::{CaseDetail, Derived, DerivedRow, Pick, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::statistics::unreadable;
use crate::{Docket, DueItem, DueReport, ItemExplanation, OpenLimit, TRIAL_LIMIT_EXEMPT, UnresolvedItem, reminder_key};

/// Periods, the last day to ask for an extension and hearings: picked when their day is in the window.
const LANE_DATED: i64 = 0;
/// 审限: picked when in the window, and on 今日 also once overdue.
const LANE_LIMIT: i64 = 1;
/// What could not be computed (a year without holiday data): always picked, shown, never dropped.
const LANE_UNDATED: i64 = 2;

/// Any day: the derivation's statuses are not kept, only what does not depend on the day.
const ANY_DAY: NaiveDate = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");

#[derive(Debug, Serialize, Deserialize)]
enum Kind {
    TrialLimit(LimitClock),
    Period,
    Hearing {
        time: String,
        room: String,
        id: String,
    },
    /// The 审限 itself could not be computed.
    LimitError,
    /// A period that could not be computed.
    Unresolved,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredItem {
    /// Its place among the case's items: the order they are listed in on the same day.
    ord: usize,
    case_no: String,
    cause: String,
    judge: String,
    division: String,
    procedure: String,
    filed: String,
    kind: Kind,
    name: String,
    party: Option<String>,
    due: Option<NaiveDate>,
    citation: String,
    /// Kept apart, in the row's `detail`: the lists that show no explanation never decode it.
    #[serde(skip)]
    explanation: Vec<String>,
    error: Option<ErrorBody>,
    /// A date computed before its year's holidays were imported: shown 暂定 with the reason (domain.md §0).
    #[serde(default)]
    provisional: Option<Provisional>,
}

impl Docket {
    /// The version of the rows this docket derives: its code, holiday table and rules.
    pub(crate) fn due_version(&self) -> String {
        format!(
            "due-3/{}/{:016x}/{:016x}",
            env!("CARGO_PKG_VERSION"),
            self.calendar.fingerprint(),
            self.rules.fingerprint()
        )
    }

    /// The rows of one pending case: its items, the explanation of each in the row's detail.
    fn derive_due(&self, detail: &CaseDetail) -> Result<Vec<DerivedRow>, ErrorBody> {
        self.due_items(detail)?
            .into_iter()
            .map(|(lane, item)| {
                let data = serde_json::to_vec(&item).map_err(unreadable)?;
                let detail = serde_json::to_vec(&item.explanation).map_err(unreadable)?;
                Ok(DerivedRow { lane, day: item.due.map(|d| d.to_string()), data, detail })
            })
            .collect()
    }

    /// The dated items of one case with their lanes, from the same [`Docket::case_deadlines`] the case's 期限 tab
    /// shows.
    fn due_items(&self, detail: &CaseDetail) -> Result<Vec<(i64, StoredItem)>, ErrorBody> {
        let d = self.case_deadlines(detail, ANY_DAY)?;
        let s = &detail.summary;
        let mut items: Vec<(i64, StoredItem)> = Vec::new();
        let mut push = |lane: i64,
                        kind: Kind,
                        name: String,
                        party: Option<String>,
                        due: Option<NaiveDate>,
                        citation: String,
                        explanation: Vec<String>,
                        error: Option<ErrorBody>,
                        provisional: Option<Provisional>| {
            let ord = items.len();
            let item = StoredItem {
                ord,
                case_no: s.case_no.clone(),
                cause: s.cause.clone(),
                judge: s.judge.clone(),
                division: s.division.clone(),
                procedure: s.procedure.clone(),
                filed: s.filed.clone(),
                kind,
                name,
                party,
                due,
                citation,
                explanation,
                error,
                provisional,
            };
            items.push((lane, item));
        };
        if let Some(t) = &d.trial_limit
            && let Some(r) = &t.limit.extension_request
        {
            // Reminded like a court period: missing it leaves the 审限 to run out (SPC-2019 art 1 ¶2 …).
            let why = format!(
                "审限 {} 届满；如需延长审限，应当在期限届满{}日前提出申请，即不晚于 {}（{}）",
                t.limit.due, r.days_before, r.by, r.citation
            );
            let provisional = r.provisional.clone();
            push(
                LANE_DATED,
                Kind::Period,
                "申请延长审限".into(),
                None,
                Some(r.by),
                r.citation.into(),
                vec![why],
                None,
                provisional,
            );
        }
        match (&d.trial_limit, d.trial_limit_error) {
            (Some(t), _) => push(
                LANE_LIMIT,
                Kind::TrialLimit(t.limit.clock()),
                "审限届满".into(),
                None,
                Some(t.limit.due),
                t.limit.citation.clone(),
                t.limit.explanation.clone(),
                None,
                t.limit.provisional.clone(),
            ),
            (None, Some(e)) => {
                push(LANE_UNDATED, Kind::LimitError, "审限".into(), None, None, String::new(), vec![], Some(e), None)
            }
            (None, None) => {}
        }
        for v in d.deadlines {
            let x = v.deadline;
            let provisional = x.provisional;
            push(LANE_DATED, Kind::Period, x.name, x.party, Some(x.due), x.citation, x.explanation, None, provisional);
        }
        for u in d.unresolved {
            push(LANE_UNDATED, Kind::Unresolved, u.name, u.party, None, String::new(), vec![], Some(u.error), None);
        }
        for h in &detail.hearings {
            let Some(day) = h.start.get(..10).and_then(|s| andu_core::date::parse_date(s).ok()) else { continue };
            let why = vec![format!("{} 在{}开庭", h.start.replace('T', " "), h.room)];
            let kind = Kind::Hearing { time: h.start.clone(), room: h.room.clone(), id: h.id.clone() };
            push(LANE_DATED, kind, "开庭".into(), None, Some(day), String::new(), why, None, None);
        }
        Ok(items)
    }

    /// See [`Docket::explain`]: the item of `key` derived again from its case as it is now.
    pub(crate) fn explain_stored(&self, store: &Store, key: &str) -> Result<ItemExplanation, ErrorBody> {
        let case_no = key.split('|').next().unwrap_or_default();
        let detail = store.get_case(case_no).map_err(|e| e.to_body())?;
        for (_, item) in self.due_items(&detail)? {
            let kind = match item.kind {
                Kind::TrialLimit(_) => "trial_limit",
                Kind::Period => "period",
                Kind::Hearing { .. } => "hearing",
                Kind::LimitError | Kind::Unresolved => continue,
            };
            let Some(due) = item.due else { continue };
            if reminder_key(&item.case_no, kind, &item.name, item.party.as_deref(), due) == key {
                return Ok(ItemExplanation {
                    key: key.to_string(),
                    citation: item.citation,
                    explanation: item.explanation,
                });
            }
        }
        Err(ErrorBody {
            code: "due_item_gone".into(),
            message: format!("{case_no} 的这一事项已不在其期限中（案件已有变动），请刷新后再看"),
            detail: None,
        })
    }

    /// Brings the stored due items up to date without reading them (see [`crate::demo::build_derived`]).
    pub fn build_due(&self, store: &Store) -> Result<(), ErrorBody> {
        self.stored_items(store, &[], false).map(drop)
    }

    /// The stored items `picks` select, brought up to date first; with `explained`, each with its explanation.
    fn stored_items(&self, store: &Store, picks: &[Pick<'_>], explained: bool) -> Result<Vec<StoredItem>, ErrorBody> {
        let mut out = Vec::new();
        store.derived(
            Derived::Due,
            &self.due_version(),
            &mut |detail: &CaseDetail| self.derive_due(detail),
            picks,
            explained,
            &mut |data: &[u8], detail: &[u8]| {
                let mut item: StoredItem = serde_json::from_slice(data).map_err(unreadable)?;
                // A row stored without a detail has no explanation.
                if explained && !detail.is_empty() {
                    item.explanation = serde_json::from_slice(detail).map_err(unreadable)?;
                }
                out.push(item);
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// See [`Docket::between`]: the stored items of the window, ranked on `today`. 审限 are read up to
    /// `limits_to`, periods and hearings up to `horizon` (今日 warns of a 审限 months ahead, of a period 30 days).
    #[allow(clippy::too_many_arguments)] // the window's three days and what to read: each call names them
    pub(crate) fn between_stored(
        &self,
        store: &Store,
        today: NaiveDate,
        recent: NaiveDate,
        horizon: NaiveDate,
        limits_to: NaiveDate,
        overdue: bool,
        explained: bool,
    ) -> Result<DueReport, ErrorBody> {
        let (from, to, limits_to) = (recent.to_string(), horizon.to_string(), limits_to.to_string());
        let picks = [
            Pick::Lane { lane: LANE_DATED, from: Some(&from), to: Some(&to) },
            Pick::Lane { lane: LANE_LIMIT, from: (!overdue).then_some(from.as_str()), to: Some(&limits_to) },
            Pick::Lane { lane: LANE_UNDATED, from: None, to: None },
        ];
        let mut report =
            DueReport { today: Some(today), within_days: (horizon - today).num_days(), ..Default::default() };
        let mut items: Vec<(usize, DueItem)> = Vec::new();
        for s in self.stored_items(store, &picks, explained)? {
            let (kind, tier, time, room, record_id, due) = match (&s.kind, s.due) {
                (Kind::TrialLimit(clock), Some(due)) => {
                    ("trial_limit", clock.status_with(today, &self.reminders).tier, None, None, None, due)
                }
                (Kind::Period, Some(due)) => {
                    ("period", party_period_status(due, today, &self.reminders).tier, None, None, None, due)
                }
                (Kind::Hearing { time, room, id }, Some(day)) => {
                    // 今日 lists hearings from today on; the calendar every one in its range.
                    if overdue && day < today {
                        continue;
                    }
                    let tier = if day == today { Tier::Urgent } else { Tier::Normal };
                    ("hearing", tier, Some(time.clone()), Some(room.clone()), Some(id.clone()), day)
                }
                // What could not be computed carries its error (a dated kind always has its day).
                _ => {
                    // 涉外: no 审限, nothing to remind (CPL 287).
                    if let Some(error) = s.error.filter(|e| e.code != TRIAL_LIMIT_EXEMPT) {
                        report.unresolved.push(UnresolvedItem { case_no: s.case_no, name: s.name, error });
                    }
                    continue;
                }
            };
            items.push((
                s.ord,
                DueItem {
                    key: reminder_key(&s.case_no, kind, &s.name, s.party.as_deref(), due),
                    done: false,
                    snoozed_until: None,
                    case_no: s.case_no,
                    cause: s.cause,
                    judge: s.judge,
                    kind,
                    name: s.name,
                    party: s.party,
                    due,
                    time,
                    room,
                    record_id,
                    days_left: (due - today).num_days(),
                    tier,
                    tier_name: tier.name_zh(),
                    citation: s.citation,
                    explanation: s.explanation,
                    provisional: s.provisional,
                },
            ));
        }
        // The order a case's own items come in breaks ties within the case. Their positions are sorted, not the
        // items: an item is a few hundred bytes, and moving 120,000 of them through the sort was a fifth of the
        // first 今日's CPU at a million cases. (Stable, so the same order as sorting the items.)
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&x, &y| {
            let ((ao, a), (bo, b)) = (&items[x], &items[y]);
            a.due.cmp(&b.due).then_with(|| a.time.cmp(&b.time)).then_with(|| a.case_no.cmp(&b.case_no)).then(ao.cmp(bo))
        });
        let mut slots: Vec<Option<DueItem>> = items.into_iter().map(|(_, i)| Some(i)).collect();
        report.items = order.into_iter().filter_map(|n| slots[n].take()).collect();
        Ok(report)
    }

    /// See [`Docket::open_limits`]: every pending case's 审限 row (or the reason it has none), ranked on `today`.
    pub(crate) fn open_limits_stored(&self, store: &Store, today: NaiveDate) -> Result<Vec<OpenLimit>, ErrorBody> {
        let picks = [
            Pick::Lane { lane: LANE_LIMIT, from: None, to: None },
            Pick::Lane { lane: LANE_UNDATED, from: None, to: None },
        ];
        let mut out = Vec::new();
        for s in self.stored_items(store, &picks, false)? {
            let (status, error) = match &s.kind {
                Kind::TrialLimit(clock) => (Some(clock.status_with(today, &self.reminders)), None),
                Kind::LimitError => (None, s.error),
                _ => continue,
            };
            out.push(OpenLimit {
                case_no: s.case_no,
                cause: s.cause,
                judge: s.judge,
                division: s.division,
                procedure: s.procedure,
                filed: s.filed,
                due: status.as_ref().map(|t| t.due),
                days_left: status.as_ref().map(|t| t.days_left),
                fraction_elapsed: status.as_ref().map(|t| t.fraction_elapsed),
                tier: status.as_ref().map(|t| t.tier),
                tier_name: match (&status, &error) {
                    (Some(t), _) => t.tier_name,
                    (None, Some(e)) if e.code == TRIAL_LIMIT_EXEMPT => "不受审限限制",
                    (None, _) => "无法计算",
                },
                error,
                provisional: s.provisional,
            });
        }
        out.sort_by(|a, b| b.filed.cmp(&a.filed).then_with(|| b.case_no.cmp(&a.case_no)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
