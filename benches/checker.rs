//! How well `galley lint` sees: recall per class and false alarms on the
//! development set `benches/data/checker-dev.toml`, checked against the
//! shipped magazine's own word lists and names as of 2024年第2期.
//!
//! Run with `cargo bench --bench checker`. A case counts as found when a
//! finding at 错误 or 建议 covers its wrong characters, and as corrected
//! when that finding suggests the right ones; a trap counts as a false
//! alarm when any finding at 错误 or 建议 is raised on it.

use std::collections::BTreeMap;
use std::path::Path;

use galley::core::lint::{self, Finding, Part, Piece, Severity};
use galley::desk::lint::Grounds;
use galley::repo::Magazine;
use galley::repo::issue_contents::IssueContents;
use serde::Deserialize;

#[derive(Deserialize)]
struct DevSet {
    case: Vec<Case>,
    trap: Vec<Trap>,
}

#[derive(Deserialize)]
struct Case {
    class: String,
    text: String,
    wrong: String,
    right: Option<String>,
}

#[derive(Deserialize)]
struct Trap {
    text: String,
    why: String,
}

fn serious(f: &Finding) -> bool {
    matches!(f.severity, Severity::Error | Severity::Warning)
}

fn check(text: &str, grounds: &Grounds) -> Vec<Finding> {
    let pieces = [Piece {
        part: Part::Body,
        paragraph: 1,
        text,
    }];
    lint::check(&pieces, &grounds.setting())
}

#[derive(Default)]
struct Tally {
    cases: usize,
    found: usize,
    corrected: usize,
    stray: usize,
}

/// Of the serious findings on a class's sentences, the share that point at
/// the error the sentence was written with.
fn precision(t: &Tally) -> f64 {
    match t.found + t.stray {
        0 => 100.0,
        all => 100.0 * t.found as f64 / all as f64,
    }
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set: DevSet = toml::from_str(&std::fs::read_to_string(
        root.join("benches/data/checker-dev.toml"),
    )?)?;
    let mag = Magazine::find(root).expect("the shipped magazine");
    let issue = IssueContents::load(&mag, Some("2024-02")).expect("2024-02");
    let grounds = Grounds::of_issue(&mag, &issue).expect("its word lists");

    let mut by_class: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut missed = Vec::new();
    for case in &set.case {
        let chars: Vec<char> = case.text.chars().collect();
        let wrong: Vec<char> = case.wrong.chars().collect();
        let start = (0..chars.len())
            .find(|&i| chars[i..].starts_with(&wrong))
            .unwrap_or_else(|| panic!("{:?} is not in {:?}", case.wrong, case.text));
        let end = start + wrong.len();
        let findings: Vec<Finding> = check(&case.text, &grounds)
            .into_iter()
            .filter(serious)
            .collect();
        let hit = findings.iter().find(|f| f.start < end && start < f.end);
        let tally = by_class.entry(case.class.as_str()).or_default();
        tally.cases += 1;
        tally.stray += findings
            .iter()
            .filter(|f| !(f.start < end && start < f.end))
            .count();
        match hit {
            Some(f) => {
                tally.found += 1;
                if case.right.is_none() || f.suggestion == case.right {
                    tally.corrected += 1;
                }
            }
            None => missed.push(format!("{}：{}（{}）", case.class, case.text, case.wrong)),
        }
    }
    let mut alarms = Vec::new();
    for trap in &set.trap {
        let findings: Vec<Finding> = check(&trap.text, &grounds)
            .into_iter()
            .filter(serious)
            .collect();
        if let Some(f) = findings.first() {
            alarms.push(format!(
                "{}〖{}〗{:?}（{}）",
                trap.text, f.text, f.rule, trap.why
            ));
        }
    }

    println!("class      cases  found  recall  precision  corrected  stray findings");
    let mut all = Tally::default();
    for (class, t) in &by_class {
        println!(
            "{:<8} {:>6} {:>6} {:>6.0}% {:>9.0}% {:>10} {:>8}",
            class,
            t.cases,
            t.found,
            100.0 * t.found as f64 / t.cases as f64,
            precision(t),
            t.corrected,
            t.stray
        );
        all.cases += t.cases;
        all.found += t.found;
        all.corrected += t.corrected;
        all.stray += t.stray;
    }
    println!(
        "{:<10} {:>6} {:>6} {:>6.0}% {:>9.0}% {:>10} {:>8}",
        "all",
        all.cases,
        all.found,
        100.0 * all.found as f64 / all.cases as f64,
        precision(&all),
        all.corrected,
        all.stray
    );
    println!(
        "traps: {} of {} flagged at 错误 or 建议",
        alarms.len(),
        set.trap.len()
    );
    for a in &alarms {
        println!("  false alarm: {a}");
    }
    for m in &missed {
        println!("  missed: {m}");
    }
    Ok(())
}
