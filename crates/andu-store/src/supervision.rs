//! What 审判监督管理 reads of the store: the cases whose appeal ended in 改判 or 发回重审, the day that outcome was
//! recorded (from the change log: the 评查 deadline runs from it), and the 评查 records kept on each case.

use rusqlite::Connection;
use serde_json::Value;

use crate::Store;
use crate::error::Result;
use crate::table::change_log;
use crate::table::children::{self, AppealReviewRow, Child};

/// The outcomes that put a case on the 评查 list (andu-stats' `enters_review`, as the store spells them).
const REVIEWED_OUTCOMES: [&str; 2] = ["改判", "发回重审"];

/// One case on the 评查 list as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct AppealReviewEntry {
    pub case_no: String,
    /// When the outcome last became 改判 or 发回重审 (the change log's `at`, RFC 3339); `None` when the change log
    /// holds no such change (a case imported before its history was kept).
    pub outcome_recorded: Option<String>,
    /// Its 评查 records, oldest first.
    pub reviews: Vec<AppealReviewRow>,
}

/// The appeal's outcome after one change-log row of the `appeal` entity (`None`: unchanged by it).
fn outcome_after(field: Option<&str>, new: Option<&str>) -> Option<Option<String>> {
    let value: Value = match new {
        None => return Some(None), // the appeal was removed
        Some(text) => serde_json::from_str(text).ok()?,
    };
    match field {
        None => Some(value.get("outcome").and_then(Value::as_str).map(str::to_string)),
        Some("outcome") => Some(value.as_str().map(str::to_string)),
        Some(_) => None,
    }
}

/// The last time the outcome became one of [`REVIEWED_OUTCOMES`] in a case's history.
fn outcome_recorded(conn: &Connection, case_id: &str) -> Result<Option<String>> {
    let mut history = change_log::for_case(conn, case_id)?;
    history.reverse(); // oldest first
    let (mut current, mut since): (Option<String>, Option<String>) = (None, None);
    for e in history.iter().filter(|e| e.entity == "appeal") {
        let Some(next) = outcome_after(e.field.as_deref(), e.new.as_deref()) else { continue };
        let reviewed = |o: &Option<String>| o.as_deref().is_some_and(|o| REVIEWED_OUTCOMES.contains(&o));
        if reviewed(&next) && !reviewed(&current) {
            since = Some(e.at.clone());
        }
        current = next;
    }
    Ok(since)
}

impl Store {
    /// Every case whose appeal ended in 改判 or 发回重审, with the day it was recorded and its 评查 records. Reads
    /// the appeals table first, so only those cases' histories are read.
    pub fn appeal_review_entries(&self) -> Result<Vec<AppealReviewEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT c.id, c.case_no FROM appeals a JOIN cases c ON c.id = a.case_id
             WHERE a.outcome IN (?1, ?2) ORDER BY c.case_no",
        )?;
        let cases: Vec<(String, String)> =
            stmt.query_map(REVIEWED_OUTCOMES, |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(cases.len());
        for (id, case_no) in cases {
            let reviews = children::for_case(conn, &id)?
                .into_iter()
                .filter_map(|c| match c {
                    Child::AppealReview(r) => Some(r),
                    _ => None,
                })
                .collect();
            out.push(AppealReviewEntry { case_no, outcome_recorded: outcome_recorded(conn, &id)?, reviews });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::outcome_after;
    use crate::{DbKey, Store};

    fn at(day: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, day, 2, 0, 0).unwrap()
    }

    fn appeal(outcome: Option<&str>) -> andu_core::AppealInput {
        andu_core::AppealInput { filed: "2026-06-10".into(), outcome: outcome.map(str::to_string) }
    }

    /// The deadline runs from the last time the outcome became 改判 or 发回重审: 改判 on the 2nd, corrected to 维持
    /// on the 3rd (off the list, and no 评查 can be recorded), then 发回重审 on the 4th.
    #[test]
    fn the_outcome_is_dated_by_its_last_change_onto_the_list_and_only_listed_cases_take_a_review() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("s.db"), &DbKey::new("t")).unwrap();
        let input: andu_core::CaseInput = serde_json::from_value(serde_json::json!({
            "case_no": "（2026）粤0309民初5号", "cause": "民间借贷纠纷", "procedure": "civil-simple",
            "filed": "2026-03-02", "closed": "2026-06-01", "closing_method": "判决", "judge": "王法官",
            "parties": [{"role": "原告", "name": "甲"}, {"role": "被告", "name": "乙"}]
        }))
        .unwrap();
        let case = input.validate().unwrap();
        let no = "（2026）粤0309民初5号";
        s.write(at(1), |w| w.upsert_case(&case)).unwrap();
        s.write(at(1), |w| w.set_appeal(no, &appeal(None))).unwrap();
        assert!(s.appeal_review_entries().unwrap().is_empty());
        s.write(at(2), |w| w.set_appeal(no, &appeal(Some("改判")))).unwrap();
        let e = s.appeal_review_entries().unwrap();
        assert_eq!(e[0].outcome_recorded.as_deref(), Some("2026-07-02T02:00:00.000Z"));
        s.write(at(3), |w| w.set_appeal(no, &appeal(Some("维持")))).unwrap();
        assert!(s.appeal_review_entries().unwrap().is_empty());
        let refused = s.write(at(3), |w| w.add_appeal_review(no, "程序", false, "x", "陈庭长")).unwrap_err();
        assert_eq!(andu_core::Coded::code(&refused), "appeal_review_not_applicable");
        assert!(refused.to_string().contains("维持"), "{refused}");
        s.write(at(4), |w| w.set_appeal(no, &appeal(Some("发回重审")))).unwrap();
        s.write(at(5), |w| w.add_appeal_review(no, "程序", true, "  遗漏当事人  ", "陈庭长")).unwrap();
        let e = s.appeal_review_entries().unwrap();
        assert_eq!(e[0].outcome_recorded.as_deref(), Some("2026-07-04T02:00:00.000Z"));
        let r = &e[0].reviews[0];
        assert_eq!((r.reason.as_str(), r.responsible, r.lesson.as_str()), ("程序", true, "遗漏当事人"));
        // The record is on the case as read, and a re-import of the court system's data keeps it.
        assert_eq!(s.get_case(no).unwrap().appeal_reviews.len(), 1);
        s.write(at(6), |w| w.upsert_case(&case)).unwrap();
        assert_eq!(s.get_case(no).unwrap().appeal_reviews.len(), 1);
    }

    #[test]
    fn the_outcome_after_a_change_is_read_from_a_created_row_or_a_field_edit() {
        let row = r#"{"id":"a","filed":"2026-01-05","outcome":"改判"}"#;
        assert_eq!(outcome_after(None, Some(row)), Some(Some("改判".into())));
        assert_eq!(outcome_after(None, Some(r#"{"id":"a","filed":"2026-01-05","outcome":null}"#)), Some(None));
        assert_eq!(outcome_after(Some("outcome"), Some("\"发回重审\"")), Some(Some("发回重审".into())));
        assert_eq!(outcome_after(Some("filed"), Some("\"2026-01-06\"")), None);
        assert_eq!(outcome_after(None, None), Some(None));
    }
}
