//! One galley writer at a time per repository.
//!
//! Every galley command that writes holds this lock from before it reads
//! the article until after its commit, so concurrent galley writers behave
//! as if they ran one after another: each sees the work of the one before,
//! and none has to give up because another moved HEAD underneath it.
//!
//! It is an operating-system file lock (flock on Unix, LockFileEx on
//! Windows), so it is released by the system when its holder dies: a killed
//! galley never leaves it behind. Waiters block in the kernel instead of
//! polling, so the next in line is woken as soon as it is free.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use git2::Repository;

use crate::error::Result;
use crate::messages;

const DEFAULT_LOCK_WAIT_MS: u64 = 10_000;

/// How long a command waits for its turn (`GALLEY_LOCK_WAIT_MS`).
pub fn lock_wait() -> Duration {
    let ms = std::env::var("GALLEY_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_LOCK_WAIT_MS);
    Duration::from_millis(ms)
}

/// galley's own folder inside the git directory, shared by every work tree
/// of the repository. Nothing in it is ever committed.
pub fn galley_dir(repo: &Repository) -> PathBuf {
    repo.commondir().join("galley")
}

#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    pub fn path(repo: &Repository) -> PathBuf {
        galley_dir(repo).join("writer.lock")
    }

    /// The lock if nobody holds it right now, without waiting.
    pub fn try_acquire(repo: &Repository) -> Result<Option<WriterLock>> {
        let path = Self::path(repo);
        let file = open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WriterLock { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(messages::write_failed(&path, &e)),
        }
    }

    /// Waits (at most `lock_wait()`) until no other galley is writing.
    pub fn acquire(repo: &Repository) -> Result<WriterLock> {
        if let Some(lock) = Self::try_acquire(repo)? {
            return Ok(lock);
        }
        let path = Self::path(repo);
        let file = open(&path)?;
        let wait = lock_wait();
        let started = Instant::now();
        // A blocking lock cannot be given a deadline, so a helper thread
        // waits for it. If we stop waiting first, the helper's send fails
        // and it drops the file, which lets the lock go again at once.
        let (tx, rx) = mpsc::sync_channel(1);
        std::thread::spawn(move || {
            let outcome = file.lock().map(|()| file);
            let _ = tx.send(outcome);
        });
        match rx.recv_timeout(wait) {
            Ok(Ok(file)) => Ok(WriterLock { _file: file }),
            Ok(Err(e)) => Err(messages::write_failed(&path, &e)),
            Err(_) => Err(messages::writer_busy(&path, started.elapsed())),
        }
    }
}

/// Held while the history index is caught up, so that two commands never
/// append the same commits at once. Released by the system when its holder
/// dies, like the writer lock.
pub struct HistoryLock {
    _file: File,
}

impl HistoryLock {
    pub fn acquire(repo: &Repository) -> Result<HistoryLock> {
        let path = galley_dir(repo).join("history.lock");
        let file = open(&path)?;
        file.lock().map_err(|e| messages::write_failed(&path, &e))?;
        Ok(HistoryLock { _file: file })
    }
}

fn open(path: &Path) -> Result<File> {
    let dir = path.parent().expect("the lock lives in a folder");
    fs::create_dir_all(dir).map_err(|e| messages::write_failed(dir, &e))?;
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| messages::write_failed(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let first = WriterLock::acquire(&repo).unwrap();
        let path = WriterLock::path(&repo);
        let (tx, rx) = mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let repo = Repository::open(path.parent().unwrap().parent().unwrap()).unwrap();
            let second = WriterLock::acquire(&repo);
            tx.send(()).unwrap();
            second.map(|_| ())
        });
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "the second writer went ahead while the first held the lock"
        );
        drop(first);
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the second writer got its turn");
        waiter.join().unwrap().unwrap();
    }
}
