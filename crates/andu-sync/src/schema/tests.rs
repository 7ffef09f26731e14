use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

fn case() -> Value {
    json!({
        "id": "c1", "case_no": "（2026）粤0309民初1号", "category": "民事", "cause": "民间借贷纠纷",
        "procedure": "civil-simple", "court": "深圳市龙华区人民法院", "division": "民一庭", "filed": "2026-03-02",
        "closed": null, "closing_method": null, "judge": "王法官", "assistant": "", "clerk": "", "custody": false,
        "panel": "审判长 张某、审判员 王建国"
    })
}

fn problem(r: Result<(), RowError>) -> Option<(Option<String>, Problem)> {
    r.err().map(|e| (e.field, e.problem))
}

#[test]
fn rows_as_the_client_writes_them_pass() {
    assert_eq!(check_row("case", &case()), Ok(()));
    let mut older = case();
    older.as_object_mut().unwrap().remove("panel"); // an older Andu has no 合议庭
    assert_eq!(check_row("case", &older), Ok(()));
    let rows = [
        (
            "party",
            json!({"id": "p1", "role": "原告", "name": "张三", "kind": "person", "id_number": null,
                         "address": "深圳市\n龙华区", "phone": null, "agent": null, "foreign": false}),
        ),
        (
            "event",
            json!({"entity": "event", "id": "e1", "kind": "送达", "date": "2026-03-05", "party": "张三", "note": ""}),
        ),
        ("hearing", json!({"entity": "hearing", "id": "h1", "start": "2026-06-08T09:00", "room": "第三法庭"})),
        (
            "extension",
            json!({"entity": "extension", "id": "x1", "approved": "2026-05-01", "months": 6, "days": null,
                             "by": "院长", "reason": "案情复杂"}),
        ),
        (
            "deduction",
            json!({"entity": "deduction", "id": "d1", "kind": "鉴定", "from": "2026-04-01",
                             "to": "2026-04-20", "approved_by": null, "reason": null}),
        ),
        ("appeal", json!({"entity": "appeal", "id": "a1", "filed": "2026-07-01", "outcome": null})),
        (
            "note",
            json!({"entity": "note", "id": "n1", "text": "第一段\n\t第二段", "created": "2026-03-02T09:00:00.000Z"}),
        ),
        (
            "document",
            json!({"entity": "document", "id": "doc1", "name": "传票", "template": "builtin:传票",
                            "party": null, "path": "/home/王/文书/传票.docx", "created": "2026-03-02T09:00:00.000Z"}),
        ),
        (
            "draft",
            json!({"id": "dr1", "case_id": "c1", "kind": "civil-judgment", "title": "民事判决书",
                         "created_at": "2026-03-02T09:00:00.000Z"}),
        ),
        (
            "draft_revision",
            json!({"id": "r2", "draft_id": "dr1", "parents": ["r0", "r1"],
                                  "content": {"reasoning": "本院认为，\n借款合同合法有效。"}, "author": "王法官",
                                  "created_at": "2026-03-02T09:00:00.000Z"}),
        ),
    ];
    for (entity, row) in rows {
        assert_eq!(check_row(entity, &row), Ok(()), "{entity}");
    }
}

/// Issue #12 item 3: what a client could not store is refused, naming the entity and the field.
#[test]
fn a_row_the_client_could_not_store_is_refused_with_its_field() {
    let note = |text: Value| json!({"entity": "note", "id": "n1", "text": text, "created": "2026-03-02"});
    let with = |k: &str, v: Value| {
        let mut c = case();
        c[k] = v;
        c
    };
    let cases: Vec<(&str, Value, Option<&str>, Problem)> = vec![
        ("note", note(json!(12345)), Some("text"), Problem::WrongType("文字")),
        ("note", note(Value::Null), Some("text"), Problem::WrongType("文字")),
        ("note", note(json!("a\u{0}b")), Some("text"), Problem::ControlCharacter),
        ("note", note(json!("\u{1b}[2J")), Some("text"), Problem::ControlCharacter),
        ("note", note(json!("长".repeat(MAX_TEXT + 1))), Some("text"), Problem::TooLong { max: MAX_TEXT }),
        ("note", json!({"id": "n1", "created": "2026-03-02"}), Some("text"), Problem::Missing),
        (
            "note",
            json!({"entity": "hearing", "id": "n1", "text": "", "created": "x"}),
            Some("entity"),
            Problem::WrongTag,
        ),
        ("note", json!("just text"), None, Problem::NotAnObject),
        ("case", with("custody", json!("yes")), Some("custody"), Problem::WrongType("是或否")),
        ("case", with("judge", json!("王\n法官")), Some("judge"), Problem::ControlCharacter),
        ("case", with("panel", Value::Null), Some("panel"), Problem::WrongType("文字")),
        ("case", with("id", json!("")), Some("id"), Problem::Empty),
        ("case", with("secret", json!(1)), Some("secret"), Problem::UnknownField),
        ("case", with("entity", json!("case")), Some("entity"), Problem::UnknownField),
        (
            "extension",
            json!({"id": "x", "approved": "d", "months": -1, "by": ""}),
            Some("months"),
            Problem::WrongType("非负整数"),
        ),
        (
            "extension",
            json!({"id": "x", "approved": "d", "months": 1.5, "by": ""}),
            Some("months"),
            Problem::WrongType("非负整数"),
        ),
        (
            "draft_revision",
            json!({"id": "r", "draft_id": "d", "parents": [1], "content": {}, "author": "", "created_at": ""}),
            Some("parents"),
            Problem::WrongType("文字"),
        ),
        (
            "draft_revision",
            json!({"id": "r", "draft_id": "d", "parents": [], "content": {"a": 1}, "author": "", "created_at": ""}),
            Some("content"),
            Problem::WrongType("文字"),
        ),
    ];
    for (i, (entity, row, field, want)) in cases.into_iter().enumerate() {
        assert_eq!(problem(check_row(entity, &row)), Some((field.map(String::from), want)), "case {i}: {row}");
    }
    let e = check_row("note", &note(json!(12345))).unwrap_err();
    assert_eq!(e.to_string(), "备注的“text”应为文字，修改未保存；请改正后重新填写");
    let unknown = check_row("secret_entity", &json!({})).unwrap_err();
    assert_eq!(unknown.problem, Problem::UnknownEntity);
    assert!(unknown.to_string().contains("secret_entity"), "{unknown}");
}

