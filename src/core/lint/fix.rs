//! `--fix`: applies the certain suggestions to a body, nothing else.

use super::{Finding, Part, Piece};
use crate::core::diff::paragraphs;

/// What `apply` did: the new body, how many corrections, by which rules.
pub struct Applied {
    pub body: String,
    pub count: usize,
    pub rules: Vec<super::Rule>,
}

/// The body with every certain finding on it applied. `findings` index
/// into `pieces`; only body pieces are touched.
pub fn apply(body: &str, pieces: &[Piece], findings: &[Finding]) -> Applied {
    let mut by_paragraph: Vec<Vec<&Finding>> = vec![Vec::new(); paragraphs(body).len()];
    for f in findings.iter().filter(|f| f.certain()) {
        let piece = &pieces[f.piece];
        if piece.part == Part::Body
            && let Some(list) = by_paragraph.get_mut(piece.paragraph - 1)
        {
            list.push(f);
        }
    }
    let mut rules = Vec::new();
    let mut out = String::with_capacity(body.len());
    let mut paragraph = 0;
    for (n, line) in body.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if line.trim().is_empty() {
            out.push_str(line);
            continue;
        }
        let fixes = &by_paragraph[paragraph];
        paragraph += 1;
        if fixes.is_empty() {
            out.push_str(line);
            continue;
        }
        out.push_str(&apply_line(line, fixes, &mut rules));
    }
    let count = rules.len();
    rules.sort();
    rules.dedup();
    Applied {
        body: out,
        count,
        rules,
    }
}

fn apply_line(line: &str, fixes: &[&Finding], rules: &mut Vec<super::Rule>) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut sorted: Vec<&&Finding> = fixes.iter().collect();
    sorted.sort_by_key(|f| (f.start, f.end));
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for f in sorted {
        // Two fixes on the same characters: the first one stands.
        if f.start < at || f.end > chars.len() {
            continue;
        }
        out.extend(&chars[at..f.start]);
        out.push_str(f.suggestion.as_deref().unwrap_or_default());
        rules.push(f.rule);
        at = f.end;
    }
    out.extend(&chars[at..]);
    out
}
