//! The change log: every write to the store appends here in the same transaction. It is the case history the
//! user sees and the outbox that sync pushes (rows after the acknowledged `seq` kept in `meta`), so it is
//! append-only. `change_id` (UUIDv7) is the idempotency key the server checks; locally `seq` orders and identifies
//! rows, so neither `change_id` nor the outbox needs an index beyond the rowid.
//!
//! A case created here (an import, 新建案件, the demo) is one row since migration 19, not one per row it creates:
//! the case's row in `new`, and its parties and records in `change_bundles.bundle` under the row's `seq`, one line
//! each (`entity` TAB its row's JSON; serde_json never writes a raw newline or tab). Such a row stands for
//! `change_bundles.span` edits — device sequences `device_seq - span + 1 ..= device_seq` — and every reader here
//! expands it into the entries it stands for (the case first, each created row's id as its change id), so the
//! history, the outbox and sync see what they saw when each created row had a row of its own; a row without a
//! bundle (every row written before migration 19) stands for itself. At 100,000 cases this is 100,000 rows instead
//! of 441,979, each with its two index entries and ~200 bytes of ids and stamps.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::migrate::Migration;

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 2,
        sql: "CREATE TABLE change_log (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            change_id TEXT NOT NULL,
            case_id   TEXT NOT NULL,
            entity    TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            field     TEXT,
            old       TEXT,
            new       TEXT,
            at        TEXT NOT NULL,
            device    TEXT NOT NULL
          ) STRICT;
          CREATE INDEX change_log_case ON change_log (case_id, seq);",
    },
    // A created case as one row (see the module's comment): the rows created with it, and how many edits it stands
    // for, beside its change-log row. A table of its own rather than two columns added to `change_log`: SQLite checks
    // every row of a STRICT table when a column is added to it — at a million cases ~27 s of reading and decrypting
    // the whole log on the first start after the upgrade; a new table costs nothing. A row without one stands for
    // itself alone.
    Migration {
        version: 19,
        sql: "CREATE TABLE change_bundles (
            seq    INTEGER PRIMARY KEY,
            span   INTEGER NOT NULL,
            bundle TEXT NOT NULL
          ) STRICT;",
    },
];

/// One recorded change. `field` is `None` when a whole entity was created (`new` holds it as JSON) or deleted
/// (`old` holds it, `new` is `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeEntry {
    pub seq: i64,
    pub change_id: String,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub at: String,
    pub device: String,
}

pub(crate) struct NewChange<'a> {
    pub case_id: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub field: Option<&'a str>,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

/// Where the next local edit's numbers start: its `device_seq` (contiguous: after the highest ever given out, which
/// the acknowledged mark also remembers when a revoked case's rows were purged) and, as `base`, the server sequence
/// this store had pulled up to: the server treats later changes of the same field as unseen by this edit. Read
/// once per write ([`crate::Writer`]): nothing inside a write pulls or acknowledges, so both hold for all of its
/// edits, and each row's insert needs no lookup (three per row cost a large import a tenth of its time).
pub(crate) fn next_local(conn: &Connection) -> rusqlite::Result<LocalSeq> {
    conn.prepare_cached(
        "SELECT MAX((SELECT COALESCE(MAX(device_seq), 0) FROM change_log),
                    COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync:acked_device_seq'), 0)) + 1,
                COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync:cursor_seq'), 0)",
    )?
    .query_row([], |r| Ok(LocalSeq { device_seq: r.get(0)?, base: r.get(1)? }))
}

/// The numbers of the next local edit: see [`next_local`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct LocalSeq {
    pub device_seq: i64,
    pub base: i64,
}

