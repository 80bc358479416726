//! Changing the git index the way git itself does: under `index.lock`.
//!
//! git (and every galley) writes the index by creating `index.lock`
//! exclusively, writing the new index into it, and renaming it over
//! `index`. galley holds that lock from before it reads the index until
//! the prepared index is in place.
//!
//! galley puts the new index in place *before* it moves the branch. `git
//! commit` reads HEAD first and the index later, and reads the index
//! before it takes the lock; had galley moved the branch first, a `git
//! commit` could read the new HEAD and the old index in between, commit
//! on top of galley's commit, and write back an index that lacks what
//! galley just committed (git's own commits race each other that way).
//! In this order a git that sees galley's commit also sees its index, and
//! a git that read the old HEAD cannot move the branch past galley's
//! commit. While the branch has not yet moved, the index holds galley's
//! entries as staged; if the move never happens they are taken back out
//! ("withdrawn"), by this galley or, if it was killed, by the next.
//!
//! A galley that is killed while holding `index.lock` must not block
//! everybody after it. So before taking the lock galley writes an owner
//! record (`.git/galley/index-lock.toml`), and what it puts into
//! `index.lock` can always be recognised as its own: first a marker with
//! the record's nonce, then the prepared index whose hash the record names.
//! The next galley writer (holding the writer lock, so the owner is surely
//! dead) abandons that lock, and withdraws what the dead galley had put
//! into the index for a commit that never landed. A lock whose content is
//! not ours is somebody else's, and is never touched.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use git2::{ErrorCode, IndexEntry, Oid, Repository};
use serde::{Deserialize, Serialize};

use super::files::replace;
use super::index_file::{self, NewEntry};
use super::writer_lock::WriterLock;
use crate::error::Result;
use crate::messages;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
struct OwnerRecord {
    nonce: String,
    /// The branch the commit goes onto.
    #[serde(default)]
    branch: String,
    /// The prepared index's identity, once it is in `index.lock`: its size
    /// and the checksum git writes at the end of every index file.
    #[serde(default)]
    prepared: String,
    /// The commit HEAD is being moved to.
    #[serde(default)]
    commit: String,
    /// What is in the index, published, while the branch is not yet known
    /// to have moved to `commit`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    published: Vec<PublishedEntry>,
}

/// One path galley put into the index, and the blob it put there; or,
/// `removed`, one it took out of the index (`blob` is HEAD's).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct PublishedEntry {
    path: String,
    blob: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    removed: bool,
}

/// One path this command wrote, and the blob it committed for it; or,
/// `removed`, one it removes, with the blob and bytes HEAD holds for it.
pub struct Staged {
    pub git_path: String,
    pub blob: Oid,
    pub content: Vec<u8>,
    pub removed: bool,
}

pub struct IndexLock {
    git_dir: PathBuf,
    record: OwnerRecord,
    released: bool,
    /// Held to take published entries back out: giving up leaves the
    /// record for the next galley instead of withdrawing again.
    withdrawing: bool,
}

/// The prepared index is the index; the branch has yet to move. Dropped
/// without `landed`, it withdraws its entries again.
pub struct Published {
    git_dir: PathBuf,
    record: OwnerRecord,
    settled: bool,
}

fn record_path(git_dir: &Path) -> PathBuf {
    galley_dir_of(git_dir).join("index-lock.toml")
}

fn galley_dir_of(git_dir: &Path) -> PathBuf {
    git_dir.join("galley")
}

fn lock_path(git_dir: &Path) -> PathBuf {
    git_dir.join("index.lock")
}

fn marker(nonce: &str) -> Vec<u8> {
    format!("galley index lock {nonce}\n").into_bytes()
}

/// An index file's size and trailing checksum: enough to know a prepared
/// index again without reading all of it.
fn identity(path: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    if size < 20 {
        return None;
    }
    file.seek(SeekFrom::End(-20)).ok()?;
    let mut tail = [0u8; 20];
    file.read_exact(&mut tail).ok()?;
    Some(format!("{size}:{}", crate::core::hex(&tail)))
}

