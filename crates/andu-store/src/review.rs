//! 院庭长阅核 in the store: sending a draft revision to 阅核, comments anchored to a quoted passage (each a thread,
//! withdrawn by a record, never erased), the reviewer's decision, the 四类案件 flag, and the gate on exporting the
//! judgment for issue. The records are `table::review`'s; who may do what is `andu_sync::review`'s rule, checked
//! here first so a person hears a refusal offline, and again by the court server.
//!
//! The acting person (`Actor`) and the court's settings are passed in: the store knows neither the login nor the
//! clock (`now` is the writer's).

use std::collections::BTreeMap;

use andu_core::review::{Decision, FOUR_KINDS, Forum, ReviewError, ReviewStatus};
use andu_sync::review::{self as rules, CaseRef, Refusal};
use serde::Serialize;

pub use andu_sync::access::Role;
pub use andu_sync::review::{Actor, Reviewer, reviews_cases};

use crate::error::{Result, StoreError};
use crate::table::cases::{self, CaseRow};
use crate::table::change_log::NewChange;
use crate::table::drafts::{self, DraftContent, DraftRow, RevisionRow};
use crate::table::review::{
    self as records, CommentRow, DecisionRow, FlagRow, OverrideRow, ResultRow, ReviewRecord, RoundRow, WithdrawalRow,
};
use crate::{Store, Writer};

/// Store settings a court sets for 阅核 (`review:reviewer` = 庭长 | 院长, `review:required` = sent | all,
/// `review:override` = allowed | refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewSettings {
    #[serde(serialize_with = "reviewer_zh")]
    pub reviewer: Reviewer,
    /// Every case needs 同意签发 before its judgment is exported, not only the ones sent or flagged.
    pub required_for_all: bool,
    /// The judge may export anyway with a recorded reason.
    pub override_allowed: bool,
}

fn reviewer_zh<S: serde::Serializer>(r: &Reviewer, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(r.name_zh())
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings { reviewer: Reviewer::Chief, required_for_all: false, override_allowed: true }
    }
}

pub const SETTING_REVIEWER: &str = "review:reviewer";
pub const SETTING_REQUIRED: &str = "review:required";
pub const SETTING_OVERRIDE: &str = "review:override";

/// The store setting that keeps the value the court's last published settings file gave `key` (empty when the file
/// left it out), written beside the setting itself when the file is applied: 设置 → 本院数据 tells a value the court
/// published from one set on this machine after it.
pub fn published_setting_key(key: &str) -> String {
    format!("published:{key}")
}

/// A comment with its thread (answers in order) and its withdrawal, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommentView {
    pub id: String,
    pub section: Option<String>,
    pub quote: String,
    pub text: String,
    pub by: String,
    pub at: String,
    pub withdrawn: Option<WithdrawalRow>,
    pub replies: Vec<CommentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundView {
    pub id: String,
    pub draft_id: String,
    /// The revision sent (its id) and its number among the draft's revisions, from 1.
    pub revision: String,
    pub revision_no: usize,
    pub reviewer: String,
    pub sent_by: String,
    pub sent_at: String,
    pub note: Option<String>,
    /// The answer in force, `None` while waiting (or when the newest record holds an answer this version does not
    /// know: the round then reads as waiting, as its status does).
    pub decision: Option<Decision>,
    /// Where this round's answer left the case: `Decision::status`, 待阅核 while unanswered (the UI's tag).
    pub status: ReviewStatus,
    /// Every decision recorded on the round (two reviewers offline may both answer; the newest is in force).
    pub decisions: Vec<DecisionRow>,
    /// The results recorded for a `discuss` decision.
    pub results: Vec<ResultRow>,
    pub comments: Vec<CommentView>,
    /// What the judge changed since the revision the previous round sent (the sections that changed, as a
    /// character diff); `None` for the first round.
    pub changes: Option<Vec<crate::drafting::SectionDiff>>,
}