#[test]
fn field_edits_are_checked_and_identity_is_fixed() {
    assert_eq!(check_field("case", "judge", &json!("陈法官")), Ok(()));
    assert_eq!(check_field("case", "closed", &Value::Null), Ok(()), "an optional field may be cleared");
    assert_eq!(check_field("case", "custody", &json!(true)), Ok(()));
    assert_eq!(
        problem(check_field("case", "judge", &Value::Null)),
        Some((Some("judge".into()), Problem::WrongType("文字")))
    );
    assert_eq!(problem(check_field("case", "id", &json!("c2"))), Some((Some("id".into()), Problem::Fixed)));
    assert_eq!(problem(check_field("draft", "case_id", &json!("c2"))), Some((Some("case_id".into()), Problem::Fixed)));
    assert_eq!(
        problem(check_field("draft_revision", "draft_id", &json!("d2"))),
        Some((Some("draft_id".into()), Problem::Fixed))
    );
    assert_eq!(problem(check_field("note", "entity", &json!("note"))), Some((Some("entity".into()), Problem::Fixed)));
    assert_eq!(
        problem(check_field("party", "nickname", &json!("x"))),
        Some((Some("nickname".into()), Problem::UnknownField))
    );
    let mut fields = serde_json::Map::new();
    fields.insert("address".into(), json!("广州"));
    fields.insert("phone".into(), json!(138));
    assert_eq!(problem(check_fields("party", &fields)), Some((Some("phone".into()), Problem::WrongType("文字"))));
}

#[test]
fn op_ids_are_one_short_line() {
    assert!(is_valid_id("0193a1b2-0000-7000-8000-000000000000", MAX_ID));
    assert!(!is_valid_id("", MAX_ID));
    assert!(!is_valid_id("a\nb", MAX_ID));
    assert!(!is_valid_id(&"x".repeat(MAX_ID + 1), MAX_ID));
    assert!(entity_kinds().all(is_entity));
    assert!(!is_entity("conflict"), "conflict records are the server's, never a client's row");
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec!["id", "entity", "text", "case_id", "custody", "parents", "content"])
            .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    ".{0,8}",
                    prop::sample::select(
                        CASE.iter().chain(PARTY).chain(NOTE).chain(DRAFT_REVISION).map(|f| f.name).collect::<Vec<_>>()
                    )
                    .prop_map(String::from),
                ],
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Whatever a client sends, the check answers and never panics.
    #[test]
    fn never_panics_on_arbitrary_json(
        v in arb_json(),
        entity in prop::sample::select(vec!["case", "party", "note", "draft_revision", "hearing", "conflict", "", "案件"]),
        field in ".{0,10}",
    ) {
        let _ = check_row(entity, &v);
        let _ = check_field(entity, &field, &v);
        if let Some(o) = v.as_object() {
            let _ = check_fields(entity, o);
            for k in o.keys() {
                let _ = check_field(entity, k, &v);
            }
        }
    }

    /// A valid row stays valid field by field: each of its editable fields passes as an edit.
    #[test]
    fn a_valid_rows_fields_pass_as_edits(judge in "[^\\p{Cc}]{0,40}", custody in any::<bool>()) {
        let mut c = case();
        c["judge"] = json!(judge);
        c["custody"] = json!(custody);
        prop_assert_eq!(check_row("case", &c), Ok(()));
        for (k, v) in c.as_object().unwrap() {
            if k != "id" {
                prop_assert_eq!(check_field("case", k, v), Ok(()));
            }
        }
    }
}
