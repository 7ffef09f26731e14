//! Import and export of the court system's case exports: JSON Lines and .xlsx in 案牍's own columns, and the court
//! system's own layouts (.xlsx, .xls, .csv; see [`court`]).
//!
//! An import reads, validates and writes row by row inside one transaction (a JSON Lines file is never held whole).
//! By default one bad row rejects the whole file: nothing is written (the transaction is rolled back) and every
//! bad row is named. With `skip_invalid` the good rows go in and the bad ones are reported. Re-importing a 案号
//! updates that case instead of duplicating it. `import.rs` says how a large import stays fast.

pub mod court;
mod export;
mod import;
pub mod jsonl;
pub(crate) mod prints;
pub mod xlsx;

use andu_core::case::{FieldError, ValidCase};
use serde::Serialize;

use crate::Store;
use crate::error::{Result, RowError, StoreError};

/// One row of an import file after parsing: its 1-based line/row number and the case or its errors.
pub struct ParsedRow {
    pub line: usize,
    pub case_no: String,
    pub result: std::result::Result<ValidCase, Vec<FieldError>>,
    /// For a court-layout table: error field path → the column it came from (`D 列“收案日期”`).
    pub columns: std::collections::BTreeMap<String, String>,
    /// For a JSON Lines row: the print of its line ([`jsonl::print`]), kept with the case it is written to.
    pub print: Option<u64>,
}

/// A row as a reader gives it to [`Store::import_source`]: parsed, or a JSON Lines line still as text (parsed only
/// if the store does not already hold exactly what it says).
// Rows pass one at a time (at most the first thousand are held, to tell a bulk import): a box per parsed row would
// cost more than the unused bytes of a line.
#[allow(clippy::large_enum_variant)]
pub enum SourceRow {
    Parsed(ParsedRow),
    Line(jsonl::Line),
}

impl From<ParsedRow> for SourceRow {
    fn from(row: ParsedRow) -> Self {
        SourceRow::Parsed(row)
    }
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

/// The rows of an import file in 案牍's own format, as they are needed: a JSON Lines file is read line by line (a
/// file that is not UTF-8 is refused here, before any row); an .xlsx is read whole.
pub fn read_file(path: &std::path::Path) -> Result<Box<dyn Iterator<Item = Result<SourceRow>>>> {
    match Format::from_path(path)? {
        Format::JsonLines => {
            jsonl::check_utf8(path)?;
            Ok(Box::new(jsonl::Reader::open(path)?))
        }
        Format::Xlsx => Ok(Box::new(xlsx::parse(path)?.into_iter().map(|r| Ok(SourceRow::Parsed(r))))),
    }
}

/// Every row of an import file in 案牍's own format, parsed (all in memory: for small files and tests; an import
/// reads with [`read_file`]).
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
    /// Every case to `path`, in 案号 order. JSON Lines is written in bounded memory: sorted runs of lines, set aside
    /// in temporary files beside `path` and merged (see `export.rs`).
    pub fn export(&self, path: &std::path::Path) -> Result<usize> {
        match Format::from_path(path)? {
            Format::JsonLines => export::write(self.conn(), path),
            Format::Xlsx => {
                let cases = self.all_inputs()?;
                xlsx::write(path, &cases)?;
                Ok(cases.len())
            }
        }
    }
}

#[cfg(test)]
mod tests;
