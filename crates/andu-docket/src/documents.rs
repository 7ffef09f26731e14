//! The data a court document is filled with, from a stored case: its parties, staff and hearings (andu-docs'
//! `case_data`) plus what the docket computes (答辩期届满日, 举证期限届满日…, and for the 审限 approval forms the
//! statute, days extended and deducted, and the date a further extension would give). Shared by `andu doc render
//! --case` and the app's 文书 commands so both fill documents the same way; [`generate_for_cases`] is the app's
//! batch (one template for many cases).

use std::path::{Path, PathBuf};

use andu_core::Coded;
use andu_deadline::trial_limit::standard_extension;
use andu_deadline::{ExtensionGrant, Settings, TrialLimitInput};
use andu_docs::{CaseDataOptions, DeadlineFact, RenderOptions, TrialLimitFacts, builtin, case_data};
use andu_store::{CaseDetail, Store};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::{Docket, ErrorBody};

/// The case's deadlines for the deadline fields. A case whose deadlines cannot be computed (a year without holiday
/// data) still gets its document, with those fields left to their fallback text (and listed as missing). Rule or
/// holiday data that cannot be read at all is an error, never blank facts: see [`case_document_data`].
fn deadline_facts_with(docket: &Docket, detail: &CaseDetail, today: NaiveDate) -> Vec<DeadlineFact> {
    let Ok(computed) = docket.case_deadlines(detail, today) else {
        return Vec::new();
    };
    let mut out: Vec<DeadlineFact> = computed
        .deadlines
        .into_iter()
        .map(|v| DeadlineFact { name: v.deadline.name, party: v.deadline.party, due: v.deadline.due })
        .collect();
    if let Some(t) = computed.trial_limit {
        out.push(DeadlineFact { name: "审限".into(), party: None, due: t.limit.due });
    }
    out
}

/// Court documents cite statutes by their full name.
fn full_citation(short: &str) -> String {
    short
        .replace("《民事诉讼法》", "《中华人民共和国民事诉讼法》")
        .replace("《刑事诉讼法》", "《中华人民共和国刑事诉讼法》")
        .replace("《行政诉讼法》", "《中华人民共和国行政诉讼法》")
}

/// The 审限 facts for the approval forms: where the period comes from, what was extended and deducted, and the
/// next extension the law allows with the 审限届满日 it would give if granted today. `None` when the 审限 cannot
/// be computed (the form then keeps its blanks).
pub fn trial_limit_facts(docket: &Docket, detail: &CaseDetail, today: NaiveDate) -> Option<TrialLimitFacts> {
    let case = detail.to_input().validate().ok()?;
    let input = TrialLimitInput::from_case(&case).with_events(&crate::events_of(detail));
    let limit = andu_deadline::trial_limit(&input, &docket.calendar).ok()?;
    let next = standard_extension(input.procedure, input.custody, input.extensions.len(), &Settings::default());
    let extended_due = next.and_then(|_| {
        // A grant without a length stands for the statute's standard one.
        let mut asked = input.clone();
        asked.extensions.push(ExtensionGrant { length: None, approved: Some(today) });
        // A provisional date (domain.md §0) is no date to print on an approval form: the blank stays.
        andu_deadline::trial_limit(&asked, &docket.calendar).ok().filter(|t| t.provisional.is_none()).map(|t| t.due)
    });
    Some(TrialLimitFacts {
        citation: full_citation(&limit.citation),
        extended_days: limit.extended_by,
        deducted_days: limit.deducted_days,
        next_extension: next.map(|(span, _)| span.zh()),
        extended_due,
    })
}

fn data_for(
    docket: &Docket,
    detail: &CaseDetail,
    template: &str,
    party: Option<&str>,
    today: NaiveDate,
    appellate: Option<&str>,
) -> Result<Value, ErrorBody> {
    let deadlines = deadline_facts_with(docket, detail, today);
    let trial_limit = trial_limit_facts(docket, detail, today);
    // A court's own version of a built-in (same name) goes to the same addressee.
    let default_role = template
        .strip_prefix("builtin:")
        .or_else(|| template.strip_prefix(crate::court_templates::COURT_PREFIX))
        .and_then(builtin::info)
        .and_then(|b| b.addressee_role);
    let opts = CaseDataOptions { addressee: party, default_role, today, deadlines: &deadlines, trial_limit };
    let input = detail.to_input();
    let mut data = case_data(&input, &opts).map_err(|e| e.to_body())?;
    // 上诉于…: the court's appellate court as set (court_profile), as the drafted judgment names it; while unset the
    // document says so in the court's place rather than leaving a blank that reads like a finished line.
    if let Some(m) = data.as_object_mut() {
        let court = appellate.unwrap_or(crate::court_profile::APPELLATE_COURT_UNSET);
        m.entry("上诉法院").or_insert(court.into());
    }
    Ok(data)
}

