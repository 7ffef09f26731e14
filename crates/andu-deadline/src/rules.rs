//! Statutory periods as data: `assets/rules/{civil,criminal,admin,enforcement}.toml`, one rule per period,
//! validated on load. The format is documented in `assets/rules/README.md`.

use std::collections::HashMap;

use andu_core::{CaseCategory, Procedure};
use serde::{Deserialize, Serialize};

use crate::DeadlineError;
use crate::events::is_event_kind;
use crate::period::{Direction, Length, Regime};

const EMBEDDED: [(&str, &str); 4] = [
    ("civil.toml", include_str!("../../../assets/rules/civil.toml")),
    ("criminal.toml", include_str!("../../../assets/rules/criminal.toml")),
    ("admin.toml", include_str!("../../../assets/rules/admin.toml")),
    ("enforcement.toml", include_str!("../../../assets/rules/enforcement.toml")),
];

/// The area a rule file covers; a rule without `procedures` applies to the area's procedures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Civil,
    Criminal,
    Admin,
    Enforcement,
}

impl Area {
    pub fn id(self) -> &'static str {
        match self {
            Self::Civil => "civil",
            Self::Criminal => "criminal",
            Self::Admin => "admin",
            Self::Enforcement => "enforcement",
        }
    }

    fn category(self) -> CaseCategory {
        match self {
            Self::Civil => CaseCategory::Civil,
            Self::Criminal => CaseCategory::Criminal,
            Self::Admin => CaseCategory::Administrative,
            Self::Enforcement => CaseCategory::Enforcement,
        }
    }
}

/// Whom a period binds: a party (上诉期) or the court itself (立案审查).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Concerns {
    Party,
    Court,
}

/// Whether a rule depends on the defendant's custody.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustodyCondition {
    #[default]
    Any,
    Detained,
    NotDetained,
}

/// The variant for a party with no domicile in China (CPL 285, 286, 283).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignVariant {
    pub length: Length,
    pub citation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub area: Area,
    pub trigger: String,
    pub length: Length,
    pub direction: Direction,
    pub regime: Regime,
    pub concerns: Concerns,
    /// Empty: any procedure.
    pub procedures: Vec<Procedure>,
    pub custody: CustodyCondition,
    pub foreign: Option<ForeignVariant>,
    /// The period's end is the day the document counts as served (公告送达, CPL 95): derivation then records
    /// the served event named by the publication event's `document`.
    pub deemed_service: bool,
    pub citation: String,
    pub note: Option<String>,
}

impl Rule {
    pub fn applies_to(&self, procedure: Procedure, custody: bool) -> bool {
        let custody_ok = match self.custody {
            CustodyCondition::Any => true,
            CustodyCondition::Detained => custody,
            CustodyCondition::NotDetained => !custody,
        };
        custody_ok && (self.procedures.is_empty() || self.procedures.contains(&procedure))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    area: Area,
    version: String,
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    name: String,
    trigger: String,
    length: Length,
    #[serde(default)]
    direction: Direction,
    regime: Regime,
    concerns: Concerns,
    citation: String,
    procedures: Option<Vec<String>>,
    #[serde(default)]
    custody: CustodyCondition,
    foreign: Option<ForeignVariant>,
    #[serde(default)]
    deemed_service: bool,
    note: Option<String>,
}

/// A validated set of rules, indexed by trigger event.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    versions: Vec<(Area, String)>,
    rules: Vec<Rule>,
    by_trigger: HashMap<String, Vec<usize>>,
}

impl RuleSet {
    /// A digest of the rules in force (see [`crate::HolidayCalendar::fingerprint`]).
    pub fn fingerprint(&self) -> u64 {
        crate::digest(&format!("{:?}|{:?}", self.versions, self.rules))
    }

    /// Parses and validates one rule file.
    pub fn from_toml_str(text: &str) -> Result<Self, DeadlineError> {
        let file: RuleFile =
            toml::from_str(text).map_err(|e| DeadlineError::rule(None, format!("TOML 格式错误：{e}")))?;
        if file.version.trim().is_empty() {
            return Err(DeadlineError::rule(None, "缺少 version"));
        }
        // A file replaces every rule of its area: an empty one would silently switch off all of its periods.
        if file.rules.is_empty() {
            return Err(DeadlineError::rule(
                None,
                "文件中没有任何 [[rule]]：导入后该领域的全部期间都将不再计算，请检查文件是否完整",
            ));
        }
        let mut set = Self { versions: vec![(file.area, file.version.trim().to_string())], ..Self::default() };
        for raw in file.rules {
            set.push(validate(file.area, raw)?)?;
        }
        Ok(set)
    }

    /// The four files shipped in `assets/rules/`.
    pub fn embedded() -> Self {
        let mut set = Self::default();
        for (name, text) in EMBEDDED {
            // Checked by the test suite; a failure here is a build defect, not input.
            let part = Self::from_toml_str(text).unwrap_or_else(|e| panic!("assets/rules/{name}: {e}"));
            set.merge(part).unwrap_or_else(|e| panic!("assets/rules/{name}: {e}"));
        }
        set
    }

