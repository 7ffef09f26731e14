//! 案号 (case numbers) per 法〔2015〕137号 as amended by 法〔2018〕335号 (shared/domain.md §3).
//!
//! `（2024）粤0309民初1234号`: year, court code, optional specialised-trial code, type code, serial, `号`,
//! optionally `之一`… for later decisions. Pre-2016 numbers look like `（2015）吴江商初字第01894号`.
//! Parsing accepts ASCII or full-width brackets and digits and spaces; [`CaseNumber::canonical`] is the one form
//! stored and searched: full-width brackets, ASCII digits, no spaces, no leading zeros in a post-2016 serial.

use serde::{Deserialize, Serialize};

use crate::procedure::Procedure;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CaseCategory {
    Civil,
    Criminal,
    Administrative,
    Enforcement,
    /// State compensation, judicial aid, preservation, judicial assistance, sanctions…
    Other,
}

impl CaseCategory {
    /// Every category, in the order a filter offers them (the app's 统计 serves this list: `list_facets`).
    pub const ALL: [CaseCategory; 5] =
        [Self::Civil, Self::Criminal, Self::Administrative, Self::Enforcement, Self::Other];

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Civil => "民事",
            Self::Criminal => "刑事",
            Self::Administrative => "行政",
            Self::Enforcement => "执行",
            Self::Other => "其他",
        }
    }
}

/// One row of the type-code table (《人民法院案件类型及其代字标准》 as listed in domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TypeCode {
    pub code: &'static str,
    pub meaning: &'static str,
    pub category: CaseCategory,
    /// Procedures a case with this code may be tried under. Empty = no restriction known.
    pub procedures: &'static [Procedure],
}

use CaseCategory as C;
use Procedure as P;

const CIVIL_FIRST: &[Procedure] = &[P::CivilOrdinary, P::CivilSimple, P::SmallClaims];
const CIVIL_APPEAL: &[Procedure] = &[P::CivilAppealJudgment, P::CivilAppealRuling];
const CIVIL_ANY: &[Procedure] = &[
    P::CivilOrdinary,
    P::CivilSimple,
    P::SmallClaims,
    P::CivilAppealJudgment,
    P::CivilAppealRuling,
    P::CivilSpecial,
    P::CivilRetrialReview,
];
const CRIMINAL_FIRST: &[Procedure] = &[P::CriminalPublic, P::CriminalPrivate, P::CriminalSimple, P::CriminalFast];
const CRIMINAL_ANY: &[Procedure] =
    &[P::CriminalPublic, P::CriminalPrivate, P::CriminalSimple, P::CriminalFast, P::CriminalAppeal];
const ADMIN_ANY: &[Procedure] = &[P::AdminFirst, P::AdminSimple, P::AdminAppeal];
const ENFORCEMENT: &[Procedure] = &[P::Enforcement];

macro_rules! codes {
    ($($code:literal, $meaning:literal, $cat:expr, $procs:expr;)*) => {
        &[$(TypeCode { code: $code, meaning: $meaning, category: $cat, procedures: $procs }),*]
    };
}

