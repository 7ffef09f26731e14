//! What one push reads and writes, staged in memory. On PostgreSQL every statement is a loopback round trip, and an
//! op used to cost half a dozen of them; now a push costs a handful in all:
//!
//! - at the start, the rows the batch's ops will read are loaded in a few multi-row queries;
//! - each op reads through this state (so it sees the earlier ops of its batch) and writes into it; anything not
//!   loaded up front is read from the database on first use;
//! - at the end, the writes are flushed in a few multi-row statements, in the same transaction.
//!
//! The pusher holds the writer (SQLite) or the feed lock (PostgreSQL) for the whole transaction, so nothing else
//! changes these rows meanwhile, and feed numbers counted on from `MAX(seq)` keep feed order = commit order.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use andu_sync::{Op, OpKind};
use serde_json::Value;

use crate::backend::SqlTx;
use crate::db::{self, CaseIndex, Change, Entity, FieldMeta};
use crate::error::ServerError;

type R<T> = Result<T, ServerError>;

/// (entity kind, id).
type Key = (String, String);

fn key(entity: &str, id: &str) -> Key {
    (entity.to_string(), id.to_string())
}

/// The field versions of one entity as they stand now; `complete` once the stored ones have been read under the
/// staged ones.
#[derive(Default)]
struct FieldVersions {
    complete: bool,
    /// Created in this push: the fields without a version of their own have the creation's, added under
    /// `by_field` when first read (most new rows of an upload are never read again in their push).
    born_pending: bool,
    by_field: BTreeMap<String, FieldMeta>,
}

/// A change appended to the feed in this push: its number, and whether its sender holds its row exactly.
#[derive(Debug, Clone, Copy)]
pub struct Staged {
    pub seq: i64,
    pub sender_has: bool,
}

pub struct PushState<'t> {
    tx: &'t mut dyn SqlTx,
    device_id: String,
    /// The feed's last sequence number, staged changes included (read on first need).
    last_seq: Option<i64>,
    /// Changes appended, each with its row's JSON, written when the change was appended (its `row` is then `None`).
    changes: Vec<(Change, Option<String>)>,
    /// Entity rows as they stand now; `None`: not stored.
    entities: HashMap<Key, Option<Entity>>,
    entities_written: BTreeSet<Key>,
    fields: HashMap<Key, FieldVersions>,
    fields_written: BTreeSet<(String, String, String)>,
    /// Case index rows as stored when the push began (`None`: no such case), and as written since.
    cases_stored: HashMap<String, Option<CaseIndex>>,
    cases_written: BTreeMap<String, CaseIndex>,
    /// Every case index write in order, replayed one by one when a stored case changed its 案号 (see `flush`).
    case_writes: Vec<(String, CaseIndex)>,
    /// Who holds each 案号 now, for every case loaded or written.
    case_by_no: HashMap<String, String>,
    /// 案号 whose stored holder, if any, has been loaded.
    case_nos_loaded: HashSet<String>,
    /// The device's held cases: the last change per case (`Some(epoch)`: now held, `None`: released), and every case
    /// released along the way.
    held: BTreeMap<String, Option<i64>>,
    released: BTreeSet<String>,
}

