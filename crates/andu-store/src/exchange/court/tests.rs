//! Table tests for the synonyms and the normalisers, and a proptest that no text makes them panic.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::normalise::{self, NamedParty};
use super::table::{self, Cell, column_letter};
use super::vocabulary::{Field, field_of_header, vocabulary};
use super::{Layout, MappingFile};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_vocabulary_file_reads_and_names_every_field() {
    let v = vocabulary();
    for f in Field::ALL {
        assert!(v.fields.contains_key(f), "{f:?} has no synonyms in assets/import/columns.toml");
        assert_eq!(Field::parse(f.id()), Some(*f));
        assert_eq!(Field::parse(f.label()), Some(*f));
    }
    // No synonym may name two fields: the proposal would depend on the file's column order.
    let mut seen = std::collections::HashMap::new();
    for (f, w) in &v.fields {
        for s in &w.synonyms {
            assert_eq!(seen.insert(s.clone(), *f), None, "synonym {s} names two fields");
        }
    }
}

#[test]
fn court_column_names_map_to_fields() {
    let table: &[(&str, Option<Field>)] = &[
        ("案号", Some(Field::CaseNo)),
        ("案件字号", Some(Field::CaseNo)),
        (" 案 号 ", Some(Field::CaseNo)),
        ("*案号", Some(Field::CaseNo)),
        ("案号：", Some(Field::CaseNo)),
        ("立案日期", Some(Field::Filed)),
        ("收案日期", Some(Field::Filed)),
        ("立案日期（年-月-日）", Some(Field::Filed)),
        ("立案日期(yyyy-mm-dd)", Some(Field::Filed)),
        ("承办人", Some(Field::Judge)),
        ("承办法官", Some(Field::Judge)),
        ("审判长", Some(Field::Presiding)),
        ("案件状态", Some(Field::Status)),
        ("当事人", Some(Field::Parties)),
        ("结案方式", Some(Field::ClosingMethod)),
        ("审结日期", Some(Field::Closed)),
        ("结案日期", Some(Field::Closed)),
        ("适用程序", Some(Field::Procedure)),
        ("承办部门", Some(Field::Division)),
        ("原告", Some(Field::Active)),
        ("被告", Some(Field::Passive)),
        ("序号", None),
        ("标的额（元）", None),
        ("", None),
    ];
    for (header, want) in table {
        assert_eq!(field_of_header(header).map(|(f, _)| f), *want, "{header}");
    }
    // 立案日期 outranks 收案日期: the 审限 runs from 立案 (民诉法解释第一百二十八条).
    assert!(field_of_header("立案日期").unwrap().1 < field_of_header("收案日期").unwrap().1);
}

#[test]
fn dates_as_court_systems_write_them() {
    let ok: &[(&str, NaiveDate)] = &[
        ("2025-03-01", d(2025, 3, 1)),
        ("2025-3-1", d(2025, 3, 1)),
        ("2025/3/1", d(2025, 3, 1)),
        ("2025.03.01", d(2025, 3, 1)),
        ("2025年3月1日", d(2025, 3, 1)),
        ("2025年03月01日", d(2025, 3, 1)),
        ("２０２５年３月１日", d(2025, 3, 1)),
        ("2025 年 3 月 1 日", d(2025, 3, 1)),
        ("20250301", d(2025, 3, 1)),
        ("2025-03-01 00:00:00", d(2025, 3, 1)),
        ("2025-03-01T09:30:00", d(2025, 3, 1)),
        ("二〇二五年三月一日", d(2025, 3, 1)),
        ("二〇二五年十二月三十一日", d(2025, 12, 31)),
        ("二〇二四年二月二十九日", d(2024, 2, 29)),
    ];
    for (text, want) in ok {
        assert_eq!(normalise::date_text(text), Ok(*want), "{text}");
    }
    for bad in ["2025-02-30", "2025年13月1日", "3月1日", "2025", "明天", "1900-01-01", "2025-03-01-02", ""] {
        assert!(normalise::date_text(bad).is_err(), "{bad} should be refused");
    }
    assert_eq!(normalise::date(&Cell::Date(d(2025, 3, 1))), Ok(d(2025, 3, 1)));
    // An .xls date cell whose format was lost arrives as its Excel serial; 45717 is 2025-03-01.
    assert_eq!(normalise::date(&Cell::Number(45717.0)), Ok(d(2025, 3, 1)));
    assert_eq!(normalise::date(&Cell::Number(20250301.0)), Ok(d(2025, 3, 1)));
    assert!(normalise::date(&Cell::Number(-3.0)).is_err());
}

