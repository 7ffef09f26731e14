//! A small builder for hand-made cases.

use andu_core::{AppealOutcome, ClosingMethod, DeductionKind, ExtensionLength, Procedure};
use andu_stats::{AppealFact, CaseFacts, DeductionFact, ExtensionFact, Period};
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    andu_core::date::parse_date(s).unwrap()
}

pub fn period(from: &str, to: &str) -> Period {
    Period::new(d(from), d(to)).unwrap()
}

pub struct B(pub CaseFacts);

/// A case of 王法官 (民一庭, 测试法院) filed on `filed`; the label becomes the serial of its 案号.
pub fn case(label: &str, procedure: Procedure, filed: &str) -> B {
    let mut c = CaseFacts::new(format!("（2025）测{label}号"), procedure, d(filed));
    c.cause = "民间借贷纠纷".into();
    c.court = "测试法院".into();
    c.division = "民一庭".into();
    c.judge = "王法官".into();
    B(c)
}

impl B {
    pub fn closed(mut self, on: &str, how: ClosingMethod) -> Self {
        self.0.closed = Some(d(on));
        self.0.closing_method = Some(how);
        self
    }
    pub fn judge(mut self, judge: &str, division: &str) -> Self {
        self.0.judge = judge.into();
        self.0.division = division.into();
        self
    }
    pub fn extended(mut self, approved: &str, months: u32) -> Self {
        self.0.extensions.push(ExtensionFact { approved: d(approved), length: ExtensionLength::Months(months) });
        self
    }
    pub fn deducted(mut self, from: &str, to: &str) -> Self {
        self.0.deductions.push(DeductionFact { kind: DeductionKind::Appraisal, from: d(from), to: d(to) });
        self
    }
    pub fn appealed(mut self, filed: &str, outcome: Option<AppealOutcome>) -> Self {
        self.0.appeal = Some(AppealFact { filed: d(filed), outcome });
        self
    }
    pub fn done(self) -> CaseFacts {
        self.0
    }
}
