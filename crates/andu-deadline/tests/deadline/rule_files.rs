//! One hand-computed case for every rule of the embedded rule files, with the article it rests on; a test makes
//! sure no rule is left without one.

use std::collections::BTreeSet;

use andu_core::Coded;
use andu_core::Procedure;
use andu_deadline::{CaseFacts, Length, RecordedEvent, RuleSet, derive_deadlines};

use crate::support::{cal, d};

/// `(rule id, procedure, custody, event, event date, foreign party, expected due)`.
type Row = (&'static str, Procedure, bool, &'static str, &'static str, bool, &'static str);

use Procedure::{
    AdminFirst as AF, CivilAppealJudgment as CAJ, CivilOrdinary as CO, CivilRetrialReview as CRR, CivilSimple as CS,
    CivilSpecial as CSP, CriminalPrivate as KZ, CriminalPublic as KP, Enforcement as EN, SmallClaims as SC,
};

// 2025-03-03 is a Monday; 03-08/09 and 03-15/16 are weekends. Most rows start there so that the expected date can
// be checked by counting on fingers; the rows that cross a holiday say so.
const ROWS: &[Row] = &[
    // CPL 126: 7 days.
    ("civil.filing-review", CO, false, "收到起诉状", "2025-03-03", false, "2025-03-10"),
    // CPL-I 126: 7 days from the correction; 劳动节 inside the period is not deducted.
    ("civil.filing-review.after-correction", CO, false, "补正材料提交", "2025-04-30", false, "2025-05-07"),
    // CPL 128: 5 days; 06-15 is a Sunday.
    ("civil.serve-complaint", CO, false, "立案", "2025-06-10", false, "2025-06-16"),
    // CPL 128: 15 days; case #4 (春节).
    ("civil.defence", CO, false, "送达起诉状副本", "2025-01-13", false, "2025-02-05"),
    // CPL 285: 30 days without domicile in China.
    ("civil.defence", CO, false, "送达起诉状副本", "2025-01-13", true, "2025-02-12"),
    // CPL 130: within the 答辩期.
    ("civil.jurisdiction-objection", CS, false, "送达起诉状副本", "2025-03-03", false, "2025-03-18"),
    // CPL 128: 5 days; 07-06 is a Sunday.
    ("civil.serve-defence", CO, false, "收到答辩状", "2025-07-01", false, "2025-07-07"),
    // CPL 131: 3 days; 07-05 is a Saturday.
    ("civil.notify-judges", CO, false, "审判人员确定", "2025-07-02", false, "2025-07-07"),
    // CPL 50: 3 days → 2026-01-01 (元旦 01-01…03); 01-04 (Sun) is 调休上班.
    ("civil.recusal-decision", CO, false, "申请回避", "2025-12-29", false, "2026-01-04"),
    // CPL 50: 3 days.
    ("civil.recusal-review", CO, false, "申请回避复议", "2025-03-04", false, "2025-03-07"),
    // CPL-I 99: ≥15 days; case #5 (春节 2026).
    ("civil.evidence.ordinary", CO, false, "举证通知送达", "2026-02-06", false, "2026-02-24"),
    // CPL-I 266: ≤15 days.
    ("civil.evidence.simple", CS, false, "举证通知送达", "2025-03-03", false, "2025-03-18"),
    // CPL-I 275: normally ≤7 days.
    ("civil.evidence.small-claims", SC, false, "举证通知送达", "2025-03-03", false, "2025-03-10"),
    // CPL-I 99 ¶2: ≥10 days for new evidence at 2nd instance.
    ("civil.evidence.appeal", CAJ, false, "举证通知送达", "2025-03-03", false, "2025-03-13"),
    // CPL 139: 3 days before a hearing on 2025-10-10 → 10-07, inside 国庆 → back to 09-30.
    ("civil.hearing-notice", CO, false, "开庭", "2025-10-10", false, "2025-09-30"),
    // SPC-2018 Art 5: one month, CC 202 (no 02-31).
    ("civil.hearing-adjourned", CO, false, "延期开庭", "2025-01-31", false, "2025-02-28"),
    // CPL 151: 10 days → 05-05 (劳动节) → 05-06.
    ("civil.send-judgment", CO, false, "当庭宣判", "2025-04-25", false, "2025-05-06"),
    // CPL 171: case #1.
    ("civil.appeal.judgment", CO, false, "送达判决书", "2025-09-20", false, "2025-10-09"),
    // CPL 286: 30 days.
    ("civil.appeal.judgment", CO, false, "送达判决书", "2025-09-20", true, "2025-10-20"),
    // CPL 171 ¶2: 10 days.
    ("civil.appeal.ruling", CO, false, "送达裁定书", "2025-03-03", false, "2025-03-13"),
    // CPL 286: 30 days.
    ("civil.appeal.ruling", CS, false, "送达裁定书", "2025-03-03", true, "2025-04-02"),
    // CPL 174: 5 days; 03-08 is a Saturday.
    ("civil.appeal.serve-copy", CO, false, "收到上诉状", "2025-03-03", false, "2025-03-10"),
    // CPL 174: 15 days.
    ("civil.appeal.defence", CO, false, "送达上诉状副本", "2025-03-03", false, "2025-03-18"),
    // CPL 174 ¶2: 5 days.
    ("civil.appeal.forward-file", CO, false, "收到上诉答辩状", "2025-03-03", false, "2025-03-10"),
    // Fees 22: case #8.
    ("civil.fee.filing", CO, false, "受理费通知送达", "2026-02-10", false, "2026-02-24"),
    // Fees 22 ¶2: 7 days.
    ("civil.fee.appeal", CO, false, "上诉费通知送达", "2025-03-03", false, "2025-03-10"),
    // CPL-I 199: 7 days.
    ("civil.fee.conversion", CO, false, "补交受理费通知送达", "2025-03-03", false, "2025-03-10"),
    // Fees 53: 15 days.
    ("civil.fee.refund", CO, false, "判决生效", "2025-03-03", false, "2025-03-18"),
    // CPL 95: case #9.
    ("civil.publication", CO, false, "公告发布", "2026-03-02", false, "2026-04-01"),
    // CPL 95 in an enforcement case (the CPL's service rules govern enforcement too).
    ("civil.publication", EN, false, "公告发布", "2026-03-02", false, "2026-04-01"),
    // CPL 283 last ¶: 60 days → 05-01 (劳动节 to 05-05) → 05-06.
    ("civil.publication", CO, false, "公告发布", "2026-03-02", true, "2026-05-06"),
    // CPL 216: case #18.
    ("civil.retrial.apply", CO, false, "判决生效", "2025-08-31", false, "2026-02-28"),
    // CPL 215: case #17.
    ("civil.retrial.review", CRR, false, "收到再审申请书", "2025-11-28", false, "2026-02-28"),
    // CPL 214: 5 days.
    ("civil.retrial.serve-copy", CRR, false, "收到再审申请书", "2025-11-28", false, "2025-12-03"),
    // CPL 214: 15 days.
    ("civil.retrial.response", CRR, false, "送达再审申请书副本", "2025-03-03", false, "2025-03-18"),
    // CPL 222: 30 days.
    ("civil.retrial.protest", CRR, false, "收到抗诉书", "2025-03-03", false, "2025-04-02"),
    // CPL 226: 5 days.
    ("civil.payment-order.accept", CO, false, "收到支付令申请", "2025-03-03", false, "2025-03-10"),
    // CPL 227: 15 days.
    ("civil.payment-order.issue", CO, false, "受理支付令申请", "2025-03-03", false, "2025-03-18"),
    // CPL 227 ¶2: 15 days.
    ("civil.payment-order.objection", CO, false, "送达支付令", "2025-03-03", false, "2025-03-18"),
    // CPL 230: 3 days.
    ("civil.public-summons.announce", CO, false, "受理公示催告申请", "2025-03-03", false, "2025-03-06"),
    // CPL-I 450: one month.
    ("civil.public-summons.judgment", CO, false, "公示催告期间届满", "2025-03-03", false, "2025-04-03"),
    // CPL 192: 3 months.
    ("civil.special.missing", CSP, false, "宣告失踪公告发布", "2025-03-03", false, "2025-06-03"),
    // CPL 192: one year.
    ("civil.special.death", CSP, false, "宣告死亡公告发布", "2025-03-03", false, "2026-03-03"),
    // CPL 192: 3 months after an accident.
    ("civil.special.death-accident", CSP, false, "意外事件宣告死亡公告发布", "2025-03-03", false, "2025-06-03"),
    // CPL 203: the 财产认领公告 runs one year (the 30 days of CPL 187 after it are the 审限, see trial_limits.rs).
    ("civil.special.unclaimed", CSP, false, "财产认领公告发布", "2025-03-03", false, "2026-03-03"),
    // CPL 205: 30 days.
    ("civil.judicial-confirmation", CO, false, "调解协议生效", "2025-03-03", false, "2025-04-02"),
    // Pres 4: 5 days.
    ("civil.preservation.ruling", CO, false, "收到保全申请", "2025-03-03", false, "2025-03-10"),
    // CPL 103 ¶3: 48 hours from a date-only event → at the latest two days later.
    ("civil.preservation.urgent", CO, false, "收到紧急保全申请", "2025-03-03", false, "2025-03-05"),
    // Pres 4: 5 days after security.
    ("civil.preservation.after-security", CO, false, "提供保全担保", "2025-03-03", false, "2025-03-10"),
    // Pres 4: enforcement starts within 5 days.
    ("civil.preservation.enforce", CO, false, "作出保全裁定", "2025-03-03", false, "2025-03-10"),
    // CPL 104 ¶3: 30 days to sue.
    ("civil.preservation.pre-suit", CO, false, "采取诉前保全措施", "2025-03-03", false, "2025-04-02"),
    // Pres 25: 5 days to apply for review.
    ("civil.preservation.review-apply", CO, false, "送达保全裁定", "2025-03-03", false, "2025-03-10"),
    // Pres 25: 10 days to decide.
    ("civil.preservation.review-decide", CO, false, "收到保全复议申请", "2025-03-03", false, "2025-03-13"),
    // CPL-I 134: 10 days.
    ("civil.commissioned-service", CO, false, "收到委托送达函", "2025-03-03", false, "2025-03-13"),
    // CPL 86: 10 days.
    ("civil.late-relief", CO, false, "障碍消除", "2025-03-03", false, "2025-03-13"),
    // Fees 22 ¶1: the counterclaimant pays within 7 days of the day after the counterclaim.
    ("civil.fee.counterclaim", CO, false, "提起反诉", "2025-03-03", false, "2025-03-10"),
    // CPL-I 185: 3 days to ask for review of a fine or detention.
    ("civil.sanction.review-apply", CO, false, "送达罚款拘留决定书", "2025-03-03", false, "2025-03-06"),
    // CPL-I 185 in an enforcement case: 3 days → 03-08 (Sat) → 03-10.
    ("civil.sanction.review-apply", EN, false, "送达罚款拘留决定书", "2025-03-05", false, "2025-03-10"),
    // CPL-I 185: the higher court decides within 5 days.
    ("civil.sanction.review-decide", CO, false, "收到罚款拘留复议申请", "2025-03-03", false, "2025-03-10"),
    // CPL-I 290: six months for a 第三人撤销之诉 → 2025-09-04 (Thu).
    ("civil.third-party-revocation", CO, false, "知道民事权益受生效裁判损害", "2025-03-04", false, "2025-09-04"),
    // CPL-I 382: six months to ask for retrial of a 调解书 (CC 202: 08-31 + 6 months → 02-28).
    ("civil.retrial.apply.mediation", CS, false, "调解书生效", "2025-08-31", false, "2026-02-28"),
    // CPL 134 ¶3: the commissioned court investigates within 30 days.
    ("civil.commissioned-investigation", CO, false, "收到委托调查函", "2025-03-03", false, "2025-04-02"),
    // CPL 283 ¶1 (8): deemed served 3 months after posting abroad → 06-03 (端午 2025 ends 06-02).
    ("civil.service-abroad.post", CO, false, "邮寄送达境外", "2025-03-03", false, "2025-06-03"),
    // CrimPL 230: case #23.
    ("criminal.appeal.judgment", KP, false, "送达判决书", "2026-02-10", false, "2026-02-24"),
    // CrimPL 230 for a detained defendant: CrimPL 105 ¶4 keeps detention from being prolonged, not the appeal
    // period from rolling (domain.md §0, custody_roll_forward = trial-limit-only): 春节 → 02-24 as above.
    ("criminal.appeal.judgment", KP, true, "送达判决书", "2026-02-10", false, "2026-02-24"),
    // CrimPL 230: 5 days → 03-08 (Sat) → 03-10.
    ("criminal.appeal.ruling", KP, false, "送达裁定书", "2025-03-03", false, "2025-03-10"),
    // Detained: the appeal period rolls all the same (domain.md §0), 03-08 (Sat) → 03-10.
    ("criminal.appeal.ruling", KP, true, "送达裁定书", "2025-03-03", false, "2025-03-10"),
    // CrimPL 187: 10 days before the hearing.
    ("criminal.hearing.indictment-copy", KP, false, "开庭", "2025-03-20", false, "2025-03-10"),
    // CrimPL 187 ¶3: 3 days before.
    ("criminal.hearing.summons", KP, false, "开庭", "2025-03-20", false, "2025-03-17"),
    // CrimPL 187 ¶3: 3 days before a hearing on Wed 03-19 → Sun 03-16 → back to Fri 03-14, custody or not.
    ("criminal.hearing.announcement", KP, true, "开庭", "2025-03-19", false, "2025-03-14"),
    // CrimPL 106: 5 days.
    ("criminal.late-relief", KP, false, "障碍消除", "2025-03-03", false, "2025-03-10"),
    // CrimPL-I 219 last ¶: decide within 7 days whether to accept a 公诉.
    ("criminal.public-prosecution.review", KP, false, "收到起诉状", "2025-03-03", false, "2025-03-10"),
    // CrimPL-I 320 ¶1: a 自诉 is reviewed within 15 days.
    ("criminal.private-prosecution.review", KZ, false, "收到起诉状", "2025-03-03", false, "2025-03-18"),
    // CrimPL-I 186: decide on a 附带民事诉讼 within 7 days.
    ("criminal.civil-claim.accept", KP, false, "收到附带民事起诉状", "2025-03-03", false, "2025-03-10"),
    // CrimPL-I 187 ¶1: serve its copy within 5 days; 03-08 is a Saturday.
    ("criminal.civil-claim.serve", KP, false, "受理附带民事诉讼", "2025-03-03", false, "2025-03-10"),
    // CrimPL-I 302: judgment pronounced in court, served within 5 days; 03-08 is a Saturday.
    ("criminal.send-judgment", KP, false, "当庭宣判", "2025-03-03", false, "2025-03-10"),
    // CrimPL 229: the victim asks the procuratorate for a 抗诉 within 5 days; 03-08 is a Saturday.
    ("criminal.victim-protest-request", KP, false, "被害人收到判决书", "2025-03-03", false, "2025-03-10"),
    // CrimPL-I 381, 384: forward the file within 3 days after the appeal/抗诉 period.
    ("criminal.appeal.forward-file", KP, false, "上诉、抗诉期满", "2025-03-03", false, "2025-03-06"),
    // Detained defendant: only the 审限 keeps its nominal day (domain.md §0), so 03-08 (Sat) → 03-10.
    ("criminal.appeal.forward-file", KP, true, "上诉、抗诉期满", "2025-03-05", false, "2025-03-10"),
    // CrimPL-I 511: hand over for execution within 10 days of the judgment taking effect.
    ("criminal.execution.hand-over", KP, false, "判决生效", "2025-03-03", false, "2025-03-13"),
    // ALL 46: 6 months → 10-08 (国庆) → 10-09.
    ("admin.suit.direct", AF, false, "知道行政行为", "2025-04-08", false, "2025-10-09"),
    // ALL 45: 15 days.
    ("admin.suit.after-review", AF, false, "收到复议决定书", "2025-03-03", false, "2025-03-18"),
    // ALL 45: 15 days after the review period.
    ("admin.suit.review-overdue", AF, false, "复议期满", "2025-03-03", false, "2025-03-18"),
    // ALL 51 ¶2: 7 days.
    ("admin.filing-review", AF, false, "收到起诉状", "2025-03-03", false, "2025-03-10"),
    // ALL 67: 5 days.
    ("admin.serve-complaint", AF, false, "立案", "2025-03-03", false, "2025-03-10"),
    // ALL 67: 15 days.
    ("admin.defence", AF, false, "送达起诉状副本", "2025-03-03", false, "2025-03-18"),
    // ALL 67: 5 days.
    ("admin.serve-defence", AF, false, "收到答辩状", "2025-03-03", false, "2025-03-10"),
    // ALL 101 + CPL 139: 3 days before.
    ("admin.hearing-notice", AF, false, "开庭", "2025-03-20", false, "2025-03-17"),
    // ALL 85: 15 days.
    ("admin.appeal.judgment", AF, false, "送达判决书", "2025-03-03", false, "2025-03-18"),
    // ALL 85: 10 days.
    ("admin.appeal.ruling", AF, false, "送达裁定书", "2025-03-03", false, "2025-03-13"),
    // ALL 101 + CPL 95: 30 days.
    ("admin.publication", AF, false, "公告发布", "2025-03-03", false, "2025-04-02"),
    // ALL 101 → CPL 283: 60 days for a party without a domicile in China; 05-02 is in 劳动节 (05-01…05-05) → 05-06.
    ("admin.publication", AF, false, "公告发布", "2025-03-03", true, "2025-05-06"),
    // ALL 48 ¶2: 10 days.
    ("admin.late-relief", AF, false, "障碍消除", "2025-03-03", false, "2025-03-13"),
    // ALL-I 160: 7 days.
    ("admin.non-litigation-review", AF, false, "受理非诉执行申请", "2025-03-03", false, "2025-03-10"),
    // ALL-I 160 ¶2: 30 days.
    ("admin.non-litigation-review.hearing", AF, false, "受理非诉执行申请", "2025-03-03", false, "2025-04-02"),
    // ALL-I 10 ¶1: 15 days from receiving the complaint copy.
    ("admin.jurisdiction-objection", AF, false, "送达起诉状副本", "2025-03-03", false, "2025-03-18"),
    // ALL-I 34: 15 days to ask in writing to provide evidence later.
    ("admin.evidence.delay-request", AF, false, "送达起诉状副本", "2025-03-03", false, "2025-03-18"),
    // ALL-I 108 ¶2: 5 days; 03-08 is a Saturday.
    ("admin.appeal.serve-copy", AF, false, "收到上诉状", "2025-03-03", false, "2025-03-10"),
    // ALL-I 108 ¶2: 15 days.
    ("admin.appeal.defence", AF, false, "送达上诉状副本", "2025-03-03", false, "2025-03-18"),
    // ALL-I 108 ¶3: 5 days; 03-08 is a Saturday.
    ("admin.appeal.serve-defence", AF, false, "收到上诉答辩状", "2025-03-03", false, "2025-03-10"),
    // ALL-I 108 ¶4: 5 days.
    ("admin.appeal.forward-file", AF, false, "收到上诉答辩状", "2025-03-03", false, "2025-03-10"),
    // Fees 22: 7 days from the day after the notice.
    ("admin.fee.filing", AF, false, "受理费通知送达", "2025-03-03", false, "2025-03-10"),
    // Fees 22 ¶2: 7 days.
    ("admin.fee.appeal", AF, false, "上诉费通知送达", "2025-03-03", false, "2025-03-10"),
    // ALL-I 64: at most one year from knowing the act's content.
    ("admin.suit.not-informed", AF, false, "知道行政行为（未告知起诉期限）", "2025-03-03", false, "2026-03-03"),
    // ALL 47 ¶1: two months → 05-03, inside 劳动节 (05-01…05-05) → 05-06.
    ("admin.inaction.agency-period", AF, false, "申请履行法定职责", "2025-03-03", false, "2025-05-06"),
    // ALL-I 66: six months → 2025-09-04 (Thu).
    ("admin.inaction.suit", AF, false, "履职期限届满", "2025-03-04", false, "2025-09-04"),
    // ALL-I 110: six months from the judgment taking effect.
    ("admin.retrial.apply", AF, false, "判决生效", "2025-03-04", false, "2025-09-04"),
    // ALL-I 111: 5 days.
    ("admin.retrial.serve-copy", AF, false, "收到再审申请书", "2025-03-03", false, "2025-03-10"),
    // ALL-I 111: 15 days.
    ("admin.retrial.response", AF, false, "送达再审申请书副本", "2025-03-03", false, "2025-03-18"),
    // ALL-I 112: six months from 立案 of the application.
    ("admin.retrial.review", AF, false, "再审申请立案", "2025-03-04", false, "2025-09-04"),
    // ALL-I 156: three months; 端午 2025 ends 06-02, 06-03 is a Tuesday.
    ("admin.non-litigation.apply", AF, false, "被执行人起诉期限届满", "2025-03-03", false, "2025-06-03"),
    // ALL-I 155 ¶3: 5 days; 03-08 is a Saturday.
    ("admin.non-litigation.accept", AF, false, "收到非诉执行申请", "2025-03-03", false, "2025-03-10"),
    // ALL-I 155 ¶3: 15 days to ask the higher court for review.
    (
        "admin.non-litigation.refusal-review-apply",
        AF,
        false,
        "送达非诉执行不予受理裁定",
        "2025-03-03",
        false,
        "2025-03-18",
    ),
    // ALL-I 155 ¶3: the higher court decides in 15 days.
    (
        "admin.non-litigation.refusal-review-decide",
        AF,
        false,
        "收到非诉执行不予受理复议申请",
        "2025-03-03",
        false,
        "2025-03-18",
    ),
    // ALL-I 161 ¶2: 15 days.
    ("admin.non-litigation.denial-review-apply", AF, false, "送达不准予执行裁定", "2025-03-03", false, "2025-03-18"),
    // ALL-I 161 ¶2: the higher court decides in 30 days.
    (
        "admin.non-litigation.denial-review-decide",
        AF,
        false,
        "收到不准予执行复议申请",
        "2025-03-03",
        false,
        "2025-04-02",
    ),
    // CPL 250: case #22.
    ("enforcement.apply", CO, false, "履行期限届满", "2024-02-29", false, "2026-02-28"),
    // CPL 237: 6 months → 2026-02-01 (Sun) → 02-02.
    ("enforcement.higher-court", EN, false, "收到申请执行书", "2025-08-01", false, "2026-02-02"),
    // Enf-I 3: 10 days.
    ("enforcement.jurisdiction-objection", EN, false, "送达执行通知书", "2025-03-03", false, "2025-03-13"),
    // CPL 236: 15 days.
    ("enforcement.objection.review", EN, false, "收到执行异议", "2025-03-03", false, "2025-03-18"),
    // CPL 236: 10 days.
    ("enforcement.objection.reconsider", EN, false, "送达执行异议裁定", "2025-03-03", false, "2025-03-13"),
    // Enf-I 8: 30 days.
    ("enforcement.reconsider.decide", EN, false, "收到执行复议申请", "2025-03-03", false, "2025-04-02"),
    // CPL 238: 15 days.
    ("enforcement.outsider.review", EN, false, "收到案外人异议", "2025-03-03", false, "2025-03-18"),
    // CPL 238: 15 days to sue.
    ("enforcement.outsider.suit", EN, false, "送达案外人异议裁定", "2025-03-03", false, "2025-03-18"),
    // CPL-I 480: 执行通知 within 10 days of the application.
    ("enforcement.notice", EN, false, "收到申请执行书", "2025-03-03", false, "2025-03-13"),
    // CPL-I 509: 15 days to object to the distribution plan.
    ("enforcement.distribution.objection", EN, false, "送达分配方案", "2025-03-03", false, "2025-03-18"),
    // CPL-I 510 ¶2: 15 days to oppose an objection.
    ("enforcement.distribution.opposition", EN, false, "送达分配方案异议通知", "2025-03-03", false, "2025-03-18"),
    // CPL-I 510 ¶2: 15 days to sue those who opposed.
    ("enforcement.distribution.suit", EN, false, "送达反对意见通知", "2025-03-03", false, "2025-03-18"),
    // CPL 240 ¶1: the commissioned court starts within 15 days.
    ("enforcement.commissioned.start", EN, false, "收到委托执行函", "2025-03-03", false, "2025-03-18"),
    // CPL 240 ¶1: not finished within 30 days → report to the commissioning court.
    ("enforcement.commissioned.report", EN, false, "收到委托执行函", "2025-03-03", false, "2025-04-02"),
    // SPC-2000 Art 5: a non-litigation enforcement case is concluded within 3 months of 立案.
    ("enforcement.non-litigation.limit", AF, false, "受理非诉执行申请", "2025-03-03", false, "2025-06-03"),
    // CPL-I 485: bank deposits frozen for at most one year → 2026-03-03 (Tue).
    ("enforcement.seizure.bank-deposit", EN, false, "冻结银行存款", "2025-03-03", false, "2026-03-03"),
    // CPL-I 485 for a preservation freeze in a civil case: 2026-10-01 is in 国庆 (10-01…10-07) → 10-08.
    ("enforcement.seizure.bank-deposit", CO, false, "冻结银行存款", "2025-10-01", false, "2026-10-08"),
    // CPL-I 485: movables at most two years; 2024-03-04 (Mon) → 2026-03-04 (Wed).
    ("enforcement.seizure.movable", EN, false, "查封、扣押动产", "2024-03-04", false, "2026-03-04"),
    // CPL-I 485: immovables at most three years → 2026-03-03 (Tue).
    ("enforcement.seizure.immovable", EN, false, "查封不动产", "2023-03-03", false, "2026-03-03"),
    // CPL-I 485: other property rights (股权) at most three years; a preservation in a 简易 case → 2026-06-15 (Mon).
    ("enforcement.seizure.other-rights", CS, false, "冻结其他财产权", "2023-06-15", false, "2026-06-15"),
];

