//! The deadline engine's integration tests: one binary, one module per concern.

mod support;

mod calendar;
mod derive;
mod errors;
mod fuzz;
mod notices;
mod periods;
mod props;
mod provisional;
mod reminders;
mod rule_files;
mod trial_limits;
mod worked_cases;
