//! Typed queries over [`SqlTx`], written once for both backends. One small section per table.

use std::collections::HashMap;

use serde_json::Value;

use crate::backend::{SqlTx, Val};
use crate::error::ServerError;

type R<T> = Result<T, ServerError>;

fn json_of(v: &Val) -> Option<Value> {
    v.opt_text().and_then(|t| serde_json::from_str(&t).ok())
}

/// Slices of at most `max` items, each a power of two long: a multi-row statement's text depends on its row count,
/// both engines cache prepared statements by text, and this keeps a table to a dozen texts instead of hundreds.
pub(crate) fn chunks<T>(mut items: &[T], max: usize) -> impl Iterator<Item = &[T]> {
    std::iter::from_fn(move || {
        if items.is_empty() {
            return None;
        }
        let size = 1 << items.len().min(max).ilog2();
        let (head, rest) = items.split_at(size);
        items = rest;
        Some(head)
    })
}

/// `INSERT … VALUES (?1, …), (…), …` for `rows` rows of `cols` columns, starting at `?1`.
fn values_list(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=cols).map(|c| format!("?{}", r * cols + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `?first, ?first+1, …`: `count` placeholders for an `IN (…)` list.
fn marks(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
}

// ---- users -------------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub name: String,
    pub role: String,
    pub division: String,
    pub password_hash: String,
}

pub fn user(tx: &mut dyn SqlTx, name: &str) -> R<Option<User>> {
    let rows = tx.query("SELECT name, role, division, password_hash FROM users WHERE name = ?1", &[name.into()])?;
    Ok(rows.first().map(|r| User {
        name: r[0].text(),
        role: r[1].text(),
        division: r[2].text(),
        password_hash: r[3].text(),
    }))
}

pub fn insert_user(tx: &mut dyn SqlTx, u: &User, at: &str) -> R<()> {
    tx.exec(
        "INSERT INTO users (name, role, division, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[(&u.name).into(), (&u.role).into(), (&u.division).into(), (&u.password_hash).into(), at.into()],
    )?;
    Ok(())
}

pub fn set_user_access(tx: &mut dyn SqlTx, name: &str, role: &str, division: &str) -> R<u64> {
    tx.exec("UPDATE users SET role = ?1, division = ?2 WHERE name = ?3", &[role.into(), division.into(), name.into()])
}

pub fn users(tx: &mut dyn SqlTx) -> R<Vec<User>> {
    Ok(tx
        .query("SELECT name, role, division, password_hash FROM users ORDER BY name", &[])?
        .iter()
        .map(|r| User { name: r[0].text(), role: r[1].text(), division: r[2].text(), password_hash: r[3].text() })
        .collect())
}

// ---- devices and tokens ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: String,
    pub user: String,
    pub last_seq: i64,
}

pub fn device(tx: &mut dyn SqlTx, id: &str) -> R<Option<Device>> {
    let rows = tx.query("SELECT id, user_name, last_seq FROM devices WHERE id = ?1", &[id.into()])?;
    Ok(rows.first().map(|r| Device { id: r[0].text(), user: r[1].text(), last_seq: r[2].int() }))
}

pub fn insert_device(tx: &mut dyn SqlTx, id: &str, user: &str, name: &str, at: &str) -> R<()> {
    tx.exec(
        "INSERT INTO devices (id, user_name, name, last_seq, created_at) VALUES (?1, ?2, ?3, 0, ?4)",
        &[id.into(), user.into(), name.into(), at.into()],
    )?;
    Ok(())
}

pub fn set_device_seq(tx: &mut dyn SqlTx, id: &str, seq: i64) -> R<()> {
    tx.exec("UPDATE devices SET last_seq = ?1 WHERE id = ?2", &[seq.into(), id.into()])?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: String,
    pub user: String,
    pub device_id: String,
    pub expires_at: i64,
    pub revoked: bool,
}

pub fn insert_token(tx: &mut dyn SqlTx, hash: &str, t: &Token) -> R<()> {
    tx.exec(
        "INSERT INTO tokens (hash, kind, user_name, device_id, expires_at, revoked) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
        &[hash.into(), (&t.kind).into(), (&t.user).into(), (&t.device_id).into(), t.expires_at.into()],
    )?;
    Ok(())
}

