//! 付印: the 主编 releases the issue to the printer. The record, in the
//! issue's own journal, pins every article's signed text and the contents
//! page; from then on nothing in the issue changes (see
//! `common::commit_as`) until the 付印 is withdrawn, with a reason.

use sha2::{Digest, Sha256};

use super::Desk;
use super::common::{commit_as, fresh_event};
use crate::core::hex;
use crate::core::issue::IssueId;
use crate::core::journal::{Op, PinnedText};
use crate::core::release::ReleaseState;
use crate::error::Result;
use crate::messages::{self, release as says, toc};
use crate::repo::commit::Change;
use crate::repo::history::TRAILER_OP;
use crate::repo::issue_contents::IssueContents;
use crate::repo::load;

pub const TRAILER_ISSUE: &str = "Galley-Issue";

pub struct Released {
    pub issue: IssueId,
    pub articles: usize,
}

/// Signs 付印 for `issue` (`undo`: withdraws it, for `reason`).
pub fn release(desk: &Desk, issue: &str, undo: bool, reason: Option<&str>) -> Result<Released> {
    let (mag, actor) = (desk.mag, desk.actor);
    let contents = IssueContents::load(mag, Some(issue))?;
    let id = contents.id;
    let events = load::issue_events(mag, id)?;
    let state: ReleaseState = crate::core::release::fold(&events);
    let wf = mag.staff.workflow();
    wf.check_release(actor, state.released.as_ref().map(|r| r.by.as_str()), undo)
        .map_err(|r| messages::refused(&r))?;
    let op = if undo { Op::Unrelease } else { Op::Release };
    let mut event = fresh_event(&events, id, &id.to_string(), op, actor, desk.now)?;
    let subject = if undo {
        let reason = reason.map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            return Err(messages::empty_reason());
        }
        event.note = Some(reason.to_string());
        says::subject_unrelease(&actor.name, &id, reason)
    } else {
        let (model, problems) = super::contents::with_problems(mag, &contents)?;
        if !problems.is_empty() {
            let listed: Vec<String> = problems.iter().map(toc::problem).collect();
            return Err(says::release_blocked(&id, &listed));
        }
        let json = serde_json::to_vec(&model).expect("the contents model serialises");
        event.contents = Some(format!("sha256:{}", hex(&Sha256::digest(&json))));
        for article in &contents.articles {
            let pins = article.pins();
            event.articles.insert(
                article.slug.clone(),
                PinnedText {
                    body: pins.body,
                    printed: pins.printed,
                },
            );
        }
        event.note = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(String::from);
        says::subject_release(&actor.name, &id)
    };
    let issue_key = id.to_string();
    commit_as(
        mag,
        actor,
        desk.now,
        &subject,
        &[(TRAILER_OP, op.as_str()), (TRAILER_ISSUE, &issue_key)],
        &[Change {
            rel: format!("{}/{}.toml", load::issue_journal_rel(id), event.id),
            content: event.to_toml().into_bytes(),
        }],
    )?;
    Ok(Released {
        issue: id,
        articles: contents.articles.len(),
    })
}
