//! The diff model: what changed between two texts, in units a Chinese
//! proofreader reads.
//!
//! Paragraphs are paired first (identical, or similar enough to be one
//! paragraph edited); the longest run of pairs in order stays in place and
//! the other pairs are moves. Only the paragraphs that really changed are
//! then compared token by token, which keeps a 30,000-character article fast. A block whose
//! comparison would be shredded beyond reading, or that runs past the
//! deadline, is shown whole instead, and the result says so.

mod hunks;
mod pairing;
pub mod tokens;

use std::collections::HashMap;
use std::time::Instant;

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

pub use hunks::{At, Hunk, HunkKind, Summary};
use tokens::{Segmenter, count};

pub struct Options<'a> {
    pub segmenter: &'a Segmenter,
    /// After this, blocks not yet compared are shown whole.
    pub deadline: Option<Instant>,
}

/// A stretch of text, either unchanged or changed. A change's texts may be
/// empty (pure insertion or deletion) and may hold paragraph breaks (`\n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Run {
    Same { text: String },
    Change { old: String, new: String },
}

/// Paragraph numbers are 0-based indexes into the old and new paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Same {
        old: usize,
        new: usize,
        text: String,
    },
    /// One paragraph edited in place, or several compared together because
    /// they were split or joined. `whole` means shown as whole paragraphs.
    Edited {
        old: Vec<usize>,
        new: Vec<usize>,
        runs: Vec<Run>,
        whole: bool,
    },
    /// A paragraph that now stands elsewhere, with any edits made to it.
    Moved {
        old: usize,
        new: usize,
        runs: Vec<Run>,
    },
    /// Where a moved paragraph used to be.
    MovedAway { old: usize, new: usize },
}

/// Why some blocks are shown as whole paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coarse {
    /// Almost nothing in them survived: a rewrite.
    Rewrite,
    /// The comparison ran out of time.
    Deadline,
}

#[derive(Debug, Clone)]
pub struct Redline {
    pub blocks: Vec<Block>,
    pub hunks: Vec<Hunk>,
    pub summary: Summary,
    pub coarse: Option<Coarse>,
}

impl Redline {
    pub fn is_empty(&self) -> bool {
        self.hunks.is_empty()
    }
}

/// A block where less than this share survived, in several pieces, reads
/// better as whole paragraphs than as confetti.
const REWRITE_RATIO: f64 = 0.3;
/// Characters beyond which a run of mutually dissimilar paragraphs is shown
/// whole without being compared.
const LARGE_REWRITE: usize = 4000;

/// Old paragraphs, new paragraphs, and whether none of them resembles any
/// paragraph on the other side.
type Group = (Vec<usize>, Vec<usize>, bool);

