//! Who uses this store: the name, court and 审判庭 asked at the first run, shown in 设置 and filled into what the
//! user creates. Kept in the store's settings (local, never synced). The court server knows the user better than a
//! form does: logging in (`andu login`, 设置 → 同步, the first run's 登录法院服务器) takes the account's name and
//! division ([`Store::adopt_account`]), so they need not be typed, and stay as the court has them.

use serde::Serialize;

use crate::Store;
use crate::error::Result;

const NAME: &str = "profile:name";
const COURT: &str = "profile:court";
const DIVISION: &str = "profile:division";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    pub name: String,
    pub court: String,
    pub division: String,
}

impl Store {
    /// The store's user; empty fields when never set.
    pub fn profile(&self) -> Result<Profile> {
        let get = |k: &str| self.setting(k).map(Option::unwrap_or_default);
        Ok(Profile { name: get(NAME)?, court: get(COURT)?, division: get(DIVISION)? })
    }

    pub fn set_profile(&mut self, p: &Profile) -> Result<()> {
        for (k, v) in [(NAME, &p.name), (COURT, &p.court), (DIVISION, &p.division)] {
            self.set_setting(k, v)?;
        }
        Ok(())
    }

    /// After a login: the account's name and division become the profile's (an account without a division, an
    /// administrator's or a 院长's, leaves the typed one). The court is not known to the server and stays. Returns
    /// the profile now kept.
    pub fn adopt_account(&mut self, name: &str, division: &str) -> Result<Profile> {
        let mut p = self.profile()?;
        for (field, from_account) in [(&mut p.name, name.trim()), (&mut p.division, division.trim())] {
            if !from_account.is_empty() {
                *field = from_account.to_string();
            }
        }
        self.set_profile(&p)?;
        Ok(p)
    }
}
