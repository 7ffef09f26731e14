//! The citation parser and checker on sentences written the way judgments write them, each on dates before and
//! after the repeal or renumbering that matters (民法典 第一千二百六十条: the predecessors repealed 2021-01-01;
//! 民事诉讼法 amended 2021-12-24 in force 2022-01-01, amended 2023-09-01 in force 2024-01-01).

use CiteStatus::*;
use andu_law::{CiteStatus, Library, check_text, find_citations};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn lib() -> &'static Library {
    Library::embedded()
}

/// (date, sentence, [(article, status, suggestion)])
type Row = (&'static str, &'static str, &'static [(u32, CiteStatus, Option<&'static str>)]);

const TABLE: &[Row] = &[
    // A list sharing a law name, then a second law (the example).
    (
        "2025-06-01",
        "依照《中华人民共和国民法典》第六百七十五条、第六百七十六条，《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：",
        &[(675, Ok, None), (676, Ok, None), (67, Ok, None)],
    ),
    // 合同法 before its repeal (no text in the library: checked against its 428 articles) …
    ("2020-12-31", "依照《中华人民共和国合同法》第六十条、第一百零七条之规定", &[(60, Ok, None), (107, Ok, None)]),
    // … and from 2021-01-01 (民法典 第一千二百六十条), each pointed at its successor.
    (
        "2021-01-01",
        "依照《中华人民共和国合同法》第六十条、第一百零七条、第一百一十四条、第二百零六条之规定",
        &[
            (60, Repealed, Some("《中华人民共和国民法典》第五百零九条")),
            (107, Repealed, Some("《中华人民共和国民法典》第五百七十七条")),
            (114, Repealed, Some("《中华人民共和国民法典》第五百八十五条")),
            (206, Repealed, Some("《中华人民共和国民法典》第六百七十五条")),
        ],
    ),
    ("2020-06-30", "根据《中华人民共和国物权法》第一百零六条的规定", &[(106, Ok, None)]),
    (
        "2022-03-15",
        "根据《中华人民共和国物权法》第一百零六条的规定",
        &[(106, Repealed, Some("《中华人民共和国民法典》第三百一十一条"))],
    ),
    (
        "2023-01-10",
        "依照《中华人民共和国侵权责任法》第十六条",
        &[(16, Repealed, Some("《中华人民共和国民法典》第一千一百七十九条"))],
    ),
    ("2020-10-10", "《中华人民共和国担保法》第九十七条", &[(97, UnknownArticle, None)]),
    // 迟延履行: 第二百五十三条 (2013–2021) → 第二百六十条 (2022–2023) → 第二百六十四条 (2024–).
    (
        "2021-06-01",
        "应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。",
        &[(253, Ok, None)],
    ),
    (
        "2023-03-01",
        "应当依照《中华人民共和国民事诉讼法》第二百五十三条之规定，加倍支付迟延履行期间的债务利息。",
        &[(253, Renumbered, Some("《中华人民共和国民事诉讼法》第二百六十条"))],
    ),
    (
        "2023-03-01",
        "应当依照《中华人民共和国民事诉讼法》第二百六十条之规定，加倍支付迟延履行期间的债务利息。",
        &[(260, Ok, None)],
    ),
    (
        "2024-01-01",
        "应当依照《中华人民共和国民事诉讼法》第二百六十条之规定，加倍支付迟延履行期间的债务利息。",
        &[(260, Renumbered, Some("《中华人民共和国民事诉讼法》第二百六十四条"))],
    ),
    (
        "2025-09-01",
        "应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。",
        &[(264, Ok, None)],
    ),
    // The same number in a sentence about something else is not flagged.
    ("2025-09-01", "依照《中华人民共和国民事诉讼法》第二百六十条之规定，交付财物。", &[(260, Ok, None)]),
    // Abbreviations, with and without 《》, and the interpretation's inner name abbreviated.
    (
        "2025-06-01",
        "依照《民法典》第五百七十七条",
        &[(577, Abbreviated, Some("《中华人民共和国民法典》第五百七十七条"))],
    ),
    (
        "2025-06-01",
        "依照民法典第五百七十七条的规定",
        &[(577, Abbreviated, Some("《中华人民共和国民法典》第五百七十七条"))],
    ),
    (
        "2025-06-01",
        "《民诉法解释》第九十条",
        &[(90, Abbreviated, Some("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条"))],
    ),
    (
        "2025-06-01",
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条、第九十一条",
        &[(90, Ok, None), (91, Ok, None)],
    ),
    ("2025-06-01", "《最高人民法院关于适用《中华人民共和国民事诉讼法》的解释》第九十条", &[(90, Ok, None)]),
    (
        "2025-06-01",
        "《最高人民法院关于适用〈民事诉讼法〉的解释》第九十条",
        &[(90, Abbreviated, Some("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条"))],
    ),
    ("2025-06-01", "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条", &[(25, Ok, None)]),
    (
        "2025-06-01",
        "《民间借贷规定》第二十五条",
        &[(25, Abbreviated, Some("《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条"))],
    ),
    // Paragraphs and items.
    ("2025-06-01", "依照《中华人民共和国民事诉讼法》第一百七十七条第一款第（一）项之规定", &[(177, Ok, None)]),
    ("2025-06-01", "《中华人民共和国民法典》第一千零六十四条第一款、第二款", &[(1064, Ok, None), (1064, Ok, None)]),
    // Articles that do not exist, laws that do not exist, and contracts that are no law.
    ("2025-06-01", "《中华人民共和国民法典》第一千二百七十条", &[(1270, UnknownArticle, None)]),
    ("2025-06-01", "《中华人民共和国债权法》第十条", &[(10, UnknownLaw, None)]),
    ("2025-06-01", "根据《借款合同》第五条约定，被告应于2024年1月1日还款。", &[]),
    ("2025-06-01", "本法第十条规定的情形", &[]),
];