/// Append a local edit numbered `seq` (from [`next_local`], then one more per edit).
pub(crate) fn append(
    conn: &Connection,
    change_id: &str,
    c: &NewChange<'_>,
    at: &str,
    device: &str,
    seq: LocalSeq,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO change_log (change_id, case_id, entity, entity_id, field, old, new, at, device, device_seq, base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    stmt.execute(params![
        change_id,
        c.case_id,
        c.entity,
        c.entity_id,
        c.field,
        c.old,
        c.new,
        at,
        device,
        seq.device_seq,
        seq.base
    ])?;
    Ok(())
}

/// A created case's change-log row: its row and the rows created with it (`bundle`, see [`Bundle`]), standing for
/// `bundle.span()` local edits, the last numbered `seq` (the first is `seq.device_seq - span + 1`).
pub(crate) struct NewCreated {
    pub change_id: String,
    pub case_id: String,
    pub bundle: Bundle,
    pub seq: LocalSeq,
}

/// Append the created cases `rows`, in order, [`crate::table::ROWS_PER_INSERT`] rows per statement; the
/// change-log sequence each got, in the same order.
// `&String`, not `&str`: each value is bound as a `&dyn ToSql`, which a `str` (unsized) cannot be.
#[allow(clippy::ptr_arg)]
pub(crate) fn append_created_many(
    conn: &Connection,
    rows: &[NewCreated],
    at: &String,
    device: &String,
) -> rusqlite::Result<Vec<i64>> {
    use rusqlite::ToSql;
    const HEAD: &str =
        "INSERT OR FAIL INTO change_log (change_id, case_id, entity, entity_id, new, at, device, device_seq, base)";
    crate::table::insert_many(conn, HEAD, 9, rows, |r, out| {
        out.extend([
            &r.change_id as &dyn ToSql,
            &r.case_id,
            &"case",
            &r.case_id,
            &r.bundle.case,
            at,
            device,
            &r.seq.device_seq,
            &r.seq.base,
        ])
    })?;
    // `seq` counts up by one from row to row (AUTOINCREMENT, nothing else inserted in between): the last row's is
    // the last rowid inserted.
    let first = conn.last_insert_rowid() - rows.len() as i64 + 1;
    let seqs: Vec<i64> = (first..first + rows.len() as i64).collect();
    let bundles: Vec<(i64, i64, &String)> = rows
        .iter()
        .zip(&seqs)
        .filter(|(r, _)| !r.bundle.text.is_empty())
        .map(|(r, seq)| (*seq, r.bundle.span(), &r.bundle.text))
        .collect();
    crate::table::insert_many(
        conn,
        "INSERT OR FAIL INTO change_bundles (seq, span, bundle)",
        3,
        &bundles,
        |b, out| out.extend([&b.0 as &dyn ToSql, &b.1, b.2]),
    )?;
    Ok(seqs)
}

/// A created case's row (`case`, its JSON) and the rows created with it, as its change-log row carries them: one
/// line per row, `entity` TAB its JSON.
pub(crate) struct Bundle {
    case: String,
    text: String,
    rows: i64,
}

impl Bundle {
    pub(crate) fn new(case: String) -> Bundle {
        Bundle { case, text: String::new(), rows: 0 }
    }

    pub(crate) fn push(&mut self, entity: &str, json: &str) {
        debug_assert!(!json.contains(['\n', '\t']) && !entity.contains(['\n', '\t']));
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(entity);
        self.text.push('\t');
        self.text.push_str(json);
        self.rows += 1;
    }

    /// How many edits the case's row stands for: the case and each row created with it.
    pub(crate) fn span(&self) -> i64 {
        self.rows + 1
    }
}

/// A stored row as read, before a created case's row is expanded into its entries.
struct Stored {
    entry: ChangeEntry,
    span: i64,
    bundle: Option<String>,
}

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored { entry: row(r)?, span: r.get(10)?, bundle: r.get(11)? })
}

#[derive(serde::Deserialize)]
struct RowId {
    id: String,
}

impl Stored {
    /// The entries this row stands for, oldest first: itself, then one per bundled row (its id as the change id:
    /// unique, and stable, so the server's idempotency holds when the op is sent again).
    fn expand(self) -> Vec<ChangeEntry> {
        let Some(bundle) = self.bundle else { return vec![self.entry] };
        let mut out = Vec::with_capacity(self.span.max(1) as usize);
        for line in bundle.split('\n') {
            let Some((entity, json)) = line.split_once('\t') else { continue };
            let id = serde_json::from_str::<RowId>(json).map(|r| r.id).unwrap_or_default();
            out.push(ChangeEntry {
                seq: self.entry.seq,
                change_id: id.clone(),
                case_id: self.entry.case_id.clone(),
                entity: entity.to_string(),
                entity_id: id,
                field: None,
                old: None,
                new: Some(json.to_string()),
                at: self.entry.at.clone(),
                device: self.entry.device.clone(),
            });
        }
        out.insert(0, self.entry);
        out
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeEntry> {
    Ok(ChangeEntry {
        seq: r.get(0)?,
        change_id: r.get(1)?,
        case_id: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        field: r.get(5)?,
        old: r.get(6)?,
        new: r.get(7)?,
        at: r.get(8)?,
        device: r.get(9)?,
    })
}

/// The columns [`stored`] reads, from `change_log` joined with its bundles ([`FROM_LOG`]).
const COLUMNS: &str =
    "seq, change_id, case_id, entity, entity_id, field, old, new, at, device, COALESCE(b.span, 1), b.bundle";
const FROM_LOG: &str = "change_log LEFT JOIN change_bundles b USING (seq)";

/// History of one case, newest first (a created case's rows after the case, as when each had a row of its own).
pub fn for_case(conn: &Connection, case_id: &str) -> rusqlite::Result<Vec<ChangeEntry>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM_LOG} WHERE case_id = ?1 ORDER BY seq DESC"))?;
    let mut out = Vec::new();
    for r in stmt.query_map([case_id], stored)? {
        out.extend(r?.expand().into_iter().rev());
    }
    Ok(out)
}

