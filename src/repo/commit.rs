//! One command, one commit, holding only the paths the command wrote.
//!
//! The commit is built from HEAD plus the new blobs, the way `git commit
//! PATH` does, so the user's other staged or unstaged work is untouched.
//! If anything fails, the work tree, the index and HEAD are put back.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use git2::build::TreeUpdateBuilder;
use git2::{ErrorCode, FileMode, Oid, Repository, Signature, Time};

use super::Magazine;
use super::files::write_atomic;
use crate::error::Result;
use crate::messages;

const ATTEMPTS: usize = 5;
const DEFAULT_LOCK_WAIT_MS: u64 = 3000;

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

fn lock_wait() -> Duration {
    let ms = std::env::var("GALLEY_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_LOCK_WAIT_MS);
    Duration::from_millis(ms)
}

/// Waits briefly for another git program to let go of the index.
/// Never deletes the lock: someone may really be holding it.
fn wait_for_index(repo: &Repository) -> Result<()> {
    let lock = repo.path().join("index.lock");
    let deadline = Instant::now() + lock_wait();
    while lock.exists() {
        if Instant::now() >= deadline {
            return Err(messages::lock_held(&lock));
        }
        sleep(Duration::from_millis(50));
    }
    Ok(())
}

fn is_retryable(e: &git2::Error) -> bool {
    matches!(
        e.code(),
        ErrorCode::Modified | ErrorCode::Locked | ErrorCode::Exists
    )
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
    let repo = &mag.git;
    wait_for_index(repo)?;
    let sig = author.signature()?;
    let ref_name = head_ref_name(repo)?;
    let mut last_error = None;
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            sleep(Duration::from_millis(40 * attempt as u64));
        }
        let parent_oid = head_oid(repo, &ref_name);
        let parent = parent_oid.map(|o| repo.find_commit(o)).transpose()?;
        let base_tree = match &parent {
            Some(c) => c.tree()?,
            None => repo.find_tree(repo.treebuilder(None)?.write()?)?,
        };
        let mut update = TreeUpdateBuilder::new();
        for change in changes {
            let blob = repo.blob(&change.content)?;
            update.upsert(mag.git_path(&change.rel), blob, FileMode::Blob);
        }
        let tree = repo.find_tree(update.create_updated(repo, &base_tree)?)?;
        let parents: Vec<_> = parent.iter().collect();
        let oid = repo.commit(None, &sig, &sig, message, &tree, &parents)?;

        let saved = write_all(mag, changes)?;
        failpoint("after-write");
        let moved = match parent_oid {
            Some(old) => repo.reference_matching(&ref_name, oid, true, old, message),
            None => repo.reference(&ref_name, oid, false, message),
        };
        match moved {
            Ok(_) => {
                if let Err(e) = update_index(mag, changes) {
                    if let Some(old) = parent_oid {
                        let _ = repo.reference_matching(&ref_name, old, true, oid, "galley: undo");
                    } else if let Ok(mut r) = repo.find_reference(&ref_name) {
                        let _ = r.delete();
                    }
                    restore(&saved);
                    return Err(e);
                }
                return Ok(oid);
            }
            Err(e) if is_retryable(&e) => {
                restore(&saved);
                last_error = Some(e);
            }
            Err(e) => {
                restore(&saved);
                return Err(e.into());
            }
        }
    }
    let lock = repo.path().join(format!("{ref_name}.lock"));
    match last_error {
        Some(e) if e.code() == ErrorCode::Locked || lock.exists() => {
            Err(messages::lock_held(&lock))
        }
        _ => Err(messages::head_kept_moving()),
    }
}

/// Another galley may be writing the index this very moment; wait for it
/// as for a held lock, then say which file is in the way.
fn update_index(mag: &Magazine, changes: &[Change]) -> Result<()> {
    let repo = &mag.git;
    let deadline = Instant::now() + lock_wait();
    loop {
        let mut index = repo.index()?;
        index.read(true)?;
        for change in changes {
            index.add_path(Path::new(&mag.git_path(&change.rel)))?;
        }
        match index.write() {
            Ok(()) => return Ok(()),
            Err(e) if e.code() == ErrorCode::Locked && Instant::now() < deadline => {
                sleep(Duration::from_millis(25));
            }
            Err(e) if e.code() == ErrorCode::Locked => {
                return Err(messages::lock_held(&repo.path().join("index.lock")));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Failpoints for the tests, named by `GALLEY_FAILPOINT`:
/// - `after-write` kills galley right after writing the files and before
///   committing them, the way a power cut would;
/// - `pause-before-push` holds a sync before its first push: it creates the
///   file `GALLEY_FAILPOINT_FILE` and waits (at most a minute) until the
///   test deletes it, so the test can push from elsewhere in between.
pub fn failpoint(name: &str) {
    if std::env::var("GALLEY_FAILPOINT").as_deref() != Ok(name) {
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
    let tree = mag.git.head().ok()?.peel_to_tree().ok()?;
    let entry = tree.get_path(Path::new(&mag.git_path(rel))).ok()?;
    let blob = mag.git.find_blob(entry.id()).ok()?;
    Some(blob.content().to_vec())
}
