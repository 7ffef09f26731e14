//! Exports from the court's own case system, as they come: .xlsx, .xls and .csv (UTF-8 or GBK), a title row above
//! the header, merged header cells, the court system's own column names, dates and 案号 written in many ways.
//!
//! [`table::read`] turns the file into cells; [`Layout::propose`] finds the header row and proposes a column
//! mapping from the synonyms in `assets/import/columns.toml`, corrected by a mapping saved for the court and by
//! one the user gives ([`MappingFile`], the TOML of `andu import --mapping`); [`convert`] reads every data row into
//! the import format with each error tied to its row and column, and [`preview`] is the same for the app's
//! mapping screen. Nothing here writes; the rows go through `Store::import` like any other file.

pub mod layout;
pub mod normalise;
pub mod rows;
pub mod table;
pub mod vocabulary;

pub use layout::{ColumnMapping, Layout, MappingFile, MappingSource};
pub use rows::{CellError, Converted, Preview, PreviewRow, convert, preview};
pub use table::{Cell, SourceFormat, Table};
pub use vocabulary::Field;

use crate::Store;
use crate::error::{Result, StoreError};

/// Extensions read as a court-layout table (JSON Lines stays its own format).
pub fn is_table_file(path: &std::path::Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("xlsx" | "xls" | "csv" | "tsv" | "txt")
    )
}

/// Reads the file into cells; a file that is no table is `file_unreadable` naming it.
pub fn read_file(path: &std::path::Path) -> Result<Table> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| StoreError::BadFile { path: name.clone(), why: e.to_string() })?;
    read_bytes(&name, &bytes)
}

pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Table> {
    table::read(name, bytes).map_err(|why| StoreError::BadFile { path: name.to_string(), why })
}

const SAVED_PREFIX: &str = "import_mapping:";

impl Store {
    /// Keeps a court's column mapping for its next export (a setting in the encrypted store, keyed by the court
    /// code of its 案号, e.g. `粤0309`).
    pub fn save_import_mapping(&mut self, court_code: &str, mapping: &MappingFile) -> Result<()> {
        let json = serde_json::to_string(mapping).expect("mappings serialise");
        self.set_setting(&format!("{SAVED_PREFIX}{court_code}"), &json)
    }

    /// Every saved mapping by court code. One that no longer reads (hand-edited) is left out, never fatal.
    pub fn saved_import_mappings(&self) -> Result<Vec<(String, MappingFile)>> {
        Ok(self
            .settings_with_prefix(SAVED_PREFIX)?
            .into_iter()
            .filter_map(|(k, v)| {
                let code = k.strip_prefix(SAVED_PREFIX)?.to_string();
                serde_json::from_str(&v).ok().map(|m| (code, m))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests;
