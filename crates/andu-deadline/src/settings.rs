//! The product decisions of domain.md §0 and the points no primary source settled (`UNSURE` there), each a named
//! setting with its default documented. A court can change them (they deserialize from TOML); nothing in the
//! engine guesses silently.
//!
//! | domain.md | setting | default |
//! |---|---|---|
//! | §0 调休上班 last day | [`AdjustedWorkdays`] on [`crate::HolidayCalendar::with_adjusted_workdays`] | `working`: no roll-forward |
//! | §0 deducted intervals | [`Settings::deduction_ends`] | `both-inclusive` |
//! | §0 simple-procedure extension | [`Settings::simple_extension`] | `cumulative-from-filing` (立案 + 4 months, CPL-I 258) |
//! | §0 roll-forward / custody | [`Settings::custody_roll_forward`] | `trial-limit-only` (CrimPL 105 ¶4 for the 审限) |
//! | §0 month arithmetic | [`crate::Regime`] (civil/admin: CC 202; criminal: CrimPL-I 202) | statute, not configurable |
//! | §0 missing holiday year | a forward-counted date is provisional (the nominal day, marked 暂定 with `holiday_data_missing` as its reason); a backward-counted one stays the error | not configurable, by design |
//! | §1.3 criminal 1st instance 2 vs 3 months | [`Settings::criminal_first_instance`] | `two-months` |
//! | §1.3 criminal simple 20 days vs 1.5 months | [`Settings::criminal_simple`] | `twenty-days` |
//! | §1.3 criminal fast-track 10 vs 15 days | [`Settings::criminal_fast`] | `ten-days` |
//! | §1.3 ordinary 2nd extension (SPC-2000: +3 months) | [`Settings::ordinary_further_extension_months`] | `3` |
//! | §1.2 开庭通知 "3 days before", rest day | [`Settings::before_rest_day`] | `earlier` (previous working day) |

use serde::{Deserialize, Serialize};

use crate::DeadlineError;

/// Whether a weekend day the State Council makes a working day (调休上班) counts as a working day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdjustedWorkdays {
    /// domain.md §0: the notice makes it a working day and courts are open, so a deadline ending on it stays.
    #[default]
    Working,
    /// Treat it as the weekend it would have been (rolls forward).
    Rest,
}

/// Which days of a recorded deduction (审限扣除) interval `from..to` stop the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeductionEnds {
    /// domain.md §0: the clock stops on `from` and runs again the day after `to`; both ends are deducted.
    #[default]
    BothInclusive,
    /// The clock runs again on `to` itself (one day fewer per interval).
    EndExclusive,
}

/// How an extension of a civil simple-procedure 审限 is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SimpleExtension {
    /// domain.md §0: the extended 审限 is 立案 + 4 months in total (CPL-I 258: "累计不得超过四个月").
    #[default]
    CumulativeFromFiling,
    /// The granted length is added to the base period (+1 month from the original expiry, capped at 4 months).
    AddToBase,
}

/// Whether criminal periods roll past a rest day while the defendant is in custody.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustodyRollForward {
    /// CrimPL 105 ¶4 applied to every criminal period of a detained defendant's case, party periods included (the
    /// first versions' default; a court may still choose it).
    Never,
    /// domain.md §0 (the default): the custody exception keeps *detention* from being prolonged — the 审限 ends on
    /// its nominal day — but must not shorten a detained defendant's time to appeal: party periods (上诉期, 抗诉期,
    /// 申请…) and the court's own periods roll past rest days like any other.
    #[default]
    TrialLimitOnly,
}

/// CrimPL 208: "应当在受理后二个月以内宣判，至迟不得超过三个月".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriminalFirstInstance {
    /// Remind against two months; the third month is recorded as a 1-month extension.
    #[default]
    TwoMonths,
    /// Count three months from 受理.
    ThreeMonths,
}

/// CrimPL 220: 20 days; up to 1.5 months when the possible sentence exceeds three years.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriminalSimple {
    /// 20 days; a recorded extension takes it to 1.5 months in total.
    #[default]
    TwentyDays,
    /// 1.5 months from the start (the court has found a possible sentence over three years).
    OneAndHalfMonths,
}

/// CrimPL 225: 10 days; up to 15 days when the possible sentence exceeds one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriminalFast {
    /// 10 days; a recorded extension takes it to 15 days in total.
    #[default]
    TenDays,
    /// 15 days from the start.
    FifteenDays,
}

/// Where a period counted backwards (开庭三日前) lands when its last day is a rest day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BeforeRestDay {
    /// Move to the previous working day, so that the notice is still given in time (no statute says; safe side).
    #[default]
    Earlier,
    /// Keep the nominal day (service on a rest day is possible).
    Keep,
}

/// The engine's settings; `Settings::default()` is the documented product decision for each point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub deduction_ends: DeductionEnds,
    pub simple_extension: SimpleExtension,
    pub custody_roll_forward: CustodyRollForward,
    pub criminal_first_instance: CriminalFirstInstance,
    pub criminal_simple: CriminalSimple,
    pub criminal_fast: CriminalFast,
    /// Length of a civil ordinary extension after the first (+6 months) when the record gives none:
    /// SPC-2000 Art 2 says 3 months (domain.md §1.3: UNSURE whether still applied).
    pub ordinary_further_extension_months: u32,
    pub before_rest_day: BeforeRestDay,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            deduction_ends: DeductionEnds::default(),
            simple_extension: SimpleExtension::default(),
            custody_roll_forward: CustodyRollForward::default(),
            criminal_first_instance: CriminalFirstInstance::default(),
            criminal_simple: CriminalSimple::default(),
            criminal_fast: CriminalFast::default(),
            ordinary_further_extension_months: 3,
            before_rest_day: BeforeRestDay::default(),
        }
    }
}

impl Settings {
    /// Reads a court's settings file; absent keys keep their defaults.
    pub fn from_toml_str(text: &str) -> Result<Self, DeadlineError> {
        let s: Self = toml::from_str(text).map_err(|e| DeadlineError::SettingsInvalid { reason: e.to_string() })?;
        if !(1..=12).contains(&s.ordinary_further_extension_months) {
            return Err(DeadlineError::SettingsInvalid {
                reason: "ordinary_further_extension_months 应在 1–12 之间".into(),
            });
        }
        Ok(s)
    }
}
