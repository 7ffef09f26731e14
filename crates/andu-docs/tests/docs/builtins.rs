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
    let opts =
        CaseDataOptions { addressee: party, default_role: info.addressee_role, today: day("2025-01-06"), deadlines };
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
    assert!(text.contains(&"审判员　王明".to_string()));
    assert_eq!(&text[text.len() - 2..], ["二〇二五年一月六日", "（院印）"]);
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
    assert!(text[5].ends_with("按本院送达之日计算，答辩期于2025年1月27日届满。"), "{}", text[5]);
    assert!(text.iter().any(|t| t == "六、本案定于2025年3月1日9时30分在第三法庭开庭审理，届时另行传唤。"));
    assert!(text.contains(&"联系人：书记员钱芳".to_string()));
    // Without a deadline or a hearing, the sentence and the paragraph go; no empty paragraph is left.
    let mut data = case();
    data.hearings.clear();
    let opts = CaseDataOptions { default_role: Some("被告"), today: day("2025-01-06"), ..Default::default() };
    let t = Template::load("builtin:应诉通知书").unwrap();
    let out = t.render(&case_data(&data, &opts).unwrap(), &RenderOptions { strict: true }).unwrap();
    let bare = paragraphs(&part(&out.bytes, "word/document.xml"));
    assert!(bare[5].ends_with("并按照对方当事人的人数提出副本。"), "{}", bare[5]);
    assert_eq!(bare.len(), text.len() - 1);
    assert!(!bare.iter().any(|t| t.starts_with("六、")));
    assert_eq!(bare.iter().filter(|t| t.is_empty()).count(), 1, "only the blank line above the signature");
}

#[test]
fn notice_of_acceptance_leaves_a_blank_for_the_fee() {
    let text = render("受理案件通知书", None, &[]);
    assert_eq!(text[3], "张三：");
    assert!(
        text[5].starts_with("一、你（你单位）应当在接到本通知之次日起七日内预交案件受理费________元。逾期"),
        "{}",
        text[5]
    );
    assert!(text.contains(&"五、本案由审判员王明审理，书记员钱芳担任记录。".to_string()));
    // With the fee given as data (integer fen), the amount appears in figures and in capitals.
    let mut data = case_data(
        &case(),
        &CaseDataOptions { default_role: Some("原告"), today: day("2025-01-06"), ..Default::default() },
    )
    .unwrap();
    data["案件受理费"] = 132_500.into();
    let out = Template::load("builtin:受理案件通知书").unwrap().render(&data, &RenderOptions::default()).unwrap();
    let text = paragraphs(&part(&out.bytes, "word/document.xml"));
    assert!(text[5].contains("预交案件受理费1325元（大写：壹仟叁佰贰拾伍元整）。"), "{}", text[5]);
}

#[test]
fn notice_of_evidence_states_the_period() {
    let text = render("举证通知书", Some("张三"), &[]);
    assert!(text.iter().any(|t| t.starts_with("四、本案举证期限为收到本通知书之次日起十五日。")));
    let d = [DeadlineFact {
        name: "举证期限（简易程序）".into(), party: Some("张三".into()), due: day("2025-01-31")
    }];
    let text = render("举证通知书", Some("张三"), &d);
    assert!(text.iter().any(|t| t.starts_with("四、本案举证期限于2025年1月31日届满。当事人")));
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
    assert_eq!(&text[text.len() - 2..], ["二〇二五年一月六日", "（院印）"]);
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
    assert_eq!(&text[text.len() - 3..], ["深圳市龙华区人民法院", "二〇二五年一月六日", "（院印）"]);
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
