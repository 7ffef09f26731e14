use super::*;

pub(crate) fn sample() -> CaseInput {
    serde_json::from_str(
        r#"{"case_no":"（2025）粤0309民初1234号","cause":"民间借贷纠纷","procedure":"civil-simple","filed":"2025-01-05",
        "court":"深圳市龙华区人民法院","division":"民一庭","judge":"王法官","assistant":"李助理","clerk":"赵书记员",
        "parties":[{"role":"原告","name":"张三","kind":"person"},{"role":"被告","name":"某某科技有限公司","kind":"org"}],
        "closed":"2025-03-01","closing_method":"判决",
        "extensions":[{"approved":"2025-03-20","months":1,"by":"院长"}],
        "deductions":[{"kind":"鉴定","from":"2025-02-01","to":"2025-02-20"}],
        "appeal":{"filed":"2025-03-20","outcome":"维持"}}"#,
    )
    .unwrap()
}

#[test]
fn the_issue_example_line_validates() {
    let c = sample().validate().unwrap();
    assert_eq!(c.case_no.canonical(), "（2025）粤0309民初1234号");
    assert_eq!(c.procedure, Procedure::CivilSimple);
    assert_eq!(c.parties.len(), 2);
    assert_eq!(c.extensions[0].length, ExtensionLength::Months(1));
    assert_eq!(c.status(), CaseStatus::Closed);
    assert_eq!(c.appeal.as_ref().unwrap().outcome, Some(AppealOutcome::Affirmed));
}

#[test]
fn export_form_round_trips() {
    let c = sample().validate().unwrap();
    assert_eq!(c.to_input().validate().unwrap(), c);
}

#[test]
fn every_problem_is_reported_with_its_field() {
    let mut input = sample();
    input.case_no = "（2025）粤0309民X1号".into();
    input.filed = "2025-02-30".into();
    input.procedure = "civil-fast".into();
    input.parties.push(PartyInput {
        role: "原告".into(),
        name: "张三".into(),
        kind: "person".into(),
        ..Default::default()
    });
    input.deductions[0].to = "2025-01-01".into();
    let err = input.validate().unwrap_err();
    let fields: Vec<_> = err.errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        fields,
        vec![
            ("case_no", "casenum_invalid"),
            ("procedure", "procedure_unknown"),
            ("filed", "date_invalid"),
            ("parties[2].name", "party_duplicate"),
            ("deductions[0]", "value_invalid"),
        ]
    );
    assert_eq!(err.code(), "casenum_invalid");
}

#[test]
fn procedure_must_fit_the_type_code() {
    let mut input = sample();
    input.procedure = "criminal-public".into();
    let err = input.validate().unwrap_err();
    assert_eq!(err.errors[0].code, "procedure_mismatch");
}

#[test]
fn closing_method_without_closed_date_is_refused() {
    let mut input = sample();
    input.closed = None;
    input.appeal = None;
    let err = input.validate().unwrap_err();
    assert_eq!(err.errors[0].field, "closing_method");
}

#[test]
fn unknown_json_fields_are_refused_not_dropped() {
    let r: Result<CaseInput, _> = serde_json::from_str(r#"{"case_no":"x","judg":"王"}"#);
    assert!(r.unwrap_err().to_string().contains("judg"));
}

/// Issue #12: what was accepted though wrong. Each error names its field, so the import report and the app's
/// form show where it is.
#[test]
fn lengths_and_characters_are_validated_per_field() {
    let errors = |input: CaseInput| input.validate().unwrap_err().errors;
    let mut input = sample();
    input.cause = "纠".repeat(3_000_000);
    input.filed = "2025-02-30".into();
    let e = errors(input);
    assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("cause", "field_too_long"));
    assert_eq!((e[1].field.as_str(), e[1].code.as_str()), ("filed", "date_invalid"), "every problem is reported");

    let mut input = sample();
    input.parties[1].name = "某某\u{0}公司".into();
    input.parties[0].address = Some("深圳\n龙华".into());
    input.notes = vec!["第一行\n第二行".into(), "a\u{7}b".into()];
    let e = errors(input.clone());
    let named: Vec<_> = e.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        named,
        [
            ("parties[0].address", "field_invalid_chars"),
            ("parties[1].name", "field_invalid_chars"),
            ("notes[1]", "field_invalid_chars")
        ]
    );
    assert_eq!(CaseInvalid { errors: e }.code(), "field_invalid_chars");

    // Line breaks are kept in multi-line text; a 10,000-character note is the most there is.
    let mut input = sample();
    input.notes = vec!["第一行\n\t第二行".into(), "备".repeat(10_000)];
    assert_eq!(input.validate().unwrap().notes[0], "第一行\n\t第二行");
    input.notes.push("备".repeat(10_001));
    assert_eq!(errors(input)[0].field, "notes[2]");

    let mut input = sample();
    input.case_no = "（2025）粤0309民初0号".into();
    assert_eq!(errors(input)[0].code, "casenum_invalid");
    let mut input = sample();
    input.extensions[0].months = Some(4_000_000_000);
    assert_eq!(errors(input)[0].field, "extensions[0]");
}

proptest::proptest! {
    /// A JSON Lines row of any shape: a case or field errors, never a panic.
    #[test]
    fn any_case_input_validates_or_names_its_errors(
        case_no in "\\PC{0,30}", cause in "\\PC{0,30}", filed in "\\PC{0,12}|20[0-9]{2}-[0-9]{2}-[0-9]{2}",
        procedure in "\\PC{0,12}|civil-simple", name in "\\PC{0,12}", months in proptest::option::of(proptest::num::u32::ANY),
        start in "\\PC{0,20}", panel in "\\PC{0,20}",
    ) {
        let mut input = sample();
        input.case_no = case_no;
        input.cause = cause;
        input.filed = filed;
        input.procedure = procedure;
        input.parties[0].name = name;
        input.extensions[0].months = months;
        input.hearings = vec![HearingInput { start, room: "第一法庭".into() }];
        input.panel = panel;
        if let Err(e) = input.validate() {
            proptest::prop_assert!(!e.errors.is_empty());
            proptest::prop_assert!(!e.code().is_empty());
        }
    }
}
