use andu_core::Coded;
use andu_store::exchange::{self, ImportOptions};

use crate::{SAMPLE, new_store, now};

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const SECOND: &str = r#"{"case_no":"(2025)粤0309民初88号","cause":"买卖合同纠纷","procedure":"普通程序","filed":"2025-02-10","parties":[{"role":"原告","name":"李四","kind":"person"},{"role":"被告","name":"王五","kind":"person"}]}"#;

#[test]
fn json_lines_import_then_reimport_updates_without_duplicates() {
    let mut t = new_store();
    let file = write(t.dir.path(), "cases.jsonl", &format!("{SAMPLE}\n\n{SECOND}\n"));
    let rows = exchange::parse_file(&file).unwrap();
    let r = t.store.import(rows, ImportOptions::default(), now()).unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (2, 0, 0));
    let changed = SECOND.replace("买卖合同纠纷", "分期付款买卖合同纠纷");
    let file = write(t.dir.path(), "cases.jsonl", &format!("{SAMPLE}\n{changed}\n"));
    let r = t.store.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now()).unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (0, 1, 1));
    assert_eq!(t.store.case_count().unwrap(), 2);
    assert_eq!(t.store.get_case("（2025）粤0309民初88号").unwrap().summary.cause, "分期付款买卖合同纠纷");
}

#[test]
fn one_bad_row_rejects_the_whole_file_and_names_every_bad_row() {
    let mut t = new_store();
    let bad_no = SECOND.replace("民初88号", "民X88号");
    let bad_date = SAMPLE.replace("2025-01-05", "2025-02-30").replace("1234号", "1235号");
    let truncated = &SECOND[..SECOND.len() - 20];
    let file = write(t.dir.path(), "bad.jsonl", &format!("{SAMPLE}\n{bad_no}\n{bad_date}\n{truncated}\n"));
    let err = t.store.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now()).unwrap_err();
    assert_eq!(err.code(), "import_invalid_rows");
    let detail = err.detail().unwrap();
    let lines: Vec<(u64, String)> = detail
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["errors"][0]["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(lines, vec![(2, "casenum_invalid".into()), (3, "date_invalid".into()), (4, "json_invalid".into())]);
    assert_eq!(t.store.case_count().unwrap(), 0, "nothing imported");
}

#[test]
fn skip_invalid_imports_the_good_rows_and_reports_the_rest() {
    let mut t = new_store();
    let dup_party = SECOND.replace(
        r#"{"role":"被告","name":"王五","kind":"person"}"#,
        r#"{"role":"原告","name":"李四","kind":"person"}"#,
    );
    let file = write(t.dir.path(), "mixed.jsonl", &format!("{SAMPLE}\n{dup_party}\n"));
    let r = t.store.import(exchange::parse_file(&file).unwrap(), ImportOptions { skip_invalid: true }, now()).unwrap();
    assert_eq!(r.created, 1);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].errors[0].code, "party_duplicate");
}

#[test]
fn xlsx_round_trip_and_missing_columns() {
    let mut t = new_store();
    let file = write(t.dir.path(), "cases.jsonl", &format!("{SAMPLE}\n{SECOND}\n"));
    t.store.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now()).unwrap();
    let xlsx = t.dir.path().join("out.xlsx");
    assert_eq!(t.store.export(&xlsx).unwrap(), 2);

    let mut other = new_store();
    let r = other.store.import(exchange::parse_file(&xlsx).unwrap(), ImportOptions::default(), now()).unwrap();
    assert_eq!(r.created, 2);
    let d = other.store.get_case("（2025）粤0309民初1234号").unwrap();
    assert_eq!(
        (d.summary.parties.as_str(), d.summary.procedure.as_str()),
        ("张三 诉 某某科技有限公司", "civil-simple")
    );
    assert_eq!(d.parties_list[1].kind, "org", "company names are recognised as organisations");
    assert_eq!(d.closing_method.as_deref(), Some("判决"));

    // A sheet without the 立案日期 and 程序 columns is refused with their names.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["案号", "案由", "原告"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let bad = t.dir.path().join("bad.xlsx");
    book.save(&bad).unwrap();
    let err = exchange::parse_file(&bad).err().unwrap();
    assert_eq!(err.code(), "xlsx_missing_columns");
    assert!(err.to_string().contains("程序、立案日期"), "{err}");

    // A truncated workbook is a clear file error, not a panic.
    let bytes = std::fs::read(&xlsx).unwrap();
    let cut = t.dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(exchange::parse_file(&cut).err().unwrap().code(), "file_unreadable");
}

