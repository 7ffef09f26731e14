//! 今日's sections: which item goes where (the table the screen used to apply itself), and the view the back end
//! serves — counts, pages, the judge filter, the tray's count — against the whole year's list it replaced.

use andu_store::exchange::{ImportOptions, jsonl};
use andu_store::{DbKey, Store};
use chrono::{TimeZone, Utc};

use super::*;
use crate::{ReminderState, reminder_key, set_reminder_state};

fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap()
}

const TODAY: &str = "2026-11-26";

fn item(kind: &'static str, case_no: &str, due: &str, tier: Tier) -> DueItem {
    let due = d(due);
    DueItem {
        key: reminder_key(case_no, kind, "x", None, due),
        done: false,
        snoozed_until: None,
        case_no: case_no.into(),
        cause: String::new(),
        judge: "王法官".into(),
        kind,
        name: "x".into(),
        party: None,
        due,
        time: None,
        room: None,
        record_id: None,
        days_left: (due - d(TODAY)).num_days(),
        tier,
        tier_name: tier.name_zh(),
        citation: String::new(),
        explanation: vec![],
        provisional: None,
    }
}

/// The sections of 今日 (ui/src/views/Today.vue's hints say the same).
#[test]
fn each_item_goes_to_its_section_or_to_none() {
    use TodaySection::*;
    let table: &[(&'static str, &str, Tier, Option<TodaySection>, &str)] = &[
        ("trial_limit", "2026-05-20", Tier::Overdue, Some(Overdue), "an overdue 审限, however old"),
        ("period", "2026-11-24", Tier::Overdue, Some(Overdue), "a period that ended 2 days ago"),
        ("period", TODAY, Tier::Urgent, Some(DueToday), "a period's last day"),
        ("trial_limit", TODAY, Tier::Urgent, Some(DueToday), "a 审限's last day"),
        ("period", "2026-12-03", Tier::Normal, Some(Week), "a period 7 days ahead"),
        ("period", "2026-12-04", Tier::Normal, Some(Later), "a period 8 days ahead"),
        ("period", "2026-12-26", Tier::Normal, Some(Later), "a period 30 days ahead"),
        ("period", "2026-12-27", Tier::Normal, None, "a period 31 days ahead: the calendar's"),
        ("trial_limit", "2026-11-30", Tier::Urgent, Some(Limits), "a 审限 in 紧急"),
        ("trial_limit", "2026-11-28", Tier::Middle, Some(Limits), "a 审限 in 中期"),
        ("trial_limit", "2027-01-20", Tier::Early, Some(Limits), "a 审限 in 远期"),
        ("trial_limit", "2027-03-20", Tier::Normal, None, "a 审限 in 正常"),
        ("trial_limit", "2026-11-20", Tier::Suspended, None, "a stopped 审限 (中止), even past its day"),
        ("hearing", TODAY, Tier::Urgent, Some(Hearings), "today's hearing"),
        ("hearing", "2026-11-29", Tier::Normal, None, "a later hearing: the calendar's"),
    ];
    for &(kind, due, tier, section, why) in table {
        assert_eq!(TodaySection::of(&item(kind, "A", due, tier), d(TODAY)), section, "{why}");
    }
    // The windows the screen's hints state (`TodayView.windows`) are the ones sorting the items.
    let w = TodayWindows::IN_FORCE;
    let ahead = |days: i64| item("period", "A", &(d(TODAY) + chrono::Duration::days(days)).to_string(), Tier::Normal);
    assert_eq!(TodaySection::of(&ahead(w.week_days), d(TODAY)), Some(Week));
    assert_eq!(TodaySection::of(&ahead(w.week_days + 1), d(TODAY)), Some(Later));
    assert_eq!(TodaySection::of(&ahead(w.later_days), d(TODAY)), Some(Later));
    assert_eq!(TodaySection::of(&ahead(w.later_days + 1), d(TODAY)), None);
    assert_eq!(crate::due_window(d(TODAY), 0).unwrap().0, d(TODAY) - chrono::Duration::days(w.recent_days));
    // Days are counted from the day asked, not from the item's `days_left`.
    let week = item("period", "A", "2026-12-03", Tier::Normal);
    assert_eq!(TodaySection::of(&week, d("2026-12-03")), Some(DueToday));
    assert_eq!(TodaySection::of(&week, d("2026-12-04")), Some(Overdue));
}

fn demo_store(dir: &std::path::Path, cases: usize, today: NaiveDate) -> Store {
    let mut s = Store::open(&dir.join("t.db"), &DbKey::new("k")).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 11, 15, 9, 0, 0).unwrap();
    let rows = jsonl::parse(&jsonl::write(&andu_store::demo::generate(today, cases, 7)));
    s.import(rows, ImportOptions::default(), now).unwrap();
    s
}

