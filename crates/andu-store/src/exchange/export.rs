//! The JSON Lines export: every case as its import line, in 案号 order, read by set, in memory bounded whatever
//! the number of cases (an external merge sort).
//!
//! Why this path and not [`crate::Store::for_each_case`]: a line holds only what an import takes — the case row,
//! its parties, hearings, 审限 extensions and deductions, appeal and notes — so the events (节点), documents and
//! reviews are not read at all, no [`crate::CaseDetail`] is assembled and converted (each string was copied
//! twice), and each case is serialised straight into the current run's buffer instead of a `String` of its own. The cases
//! are read in id (file) order, which is what keeps each table's pages decrypted about once (案号 order would jump
//! across the file for every case); the lines are sorted into 案号 order a run at a time and the runs merged, so
//! the memory is one run's, not the whole file's (it used to hold every line: ~0.8 KB a case, 269 MB at 300,000).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

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

/// How many bytes of lines are held before they are sorted and set aside in a run of their own (a temporary file
/// beside the export): the export's memory is this, the page cache's share and one line, whatever the number of
/// cases. Tests use a few lines' worth, so a small store is written through several runs.
#[cfg(not(test))]
pub(super) const RUN: usize = 16 << 20;
#[cfg(test)]
pub(super) const RUN: usize = 4 << 10;

/// The page cache the export reads through: each statement walks its table once, in file order, all in step, so
/// a few pages per statement are enough; the connection's own (larger) setting is put back afterwards.
const EXPORT_CACHE_KIB: i64 = 4 << 10;

/// Where a line lies in the run's buffer, with the 案号 it is sorted by.
struct Placed {
    case_no: String,
    start: u32,
    end: u32,
}

/// The lines of the cases read since the last run was set aside, in reading (id) order.
struct Run {
    text: Vec<u8>,
    placed: Vec<Placed>,
}

impl Run {
    fn new() -> Run {
        // Room for a full run and its last line, so the buffer is allocated once and never copied as it grows.
        Run { text: Vec::with_capacity(RUN + (1 << 20)), placed: Vec::new() }
    }

    fn push(&mut self, mut case: CaseInput) -> Result<()> {
        let start = self.text.len();
        serde_json::to_writer(&mut self.text, &case).map_err(std::io::Error::from)?;
        self.text.push(b'\n');
        let case_no = std::mem::take(&mut case.case_no);
        self.placed.push(Placed { case_no, start: start as u32, end: self.text.len() as u32 });
        Ok(())
    }

    fn full(&self) -> bool {
        self.text.len() >= RUN
    }

    fn sorted(&mut self) -> &[Placed] {
        // 案号 are unique (the column is), so no two lines compare equal.
        self.placed.sort_unstable_by(|a, b| a.case_no.cmp(&b.case_no));
        &self.placed
    }

    fn line(&self, p: &Placed) -> &[u8] {
        &self.text[p.start as usize..p.end as usize]
    }

    /// Its lines in 案号 order to `out`.
    fn write_sorted(&mut self, out: &mut impl Write) -> Result<()> {
        self.sorted();
        for p in &self.placed {
            out.write_all(self.line(p))?;
        }
        Ok(())
    }

    /// Its lines in 案号 order, each after its 案号, to a new temporary file in `dir`; the run is emptied (its
    /// buffer kept for the next).
    fn set_aside(&mut self, dir: &Path) -> Result<File> {
        let mut file = BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir)?);
        self.sorted();
        for p in &self.placed {
            let line = self.line(p);
            file.write_all(&(p.case_no.len() as u32).to_le_bytes())?;
            file.write_all(p.case_no.as_bytes())?;
            file.write_all(&(line.len() as u32).to_le_bytes())?;
            file.write_all(line)?;
        }
        self.text.clear();
        self.placed.clear();
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    }
}

/// A run set aside, read back one line at a time: its current line and 案号.
struct Reader {
    file: BufReader<File>,
    case_no: Vec<u8>,
    line: Vec<u8>,
}

impl Reader {
    /// The next line into `case_no` and `line`; `false` at the run's end.
    fn advance(&mut self) -> Result<bool> {
        let mut len = [0u8; 4];
        match self.file.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.case_no.resize(u32::from_le_bytes(len) as usize, 0);
        self.file.read_exact(&mut self.case_no)?;
        self.file.read_exact(&mut len)?;
        self.line.resize(u32::from_le_bytes(len) as usize, 0);
        self.file.read_exact(&mut self.line)?;
        Ok(true)
    }
}

/// Every line of the runs in 案号 order to `out` (each run is in that order: the smallest head goes next).
fn merge(runs: Vec<File>, out: &mut impl Write) -> Result<()> {
    let mut readers = Vec::with_capacity(runs.len());
    let mut heads = BinaryHeap::with_capacity(runs.len());
    for file in runs {
        let mut r = Reader { file: BufReader::with_capacity(1 << 16, file), case_no: Vec::new(), line: Vec::new() };
        if r.advance()? {
            heads.push(Reverse((std::mem::take(&mut r.case_no), readers.len())));
        }
        readers.push(r);
    }
    while let Some(Reverse((case_no, i))) = heads.pop() {
        let r = &mut readers[i];
        out.write_all(&r.line)?;
        r.case_no = case_no;
        if r.advance()? {
            heads.push(Reverse((std::mem::take(&mut r.case_no), i)));
        }
    }
    Ok(())
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
/// transaction; the number of cases. The cases are read in id order (file order: each page decrypted once); every
/// [`RUN`] bytes of lines are sorted and set aside in a temporary file beside `path`, and the runs are merged into
/// it at the end (a store whose lines fit in one run is written straight from memory).
pub(super) fn write(conn: &Connection, path: &Path) -> Result<usize> {
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -EXPORT_CACHE_KIB)?;
    let read = read_runs(conn, path);
    conn.pragma_update(None, "cache_size", cache)?;
    let (mut last, runs, n) = read?;
    let mut out = BufWriter::with_capacity(4 << 20, File::create(path)?);
    if runs.is_empty() {
        last.write_sorted(&mut out)?;
    } else {
        drop(last);
        merge(runs, &mut out)?;
    }
    out.flush()?;
    Ok(n)
}

/// The lines of every case: the last run (in memory), the runs set aside before it, and the number of cases.
fn read_runs(conn: &Connection, path: &Path) -> Result<(Run, Vec<File>, usize)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    let mut run = Run::new();
    let mut runs = Vec::new();
    let mut n = 0;
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
            run.push(line_of(row, parties, kids))?;
            n += 1;
            if run.full() {
                runs.push(run.set_aside(dir)?);
            }
        }
    }
    if let Some(tx) = tx {
        tx.commit()?;
    }
    if !runs.is_empty() && !run.placed.is_empty() {
        runs.push(run.set_aside(dir)?);
    }
    Ok((run, runs, n))
}
