//! Drafting a 民事判决书 (the structure of the 2016 规范, domain.md §5): the sections of the editor, the text of the
//! sections generated from the case (首部 parties, 审理经过, 上诉告知, 落款), and the judgment as a .docx in the court
//! layout (`andu_docs::judgment_docx`, written by `andu_docs::layout` like the built-in templates).
//!
//! Everything here is a pure function of the stored case and the dates passed in: the editor regenerates a section
//! on request, and a person edits what it proposes.

use andu_core::Procedure;
use andu_docs::cn::{date_arabic, date_cn};
use andu_docs::judgment_docx::Judgment;
use andu_store::CaseDetail;
use andu_store::table::drafts::DraftContent;
use andu_store::table::parties::PartyRow;
use chrono::NaiveDate;
use serde::Serialize;

/// The draft kind of a 民事判决书 (`drafts.kind`).
pub const CIVIL_JUDGMENT: &str = "civil-judgment";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// The key in the draft's content.
    pub key: &'static str,
    pub label: &'static str,
    /// Generated from the case; the editor offers 重新生成.
    pub generated: bool,
}

/// The sections of a 民事判决书, in document order.
pub const SECTIONS: &[Section] = &[
    Section { key: "header", label: "首部", generated: true },
    Section { key: "history", label: "审理经过", generated: true },
    Section { key: "claims", label: "诉讼请求", generated: false },
    Section { key: "defence", label: "辩称", generated: false },
    Section { key: "findings", label: "本院查明", generated: false },
    Section { key: "reasoning", label: "本院认为", generated: false },
    Section { key: "items", label: "判决主文", generated: false },
    Section { key: "costs", label: "诉讼费负担", generated: false },
    Section { key: "appeal", label: "上诉告知", generated: true },
    Section { key: "signature", label: "落款", generated: true },
    // Built from the citations of the other sections on the 落款 date (andu-law `appendix`), not from the case.
    Section { key: "appendix", label: "附：本判决适用的法律条文", generated: false },
];

/// How many 判决主文 items the editor can number (a judgment has far fewer).
pub const ITEM_LABELS: usize = 99;

/// The labels of 判决主文 items 1 to [`ITEM_LABELS`] (`一、` … `九十九、`), as the .docx numbers them when there is
/// more than one item: the editor shows these instead of its own copy of the Chinese numerals.
pub fn item_labels() -> Vec<String> {
    (1..=ITEM_LABELS).map(andu_docs::judgment_docx::item_label).collect()
}

/// Roles that bring the case (the plaintiff side), in the order the 首部 lists them.
const ROLE_ORDER: &[&str] = &["原告", "上诉人", "申请人", "被告", "被上诉人", "被申请人", "第三人"];

fn role_rank(role: &str) -> usize {
    ROLE_ORDER.iter().position(|r| *r == role).unwrap_or(ROLE_ORDER.len())
}

fn parties_in_order(d: &CaseDetail) -> Vec<&PartyRow> {
    let mut ps: Vec<&PartyRow> = d.parties_list.iter().collect();
    ps.sort_by_key(|p| role_rank(&p.role));
    ps
}

