//! Revisions: the commits that changed an article's text. A commit that
//! only touched the front matter or the journal is not a revision; neither
//! is a merge that took one side's text unchanged.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use git2::{Commit, Oid, Sort};
use serde::Serialize;

use super::ISSUES_DIR;
use super::Magazine;
use super::history::{self, TRAILER_FROM, oid_short, subject, when};
use super::load::ARTICLE_FILE;
use crate::core::diff::{self, Options, tokens};
use crate::core::frontmatter::{self, body_hash};
use crate::core::text;
use crate::error::Result;
use crate::messages;

/// How long one revision's 字数 may take before it is counted coarsely.
const COUNT_BUDGET: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// r1, r2, … in history order.
    pub number: usize,
    pub commit: String,
    pub author: String,
    pub at: DateTime<FixedOffset>,
    pub subject: String,
    /// Characters added and removed against the text before it; counted
    /// only when asked for (`count_changes`), as only the log shows them.
    pub added: usize,
    pub removed: usize,
    #[serde(skip)]
    pub body: String,
    /// The first parent's text, which the counts compare against.
    #[serde(skip)]
    before: String,
    #[serde(skip)]
    pub hash: String,
}

impl Revision {
    /// The text this revision changed: its first parent's.
    pub fn before(&self) -> &str {
        &self.before
    }
}

/// Reads article bodies out of history, each blob decoded once.
pub struct BodyReader<'m> {
    mag: &'m Magazine,
    git_path: String,
    cache: HashMap<Oid, String>,
}

impl<'m> BodyReader<'m> {
    pub fn new(mag: &'m Magazine, rel_file: &str) -> BodyReader<'m> {
        BodyReader {
            mag,
            git_path: mag.git_path(rel_file),
            cache: HashMap::new(),
        }
    }

    fn blob_at(&self, commit: &Commit) -> Result<Option<Oid>> {
        let tree = commit.tree()?;
        Ok(tree
            .get_path(Path::new(&self.git_path))
            .ok()
            .map(|e| e.id()))
    }

    fn body_of(&mut self, blob: Oid, commit: &Commit) -> Result<String> {
        if let Some(body) = self.cache.get(&blob) {
            return Ok(body.clone());
        }
        let bytes = self.mag.git.find_blob(blob)?.content().to_vec();
        let source = text::decode(&bytes)
            .map_err(|_| messages::diff::unreadable_in_history(&oid_short(commit), &self.git_path))?
            .text;
        let body = frontmatter::body_or_whole(&source);
        self.cache.insert(blob, body.clone());
        Ok(body)
    }

    /// The article's canonical body at a commit, if the article exists there.
    pub fn at(&mut self, commit: &Commit) -> Result<Option<String>> {
        match self.blob_at(commit)? {
            Some(blob) => self.body_of(blob, commit).map(Some),
            None => Ok(None),
        }
    }
}

/// Fills in each revision's 字数: characters added and removed.
pub fn count_changes(list: &mut [Revision]) {
    for r in list {
        let summary = diff::compare(
            &r.before,
            &r.body,
            &Options {
                segmenter: &tokens::chars,
                deadline: Some(Instant::now() + COUNT_BUDGET),
            },
        )
        .summary;
        r.added = summary.added_chars;
        r.removed = summary.removed_chars;
    }
}

/// Oldest first, numbered from r1.
pub fn revisions(mag: &Magazine, rel_file: &str) -> Result<Vec<Revision>> {
    let repo = &mag.git;
    let mut list: Vec<Revision> = Vec::new();
    if repo.head().is_err() {
        return Ok(list);
    }
    let mut reader = BodyReader::new(mag, rel_file);
    let dir = rel_file
        .rsplit_once('/')
        .map(|(d, _)| d)
        .unwrap_or_default();
    let commits: Vec<Oid> = match super::history_index::commits_touching(mag, dir)? {
        Some(list) => list,
        None => {
            let mut walk = repo.revwalk()?;
            walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
            walk.push_head()?;
            walk.collect::<std::result::Result<_, _>>()?
        }
    };
    for oid in commits {
        let commit = repo.find_commit(oid)?;
        let Some(blob) = reader.blob_at(&commit)? else {
            continue;
        };
        let parents: Vec<Commit> = commit.parents().collect();
        let parent_blobs = parents
            .iter()
            .map(|p| reader.blob_at(p))
            .collect::<Result<Vec<_>>>()?;
        if parent_blobs.contains(&Some(blob)) {
            continue;
        }
        let body = reader.body_of(blob, &commit)?;
        let mut parent_bodies = Vec::new();
        for (parent, parent_blob) in parents.iter().zip(&parent_blobs) {
            if let Some(b) = parent_blob {
                parent_bodies.push(reader.body_of(*b, parent)?);
            }
        }
        // 压稿: the article came here from another issue; its revisions
        // there come first, and the move itself is one only if it changed
        // the text.
        let from = history::trailer(commit.message().unwrap_or_default(), TRAILER_FROM);
        if let Some(from) = from.filter(|_| list.is_empty() && parent_bodies.is_empty()) {
            let at = when(&commit);
            list = revisions(mag, &format!("{ISSUES_DIR}/{from}/{ARTICLE_FILE}"))?
                .into_iter()
                .filter(|r| r.at <= at)
                .collect();
            if let Some(last) = list.last() {
                parent_bodies.push(last.body.clone());
            }
        }
        if parent_bodies.contains(&body) {
            continue;
        }
        list.push(Revision {
            number: list.len() + 1,
            commit: oid_short(&commit),
            author: commit.author().name().unwrap_or_default().to_string(),
            at: when(&commit),
            subject: subject(&commit),
            added: 0,
            removed: 0,
            hash: body_hash(&body),
            body,
            before: parent_bodies.into_iter().next().unwrap_or_default(),
        });
    }
    Ok(list)
}
