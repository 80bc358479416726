//! Pieces the commands share: building events, the commit message with its
//! trailers, and the check for unsaved hand edits.

use chrono::{DateTime, FixedOffset};

use crate::core::frontmatter::{self, ArticleText};
use crate::core::issue::IssueId;
use crate::core::journal::{self, Event, Op};
use crate::core::staff::Person;
use crate::core::terminal::clean_line;
use crate::core::workflow::Refusal;
use crate::error::Result;
use crate::messages;
use crate::repo::ISSUES_DIR;
use crate::repo::Magazine;
use crate::repo::commit::{self, Author, Change};
use crate::repo::history::{TRAILER_ARTICLE, TRAILER_OP};
use crate::repo::load::{self, ARTICLE_FILE, Article, JOURNAL_DIR};

pub const FALLBACK_EMAIL: &str = "galley@localhost";

pub fn person<'m>(mag: &'m Magazine, name: &str) -> Result<&'m Person> {
    mag.staff
        .person(name)
        .ok_or_else(|| messages::unknown_person(name, &mag.staff))
}

/// Commits `changes` as `actor`, with a Chinese subject and machine-readable
/// trailers (`Galley-Op`, `Galley-Article`, …).
pub fn commit_as(
    mag: &Magazine,
    actor: &Person,
    now: DateTime<FixedOffset>,
    subject: &str,
    trailers: &[(&str, &str)],
    changes: &[Change],
) -> Result<()> {
    commit_removing_as(mag, actor, now, subject, trailers, changes, &[])
}

/// `commit_as`, with `removed` paths leaving the tree (压稿).
pub fn commit_removing_as(
    mag: &Magazine,
    actor: &Person,
    now: DateTime<FixedOffset>,
    subject: &str,
    trailers: &[(&str, &str)],
    changes: &[Change],
    removed: &[String],
) -> Result<()> {
    let rels: Vec<&str> = changes
        .iter()
        .map(|c| c.rel.as_str())
        .chain(removed.iter().map(String::as_str))
        .collect();
    refuse_if_released(mag, &rels)?;
    for change in changes {
        if change.rel.ends_with(&format!("/{ARTICLE_FILE}"))
            && change.content.len() > frontmatter::MAX_ARTICLE_BYTES
        {
            return Err(messages::limits::body_too_large(
                &change.rel,
                change.content.len(),
                frontmatter::MAX_ARTICLE_BYTES,
            ));
        }
    }
    let author = Author {
        name: &actor.name,
        email: actor.email.as_deref().unwrap_or(FALLBACK_EMAIL),
        when: now,
    };
    commit::commit_removing(mag, &author, &message(subject, trailers), changes, removed)?;
    Ok(())
}

/// After 付印 nothing in the issue changes but its own journal (where the
/// 付印 is withdrawn).
fn refuse_if_released(mag: &Magazine, rels: &[&str]) -> Result<()> {
    let mut checked = Vec::new();
    for rel in rels {
        let Some(rest) = rel.strip_prefix(&format!("{ISSUES_DIR}/")) else {
            continue;
        };
        let Some(issue) = rest.split('/').next().and_then(IssueId::parse) else {
            continue;
        };
        if checked.contains(&issue)
            || rel.starts_with(&format!("{}/", load::issue_journal_rel(issue)))
        {
            continue;
        }
        checked.push(issue);
        if let Some(released) = load::release_state(mag, issue)?.released {
            return Err(messages::refused(&Refusal::Released { by: released.by }));
        }
    }
    Ok(())
}

pub fn message(subject: &str, trailers: &[(&str, &str)]) -> String {
    let mut text = format!("{}\n", clean_line(subject));
    if !trailers.is_empty() {
        text.push('\n');
        for (key, value) in trailers {
            text.push_str(&format!("{key}: {}\n", value.replace('\n', " ")));
        }
    }
    text
}

pub fn article_trailers<'a>(op: &'a str, article: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![(TRAILER_OP, op), (TRAILER_ARTICLE, article)]
}

/// A new event that has seen the article's whole journal so far; refused
/// when the clock is years away from the article's issue.
pub fn new_event(
    article: &Article,
    op: Op,
    actor: &Person,
    now: DateTime<FixedOffset>,
) -> Result<Event> {
    if !matches!(op, Op::Restore | Op::Withdraw) {
        ensure_not_withdrawn(article)?;
    }
    fresh_event(
        &article.events,
        article.issue,
        &article.key(),
        op,
        actor,
        now,
    )
}

/// A new event that has seen all of `journal` (an article's, or with
/// `whose` the issue's own), refused when the clock is years away from the
/// issue.
pub fn fresh_event(
    journal: &[Event],
    issue: IssueId,
    whose: &str,
    op: Op,
    actor: &Person,
    now: DateTime<FixedOffset>,
) -> Result<Event> {
    if !issue.is_plausible(now.date_naive()) {
        return Err(messages::limits::implausible_clock(
            &issue,
            now.date_naive(),
        ));
    }
    let mut event = Event::new(op, &actor.name, now);
    let entropy = format!(
        "{whose}|{}|{}|{}|{:?}",
        actor.name,
        std::process::id(),
        now,
        std::time::SystemTime::now()
    );
    event.id = journal::new_id(now, &entropy);
    event.seen = journal::tips(journal);
    Ok(event)
}

/// A withdrawn article is changed no more until it is restored.
pub fn ensure_not_withdrawn(article: &Article) -> Result<()> {
    match article.is_withdrawn() {
        true => Err(messages::refused(&Refusal::Withdrawn)),
        false => Ok(()),
    }
}

pub fn event_change(article: &Article, event: &Event) -> Change {
    Change {
        rel: format!("{}/{JOURNAL_DIR}/{}.toml", article.rel_dir(), event.id),
        content: event.to_toml().into_bytes(),
    }
}

/// Whether the body on disk differs from the last saved revision.
pub fn has_unsaved_body(mag: &Magazine, article: &Article) -> bool {
    if mag.is_bare() {
        return false;
    }
    let Some(bytes) = commit::head_bytes(mag, &article.rel_file()) else {
        return true;
    };
    let saved = String::from_utf8_lossy(&bytes);
    match frontmatter::parse(&saved) {
        Ok(saved) => saved.body != article.text.body,
        Err(_) => true,
    }
}

pub fn ensure_saved(mag: &Magazine, article: &Article) -> Result<()> {
    if has_unsaved_body(mag, article) {
        return Err(messages::unsaved_edits(&article.key()));
    }
    Ok(())
}

/// The article's front matter as an editable document that keeps its
/// layout and comments.
pub fn editable_front(article: &Article) -> Result<toml_edit::DocumentMut> {
    article
        .text
        .front_source
        .parse()
        .map_err(|_| messages::broken_front_plain(&article.rel_file()))
}

/// The article file with edited front matter, checked to read back.
pub fn with_front(
    article: &Article,
    doc: &toml_edit::DocumentMut,
) -> Result<(String, ArticleText)> {
    let text = frontmatter::render(&doc.to_string(), &article.text.body);
    let parsed =
        frontmatter::parse(&text).map_err(|_| messages::broken_front_plain(&article.rel_file()))?;
    Ok((text, parsed))
}
