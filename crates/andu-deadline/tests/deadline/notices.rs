//! Pasting the State Council's holiday notice (国务院办公厅关于部分节假日安排的通知): the texts of the 2024, 2025 and
//! 2026 notices as published, read into the same tables the project ships in `assets/holidays/`.

use andu_core::Coded;
use andu_deadline::{YearTable, parse_notice};
use proptest::prelude::*;

/// 国办发明电〔2023〕7号, published 2023-10-25.
const NOTICE_2024: &str = "国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2023年10月25日";

/// 国办发明电〔2024〕12号, published 2024-11-12 (the first under the amended 全国年节及纪念日放假办法).
const NOTICE_2025: &str = "国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2024年11月12日";

/// 国办发明电〔2025〕7号, published 2025-11-04.
const NOTICE_2026: &str = "国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日";

fn shipped(year: i32) -> YearTable {
    let text = std::fs::read_to_string(format!("{}/../../assets/holidays/{year}.toml", env!("CARGO_MANIFEST_DIR")))
        .expect("shipped table");
    YearTable::from_toml_str(&text).expect("shipped table parses")
}

/// Each holiday's name, days off and 调休上班 days, sorted: what must agree between a pasted notice and the table.
fn days(t: &YearTable) -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut v: Vec<_> = t
        .holidays
        .iter()
        .map(|h| {
            let mut off: Vec<String> = h.off.iter().map(|d| d.to_string()).collect();
            let mut work: Vec<String> = h.work.iter().map(|d| d.to_string()).collect();
            off.sort();
            work.sort();
            (h.name.clone(), off, work)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_published_notices_of_2024_to_2026_read_as_the_shipped_tables() {
    for (year, text) in [(2024, NOTICE_2024), (2025, NOTICE_2025), (2026, NOTICE_2026)] {
        let parsed = parse_notice(text, None).unwrap_or_else(|e| panic!("{year}: {e}"));
        assert_eq!(parsed.year, year);
        assert_eq!(days(&parsed), days(&shipped(year)), "{year}");
    }
}

#[test]
fn a_notice_pasted_without_its_title_takes_the_year_given() {
    let body = NOTICE_2026.split_once("通知如下。").unwrap().1;
    assert!(parse_notice(body, None).is_err_and(|e| e.code() == "holiday_notice_unreadable"));
    let t = parse_notice(body, Some(2026)).unwrap();
    assert_eq!(days(&t), days(&shipped(2026)));
    // A title that says another year than the one chosen is refused, not silently preferred.
    let e = parse_notice(NOTICE_2026, Some(2027)).unwrap_err();
    assert_eq!(e.code(), "holiday_notice_unreadable");
    assert!(e.to_string().contains("2026"), "{e}");
}

#[test]
fn full_width_digits_and_ascii_brackets_as_people_retype_them() {
    let retyped = NOTICE_2025.replace('（', "(").replace('）', ")").replace("10月1日", "１０月１日");
    assert_eq!(days(&parse_notice(&retyped, None).unwrap()), days(&shipped(2025)));
}

#[test]
fn a_new_year_holiday_reaching_back_into_december_belongs_to_the_year_before() {
    // 2023's notice: 元旦 2022年12月31日至2023年1月2日 (with the year written), and the same without it.
    for item in
        ["一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。", "一、元旦：12月31日至1月2日放假调休，共3天。"]
    {
        let text = format!(
            "关于2023年部分节假日安排的通知\n{item}\n二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。\n三、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。"
        );
        let t = parse_notice(&text, None).unwrap();
        let new_year = &t.holidays[0];
        assert_eq!(new_year.off.first().unwrap().to_string(), "2022-12-31", "{item}");
        assert_eq!(new_year.off.last().unwrap().to_string(), "2023-01-02", "{item}");
    }
}

#[test]
fn what_cannot_be_read_is_refused_with_the_item_named() {
    let cases = [
        ("", "年份"),
        ("关于2027年部分节假日安排的通知\n请见附件。", "编号条目"),
        ("关于2027年部分节假日安排的通知\n一、元旦：另行通知。", "第一项（元旦）没有找到放假日期"),
        ("关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。", "第一项（元旦）的放假日期无效"),
        ("关于2027年部分节假日安排的通知\n一、春节：2月10日至1日放假调休。", "第一项（春节）的放假起止日期不合理"),
    ];
    for (text, said) in cases {
        let e = parse_notice(text, None).unwrap_err();
        assert_eq!(e.code(), "holiday_notice_unreadable", "{text}");
        assert!(e.to_string().contains(said), "{text}: {e}");
    }
    // Read, but too few days off to be a whole year's notice: the table check refuses it (holiday_table_invalid).
    let one = parse_notice("关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。", None).unwrap_err();
    assert_eq!(one.code(), "holiday_table_invalid");
}

proptest! {
    /// Whatever is pasted, the parser answers with a table or a typed error; it never panics.
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}", year in proptest::option::of(1900i32..2300)) {
        let _ = parse_notice(&s, year);
    }

    /// Fragments of real notices, shuffled and cut: still no panic.
    #[test]
    fn notice_shaped_text_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("一、"), Just("元旦："), Just("12月"), Just("31日"), Just("至"), Just("放假"), Just("上班"),
            Just("。"), Just("（周六）"), Just("2027年"), Just("、"), Just("99999日"), Just("0月"), Just("\n"),
            Just("年部分节假日安排"), Just("十一、"), Just("（"), Just("）"),
        ],
        0..60,
    )) {
        let _ = parse_notice(&parts.concat(), Some(2027));
    }
}
