//! One-character words typed for their sound-alikes: 以 for 已, 向 for
//! 像, 在 for 再, 做 for 作. Each makes sense alone, so the character
//! model (which weighs words one at a time) finds little; whether
//! 要向对待家人一样 or 要像对待家人一样 is meant only the words around
//! say. This check asks the word trigram model (see
//! `language::trigrams`), and runs only when one is installed.

use super::chars::is_han;
use super::language::Language;
use super::language::lexicon::Words;
use super::{Hit, Rule, Setting};

/// The pairs, both ways: typed by pinyin, each is the other's slip.
const PAIRS: &[[char; 2]] = &[
    ['以', '已'],
    ['像', '向'],
    ['象', '像'],
    ['却', '缺'],
    ['会', '回'],
    ['在', '再'],
    ['做', '作'],
    ['即', '既'],
    ['致', '至'],
    ['须', '需'],
    ['由', '有'],
    ['其', '起'],
    ['已', '己'],
    ['因', '应'],
    ['座', '坐'],
];

/// How much more probable (in natural log) the sentence must read with
/// the other character: about twenty thousand times. Lower bars found a
/// few more slips on the development sets but as many false alarms.
const GAIN: f64 = 10.0;
/// Characters either side that the model reads.
const AROUND: usize = 8;

pub(crate) fn paragraph(chars: &[char], setting: &Setting, add: &mut dyn FnMut(Hit)) {
    let Some(language) = setting.language else {
        return;
    };
    if language.trigrams().is_none() {
        return;
    }
    let names = super::slips::protected(chars, setting);
    for (at, meant, _) in suspects(language, chars) {
        if names.iter().any(|(s, e)| (*s..*e).contains(&at)) {
            continue;
        }
        add(Hit::new(Rule::FunctionWord, at, at + 1).suggest(meant.to_string()));
    }
}

fn makes_a_word(language: &Language, chars: &[char], at: usize, other: char) -> bool {
    let before = at
        .checked_sub(1)
        .filter(|&i| is_han(chars[i]))
        .map(|i| [chars[i], other]);
    let after = chars
        .get(at + 1)
        .filter(|c| is_han(**c))
        .map(|&c| [other, c]);
    [before, after].into_iter().flatten().any(|pair| {
        language
            .log_probability(&pair)
            .is_some_and(|lp| lp > super::slips::COMMON_WORD)
    })
}

/// Each character of a pair that the trigram model would much rather read
/// as the other: (where, the other, the gain).
pub fn suspects(language: &Language, chars: &[char]) -> Vec<(usize, char, f64)> {
    let Some(model) = language.trigrams() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut changed: Vec<char> = Vec::new();
    // Looked up once, when the first candidate comes.
    let mut words = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        let others = PAIRS.iter().filter_map(|&[a, b]| match c {
            _ if c == a => Some(b),
            _ if c == b => Some(a),
            _ => None,
        });
        // Only a change that makes a common word with a neighbour is
        // weighed (以上 for 已上, 至今 for 致今): that is nearly every slip
        // found on the development sets, and it keeps the check fast.
        let mut others = others
            .filter(|&other| makes_a_word(language, chars, at, other))
            .peekable();
        if others.peek().is_none() || language.approved_around(chars, at) {
            continue;
        }
        if words.is_empty() {
            words = model.words_of(chars);
        }
        let from = (0..at)
            .rev()
            .take_while(|&i| is_han(chars[i]) && at - i <= AROUND)
            .last()
            .unwrap_or(at);
        let to = (at + 1..chars.len())
            .take_while(|&i| is_han(chars[i]) && i - at <= AROUND)
            .last()
            .map_or(at + 1, |i| i + 1);
        let known = |start: usize, len: usize| words[from + start][len - 1];
        let written = model.score_by(to - from, known);
        let mut best: Option<(char, f64)> = None;
        for other in others {
            changed.clear();
            changed.extend_from_slice(&chars[from..to]);
            changed[at - from] = other;
            let spot = at - from;
            let gain = model.score_by(to - from, |start, len| {
                match (start..start + len).contains(&spot) {
                    true => model.id_of(&changed[start..start + len]),
                    false => known(start, len),
                }
            }) - written;
            if gain >= GAIN && best.is_none_or(|(_, g)| gain > g) {
                best = Some((other, gain));
            }
        }
        if let Some((other, gain)) = best {
            found.push((at, other, gain));
        }
    }
    found
}
