//! One module per command family. Each takes parsed args and returns `Result<(), ErrorBody>`.

mod backup;
mod case;
mod casenum;
mod deadline;
mod doc;
mod exchange;
mod law;
mod review;
mod review_appeal;
mod review_draft;
mod stats;
mod stats_judge;
mod stats_review;
mod sync;

use andu_core::{Coded, ErrorBody};
use andu_store::{Store, resolve_key};
use chrono::{NaiveDate, Utc};

use crate::args::{Cli, Command};

pub type CmdResult = Result<(), ErrorBody>;

pub fn coded<E: Coded>(e: E) -> ErrorBody {
    e.to_body()
}

/// The store `--db` / `ANDU_DB` names, else the default location under the OS data folder.
pub fn db_path(cli: &Cli) -> std::path::PathBuf {
    cli.db.clone().unwrap_or_else(|| {
        andu_store::default_db_path(&dirs::data_dir().unwrap_or_else(|| std::path::PathBuf::from(".")))
    })
}

/// Open the store named by `--db` / `ANDU_DB`, else the default location; key from `ANDU_DB_KEY` or the keyring.
pub fn open_store(cli: &Cli) -> Result<Store, ErrorBody> {
    let path = db_path(cli);
    let (key, _) = resolve_key(&path, std::env::var("ANDU_DB_KEY").ok()).map_err(coded)?;
    Store::open(&path, &key).map_err(coded)
}

/// The shell is where the clock is read; everything below takes the date as a parameter. Unless `--today` names
/// it, today is the court day (Beijing time, `andu_core::clock`), whatever zone this computer is set to: the day
/// the 阅核 and 评查 records are dated by.
pub fn today(arg: Option<&str>) -> Result<NaiveDate, ErrorBody> {
    match arg {
        Some(s) => andu_core::date::parse_date(s).map_err(coded),
        None => Ok(andu_core::court_day_of(now())),
    }
}

pub fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

pub fn run(cli: Cli) -> CmdResult {
    match &cli.command {
        Command::Import { file, skip_invalid, show_mapping, mapping, save_mapping } => exchange::import(
            &cli,
            file,
            exchange::ImportArgs {
                skip_invalid: *skip_invalid,
                show_mapping: *show_mapping,
                mapping: mapping.as_deref(),
                save_mapping: *save_mapping,
            },
        ),
        Command::Export { file } => exchange::export(&cli, file),
        Command::Demo { cases, seed, today: t, not_demo } => {
            exchange::demo(&cli, *cases, *seed, t.as_deref(), *not_demo)
        }
        Command::Backup { out, keep } => backup::backup(&cli, out.as_deref(), *keep),
        Command::Restore { file } => backup::restore(&cli, file),
        Command::Case(c) => case::run(&cli, c),
        Command::Search { query, limit } => case::search(&cli, query, *limit),
        Command::History { case_no, from_server } => case::history(&cli, case_no, *from_server),
        Command::Event(e) => case::event(&cli, e),
        Command::Note(n) => case::note(&cli, n),
        Command::Party(p) => case::party(&cli, p),
        Command::Hearing(h) => case::hearing(&cli, h),
        Command::Appeal(a) => case::appeal(&cli, a),
        Command::Casenum(c) => casenum::run(&cli, c),
        Command::Period(p) => deadline::period(&cli, p),
        Command::TrialLimit(t) => deadline::trial_limit(&cli, t),
        Command::Deadlines { case_no, today: t } => deadline::case_deadlines(&cli, case_no, t.as_deref()),
        Command::Due { within, today: t, all } => deadline::due(&cli, within, t.as_deref(), *all),
        Command::Holidays(h) => deadline::holidays(&cli, h),
        Command::Rules(r) => deadline::rules(&cli, r),
        Command::Reminders(r) => deadline::reminders(&cli, r),
        Command::Stats(s) => stats::run(&cli, s),
        Command::Doc(d) => doc::run(&cli, d),
        Command::Login { server, user } => sync::login(&cli, server, user),
        Command::Logout => sync::logout(&cli),
        Command::Sync => sync::sync(&cli),
        Command::Conflicts { action } => sync::conflicts(&cli, action.as_ref()),
        Command::Law(l) => law::run(&cli, l),
        Command::Cite(c) => law::cite(&cli, c),
        Command::Draft(d) => review::draft(&cli, d),
        Command::Review(r) => review::run(&cli, r),
        Command::Court(c) => law::court(&cli, c),
    }
}
