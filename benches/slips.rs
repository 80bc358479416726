//! How well `galley lint` finds wrong characters in official text that no
//! list names: sentence-level detection on `benches/data/odw-dev.tsv`, the
//! last 520 sentences of ECSpell's official-document training set, which
//! the built-in model data leaves out.
//!
//! Run with `cargo bench --bench slips`. As in SIGHAN's scoring, a
//! sentence with errors is detected when the characters flagged at 错误 or
//! 建议 are exactly the wrong ones; a sentence is flagged when any finding
//! at 错误 or 建议 is raised on it. Also printed: a looser count (some wrong
//! character flagged), correct sentences flagged, and the model's load and
//! checking time.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use galley::core::lint::{self, Finding, Part, Piece, Severity};
use galley::desk::lint::Grounds;
use galley::repo::Magazine;
use galley::repo::issue_contents::IssueContents;

fn serious(f: &Finding) -> bool {
    matches!(f.severity, Severity::Error | Severity::Warning)
}

/// The characters a finding says are wrong: those its suggestion changes.
fn flagged(f: &Finding) -> Vec<usize> {
    let text: Vec<char> = f.text.chars().collect();
    match f
        .suggestion
        .as_deref()
        .map(|s| s.chars().collect::<Vec<char>>())
    {
        Some(s) if s.len() == text.len() => (0..text.len())
            .filter(|&i| s[i] != text[i])
            .map(|i| f.start + i)
            .collect(),
        _ => (f.start..f.end).collect(),
    }
}

#[derive(Default)]
struct Score {
    wrong_sentences: usize,
    right_sentences: usize,
    detected: usize,
    partly: usize,
    flagged_wrong: usize,
    flagged_right: usize,
    corrected: usize,
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("benches/data/odw-dev.tsv"))?;
    let mag = Magazine::find(root).expect("the shipped magazine");
    let issue = IssueContents::load(&mag, Some("2024-02")).expect("2024-02");
    let loaded = Instant::now();
    let grounds = Grounds::of_issue(&mag, &issue).expect("its word lists");
    lint::language::Language::warm();
    let load_time = loaded.elapsed();
    let setting = grounds.setting();
    let verbose = std::env::args().any(|a| a == "--show");
    if let Some(probe) = std::env::args().skip_while(|a| a != "--probe").nth(1) {
        let chars: Vec<char> = probe.chars().collect();
        for slip in lint::slips::suspects(&grounds.language, &chars) {
            println!(
                "{}→{} {} {:.1}",
                chars[slip.at], slip.meant, slip.word, slip.gain
            );
        }
        return Ok(());
    }
    let mut s = Score::default();
    let started = Instant::now();
    let mut characters = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((written, right)) = line.split_once('\t') else {
            continue;
        };
        let (w, r): (Vec<char>, Vec<char>) = (written.chars().collect(), right.chars().collect());
        if w.len() != r.len() {
            continue;
        }
        characters += w.len();
        let gold: BTreeSet<usize> = (0..w.len()).filter(|&i| w[i] != r[i]).collect();
        let pieces = [Piece {
            part: Part::Body,
            paragraph: 1,
            text: written,
        }];
        let findings: Vec<Finding> = lint::check(&pieces, &setting)
            .into_iter()
            .filter(serious)
            .collect();
        let found: BTreeSet<usize> = findings.iter().flat_map(flagged).collect();
        if gold.is_empty() {
            s.right_sentences += 1;
            if !findings.is_empty() {
                s.flagged_right += 1;
                if verbose {
                    println!("false alarm: {written} {:?}", summary(&findings));
                }
            }
            continue;
        }
        s.wrong_sentences += 1;
        if !findings.is_empty() {
            s.flagged_wrong += 1;
        }
        if found == gold {
            s.detected += 1;
            let fixed = findings.iter().all(|f| {
                let sug: Vec<char> = f.suggestion.as_deref().unwrap_or("").chars().collect();
                sug.len() == f.end - f.start && (f.start..f.end).all(|i| sug[i - f.start] == r[i])
            });
            s.corrected += usize::from(fixed);
        } else if !found.is_disjoint(&gold) {
            s.partly += 1;
        }
        if verbose && found != gold {
            let want: Vec<String> = gold.iter().map(|&i| format!("{}→{}", w[i], r[i])).collect();
            println!("{written}\n   want {want:?} got {:?}", summary(&findings));
        }
    }
    let check_time = started.elapsed();
    let flagged = s.flagged_wrong + s.flagged_right;
    let precision = s.detected as f64 / flagged.max(1) as f64;
    let recall = s.detected as f64 / s.wrong_sentences.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    println!(
        "sentences: {} with errors, {} correct",
        s.wrong_sentences, s.right_sentences
    );
    println!(
        "detection (exact characters): precision {:.2} recall {:.2} F1 {:.2}; corrected {}",
        precision, recall, f1, s.corrected
    );
    println!(
        "some wrong character flagged: {} of {} ({:.0}%)",
        s.detected + s.partly,
        s.wrong_sentences,
        100.0 * (s.detected + s.partly) as f64 / s.wrong_sentences.max(1) as f64
    );
    println!(
        "correct sentences flagged at 错误 or 建议: {} of {} ({:.1}%)",
        s.flagged_right,
        s.right_sentences,
        100.0 * s.flagged_right as f64 / s.right_sentences.max(1) as f64
    );
    println!(
        "model loaded in {} ms; {} characters checked in {} ms",
        load_time.as_millis(),
        characters,
        check_time.as_millis()
    );
    println!();
    shipped_issue_unlearned(&issue);
    Ok(())
}

/// The shipped issue is approved text; with what was learned from it left
/// out, every serious finding of the model on it is a false alarm.
fn shipped_issue_unlearned(issue: &IssueContents) {
    let bare = lint::language::Language::default();
    let mut alarms = Vec::new();
    let mut characters = 0;
    for article in &issue.articles {
        for p in galley::core::diff::paragraphs(&article.text.body) {
            let chars: Vec<char> = p.chars().collect();
            characters += chars.len();
            for slip in lint::slips::suspects(&bare, &chars) {
                let from = slip.at.saturating_sub(6);
                let to = (slip.at + 7).min(chars.len());
                alarms.push(format!(
                    "{:?} {}〖{}→{}〗{} ({:.1})",
                    slip.severity(),
                    chars[from..slip.at].iter().collect::<String>(),
                    chars[slip.at],
                    slip.meant,
                    chars[slip.at + 1..to].iter().collect::<String>(),
                    slip.gain
                ));
            }
        }
    }
    println!(
        "2024-02 with nothing learned from it: {} findings at 错误 or 建议 in {} characters",
        alarms.len(),
        characters
    );
    for a in alarms {
        println!("  {a}");
    }
}

fn summary(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}→{} {}",
                f.text,
                f.suggestion.as_deref().unwrap_or(""),
                f.rule.id()
            )
        })
        .collect()
}
