use andu_core::Coded;

use crate::{new_store, now, sample};

#[test]
fn every_write_is_in_the_change_log() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let h = t.store.history("（2025）粤0309民初1234号").unwrap();
    let entities: Vec<&str> = h.iter().rev().map(|c| c.entity.as_str()).collect();
    assert_eq!(entities, ["case", "party", "party", "extension", "deduction", "appeal"]);
    assert!(h.iter().all(|c| c.device == t.store.device() && c.at == "2025-03-01T09:00:00.000Z"));

    t.store.write(now(), |w| w.set_case_field("（2025）粤0309民初1234号", "judge", "测试法官")).unwrap();
    let h = t.store.history("（2025）粤0309民初1234号").unwrap();
    assert_eq!(
        (h[0].field.as_deref(), h[0].old.as_deref(), h[0].new.as_deref()),
        (Some("judge"), Some("王法官"), Some("测试法官"))
    );
    assert_eq!(t.store.get_case("（2025）粤0309民初1234号").unwrap().summary.judge, "测试法官");
}

#[test]
fn adding_the_same_case_number_twice_is_refused() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let err = t.store.write(now(), |w| w.add_case(&sample())).unwrap_err();
    assert_eq!(err.code(), "case_exists");
}

#[test]
fn invalid_edits_are_refused_and_change_nothing() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let before = t.store.history(no).unwrap().len();
    for (field, value, code) in [
        ("filed", "2025-02-30", "date_invalid"),
        ("closed", "2024-12-01", "case_invalid"),         // before 立案
        ("procedure", "criminal-public", "case_invalid"), // does not fit 民初
        ("cause", "", "field_required"),
        ("nonsense", "x", "field_unknown"),
        ("custody", "maybe", "case_invalid"),
    ] {
        let err = t.store.write(now(), |w| w.set_case_field(no, field, value)).unwrap_err();
        assert_eq!(err.code(), code, "{field}={value}: {err}");
    }
    assert_eq!(t.store.history(no).unwrap().len(), before);
    let err = t.store.write(now(), |w| w.set_case_field("（2025）粤0309民初9999号", "judge", "x")).unwrap_err();
    assert_eq!(err.code(), "case_not_found");
}

#[test]
fn reopening_a_case_clears_its_closing_method() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    t.store.write(now(), |w| w.set_case_field(no, "closed", "")).unwrap();
    let d = t.store.get_case(no).unwrap();
    assert_eq!((d.summary.status, d.closing_method), ("pending", None));
}

#[test]
fn upsert_records_only_what_changed() {
    let mut t = new_store();
    let c = sample();
    t.store.write(now(), |w| w.upsert_case(&c)).unwrap();
    let (_, outcome) = t.store.write(now(), |w| w.upsert_case(&c)).unwrap();
    assert_eq!(outcome, andu_store::UpsertOutcome::Unchanged);
    let mut c2 = c.clone();
    c2.judge = "新法官".into();
    c2.parties.pop();
    let n = t.store.history("（2025）粤0309民初1234号").unwrap().len();
    let (_, outcome) = t.store.write(now(), |w| w.upsert_case(&c2)).unwrap();
    assert_eq!(outcome, andu_store::UpsertOutcome::Updated);
    let h = t.store.history("（2025）粤0309民初1234号").unwrap();
    assert_eq!(h.len(), n + 2, "one field change and one party removal");
    let d = t.store.get_case("（2025）粤0309民初1234号").unwrap();
    assert_eq!(d.parties_list.len(), 1);
    assert_eq!(d.to_input().validate().unwrap(), c2);
}

#[test]
fn a_failed_transaction_leaves_nothing_behind() {
    let mut t = new_store();
    let err = t
        .store
        .write(now(), |w| {
            w.add_case(&sample())?;
            w.set_case_field("（2025）粤0309民初1234号", "filed", "bad")
        })
        .unwrap_err();
    assert_eq!(err.code(), "date_invalid");
    assert_eq!(t.store.case_count().unwrap(), 0);
    assert!(andu_store::table::change_log::outbox(t.store.conn(), 0, 10).unwrap().is_empty());
}

#[test]
fn events_and_notes_are_recorded() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    t.store.write(now(), |w| w.add_event(no, "送达判决书", "2025-03-02", Some("张三"), "")).unwrap();
    t.store.write(now(), |w| w.add_note(no, "原告电话已变更")).unwrap();
    let d = t.store.get_case(no).unwrap();
    assert_eq!(d.events[0].kind, "送达判决书");
    assert_eq!(d.notes[0].text, "原告电话已变更");
    let err = t.store.write(now(), |w| w.add_event(no, "送达判决书", "2025-13-01", None, "")).unwrap_err();
    assert_eq!(err.code(), "date_invalid");
}