#[test]
fn json_lines_export_round_trips() {
    let mut t = new_store();
    let file = write(t.dir.path(), "cases.jsonl", &format!("{SAMPLE}\n{SECOND}\n"));
    t.store.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now()).unwrap();
    let out = t.dir.path().join("out.jsonl");
    t.store.export(&out).unwrap();
    let mut other = new_store();
    other.store.import(exchange::parse_file(&out).unwrap(), ImportOptions::default(), now()).unwrap();
    for no in ["（2025）粤0309民初1234号", "（2025）粤0309民初88号"] {
        assert_eq!(other.store.get_case(no).unwrap().to_input(), t.store.get_case(no).unwrap().to_input());
    }
}

#[test]
fn unknown_extensions_are_refused() {
    let err = exchange::parse_file(std::path::Path::new("cases.csv")).err().unwrap();
    assert_eq!(err.code(), "file_unreadable");
}

#[test]
fn a_bulk_import_commits_everything_and_returns_to_wal() {
    let mut t = new_store();
    let cases = andu_store::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 1200, 9);
    let rows = exchange::jsonl::parse(&exchange::jsonl::write(&cases));
    let r = t.store.import(rows, ImportOptions::default(), now()).unwrap();
    assert_eq!(r.created, 1201);
    let mode: String = t.store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let path = t.path();
    drop(t.store);
    assert_eq!(andu_store::Store::open(&path, &crate::key()).unwrap().case_count().unwrap(), 1201);
}

/// Issue #12: a 3,000,000-character 案由 and NUL in a party name were imported (and would make every .docx of the
/// case invalid XML). The row is refused with the field named; nothing is written.
#[test]
fn overlong_fields_and_control_characters_are_refused_with_the_field_named() {
    let mut t = new_store();
    let long_cause = SECOND.replace("买卖合同纠纷", &"纠".repeat(3_000_000));
    let nul_name = SAMPLE.replace("张三", "张\\u0000三");
    let file = write(t.dir.path(), "bad.jsonl", &format!("{long_cause}\n{nul_name}\n"));
    let err = t.store.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now()).unwrap_err();
    let detail = err.detail().unwrap();
    let first: Vec<(String, String)> = detail
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["errors"][0]["field"].as_str().unwrap().into(), r["errors"][0]["code"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        first,
        [("cause".into(), "field_too_long".into()), ("parties[0].name".into(), "field_invalid_chars".into())]
    );
    assert_eq!(t.store.case_count().unwrap(), 0);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any text as a JSON Lines file: rows or typed row errors, never a panic.
    #[test]
    fn any_json_lines_text_parses_to_rows_or_row_errors(text in "\\PC{0,200}|\\{\"case_no\":\"\\PC{0,20}\"[,\\PC]{0,60}\\}") {
        for row in exchange::jsonl::parse(&text) {
            if let Err(errors) = row.result {
                proptest::prop_assert!(!errors.is_empty());
            }
        }
    }

    /// The streaming reader gives the rows the whole-text parser gives: same lines, 案号, cases and errors.
    #[test]
    fn the_line_reader_reads_what_the_text_parser_reads(text in r#"(\PC{0,30}|\{"case_no":"\PC{0,12}"\}|[ \t\r\n]{0,3}){0,8}"#) {
        let summary = |r: &exchange::ParsedRow| {
            (r.line, r.case_no.clone(), r.print, format!("{:?}", r.result.as_ref().map(|c| c.case_no.canonical())))
        };
        let whole: Vec<_> = exchange::jsonl::parse(&text).iter().map(summary).collect();
        let read: Vec<_> = exchange::jsonl::Reader::new(text.as_bytes(), std::path::Path::new("x.jsonl"))
            .map(|r| match r.unwrap() {
                exchange::SourceRow::Line(line) => summary(&line.parse()),
                exchange::SourceRow::Parsed(row) => summary(&row),
            })
            .collect();
        proptest::prop_assert_eq!(whole, read);
    }
}