/// A case's 阅核: its status, the 四类案件 flag, every round with its comments and decision, and the overrides.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewView {
    pub case_no: String,
    pub status: ReviewStatus,
    /// Who reviews this case now: `庭长` or `院长`.
    pub reviewer: String,
    pub four_kinds: Option<FlagRow>,
    pub rounds: Vec<RoundView>,
    pub overrides: Vec<OverrideRow>,
}

impl ReviewView {
    fn latest_round(&self) -> Option<&RoundView> {
        self.rounds.last()
    }
}

/// A case waiting for its reviewer (before the docket adds waiting days and the 审限).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    pub case_id: String,
    pub case_no: String,
    pub judge: String,
    pub division: String,
    pub sent_at: String,
    pub sent_by: String,
    pub revision: String,
    pub four_kinds: bool,
}

fn refused(r: Refusal, what: &str) -> StoreError {
    let e = match r {
        Refusal::NotTheReviewer { reviewer, why } => ReviewError::ForbiddenCase { reviewer, why: why.into() },
        Refusal::NotTheAuthor { judge } => ReviewError::NotTheAuthor { what: what.into(), judge },
    };
    e.into()
}

fn case_ref(case: &CaseRow, four_kinds: bool) -> CaseRef<'_> {
    CaseRef { division: &case.division, judge: &case.judge, four_kinds }
}

fn case_by_no(conn: &rusqlite::Connection, case_no: &str) -> Result<CaseRow> {
    let canonical = andu_core::CaseNumber::parse(case_no)?.canonical();
    cases::by_case_no(conn, &canonical)?.ok_or(StoreError::CaseNotFound(canonical))
}

/// The revision the judge would send: the single head of the case's newest draft that has any.
/// The revision saved last among the case's drafts (the judgment, or a generated 裁定书/调解书 imported as a
/// draft): the judge sends what they worked on last. Its draft must have one head (merge first).
fn latest_revision(conn: &rusqlite::Connection, case_id: &str) -> Result<(DraftRow, RevisionRow)> {
    let mut newest: Option<(DraftRow, Vec<RevisionRow>)> = None;
    let saved = |heads: &[RevisionRow]| heads.iter().map(|r| (r.created_at.clone(), r.id.clone())).max();
    for d in drafts::for_case(conn, case_id)? {
        let heads = drafts::heads(conn, &d.id)?;
        if heads.is_empty() {
            continue;
        }
        if newest.as_ref().is_none_or(|(_, best)| saved(&heads) >= saved(best)) {
            newest = Some((d, heads));
        }
    }
    let (d, mut heads) = newest.ok_or(ReviewError::NoRevision)?;
    match heads.len() {
        1 => Ok((d, heads.remove(0))),
        n => Err(ReviewError::Heads(n).into()),
    }
}

