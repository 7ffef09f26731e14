//! Who may do what in 阅核 (review of a draft judgment before issue). Decided by the server on every op; the client
//! store checks the same rule first so a person hears the refusal at once, offline too.
//!
//! - **Send** a revision to 阅核: the case's judge (the `judge` of the case row), nobody else.
//! - **Review** (comment, decide, record a meeting's result): by default the 庭长 of the case's division; a court
//!   may name the 院长 for every case (`Reviewer::President`); a case flagged 四类案件 is always the 院长's. A 院长
//!   may review any case (院庭长阅核: the president reads what a 庭长 may).
//! - **Edit the text** (save a draft revision): not a reviewer. A 庭长 or 院长 saves revisions only of cases they
//!   judge themselves; judges, assistants and clerks of the division keep drafting as before.
//! - A reply in a comment thread: the reviewer, or the case's judge answering.

use crate::access::{Role, Scope};

/// Who reviews a case that is not a 四类案件 (a court setting; `Chief` unless the court names the 院长).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reviewer {
    #[default]
    Chief,
    President,
}

impl Reviewer {
    pub fn parse(s: &str) -> Option<Reviewer> {
        match s.trim() {
            "庭长" | "chief" => Some(Reviewer::Chief),
            "院长" | "president" => Some(Reviewer::President),
            _ => None,
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Reviewer::Chief => "庭长",
            Reviewer::President => "院长",
        }
    }
    /// The reviewer of a case: the court's choice, the 院长 for a 四类案件.
    pub fn for_case(self, four_kinds: bool) -> Reviewer {
        if four_kinds { Reviewer::President } else { self }
    }
}

/// The person acting: name, role and division as the server knows them (the login's `UserInfo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub role: Role,
    pub division: String,
}

/// What the rules need of a case.
#[derive(Debug, Clone, Copy)]
pub struct CaseRef<'a> {
    pub division: &'a str,
    pub judge: &'a str,
    pub four_kinds: bool,
}

/// Why a step is refused (the caller turns it into its own coded error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not the case's reviewer: `reviewer` says who is (e.g. `民一庭庭长`), `why` the rule.
    NotTheReviewer { reviewer: String, why: &'static str },
    /// Only the case's judge may do this.
    NotTheAuthor { judge: String },
}

fn is_judge_of(actor: &Actor, case: &CaseRef<'_>) -> bool {
    !case.judge.trim().is_empty() && actor.name.trim() == case.judge.trim()
}

/// May `actor` send this case's draft to 阅核?
pub fn may_send(actor: &Actor, case: &CaseRef<'_>) -> Result<(), Refusal> {
    if is_judge_of(actor, case) && Scope::of(actor.role, &actor.division).allows(case.division) {
        Ok(())
    } else {
        Err(Refusal::NotTheAuthor { judge: case.judge.to_string() })
    }
}

