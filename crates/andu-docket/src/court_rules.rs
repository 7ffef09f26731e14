//! A court's own rule files (期间规则): published by the court server or imported by an administrator, one file
//! per area, kept in the store and used instead of the embedded file of that area. Changing them tells the user
//! which open deadlines moved, like a new holiday year does.

use andu_core::{Coded, ErrorBody};
use andu_deadline::RuleSet;
use andu_store::Store;
use chrono::NaiveDate;
use serde::Serialize;

use crate::{Docket, MovedDeadline};

const COURT_RULES_PREFIX: &str = "rules:";

/// The result of taking a court's rule file into use.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleImport {
    /// `civil`, `criminal`, `admin` or `enforcement`.
    pub area: String,
    pub version: String,
    pub moved: Vec<MovedDeadline>,
}

/// One area of the rule set in force: its version and whether it is the court's file or the embedded one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleArea {
    pub area: String,
    pub version: String,
    /// `court` (published by the court or imported) or `builtin`.
    #[cfg_attr(feature = "ts", ts(type = "\"court\" | \"builtin\""))]
    pub source: &'static str,
}

/// The court files kept in the store, by area (an empty value is a reset to the embedded file).
pub(crate) fn court_rule_files(store: &Store) -> Result<Vec<(String, String)>, ErrorBody> {
    Ok(store
        .settings_with_prefix(COURT_RULES_PREFIX)
        .map_err(|e| e.to_body())?
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(key, text)| (key.trim_start_matches(COURT_RULES_PREFIX).to_string(), text))
        .collect())
}

pub(crate) fn rule_set_for(store: &Store) -> Result<RuleSet, ErrorBody> {
    let files = court_rule_files(store)?;
    let texts: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    RuleSet::embedded_with(&texts).map_err(|e| e.to_body())
}

impl Docket {
    /// Check a court's rule file against the other areas in force, keep it in the store for its area, and say
    /// which open deadlines of pending cases it moves. A file that does not parse or clashes changes nothing.
    pub fn import_rule_file(store: &mut Store, text: &str, today: NaiveDate) -> Result<RuleImport, ErrorBody> {
        let part = RuleSet::from_toml_str(text).map_err(|e| e.to_body())?;
        let [(area, version)] = part.areas()[..] else {
            unreachable!("a parsed rule file covers exactly one area");
        };
        let (area, version) = (area.to_string(), version.to_string());
        let mut files: Vec<String> =
            court_rule_files(store)?.into_iter().filter(|(a, _)| *a != area).map(|(_, t)| t).collect();
        files.push(text.to_string());
        let texts: Vec<&str> = files.iter().map(String::as_str).collect();
        let rules = RuleSet::embedded_with(&texts).map_err(|e| e.to_body())?;
        let before = Self::for_store(store)?;
        let after = Docket { rules, ..Self::for_store(store)? };
        let moved = before.moved_under(&after, store, today)?;
        store.set_setting(&format!("{COURT_RULES_PREFIX}{area}"), text).map_err(|e| e.to_body())?;
        Ok(RuleImport { area, version, moved })
    }

    /// Go back to the embedded file of `area`.
    pub fn reset_rule_file(store: &mut Store, area: &str, today: NaiveDate) -> Result<RuleImport, ErrorBody> {
        if !RuleSet::embedded().areas().iter().any(|(a, _)| *a == area) {
            return Err(ErrorBody {
                code: "rule_area_unknown".into(),
                message: format!(
                    "没有“{area}”这一领域的期间规则：可选 civil（民事）、criminal（刑事）、admin（行政）、enforcement（执行）"
                ),
                detail: None,
            });
        }
        let before = Self::for_store(store)?;
        let mut after = Self::for_store(store)?;
        let files: Vec<String> =
            court_rule_files(store)?.into_iter().filter(|(a, _)| a != area).map(|(_, t)| t).collect();
        let texts: Vec<&str> = files.iter().map(String::as_str).collect();
        after.rules = RuleSet::embedded_with(&texts).map_err(|e| e.to_body())?;
        let moved = before.moved_under(&after, store, today)?;
        store.set_setting(&format!("{COURT_RULES_PREFIX}{area}"), "").map_err(|e| e.to_body())?;
        let version = after.rules.areas().iter().find(|(a, _)| *a == area).map(|(_, v)| v.to_string());
        Ok(RuleImport { area: area.to_string(), version: version.unwrap_or_default(), moved })
    }

    /// Every area of the rule set in force, with where its file came from.
    pub fn rule_areas(store: &Store) -> Result<Vec<RuleArea>, ErrorBody> {
        let court: Vec<String> = court_rule_files(store)?.into_iter().map(|(a, _)| a).collect();
        Ok(rule_set_for(store)?
            .areas()
            .into_iter()
            .map(|(area, version)| RuleArea {
                area: area.to_string(),
                version: version.to_string(),
                source: if court.iter().any(|a| a == area) { "court" } else { "builtin" },
            })
            .collect())
    }
}