#[test]
fn every_rule_gives_the_hand_computed_date() {
    let (rules, cal) = (RuleSet::embedded(), cal());
    for &(id, procedure, custody, kind, date, foreign, due) in ROWS {
        let mut event = RecordedEvent::new(kind, d(date)).for_party("甲");
        event.party_foreign = foreign;
        let out = derive_deadlines(CaseFacts { procedure, custody }, &[event], &rules, &cal);
        assert!(out.unresolved.is_empty(), "{id}: {:?}", out.unresolved);
        let found = out.deadlines.iter().find(|x| x.rule_id == id);
        let found =
            found.unwrap_or_else(|| panic!("{id} not derived from {kind} in {procedure}: {:#?}", out.deadlines));
        assert_eq!(found.due, d(due), "{id}: {:#?}", found.explanation);
        let rule = rules.get(id).unwrap();
        assert!(found.citation.starts_with(&rule.citation), "{id}");
        assert!(found.explanation[0].contains(&rule.citation), "{id}: {:?}", found.explanation);
    }
}

#[test]
fn every_embedded_rule_has_a_case() {
    let covered: BTreeSet<&str> = ROWS.iter().map(|r| r.0).collect();
    let rules = RuleSet::embedded();
    let missing: Vec<&str> = rules.rules().iter().map(|r| r.id.as_str()).filter(|id| !covered.contains(id)).collect();
    assert!(missing.is_empty(), "rules without a test case: {missing:?}");
}