#[test]
fn judgments_citations_are_found_and_checked_on_their_date() {
    for (date, sentence, expected) in TABLE {
        let got = check_text(lib(), sentence, d(date));
        let got: Vec<(u32, CiteStatus, Option<&str>)> =
            got.iter().map(|c| (c.article, c.status, c.suggestion.as_deref())).collect();
        assert_eq!(&got, expected, "{date} {sentence}");
    }
}

#[test]
fn paragraphs_and_items_are_kept_and_offsets_point_at_the_citation() {
    let text = "依照《中华人民共和国民事诉讼法》第一百七十七条第一款第（二）项、第二款之规定";
    let found = find_citations(lib(), text);
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].paragraph, found[0].item), (Some(1), Some(2)));
    assert_eq!(found[0].text, "《中华人民共和国民事诉讼法》第一百七十七条第一款第（二）项");
    assert_eq!((found[1].article, found[1].paragraph, found[1].item), (177, Some(2), None));
    assert_eq!(found[1].text, "第二款");
    let checked = check_text(lib(), text, d("2025-01-01"));
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let first = String::from_utf16(&utf16[checked[0].from..checked[0].to]).unwrap();
    assert_eq!(first, checked[0].text);
}

#[test]
fn repealed_messages_name_the_repeal_and_the_successor() {
    let r = &check_text(lib(), "《中华人民共和国合同法》第一百零七条", d("2022-01-01"))[0];
    assert!(r.message.contains("2021年1月1日废止"), "{}", r.message);
    assert!(r.message.contains("违约责任"), "{}", r.message);
    assert_eq!(r.law, "中华人民共和国合同法");
}

/// (date, sentence, [(article, status, what the message must say)]): 款 and 项 checked against the text in force.
type PartRow = (&'static str, &'static str, &'static [(u32, CiteStatus, &'static str)]);

