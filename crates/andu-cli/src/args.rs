//! The command line, as clap derives it. Names and flags here are a public contract (README, issues): keep them.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

mod review;
pub use review::{ActorArgs, DraftArgs, DraftCommand, ReviewArgs, ReviewCommand};

/// Parses the command line; `andu event add --help` lists the event kinds the deadline engine reads.
pub fn parse() -> Cli {
    let command =
        Cli::command().mut_subcommand("event", |e| e.mut_subcommand("add", |a| a.after_help(event_kinds_help())));
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

fn event_kinds_help() -> String {
    let mut out = String::from("审限变更节点（程序转换、重新计算审限；--kind 取以下名称）：\n");
    for k in andu_deadline::LIMIT_EVENT_KINDS {
        out.push_str(&format!("  {}  {}\n", k.id, k.meaning));
    }
    out.push_str("\n引起法定期间的节点：\n");
    for (id, meaning) in andu_deadline::EVENT_KINDS {
        out.push_str(&format!("  {id}  {meaning}\n"));
    }
    out.push_str("\n其他名称也可记录（手工节点），但不引起期间，也不改变审限。");
    out
}

#[derive(Parser)]
#[command(name = "andu", version, about = "案牍 Andu：法官与法官助理的案件工作台（命令行）")]
pub struct Cli {
    /// Case store file (default: $ANDU_DB, else the OS data dir). The key comes from $ANDU_DB_KEY or the OS keyring.
    #[arg(long, global = true, env = "ANDU_DB")]
    pub db: Option<PathBuf>,
    /// Print results (and errors) as JSON.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Import cases from JSON Lines (.jsonl), .xlsx, .xls or .csv; re-importing a 案号 updates it. A court
    /// system's own export (title rows, merged headers, its own column names, GBK CSV) is read through a column
    /// mapping proposed from synonyms: see it with --show-mapping, correct it with --mapping.
    Import {
        file: PathBuf,
        /// Import the valid rows and report the invalid ones (default: any invalid row aborts the import).
        #[arg(long)]
        skip_invalid: bool,
        /// Show the header row found and the proposed column mapping (and how many rows would fail); import nothing.
        #[arg(long)]
        show_mapping: bool,
        /// Column mapping, TOML: `header_row = 3` (optional) and `[columns]` "收案日期" = "立案日期", "备注" = "忽略" (column
        /// names in quotes; --show-mapping prints one to start from).
        #[arg(long, value_name = "MAPPING.toml")]
        mapping: Option<PathBuf>,
        /// Keep the mapping used for this court's next export (in the store, by the court code of its 案号).
        #[arg(long)]
        save_mapping: bool,
    },
    /// Export every case to .jsonl or .xlsx (by the file's extension).
    Export { file: PathBuf },
    /// Cases: list, show, add, set.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Search 案号, parties (also pinyin: zs → 张三), 案由, judges, notes.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The change history of a case (newest first).
    History {
        case_no: String,
        /// Fetch the case's whole history from the court server first (a device that joined the division holds
        /// only the last change of each record).
        #[arg(long)]
        from_server: bool,
    },
    /// 案号 tools.
    #[command(subcommand)]
    Casenum(CasenumCommand),
    /// Procedural events (节点) of a case.
    #[command(subcommand)]
    Event(EventCommand),
    /// Notes on a case.
    #[command(subcommand)]
    Note(NoteCommand),
    /// The appeal (上诉) of a closed case: `andu appeal set 案号 --filed 2025-06-10 [--outcome 发回重审]`; setting it
    /// again corrects it or adds the second instance's result.
    #[command(subcommand)]
    Appeal(AppealCommand),
    /// Hearings (开庭): `andu hearing add 案号 --start "2026-12-03 09:30" --room 第一法庭`; `andu hearing move 案号
    /// ID --start … --room …` for 延期/改期.
    #[command(subcommand)]
    Hearing(HearingCommand),
    /// Parties (当事人) of a case: add one, change one (a new address for 送达, a 代理人), remove one.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Fill an empty store with realistic demo cases.
    Demo {
        #[arg(long, default_value_t = 200)]
        cases: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Date the demo is generated around (default: today).
        #[arg(long)]
        today: Option<String>,
        /// Do not mark the store as a demo store (only for load tests against a test server: a demo store is
        /// never synced, and a court's real server must never receive made-up cases).
        #[arg(long)]
        not_demo: bool,
    },
    /// An encrypted copy of the store in `--out` (default: `backups` beside the store), keeping the newest `--keep`.
    /// Encrypted with the store's key, or with `ANDU_BACKUP_KEY` when set (needed again to restore).
    Backup {
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = andu_store::backup::DEFAULT_KEEP)]
        keep: usize,
    },
    /// Replace the store by a backup (its key: `ANDU_BACKUP_KEY`, else the store's). The replaced store is moved
    /// aside, never deleted. Close the desktop app first.
    Restore { file: PathBuf },
    /// A statutory period: start day excluded, month ends, rest-day roll-forward (CPL 85).
    Period(PeriodArgs),
    /// The 审限 of a procedure with extensions and deductions.
    TrialLimit(TrialLimitArgs),
    /// Every deadline of a case: its 审限 and the periods derived from its recorded events, with explanations.
    Deadlines {
        case_no: String,
        #[arg(long)]
        today: Option<String>,
    },
    /// What is due soon across pending cases: 审限, party periods, hearings.
    Due {
        /// Window, e.g. 7d, 7天, 2w, 2周, 1个月.
        #[arg(long, default_value = "7d")]
        within: String,
        #[arg(long)]
        today: Option<String>,
        /// List every 审限 that ran out before the window too (by default counted in one line; --json lists all).
        #[arg(long)]
        all: bool,
    },
    /// Holiday tables (节假日与调休).
    #[command(subcommand)]
    Holidays(HolidaysCommand),
    /// Period rule files (期间规则) by area: the built-in ones, or the court's (published at sync, or imported).
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Reminder tiers (远期/中期/紧急/超期) and when party periods are reminded.
    #[command(subcommand)]
    Reminders(RemindersCommand),
    /// 指标统计 for a period: `stats --from … --to …`; `stats cases --indicator KEY …` lists the cases behind a
    /// number; `stats export --out FILE.xlsx …` writes the court-report workbook.
    Stats(StatsArgs),
    /// 文书生成: fill a .docx template (made in Word/WPS, or builtin:传票 …) from JSON or from a case.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Log in to the court's sync server (password from ANDU_PASSWORD); registers this store as a device.
    Login {
        #[arg(long)]
        server: String,
        #[arg(long)]
        user: String,
    },
    /// End this store's session with the court server (the refresh token is deleted; cases stay). Refused while
    /// edits wait to be uploaded.
    Logout,
    /// Push local edits to the court server and pull everyone else's: {"pushed","pulled","conflicts","rejected"}.
    Sync,
    /// Conflicts between this store's edits and others' (list, or resolve one).
    Conflicts {
        #[command(subcommand)]
        action: Option<ConflictsCommand>,
    },
    /// 法条: the statute library shipped with andu (search, show an article, the version in force on a date).
    #[command(subcommand)]
    Law(LawCommand),
    /// 引用核对: check every statute citation in a judgment (.docx or .txt) against the law in force on its date.
    #[command(subcommand)]
    Cite(CiteCommand),
    /// The case's judgment (判决书草稿): import a revision, show it, export it as .docx (gated by 阅核).
    Draft(DraftArgs),
    /// 院庭长阅核: send a draft, the reviewer's queue, comments, decisions.
    Review(ReviewArgs),
    /// 本院信息: the court's details documents use — its appellate court for the 上诉于……人民法院 line of a judgment.
    #[command(subcommand)]
    Court(CourtCommand),
}

