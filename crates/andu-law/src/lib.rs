//! 法条: the statute library shipped with the app and the citation checker.
//!
//! The texts (laws, administrative regulations, judicial interpretations; public documents under 著作权法 第五条)
//! are packed into `assets/law/library.br` and embedded in the binary; they are unpacked and parsed on first use
//! ([`Library::shipped`]), so start-up does not pay for them. The Debian package installs the file once for the
//! app and `andu` instead (`build.rs`). `assets/law/catalog.toml` adds what the texts do
//! not say: abbreviations, repealed laws, in-force dates, successor and renumbering tables.
//!
//! No clock, no environment, no files (but the packaged build's one library file): dates and documents come in as
//! parameters.

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod appendix;
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

pub use appendix::{APPENDIX_TITLE, Appendix, AppendixLaw, appendix};
pub use cite::{Citation, CitationCheck, CiteStatus, check_text, find_citations};
pub use error::LawError;
pub use library::{Article, Law, Library, NameMatch, Version};

#[cfg(not(law_library_file))]
const PACKED: &[u8] = include_bytes!("../../../assets/law/library.br");
const CATALOG: &str = include_str!("../../../assets/law/catalog.toml");

impl Library {
    /// The library shipped with the app, unpacked and parsed once, on first use.
    #[cfg(not(law_library_file))]
    pub fn embedded() -> &'static Library {
        static LIBRARY: OnceLock<Library> = OnceLock::new();
        LIBRARY.get_or_init(|| {
            // Both are checked by this crate's tests; a broken build artifact is a bug, not user input.
            let files = archive::unpack(PACKED).expect("assets/law/library.br is a packed library");
            let catalog = catalog::parse(CATALOG).expect("assets/law/catalog.toml parses");
            Library::build(&files, catalog)
        })
    }

    /// The library this build ships, what the CLI and the app use: the embedded one, or in the packaged build
    /// (`build.rs`) the one file the .deb installs beside the binaries.
    #[cfg(not(law_library_file))]
    pub fn shipped() -> Result<&'static Library, LawError> {
        Ok(Self::embedded())
    }

    /// The packaged build's library, read from the file the .deb installs, unpacked and parsed once, on first use.
    /// The one file this crate reads, at a path fixed when the package was built: a missing or damaged file (a
    /// broken installation) is `law_library_unreadable`, never a panic.
    #[cfg(law_library_file)]
    pub fn shipped() -> Result<&'static Library, LawError> {
        const PATH: &str = env!("ANDU_LAW_LIBRARY_FILE");
        static LIBRARY: OnceLock<Result<Library, String>> = OnceLock::new();
        let read = || -> Result<Library, String> {
            let packed = std::fs::read(PATH).map_err(|e| e.to_string())?;
            let files = archive::unpack(&packed).ok_or("不是打包的法条库")?;
            let catalog = catalog::parse(CATALOG).map_err(|e| e.to_string())?;
            Ok(Library::build(&files, catalog))
        };
        LIBRARY
            .get_or_init(read)
            .as_ref()
            .map_err(|reason| LawError::LibraryUnreadable { path: PATH.into(), reason: reason.clone() })
    }
}
