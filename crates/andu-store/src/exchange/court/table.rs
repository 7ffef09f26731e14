//! A court system's export as a grid of cells: .xlsx and .xls through calamine (merged cells filled from their
//! first cell, so a header spanning several columns or rows names each of them), .csv in UTF-8 (with or without
//! BOM), UTF-16 with BOM, or GBK/GB18030 — the encoding is detected, never asked.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader};
use chrono::NaiveDate;
use serde::Serialize;

/// What a cell held. Text is trimmed; an empty cell is absent from its row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as a person reads it (a date cell as YYYY-MM-DD, a whole number without `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Cell::Number(f) => f.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Xlsx,
    Xls,
    Csv,
}

/// The first sheet (or the CSV) as rows of cells. Row and column indexes are 0-based; a spreadsheet shows row
/// `index + 1` and column [`column_letter`].
#[derive(Debug, Clone)]
pub struct Table {
    pub format: SourceFormat,
    /// For CSV: the encoding the text was read in (`UTF-8`, `GBK` …).
    pub encoding: Option<&'static str>,
    pub rows: Vec<(u32, BTreeMap<u32, Cell>)>,
}

/// A merged region fills at most this many cells in all: a region over a whole sheet is damage, not a header.
const MERGE_FILL_LIMIT: usize = 1_000_000;

/// `A`, `B` … `Z`, `AA` … as the spreadsheet labels column `index` (0-based).
pub fn column_letter(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Why a file could not be read as a table (the caller names the file).
pub type ReadError = String;

pub fn read(name: &str, bytes: &[u8]) -> Result<Table, ReadError> {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    match ext.as_str() {
        _ if zip => read_xlsx(bytes),
        _ if ole => read_xls(bytes),
        "xlsx" => Err("不是有效的 .xlsx 文件，可能已损坏或被截断".into()),
        "xls" if looks_like_html(bytes) => {
            Err("文件扩展名为 .xls，但内容是网页（HTML）表格：请用 Excel 或 WPS 打开后“另存为”.xlsx 再导入".into())
        }
        "xls" => Err("不是有效的 .xls 文件，可能已损坏或被截断".into()),
        "csv" | "txt" | "tsv" => read_csv(bytes),
        _ => Err("只支持 .xlsx、.xls、.csv 文件".into()),
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<table") || head.contains("<!doctype")
}

fn cell_of(d: &Data) -> Option<Cell> {
    match d {
        Data::Empty => None,
        Data::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(|s| Cell::Text(s.to_string())),
        Data::Float(f) => Some(Cell::Number(*f)),
        Data::Int(i) => Some(Cell::Number(*i as f64)),
        Data::Bool(b) => Some(Cell::Text(if *b { "是" } else { "否" }.into())),
        // A date cell; a serial beyond any calendar (a damaged cell) stays a number, so its row is refused naming it.
        Data::DateTime(dt) => Some(excel_serial(dt.as_f64()).map(Cell::Date).unwrap_or(Cell::Number(dt.as_f64()))),
        Data::DateTimeIso(s) => Some(Cell::Text(s.clone())),
        Data::DurationIso(s) => Some(Cell::Text(s.clone())),
        Data::Error(e) => Some(Cell::Text(format!("#{e:?}"))),
    }
}

/// Excel serial days since 1899-12-30 (the 1900 leap-year bug is folded into that epoch); `None` out of range.
pub fn excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::TimeDelta::try_days(serial.floor() as i64)?)
}

type Grid = BTreeMap<u32, BTreeMap<u32, Cell>>;

fn fill_merged(grid: &mut Grid, regions: &[Dimensions]) {
    let mut budget = MERGE_FILL_LIMIT;
    for m in regions {
        let Some(value) = grid.get(&m.start.0).and_then(|r| r.get(&m.start.1)).cloned() else { continue };
        for r in m.start.0..=m.end.0 {
            for c in m.start.1..=m.end.1 {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                grid.entry(r).or_default().entry(c).or_insert_with(|| value.clone());
            }
        }
    }
}

