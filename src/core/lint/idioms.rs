//! A 成语 or 习用语 of four characters written with one character wrong:
//! 迫不急待 for 迫不及待, 一愁莫展 for 一筹莫展.
//!
//! The set phrases are jieba's (`data/idioms.txt`). The statistical check
//! misses these because jieba's dictionary also holds the common
//! misspellings as words, with low counts; here a written form is taken
//! for a slip when it is one sound- or shape-alike character away from a
//! common set phrase and is itself no word, or a word at least twenty
//! times rarer than the phrase.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::chars::is_han;
use super::language::Language;
use super::language::confusable::Likeness;
use super::language::lexicon::Words;
use super::{Hit, Rule, Setting, Severity};

static LIST: &str = include_str!("../../../data/idioms.txt");

/// How much rarer than the set phrase a written form that is itself in the
/// dictionary must be (in natural log: twenty times) to be its misspelling.
const RARER_BY: f64 = 3.0;

/// The set phrases by each way of leaving one character open: the open
/// place is '\0'.
struct Idioms {
    by_pattern: FxHashMap<[char; 4], Vec<[char; 4]>>,
    known: FxHashMap<[char; 4], u32>,
}

static IDIOMS: LazyLock<Idioms> = LazyLock::new(|| {
    let mut idioms = Idioms {
        by_pattern: FxHashMap::default(),
        known: FxHashMap::default(),
    };
    for line in LIST.lines().filter(|l| !l.starts_with('#')) {
        let Some((word, count)) = line.split_once(' ') else {
            continue;
        };
        let Ok(phrase) = <[char; 4]>::try_from(word.chars().collect::<Vec<char>>()) else {
            continue;
        };
        idioms
            .known
            .insert(phrase, count.trim().parse().unwrap_or(1));
        for open in 0..4 {
            let mut pattern = phrase;
            pattern[open] = '\0';
            idioms.by_pattern.entry(pattern).or_default().push(phrase);
        }
    }
    idioms
});

/// One misspelt set phrase: where it starts, what it should be, which
/// character is wrong, and whether the written form is a known misspelling
/// (a rare dictionary word) rather than no word at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Misspelt {
    pub start: usize,
    pub wrong: usize,
    pub phrase: String,
    pub known_misspelling: bool,
}

pub(crate) fn paragraph(chars: &[char], setting: &Setting, add: &mut dyn FnMut(Hit)) {
    let Some(language) = setting.language else {
        return;
    };
    let found = misspelt(language, chars);
    if found.is_empty() {
        return;
    }
    let names = super::slips::protected(chars, setting);
    for m in found {
        let at = m.start + m.wrong;
        if names.iter().any(|(s, e)| (*s..*e).contains(&at)) {
            continue;
        }
        let meant: char = m.phrase.chars().nth(m.wrong).unwrap_or(chars[at]);
        let severity = match m.known_misspelling {
            true => Severity::Error,
            false => Severity::Warning,
        };
        add(Hit::new(Rule::IdiomSlip, at, at + 1)
            .suggest(meant.to_string())
            .note(m.phrase.clone())
            .severity(severity));
    }
}

/// Every four characters in `chars` that misspell a set phrase.
pub fn misspelt(language: &Language, chars: &[char]) -> Vec<Misspelt> {
    let idioms = &*IDIOMS;
    let mut found: Vec<Misspelt> = Vec::new();
    for start in 0..chars.len().saturating_sub(3) {
        let Ok(written) = <[char; 4]>::try_from(&chars[start..start + 4]) else {
            continue;
        };
        if !written.iter().all(|&c| is_han(c)) || idioms.known.contains_key(&written) {
            continue;
        }
        // The magazine has printed these very characters: meant, not slipped.
        if (0..4).any(|i| language.approved_around(chars, start + i)) {
            continue;
        }
        let as_written = language.log_probability(&written);
        for wrong in 0..4 {
            let mut pattern = written;
            pattern[wrong] = '\0';
            let Some(phrases) = idioms.by_pattern.get(&pattern) else {
                continue;
            };
            if in_common_word(language, chars, start + wrong) {
                continue;
            }
            for phrase in phrases {
                let Some(likeness) = likeness(language, written[wrong], phrase[wrong]) else {
                    continue;
                };
                // Four characters that are no word at all may be someone's
                // own coinage (扶弱济困 beside 扶危济困): only a slip of the
                // sound, as typing by pinyin makes, or one proofreaders were
                // seen to make, counts there.
                let typed = matches!(likeness, Likeness::Sound | Likeness::NearSound)
                    || language.confusions().seen(written[wrong], phrase[wrong]) > 0;
                let rarer = match (as_written, language.log_probability(phrase)) {
                    (None, _) => typed,
                    (Some(w), Some(p)) => p - w >= RARER_BY,
                    (Some(_), None) => false,
                };
                if rarer && !found.iter().any(|f| f.start + f.wrong == start + wrong) {
                    found.push(Misspelt {
                        start,
                        wrong,
                        phrase: phrase.iter().collect(),
                        known_misspelling: as_written.is_some(),
                    });
                }
            }
        }
    }
    found
}

/// Whether the character at `at` makes a common word with a neighbour,
/// inside the four or out (有些不同 is not 有所不同, 形态不一样 not
/// 大不一样): the four then straddle words and are no set phrase at all.
fn in_common_word(language: &Language, chars: &[char], at: usize) -> bool {
    let pairs = [at.checked_sub(1).map(|s| (s, s + 2)), Some((at, at + 2))];
    pairs
        .into_iter()
        .flatten()
        .filter(|&(_, e)| e <= chars.len())
        .any(|(s, e)| {
            language
                .log_probability(&chars[s..e])
                .is_some_and(|lp| lp > super::slips::COMMON_WORD)
        })
}

/// How the two are alike, by sound or by shape; a looser likeness of
/// outline is not enough here, where nothing else weighs the change.
fn likeness(language: &Language, written: char, meant: char) -> Option<Likeness> {
    let alike = language.confusions().alike(written);
    let i = alike.binary_search_by_key(&meant, |(c, _)| *c).ok()?;
    (alike[i].1 != Likeness::Outline).then_some(alike[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(char, char, bool)> {
        let chars: Vec<char> = text.chars().collect();
        misspelt(&Language::default(), &chars)
            .into_iter()
            .map(|m| {
                let meant = m.phrase.chars().nth(m.wrong).unwrap();
                (chars[m.start + m.wrong], meant, m.known_misspelling)
            })
            .collect()
    }

    #[test]
    fn a_set_phrase_with_one_character_wrong_is_found() {
        assert_eq!(fixes("我们迫不急待地投入工作。"), [('急', '及', true)]);
        assert_eq!(fixes("全体干部要再接再励。"), [('励', '厉', true)]);
        assert_eq!(fixes("各项工作按步就班推进。"), [('步', '部', true)]);
        assert_eq!(fixes("面对困难一愁莫展。"), [('愁', '筹', false)]);
    }

    #[test]
    fn set_phrases_written_right_and_accepted_variants_are_quiet() {
        for text in [
            "我们迫不及待地投入工作。",
            "全体干部要再接再厉，一以贯之抓落实。",
            "名符其实的领头雁，名副其实的好干部。",
            "推动黄河流域生态保护和高质量发展。",
            "两地的做法有些不同，血管瘤的形态不一样。",
            "开展政策宣讲、扶弱济困、志愿服务等活动。",
        ] {
            assert_eq!(fixes(text), [], "{text}");
        }
    }
}