pub fn token(tx: &mut dyn SqlTx, hash: &str) -> R<Option<Token>> {
    let rows =
        tx.query("SELECT kind, user_name, device_id, expires_at, revoked FROM tokens WHERE hash = ?1", &[hash.into()])?;
    Ok(rows.first().map(|r| Token {
        kind: r[0].text(),
        user: r[1].text(),
        device_id: r[2].text(),
        expires_at: r[3].int(),
        revoked: r[4].int() != 0,
    }))
}

pub fn revoke_tokens(tx: &mut dyn SqlTx, user: &str) -> R<u64> {
    tx.exec("UPDATE tokens SET revoked = 1 WHERE user_name = ?1", &[user.into()])
}

// ---- applied ops (idempotency) -----------------------------------------------------------------------------------

/// Stored answers of whichever of `op_ids` this device had answered before, by op id. Answers are per device: an op
/// id another device used is a new op here, and its answer (another user's case) is never replayed.
pub fn applied_ops(tx: &mut dyn SqlTx, device: &str, op_ids: &[&str]) -> R<HashMap<String, String>> {
    let mut out = HashMap::new();
    for chunk in op_ids.chunks(100) {
        let sql = format!(
            "SELECT op_id, result FROM applied_ops WHERE device_id = ?1 AND op_id IN ({})",
            marks(2, chunk.len())
        );
        let params: Vec<Val> = std::iter::once(device.into()).chain(chunk.iter().map(|id| (*id).into())).collect();
        for r in tx.query(&sql, &params)? {
            out.insert(r[0].text(), r[1].text());
        }
    }
    Ok(out)
}

pub fn insert_applied_op(tx: &mut dyn SqlTx, op_id: &str, device: &str, device_seq: i64, result: &str) -> R<()> {
    tx.exec(
        "INSERT INTO applied_ops (op_id, device_id, device_seq, result) VALUES (?1, ?2, ?3, ?4)",
        &[op_id.into(), device.into(), device_seq.into(), result.into()],
    )?;
    Ok(())
}

// ---- entities and their fields -----------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub case_id: String,
    /// `None`: deleted (a tombstone).
    pub row: Option<Value>,
    pub seq: i64,
    /// The device of the last change ('' for rows written before schema v6).
    pub device_id: String,
    /// That device holds exactly this row (see [`Change::sender_has`]).
    pub sender_has: bool,
    /// The change that created the entity, the version of every field of it with no row of its own in `fields`
    /// (schema v7; `None` for entities created before, whose every field has its row).
    pub born: Option<FieldMeta>,
}

impl Entity {
    /// The versions of the entity's fields that have no `fields` row: those of its creation (see [`Entity::born`]),
    /// for each field of its row but `id` — exactly the rows a creation used to write, one per field.
    pub fn born_fields(&self) -> Vec<FieldMeta> {
        let (Some(born), Some(Value::Object(row))) = (&self.born, &self.row) else { return Vec::new() };
        row.keys().filter(|k| k.as_str() != "id").map(|k| FieldMeta { field: k.clone(), ..born.clone() }).collect()
    }
}

const ENTITY_COLUMNS: &str = "case_id, row_json, seq, device_id, sender_has, born_seq, born_user, born_device";

fn entity_of(r: &[Val]) -> Entity {
    Entity {
        case_id: r[0].text(),
        row: json_of(&r[1]),
        seq: r[2].int(),
        device_id: r[3].text(),
        sender_has: r[4].int() != 0,
        born: r[5].opt_int().map(|seq| FieldMeta {
            field: String::new(),
            seq,
            user: r[6].text(),
            device_id: r[7].text(),
        }),
    }
}

pub fn entity(tx: &mut dyn SqlTx, entity: &str, id: &str) -> R<Option<Entity>> {
    let rows = tx.query(
        &format!("SELECT {ENTITY_COLUMNS} FROM entities WHERE entity = ?1 AND id = ?2"),
        &[entity.into(), id.into()],
    )?;
    Ok(rows.first().map(|r| entity_of(r)))
}

