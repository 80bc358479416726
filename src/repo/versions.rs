//! Naming a text to compare: `r3`, a stage (`proofread`, `审定`: the text
//! its last sign-off signed), a commit id, or `work` (the work tree,
//! unsaved edits included).

use git2::ObjectType;

use super::Magazine;
use super::history::oid_short;
use super::load::Article;
use super::revisions::{BodyReader, Revision};
use crate::core::frontmatter::{body_hash, canonical_body};
use crate::core::journal::Op;
use crate::error::Result;
use crate::messages::diff as says;

pub const WORK: &str = "work";

pub struct Version {
    pub body: String,
    pub label: String,
    /// Its place in history: the revision number, or one past the last for
    /// unsaved work. Used to notice a comparison run backwards.
    pub order: usize,
    /// The revision this text is, if it is one.
    pub revision: Option<usize>,
    pub commit: Option<String>,
}

fn revision_of<'r>(revisions: &'r [Revision], hash: &str) -> Option<&'r Revision> {
    revisions.iter().rev().find(|r| r.hash == hash)
}

fn from_revision(r: &Revision, label: String) -> Version {
    Version {
        body: r.body.clone(),
        label,
        order: r.number,
        revision: Some(r.number),
        commit: Some(r.commit.clone()),
    }
}

/// A revision named by its number.
fn numbered(r: &Revision) -> Version {
    from_revision(r, says::revision_label(r.number, &r.author, &r.at))
}

/// The work tree's text, saved or not.
pub fn work(article: &Article, revisions: &[Revision]) -> Version {
    let body = canonical_body(&article.text.body);
    let saved = revisions.last().filter(|r| r.hash == body_hash(&body));
    Version {
        label: says::work_label(saved.map(|r| r.number)),
        order: saved.map_or(revisions.len() + 1, |r| r.number),
        revision: saved.map(|r| r.number),
        commit: None,
        body,
    }
}

/// Where a bare `galley diff` starts: the text the newest sign-off signed,
/// else the first revision, else (nothing committed yet) the work tree.
pub fn default_from(mag: &Magazine, article: &Article, revisions: &[Revision]) -> Result<Version> {
    if let Some(v) = newest_signed(mag, article, revisions)? {
        return Ok(v);
    }
    match revisions.first() {
        Some(r) => Ok(numbered(r)),
        None => Ok(work(article, revisions)),
    }
}

/// The text the newest sign-off signed, whatever its stage.
fn newest_signed(
    mag: &Magazine,
    article: &Article,
    revisions: &[Revision],
) -> Result<Option<Version>> {
    let Some(event) = article.events.iter().rev().find(|e| e.op == Op::Signoff) else {
        return Ok(None);
    };
    let stage = event.stage.clone().unwrap_or_default();
    signed(mag, article, revisions, &stage).map(Some)
}

fn signed(
    mag: &Magazine,
    article: &Article,
    revisions: &[Revision],
    stage_id: &str,
) -> Result<Version> {
    let name = mag.staff.workflow().stage_name(stage_id);
    let event = article
        .events
        .iter()
        .rev()
        .find(|e| e.op == Op::Signoff && e.stage.as_deref() == Some(stage_id))
        .ok_or_else(|| says::stage_never_signed(&name))?;
    let hash = event.body.as_deref().unwrap_or_default();
    let r = revision_of(revisions, hash).ok_or_else(|| says::signed_text_missing(&name))?;
    Ok(from_revision(
        r,
        says::signed_label(&name, &event.by, r.number),
    ))
}

/// A commit id as galley shows it (`3f9a1c2`) or whole: 4 to 40 hex digits.
fn commit_id(rev: &str) -> Option<&str> {
    ((4..=40).contains(&rev.len()) && rev.bytes().all(|b| b.is_ascii_hexdigit())).then_some(rev)
}

pub fn pick(
    mag: &Magazine,
    article: &Article,
    revisions: &[Revision],
    rev: &str,
) -> Result<Version> {
    let rev = rev.trim();
    if rev.eq_ignore_ascii_case(WORK) {
        return Ok(work(article, revisions));
    }
    let unknown = || says::unknown_rev(rev, revisions.len());
    if let Some(n) = rev
        .strip_prefix(['r', 'R'])
        .and_then(|n| n.parse::<usize>().ok())
    {
        let r = n
            .checked_sub(1)
            .and_then(|i| revisions.get(i))
            .ok_or_else(unknown)?;
        return Ok(numbered(r));
    }
    if let Some(stage) = mag.staff.workflow().lookup(rev) {
        return signed(mag, article, revisions, &stage.id);
    }
    if let Some(day) = crate::core::text::parse_day(rev) {
        // The text as it stood at the end of that day.
        let r = revisions
            .iter()
            .rev()
            .find(|r| r.at.date_naive() <= day)
            .ok_or_else(|| says::no_revision_by(day))?;
        return Ok(numbered(r));
    }
    // Only a commit id reaches git: the revision parser also reads
    // `:/regex` (a search of every commit message, which a crafted pattern
    // makes take minutes), `@{...}`, `^`, `~` and ref names.
    let commit = commit_id(rev)
        .and_then(|prefix| mag.git.find_object_by_prefix(prefix, None).ok())
        .and_then(|o| o.peel(ObjectType::Commit).ok())
        .and_then(|o| o.into_commit().ok())
        .ok_or_else(unknown)?;
    let short = oid_short(&commit);
    let body = BodyReader::new(mag, &article.rel_file())
        .at(&commit)?
        .ok_or_else(|| says::not_in_commit(&short))?;
    let revision = revision_of(revisions, &body_hash(&body)).map(|r| r.number);
    Ok(Version {
        label: says::commit_label(&short, revision),
        order: revision.unwrap_or(0),
        revision,
        commit: Some(short),
        body,
    })
}
