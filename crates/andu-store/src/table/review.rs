//! 阅核 records (`review_records`, migration 12): rounds a judge sends, comments on quoted passages and their
//! withdrawals, decisions, the result of a meeting a case was sent to, the 四类案件 flag, and the judge's recorded
//! override of an export. Every record is inserted once and never changed or deleted (全程留痕): a withdrawn
//! comment is a withdrawal record beside it, a cleared flag a newer flag record. So two machines that worked
//! offline both keep everything they wrote, and sync is a union of rows, as for draft revisions.
//!
//! One table holds every kind (`entity` + the row as JSON): the records are read a case at a time, never queried
//! by field, and the row is exactly what the change log and the wire carry.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 12,
    sql: "CREATE TABLE review_records (
            id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            entity TEXT NOT NULL, row TEXT NOT NULL, at TEXT NOT NULL
          ) STRICT;
          CREATE INDEX review_records_case ON review_records (case_id, at, id);",
}];

/// A revision sent to 阅核 (one round).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundRow {
    pub id: String,
    pub case_id: String,
    pub draft_id: String,
    pub revision_id: String,
    /// `庭长` or `院长`: who the rule named when it was sent.
    pub reviewer: String,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

/// A comment on a quoted passage of the round's revision, or (`reply_to`) an answer in its thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommentRow {
    pub id: String,
    pub case_id: String,
    pub round_id: String,
    pub reply_to: Option<String>,
    /// The section the quote was found in (`reasoning` …).
    pub section: Option<String>,
    pub quote: String,
    pub text: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WithdrawalRow {
    pub id: String,
    pub case_id: String,
    pub comment_id: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionRow {
    pub id: String,
    pub case_id: String,
    pub round_id: String,
    /// `approve` | `return` | `discuss` (`andu_core::review::Decision`). Kept as written: a record synced from a
    /// newer version is kept even when its answer is one this version does not know.
    #[cfg_attr(feature = "ts", ts(as = "andu_core::review::Decision"))]
    pub decision: String,
    /// With `discuss`: `专业法官会议` | `审判委员会` (`andu_core::review::Forum`).
    #[cfg_attr(feature = "ts", ts(as = "Option<andu_core::review::Forum>"))]
    pub forum: Option<String>,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

/// The result of the meeting a `discuss` decision sent the case to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResultRow {
    pub id: String,
    pub case_id: String,
    pub decision_id: String,
    pub result: String,
    pub by: String,
    pub at: String,
}

/// The 四类案件 flag set (`set`) or cleared, with its reason. The newest record is the case's flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlagRow {
    pub id: String,
    pub case_id: String,
    pub flag: String,
    pub set: bool,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// The judge exported a judgment not 同意签发, with the reason given (where the court allows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OverrideRow {
    pub id: String,
    pub case_id: String,
    pub revision_id: Option<String>,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One record of any kind, as the change log and the wire name it (`entity`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRecord {
    Round(RoundRow),
    Comment(CommentRow),
    Withdrawal(WithdrawalRow),
    Decision(DecisionRow),
    Result(ResultRow),
    Flag(FlagRow),
    Override(OverrideRow),
}

macro_rules! each {
    ($self:expr, $r:ident => $e:expr) => {
        match $self {
            ReviewRecord::Round($r) => $e,
            ReviewRecord::Comment($r) => $e,
            ReviewRecord::Withdrawal($r) => $e,
            ReviewRecord::Decision($r) => $e,
            ReviewRecord::Result($r) => $e,
            ReviewRecord::Flag($r) => $e,
            ReviewRecord::Override($r) => $e,
        }
    };
}

impl ReviewRecord {
    pub fn entity(&self) -> &'static str {
        match self {
            ReviewRecord::Round(_) => "review_round",
            ReviewRecord::Comment(_) => "review_comment",
            ReviewRecord::Withdrawal(_) => "review_withdrawal",
            ReviewRecord::Decision(_) => "review_decision",
            ReviewRecord::Result(_) => "review_result",
            ReviewRecord::Flag(_) => "case_flag",
            ReviewRecord::Override(_) => "review_override",
        }
    }
    pub fn id(&self) -> &str {
        each!(self, r => &r.id)
    }
    pub fn case_id(&self) -> &str {
        each!(self, r => &r.case_id)
    }
    pub fn at(&self) -> &str {
        each!(self, r => &r.at)
    }
    pub fn to_value(&self) -> serde_json::Value {
        each!(self, r => serde_json::to_value(r).expect("review rows serialise"))
    }
    /// Read a row of `entity`; `Ok(None)` when the entity is not a 阅核 kind.
    pub fn from_value(entity: &str, v: serde_json::Value) -> serde_json::Result<Option<ReviewRecord>> {
        use serde_json::from_value as from;
        Ok(Some(match entity {
            "review_round" => ReviewRecord::Round(from(v)?),
            "review_comment" => ReviewRecord::Comment(from(v)?),
            "review_withdrawal" => ReviewRecord::Withdrawal(from(v)?),
            "review_decision" => ReviewRecord::Decision(from(v)?),
            "review_result" => ReviewRecord::Result(from(v)?),
            "case_flag" => ReviewRecord::Flag(from(v)?),
            "review_override" => ReviewRecord::Override(from(v)?),
            _ => return Ok(None),
        }))
    }
}

pub fn is_review_entity(entity: &str) -> bool {
    andu_sync::schema::REVIEW_ENTITIES.contains(&entity)
}

/// Insert a record. A record already here (same id: a repeated pull, a row pushed and pulled back) changes nothing.
pub(crate) fn insert(conn: &Connection, r: &ReviewRecord) -> rusqlite::Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO review_records (id, case_id, entity, row, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![r.id(), r.case_id(), r.entity(), r.to_value().to_string(), r.at()])?;
    Ok(n == 1)
}

