//! 阅核统计 over the store: the rounds and decisions the store keeps, read once as [`ReviewRoundFact`]s, joined
//! with the same case facts as every other indicator, for `andu stats review` and the app's 统计 alike. The rules
//! are andu-stats' (`review_stats`).

use andu_core::Coded;
use andu_core::review::Decision;
use andu_stats::review_stats::{ReviewDrill, ReviewWho, RoundAnswer};
use andu_stats::{Definitions, Period, ReviewRoundFact, ReviewStats, Scope};
use andu_store::Store;

use crate::ErrorBody;
use crate::statistics::{StatsFacts, definitions};
use andu_core::court_day;

/// Every 阅核 round of the store as the statistics read it: days by the court's clock, the decision in force the
/// newest recorded (two reviewers offline may both answer), an unanswered round waiting for the 院长 or the 庭长 of
/// its case's division. A round or decision whose stamp cannot be read is left out rather than dated wrongly.
pub fn review_rounds(store: &Store) -> Result<Vec<ReviewRoundFact>, ErrorBody> {
    let rows = store.review_rounds().map_err(|e| e.to_body())?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let sent = court_day(&r.round.at)?;
            let answer = r.decisions.last().and_then(|d| {
                Some(RoundAnswer { answer: Decision::parse(&d.decision)?, by: d.by.clone(), on: court_day(&d.at)? })
            });
            let waits_for =
                if r.round.reviewer == "院长" { "院长".to_string() } else { format!("{}庭长", r.division) };
            Some(ReviewRoundFact {
                case_no: r.case_no,
                sent,
                waits_for,
                answer,
                superseded: r.superseded_at.as_deref().and_then(court_day),
            })
        })
        .collect())
}

/// The definitions given (`andu stats review --definitions`), else the court's in force — as `StatsInput::load`.
fn given_or_courts(store: &Store, given: Option<Definitions>) -> Result<Definitions, ErrorBody> {
    match given {
        Some(d) => Ok(d),
        None => definitions(store),
    }
}

/// The 阅核 statistics of `scope` for `period`, under `defs` when given, else the court's definitions.
pub fn review_stats(
    store: &Store,
    period: Period,
    scope: &Scope,
    defs: Option<Definitions>,
) -> Result<ReviewStats, ErrorBody> {
    let defs = given_or_courts(store, defs)?;
    let facts = StatsFacts::read(store)?;
    let rounds = review_rounds(store)?;
    let mut stats = andu_stats::review_stats(&facts.facts, &rounds, period, scope, &defs);
    stats.warnings.extend(facts.warning());
    Ok(stats)
}

/// The rounds behind one number of the 阅核 statistics (`key`, for everyone, a reviewer or a judge).
pub fn review_drill(
    store: &Store,
    period: Period,
    scope: &Scope,
    key: &str,
    who: &ReviewWho,
    defs: Option<Definitions>,
) -> Result<ReviewDrill, ErrorBody> {
    let defs = given_or_courts(store, defs)?;
    let facts = StatsFacts::read(store)?;
    let rounds = review_rounds(store)?;
    andu_stats::review_drill(&facts.facts, &rounds, period, scope, &defs, key, who).map_err(|e| e.to_body())
}

#[cfg(test)]
mod tests {
    use andu_core::review::Decision;
    use andu_store::review::{Actor, ReviewSettings, Role};
    use andu_store::table::drafts::DraftContent;
    use andu_store::{DbKey, Store};
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;

    /// A judge sends, the 庭长 returns it, the judge sends again, the 庭长 approves — on four days. The store's
    /// records read back as two rounds with their answers, counted for the judge and for the 庭长.
    #[test]
    fn the_store_s_rounds_are_counted_per_judge_and_per_reviewer() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("r.db"), &DbKey::new("k")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let at = |day: u32| Utc.with_ymd_and_hms(2026, 11, day, 2, 0, 0).unwrap();
        s.write(at(1), |w| {
            for c in andu_store::demo::generate(today, 3, 1) {
                w.add_case(&c.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
        let no = andu_store::demo::FIXED_CASE_NO;
        let case = s.get_case(no).unwrap().summary;
        let judge = Actor { name: case.judge.clone(), role: Role::Judge, division: case.division.clone() };
        let chief = Actor { name: "陈庭长".into(), role: Role::Chief, division: case.division.clone() };
        let set = ReviewSettings::default();
        let text = |t: &str| -> DraftContent { [("reasoning".to_string(), t.to_string())].into_iter().collect() };
        s.write(at(2), |w| w.import_draft(no, &judge, "civil-judgment", "民事判决书", &text("本院认为"))).unwrap();
        s.write(at(2), |w| w.send_for_review(no, &judge, None, &set)).unwrap();
        let period = Period::new(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), today).unwrap();
        let before = review_stats(&s, period, &Scope::whole(), None).unwrap();
        assert_eq!((before.total.sent, before.total.pending), (1, 1));
        assert_eq!(before.by_reviewer[0].name, format!("{}庭长", case.division), "waits for the division's 庭长");

        s.write(at(5), |w| w.decide_review(no, &chief, Decision::Return, None, None, &set)).unwrap();
        s.write(at(6), |w| w.import_draft(no, &judge, "civil-judgment", "民事判决书", &text("本院认为，改"))).unwrap();
        s.write(at(6), |w| w.send_for_review(no, &judge, None, &set)).unwrap();
        s.write(at(8), |w| w.decide_review(no, &chief, Decision::Approve, None, None, &set)).unwrap();

        let stats = review_stats(&s, period, &Scope::whole(), None).unwrap();
        let t = &stats.total;
        assert_eq!((t.sent, t.approved, t.returned, t.discussed, t.pending), (2, 1, 1, 0, 0));
        // 3 days (11-02 → 11-05) and 2 days (11-06 → 11-08).
        assert_eq!(t.median_turnaround_days, Some(2.5));
        assert_eq!(stats.by_reviewer.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["陈庭长"]);
        assert_eq!(stats.by_judge[0].name, case.judge);

        let drill =
            review_drill(&s, period, &Scope::whole(), "review_returned", &ReviewWho::Judge(case.judge.clone()), None)
                .unwrap();
        assert_eq!((drill.count, drill.rounds[0].case_no.as_str(), drill.rounds[0].days), (1, no, Some(3)));
        let e = review_drill(&s, period, &Scope::whole(), "nope", &ReviewWho::Everyone, None).unwrap_err();
        assert_eq!(e.code, "indicator_unknown");

        // The judge page's 阅核退回 is the same count.
        let page = crate::supervision::judge_page(&s, &case.judge, period, None).unwrap();
        let returned = page.metrics.iter().find(|m| m.key == "review_returned").unwrap();
        assert_eq!(returned.value, Some(1.0));
    }
}