fn names_with_role(d: &CaseDetail, roles: &[&str]) -> String {
    parties_in_order(d)
        .into_iter()
        .filter(|p| roles.contains(&p.role.as_str()))
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// 首部: one paragraph per party (and one for its 委托诉讼代理人), as the 2016 样式 lists them.
pub fn header(d: &CaseDetail) -> String {
    let mut lines = Vec::new();
    for p in parties_in_order(d) {
        let mut line = format!("{}：{}", p.role, p.name);
        if let Some(addr) = p.address.as_deref().filter(|a| !a.trim().is_empty()) {
            line.push_str(if p.kind == "org" { "，住所地" } else { "，住" });
            line.push_str(addr.trim());
        }
        line.push('。');
        lines.push(line);
        if let Some(agent) = p.agent.as_deref().filter(|a| !a.trim().is_empty()) {
            lines.push(format!("委托诉讼代理人：{}。", agent.trim()));
        }
    }
    lines.join("\n")
}

fn procedure_words(procedure: &str) -> String {
    match Procedure::parse(procedure) {
        Ok(Procedure::CivilOrdinary) => "普通程序".into(),
        Ok(Procedure::CivilSimple) => "简易程序".into(),
        Ok(Procedure::SmallClaims) => "小额诉讼程序".into(),
        Ok(p) => p.name_zh().into(),
        Err(_) => procedure.into(),
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// 审理经过: "原告…与被告…纠纷一案，本院于…立案后，依法适用…程序，于…公开开庭进行了审理。…本案现已审理终结。"
/// Only hearings on or before `today` count as held.
pub fn trial_history(d: &CaseDetail, today: NaiveDate) -> String {
    let sides: Vec<String> = ROLE_ORDER
        .iter()
        .filter_map(|role| {
            let names = names_with_role(d, &[role]);
            (!names.is_empty()).then(|| format!("{role}{names}"))
        })
        .collect();
    let (first, rest) = sides.split_first().map(|(f, r)| (f.clone(), r.join("、"))).unwrap_or_default();
    let who = if rest.is_empty() { first } else { format!("{first}与{rest}") };
    let filed = parse_day(&d.summary.filed).map(date_arabic).unwrap_or_else(|| d.summary.filed.clone());
    let mut held: Vec<NaiveDate> =
        d.hearings.iter().filter_map(|h| parse_day(&h.start)).filter(|h| *h <= today).collect();
    held.sort();
    held.dedup();
    let procedure = procedure_words(&d.summary.procedure);
    let mut s = format!("{who}{}一案，本院于{filed}立案后，依法适用{procedure}，", d.summary.cause);
    match held.as_slice() {
        [] => s.push_str("进行了审理。"),
        [one] => s.push_str(&format!("于{}公开开庭进行了审理。", date_arabic(*one))),
        many => s.push_str(&format!(
            "先后于{}公开开庭进行了审理。",
            many.iter().map(|h| date_arabic(*h)).collect::<Vec<_>>().join("、")
        )),
    }
    if !held.is_empty() {
        let present: Vec<String> = parties_in_order(d)
            .into_iter()
            .map(|p| match p.agent.as_deref().filter(|a| !a.trim().is_empty()) {
                Some(a) => format!("{}{}及其委托诉讼代理人{}", p.role, p.name, a.trim()),
                None => format!("{}{}", p.role, p.name),
            })
            .collect();
        if !present.is_empty() {
            s.push_str(&format!("{}到庭参加诉讼。", present.join("、")));
        }
    }
    s.push_str("本案现已审理终结。");
    s
}

/// The court one level up, for 上诉于…: 基层 → 中级 of its city, 中级 → 高级 of its province. When the name does not
/// say (a municipality's 第几中级, a county court without its city), "上一级人民法院" for the judge to fill in.
pub fn upper_court(court: &str) -> String {
    const FALLBACK: &str = "上一级人民法院";
    let court = court.trim();
    if court.contains("高级人民法院") {
        return "最高人民法院".into();
    }
    let province_end = ["省", "自治区"].iter().filter_map(|m| court.find(m).map(|i| i + m.len())).min().unwrap_or(0);
    if court.contains("中级人民法院") {
        if province_end > 0 {
            return format!("{}高级人民法院", &court[..province_end]);
        }
        return match ["北京市", "上海市", "天津市", "重庆市"].iter().find(|m| court.starts_with(*m)) {
            Some(m) => format!("{m}高级人民法院"),
            None => FALLBACK.into(),
        };
    }
    if ["北京市", "上海市", "天津市", "重庆市"].iter().any(|m| court.starts_with(m)) {
        return FALLBACK.into();
    }
    match court[province_end..].find('市') {
        Some(i) if court.ends_with("人民法院") => {
            format!("{}中级人民法院", &court[..province_end + i + '市'.len_utf8()])
        }
        _ => FALLBACK.into(),
    }
}

/// 上诉告知 and the articles it rests on. A first-instance judgment may be appealed within 15 days of service
/// (民事诉讼法第一百七十一条), 30 days for a party with no domicile in China (第二百八十六条); small claims and
/// second-instance judgments are final (第一百六十五条, 第一百八十二条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppealNotice {
    pub text: String,
    pub articles: Vec<&'static str>,
}

/// `appellate`: the court's setting (`court_profile`); while unset the text says so where the court's name belongs.
pub fn appeal_notice(d: &CaseDetail, appellate: Option<&str>) -> AppealNotice {
    let procedure = Procedure::parse(&d.summary.procedure).ok();
    match procedure {
        Some(Procedure::SmallClaims) => {
            return AppealNotice {
                text: "本判决为终审判决。".into(), articles: vec!["民事诉讼法第一百六十五条"]
            };
        }
        Some(Procedure::CivilAppealJudgment | Procedure::CivilAppealRuling) => {
            return AppealNotice {
                text: "本判决为终审判决。".into(), articles: vec!["民事诉讼法第一百八十二条"]
            };
        }
        _ => {}
    }
    let court =
        appellate.map(str::trim).filter(|a| !a.is_empty()).unwrap_or(crate::court_profile::APPELLATE_COURT_UNSET);
    let tail = format!("向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于{court}。");
    let ps = parties_in_order(d);
    let (abroad, home): (Vec<&PartyRow>, Vec<&PartyRow>) = ps.into_iter().partition(|p| p.foreign);
    let names = |v: &[&PartyRow]| v.iter().map(|p| format!("{}{}", p.role, p.name)).collect::<Vec<_>>().join("、");
    let (text, articles) = if abroad.is_empty() {
        (format!("如不服本判决，可以在判决书送达之日起十五日内，{tail}"), vec!["民事诉讼法第一百七十一条"])
    } else if home.is_empty() {
        (format!("如不服本判决，可以在判决书送达之日起三十日内，{tail}"), vec!["民事诉讼法第二百八十六条"])
    } else {
        (
            format!(
                "如不服本判决，{}可以在判决书送达之日起十五日内，{}可以在判决书送达之日起三十日内，{tail}",
                names(&home),
                names(&abroad)
            ),
            vec!["民事诉讼法第一百七十一条", "民事诉讼法第二百八十六条"],
        )
    };
    AppealNotice { text, articles }
}

/// 落款: the 合议庭 recorded on the case, one seat a line; else the judge (审判员 when sitting alone in
/// 简易程序/小额诉讼, else 审判长 for the judge to complete the panel); then the signing date in the 〇 form, the 核对
/// stamp line, 法官助理 and 书记员. Blank lines stand for the seal's space.
pub fn signature(d: &CaseDetail, signed: NaiveDate) -> String {
    let alone = matches!(Procedure::parse(&d.summary.procedure), Ok(Procedure::CivilSimple | Procedure::SmallClaims));
    let bench = andu_core::parse_panel(&d.panel).unwrap_or_default();
    let mut lines: Vec<String> = if alone || bench.is_empty() {
        vec![format!("{}　{}", if alone { "审判员" } else { "审判长" }, d.summary.judge)]
    } else {
        bench.iter().map(|m| format!("{}　{}", m.title, m.name)).collect()
    };
    lines.extend([String::new(), date_cn(signed), "本件与原本核对无异".into()]);
    lines.push(String::new());
    if !d.assistant.trim().is_empty() {
        lines.push(format!("法官助理　{}", d.assistant.trim()));
    }
    if !d.clerk.trim().is_empty() {
        lines.push(format!("书记员　{}", d.clerk.trim()));
    }
    lines.join("\n")
}

/// The text a section starts with: generated sections from the case (and the court's appellate court, for 上诉告知),
/// the others with the words they open with.
pub fn generate_section(d: &CaseDetail, key: &str, today: NaiveDate, appellate: Option<&str>) -> Option<String> {
    let plaintiffs = names_with_role(d, &["原告", "上诉人", "申请人"]);
    let defendants = names_with_role(d, &["被告", "被上诉人", "被申请人"]);
    Some(match key {
        "header" => header(d),
        "history" => trial_history(d, today),
        "claims" => format!("{plaintiffs}向本院提出诉讼请求："),
        "defence" => format!("{defendants}辩称，"),
        "findings" => "本院经审理认定事实如下：".into(),
        "reasoning" => "本院认为，".into(),
        "items" => String::new(),
        "costs" => format!("案件受理费　元，由{defendants}负担。"),
        "appeal" => appeal_notice(d, appellate).text,
        "signature" => signature(d, today),
        "appendix" => String::new(),
        _ => return None,
    })
}

/// A new draft's content: every section generated or started.
pub fn initial_content(d: &CaseDetail, today: NaiveDate, appellate: Option<&str>) -> DraftContent {
    SECTIONS
        .iter()
        .filter_map(|s| generate_section(d, s.key, today, appellate).map(|t| (s.key.to_string(), t)))
        .collect()
}

/// The statutory warning a money judgment carries (民事诉讼法第二百六十四条; it was 第二百六十条 before 2024).
pub const LATE_PAYMENT_WARNING: &str = "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，加倍支付迟延履行期间的债务利息。";

/// Whether the judgment orders a payment: an item that pays, repays, returns or compensates an amount in 元.
pub fn is_money_judgment(items: &str) -> bool {
    items.lines().any(|l| l.contains('元') && ["支付", "偿还", "给付", "返还", "赔偿"].iter().any(|v| l.contains(v)))
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The judgment's parts: court and document name, 案号, the sections in order, "判决如下：" and the items (numbered
/// by the layout when there are several), the late-payment warning when money is ordered and the text does not
/// already carry it, then the 落款 and the appendix of the statutes applied.
pub fn judgment_document(d: &CaseDetail, content: &DraftContent) -> Judgment {
    let get = |k: &str| content.get(k).map(String::as_str).unwrap_or("");
    let mut doc = Judgment {
        title: format!("民事判决书（{}）", d.summary.case_no),
        court: d.court.clone(),
        name: "民事判决书".into(),
        case_no: d.summary.case_no.clone(),
        ..Judgment::default()
    };
    for key in ["header", "history", "claims", "defence", "findings", "reasoning"] {
        doc.body.extend(lines(get(key)).map(str::to_string));
    }
    if !get("reasoning").trim_end().ends_with("判决如下：") {
        doc.body.push("判决如下：".into());
    }
    doc.items = lines(get("items")).map(str::to_string).collect();
    // The appendix quotes 第二百六十四条 itself when cited; it is not the warning.
    let all_text: String = content.iter().filter(|(k, _)| *k != "appendix").map(|(_, v)| v.as_str()).collect();
    if is_money_judgment(get("items")) && !all_text.contains("第二百六十四条") {
        doc.after_items.push(LATE_PAYMENT_WARNING.into());
    }
    for key in ["costs", "appeal"] {
        doc.after_items.extend(lines(get(key)).map(str::to_string));
    }
    doc.signature = get("signature").lines().map(|l| l.trim().to_string()).collect();
    doc.appendix = lines(get("appendix")).map(str::to_string).collect();
    doc
}

/// The .docx bytes of [`judgment_document`] (the court layout, 22 lines × 28 characters).
pub fn export_judgment(d: &CaseDetail, content: &DraftContent) -> Vec<u8> {
    judgment_document(d, content).to_docx()
}

#[cfg(test)]
mod tests;
