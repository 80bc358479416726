//! 压稿: the article moves to another issue, its whole folder (text,
//! journal, photos) in one commit, with a `move` record naming the issue it
//! came from. The record comes along, so its history is read in the new
//! issue as before.
//!
//! What holds after a move: the text is unchanged, so proofreading
//! (sign-offs of proofread-kind stages) stays valid; the reviews (审定 and
//! any review-kind stage) answered for the old issue and are given again
//! (`status::fold` drops them at the move); the page placement (`page`,
//! `pages`) belonged to the old issue's plan and is cleared.

use std::collections::BTreeMap;
use std::path::Path;

use super::Desk;
use super::common::{
    article_trailers, commit_removing_as, editable_front, fresh_event, with_front,
};
use crate::core::issue::IssueId;
use crate::core::journal::Op;
use crate::core::workflow::StageKind;
use crate::error::Result;
use crate::messages::{self, release as says};
use crate::repo::Magazine;
use crate::repo::commit::Change;
use crate::repo::history::TRAILER_FROM;
use crate::repo::load::{self, ARTICLE_FILE, Article, JOURNAL_DIR};
use crate::repo::view::is_plain_file;

pub struct Moved {
    pub from: String,
    pub key: String,
    pub to: IssueId,
    pub slug: String,
    pub title: String,
    /// The stages to be signed again in the new issue.
    pub again: Vec<String>,
}

/// Moves the article to `target`, for `reason`.
pub fn move_article(desk: &Desk, reference: &str, target: &str, reason: &str) -> Result<Moved> {
    let (mag, actor) = (desk.mag, desk.actor);
    let article = load::resolve(mag, reference)?.readable()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(says::empty_move_reason());
    }
    let wf = mag.staff.workflow();
    wf.check_move(actor, article.is_withdrawn())
        .map_err(|r| messages::refused(&r))?;
    let to = load::pick_issue(mag, Some(target))?;
    if to == article.issue {
        return Err(says::move_same_issue(&to));
    }
    let to_dir = format!("{}/{}", load::issue_rel(to), article.slug);
    if mag.exists(&to_dir) {
        return Err(says::move_slug_taken(&to, &article.slug));
    }
    let files = committed_files(mag, &article)?;
    if !mag.is_bare() && work_tree_files(mag, &article.rel_dir()) != files {
        return Err(says::move_unsaved(&article.key()));
    }
    let key = format!("{to}/{}", article.slug);
    let mut event = fresh_event(&article.events, to, &key, Op::Move, actor, desk.now)?;
    event.note = Some(reason.to_string());
    event.from = Some(article.issue.to_string());
    let mut changes = Vec::new();
    let mut removed = Vec::new();
    for (sub, bytes) in files {
        let content = match sub == ARTICLE_FILE {
            true => without_pages(&article)?.unwrap_or(bytes),
            false => bytes,
        };
        removed.push(format!("{}/{sub}", article.rel_dir()));
        changes.push(Change {
            rel: format!("{to_dir}/{sub}"),
            content,
        });
    }
    changes.push(Change {
        rel: format!("{to_dir}/{JOURNAL_DIR}/{}.toml", event.id),
        content: event.to_toml().into_bytes(),
    });
    let status = article.status(&wf);
    let again = wf
        .stages
        .iter()
        .filter(|st| st.kind == StageKind::Review && status.signed.iter().any(|s| s.stage == st.id))
        .map(|st| st.name.clone())
        .collect();
    let title = article.text.front.title.clone();
    let from_key = article.key();
    let mut trailers = article_trailers(Op::Move.as_str(), &key);
    trailers.push((TRAILER_FROM, &from_key));
    commit_removing_as(
        mag,
        actor,
        desk.now,
        &says::subject_move(&actor.name, &title, &article.issue, &to, reason),
        &trailers,
        &changes,
        &removed,
    )?;
    Ok(Moved {
        from: article.key(),
        key,
        to,
        slug: article.slug.clone(),
        title,
        again,
    })
}

/// `article.md` with `page` and `pages` taken out, when it has either.
fn without_pages(article: &Article) -> Result<Option<Vec<u8>>> {
    let mut doc = editable_front(article)?;
    let had = doc.remove("page").is_some() | doc.remove("pages").is_some();
    if !had {
        return Ok(None);
    }
    let (text, _) = with_front(article, &doc)?;
    Ok(Some(text.into_bytes()))
}

/// Every file of the article's folder in HEAD, by its path inside it.
fn committed_files(mag: &Magazine, article: &Article) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let Some(tree) = mag.head_subtree(&mag.git_path(&article.rel_dir())) else {
        return Err(says::move_unsaved(&article.key()));
    };
    let mut odd = None;
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return git2::TreeWalkResult::Ok;
        }
        let sub = format!("{dir}{}", entry.name().unwrap_or_default());
        if !is_plain_file(entry.filemode()) {
            odd = Some(sub);
            return git2::TreeWalkResult::Abort;
        }
        if let Ok(blob) = mag.git.find_blob(entry.id()) {
            files.insert(sub, blob.content().to_vec());
        }
        git2::TreeWalkResult::Ok
    })
    .ok();
    if let Some(sub) = odd {
        return Err(says::move_not_plain(&format!(
            "{}/{sub}",
            article.rel_dir()
        )));
    }
    Ok(files)
}

/// The files of a folder in the work tree, by their path inside it.
fn work_tree_files(mag: &Magazine, rel: &str) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, under: &str, into: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let sub = format!("{under}{name}");
            match entry.file_type() {
                Ok(t) if t.is_dir() => walk(&entry.path(), &format!("{sub}/"), into),
                _ => {
                    let bytes = std::fs::read(entry.path()).unwrap_or_default();
                    into.insert(sub, bytes);
                }
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(&mag.abs(rel), "", &mut files);
    files
}
