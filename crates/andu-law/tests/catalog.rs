//! The catalog's tables held to the texts: every successor row names a 民法典 article that exists and says what is
//! meant; every renumbered provision sits at the number the table gives in each version the library has text of.

use andu_law::Library;

#[test]
fn every_successor_row_names_a_minfadian_article_that_says_what_is_meant() {
    let lib = Library::embedded();
    assert!(lib.catalog.successor.len() >= 40, "the table covers the most-cited articles");
    for row in &lib.catalog.successor {
        let (from_law, _) = lib.find(&row.from.0).unwrap_or_else(|| panic!("{} is in the library", row.from.0));
        let repeal = from_law.repealed.as_ref().unwrap_or_else(|| panic!("{} is repealed", row.from.0));
        assert_eq!(repeal.on.to_string(), "2021-01-01", "民法典 第一千二百六十条");
        assert!(
            from_law.versions.iter().any(|v| v.has_article(row.from.1)),
            "{} 第{}条 existed",
            row.from.0,
            row.from.1
        );
        let (to_law, _) = lib.find(&row.to.0).expect("the successor law is in the library");
        let article = to_law.latest().and_then(|v| v.article(row.to.1, 0));
        let article = article.unwrap_or_else(|| panic!("{} 第{}条 exists", row.to.0, row.to.1));
        let text = article.paragraphs.join("");
        assert!(text.contains(&row.check), "{} {}: “{}” not in {}", row.to.0, article.label, row.check, text);
    }
}

#[test]
fn renumbered_provisions_are_where_the_table_says_in_each_version_with_text() {
    let lib = Library::embedded();
    for row in &lib.catalog.renumbered {
        let (law, _) = lib.find(&row.law).expect("law in library");
        let mut checked = 0;
        for v in law.versions.iter().filter(|v| v.has_text) {
            let from = v.in_force_from.expect("a version with text has a date");
            let n = row.number_on(from).expect("the table covers the version");
            let text = v.article(n, 0).map(|a| a.paragraphs.join("")).unwrap_or_default();
            assert!(text.contains(&row.check), "{} ({from}) 第{n}条 does not say “{}”", row.topic, row.check);
            checked += 1;
        }
        assert!(checked >= 2, "{}: both the 2022 and the 2024 text checked", row.topic);
    }
}

#[test]
fn the_civil_procedure_law_has_its_versions_with_dates_in_force() {
    let lib = Library::embedded();
    let (law, _) = lib.find("民诉法").unwrap();
    let froms: Vec<String> = law.versions.iter().map(|v| v.in_force_from.unwrap().to_string()).collect();
    assert_eq!(froms, ["2013-01-01", "2017-07-01", "2022-01-01", "2024-01-01"]);
    let on = |s: &str| {
        law.version_on(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
            .unwrap()
            .in_force_from
            .unwrap()
            .to_string()
    };
    assert_eq!(on("2023-12-31"), "2022-01-01");
    assert_eq!(on("2024-01-01"), "2024-01-01");
    let (civil_code, _) = lib.find("中华人民共和国民法典").unwrap();
    assert_eq!(civil_code.latest().unwrap().article_count, 1260);
    assert!(lib.find("合同法").unwrap().0.repealed.is_some());
}

#[test]
fn abbreviations_find_their_laws() {
    let lib = Library::embedded();
    for (short, full) in [
        ("民诉法", "中华人民共和国民事诉讼法"),
        ("民诉法解释", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"),
        ("民间借贷规定", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定"),
        ("公司法", "中华人民共和国公司法"),
        ("担保制度解释", "最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释"),
    ] {
        let (law, how) = lib.find(short).unwrap_or_else(|| panic!("{short}"));
        assert_eq!((law.title.as_str(), how), (full, andu_law::NameMatch::Abbreviation));
    }
    let found = lib.find_by_name_part("民事诉讼法");
    assert_eq!(found[0].title, "中华人民共和国民事诉讼法");
}