#[derive(Subcommand)]
pub enum CourtCommand {
    /// The court, its appellate court (unset: judgments say so where the name belongs) and the one its name suggests.
    Show,
    /// `andu court set --appellate 广东省深圳市中级人民法院` (`--appellate ""` clears it).
    Set {
        #[arg(long)]
        appellate: String,
    },
}

#[derive(Subcommand)]
pub enum LawCommand {
    /// Full-text search over the version of each law in force (laws whose name or abbreviation matches first).
    Search {
        query: String,
        /// Search the versions in force on this date (YYYY-MM-DD) instead of the newest.
        #[arg(long)]
        on: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// One article (or a whole law without ARTICLE): `andu law show 民事诉讼法 147 --on 2023-05-01`.
    Show {
        /// Full name or abbreviation (民诉法, 民诉法解释, 民间借贷规定 …).
        law: String,
        /// 147, 第一百四十七条 or 145之一.
        article: Option<String>,
        /// The version in force on this date (default: the newest).
        #[arg(long)]
        on: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum CiteCommand {
    /// `andu cite check 判决书.docx --date 2025-06-01 --json` → {"citations":[{"text","law","article","status",
    /// "suggestion","message"}]}; status ok | repealed | unknown_article | unknown_law | abbreviated | renumbered.
    Check {
        file: PathBuf,
        /// The judgment's date: citations are checked against the law in force that day.
        #[arg(long)]
        date: String,
    },
    /// `andu cite appendix 判决书.docx --date 2025-06-01` → 附：本判决适用的法律条文, every cited article quoted in the
    /// version in force on DATE (`--json`: {"date","laws","left_out","text"}); citations that cannot be quoted
    /// (repealed, unknown, renumbered) are listed apart.
    Appendix {
        file: PathBuf,
        /// The judgment's date (its 落款): the versions in force that day are quoted.
        #[arg(long)]
        date: String,
    },
}

#[derive(Subcommand)]
pub enum ConflictsCommand {
    /// Keep one side of a conflict; the choice is pushed at the next sync.
    Resolve {
        id: String,
        /// mine | theirs
        #[arg(long)]
        take: String,
    },
}

#[derive(Subcommand)]
pub enum DocCommand {
    /// `--data FILE.json` or `--case 案号 [--party 名称]` (or both: the file's fields added to the case's, e.g. a
    /// judgment's 本院认为 and 判决主文) → `--out OUT.docx`; or `--data-jsonl FILE.jsonl --out-dir DIR` → one
    /// document per line (1.docx, 2.docx, …).
    Render(DocRenderArgs),
    /// `andu doc generate 案号 --template T [--party 名称]... [--out-dir DIR]`: one document per party (or one for the
    /// template's usual addressee) into `DIR/<案号>/`, each recorded on the case (as the app's 文书 does).
    Generate(DocGenerateArgs),
    /// The fields and sections a template uses.
    Fields {
        /// A .docx file, builtin:NAME or court:NAME.
        #[arg(long)]
        template: String,
        /// The tags' delimiters: "{{ }}" or docxtemplater's "{ }" (default: detected from the template).
        #[arg(long)]
        delimiters: Option<String>,
    },
    /// The built-in templates (builtin:NAME) and the court's (court:NAME) with their fields.
    Templates,
    /// The tag delimiters of a court template: shown, or set with --set "{ }" (docxtemplater's), "{{ }}" or auto.
    Delimiters {
        /// court:NAME
        #[arg(long)]
        template: String,
        #[arg(long)]
        set: Option<String>,
    },
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("source").required(true).multiple(true).args(["data", "case", "data_jsonl"])))]
pub struct DocRenderArgs {
    /// A .docx file, builtin:NAME, or court:NAME (published by the court; see `andu doc templates`).
    #[arg(long)]
    pub template: String,
    /// The data: one JSON object. With --case, its fields are added to the case's (and win over them).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Build the data from this case in the store.
    #[arg(long)]
    pub case: Option<String>,
    /// With --case: the addressee (送达对象), by name (default: the template's usual addressee, if any).
    #[arg(long, requires = "case")]
    pub party: Option<String>,
    /// One JSON object per line, one document per line.
    #[arg(long, requires = "out_dir", conflicts_with_all = ["data", "case"])]
    pub data_jsonl: Option<PathBuf>,
    #[arg(long, required_unless_present = "out_dir", conflicts_with = "out_dir")]
    pub out: Option<PathBuf>,
    #[arg(long, requires = "data_jsonl")]
    pub out_dir: Option<PathBuf>,
    /// A field missing from the data is an error instead of a blank.
    #[arg(long)]
    pub strict: bool,
    /// The tags' delimiters: "{{ }}" or docxtemplater's "{ }" (default: detected from the template).
    #[arg(long)]
    pub delimiters: Option<String>,
    /// With --case: the date for 落款日期, the next hearing and deadlines (default: today).
    #[arg(long)]
    pub today: Option<String>,
}

#[derive(Args)]
pub struct DocGenerateArgs {
    /// The case's 案号.
    pub case_no: String,
    /// builtin:NAME, or court:NAME (published by the court; see `andu doc templates`).
    #[arg(long)]
    pub template: String,
    /// The addressee (送达对象), by name; repeat for one document per party (default: the template's usual
    /// addressee, one document).
    #[arg(long)]
    pub party: Vec<String>,
    /// The documents go into OUT_DIR/<案号>/ (default: the current folder).
    #[arg(long, default_value = ".")]
    pub out_dir: PathBuf,
    /// The date for 落款日期, the next hearing and deadlines (default: today).
    #[arg(long)]
    pub today: Option<String>,
}

/// `andu stats` takes the query flags itself, or a subcommand with its own copy of them.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct StatsArgs {
    #[command(subcommand)]
    pub command: Option<StatsCommand>,
    #[command(flatten)]
    pub query: StatsQuery,
}

