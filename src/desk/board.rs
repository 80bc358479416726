//! The board of one issue: every article's standing, in contents order.

use chrono::NaiveDate;

use super::common::has_unsaved_body;
use crate::core::issue::{IssueFile, IssueId};
use crate::core::release::ReleaseState;
use crate::core::staff::Person;
use crate::core::workflow::Workflow;
use crate::error::Result;
use crate::messages;
use crate::repo::Magazine;
use crate::repo::load::{self, Article};

pub use crate::core::board::BoardRow;

pub fn board_row(wf: &Workflow, a: &Article, unsaved: bool, today: NaiveDate) -> BoardRow {
    let st = a.status(wf);
    let complete = st.is_complete(wf);
    BoardRow {
        article: a.key(),
        title: a.text.front.title.clone(),
        section: a.text.front.section.clone(),
        page: a.text.front.page,
        pages: a.text.front.pages,
        in_toc: a.text.front.in_toc,
        editor: st.editor.clone(),
        due: st.due,
        overdue: !complete && st.due.is_some_and(|d| d < today),
        status: match st.withdrawn {
            Some(_) => "withdrawn".into(),
            None => st.reached.clone().unwrap_or_else(|| "draft".into()),
        },
        status_label: match st.withdrawn {
            Some(_) => messages::WITHDRAWN_LABEL.to_string(),
            None => messages::status_label(wf, st.reached.as_deref()),
        },
        next: st.next.clone().filter(|_| st.withdrawn.is_none()),
        stale: st.stale.clone(),
        signed: st.signed.clone(),
        attention: st.attention.clone(),
        unsaved,
        withdrawn: st.withdrawn.clone(),
    }
}

/// Journal files in the work tree that no commit holds, across the issue.
fn strays(mag: &Magazine, articles: &[Article]) -> Vec<String> {
    articles
        .iter()
        .flat_map(|a| load::stray_journal_files(mag, a))
        .collect()
}

pub struct Board {
    pub issue: IssueId,
    pub file: IssueFile,
    pub rows: Vec<BoardRow>,
    /// Journal files in the work tree that no commit holds.
    pub stray: Vec<String>,
    /// Articles withdrawn from the issue (撤稿), listed apart.
    pub withdrawn: Vec<BoardRow>,
    /// Whether the issue has gone to the printer (付印).
    pub release: ReleaseState,
}

/// The board of the issue named (or the newest); with `mine`, only the
/// articles that person edits or may sign next.
pub fn board(
    mag: &mut Magazine,
    given: Option<&str>,
    today: NaiveDate,
    mine: Option<&Person>,
) -> Result<Board> {
    let issue = load::pick_issue(mag, given)?;
    let file = load::issue(mag, issue)?;
    let (mut articles, mut withdrawn) = load::articles_and_withdrawn(mag, issue, &file)?;
    let mut stray = strays(mag, &articles);
    if !stray.is_empty() && !mag.holds_writer_lock() {
        // Another galley may be between writing its record and committing
        // it. Once no galley is writing, what is still uncommitted really
        // was left behind.
        mag.hold_writer_lock()?;
        (articles, withdrawn) = load::articles_and_withdrawn(mag, issue, &file)?;
        stray = strays(mag, &articles);
        mag.writer = None;
    }
    let wf = mag.staff.workflow();
    let mut rows = Vec::new();
    for a in articles {
        let row = board_row(&wf, &a, has_unsaved_body(mag, &a), today);
        if let Some(me) = mine {
            let mine = row.editor.as_deref() == Some(me.name.as_str())
                || row
                    .next
                    .as_deref()
                    .and_then(|n| wf.stage(n))
                    .is_some_and(|stage| wf.may_sign(stage, me, row.editor.as_deref()).is_ok());
            if !mine {
                continue;
            }
        }
        rows.push(row);
    }
    let withdrawn = match mine {
        Some(_) => Vec::new(),
        None => withdrawn
            .iter()
            .map(|a| board_row(&wf, a, false, today))
            .collect(),
    };
    Ok(Board {
        issue,
        file,
        rows,
        stray,
        withdrawn,
        release: load::release_state(mag, issue)?,
    })
}
