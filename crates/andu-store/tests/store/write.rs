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
    let note = t.store.write(now(), |w| w.add_note(no, "原告电话已变更")).unwrap();

    let removed = t.store.write(now(), |w| w.remove_record(no, &id)).unwrap();
    assert!(matches!(removed, andu_store::Removed::Record(andu_store::table::children::Child::Event(_))));
    t.store.write(now(), |w| w.remove_record(no, &extension)).unwrap();
    let c = t.store.get_case(no).unwrap();
    assert!(c.events.is_empty() && c.extensions.is_empty());
    // The history says what was removed (the old row), and the outbox carries a deletion for the server.
    let h = t.store.history(no).unwrap();
    assert_eq!((h[1].entity.as_str(), h[1].new.as_deref()), ("event", None));
    assert!(h[1].old.as_deref().unwrap().contains("2025-03-20"));
    let ops = t.store.outbox_ops(100).unwrap();
    assert!(matches!(ops.iter().rfind(|o| o.entity_id == id).unwrap().kind, andu_sync::OpKind::Delete));

    // Removed twice, a note (the user's own record of what happened, not removable), an unknown case.
    let mut err = |case_no: &str, id: &str| t.store.write(now(), |w| w.remove_record(case_no, id)).unwrap_err().code();
    assert_eq!(err(no, &id), "record_not_found");
    assert_eq!(err(no, &note), "record_not_found");
    assert_eq!(err("（2025）粤0309民初9999号", &note), "case_not_found");
    assert_eq!(t.store.get_case(no).unwrap().notes.len(), 1);
}

#[test]
fn parties_are_added_changed_and_removed_with_the_case_validated_and_their_nodes_following_a_rename() {
    use andu_core::PartyInput;
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let third =
        PartyInput {
            role: "第三人".into(), name: "某某物业公司".into(), kind: "org".into(), ..Default::default()
        };
    let added = t.store.write(now(), |w| w.save_party(no, None, &third)).unwrap();
    let c = t.store.get_case(no).unwrap();
    assert_eq!(c.parties_list.last().map(|p| (p.id.as_str(), p.role.as_str())), Some((added.as_str(), "第三人")));

    // A new address for 送达: the outbox carries only that field, for the server to merge.
    let zhang = c.parties_list.iter().find(|p| p.name == "张三").unwrap().clone();
    let moved = PartyInput {
        role: zhang.role.clone(),
        name: zhang.name.clone(),
        kind: zhang.kind.clone(),
        address: Some("深圳市龙华区民治街道 1 号".into()),
        ..Default::default()
    };
    let acked = t.store.outbox_ops(1000).unwrap().len();
    t.store.write(now(), |w| w.save_party(no, Some(&zhang.id), &moved)).unwrap();
    let ops = t.store.outbox_ops(1000).unwrap();
    assert_eq!(ops.len(), acked + 1);
    match &ops.last().unwrap().kind {
        andu_sync::OpKind::Patch { fields } => assert_eq!(fields.keys().collect::<Vec<_>>(), ["address"]),
        other => panic!("{other:?}"),
    }

    // A mistyped name corrected: the 节点 recorded for 张三 follows, so the appeal period stays the party's.
    t.store.write(now(), |w| w.add_event(no, "送达判决书", "2025-03-20", Some("张三"), "")).unwrap();
    let renamed = PartyInput { name: "张叁".into(), ..moved.clone() };
    t.store.write(now(), |w| w.save_party(no, Some(&zhang.id), &renamed)).unwrap();
    let c = t.store.get_case(no).unwrap();
    assert_eq!(c.events[0].party.as_deref(), Some("张叁"));
    assert!(c.parties_list.iter().any(|p| p.id == zhang.id && p.name == "张叁"));

    // Refused, with nothing changed: a second 原告 of the same name, an unknown role, an unknown id.
    let code = |t: &mut crate::TestStore, id: Option<&str>, p: &PartyInput| {
        t.store.write(now(), |w| w.save_party(no, id, p)).unwrap_err().code()
    };
    assert_eq!(code(&mut t, None, &renamed), "party_duplicate");
    assert_eq!(code(&mut t, None, &PartyInput { role: "旁听人".into(), ..third.clone() }), "case_invalid");
    assert_eq!(code(&mut t, Some("no-such-party"), &third), "record_not_found");

    // Removing: refused while a 节点 names the party, allowed after; the last party always stays.
    let err = t.store.write(now(), |w| w.remove_record(no, &zhang.id)).unwrap_err();
    assert_eq!(err.code(), "party_in_use");
    assert!(err.to_string().contains("送达判决书"), "{err}");
    let event = t.store.get_case(no).unwrap().events[0].id.clone();
    t.store.write(now(), |w| w.remove_record(no, &event)).unwrap();
    t.store.write(now(), |w| w.remove_record(no, &zhang.id)).unwrap();
    let left: Vec<String> = t.store.get_case(no).unwrap().parties_list.iter().map(|p| p.id.clone()).collect();
    assert_eq!(left.len(), 2);
    t.store.write(now(), |w| w.remove_record(no, &left[0])).unwrap();
    assert_eq!(t.store.write(now(), |w| w.remove_record(no, &left[1])).unwrap_err().code(), "party_last");
    let h = t.store.history(no).unwrap();
    assert!(h.iter().any(|c| c.entity == "party" && c.entity_id == zhang.id && c.new.is_none()));
}