    /// The embedded files with some replaced by a court's own (one file per area, as published by the court
    /// server or imported by an administrator): an area a court file covers is taken from it, every other area
    /// from the embedded file. Rule ids must stay unique across the result.
    pub fn embedded_with(court_files: &[&str]) -> Result<Self, DeadlineError> {
        let mut set = Self::default();
        let mut replaced = Vec::new();
        for text in court_files {
            let part = Self::from_toml_str(text)?;
            replaced.extend(part.versions.iter().map(|(area, _)| *area));
            set.merge(part)?;
        }
        for (name, text) in EMBEDDED {
            let part = Self::from_toml_str(text).unwrap_or_else(|e| panic!("assets/rules/{name}: {e}"));
            if part.versions.iter().any(|(area, _)| replaced.contains(area)) {
                continue;
            }
            set.merge(part)?;
        }
        Ok(set)
    }

    /// (area id, version) of every file in the set, by area.
    pub fn areas(&self) -> Vec<(&'static str, &str)> {
        self.versions.iter().map(|(a, v)| (a.id(), v.as_str())).collect()
    }

    /// Adds another file's rules (ids must stay unique; one version per area).
    pub fn merge(&mut self, other: RuleSet) -> Result<(), DeadlineError> {
        for (area, version) in other.versions {
            if self.versions.iter().any(|(a, _)| *a == area) {
                return Err(DeadlineError::rule(None, format!("领域“{}”的规则文件重复载入", area.id())));
            }
            self.versions.push((area, version));
        }
        self.versions.sort_by_key(|(area, _)| area.id());
        for rule in other.rules {
            self.push(rule)?;
        }
        Ok(())
    }

    fn push(&mut self, rule: Rule) -> Result<(), DeadlineError> {
        if self.rules.iter().any(|r| r.id == rule.id) {
            return Err(DeadlineError::rule(Some(&rule.id), "规则编号重复"));
        }
        self.by_trigger.entry(rule.trigger.clone()).or_default().push(self.rules.len());
        self.rules.push(rule);
        Ok(())
    }

    /// `admin@2025.11+civil@2025.11+…`: changes whenever any file's version does.
    pub fn version(&self) -> String {
        self.versions.iter().map(|(a, v)| format!("{}@{v}", a.id())).collect::<Vec<_>>().join("+")
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The rules an event of `kind` triggers, in file order.
    pub fn triggered_by<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.by_trigger.get(kind).into_iter().flatten().map(|i| &self.rules[*i])
    }
}

fn validate(area: Area, raw: RawRule) -> Result<Rule, DeadlineError> {
    let id = raw.id.trim().to_string();
    let err = |reason: String| DeadlineError::rule(Some(&id), reason);
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
        return Err(err("编号只能由小写字母、数字、“.”和“-”组成".into()));
    }
    if raw.name.trim().is_empty() {
        return Err(err("缺少名称 name".into()));
    }
    if !is_event_kind(&raw.trigger) {
        return Err(err(format!("未知的触发事件“{}”（见 andu_deadline::EVENT_KINDS）", raw.trigger)));
    }
    check_citation(&raw.citation).map_err(&err)?;
    if raw.regime == Regime::CriminalCustody {
        return Err(err("规则不能写 criminal-custody：羁押是案件事实，推算时自动适用".into()));
    }
    if (area == Area::Criminal) != raw.regime.is_criminal() {
        return Err(err(format!("{} 领域的规则不能使用 {} 计算规则", area.id(), raw.regime.id())));
    }
    if raw.direction == Direction::Before && matches!(raw.length, Length::Hours(_)) {
        return Err(err("以小时计算的期间不能倒算".into()));
    }
    if raw.deemed_service && !raw.trigger.contains("公告") {
        return Err(err("deemed_service 只适用于公告送达".into()));
    }
    if let Some(f) = &raw.foreign {
        check_citation(&f.citation).map_err(&err)?;
        if raw.concerns != Concerns::Party && !raw.deemed_service {
            return Err(err("foreign 变体只适用于当事人期间或公告送达".into()));
        }
    }
    let procedures = match raw.procedures {
        None => Procedure::ALL.into_iter().filter(|p| p.category() == area.category()).collect(),
        Some(list) if list.iter().any(|p| p == "*") => {
            if list.len() > 1 {
                return Err(err("procedures 写了“*”就不能再列其他程序".into()));
            }
            Vec::new()
        }
        Some(list) if list.is_empty() => return Err(err("procedures 不能为空列表（任何程序请写 [\"*\"]）".into())),
        Some(list) => {
            list.iter().map(|p| Procedure::parse(p).map_err(|e| err(e.to_string()))).collect::<Result<_, _>>()?
        }
    };
    Ok(Rule {
        name: raw.name.trim().to_string(),
        area,
        trigger: raw.trigger,
        length: raw.length,
        direction: raw.direction,
        regime: raw.regime,
        concerns: raw.concerns,
        procedures,
        custody: raw.custody,
        foreign: raw.foreign,
        deemed_service: raw.deemed_service,
        citation: raw.citation.trim().to_string(),
        note: raw.note.filter(|n| !n.trim().is_empty()),
        id,
    })
}

/// A citation names the instrument in 《》 and an article: `《民事诉讼法》第一百七十一条`.
fn check_citation(c: &str) -> Result<(), String> {
    let c = c.trim();
    let ok = c.starts_with('《') && c.contains("》第") && c.contains('条');
    if ok {
        Ok(())
    } else {
        Err(format!("出处“{c}”应写明法律名称和条文，例如《民事诉讼法》第一百七十一条"))
    }
}
