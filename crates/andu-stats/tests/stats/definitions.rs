//! The definition file: complete, versioned, and refused with `definitions_invalid` when broken.

use andu_core::Coded;
use andu_stats::{Definitions, KEYS};

#[test]
fn the_embedded_file_defines_every_key_once_with_name_text_and_formula() {
    let defs = Definitions::embedded();
    assert!(!defs.version.is_empty());
    let keys: Vec<&str> = defs.indicators.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, KEYS);
    for d in &defs.indicators {
        assert!(!d.name.is_empty() && !d.definition.is_empty() && !d.formula.is_empty(), "{}", d.key);
        if let Some(u) = &d.unsure {
            assert!(u.starts_with("存疑（UNSURE）"), "{}: unsure text must say so: {u}", d.key);
        }
    }
    assert_eq!(defs.get("closure_rate").unwrap().name, "结案率");
    assert_eq!(defs.get("within_limit_rate").unwrap().name, "审限内结案率");
    // 案-件比 is our own reading: it must say so.
    assert!(defs.get("case_matter_ratio").unwrap().unsure.is_some());
    // domain.md §4: Mar 18%, Jun 55%, Sep 76%, Dec 93%.
    let floors: Vec<(u32, f64)> = defs.floors.iter().map(|f| (f.month, f.progress)).collect();
    assert_eq!(floors, [(3, 0.18), (6, 0.55), (9, 0.76), (12, 0.93)]);
    assert!(defs.population.is_empty());
}

fn broken(from: &str, to: &str) -> andu_stats::StatsError {
    let text = Definitions::embedded_text();
    assert!(text.contains(from), "fixture text not found: {from}");
    Definitions::from_toml_str(&text.replacen(from, to, 1)).unwrap_err()
}

#[test]
fn a_broken_file_is_refused_with_a_reason() {
    let cases = [
        ("key = \"received\"", "key = \"received_total\"", "received_total"),
        ("key = \"monthly\"", "key = \"received\"", "重复"),
        ("{ month = 6, progress = 0.55 }", "{ month = 6, progress = 55 }", "0–1"),
        ("{ month = 6, progress = 0.55 }", "{ month = 13, progress = 0.55 }", "13"),
        ("\"admin-simple\"]", "\"admin-fast\"]", "admin-fast"),
        ("version = \"andu-default-2025.1\"", "version = \"  \"", "version"),
        ("[population]\n", "[population]\n\"某法院\" = 0\n", "某法院"),
        ("name = \"结案率\"", "name = \"\"", "closure_rate"),
        ("[[indicator]]", "[[indicatr]]", "indicatr"),
    ];
    for (from, to, says) in cases {
        let e = broken(from, to);
        assert_eq!(e.code(), "definitions_invalid", "{to}");
        assert!(e.to_string().contains(says), "{to}: {e}");
    }
    // A key missing altogether.
    let text = Definitions::embedded_text();
    let cut = text.find("[[indicator]]\nkey = \"case_matter_ratio\"").unwrap();
    let e = Definitions::from_toml_str(&text[..cut]).unwrap_err();
    assert!(e.to_string().contains("case_matter_ratio"), "{e}");
    assert_eq!(Definitions::from_toml_str("not toml [").unwrap_err().code(), "definitions_invalid");
}

#[test]
fn results_carry_the_version_they_were_computed_with() {
    let text = Definitions::embedded_text().replace("version = \"andu-default-2025.1\"", "version = \"某院-2026.2\"");
    let defs = Definitions::from_toml_str(&text).unwrap();
    let i = andu_stats::compute(
        &crate::worked::cases(),
        crate::support::period("2025-01-01", "2025-06-30"),
        &andu_stats::Scope::whole(),
        &defs,
        &andu_deadline::HolidayCalendar::embedded(),
    );
    assert_eq!(i.definitions_version, "某院-2026.2");
}
