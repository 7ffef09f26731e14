//! Reminder tiers (domain.md: 节点提醒): how urgent a 审限 or a party period is on a given day. Pure: `today`
//! is a parameter.

use andu_core::CaseCategory;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::DeadlineError;
use crate::trial_limit::TrialLimit;

/// Thresholds, with the defaults the courts asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReminderSettings {
    /// 远期: this share of the 审限 has elapsed (default 2/3).
    pub early_fraction: f64,
    /// 中期 for civil and enforcement cases: at most this many days remain (default 30).
    pub middle_days_civil: i64,
    /// 中期 for criminal and administrative cases (default 15).
    pub middle_days_criminal_admin: i64,
    /// 紧急: at most this many days remain (default 5).
    pub urgent_days: i64,
    /// Party periods: remind this many days before the last day (default 1, "the day before").
    pub party_days_before: u32,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            early_fraction: 2.0 / 3.0,
            middle_days_civil: 30,
            middle_days_criminal_admin: 15,
            urgent_days: 5,
            party_days_before: 1,
        }
    }
}

/// The most days ahead a 中期 or 紧急 reminder may start: a year.
pub const MAX_REMINDER_DAYS: i64 = 365;
/// The most days before a party period's last day its reminder may start.
pub const MAX_PARTY_DAYS_BEFORE: u32 = 30;

/// The ranges [`ReminderSettings::check`] allows, served with the settings so the 设置 editor checks as the user
/// types by the same numbers (it keeps none of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReminderLimits {
    /// 中期 and 紧急: whole days, 0 to this.
    pub max_days: i64,
    /// A party period's reminder: whole days before its last day, 0 to this.
    pub max_party_days_before: u32,
}

impl ReminderSettings {
    pub const LIMITS: ReminderLimits =
        ReminderLimits { max_days: MAX_REMINDER_DAYS, max_party_days_before: MAX_PARTY_DAYS_BEFORE };
}

impl ReminderSettings {
    pub fn from_toml_str(text: &str) -> Result<Self, DeadlineError> {
        let s: Self = toml::from_str(text).map_err(|e| DeadlineError::SettingsInvalid { reason: e.to_string() })?;
        s.check()?;
        Ok(s)
    }

    /// Thresholds kept in a store: read as saved, without [`Self::check`] (which a save passed under the rules of
    /// its day), so a stricter check never stops a store from opening.
    pub fn from_saved_toml(text: &str) -> Result<Self, DeadlineError> {
        toml::from_str(text).map_err(|e| DeadlineError::SettingsInvalid { reason: e.to_string() })
    }

    /// The one check of a court's thresholds, for `andu reminders set` and the 设置 editor alike: 远期 above 0 %
    /// and at most 100 % of the 审限 elapsed (0 would put every case in 远期 from its first day), whole days within
    /// a year, a party reminder at most 30 days ahead, each 中期 not below 紧急. The refusal names its field.
    pub fn check(&self) -> Result<(), DeadlineError> {
        let refuse = |field, reason: String| Err(DeadlineError::ReminderSettingInvalid { field, reason });
        if !(self.early_fraction > 0.0 && self.early_fraction <= 1.0) {
            return refuse("early_fraction", "远期提醒的已过审限比例应大于 0、不超过 100%".into());
        }
        let days = [
            ("urgent_days", "紧急", self.urgent_days),
            ("middle_days_civil", "中期（民事、执行）", self.middle_days_civil),
            ("middle_days_criminal_admin", "中期（刑事、行政）", self.middle_days_criminal_admin),
        ];
        for (field, name, v) in days {
            if !(0..=MAX_REMINDER_DAYS).contains(&v) {
                return refuse(field, format!("{name}提醒天数应在 0–{MAX_REMINDER_DAYS} 日之间"));
            }
        }
        for (field, name, v) in &days[1..] {
            if *v < self.urgent_days {
                return refuse(field, format!("{name}提醒天数不应少于紧急提醒天数（{} 日）", self.urgent_days));
            }
        }
        if self.party_days_before > MAX_PARTY_DAYS_BEFORE {
            return refuse(
                "party_days_before",
                format!("当事人期间的提前提醒天数应在 0–{MAX_PARTY_DAYS_BEFORE} 日之间"),
            );
        }
        Ok(())
    }

    /// The settings as the TOML file `andu reminders set` reads (every field written out).
    pub fn to_toml_string(&self) -> String {
        toml::to_string(self).expect("reminder settings serialise")
    }

