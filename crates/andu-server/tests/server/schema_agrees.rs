//! The server's row check (`andu_sync::schema`) and the client store agree: every row the check lets through, the
//! client can deserialise into its own row types the way `apply_pull` does — so a row the server stored can never
//! make a device fail `file_unreadable` — and the rows the client writes pass it.

use andu_store::table::cases::CaseRow;
use andu_store::table::children::Child;
use andu_store::table::drafts::{DraftRow, RevisionRow};
use andu_store::table::parties::PartyRow;
use andu_sync::schema::check_row;
use proptest::prelude::*;
use serde_json::{Value, json};

/// One valid row per entity kind, as the client writes it.
fn valid_rows() -> Vec<(&'static str, Value)> {
    let case = json!({
        "id": "c1", "case_no": "（2026）粤0309民初1号", "category": "民事", "cause": "民间借贷纠纷",
        "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": "民一庭", "filed": "2026-03-02",
        "closed": null, "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false,
        "panel": ""
    });
    let party = json!({"id": "p1", "role": "原告", "name": "张三", "kind": "person", "id_number": null,
                       "address": null, "phone": null, "agent": null, "foreign": false});
    let children = [
        Child::Event(andu_store::table::children::EventRow {
            id: "e1".into(),
            kind: "送达".into(),
            date: "2026-03-05".into(),
            party: None,
            note: String::new(),
        }),
        Child::Hearing(andu_store::table::children::HearingRow {
            id: "h1".into(),
            start: "2026-06-08T09:00".into(),
            room: "第三法庭".into(),
        }),
        Child::Extension(andu_store::table::children::ExtensionRow {
            id: "x1".into(),
            approved: "2026-05-01".into(),
            months: Some(6),
            days: None,
            by: "院长".into(),
            reason: None,
        }),
        Child::Deduction(andu_store::table::children::DeductionRow {
            id: "d1".into(),
            kind: "鉴定".into(),
            from: "2026-04-01".into(),
            to: "2026-04-20".into(),
            approved_by: None,
            reason: Some("鉴定期间".into()),
        }),
        Child::Appeal(andu_store::table::children::AppealRow {
            id: "a1".into(),
            filed: "2026-07-01".into(),
            outcome: None,
        }),
        Child::Note(andu_store::table::children::NoteRow {
            id: "n1".into(),
            text: "第一段\n第二段".into(),
            created: "2026-03-02T09:00:00.000Z".into(),
        }),
        Child::Document(andu_store::table::children::DocumentRow {
            id: "doc1".into(),
            name: "传票".into(),
            template: "builtin:传票".into(),
            party: None,
            path: "/tmp/传票.docx".into(),
            created: "2026-03-02T09:00:00.000Z".into(),
        }),
        Child::AppealReview(andu_store::table::children::AppealReviewRow {
            id: "ar1".into(),
            reason: "适用法律".into(),
            responsible: true,
            lesson: "一案一策：\n统一裁判尺度".into(),
            reviewer: "李庭长".into(),
            recorded: "2026-09-02T09:00:00.000Z".into(),
        }),
    ];
    let mut rows = vec![("case", case), ("party", party)];
    // Child rows travel as the change log stores them: tagged with their kind.
    rows.extend(children.iter().map(|c| (c.entity(), serde_json::to_value(c).unwrap())));
    rows.push((
        "draft",
        json!({"id": "dr1", "case_id": "c1", "kind": "civil-judgment", "title": "民事判决书", "created_at": "2026-03-02"}),
    ));
    rows.push((
        "draft_revision",
        json!({"id": "r1", "draft_id": "dr1", "parents": ["r0"], "content": {"facts": "查明"}, "author": "王法官",
               "created_at": "2026-03-02"}),
    ));
    // 阅核 records, as the client store writes them.
    use andu_store::table::review::*;
    let (c, by, at) = ("c1".to_string(), "陈庭长".to_string(), "2026-11-26T09:00:00.000Z".to_string());
    let records = [
        ReviewRecord::Round(RoundRow {
            id: "g1".into(),
            case_id: c.clone(),
            draft_id: "dr1".into(),
            revision_id: "r1".into(),
            reviewer: "庭长".into(),
            note: None,
            by: by.clone(),
            at: at.clone(),
        }),
        ReviewRecord::Comment(CommentRow {
            id: "k1".into(),
            case_id: c.clone(),
            round_id: "g1".into(),
            reply_to: None,
            section: Some("reasoning".into()),
            quote: "借款成立".into(),
            text: "请写明\n交付证据".into(),
            by: by.clone(),
            at: at.clone(),
        }),
        ReviewRecord::Withdrawal(WithdrawalRow {
            id: "w1".into(),
            case_id: c.clone(),
            comment_id: "k1".into(),
            by: by.clone(),
            at: at.clone(),
        }),
        ReviewRecord::Decision(DecisionRow {
            id: "x1".into(),
            case_id: c.clone(),
            round_id: "g1".into(),
            decision: "discuss".into(),
            forum: Some("专业法官会议".into()),
            note: Some("请讨论".into()),
            by: by.clone(),
            at: at.clone(),
        }),
        ReviewRecord::Result(ResultRow {
            id: "s1".into(),
            case_id: c.clone(),
            decision_id: "x1".into(),
            result: "维持".into(),
            by: by.clone(),
            at: at.clone(),
        }),
        ReviewRecord::Flag(FlagRow {
            id: "f1".into(),
            case_id: c.clone(),
            flag: "四类案件".into(),
            set: true,
            reason: "群体性纠纷".into(),
            by: by.clone(),
            at: at.clone(),
        }),
        ReviewRecord::Override(OverrideRow {
            id: "o1".into(),
            case_id: c,
            revision_id: None,
            reason: "当庭送达".into(),
            by,
            at,
        }),
    ];
    rows.extend(records.iter().map(|r| (r.entity(), r.to_value())));
    rows
}

