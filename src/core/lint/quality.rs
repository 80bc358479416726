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
    let mut small = [0usize; 3];
    let mut words: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut total = 0.0;
    for f in findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
    {
        match f.rule.family() {
            Family::Punctuation => small[0] += 1,
            Family::Numbers => small[1] += 1,
            Family::Units => small[2] += 1,
            Family::Words => {
                let seen = words.entry(f.text.as_str()).or_default();
                *seen += 1;
                if *seen <= 3 {
                    total += 1.0;
                }
            }
            Family::Usage => total += 2.0,
        }
    }
    total
        + small
            .iter()
            .map(|&n| (n as f64 * 0.1).min(1.0))
            .sum::<f64>()
}

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
