//! Built-in templates (`builtin:传票` …), built from code in the SPC layout ([`crate::layout`]). The same files
//! are in `assets/templates/` for courts to open in Word or WPS, adapt and use with `--template FILE.docx`
//! (`cargo run -p andu-docs --example builtin_templates` rewrites them; a test checks they are current).
//!
//! The texts follow the 2016 《民事诉讼文书样式》 and cite the 2023 《民事诉讼法》 numbering. Fields are those
//! [`crate::case_data`] fills from a case; every optional one has a fallback (an inverted section) so a missing
//! value leaves a blank line to fill by hand, never a broken sentence.

use serde::Serialize;

use crate::error::DocError;
use crate::layout::{Block, CourtDocument, TEXT_WIDTH};
use crate::template::Template;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BuiltinInfo {
    /// `builtin:NAME`.
    pub name: &'static str,
    pub description: &'static str,
    /// Whom the document goes to when no party is named (`--party`): the first party with this role.
    pub addressee_role: Option<&'static str>,
}

pub const BUILTINS: &[BuiltinInfo] = &[
    BuiltinInfo {
        name: "传票",
        description: "传唤当事人开庭（民事）：被传唤人、传唤事由、应到时间和处所、注意事项",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "应诉通知书",
        description: "通知被告应诉（民事）：答辩期、管辖权异议、身份证明、委托代理、送达地址",
        addressee_role: Some("被告"),
    },
    BuiltinInfo {
        name: "受理案件通知书",
        description: "通知原告案件已受理（民事）：预交案件受理费及期限、诉讼权利义务、送达地址",
        addressee_role: Some("原告"),
    },
    BuiltinInfo {
        name: "举证通知书",
        description: "举证通知（民事）：举证责任、申请调查收集证据、举证期限、逾期举证的后果",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "出庭通知书",
        description: "通知证人、诉讼代理人等出庭（民事）：被通知人、出庭身份、应到时间和处所、注意事项",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "开庭公告",
        description: "公开开庭审理的公告（民事）：当事人、案由、开庭时间和地点",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "送达回证",
        description: "送达回证（民事）：送达文书名称及件数、受送达人、送达地点、送达方式、签收、代收人、送达人、备考",
        addressee_role: None,
    },
];

fn s(t: &str) -> String {
    t.to_string()
}

fn heading(doc: &mut CourtDocument, name: &str, case_no: bool) {
    doc.push(Block::Title(s("{{法院}}")));
    doc.push(Block::Title(s(name)));
    if case_no {
        doc.push(Block::CaseNo(s("{{案号}}")));
    }
}

fn closing(doc: &mut CourtDocument, signers: &[&str]) {
    doc.push(Block::Blank);
    for signer in signers {
        doc.push(Block::Closing(s(signer)));
    }
    doc.push(Block::Closing(s("{{落款日期}}")));
    doc.push(Block::Closing(s("（院印）")));
}

const ADDRESSEE: &str = "{{#送达对象}}{{名称}}：{{/送达对象}}{{^送达对象}}________：{{/送达对象}}";
const CASE_LINE: &str = "原告{{原告名称}}诉被告{{被告名称}}{{案由}}一案";

fn summons() -> CourtDocument {
    let mut d = CourtDocument::new("传票");
    heading(&mut d, "传　　票", false);
    form(
        &mut d,
        2600,
        &[
            ("案号", "{{案号}}"),
            ("案由", "{{案由}}"),
            ("被传唤人", "{{送达对象.名称}}"),
            ("工作单位或者住址", "{{送达对象.住所}}"),
            ("传唤事由", "{{#传唤事由}}{{传唤事由}}{{/传唤事由}}{{^传唤事由}}开庭审理{{/传唤事由}}"),
            ("应到时间", "{{#开庭}}{{时间}}{{/开庭}}"),
            ("应到处所", "{{#开庭}}{{地点}}{{/开庭}}"),
        ],
    );
    d.push(Block::Plain(s("注意事项：")));
    for line in [
        "一、被传唤人必须准时到达应到处所。",
        "二、本传票由被传唤人携带来院报到。",
        "三、被传唤人收到传票后，应当在送达回证上签名或者盖章。",
        "四、原告经传票传唤，无正当理由拒不到庭的，或者未经法庭许可中途退庭的，可以按撤诉处理；被告经传票传唤，\
         无正当理由拒不到庭的，或者未经法庭许可中途退庭的，可以缺席判决（《中华人民共和国民事诉讼法》第一百四十六条、\
         第一百四十七条）。",
    ] {
        d.push(Block::Body(s(line)));
    }
    closing(&mut d, &["审判员　{{审判员}}", "书记员　{{书记员}}"]);
    d
}

