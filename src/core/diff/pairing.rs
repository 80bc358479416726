//! Pairing paragraphs across two texts: identical ones first, then ones
//! similar enough to be the same paragraph edited (shared character
//! pairs). The longest run of pairs that keeps its order stays in place;
//! every other pair is a move.

use std::collections::{HashMap, HashSet};

use super::tokens::count;

/// Share of character pairs two paragraphs must have in common (Dice
/// coefficient) to count as one paragraph edited.
const SIMILAR: f64 = 0.5;
const MIN_SIMILAR_CHARS: usize = 4;
/// So similar that the paragraph in the same place needs no rival.
const OBVIOUS: f64 = 0.8;
/// Beyond this many candidate comparisons, a paragraph is only compared
/// with its neighbours in the other text.
const ALL_PAIRS_LIMIT: usize = 2500;
const NEIGHBOURHOOD: usize = 25;

/// A paragraph's distinct character pairs, each packed into one number and
/// sorted, so that two paragraphs are compared by one merge, not by
/// hashing every pair.
type Bigrams = Vec<u64>;

fn bigrams(text: &str) -> Bigrams {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut grams: Bigrams = chars
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn dice(a: &Bigrams, b: &Bigrams) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // At best every pair of the smaller set is shared; paragraphs of very
    // different length are ruled out without the merge.
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    if 2.0 * (small as f64) / ((small + large) as f64) < SIMILAR {
        return 0.0;
    }
    // At best every pair of the smaller set is shared; most paragraphs of
    // very different length are ruled out without the merge.
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    if 2.0 * (small as f64) / ((small + large) as f64) < SIMILAR {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Pairs `(old, new)` sorted by old index.
pub fn pair(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, text) in new.iter().enumerate().rev() {
        by_text.entry(text).or_default().push(n);
    }
    let mut old_free = Vec::new();
    for (o, text) in old.iter().enumerate() {
        match by_text.get_mut(text).and_then(Vec::pop) {
            Some(n) => pairs.push((o, n)),
            None => old_free.push(o),
        }
    }
    let taken: HashSet<usize> = pairs.iter().map(|(_, n)| *n).collect();
    let new_free: Vec<usize> = (0..new.len()).filter(|n| !taken.contains(n)).collect();
    pairs.sort();
    let found = similar_pairs(old, new, &old_free, &new_free, &pairs);
    pairs.extend(found);
    pairs.sort();
    pairs
}

/// Share of two texts that their common beginning and end cover: a cheap
/// first look that settles a paragraph edited in a few places in the
/// middle without building its character pairs.
fn shared_ends(a: &str, b: &str) -> f64 {
    let prefix: usize = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    let rest = la.min(lb) - prefix;
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    if la + lb == 0 {
        return 0.0;
    }
    2.0 * (prefix + suffix) as f64 / (la + lb) as f64
}

/// Where old paragraph `o` would stand in the new text, judged by the
/// nearest identical paragraph before it: an index into `new_free`.
fn expected_at(o: usize, anchors: &[(usize, usize)], new_free: &[usize]) -> Option<usize> {
    let before = anchors.partition_point(|&(a, _)| a < o);
    let n = match before.checked_sub(1) {
        Some(k) => anchors[k].1 + (o - anchors[k].0),
        None => o,
    };
    new_free.binary_search(&n).ok()
}

fn similar_pairs(
    old: &[&str],
    new: &[&str],
    old_free: &[usize],
    new_free: &[usize],
    anchors: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let old_usable: Vec<bool> = old_free
        .iter()
        .map(|&o| count(old[o]) >= MIN_SIMILAR_CHARS)
        .collect();
    let new_usable: Vec<bool> = new_free
        .iter()
        .map(|&n| count(new[n]) >= MIN_SIMILAR_CHARS)
        .collect();
    // Character pairs are built only for paragraphs that the cheap look at
    // their ends did not settle.
    let mut old_grams: Vec<Option<Bigrams>> = vec![None; old_free.len()];
    let mut new_grams: Vec<Option<Bigrams>> = vec![None; new_free.len()];
    let everywhere = old_free.len() * new_free.len() <= ALL_PAIRS_LIMIT;
    let mut candidates = Vec::new();
    let mut settled = HashSet::new();
    for (i, o) in old_free.iter().enumerate() {
        if !old_usable[i] {
            continue;
        }
        // Where this paragraph would sit among the other text's free ones:
        // after the identical paragraph before it, or failing that, in
        // proportion. A heading repeated elsewhere may pair far away, so
        // both places are tried.
        let proportional = i * new_free.len() / old_free.len().max(1);
        let expected = expected_at(*o, anchors, new_free);
        let centre = expected.unwrap_or(proportional);
        // The common case, a paragraph edited where it stands, is settled
        // without comparing it to every other paragraph.
        if let Some(&n) = new_free.get(centre)
            && new_usable[centre]
            && !settled.contains(&n)
            && shared_ends(old[*o], new[n]) >= OBVIOUS
        {
            settled.insert(n);
            candidates.push((1.0, *o, n));
            continue;
        }
        let mine: &Bigrams = old_grams[i].get_or_insert_with(|| bigrams(old[*o]));
        if let Some(&n) = new_free.get(centre)
            && new_usable[centre]
            && !settled.contains(&n)
            && dice(
                mine,
                new_grams[centre].get_or_insert_with(|| bigrams(new[n])),
            ) >= OBVIOUS
        {
            settled.insert(n);
            candidates.push((1.0, *o, n));
            continue;
        }
        let range = if everywhere {
            0..new_free.len()
        } else {
            centre.saturating_sub(NEIGHBOURHOOD)..(centre + NEIGHBOURHOOD).min(new_free.len())
        };
        for j in range {
            let n = new_free[j];
            if !new_usable[j] || settled.contains(&n) {
                continue;
            }
            let score = dice(mine, new_grams[j].get_or_insert_with(|| bigrams(new[n])));
            if score >= SIMILAR {
                candidates.push((score, *o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut old_used, mut new_used) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, o, n) in candidates {
        if !old_used.contains(&o) && !new_used.contains(&n) {
            old_used.insert(o);
            new_used.insert(n);
            pairs.push((o, n));
        }
    }
    pairs
}

/// Indexes into `pairs` (sorted by old) of the longest subsequence whose new
/// indexes also increase: the paragraphs that stayed in place.
pub fn in_place(pairs: &[(usize, usize)]) -> Vec<usize> {
    // Patience-sorting LIS with back links.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, &(_, n)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < n);
        if at > 0 {
            back[i] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::new();
    let mut cursor = tails.last().copied();
    while let Some(i) = cursor {
        out.push(i);
        cursor = back[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_and_similar_paragraphs_pair_up() {
        let old = ["甲段落的内容在这里。", "乙段落讲的是另一件事情。", "丙"];
        let new = ["乙段落讲的是另一件大事情。", "甲段落的内容在这里。", "丁"];
        assert_eq!(pair(&old, &new), [(0, 1), (1, 0)]);
    }

    #[test]
    fn an_edited_paragraph_is_looked_for_after_the_identical_one_before_it() {
        // The heading 二、存在问题 is also the first paragraph of the new
        // text, so among the unpaired paragraphs the edited ones no longer
        // stand at the same index; they are found after the heading.
        let old = [
            "一、基本情况",
            "全市现有生物降解材料企业十二家，产能逐年提高。",
            "二、存在问题",
            "产业链各环节发展不平衡，上游原料供给不足。",
        ];
        let new = [
            "二、存在问题",
            "一、基本情况概述",
            "全市现有生物降解材料企业十三家，产能逐年提高。",
            "产业链各环节发展不平衡，上游原料供给不够。",
        ];
        assert_eq!(pair(&old, &new), [(0, 1), (1, 2), (2, 0), (3, 3)]);
    }

    #[test]
    fn the_longest_ordered_run_stays_in_place() {
        let pairs = [(0, 4), (1, 0), (2, 2), (3, 3)];
        assert_eq!(in_place(&pairs), [1, 2, 3]);
    }
}
