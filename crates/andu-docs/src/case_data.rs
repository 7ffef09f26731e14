//! Template data from a stored case (`andu doc render --case 案号 [--party 名称]`).
//!
//! Values are prepared here, already formatted the way court documents write them (dates `2025年1月5日`, the
//! signing date `二〇二五年一月五日`), so templates need no filters for them. Keys (all present; optional ones
//! are `null` when unknown, so `{{#开庭}}…{{/开庭}}` simply hides and `--strict` does not fail on them):
//!
//! | key | value |
//! |---|---|
//! | `案号` `法院` `案由` `程序` `审判庭` | the case's fields (`程序`: 普通程序, 简易程序 …) |
//! | `立案日期` | `2025年1月5日` |
//! | `审判员` `法官助理` `书记员` | names (`审判员` is the case's judge) |
//! | `合议庭` | the bench recorded on the case, `[{职务: 审判长, 姓名}]` in order, or `null` (a judge sitting alone, or not recorded: the 落款 then falls back to `审判员`) |
//! | `当事人` | every party: `{诉讼地位, 名称, 类型, 组织, 证件号码, 住所, 电话, 委托诉讼代理人, 境外}` (`组织`: true for a legal person or other organisation, whose address a judgment writes 住所地, not 住) |
//! | `原告` `被告` `第三人` (and every other role present) | the parties with that role, same shape |
//! | `原告名称` `被告名称` `第三人名称` (…) | their names joined with 、 |
//! | `送达对象` | the addressee (`--party`, else the template's default role), same shape, or `null` |
//! | `开庭` | `{时间: 2025年3月1日9时30分, 日期, 时刻: 9时30分, 地点}`: the first hearing on or after today, else the last |
//! | `开庭列表` | every hearing, same shape |
//! | `上次开庭` | the last hearing on or before today (what a judgment's 审理经过 reports), same shape, or `null` |
//! | `今日` / `落款日期` | `2025年11月26日` / `二〇二五年十一月二十六日` |
//! | `答辩期届满日` `举证期限届满日` `交纳案件受理费届满日` `上诉期届满日` `审限届满日` | from the deadline engine, for the addressee when the period is a party's, else `null` |
//! | `期限` | every computed deadline: `{名称, 当事人, 届满日}` |
//! | `举证期限天数` | `七` (small claims) or `十五` |
//! | `已延长` | the recorded 审限 extensions: `{批准日期, 期限: 6个月, 批准人, 理由}` |
//! | `已扣除` | the recorded 审限 deductions: `{事由: 公告, 起始日, 截止日, 批准人, 理由}` |
//! | `审限依据` `已延长天数` `已扣除天数` `申请延长期限` `延长后审限届满日` | from the deadline engine ([`TrialLimitFacts`]), else `null` |
//! | `案件受理费` `联系电话` `传唤事由` | `null`: not in the store (give them with `--data` instead) |

use andu_core::{CaseInput, PartyInput, Procedure};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde_json::{Map, Value, json};

use crate::cn::{date_arabic, date_cn};
use crate::error::DocError;

/// A computed deadline, as the caller got it from the deadline engine (andu-docket).
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineFact {
    pub name: String,
    pub party: Option<String>,
    pub due: NaiveDate,
}

/// What the deadline engine says about the case's 审限, for the approval forms (延长审限审批表, 审限扣除审批表).
#[derive(Debug, Clone, PartialEq)]
pub struct TrialLimitFacts {
    /// The statute the period comes from, written out in full (《中华人民共和国民事诉讼法》第一百五十二条).
    pub citation: String,
    /// Calendar days the recorded extensions added.
    pub extended_days: u32,
    /// Days deducted so far.
    pub deducted_days: u32,
    /// The next extension the law allows for this procedure (`6个月`), if the law gives a length.
    pub next_extension: Option<String>,
    /// The 审限届满日 if that extension were granted today.
    pub extended_due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
pub struct CaseDataOptions<'a> {
    /// `--party`: the addressee by name (must be a party of the case).
    pub addressee: Option<&'a str>,
    /// When no addressee is named: the first party with this role (a built-in's default), if any.
    pub default_role: Option<&'a str>,
    pub today: NaiveDate,
    pub deadlines: &'a [DeadlineFact],
    pub trial_limit: Option<TrialLimitFacts>,
}

