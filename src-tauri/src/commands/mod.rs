pub mod cases;
pub mod court_import;
pub mod docket;
pub mod documents;
pub mod drafting;
pub mod law;
pub mod setup;
pub mod stats;
