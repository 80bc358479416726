//! One command, one commit, holding only the paths the command wrote.
//!
//! The commit is built from HEAD plus the new blobs, the way `git commit
//! PATH` does, so the user's other staged or unstaged work is untouched.
//!
//! Order of work, all under galley's writer lock:
//! 1. write the files into the work tree;
//! 2. take git's `index.lock`, and put into it the index with only our
//!    paths changed (see `index_lock`);
//! 3. let that index become the index, before the branch moves, so that
//!    a `git commit` that sees our commit also sees our index;
//! 4. move the branch from the commit we built on to the new one
//!    (compare-and-swap; if someone else moved it, take the index lock
//!    again and rebuild on theirs).
//!
//! If anything fails, the work tree, the index and HEAD are left as they
//! were: the index is never written back from an older copy, and what
//! step 3 put into it is taken back out, entry by entry.
//!
//! A commit may also remove paths (压稿 moves an article's folder). The
//! tree loses them; the index loses their entries in step 2 (through the
//! libgit2 scratch index, not the hand-written patch), and taking step 3
//! back puts HEAD's entry in again, so a failed or killed commit leaves
//! the index as it was. The work-tree files are removed only after the
//! branch has moved, and only when they still hold the committed bytes:
//! until then nothing is gone from the work tree, so there is nothing to
//! restore; a file edited by hand is left where it is, untracked. A power
//! cut in the instant between the branch moving and the files going
//! leaves the old files behind as untracked copies: nothing is lost, and
//! `git status` shows them.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use git2::build::TreeUpdateBuilder;
use git2::{ErrorCode, FileMode, Oid, Repository, Signature, Time};

use super::Magazine;
use super::files::write_atomic;
use super::index_lock::{IndexLock, Published, Staged, backoff, is_contention, lock_abandoned};
use super::writer_lock::{WriterLock, lock_wait};
use crate::error::Result;
use crate::messages;

pub struct Change {
    /// Relative to the magazine root, with `/`.
    pub rel: String,
    pub content: Vec<u8>,
}

pub struct Author<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub when: DateTime<FixedOffset>,
}

impl Author<'_> {
    pub fn signature(&self) -> Result<Signature<'static>> {
        let time = Time::new(
            self.when.timestamp(),
            self.when.offset().local_minus_utc() / 60,
        );
        Ok(Signature::new(self.name, self.email, &time)?)
    }
}

struct Saved {
    path: PathBuf,
    before: Option<Vec<u8>>,
    /// The outermost folder this write had to create, removed again on undo.
    created: Option<PathBuf>,
}

fn restore(saved: &[Saved]) {
    for s in saved.iter().rev() {
        match &s.before {
            Some(bytes) => {
                let _ = write_atomic(&s.path, bytes);
            }
            None => {
                let _ = fs::remove_file(&s.path);
                if let Some(top) = &s.created {
                    // remove_dir only removes empty folders, so others' files stay.
                    for dir in s.path.ancestors().skip(1) {
                        if fs::remove_dir(dir).is_err() || dir == top {
                            break;
                        }
                    }
                }
            }
        }
    }
}

fn write_all(mag: &Magazine, changes: &[Change]) -> Result<Vec<Saved>> {
    let mut saved = Vec::new();
    for change in changes {
        let path = mag.abs(&change.rel);
        let before = fs::read(&path).ok();
        let created = path
            .ancestors()
            .skip(1)
            .take_while(|d| !d.exists())
            .last()
            .map(Path::to_path_buf);
        let record = Saved {
            path: path.clone(),
            before,
            created,
        };
        if let Err(e) = write_atomic(&path, &change.content) {
            restore(&saved);
            restore(std::slice::from_ref(&record));
            return Err(e);
        }
        saved.push(record);
    }
    Ok(saved)
}

