//! Exchanging work with the shared remote: fetch, integrate, push, and
//! again when someone pushed first. Journal events are separate files and
//! merge by themselves; article text merges paragraph by paragraph (one
//! paragraph is one line); two edits to one paragraph stop the sync with
//! the local work kept on `refs/galley/sync/local` and the work tree
//! untouched until the person chooses a text.

use std::path::Path;

use git2::build::CheckoutBuilder;
use git2::{
    Commit, ErrorClass, ErrorCode, FetchOptions, IndexEntry, Oid, PushOptions, RemoteCallbacks,
    Repository, Signature,
};
use serde::{Deserialize, Serialize};

use super::Magazine;
use super::files::write_atomic;
use crate::core::text;
use crate::error::{GalleyError, Result};
use crate::messages::sync as says;

pub const LOCAL_REF: &str = "refs/galley/sync/local";
pub const REMOTE_REF: &str = "refs/galley/sync/remote";
const STATE_FILE: &str = "galley-sync.toml";

/// One place two people changed differently.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Spot {
    /// Magazine-relative path.
    pub file: String,
    /// 1-based paragraph of the body, or none for the front matter or a
    /// file that is not an article.
    pub paragraph: Option<usize>,
    pub in_front_matter: bool,
    pub ours: String,
    pub theirs: String,
}

/// What an unfinished sync left to resume; the two sides themselves are
/// the refs `LOCAL_REF` and `REMOTE_REF`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    /// Magazine-relative files two people changed differently.
    pub files: Vec<String>,
}

pub enum Integrated {
    Nothing,
    Merged { received: usize },
    Conflict(Vec<Spot>),
}

pub struct Sync<'m> {
    pub mag: &'m Magazine,
    pub remote: String,
    pub branch: String,
}

fn state_path(repo: &Repository) -> std::path::PathBuf {
    repo.path().join(STATE_FILE)
}

pub fn pending(repo: &Repository) -> Result<Option<Pending>> {
    let path = state_path(repo);
    match std::fs::read_to_string(&path) {
        Ok(s) => Ok(toml::from_str(&s).ok()),
        Err(_) => Ok(None),
    }
}

/// Remote failures in one sentence each.
fn remote_error(remote: &str, e: git2::Error) -> GalleyError {
    if e.code() == ErrorCode::Auth
        || matches!(e.class(), ErrorClass::Ssh | ErrorClass::Http) && e.message().contains("401")
    {
        return says::auth_failed(remote);
    }
    match e.class() {
        ErrorClass::Net
        | ErrorClass::Os
        | ErrorClass::Ssh
        | ErrorClass::Http
        | ErrorClass::Repository => says::unreachable(remote, e.message()),
        _ => e.into(),
    }
}

impl<'m> Sync<'m> {
    fn repo(&self) -> &Repository {
        &self.mag.git
    }

    fn tracking_ref(&self) -> String {
        format!("refs/remotes/{}/{}", self.remote, self.branch)
    }

    fn branch_ref(&self) -> String {
        format!("refs/heads/{}", self.branch)
    }

    pub fn head(&self) -> Result<Option<Oid>> {
        Ok(self.repo().refname_to_id(&self.branch_ref()).ok())
    }

