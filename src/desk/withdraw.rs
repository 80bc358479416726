//! 撤稿, and taking it back: a journal record with the reason and the
//! person. The article and its history stay where they are; it only
//! leaves its issue's board, contents page and page plan.

use super::Desk;
use super::common::{article_trailers, commit_as, event_change, new_event};
use crate::core::journal::Op;
use crate::error::Result;
use crate::messages::{self, release as says};
use crate::repo::load;

pub struct Withdrawn {
    pub key: String,
    pub title: String,
}

/// Withdraws the article (`undo`: restores it) for `reason`.
pub fn withdraw(desk: &Desk, reference: &str, reason: &str, undo: bool) -> Result<Withdrawn> {
    let (mag, actor) = (desk.mag, desk.actor);
    let article = load::resolve(mag, reference)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(messages::empty_reason());
    }
    let wf = mag.staff.workflow();
    let withdrawn = article.is_withdrawn();
    let checked = match undo {
        false => wf.check_withdraw(actor, withdrawn),
        true => wf.check_restore(actor, withdrawn),
    };
    checked.map_err(|r| messages::refused(&r))?;
    let op = if undo { Op::Restore } else { Op::Withdraw };
    let mut event = new_event(&article, op, actor, desk.now)?;
    event.note = Some(reason.to_string());
    let key = article.key();
    let title = article.text.front.title.clone();
    let subject = match undo {
        false => says::subject_withdraw(&actor.name, &title, reason),
        true => says::subject_restore(&actor.name, &title, reason),
    };
    commit_as(
        mag,
        actor,
        desk.now,
        &subject,
        &article_trailers(op.as_str(), &key),
        &[event_change(&article, &event)],
    )?;
    Ok(Withdrawn { key, title })
}
