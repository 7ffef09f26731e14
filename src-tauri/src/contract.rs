//! The TypeScript half of the contract with the UI: `ui/src/generated/types.ts` declares the types the app's
//! commands and events exchange, generated from their Rust definitions by ts-rs: the library crates derive `TS`
//! under their `ts` feature and this crate under `cfg(test)`, both turned on by this crate's tests alone, so no
//! binary carries the derives. `ui/src/api.ts` imports the declarations instead of copying them: a field renamed
//! or added in Rust is a type error in the UI (`vue-tsc`), not a silent `undefined`.
//!
//! `cargo xtask gen-types` rewrites the file; the test below (a step of `cargo xtask test`) fails while it is stale.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TS, TypeVisitor};

/// Where the generated declarations live, from the workspace root.
pub const GENERATED_PATH: &str = "ui/src/generated/types.ts";

const HEADER: &str = "// Generated from the Rust definitions by src-tauri/src/contract.rs (`cargo xtask gen-types`). Do not edit:\n\
// change the Rust type and regenerate; `cargo xtask test` fails while this file is stale.\n";

/// Every type a command takes or answers, or an event carries, named from the roots below with everything they
/// reach. A command argument that is a plain string or number needs no declaration.
fn roots(c: &mut Collect<'_>) {
    use crate::commands::{cases, court_import, docket, documents, setup, stats};
    use andu_docket::court_rules::{RuleArea, RuleImport};
    // 启动, 首次运行, 备份
    c.visit::<setup::StartStatus>();
    c.visit::<setup::BackupInfo>();
    c.visit::<andu_store::backup::BackupReport>();
    c.visit::<andu_store::backup::RestoreReport>();
    // 案件
    c.visit::<cases::StoreStatus>();
    c.visit::<cases::DemoResult>();
    c.visit::<cases::ListFilter>();
    c.visit::<cases::Page>();
    c.visit::<cases::Facets>();
    c.visit::<andu_store::CaseDetail>();
    c.visit::<andu_store::ChangeEntry>();
    c.visit::<andu_store::SearchHit>();
    c.visit::<andu_core::CaseInput>();
    c.visit::<andu_core::FieldError>();
    c.visit::<andu_core::ExtensionInput>();
    c.visit::<andu_core::DeductionInput>();
    c.visit::<andu_core::case::AppealInput>();
    c.visit::<andu_core::case::HearingInput>();
    // 期限, 日历, 提醒, 设置
    c.visit::<docket::EventKind>();
    c.visit::<docket::CaseVocabulary>();
    c.visit::<andu_docket::CaseDeadlines>();
    c.visit::<andu_docket::DueReport>();
    c.visit::<andu_docket::today::TodayQuery>();
    c.visit::<andu_docket::today::TodayView>();
    c.visit::<docket::IcsExport>();
    c.visit::<andu_docket::HolidayImport>();
    c.visit::<docket::ParsedNotice>();
    c.visit::<RuleArea>();
    c.visit::<RuleImport>();
    c.visit::<crate::reminders::ReminderThresholds>();
    c.visit::<crate::reminders::ReminderCount>();
    c.visit::<andu_docket::statistics::DefinitionsInfo>();
    c.visit::<andu_docket::in_force::CourtDataInForce>();
    // 文书
    c.visit::<documents::TemplateInfo>();
    c.visit::<documents::Generated>();
    c.visit::<documents::Progress>();
    c.visit::<documents::BatchGenerated>();
    c.visit::<documents::BatchProgress>();
    // 判决书 editor
    c.visit::<andu_docket::drafting::Section>();
    c.visit::<andu_store::drafting::DraftState>();
    c.visit::<andu_store::table::drafts::RevisionRow>();
    c.visit::<andu_store::drafting::SectionDiff>();
    c.visit::<andu_store::drafting::MergeProposal>();
    c.visit::<crate::commands::drafting::Exported>();
    // 统计
    c.visit::<stats::StatsQuery>();
    c.visit::<stats::StatsPanel>();
    c.visit::<stats::Written>();
    c.visit::<andu_stats::Drill>();
    c.visit::<andu_docket::OpenLimit>();
    // 审判监督管理
    c.visit::<andu_docket::supervision::AppealReviewList>();
    c.visit::<andu_docket::supervision::AppealReviewInput>();
    c.visit::<andu_stats::JudgePage>();
    c.visit::<andu_stats::ReviewStats>();
    c.visit::<andu_stats::review_stats::ReviewDrill>();
    // 阅核
    c.visit::<crate::commands::review::ReviewShown>();
    c.visit::<crate::commands::review::ReviewNav>();
    c.visit::<andu_docket::review::QueueRow>();
    c.visit::<andu_store::table::review::RoundRow>();
    c.visit::<andu_store::table::review::CommentRow>();
    c.visit::<andu_store::table::review::WithdrawalRow>();
    c.visit::<andu_store::table::review::DecisionRow>();
    c.visit::<andu_store::table::review::ResultRow>();
    c.visit::<andu_core::review::Decision>();
    c.visit::<andu_core::review::Forum>();
    // 法条
    c.visit::<andu_law::query::SearchResult>();
    c.visit::<andu_law::query::ShowResult>();
    c.visit::<andu_law::CitationCheck>();
    c.visit::<andu_law::Appendix>();
    // 导入法院系统导出
    c.visit::<andu_store::exchange::court::Preview>();
    c.visit::<andu_store::exchange::court::MappingFile>();
    c.visit::<court_import::CourtImport>();
    // 同步
    c.visit::<crate::sync::SyncState>();
    c.visit::<andu_sync_client::SyncReport>();
    c.visit::<andu_sync_client::view::ConflictView>();
    c.visit::<andu_sync_client::view::RejectionView>();
    c.visit::<andu_sync_client::view::Take>();
}

