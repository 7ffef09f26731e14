//! Court-system exports as they come, written by real tools in the tests: rust_xlsxwriter and openpyxl (.xlsx with
//! a title row and merged two-level headers, date cells), xlwt (.xls), LibreOffice (CSV → .xlsx and .xlsx → .xls),
//! and a GBK CSV. Each is read, mapped from the synonyms, imported into a real SQLCipher store and checked case by
//! case; the bad row is named by its spreadsheet row and column.

use std::path::{Path, PathBuf};
use std::process::Command;

use andu_core::Coded;
use andu_store::exchange::court::{self, Field, Layout, MappingFile};
use andu_store::exchange::{self, ImportOptions};

use crate::{new_store, now};

/// The court export's rows (title, two-level header, three cases, a blank and a footer), as text: 案号 with ASCII
/// brackets and spaces, dates in three spellings, the parties in one column, one impossible date (row 3 of data).
const CASES: &[[&str; 9]] = &[
    [
        "1",
        "(2025)粤0309民初101号",
        "买卖合同纠纷",
        "2025-03-01",
        "",
        "王建国",
        "原告：张三；被告：深圳市某某有限公司",
        "审理中",
        "",
    ],
    [
        "2",
        "（2025）粤0309 民初 102 号",
        "民间借贷纠纷",
        "2025/2/3",
        "2025年4月30日",
        "李明",
        "原告：李四、王五；被告：赵六",
        "已结",
        "准予撤诉",
    ],
    ["3", "(2025)粤0309民初103号", "离婚纠纷", "2025年2月30日", "", "王建国", "原告：钱七；被告：孙八", "审理中", ""],
];
const PROCEDURES: &[&str] = &["简易程序", "普通程序", "简易程序"];
const HEADER: [&str; 10] =
    ["序号", "案号", "案由", "收案日期", "审结日期", "承办人", "当事人", "案件状态", "结案方式", "适用程序"];

fn has(tool: &str, arg: &str) -> bool {
    Command::new(tool).arg(arg).output().is_ok_and(|o| o.status.success())
}

fn python_with(module: &str) -> bool {
    Command::new("python3").args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success())
}

/// Imports the file into a new store and checks every case it holds; returns the layout.
fn import_and_check(path: &Path, header_rows: &[u32], first_data_row: u32) -> Layout {
    let table = court::read_file(path).unwrap();
    let layout = Layout::propose(&table, &[], None).unwrap();
    assert_eq!(layout.header_rows, header_rows, "{}", path.display());
    let field = |f: Field| layout.column_of(f).map(|c| c.letter.clone());
    assert_eq!(field(Field::CaseNo).as_deref(), Some("B"));
    assert_eq!(field(Field::Filed).as_deref(), Some("D"), "收案日期 is the 立案日期 here");
    assert_eq!(field(Field::Closed).as_deref(), Some("E"));
    assert_eq!(field(Field::Judge).as_deref(), Some("F"));
    assert_eq!(field(Field::Parties).as_deref(), Some("G"));
    assert_eq!(field(Field::Status).as_deref(), Some("H"));
    assert!(layout.missing.is_empty());
    assert_eq!(layout.court_code.as_deref(), Some("粤0309"));

    let mut t = new_store();
    // One bad row refuses the file, named by the row the spreadsheet shows and its column.
    let parsed = exchange::parse_court_table(&table, &[], None).unwrap();
    assert_eq!(parsed.ignored.len(), 1, "the 制表人 footer is listed as no case: {:?}", parsed.ignored);
    let err = t.store.import(parsed.rows, ImportOptions::default(), now()).unwrap_err();
    assert_eq!(err.code(), "import_invalid_rows");
    let detail = err.detail().unwrap();
    let bad = &detail.as_array().unwrap()[..];
    assert_eq!(bad.len(), 1, "{detail}");
    assert_eq!(bad[0]["line"], first_data_row + 2);
    assert_eq!(bad[0]["errors"][0]["field"], "filed");
    assert_eq!(bad[0]["errors"][0]["code"], "date_invalid");
    assert_eq!(bad[0]["columns"]["filed"], "D 列“收案日期”");
    assert!(bad[0]["errors"][0]["message"].as_str().unwrap().contains("2月没有30日"), "{detail}");
    assert_eq!(t.store.case_count().unwrap(), 0, "nothing imported");

    let parsed = exchange::parse_court_table(&table, &[], None).unwrap();
    let report = t.store.import(parsed.rows, ImportOptions { skip_invalid: true }, now()).unwrap();
    assert_eq!((report.created, report.skipped.len()), (2, 1));
    let a = t.store.get_case("（2025）粤0309民初101号").unwrap();
    assert_eq!(a.summary.filed, "2025-03-01");
    assert_eq!(a.summary.judge, "王建国");
    assert_eq!(a.summary.procedure, "civil-simple");
    assert_eq!(a.summary.closed, None);
    let parties: Vec<(String, String)> = a.parties_list.iter().map(|p| (p.role.clone(), p.name.clone())).collect();
    assert_eq!(parties, vec![("原告".into(), "张三".into()), ("被告".into(), "深圳市某某有限公司".into())]);
    let b = t.store.get_case("（2025）粤0309民初102号").unwrap();
    assert_eq!(b.summary.filed, "2025-02-03");
    assert_eq!(b.summary.closed.as_deref(), Some("2025-04-30"));
    assert_eq!(b.summary.procedure, "civil-ordinary");
    assert_eq!(b.closing_method.as_deref(), Some("撤诉"));
    assert_eq!(b.parties_list.len(), 3);
    layout
}

