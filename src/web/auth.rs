//! Who is at the desk: passwords (argon2id, kept in the git directory and
//! never in history), sessions with a CSRF token each, and a brake on
//! guessing.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use git2::Repository;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::messages;
use crate::repo::files::write_atomic;
use crate::repo::writer_lock::galley_dir;

/// How long a session lasts without being used.
const IDLE: Duration = Duration::from_secs(8 * 60 * 60);
/// How long a session lasts at most, however busy: a working day and a bit.
const LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
/// Sessions one person may hold at once (office computer, laptop, phone…);
/// a new login beyond that ends the one unused longest.
const SESSIONS_PER_PERSON: usize = 16;
/// Failures allowed before each further attempt must wait.
const FREE_FAILURES: u32 = 5;
/// The longest wait; the login page shows none longer, whatever its
/// address asks for.
const LONGEST_WAIT: Duration = Duration::from_secs(messages::web::LONGEST_LOGIN_WAIT);
/// Failures are forgotten once nobody has tried for this long.
const FORGET: Duration = Duration::from_secs(60 * 60);
/// The brake remembers at most this many (name, address) pairs.
const BRAKE_ENTRIES: usize = 10_000;
/// No name on a staff list is this long; longer ones are not looked up.
pub const LONGEST_NAME: usize = 64;
/// The password policy: at least this many characters…
pub const SHORTEST_PASSWORD: usize = 8;

/// …and not the person's own name, or its pinyin, with or without digits
/// after it (宋欣龙, songxinlong, SongXinlong2024).
pub fn check_policy(name: &str, password: &str) -> Result<()> {
    if password.is_empty() {
        return Err(messages::web::empty_password());
    }
    if password.chars().count() < SHORTEST_PASSWORD {
        return Err(messages::web::short_password());
    }
    use pinyin::ToPinyin;
    let spelled: String = name.to_pinyin().flatten().map(|p| p.plain()).collect();
    let stem = password
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_lowercase();
    if stem == name.to_lowercase() || (!spelled.is_empty() && stem == spelled) {
        return Err(messages::web::password_is_name());
    }
    Ok(())
}

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

/// The password file, read again only when it has changed on disk (a
/// `galley passwd` while the desk runs), so a page view costs a `stat`.
pub struct Passwords {
    path: PathBuf,
    cached: Mutex<(Option<(SystemTime, u64)>, PasswordFile)>,
}

impl Passwords {
    pub fn new(path: PathBuf) -> Passwords {
        Passwords {
            path,
            cached: Mutex::new((None, PasswordFile::default())),
        }
    }

    pub fn exists(&self) -> bool {
        self.path.is_file()
    }

    /// The stored hash for `name`, if a password is set.
    pub fn hash(&self, name: &str) -> Option<String> {
        let stamp = std::fs::metadata(&self.path)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if cached.0 != stamp {
            *cached = (stamp, read_file(&self.path));
        }
        cached.1.passwords.get(name).cloned()
    }
}

/// Checks a password against a stored hash. Slow on purpose (argon2id);
/// call it off the async threads.
///
/// Each thread keeps its argon2 memory (19 MiB for the default cost) and
/// reuses it: allocated afresh for every check, the allocator held on to
/// over a hundred megabytes per checking thread under a flood.
pub fn verify(hash: &str, password: &str) -> bool {
    thread_local! {
        static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        argon2::Algorithm::try_from(parsed.algorithm),
        argon2::Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .and_then(|v| argon2::Version::try_from(v).ok())
        .unwrap_or_default();
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let expected = expected.as_bytes();
    let mut out = vec![0u8; expected.len()];
    let hashed = BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        blocks.resize(params.block_count(), argon2::Block::default());
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut blocks[..])
            .is_ok()
    });
    hashed && super::constant_time_eq(&out, expected)
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
    crate::core::hex(&bytes)
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
    opened: Instant,
    last_seen: Instant,
    pub flash: Option<Flash>,
}

impl Session {
    fn over(&self, limits: &Lifetimes) -> bool {
        self.last_seen.elapsed() >= limits.idle || self.opened.elapsed() >= limits.whole
    }
}

struct Lifetimes {
    idle: Duration,
    whole: Duration,
}

/// What a session token from a browser turns out to be.
pub enum Lookup {
    Live(Session),
    /// It was someone's session, but it has run out or their password
    /// has changed since; it is gone now.
    Ended(String),
    Unknown,
}

