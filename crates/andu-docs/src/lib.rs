//! 文书生成: fills .docx templates made in Word, WPS or LibreOffice, and builds the built-in court notices.
//! The drafted 民事判决书 is built from code too ([`judgment_docx`]), by the same writer ([`layout`]) on its
//! 28-character grid.
//!
//! # Template syntax (docxtemplater's, `{{ }}` or `{ }` delimiters)
//!
//! | tag | meaning |
//! |---|---|
//! | `{{案号}}`, `{{送达对象.名称}}`, `{{列表.0}}` | a value; looked up in the current item first, then outwards |
//! | `{{金额\|大写}}` | a value through filters ([`filters::FILTERS`]: 大写, 金额, 减半, 中文日期, 日期, 中文数字, 条) |
//! | `{{#列表}}…{{/列表}}` | once per item of a list, once for an object or true value, hidden when empty or false |
//! | `{{^x}}…{{/x}}` | shown exactly when `{{#x}}` would hide |
//! | `{{/}}` | closes the innermost open section (docxtemplater's anonymous closer) |
//! | `{{-w:p 列表}}`, `{{-w:tr 列表}}`, `{{-w:tbl 列表}}` | repeats the paragraph, table row or table around the tag |
//! | `{{.}}` | the current item itself (a list of strings) |
//!
//! Delimiters: a template with only `{x}` tags (docxtemplater's default) is read with `{ }` and says so
//! ([`Template::warnings`]); [`TemplateOptions::delimiters`] (`andu doc render --delimiters "{ }"`) fixes them,
//! with a warning when the template holds only tags of the other form.
//!
//! What a section repeats follows from where its markers are (see [`compile`](crate::compile) for the rules): the
//! text between them inside one paragraph (a paragraph whose whole text is the section goes when it renders
//! nothing); a table row when the markers are in different cells of one row (rows, when in different rows of one
//! table); otherwise the paragraphs between them, dropping the marker paragraphs, so a hidden block leaves no
//! empty line. Text, page breaks and section breaks beside a block marker stay on their side of it, once
//! ([`isolate`](crate::isolate)).
//!
//! Refused when the template is read, naming the tag and paragraph: raw XML `{{@x}}`, expressions and
//! assignments (`{{a + b}}`, `{{x = 1}}`; `template_tag_unsupported`), paragraphs nested in paragraphs.
//!
//! ## Where the engine differs from docxtemplater on purpose
//!
//! - A missing value renders empty and is listed in `missing` (docxtemplater prints `undefined`); with
//!   `strict` it is an error.
//! - `true`/`false` render as 是/否; a list of plain values as its items joined with 、.
//! - Control characters, which XML cannot carry, are dropped; `\n` is a line break and `\t` a tab.
//! - Block markers in a paragraph with other text split that paragraph (docxtemplater repeats or hides the text
//!   beside the marker with the loop, and a section break with it); `paragraphLoop` is always on.
//! - No expressions, raw XML, images or custom parsers: such tags are refused, never rendered empty.
//!
//! Tags that Word split across runs, proofing marks or bookmarks are merged first; the run where a tag starts
//! gives the value its formatting. Values are XML-escaped; `\n` becomes a line break. The main document,
//! headers and footers are processed; every other zip entry is copied byte for byte.
//!
//! Chinese number forms are available two ways: as filters in the template (`{{诉讼费|大写}}`, taking integer
//! fen), and prepared in the data by [`case_data`] (dates already formatted, `落款日期` with 〇).
//!
//! # Use
//!
//! ```
//! let t = andu_docs::Template::load("builtin:传票")?;
//! let data = serde_json::json!({ "案号": "（2025）粤0309民初1234号", "法院": "深圳市龙华区人民法院" });
//! let out = t.render(&data, &andu_docs::RenderOptions::default())?;
//! assert!(out.missing.contains(&"案由".to_string()));
//! # Ok::<(), andu_docs::DocError>(())
//! ```
//!
//! Errors are [`DocError`] with stable codes (`template_invalid`, `template_section_unclosed`,
//! `template_section_unopened`, `template_section_split`, `template_tag_unsupported`, `template_field_unknown`,
//! `data_invalid`, …) and
//! Chinese messages naming the part and the paragraph. [`Template::render_to_file`] writes through a temp file
//! and a rename: a failed render never leaves a partial document.

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod builtin;
pub mod case_data;
pub mod cn;
mod compile;
pub mod docx_text;
pub mod error;
pub mod filters;
mod isolate;
pub mod judgment_docx;
pub mod layout;
mod render;
mod scan;
mod syntax;
mod template;

pub use case_data::{CaseDataOptions, DeadlineFact, TrialLimitFacts, case_data, numbered};
pub use docx_text::docx_paragraphs;
pub use error::{DocError, Location};
pub use syntax::Delimiters;
pub use template::{
    FieldInfo, RenderOptions, Rendered, Template, TemplateOptions, read_part, write_atomic, write_batch,
};
