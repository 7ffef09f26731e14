//! The collegial bench of a case (合议庭), written as a person writes it — `审判长 张某、审判员 王建国、人民陪审员 李某`
//! — and read into members for the 落款 of judgments, rulings and mediation documents. A case tried by a judge
//! alone (独任) has none.

use serde::Serialize;

/// The seats of a 合议庭 (《人民法院组织法》第三十条; 《人民陪审员法》第十四条).
pub const PANEL_TITLES: &[&str] = &["人民陪审员", "审判长", "审判员"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PanelMember {
    /// 审判长, 审判员 or 人民陪审员.
    pub title: String,
    pub name: String,
}

/// Members separated by `、` `，` `,` `；` `;` or new lines; a space, a full-width space or a colon between the seat
/// and the name. Empty text: no 合议庭. The message says what is wrong, in the words a clerk uses.
pub fn parse_panel(text: &str) -> Result<Vec<PanelMember>, String> {
    let mut members = Vec::new();
    for part in text.split(['、', '，', ',', '；', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let Some(title) = PANEL_TITLES.iter().find(|t| part.starts_with(**t)) else {
            return Err(format!("“{part}”应以审判长、审判员或人民陪审员开头，如“审判长 张某”"));
        };
        let name = part[title.len()..].trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
        if name.is_empty() {
            return Err(format!("“{title}”后缺少姓名"));
        }
        members.push(PanelMember { title: (*title).to_string(), name: name.to_string() });
    }
    if members.iter().filter(|m| m.title == "审判长").count() > 1 {
        return Err("合议庭只能有一名审判长".into());
    }
    Ok(members)
}

/// The one way a bench is stored and shown: `审判长 张某、审判员 王建国`.
pub fn format_panel(members: &[PanelMember]) -> String {
    members.iter().map(|m| format!("{} {}", m.title, m.name)).collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benches_are_read_as_people_write_them() {
        let want = "审判长 张某、审判员 王建国、人民陪审员 李某";
        for text in [
            want,
            "审判长：张某，审判员：王建国，人民陪审员：李某",
            "审判长　张某\n审判员 王建国\n人民陪审员李某",
            " 审判长 张某; 审判员 王建国; 人民陪审员 李某 ",
        ] {
            assert_eq!(format_panel(&parse_panel(text).unwrap()), want, "{text}");
        }
        assert_eq!(parse_panel("  ").unwrap(), vec![]);
    }

    #[test]
    fn a_wrong_bench_is_refused_with_the_reason() {
        assert!(parse_panel("书记员 赵某").unwrap_err().contains("应以审判长、审判员或人民陪审员开头"));
        assert_eq!(parse_panel("审判长、审判员 王建国").unwrap_err(), "“审判长”后缺少姓名");
        assert_eq!(parse_panel("审判长 张某、审判长 王某").unwrap_err(), "合议庭只能有一名审判长");
    }
}