#[test]
fn extensions_and_deductions_are_validated_and_recorded() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let x = andu_core::ExtensionInput {
        approved: "2025-03-25".into(),
        months: Some(1),
        by: "院长".into(),
        reason: Some("鉴定未完成".into()),
        ..Default::default()
    };
    t.store.write(now(), |w| w.add_extension(no, &x)).unwrap();
    let d = andu_core::DeductionInput {
        kind: "公告".into(),
        from: "2025-04-01".into(),
        to: "2025-04-30".into(),
        ..Default::default()
    };
    t.store.write(now(), |w| w.add_deduction(no, &d)).unwrap();
    let c = t.store.get_case(no).unwrap();
    assert_eq!((c.extensions.len(), c.deductions.len()), (2, 2));
    let h = t.store.history(no).unwrap();
    assert_eq!((h[0].entity.as_str(), h[1].entity.as_str()), ("deduction", "extension"));
    let bad = andu_core::DeductionInput {
        kind: "公告".into(),
        from: "2025-04-30".into(),
        to: "2025-04-01".into(),
        ..Default::default()
    };
    assert_eq!(t.store.write(now(), |w| w.add_deduction(no, &bad)).unwrap_err().code(), "case_invalid");
    let bad = andu_core::ExtensionInput { approved: "2025-03-25".into(), by: "院长".into(), ..Default::default() };
    assert_eq!(t.store.write(now(), |w| w.add_extension(no, &bad)).unwrap_err().code(), "case_invalid");
}

#[test]
fn events_name_a_party_of_the_case_and_extensions_name_an_approver() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let err = t.store.write(now(), |w| w.add_event(no, "送达判决书", "2025-03-02", Some("李四"), "")).unwrap_err();
    assert_eq!(err.code(), "case_invalid");
    assert!(err.to_string().contains("不是本案当事人"), "{err}");
    t.store.write(now(), |w| w.add_event(no, "电话联系原告", "2025-03-02", None, "manual node")).unwrap();
    let x = andu_core::ExtensionInput { approved: "2025-03-25".into(), months: Some(1), ..Default::default() };
    assert_eq!(t.store.write(now(), |w| w.add_extension(no, &x)).unwrap_err().code(), "field_required");
}

#[test]
fn generated_documents_are_recorded_and_survive_a_reimport() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    t.store
        .write(now(), |w| w.add_document(no, "传票（张三）", "builtin:传票", Some("张三"), "/tmp/传票.docx"))
        .unwrap();
    let d = t.store.get_case(no).unwrap();
    assert_eq!((d.documents.len(), d.documents[0].template.as_str()), (1, "builtin:传票"));
    assert_eq!(t.store.history(no).unwrap()[0].entity, "document");
    t.store.write(now(), |w| w.upsert_case(&sample())).unwrap();
    assert_eq!(t.store.get_case(no).unwrap().documents.len(), 1, "a re-import keeps the user's documents");
}

#[test]
fn a_record_entered_by_mistake_is_removed_and_the_removal_is_kept_in_history_and_the_outbox() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let id = t.store.write(now(), |w| w.add_event(no, "送达判决书", "2025-03-20", Some("张三"), "")).unwrap();
    let extension = t.store.get_case(no).unwrap().extensions[0].id.clone();
    let appeal = t.store.get_case(no).unwrap().appeal.unwrap().id;

    let removed = t.store.write(now(), |w| w.remove_record(no, &id)).unwrap();
    assert_eq!(removed.entity(), "event");
    t.store.write(now(), |w| w.remove_record(no, &extension)).unwrap();
    let c = t.store.get_case(no).unwrap();
    assert!(c.events.is_empty() && c.extensions.is_empty());
    // The history says what was removed (the old row), and the outbox carries a deletion for the server.
    let h = t.store.history(no).unwrap();
    assert_eq!((h[1].entity.as_str(), h[1].new.as_deref()), ("event", None));
    assert!(h[1].old.as_deref().unwrap().contains("2025-03-20"));
    let ops = t.store.outbox_ops(100).unwrap();
    assert!(matches!(ops.iter().rfind(|o| o.entity_id == id).unwrap().kind, andu_sync::OpKind::Delete));

    // Removed twice, someone else's id, an appeal (a record of what happened, not removable), an unknown case.
    let mut err = |case_no: &str, id: &str| t.store.write(now(), |w| w.remove_record(case_no, id)).unwrap_err().code();
    assert_eq!(err(no, &id), "record_not_found");
    assert_eq!(err(no, &appeal), "record_not_found");
    assert_eq!(err("（2025）粤0309民初9999号", &appeal), "case_not_found");
    assert_eq!(t.store.get_case(no).unwrap().appeal.unwrap().id, appeal);
}
