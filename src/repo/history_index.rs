//! A derived, rebuildable index of which commits touched which article, so
//! that the history of one article costs what that article's history
//! costs, not what the archive's does.
//!
//! It lives in the git directory (`galley/history-v1/`), one small file
//! per issue listing, in history order, each commit that changed something
//! in that issue and which article folder it changed (`.` for the issue's
//! own files). Each command first catches it up from the last indexed
//! commit to HEAD, looking only at the new commits. When the indexed commit
//! is no longer in HEAD's history (a reset or a rewritten history), the
//! index is rebuilt from scratch. It is never the source of truth: it can
//! be deleted at any time, and if it cannot be written the history is
//! simply walked as before.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use git2::{Commit, Oid, Repository, Sort};

use super::tree_diff::{changed_files, subtree};

use super::Magazine;
use super::files::replace;
use super::writer_lock::{HistoryLock, galley_dir};
use crate::error::Result;

/// Changes whenever the layout changes, so an old index is rebuilt.
const VERSION: &str = "galley-history 1";
const ISSUES: &str = "issues";

fn index_dir(repo: &Repository) -> PathBuf {
    galley_dir(repo).join("history-v1")
}

/// Brings the index up to HEAD for the magazine at `root`, on a handle of
/// its own so that it can run beside other work. Nothing is reported: any
/// later `commits_touching` catches up or walks the history itself.
pub fn catch_up_in(root: &Path) {
    if let Ok(mag) = Magazine::find(root)
        && let Ok(head) = mag.git.head().and_then(|h| h.peel_to_commit())
    {
        let _ = caught_up(&mag, head.id());
    }
}

/// The index folder, caught up to `head`, and its lock, held while the
/// caller reads it; `None` when the index cannot be used here.
fn caught_up(mag: &Magazine, head: Oid) -> Option<(PathBuf, HistoryLock)> {
    let root = index_dir(&mag.git);
    let held = HistoryLock::acquire(&mag.git).ok()?;
    catch_up(mag, &root, head).ok()?;
    Some((root, held))
}

/// The commits that touched `dir` (`issues/2024-02/qingneng`, or an issue
/// folder `issues/2024-02` for everything in it), oldest first. `None` when
/// the index cannot be used here; the caller then walks the history.
pub fn commits_touching(mag: &Magazine, dir: &str) -> Result<Option<Vec<Oid>>> {
    let mut parts = dir.split('/');
    let (Some(ISSUES), Some(issue), article) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    if parts.next().is_some() {
        return Ok(None);
    }
    let Ok(head) = mag.git.head().and_then(|h| h.peel_to_commit()) else {
        return Ok(Some(vec![]));
    };
    let Some((root, _held)) = caught_up(mag, head.id()) else {
        return Ok(None);
    };
    let Ok(text) = fs::read_to_string(root.join(format!("{issue}.log"))) else {
        return Ok(Some(vec![]));
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((oid, slug)) = line.split_once(' ') else {
            continue;
        };
        let wanted = match article {
            Some(a) => slug == a,
            None => true,
        };
        if wanted
            && let Ok(oid) = Oid::from_str(oid)
            && seen.insert(oid)
        {
            out.push(oid);
        }
    }
    Ok(Some(out))
}

/// What the index covers: its version and the commit it was caught up to.
fn read_state(root: &Path) -> Option<Oid> {
    let text = fs::read_to_string(root.join("state")).ok()?;
    let mut lines = text.lines();
    if lines.next()? != VERSION {
        return None;
    }
    Oid::from_str(lines.next()?).ok()
}

fn catch_up(mag: &Magazine, root: &Path, head: Oid) -> Result<()> {
    let repo = &mag.git;
    let indexed = read_state(root).filter(|old| repo.find_commit(*old).is_ok());
    if indexed == Some(head) {
        return Ok(());
    }
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(head)?;
    match indexed {
        Some(old) if repo.graph_descendant_of(head, old)? => walk.hide(old)?,
        _ => {
            // Nothing, or a history that no longer contains what was
            // indexed: start again.
            let _ = fs::remove_dir_all(root);
        }
    }
    fs::create_dir_all(root)?;
    let mut lines: BTreeMap<String, String> = BTreeMap::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        for (issue, slug) in touched(mag, &commit)? {
            lines
                .entry(issue)
                .or_default()
                .push_str(&format!("{} {slug}\n", commit.id()));
        }
    }
    for (issue, text) in lines {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(root.join(format!("{issue}.log")))?;
        file.write_all(text.as_bytes())?;
    }
    replace(
        &root.join("state"),
        format!("{VERSION}\n{head}\n").as_bytes(),
    )
}

/// (issue, article folder or ".") for every place under `issues/` that the
/// commit changed against its first parent.
fn touched(mag: &Magazine, commit: &Commit) -> Result<Vec<(String, String)>> {
    let issues = mag.git_path(ISSUES);
    let now = subtree(&mag.git, &commit.tree()?, &issues);
    let before = match commit.parent(0) {
        Ok(p) => subtree(&mag.git, &p.tree()?, &issues),
        Err(_) => None,
    };
    let mut places = Vec::new();
    for change in changed_files(&mag.git, before.as_ref(), now.as_ref()) {
        let mut parts = change.path.split('/');
        let (Some(issue), Some(next)) = (parts.next(), parts.next()) else {
            continue;
        };
        let slug = if parts.next().is_some() { next } else { "." };
        let place = (issue.to_string(), slug.to_string());
        if !places.contains(&place) {
            places.push(place);
        }
    }
    Ok(places)
}
