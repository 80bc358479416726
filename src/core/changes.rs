//! An article's revisions as Word 修订 (tracked changes): each character
//! inserted or deleted is attributed to the revision that made the change,
//! so that Word and WPS show every change under its editor's name and date.
//!
//! The text is followed revision by revision. Every character carries a
//! mark: kept from the starting text, inserted by revision k, or deleted by
//! revision k (still shown, struck through). A character that one revision
//! inserts and a later one deletes is in neither the old text nor the new,
//! and is left out; accepting every change then gives exactly the last
//! text, and rejecting every change the first.
//!
//! Paragraph ends are characters too, so a paragraph split or joined is a
//! tracked change of its paragraph mark, as Word records it.

use std::time::Instant;

use docx_rs::{BreakType, Comment, Delete, Insert, Paragraph, Run};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::export::{self, STYLE_BODY, clean};

/// Comment ids, far from the ids docx-rs numbers the changes with from 0,
/// as Word keeps every annotation's id unique.
const COMMENT_IDS: usize = 100_000;

/// A paragraph end, and a line break inside a paragraph.
const PARA: char = '\u{2029}';
const LINE: char = '\u{2028}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Kept,
    Inserted(usize),
    Deleted(usize),
}

/// Who made one revision and when, as Word records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub body: String,
    pub author: String,
    /// `2024-03-01T10:00:00Z`: see `word_date`.
    pub date: String,
}

/// A note (审读意见) shown as a Word comment at the start of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub author: String,
    pub date: String,
    pub text: String,
}

/// The date Word writes in `w:date`: the wall-clock time where the change
/// was made, with a Z, as Word and WPS themselves write and show it.
pub fn word_date(at: &chrono::DateTime<chrono::FixedOffset>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A body as the characters compared: paragraphs parted by `PARA`, lines
/// by `LINE`, cleaned as an export is.
fn flatten(body: &str) -> Vec<char> {
    let paragraphs = export::body_paragraphs(body);
    let mut out = Vec::new();
    for (i, lines) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(PARA);
        }
        for (j, line) in lines.iter().enumerate() {
            if j > 0 {
                out.push(LINE);
            }
            out.extend(line.chars());
        }
    }
    out
}

/// The tracked text from `base` through every step in order.
pub fn track(base: &str, steps: &[Step], deadline: Option<Instant>) -> Vec<(char, Mark)> {
    let mut state: Vec<(char, Mark)> = flatten(base).into_iter().map(|c| (c, Mark::Kept)).collect();
    for (k, step) in steps.iter().enumerate() {
        let live: Vec<char> = state
            .iter()
            .filter(|(_, m)| !matches!(m, Mark::Deleted(_)))
            .map(|(c, _)| *c)
            .collect();
        let new = flatten(&step.body);
        let ops = capture_diff_slices_deadline(Algorithm::Myers, &live, &new, deadline);
        // For each live character: kept or deleted; and what is inserted
        // before each (index `live.len()`: at the end).
        let mut deleted = vec![false; live.len()];
        let mut inserted: Vec<Vec<char>> = vec![Vec::new(); live.len() + 1];
        for op in ops {
            match op {
                DiffOp::Equal { .. } => {}
                DiffOp::Delete {
                    old_index, old_len, ..
                } => deleted[old_index..old_index + old_len].fill(true),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => inserted[old_index].extend(&new[new_index..new_index + new_len]),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    deleted[old_index..old_index + old_len].fill(true);
                    // After the deleted characters, as Word shows a
                    // replacement: the old struck through, then the new.
                    inserted[old_index + old_len].extend(&new[new_index..new_index + new_len]);
                }
            }
        }
        let mut next = Vec::with_capacity(state.len() + new.len());
        let mut i = 0;
        for (c, mark) in state {
            if let Mark::Deleted(_) = mark {
                next.push((c, mark));
                continue;
            }
            next.extend(inserted[i].iter().map(|&c| (c, Mark::Inserted(k))));
            match (deleted[i], mark) {
                (false, m) => next.push((c, m)),
                (true, Mark::Kept) => next.push((c, Mark::Deleted(k))),
                (true, _) => {}
            }
            i += 1;
        }
        next.extend(inserted[i].iter().map(|&c| (c, Mark::Inserted(k))));
        state = next;
    }
    state
}