#[test]
fn case_numbers_are_written_in_the_one_stored_form() {
    let table: &[(&str, &str)] = &[
        ("(2025)粤0309民初12号", "（2025）粤0309民初12号"),
        ("（2025）粤0309民初12号", "（2025）粤0309民初12号"),
        ("（２０２５）粤０３０９民初１２号", "（2025）粤0309民初12号"),
        ("( 2025 ) 粤0309 民初 12 号", "（2025）粤0309民初12号"),
        ("【2025】粤0309民初12号", "（2025）粤0309民初12号"),
        ("[2025]粤0309民初12号", "（2025）粤0309民初12号"),
        ("〔2025〕粤0309民初0012号", "（2025）粤0309民初12号"),
        // Not a 案号: kept as written so validation names what is wrong.
        ("粤0309民初12号", "粤0309民初12号"),
    ];
    for (text, want) in table {
        assert_eq!(normalise::case_no(text), *want, "{text}");
    }
}

fn p(role: &str, name: &str) -> NamedParty {
    NamedParty { role: role.into(), name: name.into() }
}

#[test]
fn the_parties_column_is_split_by_role() {
    let table: &[(&str, Vec<NamedParty>)] = &[
        ("原告：张三；被告：李四", vec![p("原告", "张三"), p("被告", "李四")]),
        ("原告:张三;被告:李四", vec![p("原告", "张三"), p("被告", "李四")]),
        ("原告：张三、王五；被告：某某有限公司", vec![p("原告", "张三"), p("原告", "王五"), p("被告", "某某有限公司")]),
        ("原告张三；被告李四", vec![p("原告", "张三"), p("被告", "李四")]),
        ("原告：张三\n被告：李四\n第三人：赵六", vec![p("原告", "张三"), p("被告", "李四"), p("第三人", "赵六")]),
        ("上诉人（原审被告）：王五；被上诉人（原审原告）：张三", vec![p("上诉人", "王五"), p("被上诉人", "张三")]),
        ("公诉机关：某某区人民检察院；被告人：李某", vec![p("公诉机关", "某某区人民检察院"), p("被告人", "李某")]),
        ("申请执行人：甲公司；被执行人：乙", vec![p("申请执行人", "甲公司"), p("被执行人", "乙")]),
        // A name after the list continues the same role.
        ("原告：张三；李四", vec![p("原告", "张三"), p("原告", "李四")]),
    ];
    for (text, want) in table {
        assert_eq!(normalise::parties(text).as_ref(), Ok(want), "{text}");
    }
    for bad in ["张三；李四", "原告：；被告：李四", "委托人：张三", "上诉人（原审被告：王五"]
    {
        assert!(normalise::parties(bad).is_err(), "{bad} should be refused");
    }
}

#[test]
fn closing_methods_and_statuses_read_through_the_vocabulary() {
    let v = vocabulary();
    for (text, want) in [
        ("判决", "判决"),
        ("准予撤诉", "撤诉"),
        ("调解结案", "调解"),
        ("裁定驳回起诉", "驳回起诉"),
        ("终结本次执行程序", "终结"),
    ] {
        assert_eq!(normalise::closing_method(text, &v.closing_methods).as_deref(), Ok(want), "{text}");
    }
    assert!(normalise::closing_method("和稀泥", &v.closing_methods).is_err());
    assert_eq!(normalise::status("已结", &v.pending, &v.closed), Ok(true));
    assert_eq!(normalise::status("审理中", &v.pending, &v.closed), Ok(false));
    assert!(normalise::status("暂停", &v.pending, &v.closed).is_err());
}