/// Fold a case's records (in written order) into its view.
fn fold(
    conn: &rusqlite::Connection,
    case: &CaseRow,
    recs: Vec<ReviewRecord>,
    settings: &ReviewSettings,
) -> Result<ReviewView> {
    let mut rounds: Vec<RoundView> = Vec::new();
    let mut comments: Vec<CommentRow> = Vec::new();
    let mut withdrawn: BTreeMap<String, WithdrawalRow> = BTreeMap::new();
    let mut four_kinds = None;
    let mut overrides = Vec::new();
    let mut decisions = Vec::new();
    let mut results = Vec::new();
    let mut revision_numbers: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for rec in recs {
        match rec {
            ReviewRecord::Round(r) => {
                if !revision_numbers.contains_key(&r.draft_id) {
                    let n = drafts::revisions(conn, &r.draft_id)?
                        .into_iter()
                        .enumerate()
                        .map(|(i, rev)| (rev.id, i + 1))
                        .collect();
                    revision_numbers.insert(r.draft_id.clone(), n);
                }
                let numbers = &revision_numbers[&r.draft_id];
                rounds.push(RoundView {
                    id: r.id,
                    revision_no: numbers.get(&r.revision_id).copied().unwrap_or(0),
                    draft_id: r.draft_id,
                    revision: r.revision_id,
                    reviewer: r.reviewer,
                    sent_by: r.by,
                    sent_at: r.at,
                    note: r.note,
                    decision: None,
                    status: ReviewStatus::Pending,
                    decisions: Vec::new(),
                    results: Vec::new(),
                    comments: Vec::new(),
                    changes: None,
                });
            }
            ReviewRecord::Comment(c) => comments.push(c),
            ReviewRecord::Withdrawal(w) => {
                withdrawn.entry(w.comment_id.clone()).or_insert(w);
            }
            ReviewRecord::Decision(d) => decisions.push(d),
            ReviewRecord::Result(r) => results.push(r),
            ReviewRecord::Flag(f) if f.flag == FOUR_KINDS => four_kinds = f.set.then_some(f),
            ReviewRecord::Flag(_) => {}
            ReviewRecord::Override(o) => overrides.push(o),
        }
    }
    for d in decisions {
        if let Some(round) = rounds.iter_mut().find(|r| r.id == d.round_id) {
            round.decision = Decision::parse(&d.decision);
            round.status = round.decision.map_or(ReviewStatus::Pending, Decision::status);
            round.decisions.push(d);
        }
    }
    for res in results {
        if let Some(round) = rounds.iter_mut().find(|r| r.decisions.iter().any(|d| d.id == res.decision_id)) {
            round.results.push(res);
        }
    }
    // Threads: a reply hangs under the first comment of its chain (a reply to a reply joins the same thread).
    let view = |c: &CommentRow| CommentView {
        id: c.id.clone(),
        section: c.section.clone(),
        quote: c.quote.clone(),
        text: c.text.clone(),
        by: c.by.clone(),
        at: c.at.clone(),
        withdrawn: withdrawn.get(&c.id).cloned(),
        replies: Vec::new(),
    };
    // The first comments of threads before any answer: records made on two devices at the same moment have ids in
    // no particular order, so an answer can be listed before the comment it answers.
    for c in comments.iter().filter(|c| c.reply_to.is_none()) {
        if let Some(round) = rounds.iter_mut().find(|r| r.id == c.round_id) {
            round.comments.push(view(c));
        }
    }
    for c in comments.iter().filter(|c| c.reply_to.is_some()) {
        let Some(round) = rounds.iter_mut().find(|r| r.id == c.round_id) else { continue };
        let root = thread_root(&comments, &c.id);
        match round.comments.iter_mut().find(|t| t.id == root) {
            Some(thread) => thread.replies.push(view(c)),
            // Its thread's first comment has not arrived (yet): show it on its own rather than lose it.
            None => round.comments.push(view(c)),
        }
    }
    // Each round after the first: the diff between what the reviewer read last and what is sent now.
    for i in 1..rounds.len() {
        let (read, sent) = (&rounds[i - 1].revision, &rounds[i].revision);
        if let (Some(a), Some(b)) = (drafts::revision(conn, read)?, drafts::revision(conn, sent)?) {
            let diff = crate::drafting::diff_contents(&a.content, &b.content);
            rounds[i].changes = Some(diff.into_iter().filter(|d| d.changed).collect());
        }
    }
    let status = match rounds.last() {
        None => ReviewStatus::NotSent,
        Some(r) => r.status,
    };
    Ok(ReviewView {
        case_no: case.case_no.clone(),
        status,
        reviewer: settings.reviewer.for_case(four_kinds.is_some()).name_zh().to_string(),
        four_kinds,
        rounds,
        overrides,
    })
}

/// The first comment of `id`'s chain of answers (bounded: a cycle of forged ids cannot loop).
fn thread_root<'a>(comments: &'a [CommentRow], mut id: &'a str) -> &'a str {
    for _ in 0..=comments.len() {
        match comments.iter().find(|c| c.id == id).and_then(|c| c.reply_to.as_deref()) {
            Some(parent) => id = parent,
            None => break,
        }
    }
    id
}

fn view_of(conn: &rusqlite::Connection, case: &CaseRow, settings: &ReviewSettings) -> Result<ReviewView> {
    let recs = records::for_case(conn, &case.id)?;
    fold(conn, case, recs, settings)
}

/// Where to find a quoted passage: the first section (in key order) whose text contains it.
fn find_quote(content: &DraftContent, quote: &str) -> Option<String> {
    content.iter().find(|(_, text)| text.contains(quote)).map(|(k, _)| k.clone())
}

