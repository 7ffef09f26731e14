//! The stored rows must give exactly what computing every pending case gives: the computation they replaced is
//! kept here as the reference.

use andu_deadline::HolidayCalendar;
use andu_store::exchange::{ImportOptions, jsonl};
use andu_store::{DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

use crate::*;

/// The computation before the stored rows: every pending case read and computed on every call.
impl Docket {
    /// Hearings, party periods and 审限 of pending cases that fall in `[from, to]` (the calendar view and the .ics
    /// export). With `overdue`, 审限 already past are included too (the 今日 dashboard).
    fn between_afresh(
        &self,
        store: &mut Store,
        today: NaiveDate,
        from: NaiveDate,
        to: NaiveDate,
        overdue: bool,
    ) -> Result<DueReport, ErrorBody> {
        let (recent, horizon) = (from, to);
        let mut report = DueReport { today: Some(today), within_days: (to - today).num_days(), ..Default::default() };
        for_each_pending(store, |detail| {
            let summary = &detail.summary;
            let base = |kind, name: String, party: Option<String>, due: NaiveDate, tier: Tier| DueItem {
                key: reminder_key(&summary.case_no, kind, &name, party.as_deref(), due),
                done: false,
                snoozed_until: None,
                case_no: summary.case_no.clone(),
                cause: summary.cause.clone(),
                judge: summary.judge.clone(),
                kind,
                name,
                party,
                due,
                time: None,
                room: None,
                record_id: None,
                days_left: (due - today).num_days(),
                tier,
                tier_name: tier.name_zh(),
                citation: String::new(),
                explanation: vec![],
                provisional: None,
            };
            let d = self.case_deadlines(&detail, today)?;
            // The last day to ask for an extension (SPC-2019 art 1 ¶2 …) is reminded like a court period: missing it
            // leaves the 审限 to run out.
            if let Some(t) = &d.trial_limit
                && let Some(r) = &t.limit.extension_request
                && r.by >= recent
                && r.by <= horizon
            {
                let tier = andu_deadline::party_period_status(r.by, today, &self.reminders).tier;
                report.items.push(DueItem {
                    provisional: r.provisional.clone(),
                    citation: r.citation.to_string(),
                    explanation: vec![format!(
                        "审限 {} 届满；如需延长审限，应当在期限届满{}日前提出申请，即不晚于 {}（{}）",
                        t.limit.due, r.days_before, r.by, r.citation
                    )],
                    ..base("period", "申请延长审限".into(), None, r.by, tier)
                });
            }
            match (d.trial_limit, d.trial_limit_error) {
                (Some(t), _) if t.limit.due <= horizon && (overdue || t.limit.due >= recent) => {
                    report.items.push(DueItem {
                        provisional: t.limit.provisional.clone(),
                        citation: t.limit.citation.clone(),
                        explanation: t.limit.explanation.clone(),
                        ..base("trial_limit", "审限届满".into(), None, t.limit.due, t.status.tier)
                    })
                }
                // 涉外: no 审限, nothing to remind (CPL 287).
                (_, Some(error)) if error.code == TRIAL_LIMIT_EXEMPT => {}
                (_, Some(error)) => report.unresolved.push(UnresolvedItem {
                    case_no: summary.case_no.clone(),
                    name: "审限".into(),
                    error,
                }),
                _ => {}
            }
            for v in d.deadlines.into_iter().filter(|v| v.deadline.due <= horizon && v.deadline.due >= recent) {
                report.items.push(DueItem {
                    provisional: v.deadline.provisional.clone(),
                    citation: v.deadline.citation.clone(),
                    explanation: v.deadline.explanation.clone(),
                    ..base("period", v.deadline.name.clone(), v.deadline.party.clone(), v.deadline.due, v.tier)
                });
            }
            for u in d.unresolved {
                report.unresolved.push(UnresolvedItem {
                    case_no: summary.case_no.clone(),
                    name: u.name,
                    error: u.error,
                });
            }
            for h in &detail.hearings {
                let Some(day) = h.start.get(..10).and_then(|s| andu_core::date::parse_date(s).ok()) else { continue };
                if day >= recent.max(if overdue { today } else { recent }) && day <= horizon {
                    let tier = if day == today { Tier::Urgent } else { Tier::Normal };
                    report.items.push(DueItem {
                        time: Some(h.start.clone()),
                        room: Some(h.room.clone()),
                        record_id: Some(h.id.clone()),
                        explanation: vec![format!("{} 在{}开庭", h.start.replace('T', " "), h.room)],
                        ..base("hearing", "开庭".into(), None, day, tier)
                    });
                }
            }
            Ok(())
        })?;
        let states = reminder_states(store)?;
        for item in &mut report.items {
            if let Some(state) = states.get(&item.key) {
                item.done = state.done;
                item.snoozed_until = state.snoozed_until;
            }
        }
        report.items.sort_by(|a, b| {
            a.due.cmp(&b.due).then_with(|| a.time.cmp(&b.time)).then_with(|| a.case_no.cmp(&b.case_no))
        });
        Ok(report)
    }

    /// Every pending case's 审限 and warning tier on `today`.
    fn open_limits_afresh(&self, store: &mut Store, today: NaiveDate) -> Result<Vec<OpenLimit>, ErrorBody> {
        let mut out = Vec::new();
        for_each_pending(store, |detail| {
            let d = self.case_deadlines(&detail, today)?;
            let t = d.trial_limit.as_ref();
            let summary = detail.summary;
            out.push(OpenLimit {
                case_no: summary.case_no,
                cause: summary.cause,
                judge: summary.judge,
                division: summary.division,
                procedure: summary.procedure,
                filed: summary.filed,
                due: t.map(|t| t.limit.due),
                days_left: t.map(|t| t.status.days_left),
                fraction_elapsed: t.map(|t| t.status.fraction_elapsed),
                tier: t.map(|t| t.status.tier),
                tier_name: match (t, &d.trial_limit_error) {
                    (Some(t), _) => t.status.tier_name,
                    (None, Some(e)) if e.code == TRIAL_LIMIT_EXEMPT => "不受审限限制",
                    (None, _) => "无法计算",
                },
                error: d.trial_limit_error,
                provisional: t.and_then(|t| t.limit.provisional.clone()),
            });
            Ok(())
        })?;
        // The case list's order: newest filing first.
        out.sort_by(|a, b| b.filed.cmp(&a.filed).then_with(|| b.case_no.cmp(&a.case_no)));
        Ok(out)
    }
}

fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap()
}