/// A random name for this attempt, so its lock and record are known again.
fn new_nonce() -> String {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness: the process id and the clock still tell attempts apart.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        bytes = (nanos ^ (u64::from(std::process::id()) << 32)).to_le_bytes();
    }
    crate::core::hex(&bytes)
}

/// A pause that grows with each try and varies between processes, so that
/// waiters do not all knock at the same moment.
pub fn backoff(attempt: u32) -> Duration {
    let base = 5u64 << attempt.min(5);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or_default()
        ^ u64::from(std::process::id()).wrapping_mul(0x9e37_79b9);
    Duration::from_millis(base + seed % (base + 1))
}

impl IndexLock {
    /// Takes `index.lock`, waiting with backoff while another program
    /// holds it, until `deadline`. The caller holds the writer lock.
    pub fn take(repo: &Repository, deadline: Instant) -> Result<IndexLock> {
        recover(repo)?;
        Self::acquire(repo.path(), OwnerRecord::default(), deadline, false)
    }

    /// Takes the lock under a new nonce for `record`, which may carry
    /// entries already published.
    fn acquire(
        git_dir: &Path,
        mut record: OwnerRecord,
        deadline: Instant,
        withdrawing: bool,
    ) -> Result<IndexLock> {
        record.nonce = new_nonce();
        record.prepared.clear();
        let mut lock = IndexLock {
            git_dir: git_dir.to_path_buf(),
            record,
            released: false,
            withdrawing,
        };
        lock.save_record()?;
        let staged_marker =
            galley_dir_of(&lock.git_dir).join(format!("scratch-marker-{}", lock.record.nonce));
        replace(&staged_marker, &marker(&lock.record.nonce))?;
        let target = lock_path(&lock.git_dir);
        let mut attempt = 0;
        let outcome = loop {
            // A hard link appears with its content already in place, so
            // there is no moment at which our lock is empty and anonymous.
            match fs::hard_link(&staged_marker, &target) {
                Ok(()) => break Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if Instant::now() >= deadline {
                        break Err(messages::lock_held(&target));
                    }
                    sleep(backoff(attempt));
                    attempt += 1;
                }
                Err(_) => break create_with_marker(&target, &lock.record.nonce),
            }
        };
        let _ = fs::remove_file(&staged_marker);
        match outcome {
            Ok(()) => Ok(lock),
            Err(e) => {
                // Not ours: Drop must leave somebody else's lock alone.
                lock.released = true;
                if lock.record.published.is_empty() {
                    let _ = fs::remove_file(record_path(&lock.git_dir));
                }
                Err(e)
            }
        }
    }

    fn save_record(&self) -> Result<()> {
        let text = toml::to_string(&self.record).expect("the record serialises");
        replace(&record_path(&self.git_dir), text.as_bytes())
    }

    /// Puts into `index.lock` the current index with `staged` added, as the
    /// index that goes with `commit` on `branch`.
    pub fn prepare(
        &mut self,
        repo: &Repository,
        staged: &[Staged],
        branch: &str,
        commit: Oid,
    ) -> Result<()> {
        let scratch =
            galley_dir_of(&self.git_dir).join(format!("scratch-index-{}", self.record.nonce));
        let result = self.prepare_via(repo, &scratch, staged, branch, commit);
        let _ = fs::remove_file(&scratch);
        result?;
        self.record.published = staged
            .iter()
            .map(|s| PublishedEntry {
                path: s.git_path.clone(),
                blob: s.blob.to_string(),
                removed: s.removed,
            })
            .collect();
        Ok(())
    }

    fn prepare_via(
        &mut self,
        repo: &Repository,
        scratch: &Path,
        staged: &[Staged],
        branch: &str,
        commit: Oid,
    ) -> Result<()> {
        let current = self.git_dir.join("index");
        let _ = fs::remove_file(scratch);
        // The hand-written patch only adds and replaces entries; a commit
        // that removes paths goes through libgit2.
        let removes = staged.iter().any(|s| s.removed);
        let patched = fs::read(&current)
            .ok()
            .filter(|_| !removes)
            .and_then(|bytes| {
                let workdir = repo.workdir()?;
                let entries: Vec<NewEntry> = staged.iter().map(|s| new_entry(workdir, s)).collect();
                index_file::patch(&bytes, &entries)
            });
        if let Some(bytes) = patched {
            replace(scratch, &bytes)?;
            return self.install(scratch, branch, &commit.to_string());
        }
        let (_own, mut index) = self.scratch_index(repo, scratch)?;
        for s in staged {
            match s.removed {
                true => index.remove_path(Path::new(&s.git_path))?,
                false => stage(&mut index, s)?,
            }
        }
        index.write()?;
        self.install(scratch, branch, &commit.to_string())
    }

    /// The current index under a second name, opened through libgit2:
    /// libgit2 writes the new one beside it and renames it over this name
    /// only, so the index itself is never touched.
    /// The repository handle is returned too: the index needs it alive.
    fn scratch_index(
        &self,
        repo: &Repository,
        scratch: &Path,
    ) -> Result<(Repository, git2::Index)> {
        let current = self.git_dir.join("index");
        let _ = fs::remove_file(scratch);
        match fs::hard_link(&current, scratch) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => {
                let bytes = fs::read(&current).map_err(|e| messages::write_failed(&current, &e))?;
                replace(scratch, &bytes)?;
            }
        }
        // A second handle, so that pointing its index at the scratch copy
        // leaves the caller's repository as it was.
        let own = Repository::open(repo.path())?;
        let mut index = git2::Index::open(scratch)?;
        own.set_index(&mut index)?;
        Ok((own, index))
    }

    /// The prepared index becomes `index.lock`, its identity recorded first
    /// so that a killed galley's work can be finished or undone.
    fn install(&mut self, scratch: &Path, branch: &str, commit: &str) -> Result<()> {
        self.record.prepared = identity(scratch).unwrap_or_default();
        self.record.branch = branch.to_string();
        self.record.commit = commit.to_string();
        self.save_record()?;
        fs::rename(scratch, lock_path(&self.git_dir))
            .map_err(|e| messages::write_failed(&lock_path(&self.git_dir), &e))
    }

    /// The prepared index becomes the index, before the branch moves. The
    /// record says what it put there until the branch is known to have
    /// moved.
    pub fn publish(mut self) -> Result<Published> {
        self.save_record()?;
        self.install_as_index()?;
        Ok(Published {
            git_dir: self.git_dir.clone(),
            record: self.record.clone(),
            settled: false,
        })
    }

    /// What is in `index.lock` becomes the index, and the lock is gone.
    fn install_as_index(&mut self) -> Result<()> {
        let index = self.git_dir.join("index");
        fs::rename(lock_path(&self.git_dir), &index)
            .map_err(|e| messages::write_failed(&index, &e))?;
        self.released = true;
        Ok(())
    }
}

