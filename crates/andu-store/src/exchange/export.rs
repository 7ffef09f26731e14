//! The JSON Lines export: every case as its import line, in 案号 order, read by set and written through one
//! large buffer.
//!
//! Why this path and not [`crate::Store::for_each_case`]: a line holds only what an import takes — the case row,
//! its parties, hearings, 审限 extensions and deductions, appeal and notes — so the events (节点), documents and
//! reviews are not read at all, no [`crate::CaseDetail`] is assembled and converted (each string was copied
//! twice), and each case is serialised straight into a shared arena instead of a `String` of its own. The cases
//! are read in id (file) order, which is what keeps each table's pages decrypted about once, and the lines are
//! written in 案号 order from the arena.

use std::io::Write;

use andu_core::CaseInput;
use andu_core::case::{AppealInput, DeductionInput, ExtensionInput, HearingInput, PartyInput};
use rusqlite::Connection;

use crate::error::Result;
use crate::read::scan::{self, Which};
use crate::table::cases::{self, CaseRow};
use crate::table::children::{self, Child};
use crate::table::parties::{self, PartyRow};

/// The child tables a line carries, in the order the lines' fields are filled.
const LINE_TABLES: [&str; 5] = ["hearings", "extensions", "deductions", "appeals", "notes"];

/// The arena's blocks: a line goes into the current block if it fits, else into a new one (a line larger than a
/// block gets a block of its own), so growing never copies what was written and never holds twice the text.
const BLOCK: usize = 8 << 20;

/// Where a line lies: its block, start and end, with the 案号 it is sorted by.
struct Placed {
    case_no: String,
    block: u32,
    start: u32,
    end: u32,
}

/// The lines of every case, each serialised once into blocks of [`BLOCK`] bytes.
#[derive(Default)]
struct Arena {
    blocks: Vec<Vec<u8>>,
    placed: Vec<Placed>,
    line: Vec<u8>,
}

impl Arena {
    fn push(&mut self, case: &CaseInput) -> Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, case).map_err(std::io::Error::from)?;
        self.line.push(b'\n');
        let fits = self.blocks.last().is_some_and(|b| b.len() + self.line.len() <= b.capacity());
        if !fits {
            self.blocks.push(Vec::with_capacity(BLOCK.max(self.line.len())));
        }
        let index = self.blocks.len() - 1;
        let block = &mut self.blocks[index];
        let start = block.len();
        block.extend_from_slice(&self.line);
        self.placed.push(Placed {
            case_no: case.case_no.clone(),
            block: index as u32,
            start: start as u32,
            end: block.len() as u32,
        });
        Ok(())
    }

    /// Every line in 案号 order to `out`; the number of lines.
    fn write_sorted(mut self, out: &mut impl Write) -> Result<usize> {
        self.placed.sort_unstable_by(|a, b| a.case_no.cmp(&b.case_no));
        for p in &self.placed {
            out.write_all(&self.blocks[p.block as usize][p.start as usize..p.end as usize])?;
        }
        Ok(self.placed.len())
    }
}

/// A case's import line from its rows, moving the strings (none is copied).
fn line_of(row: CaseRow, parties: Vec<PartyRow>, kids: Vec<Child>) -> CaseInput {
    let mut input = CaseInput {
        case_no: row.case_no,
        cause: row.cause,
        procedure: row.procedure,
        filed: row.filed,
        court: row.court,
        division: row.division,
        judge: row.judge,
        assistant: row.assistant,
        clerk: row.clerk,
        custody: row.custody,
        panel: row.panel,
        parties: parties
            .into_iter()
            .map(|p| PartyInput {
                role: p.role,
                name: p.name,
                kind: p.kind,
                id_number: p.id_number,
                address: p.address,
                phone: p.phone,
                agent: p.agent,
                foreign: p.foreign,
            })
            .collect(),
        closed: row.closed,
        closing_method: row.closing_method,
        ..CaseInput::default()
    };
    for kid in kids {
        match kid {
            Child::Hearing(h) => input.hearings.push(HearingInput { start: h.start, room: h.room }),
            Child::Extension(x) => input.extensions.push(ExtensionInput {
                approved: x.approved,
                months: x.months,
                days: x.days,
                by: x.by,
                reason: x.reason,
            }),
            Child::Deduction(d) => input.deductions.push(DeductionInput {
                kind: d.kind,
                from: d.from,
                to: d.to,
                approved_by: d.approved_by,
                reason: d.reason,
            }),
            // As a case's detail has it: the last row (by id) is the appeal.
            Child::Appeal(a) => input.appeal = Some(AppealInput { filed: a.filed, outcome: a.outcome }),
            Child::Note(n) => input.notes.push(n.text),
            Child::Event(_) | Child::Document(_) | Child::AppealReview(_) => {}
        }
    }
    input
}

/// Every case to `path` as JSON Lines, in 案号 order: one statement per table a line needs, in one read
/// transaction; the number of cases.
pub(super) fn write(conn: &Connection, path: &std::path::Path) -> Result<usize> {
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    let mut arena = Arena::default();
    {
        let which = Which::All;
        let mut case_stmt = conn.prepare_cached(&scan::cases_sql(which))?;
        let mut party_stmt =
            conn.prepare_cached(&scan::child_sql("parties", "parties_case", parties::COLUMNS, &["ord"], which))?;
        let mut child_stmts = children::TABLES
            .iter()
            .filter(|t| LINE_TABLES.contains(&t.table))
            .map(|t| Ok((conn.prepare_cached(&scan::child_sql(t.table, t.index, t.columns, t.order, which))?, t.map)))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut party_rows =
            party_stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, parties::row_at(r, 1)?)))?.peekable();
        let mut child_rows = child_stmts
            .iter_mut()
            .map(|(stmt, map)| {
                let map = *map;
                Ok(stmt.query_map([], move |r| Ok((r.get::<_, String>(0)?, map(r, 1)?)))?.peekable())
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for row in case_stmt.query_map([], cases::row)? {
            let row: CaseRow = row?;
            let parties = scan::take(&mut party_rows, &row.id)?;
            let mut kids: Vec<Child> = Vec::new();
            for stream in &mut child_rows {
                kids.extend(scan::take(stream, &row.id)?);
            }
            arena.push(&line_of(row, parties, kids))?;
        }
    }
    if let Some(tx) = tx {
        tx.commit()?;
    }
    let mut out = std::io::BufWriter::with_capacity(4 << 20, std::fs::File::create(path)?);
    let n = arena.write_sorted(&mut out)?;
    out.flush()?;
    Ok(n)
}
