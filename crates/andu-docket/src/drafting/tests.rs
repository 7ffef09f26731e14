use andu_store::{CaseDetail, DbKey, Store};
use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A stored case built from an import line, with `patch` applied to the JSON first.
fn case(patch: serde_json::Value) -> CaseDetail {
    let mut v = serde_json::json!({
        "case_no": "（2025）粤0309民初1234号", "cause": "民间借贷纠纷", "procedure": "civil-simple",
        "filed": "2025-12-29", "court": "深圳市龙华区人民法院", "judge": "王建国", "assistant": "李晓燕",
        "clerk": "赵磊",
        "parties": [
            {"role": "原告", "name": "张三", "kind": "person", "address": "广东省深圳市龙华区民治街道民康路1号",
             "agent": "李律师"},
            {"role": "被告", "name": "深圳市某某科技有限公司", "kind": "org", "address": "广东省深圳市龙华区观澜街道科技园8栋"}
        ],
        "hearings": [{"start": "2026-02-10T09:30", "room": "第一法庭"}]
    });
    if let (Some(o), Some(p)) = (v.as_object_mut(), patch.as_object()) {
        for (k, x) in p {
            o.insert(k.clone(), x.clone());
        }
    }
    let input: andu_core::CaseInput = serde_json::from_value(v).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
    let valid = input.validate().unwrap();
    s.write(Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(), |w| w.add_case(&valid)).unwrap();
    s.get_case("（2025）粤0309民初1234号").unwrap()
}

#[test]
fn header_lists_each_party_with_domicile_and_agent() {
    assert_eq!(
        header(&case(serde_json::json!({}))),
        "原告：张三，住广东省深圳市龙华区民治街道民康路1号。\n委托诉讼代理人：李律师。\n\
         被告：深圳市某某科技有限公司，住所地广东省深圳市龙华区观澜街道科技园8栋。"
    );
}

#[test]
fn trial_history_names_filing_procedure_and_the_hearings_held() {
    let simple = case(serde_json::json!({}));
    assert_eq!(
        trial_history(&simple, d("2026-03-01")),
        "原告张三与被告深圳市某某科技有限公司民间借贷纠纷一案，本院于2025年12月29日立案后，依法适用简易程序，\
         于2026年2月10日公开开庭进行了审理。原告张三及其委托诉讼代理人李律师、被告深圳市某某科技有限公司到庭参加诉讼。\
         本案现已审理终结。"
    );
    // A hearing still ahead has not been held.
    assert!(trial_history(&simple, d("2026-02-09")).ends_with("依法适用简易程序，进行了审理。本案现已审理终结。"));
    let ordinary = case(serde_json::json!({"procedure": "civil-ordinary", "hearings": [
        {"start": "2026-03-20T14:30", "room": ""}, {"start": "2026-02-10T09:30", "room": ""}]}));
    assert!(
        trial_history(&ordinary, d("2026-04-01"))
            .contains("依法适用普通程序，先后于2026年2月10日、2026年3月20日公开开庭进行了审理。")
    );
}

#[test]
fn appeal_notice_follows_procedure_and_domicile() {
    // (patch, expected text fragment, articles): 民事诉讼法 2023 第一百七十一条 (15 days, to the court one level up),
    // 第二百八十六条 (30 days without a domicile in China), 第一百六十五条 (small claims are final).
    let foreign_defendant = serde_json::json!([
        {"role": "原告", "name": "张三", "kind": "person"},
        {"role": "被告", "name": "Foreign Ltd", "kind": "org", "foreign": true}
    ]);
    let all_foreign = serde_json::json!([{"role": "原告", "name": "Foreign Ltd", "kind": "org", "foreign": true},
        {"role": "被告", "name": "Other GmbH", "kind": "org", "foreign": true}]);
    let table: &[(serde_json::Value, &str, &[&str])] = &[
        (
            serde_json::json!({}),
            "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于广东省深圳市中级人民法院。",
            &["民事诉讼法第一百七十一条"],
        ),
        (
            serde_json::json!({"parties": foreign_defendant}),
            "如不服本判决，原告张三可以在判决书送达之日起十五日内，被告Foreign Ltd可以在判决书送达之日起三十日内，向本院递交上诉状",
            &["民事诉讼法第一百七十一条", "民事诉讼法第二百八十六条"],
        ),
        (
            serde_json::json!({"parties": all_foreign}),
            "如不服本判决，可以在判决书送达之日起三十日内，",
            &["民事诉讼法第二百八十六条"],
        ),
        (serde_json::json!({"procedure": "small-claims"}), "本判决为终审判决。", &["民事诉讼法第一百六十五条"]),
    ];
    for (patch, text, articles) in table {
        let n = appeal_notice(&case(patch.clone()), Some("广东省深圳市中级人民法院"));
        assert!(n.text.starts_with(text), "{patch}: {}", n.text);
        assert_eq!(&n.articles, articles, "{patch}");
    }
}

