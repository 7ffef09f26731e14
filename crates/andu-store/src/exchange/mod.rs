//! Import and export of the court system's case exports: JSON Lines and .xlsx in 案牍's own columns, and the court
//! system's own layouts (.xlsx, .xls, .csv; see [`court`]).
//!
//! Import validates every row first. By default one bad row rejects the whole file (and names every bad row);
//! with `skip_invalid` the good rows go in and the bad ones are reported. Either way the import is one transaction,
//! and re-importing a 案号 updates that case instead of duplicating it.

pub mod court;
pub mod jsonl;
pub mod xlsx;

use andu_core::case::{FieldError, ValidCase};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Store;
use crate::error::{Result, RowError, StoreError};
use crate::write::UpsertOutcome;

/// From this many rows on, an import reads the stored cases by set first and writes without WAL.
const BULK: usize = 1000;

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

/// 案号 → fingerprint of every stored case (`None`: compare case by case).
fn stored_fingerprints(store: &Store) -> Result<std::collections::HashMap<String, Option<u64>>> {
    let mut out = std::collections::HashMap::new();
    store.for_each_case(crate::Which::All, |d| -> Result<()> {
        out.insert(d.summary.case_no.clone(), Some(fingerprint(&d.to_input())));
        Ok(())
    })?;
    Ok(out)
}

/// One row of an import file after parsing: its 1-based line/row number and the case or its errors.
pub struct ParsedRow {
    pub line: usize,
    pub case_no: String,
    pub result: std::result::Result<ValidCase, Vec<FieldError>>,
    /// For a court-layout table: error field path → the column it came from (`D 列“收案日期”`).
    pub columns: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<RowError>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    pub skip_invalid: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    Xlsx,
}

impl Format {
    pub fn from_path(path: &std::path::Path) -> Result<Format> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl") | Some("ndjson") | Some("json") => Ok(Format::JsonLines),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(StoreError::BadFile {
                path: path.display().to_string(),
                why: "只支持 .jsonl（JSON Lines）和 .xlsx 文件".into(),
            }),
        }
    }
}

/// A court-layout table read with its mapping: the rows, the layout used and the rows left out as no case.
pub struct CourtFile {
    pub layout: court::Layout,
    pub rows: Vec<ParsedRow>,
    pub ignored: Vec<(u32, String)>,
}

/// Whether `path` is read as a court-layout table: .xls and .csv always, .xlsx unless its first row has 案牍's
/// own required columns (an export of 案牍 itself keeps its exact, fast reader).
pub fn is_court_layout(path: &std::path::Path) -> bool {
    if !court::is_table_file(path) {
        return false;
    }
    match Format::from_path(path) {
        Ok(Format::Xlsx) => !xlsx::has_own_header(path),
        _ => true,
    }
}

/// Reads a court-layout table: header found, mapping proposed from the synonyms, the court's saved mapping and
/// `user`, then every row. A required field no column fills is `import_columns_unmapped`.
pub fn parse_court_table(
    table: &court::Table,
    saved: &[(String, court::MappingFile)],
    user: Option<&court::MappingFile>,
) -> Result<CourtFile> {
    let layout = court::Layout::propose(table, saved, user)?;
    if !layout.missing.is_empty() {
        return Err(StoreError::ColumnsUnmapped {
            missing: layout.missing.iter().map(|f| f.label().to_string()).collect(),
            header_row: layout.header_rows.last().copied().unwrap_or(0),
        });
    }
    let converted = court::convert(table, &layout);
    let ignored = converted.ignored.clone();
    let rows = converted.into_parsed(&layout);
    Ok(CourtFile { layout, rows, ignored })
}

pub fn parse_file(path: &std::path::Path) -> Result<Vec<ParsedRow>> {
    match Format::from_path(path)? {
        Format::JsonLines => {
            let bytes = std::fs::read(path)?;
            let text = String::from_utf8(bytes).map_err(|_| StoreError::BadFile {
                path: path.display().to_string(),
                why: "文件不是 UTF-8 编码的文本".into(),
            })?;
            Ok(jsonl::parse(&text))
        }
        Format::Xlsx => xlsx::parse(path),
    }
}

impl Store {
    pub fn import(&mut self, rows: Vec<ParsedRow>, opts: ImportOptions, now: DateTime<Utc>) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut good = Vec::with_capacity(rows.len());
        for row in rows {
            match row.result {
                Ok(c) => good.push(c),
                Err(errors) => {
                    report.skipped.push(RowError { line: row.line, case_no: row.case_no, errors, columns: row.columns })
                }
            }
        }
        if !report.skipped.is_empty() && !opts.skip_invalid {
            return Err(StoreError::ImportRejected(report.skipped));
        }
        // A large import first reads what every stored case would export as (by set: a few statements), so a
        // case that says exactly what the file says is skipped without a query, and a 案号 not stored is
        // inserted without looking it up. Anything else goes through the per-case comparison.
        let mut stored = if good.len() >= BULK { Some(stored_fingerprints(self)?) } else { None };
        // A bulk import writes each page once with a rollback journal, where WAL would write it twice (log, then
        // checkpoint). Still one atomic transaction; if another connection holds the store, WAL simply stays.
        let bulk = good.len() >= BULK && self.set_journal_mode("DELETE");
        let result = self.write(now, |w| {
            for c in &good {
                if let Some(stored) = &mut stored {
                    let no = c.case_no.canonical();
                    match stored.get(&no) {
                        Some(Some(print)) if *print == fingerprint(&expected_input(c)) => {
                            report.unchanged += 1;
                            continue;
                        }
                        Some(_) => {}
                        None => {
                            w.create_case(c)?;
                            report.created += 1;
                            // The same 案号 again later in the file is compared case by case.
                            stored.insert(no, None);
                            continue;
                        }
                    }
                }
                match w.upsert_case(c)?.1 {
                    UpsertOutcome::Created => report.created += 1,
                    UpsertOutcome::Updated => report.updated += 1,
                    UpsertOutcome::Unchanged => report.unchanged += 1,
                }
            }
            Ok(())
        });
        if bulk {
            self.set_journal_mode("WAL");
        }
        result?;
        Ok(report)
    }

    /// Every case to `path`, in 案号 order. JSON Lines keeps one line per case in memory, never the cases.
    pub fn export(&self, path: &std::path::Path) -> Result<usize> {
        match Format::from_path(path)? {
            Format::JsonLines => {
                let mut lines: Vec<(String, String)> = Vec::new();
                self.for_each_case(crate::Which::All, |d| -> Result<()> {
                    lines.push((d.summary.case_no.clone(), jsonl::line(&d.to_input())));
                    Ok(())
                })?;
                lines.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
                for (_, line) in &lines {
                    std::io::Write::write_all(&mut out, line.as_bytes())?;
                }
                std::io::Write::flush(&mut out)?;
                Ok(lines.len())
            }
            Format::Xlsx => {
                let cases = self.all_inputs()?;
                xlsx::write(path, &cases)?;
                Ok(cases.len())
            }
        }
    }
}
