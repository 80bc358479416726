//! What the office's paper carries, as plain data for the templates: the
//! 稿件处理单 of an article, the 付印单 of an issue and the 校样. Every
//! fact comes from the journal and the article; the templates only lay
//! them out.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::journal::{Event, Op};
use super::status::Status;
use super::workflow::{StageKind, Workflow};

/// How a sign-off stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// It signed the text and printed fields the article holds now.
    Valid,
    /// The text changed after it, or a later sign-off of the stage replaced it.
    Stale,
    /// A return (退回) withdrew it.
    Withdrawn,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignRow {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub note: Option<String>,
    pub standing: Standing,
    /// 有效, 已过期 or 已撤回, for the template to print.
    pub standing_label: String,
}

/// One row of the sheet per stage of the workflow, in order, with every
/// sign-off it ever had.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRow {
    pub id: String,
    pub name: String,
    pub proofreading: bool,
    pub signs: Vec<SignRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Return {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub reason: Option<String>,
}

/// Each stage's sign-offs in the order they were made, judged against the
/// article's status now; `label` names a standing in the office's words.
pub fn stage_rows(
    events: &[Event],
    wf: &Workflow,
    status: &Status,
    label: impl Fn(Standing) -> String,
) -> Vec<StageRow> {
    wf.stages
        .iter()
        .map(|stage| {
            let signs = events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.op == Op::Signoff && e.stage.as_deref() == Some(&stage.id))
                .map(|(i, e)| {
                    let standing = standing(events, i, status);
                    SignRow {
                        by: e.by.clone(),
                        at: e.at,
                        note: e.note.clone(),
                        standing,
                        standing_label: label(standing),
                    }
                })
                .collect();
            StageRow {
                id: stage.id.clone(),
                name: stage.name.clone(),
                proofreading: stage.kind == StageKind::Proofread,
                signs,
            }
        })
        .collect()
}

fn standing(events: &[Event], at: usize, status: &Status) -> Standing {
    let event = &events[at];
    if let Some(current) = status.signed.iter().find(|s| s.event == event.id) {
        return match current.fresh {
            true => Standing::Valid,
            false => Standing::Stale,
        };
    }
    // Not current: what came after it first, a return or a new sign-off
    // of the same stage?
    let withdrawn = events[at + 1..]
        .iter()
        .find(|e| e.op == Op::Reopen || (e.op == Op::Signoff && e.stage == event.stage))
        .is_some_and(|e| e.op == Op::Reopen);
    match withdrawn {
        true => Standing::Withdrawn,
        false => Standing::Stale,
    }
}

pub fn returns(events: &[Event]) -> Vec<Return> {
    events
        .iter()
        .filter(|e| e.op == Op::Reopen)
        .map(|e| Return {
            by: e.by.clone(),
            at: e.at,
            reason: e.note.clone(),
        })
        .collect()
}

/// The article's revisions in brief: how many, by whom, characters added
/// and removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RevisionSummary {
    pub count: usize,
    pub by: Vec<String>,
    pub added: usize,
    pub removed: usize,
}

impl RevisionSummary {
    /// From (author, added, removed) of each revision after the first text.
    pub fn of<'a>(revisions: impl IntoIterator<Item = (&'a str, usize, usize)>) -> RevisionSummary {
        let mut summary = RevisionSummary::default();
        for (author, added, removed) in revisions {
            summary.count += 1;
            summary.added += added;
            summary.removed += removed;
            if !summary.by.iter().any(|b| b == author) {
                summary.by.push(author.to_string());
            }
        }
        summary
    }
}

/// The proofreading round a 校样 of the current text belongs to,
/// numbered as `galley quality` numbers them: the proofreading sign-offs
/// in the order they were made, the first being round 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProofRound {
    pub number: usize,
    /// Who signed this round: `None` while the round is still to be read.
    pub proofreader: Option<String>,
    /// When this round was signed: `None` while it is still to be read.
    pub at: Option<DateTime<FixedOffset>>,
}

/// When the last proofreading sign-off signed `body` (the hash of the
/// text as it stands), the proof is that round's, with its proofreader and
/// date. Otherwise the text is waiting for the next round, whose reader
/// and date are not known yet.
pub fn proof_round(events: &[Event], wf: &Workflow, body: &str) -> ProofRound {
    let proofreadings = proofreadings(events, wf);
    match proofreadings.last() {
        Some(last) if last.body.as_deref() == Some(body) => ProofRound {
            number: proofreadings.len(),
            proofreader: Some(last.by.clone()),
            at: Some(last.at),
        },
        _ => ProofRound {
            number: proofreadings.len() + 1,
            proofreader: None,
            at: None,
        },
    }
}

/// Every proofreading sign-off the article had, each one a reading of its
/// text (一校, 二校, …), in the order they were made.
pub fn proofreadings<'a>(events: &'a [Event], wf: &Workflow) -> Vec<&'a Event> {
    let mut readings: Vec<&Event> = events
        .iter()
        .filter(|e| {
            e.op == Op::Signoff
                && e.stage
                    .as_deref()
                    .and_then(|s| wf.stage(s))
                    .is_some_and(|s| s.kind == StageKind::Proofread)
        })
        .collect();
    readings.sort_by_key(|e| e.at);
    readings
}