fn notice_to_respond() -> CourtDocument {
    let mut d = CourtDocument::new("应诉通知书");
    heading(&mut d, "应诉通知书", true);
    d.push(Block::Plain(s(ADDRESSEE)));
    let body = [
        format!(
            "本院已受理{CASE_LINE}，现随本通知书向你（你单位）送达起诉状副本及证据材料。依照《中华人民共和国民事诉讼法》\
             第一百二十八条、第一百三十条等规定，现将有关事项通知如下："
        ),
        s("一、你（你单位）应当在收到起诉状副本之日起十五日内向本院提交答辩状，并按照对方当事人的人数提出副本。\
           {{#答辩期届满日}}按本院送达之日计算，答辩期于{{答辩期届满日}}届满。{{/答辩期届满日}}"),
        s("二、你（你单位）对本院管辖有异议的，应当在提交答辩状期间提出。"),
        s("三、你（你单位）应当提交身份证明：自然人提交居民身份证或者其他身份证明；法人或者其他组织提交营业执照副本\
           或者登记证书，以及法定代表人或者主要负责人身份证明书。"),
        s("四、委托他人代为诉讼的，应当向本院提交由委托人签名或者盖章的授权委托书，授权委托书必须记明委托事项和权限。"),
        s("五、你（你单位）应当如实填写送达地址确认书。因提供的送达地址不准确、送达地址变更未及时告知本院，\
           或者拒不提供送达地址，导致诉讼文书未能被实际接收的，文书退回之日视为送达之日。"),
        s("{{#开庭}}六、本案定于{{时间}}在{{地点}}开庭审理，届时另行传唤。{{/开庭}}"),
    ];
    for b in body {
        d.push(Block::Body(b));
    }
    d.push(Block::Body(s("特此通知。")));
    d.push(Block::Body(s("{{#书记员}}联系人：书记员{{书记员}}{{/书记员}}")));
    closing(&mut d, &[]);
    d
}

fn notice_of_acceptance() -> CourtDocument {
    let mut d = CourtDocument::new("受理案件通知书");
    heading(&mut d, "受理案件通知书", true);
    d.push(Block::Plain(s(ADDRESSEE)));
    let body = [
        s("你（你单位）诉{{被告名称}}{{案由}}一案的起诉状已收到。经审查，起诉符合法定受理条件，本院决定立案审理。\
           依照《中华人民共和国民事诉讼法》第一百二十六条和《诉讼费用交纳办法》第二十二条的规定，现将有关事项通知如下："),
        s("一、你（你单位）应当在接到本通知之次日起七日内预交案件受理费\
           {{#案件受理费}}{{案件受理费|金额}}元（大写：{{案件受理费|大写}}）{{/案件受理费}}{{^案件受理费}}________元{{/案件受理费}}。\
           {{#交纳案件受理费届满日}}按本院送达之日计算，应于{{交纳案件受理费届满日}}前交纳。{{/交纳案件受理费届满日}}\
           逾期不预交又不提出缓交、减交、免交申请的，本院将按撤诉处理。"),
        s("二、当事人在诉讼中享有《中华人民共和国民事诉讼法》规定的诉讼权利，同时应当遵守诉讼秩序，履行诉讼义务。"),
        s("三、你（你单位）应当提交身份证明材料；委托他人代为诉讼的，应当向本院提交由委托人签名或者盖章的授权委托书，\
           授权委托书必须记明委托事项和权限。"),
        s("四、你（你单位）应当如实填写送达地址确认书，并保持联系方式畅通。"),
        s("{{#审判员}}五、本案由审判员{{审判员}}审理{{#书记员}}，书记员{{书记员}}担任记录{{/书记员}}。{{/审判员}}"),
    ];
    for b in body {
        d.push(Block::Body(b));
    }
    d.push(Block::Body(s("特此通知。")));
    closing(&mut d, &[]);
    d
}

