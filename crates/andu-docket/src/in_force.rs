//! What 设置 shows of the court's data in force: the 案件权重 and the court settings (阅核), each the built-in
//! default or the court's own — published through the court server (when, by whom) or set on this machine.

use andu_core::Coded;
use andu_store::Store;
use andu_store::review::{SETTING_OVERRIDE, SETTING_REQUIRED, SETTING_REVIEWER, published_setting_key};
use andu_store::sync::Publication;
use serde::Serialize;

use crate::ErrorBody;
use crate::case_weights::{WeightsInfo, weights_info};

/// The asset kinds (and names: single-file kinds are published under their kind) of the two court files.
const WEIGHTS_KIND: &str = "weights";
const SETTINGS_KIND: &str = "settings";

/// Where a setting in force comes from: `builtin` (not set: the default), `local` (set on this machine, not the
/// value the court's last publication gave it) or `court` (the value the court's last settings file gave it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SettingSource {
    Builtin,
    Local,
    Court,
}

/// One court setting in force: its key, its value, where that value comes from and, for the court's, the
/// publication that set it (when, by whom).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingInForce {
    pub key: String,
    pub value: String,
    pub source: SettingSource,
    pub published: Option<Publication>,
}

/// The case weights and court settings in force, with the court's last publication of each (`None`: never
/// received from a court server — built-in, or set on this machine when `custom` says so). Each setting names its
/// own source: a court file sets some keys and leaves others at their default, and a key may be set here after it.
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
    let setting = |key: &str| -> Result<Option<String>, ErrorBody> {
        Ok(store.setting(key).map_err(|e| e.to_body())?.map(|v| v.trim().to_string()))
    };
    let published = |kind: &str| store.asset_publication(kind, kind).map_err(|e| e.to_body());
    let settings_published = published(SETTINGS_KIND)?;
    let values = [
        (SETTING_REVIEWER, review.reviewer.name_zh()),
        (SETTING_REQUIRED, if review.required_for_all { "all" } else { "sent" }),
        (SETTING_OVERRIDE, if review.override_allowed { "allowed" } else { "refused" }),
    ];
    let mut settings = Vec::with_capacity(values.len());
    for (key, value) in values {
        let here = setting(key)?.filter(|v| !v.is_empty());
        let source = match (here, setting(&published_setting_key(key))?) {
            (None, _) => SettingSource::Builtin,
            (Some(v), Some(court)) => {
                if v == court {
                    SettingSource::Court
                } else {
                    SettingSource::Local
                }
            }
            // A court file applied before the store kept each key's published value: the court's, if one came.
            (Some(_), None) if settings_published.is_some() => SettingSource::Court,
            (Some(_), None) => SettingSource::Local,
        };
        let published = if source == SettingSource::Court { settings_published.clone() } else { None };
        settings.push(SettingInForce { key: key.to_string(), value: value.to_string(), source, published });
    }
    Ok(CourtDataInForce {
        weights: weights_info(store)?,
        weights_published: published(WEIGHTS_KIND)?,
        settings,
        settings_published,
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
        let pairs: Vec<(&str, &str, SettingSource)> =
            shown.settings.iter().map(|x| (x.key.as_str(), x.value.as_str(), x.source)).collect();
        use SettingSource::*;
        assert_eq!(
            pairs,
            [
                ("review:reviewer", "庭长", Builtin),
                ("review:required", "sent", Builtin),
                ("review:override", "allowed", Builtin)
            ]
        );
        s.set_setting(SETTING_REVIEWER, "院长").unwrap();
        let shown = court_data_in_force(&s).unwrap();
        assert_eq!((shown.settings[0].value.as_str(), shown.settings[0].source), ("院长", Local));
        assert_eq!(shown.settings[0].published, None);
    }
}
