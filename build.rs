//! Makes the checker's built-in word tables from `data/` once, at build
//! time, so that `galley lint` reads them in place instead of parsing half
//! a million lines on every run.

use std::collections::HashMap;
use std::path::Path;

include!("src/core/lint/language/tables.rs");

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
    std::fs::write(out.join("words.bin"), words).expect("OUT_DIR is writable");
    std::fs::write(out.join("completions.bin"), completions).expect("OUT_DIR is writable");
    std::fs::write(out.join("total.rs"), format!("{total}.0\n")).expect("OUT_DIR is writable");
}
