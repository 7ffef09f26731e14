//! Entity rows as they stand, the versions of their fields (the merge reads them), and the case index
//! (authorization and 案号 uniqueness).

use std::collections::HashMap;

use serde_json::Value;

use super::{R, chunks, json_of, marks, values_list};
use crate::backend::{SqlTx, Val};

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

/// Entity rows as (kind, id, entity, its row's JSON text). A stored row keeps its `case_id`; only its content and
/// sequence change.
pub fn put_entities(tx: &mut dyn SqlTx, rows: &[(&str, &str, &Entity, Option<&str>)]) -> R<()> {
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
            .flat_map(|(entity, id, e, row)| {
                [
                    (*entity).into(),
                    (*id).into(),
                    (&e.case_id).into(),
                    (*row).into(),
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
