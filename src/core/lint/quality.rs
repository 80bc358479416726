//! 编校差错率: weighted errors per 10,000 characters, as publishers judge
//! a periodical (出版物编校质量：期刊不超过万分之二).

use serde::{Deserialize, Serialize};

use super::{Family, Finding, Severity};
use crate::core::diff::{Hunk, HunkKind};

/// The limit when staff.toml sets none: 2 errors per 10,000 characters.
pub const DEFAULT_LIMIT: f64 = 2.0;

/// 字数: every character that is not white space, in the body and the
/// title lines, the way 字数 is counted for 差错率.
pub fn characters<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts
        .into_iter()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BySeverity {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl BySeverity {
    pub fn of(findings: &[Finding]) -> BySeverity {
        let mut counts = BySeverity::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }

    pub fn add(&mut self, other: BySeverity) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// Errors per 10,000 characters.
pub fn rate(errors: f64, characters: usize) -> f64 {
    if characters == 0 {
        return 0.0;
    }
    errors * 10_000.0 / characters as f64
}

/// 差错 as the periodical rules weigh them (报纸期刊质量管理规定 2020,
/// 期刊编校差错计算方法): a wrong character or word counts 1, the same one
/// at most 3 times; an error in an important name or a political
/// formulation counts double; punctuation, number forms and unit symbols
/// count 0.1 each, at most 1 for each kind. Only 错误 findings count.
pub fn weighted_errors<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> f64 {
    let all: Vec<&Finding> = findings.into_iter().collect();
    weighted_shares(&[all]).iter().sum()
}

/// The 差错, weighed once over all its texts, and each text's
/// share of it. The limits (the same word at most 3 times, at most 1 for
/// each small kind) are the issue's: a word counts in the texts where its
/// first three occurrences are, and each small kind's capped figure is
/// shared out by how many of its occurrences each text has. So the shares
/// add up to the figure, and an article's 差错率 is its part of
/// the issue's.
pub fn weighted_shares(texts: &[Vec<&Finding>]) -> Vec<f64> {
    let mut shares = vec![0.0; texts.len()];
    let mut small = [0usize; 3];
    let mut small_in = vec![[0usize; 3]; texts.len()];
    let mut words: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, findings) in texts.iter().enumerate() {
        for f in findings.iter().filter(|f| f.severity == Severity::Error) {
            let kind = match f.rule.family() {
                Family::Punctuation => 0,
                Family::Numbers => 1,
                Family::Units => 2,
                Family::Words => {
                    let seen = words.entry(f.text.as_str()).or_default();
                    *seen += 1;
                    if *seen <= 3 {
                        shares[i] += 1.0;
                    }
                    continue;
                }
                Family::Usage => {
                    shares[i] += 2.0;
                    continue;
                }
                Family::Facts => {
                    shares[i] += 1.0;
                    continue;
                }
            };
            small[kind] += 1;
            small_in[i][kind] += 1;
        }
    }
    for (share, counts) in shares.iter_mut().zip(&small_in) {
        for kind in 0..3 {
            if counts[kind] > 0 {
                let capped = (small[kind] as f64 * SMALL_WEIGHT).min(SMALL_CAP);
                *share += capped * counts[kind] as f64 / small[kind] as f64;
            }
        }
    }
    shares
}

/// What one punctuation, number-form or unit-symbol error weighs, and the
/// most one kind of them may weigh in an issue.
const SMALL_WEIGHT: f64 = 0.1;
const SMALL_CAP: f64 = 1.0;

/// The corrections one proofreading round made, by the diff's classes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Corrections {
    /// 文字
    pub words: usize,
    /// 标点
    pub punctuation: usize,
    /// 数字
    pub numbers: usize,
}

impl Corrections {
    pub fn of(hunks: &[Hunk]) -> Corrections {
        let mut c = Corrections::default();
        for hunk in hunks {
            match hunk.kind {
                HunkKind::Punctuation => c.punctuation += 1,
                HunkKind::Insert | HunkKind::Delete | HunkKind::Replace => {
                    if is_number_change(&hunk.old, &hunk.new) {
                        c.numbers += 1;
                    } else {
                        c.words += 1;
                    }
                }
                HunkKind::Space | HunkKind::Split | HunkKind::Join | HunkKind::Move => {}
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.words + self.punctuation + self.numbers
    }

    pub fn add(&mut self, other: Corrections) {
        self.words += other.words;
        self.punctuation += other.punctuation;
        self.numbers += other.numbers;
    }
}

/// A change made only of digits, numerals and the signs that go with them.
fn is_number_change(old: &str, new: &str) -> bool {
    let numeric = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇一二三四五六七八九十百千万亿零两.%％".contains(c)
    };
    let text: Vec<char> = old
        .chars()
        .chain(new.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    !text.is_empty()
        && text.iter().all(|&c| numeric(c))
        && text.iter().any(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(c) || "〇一二三四五六七八九十".contains(*c)
        })
}
