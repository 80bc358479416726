//! Words and how often they occur, and the most probable way to read a
//! run of characters as words under them.

use std::borrow::Cow;
use std::collections::HashMap;

pub use super::tables::{LONGEST, pack, pattern};
use super::tables::{Table, tables};

type Bytes = Cow<'static, [u8]>;

/// Word counts, and for every word of two to four characters, which
/// characters complete it when one of them is left open.
pub struct Lexicon {
    words: (Bytes, Bytes),
    completions: (Bytes, Bytes),
    total: f64,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::from_counts(&HashMap::new(), 1)
    }
}

macro_rules! built {
    ($name:literal) => {
        Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/", $name)))
    };
}

fn table(pair: &(Bytes, Bytes)) -> Table<'_> {
    Table {
        records: &pair.0,
        starts: &pair.1,
    }
}

impl Lexicon {
    /// jieba's dictionary and the official-text n-grams, as build.rs made
    /// them from `data/`: read in place, nothing to load.
    pub fn built_in() -> Lexicon {
        Lexicon {
            words: (built!("words.bin"), built!("words-starts.bin")),
            completions: (built!("completions.bin"), built!("completions-starts.bin")),
            total: include!(concat!(env!("OUT_DIR"), "/total.rs")),
        }
    }

    /// Words counted at least `least` times complete patterns.
    pub fn from_counts(counts: &HashMap<u128, u32>, least: u32) -> Lexicon {
        let (words, completions) = tables(counts, least);
        Lexicon {
            words: (Cow::Owned(words.0), Cow::Owned(words.1)),
            completions: (Cow::Owned(completions.0), Cow::Owned(completions.1)),
            total: counts.values().map(|n| f64::from(*n)).sum(),
        }
    }

    pub fn count(&self, key: u128) -> u32 {
        table(&self.words).get(key).unwrap_or(0)
    }

    pub fn total(&self) -> f64 {
        self.total
    }

    /// The characters that make a word of the pattern `open`.
    pub fn completing(&self, open: u128) -> impl Iterator<Item = char> + '_ {
        table(&self.completions)
            .values(open)
            .filter_map(char::from_u32)
    }
}

/// How probable a word is: the log of its share of all counted words.
pub trait Words {
    fn log_probability(&self, word: &[char]) -> Option<f64>;
}

/// A character no list knows, read as a word of its own.
const UNKNOWN: f64 = -20.0;

pub fn score(words: &dyn Words, word: &[char]) -> Option<f64> {
    match words.log_probability(word) {
        Some(p) => Some(p),
        None if word.len() == 1 => Some(UNKNOWN),
        None => None,
    }
}

/// The best readings of every prefix and every suffix of `chars`:
/// `ahead[i]` is the log probability of the best reading of `chars[..i]`,
/// `behind[i]` that of `chars[i..]`. A change inside one word is then
/// scored by the words that could cover it alone.
pub struct Readings {
    pub ahead: Vec<f64>,
    pub behind: Vec<f64>,
    /// Where each word of the best reading ends.
    pub ends: Vec<usize>,
}

impl Readings {
    pub fn of(words: &dyn Words, chars: &[char]) -> Readings {
        let n = chars.len();
        let mut ahead = vec![f64::NEG_INFINITY; n + 1];
        let mut from = vec![0usize; n + 1];
        ahead[0] = 0.0;
        for end in 1..=n {
            for start in end.saturating_sub(LONGEST)..end {
                if let Some(p) = score(words, &chars[start..end])
                    && ahead[start] + p > ahead[end]
                {
                    ahead[end] = ahead[start] + p;
                    from[end] = start;
                }
            }
        }
        let mut behind = vec![f64::NEG_INFINITY; n + 1];
        behind[n] = 0.0;
        for start in (0..n).rev() {
            for end in start + 1..=(start + LONGEST).min(n) {
                if let Some(p) = score(words, &chars[start..end]) {
                    behind[start] = behind[start].max(p + behind[end]);
                }
            }
        }
        let mut ends = Vec::new();
        let mut end = n;
        while end > 0 {
            ends.push(end);
            end = from[end];
        }
        ends.reverse();
        Readings {
            ahead,
            behind,
            ends,
        }
    }

    pub fn best(&self) -> f64 {
        self.ahead.last().copied().unwrap_or(0.0)
    }

    /// The best reading of `chars` with the character at `at` changed to
    /// `c`, and the word covering it in that reading.
    pub fn with_change(
        &self,
        words: &dyn Words,
        chars: &[char],
        at: usize,
        c: char,
    ) -> (f64, (usize, usize)) {
        let mut word = Vec::with_capacity(LONGEST);
        let mut best = (f64::NEG_INFINITY, (at, at + 1));
        for start in (at + 1).saturating_sub(LONGEST)..=at {
            for end in at + 1..=(start + LONGEST).min(chars.len()) {
                word.clear();
                word.extend_from_slice(&chars[start..end]);
                word[at - start] = c;
                if let Some(p) = score(words, &word) {
                    let total = self.ahead[start] + p + self.behind[end];
                    if total > best.0 {
                        best = (total, (start, end));
                    }
                }
            }
        }
        best
    }

    /// Where the word of the best reading covering `at` starts and ends.
    pub fn word(&self, at: usize) -> (usize, usize) {
        // `ends` is ascending: a search, not a walk, so a long run costs
        // what its characters cost and not their square.
        let i = self.ends.partition_point(|&end| end <= at);
        let from = if i == 0 { 0 } else { self.ends[i - 1] };
        match self.ends.get(i) {
            Some(&end) => (from, end),
            None => (at, at + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Few(Lexicon);
    impl Words for Few {
        fn log_probability(&self, word: &[char]) -> Option<f64> {
            let n = self.0.count(pack(word)?);
            (n > 0).then(|| (f64::from(n) / self.0.total()).ln())
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn few(list: &[(&str, u32)], least: u32) -> Few {
        let mut counts = HashMap::new();
        for (w, n) in list {
            counts.insert(pack(&chars(w)).unwrap(), *n);
        }
        Few(Lexicon::from_counts(&counts, least))
    }

    #[test]
    fn a_run_is_read_as_its_most_probable_words() {
        let lex = few(
            &[
                ("检验", 50),
                ("检测", 50),
                ("检", 10),
                ("验", 10),
                ("测", 10),
                ("剑", 5),
            ],
            3,
        );
        assert_eq!(Readings::of(&lex, &chars("检验检测")).ends, vec![2, 4]);
        let written = chars("检剑检测");
        let r = Readings::of(&lex, &written);
        assert_eq!(r.ends, vec![1, 2, 4]);
        let (changed, word) = r.with_change(&lex, &written, 1, '验');
        assert_eq!(word, (0, 2));
        assert!(changed > r.best() + 3.0, "{changed} vs {}", r.best());
    }

    #[test]
    fn an_open_place_is_completed_by_the_words_that_fit_it() {
        let lex = few(&[("检验", 50), ("检测", 50), ("体验", 2)], 3);
        let open = pattern(&chars("检剑"), 1).unwrap();
        assert_eq!(lex.0.completing(open).collect::<Vec<_>>(), vec!['测', '验']);
        let rare = pattern(&chars("体剑"), 1).unwrap();
        assert_eq!(
            lex.0.completing(rare).count(),
            0,
            "a rare word completes nothing"
        );
        assert_eq!(lex.0.count(pack(&chars("检验")).unwrap()), 50);
        assert_eq!(lex.0.count(pack(&chars("检剑")).unwrap()), 0);
    }
}
