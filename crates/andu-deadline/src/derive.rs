//! From recorded events to deadlines: every rule an event triggers, counted with the calendar, with the
//! explanation a judge can check. `diff_deadlines` reports what moved when the rules or the holiday table change.

use std::collections::{HashMap, VecDeque};

use andu_core::{Coded, ErrorBody, Procedure, ValidCase};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::HolidayCalendar;
use crate::explain::ymd;
use crate::period::{self, Direction, Length, Provisional, Regime};
use crate::rules::{Concerns, Rule, RuleSet};
use crate::settings::{CustodyRollForward, Settings};

/// What derivation needs to know about the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub procedure: Procedure,
    /// The defendant is detained (criminal periods then end on the nominal day, CrimPL 105 ¶4).
    pub custody: bool,
}

impl CaseFacts {
    pub fn from_case(case: &ValidCase) -> Self {
        Self { procedure: case.procedure, custody: case.custody }
    }
}

/// Something that happened in the case, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedEvent {
    /// An id from [`crate::EVENT_KINDS`] (`送达判决书`); other kinds trigger nothing.
    pub kind: String,
    pub date: NaiveDate,
    /// The party the event concerns (the one served), if any.
    #[serde(default)]
    pub party: Option<String>,
    /// The party has no domicile in China (CPL 285, 286: 30-day periods; CPL 283: 60-day publication).
    #[serde(default)]
    pub party_foreign: bool,
    /// For a publication (公告发布): the service it stands for (`送达判决书`), so that the periods running from
    /// that service are derived from the date it counts as served.
    #[serde(default)]
    pub document: Option<String>,
}

impl RecordedEvent {
    pub fn new(kind: &str, date: NaiveDate) -> Self {
        Self { kind: kind.to_string(), date, party: None, party_foreign: false, document: None }
    }

    pub fn for_party(mut self, party: &str) -> Self {
        self.party = Some(party.to_string());
        self
    }
}

/// A derived deadline. Deserializable so that a store can keep the last derivation and `diff_deadlines` it
/// against a new one after a rule or holiday change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    pub rule_id: String,
    pub name: String,
    pub concerns: Concerns,
    pub party: Option<String>,
    pub trigger_event: String,
    pub trigger_date: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub length: Length,
    pub direction: Direction,
    pub regime: Regime,
    pub nominal: NaiveDate,
    pub due: NaiveDate,
    pub citation: String,
    pub explanation: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when `due` is the provisional date of domain.md §0 (its year, or the year of the service it runs
    /// from, has no holiday table yet); `None` when the date is exact.
    #[serde(default)]
    pub provisional: Option<Provisional>,
    /// The party's filing posted while the period ran (节点 `当事人交邮`), checked against `due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted: Option<Posting>,
}

/// 在途期间 (CPL 85 ¶4; CrimPL 105 ¶3; ALL 101): a document posted before the period ends is in time, whenever it
/// arrives. `in_time` is `None` when the period's end is only provisional and the posting is after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Posting {
    pub date: NaiveDate,
    pub in_time: Option<bool>,
}

/// The 节点 that records a party's posting date (交邮日期).
pub const POSTED_KIND: &str = "当事人交邮";

/// A deadline that could not be computed (a year without holiday data): reported, never dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unresolved {
    pub rule_id: String,
    pub name: String,
    pub party: Option<String>,
    pub trigger_event: String,
    pub trigger_date: NaiveDate,
    pub error: ErrorBody,
}

/// The result of a derivation. One deadline running into a year without holiday data must not hide the others,
/// so failures are listed next to the deadlines rather than failing the whole case.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Derivation {
    pub deadlines: Vec<Deadline>,
    pub unresolved: Vec<Unresolved>,
}

/// Chained services (公告 → 视为送达 → 答辩期) stop here; a loop in the rules cannot run away.
const MAX_CHAIN: usize = 4;

pub fn derive_deadlines(
    facts: CaseFacts,
    events: &[RecordedEvent],
    rules: &RuleSet,
    cal: &HolidayCalendar,
) -> Derivation {
    derive_deadlines_with(facts, events, rules, cal, &Settings::default())
}