fn demo_store(dir: &std::path::Path, cases: usize) -> Store {
    let mut s = Store::open(&dir.join("t.db"), &DbKey::new("k")).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 11, 15, 9, 0, 0).unwrap();
    let rows = jsonl::parse(&jsonl::write(&andu_store::demo::generate(d("2025-11-15"), cases, 7)));
    s.import(rows, ImportOptions::default(), now).unwrap();
    s
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// Every window 今日, `andu due` and the calendar ask for, stored against afresh.
fn assert_same(docket: &Docket, s: &mut Store) {
    for today in ["2025-11-15", "2025-12-31", "2026-03-02"].map(d) {
        for (back, ahead) in [(7, 0), (7, 7), (7, 30), (0, 400), (400, 400)] {
            let (from, to) = (today - chrono::Duration::days(back), today + chrono::Duration::days(ahead));
            for overdue in [true, false] {
                let stored = docket.between(s, today, from, to, overdue).unwrap();
                let afresh = docket.between_afresh(s, today, from, to, overdue).unwrap();
                assert_eq!(json(&stored), json(&afresh), "{today} {from}..{to} overdue={overdue}");
            }
        }
        assert_eq!(json(&docket.open_limits(s, today).unwrap()), json(&docket.open_limits_afresh(s, today).unwrap()));
    }
}

#[test]
fn the_stored_due_items_are_the_ones_computed_from_every_pending_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_store(dir.path(), 300);
    let docket = Docket::embedded();
    let report = docket.due(&mut s, d("2025-11-15"), 30).unwrap();
    let kinds: std::collections::BTreeSet<&str> = report.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["hearing", "period", "trial_limit"], "a window with every kind");
    assert_same(&docket, &mut s);
}

#[test]
fn an_edit_or_another_holiday_table_is_never_answered_from_old_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_store(dir.path(), 120);
    let docket = Docket::embedded();
    docket.due(&mut s, d("2025-11-15"), 7).unwrap();
    // A 节点 that starts an appeal period (CPL 171), and a hearing, after the rows were built.
    let now = Utc.with_ymd_and_hms(2025, 11, 16, 9, 0, 0).unwrap();
    let no = andu_store::demo::FIXED_CASE_NO;
    s.write(now, |w| {
        w.add_event(no, "送达判决书", "2025-11-14", None, "")?;
        w.add_hearing(no, &andu_core::HearingInput { start: "2025-11-20T09:30".into(), room: "第三法庭".into() })
    })
    .unwrap();
    let report = docket.due(&mut s, d("2025-11-15"), 7).unwrap();
    assert!(report.items.iter().any(|i| i.case_no == no && i.room.as_deref() == Some("第三法庭")));
    assert_same(&docket, &mut s);
    // Without holiday data every date is provisional (暂定, domain.md §0): the rows are computed again, not
    // reused from the embedded table's exact dates.
    let bare = Docket { calendar: HolidayCalendar::new(), ..Docket::embedded() };
    let report = bare.due(&mut s, d("2025-11-15"), 7).unwrap();
    assert!(report.items.iter().all(|i| i.kind == "hearing" || i.provisional.is_some()), "{:?}", report.items);
    assert!(report.items.iter().any(|i| i.provisional.is_some()));
    assert!(docket.due(&mut s, d("2025-11-15"), 7).unwrap().items.iter().all(|i| i.provisional.is_none()));
    assert_same(&bare, &mut s);
    assert_same(&docket, &mut s);
}

/// The app's 今日 reads the list without explanations and asks for one when a row is opened: the list is `due`'s
/// with the explanations left out, and each row's explanation is the one `due` gives.
#[test]
fn the_overview_leaves_out_explanations_and_each_is_given_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_store(dir.path(), 150);
    let docket = Docket::embedded();
    let today = d("2025-11-15");
    let full = docket.due(&mut s, today, 60).unwrap();
    let overview = docket.due_overview(&mut s, today, 60).unwrap();
    assert!(overview.items.iter().all(|i| i.explanation.is_empty()));
    let mut stripped = full.clone();
    stripped.items.iter_mut().for_each(|i| i.explanation.clear());
    assert_eq!(json(&overview), json(&stripped));
    assert!(full.items.iter().filter(|i| !i.explanation.is_empty()).count() > 10);
    for item in &full.items {
        let why = docket.explain(&s, &item.key).unwrap();
        assert_eq!((&why.explanation, &why.citation), (&item.explanation, &item.citation), "{}", item.key);
    }
    let first = &full.items[0];
    let moved = first.key.replace(&first.due.to_string(), "1999-01-01");
    assert_eq!(docket.explain(&s, &moved).unwrap_err().code, "due_item_gone");
    assert_eq!(
        docket.explain(&s, "（2020）粤0309民初99999号|period|x||2025-01-01").unwrap_err().code,
        "case_not_found"
    );
}
