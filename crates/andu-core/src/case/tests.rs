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
