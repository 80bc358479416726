//! How often `galley lint` cries wolf on correct print, beside how much it
//! finds: 错误 and 建议 per 10,000 characters of correctly printed text,
//! and recall on the development sets.
//!
//! Correct print:
//! - the bodies of the shipped issue's articles (`issues/2024-02/*/article.md`);
//! - the full printed text of that issue as extracted from the printed copy
//!   (`tests/fixtures/2024-02-printed.txt`, the same file as the seed
//!   `000_df2e7f16f3d346ad.txt`; `GALLEY_SEED` names another). Its lines
//!   are checked in articles of 40.
//!
//! Both are checked with nothing learned from the magazine's approved text
//! (the shipped issue is that text, so what was learned from it would hide
//! every false alarm), and again as the office runs it.
//!
//! Development data: the class set `benches/data/checker-dev.toml` (a case
//! is found when a finding at 错误 or 建议 covers its wrong characters) and
//! `benches/data/dev/odw.tsv` (sentence-level detection as SIGHAN scores it:
//! the characters flagged at 错误 or 建议 are exactly the wrong ones).
//!
//! Run with `cargo bench --bench noise`; `-- --show` lists every finding
//! at 错误 or 建议 on correct print.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use galley::core::lint::{self, Finding, Part, Piece, Severity, language::Language};
use galley::desk::lint::Grounds;
use galley::repo::Magazine;
use galley::repo::issue_contents::IssueContents;
use serde::Deserialize;

fn serious(f: &Finding) -> bool {
    matches!(f.severity, Severity::Error | Severity::Warning)
}

#[derive(Default)]
struct Noise {
    characters: usize,
    errors: usize,
    warnings: usize,
    by_rule: BTreeMap<&'static str, usize>,
    shown: Vec<String>,
}

impl Noise {
    fn article(&mut self, paragraphs: &[&str], grounds: &Grounds) {
        let pieces: Vec<Piece> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, text)| Piece {
                part: Part::Body,
                paragraph: i + 1,
                text,
            })
            .collect();
        self.characters += paragraphs
            .iter()
            .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>();
        for f in lint::check(&pieces, &grounds.setting()) {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => continue,
            }
            *self.by_rule.entry(f.rule.id()).or_default() += 1;
            let chars: Vec<char> = paragraphs[f.piece].chars().collect();
            let (before, flagged, after) = lint::excerpt(&chars, f.start, f.end, 8);
            self.shown.push(format!(
                "{:?} {} {before}〖{flagged}〗{after} → {}",
                f.severity,
                f.rule.id(),
                f.suggestion.as_deref().unwrap_or("-")
            ));
        }
    }

    fn print(&self, source: &str, show: bool) {
        let per = |n: usize| 10_000.0 * n as f64 / self.characters.max(1) as f64;
        println!(
            "{source}: {} characters; 错误 {} ({:.2}/万), 建议 {} ({:.2}/万), together {:.2}/万",
            self.characters,
            self.errors,
            per(self.errors),
            self.warnings,
            per(self.warnings),
            per(self.errors + self.warnings)
        );
        let rules: Vec<String> = self
            .by_rule
            .iter()
            .map(|(rule, n)| format!("{rule} {n}"))
            .collect();
        if !rules.is_empty() {
            println!("  by rule: {}", rules.join(", "));
        }
        if show {
            for s in &self.shown {
                println!("  {s}");
            }
        }
    }
}

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
}

#[derive(Deserialize)]
struct Trap {
    text: String,
}

fn check(text: &str, grounds: &Grounds) -> Vec<Finding> {
    let pieces = [Piece {
        part: Part::Body,
        paragraph: 1,
        text,
    }];
    lint::check(&pieces, &grounds.setting())
        .into_iter()
        .filter(serious)
        .collect()
}

