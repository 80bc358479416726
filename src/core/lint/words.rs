//! 文字, 规范提法 and 人名职务: the word lists and 句式杂糅.

use super::chars::{clause_end, ends_at, find_all, is_han, is_han_numeral, sentence_end};
use super::style::{Forms, Office, Phrase, PhraseIndex, Style};
use super::{Hit, Rule, Setting};

pub fn paragraph(chars: &[char], setting: &Setting, add: &mut dyn FnMut(Hit)) {
    let style = setting.style;
    let confusions = style.index(Forms::ConfusionVariants, |s| variants(&s.confusions));
    phrases(chars, &style.confusions, confusions, Rule::Confusion, add);
    let canonical = style.index(Forms::CanonicalVariants, |s| variants(&s.canonical));
    phrases(chars, &style.canonical, canonical, Rule::Canonical, add);
    missing_characters(chars, style, add);
    offices(chars, &setting.style.offices, setting, add);
    mixed_constructions(chars, add);
}

const ANY_DIGIT: &str = "<数字>";

/// Every place a variant of a phrase in `list` occurs, in list order. The
/// variants are looked up by the character they start with, so a long
/// paragraph is read once rather than once for each of hundreds of
/// variants.
fn occurrences(chars: &[char], index: &PhraseIndex) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (at, c) in chars.iter().enumerate() {
        for (entry, pattern) in index.get(c).into_iter().flatten() {
            if chars[at..].starts_with(pattern) {
                // The entry and its variant are packed into one number.
                found.push((entry / VARIANTS, entry % VARIANTS, at));
            }
        }
    }
    found.sort_unstable();
    found
}

/// At most so many variants an entry: entry and variant share one key.
const VARIANTS: usize = 1 << 16;

fn variants(list: &[Phrase]) -> Vec<(usize, Vec<char>)> {
    list.iter()
        .enumerate()
        .flat_map(|(p, phrase)| {
            phrase
                .variants
                .iter()
                .enumerate()
                .map(move |(v, variant)| (p * VARIANTS + v, variant.chars().collect()))
        })
        .collect()
}

fn phrases(
    chars: &[char],
    list: &[Phrase],
    index: &PhraseIndex,
    rule: Rule,
    add: &mut dyn FnMut(Hit),
) {
    for (p, v, at) in occurrences(chars, index) {
        let phrase = &list[p];
        let end = at + phrase.variants[v].chars().count();
        if !phrase.followed_by.is_empty()
            && !phrase.followed_by.iter().any(|f| follows(chars, end, f))
        {
            continue;
        }
        if phrase.not_after.iter().any(|p| ends_at(chars, at, p)) {
            continue;
        }
        let mut hit = Hit::new(rule, at, end).suggest(phrase.canonical.clone());
        if let Some(source) = &phrase.source {
            hit = hit.note(source.clone());
        }
        if let Some(severity) = phrase.severity {
            hit = hit.severity(severity);
        }
        add(hit);
    }
}

/// Each 规范提法 of five Chinese characters or more with one character
/// inside it left out.
fn shortened(list: &[Phrase]) -> Vec<(usize, Vec<char>)> {
    let mut forms = Vec::new();
    for (p, phrase) in list.iter().enumerate() {
        let term: Vec<char> = phrase.canonical.chars().collect();
        if term.iter().filter(|c| is_han(**c)).count() < 5 {
            continue;
        }
        for left_out in 1..term.len() - 1 {
            // 现代产业体系 beside 现代化产业体系 is an older wording, not
            // a character dropped.
            if !is_han(term[left_out])
                || term[left_out] == term[left_out - 1]
                || matches!(term[left_out], '化' | '性')
            {
                continue;
            }
            let mut form = term.clone();
            form.remove(left_out);
            forms.push((p, form));
        }
    }
    forms
}

