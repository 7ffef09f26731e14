//! One integration-test binary for the server: the service's rules ([`rules`]), the deterministic simulation of
//! clients and server under faults ([`simulation`]), and real HTTP over loopback on both backends ([`loopback`]).

mod accounts;
mod batch;
mod commit_order;
mod hardening;
mod loopback;
mod paging;
mod pg;
mod publish;
mod rules;
mod simulation;
mod support;
mod tls;