/// The type-code table. Matching takes the longest code first (执恢 before 执, 民督监 before 民督).
pub const TYPE_CODES: &[TypeCode] = codes![
    "民初", "民事一审", C::Civil, CIVIL_FIRST;
    "民终", "民事二审", C::Civil, CIVIL_APPEAL;
    "民监", "民事依职权再审审查", C::Civil, &[P::CivilRetrialReview];
    "民申", "民事申请再审审查", C::Civil, &[P::CivilRetrialReview];
    "民抗", "民事抗诉再审审查", C::Civil, &[P::CivilRetrialReview];
    "民再", "民事再审", C::Civil, &[P::CivilOrdinary, P::CivilAppealJudgment, P::CivilAppealRuling];
    "民撤", "第三人撤销之诉", C::Civil, &[P::CivilOrdinary];
    "民特", "民事特别程序", C::Civil, &[P::CivilSpecial];
    "民特监", "民事特别程序监督", C::Civil, &[P::CivilSpecial];
    "民催", "公示催告", C::Civil, &[P::CivilSpecial];
    "民督", "申请支付令审查", C::Civil, &[P::CivilSpecial];
    "民督监", "支付令监督", C::Civil, &[P::CivilSpecial];
    "民辖", "民事管辖", C::Civil, CIVIL_ANY;
    "民辖终", "民事管辖上诉", C::Civil, &[P::CivilAppealRuling];
    "民辖监", "民事管辖监督", C::Civil, CIVIL_ANY;
    "民破", "破产（旧代字）", C::Civil, CIVIL_ANY;
    "民算", "强制清算（旧代字）", C::Civil, CIVIL_ANY;
    "民他", "民事其他", C::Civil, CIVIL_ANY;
    "破申", "破产申请审查", C::Civil, CIVIL_ANY;
    "破", "破产", C::Civil, CIVIL_ANY;
    "破终", "破产上诉", C::Civil, CIVIL_ANY;
    "破监", "破产监督", C::Civil, CIVIL_ANY;
    "清申", "强制清算申请审查", C::Civil, CIVIL_ANY;
    "强清", "强制清算", C::Civil, CIVIL_ANY;
    "清终", "强制清算上诉", C::Civil, CIVIL_ANY;
    "清监", "强制清算监督", C::Civil, CIVIL_ANY;
    "刑初", "刑事一审", C::Criminal, CRIMINAL_FIRST;
    "刑终", "刑事二审", C::Criminal, &[P::CriminalAppeal];
    "刑监", "刑事审判监督审查", C::Criminal, CRIMINAL_ANY;
    "刑申", "刑事申诉审查", C::Criminal, CRIMINAL_ANY;
    "刑抗", "刑事抗诉审查", C::Criminal, CRIMINAL_ANY;
    "刑再", "刑事再审", C::Criminal, CRIMINAL_ANY;
    "刑没", "违法所得没收", C::Criminal, CRIMINAL_ANY;
    "刑核", "刑事复核", C::Criminal, CRIMINAL_ANY;
    "刑医", "强制医疗", C::Criminal, CRIMINAL_ANY;
    "刑医解", "解除强制医疗", C::Criminal, CRIMINAL_ANY;
    "刑医复", "强制医疗复议", C::Criminal, CRIMINAL_ANY;
    "刑医监", "强制医疗监督", C::Criminal, CRIMINAL_ANY;
    "刑止", "停止执行死刑", C::Criminal, CRIMINAL_ANY;
    "刑止调", "停止执行死刑调查", C::Criminal, CRIMINAL_ANY;
    "刑止核", "停止执行死刑复核", C::Criminal, CRIMINAL_ANY;
    "刑更", "刑罚与执行变更", C::Criminal, CRIMINAL_ANY;
    "刑更监", "刑罚与执行变更监督", C::Criminal, CRIMINAL_ANY;
    "刑更备", "刑罚与执行变更备案", C::Criminal, CRIMINAL_ANY;
    "刑辖", "刑事管辖", C::Criminal, CRIMINAL_ANY;
    "刑他", "刑事其他", C::Criminal, CRIMINAL_ANY;
    "行初", "行政一审", C::Administrative, &[P::AdminFirst, P::AdminSimple];
    "行终", "行政二审", C::Administrative, &[P::AdminAppeal];
    "行监", "行政依职权再审审查", C::Administrative, ADMIN_ANY;
    "行申", "行政申请再审审查", C::Administrative, ADMIN_ANY;
    "行抗", "行政抗诉再审审查", C::Administrative, ADMIN_ANY;
    "行再", "行政再审", C::Administrative, ADMIN_ANY;
    "行审", "非诉行政行为申请执行审查", C::Administrative, ADMIN_ANY;
    "行审复", "非诉行政行为执行审查复议", C::Administrative, ADMIN_ANY;
    "行辖", "行政管辖", C::Administrative, ADMIN_ANY;
    "行辖终", "行政管辖上诉", C::Administrative, ADMIN_ANY;
    "行他", "行政其他", C::Administrative, ADMIN_ANY;
    "行赔初", "行政赔偿一审", C::Administrative, ADMIN_ANY;
    "行赔终", "行政赔偿二审", C::Administrative, ADMIN_ANY;
    "行赔监", "行政赔偿监督", C::Administrative, ADMIN_ANY;
    "行赔申", "行政赔偿申请再审审查", C::Administrative, ADMIN_ANY;
    "行赔抗", "行政赔偿抗诉", C::Administrative, ADMIN_ANY;
    "行赔再", "行政赔偿再审", C::Administrative, ADMIN_ANY;
    "执", "首次执行", C::Enforcement, ENFORCEMENT;
    "执恢", "恢复执行", C::Enforcement, ENFORCEMENT;
    "执保", "财产保全执行", C::Enforcement, ENFORCEMENT;
    "执异", "执行异议", C::Enforcement, ENFORCEMENT;
    "执复", "执行复议", C::Enforcement, ENFORCEMENT;
    "执监", "执行监督", C::Enforcement, ENFORCEMENT;
    "执协", "执行协调", C::Enforcement, ENFORCEMENT;
    "执他", "执行其他", C::Enforcement, ENFORCEMENT;
    "法赔", "法院作为赔偿义务机关自赔", C::Other, &[];
    "委赔", "赔偿委员会审理赔偿", C::Other, &[];
    "委赔监", "赔偿委员会监督", C::Other, &[];
    "委赔提", "赔偿委员会提审", C::Other, &[];
    "委赔再", "赔偿委员会重新审理", C::Other, &[];
    "赔他", "国家赔偿其他", C::Other, &[];
    "赔辖", "国家赔偿管辖", C::Other, &[];
    "赔辖终", "国家赔偿管辖上诉", C::Other, &[];
    "司救刑", "刑事司法救助", C::Other, &[];
    "司救民", "民事司法救助", C::Other, &[];
    "司救行", "行政司法救助", C::Other, &[];
    "司救赔", "国家赔偿司法救助", C::Other, &[];
    "司救执", "执行司法救助", C::Other, &[];
    "司救访", "涉诉信访司法救助", C::Other, &[];
    "司救他", "其他司法救助", C::Other, &[];
    "司惩", "司法制裁审查", C::Other, &[];
    "司惩复", "司法制裁复议", C::Other, &[];
    "财保", "非诉财产保全审查", C::Other, &[];
    "行保", "非诉行为保全审查", C::Other, &[];
    "行保复", "非诉行为保全复议", C::Other, &[];
    "证保", "非诉证据保全审查", C::Other, &[];
    "认台", "认可台湾地区法院裁判", C::Other, &[];
    "认港", "认可香港特区法院裁判", C::Other, &[];
    "认澳", "认可澳门特区法院裁判", C::Other, &[];
    "认复", "认可与执行审查复议", C::Other, &[];
    "认他", "认可与执行其他", C::Other, &[];
    "协外认", "协助外国法院承认与执行", C::Other, &[];
    "协外送", "协助外国送达", C::Other, &[];
    "请外送", "请求外国送达", C::Other, &[];
    "协外调", "协助外国调查取证", C::Other, &[];
    "请外调", "请求外国调查取证", C::Other, &[];
    "协他", "司法协助其他", C::Other, &[];
    "诉前调确", "诉前调解司法确认", C::Civil, &[P::CivilSpecial];
    "诉前调书", "诉前调解书", C::Civil, CIVIL_ANY;
];