/// A fixed term with a character left out: 中国特色社会义, 全过程人民主.
/// Only terms of five Chinese characters or more, and only a character
/// inside them, so that a shorter word or the term's own neighbours do
/// not match.
fn missing_characters(chars: &[char], style: &Style, add: &mut dyn FnMut(Hit)) {
    let list = &style.canonical;
    let by_first = style.index(Forms::CanonicalShortened, |s| shortened(&s.canonical));
    for (at, c) in chars.iter().enumerate() {
        for (p, form) in by_first.get(c).into_iter().flatten() {
            if !chars[at..].starts_with(form) {
                continue;
            }
            let term: Vec<char> = list[*p].canonical.chars().collect();
            // The whole term written here (its own repeated character
            // aside) is no omission.
            if chars[at..].starts_with(&term) {
                continue;
            }
            add(Hit::new(Rule::CanonicalMissing, at, at + form.len())
                .suggest(list[*p].canonical.clone()));
        }
    }
}

fn follows(chars: &[char], at: usize, what: &str) -> bool {
    if what == ANY_DIGIT {
        return chars
            .get(at)
            .is_some_and(|&c| c.is_ascii_digit() || is_han_numeral(c));
    }
    super::chars::starts(chars, at, what)
}

/// A title next to a name, checked against the term of office on the
/// issue's date.
fn offices(chars: &[char], list: &[Office], setting: &Setting, add: &mut dyn FnMut(Hit)) {
    let Some(date) = setting.date else { return };
    for office in list {
        let in_term = office.from.is_none_or(|f| f <= date) && office.to.is_none_or(|t| date < t);
        if in_term {
            continue;
        }
        let name: Vec<char> = office.name.chars().collect();
        let title: Vec<char> = office.title.chars().collect();
        for at in find_all(chars, &name) {
            if let Some((s, e)) = title_beside(chars, at, at + name.len(), &title) {
                add(Hit::new(Rule::TitleOutOfTerm, s, e).note(term_of(office)));
            }
        }
    }
}

/// The span of a name and its title written next to it, before or after,
/// at most a space apart: 国务院总理李强, 李强 国务院总理.
fn title_beside(chars: &[char], at: usize, end: usize, title: &[char]) -> Option<(usize, usize)> {
    let space = |i: usize| matches!(chars.get(i), Some(' ' | '\u{3000}'));
    let before = if at > 0 && space(at - 1) { at - 1 } else { at };
    if before >= title.len() && chars[before - title.len()..before] == *title {
        return Some((before - title.len(), end));
    }
    let after = if space(end) { end + 1 } else { end };
    (chars.get(after..after + title.len()) == Some(title)).then_some((at, after + title.len()))
}

/// 李克强任国务院总理：2013-03-15—2023-03-11；source
fn term_of(office: &Office) -> String {
    let term = match (office.from, office.to) {
        (Some(f), Some(t)) => format!("{f}—{t}"),
        (Some(f), None) => format!("{f}起"),
        (None, Some(t)) => format!("至{t}"),
        (None, None) => String::new(),
    };
    let source = office
        .source
        .as_deref()
        .map(|s| format!("；{s}"))
        .unwrap_or_default();
    format!("{}任{}：{term}{source}", office.name, office.title)
}

/// 根据……显示, 由于……导致 and 原因是……造成的 each join two ways of
/// saying one thing.
fn mixed_constructions(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let cases: [(&str, &[&str], Rule, bool); 3] = [
        (
            "根据",
            &["显示", "表明", "可知", "看出"],
            Rule::MixedAccording,
            true,
        ),
        ("由于", &["导致", "致使", "造成"], Rule::MixedBecause, false),
        (
            "原因是",
            &["造成的", "引起的", "所致", "导致的"],
            Rule::MixedReason,
            false,
        ),
    ];
    for (lead, tails, rule, within_clause) in cases {
        let lead_chars: Vec<char> = lead.chars().collect();
        for at in find_all(chars, &lead_chars) {
            let from = at + lead_chars.len();
            let limit = if within_clause {
                clause_end(chars, from)
            } else {
                sentence_end(chars, from)
            };
            let found = tails
                .iter()
                .filter_map(|t| {
                    let t: Vec<char> = t.chars().collect();
                    find_all(&chars[from..limit], &t)
                        .first()
                        .map(|&p| from + p + t.len())
                })
                .min();
            if let Some(end) = found
                && end - at <= 40
            {
                add(Hit::new(rule, at, end));
            }
        }
    }
}
