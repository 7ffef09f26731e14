//! The facts the indicators are computed from, read from the store once: shared by `andu stats` and the app's
//! 统计 commands so both count the same cases; and the indicator definitions in force (a court's own file
//! imported into the store, else the embedded one).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use andu_core::{Coded, Procedure};
use andu_deadline::HolidayCalendar;
use andu_stats::{CaseFacts, Definitions, Drill, Indicators, LedgerRow, LimitCache, Period, Scope, parse_category};
use andu_store::{CaseDetail, Derived, DerivedRow, Pick, Store, Which};
use serde::Serialize;

use crate::ErrorBody;

/// Every stored case as indicator facts; cases that no longer validate are left out and named (`skipped`).
#[derive(Clone)]
pub struct StatsFacts {
    /// Shared: the app keeps them in memory between calls while the store is unchanged.
    pub facts: Arc<Vec<CaseFacts>>,
    pub skipped: Vec<String>,
    /// What is computed from these facts alone, kept with them (see [`Kept`]).
    pub kept: Arc<Kept>,
}

/// What the 统计 screens compute from one list of facts whatever the period or scope, kept beside it while the
/// store is unchanged (the app holds the facts in [`Store::memoized`]): at a million cases recomputing these
/// was most of what a new period or scope cost.
#[derive(Default)]
pub struct Kept {
    /// The 审限 of the cases (the deadline engine is the costly part of the indicators).
    pub limits: LimitCache,
    /// The 庭室 and 承办法官 the filters offer ([`StatsInput::filter_choices`]).
    choices: OnceLock<(Vec<String>, Vec<String>)>,
}

impl StatsFacts {
    /// Every case's facts, from the rows the store keeps of them ([`andu_store::Derived::Facts`]): only the cases
    /// changed since the last read are read and derived again, in the same transaction as this read.
    pub fn read(store: &Store) -> Result<Self, ErrorBody> {
        let kept: Arc<StatsFacts> = store.memoized("stats-facts", FACTS_VERSION, Self::read_stored)?;
        Ok(StatsFacts::clone(&kept))
    }

    /// Every case's facts with their names shared ([`andu_stats::Names`]: a court, division, judge or 案由 is held
    /// once, not once per case), in a list sized once: at 1,000,000 cases ~320 MB, not ~500 (by the types' sizes).
    fn read_stored(store: &Store) -> Result<Self, ErrorBody> {
        let count = store.case_count().map_err(|e| e.to_body())?;
        let (mut facts, mut skipped) = (Vec::with_capacity(count), Vec::new());
        let mut names = andu_stats::Names::default();
        store.derived(Derived::Facts, FACTS_VERSION, &mut derive_facts, &[Pick::All], false, &mut |data, _| {
            match StoredFacts::unpack(data, &mut names) {
                Some(StoredFacts::Counted(f)) => facts.push(f),
                Some(StoredFacts::Skipped(case_no)) => skipped.push(case_no),
                None => return Err(unreadable("格式不符")),
            }
            Ok(())
        })?;
        Ok(StatsFacts { facts: Arc::new(facts), skipped, kept: Arc::default() })
    }

    /// Brings the stored facts up to date without reading them (see [`crate::demo::build_derived`]).
    pub fn build(store: &Store) -> Result<(), ErrorBody> {
        store.derived(Derived::Facts, FACTS_VERSION, &mut derive_facts, &[], false, &mut |_, _| Ok(()))
    }

    /// The same facts read from every case, derived afresh (what the stored rows must always equal).
    pub fn read_afresh(store: &Store) -> Result<Self, ErrorBody> {
        let (mut facts, mut skipped) = (Vec::new(), Vec::new());
        store.for_each_case(Which::All, |detail| -> Result<(), ErrorBody> {
            match facts_of(&detail) {
                StoredFacts::Counted(f) => facts.push(f),
                StoredFacts::Skipped(case_no) => skipped.push(case_no),
            }
            Ok(())
        })?;
        Ok(StatsFacts { facts: Arc::new(facts), skipped, kept: Arc::default() })
    }