/// Pre-2016 type codes in the `…字第…号` form, e.g. 吴江**商初**字第01894号.
const LEGACY_TYPE_CODES: &[(&str, CaseCategory)] = &[
    ("民初", C::Civil),
    ("民终", C::Civil),
    ("民再", C::Civil),
    ("民申", C::Civil),
    ("民监", C::Civil),
    ("民特", C::Civil),
    ("民督", C::Civil),
    ("民催", C::Civil),
    ("民他", C::Civil),
    ("商初", C::Civil),
    ("商终", C::Civil),
    ("商再", C::Civil),
    ("商申", C::Civil),
    ("商他", C::Civil),
    ("知初", C::Civil),
    ("知终", C::Civil),
    ("刑初", C::Criminal),
    ("刑终", C::Criminal),
    ("刑再", C::Criminal),
    ("刑监", C::Criminal),
    ("行初", C::Administrative),
    ("行终", C::Administrative),
    ("行再", C::Administrative),
    ("行监", C::Administrative),
    ("执字", C::Enforcement),
    ("执恢", C::Enforcement),
    ("执异", C::Enforcement),
    ("执复", C::Enforcement),
    ("执监", C::Enforcement),
    ("执", C::Enforcement),
];

/// High-court codes: provincial abbreviations, plus 内 (Inner Mongolia), 军 (military) and 兵 (XPCC).
const PROVINCES: &str = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新军兵";
/// Specialised-trial codes (专门审判代字). Only 知 (IP) is named in the 2018 rules; 金 (financial courts) and
/// 海 (maritime) are seen in real numbers. Kept small on purpose: a longer list would swallow type codes.
const SPECIALISED: &[char] = &['知', '金', '海'];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseNumber {
    pub year: u16,
    /// 法院代字, e.g. `粤0309`, `最高法`, or for pre-2016 numbers the court abbreviation (`吴江`).
    pub court_code: String,
    pub specialised: Option<char>,
    /// 类型代字, e.g. `民初`.
    pub type_code: String,
    pub serial: String,
    /// `之一` → 1.
    pub sub_index: Option<u32>,
    /// True for the pre-2016 `…字第…号` form.
    pub legacy: bool,
    pub category: CaseCategory,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseNumberError {
    #[error("案号为空")]
    Empty,
    #[error("案号“{input}”缺少收案年度：应以（2024）这样的括号年份开头")]
    MissingYear { input: String },
    #[error("案号“{input}”的收案年度“{year}”无效：应为 1949 至 2100 之间的四位数字")]
    BadYear { input: String, year: String },
    #[error("案号“{input}”的法院代字“{court}”无效：应为省级简称（如“粤”）加 0、2 或 4 位数字，或“最高法”")]
    BadCourt { input: String, court: String },
    #[error("案号“{input}”的类型代字无法识别（“{rest}”）：应为“民初”“民终”“刑初”“行初”“执”等代字")]
    UnknownType { input: String, rest: String },
    #[error("案号“{input}”缺少案件编号：类型代字后应为数字，例如“民初1234号”")]
    MissingSerial { input: String },
    #[error("案号“{input}”的案件编号不能为 0：同一年度同类案件从 1 号起编")]
    ZeroSerial { input: String },
    #[error("案号“{input}”缺少结尾的“号”字")]
    MissingHao { input: String },
    #[error("案号“{input}”在“号”之后有多余内容“{rest}”：只允许“之一”“之二”等后缀")]
    Trailing { input: String, rest: String },
}

impl CaseNumberError {
    /// Which part of the number is wrong, for the UI to highlight.
    pub fn part(&self) -> &'static str {
        match self {
            Self::Empty => "whole",
            Self::MissingYear { .. } | Self::BadYear { .. } => "year",
            Self::BadCourt { .. } => "court",
            Self::UnknownType { .. } => "type",
            Self::MissingSerial { .. } | Self::ZeroSerial { .. } => "serial",
            Self::MissingHao { .. } | Self::Trailing { .. } => "suffix",
        }
    }
}

