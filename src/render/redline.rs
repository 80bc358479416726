//! A redline as terminal text: inline with context, or paragraph by
//! paragraph (`unified`). Colour when a person is watching; plain
//! `[-删-]{+增+}` markers when the output goes to a file or a pipe.

use crate::core::diff::{Block, Redline, Run};
use crate::core::terminal::sanitize;
use crate::messages::diff as says;

/// Unchanged characters shown on each side of a change.
const CONTEXT: usize = 12;
const PARAGRAPH_MARK: &str = "¶";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    Plain,
    Color,
}

impl Marks {
    fn deleted(self, text: &str) -> String {
        let text = shown(text);
        match self {
            Marks::Plain => format!("[-{text}-]"),
            Marks::Color => format!("\x1b[9;31m{text}\x1b[0m"),
        }
    }

    fn inserted(self, text: &str) -> String {
        let text = shown(text);
        match self {
            Marks::Plain => format!("{{+{text}+}}"),
            Marks::Color => format!("\x1b[32m{text}\x1b[0m"),
        }
    }

    fn change(self, old: &str, new: &str) -> String {
        let mut out = String::new();
        if !old.is_empty() {
            out.push_str(&self.deleted(old));
        }
        if !new.is_empty() {
            out.push_str(&self.inserted(new));
        }
        out
    }
}

/// Inside a change a paragraph break is drawn, so a split can be seen.
fn shown(text: &str) -> String {
    sanitize(&text.replace('\n', PARAGRAPH_MARK))
}

fn head(text: &str, n: usize) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let cut = chars.len() > n;
    (chars[..n.min(chars.len())].iter().collect(), cut)
}

fn tail(text: &str, n: usize) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let cut = chars.len() > n;
    (chars[chars.len().saturating_sub(n)..].iter().collect(), cut)
}

/// One line per changed block: each change with a little unchanged text
/// around it, and `…` where unchanged text was left out.
fn context_line(runs: &[Run], marks: Marks) -> String {
    let mut line = String::new();
    let last = runs.len().saturating_sub(1);
    for (i, run) in runs.iter().enumerate() {
        match run {
            Run::Change { old, new } => line.push_str(&marks.change(old, new)),
            Run::Same { text } if runs.len() == 1 => {
                let (start, cut) = head(text, CONTEXT * 2);
                line.push_str(&shown(&start));
                if cut {
                    line.push('…');
                }
            }
            Run::Same { text } if i == 0 => {
                let (end, cut) = tail(text, CONTEXT);
                if cut {
                    line.push('…');
                }
                line.push_str(&shown(&end));
            }
            Run::Same { text } if i == last => {
                let (start, cut) = head(text, CONTEXT);
                line.push_str(&shown(&start));
                if cut {
                    line.push('…');
                }
            }
            Run::Same { text } => {
                if text.chars().count() <= CONTEXT * 2 {
                    line.push_str(&shown(text));
                } else {
                    line.push_str(&shown(&head(text, CONTEXT).0));
                    line.push('…');
                    line.push_str(&shown(&tail(text, CONTEXT).0));
                }
            }
        }
    }
    line
}

/// The default view: where each change is, and the change in context.
pub fn inline(redline: &Redline, header: &str, marks: Marks) -> String {
    let mut out = format!("{header}\n");
    for block in &redline.blocks {
        match block {
            Block::Edited { old, new, runs, .. } => {
                let place = says::edited_place(old, new);
                out.push_str(&format!("{place}：{}\n", context_line(runs, marks)));
            }
            Block::Moved { old, new, runs } => {
                let place = says::moved_place(*old, *new);
                out.push_str(&format!("{place}：{}\n", context_line(runs, marks)));
            }
            Block::Same { .. } | Block::MovedAway { .. } => {}
        }
    }
    out.push_str(&says::summary(&redline.summary, redline.coarse));
    out.push('\n');
    out
}

/// Whole paragraphs, one per line: `~` edited in place, `-` and `+` for
/// paragraphs shown whole, with the inline markers inside.
pub fn unified(redline: &Redline, from: &str, to: &str, marks: Marks) -> String {
    let mut out = format!("--- {from}\n+++ {to}\n");
    for block in &redline.blocks {
        match block {
            Block::Edited {
                old,
                new,
                runs,
                whole,
            } => {
                out.push_str(&format!("@@ {} @@\n", says::edited_place(old, new)));
                if *whole || old.is_empty() || new.is_empty() {
                    for run in runs {
                        if let Run::Change { old, new } = run {
                            for line in old.lines() {
                                out.push_str(&format!("- {}\n", marks.deleted(line)));
                            }
                            for line in new.lines() {
                                out.push_str(&format!("+ {}\n", marks.inserted(line)));
                            }
                        }
                    }
                } else {
                    out.push_str(&marked_paragraphs(runs, marks));
                }
            }
            Block::Moved { old, new, runs } => {
                out.push_str(&format!("@@ {} @@\n", says::moved_place(*old, *new)));
                out.push_str(&marked_paragraphs(runs, marks));
            }
            Block::Same { .. } | Block::MovedAway { .. } => {}
        }
    }
    out.push_str(&says::summary(&redline.summary, redline.coarse));
    out.push('\n');
    out
}

/// The block's text in full with markers; unchanged paragraph breaks
/// start a new `~` line.
fn marked_paragraphs(runs: &[Run], marks: Marks) -> String {
    let mut text = String::new();
    for run in runs {
        match run {
            Run::Same { text: same } => text.push_str(&sanitize_keeping_breaks(same)),
            Run::Change { old, new } => text.push_str(&marks.change(old, new)),
        }
    }
    text.lines().map(|l| format!("~ {l}\n")).collect()
}

fn sanitize_keeping_breaks(text: &str) -> String {
    text.split('\n')
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n")
}