#[test]
fn every_embedded_rule_cites_an_article_and_names_a_known_event() {
    let rules = RuleSet::embedded();
    assert!(rules.rules().len() >= 70, "{}", rules.rules().len());
    assert_eq!(rules.version(), "admin@2026.12+civil@2026.12.2+criminal@2026.12+enforcement@2026.12");
    for r in rules.rules() {
        assert!(r.citation.starts_with('《') && r.citation.contains('条'), "{}", r.id);
        assert!(andu_deadline::EVENT_KINDS.iter().any(|(k, _)| *k == r.trigger), "{}", r.id);
    }
}

#[test]
fn rules_do_not_fire_outside_their_procedures() {
    let (rules, cal) = (RuleSet::embedded(), cal());
    // Small claims are final at first instance: no 上诉期 (CPL 165).
    let event = RecordedEvent::new("送达判决书", d("2025-03-03"));
    let out = derive_deadlines(CaseFacts { procedure: SC, custody: false }, std::slice::from_ref(&event), &rules, &cal);
    assert!(out.deadlines.is_empty(), "{:#?}", out.deadlines);
    // A criminal judgment triggers the criminal 10-day rule only.
    let out = derive_deadlines(CaseFacts { procedure: KP, custody: false }, &[event], &rules, &cal);
    let ids: Vec<&str> = out.deadlines.iter().map(|x| x.rule_id.as_str()).collect();
    assert_eq!(ids, ["criminal.appeal.judgment"]);
}