/// The branch HEAD points at (even an unborn one), or HEAD itself when detached.
pub fn head_ref_name(repo: &Repository) -> Result<String> {
    let head = repo.find_reference("HEAD")?;
    Ok(head.symbolic_target()?.unwrap_or("HEAD").to_string())
}

fn head_oid(repo: &Repository, name: &str) -> Option<Oid> {
    repo.refname_to_id(name).ok()
}

pub fn commit(mag: &Magazine, author: &Author, message: &str, changes: &[Change]) -> Result<Oid> {
    commit_removing(mag, author, message, changes, &[])
}

/// Like `commit`, and `removed` (paths relative to the magazine root, in
/// HEAD) leave the tree, the index and, once the branch has moved, the
/// work tree.
pub fn commit_removing(
    mag: &Magazine,
    author: &Author,
    message: &str,
    changes: &[Change],
    removed: &[String],
) -> Result<Oid> {
    let repo = &mag.git;
    let _writer = match mag.holds_writer_lock() {
        true => None,
        false => Some(WriterLock::acquire(repo)?),
    };
    let deadline = Instant::now() + lock_wait();
    let sig = author.signature()?;
    let ref_name = head_ref_name(repo)?;
    let staged = changes
        .iter()
        .map(|c| {
            Ok(Staged {
                git_path: mag.git_path(&c.rel),
                blob: repo.blob(&c.content)?,
                content: c.content.clone(),
                removed: false,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let head_tree = match removed.is_empty() {
        true => None,
        false => Some(repo.head()?.peel_to_tree()?),
    };
    let mut staged = staged;
    for rel in removed {
        let git_path = mag.git_path(rel);
        let tree = head_tree.as_ref().expect("read when anything is removed");
        let blob = tree.get_path(Path::new(&git_path))?.id();
        staged.push(Staged {
            git_path,
            blob,
            content: repo.find_blob(blob)?.content().to_vec(),
            removed: true,
        });
    }
    if mag.is_bare() {
        // The shared repository itself: no work tree and no index, only the
        // branch, moved by compare-and-swap like every other write.
        return land(repo, &sig, message, &ref_name, &staged, deadline, false);
    }
    let saved = write_all(mag, changes)?;
    failpoint("after-write");
    let landed = land(repo, &sig, message, &ref_name, &staged, deadline, true);
    if landed.is_err() {
        restore(&saved);
    }
    if landed.is_ok() {
        remove_committed(mag, &staged);
    }
    landed
}

/// After the branch moved: the removed paths leave the work tree, each
/// only if it still holds the bytes that were committed, and the folders
/// they leave empty go too.
fn remove_committed(mag: &Magazine, staged: &[Staged]) {
    let (Some(workdir), root) = (mag.git.workdir(), mag.abs("")) else {
        return;
    };
    for s in staged.iter().filter(|s| s.removed) {
        let path = workdir.join(&s.git_path);
        if !fs::read(&path).is_ok_and(|bytes| bytes == s.content) || fs::remove_file(&path).is_err()
        {
            continue;
        }
        for dir in path.ancestors().skip(1) {
            if dir == root || !dir.starts_with(&root) || fs::remove_dir(dir).is_err() {
                break;
            }
        }
    }
}

/// The new commit: HEAD's tree (or an empty one) with `staged` put in.
fn build(
    repo: &Repository,
    parent: Option<Oid>,
    sig: &Signature,
    message: &str,
    staged: &[Staged],
) -> Result<Oid> {
    let parent = parent.map(|o| repo.find_commit(o)).transpose()?;
    let base_tree = match &parent {
        Some(c) => c.tree()?,
        None => repo.find_tree(repo.treebuilder(None)?.write()?)?,
    };
    let mut update = TreeUpdateBuilder::new();
    for s in staged {
        match s.removed {
            true => update.remove(&s.git_path),
            false => update.upsert(&s.git_path, s.blob, FileMode::Blob),
        };
    }
    let tree = repo.find_tree(update.create_updated(repo, &base_tree)?)?;
    let parents: Vec<_> = parent.iter().collect();
    Ok(repo.commit(None, sig, sig, message, &tree, &parents)?)
}

fn land(
    repo: &Repository,
    sig: &Signature,
    message: &str,
    ref_name: &str,
    staged: &[Staged],
    deadline: Instant,
    with_index: bool,
) -> Result<Oid> {
    let mut lock = match with_index {
        true => Some(IndexLock::take(repo, deadline)?),
        false => None,
    };
    let mut published: Option<Published> = None;
    let mut attempt = 0;
    loop {
        let parent = head_oid(repo, ref_name);
        let oid = build(repo, parent, sig, message, staged)?;
        if with_index {
            let mut held = match (lock.take(), published.take()) {
                (Some(held), _) => held,
                (None, Some(earlier)) => earlier.retake(deadline)?,
                (None, None) => unreachable!("the lock is held or was published"),
            };
            held.prepare(repo, staged, ref_name, oid)?;
            failpoint("index-prepared");
            published = Some(held.publish()?);
            failpoint("index-published");
            failpoint("pause-index-published");
        }
        let moved = match parent {
            Some(old) => repo.reference_matching(ref_name, oid, true, old, message),
            None => repo.reference(ref_name, oid, false, message),
        };
        match moved {
            Ok(_) => {
                failpoint("branch-moved");
                if let Some(published) = published {
                    published.landed();
                }
                return Ok(oid);
            }
            Err(e) if is_contention(&e) => {
                let lock = repo.path().join(format!("{ref_name}.lock"));
                // A branch lock a killed program had only begun to write
                // would hold every writer until the deadline; this galley
                // holds the writer lock, so it may clear it.
                if lock_abandoned(&lock) && std::fs::remove_file(&lock).is_ok() {
                    continue;
                }
                if Instant::now() >= deadline {
                    return Err(match e.code() {
                        ErrorCode::Locked => messages::lock_held(&lock),
                        _ if lock.exists() => messages::lock_held(&lock),
                        _ => messages::head_kept_moving(),
                    });
                }
                sleep(backoff(attempt));
                attempt += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Failpoints for the tests, named by `GALLEY_FAILPOINT`:
/// - `after-write` kills galley right after writing the files and before
///   committing them, the way a power cut would; `index-prepared`,
///   `index-published` and `branch-moved` kill it at those steps of
///   landing the commit;
/// - `pause-before-push` holds a sync before its first push, and
///   `pause-index-published` a commit between putting its index in place
///   and moving the branch: it creates the file `GALLEY_FAILPOINT_FILE`
///   and waits (at most a minute) until the test deletes it, so the test
///   can act from elsewhere in between. A pause holds once per process.
pub fn failpoint(name: &str) {
    static PAUSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if std::env::var("GALLEY_FAILPOINT").as_deref() != Ok(name) {
        return;
    }
    if name.starts_with("pause") && PAUSED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    eprintln!("galley: failpoint {name}");
    if !name.starts_with("pause") {
        std::process::abort();
    }
    let Some(flag) = std::env::var_os("GALLEY_FAILPOINT_FILE") else {
        return;
    };
    let flag = PathBuf::from(flag);
    if fs::write(&flag, b"paused").is_err() {
        return;
    }
    let until = Instant::now() + Duration::from_secs(60);
    while flag.exists() && Instant::now() < until {
        sleep(Duration::from_millis(20));
    }
}

/// The committed bytes of a magazine file at HEAD, if any.
pub fn head_bytes(mag: &Magazine, rel: &str) -> Option<Vec<u8>> {
    let path = mag.git_path(rel);
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", &path));
    let tree = mag.head_subtree(dir)?;
    let entry = tree.get_path(Path::new(name)).ok()?;
    let blob = mag.git.find_blob(entry.id()).ok()?;
    Some(blob.content().to_vec())
}
