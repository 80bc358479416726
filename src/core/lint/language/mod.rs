//! A statistical model of the register galley reads, for finding wrong
//! characters that no list names.
//!
//! - Built in: jieba's dictionary of words and frequencies, n-gram counts
//!   of proofread official text, and which characters are mistaken for
//!   which (see `data/` and the README for sources and licenses).
//! - Learned: n-gram counts of the magazine's own approved articles,
//!   handed in by the caller (`repo::language` keeps them under
//!   `.git/galley/`).

pub mod confusable;
pub mod lexicon;
pub mod tables;
pub mod trigrams;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashSet;

use confusable::Confusions;
use lexicon::{Lexicon, Words, pack, pattern};

static SHAPES: &str = include_str!("../../../../data/shape-alike.txt");
static STROKES: &str = include_str!("../../../../data/same-stroke.txt");
static SLIPS: &str = include_str!("../../../../data/observed-slips.txt");
static CORNERS: &str = include_str!("../../../../data/four-corner.txt");

/// A learned n-gram counts this many times a dictionary occurrence: the
/// magazine's own approved text is the strongest evidence of its register.
const LEARNED_WEIGHT: u32 = 20;
/// How many different people must have approved a string before the
/// checker takes it as the magazine's own.
pub const VOUCHING_PEOPLE: u32 = 2;

struct Base {
    words: Lexicon,
    confusions: Confusions,
}

static BASE: LazyLock<Base> = LazyLock::new(|| Base {
    words: Lexicon::built_in(),
    confusions: Confusions::parse(&[SHAPES, STROKES].join("\n"), SLIPS, CORNERS),
});

/// The model one check uses: the built-in data and what was learned from
/// this magazine.
#[derive(Default)]
pub struct Language {
    learned: Lexicon,
    /// Every three-character string of text approved by enough people.
    printed: FxHashSet<u128>,
    /// A word trigram model of general Chinese, when one is installed.
    trigrams: Option<Arc<trigrams::WordTrigrams>>,
}

impl Language {
    /// `ngrams`: strings of two to four characters from approved text, and
    /// how many different people approved a text with each. A string one
    /// person alone approved is left out: one approval, however often
    /// repeated, must not silence a slip for everyone.
    pub fn learned<'a>(ngrams: impl IntoIterator<Item = (&'a str, u32)>) -> Language {
        let mut counts = HashMap::new();
        let mut printed = FxHashSet::default();
        for (gram, people) in ngrams {
            if people < VOUCHING_PEOPLE {
                continue;
            }
            let chars: Vec<char> = gram.chars().collect();
            let Some(key) = pack(&chars) else {
                continue;
            };
            if chars.len() == 3 {
                printed.insert(key);
            }
            counts.insert(key, people * LEARNED_WEIGHT);
        }
        Language {
            learned: Lexicon::from_counts(&counts, 1),
            printed,
            trigrams: None,
        }
    }

    /// The same model, with a word trigram model beside it.
    pub fn with_trigrams(mut self, model: Option<Arc<trigrams::WordTrigrams>>) -> Language {
        self.trigrams = model;
        self
    }

    pub fn trigrams(&self) -> Option<&trigrams::WordTrigrams> {
        self.trigrams.as_deref()
    }

    /// Loads the built-in data now rather than on the first check.
    pub fn warm() {
        LazyLock::force(&BASE);
    }

    pub fn confusions(&self) -> &Confusions {
        &BASE.confusions
    }

    fn count(&self, key: u128) -> u32 {
        BASE.words.count(key) + self.learned.count(key)
    }

    /// Characters that make a word of `chars` with the one at `at` changed.
    pub fn completions(&self, chars: &[char], at: usize) -> impl Iterator<Item = char> + '_ {
        pattern(chars, at).into_iter().flat_map(move |open| {
            BASE.words
                .completing(open)
                .chain(self.learned.completing(open))
        })
    }

    /// Whether approved text of this magazine has the three characters
    /// around `at` as written: then a person has read them there already.
    pub fn approved_around(&self, chars: &[char], at: usize) -> bool {
        (at.saturating_sub(2)..=at)
            .filter(|start| start + 3 <= chars.len())
            .any(|start| pack(&chars[start..start + 3]).is_some_and(|k| self.printed.contains(&k)))
    }
}

/// Each string of two to four Chinese characters in `text`, as the model
/// learns them: within runs of Chinese characters, never across a mark.
pub fn each_ngram(text: &str, mut f: impl FnMut(&str)) {
    // Byte offsets of the characters of the current run, and one past.
    let mut run: Vec<usize> = Vec::new();
    let mut flush = |run: &mut Vec<usize>, end: usize| {
        run.push(end);
        for len in 2..=4 {
            for w in run.windows(len + 1) {
                f(&text[w[0]..w[len]]);
            }
        }
        run.clear();
    };
    for (at, c) in text.char_indices() {
        if super::chars::is_han(c) {
            run.push(at);
        } else if !run.is_empty() {
            flush(&mut run, at);
        }
    }
    if !run.is_empty() {
        flush(&mut run, text.len());
    }
}

impl Words for Language {
    fn log_probability(&self, word: &[char]) -> Option<f64> {
        let n = self.count(pack(word)?);
        (n > 0).then(|| (f64::from(n) / BASE.words.total()).ln())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_stay_within_runs_of_chinese_characters() {
        let mut grams = Vec::new();
        each_ngram("濮阳市，龙都a天", |g| grams.push(g.to_string()));
        assert_eq!(grams, ["濮阳", "阳市", "濮阳市", "龙都"]);
    }
}
