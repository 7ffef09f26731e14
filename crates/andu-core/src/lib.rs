//! 案牍 Andu's domain, free of IO and of the wall clock.
//!
//! Invariants (see ARCHITECTURE.md):
//! - nothing here reads files, the network, the environment or `now()`: dates come in as parameters;
//! - every error a person can cause has a stable [`error::Coded::code`] and a Chinese message.

#![deny(clippy::disallowed_methods)] // no clock, no environment below the shells (clippy.toml)

pub mod case;
pub mod casenum;
pub mod clock;
pub mod date;
pub mod error;
pub mod procedure;
pub mod review;

pub use case::panel::{PanelMember, format_panel, parse_panel};
pub use case::{
    Appeal, AppealInput, AppealOutcome, CaseInput, CaseInvalid, CaseStatus, ClosingMethod, Deduction, DeductionInput,
    DeductionKind, Extension, ExtensionInput, ExtensionLength, FieldError, Hearing, HearingInput, NoteInput, Party,
    PartyInput, PartyKind, PartyRole, USUAL_APPROVERS, ValidCase,
};
pub use casenum::{CaseCategory, CaseNumber, CaseNumberError};
pub use clock::{court_day, court_day_of};
pub use error::{Coded, ErrorBody};
pub use procedure::Procedure;
