//! The citation parser never panics, whatever the text: arbitrary Unicode, and text made of the very characters
//! citations are made of (第 条 款 项 之 《 》 〈 〉 numerals and separators) in any order.

use andu_law::{Library, check_text};
use chrono::NaiveDate;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = check_text(Library::embedded(), &s, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    }

    #[test]
    fn citation_shaped_text_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("第"), Just("条"), Just("款"), Just("项"), Just("之"), Just("《"), Just("》"), Just("〈"), Just("〉"),
        Just("（"), Just("）"), Just("、"), Just("，"), Just("。"), Just("一"), Just("百"), Just("零"), Just("十"),
        Just("千"), Just("9"), Just("民法典"), Just("中华人民共和国民事诉讼法"), Just("合同法"), Just("迟延履行"),
        Just("\n"), Just(" "),
    ], 0..80), day in 0i64..20000) {
        let text: String = parts.concat();
        let date = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Duration::days(day);
        for c in check_text(Library::embedded(), &text, date) {
            let utf16: Vec<u16> = text.encode_utf16().collect();
            prop_assert!(c.from <= c.to && c.to <= utf16.len());
        }
    }
}
