//! Import and export of the court system's case exports: JSON Lines and .xlsx.
//!
//! Import validates every row first. By default one bad row rejects the whole file (and names every bad row);
//! with `skip_invalid` the good rows go in and the bad ones are reported. Either way the import is one transaction,
//! and re-importing a 案号 updates that case instead of duplicating it.

pub mod jsonl;
pub mod xlsx;

use andu_core::case::{FieldError, ValidCase};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Store;
use crate::error::{Result, RowError, StoreError};
use crate::write::UpsertOutcome;

/// One row of an import file after parsing: its 1-based line/row number and the case or its errors.
pub struct ParsedRow {
    pub line: usize,
    pub case_no: String,
    pub result: std::result::Result<ValidCase, Vec<FieldError>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
                Err(errors) => report.skipped.push(RowError { line: row.line, case_no: row.case_no, errors }),
            }
        }
        if !report.skipped.is_empty() && !opts.skip_invalid {
            return Err(StoreError::ImportRejected(report.skipped));
        }
        // A bulk import writes each page once with a rollback journal, where WAL would write it twice (log, then
        // checkpoint). Still one atomic transaction; if another connection holds the store, WAL simply stays.
        let bulk = good.len() >= 1000 && self.set_journal_mode("DELETE");
        let result = self.write(now, |w| {
            for c in &good {
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