    fn remote(&self) -> Result<git2::Remote<'_>> {
        self.repo()
            .find_remote(&self.remote)
            .map_err(|_| says::no_remote(&self.remote))
    }

    pub fn fetch(&self) -> Result<Option<Oid>> {
        let mut remote = self.remote()?;
        let spec = format!("+{}:{}", self.branch_ref(), self.tracking_ref());
        let mut opts = FetchOptions::new();
        remote
            .fetch(&[spec], Some(&mut opts), None)
            .map_err(|e| remote_error(&self.remote, e))?;
        Ok(self.repo().refname_to_id(&self.tracking_ref()).ok())
    }

    /// Pushes the branch; false when the remote had moved on (rejected).
    pub fn push(&self) -> Result<bool> {
        let mut remote = self.remote()?;
        let mut rejected: Option<String> = None;
        let result = {
            let mut callbacks = RemoteCallbacks::new();
            callbacks.push_update_reference(|_, status| {
                if let Some(s) = status {
                    rejected = Some(s.to_string());
                }
                Ok(())
            });
            let mut opts = PushOptions::new();
            opts.remote_callbacks(callbacks);
            let spec = format!("{0}:{0}", self.branch_ref());
            remote.push(&[spec], Some(&mut opts))
        };
        match (result, rejected) {
            (Ok(()), None) => Ok(true),
            (Ok(()), Some(reason)) if is_race(&reason) => Ok(false),
            (Ok(()), Some(reason)) => Err(says::push_refused(&self.remote, &reason)),
            (Err(e), _) if e.code() == ErrorCode::NotFastForward => Ok(false),
            (Err(e), _) if e.message().contains("hook") || e.message().contains("declined") => {
                Err(says::push_refused(&self.remote, e.message()))
            }
            (Err(e), _) => Err(remote_error(&self.remote, e)),
        }
    }

    /// Every commit reachable from `tip`.
    fn count(&self, tip: Oid) -> Result<usize> {
        let mut walk = self.repo().revwalk()?;
        walk.push(tip)?;
        Ok(walk.count())
    }

    /// (commits we have that the remote lacks, commits it has that we lack)
    pub fn ahead_behind(&self, ours: Option<Oid>, theirs: Option<Oid>) -> Result<(usize, usize)> {
        match (ours, theirs) {
            (Some(o), Some(t)) => Ok(self.repo().graph_ahead_behind(o, t)?),
            (Some(o), None) => Ok((self.count(o)?, 0)),
            (None, Some(t)) => Ok((0, self.count(t)?)),
            (None, None) => Ok((0, 0)),
        }
    }

    /// Moves the work tree and the branch from `from` to `to`, refusing to
    /// touch files the person changed by hand.
    fn advance(&self, from: Option<Oid>, to: Oid, message: &str) -> Result<()> {
        let repo = self.repo();
        let target = repo.find_commit(to)?;
        // The baseline is HEAD's tree, which is still `from` here.
        let mut checkout = CheckoutBuilder::new();
        checkout.safe();
        repo.checkout_tree(target.as_object(), Some(&mut checkout))
            .map_err(|_| says::work_tree_in_the_way())?;
        match from {
            Some(f) => repo.reference_matching(&self.branch_ref(), to, true, f, message)?,
            None => repo.reference(&self.branch_ref(), to, false, message)?,
        };
        Ok(())
    }

    fn merge_commit(
        &self,
        ours: &Commit,
        theirs: &Commit,
        tree: Oid,
        sig: &Signature,
        message: &str,
    ) -> Result<Oid> {
        let repo = self.repo();
        let tree = repo.find_tree(tree)?;
        Ok(repo.commit(None, sig, sig, message, &tree, &[ours, theirs])?)
    }

    /// Brings `theirs` into the branch: nothing, fast-forward, or merge.
    pub fn integrate(
        &self,
        theirs: Option<Oid>,
        sig: &Signature,
        message: &str,
    ) -> Result<Integrated> {
        let repo = self.repo();
        let ours = self.head()?;
        let Some(theirs) = theirs else {
            return Ok(Integrated::Nothing);
        };
        let Some(ours) = ours else {
            self.advance(None, theirs, message)?;
            return Ok(Integrated::Merged {
                received: self.count(theirs)?,
            });
        };
        if ours == theirs || repo.graph_descendant_of(ours, theirs)? {
            return Ok(Integrated::Nothing);
        }
        let received = repo.graph_ahead_behind(ours, theirs)?.1;
        if repo.graph_descendant_of(theirs, ours)? {
            self.advance(Some(ours), theirs, message)?;
            return Ok(Integrated::Merged { received });
        }
        let (our_commit, their_commit) = (repo.find_commit(ours)?, repo.find_commit(theirs)?);
        let mut index = repo.merge_commits(&our_commit, &their_commit, None)?;
        if index.has_conflicts() {
            let spots = self.describe(&index)?;
            self.stop(ours, theirs, &spots)?;
            return Ok(Integrated::Conflict(spots));
        }
        let tree = index.write_tree_to(repo)?;
        let merged = self.merge_commit(&our_commit, &their_commit, tree, sig, message)?;
        self.advance(Some(ours), merged, message)?;
        Ok(Integrated::Merged { received })
    }

    fn rel(&self, git_path: &str) -> String {
        self.mag
            .magazine_path(git_path)
            .unwrap_or(git_path)
            .to_string()
    }

    fn blob_text(&self, entry: &Option<IndexEntry>) -> String {
        entry
            .as_ref()
            .and_then(|e| self.repo().find_blob(e.id).ok())
            .and_then(|b| text::decode(b.content()).ok())
            .map(|d| d.text)
            .unwrap_or_default()
    }

    /// Names each conflict: the article and the paragraph, with both texts.
    fn describe(&self, index: &git2::Index) -> Result<Vec<Spot>> {
        let mut spots = Vec::new();
        for conflict in index.conflicts()? {
            let conflict = conflict?;
            let any = conflict
                .our
                .as_ref()
                .or(conflict.their.as_ref())
                .or(conflict.ancestor.as_ref())
                .expect("a conflict has a side");
            let file = self.rel(&String::from_utf8_lossy(&any.path));
            let marked = match (&conflict.ancestor, &conflict.our, &conflict.their) {
                (Some(a), Some(o), Some(t)) => self
                    .repo()
                    .merge_file_from_index(a, o, t, None)
                    .ok()
                    .map(|r| String::from_utf8_lossy(r.content()).into_owned()),
                _ => None,
            };
            match marked {
                Some(m) if file.ends_with(super::load::ARTICLE_FILE) => {
                    spots.extend(spots_in(&file, &m));
                }
                _ => spots.push(Spot {
                    file,
                    paragraph: None,
                    in_front_matter: false,
                    ours: self.blob_text(&conflict.our),
                    theirs: self.blob_text(&conflict.their),
                }),
            }
        }
        Ok(spots)
    }

    fn stop(&self, ours: Oid, theirs: Oid, spots: &[Spot]) -> Result<()> {
        let repo = self.repo();
        repo.reference(LOCAL_REF, ours, true, "galley sync: local work kept")?;
        repo.reference(REMOTE_REF, theirs, true, "galley sync: remote to merge")?;
        let mut files: Vec<String> = spots.iter().map(|s| s.file.clone()).collect();
        files.dedup();
        let state = Pending { files };
        write_atomic(
            &state_path(repo),
            toml::to_string(&state).expect("toml").as_bytes(),
        )
    }

    pub fn clear(&self) -> Result<()> {
        let repo = self.repo();
        for r in [LOCAL_REF, REMOTE_REF] {
            if let Ok(mut reference) = repo.find_reference(r) {
                reference.delete()?;
            }
        }
        let _ = std::fs::remove_file(state_path(repo));
        Ok(())
    }

    /// Finishes a stopped merge with the texts now in the work tree (or the
    /// remote's, with `take_theirs`).
    pub fn resume(&self, take_theirs: bool, sig: &Signature, message: &str) -> Result<usize> {
        let repo = self.repo();
        let ours = self.head()?.ok_or_else(says::nothing_pending)?;
        let theirs = repo.refname_to_id(REMOTE_REF)?;
        let (our_commit, their_commit) = (repo.find_commit(ours)?, repo.find_commit(theirs)?);
        let mut index = repo.merge_commits(&our_commit, &their_commit, None)?;
        let conflicts: Vec<_> = index.conflicts()?.collect::<std::result::Result<_, _>>()?;
        for conflict in conflicts {
            let (chosen, other) = if take_theirs {
                (conflict.their, conflict.our)
            } else {
                (conflict.our, conflict.their)
            };
            let mut entry = chosen
                .or(other)
                .or(conflict.ancestor)
                .expect("a conflict has a side");
            let git_path = String::from_utf8_lossy(&entry.path).into_owned();
            index.conflict_remove(Path::new(&git_path))?;
            let content = if take_theirs {
                repo.find_blob(entry.id)
                    .map(|b| b.content().to_vec())
                    .unwrap_or_default()
            } else {
                std::fs::read(self.mag.abs(&self.rel(&git_path))).unwrap_or_default()
            };
            entry.file_size = content.len() as u32;
            entry.id = repo.blob(&content)?;
            // Stage 0: a resolved entry, no longer one side of a conflict.
            entry.flags &= !0x3000;
            index.add(&entry)?;
        }
        let tree = index.write_tree_to(repo)?;
        let merged = self.merge_commit(&our_commit, &their_commit, tree, sig, message)?;
        let received = repo.graph_ahead_behind(ours, theirs)?.1;
        // The chosen texts are in the merged tree, and nothing else in the
        // work tree is unsaved (checked before), so the work tree can simply
        // become the merge.
        let mut checkout = CheckoutBuilder::new();
        checkout.force();
        repo.checkout_tree(repo.find_commit(merged)?.as_object(), Some(&mut checkout))?;
        repo.reference_matching(&self.branch_ref(), merged, true, ours, message)?;
        self.clear()?;
        Ok(received)
    }

    /// Puts the chosen files back as they were before the stopped sync.
    pub fn abandon(&self, state: &Pending) -> Result<()> {
        let repo = self.repo();
        if let Some(head) = self.head()? {
            let mut checkout = CheckoutBuilder::new();
            checkout.force();
            for file in &state.files {
                checkout.path(self.mag.git_path(file));
            }
            repo.checkout_tree(repo.find_commit(head)?.as_object(), Some(&mut checkout))?;
        }
        self.clear()
    }
}