/// rust_xlsxwriter: a merged title row, a two-level header (日期 over 收案日期/审结日期, the rest merged down), the
/// 收案日期 of the first case as a date cell.
fn write_rust_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    s.merge_range(0, 0, 0, 9, "深圳市龙华区人民法院 案件信息一览表", &plain).unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        if (3..=4).contains(&c) {
            continue;
        }
        s.merge_range(1, c as u16, 2, c as u16, h, &plain).unwrap();
    }
    s.merge_range(1, 3, 1, 4, "日期", &plain).unwrap();
    s.write_string(2, 3, HEADER[3]).unwrap();
    s.write_string(2, 4, HEADER[4]).unwrap();
    for (r, row) in CASES.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, v) in row.iter().enumerate() {
            if r == 3 && c == 3 {
                s.write_datetime_with_format(r, 3, ExcelDateTime::from_ymd(2025, 3, 1).unwrap(), &date).unwrap();
            } else if !v.is_empty() {
                s.write_string(r, c as u16, *v).unwrap();
            }
        }
        s.write_string(r, 9, PROCEDURES[(r - 3) as usize]).unwrap();
    }
    s.write_string(7, 0, "制表人：张三").unwrap();
    book.save(path).unwrap();
}

fn csv_text(title: bool) -> String {
    let mut out = String::new();
    if title {
        out.push_str("深圳市龙华区人民法院 案件信息一览表,,,,,,,,,\n");
    }
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for (row, p) in CASES.iter().zip(PROCEDURES) {
        let cells: Vec<String> = row.iter().map(|v| format!("\"{v}\"")).collect();
        out.push_str(&format!("{},{p}\n", cells.join(",")));
    }
    out.push_str("\n制表人：张三,,,,,,,,,\n");
    out
}

#[test]
fn rust_xlsxwriter_title_row_and_merged_two_level_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("导出.xlsx");
    write_rust_xlsx(&path);
    assert!(exchange::is_court_layout(&path));
    import_and_check(&path, &[3], 4);
}

#[test]
fn gbk_csv_with_a_title_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("导出.csv");
    let text = csv_text(true);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(&path, &gbk).unwrap();
    let table = court::read_file(&path).unwrap();
    assert_eq!(table.encoding, Some("GBK"));
    import_and_check(&path, &[2], 3);
    // The same with a UTF-8 BOM, as Excel's "CSV UTF-8" writes it.
    std::fs::write(&path, format!("\u{feff}{}", csv_text(true))).unwrap();
    assert_eq!(court::read_file(&path).unwrap().encoding, Some("UTF-8"));
    import_and_check(&path, &[2], 3);
}

fn soffice(dir: &Path, to: &str, file: &Path, infilter: Option<&str>) -> PathBuf {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation=file://{}/lo-profile", dir.display())).args([
        "--headless",
        "--convert-to",
        to,
    ]);
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    let out = cmd.arg("--outdir").arg(dir.join("out")).arg(file).output().unwrap();
    let made = dir.join("out").join(file.with_extension(to).file_name().unwrap());
    assert!(made.exists(), "soffice did not write {}: {}", made.display(), String::from_utf8_lossy(&out.stderr));
    made
}

