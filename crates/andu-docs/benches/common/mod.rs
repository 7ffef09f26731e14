//! The bench documents: a two-page 民事判决书-like template (15 fields, a 3-row loan table, a hidden paragraph)
//! and its data, shared by the render and batch benches.

#![allow(dead_code)] // each bench uses part of it

use andu_docs::cn;
use andu_docs::layout::{Block, CourtDocument, TEXT_WIDTH};
use serde_json::{Value, json};

/// The two-page judgment template. Without `filters`, money and dates come formatted in the data, so the
/// same file is a docxtemplater template too (its default parser has no `|` filters).
pub fn judgment(filters: bool) -> Vec<u8> {
    let mut d = CourtDocument::new("民事判决书");
    // Without filters `{{本金|金额}}` becomes `{{本金_金额}}`, a field the data carries formatted.
    let fix = |t: &str| if filters { t.to_string() } else { t.replace('|', "_") };
    let body = |t: &str| Block::Body(fix(t));
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
            vec![fix("{{#借款明细}}{{日期|日期}}"), fix("{{金额|金额}}"), "{{用途}}{{/借款明细}}".into()],
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

/// The data of document `i`. Formatted copies of the filtered fields (`本金_金额`…) serve the filterless
/// template; the engine and docxtemplater then print the same text.
pub fn data(i: usize) -> Value {
    let mut v = json!({
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
    });
    let yuan = cn::money_arabic;
    let principal = 12_345_600 + i as i64;
    v["本金_金额"] = yuan(principal).into();
    v["本金_大写"] = cn::money_upper(principal).unwrap_or_default().into();
    v["受理费_金额"] = yuan(96_410).into();
    v["减半_金额"] = yuan(48_205).into();
    for item in v["借款明细"].as_array_mut().expect("list") {
        let fen = item["金额"].as_i64().expect("fen");
        item["金额_金额"] = yuan(fen).into();
        item["日期_日期"] = item["日期"].clone();
    }
    v
}
