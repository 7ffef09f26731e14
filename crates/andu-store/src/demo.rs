//! A realistic demo store: ~200 cases of a basic court (深圳市龙华区人民法院, 粤0309) across procedures and
//! judges, with parties, hearings, extensions, deductions, appeals and notes, so every screen has something to
//! show on first run. Deterministic for a given seed and `today`, which is passed in like every date.

use andu_core::CaseInput;
use andu_core::case::{AppealInput, DeductionInput, ExtensionInput, HearingInput, PartyInput};
use andu_core::date::format_date;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::error::{Result, RowError, StoreError};
use crate::exchange::ImportReport;
use crate::write::UpsertOutcome;

/// The one case the end-to-end tests and the README rely on.
pub const FIXED_CASE_NO: &str = "（2025）粤0309民初1234号";

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64: tiny, good enough for demo data, and the same on every platform.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "郑",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华",
    "志强", "海燕", "晓东", "春梅",
];
const COMPANIES: &[&str] = &[
    "深圳市华信科技有限公司",
    "深圳市龙腾物流有限公司",
    "广东粤海建设工程有限公司",
    "深圳市鹏程物业管理有限公司",
    "中国工商银行股份有限公司深圳龙华支行",
    "深圳市金盾保安服务有限公司",
    "深圳市星河电子有限公司",
    "平安财产保险股份有限公司深圳分公司",
    "深圳市宏达装饰工程有限公司",
    "深圳市美佳超市有限公司",
];
const JUDGES: &[(&str, &str, &str, &str)] = &[
    ("王建国", "李晓燕", "赵磊", "民一庭"),
    ("陈静", "周杰", "孙悦", "民一庭"),
    ("刘洋", "吴敏", "郑浩", "民二庭"),
    ("黄志强", "林芳", "何丽", "民二庭"),
    ("张卫东", "马超", "朱婷", "刑事审判庭"),
    ("郭海燕", "罗明", "徐静", "行政审判庭"),
    ("杨帆", "胡娜", "李强", "执行局"),
];
const CIVIL_CAUSES: &[&str] = &[
    "民间借贷纠纷",
    "买卖合同纠纷",
    "机动车交通事故责任纠纷",
    "劳动争议",
    "房屋租赁合同纠纷",
    "物业服务合同纠纷",
    "离婚纠纷",
    "金融借款合同纠纷",
    "建设工程施工合同纠纷",
    "信用卡纠纷",
    "服务合同纠纷",
    "追偿权纠纷",
];
const CRIMINAL_CAUSES: &[&str] =
    &["盗窃罪", "危险驾驶罪", "诈骗罪", "故意伤害罪", "帮助信息网络犯罪活动罪", "开设赌场罪"];
const ADMIN_CAUSES: &[&str] = &["行政处罚", "政府信息公开", "工伤认定", "行政强制"];
/// 人民陪审员 who sit on the demo's 合议庭.
const JURORS: &[&str] = &["刘秀英", "蔡文华", "潘丽君", "董建平"];

/// The 合议庭 of an ordinary civil case: the other judge of the division presides, the case's judge and a juror
/// sit. Derived from the case number, not drawn from the generator, so adding it changed no other demo value.
fn demo_panel(case_no: &str, staff: (&str, &str, &str, &str)) -> String {
    let Some(presiding) = JUDGES.iter().find(|j| j.3 == staff.3 && j.0 != staff.0) else { return String::new() };
    let juror = JURORS[case_no.chars().map(|c| c as usize).sum::<usize>() % JURORS.len()];
    format!("审判长 {}、审判员 {}、人民陪审员 {juror}", presiding.0, staff.0)
}

const ROOMS: &[&str] = &["第一法庭", "第三法庭", "第五法庭", "第七法庭", "速裁法庭"];

fn person(r: &mut Rng) -> String {
    format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN))
}

fn input(
    case_no: String,
    cause: &str,
    procedure: &str,
    filed: NaiveDate,
    staff: (&str, &str, &str, &str),
    parties: Vec<PartyInput>,
) -> CaseInput {
    CaseInput {
        cause: cause.into(),
        procedure: procedure.into(),
        filed: format_date(filed),
        court: "深圳市龙华区人民法院".into(),
        division: staff.3.into(),
        judge: staff.0.into(),
        assistant: staff.1.into(),
        clerk: staff.2.into(),
        panel: if procedure == "civil-ordinary" { demo_panel(&case_no, staff) } else { String::new() },
        parties,
        case_no,
        ..Default::default()
    }
}

fn party(role: &str, name: String, kind: &str) -> PartyInput {
    PartyInput { role: role.into(), name, kind: kind.into(), ..Default::default() }
}