/// The file's text: the declarations sorted by name, each with its doc comment.
pub fn typescript() -> Result<String, String> {
    // serde_json writes every integer as a JSON number; the app's counts and days are far below 2^53.
    let cfg = Config::new().with_large_int("number");
    let mut c = Collect { cfg: &cfg, seen: HashSet::new(), decls: BTreeMap::new(), clashes: Vec::new() };
    roots(&mut c);
    if !c.clashes.is_empty() {
        return Err(format!("two Rust types would be declared under one TypeScript name: {}", c.clashes.join(", ")));
    }
    let mut out = String::from(HEADER);
    for (_, decl) in c.decls.values() {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    Ok(out)
}

struct Collect<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, (TypeId, String)>,
    clashes: Vec<String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Types without an output path are TypeScript's own (string, number, arrays…): nothing to declare.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let name = T::ident(self.cfg);
        let decl = format!("{}export {}", T::docs().unwrap_or_default(), T::decl(self.cfg));
        if let Some((other, _)) = self.decls.insert(name.clone(), (TypeId::of::<T>(), decl))
            && other != TypeId::of::<T>()
        {
            self.clashes.push(name);
        }
        T::visit_dependencies(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn committed_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(GENERATED_PATH)
    }

    /// `ANDU_WRITE_TYPES=1` (what `cargo xtask gen-types` sets) writes the file instead of comparing.
    #[test]
    fn generated_types_are_current() {
        let fresh = typescript().unwrap();
        let path = committed_path();
        if std::env::var_os("ANDU_WRITE_TYPES").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{GENERATED_PATH} is stale: the Rust types the app exchanges with the UI changed. Run `cargo xtask gen-types` and commit it."
        );
    }

    #[test]
    fn declares_what_the_commands_answer_and_nothing_twice() {
        let text = typescript().unwrap();
        for name in ["CaseDetail", "DueReport", "CaseDeadlines", "Provisional", "ErrorBody", "Tier"] {
            assert_eq!(text.matches(&format!("export type {name} ")).count(), 1, "{name}");
        }
        // Large integers are plain numbers in JSON.
        assert!(!text.contains("bigint"));
    }
}
