//! Hunks: each change with its place in both texts and its class, and the
//! summary a proofreader reads first.

use serde::Serialize;

use super::tokens::{count, is_punctuation};
use super::{Block, Run};

/// A place in a text: paragraph number (from 1) and character offset
/// within the paragraph (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct At {
    pub paragraph: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HunkKind {
    Insert,
    Delete,
    Replace,
    /// Only punctuation changed: `,` → `，`, a mark added or removed.
    Punctuation,
    /// Only spaces changed.
    Space,
    /// A paragraph break added.
    Split,
    /// A paragraph break removed.
    Join,
    /// A paragraph moved elsewhere (its text is in both `old` and `new`).
    Move,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hunk {
    pub kind: HunkKind,
    pub old: String,
    pub new: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_at: Option<At>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_at: Option<At>,
}

/// Character counts leave out white space. A replacement of three
/// characters by five counts 3 changed and 2 inserted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub inserted: usize,
    pub deleted: usize,
    pub changed: usize,
    /// Places where only punctuation changed.
    pub punctuation: usize,
    pub space: usize,
    pub moved: usize,
    pub split: usize,
    pub joined: usize,
    /// Every character on the new side of a change, punctuation included:
    /// the 增 of a revision log.
    pub added_chars: usize,
    /// Every character on the old side of a change: the 删 of a log.
    pub removed_chars: usize,
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }
}

pub fn classify(old: &str, new: &str) -> HunkKind {
    let old_text: String = old.chars().filter(|c| !c.is_whitespace()).collect();
    let new_text: String = new.chars().filter(|c| !c.is_whitespace()).collect();
    let breaks = |s: &str| s.matches('\n').count();
    if old_text.is_empty() && new_text.is_empty() {
        return match breaks(new).cmp(&breaks(old)) {
            std::cmp::Ordering::Greater => HunkKind::Split,
            std::cmp::Ordering::Less => HunkKind::Join,
            std::cmp::Ordering::Equal => HunkKind::Space,
        };
    }
    if old_text.chars().chain(new_text.chars()).all(is_punctuation) {
        HunkKind::Punctuation
    } else if old_text.is_empty() {
        HunkKind::Insert
    } else if new_text.is_empty() {
        HunkKind::Delete
    } else {
        HunkKind::Replace
    }
}

/// A cursor through the paragraphs of one side of a block.
struct Cursor<'a> {
    paragraphs: &'a [usize],
    index: usize,
    offset: usize,
}

impl Cursor<'_> {
    fn at(&self) -> Option<At> {
        let last = self.paragraphs.len().checked_sub(1)?;
        Some(At {
            paragraph: self.paragraphs[self.index.min(last)] + 1,
            offset: self.offset,
        })
    }
    fn advance(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                self.index += 1;
                self.offset = 0;
            } else {
                self.offset += 1;
            }
        }
    }
}

pub fn collect(blocks: &[Block]) -> (Vec<Hunk>, Summary) {
    let mut hunks = Vec::new();
    for block in blocks {
        match block {
            Block::Same { .. } | Block::MovedAway { .. } => {}
            Block::Edited { old, new, runs, .. } => runs_hunks(old, new, runs, &mut hunks),
            Block::Moved { old, new, runs } => {
                let text = |side: fn(&Run) -> &str| runs.iter().map(side).collect::<String>();
                hunks.push(Hunk {
                    kind: HunkKind::Move,
                    old: text(old_side),
                    new: text(new_side),
                    old_at: Some(At {
                        paragraph: old + 1,
                        offset: 0,
                    }),
                    new_at: Some(At {
                        paragraph: new + 1,
                        offset: 0,
                    }),
                });
                runs_hunks(&[*old], &[*new], runs, &mut hunks);
            }
        }
    }
    let summary = summarize(&hunks);
    (hunks, summary)
}

pub fn old_side(run: &Run) -> &str {
    match run {
        Run::Same { text } => text,
        Run::Change { old, .. } => old,
    }
}

pub fn new_side(run: &Run) -> &str {
    match run {
        Run::Same { text } => text,
        Run::Change { new, .. } => new,
    }
}

fn runs_hunks(old: &[usize], new: &[usize], runs: &[Run], hunks: &mut Vec<Hunk>) {
    let mut old_cursor = Cursor {
        paragraphs: old,
        index: 0,
        offset: 0,
    };
    let mut new_cursor = Cursor {
        paragraphs: new,
        index: 0,
        offset: 0,
    };
    for run in runs {
        if let Run::Change { old, new } = run {
            hunks.push(Hunk {
                kind: classify(old, new),
                old: old.clone(),
                new: new.clone(),
                old_at: old_cursor.at(),
                new_at: new_cursor.at(),
            });
        }
        old_cursor.advance(old_side(run));
        new_cursor.advance(new_side(run));
    }
}

fn summarize(hunks: &[Hunk]) -> Summary {
    let mut s = Summary::default();
    for h in hunks {
        let (old, new) = (count(&h.old), count(&h.new));
        match h.kind {
            HunkKind::Move => {
                s.moved += 1;
                continue;
            }
            HunkKind::Punctuation => s.punctuation += 1,
            HunkKind::Space => s.space += 1,
            HunkKind::Split | HunkKind::Join => {}
            HunkKind::Insert => s.inserted += new,
            HunkKind::Delete => s.deleted += old,
            HunkKind::Replace => {
                let both = old.min(new);
                s.changed += both;
                s.inserted += new - both;
                s.deleted += old - both;
            }
        }
        // A paragraph break gained or lost inside a change is a split or a
        // join, whatever else changed with it; whole paragraphs inserted or
        // deleted are neither.
        if !matches!(h.kind, HunkKind::Insert | HunkKind::Delete) {
            let breaks = |t: &str| t.matches('\n').count();
            s.split += breaks(&h.new).saturating_sub(breaks(&h.old));
            s.joined += breaks(&h.old).saturating_sub(breaks(&h.new));
        }
        s.added_chars += new;
        s.removed_chars += old;
    }
    s
}
