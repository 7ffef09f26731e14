//! [`Writer`]: the only way to change a store. Each method changes rows and appends the matching change-log rows
//! in the caller's transaction.

use andu_core::case::{ExtensionLength, ValidCase};
use andu_core::date::{format_date, parse_date};
use andu_core::{CaseInput, CaseNumber};
use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use rusqlite::types::Value;

use crate::error::{Result, StoreError};
use crate::ids::Ids;
use crate::table::cases::{self, CaseRow, EDITABLE_FIELDS};
use crate::table::change_log::{self, NewChange};
use crate::table::children::{
    self, AppealReviewRow, AppealRow, Child, DeductionRow, EventRow, ExtensionRow, HearingRow, NoteRow,
};
use crate::table::parties::{self, PartyRow};

mod created;
mod parties_edit;

pub(crate) use created::Held;

/// The records a person may remove from a case: the ones a mistyped date would leave computing wrong deadlines or
/// indicators (an appeal entered on the wrong case). Notes and generated documents are the user's own record of
/// what happened and stay. Parties are removed too (with their own rules: [`Writer::remove_record`]).
pub const REMOVABLE_RECORDS: &[&str] = &["event", "hearing", "extension", "deduction", "appeal"];

/// What [`Writer::remove_record`] removed.
#[derive(Debug, Clone, PartialEq)]
pub enum Removed {
    Party(PartyRow),
    Record(Child),
}

mod drafts;

pub struct Writer<'s> {
    tx: Transaction<'s>,
    at: String,
    device: String,
    /// Ids of the rows this write creates, made from its `now`.
    ids: Ids<'s>,
    /// The numbers of this write's next local edit, read at its first ([`change_log::next_local`]).
    local: std::cell::Cell<Option<change_log::LocalSeq>>,
}

/// What an import did with one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UpsertOutcome {
    Created,
    Updated,
    Unchanged,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("rows serialise")
}

pub(crate) fn case_row(id: String, c: &ValidCase) -> CaseRow {
    CaseRow {
        id,
        case_no: c.case_no.canonical(),
        category: c.case_no.category.name_zh().to_string(),
        cause: c.cause.clone(),
        procedure: c.procedure.id().to_string(),
        court: c.court.clone(),
        division: c.division.clone(),
        filed: format_date(c.filed),
        closed: c.closed.map(format_date),
        closing_method: c.closing_method.map(|m| m.as_str().to_string()),
        judge: c.judge.clone(),
        assistant: c.assistant.clone(),
        clerk: c.clerk.clone(),
        custody: c.custody,
        panel: andu_core::format_panel(&c.panel),
    }
}

pub(crate) fn party_rows(c: &ValidCase, ids: Ids<'_>) -> Vec<PartyRow> {
    c.parties
        .iter()
        .map(|p| PartyRow {
            id: ids.next(),
            role: p.role.as_str().into(),
            name: p.name.clone(),
            kind: p.kind.as_str().into(),
            id_number: p.id_number.clone(),
            address: p.address.clone(),
            phone: p.phone.clone(),
            agent: p.agent.clone(),
            foreign: p.foreign,
        })
        .collect()
}

pub(crate) fn child_rows(c: &ValidCase, at: &str, ids: Ids<'_>) -> Vec<Child> {
    let mut out = Vec::new();
    for h in &c.hearings {
        out.push(Child::Hearing(HearingRow {
            id: ids.next(),
            start: h.start.format("%Y-%m-%dT%H:%M").to_string(),
            room: h.room.clone(),
        }));
    }
    for x in &c.extensions {
        let (months, days) = match x.length {
            ExtensionLength::Months(m) => (Some(m), None),
            ExtensionLength::Days(d) => (None, Some(d)),
        };
        out.push(Child::Extension(ExtensionRow {
            id: ids.next(),
            approved: format_date(x.approved),
            months,
            days,
            by: x.by.clone(),
            reason: x.reason.clone(),
        }));
    }
    for d in &c.deductions {
        out.push(Child::Deduction(DeductionRow {
            id: ids.next(),
            kind: d.kind.as_str().into(),
            from: format_date(d.from),
            to: format_date(d.to),
            approved_by: d.approved_by.clone(),
            reason: d.reason.clone(),
        }));
    }
    if let Some(a) = &c.appeal {
        out.push(Child::Appeal(AppealRow {
            id: ids.next(),
            filed: format_date(a.filed),
            outcome: a.outcome.map(|o| o.as_str().into()),
        }));
    }
    for n in &c.notes {
        out.push(Child::Note(NoteRow { id: ids.next(), text: n.clone(), created: at.to_string() }));
    }
    out
}