#[test]
fn libreoffice_writes_xlsx_from_csv_and_xls_with_merged_cells() {
    if !has("soffice", "--version") {
        panic!("LibreOffice (soffice) is needed for this test: `cargo xtask setup` installs it");
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("lo.csv");
    std::fs::write(&csv, csv_text(true)).unwrap();
    // CSV: comma, double quote, UTF-8 (76), start at line 1.
    let xlsx = soffice(dir.path(), "xlsx", &csv, Some("CSV:44,34,76,1"));
    import_and_check(&xlsx, &[2], 3);
    // A merged two-level header survives LibreOffice's conversion to the old binary format.
    let source = dir.path().join("merged.xlsx");
    write_rust_xlsx(&source);
    let xls = soffice(dir.path(), "xls", &source, None);
    let layout = import_and_check(&xls, &[3], 4);
    assert_eq!(layout.format, court::SourceFormat::Xls);
}

#[test]
fn python_writers_openpyxl_xlsx_and_xlwt_xls() {
    if !python_with("openpyxl") || !python_with("xlwt") {
        eprintln!("skipped: python3 with openpyxl and xlwt is not installed (pip install openpyxl xlwt)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = serde_json::json!({ "header": HEADER, "cases": CASES, "procedures": PROCEDURES });
    std::fs::write(dir.path().join("data.json"), data.to_string()).unwrap();
    let script = r#"
import json, sys, datetime, openpyxl, xlwt
d = json.load(open(sys.argv[1] + '/data.json', encoding='utf-8'))
wb = openpyxl.Workbook(); ws = wb.active
ws.append(['深圳市龙华区人民法院 案件信息一览表']); ws.merge_cells('A1:J1')
ws.append([h if i not in (3, 4) else ('日期' if i == 3 else None) for i, h in enumerate(d['header'])])
ws.append([None, None, None, d['header'][3], d['header'][4]])
for c in range(1, 11):
    if c not in (4, 5): ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
ws.merge_cells('D2:E2')
for row, p in zip(d['cases'], d['procedures']):
    ws.append([v if v != '' else None for v in row] + [p])
ws['D4'] = datetime.date(2025, 3, 1); ws['D4'].number_format = 'yyyy-mm-dd'
ws['A8'] = '制表人：张三'
wb.save(sys.argv[1] + '/openpyxl.xlsx')
book = xlwt.Workbook(encoding='utf-8'); sh = book.add_sheet('案件')
sh.write_merge(0, 0, 0, 9, '深圳市龙华区人民法院 案件信息一览表')
for i, h in enumerate(d['header']):
    if i not in (3, 4): sh.write_merge(1, 2, i, i, h)
sh.write_merge(1, 1, 3, 4, '日期'); sh.write(2, 3, d['header'][3]); sh.write(2, 4, d['header'][4])
style = xlwt.easyxf(num_format_str='YYYY-MM-DD')
for r, (row, p) in enumerate(zip(d['cases'], d['procedures'])):
    for c, v in enumerate(row):
        if r == 0 and c == 3: sh.write(3, 3, datetime.date(2025, 3, 1), style)
        elif v != '': sh.write(3 + r, c, v)
    sh.write(3 + r, 9, p)
sh.write(7, 0, '制表人：张三')
book.save(sys.argv[1] + '/xlwt.xls')
"#;
    let out = Command::new("python3").args(["-c", script]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    import_and_check(&dir.path().join("openpyxl.xlsx"), &[3], 4);
    let layout = import_and_check(&dir.path().join("xlwt.xls"), &[3], 4);
    assert_eq!(layout.format, court::SourceFormat::Xls);
}

#[test]
fn a_saved_court_mapping_is_used_for_the_next_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("own.csv");
    // 主办人 is no synonym: the first time the user maps it; the store keeps it for 粤0309.
    let text = csv_text(false).replace("承办人", "主办人");
    std::fs::write(&path, text).unwrap();
    let table = court::read_file(&path).unwrap();
    let proposed = Layout::propose(&table, &[], None).unwrap();
    assert_eq!(proposed.columns[5].field, None);
    let user = MappingFile::from_toml("[columns]\n\"主办人\" = \"承办法官\"\n").unwrap();
    let layout = Layout::propose(&table, &[], Some(&user)).unwrap();
    assert_eq!(layout.column_of(Field::Judge).map(|c| c.letter.as_str()), Some("F"));
    let mut t = new_store();
    t.store.save_import_mapping("粤0309", &layout.to_mapping_file()).unwrap();
    let saved = t.store.saved_import_mappings().unwrap();
    assert_eq!(saved.len(), 1);
    let next = Layout::propose(&table, &saved, None).unwrap();
    assert_eq!(next.saved_mapping.as_deref(), Some("粤0309"));
    assert_eq!(next.column_of(Field::Judge).map(|c| c.letter.as_str()), Some("F"));
    // The mapping survives a reopen of the encrypted store.
    let path_db = t.path();
    drop(t.store);
    let reopened = andu_store::Store::open(&path_db, &crate::key()).unwrap();
    assert_eq!(reopened.saved_import_mappings().unwrap(), saved);
}

#[test]
fn a_file_without_a_header_or_required_columns_is_refused_with_a_clear_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.csv");
    std::fs::write(&path, "会议纪要\n今天讨论了三件事\n").unwrap();
    let table = court::read_file(&path).unwrap();
    let err = exchange::parse_court_table(&table, &[], None).err().unwrap();
    assert_eq!(err.code(), "import_header_not_found");
    std::fs::write(&path, "案号,承办人\n(2025)粤0309民初1号,王法官\n").unwrap();
    let table = court::read_file(&path).unwrap();
    let err = exchange::parse_court_table(&table, &[], None).err().unwrap();
    assert_eq!(err.code(), "import_columns_unmapped");
    assert!(err.to_string().contains("案由"), "{err}");
    let html = dir.path().join("web.xls");
    std::fs::write(&html, "<html><table><tr><td>案号</td></tr></table></html>").unwrap();
    let err = court::read_file(&html).err().unwrap();
    assert_eq!(err.code(), "file_unreadable");
    assert!(err.to_string().contains("另存为"), "{err}");
}