pub fn derive_deadlines_with(
    facts: CaseFacts,
    events: &[RecordedEvent],
    rules: &RuleSet,
    cal: &HolidayCalendar,
    settings: &Settings,
) -> Derivation {
    let mut out = Derivation::default();
    let mut queue: VecDeque<(RecordedEvent, usize, Option<Origin>)> =
        events.iter().map(|e| (e.clone(), 0, None)).collect();
    while let Some((event, depth, origin)) = queue.pop_front() {
        for rule in rules.triggered_by(&event.kind).filter(|r| r.applies_to(facts.procedure, facts.custody)) {
            match deadline_for(rule, &event, facts, cal, settings, origin.as_ref()) {
                Ok(d) => {
                    if rule.deemed_service
                        && depth < MAX_CHAIN
                        && let Some(doc) = event.document.clone()
                    {
                        let served = RecordedEvent { kind: doc, date: d.due, document: None, ..event.clone() };
                        let tag = if d.provisional.is_some() { "（暂定）" } else { "" };
                        let why = format!("{}：{} 视为送达{tag}（{}）", rule.name, ymd(d.due), rule.citation);
                        let origin = Origin { why, provisional: d.provisional.clone() };
                        queue.push_back((served, depth + 1, Some(origin)));
                    }
                    out.deadlines.push(d);
                }
                Err(e) => out.unresolved.push(Unresolved {
                    rule_id: rule.id.clone(),
                    name: rule.name.clone(),
                    party: event.party.clone(),
                    trigger_event: event.kind.clone(),
                    trigger_date: event.date,
                    error: e.to_body(),
                }),
            }
        }
    }
    for d in &mut out.deadlines {
        check_posting(d, events);
    }
    out.deadlines.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.rule_id.cmp(&b.rule_id)));
    out
}

/// A party's own period and the first filing that party posted after it began: in time when posted on or before
/// the last day (CPL 85 ¶4, CrimPL 105 ¶3 — 在途期间 is not counted), said in the explanation either way.
fn check_posting(d: &mut Deadline, events: &[RecordedEvent]) {
    if d.concerns != Concerns::Party || d.direction != Direction::After {
        return;
    }
    let Some(party) = d.party.as_deref() else { return };
    let Some(posted) = events
        .iter()
        .filter(|e| e.kind == POSTED_KIND && e.party.as_deref() == Some(party) && e.date > d.trigger_date)
        .map(|e| e.date)
        .min()
    else {
        return;
    };
    let cite = match d.regime {
        Regime::Civil => "《民事诉讼法》第八十五条第四款",
        Regime::Admin => "《行政诉讼法》第一百零一条、《民事诉讼法》第八十五条第四款",
        Regime::Criminal | Regime::CriminalCustody => "《刑事诉讼法》第一百零五条第三款",
    };
    let in_time = if posted <= d.due {
        d.explanation.push(format!(
            "交邮日期 {} 在期限内（截止 {}），依{cite}视为未过期（期间不包括在途时间）",
            ymd(posted),
            ymd(d.due)
        ));
        Some(true)
    } else if let Some(p) = &d.provisional {
        d.explanation.push(format!(
            "交邮日期 {} 在暂定截止日期 {} 之后：是否在期限内，待导入 {} 年放假安排后确定（{cite}）",
            ymd(posted),
            ymd(d.due),
            p.year
        ));
        None
    } else {
        d.explanation.push(format!(
            "交邮日期 {} 已超过期限（截止 {}）：期满前未交邮，不适用{cite}",
            ymd(posted),
            ymd(d.due)
        ));
        Some(false)
    };
    d.posted = Some(Posting { date: posted, in_time });
}

/// The deemed service a chained deadline runs from (公告 → 视为送达 → 上诉期): its explanation line and, when the
/// service date was itself provisional, that mark — a period from a date never later than the true one ends
/// never later than the true end.
struct Origin {
    why: String,
    provisional: Option<Provisional>,
}

