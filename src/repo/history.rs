//! Reading the history back: who did what, and when.

use chrono::{DateTime, FixedOffset, TimeZone};
use git2::{Commit, DiffOptions, Oid, Sort};
use serde::Serialize;

use super::Magazine;
use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub commit: String,
    pub author: String,
    pub at: DateTime<FixedOffset>,
    pub subject: String,
    /// The `Galley-Op` trailer; absent for commits made outside galley.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

pub const TRAILER_OP: &str = "Galley-Op";
pub const TRAILER_ARTICLE: &str = "Galley-Article";
pub const TRAILER_STAGE: &str = "Galley-Stage";
/// 压稿: the article the moved one was, as ISSUE/SLUG.
pub const TRAILER_FROM: &str = "Galley-From";

pub(crate) fn trailer(message: &str, key: &str) -> Option<String> {
    let trailers = git2::message_trailers_strs(message).ok()?;
    trailers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.to_string())
}

pub(crate) fn when(commit: &Commit) -> DateTime<FixedOffset> {
    let t = commit.author().when();
    let offset = FixedOffset::east_opt(t.offset_minutes() * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    offset
        .timestamp_opt(t.seconds(), 0)
        .single()
        .unwrap_or_default()
}

/// Whether `commit` changed anything under `dir` (magazine-relative).
fn touches(mag: &Magazine, commit: &Commit, dir: &str) -> Result<bool> {
    let tree = commit.tree()?;
    let parent_tree = match commit.parent(0) {
        Ok(p) => Some(p.tree()?),
        Err(_) => None,
    };
    let mut opts = DiffOptions::new();
    opts.pathspec(format!("{}/", mag.git_path(dir)));
    let diff = mag
        .git
        .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))?;
    Ok(diff.deltas().len() > 0)
}

/// Newest first. `under` limits the log to commits that touched a folder.
pub fn log(mag: &Magazine, under: Option<&str>) -> Result<Vec<LogEntry>> {
    let repo = &mag.git;
    let mut entries = Vec::new();
    if repo.head().is_err() {
        return Ok(entries);
    }
    let indexed = match under {
        Some(dir) => super::history_index::commits_touching(mag, dir)?,
        None => None,
    };
    let commits: Vec<Oid> = match indexed {
        // The index lists them oldest first.
        Some(list) => list.into_iter().rev().collect(),
        None => {
            let mut walk = repo.revwalk()?;
            walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
            walk.push_head()?;
            let mut all = Vec::new();
            for oid in walk {
                let oid = oid?;
                if let Some(dir) = under
                    && !touches(mag, &repo.find_commit(oid)?, dir)?
                {
                    continue;
                }
                all.push(oid);
            }
            all
        }
    };
    for oid in commits {
        let commit = repo.find_commit(oid)?;
        let message = commit.message().unwrap_or_default().to_string();
        entries.push(LogEntry {
            commit: oid_short(&commit),
            author: commit.author().name().unwrap_or_default().to_string(),
            at: when(&commit),
            subject: subject(&commit),
            op: trailer(&message, TRAILER_OP),
            article: trailer(&message, TRAILER_ARTICLE),
            stage: trailer(&message, TRAILER_STAGE),
        });
    }
    Ok(entries)
}

/// A commit's first line, as people wrote it.
pub(crate) fn subject(commit: &Commit) -> String {
    commit
        .summary()
        .ok()
        .flatten()
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn oid_short(commit: &Commit) -> String {
    commit.id().to_string()[..8].to_string()
}
