//! The 案件权重 in force for 折算结案数: a court's file (published through the court server, `andu-server publish
//! weights FILE`, or imported on one machine), else the embedded one (every case 1.0). Kept in the store as a
//! setting, like the indicator definitions, so every device of the court computes with the court's weights.

use andu_core::Coded;
use andu_stats::CaseWeights;
use andu_store::Store;
use serde::Serialize;

use crate::ErrorBody;

/// Where a court's weights file is kept (an empty value: the embedded file).
const WEIGHTS_KEY: &str = "case-weights";

/// Which weights are in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WeightsInfo {
    /// The court's file is in force (`false`: the embedded one).
    pub custom: bool,
    pub version: String,
}

fn stored(store: &Store) -> Result<Option<String>, ErrorBody> {
    Ok(store.setting(WEIGHTS_KEY).map_err(|e| e.to_body())?.filter(|t| !t.trim().is_empty()))
}

/// The weights in force: the court's file (checked again: one this version cannot read is `definitions_invalid`
/// saying what is wrong, never numbers under wrong weights), else the embedded one.
pub fn weights(store: &Store) -> Result<CaseWeights, ErrorBody> {
    match stored(store)? {
        Some(text) => CaseWeights::from_toml_str(&text).map_err(|e| {
            let mut body = e.to_body();
            body.message = format!("本院的{}（可重新发布或恢复默认）", body.message);
            body
        }),
        None => Ok(CaseWeights::embedded()),
    }
}

pub fn weights_info(store: &Store) -> Result<WeightsInfo, ErrorBody> {
    Ok(WeightsInfo { custom: stored(store)?.is_some(), version: weights(store)?.version })
}

/// Check a court's weights file with the parser every computation uses and keep it; a bad file is refused
/// (`definitions_invalid`) and the weights in force stay.
pub fn import_weights(store: &mut Store, text: &str) -> Result<WeightsInfo, ErrorBody> {
    let w = CaseWeights::from_toml_str(text).map_err(|e| e.to_body())?;
    store.set_setting(WEIGHTS_KEY, text).map_err(|e| e.to_body())?;
    Ok(WeightsInfo { custom: true, version: w.version })
}

/// Back to the embedded weights (the court withdrew its file).
pub fn reset_weights(store: &mut Store) -> Result<WeightsInfo, ErrorBody> {
    store.set_setting(WEIGHTS_KEY, "").map_err(|e| e.to_body())?;
    Ok(WeightsInfo { custom: false, version: CaseWeights::embedded().version })
}

#[cfg(test)]
mod tests {
    use andu_store::{DbKey, Store};

    use super::*;

    #[test]
    fn a_court_weights_file_is_checked_kept_used_and_reset() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.db"), &DbKey::new("k")).unwrap();
        assert!(!weights_info(&s).unwrap().custom);
        assert_eq!(weights(&s).unwrap(), CaseWeights::embedded());
        let court = "version = \"本院-2026\"\ndefault = 1.0\n[procedure]\n\"普通程序\" = 1.5\n";
        assert_eq!(import_weights(&mut s, court).unwrap(), WeightsInfo { custom: true, version: "本院-2026".into() });
        assert_eq!(weights(&s).unwrap().version, "本院-2026");
        let e = import_weights(&mut s, "version = \"x\"\ndefault = 0.0").unwrap_err();
        assert_eq!(e.code, "definitions_invalid");
        assert_eq!(weights_info(&s).unwrap().version, "本院-2026", "a bad file leaves the court's in force");
        assert!(!reset_weights(&mut s).unwrap().custom);
        assert_eq!(weights(&s).unwrap(), CaseWeights::embedded());
    }
}