    /// The warning to show with the numbers when some cases were left out.
    pub fn warning(&self) -> Option<String> {
        (!self.skipped.is_empty())
            .then(|| format!("{} 件案件数据无效，未计入：{}", self.skipped.len(), self.skipped.join("、")))
    }
}

/// The version of the stored facts: the code that derives them (this crate's version; bump the number when the
/// derivation changes within one). Facts depend on the case alone — its fields and 节点 — never on the holiday
/// table, the rules or the indicator definitions, which apply when the indicators are computed.
const FACTS_VERSION: &str = concat!("facts-3/", env!("CARGO_PKG_VERSION"));

/// One stored row of [`andu_store::Derived::Facts`]: a case that validates, as its facts, or one left out.
// One value at a time, on its way into or out of a row: the size of the small variant does not matter.
#[allow(clippy::large_enum_variant)]
enum StoredFacts {
    Counted(CaseFacts),
    Skipped(String),
}

impl StoredFacts {
    /// A tag byte, then the packed facts ([`CaseFacts::pack`]) or the 案号 of the case left out.
    fn pack(&self) -> Vec<u8> {
        match self {
            StoredFacts::Counted(f) => {
                let mut out = vec![0];
                f.pack(&mut out);
                out
            }
            StoredFacts::Skipped(case_no) => [&[1u8][..], case_no.as_bytes()].concat(),
        }
    }

    fn unpack(data: &[u8], names: &mut andu_stats::Names) -> Option<Self> {
        match data.split_first()? {
            (0, packed) => CaseFacts::unpack_sharing(packed, names).map(StoredFacts::Counted),
            (1, case_no) => std::str::from_utf8(case_no).ok().map(|s| StoredFacts::Skipped(s.to_string())),
            _ => None,
        }
    }
}

fn facts_of(detail: &CaseDetail) -> StoredFacts {
    let input = detail.to_input();
    match input.validate() {
        Ok(case) => StoredFacts::Counted(CaseFacts::from_case(&case).with_events(&crate::events_of(detail))),
        Err(_) => StoredFacts::Skipped(input.case_no),
    }
}

fn derive_facts(detail: &CaseDetail) -> Result<Vec<DerivedRow>, ErrorBody> {
    Ok(vec![DerivedRow { data: facts_of(detail).pack(), ..DerivedRow::default() }])
}

/// A stored row this version cannot read: not expected (a new version rebuilds the rows), but said, not hidden.
pub(crate) fn unreadable(e: impl std::fmt::Display) -> ErrorBody {
    ErrorBody {
        code: "derived_unreadable".into(),
        message: format!("案件库中保存的统计/期限数据无法读取（{e}），请重新打开案件库"),
        detail: None,
    }
}

/// Everything a statistics screen or command computes from, loaded one way for `andu stats` and the app's 统计:
/// the same facts, definitions, holiday calendar and report title.
pub struct StatsInput {
    pub period: Period,
    pub scope: Scope,
    pub defs: Definitions,
    pub calendar: HolidayCalendar,
    pub facts: Arc<Vec<CaseFacts>>,
    /// Stored cases that no longer validate: left out and named in the warnings.
    pub warning: Option<String>,
    /// Kept with `facts` between calls (must belong to them: [`StatsFacts::kept`]).
    pub kept: Arc<Kept>,
}

/// A scope from the filters people give (blank means "all"): 庭室, 承办法官, 程序 id, 案件类别.
pub fn scope(
    division: Option<&str>,
    judge: Option<&str>,
    procedure: Option<&str>,
    category: Option<&str>,
) -> Result<Scope, ErrorBody> {
    let given = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Ok(Scope {
        division: given(division),
        judge: given(judge),
        procedure: given(procedure).as_deref().map(Procedure::parse).transpose().map_err(|e| e.to_body())?,
        category: given(category).as_deref().map(parse_category).transpose().map_err(|e| e.to_body())?,
    })
}

