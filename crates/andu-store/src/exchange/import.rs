//! Writing an import: rows are taken one at a time from the reader, validated and written in one transaction, so
//! memory holds one row (and a few maps keyed by 案号), never the file.
//!
//! From [`BULK`] rows on, what is stored is read by set, and only when it is needed:
//! - the prints of the lines each case was last written from ([`super::prints`]): a line printed the same is
//!   unchanged and is not even parsed (re-importing an unchanged export reads the file and one table);
//! - at the first line that is not known so: every stored 案号 (one statement), so a 案号 not stored is inserted
//!   without a lookup;
//! - once [`BULK`] lines name stored cases without a print: what every stored case would export as, so that a case
//!   saying exactly what its line says is skipped without a query. Anything else is compared case by case.
//!
//! The new cases of a bulk import are held and written [`HOLD`] at a time (`write/created.rs`), and always before
//! the import reads a stored case or changes one.

use std::collections::{HashMap, HashSet};

use andu_core::case::ValidCase;
use chrono::{DateTime, Utc};

use super::{ImportOptions, ImportReport, ParsedRow, SourceRow, prints};
use crate::Store;
use crate::error::{Result, RowError, StoreError};
use crate::write::{Held, UpsertOutcome, Writer};

/// From this many rows on, an import reads the stored cases by set and writes without WAL.
const BULK: usize = 1000;

/// New cases a bulk import holds before writing them: each table's rows go in 64 per statement, and what is left
/// over at each write (fewer than 64 per table) one by one.
const HOLD: usize = 1024;

/// A case as the store would give it back in the import format: what a re-import is compared with.
fn expected_input(c: &ValidCase) -> andu_core::CaseInput {
    let row = crate::write::case_row(String::new(), c);
    let ids = crate::ids::unstored();
    let ids = ids.at(chrono::DateTime::UNIX_EPOCH);
    crate::read::assemble(row, crate::write::party_rows(c, ids), crate::write::child_rows(c, "", ids)).to_input()
}

/// A 64-bit digest of a case's import form (SipHash; a collision between a stored case and its own new line is
/// what it would take to skip a change, 1 in 2^64).
fn fingerprint(input: &andu_core::CaseInput) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(input).expect("case inputs serialise").hash(&mut h);
    h.finish()
}

/// A stored case as a bulk import knows it: its id, and once read, the fingerprint of its import form (`None`:
/// not read, or written by this import: compare case by case).
struct Stored {
    id: String,
    print: Option<u64>,
}

/// What a bulk import has read of the store.
struct Known {
    /// Line print → the case last written from that line, while the case has not changed since.
    prints: HashMap<u64, String>,
    /// Cases this import changed: their prints no longer say what they hold.
    touched: HashSet<String>,
    /// 案号 → stored case; read at the first line without a known print.
    stored: Option<HashMap<String, Stored>>,
    /// Lines of stored cases compared one by one; at [`BULK`] every stored case's fingerprint is read.
    compared: usize,
    fingerprints_read: bool,
}

impl Known {
    fn read(w: &Writer<'_>) -> Result<Known> {
        Ok(Known {
            prints: prints::valid(w.tx())?,
            touched: HashSet::new(),
            stored: None,
            compared: 0,
            fingerprints_read: false,
        })
    }

    /// The stored case of 案号 `no`, reading every stored 案号 (and, past [`BULK`] comparisons, every fingerprint)
    /// when first needed.
    fn stored(&mut self, w: &Writer<'_>, no: &str) -> Result<Option<&mut Stored>> {
        if self.stored.is_none() {
            let mut stmt = w.tx().prepare_cached("SELECT case_no, id FROM cases")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut map = HashMap::new();
            for row in rows {
                let (no, id) = row?;
                map.insert(no, Stored { id, print: None });
            }
            self.stored = Some(map);
        }
        let stored = self.stored.as_mut().expect("read above");
        if !self.fingerprints_read && self.compared >= BULK && stored.contains_key(no) {
            self.fingerprints_read = true;
            let touched = &self.touched;
            crate::read::scan::for_each(w.tx(), crate::Which::All, |d| -> Result<()> {
                if let Some(s) = stored.get_mut(&d.summary.case_no)
                    && !touched.contains(&s.id)
                {
                    s.print = Some(fingerprint(&d.to_input()));
                }
                Ok(())
            })?;
        }
        Ok(stored.get_mut(no))
    }
}