fn table(format: SourceFormat, grid: Grid) -> Table {
    Table { format, encoding: None, rows: grid.into_iter().filter(|(_, r)| !r.is_empty()).collect() }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, ReadError> {
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 .xlsx 文件，可能已损坏或被截断（{e}）"))?;
    let sheet = book.sheet_names().first().cloned().ok_or("工作簿没有工作表")?;
    let unreadable = |e: calamine::XlsxError| format!("无法读取第一个工作表（{e}）");
    // Only the cells that are there: a dense range spans the used extent, and one stray cell at XFD1048576 would
    // make that 17 billion cells.
    let mut grid = Grid::new();
    {
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            if let Some(value) = cell_of(&Data::from(cell.get_value().clone())) {
                let (row, col) = cell.get_position();
                grid.entry(row).or_default().insert(col, value);
            }
        }
    }
    let merged = book.merge_cells_by_sheet_name(&sheet).map_err(unreadable)?;
    fill_merged(&mut grid, &merged);
    Ok(table(SourceFormat::Xlsx, grid))
}

fn read_xls(bytes: &[u8]) -> Result<Table, ReadError> {
    let mut book: calamine::Xls<_> = calamine::Xls::new(Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 .xls 文件，可能已损坏或被截断（{e}）"))?;
    let sheet = book.sheet_names().first().cloned().ok_or("工作簿没有工作表")?;
    // .xls sheets are at most 65536 × 256 cells, so the dense range is bounded.
    let range = book.worksheet_range(&sheet).map_err(|e| format!("无法读取第一个工作表（{e}）"))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut grid = Grid::new();
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            if let Some(value) = cell_of(d) {
                grid.entry(r0 + r as u32).or_default().insert(c0 + c as u32, value);
            }
        }
    }
    let merged = book.merge_cells_by_sheet_name(&sheet).map_err(|e| format!("无法读取合并单元格（{e}）"))?;
    fill_merged(&mut grid, &merged);
    Ok(table(SourceFormat::Xls, grid))
}

/// The text of a CSV file and the encoding it was in: a BOM decides; else UTF-8 if the bytes are valid UTF-8;
/// else GB18030 (a superset of GBK, what Excel and WPS on a Chinese Windows write). Bytes that are neither are an
/// error rather than text with replacement characters.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), "UTF-8"))
            .map_err(|_| "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8 文本".into());
    }
    for (bom, enc, name) in
        [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE")]
    {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(format!("文件以 {name} 标记开头，但内容不是有效的 {name} 文本"));
            }
            return Ok((text.into_owned(), name));
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("文件既不是 UTF-8 也不是 GBK 编码的文本：请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx".into());
    }
    Ok((text.into_owned(), "GBK"))
}

/// The delimiter used most on the first lines (outside quotes): `,`, tab or `;` (never `，`, which court text
/// uses inside cells).
fn delimiter(text: &str) -> char {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let count = |d: char| {
        let mut quoted = false;
        head.chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == d
            })
            .count()
    };
    [',', '\t', ';'].into_iter().max_by_key(|d| (count(*d), *d == ',')).unwrap_or(',')
}

/// RFC 4180 records: quoted fields may hold the delimiter, `""` and line breaks. Rows are numbered by record, as a
/// spreadsheet opening the file numbers them.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delim = delimiter(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ if c == delim => record.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

fn read_csv(bytes: &[u8]) -> Result<Table, ReadError> {
    let (text, encoding) = decode(bytes)?;
    let mut grid = Grid::new();
    for (r, record) in parse_csv(&text).into_iter().enumerate() {
        for (c, value) in record.into_iter().enumerate() {
            let value = value.trim();
            if !value.is_empty() {
                grid.entry(r as u32).or_default().insert(c as u32, Cell::Text(value.to_string()));
            }
        }
    }
    let mut t = table(SourceFormat::Csv, grid);
    t.encoding = Some(encoding);
    Ok(t)
}
