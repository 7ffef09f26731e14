//! The service's rules, op by op: dedup, gaps, authorization, per-field merge, deletes, resolution, pulls.

#[test]
fn placeholder() {}