/// May `actor` comment on and decide this case's 阅核, under the court's `setting`?
pub fn may_review(actor: &Actor, case: &CaseRef<'_>, setting: Reviewer) -> Result<(), Refusal> {
    let reviewer = setting.for_case(case.four_kinds);
    let ok = match (actor.role, reviewer) {
        (Role::President, _) => true,
        (Role::Chief, Reviewer::Chief) => Scope::of(actor.role, &actor.division).allows(case.division),
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let why = match reviewer {
        _ if case.four_kinds => "四类案件由院长阅核",
        Reviewer::President => "本院设置由院长阅核",
        Reviewer::Chief if actor.role == Role::Chief => "只能阅核本庭的案件",
        Reviewer::Chief => "由本庭庭长或院长阅核",
    };
    let who = match reviewer {
        Reviewer::Chief => format!("{}庭长", case.division),
        Reviewer::President => "院长".to_string(),
    };
    Err(Refusal::NotTheReviewer { reviewer: who, why })
}

/// Does `role` review any case under the court's `setting`? (The 待我阅核 entry is shown to these roles: the 院长
/// always, the 庭长 unless the court names the 院长 for every case.)
pub fn reviews_cases(role: Role, setting: Reviewer) -> bool {
    matches!((role, setting), (Role::President, _) | (Role::Chief, Reviewer::Chief))
}

/// May `actor` answer in a comment thread: the reviewer, or the case's judge.
pub fn may_reply(actor: &Actor, case: &CaseRef<'_>, setting: Reviewer) -> Result<(), Refusal> {
    if may_send(actor, case).is_ok() { Ok(()) } else { may_review(actor, case, setting) }
}

/// May `actor` save a revision of this case's draft text? A reviewer (庭长, 院长) may not, unless the case is theirs.
pub fn may_edit_text(actor: &Actor, case: &CaseRef<'_>) -> Result<(), Refusal> {
    match actor.role {
        Role::Chief | Role::President if !is_judge_of(actor, case) => {
            Err(Refusal::NotTheAuthor { judge: case.judge.to_string() })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, role: Role, division: &str) -> Actor {
        Actor { name: name.into(), role, division: division.into() }
    }

    /// The rule table of issue #18: send (the judge), review (庭长 of the division; 院长; 四类案件 → 院长 only), edit
    /// the text (never a reviewer of someone else's case).
    #[test]
    fn who_may_send_review_and_edit() {
        let case = CaseRef { division: "民一庭", judge: "王建国", four_kinds: false };
        let four = CaseRef { four_kinds: true, ..case };
        let judge = actor("王建国", Role::Judge, "民一庭");
        let other_judge = actor("李晓燕", Role::Judge, "民一庭");
        let assistant = actor("赵助理", Role::Assistant, "民一庭");
        let chief = actor("陈庭长", Role::Chief, "民一庭");
        let other_chief = actor("周庭长", Role::Chief, "民二庭");
        let president = actor("孙院长", Role::President, "");
        let judge_elsewhere = actor("王建国", Role::Judge, "民二庭");
        let c = Reviewer::Chief;
        let p = Reviewer::President;
        // (who, case, setting, send, review, edit)
        let table: &[(&Actor, &CaseRef<'_>, Reviewer, bool, bool, bool)] = &[
            (&judge, &case, c, true, false, true),
            (&judge_elsewhere, &case, c, false, false, true),
            (&other_judge, &case, c, false, false, true),
            (&assistant, &case, c, false, false, true),
            (&chief, &case, c, false, true, false),
            (&chief, &case, p, false, false, false),
            (&chief, &four, c, false, false, false),
            (&other_chief, &case, c, false, false, false),
            (&president, &case, c, false, true, false),
            (&president, &four, c, false, true, false),
            (&president, &case, p, false, true, false),
        ];
        for (i, (who, case, setting, send, review, edit)) in table.iter().enumerate() {
            assert_eq!(may_send(who, case).is_ok(), *send, "row {i}: send by {}", who.name);
            assert_eq!(may_review(who, case, *setting).is_ok(), *review, "row {i}: review by {}", who.name);
            assert_eq!(may_edit_text(who, case).is_ok(), *edit, "row {i}: edit by {}", who.name);
        }
        // A 庭长 judging a case of their own drafts and sends it like any judge.
        let own = CaseRef { judge: "陈庭长", ..case };
        assert!(may_edit_text(&chief, &own).is_ok() && may_send(&chief, &own).is_ok());
        // The judge answers in a thread; a colleague does not.
        assert!(may_reply(&judge, &case, c).is_ok() && may_reply(&chief, &case, c).is_ok());
        assert!(may_reply(&other_judge, &case, c).is_err());
        // Who sees 待我阅核: the roles `may_review` can ever allow under the setting.
        for (role, setting, sees) in [
            (Role::Chief, c, true),
            (Role::Chief, p, false),
            (Role::President, c, true),
            (Role::President, p, true),
            (Role::Judge, c, false),
            (Role::Assistant, c, false),
            (Role::Clerk, p, false),
        ] {
            assert_eq!(reviews_cases(role, setting), sees, "{role:?} under {setting:?}");
        }
        assert_eq!(
            may_review(&chief, &four, c),
            Err(Refusal::NotTheReviewer { reviewer: "院长".into(), why: "四类案件由院长阅核" })
        );
        assert_eq!(
            may_review(&other_chief, &case, c),
            Err(Refusal::NotTheReviewer { reviewer: "民一庭庭长".into(), why: "只能阅核本庭的案件" })
        );
    }
}