fn required(value: &str, field: &'static str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() { Err(ReviewError::Empty { field }.into()) } else { Ok(v.to_string()) }
}

fn not_pending(view: &ReviewView) -> StoreError {
    let hint = match view.status {
        ReviewStatus::NotSent => "承办法官送阅核后才能批注或答复",
        ReviewStatus::Approved => "已同意签发；如文书再修改，由承办法官重新送阅核",
        ReviewStatus::Returned => "可以在本轮批注下答复；新的批注或意见请待承办法官修改后重新送阅核",
        _ => "等待承办法官修改后重新送阅核",
    };
    let state = match view.status {
        ReviewStatus::NotSent => "尚未送阅核".to_string(),
        s => format!("阅核状态为“{}”", s.as_str()),
    };
    ReviewError::NotPending { state, hint: hint.into() }.into()
}

/// Who is acting, as a shell names them: any of name, role, division given (a CLI option); else the account logged
/// in to the court server (`sync:user`, `sync:role`, `sync:division`); else the store's profile (设置: name and
/// 审判庭, `profile:role` or 法官). The court server checks every step again against the account that syncs it.
#[derive(Debug, Clone, Default)]
pub struct ActingAs<'a> {
    pub name: Option<&'a str>,
    pub role: Option<&'a str>,
    pub division: Option<&'a str>,
}

impl Store {
    /// The person acting (see [`ActingAs`]): `actor_unknown` when no name is known, `role_unknown` for a role
    /// that is none of 法官, 法官助理, 书记员, 庭长, 院长.
    pub fn acting_user(&self, given: &ActingAs<'_>) -> Result<Actor> {
        use crate::table::sync::keys;
        let stored = |meta: &str, setting: &str| -> Result<Option<String>> {
            let v = self.sync_meta(meta)?.filter(|v| !v.trim().is_empty());
            Ok(match v {
                Some(v) => Some(v),
                None => self.setting(setting)?.filter(|v| !v.trim().is_empty()),
            })
        };
        let pick = |given: Option<&str>, meta: &str, setting: &str| -> Result<Option<String>> {
            match given {
                Some(v) => Ok(Some(v.trim().to_string())),
                None => stored(meta, setting),
            }
        };
        let name = pick(given.name, keys::USER, "profile:name")?.filter(|n| !n.is_empty());
        let name = name.ok_or(ReviewError::ActorUnknown)?;
        let role = match pick(given.role, keys::ROLE, "profile:role")? {
            None => Role::Judge,
            Some(r) => Role::parse(r.trim()).ok_or(ReviewError::RoleUnknown(r))?,
        };
        let division = pick(given.division, keys::DIVISION, "profile:division")?.unwrap_or_default();
        Ok(Actor { name: name.trim().to_string(), role, division })
    }

    /// The court's 阅核 settings, defaults where none is set (an unreadable value is the default, said in 设置).
    pub fn review_settings(&self) -> Result<ReviewSettings> {
        let d = ReviewSettings::default();
        let get = |k: &str| -> Result<Option<String>> { Ok(self.setting(k)?.filter(|v| !v.trim().is_empty())) };
        Ok(ReviewSettings {
            reviewer: get(SETTING_REVIEWER)?.as_deref().and_then(Reviewer::parse).unwrap_or(d.reviewer),
            required_for_all: get(SETTING_REQUIRED)?.is_some_and(|v| v.trim() == "all"),
            override_allowed: get(SETTING_OVERRIDE)?.is_none_or(|v| v.trim() != "refused"),
        })
    }

    /// A case's 阅核 as it stands.
    pub fn review(&self, case_no: &str, settings: &ReviewSettings) -> Result<ReviewView> {
        let case = case_by_no(self.conn(), case_no)?;
        view_of(self.conn(), &case, settings)
    }

    /// Every 阅核 round with its case number, division and decisions (the 阅核 statistics, read by the docket).
    pub fn review_rounds(&self) -> Result<Vec<records::RoundWithDecisions>> {
        Ok(records::rounds_with_decisions(self.conn())?)
    }

