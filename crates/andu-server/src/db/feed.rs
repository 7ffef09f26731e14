//! The change feed: appended by pushes, read by pulls (filtered by access in SQL), and the snapshots of cases a
//! device does not hold yet — whole histories or current rows.

use serde_json::Value;

use super::{R, chunks, json_of, marks, shown, values_list, with_division};
use crate::backend::{SqlTx, Val};

// ---- the change feed ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub seq: i64,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    pub field: Option<String>,
    pub row: Option<Value>,
    pub user: String,
    pub device_id: String,
    pub at: String,
    /// The sending device already holds exactly `row` (a new row, or an edit applied whole to a row it had seen in
    /// full): its pulls leave this change out — a device is never sent its own changes back (schema v6).
    pub sender_has: bool,
}

pub fn max_seq(tx: &mut dyn SqlTx) -> R<i64> {
    Ok(tx.query("SELECT COALESCE(MAX(seq), 0) FROM changes", &[])?.first().map(|r| r[0].int()).unwrap_or(0))
}

/// Append to the feed, numbered by the caller: it holds the writer (SQLite) or the feed lock (PostgreSQL) for the
/// whole transaction, so numbers after `MAX(seq)` are safe and sequence order is commit order. Each change comes
/// with its row's JSON text, written once by the caller (the entity's row is the same text).
pub fn insert_changes(tx: &mut dyn SqlTx, changes: &[(&Change, Option<&str>)]) -> R<()> {
    for chunk in chunks(changes, 1024) {
        let sql = format!("INSERT INTO changes ({CHANGE_COLUMNS}, sender_has) VALUES {}", values_list(chunk.len(), 10));
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|(c, row)| {
                [
                    c.seq.into(),
                    (&c.case_id).into(),
                    (&c.entity).into(),
                    (&c.entity_id).into(),
                    c.field.clone().into(),
                    (*row).into(),
                    (&c.user).into(),
                    (&c.device_id).into(),
                    (&c.at).into(),
                    i64::from(c.sender_has).into(),
                ]
            })
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

const CHANGE_COLUMNS: &str = "seq, case_id, entity, entity_id, field, row_json, user_name, device_id, at";

fn change_of(r: &[Val]) -> Change {
    Change {
        seq: r[0].int(),
        case_id: r[1].text(),
        entity: r[2].text(),
        entity_id: r[3].text(),
        field: r[4].opt_text(),
        row: json_of(&r[5]),
        user: r[6].text(),
        device_id: r[7].text(),
        at: r[8].text(),
        // Only the pull's filter reads it, in SQL.
        sender_has: false,
    }
}

/// A change as a pull or a history page sends it: its row is the JSON text the feed stores, written into the answer
/// as it is — not parsed into a tree and written out again (a join sends hundreds of thousands of rows). The text
/// was written by `serde_json` from a row (`insert_changes`), so it is the same bytes the tree would give.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedChange {
    pub seq: i64,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    pub field: Option<String>,
    /// `None` for a tombstone (and, as a parsed row was before, for a text that is not JSON).
    pub row_json: Option<String>,
    pub user: String,
    pub device_id: String,
    pub at: String,
}

impl FeedChange {
    /// The wire row as a value (a caller that wants the tree: `Service::pull`, the history page).
    pub fn into_feed_row(self) -> andu_sync::FeedRow {
        andu_sync::FeedRow {
            seq: self.seq,
            case_id: self.case_id,
            entity: andu_sync::EntityRow {
                entity: self.entity,
                entity_id: self.entity_id,
                row: self.row_json.and_then(|t| serde_json::from_str(&t).ok()),
            },
            field: self.field,
            user: self.user,
            device_id: self.device_id,
            at: self.at,
        }
    }
}

/// Take the text out of a column (the row is not used again).
fn take_text(v: &mut Val) -> String {
    match std::mem::replace(v, Val::Null) {
        Val::Text(t) => t,
        other => other.text(),
    }
}

fn feed_change_of(mut r: Vec<Val>) -> FeedChange {
    let field = r[4].opt_text();
    // Checked without building a tree: a text that is not JSON goes as `null`, as its parse failing did.
    let row_json = match std::mem::replace(&mut r[5], Val::Null) {
        Val::Null => None,
        Val::Text(t) => Some(t).filter(|t| serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()),
        v => Some(v.text()).filter(|t| serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()),
    };
    FeedChange {
        seq: r[0].int(),
        case_id: take_text(&mut r[1]),
        entity: take_text(&mut r[2]),
        entity_id: take_text(&mut r[3]),
        field,
        row_json,
        user: take_text(&mut r[6]),
        device_id: take_text(&mut r[7]),
        at: take_text(&mut r[8]),
    }
}

/// The whole feed after `seq`, driven by the primary key, with no access filter (the commit-order test reads it).
pub fn changes_after(tx: &mut dyn SqlTx, seq: i64, upto: i64, limit: i64) -> R<Vec<Change>> {
    Ok(tx
        .query(
            &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE seq > ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3"),
            &[seq.into(), upto.into(), limit.into()],
        )?
        .iter()
        .map(|r| change_of(r))
        .collect())
}