fn notice_of_evidence() -> CourtDocument {
    let mut d = CourtDocument::new("举证通知书");
    heading(&mut d, "举证通知书", true);
    d.push(Block::Plain(s(ADDRESSEE)));
    let body = [
        format!(
            "本院受理{CASE_LINE}，依照《中华人民共和国民事诉讼法》第六十七条、第六十八条和《最高人民法院关于民事诉讼证据的\
             若干规定》的规定，现将有关举证事项通知如下："
        ),
        s("一、当事人对自己提出的主张，有责任提供证据。当事人应当对其主张的事实提供证据加以证明；没有证据或者证据\
           不足以证明其事实主张的，由负有举证证明责任的当事人承担不利的后果。"),
        s("二、当事人及其诉讼代理人因客观原因不能自行收集的证据，可以在举证期限届满前书面申请本院调查收集。"),
        s("三、当事人向本院提供证据，应当提供原件或者原物；提供原件或者原物确有困难的，可以提供经本院核对无异的复制件\
           或者复制品。当事人应当对提交的证据逐一分类编号，简要说明证据的来源、证明对象和内容，并依照对方当事人的人数\
           提出副本。"),
        s("四、{{#举证期限届满日}}本案举证期限于{{举证期限届满日}}届满。{{/举证期限届满日}}\
           {{^举证期限届满日}}本案举证期限为收到本通知书之次日起{{#举证期限天数}}{{举证期限天数}}{{/举证期限天数}}\
           {{^举证期限天数}}十五{{/举证期限天数}}日。{{/举证期限届满日}}当事人在该期限内提供证据确有困难的，\
           可以在期限届满前向本院申请延长。"),
        s("五、当事人逾期提供证据的，本院将责令其说明理由；拒不说明理由或者理由不成立的，本院根据不同情形可以不予\
           采纳该证据，或者采纳该证据但予以训诫、罚款。"),
        s("六、当事人申请鉴定、申请证人出庭作证或者申请证据保全的，应当在举证期限届满前提出。"),
    ];
    for b in body {
        d.push(Block::Body(b));
    }
    d.push(Block::Body(s("特此通知。")));
    closing(&mut d, &[]);
    d
}

/// Two columns, label and value, for the form-like documents (传票, 出庭通知书, 送达回证).
fn form(d: &mut CourtDocument, label_width: u32, rows: &[(&str, &str)]) {
    d.push(Block::Table {
        widths: vec![label_width, TEXT_WIDTH - label_width],
        rows: rows.iter().map(|(a, b)| vec![s(a), s(b)]).collect(),
        header_rows: 0,
    });
}

