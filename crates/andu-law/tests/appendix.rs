//! 附：本判决适用的法律条文 of a sample judgment (`fixtures/judgment.txt`, a 民间借贷 judgment signed 2025-06-01):
//! the laws in the order first cited, their articles quoted from the version in force that day, and what could not
//! be quoted (合同法, repealed on 2021-01-01 by 民法典 第一千二百六十条) listed apart.

use andu_law::{APPENDIX_TITLE, CiteStatus, Library, appendix};
use chrono::NaiveDate;

const JUDGMENT: &str = include_str!("fixtures/judgment.txt");

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_appendix_of_a_sample_judgment_quotes_each_cited_article_in_force_on_its_date() {
    let lib = Library::embedded();
    let a = appendix(lib, JUDGMENT, d("2025-06-01"));
    let laws: Vec<(&str, Vec<u32>)> =
        a.laws.iter().map(|l| (l.title.as_str(), l.articles.iter().map(|x| x.number).collect())).collect();
    assert_eq!(
        laws,
        vec![
            ("《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》", vec![28]),
            ("《中华人民共和国民法典》", vec![675, 676]),
            // 第六十七条 once although its 第一款 is what was cited; articles in their own order.
            ("《中华人民共和国民事诉讼法》", vec![67, 147, 264]),
        ]
    );
    // The 2023 text (in force 2024-01-01) is the one quoted.
    assert_eq!(a.laws[2].in_force_from, Some(d("2024-01-01")));
    let mut lines = a.text.lines();
    assert_eq!(lines.next(), Some(APPENDIX_TITLE));
    assert_eq!(lines.next(), Some("《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"));
    // Each article is the library's text, every 款 on its own line.
    let civil_code = lib.find("中华人民共和国民法典").unwrap().0.version_on(d("2025-06-01")).unwrap();
    let art675 = civil_code.article(675, 0).unwrap();
    assert!(a.text.contains(&format!("\n第六百七十五条　{}\n", art675.paragraphs[0])), "{}", a.text);
    let cpl = lib.find("民事诉讼法").unwrap().0.version_on(d("2025-06-01")).unwrap();
    for p in &cpl.article(67, 0).unwrap().paragraphs[1..] {
        assert!(a.text.contains(&format!("\n{p}\n")), "{p}");
    }
    assert!(a.text.ends_with(cpl.article(264, 0).unwrap().paragraphs.last().unwrap()));
    // 合同法 is not quoted: it was repealed before the judgment; the row says what to cite instead.
    assert_eq!(a.left_out.len(), 1);
    assert_eq!((a.left_out[0].article, a.left_out[0].status), (206, CiteStatus::Repealed));
    assert_eq!(a.left_out[0].suggestion.as_deref(), Some("《中华人民共和国民法典》第六百七十五条"));
    assert!(!a.text.contains("合同法"));
}

#[test]
fn the_appendix_quotes_the_version_of_the_judgment_date_not_the_newest() {
    let lib = Library::embedded();
    // Signed in 2023: 迟延履行 was 第二百六十条 of the 2021 text (in force 2022-01-01), quoted as it then read.
    let text = "应当依照《中华人民共和国民事诉讼法》第二百六十条规定，加倍支付迟延履行期间的债务利息。";
    let a = appendix(lib, text, d("2023-03-01"));
    assert!(a.left_out.is_empty(), "{:?}", a.left_out);
    assert_eq!(a.laws[0].in_force_from, Some(d("2022-01-01")));
    assert!(
        a.text.contains("第二百六十条　被执行人未按判决、裁定和其他法律文书指定的期间履行给付金钱义务的"),
        "{}",
        a.text
    );
    // The same sentence signed in 2024 cites a renumbered article: left out, pointing at 第二百六十四条.
    let b = appendix(lib, text, d("2024-06-01"));
    assert!(b.text.is_empty());
    assert_eq!(b.left_out[0].status, CiteStatus::Renumbered);
}