/// Feed rows after `seq` (up to `upto`) of the cases the device holds and the scope shows, at most `limit`, in
/// order. Filtered in SQL by index lookups per row, so an idle device's pull does not read every case it holds.
/// The device's own changes whose row it already holds (`sender_has`) are left out: it is never sent them back.
pub fn held_changes_after(
    tx: &mut dyn SqlTx,
    device: &str,
    division: Option<&str>,
    seq: i64,
    upto: i64,
    limit: i64,
) -> R<Vec<FeedChange>> {
    let sql = format!(
        "SELECT {CHANGE_COLUMNS} FROM changes WHERE seq > ?1 AND seq <= ?2
           AND NOT (changes.device_id = ?3 AND changes.sender_has = 1)
           AND EXISTS (SELECT 1 FROM device_cases d WHERE d.device_id = ?3 AND d.case_id = changes.case_id)
           AND {}
         ORDER BY seq LIMIT ?4",
        shown("changes.case_id", division, 5)
    );
    let params = with_division(vec![seq.into(), upto.into(), device.into(), limit.into()], division);
    Ok(tx.query(&sql, &params)?.into_iter().map(feed_change_of).collect())
}

/// The whole history of a case up to `upto`.
pub fn case_history(tx: &mut dyn SqlTx, case_id: &str, upto: i64) -> R<Vec<FeedChange>> {
    Ok(tx
        .query(
            &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE case_id = ?1 AND seq <= ?2 ORDER BY seq"),
            &[case_id.into(), upto.into()],
        )?
        .into_iter()
        .map(feed_change_of)
        .collect())
}

/// Part of a case's history: changes after `after` up to `upto`, at most `limit`, oldest first (a history too large
/// for one pull page is read and sent in parts).
pub fn case_history_after(tx: &mut dyn SqlTx, case_id: &str, after: i64, upto: i64, limit: i64) -> R<Vec<FeedChange>> {
    Ok(tx
        .query(
            &format!(
                "SELECT {CHANGE_COLUMNS} FROM changes WHERE case_id = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4"
            ),
            &[case_id.into(), after.into(), upto.into(), limit.into()],
        )?
        .into_iter()
        .map(feed_change_of)
        .collect())
}

fn state_columns() -> String {
    CHANGE_COLUMNS.split(", ").map(|c| format!("ch.{c}")).collect::<Vec<_>>().join(", ")
}

/// Part of a case's current state, the case's own row aside ([`case_state_row`]): the last change of each of its
/// other live entities (conflicts included), changed after `after` up to `upto`, at most `limit`, in sequence order
/// — a new device starts a case from these instead of its whole history. Each row is the entity as it stands (a
/// change's row is the entity after it); deleted entities are left out (the device has nothing of the case yet). A
/// change made after `upto` reaches the device as a feed row.
pub fn case_state_after(tx: &mut dyn SqlTx, case_id: &str, after: i64, upto: i64, limit: i64) -> R<Vec<FeedChange>> {
    Ok(tx
        .query(
            &format!(
                "SELECT {} FROM entities e JOIN changes ch ON ch.seq = e.seq
                 WHERE e.case_id = ?1 AND e.seq > ?2 AND e.seq <= ?3 AND e.row_json IS NOT NULL
                   AND e.entity <> 'case'
                 ORDER BY e.seq LIMIT ?4",
                state_columns()
            ),
            &[case_id.into(), after.into(), upto.into(), limit.into()],
        )?
        .into_iter()
        .map(feed_change_of)
        .collect())
}

/// The current state of several cases at once (the join of a new device reads a page's cases in a few queries, not
/// two per case): the last change of every live entity of `case_ids` made at or before `upto`, as (case id, change),
/// ordered by case and sequence, at most `limit` rows. When the answer has `limit` rows, the last case in it may be
/// cut short: the caller reads that one on its own.
pub fn cases_state(tx: &mut dyn SqlTx, case_ids: &[&str], upto: i64, limit: i64) -> R<Vec<(String, FeedChange)>> {
    let mut params: Vec<Val> = vec![upto.into(), limit.into()];
    params.extend(case_ids.iter().map(|id| Val::from(*id)));
    let sql = format!(
        "SELECT e.case_id, {} FROM entities e JOIN changes ch ON ch.seq = e.seq
         WHERE e.case_id IN ({}) AND e.seq <= ?1 AND e.row_json IS NOT NULL
         ORDER BY e.case_id, e.seq LIMIT ?2",
        state_columns(),
        marks(3, case_ids.len())
    );
    Ok(tx
        .query(&sql, &params)?
        .into_iter()
        .map(|mut r| (take_text(&mut r[0]), feed_change_of(r.split_off(1))))
        .collect())
}

/// The last change of the case's own row, if it was made at or before `upto`: the first row of its current state.
pub fn case_state_row(tx: &mut dyn SqlTx, case_id: &str, upto: i64) -> R<Option<FeedChange>> {
    Ok(tx
        .query(
            &format!(
                "SELECT {} FROM entities e JOIN changes ch ON ch.seq = e.seq
                 WHERE e.entity = 'case' AND e.id = ?1 AND e.seq <= ?2 AND e.row_json IS NOT NULL",
                state_columns()
            ),
            &[case_id.into(), upto.into()],
        )?
        .into_iter()
        .next()
        .map(feed_change_of))
}
