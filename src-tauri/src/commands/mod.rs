pub mod cases;
pub mod docket;
