//! Who sees which cases. Decided by the server only; the rule lives here so the server, the simulation's model and
//! the protocol document say the same thing.
//!
//! - 院长 (president) sees every case of the court.
//! - 法官, 法官助理, 书记员 and 庭长 see the cases of their own division (审判庭), by the case's `division` field.
//! - 管理员 (admin) manages accounts and sees no case data.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Judge,
    Assistant,
    Clerk,
    Chief,
    President,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "judge" | "法官" => Role::Judge,
            "assistant" | "法官助理" => Role::Assistant,
            "clerk" | "书记员" => Role::Clerk,
            "chief" | "庭长" => Role::Chief,
            "president" | "院长" => Role::President,
            "admin" | "管理员" => Role::Admin,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Judge => "judge",
            Role::Assistant => "assistant",
            Role::Clerk => "clerk",
            Role::Chief => "chief",
            Role::President => "president",
            Role::Admin => "admin",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Judge => "法官",
            Role::Assistant => "法官助理",
            Role::Clerk => "书记员",
            Role::Chief => "庭长",
            Role::President => "院长",
            Role::Admin => "管理员",
        }
    }
}

/// What a user may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Division(String),
    Nothing,
}

impl Scope {
    pub fn of(role: Role, division: &str) -> Scope {
        match role {
            Role::President => Scope::All,
            Role::Admin => Scope::Nothing,
            _ => Scope::Division(division.to_string()),
        }
    }
    /// May this user see (and change) a case that belongs to `case_division`?
    pub fn allows(&self, case_division: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Nothing => false,
            Scope::Division(d) => !d.is_empty() && d == case_division,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_divisions() {
        let judge = Scope::of(Role::Judge, "民一庭");
        assert!(judge.allows("民一庭"));
        assert!(!judge.allows("民二庭"));
        assert!(Scope::of(Role::Chief, "民二庭").allows("民二庭"));
        assert!(!Scope::of(Role::Chief, "民二庭").allows("民一庭"));
        assert!(Scope::of(Role::President, "").allows("刑庭"));
        assert!(!Scope::of(Role::Admin, "民一庭").allows("民一庭"));
        // A user with no division sees nothing rather than every case with an empty division.
        assert!(!Scope::of(Role::Judge, "").allows(""));
        for r in ["judge", "assistant", "clerk", "chief", "president", "admin"] {
            assert_eq!(Role::parse(r).unwrap().as_str(), r);
        }
    }
}
