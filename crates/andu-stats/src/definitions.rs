//! The indicator definitions: one data file, `assets/indicators/indicators.toml`, embedded at build time. A court
//! may load its own copy ([`Definitions::from_toml_str`]); every result carries the version it was computed with.

use std::collections::{BTreeMap, BTreeSet};

use andu_core::Procedure;
use serde::{Deserialize, Serialize};

use crate::{KEYS, StatsError};

const EMBEDDED: &str = include_str!("../../../assets/indicators/indicators.toml");

/// One indicator's texts: what the court reads next to the number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
        Ok(Self {
            version: file.version.trim().to_string(),
            name: file.name,
            indicators,
            floors,
            litigation_procedures: procedures(&file.litigation.procedures, "litigation")?,
            first_instance_procedures: procedures(&file.case_matter.first_instance, "case_matter")?,
            population: file.population,
        })
    }

    pub fn get(&self, key: &str) -> Option<&IndicatorDef> {
        self.indicators.iter().find(|d| d.key == key)
    }

    /// The floor for `month` (1–12), if the file sets one.
    pub fn floor(&self, month: u32) -> Option<f64> {
        self.floors.iter().find(|f| f.month == month).map(|f| f.progress)
    }
}
