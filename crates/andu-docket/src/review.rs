//! 待我阅核 with the time that counts: each waiting case with the days it has waited and its 审限 (the 审限 keeps
//! running while a draft waits for 阅核, so the queue shows how much is left and warns when it is near). The records
//! and the rule of who reviews are the store's (`andu_store::review`); the 审限 is the engine's, as everywhere.

use andu_core::ErrorBody;
use andu_deadline::Tier;
use andu_store::Store;
use andu_store::review::{Actor, ReviewSettings};
use chrono::NaiveDate;
use serde::Serialize;

use crate::Docket;

/// One line of 待我阅核 (`andu review queue --json`, the app's queue screen).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueRow {
    pub case_no: String,
    pub judge: String,
    pub division: String,
    pub sent_at: String,
    pub sent_by: String,
    /// Whole days since it was sent (the day it was sent is 0).
    pub waiting_days: i64,
    /// The 审限's last day, when it can be computed (none for a 涉外 case or one whose 审限 cannot be computed).
    pub trial_limit_due: Option<NaiveDate>,
    pub trial_limit_days_left: Option<i64>,
    pub trial_limit_tier: Option<Tier>,
    /// The 审限 is in its urgent tier or over: read this one first.
    pub trial_limit_near: bool,
    /// The 审限's last day is only provisional (a year without holiday data).
    pub trial_limit_provisional: bool,
    pub four_kinds: bool,
}

/// The cases waiting for `actor`'s 阅核 on `today`, oldest first.
pub fn queue(
    docket: &Docket,
    store: &Store,
    actor: &Actor,
    settings: &ReviewSettings,
    today: NaiveDate,
) -> Result<Vec<QueueRow>, ErrorBody> {
    let items = store.review_queue(actor, settings).map_err(ErrorBody::from)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let detail = store.get_case_by_id(&item.case_id).map_err(ErrorBody::from)?;
        let limit = docket.case_deadlines(&detail, today).ok().and_then(|d| d.trial_limit);
        // The day it was sent by the court's clock, as `today` is: a round sent at 17:00 UTC was sent tomorrow in China.
        let sent = andu_core::court_day(&item.sent_at);
        let tier = limit.as_ref().map(|l| l.status.tier);
        out.push(QueueRow {
            waiting_days: sent.map_or(0, |d| (today - d).num_days().max(0)),
            trial_limit_due: limit.as_ref().map(|l| l.limit.due),
            trial_limit_days_left: limit.as_ref().map(|l| l.status.days_left),
            trial_limit_near: matches!(tier, Some(Tier::Urgent | Tier::Overdue)),
            trial_limit_tier: tier,
            trial_limit_provisional: limit.as_ref().is_some_and(|l| l.limit.provisional.is_some()),
            case_no: item.case_no,
            judge: item.judge,
            division: item.division,
            sent_at: item.sent_at,
            sent_by: item.sent_by,
            four_kinds: item.four_kinds,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use andu_store::review::ReviewSettings;
    use andu_store::review::Role;
    use andu_store::table::drafts::DraftContent;
    use andu_store::{DbKey, Store};
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;

    #[test]
    fn the_queue_counts_waiting_days_and_shows_the_trial_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("q.db"), &DbKey::new("k")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
        s.write(now, |w| {
            for c in andu_store::demo::generate(today, 3, 1) {
                w.add_case(&c.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
        let no = andu_store::demo::FIXED_CASE_NO;
        let judge = Actor { name: "王建国".into(), role: Role::Judge, division: "民一庭".into() };
        let chief = Actor { name: "陈庭长".into(), role: Role::Chief, division: "民一庭".into() };
        let set = ReviewSettings::default();
        let content: DraftContent = [("reasoning".to_string(), "本院认为".to_string())].into_iter().collect();
        s.write(now, |w| w.import_draft(no, &judge, "civil-judgment", "民事判决书", &content)).unwrap();
        s.write(now, |w| w.send_for_review(no, &judge, None, &set)).unwrap();

        let docket = Docket::for_store(&s).unwrap();
        let rows = queue(&docket, &s, &chief, &set, today).unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row.case_no.as_str(), row.waiting_days), (no, 6), "sent 11-20, read 11-26");
        let expected = docket.case_deadlines(&s.get_case(no).unwrap(), today).unwrap().trial_limit.unwrap();
        assert_eq!(row.trial_limit_due, Some(expected.limit.due));
        assert_eq!(row.trial_limit_days_left, Some(expected.status.days_left));
        assert!(queue(&docket, &s, &judge, &set, today).unwrap().is_empty(), "the judge reviews nothing");
    }

    #[test]
    fn waiting_days_count_from_the_court_day_it_was_sent() {
        // Sent at 17:00 UTC on 11-20, 01:00 on 11-21 in Beijing: by the court's clock, as `today` is, it has waited
        // 5 days on 11-26, not 6 (the UTC day of the stamp would count one day too many).
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("q.db"), &DbKey::new("k")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 17, 0, 0).unwrap();
        s.write(now, |w| {
            for c in andu_store::demo::generate(today, 3, 1) {
                w.add_case(&c.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
        let no = andu_store::demo::FIXED_CASE_NO;
        let judge = Actor { name: "王建国".into(), role: Role::Judge, division: "民一庭".into() };
        let chief = Actor { name: "陈庭长".into(), role: Role::Chief, division: "民一庭".into() };
        let set = ReviewSettings::default();
        let content: DraftContent = [("reasoning".to_string(), "本院认为".to_string())].into_iter().collect();
        s.write(now, |w| w.import_draft(no, &judge, "civil-judgment", "民事判决书", &content)).unwrap();
        s.write(now, |w| w.send_for_review(no, &judge, None, &set)).unwrap();

        let rows = queue(&Docket::for_store(&s).unwrap(), &s, &chief, &set, today).unwrap();
        assert_eq!(rows[0].waiting_days, 5, "sent 11-21 by the court's clock, read 11-26");
    }
}