#[test]
fn a_hearing_is_scheduled_with_its_time_and_room_and_bad_input_changes_nothing() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let before = t.store.get_case(no).unwrap().hearings.len();
    let h = |start: &str, room: &str| andu_core::HearingInput { start: start.into(), room: room.into() };
    // A space between date and time is accepted, as people type it.
    let id = t.store.write(now(), |w| w.add_hearing(no, &h("2025-04-10 09:30", "第三法庭"))).unwrap();
    let c = t.store.get_case(no).unwrap();
    let added = c.hearings.iter().find(|x| x.id == id).unwrap();
    assert_eq!((added.start.as_str(), added.room.as_str()), ("2025-04-10T09:30", "第三法庭"));
    assert_eq!(t.store.history(no).unwrap()[0].entity, "hearing");

    let err = t.store.write(now(), |w| w.add_hearing(no, &h("2025-04-31T09:30", "第三法庭"))).unwrap_err();
    assert_eq!(err.code(), "date_invalid");
    assert_eq!(err.detail().unwrap()[0]["field"], "hearings[0].start");
    let err = t.store.write(now(), |w| w.add_hearing(no, &h("2025-04-11T09:30", " "))).unwrap_err();
    assert_eq!(err.detail().unwrap()[0]["field"], "room");
    assert_eq!(t.store.get_case(no).unwrap().hearings.len(), before + 1);

    // 延期开庭: the same hearing moves; the history shows the old and the new time.
    t.store.write(now(), |w| w.reschedule_hearing(no, &id, &h("2025-04-24 14:30", "第五法庭"))).unwrap();
    let c = t.store.get_case(no).unwrap();
    let moved = c.hearings.iter().find(|x| x.id == id).unwrap();
    assert_eq!((moved.start.as_str(), moved.room.as_str()), ("2025-04-24T14:30", "第五法庭"));
    assert_eq!(c.hearings.len(), before + 1);
    let last = &t.store.history(no).unwrap()[0];
    assert!(
        last.old.as_deref().unwrap().contains("2025-04-10T09:30")
            && last.new.as_deref().unwrap().contains("2025-04-24T14:30")
    );
    let err =
        t.store.write(now(), |w| w.reschedule_hearing(no, "no-such", &h("2025-04-24 14:30", "第五法庭"))).unwrap_err();
    assert_eq!(err.code(), "record_not_found");
}

#[test]
fn an_appeal_is_recorded_on_a_closed_case_and_its_result_added_when_the_second_instance_returns() {
    use andu_core::AppealInput;
    let mut t = new_store();
    let mut open = sample();
    open.appeal = None;
    open.closed = None;
    open.closing_method = None;
    t.store.write(now(), |w| w.add_case(&open)).unwrap();
    let no = "（2025）粤0309民初1234号";
    let appeal =
        |filed: &str, outcome: Option<&str>| AppealInput { filed: filed.into(), outcome: outcome.map(Into::into) };
    let code =
        |t: &mut crate::TestStore, a: &AppealInput| t.store.write(now(), |w| w.set_appeal(no, a)).unwrap_err().code();
    assert_eq!(code(&mut t, &appeal("2025-06-10", None)), "case_not_closed");

    t.store.write(now(), |w| w.set_case_field(no, "closed", "2025-06-01")).unwrap();
    t.store.write(now(), |w| w.set_case_field(no, "closing_method", "判决")).unwrap();
    assert_eq!(code(&mut t, &appeal("2025-05-30", None)), "date_invalid");
    assert_eq!(code(&mut t, &appeal("2025-06-10", Some("部分改判了"))), "case_invalid");
    let id = t.store.write(now(), |w| w.set_appeal(no, &appeal("2025-06-10", None))).unwrap();
    // The second instance returns: the same appeal gets its result (one change in the history, same id).
    let again = t.store.write(now(), |w| w.set_appeal(no, &appeal("2025-06-10", Some("发回重审")))).unwrap();
    assert_eq!(again, id);
    let c = t.store.get_case(no).unwrap();
    let a = c.appeal.unwrap();
    assert_eq!((a.filed.as_str(), a.outcome.as_deref()), ("2025-06-10", Some("发回重审")));
    let h = t.store.history(no).unwrap();
    assert_eq!((h[0].entity.as_str(), h[0].old.is_some(), h[0].new.is_some()), ("appeal", true, true));
    // Entered on the wrong case: removed.
    t.store.write(now(), |w| w.remove_record(no, &id)).unwrap();
    assert!(t.store.get_case(no).unwrap().appeal.is_none());
}

