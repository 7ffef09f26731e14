//! Recording and removing a case's 节点 together with what they imply for the case itself. A change of procedure
//! recorded as a 节点 (简易程序转普通程序, 小额诉讼转简易程序…) also changes the case's 程序 in the same write — the
//! case list, the documents and the statistics then show the procedure the case is tried under — and removing that
//! 节点 (entered by mistake) changes it back. The deadline engine reads the same 节点 either way
//! (`TrialLimitInput::with_events` takes a 程序 already changed as the same conversion).
//!
//! Generating a court document for a case, once per chosen party, and recording each file on the case
//! ([`generate_for_parties`]): what the app's 文书 command and `andu doc generate` both do.
//!
//! The only place in this crate that writes case data; the caller passes `now` (who and when go in the history).

use std::path::{Path, PathBuf};

use andu_core::{Coded, ErrorBody, Procedure};
use andu_deadline::events::{LimitEffect, limit_event_kind};
use andu_store::table::children::Child;
use andu_store::{Removed, Store};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A change of the case's 程序 that came with a recorded or removed 节点.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcedureChange {
    pub from: &'static str,
    pub to: &'static str,
    pub from_name: &'static str,
    pub to_name: &'static str,
}

impl ProcedureChange {
    fn new(from: Procedure, to: Procedure) -> Self {
        Self { from: from.id(), to: to.id(), from_name: from.name_zh(), to_name: to.name_zh() }
    }

    /// "程序已由简易程序变为普通程序".
    pub fn describe(&self) -> String {
        format!("程序已由{}变为{}", self.from_name, self.to_name)
    }
}

/// What recording or removing a record did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordOutcome {
    /// The id of the 节点 recorded, or of the record removed.
    pub id: String,
    pub procedure: Option<ProcedureChange>,
}

/// The conversion pairs of a 节点 kind (empty for every other kind).
fn conversion_pairs(kind: &str) -> &'static [(Procedure, Procedure, &'static str)] {
    match limit_event_kind(kind).map(|k| k.effect) {
        Some(LimitEffect::Conversion(pairs)) => pairs,
        _ => &[],
    }
}