/// This device's own edits after `acked` (the last `device_seq` the court server acknowledged), oldest first.
pub fn outbox(conn: &Connection, acked: i64, limit: usize) -> rusqlite::Result<Vec<ChangeEntry>> {
    Ok(outbox_with_order(conn, acked, limit)?.into_iter().map(|o| o.change).collect())
}

/// An outbox row with what the sync protocol needs besides the change itself.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    pub change: ChangeEntry,
    pub device_seq: i64,
    pub base: i64,
}

/// The edits after `acked`, oldest first, at most `limit`: a created case's row gives one per row it created
/// (numbered up to its `device_seq`), those up to `acked` left out — an answer may have stopped inside it.
pub fn outbox_with_order(conn: &Connection, acked: i64, limit: usize) -> rusqlite::Result<Vec<OutboxEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, device_seq, base FROM {FROM_LOG} WHERE device_seq > ?1 ORDER BY device_seq LIMIT ?2"
    ))?;
    let rows = stmt.query_map([acked, limit.min(i64::MAX as usize) as i64], |r| {
        Ok((stored(r)?, r.get::<_, i64>(12)?, r.get::<_, i64>(13)?))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (row, last, base) = r?;
        let first = last - row.span + 1;
        for (i, change) in row.expand().into_iter().enumerate() {
            let device_seq = first + i as i64;
            if device_seq > acked && out.len() < limit {
                out.push(OutboxEntry { change, device_seq, base });
            }
        }
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

/// How many local edits the server has not acknowledged yet (a created case's row counts each row it created).
pub fn pending_count(conn: &Connection, acked: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(SUM(MIN(COALESCE(b.span, 1), device_seq - ?1)), 0)
           FROM change_log LEFT JOIN change_bundles b USING (seq) WHERE device_seq > ?1",
        [acked],
        |r| r.get(0),
    )
}

/// Record a change that arrived from the court server: history only, never pushed back.
pub(crate) fn append_remote(
    conn: &Connection,
    change_id: &str,
    c: &NewChange<'_>,
    at: &str,
    device: &str,
    server_seq: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO change_log (change_id, case_id, entity, entity_id, field, old, new, at, device, server_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        change_id,
        c.case_id,
        c.entity,
        c.entity_id,
        c.field,
        c.old,
        c.new,
        at,
        device,
        server_seq
    ])?;
    Ok(())
}

pub fn last_seq(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| r.get(0))
}

/// Cases touched after `seq` (for refreshing the search index incrementally).
pub fn cases_changed_since(conn: &Connection, seq: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT case_id FROM change_log WHERE seq > ?1")?;
    stmt.query_map([seq], |r| r.get(0))?.collect()
}