#[test]
fn the_bench_is_kept_in_one_written_form_and_a_wrong_one_is_refused() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    t.store.write(now(), |w| w.set_case_field(no, "panel", "审判长：陈某；审判员 王法官\n人民陪审员 刘一")).unwrap();
    assert_eq!(t.store.get_case(no).unwrap().panel, "审判长 陈某、审判员 王法官、人民陪审员 刘一");
    let err = t.store.write(now(), |w| w.set_case_field(no, "panel", "书记员 钱某")).unwrap_err();
    assert_eq!(err.code(), "panel_invalid");
    // Exported and imported with the case (the 合议庭 column of the court system's layout).
    let input = t.store.get_case(no).unwrap().to_input();
    assert_eq!(input.panel, "审判长 陈某、审判员 王法官、人民陪审员 刘一");
    t.store.write(now(), |w| w.set_case_field(no, "panel", "")).unwrap();
    assert_eq!(t.store.get_case(no).unwrap().panel, "");
}

/// Issue #12: `case set`, party add/set, 节点 and 备注 go through the same table of lengths and characters as the
/// import, each error naming its field; nothing is written.
#[test]
fn single_edits_are_checked_for_length_and_characters() {
    let mut t = new_store();
    t.store.write(now(), |w| w.add_case(&sample())).unwrap();
    let no = "（2025）粤0309民初1234号";
    let before = t.store.history(no).unwrap().len();
    let field_of = |e: &andu_store::StoreError| e.detail().unwrap()[0]["field"].as_str().unwrap().to_string();

    let e = t.store.write(now(), |w| w.set_case_field(no, "cause", &"纠".repeat(101))).unwrap_err();
    assert_eq!((e.code(), field_of(&e).as_str()), ("field_too_long", "cause"));
    let e = t.store.write(now(), |w| w.set_case_field(no, "judge", "王\u{0}法官")).unwrap_err();
    assert_eq!((e.code(), field_of(&e).as_str()), ("field_invalid_chars", "judge"));

    let party = |name: &str, address: &str| andu_core::PartyInput {
        role: "第三人".into(),
        name: name.into(),
        kind: "org".into(),
        address: Some(address.into()),
        ..Default::default()
    };
    let e = t.store.write(now(), |w| w.save_party(no, None, &party("某\u{1b}公司", "深圳"))).unwrap_err();
    assert_eq!((e.code(), field_of(&e).as_str()), ("field_invalid_chars", "parties[2].name"));
    let e = t.store.write(now(), |w| w.save_party(no, None, &party("某公司", &"址".repeat(201)))).unwrap_err();
    assert_eq!((e.code(), field_of(&e).as_str()), ("field_too_long", "parties[2].address"));

    let e = t.store.write(now(), |w| w.add_event(no, "电话\n联系", "2025-03-02", None, "")).unwrap_err();
    assert_eq!((e.code(), field_of(&e).as_str()), ("field_invalid_chars", "event.kind"));
    let e = t.store.write(now(), |w| w.add_note(no, &"备".repeat(10_001))).unwrap_err();
    assert_eq!((e.code(), field_of(&e).as_str()), ("field_too_long", "notes[]"));
    assert_eq!(t.store.history(no).unwrap().len(), before, "nothing was written");

    // Multi-line text keeps its line breaks.
    t.store.write(now(), |w| w.add_note(no, "第一行\n第二行")).unwrap();
    t.store.write(now(), |w| w.add_event(no, "电话联系原告", "2025-03-02", None, "说明\n两行")).unwrap();
}