/// The stored rows of one kind under a case, by id.
pub fn case_entities(tx: &mut dyn SqlTx, entity: &str, case_id: &str) -> R<Vec<(String, Entity)>> {
    let rows = tx.query(
        &format!("SELECT id, {ENTITY_COLUMNS} FROM entities WHERE entity = ?1 AND case_id = ?2"),
        &[entity.into(), case_id.into()],
    )?;
    Ok(rows.iter().map(|r| (r[0].text(), entity_of(&r[1..]))).collect())
}

/// The stored rows of several entities of one kind, by id (ids not stored are absent from the answer).
pub fn entities_by_id(tx: &mut dyn SqlTx, entity: &str, ids: &[&str]) -> R<HashMap<String, Entity>> {
    let mut out = HashMap::new();
    for chunk in chunks(ids, 512) {
        let sql = format!(
            "SELECT id, {ENTITY_COLUMNS} FROM entities WHERE entity = ?1 AND id IN ({})",
            marks(2, chunk.len())
        );
        let params: Vec<Val> = std::iter::once(entity.into()).chain(chunk.iter().map(|id| (*id).into())).collect();
        for r in tx.query(&sql, &params)? {
            out.insert(r[0].text(), entity_of(&r[1..]));
        }
    }
    Ok(out)
}

// Writes are multi-row upserts (`ON CONFLICT … DO UPDATE`, the same text on both engines), each row at most once per
// statement: a push stages its writes and flushes them together, because on PostgreSQL every statement is a round
// trip. Parameters stay far below both engines' limits (SQLite 32,766, PostgreSQL 65,535).

/// Entity rows as (kind, id, entity). A stored row keeps its `case_id`; only its content and sequence change.
pub fn put_entities(tx: &mut dyn SqlTx, rows: &[(&str, &str, &Entity)]) -> R<()> {
    for chunk in chunks(rows, 1024) {
        let sql = format!(
            "INSERT INTO entities (entity, id, case_id, row_json, seq, device_id, sender_has, born_seq, born_user,
               born_device) VALUES {}
             ON CONFLICT (entity, id) DO UPDATE SET row_json = excluded.row_json, seq = excluded.seq,
               device_id = excluded.device_id, sender_has = excluded.sender_has",
            values_list(chunk.len(), 10)
        );
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|(entity, id, e)| {
                [
                    (*entity).into(),
                    (*id).into(),
                    (&e.case_id).into(),
                    e.row.as_ref().map(|r| r.to_string()).into(),
                    e.seq.into(),
                    (&e.device_id).into(),
                    i64::from(e.sender_has).into(),
                    e.born.as_ref().map(|b| b.seq).into(),
                    e.born.as_ref().map(|b| b.user.as_str()).into(),
                    e.born.as_ref().map(|b| b.device_id.as_str()).into(),
                ]
            })
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldMeta {
    pub field: String,
    pub seq: i64,
    pub user: String,
    pub device_id: String,
}

pub fn fields(tx: &mut dyn SqlTx, entity: &str, id: &str) -> R<Vec<FieldMeta>> {
    Ok(tx
        .query(
            "SELECT field, seq, user_name, device_id FROM fields WHERE entity = ?1 AND id = ?2",
            &[entity.into(), id.into()],
        )?
        .iter()
        .map(|r| FieldMeta { field: r[0].text(), seq: r[1].int(), user: r[2].text(), device_id: r[3].text() })
        .collect())
}

/// The field versions of several entities of one kind, by id.
pub fn fields_by_id(tx: &mut dyn SqlTx, entity: &str, ids: &[&str]) -> R<HashMap<String, Vec<FieldMeta>>> {
    let mut out: HashMap<String, Vec<FieldMeta>> = HashMap::new();
    for chunk in chunks(ids, 512) {
        let sql = format!(
            "SELECT id, field, seq, user_name, device_id FROM fields WHERE entity = ?1 AND id IN ({})",
            marks(2, chunk.len())
        );
        let params: Vec<Val> = std::iter::once(entity.into()).chain(chunk.iter().map(|id| (*id).into())).collect();
        for r in tx.query(&sql, &params)? {
            let meta = FieldMeta { field: r[1].text(), seq: r[2].int(), user: r[3].text(), device_id: r[4].text() };
            out.entry(r[0].text()).or_default().push(meta);
        }
    }
    Ok(out)
}