fn is_race(reason: &str) -> bool {
    let r = reason.to_ascii_lowercase();
    r.contains("fast-forward")
        || r.contains("fetch first")
        || r.contains("non-fast")
        || r.contains("stale")
        || r.contains("lock")
}

/// Reads the conflict regions of an article merged with markers.
fn spots_in(file: &str, marked: &str) -> Vec<Spot> {
    let mut spots = Vec::new();
    let mut fences = 0;
    let mut paragraph = 0;
    let mut lines = marked.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("<<<<<<<") {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            let mut in_theirs = false;
            for l in lines.by_ref() {
                if l.starts_with("=======") {
                    in_theirs = true;
                } else if l.starts_with(">>>>>>>") {
                    break;
                } else if in_theirs {
                    theirs.push(l);
                } else {
                    ours.push(l);
                }
            }
            let in_front_matter = fences < 2;
            spots.push(Spot {
                file: file.to_string(),
                paragraph: (!in_front_matter).then_some(paragraph + 1),
                in_front_matter,
                ours: ours.join("\n"),
                theirs: theirs.join("\n"),
            });
            paragraph += ours.iter().filter(|l| !l.trim().is_empty()).count();
            continue;
        }
        if line.trim() == "+++" && fences < 2 {
            fences += 1;
        } else if fences >= 2 && !line.trim().is_empty() {
            paragraph += 1;
        }
    }
    spots
}