/// CrimPL 219 and 224: cases under the criminal 简易/速裁 procedures are not bound by the service time limits of
/// CrimPL 187 (CrimPL-I 362, 371: notice before the hearing suffices) — no 送达起诉书副本/传票 deadlines for them.
#[test]
fn criminal_simple_and_fast_procedures_have_no_service_deadlines() {
    let (rules, cal) = (RuleSet::embedded(), cal());
    let hearing = [RecordedEvent::new("开庭", d("2025-03-20"))];
    for procedure in [Procedure::CriminalSimple, Procedure::CriminalFast] {
        let out = derive_deadlines(CaseFacts { procedure, custody: false }, &hearing, &rules, &cal);
        let ids: Vec<&str> = out.deadlines.iter().map(|x| x.rule_id.as_str()).collect();
        assert!(
            !ids.iter().any(|id| *id == "criminal.hearing.indictment-copy" || *id == "criminal.hearing.summons"),
            "{procedure:?}: {ids:?}"
        );
    }
    let out = derive_deadlines(CaseFacts { procedure: KP, custody: false }, &hearing, &rules, &cal);
    let ids: Vec<&str> = out.deadlines.iter().map(|x| x.rule_id.as_str()).collect();
    assert!(ids.contains(&"criminal.hearing.indictment-copy") && ids.contains(&"criminal.hearing.summons"), "{ids:?}");
}