impl Drop for IndexLock {
    /// Giving up: the index stays as it was before we took the lock, and
    /// what was published earlier is withdrawn.
    fn drop(&mut self) {
        if self.released {
            return;
        }
        let _ = fs::remove_file(lock_path(&self.git_dir));
        if self.record.published.is_empty() {
            let _ = fs::remove_file(record_path(&self.git_dir));
        } else if !self.withdrawing {
            let _ = withdraw(&self.git_dir, &self.record);
        }
    }
}

impl Published {
    /// The branch moved: the published index is simply the index.
    pub fn landed(mut self) {
        self.settled = true;
        let _ = fs::remove_file(record_path(&self.git_dir));
    }

    /// The branch moved under us: the lock again, to prepare the index
    /// for the commit rebuilt on top. What is published stays on record.
    pub fn retake(mut self, deadline: Instant) -> Result<IndexLock> {
        self.settled = true;
        IndexLock::acquire(&self.git_dir, self.record.clone(), deadline, false)
    }
}

impl Drop for Published {
    fn drop(&mut self) {
        if !self.settled {
            let _ = withdraw(&self.git_dir, &self.record);
        }
    }
}

/// Takes back out of the index what `record` published for a commit the
/// branch never reached: each entry that still holds the published blob
/// goes back to HEAD's version, or out if HEAD has none; each path it
/// removed that is still absent comes back as HEAD has it. The record stays
/// until that is done, so a galley killed meanwhile is withdrawn by the
/// next.
fn withdraw(git_dir: &Path, record: &OwnerRecord) -> Result<()> {
    let repo = Repository::open(git_dir)?;
    let deadline = Instant::now() + super::writer_lock::lock_wait();
    let mut lock = IndexLock::acquire(git_dir, record.clone(), deadline, true)?;
    let scratch = galley_dir_of(git_dir).join(format!("scratch-index-{}", lock.record.nonce));
    let result = lock.withdraw_via(&repo, &scratch);
    let _ = fs::remove_file(&scratch);
    result?;
    lock.install_as_index()?;
    let _ = fs::remove_file(record_path(git_dir));
    Ok(())
}

