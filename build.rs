//! Makes the checker's built-in word tables from `data/` once, at build
//! time, so that `galley lint` reads them in place instead of parsing half
//! a million lines on every run.

use std::collections::HashMap;
use std::path::Path;

#[allow(dead_code)]
mod tables {
    include!("src/core/lint/language/tables.rs");
}
use tables::{parse_counts, tables};

/// A built-in word completes patterns from this many occurrences on.
const COMPLETES_FROM: u32 = 3;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    let mut counts = HashMap::new();
    let mut total = 0;
    for list in ["data/jieba-words.txt", "data/gongwen-ngrams.txt"] {
        println!("cargo:rerun-if-changed={list}");
        let text = std::fs::read_to_string(list).expect("the word lists in data/");
        total += parse_counts(&text, &mut counts);
    }
    let (words, completions) = tables(&counts, COMPLETES_FROM);
    for (name, bytes) in [
        ("words.bin", words.0),
        ("words-starts.bin", words.1),
        ("completions.bin", completions.0),
        ("completions-starts.bin", completions.1),
    ] {
        std::fs::write(out.join(name), bytes).expect("OUT_DIR is writable");
    }
    std::fs::write(out.join("total.rs"), format!("{total}.0\n")).expect("OUT_DIR is writable");
}
