//! New cases held and then written together: a bulk import makes each new case's rows as it reads its line and
//! writes them a few hundred cases at a time, [`crate::table::ROWS_PER_INSERT`] rows per statement and table (see
//! there why). A single new case ([`Writer::add_case`], 新建案件) is the same path with one case held.
//!
//! What is written does not change with how many cases are held: the same rows, ids and change-log rows, each
//! table's rows in the order their cases were held, and nothing else writes to the store between holding a case
//! and writing it (the import writes what it holds before it reads or changes anything else).

use andu_core::case::ValidCase;

use super::{Writer, case_row, child_rows, json, party_rows};
use crate::error::Result;
use crate::table::cases;
use crate::table::change_log::{self, Bundle, NewCreated};
use crate::table::children::NewChild;
use crate::table::insert_many;
use crate::table::parties::{self, NewParty};

/// New cases made and not written yet.
#[derive(Default)]
pub(crate) struct Held {
    cases: Vec<cases::CaseRow>,
    parties: Vec<NewParty>,
    children: Vec<NewChild>,
    logs: Vec<NewCreated>,
}

impl Held {
    pub(crate) fn len(&self) -> usize {
        self.cases.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }
}

impl Writer<'_> {
    /// Make a new case's rows and its one change-log row ([`change_log::Bundle`]) and hold them in `held`: its id,
    /// then its parties' and records' ids, then its change's, as when each row was written at once.
    pub(crate) fn hold_case(&mut self, held: &mut Held, c: &ValidCase) -> Result<String> {
        let row = case_row(self.ids.next(), c);
        let id = row.id.clone();
        let case = held.cases.len();
        let mut bundle = Bundle::new(json(&row));
        for (i, p) in party_rows(c, self.ids).into_iter().enumerate() {
            bundle.push("party", &json(&p));
            held.parties.push(NewParty { case, ord: i as i64, row: p });
        }
        for child in child_rows(c, &self.at, self.ids) {
            bundle.push(child.entity(), &json(&child));
            held.children.push(NewChild { case, row: child });
        }
        // Each created row is an edit of its own to the server: the row takes as many device sequences.
        let mut seq = self.next_local()?;
        for _ in 1..bundle.span() {
            seq = self.next_local()?;
        }
        held.logs.push(NewCreated { change_id: self.ids.next(), case_id: id.clone(), bundle, seq });
        held.cases.push(row);
        Ok(id)
    }

    /// Write every case `held` holds and empty it; each case's id and change-log sequence, in the order held.
    pub(crate) fn write_held(&self, held: &mut Held) -> Result<Vec<(String, i64)>> {
        let (tx, at) = (&self.tx, &self.at);
        insert_many(tx, cases::INSERT_HEAD, cases::INSERT_WIDTH, &held.cases, |c, out| cases::values(c, at, out))?;
        let cases = &held.cases;
        insert_many(tx, parties::INSERT_HEAD, parties::INSERT_WIDTH, &held.parties, |p, out| {
            p.values(&cases[p.case].id, out)
        })?;
        for (kind, (head, width)) in NewChild::HEADS.iter().enumerate() {
            let rows: Vec<&NewChild> = held.children.iter().filter(|c| c.kind() == kind).collect();
            insert_many(tx, head, *width, &rows, |c, out| c.values(&cases[c.case].id, out))?;
        }
        let seqs = change_log::append_created_many(tx, &held.logs, at, &self.device)?;
        held.cases.clear();
        held.parties.clear();
        held.children.clear();
        Ok(held.logs.drain(..).map(|l| l.case_id).zip(seqs).collect())
    }
}
