//! Renders a two-page 民事判决书-like template (15 fields, a 3-row loan table, a hidden paragraph) on one
//! thread and prints documents per second (in memory, zip included). Target: ≥ 2,000 docs/s.
//!
//! `cargo bench -p andu-docs --bench render`

use std::hint::black_box;
use std::time::{Duration, Instant};

use andu_docs::{RenderOptions, Template};

mod common;
use common::judgment;

fn main() {
    let template = Template::from_bytes(judgment(true)).expect("template compiles");
    let data = common::data;
    let opts = RenderOptions { strict: true };
    let first = template.render(&data(0), &opts).expect("renders");
    let xml = andu_docs::read_part(&first.bytes, "word/document.xml").expect("part");
    // Characters of text: at 22 lines × 28 characters a page, 1,232 fill two pages.
    let chars: usize = xml.split("</w:t>").filter_map(|s| s.rsplit_once('>')).map(|(_, t)| t.chars().count()).sum();
    println!("document: {} bytes, document.xml {} bytes, {chars} characters of text", first.bytes.len(), xml.len());
    let inputs: Vec<_> = (0..100).map(data).collect();
    for _ in 0..200 {
        black_box(template.render(&inputs[0], &opts).expect("renders"));
    }
    let mut runs = Vec::new();
    for _ in 0..3 {
        let n = 2_000;
        let start = Instant::now();
        for i in 0..n {
            black_box(template.render(&inputs[i % inputs.len()], &opts).expect("renders"));
        }
        runs.push(start.elapsed() / n as u32);
    }
    runs.sort();
    let median: Duration = runs[1];
    let per_sec = 1.0 / median.as_secs_f64();
    println!(
        "render (judgment, 2 pages, 3-row table): {:.3} ms/doc, {per_sec:.0} docs/s on one core",
        median.as_secs_f64() * 1e3
    );
    if per_sec < 2_000.0 {
        println!("below the 2,000 docs/s target");
    }
}
