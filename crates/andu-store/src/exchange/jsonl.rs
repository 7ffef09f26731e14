//! JSON Lines: one case per line in the [`andu_core::CaseInput`] shape. Blank lines are skipped.

use andu_core::CaseInput;
use andu_core::case::FieldError;

use super::ParsedRow;

pub fn parse(text: &str) -> Vec<ParsedRow> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let parsed: Result<CaseInput, _> = serde_json::from_str(line);
        let row = match parsed {
            Ok(input) => ParsedRow {
                line: i + 1,
                case_no: input.case_no.clone(),
                result: input.validate().map_err(|e| e.errors),
                columns: Default::default(),
            },
            Err(e) => ParsedRow {
                line: i + 1,
                case_no: serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v.get("case_no").and_then(|c| c.as_str()).map(str::to_string))
                    .unwrap_or_default(),
                result: Err(vec![FieldError {
                    field: "(line)".into(),
                    code: "json_invalid".into(),
                    message: format!("不是有效的 JSON 对象（{e}）；文件可能被截断"),
                }]),
                columns: Default::default(),
            },
        };
        rows.push(row);
    }
    rows
}

pub fn write(cases: &[CaseInput]) -> String {
    cases.iter().map(line).collect()
}

/// One case as its line, newline included.
pub fn line(case: &CaseInput) -> String {
    let mut out = serde_json::to_string(case).expect("case inputs serialise");
    out.push('\n');
    out
}