/// How many cases were touched after `seq`, counting no further than `cap` (a bulk import's count stops early).
pub fn cases_changed_since_at_most(conn: &Connection, seq: i64, cap: usize) -> rusqlite::Result<usize> {
    conn.prepare_cached("SELECT COUNT(*) FROM (SELECT DISTINCT case_id FROM change_log WHERE seq > ?1 LIMIT ?2)")?
        .query_row(params![seq, cap as i64], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::{DbKey, Store};

    const CASE: &str = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"2025-01-05","judge":"王法官","parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"某某科技有限公司","kind":"org"}],"closed":"2025-03-01","closing_method":"判决","extensions":[{"approved":"2025-03-20","months":1,"by":"院长"}],"deductions":[{"kind":"鉴定","from":"2025-02-01","to":"2025-02-20"}],"appeal":{"filed":"2025-03-20","outcome":"维持"}}"#;
    const NO: &str = "（2025）粤0309民初1234号";

    fn rows(s: &Store) -> i64 {
        s.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).expect("count")
    }

    #[test]
    fn a_created_case_is_one_row_read_as_the_rows_it_created() {
        let dir = tempfile::tempdir().expect("tmp dir");
        let mut s = Store::open(&dir.path().join("bundle.db"), &DbKey::new("bundle")).expect("store");
        let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
        let case = serde_json::from_str::<andu_core::CaseInput>(CASE).unwrap().validate().unwrap();
        s.write(now, |w| w.add_case(&case)).expect("added");
        assert_eq!(rows(&s), 1, "one row for the case and the five rows created with it");

        // The history and the outbox see one entry per created row, the case first, numbered contiguously.
        let history = s.history(NO).expect("history");
        let entities: Vec<&str> = history.iter().rev().map(|c| c.entity.as_str()).collect();
        assert_eq!(entities, ["case", "party", "party", "extension", "deduction", "appeal"]);
        let ops = s.outbox_ops(100).expect("outbox");
        assert_eq!(ops.iter().map(|o| o.device_seq).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
        let mut op_ids: Vec<&str> = ops.iter().map(|o| o.op_id.as_str()).collect();
        op_ids.sort();
        op_ids.dedup();
        assert_eq!(op_ids.len(), 6, "each op its own id");
        for (op, entry) in ops.iter().zip(history.iter().rev()) {
            assert_eq!((&op.op_id, &op.entity, &op.entity_id), (&entry.change_id, &entry.entity, &entry.entity_id));
            let andu_sync::OpKind::Create { row } = &op.kind else { panic!("a creation: {op:?}") };
            assert_eq!(row["id"].as_str(), Some(op.entity_id.as_str()));
            assert_eq!(Some(row), entry.new.as_deref().map(|n| serde_json::from_str(n).unwrap()).as_ref());
        }
        assert_eq!(ops[1].entity_id, s.get_case(NO).unwrap().parties_list[0].id, "the party's own id");

        // An answer that stopped inside the row: the rest is still pending, and sent from where it stopped.
        assert_eq!(pending_count(s.conn(), 0).unwrap(), 6);
        assert_eq!(pending_count(s.conn(), 4).unwrap(), 2);
        let rest = outbox_with_order(s.conn(), 4, 100).unwrap();
        assert_eq!(rest.iter().map(|o| o.device_seq).collect::<Vec<_>>(), [5, 6]);
        assert_eq!(rest[0].change.entity_id, ops[4].entity_id);
        assert_eq!(outbox_with_order(s.conn(), 0, 2).unwrap().len(), 2, "the limit counts entries, not rows");

        // The next edit is numbered after the row's last.
        s.write(now, |w| w.set_case_field(NO, "judge", "测试法官")).expect("edited");
        let ops = s.outbox_ops(100).expect("outbox");
        assert_eq!(ops.last().map(|o| (o.device_seq, o.entity.as_str())), Some((7, "case")));
        assert_eq!(pending_count(s.conn(), 6).unwrap(), 1);

        // Rows written one per created row (every store before migration 19) read as they always did, and the
        // same as the created case's row.
        let created: Vec<ChangeEntry> = s.history(NO).unwrap().into_iter().skip(1).collect();
        let mut seq = LocalSeq { device_seq: 8, base: 0 };
        for e in created.iter().rev() {
            let c = NewChange {
                case_id: "old",
                entity: &e.entity,
                entity_id: &e.entity_id,
                field: None,
                old: None,
                new: e.new.as_deref(),
            };
            append(s.conn(), &format!("x{}", seq.device_seq), &c, &e.at, &e.device, seq).unwrap();
            seq.device_seq += 1;
        }
        let old = for_case(s.conn(), "old").unwrap();
        let key = |e: &ChangeEntry| (e.entity.clone(), e.entity_id.clone(), e.new.clone());
        assert_eq!(old.iter().map(key).collect::<Vec<_>>(), created.iter().map(key).collect::<Vec<_>>());
        assert_eq!(pending_count(s.conn(), 0).unwrap(), 13);
        assert_eq!(outbox_with_order(s.conn(), 7, 100).unwrap().len(), 6);
    }
}