impl StatsInput {
    /// Read the store once. `definitions` (a file given on the command line) wins over the store's.
    pub fn load(
        store: &Store,
        period: Period,
        scope: Scope,
        definitions: Option<Definitions>,
    ) -> Result<Self, ErrorBody> {
        let defs = match definitions {
            Some(d) => d,
            None => self::definitions(store)?,
        };
        let calendar = crate::Docket::for_store(store)?.calendar;
        let read = StatsFacts::read(store)?;
        Ok(StatsInput { period, scope, defs, calendar, warning: read.warning(), facts: read.facts, kept: read.kept })
    }

    pub fn indicators(&self) -> Indicators {
        let (facts, limits) = (&self.facts, &self.kept.limits);
        let mut i = andu_stats::compute_cached(facts, self.period, &self.scope, &self.defs, &self.calendar, limits);
        i.warnings.extend(self.warning.clone());
        i
    }

    /// The cases behind one indicator (`key`), from the same per-case check as the number.
    pub fn drill_down(&self, key: &str) -> Result<Drill, ErrorBody> {
        let (facts, limits) = (&self.facts, &self.kept.limits);
        andu_stats::drill_down_cached(facts, self.period, &self.scope, &self.defs, &self.calendar, key, limits)
            .map_err(|e| e.to_body())
    }

    /// 长期未结案件台账.
    pub fn ledger(&self) -> Vec<LedgerRow> {
        andu_stats::ledger(&self.facts, self.period, &self.scope, &self.defs)
    }

    /// The 庭室 and 承办法官 the 统计 panel's filters offer: every distinct name among all the facts (not only the
    /// scope's), sorted, blanks left out. The facts share their names (one `Arc` per distinct name, see
    /// [`StatsFacts::read`]), so a name is told apart by its address before its text: at a million cases this is
    /// one pass with a pointer lookup per case, not a million strings copied and sorted; and it is made once per
    /// list of facts ([`Kept`]).
    pub fn filter_choices(&self) -> (Vec<String>, Vec<String>) {
        self.kept.choices.get_or_init(|| self.distinct_choices()).clone()
    }

    fn distinct_choices(&self) -> (Vec<String>, Vec<String>) {
        fn distinct<'a>(names: impl Iterator<Item = &'a andu_stats::Name>) -> Vec<String> {
            let mut seen: HashSet<*const u8> = HashSet::new();
            let mut out: BTreeSet<&str> = BTreeSet::new();
            let mut last: *const u8 = std::ptr::null();
            for n in names {
                let at = n.as_ptr();
                if at != last && seen.insert(at) && !n.is_empty() {
                    out.insert(n);
                }
                last = at;
            }
            out.into_iter().map(str::to_string).collect()
        }
        (distinct(self.facts.iter().map(|c| &c.division)), distinct(self.facts.iter().map(|c| &c.judge)))
    }

    /// The court named in a report's title: the one most in-scope cases name (ties: the first by name).
    pub fn report_court(&self) -> String {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for c in self.facts.iter().filter(|c| self.scope.matches(c) && !c.court.is_empty()) {
            *counts.entry(&c.court).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.to_string())
            .unwrap_or_default()
    }
}

/// Where a court's own indicator definition file is kept (an empty value: the embedded file).
const DEFINITIONS_KEY: &str = "indicator-definitions";

/// Which indicator definitions the statistics use: the embedded file, or the one an administrator imported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DefinitionsInfo {
    /// An imported file is in force (`false`: the embedded 案牍默认指标口径).
    pub custom: bool,
    pub name: String,
    pub version: String,
    pub indicators: usize,
}

impl DefinitionsInfo {
    fn of(defs: &Definitions, custom: bool) -> Self {
        Self { custom, name: defs.name.clone(), version: defs.version.clone(), indicators: defs.indicators.len() }
    }
}