/// Field versions as (kind, id, version), each (kind, id, field) at most once.
pub fn put_fields(tx: &mut dyn SqlTx, rows: &[(&str, &str, &FieldMeta)]) -> R<()> {
    for chunk in chunks(rows, 1024) {
        let sql = format!(
            "INSERT INTO fields (entity, id, field, seq, user_name, device_id) VALUES {}
             ON CONFLICT (entity, id, field) DO UPDATE
             SET seq = excluded.seq, user_name = excluded.user_name, device_id = excluded.device_id",
            values_list(chunk.len(), 6)
        );
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|(entity, id, f)| {
                [
                    (*entity).into(),
                    (*id).into(),
                    (&f.field).into(),
                    f.seq.into(),
                    (&f.user).into(),
                    (&f.device_id).into(),
                ]
            })
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

// ---- the case index (authorization and 案号 uniqueness) ---------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct CaseIndex {
    pub case_no: String,
    pub division: String,
}

pub fn case_index(tx: &mut dyn SqlTx, case_id: &str) -> R<Option<CaseIndex>> {
    let rows = tx.query("SELECT case_no, division FROM cases_index WHERE case_id = ?1", &[case_id.into()])?;
    Ok(rows.first().map(|r| CaseIndex { case_no: r[0].text(), division: r[1].text() }))
}

/// The index rows of several cases, by case id.
pub fn case_indexes(tx: &mut dyn SqlTx, case_ids: &[&str]) -> R<HashMap<String, CaseIndex>> {
    case_indexes_where(tx, "case_id", case_ids)
}

/// The index rows holding any of these 案号, by case id.
pub fn case_indexes_by_no(tx: &mut dyn SqlTx, case_nos: &[&str]) -> R<HashMap<String, CaseIndex>> {
    case_indexes_where(tx, "case_no", case_nos)
}

fn case_indexes_where(tx: &mut dyn SqlTx, column: &str, values: &[&str]) -> R<HashMap<String, CaseIndex>> {
    let mut out = HashMap::new();
    for chunk in chunks(values, 512) {
        let sql =
            format!("SELECT case_id, case_no, division FROM cases_index WHERE {column} IN ({})", marks(1, chunk.len()));
        let params: Vec<Val> = chunk.iter().map(|v| (*v).into()).collect();
        for r in tx.query(&sql, &params)? {
            out.insert(r[0].text(), CaseIndex { case_no: r[1].text(), division: r[2].text() });
        }
    }
    Ok(out)
}

pub fn case_id_by_no(tx: &mut dyn SqlTx, case_no: &str) -> R<Option<String>> {
    Ok(tx.query("SELECT case_id FROM cases_index WHERE case_no = ?1", &[case_no.into()])?.first().map(|r| r[0].text()))
}

pub fn put_case_index(tx: &mut dyn SqlTx, case_id: &str, c: &CaseIndex) -> R<()> {
    tx.exec(
        "INSERT INTO cases_index (case_id, case_no, division) VALUES (?1, ?2, ?3)
         ON CONFLICT (case_id) DO UPDATE SET case_no = excluded.case_no, division = excluded.division",
        &[case_id.into(), (&c.case_no).into(), (&c.division).into()],
    )?;
    Ok(())
}