/// A list of paragraphs as numbered items, `[{序号: 一, 内容}, …]`: the shape the built-in judgments, rulings and
/// mediation documents loop over for 判决主文 and 调解协议 (`{{#判决主文}}{{序号}}、{{内容}}{{/判决主文}}`).
pub fn numbered<S: AsRef<str>>(items: &[S]) -> Value {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| json!({ "序号": crate::cn::number_cn(i as u64 + 1), "内容": t.as_ref() }))
        .collect()
}

fn date_text(s: &str) -> String {
    andu_core::date::parse_date(s).map(date_arabic).unwrap_or_else(|_| s.to_string())
}

fn party(p: &PartyInput) -> Value {
    json!({
        "诉讼地位": p.role,
        "名称": p.name,
        "类型": if p.kind == "org" { "法人或者其他组织" } else { "自然人" },
        "组织": p.kind == "org",
        "证件号码": p.id_number.clone().unwrap_or_default(),
        "住所": p.address.clone().unwrap_or_default(),
        "电话": p.phone.clone().unwrap_or_default(),
        "委托诉讼代理人": p.agent.clone().unwrap_or_default(),
        "境外": p.foreign,
    })
}

fn hearing(start: NaiveDateTime, room: &str) -> Value {
    let date = date_arabic(start.date());
    let time = if start.minute() == 0 {
        format!("{}时", start.hour())
    } else {
        format!("{}时{:02}分", start.hour(), start.minute())
    };
    json!({ "时间": format!("{date}{time}"), "日期": date, "时刻": time, "地点": room })
}

/// Which flat key a deadline fills, by its rule name (assets/rules/*.toml).
fn deadline_key(name: &str) -> Option<&'static str> {
    match name {
        "答辩期" | "被上诉人答辩期" => Some("答辩期届满日"),
        "交纳案件受理费" => Some("交纳案件受理费届满日"),
        "审限" => Some("审限届满日"),
        n if n.starts_with("举证期限") => Some("举证期限届满日"),
        n if n.starts_with("上诉期") => Some("上诉期届满日"),
        _ => None,
    }
}

