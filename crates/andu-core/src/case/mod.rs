//! The case model as it crosses boundaries (import files, the CLI, the app) and its validation.
//!
//! [`CaseInput`] is the JSON Lines import format, deliberately lenient in types (strings) so that one bad value
//! produces a precise field error instead of a serde failure for the whole line. [`CaseInput::validate`] turns it
//! into a [`ValidCase`] whose fields are typed, or reports **every** problem with its field path.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::Coded;
use crate::casenum::CaseNumber;
use crate::date::{format_date, parse_date};
use crate::procedure::Procedure;

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $(#[serde(rename = $text)] $variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),* } }
            pub fn parse(s: &str) -> Option<Self> { match s.trim() { $($text => Some($name::$variant),)* _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum!(
    /// 当事人诉讼地位.
    PartyRole {
        Plaintiff = "原告", Defendant = "被告", ThirdParty = "第三人", Appellant = "上诉人",
        Appellee = "被上诉人", Applicant = "申请人", Respondent = "被申请人", Executor = "申请执行人",
        Executed = "被执行人", Prosecutor = "公诉机关", PrivateProsecutor = "自诉人", Accused = "被告人",
        Victim = "被害人", OriginalPlaintiff = "原审原告", OriginalDefendant = "原审被告",
        OriginalThirdParty = "原审第三人", RetrialApplicant = "再审申请人", RetrialRespondent = "被申请人（原审）",
        Objector = "异议人", Outsider = "案外人",
    }
);
string_enum!(PartyKind { Person = "person", Org = "org" });
string_enum!(ClosingMethod {
    Judgment = "判决", Mediation = "调解", Withdrawal = "撤诉", Dismissal = "驳回起诉",
    Transfer = "移送", Termination = "终结", Other = "其他",
});
string_enum!(AppealOutcome {
    Affirmed = "维持", Reversed = "改判", Remanded = "发回重审", Withdrawn = "撤诉", Mediated = "调解",
});
string_enum!(
    /// Kinds of 审限扣除 (CPL-I 243, ALL-I 50, SPC-2000 Art 9).
    DeductionKind {
        Publication = "公告", Appraisal = "鉴定", JurisdictionObjection = "管辖异议",
        JurisdictionDispute = "管辖争议", Settlement = "和解", Mediation = "调解", Suspension = "中止",
        Audit = "审计", Valuation = "评估", Psychiatric = "精神病鉴定", NewEvidence = "补充证据",
        SupplementaryInvestigation = "补充侦查", Other = "其他",
    }
);
string_enum!(CaseStatus { Pending = "pending", Closed = "closed" });

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyInput {
    pub role: String,
    pub name: String,
    #[serde(default = "default_kind")]
    #[cfg_attr(feature = "ts", ts(type = "\"person\" | \"org\""))]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// True when the party has no domicile in China (答辩期/上诉期 30 days, CPL 285/286).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub foreign: bool,
}
fn default_kind() -> String {
    "person".into()
}

/// Who usually approves a 审限 extension or deduction (CPL 152: 经本院院长批准 for the first extension, 报请上级人民法院
/// beyond it; 庭长 and 审判委员会 where a court delegates): what the forms suggest. `approved`/`approved_by` stay free
/// text — a court names its own.
pub const USUAL_APPROVERS: &[&str] = &["院长", "副院长", "庭长", "副庭长", "审判委员会", "上级人民法院"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExtensionInput {
    pub approved: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default)]
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeductionInput {
    pub kind: String,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppealInput {
    pub filed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HearingInput {
    /// `YYYY-MM-DDTHH:MM` (local court time).
    pub start: String,
    #[serde(default)]
    pub room: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    pub text: String,
}

/// One line of a JSON Lines import; also what `andu case add` reads on stdin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseInput {
    pub case_no: String,
    #[serde(default)]
    pub cause: String,
    #[serde(default)]
    pub procedure: String,
    #[serde(default)]
    pub filed: String,
    #[serde(default)]
    pub court: String,
    #[serde(default)]
    pub division: String,
    #[serde(default)]
    pub judge: String,
    #[serde(default)]
    pub assistant: String,
    #[serde(default)]
    pub clerk: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub custody: bool,
    /// 合议庭: `审判长 张某、审判员 王建国、人民陪审员 李某`; empty for a judge sitting alone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub panel: String,
    #[serde(default)]
    pub parties: Vec<PartyInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_method: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<ExtensionInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<DeductionInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<AppealInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hearings: Vec<HearingInput>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

// ---- validated, typed forms -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    pub role: PartyRole,
    pub name: String,
    pub kind: PartyKind,
    pub id_number: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub agent: Option<String>,
    pub foreign: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExtensionLength {
    Months(u32),
    Days(u32),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub approved: NaiveDate,
    pub length: ExtensionLength,
    pub by: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deduction {
    pub kind: DeductionKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub approved_by: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appeal {
    pub filed: NaiveDate,
    pub outcome: Option<AppealOutcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hearing {
    pub start: NaiveDateTime,
    pub room: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidCase {
    pub case_no: CaseNumber,
    pub cause: String,
    pub procedure: Procedure,
    pub filed: NaiveDate,
    pub court: String,
    pub division: String,
    pub judge: String,
    pub assistant: String,
    pub clerk: String,
    pub custody: bool,
    pub panel: Vec<panel::PanelMember>,
    pub parties: Vec<Party>,
    pub closed: Option<NaiveDate>,
    pub closing_method: Option<ClosingMethod>,
    pub extensions: Vec<Extension>,
    pub deductions: Vec<Deduction>,
    pub appeal: Option<Appeal>,
    pub hearings: Vec<Hearing>,
    pub notes: Vec<String>,
}

/// One problem with one field, e.g. `parties[1].role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.errors))]
pub struct CaseInvalid {
    pub errors: Vec<FieldError>,
}

fn summary(errors: &[FieldError]) -> String {
    let first = errors.first().map(|e| format!("{}：{}", e.field, e.message)).unwrap_or_default();
    if errors.len() > 1 { format!("{first}（另有 {} 处错误）", errors.len() - 1) } else { first }
}

impl Coded for CaseInvalid {
    /// The first error's code: a single wrong 案号 reads `casenum_invalid`, as the UI expects.
    fn code(&self) -> &'static str {
        match self.errors.first().map(|e| e.code.as_str()) {
            Some("casenum_invalid") => "casenum_invalid",
            Some("date_invalid") => "date_invalid",
            Some("procedure_unknown") => "procedure_unknown",
            Some("party_duplicate") => "party_duplicate",
            Some("field_required") => "field_required",
            Some("case_not_closed") => "case_not_closed",
            Some("panel_invalid") => "panel_invalid",
            Some("field_too_long") => "field_too_long",
            Some("field_invalid_chars") => "field_invalid_chars",
            Some("appeal_review_not_applicable") => "appeal_review_not_applicable",
            _ => "case_invalid",
        }
    }
    fn detail(&self) -> Option<serde_json::Value> {
        serde_json::to_value(&self.errors).ok()
    }
}

pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let t = s.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
}

struct Errors(Vec<FieldError>);
impl Errors {
    fn push(&mut self, field: impl Into<String>, code: &str, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), code: code.into(), message: message.into() });
    }
    fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            self.push(field, "field_required", "必填");
            return None;
        }
        parse_date(value).map_err(|e| self.push(field, "date_invalid", e.to_string())).ok()
    }
    fn required(&mut self, field: &str, value: &str) -> String {
        if value.trim().is_empty() {
            self.push(field, "field_required", "必填");
        }
        value.trim().to_string()
    }
}

fn opt_trim(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl CaseInput {
    /// Every text field against [`limits::FIELD_LIMITS`]: length and characters, each error naming its field.
    fn check_texts(&self, e: &mut Errors) {
        let mut check = |field: String, value: &str| {
            if let Some(err) = limits::check(&field, value) {
                e.0.push(err);
            }
        };
        for (field, value) in [
            ("case_no", &self.case_no),
            ("cause", &self.cause),
            ("procedure", &self.procedure),
            ("court", &self.court),
            ("division", &self.division),
            ("judge", &self.judge),
            ("assistant", &self.assistant),
            ("clerk", &self.clerk),
            ("panel", &self.panel),
        ] {
            check(field.to_string(), value);
        }
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        for (i, p) in self.parties.iter().enumerate() {
            for (name, value) in [
                ("role", p.role.clone()),
                ("name", p.name.clone()),
                ("id_number", opt(&p.id_number)),
                ("address", opt(&p.address)),
                ("phone", opt(&p.phone)),
                ("agent", opt(&p.agent)),
            ] {
                check(format!("parties[{i}].{name}"), &value);
            }
        }
        for (i, x) in self.extensions.iter().enumerate() {
            check(format!("extensions[{i}].by"), &x.by);
            check(format!("extensions[{i}].reason"), &opt(&x.reason));
        }
        for (i, d) in self.deductions.iter().enumerate() {
            check(format!("deductions[{i}].kind"), &d.kind);
            check(format!("deductions[{i}].approved_by"), &opt(&d.approved_by));
            check(format!("deductions[{i}].reason"), &opt(&d.reason));
        }
        for (i, h) in self.hearings.iter().enumerate() {
            check(format!("hearings[{i}].room"), &h.room);
        }
        for (i, n) in self.notes.iter().enumerate() {
            check(format!("notes[{i}]"), n);
        }
    }

    pub fn validate(&self) -> Result<ValidCase, CaseInvalid> {
        let mut e = Errors(Vec::new());
        // Lengths and characters first, so they lead the list (and the error's code); a 案号 that fails them is
        // not parsed further.
        self.check_texts(&mut e);
        let case_no = if e.0.iter().any(|x| x.field == "case_no") {
            None
        } else {
            match CaseNumber::parse(&self.case_no) {
                Ok(n) => Some(n),
                Err(err) => {
                    e.push("case_no", "casenum_invalid", err.to_string());
                    None
                }
            }
        };
        let procedure = if self.procedure.trim().is_empty() {
            e.push("procedure", "field_required", "必填");
            None
        } else {
            Procedure::parse(&self.procedure)
                .map_err(|err| e.push("procedure", "procedure_unknown", err.to_string()))
                .ok()
        };
        if let (Some(n), Some(p)) = (&case_no, procedure)
            && !n.allows(p)
        {
            e.push(
                "procedure",
                "procedure_mismatch",
                format!("类型代字“{}”的案件不能适用“{}”", n.type_code, p.name_zh()),
            );
        }
        let cause = e.required("cause", &self.cause);
        let filed = e.date("filed", &self.filed);
        let closed = self.closed.as_deref().filter(|s| !s.trim().is_empty()).and_then(|s| e.date("closed", s));
        if let (Some(f), Some(c)) = (filed, closed)
            && c < f
        {
            e.push("closed", "value_invalid", format!("结案日期 {} 早于立案日期 {}", format_date(c), format_date(f)));
        }
        let closing_method = match opt_trim(&self.closing_method) {
            None => None,
            Some(m) => match ClosingMethod::parse(&m) {
                Some(m) if closed.is_some() || self.closed.is_some() => Some(m),
                Some(_) => {
                    e.push("closing_method", "value_invalid", "有结案方式但没有结案日期");
                    None
                }
                None => {
                    e.push(
                        "closing_method",
                        "value_invalid",
                        format!("未知的结案方式“{m}”：应为判决、调解、撤诉、驳回起诉、移送、终结或其他"),
                    );
                    None
                }
            },
        };

        let panel = if e.0.iter().any(|x| x.field == "panel") {
            Vec::new()
        } else {
            panel::parse_panel(&self.panel).unwrap_or_else(|m| {
                e.push("panel", "panel_invalid", m);
                Vec::new()
            })
        };

        let mut parties = Vec::new();
        if self.parties.is_empty() {
            e.push("parties", "field_required", "至少需要一名当事人");
        }
        for (i, p) in self.parties.iter().enumerate() {
            let f = |name: &str| format!("parties[{i}].{name}");
            let role = PartyRole::parse(&p.role);
            if role.is_none() {
                e.push(f("role"), "value_invalid", format!("未知的诉讼地位“{}”", p.role));
            }
            let kind = PartyKind::parse(&p.kind);
            if kind.is_none() {
                e.push(f("kind"), "value_invalid", format!("当事人类型“{}”应为 person 或 org", p.kind));
            }
            let name = e.required(&f("name"), &p.name);
            if let (Some(role), Some(kind)) = (role, kind) {
                if parties.iter().any(|q: &Party| q.role == role && q.name == name) {
                    e.push(f("name"), "party_duplicate", format!("当事人“{name}”（{role}）重复"));
                    continue;
                }
                parties.push(Party {
                    role,
                    name,
                    kind,
                    id_number: opt_trim(&p.id_number),
                    address: opt_trim(&p.address),
                    phone: opt_trim(&p.phone),
                    agent: opt_trim(&p.agent),
                    foreign: p.foreign,
                });
            }
        }

        let mut extensions = Vec::new();
        for (i, x) in self.extensions.iter().enumerate() {
            let approved = e.date(&format!("extensions[{i}].approved"), &x.approved);
            // The range `andu trial-limit --extend` accepts: no single grant in the law is longer.
            let length = match (x.months, x.days) {
                (Some(m), None) if (1..=24).contains(&m) => Some(ExtensionLength::Months(m)),
                (None, Some(d)) if (1..=730).contains(&d) => Some(ExtensionLength::Days(d)),
                _ => {
                    e.push(
                        format!("extensions[{i}]"),
                        "value_invalid",
                        "延长期限应给出 months（1–24）或 days（1–730）之一",
                    );
                    None
                }
            };
            if let (Some(a), Some(f)) = (approved, filed)
                && a < f
            {
                e.push(format!("extensions[{i}].approved"), "value_invalid", "批准日期早于立案日期");
            }
            if let (Some(approved), Some(length)) = (approved, length) {
                extensions.push(Extension {
                    approved,
                    length,
                    by: x.by.trim().to_string(),
                    reason: opt_trim(&x.reason),
                });
            }
        }

        let mut deductions = Vec::new();
        for (i, d) in self.deductions.iter().enumerate() {
            let kind = DeductionKind::parse(&d.kind);
            if kind.is_none() {
                e.push(format!("deductions[{i}].kind"), "value_invalid", format!("未知的扣除事由“{}”", d.kind));
            }
            let from = e.date(&format!("deductions[{i}].from"), &d.from);
            let to = e.date(&format!("deductions[{i}].to"), &d.to);
            if let (Some(a), Some(b)) = (from, to)
                && b < a
            {
                e.push(format!("deductions[{i}]"), "value_invalid", "扣除期间的结束日期早于开始日期");
            }
            if let (Some(kind), Some(from), Some(to)) = (kind, from, to) {
                deductions.push(Deduction {
                    kind,
                    from,
                    to,
                    approved_by: opt_trim(&d.approved_by),
                    reason: opt_trim(&d.reason),
                });
            }
        }

        let appeal = self.appeal.as_ref().and_then(|a| {
            let filed = e.date("appeal.filed", &a.filed);
            let outcome = match opt_trim(&a.outcome) {
                None => None,
                Some(o) => {
                    let parsed = AppealOutcome::parse(&o);
                    if parsed.is_none() {
                        e.push("appeal.outcome", "value_invalid", format!("未知的二审结果“{o}”"));
                    }
                    parsed
                }
            };
            Some(Appeal { filed: filed?, outcome })
        });

        let mut hearings = Vec::new();
        for (i, h) in self.hearings.iter().enumerate() {
            match parse_datetime(&h.start) {
                Some(start) => hearings.push(Hearing { start, room: h.room.trim().to_string() }),
                None => e.push(
                    format!("hearings[{i}].start"),
                    "date_invalid",
                    format!("开庭时间“{}”应为 YYYY-MM-DDTHH:MM", h.start),
                ),
            }
        }

        if !e.0.is_empty() {
            return Err(CaseInvalid { errors: e.0 });
        }
        // Every Option below is Some: a None would have pushed an error above.
        let (Some(case_no), Some(procedure), Some(filed)) = (case_no, procedure, filed) else {
            unreachable!("validation errors were reported above")
        };
        Ok(ValidCase {
            case_no,
            cause,
            procedure,
            filed,
            court: self.court.trim().to_string(),
            division: self.division.trim().to_string(),
            judge: self.judge.trim().to_string(),
            assistant: self.assistant.trim().to_string(),
            clerk: self.clerk.trim().to_string(),
            custody: self.custody,
            panel,
            parties,
            closed,
            closing_method,
            extensions,
            deductions,
            appeal,
            hearings,
            notes: self.notes.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect(),
        })
    }
}

impl ValidCase {
    pub fn status(&self) -> CaseStatus {
        if self.closed.is_some() { CaseStatus::Closed } else { CaseStatus::Pending }
    }

    /// Back to the import/export format; `validate(to_input(c)) == c` (tested).
    pub fn to_input(&self) -> CaseInput {
        CaseInput {
            case_no: self.case_no.canonical(),
            cause: self.cause.clone(),
            procedure: self.procedure.id().into(),
            filed: format_date(self.filed),
            court: self.court.clone(),
            division: self.division.clone(),
            judge: self.judge.clone(),
            assistant: self.assistant.clone(),
            clerk: self.clerk.clone(),
            custody: self.custody,
            panel: panel::format_panel(&self.panel),
            parties: self
                .parties
                .iter()
                .map(|p| PartyInput {
                    role: p.role.as_str().into(),
                    name: p.name.clone(),
                    kind: p.kind.as_str().into(),
                    id_number: p.id_number.clone(),
                    address: p.address.clone(),
                    phone: p.phone.clone(),
                    agent: p.agent.clone(),
                    foreign: p.foreign,
                })
                .collect(),
            closed: self.closed.map(format_date),
            closing_method: self.closing_method.map(|m| m.as_str().into()),
            extensions: self
                .extensions
                .iter()
                .map(|x| ExtensionInput {
                    approved: format_date(x.approved),
                    months: match x.length {
                        ExtensionLength::Months(m) => Some(m),
                        _ => None,
                    },
                    days: match x.length {
                        ExtensionLength::Days(d) => Some(d),
                        _ => None,
                    },
                    by: x.by.clone(),
                    reason: x.reason.clone(),
                })
                .collect(),
            deductions: self
                .deductions
                .iter()
                .map(|d| DeductionInput {
                    kind: d.kind.as_str().into(),
                    from: format_date(d.from),
                    to: format_date(d.to),
                    approved_by: d.approved_by.clone(),
                    reason: d.reason.clone(),
                })
                .collect(),
            appeal: self
                .appeal
                .as_ref()
                .map(|a| AppealInput { filed: format_date(a.filed), outcome: a.outcome.map(|o| o.as_str().into()) }),
            hearings: self
                .hearings
                .iter()
                .map(|h| HearingInput { start: h.start.format("%Y-%m-%dT%H:%M").to_string(), room: h.room.clone() })
                .collect(),
            notes: self.notes.clone(),
        }
    }
}

pub mod limits;
pub mod panel;
#[cfg(test)]
mod tests;