/// What the screen did with the year's list before: every item of a section, in the screen's order.
fn reference(
    docket: &Docket,
    s: &mut Store,
    today: NaiveDate,
    judge: Option<&str>,
) -> Vec<(TodaySection, Vec<String>)> {
    let report = docket.due_overview(s, today, LIMITS_AHEAD_DAYS).unwrap();
    TodaySection::ALL
        .iter()
        .map(|&section| {
            let mut items: Vec<&DueItem> = report
                .items
                .iter()
                .filter(|i| TodaySection::of(i, today) == Some(section) && judge.is_none_or(|j| i.judge == j))
                .collect();
            if section == TodaySection::Limits {
                items.sort_by_key(|i| tier_rank(i.tier));
            }
            (section, items.iter().map(|i| i.key.clone()).collect())
        })
        .collect()
}

fn everything(judge: Option<&str>) -> TodayQuery {
    TodayQuery {
        judge: judge.map(str::to_string),
        rows: Some(MAX_ROWS),
        more: Some(TodaySection::ALL.iter().map(|&s| (s, MAX_ROWS)).collect()),
    }
}

fn keys(view: &TodayView) -> Vec<(TodaySection, Vec<String>)> {
    view.sections.iter().map(|p| (p.section, p.items.iter().map(|i| i.key.clone()).collect())).collect()
}

#[test]
fn the_view_has_the_sections_the_years_list_gave_and_the_trays_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_store(dir.path(), 400, d("2025-11-15"));
    let docket = Docket::embedded();
    for today in ["2025-11-15", "2025-12-31", "2026-03-02"].map(d) {
        let view = docket.today(&mut s, today, &everything(None)).unwrap();
        assert_eq!(keys(&view), reference(&docket, &mut s, today, None), "{today}");
        for page in &view.sections {
            assert_eq!(page.total, page.items.len(), "{today} {:?}: every row asked for was sent", page.section);
        }
        assert_eq!(view.urgent, docket.urgent_count(&mut s, today).unwrap(), "{today}: the tray's count");
        // The tray's own reading of its window (the count above is taken from 今日's kept items).
        let window = docket.due_overview(&mut s, today, crate::URGENT_AHEAD_DAYS).unwrap();
        assert_eq!(view.urgent, crate::to_notify(&window, today).len(), "{today}: the tray's window");
        assert_eq!(view.reminders, docket.reminders, "the tiers in force, which the 审限预警 hint states");
        let report = docket.due_overview(&mut s, today, LIMITS_AHEAD_DAYS).unwrap();
        assert_eq!(json(&view.unresolved), json(&report.unresolved));
        if today == d("2025-11-15") {
            // A Saturday: nothing is due today nor heard, the rest is there to compare.
            let filled = view.sections.iter().filter(|p| p.total > 0).count();
            assert!(filled >= 4, "the demo fills the sections: {:?}", counts(&view));
            assert!(view.urgent > 0);
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

fn counts(view: &TodayView) -> Vec<(TodaySection, usize)> {
    view.sections.iter().map(|p| (p.section, p.total)).collect()
}

#[test]
fn a_section_sends_its_first_rows_and_more_when_asked_with_every_count() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2025-11-15");
    let mut s = demo_store(dir.path(), 400, today);
    let docket = Docket::embedded();
    let all = keys(&docket.today(&mut s, today, &everything(None)).unwrap());
    let first = docket.today(&mut s, today, &TodayQuery { rows: Some(3), ..Default::default() }).unwrap();
    for ((section, every), page) in all.iter().zip(&first.sections) {
        assert_eq!(page.total, every.len(), "{section:?}: the count covers the rows not sent");
        assert_eq!(page.items.iter().map(|i| &i.key).collect::<Vec<_>>(), every.iter().take(3).collect::<Vec<_>>());
    }
    let limits = all.iter().find(|(s, _)| *s == TodaySection::Limits).unwrap();
    assert!(limits.1.len() > 5, "enough 审限预警 to page: {}", limits.1.len());
    let query = TodayQuery { rows: Some(3), more: Some([(TodaySection::Limits, 5)].into()), ..Default::default() };
    let more = docket.today(&mut s, today, &query).unwrap();
    let page = more.sections.iter().find(|p| p.section == TodaySection::Limits).unwrap();
    assert_eq!(page.items.iter().map(|i| &i.key).collect::<Vec<_>>(), limits.1.iter().take(5).collect::<Vec<_>>());
    assert!(more.sections.iter().filter(|p| p.section != TodaySection::Limits).all(|p| p.items.len() <= 3));
    // No number of rows asked is the default page; a huge one is capped.
    let default = docket.today(&mut s, today, &TodayQuery::default()).unwrap();
    assert!(default.sections.iter().all(|p| p.items.len() == p.total.min(DEFAULT_ROWS)));
    let capped =
        TodayQuery { rows: Some(usize::MAX), more: Some([(TodaySection::Overdue, usize::MAX)].into()), judge: None };
    assert!(docket.today(&mut s, today, &capped).unwrap().sections.iter().all(|p| p.items.len() <= MAX_ROWS));
}

#[test]
fn a_judge_sees_their_own_items_with_every_judge_offered() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2025-11-15");
    let mut s = demo_store(dir.path(), 300, today);
    let docket = Docket::embedded();
    let all = docket.today(&mut s, today, &everything(None)).unwrap();
    assert!(all.judges.len() > 1, "{:?}", all.judges);
    let mut per_judge = vec![0; TodaySection::ALL.len()];
    for judge in &all.judges {
        let view = docket.today(&mut s, today, &everything(Some(judge))).unwrap();
        assert_eq!(keys(&view), reference(&docket, &mut s, today, Some(judge)), "{judge}");
        assert_eq!(view.judges, all.judges, "the filter offers every judge whichever is chosen");
        assert!(view.sections.iter().flat_map(|p| &p.items).all(|i| &i.judge == judge));
        for (n, page) in per_judge.iter_mut().zip(&view.sections) {
            *n += page.total;
        }
    }
    assert_eq!(
        per_judge,
        all.sections.iter().map(|p| p.total).collect::<Vec<_>>(),
        "judges with items are all offered"
    );
    let blank = docket.today(&mut s, today, &everything(Some(" "))).unwrap();
    assert_eq!(counts(&blank), counts(&all), "a blank judge is everyone");
}

