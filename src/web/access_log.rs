//! The desk's access log, for the security audit that 等级保护 asks of
//! such systems: who logged in, failed, was held back by the brake, logged
//! out or had a session run out, from which address, and when.
//!
//! `.git/galley/access.log`, one JSON object per line, only ever appended;
//! past `ROTATE_AT` it becomes `access.log.1` (and so on, `KEEP` files
//! kept). It lives beside the passwords, outside history, and never
//! holds a password.

use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Local;
use git2::Repository;
use serde::Serialize;

use crate::repo::writer_lock::galley_dir;

const ROTATE_AT: u64 = 10 * 1024 * 1024;
const KEEP: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Login,
    LoginFailed,
    Braked,
    Logout,
    PasswordChanged,
    SessionExpired,
}

#[derive(Serialize)]
struct Line<'a> {
    at: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    event: Event,
}

pub struct AccessLog {
    path: PathBuf,
    /// One line at a time, and rotation between lines.
    writing: Mutex<()>,
}

impl AccessLog {
    pub fn of(repo: &Repository) -> AccessLog {
        AccessLog::at(galley_dir(repo).join("access.log"))
    }

    pub fn at(path: PathBuf) -> AccessLog {
        AccessLog {
            path,
            writing: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line. `name` is what was typed, cut to a sane length;
    /// `address` is absent for what was done at the server itself
    /// (`galley passwd`). A log that cannot be written must not stop the
    /// desk, so failures are only reported on standard error.
    pub fn record(&self, name: &str, address: Option<IpAddr>, event: Event) {
        let name: String = name.chars().take(super::auth::LONGEST_NAME).collect();
        let line = Line {
            at: Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            name: &name,
            address: address.map(|a| a.to_string()),
            event,
        };
        let mut text = serde_json::to_string(&line).expect("a log line serialises");
        text.push('\n');
        let _one = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = self.rotate_if_full().and_then(|()| self.append(&text)) {
            eprintln!("access log {}: {e}", self.path.display());
        }
    }

    fn append(&self, text: &str) -> std::io::Result<()> {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?
            .write_all(text.as_bytes())
    }

    fn rotate_if_full(&self) -> std::io::Result<()> {
        let size = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        if size < ROTATE_AT {
            return Ok(());
        }
        let numbered = |n: usize| PathBuf::from(format!("{}.{n}", self.path.display()));
        for n in (1..KEEP).rev() {
            if numbered(n).exists() {
                std::fs::rename(numbered(n), numbered(n + 1))?;
            }
        }
        std::fs::rename(&self.path, numbered(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_json_and_a_full_log_is_rotated() {
        let dir = tempfile::tempdir().unwrap();
        let log = AccessLog::at(dir.path().join("access.log"));
        log.record(
            "宋欣龙",
            Some("127.0.0.1".parse().unwrap()),
            Event::LoginFailed,
        );
        let text = std::fs::read_to_string(log.path()).unwrap();
        let line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(line["name"], "宋欣龙");
        assert_eq!(line["address"], "127.0.0.1");
        assert_eq!(line["event"], "login_failed");
        std::fs::write(log.path(), vec![b'x'; ROTATE_AT as usize]).unwrap();
        log.record("刘卫防", None, Event::PasswordChanged);
        let rotated = dir.path().join("access.log.1");
        assert_eq!(std::fs::metadata(&rotated).unwrap().len(), ROTATE_AT);
        let fresh = std::fs::read_to_string(log.path()).unwrap();
        assert_eq!(fresh.lines().count(), 1, "{fresh}");
        assert!(fresh.contains("password_changed"));
    }
}
