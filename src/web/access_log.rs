//! The desk's access log, for the security audit that 等级保护 asks of
//! such systems: who logged in, failed, was held back by the brake or by
//! a busy desk, logged out or had a session run out, from which address,
//! and when.
//!
//! Two files beside the passwords in `.git/galley/`, outside history, one
//! JSON object per line, only ever appended, never a password:
//!
//! - `access.log` has everything. Past `ROTATE_AT` it becomes
//!   `access.log.1` (and so on, `KEEP` files kept). A stranger can send
//!   failures as fast as the desk answers, so failures and refusals are
//!   folded: per address and kind, the first in an interval (`FOLD_FOR`)
//!   is written at once, the rest are counted and written as one line with
//!   `count` (and `since`, and the names tried) when the interval ends or
//!   before the next record of what a person did, whichever comes first.
//! - `logins.log` has only what a person with the right password did
//!   (logins, logouts, password changes, sessions that ran out), which no
//!   stranger can cause, so no flood can rotate it away. It is rotated by
//!   age: once its first record is `LOGINS_EVERY` old it becomes
//!   `logins.log.DATE` (the date of that first record), and rotated files
//!   whose last record is older than `LOGINS_KEEP` are removed.
//!
//! Every field is written with control characters, line and paragraph
//! separators and bidirectional controls escaped (`\u202e`), so a name
//! typed at the login form cannot break a line or reorder what a reader
//! of the file sees; a JSON reader gets the name back as typed.

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Local};
use git2::Repository;
use serde::Serialize;

use crate::repo::writer_lock::galley_dir;

const ROTATE_AT: u64 = 10 * 1024 * 1024;
const KEEP: usize = 5;
/// Failures and refusals from one address are folded over this long.
const FOLD_FOR: Duration = Duration::from_secs(60);
/// Addresses (with a kind of event each) folded separately; beyond that,
/// until an interval ends, the rest share one fold, written with the
/// address `*`.
const FOLDS: usize = 1024;
/// Names a folded line lists.
const NAMES_SHOWN: usize = 4;
/// How often folds whose interval is over are looked for while recording.
const SWEEP_EVERY: Duration = Duration::from_secs(1);
const LOGINS_EVERY: Duration = Duration::from_secs(30 * 24 * 60 * 60);
const LOGINS_KEEP: Duration = Duration::from_secs(2 * 366 * 24 * 60 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Login,
    LoginFailed,
    Braked,
    /// Refused at once: every place in the queue for password checks (or
    /// the address's share of them) was taken.
    Busy,
    Logout,
    PasswordChanged,
    /// An administrator set or reset a colleague's password (`by`).
    PasswordReset,
    SessionExpired,
}

impl Event {
    /// What only a person with the right password (or their live
    /// session) can cause: kept in `logins.log` as well, and never folded.
    fn personal(self) -> bool {
        matches!(
            self,
            Event::Login
                | Event::Logout
                | Event::PasswordChanged
                | Event::PasswordReset
                | Event::SessionExpired
        )
    }
}

#[derive(Serialize)]
struct Line<'a> {
    at: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    event: Event,
    /// Who did it for `name`: the administrator of a password reset.
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
    /// A folded line: how many attempts it stands for…
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    /// …made from this time to `at`…
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    /// …with these names among them, should they differ.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    names: &'a [String],
}

