//! Auditing one journal event against the rules in force when it was
//! recorded: the checks `galley verify` and the server-side guard make.
//! The commands refuse these things up front; the audit catches anyone who
//! wrote the files by hand.

use super::frontmatter::Pins;
use super::issue::IssueId;
use super::journal::{Event, Op};
use super::release;
use super::staff::StaffFile;
use super::status::fold;
use super::workflow::Refusal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// The commit's author is not the person the event names.
    NotTheAuthor {
        by: String,
        author: String,
    },
    UnknownPerson {
        name: String,
    },
    UnknownStage {
        stage: String,
    },
    /// A workflow rule the command would have refused on.
    Refused(Refusal),
    /// A sign-off that names a text other than the article's at the time.
    WrongText {
        stage: String,
    },
    /// An assignment without an editor, a sign-off without a stage.
    Incomplete,
    /// A move record whose article and journal did not come over whole
    /// from the issue it names.
    MoveMismatch {
        from: String,
    },
    /// A date years away from the article's issue: a wrong clock or a
    /// forged record.
    ImplausibleDate {
        field: DateField,
        day: chrono::NaiveDate,
        issue: IssueId,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// When the event was recorded.
    At,
    /// An assignment's due date.
    Due,
}

/// The dates of an event that lie outside what is plausible for `issue`.
pub fn implausible_dates(event: &Event, issue: IssueId) -> Vec<Violation> {
    let at = Some((DateField::At, event.at.date_naive()));
    let due = event.due.map(|d| (DateField::Due, d));
    [at, due]
        .into_iter()
        .flatten()
        .filter(|(_, day)| !issue.is_plausible(*day))
        .map(|(field, day)| Violation::ImplausibleDate { field, day, issue })
        .collect()
}

/// `prior` is the article's journal just before the event (in fold order),
/// `pins` the article's text and printed fields when the event was
/// committed, `issue` the issue the article is filed in.
pub fn check_event(
    staff: &StaffFile,
    prior: &[Event],
    event: &Event,
    pins: &Pins,
    author: &str,
    issue: Option<IssueId>,
) -> Vec<Violation> {
    let mut found = issue
        .map(|issue| implausible_dates(event, issue))
        .unwrap_or_default();
    if event.by != author {
        found.push(Violation::NotTheAuthor {
            by: event.by.clone(),
            author: author.to_string(),
        });
    }
    let Some(person) = staff.person(&event.by) else {
        found.push(Violation::UnknownPerson {
            name: event.by.clone(),
        });
        return found;
    };
    let wf = staff.workflow();
    let status = fold(prior, &wf, pins);
    let withdrawn = status.withdrawn.is_some();
    if withdrawn && !matches!(event.op, Op::Restore | Op::Withdraw) {
        found.push(Violation::Refused(Refusal::Withdrawn));
        return found;
    }
    let verdict = match event.op {
        Op::Signoff => {
            let Some(stage_id) = &event.stage else {
                found.push(Violation::Incomplete);
                return found;
            };
            let Some(stage) = wf.stage(stage_id) else {
                found.push(Violation::UnknownStage {
                    stage: stage_id.clone(),
                });
                return found;
            };
            if !event
                .body
                .as_deref()
                .is_some_and(|body| pins.hold(body, event.printed.as_deref()))
            {
                found.push(Violation::WrongText {
                    stage: stage.name.clone(),
                });
            }
            wf.check_signoff(
                stage,
                person,
                status.editor.as_deref(),
                &status.signed_triples(),
            )
        }
        Op::Assign => {
            let Some(editor) = event.editor.as_deref() else {
                found.push(Violation::Incomplete);
                return found;
            };
            match staff.person(editor) {
                Some(editor) => wf.check_assign(person, editor, status.editor.as_deref()),
                None => {
                    found.push(Violation::UnknownPerson {
                        name: editor.to_string(),
                    });
                    return found;
                }
            }
        }
        Op::Reopen => wf.check_reopen(person, status.editor.as_deref(), !status.signed.is_empty()),
        Op::Revise => Ok(()),
        Op::Withdraw => wf.check_withdraw(person, withdrawn),
        Op::Restore => wf.check_restore(person, withdrawn),
        Op::Move => wf.check_move(person, withdrawn),
        Op::Release | Op::Unrelease => {
            let released = release::fold(prior).released.map(|r| r.by);
            wf.check_release(person, released.as_deref(), event.op == Op::Unrelease)
        }
    };
    if let Err(refusal) = verdict {
        found.push(Violation::Refused(refusal));
    }
    found
}