fn deadline_for(
    rule: &Rule,
    event: &RecordedEvent,
    facts: CaseFacts,
    cal: &HolidayCalendar,
    settings: &Settings,
    origin: Option<&Origin>,
) -> Result<Deadline, crate::DeadlineError> {
    let (length, citation) = match (&rule.foreign, event.party_foreign) {
        (Some(f), true) => (f.length, format!("{}、{}", rule.citation, f.citation)),
        _ => (rule.length, rule.citation.clone()),
    };
    let detained = facts.custody && settings.custody_roll_forward == CustodyRollForward::Never;
    let regime = if rule.regime == Regime::Criminal && detained { Regime::CriminalCustody } else { rule.regime };
    let computed = period::count_with(event.date, length, rule.direction, regime, cal, settings.before_rest_day)?;

    let mut explanation = Vec::with_capacity(computed.explanation.len() + 3);
    if let Some(origin) = origin {
        explanation.push(origin.why.clone());
    }
    let party = event.party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
    let foreign = if event.party_foreign && rule.foreign.is_some() {
        "，在中华人民共和国领域内没有住所"
    } else {
        ""
    };
    explanation.push(format!(
        "{}：{} {}{party}{foreign}，期间 {}（{citation}）",
        rule.name,
        event.kind,
        ymd(event.date),
        length.zh()
    ));
    explanation.extend(computed.explanation);
    Ok(Deadline {
        rule_id: rule.id.clone(),
        name: rule.name.clone(),
        concerns: rule.concerns,
        party: event.party.clone(),
        trigger_event: event.kind.clone(),
        trigger_date: event.date,
        length,
        direction: rule.direction,
        regime,
        nominal: computed.nominal,
        due: computed.due,
        citation,
        explanation,
        warnings: computed.warnings,
        note: rule.note.clone(),
        provisional: computed.provisional.or_else(|| origin.and_then(|o| o.provisional.clone())),
        posted: None,
    })
}

/// How one deadline changed between two derivations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    Moved { from: NaiveDate, to: NaiveDate },
    Added { due: NaiveDate },
    Removed { due: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineChange {
    pub rule_id: String,
    pub name: String,
    pub party: Option<String>,
    pub trigger_event: String,
    pub trigger_date: NaiveDate,
    #[serde(flatten)]
    pub change: Change,
    /// One Chinese sentence for the notification list.
    pub summary: String,
}

type Key<'a> = (&'a str, Option<&'a str>, &'a str, NaiveDate);

fn key(d: &Deadline) -> Key<'_> {
    (&d.rule_id, d.party.as_deref(), &d.trigger_event, d.trigger_date)
}

/// Which deadlines moved, appeared or disappeared between `old` and `new` (same case, new rules or holidays).
/// Unchanged deadlines are not listed.
pub fn diff_deadlines(old: &[Deadline], new: &[Deadline]) -> Vec<DeadlineChange> {
    let old_by_key: HashMap<Key, &Deadline> = old.iter().map(|d| (key(d), d)).collect();
    let new_by_key: HashMap<Key, &Deadline> = new.iter().map(|d| (key(d), d)).collect();
    let mut changes = Vec::new();
    for d in new {
        let change = match old_by_key.get(&key(d)) {
            Some(o) if o.due == d.due => continue,
            Some(o) => Change::Moved { from: o.due, to: d.due },
            None => Change::Added { due: d.due },
        };
        changes.push(change_of(d, change));
    }
    for d in old.iter().filter(|d| !new_by_key.contains_key(&key(d))) {
        changes.push(change_of(d, Change::Removed { due: d.due }));
    }
    changes
}

fn change_of(d: &Deadline, change: Change) -> DeadlineChange {
    let who = d.party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
    let what = format!("{}{who}［{} {}］", d.name, d.trigger_event, ymd(d.trigger_date));
    let summary = match change {
        Change::Moved { from, to } => format!("{what}截止日期由 {} 改为 {}", ymd(from), ymd(to)),
        Change::Added { due } => format!("{what}新增，截止日期 {}", ymd(due)),
        Change::Removed { due } => format!("{what}不再适用（原截止日期 {}）", ymd(due)),
    };
    DeadlineChange {
        rule_id: d.rule_id.clone(),
        name: d.name.clone(),
        party: d.party.clone(),
        trigger_event: d.trigger_event.clone(),
        trigger_date: d.trigger_date,
        change,
        summary,
    }
}