fn stamp(at: DateTime<Local>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// What is written of a name: cut to a sane length.
fn cut(name: &str) -> String {
    name.chars().take(super::auth::LONGEST_NAME).collect()
}

/// Control characters, line and paragraph separators, bidirectional and
/// other invisible format characters: escaped wherever they appear.
fn unsafe_to_show(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// One line of JSON. serde_json escapes only what JSON requires; the rest
/// of `unsafe_to_show` can appear only inside strings, where `\uXXXX`
/// means the same character.
fn json_line(line: &Line) -> String {
    let json = serde_json::to_string(line).expect("a log line serialises");
    let mut text = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        if unsafe_to_show(c) {
            text.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            text.push(c);
        }
    }
    text.push('\n');
    text
}

/// Failures or refusals of one kind from one address, in one interval.
struct Fold {
    /// When the interval began (with a line written at once).
    opened: Instant,
    /// Attempts since, not yet written.
    pending: u64,
    since: Option<DateTime<Local>>,
    last: DateTime<Local>,
    name: String,
    names: Vec<String>,
}

impl Fold {
    fn new(opened: Instant, at: DateTime<Local>) -> Fold {
        Fold {
            opened,
            pending: 0,
            since: None,
            last: at,
            name: String::new(),
            names: Vec::new(),
        }
    }

    fn add(&mut self, name: &str, at: DateTime<Local>) {
        self.pending += 1;
        self.since.get_or_insert(at);
        self.last = at;
        let name = cut(name);
        if !self.names.contains(&name) && self.names.len() < NAMES_SHOWN {
            self.names.push(name.clone());
        }
        self.name = name;
    }

    /// The line for the attempts not yet written, if any; they are then
    /// written, while the interval goes on.
    fn take(&mut self, key: &Key, out: &mut String) {
        if self.pending == 0 {
            return;
        }
        let names = match self.names.len() {
            0 | 1 => &[][..],
            _ => &self.names[..],
        };
        out.push_str(&json_line(&Line {
            at: stamp(self.last),
            name: &self.name,
            address: Some(key.0.map_or("*".to_string(), |a| a.to_string())),
            event: key.1,
            by: None,
            count: Some(self.pending),
            since: self.since.map(stamp),
            names,
        }));
        self.pending = 0;
        self.since = None;
        self.names.clear();
    }
}

/// An address (`None`: the many beyond `FOLDS`) and a kind of event.
type Key = (Option<IpAddr>, Event);

struct Folds {
    by: HashMap<Key, Fold>,
    swept: Instant,
}

pub struct AccessLog {
    path: PathBuf,
    rotate_at: u64,
    fold_for: Duration,
    /// What is folded, and one write at a time with rotation between them.
    folds: Mutex<Folds>,
}

impl AccessLog {
    pub fn of(repo: &Repository) -> AccessLog {
        AccessLog::at(galley_dir(repo).join("access.log"))
    }

    pub fn at(path: PathBuf) -> AccessLog {
        AccessLog {
            path,
            rotate_at: ROTATE_AT,
            fold_for: FOLD_FOR,
            folds: Mutex::new(Folds {
                by: HashMap::new(),
                swept: Instant::now(),
            }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `logins.log`, beside `access.log`.
    pub fn logins_path(&self) -> PathBuf {
        self.path.with_file_name("logins.log")
    }

    /// Records one event. `name` is what was typed, cut to a sane length;
    /// `address` is absent for what was done at the server itself
    /// (`galley passwd`). Failures and refusals are folded (see the
    /// module). A log that cannot be written must not stop the desk, so
    /// failures are only reported on standard error.
    pub fn record(&self, name: &str, address: Option<IpAddr>, event: Event) {
        self.record_by(name, None, address, event);
    }

    /// `record`, naming who acted for `name` (an administrator).
    pub fn record_by(&self, name: &str, by: Option<&str>, address: Option<IpAddr>, event: Event) {
        let (now, at) = (Instant::now(), Local::now());
        let mut folds = self.folds.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        if now - folds.swept >= SWEEP_EVERY {
            self.sweep_into(&mut folds, now, &mut out);
        }
        let name = cut(name);
        let line = |address: Option<IpAddr>| {
            json_line(&Line {
                at: stamp(at),
                name: &name,
                address: address.map(|a| a.to_string()),
                event,
                by,
                count: None,
                since: None,
                names: &[],
            })
        };
        match address {
            Some(addr) if !event.personal() => {
                let mut key = (Some(addr), event);
                if !folds.by.contains_key(&key) && folds.by.len() >= FOLDS {
                    key.0 = None;
                }
                match folds.by.get_mut(&key) {
                    Some(fold) if now - fold.opened < self.fold_for => fold.add(&name, at),
                    _ => {
                        if let Some(mut over) = folds.by.remove(&key) {
                            over.take(&key, &mut out);
                        }
                        folds.by.insert(key, Fold::new(now, at));
                        out.push_str(&line(Some(addr)));
                    }
                }
                self.write(&out, None);
            }
            _ => {
                // What was folded so far comes first, so the log reads in
                // order; the intervals go on.
                let mut folded: Vec<(&Key, &mut Fold)> =
                    folds.by.iter_mut().filter(|(_, f)| f.pending > 0).collect();
                folded.sort_by_key(|(_, f)| f.last);
                for (key, fold) in folded {
                    fold.take(key, &mut out);
                }
                let own = line(address);
                out.push_str(&own);
                self.write(&out, event.personal().then_some((&own, at)));
            }
        }
    }

    /// Writes out the folds whose interval is over; the desk calls this
    /// every few seconds, so that a count is not held back long when
    /// nothing else happens.
    pub fn sweep(&self) {
        let mut folds = self.folds.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        self.sweep_into(&mut folds, Instant::now(), &mut out);
        self.write(&out, None);
    }

    fn sweep_into(&self, folds: &mut Folds, now: Instant, out: &mut String) {
        folds.swept = now;
        let mut over: Vec<(Key, Fold)> = folds
            .by
            .extract_if(|_, fold| now - fold.opened >= self.fold_for)
            .collect();
        over.sort_by_key(|(_, f)| f.last);
        for (key, mut fold) in over {
            fold.take(&key, out);
        }
    }

    /// Appends `text` to `access.log` and `personal` to `logins.log`.
    fn write(&self, text: &str, personal: Option<(&str, DateTime<Local>)>) {
        if !text.is_empty()
            && let Err(e) = self
                .rotate_if_full()
                .and_then(|()| append(&self.path, text))
        {
            eprintln!("access log {}: {e}", self.path.display());
        }
        if let Some((line, at)) = personal {
            let logins = self.logins_path();
            if let Err(e) = self
                .rotate_logins_if_old(at)
                .and_then(|()| append(&logins, line))
            {
                eprintln!("access log {}: {e}", logins.display());
            }
        }
    }

    fn rotate_if_full(&self) -> std::io::Result<()> {
        let size = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        if size < self.rotate_at {
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

    /// Starts a new `logins.log` once its first record is `LOGINS_EVERY`
    /// old, and removes rotated ones last written `LOGINS_KEEP` ago.
    fn rotate_logins_if_old(&self, now: DateTime<Local>) -> std::io::Result<()> {
        let path = self.logins_path();
        let Some(first) = first_record_at(&path) else {
            return Ok(());
        };
        let age = now
            .signed_duration_since(first)
            .to_std()
            .unwrap_or_default();
        if age < LOGINS_EVERY {
            return Ok(());
        }
        let date = first.format("%Y-%m-%d");
        let mut to = PathBuf::from(format!("{}.{date}", path.display()));
        let mut n = 1;
        while to.exists() {
            to = PathBuf::from(format!("{}.{date}.{n}", path.display()));
            n += 1;
        }
        std::fs::rename(&path, &to)?;
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        for entry in std::fs::read_dir(dir)?.flatten() {
            let rotated = entry
                .file_name()
                .to_string_lossy()
                .starts_with("logins.log.");
            let last_written = entry.metadata().and_then(|m| m.modified());
            let old = last_written.is_ok_and(|t| {
                SystemTime::now()
                    .duration_since(t)
                    .is_ok_and(|a| a >= LOGINS_KEEP)
            });
            if rotated && old {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(text.as_bytes())
}

/// When the first record of a log was made, if it can be read.
fn first_record_at(path: &Path) -> Option<DateTime<chrono::FixedOffset>> {
    let file = std::fs::File::open(path).ok()?;
    let mut first = String::new();
    std::io::BufReader::new(file.take(4096))
        .read_line(&mut first)
        .ok()?;
    let line: serde_json::Value = serde_json::from_str(&first).ok()?;
    DateTime::parse_from_rfc3339(line["at"].as_str()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

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

    #[test]
    fn failures_from_one_address_are_folded_into_a_count() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = AccessLog::at(dir.path().join("access.log"));
        log.fold_for = Duration::from_millis(300);
        let there: IpAddr = "127.0.0.2".parse().unwrap();
        let here: IpAddr = "127.0.0.1".parse().unwrap();
        for i in 0..1000 {
            log.record(&format!("路人{}", i % 7), Some(there), Event::LoginFailed);
        }
        log.record("宋欣龙", Some(here), Event::LoginFailed);
        let lines = read(log.path());
        assert_eq!(lines.len(), 2, "the first of each address at once");
        // A person's own record brings out what was folded before it.
        log.record("宋欣龙", Some(here), Event::Login);
        let lines = read(log.path());
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[2]["address"], "127.0.0.2");
        assert_eq!(lines[2]["count"], 999);
        assert_eq!(lines[2]["names"].as_array().unwrap().len(), NAMES_SHOWN);
        assert!(lines[2]["since"].is_string());
        assert_eq!(lines[3]["event"], "login");
        // Folding goes on until the interval ends, and what is left is
        // written when it does.
        log.record("路人", Some(there), Event::LoginFailed);
        log.record("路人", Some(there), Event::LoginFailed);
        assert_eq!(read(log.path()).len(), 4);
        std::thread::sleep(Duration::from_millis(350));
        log.sweep();
        let lines = read(log.path());
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert_eq!(lines[4]["count"], 2);
        assert_eq!(lines[4]["name"], "路人");
        assert!(lines[4].get("names").is_none(), "one name: {lines:?}");
        // A new interval starts with a line at once.
        log.record("路人", Some(there), Event::Busy);
        log.record("路人", Some(there), Event::LoginFailed);
        let lines = read(log.path());
        assert_eq!(lines.len(), 7, "{lines:?}");
        let total: u64 = lines
            .iter()
            .filter(|l| l["address"] == "127.0.0.2")
            .map(|l| l["count"].as_u64().unwrap_or(1))
            .sum();
        assert_eq!(total, 1004, "nothing is lost");
    }

    #[test]
    fn beyond_so_many_addresses_the_rest_share_one_fold() {
        let dir = tempfile::tempdir().unwrap();
        let log = AccessLog::at(dir.path().join("access.log"));
        for i in 0..(FOLDS as u32 + 100) {
            let addr = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            log.record("路人", Some(addr), Event::LoginFailed);
        }
        log.record("宋欣龙", Some("127.0.0.1".parse().unwrap()), Event::Login);
        let lines = read(log.path());
        assert_eq!(lines.len(), FOLDS + 1 + 1 + 1, "one at once for each");
        let shared = &lines[FOLDS + 1];
        assert_eq!(shared["address"], "*");
        assert_eq!(shared["count"], 99);
    }

    #[test]
    fn a_login_outlives_any_flood_of_failures() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = AccessLog::at(dir.path().join("access.log"));
        log.rotate_at = 512;
        log.fold_for = Duration::ZERO;
        log.record("宋欣龙", Some("127.0.0.1".parse().unwrap()), Event::Login);
        log.record("王焕彩", None, Event::PasswordChanged);
        for i in 0..200u32 {
            let addr = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            log.record("路人", Some(addr), Event::LoginFailed);
        }
        let rotated = dir.path().join(format!("access.log.{KEEP}"));
        assert!(rotated.exists(), "access.log went round");
        let kept: Vec<(String, String)> = read(&log.logins_path())
            .iter()
            .map(|l| (l["name"].to_string(), l["event"].to_string()))
            .collect();
        assert_eq!(
            kept,
            [
                ("\"宋欣龙\"".into(), "\"login\"".into()),
                ("\"王焕彩\"".into(), "\"password_changed\"".into())
            ]
        );
        assert!(
            !std::fs::read_to_string(log.logins_path())
                .unwrap()
                .contains("login_failed")
        );
    }

    #[test]
    fn logins_are_rotated_by_age_and_kept_two_years() {
        let dir = tempfile::tempdir().unwrap();
        let log = AccessLog::at(dir.path().join("access.log"));
        let old = Local::now() - chrono::Duration::days(40);
        std::fs::write(
            log.logins_path(),
            format!(
                "{{\"at\":\"{}\",\"name\":\"宋欣龙\",\"event\":\"login\"}}\n",
                stamp(old)
            ),
        )
        .unwrap();
        let ages = [(200u64, true), (800, false)];
        for (days, _) in ages {
            let file = dir.path().join(format!("logins.log.{days}"));
            std::fs::write(&file, "{}\n").unwrap();
            std::fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_modified(SystemTime::now() - Duration::from_secs(days * 24 * 60 * 60))
                .unwrap();
        }
        // Younger than a month: not rotated.
        log.record("刘卫防", None, Event::PasswordChanged);
        let rotated = dir
            .path()
            .join(format!("logins.log.{}", old.format("%Y-%m-%d")));
        assert!(rotated.exists());
        assert_eq!(read(&rotated).len(), 1);
        assert_eq!(read(&log.logins_path()).len(), 1);
        for (days, kept) in ages {
            let file = dir.path().join(format!("logins.log.{days}"));
            assert_eq!(file.exists(), kept, "{days} days old");
        }
        log.record("刘卫防", None, Event::Logout);
        assert_eq!(read(&log.logins_path()).len(), 2, "a young log goes on");
    }

    #[test]
    fn controls_separators_and_bidi_are_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let log = AccessLog::at(dir.path().join("access.log"));
        let name = "宋\u{202E}欣\u{2028}龙\u{2029}\u{2066}\u{200E}\u{061C}\u{7F}\u{85}\n\u{1B}";
        log.record(name, Some("127.0.0.1".parse().unwrap()), Event::LoginFailed);
        let text = std::fs::read_to_string(log.path()).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(!text.trim_end().chars().any(unsafe_to_show), "{text:?}");
        assert!(text.contains("\\u202e") && text.contains("\\u2028") && text.contains("\\u007f"));
        assert_eq!(read(log.path())[0]["name"], name);
    }
}
