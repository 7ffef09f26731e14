//! andu-stats integration tests (one binary): a hand-worked set of cases, the definition file, drill-down, and
//! properties over random cases.

mod definitions;
mod drill;
mod export;
mod fuzz;
mod limit_events;
mod props;
mod supervision;
mod support;
mod worked;
