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
    BuiltinInfo {
        name: "送达地址确认书",
        description: "当事人确认送达地址（民事）：告知事项、送达地址、联系电话、是否同意电子送达、受送达人签名",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "民事判决书（简易程序）",
        description: "一审民事判决书，独任审理：当事人、审理经过、诉讼请求、辩称、查明、本院认为、判决主文、诉讼费（减半）、上诉",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "民事判决书（普通程序）",
        description: "一审民事判决书，合议庭审理：当事人、审理经过、诉讼请求、辩称、查明、本院认为、判决主文、诉讼费、上诉",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "民事裁定书（准予撤诉）",
        description: "准许原告撤诉的裁定（民事诉讼法第一百四十八条），案件受理费减半",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "民事裁定书（驳回起诉）",
        description: "驳回起诉的裁定（民事诉讼法第一百二十二条、第一百五十七条第一款第三项），十日上诉期",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "民事调解书",
        description: "调解书（民事诉讼法第一百条）：诉讼请求、事实、调解协议、诉讼费（减半）、签收生效",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "延长审限审批表",
        description: "延长审理期限的内部审批表：立案日期、审限届满日、已延长和扣除情况、申请延长期限、理由、承办人/庭长/院长意见",
        addressee_role: None,
    },
    BuiltinInfo {
        name: "审限扣除审批表",
        description: "扣除审理期限的内部审批表：审限情况、扣除事由和期间、依据、承办人/庭长/院长意见",
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

/// 落款 of a notice: the signers, then the date, which the court seal is stamped over (so no "（院印）" is printed:
/// the served copy would carry the placeholder text under the real seal).
fn closing(doc: &mut CourtDocument, signers: &[&str]) {
    doc.push(Block::Blank);
    for signer in signers {
        doc.push(Block::Closing(s(signer)));
    }
    doc.push(Block::Closing(s("{{落款日期}}")));
}

const ADDRESSEE: &str = "{{#送达对象}}{{名称}}：{{/送达对象}}{{^送达对象}}________：{{/送达对象}}";
const CASE_LINE: &str = "原告{{原告名称}}诉被告{{被告名称}}{{案由}}一案";

// The four notices below are one page in the 22 × 28 grid (A4, 三号仿宋): their wording is the 2016 样式's,
// condensed where it repeated itself, keeping every right, duty, period and consequence it tells the party.

fn summons() -> CourtDocument {
    let mut d = CourtDocument::new("传票");
    heading(&mut d, "传　　票", false);
    form(
        &mut d,
        2900,
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
        "一、被传唤人必须准时到达应到处所，携带本传票报到。",
        "二、收到传票后，应当在送达回证上签名或者盖章。",
        "三、原告无正当理由拒不到庭的，可以按撤诉处理；被告无正当理由拒不到庭的，可以缺席判决\
         （《中华人民共和国民事诉讼法》第一百四十六条、第一百四十七条）。",
    ] {
        d.push(Block::Body(s(line)));
    }
    closing(&mut d, &["审判员　{{审判员}}　书记员　{{书记员}}"]);
    d
}

fn notice_to_respond() -> CourtDocument {
    let mut d = CourtDocument::new("应诉通知书");
    heading(&mut d, "应诉通知书", true);
    d.push(Block::Plain(s(ADDRESSEE)));
    let body = [
        format!(
            "本院已受理{CASE_LINE}，现向你（你单位）送达起诉状副本及证据材料。依照《中华人民共和国民事诉讼法》\
             第一百二十八条、第一百三十条的规定，通知如下："
        ),
        s("一、你（你单位）应当自收到起诉状副本之日起十五日内提交答辩状，并按对方当事人人数提出副本\
           {{#答辩期届满日}}（答辩期于{{答辩期届满日}}届满）{{/答辩期届满日}}；对管辖有异议的，应当在提交答辩状期间提出。"),
        s("二、应当提交身份证明；委托他人代为诉讼的，应当提交由委托人签名或者盖章、记明委托事项和权限的授权委托书。"),
        s("三、应当如实填写送达地址确认书。送达地址不准确或者变更后未告知本院，致使诉讼文书未能被实际接收的，\
           文书退回之日视为送达之日。"),
        s("{{#开庭}}四、本案定于{{时间}}在{{地点}}开庭审理，届时另行传唤。{{/开庭}}"),
    ];
    for b in body {
        d.push(Block::Body(b));
    }
    d.push(Block::Body(s("特此通知。{{#书记员}}（联系人：书记员{{书记员}}）{{/书记员}}")));
    closing(&mut d, &[]);
    d
}

fn notice_of_acceptance() -> CourtDocument {
    let mut d = CourtDocument::new("受理案件通知书");
    heading(&mut d, "受理案件通知书", true);
    d.push(Block::Plain(s(ADDRESSEE)));
    let body = [
        s("你（你单位）诉{{被告名称}}{{案由}}一案的起诉状已收到。经审查，起诉符合法定受理条件，本院决定立案审理。\
           依照《中华人民共和国民事诉讼法》第一百二十六条和《诉讼费用交纳办法》第二十二条的规定，通知如下："),
        s("一、你（你单位）应当自接到本通知之次日起七日内预交案件受理费\
           {{#案件受理费}}{{案件受理费|金额}}元（大写：{{案件受理费|大写}}）{{/案件受理费}}{{^案件受理费}}________元{{/案件受理费}}\
           {{#交纳案件受理费届满日}}（于{{交纳案件受理费届满日}}前交纳）{{/交纳案件受理费届满日}}；\
           逾期不预交又不申请缓交、减交、免交的，按撤诉处理。"),
        s("二、当事人享有《中华人民共和国民事诉讼法》规定的诉讼权利，应当遵守诉讼秩序，履行诉讼义务。"),
        s("三、应当提交身份证明；委托他人代为诉讼的，应当提交记明委托事项和权限的授权委托书；应当如实填写\
           送达地址确认书。"),
        s("{{#审判员}}四、本案由审判员{{审判员}}审理{{#书记员}}，书记员{{书记员}}担任记录{{/书记员}}。{{/审判员}}"),
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
            "本院受理{CASE_LINE}，依照《中华人民共和国民事诉讼法》第六十七条、第六十八条的规定，现将举证事项通知如下："
        ),
        s("一、当事人对自己提出的主张，有责任提供证据；没有证据或者证据不足以证明其事实主张的，由负有举证证明责任的\
           当事人承担不利的后果。"),
        s("二、提交证据应当提供原件或者原物，分类编号并说明来源、证明对象和内容，按对方当事人人数提出副本。"),
        s("三、因客观原因不能自行收集的证据，可以书面申请本院调查收集；申请调查收集证据、鉴定、证人出庭作证或者\
           证据保全的，应当在举证期限届满前提出。"),
        s("四、{{#举证期限届满日}}本案举证期限于{{举证期限届满日}}届满。{{/举证期限届满日}}\
           {{^举证期限届满日}}本案举证期限为收到本通知书之次日起{{#举证期限天数}}{{举证期限天数}}{{/举证期限天数}}\
           {{^举证期限天数}}十五{{/举证期限天数}}日。{{/举证期限届满日}}确有困难的，可以在期限届满前申请延长。"),
        s("五、逾期提供证据的，本院责令说明理由；拒不说明或者理由不成立的，可以不予采纳，或者采纳但予以训诫、罚款。"),
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

/// `{{#x}}{{.}}{{/x}}` with a fallback blank: what the judge writes (诉讼请求, 本院认为…) is given as data, else a
/// line to fill in by hand. `{{.}}` takes a text as is and runs a list of paragraphs-as-texts together.
fn written(field: &str, blank: &str) -> String {
    format!("{{{{#{field}}}}}{{{{.}}}}{{{{/{field}}}}}{{{{^{field}}}}}{blank}{{{{/{field}}}}}")
}

const LINE: &str = "________";

/// 案件受理费 in yuan, or a blank.
fn fee() -> String {
    "{{#案件受理费}}{{案件受理费|金额}}{{/案件受理费}}{{^案件受理费}}____{{/案件受理费}}".to_string()
}

/// Half the fee (简易程序, 撤诉 and 调解 are charged half: 《诉讼费用交纳办法》第十五条、第十六条), or a blank.
fn half_fee() -> String {
    "{{#案件受理费}}{{案件受理费|减半|金额}}{{/案件受理费}}{{^案件受理费}}____{{/案件受理费}}".to_string()
}

/// 首部 of a judgment, ruling or mediation document: one paragraph per party with its address (住 for a person,
/// 住所地 for an organisation), and one for its 委托诉讼代理人.
fn parties(d: &mut CourtDocument) {
    d.push(Block::Body(s("{{#当事人}}")));
    d.push(Block::Body(s(
        "{{诉讼地位}}：{{名称}}{{#住所}}，{{#组织}}住所地{{/组织}}{{^组织}}住{{/组织}}{{住所}}{{/住所}}。",
    )));
    d.push(Block::Body(s("{{#委托诉讼代理人}}委托诉讼代理人：{{委托诉讼代理人}}。{{/委托诉讼代理人}}")));
    d.push(Block::Body(s("{{/当事人}}")));
}

const SIDES: &str =
    "原告{{原告名称}}与被告{{被告名称}}{{#第三人名称}}、第三人{{第三人名称}}{{/第三人名称}}{{案由}}一案";

/// How the case was tried, by procedure; the hearing date is the last one held (`上次开庭`), else a blank.
fn history(d: &mut CourtDocument, how: &str) {
    d.push(Block::Body(format!(
        "{SIDES}，本院于{{{{立案日期}}}}立案后，依法适用{how}，\
         于{{{{#上次开庭}}}}{{{{日期}}}}{{{{/上次开庭}}}}{{{{^上次开庭}}}}____年__月__日{{{{/上次开庭}}}}公开开庭进行了审理。\
         原告{{{{原告名称}}}}、被告{{{{被告名称}}}}到庭参加诉讼。本案现已审理终结。"
    )));
}

fn claims(d: &mut CourtDocument) {
    d.push(Block::Body(format!(
        "{{{{原告名称}}}}向本院提出诉讼请求：{}事实和理由：{}",
        written("诉讼请求", LINE),
        written("事实和理由", LINE)
    )));
}

/// Numbered items (`[{序号, 内容}]`, see [`crate::case_data::numbered`]), or one blank item.
fn items(d: &mut CourtDocument, key: &str) {
    // A paragraph per item: the markers share the paragraph, so the dash loop names what repeats.
    d.push(Block::Body(format!("{{{{-w:p {key}}}}}{{{{序号}}}}、{{{{内容}}}}{{{{/{key}}}}}")));
    d.push(Block::Body(format!("{{{{^{key}}}}}一、{LINE}。{{{{/{key}}}}}")));
}

/// Who signs a judgment, ruling or mediation document.
#[derive(Clone, Copy)]
enum Bench {
    /// 简易程序: the judge alone (独任).
    Alone,
    /// 普通程序: the 合议庭; when none is recorded, the case's judge presides and the other seats are left blank.
    Collegial,
    /// A ruling or mediation document, made under either procedure: the 合议庭 when one is recorded, else the
    /// judge alone.
    AsRecorded,
}

/// 落款 of a judgment, ruling or mediation document (2016 规范): the bench, the date (under the seal), the
/// certification, then the assistant and the clerk. The bench comes from the case's `合议庭` `[{职务, 姓名}]`.
fn signature(d: &mut CourtDocument, bench: Bench) {
    d.push(Block::Blank);
    // A line per member: the markers share the paragraph, so the dash loop names what repeats.
    let members = || Block::Closing(s("{{-w:p 合议庭}}{{职务}}　{{姓名}}{{/合议庭}}"));
    match bench {
        Bench::Collegial => {
            d.push(members());
            d.push(Block::Closing(s("{{^合议庭}}审判长　{{审判员}}{{/合议庭}}")));
            d.push(Block::Closing(s("{{^合议庭}}审判员　　　　　{{/合议庭}}")));
            d.push(Block::Closing(s("{{^合议庭}}人民陪审员　　　　　{{/合议庭}}")));
        }
        Bench::AsRecorded => {
            d.push(members());
            d.push(Block::Closing(s("{{^合议庭}}审判员　{{审判员}}{{/合议庭}}")));
        }
        Bench::Alone => {
            d.push(Block::Closing(s("审判员　{{审判员}}")));
        }
    }
    d.push(Block::Blank);
    d.push(Block::Closing(s("{{落款日期}}")));
    d.push(Block::Plain(s("本件与原本核对无异")));
    d.push(Block::Closing(s("{{#法官助理}}法官助理　{{法官助理}}{{/法官助理}}")));
    d.push(Block::Closing(s("书记员　{{书记员}}")));
}

const LATE_PAYMENT: &str = "{{#金钱给付}}如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》\
    第二百六十四条之规定，加倍支付迟延履行期间的债务利息。{{/金钱给付}}";

fn appeal(d: &mut CourtDocument, what: &str, days: &str) {
    d.push(Block::Body(format!(
        "如不服本{what}，可以在{what}书送达之日起{days}日内，向本院递交上诉状，并按照对方当事人或者代表人的人数\
         提出副本，上诉于{{{{#上诉法院}}}}{{{{上诉法院}}}}{{{{/上诉法院}}}}{{{{^上诉法院}}}}________中级人民法院{{{{/上诉法院}}}}。"
    )));
}

/// 民事判决书, 2016 样式 for first instance: 首部, 审理经过, 诉讼请求, 辩称, 本院查明, 本院认为, 主文, 诉讼费, 上诉.
/// The parts the judge writes come as data (`诉讼请求` `事实和理由` `辩称` `本院查明` `本院认为` `裁判依据`
/// `判决主文` `金钱给付` `诉讼费负担` `上诉法院` `合议庭`); without them the document keeps a blank for each.
fn judgment(simple: bool) -> CourtDocument {
    let mut d = CourtDocument::new(if simple {
        "民事判决书（简易程序）"
    } else {
        "民事判决书（普通程序）"
    });
    heading(&mut d, "民事判决书", true);
    parties(&mut d);
    history(&mut d, if simple { "简易程序，由审判员{{审判员}}独任审理" } else { "普通程序，组成合议庭" });
    claims(&mut d);
    d.push(Block::Body(format!("{{{{被告名称}}}}辩称，{}", written("辩称", LINE))));
    d.push(Block::Body(format!(
        "当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。本院经审理认定事实如下：{}",
        written("本院查明", LINE)
    )));
    d.push(Block::Body(format!("本院认为，{}", written("本院认为", LINE))));
    d.push(Block::Body(format!("依照{}的规定，判决如下：", written("裁判依据", LINE))));
    items(&mut d, "判决主文");
    d.push(Block::Body(s(LATE_PAYMENT)));
    let charged = if simple { format!("{}元，减半收取计{}", fee(), half_fee()) } else { fee() };
    d.push(Block::Body(format!("案件受理费{charged}元，由{}负担。", written("诉讼费负担", LINE))));
    appeal(&mut d, "判决", "十五");
    signature(&mut d, if simple { Bench::Alone } else { Bench::Collegial });
    d
}

/// 民事裁定书（准予撤诉）: CPL 2023 Art 148 ¶1; the fee is halved (《诉讼费用交纳办法》第十五条).
fn ruling_withdrawal() -> CourtDocument {
    let mut d = CourtDocument::new("民事裁定书（准予撤诉）");
    heading(&mut d, "民事裁定书", true);
    parties(&mut d);
    d.push(Block::Body(format!(
        "{SIDES}，本院于{{{{立案日期}}}}立案。原告{{{{原告名称}}}}于{}向本院提出撤诉申请。",
        written("撤诉申请日期", "____年__月__日")
    )));
    d.push(Block::Body(s(
        "本院认为，原告{{原告名称}}在宣判前申请撤诉，不违反法律规定，本院予以准许。依照《中华人民共和国民事诉讼法》\
         第一百四十八条第一款的规定，裁定如下：",
    )));
    d.push(Block::Body(s("准许原告{{原告名称}}撤诉。")));
    d.push(Block::Body(format!("案件受理费{}元，减半收取计{}元，由原告{{{{原告名称}}}}负担。", fee(), half_fee())));
    signature(&mut d, Bench::AsRecorded);
    d
}

/// 民事裁定书（驳回起诉）: the claim fails CPL 2023 Art 122 (found after filing: CPL-I 208 ¶3); a ruling under
/// Art 157 ¶1 (3), appealable within ten days (Art 171 ¶2); the advance fee is returned.
fn ruling_dismissal() -> CourtDocument {
    let mut d = CourtDocument::new("民事裁定书（驳回起诉）");
    heading(&mut d, "民事裁定书", true);
    parties(&mut d);
    d.push(Block::Body(format!("{SIDES}，本院于{{{{立案日期}}}}立案。")));
    claims(&mut d);
    d.push(Block::Body(format!("本院经审查认为，{}", written("本院认为", LINE))));
    d.push(Block::Body(s(
        "依照《中华人民共和国民事诉讼法》第一百二十二条、第一百五十七条第一款第三项，《最高人民法院关于适用\
         〈中华人民共和国民事诉讼法〉的解释》第二百零八条第三款的规定，裁定如下：",
    )));
    d.push(Block::Body(s("驳回原告{{原告名称}}的起诉。")));
    d.push(Block::Body(format!("原告{{{{原告名称}}}}预交的案件受理费{}元予以退回。", fee())));
    appeal(&mut d, "裁定", "十");
    signature(&mut d, Bench::AsRecorded);
    d
}

/// 民事调解书 (CPL 2023 Art 100: the claims, the facts and the outcome; binding once both sides sign for it).
/// The agreement comes as `调解协议` `[{序号, 内容}]`; the fee is halved (《诉讼费用交纳办法》第十五条).
fn mediation() -> CourtDocument {
    let mut d = CourtDocument::new("民事调解书");
    heading(&mut d, "民事调解书", true);
    parties(&mut d);
    d.push(Block::Body(format!("{SIDES}，本院于{{{{立案日期}}}}立案后，依法适用{{{{程序}}}}进行了审理。")));
    claims(&mut d);
    d.push(Block::Body(s("本案审理过程中，经本院主持调解，当事人自愿达成如下协议：")));
    items(&mut d, "调解协议");
    d.push(Block::Body(format!(
        "案件受理费{}元，减半收取计{}元，由{}负担。",
        fee(),
        half_fee(),
        written("诉讼费负担", LINE)
    )));
    d.push(Block::Body(s("上述协议，不违反法律规定，本院予以确认。")));
    d.push(Block::Body(s(
        "依照《中华人民共和国民事诉讼法》第一百条的规定，本调解书经双方当事人签收后，即具有法律效力。",
    )));
    signature(&mut d, Bench::AsRecorded);
    d
}

/// 送达地址确认书 (CPL-I 136–137; 《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第三条、第四条):
/// the address and contacts are filled from the party, the party checks them and signs.
fn address_confirmation() -> CourtDocument {
    let mut d = CourtDocument::new("送达地址确认书");
    heading(&mut d, "送达地址确认书", false);
    form(
        &mut d,
        2300,
        &[
            ("案号", "{{案号}}"),
            ("受送达人", "{{送达对象.名称}}"),
            ("送达地址", "{{送达对象.住所}}"),
            ("联系电话", "{{送达对象.电话}}"),
            ("电子送达", "□同意　□不同意（手机号码或者电子邮箱：　　　　　　　　）"),
            ("代收人", "{{送达对象.委托诉讼代理人}}"),
            (
                "受送达人确认",
                "本人已知悉下列告知事项，确认上列送达地址和方式。\n受送达人（签名或者盖章）：\n　　　　　　　　年　　月　　日",
            ),
        ],
    );
    d.push(Block::Plain(s("告知事项：")));
    for line in [
        "一、确认的送达地址适用于一审、二审、再审和执行程序；地址变更的，应当及时书面告知本院。",
        "二、因地址不准确、变更未告知或者拒不签收，致使诉讼文书未能被实际接收的，文书退回之日视为送达之日。",
        "三、经受送达人同意，本院可以采用能够确认其收悉的电子方式送达（《中华人民共和国民事诉讼法》第九十条）。",
    ] {
        d.push(Block::Body(s(line)));
    }
    d
}

/// Cells an officer writes and signs in.
const OPINION: &str = "\n签名：　　　　　　　　年　月　日";

/// The rows both 审限 approval forms open with: the case, its 审限 so far.
fn limit_rows() -> Vec<(&'static str, &'static str)> {
    vec![
        ("案号", "{{案号}}"),
        ("案由", "{{案由}}"),
        ("当事人", "原告{{原告名称}}；被告{{被告名称}}{{#第三人名称}}；第三人{{第三人名称}}{{/第三人名称}}"),
        ("承办人", "{{审判员}}"),
        ("立案日期", "{{立案日期}}（{{程序}}）"),
        ("审限届满日", "{{审限届满日}}"),
        ("已延长情况", "{{#已延长}}{{批准日期}}经{{批准人}}批准延长{{期限}}；{{/已延长}}{{^已延长}}无{{/已延长}}"),
        (
            "已扣除情况",
            "{{#已扣除}}{{事由}}{{起始日}}至{{截止日}}；{{/已扣除}}{{#已扣除天数}}共扣除{{已扣除天数}}日{{/已扣除天数}}\
             {{^已扣除}}无{{/已扣除}}",
        ),
    ]
}

/// 延长审限审批表 (internal form; CPL 2023 Art 152 ordinary, Art 164 simple: the president approves). The period
/// asked for and the resulting date come from the deadline engine (`申请延长期限`, `延长后审限届满日`).
fn extension_form() -> CourtDocument {
    let mut d = CourtDocument::new("延长审限审批表");
    heading(&mut d, "延长审限审批表", false);
    let mut rows = limit_rows();
    rows.extend([
        (
            "延长期限",
            "{{#申请延长期限}}{{申请延长期限}}{{/申请延长期限}}{{^申请延长期限}}____个月{{/申请延长期限}}\
             {{#延长后审限届满日}}（延长至{{延长后审限届满日}}）{{/延长后审限届满日}}",
        ),
        ("延长依据", "{{#审限依据}}{{审限依据}}{{/审限依据}}{{^审限依据}}________{{/审限依据}}"),
        ("延长理由", "{{延长理由}}\n\n"),
        ("承办人意见", OPINION),
        ("庭长意见", OPINION),
        ("院长意见", OPINION),
    ]);
    form(&mut d, 1900, &rows);
    d
}

/// 审限扣除审批表 (internal form; civil: CPL-I 243 lists what is not counted — 公告, 鉴定, 和解, 管辖异议 and
/// 管辖争议).
fn deduction_form() -> CourtDocument {
    let mut d = CourtDocument::new("审限扣除审批表");
    heading(&mut d, "审限扣除审批表", false);
    let mut rows = limit_rows();
    rows.extend([
        ("扣除事由", "{{扣除事由}}"),
        (
            "扣除期间",
            "{{#扣除起始日}}{{扣除起始日}}{{/扣除起始日}}{{^扣除起始日}}____年__月__日{{/扣除起始日}}至\
             {{#扣除截止日}}{{扣除截止日}}{{/扣除截止日}}{{^扣除截止日}}____年__月__日{{/扣除截止日}}",
        ),
        ("扣除依据", "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百四十三条"),
        ("承办人意见", OPINION),
        ("庭长意见", OPINION),
        ("院长意见", OPINION),
    ]);
    form(&mut d, 1900, &rows);
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
        "送达地址确认书" => Some(address_confirmation()),
        "民事判决书（简易程序）" => Some(judgment(true)),
        "民事判决书（普通程序）" => Some(judgment(false)),
        "民事裁定书（准予撤诉）" => Some(ruling_withdrawal()),
        "民事裁定书（驳回起诉）" => Some(ruling_dismissal()),
        "民事调解书" => Some(mediation()),
        "延长审限审批表" => Some(extension_form()),
        "审限扣除审批表" => Some(deduction_form()),
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
