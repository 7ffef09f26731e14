//! The event kinds a period can be triggered by. Rule files may only name these, so that a typo in a rule
//! (送达判决 for 送达判决书) is a load error rather than a period that never fires. [`LIMIT_EVENT_KINDS`] are the
//! events that change the 审限 itself (a change of procedure, 重新计算审理期限).

use andu_core::{CaseCategory, Procedure};

/// `(id, what it means)`. The id is what the store records as an event's kind.
pub const EVENT_KINDS: &[(&str, &str)] = &[
    ("收到起诉状", "法院收到起诉状（行政起诉状；刑事：检察院的起诉书及案卷、证据，或自诉状）"),
    ("补正材料提交", "原告补正起诉材料后交到法院"),
    ("立案", "立案（执行案件：执行立案）"),
    ("审判人员确定", "合议庭组成人员或独任审判员确定"),
    ("送达起诉状副本", "被告收到起诉状副本"),
    ("收到答辩状", "法院收到答辩状"),
    ("申请回避", "当事人提出回避申请"),
    ("申请回避复议", "当事人对回避决定申请复议"),
    ("举证通知送达", "当事人收到举证通知书"),
    ("开庭", "开庭日"),
    ("延期开庭", "决定延期开庭之日（上次开庭日）"),
    ("当庭宣判", "当庭宣告判决"),
    ("送达判决书", "当事人收到判决书"),
    ("送达裁定书", "当事人收到可上诉的裁定书"),
    ("收到上诉状", "原审法院收到上诉状"),
    ("送达上诉状副本", "对方当事人收到上诉状副本"),
    ("收到上诉答辩状", "原审法院收到上诉案件的答辩状"),
    ("受理费通知送达", "原告收到交纳诉讼费用通知"),
    ("上诉费通知送达", "上诉人收到预交上诉费通知"),
    ("补交受理费通知送达", "简易程序转普通程序后，原告收到补交受理费通知"),
    ("公告发布", "公告送达的公告发出（以最后一次张贴或刊登日为准）"),
    ("判决生效", "判决、裁定发生法律效力"),
    ("收到再审申请书", "法院收到再审申请书"),
    ("送达再审申请书副本", "对方当事人收到再审申请书副本"),
    ("收到抗诉书", "法院收到检察院抗诉书"),
    ("收到支付令申请", "法院收到支付令申请"),
    ("受理支付令申请", "法院受理支付令申请"),
    ("送达支付令", "债务人收到支付令"),
    ("受理公示催告申请", "法院决定受理公示催告申请"),
    ("公示催告期间届满", "公示催告期间届满"),
    ("宣告失踪公告发布", "发出寻找下落不明人的公告（宣告失踪）"),
    ("宣告死亡公告发布", "发出寻找下落不明人的公告（宣告死亡）"),
    ("意外事件宣告死亡公告发布", "发出寻找下落不明人的公告（意外事件，有关机关证明不可能生存）"),
    ("财产认领公告发布", "认定财产无主案件发出财产认领公告"),
    ("调解协议生效", "调解组织主持达成的调解协议生效"),
    ("提起反诉", "被告向法院提起反诉"),
    ("送达罚款拘留决定书", "被罚款、拘留的人收到罚款、拘留决定书"),
    ("收到罚款拘留复议申请", "上一级法院收到对罚款、拘留决定的复议申请"),
    ("知道民事权益受生效裁判损害", "第三人知道或者应当知道其民事权益受到生效判决、裁定、调解书损害之日"),
    ("调解书生效", "调解书经双方当事人签收发生法律效力"),
    ("收到委托调查函", "受托法院收到委托调查的委托书"),
    ("邮寄送达境外", "向在中国领域内没有住所的当事人邮寄诉讼文书（交邮之日）"),
    ("收到保全申请", "法院收到财产保全申请"),
    ("收到紧急保全申请", "法院收到情况紧急的保全申请（含诉前保全）"),
    ("提供保全担保", "保全申请人提供担保"),
    ("作出保全裁定", "法院裁定采取保全措施"),
    ("采取诉前保全措施", "法院采取诉前（仲裁前）保全措施"),
    ("送达保全裁定", "当事人收到保全裁定或驳回申请裁定"),
    ("收到保全复议申请", "法院收到对保全裁定的复议申请"),
    ("收到委托送达函", "受托法院收到委托送达函及诉讼文书"),
    ("障碍消除", "耽误期限的障碍消除"),
    ("当事人交邮", "当事人以邮寄方式提交上诉状、答辩状、申请书等诉讼文书的交邮日期（以邮戳为准）"),
    ("履行期限届满", "法律文书规定的履行期间的最后一日（未规定的，为生效日）"),
    ("收到申请执行书", "法院收到申请执行书"),
    ("送达执行通知书", "被执行人收到执行通知书"),
    ("收到执行异议", "执行法院收到对执行行为的书面异议"),
    ("送达执行异议裁定", "当事人、利害关系人收到执行异议裁定"),
    ("收到执行复议申请", "上一级法院收到执行复议申请"),
    ("收到案外人异议", "执行法院收到案外人对执行标的的书面异议"),
    ("送达案外人异议裁定", "案外人、当事人收到案外人异议裁定"),
    ("知道行政行为", "原告知道或者应当知道作出行政行为之日"),
    ("收到复议决定书", "原告收到行政复议决定书"),
    ("复议期满", "复议机关作出决定的期限届满（逾期未作决定）"),
    ("受理非诉执行申请", "法院受理行政机关申请执行其行政行为的案件"),
    ("被害人收到判决书", "公诉案件的被害人及其法定代理人收到一审判决书"),
    ("上诉、抗诉期满", "刑事一审判决、裁定的上诉、抗诉期限届满"),
    ("收到附带民事起诉状", "法院收到附带民事诉讼起诉状（或口头起诉）"),
    ("受理附带民事诉讼", "法院决定受理附带民事诉讼"),
    ("知道行政行为（未告知起诉期限）", "行政机关（复议机关）未告知起诉期限，原告知道或者应当知道行政行为内容之日"),
    ("申请履行法定职责", "行政机关接到原告要求履行法定职责的申请"),
    ("履职期限届满", "行政机关履行法定职责的期限届满（法律、法规另有规定的期限）"),
    ("再审申请立案", "行政再审申请案件立案"),
    ("被执行人起诉期限届满", "非诉执行：被执行人的法定起诉期限届满"),
    ("收到非诉执行申请", "法院收到行政机关申请强制执行其行政行为的申请"),
    ("送达非诉执行不予受理裁定", "行政机关收到不予受理非诉执行申请的裁定"),
    ("收到非诉执行不予受理复议申请", "上一级法院收到行政机关对不予受理裁定的复议申请"),
    ("送达不准予执行裁定", "行政机关收到不准予执行的裁定"),
    ("收到不准予执行复议申请", "上一级法院收到行政机关对不准予执行裁定的复议申请"),
    ("送达分配方案", "债权人、被执行人收到执行财产分配方案"),
    ("送达分配方案异议通知", "未提出异议的债权人、被执行人收到分配方案异议的通知"),
    ("送达反对意见通知", "分配方案异议人收到有人提出反对意见的通知"),
    ("收到委托执行函", "受托法院收到委托执行函件"),
    ("冻结银行存款", "法院冻结被执行人（被保全人）的银行存款；续行冻结的，以续行之日再记一次"),
    ("查封、扣押动产", "法院查封、扣押动产；续行查封、扣押的，以续行之日再记一次"),
    ("查封不动产", "法院查封不动产；续行查封的，以续行之日再记一次"),
    ("冻结其他财产权", "法院冻结股权等其他财产权；续行冻结的，以续行之日再记一次"),
];