fn stored_definitions(store: &Store) -> Result<Option<String>, ErrorBody> {
    Ok(store.setting(DEFINITIONS_KEY).map_err(|e| e.to_body())?.filter(|t| !t.trim().is_empty()))
}

/// The definitions in force for this store: the imported file (checked again, so a file that no longer fits
/// this version of Andu is a `definitions_invalid` error saying what is wrong, never numbers under a wrong
/// formula), else the embedded one.
pub fn definitions(store: &Store) -> Result<Definitions, ErrorBody> {
    match stored_definitions(store)? {
        Some(text) => Definitions::from_toml_str(&text).map_err(|e| {
            let mut body = e.to_body();
            body.message = format!("本院导入的{}（可在设置中重新导入或恢复默认）", body.message);
            body
        }),
        None => Ok(Definitions::embedded()),
    }
}

pub fn definitions_info(store: &Store) -> Result<DefinitionsInfo, ErrorBody> {
    let custom = stored_definitions(store)?.is_some();
    Ok(DefinitionsInfo::of(&definitions(store)?, custom))
}

/// Check a court's definition file with the parser `andu stats --definitions` uses and keep it in the store;
/// a bad file is refused (`definitions_invalid`, saying what is wrong) and the definitions in force stay.
pub fn import_definitions(store: &mut Store, text: &str) -> Result<DefinitionsInfo, ErrorBody> {
    let defs = Definitions::from_toml_str(text).map_err(|e| e.to_body())?;
    store.set_setting(DEFINITIONS_KEY, text).map_err(|e| e.to_body())?;
    Ok(DefinitionsInfo::of(&defs, true))
}

/// 恢复默认: back to the embedded definitions.
pub fn reset_definitions(store: &mut Store) -> Result<DefinitionsInfo, ErrorBody> {
    store.set_setting(DEFINITIONS_KEY, "").map_err(|e| e.to_body())?;
    Ok(DefinitionsInfo::of(&Definitions::embedded(), false))
}

#[cfg(test)]
mod tests {
    use andu_store::{DbKey, Store};

    use super::*;

    #[test]
    fn the_report_names_the_court_most_in_scope_cases_name_not_the_first_case_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        let case = |no: &str, court: &str, division: &str| {
            andu_core::CaseInput {
                case_no: no.into(),
                cause: "民间借贷纠纷".into(),
                procedure: "civil-simple".into(),
                filed: "2025-03-01".into(),
                court: court.into(),
                division: division.into(),
                judge: "王建国".into(),
                parties: vec![andu_core::case::PartyInput {
                    role: "原告".into(),
                    name: "张三".into(),
                    kind: "person".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }
            .validate()
            .unwrap()
        };
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 6, 1, 9, 0, 0).unwrap();
        s.write(now, |w| {
            // Read first (lowest id), but named by one case only.
            w.add_case(&case("（2025）粤0309民初1号", "深圳市中级人民法院", "民一庭"))?;
            w.add_case(&case("（2025）粤0309民初2号", "深圳市龙华区人民法院", "民一庭"))?;
            w.add_case(&case("（2025）粤0309民初3号", "深圳市龙华区人民法院", "民二庭"))?;
            Ok(())
        })
        .unwrap();
        let period = Period::new(
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        )
        .unwrap();
        let all = StatsInput::load(&s, period, scope(None, None, None, None).unwrap(), None).unwrap();
        assert_eq!(all.facts.len(), 3);
        assert_eq!(all.report_court(), "深圳市龙华区人民法院");
        assert_eq!(all.indicators().received, 3);
        // Within 民二庭 only one case, of the district court; blank filters mean all.
        let civil2 = StatsInput::load(&s, period, scope(Some("民二庭"), Some(" "), None, None).unwrap(), None).unwrap();
        assert_eq!(civil2.report_court(), "深圳市龙华区人民法院");
        assert_eq!(civil2.indicators().received, 1);
        assert_eq!(scope(None, None, Some("no-such"), None).unwrap_err().code, "procedure_unknown");
        // The filters offer every 庭室 and 承办法官 of the court, whatever the scope, each once, in order.
        let offered = (vec!["民一庭".to_string(), "民二庭".to_string()], vec!["王建国".to_string()]);
        assert_eq!(civil2.filter_choices(), offered);
        let afresh = StatsFacts::read_afresh(&s).unwrap().facts;
        let afresh = StatsInput { facts: afresh, kept: Arc::default(), ..civil2 };
        assert_eq!(afresh.filter_choices(), offered, "names not shared: the same");
    }