/// Index rows as (case id, row), each case at most once. Only safe in one statement when no row takes a 案号 another
/// row gives up in the same statement (the uniqueness of `case_no` is checked row by row).
pub fn put_case_indexes(tx: &mut dyn SqlTx, rows: &[(&str, &CaseIndex)]) -> R<()> {
    for chunk in chunks(rows, 1024) {
        let sql = format!(
            "INSERT INTO cases_index (case_id, case_no, division) VALUES {}
             ON CONFLICT (case_id) DO UPDATE SET case_no = excluded.case_no, division = excluded.division",
            values_list(chunk.len(), 3)
        );
        let params: Vec<Val> =
            chunk.iter().flat_map(|(id, c)| [(*id).into(), (&c.case_no).into(), (&c.division).into()]).collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

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
/// whole transaction, so numbers after `MAX(seq)` are safe and sequence order is commit order.
pub fn insert_changes(tx: &mut dyn SqlTx, changes: &[Change]) -> R<()> {
    for chunk in chunks(changes, 1024) {
        let sql = format!("INSERT INTO changes ({CHANGE_COLUMNS}, sender_has) VALUES {}", values_list(chunk.len(), 10));
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|c| {
                [
                    c.seq.into(),
                    (&c.case_id).into(),
                    (&c.entity).into(),
                    (&c.entity_id).into(),
                    c.field.clone().into(),
                    c.row.as_ref().map(|r| r.to_string()).into(),
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

/// `EXISTS …` for "the scope shows case `{case}`": any case in the index (`division` None) or one of a division,
/// whose name is parameter `?{param}`.
fn shown(case: &str, division: Option<&str>, param: usize) -> String {
    match division {
        None => format!("EXISTS (SELECT 1 FROM cases_index c WHERE c.case_id = {case})"),
        Some(_) => format!("EXISTS (SELECT 1 FROM cases_index c WHERE c.case_id = {case} AND c.division = ?{param})"),
    }
}

fn with_division(mut params: Vec<Val>, division: Option<&str>) -> Vec<Val> {
    if let Some(d) = division {
        params.push(d.into());
    }
    params
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
) -> R<Vec<Change>> {
    let sql = format!(
        "SELECT {CHANGE_COLUMNS} FROM changes WHERE seq > ?1 AND seq <= ?2
           AND NOT (changes.device_id = ?3 AND changes.sender_has = 1)
           AND EXISTS (SELECT 1 FROM device_cases d WHERE d.device_id = ?3 AND d.case_id = changes.case_id)
           AND {}
         ORDER BY seq LIMIT ?4",
        shown("changes.case_id", division, 5)
    );
    let params = with_division(vec![seq.into(), upto.into(), device.into(), limit.into()], division);
    Ok(tx.query(&sql, &params)?.iter().map(|r| change_of(r)).collect())
}

/// The cases a device holds that the scope no longer shows, by id.
pub fn held_not_shown(tx: &mut dyn SqlTx, device: &str, division: Option<&str>) -> R<Vec<String>> {
    let sql = format!(
        "SELECT d.case_id FROM device_cases d WHERE d.device_id = ?1 AND NOT {} ORDER BY d.case_id",
        shown("d.case_id", division, 2)
    );
    Ok(tx.query(&sql, &with_division(vec![device.into()], division))?.iter().map(|r| r[0].text()).collect())
}

/// Cases the scope shows that the device does not hold yet, by id, at most `limit`.
///
/// A first sync takes them page by page in id order, so the device already holds every shown case up to its highest
/// held id but for a few (granted or registered since): looking past that id first keeps each page an index range
/// instead of a walk over everything held so far — quadratic over a first sync of 10,000 cases. Only when that finds
/// less than a page does it look from the start, so no case is ever left out.
pub fn shown_not_held(tx: &mut dyn SqlTx, device: &str, division: Option<&str>, limit: i64) -> R<Vec<String>> {
    let highest = tx.query("SELECT MAX(case_id) FROM device_cases WHERE device_id = ?1", &[device.into()])?;
    if let Some(after) = highest.first().and_then(|r| r[0].opt_text()) {
        let past = shown_not_held_after(tx, device, division, Some(&after), limit)?;
        if past.len() as i64 >= limit {
            return Ok(past);
        }
    }
    shown_not_held_after(tx, device, division, None, limit)
}

fn shown_not_held_after(
    tx: &mut dyn SqlTx,
    device: &str,
    division: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> R<Vec<String>> {
    let mut params: Vec<Val> = vec![device.into(), limit.into()];
    let mut filter = String::new();
    if let Some(d) = division {
        params.push(d.into());
        filter.push_str(&format!("c.division = ?{} AND ", params.len()));
    }
    if let Some(a) = after {
        params.push(a.into());
        filter.push_str(&format!("c.case_id > ?{} AND ", params.len()));
    }
    let sql = format!(
        "SELECT c.case_id FROM cases_index c
         WHERE {filter}NOT EXISTS (SELECT 1 FROM device_cases d WHERE d.device_id = ?1 AND d.case_id = c.case_id)
         ORDER BY c.case_id LIMIT ?2"
    );
    Ok(tx.query(&sql, &params)?.iter().map(|r| r[0].text()).collect())
}

/// The whole history of a case up to `upto`.
pub fn case_history(tx: &mut dyn SqlTx, case_id: &str, upto: i64) -> R<Vec<Change>> {
    Ok(tx
        .query(
            &format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE case_id = ?1 AND seq <= ?2 ORDER BY seq"),
            &[case_id.into(), upto.into()],
        )?
        .iter()
        .map(|r| change_of(r))
        .collect())
}

/// Part of a case's history: changes after `after` up to `upto`, at most `limit`, oldest first (a history too large
/// for one pull page is read and sent in parts).
pub fn case_history_after(tx: &mut dyn SqlTx, case_id: &str, after: i64, upto: i64, limit: i64) -> R<Vec<Change>> {
    Ok(tx
        .query(
            &format!(
                "SELECT {CHANGE_COLUMNS} FROM changes WHERE case_id = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4"
            ),
            &[case_id.into(), after.into(), upto.into(), limit.into()],
        )?
        .iter()
        .map(|r| change_of(r))
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
pub fn case_state_after(tx: &mut dyn SqlTx, case_id: &str, after: i64, upto: i64, limit: i64) -> R<Vec<Change>> {
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
        .iter()
        .map(|r| change_of(r))
        .collect())
}

/// The current state of several cases at once (the join of a new device reads a page's cases in a few queries, not
/// two per case): the last change of every live entity of `case_ids` made at or before `upto`, as (case id, change),
/// ordered by case and sequence, at most `limit` rows. When the answer has `limit` rows, the last case in it may be
/// cut short: the caller reads that one on its own.
pub fn cases_state(tx: &mut dyn SqlTx, case_ids: &[&str], upto: i64, limit: i64) -> R<Vec<(String, Change)>> {
    let mut params: Vec<Val> = vec![upto.into(), limit.into()];
    params.extend(case_ids.iter().map(|id| Val::from(*id)));
    let sql = format!(
        "SELECT e.case_id, {} FROM entities e JOIN changes ch ON ch.seq = e.seq
         WHERE e.case_id IN ({}) AND e.seq <= ?1 AND e.row_json IS NOT NULL
         ORDER BY e.case_id, e.seq LIMIT ?2",
        state_columns(),
        marks(3, case_ids.len())
    );
    Ok(tx.query(&sql, &params)?.iter().map(|r| (r[0].text(), change_of(&r[1..]))).collect())
}

/// The last change of the case's own row, if it was made at or before `upto`: the first row of its current state.
pub fn case_state_row(tx: &mut dyn SqlTx, case_id: &str, upto: i64) -> R<Option<Change>> {
    Ok(tx
        .query(
            &format!(
                "SELECT {} FROM entities e JOIN changes ch ON ch.seq = e.seq
                 WHERE e.entity = 'case' AND e.id = ?1 AND e.seq <= ?2 AND e.row_json IS NOT NULL",
                state_columns()
            ),
            &[case_id.into(), upto.into()],
        )?
        .first()
        .map(|r| change_of(r)))
}

/// Whether the device holds the case (and has not been told to drop it).
pub fn holds(tx: &mut dyn SqlTx, device: &str, case_id: &str) -> R<bool> {
    Ok(!tx
        .query(
            "SELECT 1 FROM device_cases WHERE device_id = ?1 AND case_id = ?2 AND removed_epoch IS NULL",
            &[device.into(), case_id.into()],
        )?
        .is_empty())
}

// ---- which cases each device holds -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub case_id: String,
    pub added_epoch: i64,
    pub removed_epoch: Option<i64>,
}

pub fn held(tx: &mut dyn SqlTx, device: &str) -> R<Vec<Held>> {
    Ok(tx
        .query("SELECT case_id, added_epoch, removed_epoch FROM device_cases WHERE device_id = ?1", &[device.into()])?
        .iter()
        .map(|r| Held { case_id: r[0].text(), added_epoch: r[1].int(), removed_epoch: r[2].opt_int() })
        .collect())
}

/// The ids of the cases a device holds (read from the primary key alone).
pub fn held_ids(tx: &mut dyn SqlTx, device: &str) -> R<Vec<String>> {
    Ok(tx
        .query("SELECT case_id FROM device_cases WHERE device_id = ?1", &[device.into()])?
        .iter()
        .map(|r| r[0].text())
        .collect())
}

/// Forget what the client did not confirm: additions and removals sent in pages after `epoch`. Confirmed removals
/// are dropped for good. Returns how many unconfirmed removals were taken back (those cases must be revoked again).
pub fn settle_held(tx: &mut dyn SqlTx, device: &str, epoch: i64) -> R<u64> {
    tx.exec("DELETE FROM device_cases WHERE device_id = ?1 AND added_epoch > ?2", &[device.into(), epoch.into()])?;
    let restored = tx.exec(
        "UPDATE device_cases SET removed_epoch = NULL WHERE device_id = ?1 AND removed_epoch > ?2",
        &[device.into(), epoch.into()],
    )?;
    tx.exec("DELETE FROM device_cases WHERE device_id = ?1 AND removed_epoch <= ?2", &[device.into(), epoch.into()])?;
    Ok(restored)
}

// ---- access changes (schema v7) ------------------------------------------------------------------------------------

/// How many access changes there have been: a user's role or division, a case moved to another division.
pub fn access_clock(tx: &mut dyn SqlTx) -> R<i64> {
    Ok(tx.query("SELECT version FROM access_clock WHERE id = 1", &[])?.first().map_or(0, |r| r[0].int()))
}

/// Count an access change: every device looks for cases it may no longer see at its next pull.
pub fn access_changed(tx: &mut dyn SqlTx) -> R<()> {
    tx.exec("UPDATE access_clock SET version = version + 1 WHERE id = 1", &[])?;
    Ok(())
}

/// The access clock at which the device last looked for cases it may no longer see (0: never).
pub fn access_checked(tx: &mut dyn SqlTx, device: &str) -> R<i64> {
    Ok(tx
        .query("SELECT access_checked FROM devices WHERE id = ?1", &[device.into()])?
        .first()
        .map_or(0, |r| r[0].int()))
}

pub fn set_access_checked(tx: &mut dyn SqlTx, device: &str, clock: i64) -> R<()> {
    tx.exec("UPDATE devices SET access_checked = ?1 WHERE id = ?2", &[clock.into(), device.into()])?;
    Ok(())
}

pub fn add_held(tx: &mut dyn SqlTx, device: &str, case_id: &str, epoch: i64) -> R<()> {
    tx.exec(
        "INSERT INTO device_cases (device_id, case_id, added_epoch) VALUES (?1, ?2, ?3)",
        &[device.into(), case_id.into(), epoch.into()],
    )?;
    Ok(())
}

/// A device's new held cases as (case id, epoch).
pub fn add_held_cases(tx: &mut dyn SqlTx, device: &str, cases: &[(&str, i64)]) -> R<()> {
    for chunk in chunks(cases, 1024) {
        let sql = format!(
            "INSERT INTO device_cases (device_id, case_id, added_epoch) VALUES {}",
            values_list(chunk.len(), 3)
        );
        let params: Vec<Val> =
            chunk.iter().flat_map(|(case_id, epoch)| [device.into(), (*case_id).into(), (*epoch).into()]).collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

pub fn remove_held_cases(tx: &mut dyn SqlTx, device: &str, case_ids: &[&str]) -> R<()> {
    for chunk in chunks(case_ids, 512) {
        let sql = format!("DELETE FROM device_cases WHERE device_id = ?1 AND case_id IN ({})", marks(2, chunk.len()));
        let params: Vec<Val> = std::iter::once(device.into()).chain(chunk.iter().map(|c| (*c).into())).collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

pub fn mark_removed(tx: &mut dyn SqlTx, device: &str, case_id: &str, epoch: i64) -> R<()> {
    tx.exec(
        "UPDATE device_cases SET removed_epoch = ?1 WHERE device_id = ?2 AND case_id = ?3",
        &[epoch.into(), device.into(), case_id.into()],
    )?;
    Ok(())
}

// ---- audit -------------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user: String,
    pub device_id: String,
    pub op_id: String,
    pub case_id: String,
    pub entity: String,
    pub entity_id: String,
    pub result: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

pub fn last_audit(tx: &mut dyn SqlTx) -> R<Option<(i64, String)>> {
    Ok(tx
        .query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])?
        .first()
        .map(|r| (r[0].int(), r[1].text())))
}

/// Several stored answers in one statement per 100 (a push writes them after its ops, in the same transaction).
pub fn insert_applied_ops(tx: &mut dyn SqlTx, device: &str, answers: &[(String, i64, String)]) -> R<()> {
    for chunk in answers.chunks(100) {
        let sql = format!(
            "INSERT INTO applied_ops (op_id, device_id, device_seq, result) VALUES {}",
            values_list(chunk.len(), 4)
        );
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|(op_id, seq, result)| [op_id.into(), device.into(), (*seq).into(), result.into()])
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

/// Several audit entries, in order, in one statement per 50.
pub fn insert_audits(tx: &mut dyn SqlTx, entries: &[AuditEntry]) -> R<()> {
    for chunk in entries.chunks(50) {
        let sql = format!(
            "INSERT INTO audit (seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail, prev_hash, hash)
             VALUES {}",
            values_list(chunk.len(), 12)
        );
        let params: Vec<Val> = chunk
            .iter()
            .flat_map(|a| {
                [
                    a.seq.into(),
                    (&a.at).into(),
                    (&a.user).into(),
                    (&a.device_id).into(),
                    (&a.op_id).into(),
                    (&a.case_id).into(),
                    (&a.entity).into(),
                    (&a.entity_id).into(),
                    (&a.result).into(),
                    (&a.detail).into(),
                    (&a.prev_hash).into(),
                    (&a.hash).into(),
                ]
            })
            .collect();
        tx.exec(&sql, &params)?;
    }
    Ok(())
}

pub fn insert_audit(tx: &mut dyn SqlTx, a: &AuditEntry) -> R<()> {
    tx.exec(
        "INSERT INTO audit (seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        &[
            a.seq.into(),
            (&a.at).into(),
            (&a.user).into(),
            (&a.device_id).into(),
            (&a.op_id).into(),
            (&a.case_id).into(),
            (&a.entity).into(),
            (&a.entity_id).into(),
            (&a.result).into(),
            (&a.detail).into(),
            (&a.prev_hash).into(),
            (&a.hash).into(),
        ],
    )?;
    Ok(())
}

pub fn audit_page(tx: &mut dyn SqlTx, after: i64, limit: i64) -> R<Vec<AuditEntry>> {
    Ok(tx
        .query(
            "SELECT seq, at, user_name, device_id, op_id, case_id, entity, entity_id, result, detail, prev_hash, hash
             FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            &[after.into(), limit.into()],
        )?
        .iter()
        .map(|r| AuditEntry {
            seq: r[0].int(),
            at: r[1].text(),
            user: r[2].text(),
            device_id: r[3].text(),
            op_id: r[4].text(),
            case_id: r[5].text(),
            entity: r[6].text(),
            entity_id: r[7].text(),
            result: r[8].text(),
            detail: r[9].text(),
            prev_hash: r[10].text(),
            hash: r[11].text(),
        })
        .collect())
}

// ---- published assets ------------------------------------------------------------------------------------------

pub fn publish_asset(tx: &mut dyn SqlTx, a: &andu_sync::Asset) -> R<i64> {
    let seq = tx.query("SELECT COALESCE(MAX(seq), 0) FROM assets", &[])?.first().map(|r| r[0].int()).unwrap_or(0) + 1;
    tx.exec(
        "INSERT INTO assets (seq, kind, name, content, published_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[
            seq.into(),
            (&a.kind).into(),
            (&a.name).into(),
            (&a.content).into(),
            (&a.published_by).into(),
            (&a.at).into(),
        ],
    )?;
    Ok(seq)
}

pub fn assets_after(tx: &mut dyn SqlTx, after: i64) -> R<Vec<andu_sync::Asset>> {
    Ok(tx
        .query(
            "SELECT seq, kind, name, content, published_by, at FROM assets WHERE seq > ?1 ORDER BY seq",
            &[after.into()],
        )?
        .iter()
        .map(|r| andu_sync::Asset {
            seq: r[0].int(),
            kind: r[1].text(),
            name: r[2].text(),
            content: r[3].text(),
            published_by: r[4].text(),
            at: r[5].text(),
        })
        .collect())
}