/// `count` cases (plus the fixed one) filed over the 20 months before `today`, hearings on weekdays.
pub fn generate(today: NaiveDate, count: usize, seed: u64) -> Vec<CaseInput> {
    generate_with(today, count, seed, &|d| !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun))
}

/// As [`generate`], with hearings only on the days `working_day` accepts (the shells pass the holiday calendar, so
/// no party is summoned for 元旦). The same seed gives the same cases, only the hearing days move.
pub fn generate_with(
    today: NaiveDate,
    count: usize,
    seed: u64,
    working_day: &dyn Fn(NaiveDate) -> bool,
) -> Vec<CaseInput> {
    cases(today, count, seed, working_day).collect()
}

/// The cases of [`generate_with`] one at a time, in the same order: a million-case demo is written as it is made
/// ([`crate::Store::fill_demo`]) instead of first holding every case in memory (~3 GB at 1,000,000).
pub fn cases(today: NaiveDate, count: usize, seed: u64, working_day: &dyn Fn(NaiveDate) -> bool) -> DemoCases<'_> {
    DemoCases { today, left: count, rng: Rng(seed), serials: Default::default(), working_day, fixed_done: false }
}

/// See [`cases`].
pub struct DemoCases<'a> {
    today: NaiveDate,
    left: usize,
    rng: Rng,
    /// The last serial number given per (year, 类型代字).
    serials: std::collections::HashMap<(i32, &'static str), u32>,
    working_day: &'a dyn Fn(NaiveDate) -> bool,
    fixed_done: bool,
}

impl Iterator for DemoCases<'_> {
    type Item = CaseInput;

    fn next(&mut self) -> Option<CaseInput> {
        if !std::mem::replace(&mut self.fixed_done, true) {
            return Some(fixed_case(self.today, sitting(self.working_day, self.today + Duration::days(3))));
        }
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.next_case())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.left + usize::from(!self.fixed_done);
        (n, Some(n))
    }
}

/// The next working day on or after `day`; two weeks of rest days in a row do not happen (春节 is nine days).
fn sitting(working_day: &dyn Fn(NaiveDate) -> bool, day: NaiveDate) -> NaiveDate {
    day.iter_days().take(15).find(|d| working_day(*d)).unwrap_or(day)
}

