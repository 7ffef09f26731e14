//! `andu period` and `andu trial-limit`: thin shells over andu-deadline (wired when the engine lands).

use andu_core::ErrorBody;

use super::CmdResult;
use crate::args::{Cli, PeriodArgs, TrialLimitArgs};

fn pending() -> ErrorBody {
    ErrorBody { code: "not_available".into(), message: "期间计算尚未接入".into(), detail: None }
}

pub fn period(_cli: &Cli, _a: &PeriodArgs) -> CmdResult {
    Err(pending())
}

pub fn trial_limit(_cli: &Cli, _a: &TrialLimitArgs) -> CmdResult {
    Err(pending())
}