/// Children compared without their ids: a re-import that says the same thing changes nothing.
fn same_content(a: &Child, b: &Child) -> bool {
    let strip = |c: &Child| {
        let mut v = serde_json::to_value(c).expect("rows serialise");
        if let Some(o) = v.as_object_mut() {
            o.remove("id");
            o.remove("created");
        }
        v
    };
    strip(a) == strip(b)
}

impl<'s> Writer<'s> {
    pub(crate) fn new(tx: Transaction<'s>, now: DateTime<Utc>, device: &str, ids: Ids<'s>) -> Self {
        Writer {
            tx,
            at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            device: device.to_string(),
            ids,
            local: Default::default(),
        }
    }

    pub(crate) fn tx(&self) -> &Transaction<'s> {
        &self.tx
    }
    /// The id of a new row or change made by this write.
    pub(crate) fn new_id(&self) -> String {
        self.ids.next()
    }
    pub(crate) fn at(&self) -> &str {
        &self.at
    }
    pub(crate) fn device(&self) -> &str {
        &self.device
    }

    pub(crate) fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }

    fn log(&self, c: NewChange<'_>) -> Result<()> {
        change_log::append(&self.tx, &self.ids.next(), &c, &self.at, &self.device, self.next_local()?)?;
        Ok(())
    }

    /// The numbers of the local edit about to be logged; each call gives out the next.
    pub(crate) fn next_local(&self) -> Result<change_log::LocalSeq> {
        let seq = match self.local.get() {
            Some(seq) => seq,
            None => change_log::next_local(&self.tx)?,
        };
        self.local.set(Some(change_log::LocalSeq { device_seq: seq.device_seq + 1, ..seq }));
        Ok(seq)
    }

    fn case_by_no(&self, case_no: &str) -> Result<CaseRow> {
        let canonical = CaseNumber::parse(case_no)?.canonical();
        cases::by_case_no(&self.tx, &canonical)?.ok_or(StoreError::CaseNotFound(canonical))
    }

    /// Add a new case; an existing 案号 is an error (use [`Writer::upsert_case`] to update).
    pub fn add_case(&mut self, c: &ValidCase) -> Result<String> {
        let no = c.case_no.canonical();
        if cases::by_case_no(&self.tx, &no)?.is_some() {
            return Err(StoreError::CaseExists(no));
        }
        self.insert_case(c)
    }

    /// A new case and its rows, logged as one change-log row carrying them all (`change_log::Bundle`).
    fn insert_case(&mut self, c: &ValidCase) -> Result<String> {
        let mut held = Held::default();
        let id = self.hold_case(&mut held, c)?;
        self.write_held(&mut held)?;
        Ok(id)
    }

    fn insert_party(&self, case_id: &str, ord: usize, p: &PartyRow) -> Result<()> {
        parties::insert(&self.tx, case_id, ord, p)?;
        self.log(NewChange { case_id, entity: "party", entity_id: &p.id, field: None, old: None, new: Some(&json(p)) })
    }

    pub fn add_child(&self, case_id: &str, child: &Child) -> Result<()> {
        children::insert(&self.tx, case_id, child)?;
        self.log(NewChange {
            case_id,
            entity: child.entity(),
            entity_id: child.id(),
            field: None,
            old: None,
            new: Some(&json(child)),
        })
    }

    fn remove_child(&self, case_id: &str, child: &Child) -> Result<()> {
        children::delete(&self.tx, child)?;
        self.log(NewChange {
            case_id,
            entity: child.entity(),
            entity_id: child.id(),
            field: None,
            old: Some(&json(child)),
            new: None,
        })
    }

    /// Create the case, or bring an existing case with the same 案号 in line with `c`, recording each field that
    /// changed. Parties are matched by role and name, other child rows by content, so ids stay stable.
    pub fn upsert_case(&mut self, c: &ValidCase) -> Result<(String, UpsertOutcome)> {
        let Some(old) = cases::by_case_no(&self.tx, &c.case_no.canonical())? else {
            return Ok((self.insert_case(c)?, UpsertOutcome::Created));
        };
        let id = old.id.clone();
        let new = case_row(id.clone(), c);
        let mut changed = false;
        let old_v = serde_json::to_value(&old).expect("rows serialise");
        let new_v = serde_json::to_value(&new).expect("rows serialise");
        for field in EDITABLE_FIELDS {
            if old_v[field] != new_v[field] {
                self.write_field(&id, field, &new_v[field])?;
                changed = true;
            }
        }
        let old_parties = parties::for_case(&self.tx, &id)?;
        let new_parties = party_rows(c, self.ids);
        let key = |p: &PartyRow| (p.role.clone(), p.name.clone());
        for p in old_parties.iter().filter(|p| !new_parties.iter().any(|n| key(n) == key(p))) {
            parties::delete(&self.tx, &p.id)?;
            self.log(NewChange {
                case_id: &id,
                entity: "party",
                entity_id: &p.id,
                field: None,
                old: Some(&json(p)),
                new: None,
            })?;
            changed = true;
        }
        for (i, p) in new_parties.iter().enumerate() {
            match old_parties.iter().find(|o| key(o) == key(p)) {
                None => {
                    self.insert_party(&id, old_parties.len() + i, p)?;
                    changed = true;
                }
                Some(o) => {
                    let same = PartyRow { id: o.id.clone(), ..p.clone() };
                    if &same != o {
                        parties::delete(&self.tx, &o.id)?;
                        parties::insert(&self.tx, &id, i, &same)?;
                        self.log(NewChange {
                            case_id: &id,
                            entity: "party",
                            entity_id: &o.id,
                            field: None,
                            old: Some(&json(o)),
                            new: Some(&json(&same)),
                        })?;
                        changed = true;
                    }
                }
            }
        }
        // Notes are only ever added by a re-import, never removed: a judge's note is not the court system's data.
        let old_children = children::for_case(&self.tx, &id)?;
        let new_children = child_rows(c, &self.at, self.ids);
        for o in &old_children {
            // Notes, generated documents and 评查 records are the court's own records, not the court system's data.
            if !matches!(o, Child::Note(_) | Child::Document(_) | Child::AppealReview(_))
                && !new_children.iter().any(|n| same_content(n, o))
            {
                self.remove_child(&id, o)?;
                changed = true;
            }
        }
        for n in &new_children {
            if !old_children.iter().any(|o| same_content(n, o)) {
                self.add_child(&id, n)?;
                changed = true;
            }
        }
        Ok((id, if changed { UpsertOutcome::Updated } else { UpsertOutcome::Unchanged }))
    }

    fn write_field(&self, case_id: &str, field: &str, value: &serde_json::Value) -> Result<()> {
        let old = cases::by_id(&self.tx, case_id)?.ok_or_else(|| StoreError::CaseNotFound(case_id.to_string()))?;
        let old_v = serde_json::to_value(&old).expect("rows serialise");
        let to_text = |v: &serde_json::Value| match v {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        let sql_value = match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Integer(*b as i64),
            serde_json::Value::String(s) => Value::Text(s.clone()),
            other => Value::Text(other.to_string()),
        };
        cases::set_field(&self.tx, case_id, field, &sql_value, &self.at)?;
        self.log(NewChange {
            case_id,
            entity: "case",
            entity_id: case_id,
            field: Some(field),
            old: to_text(&old_v[field]).as_deref(),
            new: to_text(value).as_deref(),
        })
    }

    /// Change one field of a case, validated as the import would validate it. Returns the case id.
    pub fn set_case_field(&mut self, case_no: &str, field: &str, value: &str) -> Result<String> {
        if !EDITABLE_FIELDS.contains(&field) {
            return Err(StoreError::UnknownField(field.to_string()));
        }
        let row = self.case_by_no(case_no)?;
        // Validate the whole case with the new value, so cross-field rules (closed ≥ filed, procedure fits the
        // 案号) hold after every single edit too.
        let mut input = self.input_for(&row)?;
        let v = value.trim();
        let opt = || (!v.is_empty()).then(|| v.to_string());
        match field {
            "cause" => input.cause = v.into(),
            "procedure" => input.procedure = v.into(),
            "filed" => input.filed = v.into(),
            "court" => input.court = v.into(),
            "division" => input.division = v.into(),
            "judge" => input.judge = v.into(),
            "assistant" => input.assistant = v.into(),
            "clerk" => input.clerk = v.into(),
            "panel" => input.panel = v.into(),
            "closed" => {
                input.closed = opt();
                if input.closed.is_none() {
                    input.closing_method = None;
                }
            }
            "closing_method" => input.closing_method = opt(),
            "custody" => {
                input.custody = match v {
                    "true" | "1" | "是" => true,
                    "false" | "0" | "否" | "" => false,
                    _ => {
                        return Err(StoreError::Invalid(andu_core::CaseInvalid {
                            errors: vec![andu_core::FieldError {
                                field: "custody".into(),
                                code: "value_invalid".into(),
                                message: format!("“{v}”应为 true 或 false"),
                            }],
                        }));
                    }
                }
            }
            _ => unreachable!("checked against EDITABLE_FIELDS"),
        }
        let valid = input.validate()?;
        let new = case_row(row.id.clone(), &valid);
        let old_v = serde_json::to_value(&row).expect("rows serialise");
        let new_v = serde_json::to_value(&new).expect("rows serialise");
        for f in EDITABLE_FIELDS {
            if old_v[f] != new_v[f] {
                self.write_field(&row.id, f, &new_v[f])?;
            }
        }
        Ok(row.id)
    }

    /// The case as an import line (used to re-validate single-field edits).
    fn input_for(&self, row: &CaseRow) -> Result<CaseInput> {
        crate::read::case_input(&self.tx, row)
    }

    /// Remove a 当事人, 节点, 开庭, 审限延长 or 扣除 recorded by mistake (a wrong date is corrected by removing it
    /// and recording the right one; a party is refused while a 节点 names it, and the last party stays). The change log keeps the removed row — the case history shows what was removed,
    /// by whom — and sync sends it as a deletion, which the server merges like any edit. Returns the removed row.
    pub fn remove_record(&mut self, case_no: &str, id: &str) -> Result<Removed> {
        let row = self.case_by_no(case_no)?;
        if let Some(party) = parties::for_case(&self.tx, &row.id)?.into_iter().find(|p| p.id == id) {
            self.remove_party(&row.id, &party)?;
            return Ok(Removed::Party(party));
        }
        let child = children::for_case(&self.tx, &row.id)?
            .into_iter()
            .find(|c| c.id() == id && REMOVABLE_RECORDS.contains(&c.entity()))
            .ok_or_else(|| StoreError::RecordNotFound(id.to_string()))?;
        self.remove_child(&row.id, &child)?;
        Ok(Removed::Record(child))
    }

    /// Record a procedural event (节点), e.g. 送达判决书 to a party. Returns the event id.
    pub fn add_event(
        &mut self,
        case_no: &str,
        kind: &str,
        date: &str,
        party: Option<&str>,
        note: &str,
    ) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let date = parse_date(date).map_err(|e| invalid("date", "date_invalid", e.to_string()))?;
        if kind.trim().is_empty() {
            return Err(invalid("kind", "field_required", "节点类型必填".into()));
        }
        checked_text("event.kind", kind)?;
        checked_text("event.party", party.unwrap_or(""))?;
        checked_text("event.note", note)?;
        // Any kind may be recorded (a manual node); only the parties must be the case's own, or a period derived
        // for "张三 " would belong to nobody.
        let party = party.map(str::trim).filter(|p| !p.is_empty());
        if let Some(p) = party
            && !crate::table::parties::for_case(&self.tx, &row.id)?.iter().any(|q| q.name == p)
        {
            return Err(invalid("party", "party_not_found", format!("“{p}”不是本案当事人")));
        }
        let ev = EventRow {
            id: self.ids.next(),
            kind: kind.trim().into(),
            date: format_date(date),
            party: party.map(str::to_string),
            note: note.into(),
        };
        let id = ev.id.clone();
        self.add_child(&row.id, &Child::Event(ev))?;
        Ok(id)
    }

    /// Record a 审限 extension (延长审限) with who approved it and when; the history shows it.
    pub fn add_extension(&mut self, case_no: &str, x: &andu_core::ExtensionInput) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        if x.by.trim().is_empty() {
            // An import may lack the approver; a new extension entered by hand must name who approved it.
            return Err(invalid("by", "field_required", "请填写批准人（如院长）".into()));
        }
        let mut input = self.input_for(&row)?;
        input.extensions = vec![x.clone()];
        input.deductions.clear();
        let valid = input.validate()?;
        let Some(Child::Extension(ext)) =
            child_rows(&valid, &self.at, self.ids).into_iter().find(|c| matches!(c, Child::Extension(_)))
        else {
            unreachable!("one extension was validated")
        };
        let id = ext.id.clone();
        self.add_child(&row.id, &Child::Extension(ext))?;
        Ok(id)
    }

    /// Schedule a hearing (排期开庭): the time in the court's local time (`YYYY-MM-DDTHH:MM`) and the 法庭. It shows
    /// on 今日 and in the calendar, and fills 传票 and 开庭公告.
    pub fn add_hearing(&mut self, case_no: &str, h: &andu_core::HearingInput) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let hearing = self.hearing_row(&row, h)?;
        let id = hearing.id.clone();
        self.add_child(&row.id, &Child::Hearing(hearing))?;
        Ok(id)
    }

    /// 改期: a hearing moved to another time or room keeps its id; the history shows the old and the new time.
    pub fn reschedule_hearing(&mut self, case_no: &str, id: &str, h: &andu_core::HearingInput) -> Result<()> {
        let row = self.case_by_no(case_no)?;
        let old = children::for_case(&self.tx, &row.id)?
            .into_iter()
            .find(|c| matches!(c, Child::Hearing(x) if x.id == id))
            .ok_or_else(|| StoreError::RecordNotFound(id.to_string()))?;
        let new = Child::Hearing(HearingRow { id: id.to_string(), ..self.hearing_row(&row, h)? });
        if new != old {
            self.replace_child(&row.id, &old, &new)?;
        }
        Ok(())
    }

    /// A hearing as the import validates it, with the room required (an import may lack it; a hearing scheduled by
    /// hand must say where: 传票 print it). A space between date and time is accepted, as people type it.
    fn hearing_row(&self, row: &CaseRow, h: &andu_core::HearingInput) -> Result<HearingRow> {
        if h.room.trim().is_empty() {
            return Err(invalid("room", "field_required", "请填写开庭地点（法庭）".into()));
        }
        let mut input = self.input_for(row)?;
        input.hearings =
            vec![andu_core::HearingInput { start: h.start.trim().replace(' ', "T"), room: h.room.clone() }];
        input.extensions.clear();
        input.deductions.clear();
        let valid = input.validate()?;
        match child_rows(&valid, &self.at, self.ids).into_iter().find(|c| matches!(c, Child::Hearing(_))) {
            Some(Child::Hearing(h)) => Ok(h),
            _ => unreachable!("one hearing was validated"),
        }
    }

    /// Record that the case was appealed (上诉), and the second instance's result when it comes back (维持, 改判,
    /// 发回重审…): the 上诉率 and 改判发回率 count it. A case has one appeal; setting it again corrects it. Only a
    /// closed case can be appealed, on or after the day it was closed.
    pub fn set_appeal(&mut self, case_no: &str, a: &andu_core::AppealInput) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let Some(closed) = row.closed.clone() else {
            return Err(invalid(
                "appeal.filed",
                "case_not_closed",
                "案件尚未结案：请先填写结案日期和结案方式，再记录上诉".into(),
            ));
        };
        let mut input = self.input_for(&row)?;
        input.appeal = Some(a.clone());
        input.extensions.clear();
        input.deductions.clear();
        let valid = input.validate()?;
        let Some(Child::Appeal(new)) =
            child_rows(&valid, &self.at, self.ids).into_iter().find(|c| matches!(c, Child::Appeal(_)))
        else {
            unreachable!("one appeal was validated")
        };
        if new.filed < closed {
            return Err(invalid("appeal.filed", "date_invalid", format!("上诉日期早于结案日期（{closed}）")));
        }
        let old = children::for_case(&self.tx, &row.id)?.into_iter().find(|c| matches!(c, Child::Appeal(_)));
        match old {
            None => {
                let id = new.id.clone();
                self.add_child(&row.id, &Child::Appeal(new))?;
                Ok(id)
            }
            Some(old) => {
                let same = Child::Appeal(AppealRow { id: old.id().to_string(), ..new });
                if same != old {
                    self.replace_child(&row.id, &old, &same)?;
                }
                Ok(old.id().to_string())
            }
        }
    }

    /// Record a 审限扣除 interval (公告, 鉴定, 中止…), both end days deducted (domain.md §0).
    pub fn add_deduction(&mut self, case_no: &str, d: &andu_core::DeductionInput) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let mut input = self.input_for(&row)?;
        input.deductions = vec![d.clone()];
        input.extensions.clear();
        let valid = input.validate()?;
        let Some(Child::Deduction(ded)) =
            child_rows(&valid, &self.at, self.ids).into_iter().find(|c| matches!(c, Child::Deduction(_)))
        else {
            unreachable!("one deduction was validated")
        };
        let id = ded.id.clone();
        self.add_child(&row.id, &Child::Deduction(ded))?;
        Ok(id)
    }

    /// Record a generated document (文书) on the case: its name, template, addressee and file.
    pub fn add_document(
        &mut self,
        case_no: &str,
        name: &str,
        template: &str,
        party: Option<&str>,
        path: &str,
    ) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let doc = crate::table::children::DocumentRow {
            id: self.ids.next(),
            name: name.into(),
            template: template.into(),
            party: party.map(str::to_string),
            path: path.into(),
            created: self.at.clone(),
        };
        let id = doc.id.clone();
        self.add_child(&row.id, &Child::Document(doc))?;
        Ok(id)
    }

    /// Record a 发改案件评查 on a case whose appeal ended in 改判 or 发回重审 (`appeal_review_not_applicable`
    /// otherwise). Which reason categories a court uses, and who may review, are decided above the store (the
    /// indicator definitions; the court server's roles).
    pub fn add_appeal_review(
        &mut self,
        case_no: &str,
        reason: &str,
        responsible: bool,
        lesson: &str,
        reviewer: &str,
    ) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let outcome = children::for_case(&self.tx, &row.id)?.into_iter().find_map(|c| match c {
            Child::Appeal(a) => a.outcome,
            _ => None,
        });
        if !matches!(outcome.as_deref(), Some("改判" | "发回重审")) {
            let shown = outcome.map_or_else(|| "没有二审结果".to_string(), |o| format!("二审结果为{o}"));
            return Err(invalid(
                "appeal",
                "appeal_review_not_applicable",
                format!("{case_no}{shown}：只有二审改判或发回重审的案件需要逐案评查；请先记录上诉结果"),
            ));
        }
        for (field, value, label) in
            [("appeal_review.reason", reason, "评查原因"), ("appeal_review.lesson", lesson, "评查意见（一案一策）")]
        {
            if value.trim().is_empty() {
                return Err(invalid(field, "field_required", format!("{label}必填")));
            }
            checked_text(field, value)?;
        }
        checked_text("appeal_review.reviewer", reviewer)?;
        let review = AppealReviewRow {
            id: self.new_id(),
            reason: reason.trim().into(),
            responsible,
            lesson: lesson.trim().into(),
            reviewer: reviewer.trim().into(),
            recorded: self.at.clone(),
        };
        let id = review.id.clone();
        self.add_child(&row.id, &Child::AppealReview(review))?;
        Ok(id)
    }

    pub fn add_note(&mut self, case_no: &str, text: &str) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        if text.trim().is_empty() {
            return Err(invalid("text", "field_required", "备注内容必填".into()));
        }
        checked_text("notes[]", text)?;
        let note = NoteRow { id: self.ids.next(), text: text.trim().into(), created: self.at.clone() };
        let id = note.id.clone();
        self.add_child(&row.id, &Child::Note(note))?;
        Ok(id)
    }
}

/// A record's text field against andu-core's one table of lengths and characters (`field_too_long`,
/// `field_invalid_chars`), as the case's own fields are checked by `CaseInput::validate`.
fn checked_text(field: &str, value: &str) -> Result<()> {
    match andu_core::case::limits::check(field, value) {
        Some(e) => Err(StoreError::Invalid(andu_core::CaseInvalid { errors: vec![e] })),
        None => Ok(()),
    }
}

fn invalid(field: &str, code: &str, message: String) -> StoreError {
    StoreError::Invalid(andu_core::CaseInvalid {
        errors: vec![andu_core::FieldError { field: field.into(), code: code.into(), message }],
    })
}