pub struct Sessions {
    by_token: Mutex<HashMap<String, Session>>,
    limits: Lifetimes,
}

impl Default for Sessions {
    fn default() -> Sessions {
        Sessions {
            by_token: Mutex::default(),
            limits: Lifetimes {
                idle: IDLE,
                whole: LIFETIME,
            },
        }
    }
}

impl Sessions {
    /// A fresh session (a new token, so none chosen by someone else can be
    /// carried over into a login).
    pub fn open(&self, name: &str, password_hash: &str) -> String {
        let token = token();
        let now = Instant::now();
        let session = Session {
            name: name.to_string(),
            csrf: self::token(),
            password_hash: password_hash.to_string(),
            opened: now,
            last_seen: now,
            flash: None,
        };
        let mut all = self.by_token.lock().expect("sessions");
        all.retain(|_, s| !s.over(&self.limits));
        let mut theirs: Vec<(Instant, String)> = all
            .iter()
            .filter(|(_, s)| s.name == name)
            .map(|(t, s)| (s.last_seen, t.clone()))
            .collect();
        theirs.sort();
        let surplus = (theirs.len() + 1).saturating_sub(SESSIONS_PER_PERSON);
        for (_, old) in theirs.into_iter().take(surplus) {
            all.remove(&old);
        }
        all.insert(token.clone(), session);
        token
    }

    /// The live session for `token`, if it has not run out and its
    /// password is still the one it logged in with.
    pub fn get(&self, token: &str, passwords: &Passwords) -> Lookup {
        let Some(name) = self
            .by_token
            .lock()
            .expect("sessions")
            .get(token)
            .map(|s| s.name.clone())
        else {
            return Lookup::Unknown;
        };
        // The password file is read outside the sessions' lock.
        let current = passwords.hash(&name);
        let mut all = self.by_token.lock().expect("sessions");
        let Some(session) = all.get_mut(token) else {
            return Lookup::Unknown;
        };
        if session.over(&self.limits) || current.as_deref() != Some(session.password_hash.as_str())
        {
            all.remove(token);
            return Lookup::Ended(name);
        }
        session.last_seen = Instant::now();
        Lookup::Live(session.clone())
    }

    /// After `name` changed their own password at the session `keep`: that
    /// session goes on under the new password, every other one ends.
    pub fn keep_only(&self, name: &str, keep: &str, new_hash: &str) {
        let mut all = self.by_token.lock().expect("sessions");
        all.retain(|token, s| s.name != name || token == keep);
        if let Some(s) = all.get_mut(keep) {
            s.password_hash = new_hash.to_string();
        }
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

/// Failed logins of one name from one address. After `FREE_FAILURES`,
/// each further attempt must wait twice as long as the one before.
///
/// Keyed on the pair, so that guesses at a colleague's name from another
/// computer never lock the colleague out, and one person's typos never
/// lock out the rest of the office behind the same proxy. Only names that
/// have a password are counted, so made-up names cannot fill it up.
#[derive(Default)]
pub struct Brake {
    failures: Mutex<HashMap<(String, IpAddr), Failures>>,
}

struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn wait(&self, now: Instant) -> Option<Duration> {
        if self.count < FREE_FAILURES {
            return None;
        }
        let wait =
            Duration::from_secs(1u64 << (self.count - FREE_FAILURES).min(10)).min(LONGEST_WAIT);
        Some(wait.saturating_sub(now - self.last)).filter(|w| !w.is_zero())
    }
}

impl Brake {
    /// Counts an attempt as a failure before its password is checked, so
    /// that guesses sent all at once are held all at once; `succeeded`
    /// forgets it. Refused with the time still to wait while braked.
    pub fn attempt(&self, name: &str, addr: IpAddr) -> std::result::Result<(), Duration> {
        let now = Instant::now();
        let mut all = self.failures.lock().expect("brake");
        all.retain(|_, f| now - f.last < FORGET);
        if all.len() >= BRAKE_ENTRIES {
            let mut oldest: Vec<(Instant, (String, IpAddr))> =
                all.iter().map(|(k, f)| (f.last, k.clone())).collect();
            oldest.sort();
            for (_, key) in oldest.into_iter().take(BRAKE_ENTRIES / 10) {
                all.remove(&key);
            }
        }
        let entry = all.entry((name.to_string(), addr)).or_insert(Failures {
            count: 0,
            last: now,
        });
        if let Some(wait) = entry.wait(now) {
            return Err(wait);
        }
        entry.count += 1;
        entry.last = now;
        Ok(())
    }