/// A run of a proof's paragraph: plain text, or the text a margin note
/// is about, with the note's number to print at the spot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Piece {
    pub text: String,
    /// The number of the margin note about this run, from 1.
    pub mark: Option<usize>,
}

/// `text` cut at the spots (character ranges) its notes are about, the
/// n-th spot marked n + 1. A spot that overlaps an earlier one gets its
/// mark where the earlier ends, with no text of its own.
pub fn marked_pieces(text: &str, spots: &[(usize, usize)]) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let slice = |from: usize, to: usize| -> String {
        chars[from.min(chars.len())..to.min(chars.len())]
            .iter()
            .collect()
    };
    let mut order: Vec<usize> = (0..spots.len()).collect();
    order.sort_by_key(|&i| spots[i]);
    let mut pieces = Vec::new();
    let mut at = 0;
    for i in order {
        let (start, end) = spots[i];
        if start >= at {
            if start > at {
                pieces.push(Piece {
                    text: slice(at, start),
                    mark: None,
                });
            }
            pieces.push(Piece {
                text: slice(start, end.max(start)),
                mark: Some(i + 1),
            });
            at = end.max(start);
        } else {
            pieces.push(Piece {
                text: String::new(),
                mark: Some(i + 1),
            });
        }
    }
    if at < chars.len() {
        pieces.push(Piece {
            text: slice(at, chars.len()),
            mark: None,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::frontmatter::Pins;
    use crate::core::status::fold;

    fn event(id: &str, op: Op, stage: Option<&str>, body: &str) -> Event {
        let at = DateTime::parse_from_rfc3339("2024-02-20T09:00:00+08:00").unwrap();
        let mut e = Event::new(op, "宋欣龙", at);
        e.id = id.into();
        e.stage = stage.map(str::to_string);
        e.body = Some(body.into());
        e
    }

    fn rows(events: &[Event], body: &str) -> Vec<StageRow> {
        let wf = Workflow::default();
        let pins = Pins {
            body: body.into(),
            printed: String::new(),
        };
        let status = fold(events, &wf, &pins);
        stage_rows(events, &wf, &status, |s| format!("{s:?}"))
    }

    #[test]
    fn a_re_signed_stage_keeps_the_old_sign_off_as_stale() {
        let wf = Workflow::default();
        let first = wf.stages[0].id.clone();
        let events = vec![
            event("a", Op::Signoff, Some(&first), "v1"),
            event("b", Op::Revise, None, "v2"),
            event("c", Op::Signoff, Some(&first), "v2"),
        ];
        let rows = rows(&events, "v2");
        let standings: Vec<Standing> = rows[0].signs.iter().map(|s| s.standing).collect();
        assert_eq!(standings, [Standing::Stale, Standing::Valid]);
        assert_eq!(rows.len(), wf.stages.len());
    }

    #[test]
    fn a_return_withdraws_and_a_changed_text_stales() {
        let wf = Workflow::default();
        let first = wf.stages[0].id.clone();
        let events = vec![
            event("a", Op::Signoff, Some(&first), "v1"),
            event("b", Op::Reopen, None, "v1"),
            event("c", Op::Signoff, Some(&first), "v1"),
        ];
        assert_eq!(
            rows(&events, "v1")[0].signs[0].standing,
            Standing::Withdrawn
        );
        assert_eq!(rows(&events, "v1")[0].signs[1].standing, Standing::Valid);
        assert_eq!(rows(&events, "v9")[0].signs[1].standing, Standing::Stale);
        assert_eq!(returns(&events).len(), 1);
    }

    #[test]
    fn a_proof_names_the_round_that_signed_its_text_or_the_next_one() {
        let wf = Workflow::default();
        let first = wf.stages[0].id.clone();
        let mut a = event("a", Op::Signoff, Some(&first), "v1");
        a.by = "王栋栋".into();
        let b = event("b", Op::Revise, None, "v2");
        let round = proof_round(std::slice::from_ref(&a), &wf, "v1");
        assert_eq!(round.number, 1);
        assert_eq!(round.proofreader.as_deref(), Some("王栋栋"));
        assert_eq!(round.at, Some(a.at));
        let next = proof_round(&[a, b], &wf, "v2");
        assert_eq!((next.number, next.proofreader, next.at), (2, None, None));
        assert_eq!(proof_round(&[], &wf, "v1").number, 1);
    }

    #[test]
    fn a_paragraph_is_cut_at_its_notes_spots_and_each_is_numbered() {
        let pieces = marked_pieces("投贷联动和科技贷", &[(7, 8), (0, 4), (1, 2)]);
        let shown: Vec<(&str, Option<usize>)> =
            pieces.iter().map(|p| (p.text.as_str(), p.mark)).collect();
        assert_eq!(
            shown,
            [
                ("投贷联动", Some(2)),
                ("", Some(3)),
                ("和科技", None),
                ("贷", Some(1))
            ]
        );
    }

    #[test]
    fn revisions_are_summed_and_their_authors_named_once() {
        let s = RevisionSummary::of([("刘卫防", 10, 2), ("宋欣龙", 1, 1), ("刘卫防", 3, 0)]);
        assert_eq!(s.count, 3);
        assert_eq!((s.added, s.removed), (14, 3));
        assert_eq!(s.by, ["刘卫防", "宋欣龙"]);
    }
}
