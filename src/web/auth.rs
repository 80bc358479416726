//! Who is at the desk: passwords (argon2id, kept in the git directory and
//! never in history), sessions with a CSRF token each, and a brake on
//! guessing.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use git2::Repository;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::messages;
use crate::repo::files::write_atomic;
use crate::repo::writer_lock::galley_dir;

/// How long a session lasts without being used.
const IDLE: Duration = Duration::from_secs(8 * 60 * 60);
/// Failures allowed before each further attempt must wait.
const FREE_FAILURES: u32 = 5;
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

#[derive(Default, Serialize, Deserialize)]
struct PasswordFile {
    #[serde(default)]
    passwords: std::collections::BTreeMap<String, String>,
}

pub fn passwords_path(repo: &Repository) -> PathBuf {
    galley_dir(repo).join("passwords.toml")
}

fn read_file(path: &Path) -> PasswordFile {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

/// Sets `name`'s password; only its argon2id hash is stored.
pub fn set_password(repo: &Repository, name: &str, password: &str) -> Result<()> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| messages::web::no_randomness())?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| messages::web::no_randomness())?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|_| messages::web::no_randomness())?
        .to_string();
    let path = passwords_path(repo);
    let mut file = read_file(&path);
    file.passwords.insert(name.to_string(), hash);
    write_atomic(
        &path,
        toml::to_string(&file).expect("serialises").as_bytes(),
    )
}

/// The stored hash for `name`, if a password is set.
pub fn stored_hash(passwords: &Path, name: &str) -> Option<String> {
    read_file(passwords).passwords.get(name).cloned()
}

/// Checks a password against a stored hash. Slow on purpose (argon2id);
/// call it off the async threads.
pub fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash of a password nobody knows, checked when a name has no password
/// so that a wrong name takes as long as a wrong password.
pub static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::encode_b64(b"galley-no-such-user").expect("a fixed salt encodes");
    Argon2::default()
        .hash_password(token().as_bytes(), &salt)
        .expect("argon2 hashes")
        .to_string()
});

/// A random token, as hex.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system has randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Clone)]
pub struct Flash {
    pub ok: bool,
    pub lines: Vec<String>,
}

#[derive(Clone)]
pub struct Session {
    pub name: String,
    pub csrf: String,
    /// The password hash at login: a changed password ends the session.
    pub password_hash: String,
    last_seen: Instant,
    pub flash: Option<Flash>,
}

#[derive(Default)]
pub struct Sessions {
    by_token: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// A fresh session (a new token, so none chosen by someone else can be
    /// carried over into a login).
    pub fn open(&self, name: &str, password_hash: &str) -> String {
        let token = token();
        let session = Session {
            name: name.to_string(),
            csrf: self::token(),
            password_hash: password_hash.to_string(),
            last_seen: Instant::now(),
            flash: None,
        };
        let mut all = self.by_token.lock().expect("sessions");
        all.retain(|_, s| s.last_seen.elapsed() < IDLE);
        all.insert(token.clone(), session);
        token
    }

    /// The live session for `token`, if its password is still the one it
    /// logged in with.
    pub fn get(&self, token: &str, passwords: &Path) -> Option<Session> {
        let mut all = self.by_token.lock().expect("sessions");
        let session = all.get_mut(token)?;
        let current = stored_hash(passwords, &session.name);
        if session.last_seen.elapsed() >= IDLE
            || current.as_deref() != Some(session.password_hash.as_str())
        {
            all.remove(token);
            return None;
        }
        session.last_seen = Instant::now();
        Some(session.clone())
    }

    pub fn close(&self, token: &str) {
        self.by_token.lock().expect("sessions").remove(token);
    }

    pub fn set_flash(&self, token: &str, flash: Flash) {
        if let Some(s) = self.by_token.lock().expect("sessions").get_mut(token) {
            s.flash = Some(flash);
        }
    }

    pub fn take_flash(&self, token: &str) -> Option<Flash> {
        self.by_token
            .lock()
            .expect("sessions")
            .get_mut(token)
            .and_then(|s| s.flash.take())
    }
}

/// Failed logins, per name and per address. After `FREE_FAILURES`, each
/// further attempt must wait twice as long as the one before.
#[derive(Default)]
pub struct Brake {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Brake {
    fn keys(name: &str, addr: IpAddr) -> [String; 2] {
        [format!("name:{name}"), format!("addr:{addr}")]
    }

    /// How long this attempt must still wait, if at all.
    pub fn wait(&self, name: &str, addr: IpAddr) -> Option<Duration> {
        let all = self.failures.lock().expect("brake");
        Self::keys(name, addr)
            .iter()
            .filter_map(|k| all.get(k))
            .filter(|(n, _)| *n >= FREE_FAILURES)
            .map(|(n, at)| {
                let wait =
                    Duration::from_secs(1u64 << (n - FREE_FAILURES).min(10)).min(LONGEST_WAIT);
                wait.saturating_sub(at.elapsed())
            })
            .filter(|w| !w.is_zero())
            .max()
    }

    pub fn failed(&self, name: &str, addr: IpAddr) {
        let mut all = self.failures.lock().expect("brake");
        for k in Self::keys(name, addr) {
            let entry = all.entry(k).or_insert((0, Instant::now()));
            entry.0 += 1;
            entry.1 = Instant::now();
        }
    }

    pub fn succeeded(&self, name: &str, addr: IpAddr) {
        let mut all = self.failures.lock().expect("brake");
        for k in Self::keys(name, addr) {
            all.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_hash_is_stored_and_it_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        set_password(&repo, "宋欣龙", "濮阳2024").unwrap();
        let text = std::fs::read_to_string(passwords_path(&repo)).unwrap();
        assert!(!text.contains("濮阳2024"), "{text}");
        assert!(text.contains("$argon2id$"), "{text}");
        let hash = stored_hash(&passwords_path(&repo), "宋欣龙").unwrap();
        assert!(verify(&hash, "濮阳2024"));
        assert!(!verify(&hash, "濮阳2025"));
    }

    #[test]
    fn the_brake_holds_after_five_failures_and_doubles() {
        let brake = Brake::default();
        let addr: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..5 {
            assert_eq!(brake.wait("宋欣龙", addr), None);
            brake.failed("宋欣龙", addr);
        }
        assert!(brake.wait("宋欣龙", addr).is_some());
        // Another name from the same address is held too.
        assert!(brake.wait("刘卫防", addr).is_some());
        brake.succeeded("宋欣龙", addr);
        assert_eq!(brake.wait("宋欣龙", addr), None);
    }
}
