//! 法条: the statute library shipped with the app and the citation checker.
//!
//! The texts (laws, administrative regulations, judicial interpretations; public documents under 著作权法 第五条)
//! are packed into `assets/law/library.br` and embedded in the binary; they are unpacked and parsed on first use
//! ([`Library::embedded`]), so start-up does not pay for them. `assets/law/catalog.toml` adds what the texts do
//! not say: abbreviations, repealed laws, in-force dates, successor and renumbering tables.
//!
//! No clock, no environment, no files: dates and documents come in as parameters.

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod archive;
pub mod catalog;
pub mod cite;
pub mod docx_text;
pub mod error;
pub mod library;
pub mod markdown;
pub mod numerals;
pub mod query;

use std::sync::OnceLock;

pub use cite::{Citation, CitationCheck, CiteStatus, check_text, find_citations};
pub use error::LawError;
pub use library::{Article, Law, Library, NameMatch, Version};

const PACKED: &[u8] = include_bytes!("../../../assets/law/library.br");
const CATALOG: &str = include_str!("../../../assets/law/catalog.toml");

impl Library {
    /// The library shipped with the app, unpacked and parsed once, on first use.
    pub fn embedded() -> &'static Library {
        static LIBRARY: OnceLock<Library> = OnceLock::new();
        LIBRARY.get_or_init(|| {
            // Both are checked by this crate's tests; a broken build artifact is a bug, not user input.
            let files = archive::unpack(PACKED).expect("assets/law/library.br is a packed library");
            let catalog = catalog::parse(CATALOG).expect("assets/law/catalog.toml parses");
            Library::build(&files, catalog)
        })
    }
}
