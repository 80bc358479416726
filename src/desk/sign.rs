//! The workflow's own acts: assigning the 责任编辑, signing a stage off,
//! and sending an article back.

use chrono::NaiveDate;

use super::Desk;
use super::common::{
    article_trailers, commit_as, ensure_not_withdrawn, ensure_saved, event_change, new_event,
    person,
};
use crate::core::journal::Op;
use crate::core::workflow::{Stage, StageKind};
use crate::error::Result;
use crate::messages;
use crate::repo::history::TRAILER_STAGE;
use crate::repo::load;

/// A due date as people write it: 2024-02-20, 2024/02/20, 2024年2月20日.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    crate::core::text::parse_day(text).ok_or_else(|| messages::bad_date(text))
}

pub struct Assigned {
    pub key: String,
    pub title: String,
    pub editor: String,
    pub due: Option<NaiveDate>,
}

pub fn assign(
    desk: &Desk,
    reference: &str,
    editor: &str,
    due: Option<NaiveDate>,
    note: Option<String>,
) -> Result<Assigned> {
    let (mag, actor) = (desk.mag, desk.actor);
    let article = load::resolve(mag, reference)?;
    ensure_not_withdrawn(&article)?;
    let editor = person(mag, editor)?;
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    wf.check_assign(actor, editor, status.editor.as_deref())
        .map_err(|r| messages::refused(&r))?;
    if let Some(day) = due.filter(|d| !article.issue.is_plausible(*d)) {
        return Err(messages::limits::implausible_due(&article.issue, day));
    }
    let mut event = new_event(&article, Op::Assign, actor, desk.now)?;
    event.editor = Some(editor.name.clone());
    event.due = due;
    event.note = note.filter(|n| !n.trim().is_empty());
    let key = article.key();
    let title = article.text.front.title.clone();
    commit_as(
        mag,
        actor,
        desk.now,
        &messages::subject_assign(&actor.name, &title, &editor.name),
        &article_trailers("assign", &key),
        &[event_change(&article, &event)],
    )?;
    Ok(Assigned {
        key,
        title,
        editor: editor.name.clone(),
        due,
    })
}

pub enum StageChoice<'a> {
    Named(&'a str),
    /// The next stage of this kind that the article still needs.
    Next(StageKind),
}

pub struct Signed {
    pub key: String,
    pub title: String,
    pub stage: Stage,
}

pub fn sign(
    desk: &Desk,
    reference: &str,
    choice: StageChoice,
    note: Option<String>,
) -> Result<Signed> {
    let (mag, actor) = (desk.mag, desk.actor);
    let article = load::resolve(mag, reference)?;
    ensure_not_withdrawn(&article)?;
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    let stage: Stage = match choice {
        StageChoice::Named(word) => wf
            .lookup(word)
            .cloned()
            .ok_or_else(|| messages::unknown_stage(word, &wf))?,
        StageChoice::Next(kind) => wf
            .next_of_kind(kind, &status.fresh_stages())
            .cloned()
            .ok_or_else(|| messages::no_stage_of_kind(kind))?,
    };
    ensure_saved(mag, &article)?;
    wf.check_signoff(
        &stage,
        actor,
        status.editor.as_deref(),
        &status.signed_triples(),
    )
    .map_err(|r| messages::refused(&r))?;
    let mut event = new_event(&article, Op::Signoff, actor, desk.now)?;
    event.stage = Some(stage.id.clone());
    let pins = article.pins();
    event.body = Some(pins.body);
    event.printed = Some(pins.printed);
    event.note = note.filter(|n| !n.trim().is_empty());
    let key = article.key();
    let title = article.text.front.title.clone();
    let mut trailers = article_trailers("signoff", &key);
    trailers.push((TRAILER_STAGE, &stage.id));
    commit_as(
        mag,
        actor,
        desk.now,
        &messages::subject_signoff(&actor.name, &title, &stage.name),
        &trailers,
        &[event_change(&article, &event)],
    )?;
    Ok(Signed { key, title, stage })
}

pub struct Reopened {
    pub key: String,
    pub title: String,
    /// How many sign-offs were withdrawn.
    pub withdrawn: usize,
}

pub fn reopen(desk: &Desk, reference: &str, reason: &str) -> Result<Reopened> {
    let (mag, actor) = (desk.mag, desk.actor);
    let article = load::resolve(mag, reference)?;
    ensure_not_withdrawn(&article)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(messages::empty_reason());
    }
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    wf.check_reopen(actor, status.editor.as_deref(), !status.signed.is_empty())
        .map_err(|r| messages::refused(&r))?;
    let mut event = new_event(&article, Op::Reopen, actor, desk.now)?;
    event.note = Some(reason.to_string());
    let key = article.key();
    let title = article.text.front.title.clone();
    commit_as(
        mag,
        actor,
        desk.now,
        &messages::subject_reopen(&actor.name, &title, reason),
        &article_trailers("reopen", &key),
        &[event_change(&article, &event)],
    )?;
    Ok(Reopened {
        key,
        title,
        withdrawn: status.signed.len(),
    })
}