/// A court's own civil file (published by the court server) replaces the embedded civil file and nothing else;
/// a file that clashes with another area's rule ids is refused.
#[test]
fn a_court_rule_file_replaces_its_area_only() {
    let court = r#"
area = "civil"
version = "2027.01-本院"

[[rule]]
id = "civil.appeal.judgment"
name = "判决上诉期"
trigger = "送达判决书"
length = "15d"
regime = "civil"
concerns = "party"
citation = "《民事诉讼法》第一百七十一条"
"#;
    let set = RuleSet::embedded_with(&[court]).unwrap();
    let areas: Vec<_> = set.areas();
    assert!(areas.contains(&("civil", "2027.01-本院")), "{areas:?}");
    assert!(areas.iter().any(|(a, _)| *a == "criminal"), "other areas stay embedded: {areas:?}");
    assert!(set.get("civil.filing-review").is_none(), "the embedded civil file is replaced whole");
    assert!(set.get("civil.appeal.judgment").is_some());
    assert!(set.version().contains("civil@2027.01-本院"));

    let clash = court.replace("area = \"civil\"", "area = \"admin\"");
    // An admin file carrying a civil rule id collides with the embedded civil file.
    assert!(RuleSet::embedded_with(&[clash.as_str()]).is_err());
    // Two files for one area are refused.
    assert!(RuleSet::embedded_with(&[court, court]).is_err());
}

/// A court clerk writes lengths as the statute does (`十五日` → `15日`): a multi-byte unit once panicked in
/// `split_at`; now it is read as 15 days, and an unreadable one is refused with the rule named.
#[test]
fn a_rule_file_may_write_lengths_in_chinese_cpl_171() {
    let court = |length: &str| {
        format!(
            r#"
area = "civil"
version = "2027.01-本院"

[[rule]]
id = "civil.appeal.judgment"
name = "判决上诉期"
trigger = "送达判决书"
length = "{length}"
regime = "civil"
concerns = "party"
citation = "《民事诉讼法》第一百七十一条"
"#
        )
    };
    for length in ["15日", "15天", "１５日", "15 d"] {
        let set = RuleSet::embedded_with(&[court(length).as_str()]).unwrap_or_else(|e| panic!("{length}: {e}"));
        assert_eq!(set.get("civil.appeal.judgment").unwrap().length, Length::Days(15), "{length}");
    }
    for bad in ["15x", "十五日", "", "日"] {
        let err = RuleSet::embedded_with(&[court(bad).as_str()]).unwrap_err();
        assert_eq!(err.code(), "rule_invalid", "{bad}");
        assert!(err.to_string().contains("期限长度"), "{bad}: {err}");
    }
}
