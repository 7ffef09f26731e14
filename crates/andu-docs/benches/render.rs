//! Renders a two-page 民事判决书-like template (15 fields, a 3-row loan table, a hidden paragraph) on one
//! thread and prints documents per second (in memory, zip included). Target: ≥ 2,000 docs/s.
//!
//! `cargo bench -p andu-docs --bench render`

use std::hint::black_box;
use std::time::{Duration, Instant};

use andu_docs::layout::{Block, CourtDocument, TEXT_WIDTH};
use andu_docs::{RenderOptions, Template};
use serde_json::json;

fn judgment() -> Vec<u8> {
    let mut d = CourtDocument::new("民事判决书");
    let body = |t: &str| Block::Body(t.to_string());
    d.push(Block::Title("{{法院}}".into()));
    d.push(Block::Title("民事判决书".into()));
    d.push(Block::CaseNo("{{案号}}".into()));
    d.push(body("原告：{{原告}}，住{{原告住所}}。"));
    d.push(body("被告：{{被告}}，住所地{{被告住所}}。"));
    d.push(body("{{#有代理人}}委托诉讼代理人：{{代理人}}，{{代理人身份}}。{{/有代理人}}"));
    d.push(body(
        "原告{{原告}}与被告{{被告}}{{案由}}一案，本院于{{立案日期}}立案后，依法适用简易程序，公开开庭进行了审理。\
         原告{{原告}}及其委托诉讼代理人、被告{{被告}}的法定代表人到庭参加诉讼。本案现已审理终结。",
    ));
    d.push(body(
        "{{原告}}向本院提出诉讼请求：一、判令被告偿还借款本金{{本金|金额}}元及利息；二、本案诉讼费用由被告负担。\
         事实和理由：原、被告系朋友关系。被告因经营需要多次向原告借款，原告均通过银行转账方式交付，\
         被告出具借条确认。借款到期后，经原告多次催要，被告至今未还，故诉至法院。",
    ));
    d.push(body(
        "{{被告}}辩称，对借款事实无异议，但因经营困难暂时无力偿还，请求法院酌情减少利息，并给予一定的还款期限。",
    ));
    d.push(body("本院经审理认定事实如下：原告分三次向被告出借款项，明细如下："));
    d.push(Block::Table {
        widths: vec![2600, 2600, TEXT_WIDTH - 5200],
        rows: vec![
            vec!["出借日期".into(), "金额（元）".into(), "用途".into()],
            vec!["{{#借款明细}}{{日期|日期}}".into(), "{{金额|金额}}".into(), "{{用途}}{{/借款明细}}".into()],
        ],
        header_rows: 1,
    });
    for _ in 0..3 {
        d.push(body(
            "上述事实，有借条、银行转账凭证、当事人陈述等证据在案佐证，本院予以确认。本院认为，合法的借贷关系受法律保护。\
             原、被告之间的借贷关系系双方真实意思表示，不违反法律、行政法规的强制性规定，合法有效。被告未按约定期限\
             返还借款，构成违约，应当承担返还借款本金并支付逾期利息的民事责任。",
        ));
    }
    d.push(body(
        "依照《中华人民共和国民法典》第六百六十七条、第六百七十五条、第六百七十六条，《中华人民共和国民事诉讼法》\
         第六十七条规定，判决如下：",
    ));
    d.push(body(
        "一、被告{{被告}}于本判决发生法律效力之日起十日内偿还原告{{原告}}借款本金{{本金|金额}}元（{{本金|大写}}）；",
    ));
    d.push(body("二、驳回原告{{原告}}的其他诉讼请求。"));
    d.push(body(
        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，\
         加倍支付迟延履行期间的债务利息。",
    ));
    d.push(body("案件受理费{{受理费|金额}}元，减半收取计{{减半|金额}}元，由被告{{被告}}负担。"));
    d.push(body(
        "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，\
         上诉于{{上级法院}}。",
    ));
    d.push(Block::Blank);
    d.push(Block::Closing("审判员　{{审判员}}".into()));
    d.push(Block::Closing("{{落款日期}}".into()));
    d.push(Block::Closing("书记员　{{书记员}}".into()));
    d.to_docx()
}

fn main() {
    let template = Template::from_bytes(judgment()).expect("template compiles");
    let data = |i: usize| {
        json!({
            "法院": "深圳市龙华区人民法院", "案号": format!("（2024）粤0309民初{i}号"), "案由": "民间借贷纠纷",
            "原告": "张三", "原告住所": "广东省深圳市龙华区民治街道某某路1号", "被告": "深圳市某某科技有限公司",
            "被告住所": "广东省深圳市南山区粤海街道某某大厦12楼", "有代理人": false, "立案日期": "2024年9月2日",
            "本金": 12_345_600 + i as i64, "受理费": 96_410, "减半": 48_205, "上级法院": "广东省深圳市中级人民法院",
            "审判员": "王明", "书记员": "钱芳", "落款日期": "二〇二四年十一月十五日",
            "借款明细": [
                {"日期": "2023-01-05", "金额": 5_000_000, "用途": "经营周转"},
                {"日期": "2023-03-01", "金额": 4_000_000, "用途": "支付货款"},
                {"日期": "2023-06-30", "金额": 3_345_600, "用途": "发放工资"},
            ],
        })
    };
    let opts = RenderOptions { strict: true };
    let first = template.render(&data(0), &opts).expect("renders");
    let xml = andu_docs::read_part(&first.bytes, "word/document.xml").expect("part");
    // Characters of text: at 22 lines × 28 characters a page, 1,232 fill two pages.
    let chars: usize = xml.split("</w:t>").filter_map(|s| s.rsplit_once('>')).map(|(_, t)| t.chars().count()).sum();
    println!("document: {} bytes, document.xml {} bytes, {chars} characters of text", first.bytes.len(), xml.len());
    let inputs: Vec<_> = (0..100).map(data).collect();
    for _ in 0..200 {
        black_box(template.render(&inputs[0], &opts).expect("renders"));
    }
    let mut runs = Vec::new();
    for _ in 0..3 {
        let n = 2_000;
        let start = Instant::now();
        for i in 0..n {
            black_box(template.render(&inputs[i % inputs.len()], &opts).expect("renders"));
        }
        runs.push(start.elapsed() / n as u32);
    }
    runs.sort();
    let median: Duration = runs[1];
    let per_sec = 1.0 / median.as_secs_f64();
    println!(
        "render (judgment, 2 pages, 3-row table): {:.3} ms/doc, {per_sec:.0} docs/s on one core",
        median.as_secs_f64() * 1e3
    );
    if per_sec < 2_000.0 {
        println!("below the 2,000 docs/s target");
    }
}
