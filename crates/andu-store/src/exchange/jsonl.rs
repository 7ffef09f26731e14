//! JSON Lines: one case per line in the [`andu_core::CaseInput`] shape. Blank lines are skipped.
//!
//! A file is read line by line ([`Reader`]): an import of 100,000 cases holds one line at a time, never the file
//! or all of its cases.

use std::io::BufRead;

use andu_core::CaseInput;
use andu_core::case::FieldError;

use super::{ParsedRow, SourceRow};
use crate::error::{Result, StoreError};

/// Every non-blank line of `text`, parsed and validated.
pub fn parse(text: &str) -> Vec<ParsedRow> {
    text.lines().enumerate().filter_map(|(i, line)| parse_line(i + 1, line)).collect()
}

/// A 64-bit digest of an import line as written (SipHash, seeded with this program's version): equal lines, equal
/// prints. An import keeps it for each case it wrote from a line, so the same line again is known unchanged without
/// being parsed (see `exchange::prints`). A new version starts with new prints, so a line accepted by an older
/// version's validation is checked again by this one; should the standard library's hasher change, old prints
/// simply stop matching.
pub fn print(line: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    line.hash(&mut h);
    h.finish()
}

/// The line as it is compared and parsed: without surrounding blanks or a byte-order mark.
fn content(line: &str) -> &str {
    line.trim().trim_start_matches('\u{feff}').trim()
}

/// Line `number` (1-based) parsed and validated; `None` for a blank line.
pub fn parse_line(number: usize, line: &str) -> Option<ParsedRow> {
    let line = content(line);
    (!line.is_empty()).then(|| parse_content(number, line, print(line)))
}

/// A line's content (see [`content`]), not blank, parsed and validated.
fn parse_content(number: usize, line: &str, print: u64) -> ParsedRow {
    let print = Some(print);
    let parsed: std::result::Result<CaseInput, _> = serde_json::from_str(line);
    match parsed {
        Ok(input) => ParsedRow {
            line: number,
            case_no: input.case_no.clone(),
            result: input.validate().map_err(|e| e.errors),
            columns: Default::default(),
            print,
        },
        Err(e) => ParsedRow {
            line: number,
            case_no: serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("case_no").and_then(|c| c.as_str()).map(str::to_string))
                .unwrap_or_default(),
            result: Err(vec![FieldError {
                field: "(line)".into(),
                code: "json_invalid".into(),
                message: format!("不是有效的 JSON 对象（{e}）；文件可能被截断"),
            }]),
            columns: Default::default(),
            print,
        },
    }
}

/// A non-blank line of a JSON Lines file, not parsed yet: an import parses it only when the store does not
/// already hold what it says (its print is not known).
pub struct Line {
    pub number: usize,
    pub text: String,
    pub print: u64,
}

impl Line {
    pub fn parse(&self) -> ParsedRow {
        parse_content(self.number, &self.text, self.print)
    }
}

fn not_utf8(path: &std::path::Path) -> StoreError {
    StoreError::BadFile { path: path.display().to_string(), why: "文件不是 UTF-8 编码的文本".into() }
}

/// Refuses a file that is not UTF-8 text, reading it in blocks (a bad file is refused before the store is opened,
/// so it never needs the key, and without holding the file in memory).
pub fn check_utf8(path: &std::path::Path) -> Result<()> {
    let mut file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    // A character cut at a block's end is carried over to the next block.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let block = file.fill_buf()?;
        if block.is_empty() {
            return if carry.is_empty() { Ok(()) } else { Err(not_utf8(path)) };
        }
        let n = block.len();
        let checked: &[u8] = if carry.is_empty() {
            block
        } else {
            carry.extend_from_slice(block);
            &carry
        };
        let rest = match std::str::from_utf8(checked) {
            Ok(_) => Vec::new(),
            Err(e) if e.error_len().is_none() => checked[e.valid_up_to()..].to_vec(),
            Err(_) => return Err(not_utf8(path)),
        };
        carry = rest;
        file.consume(n);
    }
}

/// The rows of a JSON Lines file, read as they are needed. A line that is not UTF-8 ends the reading with
/// `file_unreadable`.
pub struct Reader<R> {
    source: R,
    path: std::path::PathBuf,
    number: usize,
    buf: Vec<u8>,
}

impl Reader<std::io::BufReader<std::fs::File>> {
    pub fn open(path: &std::path::Path) -> Result<Self> {
        let file = std::fs::File::open(path)?;
        Ok(Reader::new(std::io::BufReader::with_capacity(1 << 20, file), path))
    }
}

impl<R: BufRead> Reader<R> {
    pub fn new(source: R, path: &std::path::Path) -> Self {
        Reader { source, path: path.to_path_buf(), number: 0, buf: Vec::new() }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<SourceRow>;

    fn next(&mut self) -> Option<Result<SourceRow>> {
        loop {
            self.buf.clear();
            match self.source.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e.into())),
            }
            self.number += 1;
            let Ok(line) = std::str::from_utf8(&self.buf) else { return Some(Err(not_utf8(&self.path))) };
            let text = content(line);
            if !text.is_empty() {
                let print = print(text);
                return Some(Ok(SourceRow::Line(Line { number: self.number, text: text.to_string(), print })));
            }
        }
    }
}

pub fn write(cases: &[CaseInput]) -> String {
    cases.iter().map(line).collect()
}

/// One case as its line, newline included.
pub fn line(case: &CaseInput) -> String {
    let mut out = serde_json::to_string(case).expect("case inputs serialise");
    out.push('\n');
    out
}