#[test]
fn column_letters_as_spreadsheets_show_them() {
    for (i, want) in
        [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")]
    {
        assert_eq!(column_letter(i), want);
    }
}

#[test]
fn csv_decoding_detects_utf8_bom_and_gbk() {
    let text = "案号,案由\n（2025）粤0309民初1号,买卖合同纠纷\n";
    assert_eq!(table::decode(text.as_bytes()).unwrap(), (text.to_string(), "UTF-8"));
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(table::decode(&bom).unwrap(), (text.to_string(), "UTF-8"));
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert_eq!(table::decode(&gbk).unwrap(), (text.to_string(), "GBK"));
    assert!(table::decode(b"\xff\xff\xff\x00\x81").is_err());
}

#[test]
fn csv_records_keep_quoted_delimiters_and_line_breaks() {
    let rows = table::parse_csv("a,\"b,c\",\"d\"\"e\"\r\n\"原告：张三\n被告：李四\",x\n");
    assert_eq!(rows, vec![vec!["a", "b,c", "d\"e"], vec!["原告：张三\n被告：李四", "x"]]);
    assert_eq!(table::parse_csv("案号\t案由\n1\t2\n"), vec![vec!["案号", "案由"], vec!["1", "2"]]);
}

fn csv_table(text: &str) -> table::Table {
    table::read("t.csv", text.as_bytes()).unwrap()
}

#[test]
fn the_header_is_found_below_a_title_and_mapped() {
    let t = csv_table(
        "某某区人民法院案件信息导出\n导出时间：2025-03-02\n\n序号,案号,案由,收案日期,承办人,当事人,备注\n1,(2025)粤0309民初1号,买卖合同纠纷,2025年3月1日,王法官,原告：张三；被告：李四,\n",
    );
    let l = Layout::propose(&t, &[], None).unwrap();
    assert_eq!(l.header_rows, vec![4]);
    let fields: Vec<(&str, Option<Field>)> = l.columns.iter().map(|c| (c.letter.as_str(), c.field)).collect();
    assert_eq!(
        fields,
        vec![
            ("A", None),
            ("B", Some(Field::CaseNo)),
            ("C", Some(Field::Cause)),
            ("D", Some(Field::Filed)),
            ("E", Some(Field::Judge)),
            ("F", Some(Field::Parties)),
            ("G", Some(Field::Note)),
        ]
    );
    assert!(l.missing.is_empty());
    assert_eq!(l.court_code.as_deref(), Some("粤0309"));
}

#[test]
fn a_user_mapping_overrides_the_proposal() {
    let t = csv_table("编号,事由,日期,人员\n(2025)粤0309民初1号,买卖合同纠纷,2025-03-01,原告：张三；被告：李四\n");
    assert!(Layout::propose(&t, &[], None).is_err(), "nothing to recognise");
    let m = MappingFile::from_toml("header_row = 1\n[columns]\n\"编号\" = \"案号\"\n\"事由\" = \"cause\"\n\"日期\" = \"立案日期\"\nD = \"当事人\"\n").unwrap();
    let l = Layout::propose(&t, &[], Some(&m)).unwrap();
    assert!(l.missing.is_empty(), "{:?}", l.missing);
    assert!(MappingFile::from_toml("[columns]\n\"编号\" = \"案件编码\"\n").is_err());
    let unquoted = MappingFile::from_toml("[columns]\n编号 = \"案号\"\n").unwrap_err().to_string();
    assert!(unquoted.contains("要加引号"), "{unquoted}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn normalisers_never_panic(text in "\\PC{0,40}", f in proptest::num::f64::ANY) {
        let _ = normalise::date_text(&text);
        let _ = normalise::date(&Cell::Number(f));
        let _ = normalise::case_no(&text);
        let _ = normalise::parties(&text);
        let v = vocabulary();
        let _ = normalise::closing_method(&text, &v.closing_methods);
        let _ = normalise::status(&text, &v.pending, &v.closed);
        let _ = field_of_header(&text);
    }

    #[test]
    fn the_header_finder_and_rows_never_panic(
        cells in proptest::collection::vec(proptest::collection::vec(
            prop_oneof!["\\PC{0,12}", Just("案号".to_string()), Just("立案日期".to_string()),
                        Just("当事人".to_string()), Just("案由".to_string()), Just("(2025)粤0309民初1号".to_string()),
                        Just("原告：张三；被告：李四".to_string())], 0..7), 0..12)
    ) {
        let csv: String = cells.iter().map(|r| r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\n").collect();
        let t = table::read("p.csv", csv.as_bytes()).unwrap();
        if let Ok(l) = Layout::propose(&t, &[], None) {
            let converted = super::convert(&t, &l);
            for r in &converted.rows {
                if let Err(errors) = &r.case {
                    prop_assert!(!errors.is_empty(), "a refused row says why");
                }
            }
            let _ = super::preview(&t, l, 3);
        }
    }
}