fn unflatten(chars: impl Iterator<Item = char>) -> String {
    chars
        .map(|c| match c {
            PARA => "\n\n".to_string(),
            LINE => "\n".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The text with every change accepted.
pub fn accepted(tracked: &[(char, Mark)]) -> String {
    unflatten(
        tracked
            .iter()
            .filter(|(_, m)| !matches!(m, Mark::Deleted(_)))
            .map(|(c, _)| *c),
    )
}

/// The text with every change rejected.
pub fn rejected(tracked: &[(char, Mark)]) -> String {
    unflatten(
        tracked
            .iter()
            .filter(|(_, m)| !matches!(m, Mark::Inserted(_)))
            .map(|(c, _)| *c),
    )
}

/// A body as the export writes it, for comparing with `accepted`.
pub fn normalized(body: &str) -> String {
    unflatten(flatten(body).into_iter())
}

fn push_piece(p: Paragraph, text: &[char], mark: Mark, steps: &[Step]) -> Paragraph {
    if text.is_empty() {
        return p;
    }
    let mut runs: Vec<Run> = Vec::new();
    let deleting = matches!(mark, Mark::Deleted(_));
    let mut pending = String::new();
    let flush = |pending: &mut String, runs: &mut Vec<Run>| {
        if !pending.is_empty() {
            let run = match deleting {
                true => Run::new().add_delete_text(clean(pending)),
                false => Run::new().add_text(clean(pending)),
            };
            runs.push(run);
            pending.clear();
        }
    };
    for &c in text {
        if c == LINE {
            flush(&mut pending, &mut runs);
            runs.push(Run::new().add_break(BreakType::TextWrapping));
        } else {
            pending.push(c);
        }
    }
    flush(&mut pending, &mut runs);
    match mark {
        Mark::Kept => runs.into_iter().fold(p, |p, r| p.add_run(r)),
        Mark::Inserted(k) => {
            let step = &steps[k];
            runs.into_iter().fold(p, |p, r| {
                p.add_insert(
                    Insert::new(r)
                        .author(clean(&step.author))
                        .date(step.date.clone()),
                )
            })
        }
        Mark::Deleted(k) => {
            let step = &steps[k];
            runs.into_iter().fold(p, |p, r| {
                p.add_delete(
                    Delete::new()
                        .add_run(r)
                        .author(clean(&step.author))
                        .date(step.date.clone()),
                )
            })
        }
    }
}

/// The tracked text as Word paragraphs in the style 正文; `notes` become
/// comments anchored at the start of the first paragraph.
pub fn paragraphs(tracked: &[(char, Mark)], steps: &[Step], notes: &[Note]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut p = Paragraph::new().style(STYLE_BODY);
    for (id, note) in notes.iter().enumerate() {
        let id = COMMENT_IDS + id;
        let comment = Comment::new(id)
            .author(clean(&note.author))
            .date(note.date.clone())
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(clean(&note.text))));
        p = p.add_comment_start(comment).add_comment_end(id);
    }
    let mut piece: Vec<char> = Vec::new();
    let mut piece_mark = Mark::Kept;
    for &(c, mark) in tracked {
        if c == PARA {
            p = push_piece(p, &piece, piece_mark, steps);
            piece.clear();
            p = match mark {
                Mark::Kept => p,
                Mark::Inserted(k) => p.insert(clean(&steps[k].author), steps[k].date.clone()),
                Mark::Deleted(k) => p.delete(clean(&steps[k].author), steps[k].date.clone()),
            };
            out.push(p);
            p = Paragraph::new().style(STYLE_BODY);
            continue;
        }
        if mark != piece_mark {
            p = push_piece(p, &piece, piece_mark, steps);
            piece.clear();
            piece_mark = mark;
        }
        piece.push(c);
    }
    p = push_piece(p, &piece, piece_mark, steps);
    out.push(p);
    out
}

/// The Word document: `head`'s title lines as they stand now, then the
/// text with its tracked changes.
pub fn docx(
    header: &str,
    head: &export::Piece,
    tracked: &[(char, Mark)],
    steps: &[Step],
    notes: &[Note],
) -> Vec<u8> {
    let mut doc = export::document(header);
    for (style, line) in export::heading_lines(head) {
        doc = doc.add_paragraph(export::styled(style, &[line]));
    }
    for p in paragraphs(tracked, steps, notes) {
        doc = doc.add_paragraph(p);
    }
    // Opened in Word or WPS, 修订 stays on: the reader's own edits are
    // tracked too.
    export::repack(&export::pack(doc), "word/settings.xml", |xml| {
        xml.replacen(
            "<w:defaultTabStop",
            "<w:trackRevisions /><w:defaultTabStop",
            1,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(body: &str, author: &str) -> Step {
        Step {
            body: body.into(),
            author: author.into(),
            date: "2024-03-01T10:00:00Z".into(),
        }
    }

    #[test]
    fn each_change_is_marked_with_the_revision_that_made_it() {
        let steps = [
            step("濮阳市氢能产业快速发展。\n\n第二段。", "宋欣龙"),
            step("濮阳市氢能产业高质量发展。\n\n第二段！", "刘卫防"),
        ];
        let t = track("濮阳氢能产业发展。\n\n第二段。", &steps, None);
        assert_eq!(accepted(&t), "濮阳市氢能产业高质量发展。\n\n第二段！");
        assert_eq!(rejected(&t), "濮阳氢能产业发展。\n\n第二段。");
        let by =
            |m: Mark| -> String { t.iter().filter(|(_, x)| *x == m).map(|(c, _)| *c).collect() };
        // 市 by the first; 快速 inserted by the first and deleted by the
        // second is in neither text, so left out; 高质量 by the second.
        assert_eq!(by(Mark::Inserted(0)), "市");
        assert_eq!(by(Mark::Inserted(1)), "高质量！");
        assert_eq!(by(Mark::Deleted(1)), "。");
        assert_eq!(by(Mark::Deleted(0)), "");
    }

    #[test]
    fn paragraph_splits_and_joins_are_changes_of_the_paragraph_mark() {
        let steps = [step("一段。二段。\n\n三段。", "宋欣龙")];
        let t = track("一段。\n\n二段。三段。", &steps, None);
        assert_eq!(accepted(&t), "一段。二段。\n\n三段。");
        assert_eq!(rejected(&t), "一段。\n\n二段。三段。");
        assert!(t.contains(&(PARA, Mark::Deleted(0))));
        assert!(t.contains(&(PARA, Mark::Inserted(0))));
        let ps = paragraphs(&t, &steps, &[]);
        assert_eq!(ps.len(), 3);
    }
}
