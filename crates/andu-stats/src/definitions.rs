//! The indicator definitions: one data file, `assets/indicators/indicators.toml`, embedded at build time. A court
//! may load its own copy ([`Definitions::from_toml_str`]); every result carries the version it was computed with.

use std::collections::{BTreeMap, BTreeSet};

use andu_core::Procedure;
use serde::{Deserialize, Serialize};

use crate::{KEYS, StatsError};

const EMBEDDED: &str = include_str!("../../../assets/indicators/indicators.toml");

/// One indicator's texts: what the court reads next to the number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub key: String,
    /// Chinese name, e.g. 结案率.
    pub name: String,
    pub definition: String,
    pub formula: String,
    /// What no public source settled and what Andu chose (starts with 存疑（UNSURE）); absent when settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsure: Option<String>,
}

/// A 均衡结案 floor: by the end of `month`, the year-to-date closure rate should be at least `progress`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Floor {
    pub month: u32,
    pub progress: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BalanceSection {
    floors: Vec<Floor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProceduresSection {
    procedures: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseMatterSection {
    first_instance: Vec<String>,
}

/// 发改案件逐案评查: how long a reviewer has, counted from the day the 改判/发回重审 outcome was recorded, and the
/// reason categories a review picks from (a court's file may change both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealReviewSettings {
    pub deadline_days: u32,
    pub reasons: Vec<String>,
}

impl Default for AppealReviewSettings {
    fn default() -> Self {
        Self {
            deadline_days: 30,
            reasons: ["认定事实", "适用法律", "程序", "新证据", "其他"].map(String::from).to_vec(),
        }
    }
}

/// 一次有效庭审: which closed cases the share is taken over (`heard`: those with at least one hearing day on or
/// before 结案; `closed`: every closed case, so a case closed without a hearing counts against the share).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingSettings {
    pub denominator: HearingDenominator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HearingDenominator {
    Heard,
    Closed,
}

impl Default for HearingSettings {
    fn default() -> Self {
        Self { denominator: HearingDenominator::Heard }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: String,
    name: String,
    balance: BalanceSection,
    #[serde(default)]
    population: BTreeMap<String, u64>,
    litigation: ProceduresSection,
    case_matter: CaseMatterSection,
    indicator: Vec<IndicatorDef>,
    /// Added after courts made their own copies: absent sections take the embedded file's.
    #[serde(default)]
    appeal_review: Option<AppealReviewSettings>,
    #[serde(default)]
    hearing: Option<HearingSettings>,
    #[serde(default)]
    performance: Vec<IndicatorDef>,
    #[serde(default)]
    review: Vec<IndicatorDef>,
}

/// The parsed and checked definition file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definitions {
    pub version: String,
    pub name: String,
    /// In [`KEYS`] order.
    pub indicators: Vec<IndicatorDef>,
    /// 均衡结案 floors, by month (1–12), ascending.
    pub floors: Vec<Floor>,
    /// 辖区常住人口 by court name (the case's `court` field), for 万人成讼率.
    pub population: BTreeMap<String, u64>,
    /// Procedures whose new cases count as 成讼 (万人成讼率).
    pub litigation_procedures: Vec<Procedure>,
    /// Procedures whose closed cases are a 案 (案-件比).
    pub first_instance_procedures: Vec<Procedure>,
    pub appeal_review: AppealReviewSettings,
    pub hearing: HearingSettings,
    /// The per-judge page's indicators ([`crate::PERFORMANCE_KEYS`] order), with their definitions.
    pub performance: Vec<IndicatorDef>,
    /// The 阅核 statistics' keys ([`crate::REVIEW_KEYS`] order), with their definitions.
    pub review: Vec<IndicatorDef>,
}

impl Definitions {
    /// The definitions shipped with Andu (checked by the test suite).
    pub fn embedded() -> Self {
        Self::from_toml_str(EMBEDDED).expect("embedded indicator definitions are valid (tested)")
    }

    /// The text of the embedded file, e.g. as a starting point for a court's own copy.
    pub fn embedded_text() -> &'static str {
        EMBEDDED
    }

    /// Parse and check a definition file: every indicator key Andu computes is defined exactly once and nothing
    /// else is; floors are months 1–12 with progress in [0, 1]; populations are positive; procedures are known.
    pub fn from_toml_str(text: &str) -> Result<Self, StatsError> {
        let file: File = toml::from_str(text).map_err(|e| StatsError::definitions(e.to_string()))?;
        if file.version.trim().is_empty() {
            return Err(StatsError::definitions("version 不能为空"));
        }
        let mut by_key: BTreeMap<&str, &IndicatorDef> = BTreeMap::new();
        for d in &file.indicator {
            if !KEYS.contains(&d.key.as_str()) {
                return Err(StatsError::definitions(format!("未知的指标键“{}”", d.key)));
            }
            if by_key.insert(d.key.as_str(), d).is_some() {
                return Err(StatsError::definitions(format!("指标键“{}”重复", d.key)));
            }
            if d.name.trim().is_empty() || d.definition.trim().is_empty() || d.formula.trim().is_empty() {
                return Err(StatsError::definitions(format!("指标“{}”缺少名称、口径说明或公式", d.key)));
            }
        }
        let missing: Vec<&str> = KEYS.iter().copied().filter(|k| !by_key.contains_key(k)).collect();
        if !missing.is_empty() {
            return Err(StatsError::definitions(format!("缺少指标定义：{}", missing.join("、"))));
        }
        let indicators = KEYS.iter().map(|k| by_key[k].clone()).collect();

        let mut floors = file.balance.floors.clone();
        floors.sort_by_key(|f| f.month);
        let mut months = BTreeSet::new();
        for f in &floors {
            if !(1..=12).contains(&f.month) || !months.insert(f.month) {
                return Err(StatsError::definitions(format!("均衡结案下限的月份 {} 无效或重复", f.month)));
            }
            if !(0.0..=1.0).contains(&f.progress) {
                return Err(StatsError::definitions(format!("{} 月的进度下限 {} 应在 0–1 之间", f.month, f.progress)));
            }
        }
        if let Some((court, _)) = file.population.iter().find(|(_, n)| **n == 0) {
            return Err(StatsError::definitions(format!("“{court}”的人口应大于 0")));
        }
        let procedures = |ids: &[String], section: &str| -> Result<Vec<Procedure>, StatsError> {
            ids.iter()
                .map(|id| {
                    Procedure::parse(id).map_err(|_| StatsError::definitions(format!("[{section}] 中未知的程序“{id}”")))
                })
                .collect()
        };
        let appeal_review = file.appeal_review.clone().unwrap_or_default();
        if appeal_review.deadline_days == 0 || appeal_review.deadline_days > 366 {
            return Err(StatsError::definitions("[appeal_review] deadline_days 应为 1–366 日"));
        }
        let mut reasons = BTreeSet::new();
        if appeal_review.reasons.is_empty()
            || appeal_review.reasons.iter().any(|r| r.trim().is_empty() || r.chars().count() > 20 || !reasons.insert(r))
        {
            return Err(StatsError::definitions("[appeal_review] reasons 应为不重复、不超过 20 字的评查原因类别"));
        }
        let performance = section_defs(&file.performance, &PERFORMANCE)?;
        let review = section_defs(&file.review, &REVIEW)?;
        Ok(Self {
            version: file.version.trim().to_string(),
            name: file.name,
            indicators,
            floors,
            litigation_procedures: procedures(&file.litigation.procedures, "litigation")?,
            first_instance_procedures: procedures(&file.case_matter.first_instance, "case_matter")?,
            population: file.population,
            appeal_review,
            hearing: file.hearing.unwrap_or_default(),
            performance,
            review,
        })
    }

    /// The definition of a per-judge indicator ([`crate::PERFORMANCE_KEYS`]).
    pub fn performance_def(&self, key: &str) -> Option<&IndicatorDef> {
        self.performance.iter().find(|d| d.key == key)
    }

    /// The definition of a 阅核 statistic ([`crate::REVIEW_KEYS`]).
    pub fn review_def(&self, key: &str) -> Option<&IndicatorDef> {
        self.review.iter().find(|d| d.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&IndicatorDef> {
        self.indicators.iter().find(|d| d.key == key)
    }

    /// The floor for `month` (1–12), if the file sets one.
    pub fn floor(&self, month: u32) -> Option<f64> {
        self.floors.iter().find(|f| f.month == month).map(|f| f.progress)
    }
}

/// A section of indicator texts added after courts made their own copies of the file.
struct Section {
    /// `performance`, as the file names it.
    table: &'static str,
    /// 法官业绩, as a message names it.
    what: &'static str,
    keys: &'static [&'static str],
    embedded: fn(&File) -> &Vec<IndicatorDef>,
}

fn performance_of(f: &File) -> &Vec<IndicatorDef> {
    &f.performance
}

fn review_of(f: &File) -> &Vec<IndicatorDef> {
    &f.review
}

const PERFORMANCE: Section =
    Section { table: "performance", what: "法官业绩", keys: crate::PERFORMANCE_KEYS, embedded: performance_of };
const REVIEW: Section =
    Section { table: "review", what: "阅核统计", keys: crate::REVIEW_KEYS, embedded: review_of };

/// The indicators a file defines in a section, or, when it defines none (a court's copy made before they existed),
/// the embedded file's. A file that defines some must define each once, with texts.
fn section_defs(given: &[IndicatorDef], section: &Section) -> Result<Vec<IndicatorDef>, StatsError> {
    let Section { table, what, keys, .. } = *section;
    if given.is_empty() {
        let embedded: File = toml::from_str(EMBEDDED).map_err(|e| StatsError::definitions(e.to_string()))?;
        let defs = (section.embedded)(&embedded);
        if defs.is_empty() {
            return Err(StatsError::definitions(format!("内置指标定义缺少 [[{table}]]")));
        }
        return section_defs(defs, section);
    }
    let mut by_key: BTreeMap<&str, &IndicatorDef> = BTreeMap::new();
    for d in given {
        if !keys.contains(&d.key.as_str()) {
            return Err(StatsError::definitions(format!("未知的{what}指标键“{}”", d.key)));
        }
        if by_key.insert(d.key.as_str(), d).is_some() {
            return Err(StatsError::definitions(format!("{what}指标键“{}”重复", d.key)));
        }
        if d.name.trim().is_empty() || d.definition.trim().is_empty() || d.formula.trim().is_empty() {
            return Err(StatsError::definitions(format!("{what}指标“{}”缺少名称、口径说明或公式", d.key)));
        }
    }
    let missing: Vec<&str> = keys.iter().copied().filter(|k| !by_key.contains_key(k)).collect();
    if !missing.is_empty() {
        return Err(StatsError::definitions(format!("缺少{what}指标定义：{}", missing.join("、"))));
    }
    Ok(keys.iter().map(|k| by_key[k].clone()).collect())
}
