//! The 审限 节点 recorded on a case count in the statistics as they count on the case's own 期限 tab: a case
//! converted to the ordinary procedure is within its 审限 under the ordinary limit, a criminal case whose 审限 was
//! restarted is counted from the restart.

use andu_core::{ClosingMethod::Judgment, Procedure};
use andu_deadline::{HolidayCalendar, RecordedEvent};
use andu_stats::{CaseFacts, Definitions, Scope, compute};

use crate::support::{case, d, period};

fn event(kind: &str, date: &str) -> RecordedEvent {
    RecordedEvent { kind: kind.into(), date: d(date), party: None, party_foreign: false, document: None }
}

fn within_limit(c: CaseFacts) -> u64 {
    let i = compute(
        &[c],
        period("2025-01-01", "2025-12-31"),
        &Scope::whole(),
        &Definitions::embedded(),
        &HolidayCalendar::embedded(),
    );
    assert_eq!(i.within_limit_unknown, 0, "{:?}", i.within_limit_unknown_cases);
    i.within_limit
}

/// 《民事诉讼法》第一百七十条; 民诉法解释第二百五十八条: after conversion the ordinary 审限 runs from 立案.
/// 立案 2025-01-02, converted 2025-03-20, judged 2025-06-20: late under 简易程序 (due 2025-04-02), within the
/// ordinary six months (due 2025-07-02).
#[test]
fn a_converted_civil_case_counts_under_the_ordinary_limit_cpl_170() {
    let plain = case("G1", Procedure::CivilSimple, "2025-01-02").closed("2025-06-20", Judgment).done();
    assert_eq!(within_limit(plain.clone()), 0);
    let converted = plain.with_events(&[event("简易程序转普通程序", "2025-03-20"), event("送达判决书", "2025-06-21")]);
    assert_eq!(converted.procedure, Procedure::CivilOrdinary, "counted under the procedure it was tried under");
    assert_eq!(converted.limit_events.len(), 1, "only the 节点 that change the 审限 are kept");
    assert_eq!(within_limit(converted), 1);
}

/// 《刑事诉讼法》第二百零八条第三款: after 补充侦查 the court counts the 审限 again from the day it receives the
/// case. 立案 2025-01-02, restarted 2025-03-03, judged 2025-04-21: late counted from 立案 (two months), within when
/// counted from the restart.
#[test]
fn a_restarted_criminal_case_counts_from_the_restart_crimpl_208() {
    let plain = case("G2", Procedure::CriminalPublic, "2025-01-02").closed("2025-04-21", Judgment).done();
    assert_eq!(within_limit(plain.clone()), 0);
    let restarted = plain.with_events(&[event("补充侦查完毕移送", "2025-03-03")]);
    assert_eq!(restarted.procedure, Procedure::CriminalPublic);
    assert_eq!(within_limit(restarted), 1);
}
