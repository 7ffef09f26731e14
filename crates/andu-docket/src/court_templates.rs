//! Templates the court publishes (文书模板): a court's own .docx made in Word/WPS, sent by the court server and kept
//! in the store, so every judge of the court generates the same layout offline. They are named `court:NAME`
//! beside the built-ins (`builtin:NAME`) and files on disk (a path); [`load_template`] resolves all three.

use andu_core::{Coded, ErrorBody};
use andu_docs::Template;
use andu_store::Store;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

/// `court:民事判决书（本院）`.
pub const COURT_PREFIX: &str = "court:";
const SETTING_PREFIX: &str = "template:";
/// A court template's tag delimiters when set by hand (`{ }` for one written for docxtemplater); unset: detected.
const DELIMITERS_PREFIX: &str = "template-delimiters:";

/// A court template in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourtTemplate {
    pub name: String,
    /// What generation takes: `court:NAME`.
    pub template: String,
    /// The size of the .docx in bytes.
    pub size: usize,
}

fn bad_name(name: &str) -> ErrorBody {
    ErrorBody {
        code: "invalid_template_name".into(),
        message: format!("模板名称“{name}”无效：不能为空，也不能含有 / \\ : 等字符"),
        detail: None,
    }
}

/// Check a court's .docx (it must open and every placeholder must compile, so a broken file never reaches a
/// judge) and keep it under `name`, replacing an earlier one of the same name.
pub fn import_court_template(store: &mut Store, name: &str, docx: &[u8]) -> Result<CourtTemplate, ErrorBody> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(|c| matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')) {
        return Err(bad_name(name));
    }
    Template::from_bytes(docx.to_vec()).map_err(|e| e.to_body())?;
    store.set_setting(&format!("{SETTING_PREFIX}{name}"), &STANDARD.encode(docx)).map_err(|e| e.to_body())?;
    Ok(CourtTemplate { name: name.to_string(), template: format!("{COURT_PREFIX}{name}"), size: docx.len() })
}

/// A template the court withdrew: it leaves the 文书 list (documents already generated from it stay).
pub fn withdraw(store: &mut Store, name: &str) -> Result<(), ErrorBody> {
    store.set_setting(&format!("{SETTING_PREFIX}{name}"), "").map_err(|e| e.to_body())
}

/// A template as the court server sends it (base64 of the .docx).
pub fn import_published(store: &mut Store, name: &str, base64: &str) -> Result<CourtTemplate, ErrorBody> {
    let bytes = STANDARD.decode(base64.trim().as_bytes()).map_err(|_| ErrorBody {
        code: "invalid_template".into(),
        message: format!("法院服务器发来的模板“{name}”不是有效的数据"),
        detail: None,
    })?;
    import_court_template(store, name, &bytes)
}

/// The court templates in the store, by name.
pub fn court_templates(store: &Store) -> Result<Vec<CourtTemplate>, ErrorBody> {
    Ok(store
        .settings_with_prefix(SETTING_PREFIX)
        .map_err(|e| e.to_body())?
        .into_iter()
        .filter(|(_, b64)| !b64.is_empty())
        .map(|(key, b64)| {
            let name = key.trim_start_matches(SETTING_PREFIX).to_string();
            // base64 is 4 characters per 3 bytes.
            let size = b64.len() / 4 * 3 - b64.chars().rev().take_while(|c| *c == '=').count();
            CourtTemplate { template: format!("{COURT_PREFIX}{name}"), name, size }
        })
        .collect())
}

/// `court:NAME` from the store, `builtin:NAME`, or a path to a .docx.
pub fn load_template(store: &Store, spec: &str) -> Result<Template, ErrorBody> {
    load_template_with(store, spec, None)
}

/// As [`load_template`], with the tags' delimiters given (`None`: detected from the template).
pub fn load_template_with(
    store: &Store,
    spec: &str,
    delimiters: Option<andu_docs::Delimiters>,
) -> Result<Template, ErrorBody> {
    let Some(name) = spec.strip_prefix(COURT_PREFIX) else {
        let opts = andu_docs::TemplateOptions { delimiters };
        return Template::load_with(spec, &opts).map_err(|e| e.to_body());
    };
    let delimiters = match delimiters {
        Some(d) => Some(d),
        None => template_delimiters(store, name)?,
    };
    let opts = andu_docs::TemplateOptions { delimiters };
    let not_found = || ErrorBody {
        code: "template_not_found".into(),
        message: format!("找不到本院模板“{name}”：可能尚未从法院服务器同步，请先同步"),
        detail: None,
    };
    let b64 = store.setting(&format!("{SETTING_PREFIX}{name}")).map_err(|e| e.to_body())?.ok_or_else(not_found)?;
    let bytes = STANDARD.decode(b64.as_bytes()).map_err(|_| ErrorBody {
        code: "invalid_template".into(),
        message: format!("本院模板“{name}”在本机的副本已损坏，请在下次同步后重试"),
        detail: None,
    })?;
    Template::from_bytes_with(bytes, &opts).map_err(|e| e.to_body())
}

/// The name a document of `spec` is given: `传票` for `builtin:传票` and `court:传票`, the file's stem for a path.
pub fn template_name(spec: &str) -> String {
    spec.strip_prefix("builtin:")
        .or_else(|| spec.strip_prefix(COURT_PREFIX))
        .map(str::to_string)
        .or_else(|| std::path::Path::new(spec).file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "文书".into())
}

/// The delimiters set for court template `name` (`None`: detected from the template).
pub fn template_delimiters(store: &Store, name: &str) -> Result<Option<andu_docs::Delimiters>, ErrorBody> {
    let value = store.setting(&format!("{DELIMITERS_PREFIX}{name}")).map_err(|e| e.to_body())?;
    Ok(value.as_deref().and_then(andu_docs::Delimiters::parse))
}

/// Sets (or, with `None`, clears back to detection) the delimiters of court template `name`: a court's template
/// written for docxtemplater reads with `{ }` on every device of this store.
pub fn set_template_delimiters(
    store: &mut Store,
    name: &str,
    delimiters: Option<andu_docs::Delimiters>,
) -> Result<(), ErrorBody> {
    let value = delimiters.map(|d| d.label()).unwrap_or_default();
    store.set_setting(&format!("{DELIMITERS_PREFIX}{name}"), &value).map_err(|e| e.to_body())
}
