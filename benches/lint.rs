//! How long `galley lint` takes on the shipped 2024年第2期 (about 58,000
//! characters): the budget is 300 ms for the whole issue, style files and
//! the language model for wrong characters included (it was 100 ms before
//! the model).
//!
//! Run with `cargo bench --bench lint`. Measured in process three ways —
//! the rules alone on text already in memory, the whole job as the
//! command does it (opening the magazine, reading the style files and every
//! article, checking), and `galley quality` (the same plus each article's
//! revisions) — and end to end through the release binary.

#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use galley::core::lint::{self, Style};
use galley::desk::lint::{Grounds, check_article, lint as lint_scope};
use galley::desk::quality::issue_quality;
use galley::repo::Magazine;
use galley::repo::issue_contents::IssueContents;
use timing::{ms, time};

const RUNS: usize = 21;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mag = Magazine::find(root).expect("the shipped magazine");
    let issue = IssueContents::load(&mag, Some("2024-02")).expect("2024-02");
    let grounds = Grounds::of_issue(&mag, &issue).expect("style files");
    let characters: usize = issue
        .articles
        .iter()
        .map(|a| a.text.body.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let checked: Vec<_> = issue
        .articles
        .iter()
        .map(|a| check_article(a, &grounds))
        .collect();
    let findings: usize = checked.iter().map(|c| c.findings.len()).sum();

    let rules_only = time(RUNS, || {
        for c in &checked {
            let found = lint::check(&c.pieces(), &grounds.setting());
            std::hint::black_box(found);
        }
    });
    let style_files = time(RUNS, || {
        std::hint::black_box(galley::repo::style::load(&mag).unwrap());
    });
    let starter = time(RUNS, || {
        std::hint::black_box(Style::starter());
    });
    let whole = time(RUNS, || {
        let mag = Magazine::find(root).unwrap();
        let scope = lint_scope(&mag, Some("2024-02")).unwrap();
        assert!(scope.counts().error > 0);
    });
    let quality = time(RUNS, || {
        let mag = Magazine::find(root).unwrap();
        std::hint::black_box(issue_quality(&mag, Some("2024-02")).unwrap());
    });
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/galley");
    let process = binary.exists().then(|| {
        time(RUNS, || {
            let out = Command::new(&binary)
                .args(["-C", root.to_str().unwrap(), "lint", "2024-02", "--json"])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(3));
        })
    });

    println!(
        "galley lint on 2024-02: {} articles, {characters} characters of body, {findings} findings",
        issue.articles.len()
    );
    println!("rules only, text in memory        {}", ms(rules_only));
    println!("reading the three style files     {}", ms(style_files));
    println!("parsing the starter lists         {}", ms(starter));
    println!("whole job in process (budget 300) {}", ms(whole));
    println!("galley quality in process         {}", ms(quality));
    match process {
        Some(d) => println!("galley lint 2024-02 --json, process {}", ms(d)),
        None => println!("(build target/release/galley to time the whole process)"),
    }
    assert!(
        whole < Duration::from_millis(300),
        "over the 300 ms budget: {}",
        ms(whole)
    );
}
