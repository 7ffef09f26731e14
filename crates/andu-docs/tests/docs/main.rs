//! andu-docs integration tests (one binary): templates built in code the way Word writes them, rendered, and
//! the output XML checked.

mod builtins;
mod docxtemplater;
mod engine;
mod errors;
mod fidelity;
mod judgment;
mod props;
mod support;
mod untouched;
