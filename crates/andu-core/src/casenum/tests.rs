use super::*;
use crate::Coded;

fn parse(s: &str) -> CaseNumber {
    CaseNumber::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn post_2016_number_parts_per_fa_2015_137() {
    let n = parse("（2024）粤0309民初1234号");
    assert_eq!(n.year, 2024);
    assert_eq!(n.court_code, "粤0309");
    assert_eq!(n.type_code, "民初");
    assert_eq!(n.serial, "1234");
    assert_eq!(n.category, CaseCategory::Civil);
    assert_eq!(n.court_level(), "基层人民法院");
    assert!(n.allows(Procedure::CivilSimple));
    assert!(!n.allows(Procedure::CivilAppealJudgment));
}

#[test]
fn ascii_brackets_spaces_fullwidth_digits_and_leading_zeros_normalise_to_one_form() {
    let forms = ["(2024)粤0309民初1234号", " （２０２４）粤0309 民初01234号 ", "〔2024〕粤0309民初1234号"];
    for f in forms {
        assert_eq!(parse(f).canonical(), "（2024）粤0309民初1234号", "{f}");
    }
}

#[test]
fn table_of_valid_numbers() {
    let cases: &[(&str, &str, &str, CaseCategory)] = &[
        ("（2018）沪01民初937号之三", "沪01", "民初", CaseCategory::Civil),
        ("（2023）最高法民终12号", "最高法", "民终", CaseCategory::Civil),
        ("（2024）京73知民初5号", "京73", "民初", CaseCategory::Civil), // 知 = IP court (2018 amendment)
        ("（2025）粤03执恢88号", "粤03", "执恢", CaseCategory::Enforcement), // longest match: 执恢 not 执
        ("（2025）粤03执88号", "粤03", "执", CaseCategory::Enforcement),
        ("（2025）苏0509民督监3号", "苏0509", "民督监", CaseCategory::Civil),
        ("（2025）内0102刑初77号", "内0102", "刑初", CaseCategory::Criminal),
        ("（2025）浙行终300号", "浙", "行终", CaseCategory::Administrative),
        ("（2025）粤0309司救民2号", "粤0309", "司救民", CaseCategory::Other),
    ];
    for (input, court, ty, cat) in cases {
        let n = parse(input);
        assert_eq!((n.court_code.as_str(), n.type_code.as_str(), n.category), (*court, *ty, *cat), "{input}");
        assert_eq!(parse(&n.canonical()), n, "canonical form re-parses: {input}");
    }
    assert_eq!(parse("（2018）沪01民初937号之三").sub_index, Some(3));
    assert_eq!(parse("（2024）京73知民初5号").specialised, Some('知'));
}

#[test]
fn pre_2016_zi_di_form() {
    let n = parse("（2015）吴江商初字第01894号");
    assert!(n.legacy);
    assert_eq!(n.court_code, "吴江");
    assert_eq!(n.type_code, "商初");
    assert_eq!(n.serial, "01894", "legacy serials keep their zeros as printed");
    assert_eq!(n.category, CaseCategory::Civil);
    assert_eq!(n.canonical(), "（2015）吴江商初字第01894号");
    assert!(n.allows(Procedure::CivilOrdinary));
    assert!(!n.allows(Procedure::CriminalPublic));
}

#[test]
fn each_wrong_part_is_named() {
    let cases: &[(&str, &str, &str)] = &[
        ("", "whole", "为空"),
        ("2024粤0309民初1234号", "year", "收案年度"),
        ("（24）粤0309民初1234号", "year", "“24”"),
        ("（2024）X0309民初1234号", "court", "法院代字"),
        ("（2024）粤030民初1234号", "court", "“粤030”"),
        ("（2024）粤0309民X1234号", "type", "类型代字"),
        ("（2024）粤0309民初号", "serial", "案件编号"),
        // Serials restart from 1 each year (法〔2015〕137号 第十条): 0号 and 000号 are typing errors.
        ("（2025）粤0309民初0号", "serial", "不能为 0"),
        ("（2025）粤0309民初000号", "serial", "不能为 0"),
        ("（2015）吴江商初字第0号", "serial", "不能为 0"),
        ("（2024）粤0309民初1234", "suffix", "“号”"),
        ("（2024）粤0309民初1234号之X", "suffix", "多余内容"),
    ];
    for (input, part, needle) in cases {
        let e = CaseNumber::parse(input).unwrap_err();
        assert_eq!(e.part(), *part, "{input}: {e}");
        assert!(e.to_string().contains(needle), "{input}: {e}");
        assert_eq!(e.code(), "casenum_invalid");
    }
}

#[test]
fn chinese_sub_indices() {
    for (n, s) in [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")] {
        assert_eq!(index_chinese(n), s);
        assert_eq!(chinese_index(s), Some(n));
    }
}

#[test]
fn type_codes_are_unique() {
    let mut codes: Vec<_> = TYPE_CODES.iter().map(|t| t.code).collect();
    codes.sort();
    let len = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), len);
}

proptest::proptest! {
    /// Any text at all: a number or a typed error, never a panic (the import and every form feed this parser).
    #[test]
    fn any_text_parses_or_is_a_typed_error(s in "\\PC{0,40}|[（(]?[0-9０-９]{0,5}[）)]?[粤沪最高法0-9]{0,6}[民刑行执初终字第再之一二号]{0,8}[0-9]{0,6}[号之一十]{0,3}") {
        if let Err(e) = CaseNumber::parse(&s) {
            proptest::prop_assert_eq!(e.code(), "casenum_invalid");
        }
    }

    #[test]
    fn any_well_formed_number_round_trips(year in 1990u16..2100, court in 0usize..3, ty in 0usize..TYPE_CODES.len(), serial in 1u32..100000) {
        let court = ["粤0309", "沪01", "最高法"][court];
        let text = format!("({year}){court}{}{serial}号", TYPE_CODES[ty].code);
        let n = CaseNumber::parse(&text).unwrap();
        proptest::prop_assert_eq!(&n.serial, &serial.to_string());
        proptest::prop_assert_eq!(CaseNumber::parse(&n.canonical()).unwrap().canonical(), n.canonical());
    }
}

/// `CaseCategory::ALL` is what the app's filters offer: a new category must be listed there (this match stops
/// compiling until it is numbered, and the list must then hold it in that place).
#[test]
fn every_category_is_listed_once() {
    use CaseCategory::*;
    let place = |c: CaseCategory| match c {
        Civil => 0,
        Criminal => 1,
        Administrative => 2,
        Enforcement => 3,
        Other => 4,
    };
    assert_eq!(CaseCategory::ALL.map(place), [0, 1, 2, 3, 4]);
    for c in CaseCategory::ALL {
        assert!(!c.name_zh().is_empty());
    }
}