#[test]
fn done_and_snoozed_items_stay_listed_with_their_state_and_leave_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2025-11-15");
    let mut s = demo_store(dir.path(), 200, today);
    let docket = Docket::embedded();
    let before = docket.today(&mut s, today, &TodayQuery::default()).unwrap();
    let overdue = &before.sections[0];
    assert_eq!(overdue.section, TodaySection::Overdue);
    let (a, b) = (&overdue.items[0], &overdue.items[1]);
    set_reminder_state(&mut s, &a.key, &ReminderState { done: true, snoozed_until: None }).unwrap();
    let later = today + chrono::Duration::days(3);
    set_reminder_state(&mut s, &b.key, &ReminderState { done: false, snoozed_until: Some(later) }).unwrap();
    let after = docket.today(&mut s, today, &TodayQuery::default()).unwrap();
    assert_eq!(counts(&after), counts(&before));
    let find = |key: &str| after.sections[0].items.iter().find(|i| i.key == key).unwrap();
    assert!(find(&a.key).done);
    assert_eq!(find(&b.key).snoozed_until, Some(later));
    assert_eq!(after.urgent, before.urgent - 2);
    assert_eq!(after.urgent, docket.urgent_count(&mut s, today).unwrap());
    let window = docket.due_overview(&mut s, today, crate::URGENT_AHEAD_DAYS).unwrap();
    assert_eq!(after.urgent, crate::to_notify(&window, today).len(), "the tray's own reading agrees");
}

/// 今日's items are kept between calls on one open store: a write, another day and other tiers in force each give
/// what reading the rows afresh gives, never the kept answer.
#[test]
fn the_kept_items_follow_a_write_another_day_and_other_tiers() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2025-11-15");
    let mut s = demo_store(dir.path(), 200, today);
    let docket = Docket::embedded();
    let before = docket.today(&mut s, today, &everything(None)).unwrap();
    assert_eq!(keys(&before), reference(&docket, &mut s, today, None));
    let gone = before.sections[0].items[0].case_no.clone();
    let now = Utc.with_ymd_and_hms(2025, 11, 15, 10, 0, 0).unwrap();
    s.write(now, |w| w.set_case_field(&gone, "closed", "2025-11-14")).unwrap();
    let after = docket.today(&mut s, today, &everything(None)).unwrap();
    assert_eq!(keys(&after), reference(&docket, &mut s, today, None));
    assert!(after.sections.iter().flat_map(|p| &p.items).all(|i| i.case_no != gone), "{gone} closed: gone");
    assert_ne!(counts(&after), counts(&before));
    let tomorrow = today + chrono::Duration::days(1);
    let next = docket.today(&mut s, tomorrow, &everything(None)).unwrap();
    assert_eq!(keys(&next), reference(&docket, &mut s, tomorrow, None));
    let mut other = Docket::embedded();
    other.reminders.early_fraction = 0.2;
    other.reminders.urgent_days = 20;
    let tiers = other.today(&mut s, today, &everything(None)).unwrap();
    assert_eq!(keys(&tiers), reference(&other, &mut s, today, None));
    assert_ne!(counts(&tiers), counts(&after), "other tiers, other sections");
    assert_eq!(tiers.urgent, other.urgent_count(&mut s, today).unwrap());
}
