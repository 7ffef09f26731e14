//! Court settings the court publishes to every client (`andu-server publish settings 本院设置.toml`, an asset of
//! kind [`KIND`]) and the server itself obeys: today the 阅核 settings. One parser for both sides, so a file the
//! server accepts is one every client applies, and the server checks pushes against the same choice the clients
//! made (who reviews: `review:reviewer`).
//!
//! The file is TOML with the store settings' own names as keys:
//!
//! ```toml
//! "review:reviewer" = "院长"   # 庭长（默认）| 院长
//! "review:required" = "all"   # sent（默认）| all
//! "review:override" = "refused" # allowed（默认）| refused
//! ```

use std::collections::BTreeMap;

use crate::review::Reviewer;

/// The asset kind.
pub const KIND: &str = "settings";
/// The one name the settings are published under (a later file replaces the whole set).
pub const NAME: &str = "settings";

/// Each key a court may set, with the values it takes.
pub const KEYS: &[(&str, &[&str])] = &[
    ("review:reviewer", &["庭长", "院长"]),
    ("review:required", &["sent", "all"]),
    ("review:override", &["allowed", "refused"]),
];

/// Parse and check a settings file: known keys, known values (the reason in Chinese otherwise).
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        let Some((_, allowed)) = KEYS.iter().find(|(k, _)| *k == key) else {
            let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
            return Err(format!("未知的设置“{key}”：可设置 {}", known.join("、")));
        };
        let v = value.as_str().map(str::trim).unwrap_or_default();
        let v = if key == "review:reviewer" { Reviewer::parse(v).map(Reviewer::name_zh).unwrap_or(v) } else { v };
        if !allowed.contains(&v) {
            return Err(format!("设置“{key}”的值应为 {}，收到 {value}", allowed.join(" 或 ")));
        }
        out.insert(key, v.to_string());
    }
    Ok(out)
}

/// Who reviews under the published settings `text` (`None`, an empty text — withdrawn — or one without the key:
/// the default, the 庭长 of the case's division). A file the server stored was checked when published.
pub fn reviewer(text: Option<&str>) -> Reviewer {
    text.and_then(|t| parse(t).ok())
        .and_then(|m| m.get("review:reviewer").and_then(|v| Reviewer::parse(v)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settings_file_is_read_or_refused_naming_the_problem() {
        let m = parse("\"review:reviewer\" = \"president\"\n\"review:required\" = \"all\"").unwrap();
        assert_eq!(m["review:reviewer"], "院长");
        assert_eq!(m["review:required"], "all");
        assert_eq!(reviewer(Some("\"review:reviewer\" = \"院长\"")), Reviewer::President);
        assert_eq!(reviewer(Some("\"review:required\" = \"all\"")), Reviewer::Chief);
        assert_eq!(reviewer(Some("")), Reviewer::Chief);
        assert_eq!(reviewer(None), Reviewer::Chief);
        for (text, says) in [
            ("\"review:reviewer\" = \"审判长\"", "review:reviewer"),
            ("\"review:nobody\" = \"x\"", "review:nobody"),
            ("\"review:override\" = 1", "review:override"),
            ("not toml", ""),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