/// The procedure a conversion 节点 of `kind` moves a case under `current` to: only when the law names exactly one
/// (简易程序 in a criminal case may become 公诉 or 自诉 普通程序: the person chooses it in the case's 程序).
pub fn converted_procedure(kind: &str, current: Procedure) -> Option<Procedure> {
    let mut to = conversion_pairs(kind).iter().filter(|(from, _, _)| *from == current).map(|(_, to, _)| *to);
    match (to.next(), to.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

fn procedure_of(store: &Store, case_no: &str) -> Result<(Procedure, andu_store::CaseDetail), ErrorBody> {
    let detail = store.get_case(case_no).map_err(|e| e.to_body())?;
    let procedure = Procedure::parse(&detail.summary.procedure).map_err(|e| e.to_body())?;
    Ok((procedure, detail))
}

/// Record a 节点; a conversion of procedure also sets the case's 程序, in one write.
pub fn record_event(
    store: &mut Store,
    case_no: &str,
    kind: &str,
    date: &str,
    party: Option<&str>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<RecordOutcome, ErrorBody> {
    let (current, _) = procedure_of(store, case_no)?;
    let to = converted_procedure(kind.trim(), current);
    let id = store
        .write(now, |w| {
            let id = w.add_event(case_no, kind, date, party, note)?;
            if let Some(to) = to {
                w.set_case_field(case_no, "procedure", to.id())?;
            }
            Ok(id)
        })
        .map_err(|e| e.to_body())?;
    Ok(RecordOutcome { id, procedure: to.map(|to| ProcedureChange::new(current, to)) })
}

/// Remove a 当事人, 节点, 开庭, 审限延长 or 扣除 entered by mistake. Removing the conversion 节点 that put the case under
/// its present 程序 changes the 程序 back, unless another recorded conversion still leads to it.
pub fn remove_record(
    store: &mut Store,
    case_no: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<RecordOutcome, ErrorBody> {
    let (current, detail) = procedure_of(store, case_no)?;
    let back = detail.events.iter().find(|e| e.id == id).and_then(|removed| {
        let (from, _, _) = conversion_pairs(&removed.kind).iter().find(|(_, to, _)| *to == current)?;
        let still_converted = detail
            .events
            .iter()
            .filter(|e| e.id != id)
            .any(|e| conversion_pairs(&e.kind).iter().any(|(_, to, _)| *to == current));
        (!still_converted).then_some(*from)
    });
    store
        .write(now, |w| {
            let removed = w.remove_record(case_no, id)?;
            if let (Removed::Record(Child::Event(_)), Some(from)) = (&removed, back) {
                w.set_case_field(case_no, "procedure", from.id())?;
            }
            Ok(())
        })
        .map_err(|e| e.to_body())?;
    Ok(RecordOutcome { id: id.to_string(), procedure: back.map(|from| ProcedureChange::new(current, from)) })
}

/// One document generated for a case and recorded on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedDocument {
    /// As recorded on the case: `传票（张三）`, or the template's name when no party was chosen.
    pub title: String,
    pub party: Option<String>,
    pub path: PathBuf,
    /// Fields the case did not have (left blank in the document).
    pub missing: Vec<String>,
}

/// What [`generate_for_parties`] wrote and recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyDocuments {
    /// The canonical 案号 the documents are recorded against.
    pub case_no: String,
    pub documents: Vec<RecordedDocument>,
}

/// Generate `template` (`builtin:传票`, `court:NAME` or a path) for each of `parties` (or once, for the built-in's
/// default addressee, when empty) into `<dir>/<案号>/<文书-当事人>.docx` and record each file on the case, all in
/// one write. Every document is rendered before any is written, so an unknown template, a case not found, a party
/// who is not one of the case's, or rule data that cannot be read writes and records nothing; the files are then
/// written as a batch (temporary names, one disk sync, renames) and recorded together. `progress(done, total)` is
/// called after each document is rendered.
#[allow(clippy::too_many_arguments)]
pub fn generate_for_parties(
    store: &mut Store,
    case_no: &str,
    template: &str,
    parties: &[String],
    dir: &Path,
    today: NaiveDate,
    now: DateTime<Utc>,
    mut progress: impl FnMut(usize, usize),
) -> Result<PartyDocuments, ErrorBody> {
    let t = crate::court_templates::load_template(store, template)?;
    let name = crate::court_templates::template_name(template);
    let canonical = store.get_case(case_no).map_err(|e| e.to_body())?.summary.case_no;
    let targets: Vec<Option<&str>> =
        if parties.is_empty() { vec![None] } else { parties.iter().map(|p| Some(p.as_str())).collect() };
    let case_dir = dir.join(crate::documents::file_name(&[&canonical]));
    let total = targets.len();
    let (mut documents, mut files) = (Vec::with_capacity(total), Vec::with_capacity(total));
    for (i, party) in targets.into_iter().enumerate() {
        let data = crate::documents::case_document_data(store, &canonical, template, party, today)?;
        let rendered = t.render(&data, &andu_docs::RenderOptions::default()).map_err(|e| e.to_body())?;
        let path = case_dir.join(format!("{}.docx", crate::documents::file_name(&[&name, party.unwrap_or("")])));
        let title = match party {
            Some(p) => format!("{name}（{p}）"),
            None => name.clone(),
        };
        documents.push(RecordedDocument {
            title,
            party: party.map(String::from),
            path: path.clone(),
            missing: rendered.missing,
        });
        files.push((path, rendered.bytes));
        progress(i + 1, total);
    }
    std::fs::create_dir_all(&case_dir).map_err(|e| ErrorBody {
        code: "io_error".into(),
        message: format!("无法创建文件夹 {}：{e}", case_dir.display()),
        detail: None,
    })?;
    andu_docs::write_batch(&files).map_err(|e| e.to_body())?;
    store
        .write(now, |w| {
            for d in &documents {
                w.add_document(&canonical, &d.title, template, d.party.as_deref(), &d.path.display().to_string())?;
            }
            Ok(())
        })
        .map_err(|e| e.to_body())?;
    Ok(PartyDocuments { case_no: canonical, documents })
}

/// Record on its case each file a batch wrote (`documents::generate_for_cases`, titled `template`'s name, no
/// party): all in one write; should one case refuse its record, each is then recorded on its own, so the others
/// still are and the refused one carries why in its item's `error`. Items that failed or wrote nothing are skipped.
pub fn record_batch(store: &mut Store, template: &str, items: &mut [crate::documents::BatchItem], now: DateTime<Utc>) {
    let name = crate::court_templates::template_name(template);
    let written: Vec<(String, String)> =
        items.iter().filter_map(|i| Some((i.canonical.clone()?, i.path.as_ref()?.display().to_string()))).collect();
    let all = store.write(now, |w| {
        for (case_no, shown) in &written {
            w.add_document(case_no, &name, template, None, shown)?;
        }
        Ok(())
    });
    if all.is_ok() {
        return;
    }
    for item in items.iter_mut() {
        let (Some(case_no), Some(path)) = (item.canonical.clone(), &item.path) else { continue };
        let shown = path.display().to_string();
        if let Err(e) = store.write(now, |w| w.add_document(&case_no, &name, template, None, &shown)) {
            item.error = Some(e.to_body());
        }
    }
}

#[cfg(test)]
mod tests {
    use andu_store::DbKey;
    use chrono::TimeZone;

    use super::*;

    const CASE: &str = r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-ordinary","filed":"2025-03-10","court":"深圳市龙华区人民法院","judge":"王法官","parties":[{"role":"原告","name":"张三"},{"role":"被告","name":"某某科技有限公司","kind":"org"}]}"#;
    const CASE_NO: &str = "（2025）粤0309民初1234号";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 9, 1, 9, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 1).unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db"), &DbKey::new("k")).unwrap();
        s.write(now(), |w| {
            w.add_case(&serde_json::from_str::<andu_core::CaseInput>(CASE).unwrap().validate().unwrap())?;
            Ok(())
        })
        .unwrap();
        (dir, s)
    }

    fn generate(s: &mut Store, out: &Path, template: &str, parties: &[&str]) -> Result<PartyDocuments, ErrorBody> {
        let parties: Vec<String> = parties.iter().map(|p| p.to_string()).collect();
        generate_for_parties(s, CASE_NO, template, &parties, out, today(), now(), |_, _| {})
    }

    /// A batch's files are recorded on their cases in one write; a case that is gone by then carries its refusal
    /// and the others are still recorded.
    #[test]
    fn a_batch_is_recorded_on_each_case_and_a_refused_case_says_why() {
        let (dir, mut s) = store();
        let out = dir.path().join("批量");
        let asked = vec![CASE_NO.to_string(), "（2025）粤0309民初9999号".to_string()];
        let mut items =
            crate::documents::generate_for_cases(&s, "builtin:传票", &asked, &out, today(), |_, _, _| {}).unwrap();
        assert!(items[0].error.is_none() && items[1].error.is_some(), "the unknown 案号 fails in its item");
        record_batch(&mut s, "builtin:传票", &mut items, now());
        let docs = s.get_case(CASE_NO).unwrap().documents;
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].path, items[0].path.as_ref().unwrap().display().to_string());

        // The case disappears between writing and recording: its item says why, nothing is recorded for it.
        let mut stale = items[..1].to_vec();
        stale[0].canonical = Some("（2025）粤0309民初8888号".into());
        record_batch(&mut s, "builtin:传票", &mut stale, now());
        assert_eq!(stale[0].error.as_ref().map(|e| e.code.as_str()), Some("case_not_found"));
        assert_eq!(s.get_case(CASE_NO).unwrap().documents.len(), 1);
    }

    #[test]
    fn one_document_per_party_is_written_and_recorded_on_the_case() {
        let (dir, mut s) = store();
        let out = dir.path().join("导出");
        let mut seen = Vec::new();
        let parties = ["张三".to_string(), "某某科技有限公司".to_string()];
        let done = generate_for_parties(&mut s, CASE_NO, "builtin:传票", &parties, &out, today(), now(), |d, t| {
            seen.push((d, t))
        })
        .unwrap();
        assert_eq!(seen, [(1, 2), (2, 2)]);
        assert_eq!(done.case_no, CASE_NO);
        let case_dir = out.join(CASE_NO);
        assert_eq!(done.documents[0].path, case_dir.join("传票-张三.docx"));
        assert_eq!(done.documents[1].title, "传票（某某科技有限公司）");
        for d in &done.documents {
            let xml = andu_docs::read_part(&std::fs::read(&d.path).unwrap(), "word/document.xml").unwrap();
            assert!(xml.contains(d.party.as_deref().unwrap()), "addressed to its party");
        }
        let recorded = s.get_case(CASE_NO).unwrap().documents;
        let mut rows: Vec<(String, Option<String>, String)> =
            recorded.iter().map(|d| (d.name.clone(), d.party.clone(), d.path.clone())).collect();
        rows.sort();
        let mut want: Vec<(String, Option<String>, String)> =
            done.documents.iter().map(|d| (d.title.clone(), d.party.clone(), d.path.display().to_string())).collect();
        want.sort();
        assert_eq!(rows, want);
        assert!(recorded.iter().all(|d| d.template == "builtin:传票"));
    }

    #[test]
    fn no_party_gives_one_document_for_the_default_addressee() {
        let (dir, mut s) = store();
        let out = dir.path().join("导出");
        let done = generate(&mut s, &out, "builtin:民事判决书（简易程序）", &[]).unwrap();
        assert_eq!(done.documents.len(), 1);
        assert_eq!(done.documents[0].title, "民事判决书（简易程序）");
        assert_eq!(done.documents[0].party, None);
        assert!(out.join(CASE_NO).join("民事判决书（简易程序）.docx").exists());
        assert_eq!(s.get_case(CASE_NO).unwrap().documents.len(), 1);
    }

    #[test]
    fn a_bad_party_or_template_writes_and_records_nothing() {
        let (dir, mut s) = store();
        let out = dir.path().join("导出");
        // The first party is the case's, the second is not: neither file is written.
        let e = generate(&mut s, &out, "builtin:传票", &["张三", "李四"]).unwrap_err();
        assert_eq!(e.code, "party_not_found", "{e:?}");
        let e = generate(&mut s, &out, "builtin:判决书", &["张三"]).unwrap_err();
        assert_eq!(e.code, "template_not_found", "{e:?}");
        let e = generate_for_parties(
            &mut s,
            "（2025）粤0309民初9999号",
            "builtin:传票",
            &[],
            &out,
            today(),
            now(),
            |_, _| {},
        )
        .unwrap_err();
        assert_eq!(e.code, "case_not_found", "{e:?}");
        assert!(!out.exists(), "no folder, no file");
        assert!(s.get_case(CASE_NO).unwrap().documents.is_empty());
    }
}