/// The paragraphs of a body: its non-blank lines, without trailing spaces.
pub fn paragraphs(body: &str) -> Vec<&str> {
    body.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

pub fn compare(old_body: &str, new_body: &str, options: &Options) -> Redline {
    let old = paragraphs(old_body);
    let new = paragraphs(new_body);
    let pairs = pairing::pair(&old, &new);
    let anchors: Vec<(usize, usize)> = pairing::in_place(&pairs)
        .into_iter()
        .map(|i| pairs[i])
        .collect();
    let moved_from: HashMap<usize, usize> = pairs
        .iter()
        .filter(|p| !anchors.contains(p))
        .copied()
        .collect();
    let moved_to: HashMap<usize, usize> = moved_from.iter().map(|(o, n)| (*n, *o)).collect();
    let near = |anchor: Option<(usize, usize)>| anchor.is_some_and(|(o, n)| old[o] != new[n]);
    // Segments: what lies before the first anchor, then each anchor with
    // what follows it up to the next one.
    let mut starts: Vec<Option<(usize, usize)>> = vec![None];
    starts.extend(anchors.iter().copied().map(Some));
    let mut coarse = None;
    let mut blocks = Vec::new();
    // Unpaired paragraphs handed on to the next anchor, an edited one, so
    // that a split or join around it is seen as such.
    let mut pending: (Vec<usize>, Vec<usize>) = (vec![], vec![]);
    for (k, &anchor) in starts.iter().enumerate() {
        let (old_from, new_from) = anchor.map_or((0, 0), |(o, n)| (o + 1, n + 1));
        let next = starts.get(k + 1).copied().flatten();
        let (old_to, new_to) = next.unwrap_or((old.len(), new.len()));
        let mut items: Vec<(usize, Block)> = Vec::new();
        let rest_old: Vec<usize> = (old_from..old_to)
            .filter(|o| match moved_from.get(o) {
                Some(n) => {
                    items.push((new_from, Block::MovedAway { old: *o, new: *n }));
                    false
                }
                None => true,
            })
            .collect();
        let rest_new: Vec<usize> = (new_from..new_to)
            .filter(|n| match moved_to.get(n) {
                Some(o) => {
                    let runs = diff_runs(old[*o], new[*n], options).0;
                    items.push((
                        *n,
                        Block::Moved {
                            old: *o,
                            new: *n,
                            runs,
                        },
                    ));
                    false
                }
                None => true,
            })
            .collect();
        let mut groups: Vec<Group> = Vec::new();
        match anchor {
            Some((o, n)) if near(anchor) => {
                let (mut with_old, mut with_new) = std::mem::take(&mut pending);
                with_old.push(o);
                with_old.extend(&rest_old);
                with_new.push(n);
                with_new.extend(&rest_new);
                groups.push((with_old, with_new, false));
            }
            _ => {
                if let Some((o, n)) = anchor {
                    let text = new[n].to_string();
                    items.push((
                        n,
                        Block::Same {
                            old: o,
                            new: n,
                            text,
                        },
                    ));
                }
                if near(next) {
                    pending = (rest_old, rest_new);
                } else {
                    groups = group(rest_old, rest_new);
                }
            }
        }
        for (o, n, dissimilar) in groups {
            let key = n.first().copied().unwrap_or(new_from);
            let (block, why) = edited(&old, &new, o, n, dissimilar, options);
            coarse = coarse.or(why);
            items.push((key, block));
        }
        items.sort_by_key(|(key, _)| *key);
        blocks.extend(items.into_iter().map(|(_, b)| b));
    }
    let (hunks, summary) = hunks::collect(&blocks);
    Redline {
        blocks,
        hunks,
        summary,
        coarse,
    }
}

/// Unpaired paragraphs between two anchors: one to one when the counts
/// agree, otherwise compared together so splits and joins show.
fn group(rest_old: Vec<usize>, rest_new: Vec<usize>) -> Vec<Group> {
    if rest_old.is_empty() && rest_new.is_empty() {
        vec![]
    } else if rest_old.len() == rest_new.len() {
        rest_old
            .into_iter()
            .zip(rest_new)
            .map(|(o, n)| (vec![o], vec![n], false))
            .collect()
    } else {
        // None of these resembles any paragraph on the other side.
        vec![(rest_old, rest_new, true)]
    }
}

fn edited(
    old: &[&str],
    new: &[&str],
    old_ids: Vec<usize>,
    new_ids: Vec<usize>,
    dissimilar: bool,
    options: &Options,
) -> (Block, Option<Coarse>) {
    let join = |paras: &[&str], ids: &[usize]| {
        ids.iter().map(|i| paras[*i]).collect::<Vec<_>>().join("\n")
    };
    let old_text = join(old, &old_ids);
    let new_text = join(new, &new_ids);
    // Many paragraphs, none like any other: comparing them character by
    // character would only cost time to produce confetti.
    let rewritten = dissimilar
        && old_ids.len() > 1
        && new_ids.len() > 1
        && count(&old_text) + count(&new_text) > LARGE_REWRITE;
    let (runs, out_of_time) = if rewritten {
        (vec![], false)
    } else {
        diff_runs(&old_text, &new_text, options)
    };
    let why = if out_of_time {
        Some(Coarse::Deadline)
    } else if rewritten || is_rewrite(&runs) {
        Some(Coarse::Rewrite)
    } else {
        None
    };
    let (runs, whole) = match why {
        Some(_) => (
            vec![Run::Change {
                old: old_text,
                new: new_text,
            }],
            true,
        ),
        None => (runs, false),
    };
    let block = Block::Edited {
        old: old_ids,
        new: new_ids,
        runs,
        whole,
    };
    (block, why)
}

fn is_rewrite(runs: &[Run]) -> bool {
    let mut same = 0;
    let mut changes = 0;
    let (mut old_total, mut new_total) = (0, 0);
    for run in runs {
        match run {
            Run::Same { text } => {
                same += count(text);
                old_total += count(text);
                new_total += count(text);
            }
            Run::Change { old, new } => {
                changes += 1;
                old_total += count(old);
                new_total += count(new);
            }
        }
    }
    changes > 1 && (same as f64) < REWRITE_RATIO * old_total.max(new_total) as f64
}

/// Token diff of two texts, with adjacent changes merged into runs.
/// The flag says the deadline passed, so the runs may be far from minimal.
fn diff_runs(old: &str, new: &str, options: &Options) -> (Vec<Run>, bool) {
    let old_tokens = (options.segmenter)(old);
    let new_tokens = (options.segmenter)(new);
    let ops =
        capture_diff_slices_deadline(Algorithm::Myers, &old_tokens, &new_tokens, options.deadline);
    let out_of_time = options.deadline.is_some_and(|d| Instant::now() > d);
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        let old_part = old_tokens[o].concat();
        let new_part = new_tokens[n].concat();
        match tag {
            DiffTag::Equal => runs.push(Run::Same { text: new_part }),
            _ => push_change(&mut runs, old_part, new_part),
        }
    }
    (absorb_lone_characters(runs), out_of_time)
}