impl<'t> PushState<'t> {
    /// Stage a push by `device_id`, loading what `ops` will read: their cases' index rows, the index rows holding
    /// the 案号 they register or change, their entities and those entities' field versions, the conflicts they
    /// resolve.
    pub fn load(tx: &'t mut dyn SqlTx, device_id: &str, ops: &[&Op]) -> R<PushState<'t>> {
        let mut st = PushState {
            tx,
            device_id: device_id.to_string(),
            last_seq: None,
            changes: Vec::new(),
            entities: HashMap::new(),
            entities_written: BTreeSet::new(),
            fields: HashMap::new(),
            fields_written: BTreeSet::new(),
            cases_stored: HashMap::new(),
            cases_written: BTreeMap::new(),
            case_writes: Vec::new(),
            case_by_no: HashMap::new(),
            case_nos_loaded: HashSet::new(),
            held: BTreeMap::new(),
            released: BTreeSet::new(),
        };
        if ops.is_empty() {
            return Ok(st);
        }
        st.load_cases(ops)?;
        st.load_entities(ops)?;
        Ok(st)
    }

    fn load_cases(&mut self, ops: &[&Op]) -> R<()> {
        let ids: BTreeSet<&str> = ops.iter().map(|o| o.case_id.as_str()).collect();
        let ids: Vec<&str> = ids.into_iter().collect();
        let stored = db::case_indexes(self.tx, &ids)?;
        for id in ids {
            self.remember_case(id, stored.get(id).cloned());
        }
        let nos: BTreeSet<&str> = ops.iter().filter_map(|o| case_no_named(o)).collect();
        if nos.is_empty() {
            return Ok(());
        }
        let nos: Vec<&str> = nos.into_iter().collect();
        for (id, ix) in db::case_indexes_by_no(self.tx, &nos)? {
            self.remember_case(&id, Some(ix));
        }
        self.case_nos_loaded.extend(nos.into_iter().map(String::from));
        Ok(())
    }

    /// Record a case index row read from the database (unless this push already knows the case).
    fn remember_case(&mut self, case_id: &str, stored: Option<CaseIndex>) {
        if self.cases_stored.contains_key(case_id) {
            return;
        }
        if let Some(ix) = &stored {
            self.case_by_no.entry(ix.case_no.clone()).or_insert_with(|| case_id.to_string());
        }
        self.cases_stored.insert(case_id.to_string(), stored);
    }

    fn load_entities(&mut self, ops: &[&Op]) -> R<()> {
        let mut ids_by_kind: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for op in ops {
            ids_by_kind.entry(op.entity.as_str()).or_default().insert(op.entity_id.as_str());
            if let OpKind::Resolve { conflict_id, .. } = &op.kind {
                ids_by_kind.entry("conflict").or_default().insert(conflict_id.as_str());
            }
        }
        for (kind, ids) in ids_by_kind {
            let ids: Vec<&str> = ids.into_iter().collect();
            let mut stored = db::entities_by_id(self.tx, kind, &ids)?;
            // Field versions exist only beside a stored entity: read them for those alone.
            let present: Vec<&str> = ids.iter().copied().filter(|id| stored.contains_key(*id)).collect();
            let mut versions =
                if present.is_empty() { HashMap::new() } else { db::fields_by_id(self.tx, kind, &present)? };
            for id in ids {
                let entity = stored.remove(id);
                let mut by_field: BTreeMap<String, FieldMeta> =
                    versions.remove(id).unwrap_or_default().into_iter().map(|m| (m.field.clone(), m)).collect();
                for m in entity.as_ref().map(Entity::born_fields).unwrap_or_default() {
                    by_field.entry(m.field.clone()).or_insert(m);
                }
                self.fields.insert(key(kind, id), FieldVersions { complete: true, born_pending: false, by_field });
                self.entities.insert(key(kind, id), entity);
            }
        }
        Ok(())
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    pub fn case_index(&mut self, case_id: &str) -> R<Option<CaseIndex>> {
        if let Some(ix) = self.cases_written.get(case_id) {
            return Ok(Some(ix.clone()));
        }
        if !self.cases_stored.contains_key(case_id) {
            let stored = db::case_index(self.tx, case_id)?;
            self.remember_case(case_id, stored);
        }
        Ok(self.cases_stored[case_id].clone())
    }

    /// The case holding `case_no` now, this push's writes included.
    pub fn case_id_by_no(&mut self, case_no: &str) -> R<Option<String>> {
        if let Some(id) = self.case_by_no.get(case_no) {
            return Ok(Some(id.clone()));
        }
        if self.case_nos_loaded.contains(case_no) {
            return Ok(None);
        }
        self.case_nos_loaded.insert(case_no.to_string());
        match db::case_id_by_no(self.tx, case_no)? {
            // A case this push knows holds another 案号 now (it would be in `case_by_no` otherwise).
            Some(id) if self.cases_stored.contains_key(&id) => Ok(None),
            Some(id) => {
                self.case_by_no.insert(case_no.to_string(), id.clone());
                Ok(Some(id))
            }
            None => Ok(None),
        }
    }

    pub fn entity(&mut self, entity: &str, id: &str) -> R<Option<Entity>> {
        let k = key(entity, id);
        if !self.entities.contains_key(&k) {
            let stored = db::entity(self.tx, entity, id)?;
            self.entities.insert(k.clone(), stored);
        }
        Ok(self.entities[&k].clone())
    }

    /// The content of the latest publication of a single-file kind (`settings`, `indicators`…); `None` when never
    /// published. Publications are not staged: a push never writes them.
    pub fn published(&mut self, kind: &str) -> R<Option<String>> {
        let rows = self.tx.query(
            "SELECT content FROM assets WHERE kind = ?1 AND name = ?1 ORDER BY seq DESC LIMIT 1",
            &[kind.into()],
        )?;
        Ok(rows.first().map(|r| r[0].text()))
    }

    /// Every live row of one kind stored under a case, this push's writes included, in feed order (used for the
    /// few 阅核 flag rows of a case; not for large kinds).
    pub fn case_rows_of(&mut self, entity: &str, case_id: &str) -> R<Vec<(i64, Value)>> {
        let mut rows: HashMap<String, (i64, Value)> = db::case_entities(self.tx, entity, case_id)?
            .into_iter()
            .filter_map(|(id, e)| e.row.map(|r| (id, (e.seq, r))))
            .collect();
        for ((kind, id), e) in &self.entities {
            if kind != entity {
                continue;
            }
            match e {
                Some(e) if e.case_id == case_id => match &e.row {
                    Some(r) => {
                        rows.insert(id.clone(), (e.seq, r.clone()));
                    }
                    None => {
                        rows.remove(id);
                    }
                },
                _ => {}
            }
        }
        let mut out: Vec<(i64, Value)> = rows.into_values().collect();
        out.sort_by_key(|(seq, _)| *seq);
        Ok(out)
    }

    pub fn fields(&mut self, entity: &str, id: &str) -> R<Vec<FieldMeta>> {
        if self.fields.get(&key(entity, id)).is_some_and(|v| v.born_pending) {
            let born = self.entity(entity, id)?.map(|e| e.born_fields()).unwrap_or_default();
            let versions = self.fields.entry(key(entity, id)).or_default();
            // Versions written since the creation are newer.
            for m in born {
                versions.by_field.entry(m.field.clone()).or_insert(m);
            }
            versions.born_pending = false;
        }
        if !self.fields.get(&key(entity, id)).is_some_and(|v| v.complete) {
            let stored = db::fields(self.tx, entity, id)?;
            // Fields with no row of their own have the version of the entity's creation.
            let born = self.entity(entity, id)?.map(|e| e.born_fields()).unwrap_or_default();
            let versions = self.fields.entry(key(entity, id)).or_default();
            // What this push wrote is newer than what is stored, and a stored row newer than the creation.
            for m in stored.into_iter().chain(born) {
                versions.by_field.entry(m.field.clone()).or_insert(m);
            }
            versions.complete = true;
        }
        Ok(self.fields[&key(entity, id)].by_field.values().cloned().collect())
    }

    /// The feed's last sequence number, this push's staged changes included.
    pub fn last_seq(&mut self) -> R<i64> {
        Ok(self.next_seq()? - 1)
    }

    /// The sequence number the next staged change will get.
    pub fn next_seq(&mut self) -> R<i64> {
        let last = match self.last_seq {
            Some(s) => s,
            None => db::max_seq(self.tx)?,
        };
        self.last_seq = Some(last);
        Ok(last + 1)
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /// Append to the feed; `c.seq` is ignored and the change's number returned.
    pub fn append_change(&mut self, mut c: Change) -> R<Staged> {
        let text = c.row.take().map(|r| r.to_string());
        self.append_change_text(c, text)
    }

    /// Append to the feed a change whose row is `row` (`c.row` is ignored): written to JSON here, from the op's own
    /// row, instead of a copy of it kept until the flush.
    pub fn append_change_of(&mut self, c: Change, row: &Value) -> R<Staged> {
        self.append_change_text(Change { row: None, ..c }, Some(row.to_string()))
    }

    fn append_change_text(&mut self, mut c: Change, text: Option<String>) -> R<Staged> {
        c.seq = self.next_seq()?;
        self.last_seq = Some(c.seq);
        let staged = Staged { seq: c.seq, sender_has: c.sender_has };
        self.changes.push((c, text));
        Ok(staged)
    }

    /// The entity's row after change `c` (already appended); it carries the change's device and `sender_has`.
    pub fn put_entity(&mut self, entity: &str, id: &str, case_id: &str, row: Option<&Value>, c: &Staged) {
        let k = key(entity, id);
        // A stored row keeps its case id (the upsert does not change it).
        let case_id = match self.entities.get(&k) {
            Some(Some(e)) => e.case_id.clone(),
            _ => case_id.to_string(),
        };
        let born = match self.entities.get(&k) {
            Some(Some(e)) => e.born.clone(),
            _ => None,
        };
        let e = Entity {
            case_id,
            row: row.cloned(),
            seq: c.seq,
            // Every change of a push is the pushing device's.
            device_id: self.device_id.clone(),
            sender_has: c.sender_has,
            born,
        };
        self.entities.insert(k.clone(), Some(e));
        self.entities_written.insert(k);
    }

    /// A new entity created by change `c` (already appended) of `user`: its fields have the creation's version,
    /// kept once on the entity instead of a `fields` row per field (schema v7).
    pub fn put_new_entity(&mut self, entity: &str, id: &str, case_id: &str, row: &Value, c: &Staged, user: &str) {
        let k = key(entity, id);
        let e = Entity {
            case_id: case_id.to_string(),
            row: Some(row.clone()),
            seq: c.seq,
            device_id: self.device_id.clone(),
            sender_has: c.sender_has,
            born: Some(FieldMeta {
                field: String::new(),
                seq: c.seq,
                user: user.to_string(),
                device_id: self.device_id.clone(),
            }),
        };
        let versions = self.fields.entry(k.clone()).or_default();
        versions.born_pending = true;
        versions.complete = true;
        self.entities.insert(k.clone(), Some(e));
        self.entities_written.insert(k);
    }

    pub fn put_fields(&mut self, entity: &str, id: &str, metas: Vec<FieldMeta>) {
        let versions = self.fields.entry(key(entity, id)).or_default();
        for m in metas {
            self.fields_written.insert((entity.to_string(), id.to_string(), m.field.clone()));
            versions.by_field.insert(m.field.clone(), m);
        }
    }

    pub fn put_case_index(&mut self, case_id: &str, ix: CaseIndex) -> R<()> {
        if let Some(old) = self.case_index(case_id)?
            && self.case_by_no.get(&old.case_no).is_some_and(|holder| holder == case_id)
        {
            self.case_by_no.remove(&old.case_no);
        }
        self.case_by_no.insert(ix.case_no.clone(), case_id.to_string());
        self.cases_written.insert(case_id.to_string(), ix.clone());
        self.case_writes.push((case_id.to_string(), ix));
        Ok(())
    }

    /// The pushing device holds `case_id` from `epoch` on.
    pub fn hold(&mut self, case_id: &str, epoch: i64) {
        self.held.insert(case_id.to_string(), Some(epoch));
    }

    /// The pushing device no longer holds `case_id`.
    pub fn release(&mut self, case_id: &str) {
        self.held.insert(case_id.to_string(), None);
        self.released.insert(case_id.to_string());
    }

    /// Write everything staged, in a few multi-row statements.
    pub fn flush(self) -> R<()> {
        let tx = self.tx;
        // Each row is written to JSON once: an entity written in this push holds the row of its last change here.
        let changes: Vec<(&Change, Option<&str>)> = self.changes.iter().map(|(c, t)| (c, t.as_deref())).collect();
        db::insert_changes(tx, &changes)?;
        let first_seq = self.changes.first().map_or(0, |(c, _)| c.seq);
        let written: Vec<(&Key, &Entity, Option<Cow<'_, str>>)> = self
            .entities_written
            .iter()
            .filter_map(|k| self.entities[k].as_ref().map(|e| (k, e)))
            .map(|(k, e)| {
                // The change of this push that wrote the entity last, found by its number (changes are numbered in
                // order from `first_seq`): its row is the entity's.
                let staged = usize::try_from(e.seq - first_seq).ok().and_then(|i| changes.get(i));
                let text = match staged {
                    Some((c, text)) if c.seq == e.seq => text.map(Cow::Borrowed),
                    _ => e.row.as_ref().map(|r| Cow::Owned(r.to_string())),
                };
                (k, e, text)
            })
            .collect();
        let entities: Vec<(&str, &str, &Entity, Option<&str>)> =
            written.iter().map(|(k, e, text)| (k.0.as_str(), k.1.as_str(), *e, text.as_deref())).collect();
        db::put_entities(tx, &entities)?;
        let fields: Vec<(&str, &str, &FieldMeta)> = self
            .fields_written
            .iter()
            .map(|(e, id, f)| (e.as_str(), id.as_str(), &self.fields[&key(e, id)].by_field[f]))
            .collect();
        db::put_fields(tx, &fields)?;
        // 案号 are unique, checked row by row within a statement. Unless a stored case gave up its 案号 (rare: a
        // renumbering), every final row's 案号 is new or its own, and one statement in any order is safe; otherwise
        // the writes are replayed in their order, as each op made them.
        let renumbered = self.cases_written.iter().any(|(id, ix)| {
            self.cases_stored.get(id).and_then(Option::as_ref).is_some_and(|stored| stored.case_no != ix.case_no)
        });
        if renumbered {
            for (id, ix) in &self.case_writes {
                db::put_case_index(tx, id, ix)?;
            }
        } else {
            let rows: Vec<(&str, &CaseIndex)> = self.cases_written.iter().map(|(id, ix)| (id.as_str(), ix)).collect();
            db::put_case_indexes(tx, &rows)?;
        }
        // A case released and held again in one push ends held: drop first, then add.
        let released: Vec<&str> = self.released.iter().map(String::as_str).collect();
        db::remove_held_cases(tx, &self.device_id, &released)?;
        if !released.is_empty() {
            // A case the device dropped may be shown to it again: its next search for new cases looks everywhere.
            db::set_cases_seen(tx, &self.device_id, 0)?;
        }
        let held: Vec<(&str, i64)> =
            self.held.iter().filter_map(|(id, epoch)| epoch.map(|e| (id.as_str(), e))).collect();
        db::add_held_cases(tx, &self.device_id, &held)?;
        Ok(())
    }
}

/// The 案号 an op registers or changes, if any: a new case's, or a case edit's new one.
fn case_no_named(op: &Op) -> Option<&str> {
    if op.entity != "case" {
        return None;
    }
    match &op.kind {
        OpKind::Create { row } => row.get("case_no").and_then(Value::as_str),
        OpKind::Patch { fields } => fields.get("case_no").and_then(Value::as_str),
        _ => None,
    }
}
