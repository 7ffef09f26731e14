//! Property tests (issue #12): the importers fed arbitrary input never panic. Every non-blank .jsonl line and every
//! non-empty .xlsx row becomes one row, valid or with its field errors (stable code, Chinese message); an import
//! with a bad row writes nothing.

use andu_core::Coded;
use andu_store::exchange::{self, ImportOptions, ParsedRow};
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

use crate::{SAMPLE, new_store, now};

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Each row is a case, or field errors that say in Chinese what is wrong.
fn assert_rows_explained(rows: &[ParsedRow]) -> Result<(), TestCaseError> {
    for r in rows {
        if let Err(errors) = &r.result {
            prop_assert!(!errors.is_empty(), "row {} refused without a reason", r.line);
            for e in errors {
                prop_assert!(!e.code.is_empty() && !e.field.is_empty(), "{e:?}");
                prop_assert!(chinese(&e.message), "not Chinese: {e:?}");
            }
        }
    }
    Ok(())
}

/// Any JSON value, small.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::from),
        "[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A line of a .jsonl file: anything, or the sample case with one field (top level or in a party) replaced.
fn line() -> impl Strategy<Value = String> {
    const FIELDS: &[&str] = &[
        "case_no",
        "cause",
        "procedure",
        "filed",
        "court",
        "division",
        "judge",
        "closed",
        "closing_method",
        "panel",
        "parties",
        "extensions",
        "deductions",
        "appeal",
        "hearings",
        "events",
    ];
    const PARTY_FIELDS: &[&str] = &["role", "name", "kind", "address", "foreign", "id_number"];
    prop_oneof![
        any::<String>().prop_map(|s| s.replace(['\n', '\r'], " ")),
        (proptest::sample::select(FIELDS), json_value()).prop_map(|(f, v)| {
            let mut case: Value = serde_json::from_str(SAMPLE).unwrap();
            case[f] = v;
            case.to_string()
        }),
        (proptest::sample::select(PARTY_FIELDS), json_value()).prop_map(|(f, v)| {
            let mut case: Value = serde_json::from_str(SAMPLE).unwrap();
            case["parties"][1][f] = v;
            case.to_string()
        }),
        (0usize..SAMPLE.len()).prop_map(|cut| SAMPLE.chars().take(cut).collect()),
    ]
}

/// One cell of a court export: text, a number, a date cell (any serial), a boolean, a formula, or nothing.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Date(f64),
    Bool(bool),
    Formula(String),
    Blank,
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        "\\PC{0,40}".prop_map(Cell::Text),
        proptest::sample::select(vec![
            "（2025）粤0309民初1234号",
            "民间借贷纠纷",
            "简易程序",
            "2025-01-05",
            "2025-02-30",
            "张三、某某科技有限公司",
            "判决",
        ])
        .prop_map(|s| Cell::Text(s.to_string())),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Cell::Number),
        prop_oneof![any::<f64>().prop_filter("finite", |f| f.is_finite()), -1e6f64..1e7].prop_map(Cell::Date),
        any::<bool>().prop_map(Cell::Bool),
        proptest::sample::select(vec!["=1/0", "=NA()", "=\"文本\"", "=A1", "=DATE(2025,2,30)"])
            .prop_map(|s| Cell::Formula(s.to_string())),
        Just(Cell::Blank),
    ]
}

fn workbook(path: &std::path::Path, rows: &[Vec<Cell>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in exchange::xlsx::COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, s).map(drop),
                Cell::Number(f) => sheet.write_number(r, c, *f).map(drop),
                Cell::Date(f) => sheet.write_number_with_format(r, c, *f, &date).map(drop),
                Cell::Bool(b) => sheet.write_boolean(r, c, *b).map(drop),
                Cell::Formula(f) => sheet.write_formula(r, c, f.as_str()).map(drop),
                Cell::Blank => Ok(()),
            }
            .unwrap();
        }
    }
    book.save(path).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_jsonl_lines_each_become_one_explained_row(lines in proptest::collection::vec(line(), 0..6)) {
        let text = lines.join("\n");
        let rows = exchange::jsonl::parse(&text);
        let non_blank = text.lines().filter(|l| !l.trim().trim_start_matches('\u{feff}').is_empty()).count();
        prop_assert_eq!(rows.len(), non_blank);
        assert_rows_explained(&rows)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_xlsx_cells_each_become_one_explained_row(
        rows in proptest::collection::vec(proptest::collection::vec(cell(), exchange::xlsx::COLUMNS.len()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.xlsx");
        workbook(&path, &rows);
        let parsed = exchange::parse_file(&path).unwrap();
        assert_rows_explained(&parsed)?;
        let lines: Vec<usize> = parsed.iter().map(|r| r.line).collect();
        prop_assert!(lines.windows(2).all(|w| w[0] < w[1]) && lines.iter().all(|l| *l >= 2), "{lines:?}");
    }
}

proptest! {
    // Each case opens a real SQLCipher store: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn an_import_with_a_bad_line_writes_nothing(lines in proptest::collection::vec(line(), 1..5)) {
        let mut t = new_store();
        let rows = exchange::jsonl::parse(&format!("{SAMPLE}\n{}", lines.join("\n")));
        let bad: Vec<usize> = rows.iter().filter(|r| r.result.is_err()).map(|r| r.line).collect();
        let before = t.store.case_count().unwrap();
        match t.store.import(rows, ImportOptions::default(), now()) {
            Ok(report) => prop_assert!(bad.is_empty(), "imported despite bad lines {bad:?}: {report:?}"),
            Err(e) => {
                prop_assert_eq!(e.code(), "import_invalid_rows");
                let listed: Vec<u64> =
                    e.detail().unwrap().as_array().unwrap().iter().map(|r| r["line"].as_u64().unwrap()).collect();
                prop_assert_eq!(listed, bad.iter().map(|l| *l as u64).collect::<Vec<_>>());
                prop_assert_eq!(t.store.case_count().unwrap(), before);
            }
        }
    }
}