/// Drop a record the court server refused (see `sync::replace_entity`); the only removal there is.
pub(crate) fn remove_refused(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM review_records WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Every record of a case in the order it was written (time, then id: UUIDv7 ids break ties in creation order).
pub fn for_case(conn: &Connection, case_id: &str) -> rusqlite::Result<Vec<ReviewRecord>> {
    let mut stmt = conn.prepare_cached("SELECT entity, row FROM review_records WHERE case_id = ?1 ORDER BY at, id")?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (entity, text) = row?;
        let bad = |e: serde_json::Error| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        };
        let v: serde_json::Value = serde_json::from_str(&text).map_err(bad)?;
        // A kind this version does not know (a newer client wrote it) is kept in the table and left out here.
        if let Some(rec) = ReviewRecord::from_value(&entity, v).map_err(bad)? {
            out.push(rec);
        }
    }
    Ok(out)
}

/// One record by id, with its kind.
pub fn by_id(conn: &Connection, id: &str) -> rusqlite::Result<Option<ReviewRecord>> {
    use rusqlite::OptionalExtension;
    let found: Option<(String, String)> = conn
        .prepare_cached("SELECT entity, row FROM review_records WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((entity, text)) = found else { return Ok(None) };
    let bad =
        |e: serde_json::Error| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e));
    let v: serde_json::Value = serde_json::from_str(&text).map_err(bad)?;
    ReviewRecord::from_value(&entity, v).map_err(bad)
}

/// Cases with a round that has no decision yet, with that round (the 待阅核 queue before access is applied).
pub fn pending_rounds(conn: &Connection) -> rusqlite::Result<Vec<RoundRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.row FROM review_records r
         WHERE r.entity = 'review_round'
           AND NOT EXISTS (SELECT 1 FROM review_records d WHERE d.entity = 'review_decision'
                           AND d.case_id = r.case_id AND json_extract(d.row, '$.round_id') = r.id)
           AND NOT EXISTS (SELECT 1 FROM review_records n WHERE n.entity = 'review_round'
                           AND n.case_id = r.case_id AND (n.at, n.id) > (r.at, r.id))
         ORDER BY r.at, r.id",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for text in rows {
        let text = text?;
        out.push(
            serde_json::from_str(&text)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))?,
        );
    }
    Ok(out)
}

/// A round with what the statistics need of its case and every decision on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundWithDecisions {
    pub case_no: String,
    pub division: String,
    pub round: RoundRow,
    /// In written order: the last is in force.
    pub decisions: Vec<DecisionRow>,
    /// When a newer round of the same case was sent (an unanswered round it replaced no longer waits).
    pub superseded_at: Option<String>,
}

/// Every round of every case with its decisions (the 阅核 statistics): one scan of the rounds and decisions, in
/// written order per case.
pub fn rounds_with_decisions(conn: &Connection) -> rusqlite::Result<Vec<RoundWithDecisions>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.case_no, c.division, r.entity, r.row FROM review_records r JOIN cases c ON c.id = r.case_id
         WHERE r.entity IN ('review_round', 'review_decision') ORDER BY r.case_id, r.at, r.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)))?;
    let bad =
        |e: serde_json::Error| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e));
    let mut out: Vec<RoundWithDecisions> = Vec::new();
    let mut decisions: Vec<DecisionRow> = Vec::new();
    for row in rows {
        let (case_no, division, entity, text): (String, String, String, String) = row?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(bad)?;
        match ReviewRecord::from_value(&entity, v).map_err(bad)? {
            Some(ReviewRecord::Round(round)) => {
                if let Some(prev) = out.last_mut().filter(|p| p.round.case_id == round.case_id) {
                    prev.superseded_at = Some(round.at.clone());
                }
                out.push(RoundWithDecisions { case_no, division, round, decisions: Vec::new(), superseded_at: None });
            }
            Some(ReviewRecord::Decision(d)) => decisions.push(d),
            _ => {}
        }
    }
    // A decision answers its round whatever order the two were written in (records of two devices interleave).
    let at: std::collections::HashMap<String, usize> =
        out.iter().enumerate().map(|(i, r)| (r.round.id.clone(), i)).collect();
    for d in decisions {
        if let Some(&i) = at.get(&d.round_id).filter(|&&i| out[i].round.case_id == d.case_id) {
            out[i].decisions.push(d);
        }
    }
    Ok(out)
}
