//! What 设置 shows of the court's data in force: the 案件权重 and the court settings (阅核), each the built-in
//! default or the court's own — published through the court server (when, by whom) or set on this machine.

use andu_core::Coded;
use andu_store::Store;
use andu_store::review::{SETTING_OVERRIDE, SETTING_REQUIRED, SETTING_REVIEWER};
use andu_store::sync::Publication;
use serde::Serialize;

use crate::ErrorBody;
use crate::case_weights::{WeightsInfo, weights_info};

/// The asset kinds (and names: single-file kinds are published under their kind) of the two court files.
const WEIGHTS_KIND: &str = "weights";
const SETTINGS_KIND: &str = "settings";

/// One court setting in force: its key, its value, and whether the court set it (`false`: the default).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingInForce {
    pub key: String,
    pub value: String,
    pub by_court: bool,
}

/// The case weights and court settings in force, with the court's last publication of each (`None`: never
/// received from a court server — built-in, or set on this machine when `custom`/`by_court` says so).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CourtDataInForce {
    pub weights: WeightsInfo,
    pub weights_published: Option<Publication>,
    pub settings: Vec<SettingInForce>,
    pub settings_published: Option<Publication>,
}

pub fn court_data_in_force(store: &Store) -> Result<CourtDataInForce, ErrorBody> {
    let review = store.review_settings().map_err(|e| e.to_body())?;
    let set_here = |key: &str| -> Result<bool, ErrorBody> {
        Ok(store.setting(key).map_err(|e| e.to_body())?.is_some_and(|v| !v.trim().is_empty()))
    };
    let values = [
        (SETTING_REVIEWER, review.reviewer.name_zh()),
        (SETTING_REQUIRED, if review.required_for_all { "all" } else { "sent" }),
        (SETTING_OVERRIDE, if review.override_allowed { "allowed" } else { "refused" }),
    ];
    let mut settings = Vec::with_capacity(values.len());
    for (key, value) in values {
        settings.push(SettingInForce { key: key.to_string(), value: value.to_string(), by_court: set_here(key)? });
    }
    let published = |kind: &str| store.asset_publication(kind, kind).map_err(|e| e.to_body());
    Ok(CourtDataInForce {
        weights: weights_info(store)?,
        weights_published: published(WEIGHTS_KIND)?,
        settings,
        settings_published: published(SETTINGS_KIND)?,
    })
}

#[cfg(test)]
mod tests {
    use andu_store::{DbKey, Store};

    use super::*;

    #[test]
    fn a_store_without_a_court_file_shows_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("f.db"), &DbKey::new("k")).unwrap();
        let shown = court_data_in_force(&s).unwrap();
        assert!(!shown.weights.custom);
        assert_eq!((shown.weights_published, shown.settings_published), (None, None));
        let pairs: Vec<(&str, &str, bool)> =
            shown.settings.iter().map(|x| (x.key.as_str(), x.value.as_str(), x.by_court)).collect();
        assert_eq!(
            pairs,
            [
                ("review:reviewer", "庭长", false),
                ("review:required", "sent", false),
                ("review:override", "allowed", false)
            ]
        );
        s.set_setting(SETTING_REVIEWER, "院长").unwrap();
        let shown = court_data_in_force(&s).unwrap();
        assert_eq!((shown.settings[0].value.as_str(), shown.settings[0].by_court), ("院长", true));
    }
}