/// Magazine files with changes not yet saved as a commit.
pub fn unsaved(mag: &Magazine) -> Result<Vec<String>> {
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(false).include_ignored(false);
    let statuses = mag.git.statuses(Some(&mut opts))?;
    let mut files = Vec::new();
    for entry in statuses.iter() {
        let Some(rel) = entry.path().ok().and_then(|p| mag.magazine_path(p)) else {
            continue;
        };
        let ours = rel == super::STAFF_FILE
            || rel.starts_with(&format!("{}/", super::ISSUES_DIR))
            || rel.starts_with("templates/");
        if ours && !entry.status().is_empty() {
            files.push(rel.to_string());
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_failures_become_one_plain_sentence() {
        let auth = git2::Error::new(ErrorCode::Auth, ErrorClass::Http, "authentication required");
        assert!(remote_error("origin", auth).message.contains("拒绝了登录"));
        let gone = git2::Error::new(
            ErrorCode::NotFound,
            ErrorClass::Net,
            "failed to resolve address",
        );
        assert!(
            remote_error("origin", gone)
                .message
                .starts_with("连不上共享仓库“origin”")
        );
    }

    #[test]
    fn conflict_markers_name_the_paragraph() {
        let marked = "+++\ntitle = \"甲\"\n+++\n\n第一段。\n\n<<<<<<< ours\n第二段乙改。\n=======\n第二段甲改。\n>>>>>>> theirs\n\n第三段。\n";
        let spots = spots_in("issues/2024-03/a/article.md", marked);
        assert_eq!(spots.len(), 1);
        assert_eq!(spots[0].paragraph, Some(2));
        assert_eq!(
            (spots[0].ours.as_str(), spots[0].theirs.as_str()),
            ("第二段乙改。", "第二段甲改。")
        );
    }
}
