//! Printing results and errors, in text for people or JSON for scripts (`--json`).

use andu_core::ErrorBody;
use serde::Serialize;

pub fn json<T: Serialize>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).expect("results serialise"));
}

pub fn error(e: &ErrorBody, as_json: bool) {
    if as_json {
        json(e);
    }
    eprintln!("错误 [{}]: {}", e.code, e.message);
}

/// Pads to a display width counting CJK characters as two columns, so tables line up in a terminal.
pub fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
