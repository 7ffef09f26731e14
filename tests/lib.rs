//! Scenario tests live in `scenarios/`; this crate has no library code.