impl IndexLock {
    fn withdraw_via(&mut self, repo: &Repository, scratch: &Path) -> Result<()> {
        let (_own, mut index) = self.scratch_index(repo, scratch)?;
        let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
        for entry in &self.record.published {
            let path = Path::new(&entry.path);
            if entry.removed {
                // Taken out for the commit: back in, as HEAD has it, unless
                // somebody has staged the path again since.
                if index.get_path(path, 0).is_none()
                    && let Some(committed) = head.as_ref().and_then(|t| t.get_path(path).ok())
                {
                    index.add(&unstatted_entry(
                        &entry.path,
                        committed.id(),
                        committed.filemode() as u32,
                        0,
                    ))?;
                }
                continue;
            }
            let ours = index
                .get_path(path, 0)
                .is_some_and(|e| e.id.to_string() == entry.blob);
            if !ours {
                continue;
            }
            match head.as_ref().and_then(|t| t.get_path(path).ok()) {
                Some(committed) => index.add(&unstatted_entry(
                    &entry.path,
                    committed.id(),
                    committed.filemode() as u32,
                    0,
                ))?,
                None => index.remove_path(path)?,
            }
        }
        index.write()?;
        let (branch, commit) = (self.record.branch.clone(), self.record.commit.clone());
        self.install(scratch, &branch, &commit)
    }
}

fn create_with_marker(target: &Path, nonce: &str) -> Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(|e| messages::write_failed(target, &e))?;
    file.write_all(&marker(nonce))
        .map_err(|e| messages::write_failed(target, &e))
}

/// The index entry for one committed path: the committed blob, with the
/// work-tree file's stat data when that file holds the same bytes, so
/// that `git status` need not re-read it.
fn new_entry(workdir: &Path, s: &Staged) -> NewEntry {
    let file = workdir.join(&s.git_path);
    let same = fs::read(&file).is_ok_and(|bytes| bytes == s.content);
    let mut entry = NewEntry {
        path: s.git_path.as_bytes().to_vec(),
        ctime: (0, 0),
        mtime: (0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        size: s.content.len() as u32,
        id: s.blob.as_bytes().try_into().unwrap_or([0; 20]),
    };
    #[cfg(unix)]
    if same && let Ok(m) = fs::metadata(&file) {
        use std::os::unix::fs::MetadataExt;
        // git keeps the low 32 bits of each field.
        entry.ctime = (m.ctime() as u32, m.ctime_nsec() as u32);
        entry.mtime = (m.mtime() as u32, m.mtime_nsec() as u32);
        entry.dev = m.dev() as u32;
        entry.ino = m.ino() as u32;
        entry.uid = m.uid();
        entry.gid = m.gid();
    }
    #[cfg(not(unix))]
    if same && let Ok(m) = fs::metadata(&file) {
        let secs = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as u32, d.subsec_nanos()))
        };
        entry.ctime = secs(m.created());
        entry.mtime = secs(m.modified());
    }
    entry
}

/// Adds one committed path to the index with the committed blob. The stat
/// data comes from the work-tree file when that file holds the same bytes,
/// so `git status` need not re-read it.
fn stage(index: &mut git2::Index, s: &Staged) -> Result<()> {
    let path = Path::new(&s.git_path);
    let from_disk =
        index.add_path(path).is_ok() && index.get_path(path, 0).is_some_and(|e| e.id == s.blob);
    if !from_disk {
        let entry = unstatted_entry(&s.git_path, s.blob, 0o100644, s.content.len() as u32);
        index.add_frombuffer(&entry, &s.content)?;
    }
    Ok(())
}

