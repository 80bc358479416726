//! New revisions of the text: from a file, from hand edits in the work
//! tree, or from a form on the web desk.

use super::Desk;
use super::common::{article_trailers, commit_as, ensure_not_withdrawn, event_change, new_event};
use crate::core::cleanup;
use crate::core::docx::{Review, review_of};
use crate::core::frontmatter::{self, body_hash};
use crate::core::journal::Op;
use crate::error::Result;
use crate::messages;
use crate::messages::word as word_says;
use crate::repo::Magazine;
use crate::repo::commit::{Change, head_bytes};
use crate::repo::load::{self, Article};
use crate::repo::revisions::{Revision, revisions};

pub enum Revised {
    /// Neither the text nor the front matter differs from what is saved.
    Unchanged { key: String },
    Saved {
        key: String,
        title: String,
        body_changed: bool,
        /// Names of the stages whose sign-offs this made stale.
        stale: Vec<String>,
    },
}

/// Replaces the text of the article named by `reference` with `body`.
/// The same, with a note for the revision's record that says more than
/// its message (the 批注 of a returned Word file).
pub fn revise_noted(
    desk: &Desk,
    reference: &str,
    body: &str,
    message: Option<&str>,
    note: &str,
) -> Result<Revised> {
    let article = load::resolve(desk.mag, reference)?;
    record_noted(desk, &article, body, message, Some(note))
}

pub fn revise(desk: &Desk, reference: &str, body: &str, message: Option<&str>) -> Result<Revised> {
    let article = load::resolve(desk.mag, reference)?;
    record(desk, &article, body, message)
}

/// Saves hand edits made to article.md in any editor.
pub fn save(desk: &Desk, reference: &str, message: Option<&str>) -> Result<Revised> {
    let article = load::resolve(desk.mag, reference)?;
    let body = article.text.body.clone();
    record(desk, &article, &body, message)
}

/// Records the article as it now stands (front matter from the work tree,
/// `body` as given) as one commit: a revision with its journal event when
/// the text changed, a plain metadata change otherwise.
pub fn record(
    desk: &Desk,
    article: &Article,
    body: &str,
    message: Option<&str>,
) -> Result<Revised> {
    record_noted(desk, article, body, message, None)
}

/// The 修订 and 批注 of an uploaded Word file, `None` for any other file or
/// one that cannot be read (reading its body then says why).
pub fn word_review(name: &str, bytes: &[u8]) -> Option<Review> {
    let is_docx = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("docx"));
    match is_docx {
        true => review_of(bytes).ok().filter(|r| !r.is_empty()),
        false => None,
    }
}

/// Records a returned Word file's text with its 修订 accepted, once the
/// person has said to accept them: the Word authors named in the
/// revision's message and its 批注 kept in the revision's record. A file
/// holding changes galley would lose (moves, changes in tables) is refused.
pub fn record_reviewed(
    desk: &Desk,
    article: &Article,
    body: &str,
    message: Option<&str>,
    review: &Review,
) -> Result<Revised> {
    check_returned(desk.mag, article, review)?;
    let given = message
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .unwrap_or(messages::DEFAULT_REVISION_MESSAGE);
    record_noted(
        desk,
        article,
        body,
        Some(&word_says::accepted_message(given, review)),
        Some(&word_says::comments_note(review)),
    )
}

/// Refuses a returned Word file that cannot be taken in without losing
/// something: changes galley cannot hold (moves, changes in tables), or
/// 修订 made on an older revision than the article's newest.
pub fn check_returned(mag: &Magazine, article: &Article, review: &Review) -> Result<()> {
    if !review.unsupported.is_empty() {
        return Err(word_says::review_unsupported(&review.unsupported));
    }
    if let Some((base, newest)) = older_base(mag, article, review)? {
        return Err(word_says::returned_from_older(
            &article.key(),
            (
                base.number,
                &base.author,
                &base.at.format("%Y-%m-%d").to_string(),
            ),
            newest.number,
        ));
    }
    Ok(())
}

/// When the text a returned file's 修订 start from is an older revision
/// of the article than its newest, that revision and the newest: taking
/// the file in as it stands would undo the revisions between them. A
/// file whose starting text matches no revision (one the author typed
/// afresh) says nothing either way, and is not refused.
pub fn older_base(
    mag: &Magazine,
    article: &Article,
    review: &Review,
) -> Result<Option<(Revision, Revision)>> {
    let started = frontmatter::canonical_body(&cleanup::clean(
        &review.original,
        &mag.staff.magazine.running_heads,
    ));
    let history = revisions(mag, &article.rel_file())?;
    let Some(newest) = history.last() else {
        return Ok(None);
    };
    let same = |r: &Revision| frontmatter::canonical_body(&r.body) == started;
    if same(newest) {
        return Ok(None);
    }
    let base = history.iter().rev().skip(1).find(|r| same(r));
    Ok(base.map(|b| (b.clone(), newest.clone())))
}

fn record_noted(
    desk: &Desk,
    article: &Article,
    body: &str,
    message: Option<&str>,
    note: Option<&str>,
) -> Result<Revised> {
    let (mag, actor) = (desk.mag, desk.actor);
    ensure_not_withdrawn(article)?;
    let saved = head_bytes(mag, &article.rel_file())
        .and_then(|b| frontmatter::parse(&String::from_utf8_lossy(&b)).ok());
    let body = frontmatter::canonical_body(body);
    let body_changed = saved.as_ref().is_none_or(|s| s.body != body);
    let front_changed = saved
        .as_ref()
        .is_none_or(|s| s.front_source != article.text.front_source);
    let key = article.key();
    let title = article.text.front.title.clone();
    if !body_changed && !front_changed {
        return Ok(Revised::Unchanged { key });
    }
    let text = frontmatter::render(&article.text.front_source, &body);
    let mut changes = vec![Change {
        rel: article.rel_file(),
        content: text.into_bytes(),
    }];
    let message = message
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .unwrap_or(messages::DEFAULT_REVISION_MESSAGE);
    let (subject, op) = if body_changed {
        let mut event = new_event(article, Op::Revise, actor, desk.now)?;
        event.body = Some(body_hash(&body));
        event.note = Some(match note.filter(|n| !n.trim().is_empty()) {
            Some(note) => format!("{message}\n{note}"),
            None => message.to_string(),
        });
        changes.push(event_change(article, &event));
        (
            messages::subject_revise(&actor.name, &title, message),
            "revise",
        )
    } else {
        (messages::subject_set(&actor.name, &title, &[]), "set")
    };
    commit_as(
        mag,
        actor,
        desk.now,
        &subject,
        &article_trailers(op, &key),
        &changes,
    )?;
    let wf = mag.staff.workflow();
    let stale = if body_changed {
        article
            .status(&wf)
            .signed
            .iter()
            .map(|s| wf.stage_name(&s.stage))
            .collect()
    } else {
        vec![]
    };
    Ok(Revised::Saved {
        key,
        title,
        body_changed,
        stale,
    })
}