/// One import in progress.
struct Run {
    opts: ImportOptions,
    report: ImportReport,
    /// A bad row was found and `skip_invalid` is off: nothing more is written, the rest is only checked.
    rejecting: bool,
    known: Option<Known>,
    /// (case, line print, its change-log sequence) of the cases written from or found equal to a printed line,
    /// kept at the end.
    prints: Vec<(String, u64, i64)>,
    /// New cases not written yet, and the print of each one's line.
    held: Held,
    held_prints: Vec<Option<u64>>,
}

impl Run {
    fn take(&mut self, w: &mut Writer<'_>, row: SourceRow) -> Result<()> {
        let row = match row {
            SourceRow::Line(line) => {
                if let Some(known) = &self.known
                    && let Some(id) = known.prints.get(&line.print)
                    && !known.touched.contains(id)
                {
                    self.report.unchanged += 1;
                    return Ok(());
                }
                line.parse()
            }
            SourceRow::Parsed(row) => row,
        };
        let ParsedRow { line, case_no, result, columns, print } = row;
        let case = match result {
            Ok(c) => c,
            Err(errors) => {
                self.report.skipped.push(RowError { line, case_no, errors, columns });
                self.rejecting |= !self.opts.skip_invalid;
                return Ok(());
            }
        };
        if self.rejecting {
            return Ok(());
        }
        let Some((id, outcome)) = self.write(w, &case, print)? else {
            self.report.created += 1;
            return Ok(());
        };
        match outcome {
            UpsertOutcome::Created => self.report.created += 1,
            UpsertOutcome::Updated => self.report.updated += 1,
            UpsertOutcome::Unchanged => self.report.unchanged += 1,
        }
        if outcome == UpsertOutcome::Updated {
            if let Some(known) = &mut self.known {
                known.touched.insert(id);
            }
        } else if let Some(print) = print {
            // A new case's last change row is the last row inserted.
            let seq = if outcome == UpsertOutcome::Created {
                w.tx().last_insert_rowid()
            } else {
                prints::seq_of(w.tx(), &id)?
            };
            self.prints.push((id, print, seq));
        }
        Ok(())
    }

    /// The case written and what was done, or `None` for a new case held to be written later.
    fn write(
        &mut self,
        w: &mut Writer<'_>,
        c: &ValidCase,
        print: Option<u64>,
    ) -> Result<Option<(String, UpsertOutcome)>> {
        let Some(known) = &self.known else { return w.upsert_case(c).map(Some) };
        let no = c.case_no.canonical();
        // A stored case (or one held: the same 案号 twice in a file) is read and compared: what is held goes first.
        if !self.held.is_empty() && known.stored.as_ref().is_none_or(|s| s.contains_key(&no)) {
            self.write_held(w)?;
        }
        let known = self.known.as_mut().expect("a bulk import");
        let found = known.stored(w, &no)?.map(|s| (s.id.clone(), s.print));
        let stored = known.stored.as_mut().expect("read by `stored`");
        match found {
            None => {
                let id = w.hold_case(&mut self.held, c)?;
                self.held_prints.push(print);
                // The same 案号 again later in the file is compared case by case.
                stored.insert(no, Stored { id, print: None });
                if self.held.len() >= HOLD {
                    self.write_held(w)?;
                }
                Ok(None)
            }
            Some((id, Some(print))) if print == fingerprint(&expected_input(c)) => {
                Ok(Some((id, UpsertOutcome::Unchanged)))
            }
            Some(_) => {
                known.compared += 1;
                let (id, outcome) = w.upsert_case(c)?;
                if let Some(s) = stored.get_mut(&no) {
                    s.print = None;
                }
                Ok(Some((id, outcome)))
            }
        }
    }

    /// Write the new cases held, keeping the print of each one's line with its change-log sequence.
    fn write_held(&mut self, w: &Writer<'_>) -> Result<()> {
        let written = w.write_held(&mut self.held)?;
        for ((id, seq), print) in written.into_iter().zip(self.held_prints.drain(..)) {
            if let Some(print) = print {
                self.prints.push((id, print, seq));
            }
        }
        Ok(())
    }
}

impl Store {
    /// Import parsed rows (see [`Store::import_source`]).
    pub fn import(
        &mut self,
        rows: impl IntoIterator<Item = ParsedRow>,
        opts: ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        self.import_source(rows.into_iter().map(|r| Ok(SourceRow::Parsed(r))), opts, now)
    }

