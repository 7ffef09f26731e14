//! A court moves its cases between machines through the spreadsheet and JSON Lines exports.

use andu_store::exchange::{self, ImportOptions};
use andu_store::{DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn store(dir: &std::path::Path, name: &str) -> Store {
    Store::open(&dir.join(name), &DbKey::new("scenario")).unwrap()
}

#[test]
fn the_demo_store_survives_a_json_lines_round_trip_between_machines() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut a = store(dir.path(), "a.db");
    let demo = andu_store::demo::generate(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 200, 3);
    a.import(exchange::jsonl::parse(&exchange::jsonl::write(&demo)), ImportOptions::default(), now).unwrap();
    let file = dir.path().join("transfer.jsonl");
    assert_eq!(a.export(&file).unwrap(), 201);

    let mut b = store(dir.path(), "b.db");
    let report = b.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now).unwrap();
    assert_eq!(report.created, 201);
    assert_eq!(a.all_inputs().unwrap(), b.all_inputs().unwrap());

    // Importing the same file again changes nothing and records nothing.
    let before = andu_store::table::change_log::last_seq(b.conn()).unwrap();
    let report = b.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now).unwrap();
    assert_eq!((report.created, report.updated, report.unchanged), (0, 0, 201));
    assert_eq!(andu_store::table::change_log::last_seq(b.conn()).unwrap(), before);
}

#[test]
fn an_xlsx_from_the_court_system_keeps_the_core_fields() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut a = store(dir.path(), "a.db");
    let demo = andu_store::demo::generate(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 50, 5);
    a.import(exchange::jsonl::parse(&exchange::jsonl::write(&demo)), ImportOptions::default(), now).unwrap();
    let file = dir.path().join("court.xlsx");
    a.export(&file).unwrap();
    let mut b = store(dir.path(), "b.db");
    b.import(exchange::parse_file(&file).unwrap(), ImportOptions::default(), now).unwrap();
    // Third parties have no column in the court layout; the core fields all come across.
    let core = |s: &Store| {
        s.all_inputs()
            .unwrap()
            .into_iter()
            .map(|c| (c.case_no, c.cause, c.procedure, c.filed, c.judge, c.closed, c.closing_method))
            .collect::<Vec<_>>()
    };
    assert_eq!(core(&a), core(&b));
}