/// An index entry without stat data, so that git compares the file's
/// content the next time it looks.
fn unstatted_entry(path: &str, id: Oid, mode: u32, size: u32) -> IndexEntry {
    IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: size,
        id,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// How long a ref lock left empty or half written must have stood before
/// recovery takes it for a killed galley's.
const UNFINISHED_REF_LOCK: Duration = Duration::from_secs(1);

/// The lock file of the branch HEAD names.
fn branch_lock(repo: &Repository) -> Option<PathBuf> {
    let head = repo.find_reference("HEAD").ok()?;
    let branch = head.symbolic_target().ok().flatten()?;
    Some(repo.path().join(format!("{branch}.lock")))
}

/// A branch lock a killed process had only begun to write: empty or cut
/// short before its newline. git and libgit2 write the whole line at once
/// right after creating the lock, so one left unfinished for a second is
/// nobody's, whether the record of the galley that made it survived or not.
pub fn lock_abandoned(lock: &Path) -> bool {
    let Ok(content) = fs::read(lock) else {
        return false;
    };
    let cut_short = content.len() < 41 && !content.ends_with(b"\n");
    cut_short
        && fs::metadata(lock)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= UNFINISHED_REF_LOCK))
}

/// Any galley command, reading or writing, puts right what a killed galley
/// left half done, when no galley is writing at the moment.
pub fn recover_if_abandoned(repo: &Repository) -> Result<()> {
    let branch_locked = branch_lock(repo).is_some_and(|l| l.exists());
    if !record_path(repo.path()).exists() && !branch_locked {
        return Ok(());
    }
    match WriterLock::try_acquire(repo)? {
        Some(_held) => recover(repo),
        None => Ok(()),
    }
}

/// Finishes or abandons the index lock of a galley that died holding it.
/// Only called by a writer holding the writer lock, so no live galley can
/// be the record's owner.
pub fn recover(repo: &Repository) -> Result<()> {
    let git_dir = repo.path();
    if let Some(lock) = branch_lock(repo).filter(|l| lock_abandoned(l)) {
        fs::remove_file(&lock).map_err(|e| messages::write_failed(&lock, &e))?;
    }
    let path = record_path(git_dir);
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(());
    };
    if let Ok(record) = toml::from_str::<OwnerRecord>(&text) {
        let lock = lock_path(git_dir);
        if let Ok(content) = fs::read(&lock) {
            let ours = content == marker(&record.nonce)
                || (!record.prepared.is_empty()
                    && identity(&lock).as_ref() == Some(&record.prepared));
            // Any other content: the lock is another program's. Leave it.
            if ours {
                fs::remove_file(&lock).map_err(|e| messages::write_failed(&lock, &e))?;
            }
        }
        if !record.commit.is_empty() {
            // Killed while moving the branch: its lock names our commit,
            // which no other program can be writing.
            let ref_lock = git_dir.join(format!("{}.lock", record.branch));
            if fs::read(&ref_lock).is_ok_and(|c| c == format!("{}\n", record.commit).as_bytes()) {
                fs::remove_file(&ref_lock).map_err(|e| messages::write_failed(&ref_lock, &e))?;
            }
        }
        if !record.published.is_empty() && !landed(repo, &record) {
            withdraw(git_dir, &record)?;
        }
    }
    let _ = fs::remove_file(&path);
    if let Ok(entries) = fs::read_dir(galley_dir_of(git_dir)) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("scratch-") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Whether the branch reached the record's commit (and perhaps went on).
fn landed(repo: &Repository, record: &OwnerRecord) -> bool {
    let (Ok(head), Ok(commit)) = (
        repo.refname_to_id(&record.branch),
        Oid::from_str(&record.commit),
    ) else {
        return false;
    };
    head == commit || repo.graph_descendant_of(head, commit).unwrap_or(false)
}

/// Whether git2 failed because somebody else holds a lock or moved a ref.
pub fn is_contention(e: &git2::Error) -> bool {
    matches!(
        e.code(),
        ErrorCode::Modified | ErrorCode::Locked | ErrorCode::Exists
    )
}
