pub mod cases;
pub mod docket;
pub mod stats;
