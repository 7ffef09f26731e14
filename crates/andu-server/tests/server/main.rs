//! One integration-test binary for the server: the service's rules ([`rules`]), the deterministic simulation of
//! clients and server under faults ([`simulation`]), and real HTTP over loopback on both backends ([`loopback`]).
//! [`backup`]: `andu-server backup` of a live SQLite server.

mod accounts;
mod adversary;
mod backup;
mod batch;
mod commit_order;
mod hardening;
mod hostile;
mod joining;
mod loopback;
mod new_cases;
mod paging;
mod pg;
mod publish;
mod review;
mod review_deadlines;
mod rules;
mod schema_agrees;
mod simulation;
mod supervision;
mod support;
mod tls;
