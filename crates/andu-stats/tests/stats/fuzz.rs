//! Issue #12: an indicator definition file (imported by an administrator or published by the court server) of any
//! content is definitions or `definitions_invalid`, never a panic — as arbitrary text, and as the embedded file
//! with one value replaced or cut short.

use andu_core::Coded;
use andu_stats::Definitions;
use proptest::prelude::*;

fn mutated(text: &str, n: usize, value: &str, cut: Option<usize>) -> String {
    if let Some(cut) = cut {
        return text.chars().take(cut % (text.chars().count() + 1)).collect();
    }
    let assignments: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.contains(" = ")).map(|(i, _)| i).collect();
    let target = assignments.get(n % assignments.len().max(1)).copied();
    text.lines()
        .enumerate()
        .map(|(i, line)| match (Some(i) == target, line.split_once(" = ")) {
            (true, Some((key, _))) => format!("{key} = {value}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_definition_file_is_definitions_or_a_typed_error(
        text in "\\PC{0,200}",
        n in any::<usize>(),
        value in prop_oneof![
            "\\PC{0,16}".prop_map(|s| format!("{s:?}")),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| format!("{n:?}")),
            Just("[]".to_string()),
            "\\PC{0,16}",
        ],
        cut in proptest::option::of(any::<usize>()),
    ) {
        for file in [text.clone(), mutated(Definitions::embedded_text(), n, &value, cut)] {
            if let Err(e) = Definitions::from_toml_str(&file) {
                prop_assert_eq!(e.code(), "definitions_invalid", "{}", e);
            }
        }
    }
}