pub fn is_event_kind(kind: &str) -> bool {
    EVENT_KINDS.iter().any(|(k, _)| *k == kind)
}

/// What a 审限 event does to the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitEffect {
    /// A change of procedure: `(from, to, the article that orders it)`. The first pair whose `from` is the case's
    /// procedure applies; a pair whose `to` already is the case's procedure (the 程序 field was changed too) is
    /// read as the same conversion.
    Conversion(&'static [(Procedure, Procedure, &'static str)]),
    /// 重新计算审理期限 from the event's day, in the categories listed (criminal only: CrimPL 208 ¶2–3, 241).
    Restart { categories: &'static [CaseCategory], citation: &'static str },
    /// 特别程序: the 审限 runs thirty days from the end of the 公告期 (CPL 187), recorded directly as its end.
    PublicationEnded,
    /// 选民资格案件: decided before the election day, the event's date (CPL 189); no extension (CPL 187).
    ElectionDay,
    /// 涉外民事案件 (domain.md §0): first instance and appeal have no 审限 (CPL 287).
    ForeignRelated,
    /// 再审 under the first- or second-instance procedure: civil and administrative cases take that procedure's
    /// 审限 from the day after 再审立案 (CPL-I 128; ALL-I 50 ¶2); criminal cases three months from the decision,
    /// extended to six at most (CrimPL 258).
    Retrial,
}

