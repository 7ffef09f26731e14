//! The court's own details that documents need beyond a case: its appellate court, for the 上诉于……人民法院 line of
//! a judgment (CPL 171). Kept in the store beside the user's profile (`profile:court`), set in 设置 or with
//! `andu court set --appellate`, and never guessed into a document: a court name does not always say which court
//! hears its appeals (北京市朝阳区 → 第三中级人民法院, a 铁路运输法院, a 知识产权法庭…), and the official name
//! carries its province (广东省深圳市中级人民法院), so an unset value shows as a visible gap, not a plausible guess.

use andu_core::{Coded, ErrorBody};
use andu_store::Store;
use serde::Serialize;

use crate::drafting::upper_court;

/// The store setting holding the appellate court's full name.
pub const APPELLATE_COURT_KEY: &str = "profile:appellate_court";

/// What a judgment says where the appellate court belongs while none is set: seen at once in the draft and the
/// exported file, never mistaken for a court.
pub const APPELLATE_COURT_UNSET: &str = "〔上诉法院未设置：请在“设置 → 本院信息”中填写本院的上一级法院〕";

const MAX_CHARS: usize = 50;

/// The court details as 设置 shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourtProfile {
    /// The court the store belongs to (the first run's 所在法院).
    pub court: String,
    /// The appellate court as set; `None` while unset.
    pub appellate_court: Option<String>,
    /// The court one level up as the court's name suggests (基层 → 中级 of its city), for the person to check and
    /// take; `None` when the name does not say.
    pub suggestion: Option<String>,
}

/// The appellate court set for this store, if any.
pub fn appellate_court(store: &Store) -> Result<Option<String>, ErrorBody> {
    let v = store.setting(APPELLATE_COURT_KEY).map_err(|e| e.to_body())?;
    Ok(v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
}

/// The court details of this store: its court, appellate court and the suggestion from the court's name.
pub fn court_profile(store: &Store) -> Result<CourtProfile, ErrorBody> {
    let court = store.setting("profile:court").map_err(|e| e.to_body())?.unwrap_or_default();
    let up = upper_court(&court);
    Ok(CourtProfile {
        suggestion: (!court.trim().is_empty() && up != "上一级人民法院").then_some(up),
        court,
        appellate_court: appellate_court(store)?,
    })
}

/// Set the appellate court (`""` clears it). A court's full name: one line, at most 50 characters, ending in
/// 法院 (人民法院, 中级人民法院, 最高人民法院…) or 法庭 (a 巡回法庭); anything else is `appellate_court_invalid`.
pub fn set_appellate_court(store: &mut Store, name: &str) -> Result<CourtProfile, ErrorBody> {
    let name = name.trim();
    if !name.is_empty() {
        let invalid = |why: &str| ErrorBody {
            code: "appellate_court_invalid".into(),
            message: format!("“{name}”不是法院的全称：{why}（例如 广东省深圳市中级人民法院）"),
            detail: Some(serde_json::json!({ "field": "appellate_court" })),
        };
        if name.chars().count() > MAX_CHARS || name.chars().any(char::is_control) {
            return Err(invalid("最多 50 个字，且不能换行"));
        }
        if !(name.ends_with("法院") || name.ends_with("法庭")) {
            return Err(invalid("应以“法院”结尾"));
        }
    }
    store.set_setting(APPELLATE_COURT_KEY, name).map_err(|e| e.to_body())?;
    court_profile(store)
}

#[cfg(test)]
mod tests {
    use andu_store::DbKey;

    use super::*;

    #[test]
    fn the_appellate_court_is_set_checked_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        s.set_setting("profile:court", "广东省深圳市龙华区人民法院").unwrap();
        let p = court_profile(&s).unwrap();
        assert_eq!(p.appellate_court, None);
        assert_eq!(p.suggestion.as_deref(), Some("广东省深圳市中级人民法院"));
        let p = set_appellate_court(&mut s, "  广东省深圳市中级人民法院 ").unwrap();
        assert_eq!(p.appellate_court.as_deref(), Some("广东省深圳市中级人民法院"));
        assert_eq!(appellate_court(&s).unwrap().as_deref(), Some("广东省深圳市中级人民法院"));
        let too_long = "法".repeat(49) + "法院";
        for bad in ["深圳中院吧", "广东省深圳市\n中级人民法院", too_long.as_str()] {
            let e = set_appellate_court(&mut s, bad).unwrap_err();
            assert_eq!(e.code, "appellate_court_invalid", "{bad}");
        }
        // A refusal keeps what was set.
        assert_eq!(appellate_court(&s).unwrap().as_deref(), Some("广东省深圳市中级人民法院"));
        assert_eq!(set_appellate_court(&mut s, "").unwrap().appellate_court, None);
        // A name that does not say its city: no suggestion (the judge knows; 北京 has four 中级人民法院).
        s.set_setting("profile:court", "北京市朝阳区人民法院").unwrap();
        assert_eq!(court_profile(&s).unwrap().suggestion, None);
    }
}