impl DemoCases<'_> {
    fn next_case(&mut self) -> CaseInput {
        let (today, working_day) = (self.today, self.working_day);
        let r = &mut self.rng;
        let age = r.below(600) as i64;
        let filed = today - Duration::days(age + 1);
        let kind = r.below(100);
        let (procedure, code, cause, staff) = match kind {
            0..=34 => ("civil-simple", "民初", *r.pick(CIVIL_CAUSES), JUDGES[r.below(4) as usize]),
            35..=54 => ("civil-ordinary", "民初", *r.pick(CIVIL_CAUSES), JUDGES[r.below(4) as usize]),
            55..=63 => (
                "small-claims",
                "民初",
                *r.pick(&["信用卡纠纷", "物业服务合同纠纷", "民间借贷纠纷"]),
                JUDGES[r.below(4) as usize],
            ),
            64..=71 => ("criminal-public", "刑初", *r.pick(CRIMINAL_CAUSES), JUDGES[4]),
            72..=75 => ("criminal-simple", "刑初", *r.pick(CRIMINAL_CAUSES), JUDGES[4]),
            76..=79 => ("criminal-fast", "刑初", *r.pick(&["危险驾驶罪", "盗窃罪"]), JUDGES[4]),
            80..=84 => ("admin-first", "行初", *r.pick(ADMIN_CAUSES), JUDGES[5]),
            _ => ("enforcement", "执", "申请执行", JUDGES[6]),
        };
        let year = filed.year();
        let serial = self.serials.entry((year, code)).or_insert_with(|| 100 + r.below(400) as u32);
        *serial += 1 + r.below(30) as u32;
        let case_no = format!("（{year}）粤0309{code}{serial}号");
        let parties = match code {
            "刑初" => {
                vec![party("公诉机关", "深圳市龙华区人民检察院".into(), "org"), party("被告人", person(r), "person")]
            }
            "行初" => {
                vec![party("原告", person(r), "person"), party("被告", "深圳市龙华区人民政府".into(), "org")]
            }
            "执" => {
                vec![party("申请执行人", r.pick(COMPANIES).to_string(), "org"), party("被执行人", person(r), "person")]
            }
            _ => {
                let mut ps = vec![party("原告", person(r), "person")];
                if r.chance(50) {
                    ps.push(party("被告", r.pick(COMPANIES).to_string(), "org"));
                } else {
                    ps.push(party("被告", person(r), "person"));
                }
                if r.chance(10) {
                    ps.push(party("第三人", r.pick(COMPANIES).to_string(), "org"));
                }
                ps
            }
        };
        let mut c = input(case_no, cause, procedure, filed, staff, parties);
        if code == "刑初" {
            c.custody = r.chance(60);
        }
        let typical_days: i64 = match procedure {
            "civil-ordinary" | "admin-first" | "enforcement" => 150,
            "civil-simple" => 75,
            "small-claims" => 45,
            "criminal-fast" => 10,
            "criminal-simple" => 20,
            _ => 50,
        };
        if procedure == "civil-ordinary" && r.chance(30) {
            let from = filed + Duration::days(20 + r.below(40) as i64);
            let to = from + Duration::days(15 + r.below(40) as i64);
            if to < today {
                c.deductions.push(DeductionInput {
                    kind: r.pick(&["鉴定", "公告", "管辖异议"]).to_string(),
                    from: format_date(from),
                    to: format_date(to),
                    approved_by: Some("庭长".into()),
                    reason: None,
                });
            }
        }
        if matches!(procedure, "civil-ordinary" | "civil-simple") && age > typical_days && r.chance(35) {
            let approved = filed + Duration::days(typical_days - 10);
            c.extensions.push(ExtensionInput {
                approved: format_date(approved),
                months: Some(if procedure == "civil-simple" { 1 } else { 6 }),
                days: None,
                by: "院长".into(),
                reason: Some("案情复杂，需要进一步调查".into()),
            });
        }
        let duration = typical_days / 3 + r.below((typical_days * 3 / 2) as u64) as i64;
        let closed = filed + Duration::days(duration);
        // Courts close most cases inside the 审限: an old case is left open only rarely (长期未结 are the exception
        // the statistics panel hunts for), so the demo's 今日 is not a wall of 超期.
        let keep_open_percent = if age > typical_days * 2 { 3 } else { 15 };
        if closed < today && !r.chance(keep_open_percent) {
            c.closed = Some(format_date(closed));
            let method = match code {
                "刑初" => "判决",
                "执" => *r.pick(&["终结", "其他"]),
                _ => *r.pick(&["判决", "判决", "调解", "撤诉", "调解", "驳回起诉"]),
            };
            c.closing_method = Some(method.into());
            if method == "判决" && code == "民初" && r.chance(25) {
                let filed_appeal = closed + Duration::days(5 + r.below(10) as i64);
                if filed_appeal < today {
                    let outcome = (filed_appeal + Duration::days(90) < today)
                        .then(|| r.pick(&["维持", "维持", "维持", "改判", "发回重审", "调解"]).to_string());
                    c.appeal = Some(AppealInput { filed: format_date(filed_appeal), outcome });
                }
            }
            c.hearings.push(HearingInput {
                start: format!(
                    "{}T{}",
                    format_date(sitting(working_day, filed + Duration::days(duration / 2))),
                    r.pick(&["09:00", "10:30", "14:30"])
                ),
                room: r.pick(ROOMS).to_string(),
            });
        } else if code != "执" {
            let when = sitting(working_day, today + Duration::days(r.below(30) as i64));
            c.hearings.push(HearingInput {
                start: format!("{}T{}", format_date(when), r.pick(&["09:00", "09:30", "10:30", "14:30", "15:30"])),
                room: r.pick(ROOMS).to_string(),
            });
        }
        if r.chance(15) {
            c.notes.push(
                r.pick(&["被告下落不明，拟公告送达", "原告申请财产保全", "双方有调解意向", "需调取银行流水"])
                    .to_string(),
            );
        }
        c
    }
}

/// How many demo cases [`crate::Store::fill_demo`] writes per transaction: large enough that the commits' syncs
/// do not count, small enough that memory stays that of one batch (a few tens of MB) at any number of cases.
pub const FILL_BATCH: usize = 10_000;