    fn middle_days(&self, category: CaseCategory) -> i64 {
        match category {
            CaseCategory::Criminal | CaseCategory::Administrative => self.middle_days_criminal_admin,
            _ => self.middle_days_civil,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Tier {
    Normal,
    /// 远期
    Early,
    /// 中期
    Middle,
    /// 紧急
    Urgent,
    /// 超期
    Overdue,
    /// 中止: the clock is stopped.
    Suspended,
}

impl Tier {
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Normal => "正常",
            Self::Early => "远期",
            Self::Middle => "中期",
            Self::Urgent => "紧急",
            Self::Overdue => "超期",
            Self::Suspended => "中止",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrialLimitStatus {
    pub today: NaiveDate,
    pub due: NaiveDate,
    /// Calendar days from today to the last day (0 on the last day, negative when overdue). While suspended:
    /// the days that were left when the clock stopped.
    pub days_left: i64,
    /// Share of the counted (non-deducted) days elapsed; above 1 when overdue.
    pub fraction_elapsed: f64,
    pub tier: Tier,
    pub tier_name: &'static str,
}

impl TrialLimit {
    pub fn status(&self, today: NaiveDate) -> TrialLimitStatus {
        self.status_with(today, &ReminderSettings::default())
    }

    pub fn status_with(&self, today: NaiveDate, settings: &ReminderSettings) -> TrialLimitStatus {
        self.clock().status_with(today, settings)
    }

    /// What the status on any day is computed from.
    pub fn clock(&self) -> LimitClock {
        LimitClock {
            category: self.category,
            start: self.start,
            due: self.due,
            deducted: self.deducted.iter().map(|d| (d.from, d.to)).collect(),
            suspended_since: self.suspended_since,
        }
    }
}

/// The part of a [`TrialLimit`] its status on a day depends on: kept with the derived rows of a store, so 今日 can
/// rank a 审限 on any day without computing the 审限 again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitClock {
    pub category: CaseCategory,
    pub start: NaiveDate,
    pub due: NaiveDate,
    /// The deducted intervals as counted, both ends included.
    pub deducted: Vec<(NaiveDate, NaiveDate)>,
    pub suspended_since: Option<NaiveDate>,
}

impl LimitClock {
    pub fn status_with(&self, today: NaiveDate, settings: &ReminderSettings) -> TrialLimitStatus {
        let as_of = self.suspended_since.map_or(today, |s| s.min(today));
        let counted = |until: NaiveDate| -> i64 {
            let deducted: i64 = self
                .deducted
                .iter()
                .filter(|(from, _)| *from <= until)
                .map(|&(from, to)| (to.min(until) - from).num_days() + 1)
                .sum();
            ((until - self.start).num_days() - deducted).max(0)
        };
        let total = counted(self.due).max(1);
        let fraction_elapsed = counted(as_of) as f64 / total as f64;
        let days_left = (self.due - as_of).num_days();
        let tier = if self.suspended_since.is_some() {
            Tier::Suspended
        } else {
            tier_for(days_left, fraction_elapsed, self.category, settings)
        };
        TrialLimitStatus { today, due: self.due, days_left, fraction_elapsed, tier, tier_name: tier.name_zh() }
    }
}

/// The tier for a 审限 with `days_left` and `fraction_elapsed`; the most urgent that applies wins.
pub fn tier_for(days_left: i64, fraction_elapsed: f64, category: CaseCategory, settings: &ReminderSettings) -> Tier {
    if days_left < 0 {
        Tier::Overdue
    } else if days_left <= settings.urgent_days {
        Tier::Urgent
    } else if days_left <= settings.middle_days(category) {
        Tier::Middle
    } else if fraction_elapsed >= settings.early_fraction {
        Tier::Early
    } else {
        Tier::Normal
    }
}

/// A party period (上诉期, 答辩期…) on `today`: remind from `party_days_before` days before the last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyPeriodStatus {
    pub remind_on: NaiveDate,
    pub days_left: i64,
    pub tier: Tier,
}

pub fn party_period_status(due: NaiveDate, today: NaiveDate, settings: &ReminderSettings) -> PartyPeriodStatus {
    // Checked: a due date at the calendar's first day has no day before it to remind on.
    let remind_on = due.checked_sub_signed(Duration::days(i64::from(settings.party_days_before))).unwrap_or(due);
    let days_left = (due - today).num_days();
    let tier = if days_left < 0 {
        Tier::Overdue
    } else if today >= remind_on {
        Tier::Urgent
    } else {
        Tier::Normal
    };
    PartyPeriodStatus { remind_on, days_left, tier }
}
