//! The words court systems use, as data: column-name synonyms, 结案方式 and 案件状态 values
//! (`assets/import/columns.toml`, embedded).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

const EMBEDDED: &str = include_str!("../../../../../assets/import/columns.toml");

/// A field of 案牍's import a source column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "ImportField"))]
pub enum Field {
    CaseNo,
    Cause,
    Procedure,
    Filed,
    Judge,
    Presiding,
    Panel,
    Assistant,
    Clerk,
    Division,
    Court,
    Status,
    Parties,
    Active,
    Passive,
    ThirdParty,
    Closed,
    ClosingMethod,
    Note,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::CaseNo,
        Field::Cause,
        Field::Procedure,
        Field::Filed,
        Field::Judge,
        Field::Presiding,
        Field::Panel,
        Field::Assistant,
        Field::Clerk,
        Field::Division,
        Field::Court,
        Field::Status,
        Field::Parties,
        Field::Active,
        Field::Passive,
        Field::ThirdParty,
        Field::Closed,
        Field::ClosingMethod,
        Field::Note,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Field::CaseNo => "case_no",
            Field::Cause => "cause",
            Field::Procedure => "procedure",
            Field::Filed => "filed",
            Field::Judge => "judge",
            Field::Presiding => "presiding",
            Field::Panel => "panel",
            Field::Assistant => "assistant",
            Field::Clerk => "clerk",
            Field::Division => "division",
            Field::Court => "court",
            Field::Status => "status",
            Field::Parties => "parties",
            Field::Active => "active",
            Field::Passive => "passive",
            Field::ThirdParty => "third_party",
            Field::Closed => "closed",
            Field::ClosingMethod => "closing_method",
            Field::Note => "note",
        }
    }

    /// The Chinese name shown for the field (from the vocabulary file).
    pub fn label(self) -> &'static str {
        vocabulary().fields.get(&self).map(|f| f.label.as_str()).unwrap_or(self.id())
    }

    /// A field by its id (`filed`) or its Chinese name (`立案日期`).
    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim();
        Field::ALL.iter().copied().find(|f| f.id() == s || f.label() == s)
    }
}

#[derive(Debug, Deserialize)]
pub struct FieldWords {
    pub label: String,
    pub synonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Statuses {
    pending: Vec<String>,
    closed: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    fields: BTreeMap<String, FieldWords>,
    closing_methods: BTreeMap<String, Vec<String>>,
    statuses: Statuses,
}

#[derive(Debug)]
pub struct Vocabulary {
    pub fields: BTreeMap<Field, FieldWords>,
    pub closing_methods: Vec<(String, Vec<String>)>,
    pub pending: Vec<String>,
    pub closed: Vec<String>,
}

/// The embedded vocabulary. A malformed file is a build defect, caught by the tests.
pub fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let file: File = toml::from_str(EMBEDDED).expect("assets/import/columns.toml parses");
        let fields = file
            .fields
            .into_iter()
            .map(|(k, v)| (Field::ALL.iter().copied().find(|f| f.id() == k).expect("known field id"), v))
            .collect();
        Vocabulary {
            fields,
            closing_methods: file.closing_methods.into_iter().collect(),
            pending: file.statuses.pending,
            closed: file.statuses.closed,
        }
    })
}

/// A header cell as compared with the synonyms: no spaces or line breaks, half-width, no `*` (required-field
/// marks), no trailing colon, no bracketed hint (`立案日期（年-月-日）`).
pub fn header_key(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() || c == '*' => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches(':').to_string()
}

/// The field a header names and the synonym's rank (lower: preferred), if any.
pub fn field_of_header(text: &str) -> Option<(Field, usize)> {
    let key = header_key(text);
    if key.is_empty() {
        return None;
    }
    vocabulary().fields.iter().find_map(|(f, w)| w.synonyms.iter().position(|s| *s == key).map(|rank| (*f, rank)))
}