/// Issue #15: the court an appeal goes to is the court's setting; unset, the judgment says so where the name
/// belongs (a blank reads like a finished line, a guess from the name can be wrong: 北京市朝阳区 → 第三中级).
#[test]
fn the_appeal_line_names_the_appellate_court_set_or_says_it_is_not_set() {
    let c = case(serde_json::json!({}));
    let set = appeal_notice(&c, Some("广东省深圳市中级人民法院")).text;
    assert!(set.ends_with("上诉于广东省深圳市中级人民法院。"), "{set}");
    for unset in [None, Some(""), Some("  ")] {
        let text = appeal_notice(&c, unset).text;
        assert!(text.ends_with(&format!("上诉于{}。", crate::court_profile::APPELLATE_COURT_UNSET)), "{text}");
        assert!(text.contains("上诉法院未设置"), "{text}");
    }
    let generated = generate_section(&c, "appeal", d("2026-03-01"), Some("广东省深圳市中级人民法院")).unwrap();
    assert!(generated.contains("上诉于广东省深圳市中级人民法院"), "{generated}");
    // Final judgments name no court.
    let small = case(serde_json::json!({"procedure": "small-claims"}));
    assert_eq!(appeal_notice(&small, None).text, "本判决为终审判决。");
}

#[test]
fn upper_court_is_one_level_up_or_left_for_the_judge() {
    for (court, upper) in [
        ("深圳市龙华区人民法院", "深圳市中级人民法院"),
        ("广东省深圳市龙华区人民法院", "广东省深圳市中级人民法院"),
        ("广东省深圳市中级人民法院", "广东省高级人民法院"),
        ("北京市第一中级人民法院", "北京市高级人民法院"),
        ("广东省高级人民法院", "最高人民法院"),
        ("北京市朝阳区人民法院", "上一级人民法院"),
        ("", "上一级人民法院"),
    ] {
        assert_eq!(upper_court(court), upper, "{court}");
    }
}

#[test]
fn signature_has_the_judge_the_date_in_chinese_numerals_and_the_clerk() {
    assert_eq!(
        signature(&case(serde_json::json!({})), d("2026-11-26")),
        "审判员　王建国\n\n二〇二六年十一月二十六日\n本件与原本核对无异\n\n法官助理　李晓燕\n书记员　赵磊"
    );
    assert!(
        signature(&case(serde_json::json!({"procedure": "civil-ordinary"})), d("2026-11-26")).starts_with("审判长")
    );
    // A 合议庭 recorded on the case signs seat by seat (《人民法院组织法》第三十条).
    let panel =
        serde_json::json!({"procedure": "civil-ordinary", "panel": "审判长：陈某；审判员 王建国；人民陪审员 刘某"});
    assert!(
        signature(&case(panel), d("2026-11-26"))
            .starts_with("审判长　陈某\n审判员　王建国\n人民陪审员　刘某\n\n二〇二六年十一月二十六日"),
    );
}

#[test]
fn a_new_draft_has_every_section() {
    let c = initial_content(&case(serde_json::json!({})), d("2026-03-01"), None);
    let keys: Vec<&str> = c.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = SECTIONS.iter().map(|s| s.key).collect();
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(c["claims"], "张三向本院提出诉讼请求：");
    assert_eq!(c["costs"], "案件受理费　元，由深圳市某某科技有限公司负担。");
}