/// Does the client take this row, as `replace_entity` / `apply_remote_draft` read it?
fn client_reads(entity: &str, row: &Value) -> bool {
    match entity {
        "case" => serde_json::from_value::<CaseRow>(row.clone()).is_ok(),
        "party" => serde_json::from_value::<PartyRow>(row.clone()).is_ok(),
        "draft" => serde_json::from_value::<DraftRow>(row.clone()).is_ok(),
        "draft_revision" => serde_json::from_value::<RevisionRow>(row.clone()).is_ok(),
        review if andu_store::table::review::is_review_entity(review) => {
            matches!(andu_store::table::review::ReviewRecord::from_value(review, row.clone()), Ok(Some(_)))
        }
        child => {
            let mut v = row.clone();
            if let Some(o) = v.as_object_mut() {
                o.insert("entity".into(), Value::String(child.to_string()));
            }
            serde_json::from_value::<Child>(v).is_ok()
        }
    }
}

#[test]
fn rows_the_client_writes_pass_the_servers_check() {
    for (entity, row) in valid_rows() {
        assert_eq!(check_row(entity, &row), Ok(()), "{entity}: {row}");
        assert!(client_reads(entity, &row), "{entity}: {row}");
    }
}

fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..10).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,6}".prop_map(Value::String),
        prop::collection::vec(".{0,4}".prop_map(Value::String), 0..3).prop_map(Value::Array),
        prop::collection::btree_map("[a-z]{1,3}", ".{0,4}".prop_map(Value::String), 0..3)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
    ]
}

proptest! {
    /// Replace, remove or add fields of a valid row at random: whenever the server's check lets the result through,
    /// the client reads it.
    #[test]
    fn whatever_the_server_accepts_the_client_reads(
        which in 0usize..64,
        edits in prop::collection::vec((0usize..20, arb_value(), 0u8..3), 1..4),
    ) {
        let rows = valid_rows();
        let (entity, mut row) = rows[which % rows.len()].clone();
        let obj = row.as_object_mut().unwrap();
        for (field, value, how) in edits {
            let keys: Vec<String> = obj.keys().cloned().collect();
            let key = keys[field % keys.len()].clone();
            match how {
                0 => { obj.insert(key, value); }
                1 => { obj.remove(&key); }
                _ => { obj.insert(format!("x{field}"), value); }
            }
        }
        if check_row(entity, &row).is_ok() {
            prop_assert!(client_reads(entity, &row), "{} accepted but unreadable: {}", entity, row);
        }
    }
}