fn push_change(runs: &mut Vec<Run>, old_part: String, new_part: String) {
    if let Some(Run::Change { old, new }) = runs.last_mut() {
        old.push_str(&old_part);
        new.push_str(&new_part);
    } else {
        runs.push(Run::Change {
            old: old_part,
            new: new_part,
        });
    }
}

/// A single unchanged Han character caught between two changes joins them,
/// so `人民群众` → `人们群体` reads as one change `民群众` → `们群体`, not two.
/// Punctuation and paragraph breaks stay as anchors between changes.
fn absorb_lone_characters(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut iter = runs.into_iter().peekable();
    while let Some(run) = iter.next() {
        match run {
            Run::Same { text }
                if text.chars().count() == 1
                    && text.chars().all(crate::core::cleanup::is_cjk)
                    && out.last().is_some_and(is_wording_change)
                    && iter.peek().is_some_and(is_wording_change) =>
            {
                let Some(Run::Change {
                    old: next_old,
                    new: next_new,
                }) = iter.next()
                else {
                    unreachable!("peeked a change");
                };
                if let Some(Run::Change { old, new }) = out.last_mut() {
                    old.push_str(&text);
                    old.push_str(&next_old);
                    new.push_str(&text);
                    new.push_str(&next_new);
                }
            }
            Run::Change { old, new } => push_change(&mut out, old, new),
            same => out.push(same),
        }
    }
    out
}

/// A change of words, not only of punctuation, spaces or paragraph breaks;
/// only such changes are joined across a lone character, so a punctuation
/// fix stays visible as one.
fn is_wording_change(run: &Run) -> bool {
    match run {
        Run::Change { old, new } => matches!(
            hunks::classify(old, new),
            HunkKind::Insert | HunkKind::Delete | HunkKind::Replace
        ),
        Run::Same { .. } => false,
    }
}

#[cfg(test)]
mod tests;