const PARTS: &[PartRow] = &[
    // 民诉法 第一百七十七条 (2023): 第一款 lists （一）–（四）, 第二款 none.
    (
        "2025-06-01",
        "依照《中华人民共和国民事诉讼法》第一百七十七条第一款第（一）项之规定，判决如下：",
        &[(177, Ok, "第一百七十七条")],
    ),
    (
        "2025-06-01",
        "依照《中华人民共和国民事诉讼法》第一百七十七条第一款第（五）项之规定，判决如下：",
        &[(177, UnknownArticle, "第一百七十七条第一款只有四项，没有第（五）项")],
    ),
    (
        "2025-06-01",
        "依照《中华人民共和国民事诉讼法》第一百七十七条第三款之规定",
        &[(177, UnknownArticle, "第一百七十七条只有二款，没有第三款")],
    ),
    (
        "2025-06-01",
        "依照《中华人民共和国民事诉讼法》第一百七十七条第二款第（一）项之规定",
        &[(177, UnknownArticle, "第一百七十七条第二款不分项，没有第（一）项")],
    ),
    // A 项 without its 款: the article's items (民诉法 第一百二十二条 lists four in its only 款).
    (
        "2025-06-01",
        "原告的起诉不符合《中华人民共和国民事诉讼法》第一百二十二条第（三）项、第（五）项的规定",
        &[(122, Ok, "第一百二十二条"), (122, UnknownArticle, "第一百二十二条只有四项，没有第（五）项")],
    ),
    // 民法典 第一百七十九条: 第一款 with （一）–（十一）, then two 款 without items.
    (
        "2025-06-01",
        "依照《中华人民共和国民法典》第一百七十九条第一款第（十一）项、第三款之规定",
        &[(179, Ok, "第一百七十九条"), (179, Ok, "第一百七十九条")],
    ),
    (
        "2025-06-01",
        "依照《中华人民共和国民法典》第一百七十九条第一款第（十二）项之规定",
        &[(179, UnknownArticle, "第一百七十九条第一款只有十一项，没有第（十二）项")],
    ),
    // An article of one 款: 第二款 of it does not exist, however common the slip.
    (
        "2025-06-01",
        "依照《中华人民共和国民法典》第六百七十五条第二款、第五百八十五条第二款之规定",
        &[(675, UnknownArticle, "第六百七十五条不分款，没有第二款"), (585, Ok, "第五百八十五条")],
    ),
    (
        "2025-06-01",
        "依照《中华人民共和国民法典》第五百八十五条第四款之规定",
        &[(585, UnknownArticle, "第五百八十五条只有三款，没有第四款")],
    ),
    // 之一… articles: 刑法 has 第一百二十条之一 to 之六, no 之七.
    ("2025-06-01", "依照《中华人民共和国刑法》第一百二十条之六之规定", &[(120, Ok, "")]),
    (
        "2025-06-01",
        "依照《中华人民共和国刑法》第一百二十条之七之规定",
        &[(120, UnknownArticle, "没有第一百二十条之七")],
    ),
    // The missing 款 of an abbreviated name is the graver fault: unknown_article, not abbreviated.
    ("2025-06-01", "依照民法典第六百七十五条第二款", &[(675, UnknownArticle, "不分款")]),
    // A version without text (民诉法 2017, by article count) cannot tell its 款: not flagged.
    ("2021-06-01", "依照《中华人民共和国民事诉讼法》第一百七十条第一款第（九）项之规定", &[(170, Ok, "按条文总数")]),
];

#[test]
fn paragraphs_and_items_that_the_version_in_force_lacks_are_unknown_articles() {
    for (date, sentence, expected) in PARTS {
        let got = check_text(lib(), sentence, d(date));
        assert_eq!(got.len(), expected.len(), "{date} {sentence}: {got:?}");
        for (row, (article, status, says)) in got.iter().zip(expected.iter()) {
            assert_eq!((row.article, row.status), (*article, *status), "{date} {sentence}: {}", row.message);
            assert!(row.message.contains(says), "{date} {sentence}: {:?} lacks {says:?}", row.message);
        }
    }
}