/// Template data for `template` (`builtin:传票` or a path) addressed to `party` (or the built-in's default role).
pub fn case_document_data(
    store: &Store,
    case_no: &str,
    template: &str,
    party: Option<&str>,
    today: NaiveDate,
) -> Result<Value, ErrorBody> {
    let detail = store.get_case(case_no).map_err(|e| e.to_body())?;
    // Broken rule or holiday data once gave approval forms with blank 审限 facts; it is the error it is.
    let docket = Docket::for_store(store)?;
    let appellate = crate::court_profile::appellate_court(store)?;
    data_for(&docket, &detail, template, party, today, appellate.as_deref())
}

/// A file name a person can read and every OS accepts: 案号 brackets kept, path separators and the like replaced.
pub fn file_name(parts: &[&str]) -> String {
    let raw = parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join("-");
    raw.chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect()
}

/// One case of a batch: the file written and the fields the case could not fill, or why it failed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BatchItem {
    /// As asked for (a 案号 that is not in the store stays as typed).
    pub case_no: String,
    /// The canonical 案号, once the case was found: what the document is recorded against.
    pub canonical: Option<String>,
    pub path: Option<PathBuf>,
    pub missing: Vec<String>,
    pub error: Option<ErrorBody>,
}

/// A batch keeps at most this many bytes of rendered documents in memory before writing them (one disk sync per
/// part): 1,000 two-page judgments are ≈ 30 MB, one part.
const BATCH_BYTES: usize = 64 << 20;

/// One template for many cases, each into `dir` as `<案号>-<文书>.docx`, with the built-in's default addressee.
/// A case that fails (not found, a render error) is reported in its item and the batch goes on; only a template
/// that cannot be loaded, rule or holiday data that cannot be read, or a folder that cannot be created stops it
/// before any file is written. The documents are written as `andu doc render --data-jsonl` writes them
/// (`andu_docs::write_batch`: temporary names, one disk sync, then the renames), so the disk is synced once per
/// batch, not once per file, and no file is ever seen partial; if that write fails, every case of that part
/// carries the error (none of them is recorded; a file renamed before the failure is whole). `progress(done, total, item)` is called after each case is rendered. Writes
/// nothing to the store: recording the files on their cases is `case_records::record_batch`'s.
pub fn generate_for_cases(
    store: &Store,
    template: &str,
    case_nos: &[String],
    dir: &Path,
    today: NaiveDate,
    mut progress: impl FnMut(usize, usize, &BatchItem),
) -> Result<Vec<BatchItem>, ErrorBody> {
    let t = crate::court_templates::load_template(store, template)?;
    let name = crate::court_templates::template_name(template);
    std::fs::create_dir_all(dir).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法创建文件夹 {}：{e}", dir.display()),
        detail: None,
    })?;
    let docket = Docket::for_store(store)?;
    let appellate = crate::court_profile::appellate_court(store)?;
    let total = case_nos.len();
    let mut items = Vec::with_capacity(total);
    // Rendered but not yet written: (index of the item, path, bytes).
    let mut pending: Vec<(usize, PathBuf, Vec<u8>)> = Vec::new();
    let mut pending_bytes = 0;
    for (i, case_no) in case_nos.iter().enumerate() {
        let mut item =
            BatchItem { case_no: case_no.clone(), canonical: None, path: None, missing: Vec::new(), error: None };
        let outcome = store.get_case(case_no).map_err(|e| e.to_body()).and_then(|detail| {
            let canonical = detail.summary.case_no.clone();
            item.canonical = Some(canonical.clone());
            let data = data_for(&docket, &detail, template, None, today, appellate.as_deref())?;
            let path = dir.join(format!("{}.docx", file_name(&[&canonical, &name])));
            let rendered = t.render(&data, &RenderOptions::default()).map_err(|e| e.to_body())?;
            Ok((path, rendered))
        });
        match outcome {
            Ok((path, rendered)) => {
                item.path = Some(path.clone());
                item.missing = rendered.missing;
                pending_bytes += rendered.bytes.len();
                pending.push((i, path, rendered.bytes));
            }
            Err(e) => item.error = Some(e),
        }
        progress(i + 1, total, &item);
        items.push(item);
        if pending_bytes >= BATCH_BYTES {
            write_part(&mut items, std::mem::take(&mut pending));
            pending_bytes = 0;
        }
    }
    write_part(&mut items, pending);
    Ok(items)
}