/// The procedures a case is retried under (再审): first instance or appeal, in every area.
pub const RETRIAL_PROCEDURES: [Procedure; 8] = [
    Procedure::CivilOrdinary,
    Procedure::CivilAppealJudgment,
    Procedure::CivilAppealRuling,
    Procedure::AdminFirst,
    Procedure::AdminAppeal,
    Procedure::CriminalPublic,
    Procedure::CriminalPrivate,
    Procedure::CriminalAppeal,
];

/// 特别程序 publications whose 公告期 ends before the 审限's thirty days start (CPL 187: "公告期满后三十日内"):
/// `(event kind, 公告期, article)`. Recorded on a `civil-special` case, the 审限 counts from the 公告期's end.
pub const SPECIAL_PUBLICATIONS: &[(&str, crate::Length, &str)] = &[
    ("宣告失踪公告发布", crate::Length::Months(3), "《民事诉讼法》第一百九十二条第一款"),
    ("宣告死亡公告发布", crate::Length::Years(1), "《民事诉讼法》第一百九十二条第一款"),
    ("意外事件宣告死亡公告发布", crate::Length::Months(3), "《民事诉讼法》第一百九十二条第一款"),
    ("财产认领公告发布", crate::Length::Years(1), "《民事诉讼法》第二百零三条"),
];

/// An event kind that changes the 审限 itself rather than triggering a party period: recorded as a 节点 like
/// the others (`andu event add 案号 --kind 简易程序转普通程序 --date …`), read by
/// [`crate::TrialLimitInput::with_events`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitEventKind {
    pub id: &'static str,
    pub meaning: &'static str,
    pub effect: LimitEffect,
}

const CRIMINAL: &[CaseCategory] = &[CaseCategory::Criminal];