impl crate::Coded for CaseNumberError {
    fn code(&self) -> &'static str {
        "casenum_invalid"
    }
    fn detail(&self) -> Option<serde_json::Value> {
        Some(serde_json::json!({ "part": self.part() }))
    }
}

/// Full-width digits and brackets to ASCII, white space removed, 〔〕/[] treated as brackets.
fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '（' | '〔' | '[' | '［' => '(',
            '）' | '〕' | ']' | '］' => ')',
            _ => c,
        })
        .collect()
}

fn chinese_index(s: &str) -> Option<u32> {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|p| p as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).filter(|d| *d > 0),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn index_chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", DIGITS[(n / 10) as usize]),
        _ => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
    }
}

impl CaseNumber {
    pub fn parse(input: &str) -> Result<Self, CaseNumberError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(CaseNumberError::Empty);
        }
        let input = input.trim().to_string();
        let Some(rest) = s.strip_prefix('(') else {
            return Err(CaseNumberError::MissingYear { input });
        };
        let Some(close) = rest.find(')') else {
            return Err(CaseNumberError::MissingYear { input });
        };
        let year_text = &rest[..close];
        let year = year_text
            .parse::<u16>()
            .ok()
            .filter(|y| year_text.len() == 4 && (1949..=2100).contains(y))
            .ok_or_else(|| CaseNumberError::BadYear { input: input.clone(), year: year_text.to_string() })?;
        let body = &rest[close + 1..];

        // Split off `号` and an optional 之N suffix.
        let Some(hao) = body.rfind('号') else {
            return Err(CaseNumberError::MissingHao { input });
        };
        let (before, after) = (&body[..hao], &body[hao + '号'.len_utf8()..]);
        let sub_index = if after.is_empty() {
            None
        } else {
            let idx = after.strip_prefix('之').and_then(chinese_index);
            Some(idx.ok_or_else(|| CaseNumberError::Trailing { input: input.clone(), rest: after.to_string() })?)
        };

        // Serial: the digits just before 号.
        let digits_start = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let serial = &before[digits_start..];
        if serial.is_empty() {
            return Err(CaseNumberError::MissingSerial { input });
        }
        let head = &before[..digits_start];
        // Numbers are issued from 1 each year (法〔2015〕137号 第十条); 0号 is always a typing error.
        if serial.bytes().all(|b| b == b'0') {
            return Err(CaseNumberError::ZeroSerial { input });
        }

        if let Some(legacy_head) = head.strip_suffix("字第") {
            return Self::parse_legacy(input, year, legacy_head, serial, sub_index);
        }
        let serial = serial.trim_start_matches('0');
        let serial = if serial.is_empty() { "0" } else { serial };
        let (court_code, after_court) =
            split_court(head).map_err(|court| CaseNumberError::BadCourt { input: input.clone(), court })?;
        let (specialised, type_text) = match after_court.chars().next() {
            Some(c) if SPECIALISED.contains(&c) && find_type(&after_court[c.len_utf8()..]).is_some() => {
                (Some(c), &after_court[c.len_utf8()..])
            }
            _ => (None, after_court),
        };
        let tc = find_type(type_text)
            .ok_or_else(|| CaseNumberError::UnknownType { input: input.clone(), rest: type_text.to_string() })?;
        Ok(CaseNumber {
            year,
            court_code,
            specialised,
            type_code: tc.code.to_string(),
            serial: serial.to_string(),
            sub_index,
            legacy: false,
            category: tc.category,
        })
    }

    fn parse_legacy(
        input: String,
        year: u16,
        head: &str,
        serial: &str,
        sub_index: Option<u32>,
    ) -> Result<Self, CaseNumberError> {
        let found = LEGACY_TYPE_CODES
            .iter()
            .filter(|(code, _)| head.ends_with(code) && head.len() > code.len())
            .max_by_key(|(code, _)| code.len());
        let Some((code, category)) = found else {
            return Err(CaseNumberError::UnknownType { input, rest: head.to_string() });
        };
        Ok(CaseNumber {
            year,
            court_code: head[..head.len() - code.len()].to_string(),
            specialised: None,
            type_code: code.to_string(),
            serial: serial.to_string(),
            sub_index,
            legacy: true,
            category: *category,
        })
    }

    /// The one stored and searched form, e.g. `（2024）粤0309民初1234号之一`.
    pub fn canonical(&self) -> String {
        let mut out = format!("（{}）{}", self.year, self.court_code);
        if let Some(c) = self.specialised {
            out.push(c);
        }
        out.push_str(&self.type_code);
        if self.legacy {
            out.push_str("字第");
        }
        out.push_str(&self.serial);
        out.push('号');
        if let Some(i) = self.sub_index {
            out.push('之');
            out.push_str(&index_chinese(i));
        }
        out
    }

    pub fn type_info(&self) -> Option<&'static TypeCode> {
        if self.legacy {
            return None;
        }
        TYPE_CODES.iter().find(|t| t.code == self.type_code)
    }

    /// Whether `procedure` is allowed for this number's type code (`None` = the table places no limit).
    pub fn allows(&self, procedure: Procedure) -> bool {
        match self.type_info() {
            Some(t) if !t.procedures.is_empty() => t.procedures.contains(&procedure),
            _ => self.legacy_allows(procedure),
        }
    }

    fn legacy_allows(&self, procedure: Procedure) -> bool {
        self.category == CaseCategory::Other || procedure.category() == self.category
    }

    /// Level of the court from its code: 最高法, high court (province only), intermediate (2 digits), basic (4).
    pub fn court_level(&self) -> &'static str {
        if self.legacy {
            return "未知";
        }
        if self.court_code == "最高法" {
            return "最高人民法院";
        }
        match self.court_code.chars().filter(|c| c.is_ascii_digit()).count() {
            0 => "高级人民法院",
            2 => "中级人民法院",
            _ => "基层人民法院",
        }
    }
}

fn split_court(head: &str) -> Result<(String, &str), String> {
    if let Some(rest) = head.strip_prefix("最高法") {
        return Ok(("最高法".to_string(), rest));
    }
    let mut chars = head.chars();
    let Some(first) = chars.next() else { return Err(String::new()) };
    if !PROVINCES.contains(first) {
        let shown: String = head.chars().take(3).collect();
        return Err(shown);
    }
    let after_first = &head[first.len_utf8()..];
    let digit_len = after_first.bytes().take_while(|b| b.is_ascii_digit()).count();
    if !matches!(digit_len, 0 | 2 | 4) {
        return Err(format!("{first}{}", &after_first[..digit_len]));
    }
    Ok((format!("{first}{}", &after_first[..digit_len]), &after_first[digit_len..]))
}

/// The type code must be the whole remaining text: the longest exact match wins by construction.
fn find_type(text: &str) -> Option<&'static TypeCode> {
    TYPE_CODES.iter().find(|t| t.code == text)
}

impl std::fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests;