fn classes(root: &Path, grounds: &Grounds) -> anyhow::Result<()> {
    let set: DevSet = toml::from_str(&std::fs::read_to_string(
        root.join("benches/data/checker-dev.toml"),
    )?)?;
    let mut by_class: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for case in &set.case {
        let chars: Vec<char> = case.text.chars().collect();
        let wrong: Vec<char> = case.wrong.chars().collect();
        let Some(start) = (0..chars.len()).find(|&i| chars[i..].starts_with(&wrong)) else {
            continue;
        };
        let end = start + wrong.len();
        let found = check(&case.text, grounds)
            .iter()
            .any(|f| f.start < end && start < f.end);
        let t = by_class.entry(case.class.as_str()).or_default();
        t.0 += 1;
        t.1 += usize::from(found);
    }
    let (all, found) = by_class
        .values()
        .fold((0, 0), |(a, f), t| (a + t.0, f + t.1));
    let per_class: Vec<String> = by_class
        .iter()
        .map(|(c, t)| format!("{c} {}/{}", t.1, t.0))
        .collect();
    let traps = set
        .trap
        .iter()
        .filter(|t| !check(&t.text, grounds).is_empty())
        .count();
    println!(
        "checker-dev.toml: recall {found}/{all} ({:.0}%) at 错误/建议 [{}]; traps flagged {traps} of {}",
        100.0 * found as f64 / all.max(1) as f64,
        per_class.join(", "),
        set.trap.len()
    );
    Ok(())
}

/// The characters a finding says are wrong: those its suggestion changes.
fn flagged(f: &Finding) -> Vec<usize> {
    let text: Vec<char> = f.text.chars().collect();
    match f
        .suggestion
        .as_deref()
        .map(|s| s.chars().collect::<Vec<_>>())
    {
        Some(s) if s.len() == text.len() => (0..text.len())
            .filter(|&i| s[i] != text[i])
            .map(|i| f.start + i)
            .collect(),
        _ => (f.start..f.end).collect(),
    }
}

fn official(root: &Path, grounds: &Grounds) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(root.join("benches/data/dev/odw.tsv"))?;
    let (mut wrong, mut right, mut detected, mut flagged_wrong, mut flagged_right) =
        (0, 0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((written, meant)) = line.split_once('\t') else {
            continue;
        };
        let (w, r): (Vec<char>, Vec<char>) = (written.chars().collect(), meant.chars().collect());
        if w.len() != r.len() {
            continue;
        }
        let gold: BTreeSet<usize> = (0..w.len()).filter(|&i| w[i] != r[i]).collect();
        let findings = check(written, grounds);
        let found: BTreeSet<usize> = findings.iter().flat_map(flagged).collect();
        if gold.is_empty() {
            right += 1;
            flagged_right += usize::from(!findings.is_empty());
        } else {
            wrong += 1;
            flagged_wrong += usize::from(!findings.is_empty());
            detected += usize::from(found == gold);
        }
    }
    let precision = detected as f64 / (flagged_wrong + flagged_right).max(1) as f64;
    let recall = detected as f64 / wrong.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    println!(
        "odw-dev.tsv: {wrong} sentences with errors, {right} correct; detection precision {precision:.2} recall {recall:.2} F1 {f1:.2}; correct sentences flagged {flagged_right} ({:.1}%)",
        100.0 * flagged_right as f64 / right.max(1) as f64
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let show = std::env::args().any(|a| a == "--show");
    let mag = Magazine::find(root).expect("the shipped magazine");
    let issue = IssueContents::load(&mag, Some("2024-02")).expect("2024-02");
    let grounds = Grounds::of_issue(&mag, &issue).expect("its word lists");
    let bare = Grounds {
        language: Arc::new(Language::default()),
        ..Grounds::of_issue(&mag, &issue).expect("its word lists")
    };
    let seed = std::env::var_os("GALLEY_SEED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("tests/fixtures/2024-02-printed.txt"));
    let seed = std::fs::read_to_string(&seed).ok();

    println!("correct print, 错误 and 建议 per 10,000 characters (提示 not counted):");
    for (label, g) in [
        ("nothing learned", &bare),
        ("as the office runs it", &grounds),
    ] {
        let mut shipped = Noise::default();
        for article in &issue.articles {
            let paragraphs = galley::core::diff::paragraphs(&article.text.body);
            shipped.article(&paragraphs, g);
        }
        shipped.print(
            &format!("2024-02 bodies, {label}"),
            show && label == "nothing learned",
        );
        if let Some(seed) = &seed {
            let lines: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
            let mut printed = Noise::default();
            for chunk in lines.chunks(40) {
                printed.article(chunk, g);
            }
            printed.print(
                &format!("printed text of 2024年第2期, {label}"),
                show && label == "nothing learned",
            );
        }
    }
    println!();
    println!("development data (as the office runs it):");
    classes(root, &grounds)?;
    official(root, &grounds)?;
    Ok(())
}