    #[test]
    fn a_court_definition_file_is_checked_kept_used_and_reset() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        let embedded = definitions_info(&s).unwrap();
        assert!(!embedded.custom);
        assert_eq!(definitions(&s).unwrap(), Definitions::embedded());

        let court = Definitions::embedded_text()
            .replace("version = \"andu-default-2025.1\"", "version = \"粤0309-2026.1\"")
            .replace("name = \"案牍默认指标口径\"", "name = \"本院指标口径\"");
        let info = import_definitions(&mut s, &court).unwrap();
        assert_eq!((info.custom, info.version.as_str(), info.name.as_str()), (true, "粤0309-2026.1", "本院指标口径"));
        assert_eq!(definitions(&s).unwrap().version, "粤0309-2026.1");

        // A bad file is refused with the parser's reason, and the imported one stays in force.
        let bad = court.replacen("[[indicator]]", "[[indicatorx]]", 1);
        let err = import_definitions(&mut s, &bad).unwrap_err();
        assert_eq!(err.code, "definitions_invalid");
        assert!(!err.message.is_empty());
        let err = import_definitions(&mut s, "version = \"x\"").unwrap_err();
        assert_eq!(err.code, "definitions_invalid");
        assert_eq!(definitions_info(&s).unwrap().version, "粤0309-2026.1");

        let reset = reset_definitions(&mut s).unwrap();
        assert!(!reset.custom);
        assert_eq!(definitions(&s).unwrap(), Definitions::embedded());
        assert_eq!(definitions_info(&s).unwrap(), reset);
    }

    #[test]
    fn the_stored_facts_are_the_ones_read_from_every_case_after_each_change() {
        use andu_store::exchange::{ImportOptions, jsonl};
        use chrono::{NaiveDate, TimeZone, Utc};
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 11, 15, 9, 0, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
        s.import(
            jsonl::parse(&jsonl::write(&andu_store::demo::generate(today, 150, 3))),
            ImportOptions::default(),
            now,
        )
        .unwrap();
        let same = |s: &Store| {
            let (stored, afresh) = (StatsFacts::read(s).unwrap(), StatsFacts::read_afresh(s).unwrap());
            assert_eq!(stored.facts, afresh.facts);
            assert_eq!(stored.skipped, afresh.skipped);
            stored.facts
        };
        assert_eq!(same(&s).len(), 151);
        let no = andu_store::demo::FIXED_CASE_NO;
        let filed = s.get_case(no).unwrap().summary.filed;
        // Each a fact the indicators read: 结案, a 审限 extension, a conversion 节点 changing the procedure.
        s.write(now, |w| {
            w.add_extension(
                no,
                &andu_core::ExtensionInput {
                    approved: filed.clone(),
                    months: Some(6),
                    by: "院长".into(),
                    ..Default::default()
                },
            )?;
            w.add_event(no, "简易程序转普通程序", &filed, None, "")?;
            w.set_case_field(no, "judge", "李法官")
        })
        .unwrap();
        let facts = same(&s);
        let fixed = facts.iter().find(|f| f.case_no == no).unwrap();
        assert_eq!((&*fixed.judge, fixed.extensions.len()), ("李法官", 1));
        s.write(now, |w| w.set_case_field(no, "closed", &filed)).unwrap();
        assert!(same(&s).iter().any(|f| f.case_no == no && f.closed.is_some()));
    }
}