impl crate::Store {
    /// Runs `f` with a rollback journal instead of the WAL, as a bulk import does: a large write puts each page in
    /// the file once, not in the WAL and again at the checkpoint. Each transaction is as atomic as before; if
    /// another connection holds the store, the WAL simply stays.
    pub fn bulk<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Self) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let switched = self.set_journal_mode("DELETE");
        let out = f(self);
        if switched {
            self.set_journal_mode("WAL");
        }
        out
    }

    /// Writes `cases` as they come, [`FILL_BATCH`] to a transaction, so a demo of any size takes the memory of one
    /// batch (best inside [`crate::Store::bulk`]). Each batch goes in as an import would (a 案号 already stored
    /// is updated); the rows derived from cases (search docs, facts, due items) are built afterwards by one scan
    /// each, at their first read. A case that does not validate stops the fill, the batches before it kept.
    pub fn fill_demo(&mut self, cases: impl Iterator<Item = CaseInput>, now: DateTime<Utc>) -> Result<ImportReport> {
        self.fill_in_batches(cases, now, FILL_BATCH)
    }

    fn fill_in_batches(
        &mut self,
        mut cases: impl Iterator<Item = CaseInput>,
        now: DateTime<Utc>,
        size: usize,
    ) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut line = 0;
        loop {
            let mut batch = Vec::with_capacity(size);
            for input in cases.by_ref().take(size) {
                line += 1;
                match input.validate() {
                    Ok(c) => batch.push(c),
                    Err(e) => {
                        let row =
                            RowError { line, case_no: input.case_no, errors: e.errors, columns: Default::default() };
                        return Err(StoreError::ImportRejected(vec![row]));
                    }
                }
            }
            if batch.is_empty() {
                return Ok(report);
            }
            self.write(now, |w| {
                for c in &batch {
                    match w.upsert_case(c)?.1 {
                        UpsertOutcome::Created => report.created += 1,
                        UpsertOutcome::Updated => report.updated += 1,
                        UpsertOutcome::Unchanged => report.unchanged += 1,
                    }
                }
                Ok(())
            })?;
        }
    }
}

fn fixed_case(today: NaiveDate, hearing: NaiveDate) -> CaseInput {
    let filed = NaiveDate::from_ymd_opt(2025, 12, 29).expect("valid date").min(today);
    let mut c = input(
        FIXED_CASE_NO.into(),
        "民间借贷纠纷",
        "civil-ordinary",
        filed,
        JUDGES[0],
        vec![
            PartyInput {
                role: "原告".into(),
                name: "张三".into(),
                kind: "person".into(),
                address: Some("广东省深圳市龙华区民治街道民康路 1 号".into()),
                phone: Some("13800000000".into()),
                agent: Some("李律师（广东某某律师事务所）".into()),
                ..Default::default()
            },
            PartyInput {
                role: "被告".into(),
                name: "深圳市某某科技有限公司".into(),
                kind: "org".into(),
                address: Some("广东省深圳市龙华区观澜街道科技园 8 栋".into()),
                ..Default::default()
            },
        ],
    );
    c.hearings.push(HearingInput { start: format!("{}T09:30", format_date(hearing)), room: "第一法庭".into() });
    c.notes.push("原告申请财产保全，已裁定准许".into());
    let approved = filed + Duration::days(170);
    if approved < today {
        c.extensions.push(ExtensionInput {
            approved: format_date(approved),
            months: Some(6),
            days: None,
            by: "院长".into(),
            reason: Some("需要鉴定借款凭证真实性".into()),
        });
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_cases_are_valid_unique_and_deterministic() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let a = generate(today, 200, 7);
        assert_eq!(a, generate(today, 200, 7));
        let mut nos: Vec<_> = a.iter().map(|c| c.validate().unwrap().case_no.canonical()).collect();
        nos.sort();
        nos.dedup();
        assert_eq!(nos.len(), 201);
        assert!(a.iter().any(|c| c.closed.is_some()) && a.iter().any(|c| c.closed.is_none()));
        assert!(a.iter().any(|c| !c.extensions.is_empty()) && a.iter().any(|c| c.appeal.is_some()));
    }

    /// A demo written as it is generated, in batches, is the same store as the import of the whole list: same
    /// cases, same counts; filling again updates nothing and creates nothing.
    #[test]
    fn a_demo_filled_in_batches_equals_its_import() {
        use crate::exchange::{ImportOptions, jsonl};
        use crate::{DbKey, Store};
        let today = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2025, 11, 15, 9, 0, 0).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let weekday = |d: NaiveDate| !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        let mut filled = Store::open(&dir.path().join("filled.db"), &DbKey::new("k")).unwrap();
        let report = filled.bulk(|s| s.fill_in_batches(cases(today, 250, 3, &weekday), now, 40)).unwrap();
        assert_eq!((report.created, report.updated, report.unchanged), (251, 0, 0));
        let mut imported = Store::open(&dir.path().join("imported.db"), &DbKey::new("k")).unwrap();
        let rows = jsonl::parse(&jsonl::write(&generate(today, 250, 3)));
        imported.import(rows, ImportOptions::default(), now).unwrap();
        let sorted = |s: &Store| {
            let mut v = s.all_inputs().unwrap();
            v.sort_by(|a, b| a.case_no.cmp(&b.case_no));
            v
        };
        assert_eq!(sorted(&filled), sorted(&imported));
        let again = filled.fill_in_batches(cases(today, 250, 3, &weekday), now, 40).unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 251));
    }
}
