//! The proofreading checker: findings on one article's text, by rules from
//! GB/T 15834 (punctuation), GB/T 15835 (numbers), GB 3100–3102 (units) and
//! the office's own word lists. Pure: the caller hands in the text, the
//! style lists and the date.

pub mod chars;
mod doubled;
mod facts;
pub mod fix;
pub mod function_words;
pub mod idioms;
pub mod language;
pub mod names;
mod numbers;
mod particles;
mod punct;
pub mod quality;
mod questions;
mod rules;
pub mod slips;
pub mod style;
mod units;
mod words;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

pub use rules::{Family, Rule};
pub use style::Style;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Which printed part of the article a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Kicker,
    Title,
    Subtitle,
    Byline,
    /// The authors field, joined with 、.
    Authors,
    /// What the contents page prints instead of the authors.
    TocCredit,
    Body,
    /// A masthead field from staff.toml.
    Masthead,
}

/// One paragraph to check. `paragraph` is 1-based within its part.
#[derive(Debug, Clone)]
pub struct Piece<'a> {
    pub part: Part,
    pub paragraph: usize,
    pub text: &'a str,
}

/// One finding. Offsets count characters (not bytes) in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub piece: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: Rule,
    pub severity: Severity,
    /// The replacement for `text`; empty means delete it.
    pub suggestion: Option<String>,
    /// What a data-driven rule knows about this finding: the canonical
    /// form's source, a term of office, the form used elsewhere.
    pub note: Option<String>,
}

impl Finding {
    /// Whether `--fix` may apply this without a person looking.
    pub fn certain(&self) -> bool {
        self.rule.certain() && self.suggestion.is_some()
    }
}

/// What the rules may know about where the text stands.
pub struct Setting<'s> {
    pub style: &'s Style,
    /// The names the office knows, for names written a character off.
    pub people: &'s names::People,
    /// The date, for terms of office.
    pub date: Option<NaiveDate>,
    /// The language model for wrong characters no list names; without
    /// it only the lists are checked.
    pub language: Option<&'s language::Language>,
}

/// A finding before it is placed: the rule and a span in one paragraph.
pub(crate) struct Hit {
    pub rule: Rule,
    pub start: usize,
    pub end: usize,
    pub suggestion: Option<String>,
    pub note: Option<String>,
    pub severity: Option<Severity>,
}

impl Hit {
    pub fn new(rule: Rule, start: usize, end: usize) -> Hit {
        Hit {
            rule,
            start,
            end,
            suggestion: None,
            note: None,
            severity: None,
        }
    }
    pub fn suggest(mut self, text: impl Into<String>) -> Hit {
        self.suggestion = Some(text.into());
        self
    }
    pub fn note(mut self, text: impl Into<String>) -> Hit {
        self.note = Some(text.into());
        self
    }
    pub fn severity(mut self, severity: Severity) -> Hit {
        self.severity = Some(severity);
        self
    }
}

/// Checks one article, given as its pieces in reading order.
pub fn check(pieces: &[Piece], setting: &Setting) -> Vec<Finding> {
    let texts: Vec<Vec<char>> = pieces.iter().map(|p| p.text.chars().collect()).collect();
    // A list bullet or quote mark of the body's markup is not text.
    let skip: Vec<usize> = pieces
        .iter()
        .zip(&texts)
        .map(|(p, t)| {
            if p.part == Part::Body {
                markup_prefix(t)
            } else {
                0
            }
        })
        .collect();
    let text = |i: usize| &texts[i][skip[i]..];
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let mut add = |hit: Hit| hits.push((i, hit));
        punct::paragraph(text(i), &mut add);
        questions::paragraph(text(i), &mut add);
        numbers::paragraph(text(i), setting.date, &mut add);
        units::paragraph(text(i), &mut add);
        words::paragraph(text(i), setting, &mut add);
        doubled::paragraph(text(i), &mut add);
        names::paragraph(text(i), piece.part, setting, &mut add);
        facts::paragraph(text(i), setting, &mut add);
        if matches!(
            piece.part,
            Part::Body | Part::Title | Part::Subtitle | Part::Kicker
        ) {
            particles::paragraph(text(i), &mut add);
            slips::paragraph(text(i), setting, &mut add);
            idioms::paragraph(text(i), setting, &mut add);
            function_words::paragraph(text(i), setting, &mut add);
        }
    }
    // Marks left open may close in the next paragraph of the same part.
    let mut groups: Vec<Vec<(usize, &[char])>> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if piece.part == Part::Body && pieces[g[0].0].part == Part::Body => {
                g.push((i, text(i)))
            }
            _ => groups.push(vec![(i, text(i))]),
        }
    }
    for group in &groups {
        punct::article(group, &mut |i, hit| hits.push((i, hit)));
    }
    let all: Vec<(usize, &[char])> = (0..texts.len()).map(|i| (i, text(i))).collect();
    units::article(&all, &mut |i, hit| hits.push((i, hit)));
    for (i, hit) in &mut hits {
        hit.start += skip[*i];
        hit.end += skip[*i];
    }
    let mut findings: Vec<Finding> = hits
        .into_iter()
        .map(|(piece, hit)| Finding {
            piece,
            start: hit.start,
            end: hit.end,
            text: texts[piece][hit.start..hit.end].iter().collect(),
            severity: hit.severity.unwrap_or(hit.rule.severity()),
            rule: hit.rule,
            suggestion: hit.suggestion,
            note: hit.note,
        })
        .collect();
    findings.sort_by_key(|f| (f.piece, f.start, f.end, f.rule));
    findings.dedup_by(|a, b| {
        a.piece == b.piece && a.start == b.start && a.end == b.end && a.rule == b.rule
    });
    drop_overlaps(&mut findings);
    findings
}

/// `- `, `* `, `+ ` or `> ` opening a body paragraph: markup, not text.
fn markup_prefix(chars: &[char]) -> usize {
    match chars {
        ['-' | '*' | '+' | '>', ' ', ..] => 2,
        _ => 0,
    }
}

/// Where two rules flag overlapping characters and both would rewrite
/// them, the graver or the certain one speaks; a person should not read
/// one mistake twice.
fn drop_overlaps(findings: &mut Vec<Finding>) {
    let mut keep = vec![true; findings.len()];
    for i in 0..findings.len() {
        for j in i + 1..findings.len() {
            let (a, b) = (&findings[i], &findings[j]);
            if a.piece != b.piece || b.start >= a.end {
                break;
            }
            let same_span = a.start == b.start && a.end == b.end;
            if same_span || (a.suggestion.is_some() && b.suggestion.is_some()) {
                if rank(a) <= rank(b) {
                    keep[j] = false;
                } else {
                    keep[i] = false;
                }
            }
        }
    }
    let mut k = keep.into_iter();
    findings.retain(|_| k.next().unwrap_or(true));
}

fn rank(f: &Finding) -> (Severity, bool) {
    (f.severity, !f.certain())
}

/// The flagged characters with up to `around` characters either side, for
/// showing a finding in place: (before, flagged, after), each side cut
/// with … where the paragraph goes on.
/// `chars` is the paragraph's characters, collected once for all its
/// findings: collecting them per finding made a long paragraph with many
/// findings quadratic.
pub fn excerpt(
    chars: &[char],
    start: usize,
    end: usize,
    around: usize,
) -> (String, String, String) {
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let from = start.saturating_sub(around);
    let to = (end + around).min(chars.len());
    let mut before: String = chars[from..start].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = chars[end..to].iter().collect();
    if to < chars.len() {
        after.push('…');
    }
    (before, chars[start..end].iter().collect(), after)
}
