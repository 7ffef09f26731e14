//! Prints the statute library's speeds (no assertions; issue #19's targets: search ≤ 50 ms over the whole
//! library, a 20-page judgment checked ≤ 200 ms). `cargo bench -p andu-law --bench law`.

use std::time::{Duration, Instant};

use andu_law::{Library, appendix, check_text};
use chrono::NaiveDate;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<R>(runs: usize, mut f: impl FnMut() -> R) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// A judgment of about 20 pages (22 lines × 28 characters a page ≈ 12,000 characters) with the citations a civil
/// judgment carries, repeated: body text, a list of articles, an old-numbered 迟延履行 sentence.
fn twenty_page_judgment() -> String {
    let para = "原告诉称，被告向原告借款人民币十万元，约定月利率百分之一，借期一年，到期后被告未按约定归还借款本息。\
                被告辩称，借款属实，但已部分归还。经审理查明，双方于二〇二三年三月一日签订《借款合同》，原告依约交付了借款。\
                本院认为，合法的借贷关系受法律保护。依照《中华人民共和国民法典》第六百六十七条、第六百七十四条、第六百七十五条、\
                第六百七十六条，《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条、第二十八条，\
                《中华人民共和国民事诉讼法》第六十七条、第一百四十七条之规定，判决如下：\n\
                如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十条之规定，\
                加倍支付迟延履行期间的债务利息。\n";
    let mut s = String::new();
    while s.chars().count() < 12_500 {
        s.push_str(para);
    }
    s
}

fn main() {
    let t = Instant::now();
    let lib = Library::embedded();
    let load = t.elapsed();
    let articles: usize = lib.laws().iter().flat_map(|l| &l.versions).map(|v| v.articles().count()).sum();
    println!(
        "library: {} laws, {} articles; first use (unpack + parse): {:.0} ms",
        lib.laws().len(),
        articles,
        load.as_secs_f64() * 1e3
    );
    for q in ["迟延履行", "借款 利息", "人民法院", "善意取得", "不存在的词语组合"] {
        let (_, total) = lib.search(q, None, 50);
        let d = time(15, || lib.search(q, None, 50));
        println!("search {q:<12} {total:>6} hits  median {:>6.1} ms", d.as_secs_f64() * 1e3);
    }
    let judgment = twenty_page_judgment();
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let n = check_text(lib, &judgment, date).len();
    let d = time(15, || check_text(lib, &judgment, date));
    println!(
        "cite check: {} chars (≈20 pages), {n} citations, median {:.1} ms",
        judgment.chars().count(),
        d.as_secs_f64() * 1e3
    );
    let a = appendix(lib, &judgment, date);
    let d = time(15, || appendix(lib, &judgment, date));
    println!(
        "appendix: {} laws, {} chars quoted, {} left out, median {:.1} ms",
        a.laws.len(),
        a.text.chars().count(),
        a.left_out.len(),
        d.as_secs_f64() * 1e3
    );
}