#[derive(Subcommand)]
pub enum StatsCommand {
    /// The cases behind one indicator (e.g. within_limit_rate) and why each counts.
    Cases {
        /// Indicator key, e.g. received, closure_rate, over_12m_pending.
        #[arg(long)]
        indicator: String,
        #[command(flatten)]
        query: StatsQuery,
    },
    /// 法官办案业绩: one judge's 结案数, 折算结案数, 平均审理天数, 发改率, 审限内结案率, 一次有效庭审率, 长期未结 with the
    /// division's median and a 12-month trend.
    Judge {
        /// 承办法官, as the cases name them.
        name: String,
        /// First day of the period (default: 1 January of the --to year).
        #[arg(long)]
        from: Option<String>,
        /// Last day of the period (default: today).
        #[arg(long)]
        to: Option<String>,
        /// A court's case-weight file (same shape as assets/weights/case_weights.toml).
        #[arg(long)]
        weights: Option<PathBuf>,
    },
    /// 阅核统计: per reviewer and per judge — 送阅核, 同意签发, 退回, 提交讨论, 待阅核, median days to the answer;
    /// with --indicator, the rounds behind one number (e.g. review_returned), for --reviewer NAME or --judge NAME.
    Review {
        /// review_sent, review_approved, review_returned, review_discussed, review_pending or review_turnaround.
        #[arg(long)]
        indicator: Option<String>,
        /// With --indicator: only the rounds this reviewer answered (or, unanswered, waits for: 院长, 民一庭庭长).
        #[arg(long, requires = "indicator")]
        reviewer: Option<String>,
        #[command(flatten)]
        query: StatsQuery,
    },
    /// Court-report workbook (.xlsx): indicators with their definitions, 逐月收结, 长期未结案件台账.
    Export {
        #[arg(long)]
        out: PathBuf,
        /// Court name for the title row (default: the court most cases in scope name).
        #[arg(long)]
        court: Option<String>,
        #[command(flatten)]
        query: StatsQuery,
    },
}