    /// 待我阅核: cases whose latest round waits for a decision `actor` may give, oldest first.
    pub fn review_queue(&self, actor: &Actor, settings: &ReviewSettings) -> Result<Vec<QueueItem>> {
        let mut out = Vec::new();
        for round in records::pending_rounds(self.conn())? {
            let Some(case) = cases::by_id(self.conn(), &round.case_id)? else { continue };
            let four = view_of(self.conn(), &case, settings)?.four_kinds.is_some();
            if rules::may_review(actor, &case_ref(&case, four), settings.reviewer).is_err() {
                continue;
            }
            out.push(QueueItem {
                case_id: case.id.clone(),
                case_no: case.case_no.clone(),
                judge: case.judge.clone(),
                division: case.division.clone(),
                sent_at: round.at,
                sent_by: round.by,
                revision: round.revision_id,
                four_kinds: four,
            });
        }
        Ok(out)
    }

    /// May the case's judgment be exported for issue? `Err(review_pending)` while 阅核 is required and the revision
    /// that would be exported is not the one 同意签发.
    pub fn review_export_check(&self, case_no: &str, settings: &ReviewSettings) -> Result<()> {
        let case = case_by_no(self.conn(), case_no)?;
        let view = view_of(self.conn(), &case, settings)?;
        if !settings.required_for_all && view.rounds.is_empty() && view.four_kinds.is_none() {
            return Ok(());
        }
        let approved = view.latest_round().filter(|_| view.status == ReviewStatus::Approved);
        let current = latest_revision(self.conn(), &case.id).ok().map(|(_, r)| r.id);
        let hint = if settings.override_allowed {
            "（承办法官可用 --override 原因 越过阅核导出，将留痕）"
        } else {
            ""
        };
        match approved {
            Some(r) if current.as_deref() == Some(r.revision.as_str()) => Ok(()),
            Some(r) => Err(ReviewError::Pending {
                state: format!("同意签发的是第 {} 稿，此后文本又有修改，需重新送阅核", r.revision_no),
                hint: hint.into(),
            }
            .into()),
            None => {
                Err(ReviewError::Pending { state: format!("为“{}”", view.status.as_str()), hint: hint.into() }.into())
            }
        }
    }
}

