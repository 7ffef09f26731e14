//! The procedures a case can be tried under. Ids are the wire format of import files, the CLI and the store.

use serde::{Deserialize, Serialize};

use crate::casenum::CaseCategory;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Procedure {
    CivilOrdinary,
    CivilSimple,
    SmallClaims,
    CivilAppealJudgment,
    CivilAppealRuling,
    CivilSpecial,
    CivilRetrialReview,
    CriminalPublic,
    CriminalPrivate,
    CriminalSimple,
    CriminalFast,
    CriminalAppeal,
    AdminFirst,
    AdminSimple,
    AdminAppeal,
    Enforcement,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "未知的程序“{0}”：应为 civil-ordinary、civil-simple、small-claims 等程序代号，或“普通程序”“简易程序”等中文名称"
)]
pub struct UnknownProcedure(pub String);

impl crate::Coded for UnknownProcedure {
    fn code(&self) -> &'static str {
        "procedure_unknown"
    }
}

impl Procedure {
    pub const ALL: [Procedure; 16] = [
        Self::CivilOrdinary,
        Self::CivilSimple,
        Self::SmallClaims,
        Self::CivilAppealJudgment,
        Self::CivilAppealRuling,
        Self::CivilSpecial,
        Self::CivilRetrialReview,
        Self::CriminalPublic,
        Self::CriminalPrivate,
        Self::CriminalSimple,
        Self::CriminalFast,
        Self::CriminalAppeal,
        Self::AdminFirst,
        Self::AdminSimple,
        Self::AdminAppeal,
        Self::Enforcement,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::CivilOrdinary => "civil-ordinary",
            Self::CivilSimple => "civil-simple",
            Self::SmallClaims => "small-claims",
            Self::CivilAppealJudgment => "civil-appeal-judgment",
            Self::CivilAppealRuling => "civil-appeal-ruling",
            Self::CivilSpecial => "civil-special",
            Self::CivilRetrialReview => "civil-retrial-review",
            Self::CriminalPublic => "criminal-public",
            Self::CriminalPrivate => "criminal-private",
            Self::CriminalSimple => "criminal-simple",
            Self::CriminalFast => "criminal-fast",
            Self::CriminalAppeal => "criminal-appeal",
            Self::AdminFirst => "admin-first",
            Self::AdminSimple => "admin-simple",
            Self::AdminAppeal => "admin-appeal",
            Self::Enforcement => "enforcement",
        }
    }

    /// The name used in the court system's spreadsheets (程序 column) and shown in the UI.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::CivilOrdinary => "普通程序",
            Self::CivilSimple => "简易程序",
            Self::SmallClaims => "小额诉讼",
            Self::CivilAppealJudgment => "民事二审（判决）",
            Self::CivilAppealRuling => "民事二审（裁定）",
            Self::CivilSpecial => "特别程序",
            Self::CivilRetrialReview => "再审审查",
            Self::CriminalPublic => "刑事公诉",
            Self::CriminalPrivate => "刑事自诉",
            Self::CriminalSimple => "刑事简易程序",
            Self::CriminalFast => "刑事速裁程序",
            Self::CriminalAppeal => "刑事二审",
            Self::AdminFirst => "行政一审",
            Self::AdminSimple => "行政简易程序",
            Self::AdminAppeal => "行政二审",
            Self::Enforcement => "执行",
        }
    }

    pub fn category(self) -> CaseCategory {
        match self {
            Self::CivilOrdinary
            | Self::CivilSimple
            | Self::SmallClaims
            | Self::CivilAppealJudgment
            | Self::CivilAppealRuling
            | Self::CivilSpecial
            | Self::CivilRetrialReview => CaseCategory::Civil,
            Self::CriminalPublic
            | Self::CriminalPrivate
            | Self::CriminalSimple
            | Self::CriminalFast
            | Self::CriminalAppeal => CaseCategory::Criminal,
            Self::AdminFirst | Self::AdminSimple | Self::AdminAppeal => CaseCategory::Administrative,
            Self::Enforcement => CaseCategory::Enforcement,
        }
    }

    /// Accepts the id (`civil-simple`) or a Chinese name (`简易程序`, also a few spellings seen in exports).
    pub fn parse(s: &str) -> Result<Self, UnknownProcedure> {
        let t = s.trim();
        if let Some(p) = Self::ALL.iter().find(|p| p.id() == t || p.name_zh() == t) {
            return Ok(*p);
        }
        let alias = match t {
            "民事普通程序" | "一审普通程序" => Self::CivilOrdinary,
            "民事简易程序" => Self::CivilSimple,
            "小额诉讼程序" => Self::SmallClaims,
            "二审" | "民事二审" | "第二审程序" => Self::CivilAppealJudgment,
            "公诉" => Self::CriminalPublic,
            "自诉" => Self::CriminalPrivate,
            "速裁程序" => Self::CriminalFast,
            "行政普通程序" => Self::AdminFirst,
            "执行实施" => Self::Enforcement,
            _ => return Err(UnknownProcedure(s.to_string())),
        };
        Ok(alias)
    }
}

impl std::fmt::Display for Procedure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_chinese_names_round_trip_and_are_unique() {
        for p in Procedure::ALL {
            assert_eq!(Procedure::parse(p.id()), Ok(p));
            assert_eq!(Procedure::parse(p.name_zh()), Ok(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.id()));
        }
        let mut names: Vec<_> = Procedure::ALL.iter().map(|p| p.name_zh()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Procedure::ALL.len());
    }

    #[test]
    fn unknown_procedure_is_a_typed_error() {
        use crate::Coded;
        let e = Procedure::parse("civil-fast").unwrap_err();
        assert_eq!(e.code(), "procedure_unknown");
        assert!(e.to_string().contains("civil-fast"));
    }
}
