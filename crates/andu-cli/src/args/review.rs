//! `andu draft …` and `andu review …` (院庭长阅核, issue #18). Kept apart from `args.rs` so the 阅核 and 评查
//! commands grow without touching the rest.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Who is acting. By default the user logged in to the court server (`andu login`), else the store's profile
/// (设置: name and 审判庭, as a 法官). The options name someone else on a shared machine; the court server checks
/// every step again against the account that syncs it.
#[derive(Args, Debug, Clone, Default)]
pub struct ActorArgs {
    /// Your name as the cases record it (承办法官, 庭长 …).
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub name: Option<String>,
    /// 法官, 法官助理, 书记员, 庭长 or 院长.
    #[arg(long, global = true)]
    pub role: Option<String>,
    /// Your 审判庭.
    #[arg(long, global = true)]
    pub division: Option<String>,
}

#[derive(Args)]
pub struct DraftArgs {
    #[command(flatten)]
    pub actor: ActorArgs,
    #[command(subcommand)]
    pub command: DraftCommand,
}

#[derive(Subcommand)]
pub enum DraftCommand {
    /// Save a revision of the case's judgment from `{"本院认为": "…", "判决主文": "…"}` (section names as the editor
    /// shows them, or their keys). Sections left out keep their text. A reviewer may not (not_the_author).
    /// A FILE.docx (a generated 裁定书/调解书) is saved instead as a revision of the case's 裁定书/调解书 draft, its
    /// text in 正文, for `andu review send`: the kind from --kind, else from the file's name.
    Import {
        case_no: String,
        file: PathBuf,
        /// 裁定书 or 调解书 (only for a .docx; default: from the file's name).
        #[arg(long)]
        kind: Option<String>,
    },
    /// The judgment's latest revision: its sections, revisions and 阅核 status.
    Show { case_no: String },
    /// Write the latest revision as a court-layout .docx. Refused (review_pending) while 阅核 is required and the
    /// revision is not 同意签发, unless --override gives the reason, which is recorded on the case.
    Export {
        case_no: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
}

#[derive(Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub actor: ActorArgs,
    #[command(subcommand)]
    pub command: ReviewCommand,
}

#[derive(Subcommand)]
pub enum ReviewCommand {
    /// Send the judgment's latest revision to 阅核 (the case's judge).
    Send {
        case_no: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// 待我阅核: waiting days and the 审限's last day of each case waiting for you.
    Queue {
        #[arg(long)]
        today: Option<String>,
    },
    /// A case's 阅核: status and every round with its comments and decision.
    Show { case_no: String },
    /// Comment on a passage of the revision under review (--quote is text of the draft), or answer in a thread
    /// (--reply-to COMMENT_ID).
    Comment {
        case_no: String,
        #[arg(long, default_value = "")]
        quote: String,
        #[arg(long)]
        text: String,
        #[arg(long, value_name = "COMMENT_ID")]
        reply_to: Option<String>,
    },
    /// Withdraw one of your comments (it stays on record, marked withdrawn).
    Withdraw { case_no: String, comment_id: String },
    /// Answer the waiting round: --approve (同意签发), --return (提出意见), or --discuss 专业法官会议|审判委员会.
    Decide {
        case_no: String,
        /// 同意签发.
        #[arg(long, group = "decision")]
        approve: bool,
        /// 提出意见: back to the judge to revise and send again.
        #[arg(long = "return", group = "decision")]
        send_back: bool,
        /// 提交讨论: 专业法官会议 or 审判委员会 (its result later with `andu review result`).
        #[arg(long, group = "decision", value_name = "FORUM")]
        discuss: Option<String>,
        /// The reviewer's note on the decision.
        #[arg(long)]
        note: Option<String>,
    },
    /// Record the result of the meeting a case was sent to (专业法官会议, 审判委员会).
    #[command(name = "result")]
    MeetingResult {
        case_no: String,
        #[arg(long)]
        text: String,
    },
    /// Mark a case as 四类案件 (its 阅核 goes to the 院长), with the reason; --clear removes the mark.
    Flag {
        case_no: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        clear: bool,
    },
    /// 发改案件逐案评查 list: every case whose appeal ended in 改判 or 发回重审, with its deadline and 评查 state
    /// (待评查/已评查, overdue). `--out FILE.xlsx` writes it as a ledger.
    AppealCases {
        /// Only this division (审判庭).
        #[arg(long)]
        division: Option<String>,
        /// Only this judge (承办法官).
        #[arg(long)]
        judge: Option<String>,
        /// Write the list as an .xlsx ledger.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Court name for the ledger's title (default: the court most cases name).
        #[arg(long)]
        court: Option<String>,
        /// The day overdue is judged on (default: today).
        #[arg(long)]
        today: Option<String>,
    },
    /// Record the 评查 of one 发改 case: the reason category, whether the first-instance judge bears
    /// responsibility, and the lesson (一案一策). Only a 庭长 or 院长 may (checked by the court server).
    AppealCase {
        case_no: String,
        /// One of the court's categories: 认定事实, 适用法律, 程序, 新证据, 其他.
        #[arg(long)]
        reason: String,
        /// Whether the first-instance judge bears responsibility: yes or no (是/否).
        #[arg(long)]
        responsible: String,
        /// The lesson (一案一策).
        #[arg(long)]
        lesson: String,
    },
}