impl Writer<'_> {
    fn record(&self, rec: ReviewRecord) -> Result<()> {
        records::insert(self.tx(), &rec)?;
        let row = rec.to_value().to_string();
        self.log_change(NewChange {
            case_id: rec.case_id(),
            entity: rec.entity(),
            entity_id: rec.id(),
            field: None,
            old: None,
            new: Some(&row),
        })
    }

    fn review_state(&self, case_no: &str, settings: &ReviewSettings) -> Result<(CaseRow, ReviewView)> {
        let case = case_by_no(self.tx(), case_no)?;
        let view = view_of(self.tx(), &case, settings)?;
        Ok((case, view))
    }

    /// Save a revision of the case's judgment (creating its draft of `kind` if there is none) on top of every head,
    /// as the judge's text. A reviewer who is not the case's judge is refused `not_the_author`.
    pub fn import_draft(
        &mut self,
        case_no: &str,
        actor: &Actor,
        kind: &str,
        title: &str,
        content: &DraftContent,
    ) -> Result<RevisionRow> {
        let case = case_by_no(self.tx(), case_no)?;
        let four = view_of(self.tx(), &case, &ReviewSettings::default())?.four_kinds.is_some();
        rules::may_edit_text(actor, &case_ref(&case, four)).map_err(|r| refused(r, "修改文书"))?;
        let existing = drafts::for_case(self.tx(), &case.id)?.into_iter().rev().find(|d| d.kind == kind);
        let draft = match existing {
            Some(d) => d,
            None => self.create_draft(&case.case_no, kind, title)?,
        };
        let parents: Vec<String> = drafts::heads(self.tx(), &draft.id)?.into_iter().map(|r| r.id).collect();
        self.save_draft_revision(&draft.id, &parents, content, &actor.name)
    }

    /// Send the latest revision to 阅核. Only the case's judge; not while a round waits for its answer.
    pub fn send_for_review(
        &mut self,
        case_no: &str,
        actor: &Actor,
        note: Option<&str>,
        settings: &ReviewSettings,
    ) -> Result<RoundRow> {
        let (case, view) = self.review_state(case_no, settings)?;
        rules::may_send(actor, &case_ref(&case, view.four_kinds.is_some())).map_err(|r| refused(r, "送阅核"))?;
        if let Some(r) = view.latest_round().filter(|_| view.status == ReviewStatus::Pending) {
            return Err(ReviewError::AlreadySent { sent_at: r.sent_at.clone() }.into());
        }
        let (draft, rev) = latest_revision(self.tx(), &case.id)?;
        let round = RoundRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            draft_id: draft.id,
            revision_id: rev.id,
            reviewer: view.reviewer.clone(),
            note: note.map(str::trim).filter(|n| !n.is_empty()).map(String::from),
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Round(round.clone()))?;
        Ok(round)
    }

    /// A comment on a passage of the revision under review (`quote` must be in its text), or with `reply_to` an
    /// answer in a comment's thread (by the reviewer or the case's judge; the thread's quote when none is given) —
    /// on the latest round while it waits, or after it was returned (提出意见).
    pub fn comment_review(
        &mut self,
        case_no: &str,
        actor: &Actor,
        quote: &str,
        text: &str,
        reply_to: Option<&str>,
        settings: &ReviewSettings,
    ) -> Result<CommentRow> {
        let (case, view) = self.review_state(case_no, settings)?;
        let cref = case_ref(&case, view.four_kinds.is_some());
        let text = required(text, "批注内容")?;
        let round = match view.latest_round() {
            Some(r) if view.status == ReviewStatus::Pending => r,
            // Returned (提出意见): the judge answers the reviewer's comment in its thread, and the reviewer answers
            // back; a new comment waits for the next round.
            Some(r) if view.status == ReviewStatus::Returned && reply_to.is_some() => r,
            _ => return Err(not_pending(&view)),
        };
        let (quote, section) = match reply_to {
            Some(parent) => {
                rules::may_reply(actor, &cref, settings.reviewer).map_err(|r| refused(r, "答复批注"))?;
                let thread = round
                    .comments
                    .iter()
                    .find(|t| t.id == parent || t.replies.iter().any(|c| c.id == parent))
                    .ok_or_else(|| ReviewError::CommentNotFound(parent.to_string()))?;
                let quote = if quote.trim().is_empty() { thread.quote.clone() } else { quote.trim().to_string() };
                (quote, thread.section.clone())
            }
            None => {
                rules::may_review(actor, &cref, settings.reviewer).map_err(|r| refused(r, "批注"))?;
                let quote = required(quote, "引文")?;
                let revision = drafts::revision(self.tx(), &round.revision)?
                    .ok_or_else(|| StoreError::RevisionNotFound(round.revision.clone()))?;
                let section = find_quote(&revision.content, &quote).ok_or(ReviewError::QuoteNotFound(quote.clone()))?;
                (quote, Some(section))
            }
        };
        let c = CommentRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            round_id: round.id.clone(),
            reply_to: reply_to.map(String::from),
            section,
            quote,
            text,
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Comment(c.clone()))?;
        Ok(c)
    }

    /// Withdraw one's own comment: a withdrawal record; the comment stays in the history.
    pub fn withdraw_review_comment(&mut self, case_no: &str, actor: &Actor, comment_id: &str) -> Result<WithdrawalRow> {
        let case = case_by_no(self.tx(), case_no)?;
        let recs = records::for_case(self.tx(), &case.id)?;
        let comment = recs
            .iter()
            .find_map(|r| match r {
                ReviewRecord::Comment(c) if c.id == comment_id => Some(c),
                _ => None,
            })
            .ok_or_else(|| ReviewError::CommentNotFound(comment_id.to_string()))?;
        if comment.by != actor.name {
            return Err(ReviewError::NotYourComment(comment.by.clone()).into());
        }
        if let Some(w) = recs.iter().find_map(|r| match r {
            ReviewRecord::Withdrawal(w) if w.comment_id == comment_id => Some(w),
            _ => None,
        }) {
            return Err(ReviewError::AlreadyWithdrawn(w.at.clone()).into());
        }
        let w = WithdrawalRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            comment_id: comment_id.to_string(),
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Withdrawal(w.clone()))?;
        Ok(w)
    }

    /// The reviewer's answer to the waiting round. `Discuss` names its forum.
    pub fn decide_review(
        &mut self,
        case_no: &str,
        actor: &Actor,
        decision: Decision,
        forum: Option<Forum>,
        note: Option<&str>,
        settings: &ReviewSettings,
    ) -> Result<DecisionRow> {
        let (case, view) = self.review_state(case_no, settings)?;
        rules::may_review(actor, &case_ref(&case, view.four_kinds.is_some()), settings.reviewer)
            .map_err(|r| refused(r, "阅核"))?;
        let round = match view.latest_round() {
            Some(r) if view.status == ReviewStatus::Pending => r,
            _ => return Err(not_pending(&view)),
        };
        let forum = match (decision, forum) {
            (Decision::Discuss, None) => {
                return Err(ReviewError::Empty { field: "讨论的会议（专业法官会议或审判委员会）" }.into());
            }
            (Decision::Discuss, f) => f,
            _ => None,
        };
        let d = DecisionRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            round_id: round.id.clone(),
            decision: decision.as_str().to_string(),
            forum: forum.map(|f| f.as_str().to_string()),
            note: note.map(str::trim).filter(|n| !n.is_empty()).map(String::from),
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Decision(d.clone()))?;
        Ok(d)
    }

    /// The result of the meeting the latest round was sent to.
    pub fn record_review_result(
        &mut self,
        case_no: &str,
        actor: &Actor,
        result: &str,
        settings: &ReviewSettings,
    ) -> Result<ResultRow> {
        let (case, view) = self.review_state(case_no, settings)?;
        rules::may_review(actor, &case_ref(&case, view.four_kinds.is_some()), settings.reviewer)
            .map_err(|r| refused(r, "记录讨论结果"))?;
        let decision = view
            .latest_round()
            .filter(|_| view.status == ReviewStatus::Discussion)
            .and_then(|r| r.decisions.last())
            .ok_or(ReviewError::NoDiscussion)?;
        let r = ResultRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            decision_id: decision.id.clone(),
            result: required(result, "讨论结果")?,
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Result(r.clone()))?;
        Ok(r)
    }

    /// Mark (or with `set = false` unmark) the case as a 四类案件, with the reason. The 庭长 of its division, the
    /// 院长 or the case's judge may.
    pub fn flag_four_kinds(&mut self, case_no: &str, actor: &Actor, set: bool, reason: &str) -> Result<FlagRow> {
        let case = case_by_no(self.tx(), case_no)?;
        rules::may_reply(actor, &case_ref(&case, false), Reviewer::Chief).map_err(|r| refused(r, "标记四类案件"))?;
        let f = FlagRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            flag: FOUR_KINDS.to_string(),
            set,
            reason: required(reason, "标记理由")?,
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Flag(f.clone()))?;
        Ok(f)
    }

    /// The judge exports a judgment not 同意签发: recorded with the reason, where the court allows it.
    pub fn record_export_override(
        &mut self,
        case_no: &str,
        actor: &Actor,
        reason: &str,
        settings: &ReviewSettings,
    ) -> Result<OverrideRow> {
        let (case, view) = self.review_state(case_no, settings)?;
        rules::may_send(actor, &case_ref(&case, view.four_kinds.is_some())).map_err(|r| refused(r, "越过阅核导出"))?;
        if !settings.override_allowed {
            return Err(ReviewError::OverrideRefused.into());
        }
        let o = OverrideRow {
            id: self.new_id(),
            case_id: case.id.clone(),
            revision_id: latest_revision(self.tx(), &case.id).ok().map(|(_, r)| r.id),
            reason: required(reason, "越过阅核的理由")?,
            by: actor.name.clone(),
            at: self.at().to_string(),
        };
        self.record(ReviewRecord::Override(o.clone()))?;
        Ok(o)
    }
}

#[cfg(test)]
mod tests;