#[test]
fn the_exported_judgment_is_a_docx_with_the_sections_numbered_items_and_the_late_payment_warning() {
    let detail = case(serde_json::json!({}));
    let mut content = initial_content(&detail, d("2026-03-01"), Some("广东省深圳市中级人民法院"));
    content.insert("reasoning".into(), "本院认为，合法的借贷关系受法律保护。".into());
    content.insert(
        "items".into(),
        "被告深圳市某某科技有限公司于本判决发生法律效力之日起十日内偿还原告张三借款本金100000元；\n驳回原告张三的其他诉讼请求。".into(),
    );
    let bytes = export_judgment(&detail, &content);
    assert_eq!(&bytes[..2], b"PK");
    let xml = andu_docs::read_part(&bytes, "word/document.xml").unwrap();
    for needle in [
        "深圳市龙华区人民法院",
        "民事判决书",
        "（2025）粤0309民初1234号",
        "本院认为，合法的借贷关系受法律保护。",
        "判决如下：",
        "一、被告深圳市某某科技有限公司",
        "二、驳回原告张三的其他诉讼请求。",
        "第二百六十四条",
        "上诉于广东省深圳市中级人民法院",
        "二〇二六年三月一日",
    ] {
        assert!(xml.contains(needle), "“{needle}” missing from document.xml");
    }
    // The warning comes once, after the items and before the costs.
    assert_eq!(xml.matches("第二百六十四条").count(), 1);
    assert!(xml.find("二、驳回").unwrap() < xml.find("第二百六十四条").unwrap());
    assert!(xml.find("第二百六十四条").unwrap() < xml.find("案件受理费").unwrap());

    // 附：本判决适用的法律条文, when the judge inserted it: after the 落款, from a page of its own.
    content.insert(
        "appendix".into(),
        "附：本判决适用的法律条文\n《中华人民共和国民法典》\n第六百七十五条　借款人应当按照约定的期限返还借款。".into(),
    );
    let xml = andu_docs::read_part(&export_judgment(&detail, &content), "word/document.xml").unwrap();
    let (closing, appendix) = (xml.find("本件与原本核对无异").unwrap(), xml.find("附：本判决适用的法律条文").unwrap());
    assert!(closing < appendix);
    assert!(xml[closing..appendix].contains("<w:pageBreakBefore"), "the appendix starts a page");
    assert!(xml.contains(">第六百七十五条　借款人应当按照约定的期限返还借款。<"));
    // Its quoting of 第二百六十四条 (when cited) is no warning: the warning still comes once.
    content.insert(
        "appendix".into(),
        "附：本判决适用的法律条文\n《中华人民共和国民事诉讼法》\n第二百六十四条　被执行人……".into(),
    );
    content.insert("reasoning".into(), "本院认为，合法的借贷关系受法律保护。".into());
    let xml = andu_docs::read_part(&export_judgment(&detail, &content), "word/document.xml").unwrap();
    assert!(xml.contains("加倍支付迟延履行期间的债务利息"));
    content.remove("appendix");

    // A single non-money item is not numbered and carries no warning.
    content.insert("items".into(), "驳回原告张三的诉讼请求。".into());
    let xml = andu_docs::read_part(&judgment_document(&detail, &content).to_docx(), "word/document.xml").unwrap();
    assert!(xml.contains(">驳回原告张三的诉讼请求。<") && !xml.contains("第二百六十四条"));
}

#[test]
fn money_judgments_are_recognised_by_an_amount_to_pay() {
    assert!(is_money_judgment("被告于十日内支付原告货款5000元"));
    assert!(is_money_judgment("驳回其他请求\n被告赔偿原告损失1200元"));
    assert!(!is_money_judgment("驳回原告的诉讼请求"));
    assert!(!is_money_judgment("确认原告与被告之间的劳动关系于2025年1月1日解除"));
}

#[test]
fn item_labels_are_the_numbers_the_docx_prints() {
    let labels = super::item_labels();
    assert_eq!(labels.len(), super::ITEM_LABELS);
    // 2016 样式: 一、二、…十、十一、…二十、; 一十 is written 十.
    for (n, label) in
        [(1, "一、"), (2, "二、"), (10, "十、"), (11, "十一、"), (20, "二十、"), (35, "三十五、"), (99, "九十九、")]
    {
        assert_eq!(labels[n - 1], label, "item {n}");
    }
}
