//! Scenarios that cross crates, as a court user would go through them. One test binary.

mod documents;
mod drafting;
mod exchange;