/// The UTF-8 check reads the file in blocks of 1 MiB: a character cut by a block's end is whole in the file, a
/// byte that begins no character is refused wherever it is.
#[test]
fn a_character_across_a_block_boundary_is_text_and_a_stray_byte_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = vec![b' '; (1 << 20) - 1];
    text.extend_from_slice("纠纷\n".as_bytes());
    let path = write(dir.path(), "cut.jsonl", std::str::from_utf8(&text).unwrap());
    exchange::jsonl::check_utf8(&path).unwrap();
    text.push(0xff);
    std::fs::write(&path, &text).unwrap();
    assert_eq!(exchange::jsonl::check_utf8(&path).unwrap_err().code(), "file_unreadable");
    text.truncate(text.len() - 3);
    std::fs::write(&path, &text).unwrap();
    assert_eq!(exchange::jsonl::check_utf8(&path).unwrap_err().code(), "file_unreadable", "cut at the end");
}

/// A stray cell at XFD1048576 (the last cell of a sheet) made the sheet's range 17 billion cells and the import
/// aborted for want of memory; it is one more row, refused for what it lacks. A real date cell still reads as a date.
#[test]
fn a_stray_cell_at_the_end_of_the_sheet_is_one_more_row_not_an_abort() {
    use rust_xlsxwriter::{Format, Workbook};
    let t = new_store();
    let path = t.dir.path().join("far.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["案号", "案由", "程序", "立案日期", "原告", "被告"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["（2025）粤0309民初1234号", "民间借贷纠纷", "简易程序"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    // 45658 = 2025-01-01 as Excel counts days.
    sheet.write_number_with_format(1, 3, 45658.0, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    sheet.write_string(1, 4, "张三").unwrap();
    sheet.write_string(1, 5, "李四").unwrap();
    sheet.write_string(1_048_575, 16_383, "误触").unwrap();
    book.save(&path).unwrap();
    let rows = exchange::parse_file(&path).unwrap();
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 1_048_576]);
    assert_eq!(rows[0].result.as_ref().unwrap().filed.to_string(), "2025-01-01");
    assert!(rows[1].result.is_err());
}

fn change_log_rows(s: &andu_store::Store) -> i64 {
    s.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap()
}

#[test]
fn re_importing_an_unchanged_bulk_export_changes_nothing_and_a_changed_case_is_still_updated() {
    let mut t = new_store();
    let mut cases = andu_store::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 1100, 9);
    t.store.import(exchange::jsonl::parse(&exchange::jsonl::write(&cases)), ImportOptions::default(), now()).unwrap();
    // A user's own note, which the court system's file does not carry, stays and keeps that case on the
    // case-by-case path.
    t.store.write(now(), |w| w.add_note(andu_store::demo::FIXED_CASE_NO, "法官自己的备注")).unwrap();
    let out = t.dir.path().join("all.jsonl");
    assert_eq!(t.store.export(&out).unwrap(), 1101);
    let logged = change_log_rows(&t.store);
    let again = t.store.import(exchange::parse_file(&out).unwrap(), ImportOptions::default(), now()).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 1101));
    assert_eq!(change_log_rows(&t.store), logged, "nothing recorded");

    // One case's cause changes, one case is new, and one 案号 comes twice (the second line wins, as before).
    cases[5].cause = "借款合同纠纷".into();
    let mut extra = cases[7].clone();
    extra.case_no = "（2026）粤0309民初999999号".into();
    let mut twice = extra.clone();
    twice.cause = "租赁合同纠纷".into();
    cases.push(extra);
    cases.push(twice);
    let r = t.store.import(exchange::jsonl::parse(&exchange::jsonl::write(&cases)), ImportOptions::default(), now());
    let r = r.unwrap();
    assert_eq!((r.created, r.updated), (1, 2), "{r:?}");
    assert_eq!(t.store.get_case(&cases[5].case_no).unwrap().summary.cause, "借款合同纠纷");
    assert_eq!(t.store.get_case("（2026）粤0309民初999999号").unwrap().summary.cause, "租赁合同纠纷");
    let fixed = t.store.get_case(andu_store::demo::FIXED_CASE_NO).unwrap();
    assert!(fixed.notes.iter().any(|n| n.text == "法官自己的备注"));
}
