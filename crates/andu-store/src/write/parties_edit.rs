//! Adding, changing and removing the parties of a stored case (当事人): an address that changed for 送达, a
//! 代理人 appointed, a 第三人 added, a name mistyped at 立案. Each edit is validated with the whole case, as an
//! import would be, and recorded in the change log like any other edit (sync merges a party field by field).

use andu_core::PartyInput;

use super::{Writer, json};
use crate::error::{Result, StoreError};
use crate::table::change_log::NewChange;
use crate::table::children::{self, Child};
use crate::table::parties::{self, PartyRow};

impl Writer<'_> {
    /// Add a party (`id` None) or change one. Returns its id. The case is validated with the party in place, so
    /// an unknown 诉讼地位 or a second 被告 of the same name is refused with the field it concerns
    /// (`parties[N].name`). A renamed party keeps its 节点: the events recorded for it follow the new name.
    pub fn save_party(&mut self, case_no: &str, id: Option<&str>, p: &PartyInput) -> Result<String> {
        let row = self.case_by_no(case_no)?;
        let stored = parties::for_case(&self.tx, &row.id)?;
        let index = match id {
            Some(id) => {
                Some(stored.iter().position(|s| s.id == id).ok_or_else(|| StoreError::RecordNotFound(id.to_string()))?)
            }
            None => None,
        };
        let mut input = self.input_for(&row)?;
        match index {
            Some(i) => input.parties[i] = p.clone(),
            None => input.parties.push(p.clone()),
        }
        let valid = input.validate()?;
        let i = index.unwrap_or(stored.len());
        let v = &valid.parties[i];
        let new = PartyRow {
            id: id.map_or_else(|| self.ids.next(), str::to_string),
            role: v.role.as_str().into(),
            name: v.name.clone(),
            kind: v.kind.as_str().into(),
            id_number: v.id_number.clone(),
            address: v.address.clone(),
            phone: v.phone.clone(),
            agent: v.agent.clone(),
            foreign: v.foreign,
        };
        let Some(old) = index.map(|i| &stored[i]) else {
            self.insert_party(&row.id, stored.len(), &new)?;
            return Ok(new.id);
        };
        if *old == new {
            return Ok(new.id);
        }
        parties::delete(&self.tx, &old.id)?;
        parties::insert(&self.tx, &row.id, i, &new)?;
        self.log(NewChange {
            case_id: &row.id,
            entity: "party",
            entity_id: &old.id,
            field: None,
            old: Some(&json(old)),
            new: Some(&json(&new)),
        })?;
        if old.name != new.name {
            for child in children::for_case(&self.tx, &row.id)? {
                if let Child::Event(e) = &child
                    && e.party.as_deref() == Some(old.name.as_str())
                {
                    let renamed = Child::Event(children::EventRow { party: Some(new.name.clone()), ..e.clone() });
                    self.replace_child(&row.id, &child, &renamed)?;
                }
            }
        }
        Ok(new.id)
    }

    /// Remove a party added by mistake. Refused while a 节点 names it (remove that first: its periods would
    /// belong to nobody) and for the last party of the case.
    pub(crate) fn remove_party(&mut self, case_id: &str, party: &PartyRow) -> Result<()> {
        if parties::for_case(&self.tx, case_id)?.len() <= 1 {
            return Err(StoreError::LastParty);
        }
        let named = children::for_case(&self.tx, case_id)?.into_iter().find_map(|c| match c {
            Child::Event(e) if e.party.as_deref() == Some(party.name.as_str()) => Some(e.kind),
            _ => None,
        });
        if let Some(kind) = named {
            return Err(StoreError::PartyInUse { party: party.name.clone(), kind });
        }
        parties::delete(&self.tx, &party.id)?;
        self.log(NewChange {
            case_id,
            entity: "party",
            entity_id: &party.id,
            field: None,
            old: Some(&json(party)),
            new: None,
        })
    }

    /// Replace a child row with a changed version of itself (same id), recording what changed.
    pub(in crate::write) fn replace_child(&self, case_id: &str, old: &Child, new: &Child) -> Result<()> {
        children::delete(&self.tx, old)?;
        children::insert(&self.tx, case_id, new)?;
        self.log(NewChange {
            case_id,
            entity: new.entity(),
            entity_id: new.id(),
            field: None,
            old: Some(&json(old)),
            new: Some(&json(new)),
        })
    }
}