/// 出庭通知书 for a witness, an agent or another participant. Who is notified and in what capacity are not in the
/// case: `被通知人` and `出庭身份` come from `--data` (else they are reported missing; the notified person falls
/// back to the chosen party).
fn notice_to_appear() -> CourtDocument {
    let mut d = CourtDocument::new("出庭通知书");
    heading(&mut d, "出庭通知书", false);
    form(
        &mut d,
        2600,
        &[
            ("案号", "{{案号}}"),
            ("案由", "{{案由}}"),
            ("被通知人", "{{#被通知人}}{{被通知人}}{{/被通知人}}{{^被通知人}}{{送达对象.名称}}{{/被通知人}}"),
            ("出庭身份", "{{出庭身份}}"),
            ("应到时间", "{{#开庭}}{{时间}}{{/开庭}}"),
            ("应到处所", "{{#开庭}}{{地点}}{{/开庭}}"),
        ],
    );
    d.push(Block::Plain(s("注意事项：")));
    for line in [
        "一、被通知人应当携带本通知书和身份证明准时到庭。",
        "二、证人应当如实陈述亲身感知的事实，不得使用猜测、推断或者评论性语言；作伪证的，依照\
         《中华人民共和国民事诉讼法》第一百一十四条的规定处理。",
        "三、证人出庭作证的必要费用和误工损失，依照《中华人民共和国民事诉讼法》第七十七条的规定负担。",
        "四、被通知人因故不能到庭的，应当及时告知本院。",
    ] {
        d.push(Block::Body(s(line)));
    }
    closing(&mut d, &[]);
    d
}

/// 开庭公告 (CPL 2023 Art 139: the parties' names, the cause, time and place). Signed by the court.
fn hearing_announcement() -> CourtDocument {
    let mut d = CourtDocument::new("开庭公告");
    heading(&mut d, "开庭公告", true);
    d.push(Block::Body(s(
        "本院定于{{#开庭}}{{时间}}在{{地点}}{{/开庭}}{{^开庭}}____年__月__日__时在________{{/开庭}}公开开庭审理\
         原告{{原告名称}}诉被告{{被告名称}}{{#第三人名称}}、第三人{{第三人名称}}{{/第三人名称}}{{案由}}一案。",
    )));
    d.push(Block::Body(s("依照《中华人民共和国民事诉讼法》第一百三十九条的规定，特此公告。")));
    closing(&mut d, &["{{法院}}"]);
    d
}

/// 送达回证 (CPL 2023 Art 87). The documents served, the method and the server are filled by hand or given with
/// `--data` (`送达文书`, `送达方式`, `送达人`); signatures, the proxy and 备考 are left for the day of service.
fn proof_of_service() -> CourtDocument {
    let mut d = CourtDocument::new("送达回证");
    heading(&mut d, "送达回证", false);
    form(
        &mut d,
        3500,
        &[
            ("案号", "{{案号}}"),
            ("案由", "{{案由}}"),
            ("送达文书名称及件数", "{{送达文书}}"),
            ("受送达人", "{{送达对象.名称}}"),
            ("送达地点", "{{送达对象.住所}}"),
            ("送达方式", "{{送达方式}}"),
            ("受送达人签名或者盖章", "　　　　　　　　年　　月　　日"),
            ("代收人及代收理由", ""),
            ("送达人", "{{送达人}}"),
            ("备考", ""),
        ],
    );
    closing(&mut d, &["填发人　{{书记员}}"]);
    d
}

/// The built-in's layout, or `None` for an unknown name.
pub fn document(name: &str) -> Option<CourtDocument> {
    match name {
        "传票" => Some(summons()),
        "应诉通知书" => Some(notice_to_respond()),
        "受理案件通知书" => Some(notice_of_acceptance()),
        "举证通知书" => Some(notice_of_evidence()),
        "出庭通知书" => Some(notice_to_appear()),
        "开庭公告" => Some(hearing_announcement()),
        "送达回证" => Some(proof_of_service()),
        _ => None,
    }
}

pub fn info(name: &str) -> Option<&'static BuiltinInfo> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The built-in as a .docx file.
pub fn docx(name: &str) -> Option<Vec<u8>> {
    document(name).map(|d| d.to_docx())
}

/// The built-in, compiled. Unknown names are `template_not_found` and list the known ones.
pub fn template(name: &str) -> Result<Template, DocError> {
    let bytes = docx(name).ok_or_else(|| {
        let known = BUILTINS.iter().map(|b| b.name).collect::<Vec<_>>().join("、");
        DocError::TemplateNotFound(format!("builtin:{name}（内置模板有：{known}）"))
    })?;
    Template::from_bytes(bytes)
}