    /// Import the rows a reader gives ([`super::read_file`]), in one transaction: all of them, or with a bad row
    /// and without `skip_invalid`, none (`import_invalid_rows` names every bad row). A reader's error (the file
    /// became unreadable) also leaves the store as it was.
    pub fn import_source(
        &mut self,
        mut rows: impl Iterator<Item = Result<SourceRow>>,
        opts: ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        // The first BULK rows say whether this is a bulk import, before the transaction (and its journal) starts.
        let mut head = Vec::new();
        while head.len() < BULK
            && let Some(row) = rows.next()
        {
            head.push(row?);
        }
        let bulk = head.len() >= BULK;
        // A bulk import writes each page once with a rollback journal, where WAL would write it twice (log, then
        // checkpoint). Still one atomic transaction; if another connection holds the store, WAL simply stays.
        let journal = bulk && self.set_journal_mode("DELETE");
        // Its new cases go in many rows per statement, for which SQLite checks each new case's key against all nine
        // tables that reference `cases` (`table::insert_many`). Without the checks the keys still hold: a case's
        // parties and records are written after it, under its id, a stored case's under the id read, and an import
        // deletes no case. Only outside a transaction does the setting take; it is put back below.
        let unchecked = bulk && self.set_foreign_keys(false);
        let result = self.write(now, |w| {
            let known = if bulk { Some(Known::read(w)?) } else { None };
            // No line is known by its print (a new store, or one never imported into): every line is parsed, so
            // a second thread parses and validates while this one writes.
            let parse_aside = known.as_ref().is_some_and(|k| k.prints.is_empty());
            let mut run = Run {
                opts,
                report: ImportReport::default(),
                rejecting: false,
                known,
                prints: Vec::new(),
                held: Held::default(),
                held_prints: Vec::new(),
            };
            let rows = head.into_iter().map(Ok).chain(rows);
            if parse_aside {
                parsed_aside(rows, |row| run.take(w, SourceRow::Parsed(row)))?;
            } else {
                for row in rows {
                    run.take(w, row?)?;
                }
            }
            if run.rejecting {
                // Returned as an error, so nothing of this import is committed.
                return Err(StoreError::ImportRejected(run.report.skipped));
            }
            run.write_held(w)?;
            prints::record(w.tx(), &run.prints)?;
            Ok(run.report)
        });
        if journal {
            self.set_journal_mode("WAL");
        }
        if unchecked {
            self.set_foreign_keys(true);
        }
        result
    }
}

/// Rows handed over to the parsing thread at a time, and batches in flight: enough to keep both threads busy. The
/// storing thread writes what it holds in bursts (1,024 cases, `write/created.rs`); with 2 batches in flight the
/// parser had nothing left to parse during a burst, and between bursts the writer, quicker than the parser at
/// holding rows, waited for it. 8 took a fresh 100,000-case import from 3.0–3.2 s to 2.9 s on a quiet machine, for
/// ~5 MB more (4,096 parsed rows at most).
const PARSE_BATCH: usize = 512;
const IN_FLIGHT: usize = 8;

/// Feeds `take` every row of `rows` in order, parsed and validated on a second thread: the rows are read here (the
/// reader need not be `Send`), parsed there, and written here as they come back. A reader's error, or one from
/// `take`, ends it at once (the parsing thread stops with its channels).
fn parsed_aside(
    mut rows: impl Iterator<Item = Result<SourceRow>>,
    mut take: impl FnMut(super::ParsedRow) -> Result<()>,
) -> Result<()> {
    use std::sync::mpsc::sync_channel;
    std::thread::scope(|scope| {
        let (lines, to_parse) = sync_channel::<Vec<SourceRow>>(IN_FLIGHT);
        let (parsed_tx, parsed) = sync_channel::<Vec<super::ParsedRow>>(IN_FLIGHT);
        scope.spawn(move || {
            for batch in to_parse {
                let out = batch
                    .into_iter()
                    .map(|r| match r {
                        SourceRow::Line(line) => line.parse(),
                        SourceRow::Parsed(row) => row,
                    })
                    .collect();
                if parsed_tx.send(out).is_err() {
                    return;
                }
            }
        });
        let (mut in_flight, mut read_all) = (0, false);
        loop {
            while !read_all && in_flight < IN_FLIGHT {
                let mut batch = Vec::with_capacity(PARSE_BATCH);
                for row in rows.by_ref().take(PARSE_BATCH) {
                    batch.push(row?);
                }
                read_all = batch.len() < PARSE_BATCH;
                if batch.is_empty() {
                    break;
                }
                lines.send(batch).expect("the parsing thread runs while batches are sent");
                in_flight += 1;
            }
            if in_flight == 0 {
                return Ok(());
            }
            let batch = parsed.recv().expect("the parsing thread answers every batch");
            in_flight -= 1;
            for row in batch {
                take(row)?;
            }
        }
    })
}
