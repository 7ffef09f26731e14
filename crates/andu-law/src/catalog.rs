//! `assets/law/catalog.toml` read into typed rows: abbreviations, in-force dates a text leaves out, versions
//! without text, repealed laws, the 民法典's predecessors' successor articles, and renumbered articles.

use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Catalog {
    #[serde(default)]
    pub abbreviation: Vec<Abbreviation>,
    #[serde(default)]
    pub in_force: Vec<InForce>,
    #[serde(default)]
    pub in_force_batch: Vec<InForceBatch>,
    #[serde(default)]
    pub version: Vec<TextlessVersion>,
    #[serde(default)]
    pub repealed: Vec<Repealed>,
    #[serde(default)]
    pub successor: Vec<Successor>,
    #[serde(default)]
    pub renumbered: Vec<Renumbered>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Abbreviation {
    pub short: Vec<String>,
    pub full: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InForce {
    pub path: String,
    pub from: NaiveDate,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InForceBatch {
    pub file_date: NaiveDate,
    pub from: NaiveDate,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TextlessVersion {
    pub law: String,
    pub from: NaiveDate,
    pub article_count: u32,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Repealed {
    pub law: String,
    /// For a law the library has no text of: when it took effect, and how many articles it had.
    pub from: Option<NaiveDate>,
    pub article_count: Option<u32>,
    pub repealed_on: NaiveDate,
    pub replaced_by: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Successor {
    pub from: (String, u32),
    pub to: (String, u32),
    pub topic: String,
    pub check: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Renumbered {
    pub law: String,
    pub topic: String,
    pub keyword: String,
    pub check: String,
    /// (in force from, article number), oldest first.
    pub numbers: Vec<(NaiveDate, u32)>,
}

impl Renumbered {
    pub fn number_on(&self, date: NaiveDate) -> Option<u32> {
        self.numbers.iter().rev().find(|(from, _)| *from <= date).map(|(_, n)| *n)
    }
}

pub fn parse(text: &str) -> Result<Catalog, toml::de::Error> {
    toml::from_str(text)
}
