//! The built-in notices: SPC layout, their fields, filled from a case, and the copies in assets/templates/.

use std::io::{Cursor, Read};

use andu_core::{CaseInput, HearingInput, PartyInput};
use andu_docs::builtin::{self, BUILTINS};
use andu_docs::{CaseDataOptions, DeadlineFact, RenderOptions, Template, case_data};
use chrono::NaiveDate;

use crate::support::*;

fn case() -> CaseInput {
    CaseInput {
        case_no: "（2025）粤0309民初1234号".into(),
        cause: "民间借贷纠纷".into(),
        procedure: "civil-simple".into(),
        filed: "2025-01-05".into(),
        court: "深圳市龙华区人民法院".into(),
        judge: "王明".into(),
        clerk: "钱芳".into(),
        parties: vec![
            PartyInput {
                role: "原告".into(),
                name: "张三".into(),
                address: Some("深圳市龙华区某路1号".into()),
                ..Default::default()
            },
            PartyInput {
                role: "被告".into(),
                name: "深圳市某某科技有限公司".into(),
                kind: "org".into(),
                address: Some("深圳市南山区某路2号".into()),
                ..Default::default()
            },
        ],
        hearings: vec![HearingInput { start: "2025-03-01T09:30".into(), room: "第三法庭".into() }],
        ..Default::default()
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn render(name: &str, party: Option<&str>, deadlines: &[DeadlineFact]) -> Vec<String> {
    let info = builtin::info(name).unwrap();
    let opts = CaseDataOptions {
        addressee: party,
        default_role: info.addressee_role,
        today: day("2025-01-06"),
        deadlines,
        trial_limit: None,
    };
    let data = case_data(&case(), &opts).unwrap();
    let t = Template::load(&format!("builtin:{name}")).unwrap();
    let out = t.render(&data, &RenderOptions { strict: true }).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(out.missing.is_empty(), "{name}: {:?}", out.missing);
    paragraphs(&part(&out.bytes, "word/document.xml"))
}

#[test]
fn every_builtin_is_in_spc_layout() {
    for b in BUILTINS {
        let bytes = builtin::docx(b.name).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
        assert!(
            doc.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""),
            "3.7/2.6/3.5/2.8 cm"
        );
        assert_eq!(count(&doc, "<w:pStyle w:val=\"CourtTitle\"/>"), 2, "court name and document name");
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains("w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/>"));
        assert!(styles.contains("w:eastAsia=\"方正小标宋简体\" w:hAnsi=\"方正小标宋简体\"/><w:sz w:val=\"44\"/>"));
        assert!(styles.contains("<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"));
        for f in ["word/footer1.xml", "word/footer2.xml"] {
            let footer = paragraphs(&part(&bytes, f));
            assert_eq!(footer, ["— 1 —"], "{f}");
            assert!(part(&bytes, f).contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        }
        assert!(part(&bytes, "word/footer1.xml").contains("<w:jc w:val=\"right\"/>"));
        assert!(part(&bytes, "word/footer2.xml").contains("<w:jc w:val=\"left\"/>"));
        assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
        assert_eq!(builtin::docx(b.name).unwrap(), bytes, "deterministic");
    }
}

#[test]
fn summons_for_a_party() {
    let text = render("传票", Some("深圳市某某科技有限公司"), &[]);
    assert_eq!(&text[..2], ["深圳市龙华区人民法院", "传　　票"]);
    let table: Vec<&str> = text[2..16].iter().map(String::as_str).collect();
    assert_eq!(
        table,
        [
            "案号",
            "（2025）粤0309民初1234号",
            "案由",
            "民间借贷纠纷",
            "被传唤人",
            "深圳市某某科技有限公司",
            "工作单位或者住址",
            "深圳市南山区某路2号",
            "传唤事由",
            "开庭审理",
            "应到时间",
            "2025年3月1日9时30分",
            "应到处所",
            "第三法庭"
        ]
    );
    assert!(text.contains(&"审判员　王明　书记员　钱芳".to_string()));
    assert_eq!(text.last().unwrap(), "二〇二五年一月六日", "the seal goes over the date; no placeholder is printed");
}

#[test]
fn notice_to_respond_goes_to_the_defendant_with_the_defence_deadline() {
    let deadlines =
        [DeadlineFact {
            name: "答辩期".into(), party: Some("深圳市某某科技有限公司".into()), due: day("2025-01-27")
        }];
    let text = render("应诉通知书", None, &deadlines);
    assert_eq!(
        &text[..4],
        ["深圳市龙华区人民法院", "应诉通知书", "（2025）粤0309民初1234号", "深圳市某某科技有限公司："]
    );
    assert!(text[4].starts_with("本院已受理原告张三诉被告深圳市某某科技有限公司民间借贷纠纷一案"), "{}", text[4]);
    assert!(text[5].contains("提出副本（答辩期于2025年1月27日届满）；对管辖有异议的"), "{}", text[5]);
    assert!(text.iter().any(|t| t == "四、本案定于2025年3月1日9时30分在第三法庭开庭审理，届时另行传唤。"));
    assert!(text.contains(&"特此通知。（联系人：书记员钱芳）".to_string()));
    // Without a deadline or a hearing, the sentence and the paragraph go; no empty paragraph is left.
    let mut data = case();
    data.hearings.clear();
    let opts = CaseDataOptions { default_role: Some("被告"), today: day("2025-01-06"), ..Default::default() };
    let t = Template::load("builtin:应诉通知书").unwrap();
    let out = t.render(&case_data(&data, &opts).unwrap(), &RenderOptions { strict: true }).unwrap();
    let bare = paragraphs(&part(&out.bytes, "word/document.xml"));
    assert!(bare[5].contains("提出副本；对管辖有异议的"), "{}", bare[5]);
    assert_eq!(bare.len(), text.len() - 1);
    assert!(!bare.iter().any(|t| t.starts_with("四、")));
    assert_eq!(bare.iter().filter(|t| t.is_empty()).count(), 1, "only the blank line above the signature");
}

#[test]
fn notice_of_acceptance_leaves_a_blank_for_the_fee() {
    let text = render("受理案件通知书", None, &[]);
    assert_eq!(text[3], "张三：");
    assert!(
        text[5].starts_with("一、你（你单位）应当自接到本通知之次日起七日内预交案件受理费________元；逾期"),
        "{}",
        text[5]
    );
    assert!(text.contains(&"四、本案由审判员王明审理，书记员钱芳担任记录。".to_string()));
    // With the fee given as data (integer fen), the amount appears in figures and in capitals.
    let mut data = case_data(
        &case(),
        &CaseDataOptions { default_role: Some("原告"), today: day("2025-01-06"), ..Default::default() },
    )
    .unwrap();
    data["案件受理费"] = 132_500.into();
    let out = Template::load("builtin:受理案件通知书").unwrap().render(&data, &RenderOptions::default()).unwrap();
    let text = paragraphs(&part(&out.bytes, "word/document.xml"));
    assert!(text[5].contains("预交案件受理费1325元（大写：壹仟叁佰贰拾伍元整）；"), "{}", text[5]);
}

#[test]
fn notice_of_evidence_states_the_period() {
    let text = render("举证通知书", Some("张三"), &[]);
    assert!(text.iter().any(|t| t.starts_with("四、本案举证期限为收到本通知书之次日起十五日。")));
    let d = [DeadlineFact {
        name: "举证期限（简易程序）".into(), party: Some("张三".into()), due: day("2025-01-31")
    }];
    let text = render("举证通知书", Some("张三"), &d);
    assert!(text.iter().any(|t| t.starts_with("四、本案举证期限于2025年1月31日届满。确有困难的")));
}

/// Rendered loosely: the paragraphs and the fields the case could not fill.
fn render_loose(name: &str, party: Option<&str>) -> (Vec<String>, Vec<String>) {
    let info = builtin::info(name).unwrap();
    let opts = CaseDataOptions {
        addressee: party,
        default_role: info.addressee_role,
        today: day("2025-01-06"),
        ..Default::default()
    };
    let data = case_data(&case(), &opts).unwrap();
    let out = Template::load(&format!("builtin:{name}")).unwrap().render(&data, &RenderOptions::default()).unwrap();
    (paragraphs(&part(&out.bytes, "word/document.xml")), out.missing)
}

#[test]
fn notice_to_appear_leaves_the_capacity_blank_and_reports_it() {
    let (text, missing) = render_loose("出庭通知书", Some("张三"));
    assert_eq!(&text[..2], ["深圳市龙华区人民法院", "出庭通知书"]);
    let table: Vec<&str> = text[2..14].iter().map(String::as_str).collect();
    assert_eq!(
        table,
        [
            "案号",
            "（2025）粤0309民初1234号",
            "案由",
            "民间借贷纠纷",
            "被通知人",
            "张三",
            "出庭身份",
            "",
            "应到时间",
            "2025年3月1日9时30分",
            "应到处所",
            "第三法庭"
        ]
    );
    assert!(text.iter().any(|t| t.contains("第七十七条")));
    assert_eq!(missing, ["被通知人", "出庭身份"]);
    assert_eq!(text.last().unwrap(), "二〇二五年一月六日");
}

#[test]
fn hearing_announcement_names_the_parties() {
    let (text, missing) = render_loose("开庭公告", None);
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(&text[..3], ["深圳市龙华区人民法院", "开庭公告", "（2025）粤0309民初1234号"]);
    assert_eq!(
        text[3],
        "本院定于2025年3月1日9时30分在第三法庭公开开庭审理原告张三诉被告深圳市某某科技有限公司民间借贷纠纷一案。"
    );
    assert!(text[4].contains("第一百三十九条"));
    assert_eq!(&text[text.len() - 2..], ["深圳市龙华区人民法院", "二〇二五年一月六日"]);
    // Without a hearing: blanks for the time and place.
    let mut c = case();
    c.hearings.clear();
    let data = case_data(&c, &CaseDataOptions { today: day("2025-01-06"), ..Default::default() }).unwrap();
    let out = Template::load("builtin:开庭公告").unwrap().render(&data, &RenderOptions { strict: true }).unwrap();
    let text = paragraphs(&part(&out.bytes, "word/document.xml"));
    assert!(text[3].starts_with("本院定于____年__月__日__时在________公开开庭审理"), "{}", text[3]);
}

#[test]
fn proof_of_service_for_a_party() {
    let (text, missing) = render_loose("送达回证", Some("深圳市某某科技有限公司"));
    assert_eq!(&text[..2], ["深圳市龙华区人民法院", "送达回证"]);
    let table: Vec<&str> = text[2..22].iter().map(String::as_str).collect();
    assert_eq!(
        table,
        [
            "案号",
            "（2025）粤0309民初1234号",
            "案由",
            "民间借贷纠纷",
            "送达文书名称及件数",
            "",
            "受送达人",
            "深圳市某某科技有限公司",
            "送达地点",
            "深圳市南山区某路2号",
            "送达方式",
            "",
            "受送达人签名或者盖章",
            "　　　　　　　　年　　月　　日",
            "代收人及代收理由",
            "",
            "送达人",
            "",
            "备考",
            ""
        ]
    );
    assert_eq!(missing, ["送达文书", "送达方式", "送达人"]);
    assert!(text.contains(&"填发人　钱芳".to_string()));
}

/// The case's data with the parts a judge writes added.
fn render_with_data(name: &str, procedure: &str, extra: serde_json::Value) -> (Vec<String>, Vec<String>) {
    let mut c = case();
    c.procedure = procedure.into();
    c.parties[0].agent = Some("李律师（广东某某律师事务所）".into());
    c.assistant = "赵助理".into();
    let mut data = case_data(&c, &CaseDataOptions { today: day("2025-04-10"), ..Default::default() }).unwrap();
    for (k, v) in extra.as_object().unwrap() {
        data[k] = v.clone();
    }
    let out = Template::load(&format!("builtin:{name}")).unwrap().render(&data, &RenderOptions::default()).unwrap();
    (paragraphs(&part(&out.bytes, "word/document.xml")), out.missing)
}

#[test]
fn simple_judgment_with_its_parts_written() {
    let (text, missing) = render_with_data(
        "民事判决书（简易程序）",
        "civil-simple",
        serde_json::json!({
            "诉讼请求": "1.判令被告偿还借款50000元；2.本案诉讼费用由被告负担。",
            "事实和理由": "被告向原告借款50000元，到期未还。",
            "辩称": "借款属实，但无力一次偿还。",
            "本院查明": "2024年1月1日，被告向原告借款50000元。",
            "本院认为": "合法的借贷关系受法律保护。",
            "裁判依据": "《中华人民共和国民法典》第六百七十五条",
            "判决主文": andu_docs::numbered(&["被告于本判决生效之日起十日内偿还原告借款50000元；", "驳回原告的其他诉讼请求。"]),
            "金钱给付": true,
            "案件受理费": 105_000,
            "诉讼费负担": "被告深圳市某某科技有限公司",
            "上诉法院": "广东省深圳市中级人民法院",
        }),
    );
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(&text[..3], ["深圳市龙华区人民法院", "民事判决书", "（2025）粤0309民初1234号"]);
    assert_eq!(
        &text[3..6],
        [
            "原告：张三，住深圳市龙华区某路1号。",
            "委托诉讼代理人：李律师（广东某某律师事务所）。",
            "被告：深圳市某某科技有限公司，住所地深圳市南山区某路2号。",
        ],
        "a party without an agent has no agent line"
    );
    assert_eq!(
        text[6],
        "原告张三与被告深圳市某某科技有限公司民间借贷纠纷一案，本院于2025年1月5日立案后，依法适用简易程序，由审判员王明\
         独任审理，于2025年3月1日公开开庭进行了审理。原告张三、被告深圳市某某科技有限公司到庭参加诉讼。本案现已审理终结。"
    );
    assert!(text[7].starts_with("张三向本院提出诉讼请求：1.判令被告偿还借款50000元；"), "{}", text[7]);
    assert!(text.contains(&"依照《中华人民共和国民法典》第六百七十五条的规定，判决如下：".to_string()));
    let items = text.iter().position(|t| t.starts_with("一、")).unwrap();
    assert_eq!(text[items], "一、被告于本判决生效之日起十日内偿还原告借款50000元；");
    assert_eq!(text[items + 1], "二、驳回原告的其他诉讼请求。");
    assert_eq!(
        text[items + 2],
        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，\
         加倍支付迟延履行期间的债务利息。"
    );
    assert_eq!(text[items + 3], "案件受理费1050元，减半收取计525元，由被告深圳市某某科技有限公司负担。");
    assert!(text[items + 4].starts_with("如不服本判决，可以在判决书送达之日起十五日内"), "{}", text[items + 4]);
    assert!(text[items + 4].ends_with("上诉于广东省深圳市中级人民法院。"));
    let tail: Vec<&str> = text[items + 5..].iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
    assert_eq!(tail, ["审判员　王明", "二〇二五年四月十日", "本件与原本核对无异", "法官助理　赵助理", "书记员　钱芳"]);
}

#[test]
fn ordinary_judgment_without_the_written_parts_keeps_blanks() {
    let (text, missing) = render_with_data("民事判决书（普通程序）", "civil-ordinary", serde_json::json!({}));
    assert_eq!(
        missing,
        [
            "诉讼请求",
            "事实和理由",
            "辩称",
            "本院查明",
            "本院认为",
            "裁判依据",
            "判决主文",
            "金钱给付",
            "诉讼费负担",
            "上诉法院",
        ]
    );
    assert!(text.iter().any(|t| t.contains("依法适用普通程序，组成合议庭，于2025年3月1日公开开庭")));
    assert!(text.contains(&"张三向本院提出诉讼请求：________事实和理由：________".to_string()));
    assert!(text.contains(&"一、________。".to_string()));
    assert!(!text.iter().any(|t| t.contains("第二百六十四条")), "no money ordered: no late-payment warning");
    assert!(text.contains(&"案件受理费____元，由________负担。".to_string()));
    assert!(text.iter().any(|t| t.ends_with("上诉于________中级人民法院。")));
    for seat in ["审判长　王明", "审判员　　　　　", "人民陪审员　　　　　"] {
        assert!(text.contains(&seat.to_string()), "{seat}: {text:?}");
    }
    // A bench given as data replaces the default seats.
    let bench =
        serde_json::json!({ "合议庭": [{"职务": "审判长", "姓名": "王明"}, {"职务": "人民陪审员", "姓名": "刘一"}] });
    let (text, _) = render_with_data("民事判决书（普通程序）", "civil-ordinary", bench);
    assert!(text.contains(&"人民陪审员　刘一".to_string()));
    assert!(!text.contains(&"人民陪审员　　　　　".to_string()));
}

#[test]
fn rulings_cite_the_2023_articles() {
    let (text, missing) = render_with_data(
        "民事裁定书（准予撤诉）",
        "civil-simple",
        serde_json::json!({"撤诉申请日期": "2025年3月3日", "案件受理费": 105_000}),
    );
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(text[1], "民事裁定书");
    assert!(text.iter().any(|t| t.ends_with("原告张三于2025年3月3日向本院提出撤诉申请。")));
    assert!(text.iter().any(|t| t.contains("第一百四十八条第一款的规定，裁定如下：")));
    assert!(text.contains(&"准许原告张三撤诉。".to_string()));
    assert!(text.contains(&"案件受理费1050元，减半收取计525元，由原告张三负担。".to_string()));

    let (text, _) = render_with_data("民事裁定书（驳回起诉）", "civil-ordinary", serde_json::json!({}));
    assert!(text.iter().any(|t| t.contains("第一百二十二条、第一百五十七条第一款第三项")));
    assert!(text.contains(&"驳回原告张三的起诉。".to_string()));
    assert!(text.iter().any(|t| t.starts_with("如不服本裁定，可以在裁定书送达之日起十日内")));
    assert!(text.contains(&"审判员　王明".to_string()), "no bench recorded: the judge signs alone");
}

/// A ruling or mediation document of a case tried by a 合议庭 is signed by the bench recorded on the case
/// (《人民法院组织法》第三十条), seat by seat; the ordinary judgment too.
#[test]
fn the_bench_recorded_on_the_case_signs_rulings_mediation_and_judgments() {
    for name in ["民事裁定书（驳回起诉）", "民事裁定书（准予撤诉）", "民事调解书", "民事判决书（普通程序）"]
    {
        let mut c = case();
        c.procedure = "civil-ordinary".into();
        c.panel = "审判长：陈某；审判员 王明；人民陪审员 刘一".into();
        let data = case_data(&c, &CaseDataOptions { today: day("2025-04-10"), ..Default::default() }).unwrap();
        let out = Template::load(&format!("builtin:{name}")).unwrap().render(&data, &RenderOptions::default()).unwrap();
        let text = paragraphs(&part(&out.bytes, "word/document.xml"));
        let at = text.iter().position(|t| t == "审判长　陈某").unwrap_or_else(|| panic!("{name}: {text:?}"));
        assert_eq!(text[at + 1..at + 3], ["审判员　王明", "人民陪审员　刘一"], "{name}");
        assert!(!text.iter().any(|t| t == "审判员　　　　　"), "{name}: no blank seats");
    }
}

#[test]
fn mediation_lists_the_agreement() {
    let agreement = andu_docs::numbered(&["被告于2025年5月1日前给付原告30000元；", "原告放弃其他诉讼请求。"]);
    let (text, _) = render_with_data("民事调解书", "civil-simple", serde_json::json!({ "调解协议": agreement }));
    assert_eq!(text[1], "民事调解书");
    let at = text.iter().position(|t| t == "本案审理过程中，经本院主持调解，当事人自愿达成如下协议：").unwrap();
    assert_eq!(text[at + 1..at + 3], ["一、被告于2025年5月1日前给付原告30000元；", "二、原告放弃其他诉讼请求。"]);
    assert!(text.iter().any(|t| t.contains("第一百条的规定，本调解书经双方当事人签收后，即具有法律效力")));
}

#[test]
fn extension_form_shows_the_limit_so_far_and_what_is_asked() {
    let mut c = case();
    c.procedure = "civil-ordinary".into();
    c.extensions.push(andu_core::ExtensionInput {
        approved: "2025-06-20".into(),
        months: Some(6),
        by: "院长".into(),
        ..Default::default()
    });
    c.deductions.push(andu_core::DeductionInput {
        kind: "鉴定".into(),
        from: "2025-03-01".into(),
        to: "2025-03-30".into(),
        ..Default::default()
    });
    let deadlines = [DeadlineFact { name: "审限".into(), party: None, due: day("2026-02-04") }];
    let limit = andu_docs::TrialLimitFacts {
        citation: "《中华人民共和国民事诉讼法》第一百五十二条".into(),
        extended_days: 181,
        deducted_days: 30,
        next_extension: Some("6个月".into()),
        extended_due: Some(day("2026-08-04")),
    };
    let opts = CaseDataOptions {
        today: day("2025-12-01"),
        deadlines: &deadlines,
        trial_limit: Some(limit),
        ..Default::default()
    };
    let data = case_data(&c, &opts).unwrap();
    let out = Template::load("builtin:延长审限审批表").unwrap().render(&data, &RenderOptions::default()).unwrap();
    assert_eq!(out.missing, ["延长理由"]);
    let text = paragraphs(&part(&out.bytes, "word/document.xml"));
    let row = |label: &str| text[text.iter().position(|t| t == label).unwrap() + 1].clone();
    assert_eq!(row("当事人"), "原告张三；被告深圳市某某科技有限公司");
    assert_eq!(row("立案日期"), "2025年1月5日（普通程序）");
    assert_eq!(row("审限届满日"), "2026年2月4日");
    assert_eq!(row("已延长情况"), "2025年6月20日经院长批准延长6个月；");
    assert_eq!(row("已扣除情况"), "鉴定2025年3月1日至2025年3月30日；共扣除30日");
    assert_eq!(row("延长期限"), "6个月（延长至2026年8月4日）");
    assert_eq!(row("延长依据"), "《中华人民共和国民事诉讼法》第一百五十二条");
    for officer in ["承办人意见", "庭长意见", "院长意见"] {
        assert!(row(officer).contains("签名："), "{officer}");
    }

    // 审限扣除审批表: the same head; without a record, 无.
    let data = case_data(&case(), &CaseDataOptions { today: day("2025-02-01"), ..Default::default() }).unwrap();
    let out = Template::load("builtin:审限扣除审批表").unwrap().render(&data, &RenderOptions::default()).unwrap();
    let text = paragraphs(&part(&out.bytes, "word/document.xml"));
    let row = |label: &str| text[text.iter().position(|t| t == label).unwrap() + 1].clone();
    assert_eq!(row("已延长情况"), "无");
    assert_eq!(row("已扣除情况"), "无");
    assert_eq!(row("扣除期间"), "____年__月__日至____年__月__日");
    assert!(row("扣除依据").contains("第二百四十三条"));
}

#[test]
fn address_confirmation_is_filled_from_the_party() {
    let (text, missing) = render_loose("送达地址确认书", Some("深圳市某某科技有限公司"));
    assert!(missing.is_empty(), "{missing:?}");
    let row = |label: &str| text[text.iter().position(|t| t == label).unwrap() + 1].clone();
    assert_eq!(row("受送达人"), "深圳市某某科技有限公司");
    assert_eq!(row("送达地址"), "深圳市南山区某路2号");
    assert!(row("受送达人确认").contains("受送达人（签名或者盖章）"));
    let notice = text.iter().position(|t| t == "告知事项：").unwrap();
    assert!(text[notice + 3].contains("第九十条"), "{}", text[notice + 3]);
}

#[test]
fn builtins_list_their_fields() {
    let fields = Template::load("builtin:传票").unwrap().fields();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["法院", "案号", "案由", "送达对象.名称", "送达对象.住所", "传唤事由", "开庭", "审判员", "书记员", "落款日期"]
    );
    let kinds: Vec<&str> = fields.iter().map(|f| f.kind).collect();
    assert_eq!(kinds[5..7], ["section", "section"]);
}

fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().to_string(), v)
        })
        .collect()
}

#[test]
fn the_files_in_assets_templates_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates");
    for b in BUILTINS {
        let path = dir.join(format!("{}.docx", b.name));
        let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            entries(&committed) == entries(&builtin::docx(b.name).unwrap()),
            "{} is stale: run `cargo run -p andu-docs --example builtin_templates`",
            path.display()
        );
    }
}