    pub fn succeeded(&self, name: &str, addr: IpAddr) {
        self.failures
            .lock()
            .expect("brake")
            .remove(&(name.to_string(), addr));
    }

    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.failures.lock().expect("brake").len()
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
        let hash = Passwords::new(passwords_path(&repo))
            .hash("宋欣龙")
            .unwrap();
        assert!(verify(&hash, "濮阳2024"));
        assert!(!verify(&hash, "濮阳2025"));
    }

    #[test]
    fn a_password_is_long_enough_and_not_the_persons_name() {
        for bad in ["", "short", "宋欣龙", "songxinlong", "SongXinlong2024"] {
            assert!(check_policy("宋欣龙", bad).is_err(), "{bad:?}");
        }
        assert!(
            check_policy("宋欣龙", "濮阳2024春").is_err(),
            "7 characters"
        );
        assert!(check_policy("宋欣龙", "濮阳2024年春天").is_ok());
        assert!(check_policy("宋欣龙", "songxinlong-pw").is_ok());
    }

    #[test]
    fn the_brake_holds_one_name_at_one_address_after_five_failures() {
        let brake = Brake::default();
        let here: IpAddr = "127.0.0.1".parse().unwrap();
        let there: IpAddr = "127.0.0.2".parse().unwrap();
        for _ in 0..5 {
            assert_eq!(brake.attempt("宋欣龙", there), Ok(()));
        }
        assert!(brake.attempt("宋欣龙", there).is_err());
        // The colleague at their own computer, and another name at the
        // guessing one, are not held.
        assert_eq!(brake.attempt("宋欣龙", here), Ok(()));
        assert_eq!(brake.attempt("刘卫防", there), Ok(()));
        brake.succeeded("宋欣龙", there);
        assert_eq!(brake.attempt("宋欣龙", there), Ok(()));
    }

    #[test]
    fn the_brake_forgets_the_oldest_pairs_beyond_its_size() {
        let brake = Brake::default();
        for i in 0..(BRAKE_ENTRIES as u32 + 50) {
            let addr = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            brake.attempt("宋欣龙", addr).unwrap();
        }
        assert!(
            brake.remembered() <= BRAKE_ENTRIES,
            "{}",
            brake.remembered()
        );
    }

    #[test]
    fn a_session_in_use_still_ends_at_its_lifetime() {
        let sessions = Sessions {
            by_token: Mutex::default(),
            limits: Lifetimes {
                idle: Duration::from_secs(60),
                whole: Duration::from_millis(300),
            },
        };
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        set_password(&repo, "宋欣龙", "濮阳2024").unwrap();
        let passwords = Passwords::new(passwords_path(&repo));
        let token = sessions.open("宋欣龙", &passwords.hash("宋欣龙").unwrap());
        for _ in 0..2 {
            assert!(matches!(sessions.get(&token, &passwords), Lookup::Live(_)));
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_millis(200));
        assert!(matches!(sessions.get(&token, &passwords), Lookup::Ended(n) if n == "宋欣龙"));
    }

    #[test]
    fn a_person_holds_a_bounded_number_of_sessions() {
        let sessions = Sessions::default();
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        set_password(&repo, "宋欣龙", "濮阳2024").unwrap();
        let passwords = Passwords::new(passwords_path(&repo));
        let hash = passwords.hash("宋欣龙").unwrap();
        let first = sessions.open("宋欣龙", &hash);
        let later: Vec<String> = (0..SESSIONS_PER_PERSON)
            .map(|_| sessions.open("宋欣龙", &hash))
            .collect();
        assert!(matches!(
            sessions.get(&first, &passwords),
            Lookup::Ended(_) | Lookup::Unknown
        ));
        assert!(matches!(
            sessions.get(&later[0], &passwords),
            Lookup::Live(_)
        ));
        // A changed password ends every session at its next request.
        set_password(&repo, "宋欣龙", "濮阳2025").unwrap();
        assert!(matches!(sessions.get(&later[1], &passwords), Lookup::Ended(n) if n == "宋欣龙"));
    }
}
