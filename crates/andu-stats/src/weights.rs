//! 案件权重: how much one closed case counts in 折算结案数, by its procedure and its 案由. A data file like the
//! indicator definitions: `assets/weights/case_weights.toml` is embedded (every weight 1.0); a court loads its own.

use std::collections::BTreeMap;

use andu_core::Procedure;
use serde::{Deserialize, Serialize};

use crate::{CaseFacts, StatsError};

const EMBEDDED: &str = include_str!("../../../assets/weights/case_weights.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: String,
    default: f64,
    #[serde(default)]
    procedure: BTreeMap<String, f64>,
    #[serde(default)]
    cause: BTreeMap<String, f64>,
}

/// The weights in force: a case weighs `procedure weight × cause weight`, each `default` when not listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseWeights {
    pub version: String,
    pub default: f64,
    pub procedure: BTreeMap<Procedure, f64>,
    pub cause: BTreeMap<String, f64>,
}

fn weight_ok(w: f64) -> bool {
    w.is_finite() && w > 0.0 && w <= 100.0
}

impl CaseWeights {
    pub fn embedded() -> Self {
        Self::from_toml_str(EMBEDDED).expect("embedded case weights are valid (tested)")
    }

    /// Parse and check a weights file (`definitions_invalid` naming what is wrong): weights in (0, 100], known
    /// procedures, a version.
    pub fn from_toml_str(text: &str) -> Result<Self, StatsError> {
        let bad = |m: String| StatsError::definitions(format!("案件权重文件：{m}"));
        let file: File = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        if file.version.trim().is_empty() {
            return Err(bad("version 不能为空".into()));
        }
        if !weight_ok(file.default) {
            return Err(bad(format!("default 权重 {} 应大于 0、不超过 100", file.default)));
        }
        let mut procedure = BTreeMap::new();
        for (id, w) in &file.procedure {
            let p = Procedure::parse(id).map_err(|_| bad(format!("[procedure] 中未知的程序“{id}”")))?;
            if !weight_ok(*w) {
                return Err(bad(format!("程序“{id}”的权重 {w} 应大于 0、不超过 100")));
            }
            procedure.insert(p, *w);
        }
        for (cause, w) in &file.cause {
            if !weight_ok(*w) {
                return Err(bad(format!("案由“{cause}”的权重 {w} 应大于 0、不超过 100")));
            }
        }
        Ok(Self { version: file.version.trim().to_string(), default: file.default, procedure, cause: file.cause })
    }

    /// The weight of one case.
    pub fn of(&self, c: &CaseFacts) -> f64 {
        let p = self.procedure.get(&c.procedure).copied().unwrap_or(self.default);
        let k = self.cause.get(&*c.cause).copied().unwrap_or(self.default);
        p * k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(procedure: Procedure, cause: &str) -> CaseFacts {
        let mut c = CaseFacts::new("（2026）测1号", procedure, chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        c.cause = cause.into();
        c
    }

    #[test]
    fn the_embedded_file_weighs_every_case_one() {
        let w = CaseWeights::embedded();
        assert_eq!(w.of(&case(Procedure::CivilOrdinary, "民间借贷纠纷")), 1.0);
        assert_eq!(w.of(&case(Procedure::SmallClaims, "")), 1.0);
    }

    #[test]
    fn procedure_and_cause_weights_multiply_and_unlisted_ones_take_the_default() {
        let w = CaseWeights::from_toml_str(
            "version = \"本院-1\"\ndefault = 1.0\n[procedure]\n\"普通程序\" = 1.5\n[cause]\n\"建设工程施工合同纠纷\" = 2.0\n",
        )
        .unwrap();
        assert_eq!(w.of(&case(Procedure::CivilOrdinary, "建设工程施工合同纠纷")), 3.0);
        assert_eq!(w.of(&case(Procedure::CivilOrdinary, "民间借贷纠纷")), 1.5);
        assert_eq!(w.of(&case(Procedure::CivilSimple, "建设工程施工合同纠纷")), 2.0);
    }

    #[test]
    fn bad_files_are_refused_naming_the_problem() {
        for (text, says) in [
            ("version = \"\"\ndefault = 1.0", "version"),
            ("version = \"x\"\ndefault = 0.0", "default"),
            ("version = \"x\"\ndefault = 1.0\n[procedure]\n\"无此程序\" = 1.0", "无此程序"),
            ("version = \"x\"\ndefault = 1.0\n[cause]\n\"离婚纠纷\" = -1.0", "离婚纠纷"),
            ("version = \"x\"\ndefault = 1.0\nother = 1", "other"),
        ] {
            let e = CaseWeights::from_toml_str(text).unwrap_err().to_string();
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