/// Writes one part of a batch; on failure its cases lose their path and carry the error.
fn write_part(items: &mut [BatchItem], part: Vec<(usize, PathBuf, Vec<u8>)>) {
    if part.is_empty() {
        return;
    }
    let (which, files): (Vec<usize>, Vec<(PathBuf, Vec<u8>)>) = part.into_iter().map(|(i, p, b)| (i, (p, b))).unzip();
    if let Err(e) = andu_docs::write_batch(&files) {
        let body = e.to_body();
        for i in which {
            items[i].path = None;
            items[i].error = Some(body.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use andu_store::DbKey;
    use chrono::{TimeZone, Utc};

    use super::*;

    const CASES: [&str; 2] = [
        r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-ordinary","filed":"2025-03-10","court":"深圳市龙华区人民法院","judge":"王法官","parties":[{"role":"原告","name":"张三"},{"role":"被告","name":"某某科技有限公司","kind":"org"}],"extensions":[{"approved":"2025-08-20","months":6,"by":"院长"}],"deductions":[{"kind":"鉴定","from":"2025-05-06","to":"2025-06-20"}]}"#,
        r#"{"case_no":"（2025）粤0309民初77号","cause":"买卖合同纠纷","procedure":"civil-simple","filed":"2025-06-02","court":"深圳市龙华区人民法院","judge":"李法官","parties":[{"role":"原告","name":"甲公司","kind":"org"},{"role":"被告","name":"乙"}]}"#,
    ];

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        let now = Utc.with_ymd_and_hms(2025, 9, 1, 9, 0, 0).unwrap();
        s.write(now, |w| {
            for c in CASES {
                w.add_case(&serde_json::from_str::<andu_core::CaseInput>(c).unwrap().validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
        (dir, s)
    }

    fn day(s: &str) -> NaiveDate {
        andu_core::date::parse_date(s).unwrap()
    }

    #[test]
    fn approval_form_data_comes_from_the_deadline_engine() {
        let (_dir, s) = store();
        let v = case_document_data(&s, "（2025）粤0309民初1234号", "builtin:延长审限审批表", None, day("2025-09-01"))
            .unwrap();
        // 6 months + 6 months extension + 46 deducted days from 2025-03-10 (CPL 152; CPL-I 243).
        assert_eq!(v["审限依据"], "《中华人民共和国民事诉讼法》第一百五十二条");
        assert_eq!(v["已扣除天数"], 46);
        assert_eq!(v["已延长"][0]["期限"], "6个月");
        assert!(v["审限届满日"].as_str().unwrap().starts_with("2026年4月"), "{}", v["审限届满日"]);
        // A second extension of an ordinary case goes to the higher court: its length is a setting (SPC-2000 Art 2).
        assert!(v["申请延长期限"].is_string());
        assert!(v["延长后审限届满日"].is_string());

        let v = case_document_data(&s, "（2025）粤0309民初77号", "builtin:延长审限审批表", None, day("2025-07-01"))
            .unwrap();
        assert_eq!(v["审限依据"], "《中华人民共和国民事诉讼法》第一百六十四条");
        assert_eq!(v["申请延长期限"], "1个月");
        // 3 months from 2025-06-02 is 2025-09-02; one more month: 2025-10-02, in the 国庆 holiday → 10-09.
        assert_eq!(v["审限届满日"], "2025年9月2日");
        assert_eq!(v["延长后审限届满日"], "2025年10月9日");
    }

    /// Issue #15: 上诉于________中级人民法院 was left blank in the built-in judgments; it names the appellate court
    /// set for the court, and says it is not set rather than leaving a blank.
    #[test]
    fn a_judgment_names_the_court_an_appeal_goes_to() {
        let (_dir, mut s) = store();
        let data = |s: &Store| {
            case_document_data(s, "（2025）粤0309民初1234号", "builtin:民事判决书（简易程序）", None, day("2025-09-01"))
                .unwrap()
        };
        assert_eq!(data(&s)["上诉法院"], crate::court_profile::APPELLATE_COURT_UNSET);
        crate::court_profile::set_appellate_court(&mut s, "广东省深圳市中级人民法院").unwrap();
        assert_eq!(data(&s)["上诉法院"], "广东省深圳市中级人民法院");
        // The rendered built-in judgment carries the line.
        let dir = tempfile::tempdir().unwrap();
        let asked = ["（2025）粤0309民初1234号".to_string()];
        let items = generate_for_cases(
            &s,
            "builtin:民事判决书（简易程序）",
            &asked,
            dir.path(),
            day("2025-09-01"),
            |_, _, _| {},
        )
        .unwrap();
        let xml = andu_docs::read_part(&std::fs::read(items[0].path.as_ref().unwrap()).unwrap(), "word/document.xml")
            .unwrap();
        let mut text = String::new();
        let mut in_tag = false;
        for c in xml.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        assert!(text.contains("上诉于广东省深圳市中级人民法院。"), "{text}");
    }

    #[test]
    fn broken_rule_data_is_an_error_not_a_form_with_blank_facts() {
        let (dir, mut s) = store();
        s.set_setting("rules:civil", "area = \"civil\"\nversion = ").unwrap();
        let err = case_document_data(&s, "（2025）粤0309民初1234号", "builtin:延长审限审批表", None, day("2025-09-01"))
            .unwrap_err();
        assert_eq!(err.code, "rule_invalid", "{err:?}");
        let out = dir.path().join("批量");
        let asked = ["（2025）粤0309民初1234号".to_string()];
        let err = generate_for_cases(&s, "builtin:延长审限审批表", &asked, &out, day("2025-09-01"), |_, _, _| {})
            .unwrap_err();
        assert_eq!(err.code, "rule_invalid");
        assert!(!out.join("（2025）粤0309民初1234号-延长审限审批表.docx").exists(), "nothing written");
    }

    #[test]
    fn a_batch_writes_one_file_per_case_and_reports_a_bad_case_without_stopping() {
        let (dir, s) = store();
        let out = dir.path().join("批量");
        let asked: Vec<String> =
            ["（2025）粤0309民初1234号", "（2025）粤0309民初9999号", "（2025）粤0309民初77号"].map(String::from).into();
        let mut seen = Vec::new();
        let items = generate_for_cases(
            &s,
            "builtin:民事判决书（简易程序）",
            &asked,
            &out,
            day("2025-09-01"),
            |d, t, i| seen.push((d, t, i.error.is_some())),
        )
        .unwrap();
        assert_eq!(seen, [(1, 3, false), (2, 3, true), (3, 3, false)]);
        assert_eq!(items[1].error.as_ref().unwrap().code, "case_not_found");
        assert_eq!(items[1].path, None);
        let first = items[0].path.as_ref().unwrap();
        assert_eq!(first, &out.join("（2025）粤0309民初1234号-民事判决书（简易程序）.docx"));
        assert!(first.exists() && items[2].path.as_ref().unwrap().exists());
        assert!(items[0].missing.contains(&"判决主文".to_string()));
        let xml = andu_docs::read_part(&std::fs::read(items[2].path.as_ref().unwrap()).unwrap(), "word/document.xml")
            .unwrap();
        assert!(xml.contains("原告：甲公司。"), "each case's own data");

        let e = generate_for_cases(&s, "builtin:判决书", &asked, &out, day("2025-09-01"), |_, _, _| {}).unwrap_err();
        assert_eq!(e.code, "template_not_found");
    }

    /// The batch is written as `doc render --data-jsonl` writes (temporary names, one sync, renames): a file that
    /// cannot take its name fails the cases of the write, and no temporary or partial file stays behind.
    #[test]
    fn a_failed_batch_write_leaves_no_temporary_file_and_reports_its_cases() {
        let (dir, s) = store();
        let out = dir.path().join("批量");
        // A folder where the second document should go: its rename fails.
        std::fs::create_dir_all(out.join("（2025）粤0309民初77号-民事判决书（简易程序）.docx").join("x")).unwrap();
        let asked: Vec<String> = ["（2025）粤0309民初1234号", "（2025）粤0309民初77号"].map(String::from).into();
        let items =
            generate_for_cases(&s, "builtin:民事判决书（简易程序）", &asked, &out, day("2025-09-01"), |_, _, _| {})
                .unwrap();
        for item in &items {
            assert_eq!(item.error.as_ref().map(|e| e.code.as_str()), Some("output_write_failed"), "{item:?}");
            assert_eq!(item.path, None);
        }
        let names: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }
}
