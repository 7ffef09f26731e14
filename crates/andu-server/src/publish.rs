//! What the court publishes to every client (holiday years, rule files, templates, indicator definitions, case
//! weights, court settings), checked
//! here with the same parsers the clients use: a file that would be refused on a judge's machine is refused at
//! `andu-server publish`, where the administrator can fix it.

use andu_deadline::{HolidayCalendar, RuleSet};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::ServerError;

/// The kinds a client of this version applies, with what an administrator passes.
pub const KINDS: &str = "holidays（节假日年度 JSON）、rules（期间规则 .toml）、templates（文书模板 .docx）、\
     indicators（指标口径 .toml）、weights（案件权重 .toml）、settings（本院设置 .toml，如阅核人）";

/// The kinds published as one file each (a later one replaces it; withdrawn by kind alone).
pub const SINGLE_FILE_KINDS: &[&str] = &["indicators", "weights", andu_sync::court_settings::KIND];

/// A checked file, as it travels: `name` identifies it within its kind (a later one of the same name replaces it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub name: String,
    /// Text files as they are; a template's .docx in base64.
    pub content: String,
}

fn bad(message: String) -> ServerError {
    ServerError::BadRequest(message)
}

fn text(file_name: &str, bytes: &[u8]) -> Result<String, ServerError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| bad(format!("{file_name} 不是 UTF-8 文本文件")))
}

/// Check `bytes` (the file `file_name`) as a `kind`. `published_rules` are the rule files already published for
/// other areas: a new one must fit with them and the embedded files (rule ids unique).
pub fn check(
    kind: &str,
    file_name: &str,
    bytes: &[u8],
    published_rules: &[String],
) -> Result<Publication, ServerError> {
    match kind {
        "holidays" => {
            let content = text(file_name, bytes)?;
            let year =
                HolidayCalendar::new().import_year_json(&content).map_err(|e| bad(format!("节假日数据无效：{e}")))?;
            Ok(Publication { name: year.to_string(), content })
        }
        "rules" => {
            let content = text(file_name, bytes)?;
            let part = RuleSet::from_toml_str(&content).map_err(|e| bad(format!("期间规则文件无效：{e}")))?;
            let area = part.areas()[0].0.to_string();
            let mut files: Vec<&str> = published_rules
                .iter()
                .map(String::as_str)
                .filter(|t| RuleSet::from_toml_str(t).is_ok_and(|p| p.areas()[0].0 != area))
                .collect();
            files.push(&content);
            RuleSet::embedded_with(&files).map_err(|e| bad(format!("期间规则文件与其他领域的规则冲突：{e}")))?;
            Ok(Publication { name: area, content })
        }
        "templates" => {
            let base = std::path::Path::new(file_name).file_name().map(|n| n.to_string_lossy().into_owned());
            let name = base
                .as_deref()
                .and_then(|b| b.strip_suffix(".docx").or_else(|| b.strip_suffix(".DOCX")))
                .map(str::trim)
                .filter(|s| !s.is_empty() && !s.contains(':'))
                .map(str::to_string)
                .ok_or_else(|| {
                    bad(format!("模板须是 .docx 文件，名称即模板名称（如“传票（本院）.docx”）；收到“{file_name}”"))
                })?;
            andu_docs::Template::from_bytes(bytes.to_vec()).map_err(|e| bad(format!("文书模板无效：{e}")))?;
            Ok(Publication { name, content: STANDARD.encode(bytes) })
        }
        "indicators" => {
            let content = text(file_name, bytes)?;
            andu_stats::Definitions::from_toml_str(&content).map_err(|e| bad(format!("指标口径文件无效：{e}")))?;
            Ok(Publication { name: "indicators".into(), content })
        }
        "weights" => {
            let content = text(file_name, bytes)?;
            andu_stats::CaseWeights::from_toml_str(&content).map_err(|e| bad(format!("案件权重文件无效：{e}")))?;
            Ok(Publication { name: "weights".into(), content })
        }
        "settings" => {
            let content = text(file_name, bytes)?;
            andu_sync::court_settings::parse(&content).map_err(|e| bad(format!("本院设置文件无效：{e}")))?;
            Ok(Publication { name: andu_sync::court_settings::NAME.into(), content })
        }
        other => Err(bad(format!("不支持发布“{other}”：可发布 {KINDS}"))),
    }
}
