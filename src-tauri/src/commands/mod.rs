pub mod cases;
pub mod docket;
pub mod documents;
pub mod drafting;
pub mod setup;
pub mod stats;