#[derive(Args, Clone, Default)]
pub struct StatsQuery {
    /// First day of the period (YYYY-MM-DD, included).
    #[arg(long, required = true)]
    pub from: Option<String>,
    /// Last day of the period (YYYY-MM-DD, included).
    #[arg(long, required = true)]
    pub to: Option<String>,
    /// Only this division (部门), e.g. 民一庭.
    #[arg(long)]
    pub division: Option<String>,
    /// Only this judge (承办法官).
    #[arg(long)]
    pub judge: Option<String>,
    /// Only this procedure id or name, e.g. civil-simple or 简易程序.
    #[arg(long)]
    pub procedure: Option<String>,
    /// Only this case category: civil, criminal, administrative, enforcement, other (or 民事, 刑事…).
    #[arg(long)]
    pub category: Option<String>,
    /// A court's own indicator definitions (same shape as assets/indicators/indicators.toml).
    #[arg(long)]
    pub definitions: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum RemindersCommand {
    /// Set the reminder thresholds from a TOML file (early_fraction, middle_days_civil, middle_days_criminal_admin,
    /// urgent_days, party_days_before); missing keys keep their defaults.
    Set { file: PathBuf },
    /// Show the thresholds in force.
    Show,
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Each area's rule file in force: version, and whether it is the court's or the built-in one.
    Show,
    /// Take a court's rule file (one area, the format of assets/rules/) into use; lists the deadlines it moves.
    Import { file: PathBuf },
    /// Go back to the built-in file of an area (civil, criminal, admin, enforcement).
    Reset { area: String },
}

#[derive(Subcommand)]
pub enum HolidaysCommand {
    /// Import a year: the State Council notice's text as published (国务院办公厅关于2027年部分节假日安排的通知, pasted
    /// into a .txt file), or JSON {"year":2027,"days":[{"name","date","isOffDay"}…]}. Lists the deadlines it moves.
    Import {
        file: PathBuf,
        /// The notice's year, when the pasted text lacks its title.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Read a pasted notice and show the days off and 调休上班 days it gives, without importing (--json: the JSON
    /// that `holidays import` takes).
    Parse {
        file: PathBuf,
        #[arg(long)]
        year: Option<i32>,
    },
    /// List the years the calendar covers.
    List,
}

#[derive(Subcommand)]
pub enum CaseCommand {
    /// List cases, newest filing first.
    List {
        #[arg(long, value_parser = ["pending", "closed"])]
        status: Option<String>,
        #[arg(long)]
        procedure: Option<String>,
        #[arg(long)]
        judge: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Show one case with its parties, nodes, hearings, 审限 changes and notes.
    Show { case_no: String },
    /// Add a case from flags, or from a JSON object on stdin (the import line format) when --case-no is absent.
    Add(CaseAddArgs),
    /// Change one field (named as in the import format: cause, judge, clerk, closed…).
    Set { case_no: String, field: String, value: String },
}

#[derive(Args)]
pub struct CaseAddArgs {
    #[arg(long)]
    pub case_no: Option<String>,
    #[arg(long, default_value = "")]
    pub cause: String,
    #[arg(long, default_value = "")]
    pub procedure: String,
    #[arg(long, default_value = "")]
    pub filed: String,
    #[arg(long, default_value = "")]
    pub court: String,
    #[arg(long, default_value = "")]
    pub division: String,
    #[arg(long, default_value = "")]
    pub judge: String,
    #[arg(long, default_value = "")]
    pub assistant: String,
    #[arg(long, default_value = "")]
    pub clerk: String,
    /// A party as ROLE:NAME (e.g. 原告:张三); repeat for each party. Organisations are recognised by name.
    #[arg(long = "party")]
    pub parties: Vec<String>,
}

#[derive(Subcommand)]
pub enum CasenumCommand {
    /// Parse a 案号 and explain each part.
    Check { case_no: String },
}

#[derive(Subcommand)]
pub enum EventCommand {
    /// Record an event, e.g. `andu event add 案号 --kind 送达判决书 --date 2025-09-20 --party 张三`, or a change of
    /// the 审限: `--kind 简易程序转普通程序 --date 2025-05-20` (the kinds are listed below).
    Add {
        case_no: String,
        /// The event kind (节点类型), e.g. 送达判决书, 简易程序转普通程序, 补充侦查完毕移送.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        party: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove a 节点, 开庭, 审限延长 or 扣除 entered by mistake, by its id (`andu case show 案号 --json` lists
    /// them). The case history keeps what was removed. Removing a conversion (简易程序转普通程序) puts the case
    /// back under its former 程序.
    Remove { case_no: String, id: String },
}

#[derive(Subcommand)]
pub enum AppealCommand {
    Set {
        case_no: String,
        #[arg(long)]
        filed: String,
        /// 维持, 改判, 发回重审, 撤诉 or 调解 (none while the second instance has not decided).
        #[arg(long)]
        outcome: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum HearingCommand {
    /// Schedule a hearing (排期): local court time and the 法庭.
    Add {
        case_no: String,
        /// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM`.
        #[arg(long)]
        start: String,
        #[arg(long)]
        room: String,
    },
    /// Move a hearing to another time or room (延期开庭), by its id (`andu case show 案号 --json`).
    Move {
        case_no: String,
        id: String,
        #[arg(long)]
        start: String,
        #[arg(long)]
        room: String,
    },
}

#[derive(Subcommand)]
pub enum PartyCommand {
    /// `andu party add 案号 --role 第三人 --name 某某物业公司 --kind org`.
    Add {
        case_no: String,
        #[command(flatten)]
        fields: PartyFields,
    },
    /// Change the given fields of a party, by its id (`andu case show 案号 --json` lists them); an empty value
    /// clears an optional field. Renaming a party renames it in the 节点 recorded for it.
    Set {
        case_no: String,
        id: String,
        #[command(flatten)]
        fields: PartyFields,
    },
    /// Remove a party added by mistake (refused while a 节点 names it, and for the last party).
    Remove { case_no: String, id: String },
}

/// The fields of a party; on `set`, only the ones given change.
#[derive(Args, Default)]
pub struct PartyFields {
    /// 诉讼地位: 原告, 被告, 第三人, 上诉人…
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    /// person (自然人) or org (单位).
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub id_number: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub agent: Option<String>,
    /// No domicile in China (答辩期/上诉期 30 days): true or false.
    #[arg(long)]
    pub foreign: Option<bool>,
}

#[derive(Subcommand)]
pub enum NoteCommand {
    Add { case_no: String, text: String },
}

#[derive(Args)]
pub struct PeriodArgs {
    /// The trigger: a date, or a date and time ("2025-09-30 10:00") for an hour period.
    #[arg(long)]
    pub from: String,
    /// An hour period (48 for 紧急保全): counted from the next whole hour and never rolled for rest days.
    #[arg(long, group = "len")]
    pub hours: Option<u32>,
    #[arg(long, group = "len")]
    pub days: Option<u32>,
    #[arg(long, group = "len")]
    pub months: Option<u32>,
    #[arg(long, group = "len")]
    pub years: Option<u32>,
    #[arg(long, default_value = "civil", value_parser = ["civil", "admin", "criminal", "criminal-custody"])]
    pub regime: String,
}

#[derive(Args)]
pub struct TrialLimitArgs {
    #[arg(long)]
    pub procedure: String,
    #[arg(long)]
    pub filed: String,
    /// Extension, e.g. 6m, 6个月, 30d or 30日; repeatable.
    #[arg(long)]
    pub extend: Vec<String>,
    /// Deducted interval FROM..TO (both days deducted); repeatable.
    #[arg(long)]
    pub deduct: Vec<String>,
    #[arg(long)]
    pub custody: bool,
    /// Evaluate days left and warning tier as of this date (default: today).
    #[arg(long)]
    pub today: Option<String>,
}