/// The 审限 events (domain.md §1.1 "When 审限 starts", §1.4 restarts).
pub const LIMIT_EVENT_KINDS: &[LimitEventKind] = &[
    LimitEventKind {
        id: "简易程序转普通程序",
        meaning: "裁定（决定）由简易程序转为普通程序审理：民事、行政自立案之日起连续计算，刑事自决定之日起计算",
        effect: LimitEffect::Conversion(&[
            (Procedure::CivilSimple, Procedure::CivilOrdinary, "《民事诉讼法》第一百七十条"),
            (Procedure::AdminSimple, Procedure::AdminFirst, "《行政诉讼法》第八十四条"),
            (Procedure::CriminalSimple, Procedure::CriminalPublic, "《刑事诉讼法》第二百二十一条"),
            (Procedure::CriminalSimple, Procedure::CriminalPrivate, "《刑事诉讼法》第二百二十一条"),
        ]),
    },
    LimitEventKind {
        id: "小额诉讼转简易程序",
        meaning: "不宜适用小额诉讼的程序，适用简易程序的其他规定审理：自立案之日起连续计算",
        effect: LimitEffect::Conversion(&[(
            Procedure::SmallClaims,
            Procedure::CivilSimple,
            "《民事诉讼法》第一百六十九条；《最高人民法院关于适用〈民事诉讼法〉的解释》第二百七十八条第一款",
        )]),
    },
    LimitEventKind {
        id: "小额诉讼转普通程序",
        meaning: "小额诉讼案件裁定转为普通程序审理：自立案之日起连续计算",
        effect: LimitEffect::Conversion(&[(
            Procedure::SmallClaims,
            Procedure::CivilOrdinary,
            "《民事诉讼法》第一百六十九条；《最高人民法院关于适用〈民事诉讼法〉的解释》第二百七十八条第二款",
        )]),
    },
    LimitEventKind {
        id: "速裁程序转普通程序",
        meaning: "刑事速裁程序决定转为普通程序审理：自决定之日起计算",
        effect: LimitEffect::Conversion(&[(
            Procedure::CriminalFast,
            Procedure::CriminalPublic,
            "《刑事诉讼法》第二百二十六条；《最高人民法院关于适用〈刑事诉讼法〉的解释》第三百七十五条",
        )]),
    },
    LimitEventKind {
        id: "速裁程序转简易程序",
        meaning: "刑事速裁程序决定转为简易程序审理：自决定之日起计算",
        effect: LimitEffect::Conversion(&[(
            Procedure::CriminalFast,
            Procedure::CriminalSimple,
            "《刑事诉讼法》第二百二十六条；《最高人民法院关于适用〈刑事诉讼法〉的解释》第三百七十五条",
        )]),
    },
    LimitEventKind {
        id: "特别程序公告期满",
        meaning: "特别程序案件（宣告失踪、宣告死亡、认定财产无主）的公告期满：审限改为公告期满后三十日（已记录公告发布的，自动计算）",
        effect: LimitEffect::PublicationEnded,
    },
    LimitEventKind {
        id: "选举日",
        meaning: "选民资格案件的选举日：必须在选举日前审结，不得延长",
        effect: LimitEffect::ElectionDay,
    },
    LimitEventKind {
        id: "涉外案件",
        meaning: "认定为涉外民事案件（当事人、标的物或者法律事实涉外，《最高人民法院关于适用〈民事诉讼法〉的解释》第五百二十条）：一审、二审不受审限限制",
        effect: LimitEffect::ForeignRelated,
    },
    LimitEventKind {
        id: "再审立案",
        meaning: "按审判监督程序再审（民事、行政：再审立案；刑事：作出提审、再审决定）：民事、行政案件适用所按程序的审限，自次日起算；刑事案件三个月，延长不得超过六个月",
        effect: LimitEffect::Retrial,
    },
    LimitEventKind {
        id: "改变管辖收案",
        meaning: "改变管辖的刑事案件，改变后的法院收到案件：审限重新计算",
        effect: LimitEffect::Restart {
            categories: CRIMINAL, citation: "《刑事诉讼法》第二百零八条第二款"
        },
    },
    LimitEventKind {
        id: "补充侦查完毕移送",
        meaning: "检察院补充侦查完毕将案件移送法院：审限重新计算",
        effect: LimitEffect::Restart {
            categories: CRIMINAL, citation: "《刑事诉讼法》第二百零八条第三款"
        },
    },
    LimitEventKind {
        id: "发回重审收案",
        meaning: "原审法院收到第二审法院发回重新审判的刑事案件：审限重新计算",
        effect: LimitEffect::Restart { categories: CRIMINAL, citation: "《刑事诉讼法》第二百四十一条" },
    },
    LimitEventKind {
        id: "收到指定管辖决定书",
        meaning: "被指定管辖的法院收到指定管辖决定书和案卷、证据材料：审限自此计算",
        effect: LimitEffect::Restart {
            categories: CRIMINAL,
            citation: "《最高人民法院关于适用〈刑事诉讼法〉的解释》第二百零九条",
        },
    },
];

impl LimitEventKind {
    /// The procedures a case can have when this event is recorded (before or after the conversion).
    pub fn procedures(&self) -> Vec<Procedure> {
        let mut out: Vec<Procedure> = match self.effect {
            LimitEffect::Conversion(pairs) => pairs.iter().flat_map(|(from, to, _)| [*from, *to]).collect(),
            LimitEffect::Restart { categories, .. } => {
                Procedure::ALL.into_iter().filter(|p| categories.contains(&p.category())).collect()
            }
            LimitEffect::PublicationEnded | LimitEffect::ElectionDay => vec![Procedure::CivilSpecial],
            LimitEffect::ForeignRelated => crate::trial_limit::FOREIGN_EXEMPT.to_vec(),
            LimitEffect::Retrial => RETRIAL_PROCEDURES.to_vec(),
        };
        out.sort();
        out.dedup();
        out
    }
}

pub fn limit_event_kind(kind: &str) -> Option<&'static LimitEventKind> {
    LIMIT_EVENT_KINDS.iter().find(|k| k.id == kind)
}

/// Whether a recorded 节点 of this kind can change the 审限: a [`LIMIT_EVENT_KINDS`] entry or a 特别程序 公告 the
/// 审限 waits for ([`SPECIAL_PUBLICATIONS`]). What statistics keep of a case's 节点 to compute its 审限.
pub fn affects_trial_limit(kind: &str) -> bool {
    limit_event_kind(kind).is_some() || SPECIAL_PUBLICATIONS.iter().any(|(k, _, _)| *k == kind)
}