/// Builds the data for one case. The only error is an addressee who is not a party (`party_not_found`).
pub fn case_data(case: &CaseInput, opts: &CaseDataOptions<'_>) -> Result<Value, DocError> {
    let mut m = Map::new();
    let procedure = Procedure::parse(&case.procedure).ok();
    m.insert("案号".into(), case.case_no.clone().into());
    m.insert("法院".into(), case.court.clone().into());
    m.insert("案由".into(), case.cause.clone().into());
    m.insert(
        "程序".into(),
        procedure.map(|p| p.name_zh().to_string()).unwrap_or_else(|| case.procedure.clone()).into(),
    );
    m.insert("审判庭".into(), case.division.clone().into());
    m.insert("立案日期".into(), date_text(&case.filed).into());
    m.insert("审判员".into(), case.judge.clone().into());
    m.insert("法官助理".into(), case.assistant.clone().into());
    m.insert("书记员".into(), case.clerk.clone().into());
    // A bench the case failed to validate with is left out rather than half printed.
    let bench = andu_core::parse_panel(&case.panel).unwrap_or_default();
    m.insert(
        "合议庭".into(),
        if bench.is_empty() {
            Value::Null
        } else {
            bench.iter().map(|b| json!({ "职务": b.title, "姓名": b.name })).collect()
        },
    );

    m.insert("当事人".into(), case.parties.iter().map(party).collect());
    let mut roles: Vec<&str> = vec!["原告", "被告", "第三人"];
    for p in &case.parties {
        if !roles.contains(&p.role.as_str()) {
            roles.push(&p.role);
        }
    }
    for role in roles {
        let of_role: Vec<&PartyInput> = case.parties.iter().filter(|p| p.role == role).collect();
        let names = of_role.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、");
        m.insert(role.to_string(), of_role.into_iter().map(party).collect());
        m.insert(format!("{role}名称"), names.into());
    }

    let addressee = match opts.addressee.map(str::trim) {
        Some(name) => Some(
            case.parties.iter().find(|p| p.name == name).ok_or_else(|| DocError::PartyNotFound(name.to_string()))?,
        ),
        None => opts.default_role.and_then(|r| case.parties.iter().find(|p| p.role == r)),
    };
    m.insert("送达对象".into(), addressee.map(party).unwrap_or(Value::Null));

    let mut hearings: Vec<(NaiveDateTime, &str)> = case
        .hearings
        .iter()
        .filter_map(|h| andu_core::case::parse_datetime(&h.start).map(|t| (t, h.room.as_str())))
        .collect();
    hearings.sort_by_key(|h| h.0);
    let next = hearings.iter().find(|h| h.0.date() >= opts.today).or(hearings.last());
    m.insert("开庭".into(), next.map(|h| hearing(h.0, h.1)).unwrap_or(Value::Null));
    m.insert("开庭列表".into(), hearings.iter().map(|h| hearing(h.0, h.1)).collect());
    let held = hearings.iter().rev().find(|h| h.0.date() <= opts.today);
    m.insert("上次开庭".into(), held.map(|h| hearing(h.0, h.1)).unwrap_or(Value::Null));

    m.insert("今日".into(), date_arabic(opts.today).into());
    m.insert("落款日期".into(), date_cn(opts.today).into());

    for key in ["答辩期届满日", "举证期限届满日", "交纳案件受理费届满日", "上诉期届满日", "审限届满日"]
    {
        m.insert(key.into(), Value::Null);
    }
    let who = addressee.map(|p| p.name.as_str());
    // A party's own period first, then one that concerns no party in particular; never another party's.
    for pass_own in [true, false] {
        for d in opts.deadlines {
            let Some(key) = deadline_key(&d.name) else { continue };
            let fits = match (&d.party, who) {
                (Some(p), Some(w)) => pass_own && p == w,
                (Some(_), None) => false,
                (None, _) => !pass_own,
            };
            if fits && m[key].is_null() {
                m.insert(key.into(), date_arabic(d.due).into());
            }
        }
    }
    m.insert(
        "期限".into(),
        opts.deadlines
            .iter()
            .map(|d| json!({ "名称": d.name, "当事人": d.party.clone().unwrap_or_default(), "届满日": date_arabic(d.due) }))
            .collect(),
    );
    let evidence_days = if procedure == Some(Procedure::SmallClaims) { "七" } else { "十五" };
    m.insert("举证期限天数".into(), evidence_days.into());
    for key in ["案件受理费", "联系电话", "传唤事由"] {
        m.insert(key.into(), Value::Null);
    }

    m.insert(
        "已延长".into(),
        case.extensions
            .iter()
            .map(|e| {
                let length = match (e.months, e.days) {
                    (Some(mo), _) => format!("{mo}个月"),
                    (None, Some(d)) => format!("{d}日"),
                    (None, None) => String::new(),
                };
                json!({ "批准日期": date_text(&e.approved), "期限": length, "批准人": e.by, "理由": e.reason.clone().unwrap_or_default() })
            })
            .collect(),
    );
    m.insert(
        "已扣除".into(),
        case.deductions
            .iter()
            .map(|d| {
                json!({
                    "事由": d.kind,
                    "起始日": date_text(&d.from),
                    "截止日": date_text(&d.to),
                    "批准人": d.approved_by.clone().unwrap_or_default(),
                    "理由": d.reason.clone().unwrap_or_default(),
                })
            })
            .collect(),
    );
    let t = opts.trial_limit.as_ref();
    m.insert("审限依据".into(), t.map(|t| t.citation.clone()).into());
    m.insert("已延长天数".into(), t.map(|t| t.extended_days).into());
    m.insert("已扣除天数".into(), t.map(|t| t.deducted_days).into());
    m.insert("申请延长期限".into(), t.and_then(|t| t.next_extension.clone()).into());
    m.insert("延长后审限届满日".into(), t.and_then(|t| t.extended_due).map(date_arabic).into());
    Ok(Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use andu_core::HearingInput;

    fn case() -> CaseInput {
        CaseInput {
            case_no: "（2025）粤0309民初1234号".into(),
            cause: "民间借贷纠纷".into(),
            procedure: "civil-simple".into(),
            filed: "2025-01-05".into(),
            court: "深圳市龙华区人民法院".into(),
            judge: "王法官".into(),
            clerk: "钱书记员".into(),
            parties: vec![
                PartyInput {
                    role: "原告".into(),
                    name: "张三".into(),
                    address: Some("深圳市".into()),
                    ..Default::default()
                },
                PartyInput {
                    role: "被告".into(),
                    name: "某某科技有限公司".into(),
                    kind: "org".into(),
                    ..Default::default()
                },
                PartyInput { role: "被告".into(), name: "李四".into(), ..Default::default() },
            ],
            hearings: vec![
                HearingInput { start: "2025-03-01T09:30".into(), room: "第三法庭".into() },
                HearingInput { start: "2025-02-01T14:00".into(), room: "第一法庭".into() },
            ],
            ..Default::default()
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn fields_from_a_case() {
        let deadlines = vec![
            DeadlineFact { name: "答辩期".into(), party: Some("李四".into()), due: d("2025-02-10") },
            DeadlineFact {
                name: "答辩期".into(), party: Some("某某科技有限公司".into()), due: d("2025-02-12")
            },
            DeadlineFact { name: "审限".into(), party: None, due: d("2025-04-05") },
        ];
        let opts = CaseDataOptions {
            addressee: Some("某某科技有限公司"),
            today: d("2025-02-15"),
            deadlines: &deadlines,
            ..Default::default()
        };
        let v = case_data(&case(), &opts).unwrap();
        assert_eq!(v["立案日期"], "2025年1月5日");
        assert_eq!(v["程序"], "简易程序");
        assert_eq!(v["被告名称"], "某某科技有限公司、李四");
        assert_eq!(v["第三人名称"], "");
        assert_eq!(v["送达对象"]["类型"], "法人或者其他组织");
        assert_eq!(v["开庭"]["时间"], "2025年3月1日9时30分");
        assert_eq!(v["开庭列表"][0]["时刻"], "14时");
        assert_eq!(v["落款日期"], "二〇二五年二月十五日");
        assert_eq!(v["答辩期届满日"], "2025年2月12日");
        assert_eq!(v["审限届满日"], "2025年4月5日");
        assert_eq!(v["举证期限届满日"], Value::Null);
        assert_eq!(v["举证期限天数"], "十五");
        assert_eq!(v["当事人"][1]["组织"], true);
        assert_eq!(v["上次开庭"]["日期"], "2025年2月1日", "the hearing held, not the next one");
        assert_eq!(v["已延长"], json!([]));
        assert_eq!(v["审限依据"], Value::Null, "no engine facts given");
    }

    #[test]
    fn trial_limit_changes_and_engine_facts() {
        let mut c = case();
        c.extensions.push(andu_core::ExtensionInput {
            approved: "2025-03-20".into(),
            months: Some(1),
            by: "院长".into(),
            reason: Some("需要鉴定".into()),
            ..Default::default()
        });
        c.deductions.push(andu_core::DeductionInput {
            kind: "公告".into(),
            from: "2025-02-01".into(),
            to: "2025-03-02".into(),
            ..Default::default()
        });
        let facts = TrialLimitFacts {
            citation: "《中华人民共和国民事诉讼法》第一百六十四条".into(),
            extended_days: 30,
            deducted_days: 30,
            next_extension: None,
            extended_due: None,
        };
        let opts = CaseDataOptions { today: d("2025-01-06"), trial_limit: Some(facts), ..Default::default() };
        let v = case_data(&c, &opts).unwrap();
        assert_eq!(v["上次开庭"], Value::Null, "no hearing held yet");
        assert_eq!(
            v["已延长"][0],
            json!({"批准日期": "2025年3月20日", "期限": "1个月", "批准人": "院长", "理由": "需要鉴定"})
        );
        assert_eq!(v["已扣除"][0]["起始日"], "2025年2月1日");
        assert_eq!(v["已扣除"][0]["事由"], "公告");
        assert_eq!(v["审限依据"], "《中华人民共和国民事诉讼法》第一百六十四条");
        assert_eq!(v["已扣除天数"], 30);
        assert_eq!(v["申请延长期限"], Value::Null);
        assert_eq!(numbered(&["甲", "乙"]), json!([{"序号": "一", "内容": "甲"}, {"序号": "二", "内容": "乙"}]));
    }

    #[test]
    fn addressee_by_default_role_or_none() {
        let deadlines = [DeadlineFact { name: "答辩期".into(), party: Some("李四".into()), due: d("2025-02-10") }];
        let opts = CaseDataOptions {
            default_role: Some("原告"),
            today: d("2025-01-06"),
            deadlines: &deadlines,
            ..Default::default()
        };
        let v = case_data(&case(), &opts).unwrap();
        assert_eq!(v["送达对象"]["名称"], "张三");
        assert_eq!(v["答辩期届满日"], Value::Null, "another party's period is not the addressee's");
        assert_eq!(v["开庭"]["地点"], "第一法庭");
        let none = CaseDataOptions { today: d("2025-06-01"), ..Default::default() };
        let v = case_data(&case(), &none).unwrap();
        assert_eq!(v["送达对象"], Value::Null);
        assert_eq!(v["开庭"]["地点"], "第三法庭", "after every hearing: the last one");
        let bad = CaseDataOptions { addressee: Some("王五"), today: d("2025-06-01"), ..Default::default() };
        assert_eq!(case_data(&case(), &bad), Err(DocError::PartyNotFound("王五".into())));
    }
}
