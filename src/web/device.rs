//! Device cookies: after a correct login, the browser is given a cookie
//! that says "this browser once logged in as this name", signed with a key
//! only the desk holds. Its next login under that name waits in the
//! recognised lane (see `checks`), ahead of any flood from browsers that
//! never logged in. It lets nobody in by itself: the password is still
//! checked, and the brake still counts failures.
//!
//! The value is `ISSUED.SIGNATURE`: the Unix time it was given, and
//! HMAC-SHA-256 over the name and that time. No name is in the cookie.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::core::hex;
use crate::repo::files::replace;

pub const DEVICE_COOKIE: &str = "galley_device";
/// How long a browser stays recognised without a new correct login.
pub const RECOGNISED_FOR: Duration = Duration::from_secs(180 * 24 * 60 * 60);

pub struct DeviceKey {
    key: [u8; 32],
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl DeviceKey {
    /// The desk's key, kept beside the passwords in `.git/galley/`; made
    /// on first use. If it cannot be kept, a key for this run only: the
    /// office's browsers are then recognised until the desk restarts.
    pub fn at(path: PathBuf) -> DeviceKey {
        if let Some(key) = read_key(&path) {
            return DeviceKey { key };
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).expect("the system has randomness");
        let _ = replace(&path, hex(&key).as_bytes());
        DeviceKey {
            key: read_key(&path).unwrap_or(key),
        }
    }

    fn signature(&self, name: &str, issued: u64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("any key length");
        mac.update(name.as_bytes());
        mac.update(&[0]);
        mac.update(&issued.to_be_bytes());
        mac
    }

    /// The cookie's value for a browser that just logged in as `name`.
    pub fn issue(&self, name: &str) -> String {
        let issued = now_secs();
        let signature = self.signature(name, issued).finalize().into_bytes();
        format!("{issued}.{}", hex(&signature))
    }

    /// Whether `value` was given by this desk to a browser that logged in
    /// as `name`, no longer ago than `RECOGNISED_FOR`.
    pub fn recognises(&self, value: &str, name: &str) -> bool {
        let Some((issued, hex)) = value.split_once('.') else {
            return false;
        };
        let (Ok(issued), Some(signature)) = (issued.parse::<u64>(), unhex(hex)) else {
            return false;
        };
        let age = now_secs().saturating_sub(issued);
        if issued > now_secs() + 60 || age > RECOGNISED_FOR.as_secs() {
            return false;
        }
        self.signature(name, issued)
            .verify_slice(&signature)
            .is_ok()
    }
}

fn read_key(path: &Path) -> Option<[u8; 32]> {
    let text = std::fs::read_to_string(path).ok()?;
    unhex(text.trim())?.try_into().ok()
}

fn unhex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) || hex.len() > 128 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_recognises_only_its_own_name_and_only_from_this_desk() {
        let dir = tempfile::tempdir().unwrap();
        let key = DeviceKey::at(dir.path().join("device-key"));
        let cookie = key.issue("宋欣龙");
        assert!(key.recognises(&cookie, "宋欣龙"));
        assert!(!key.recognises(&cookie, "刘卫防"));
        // The same key is read back after a restart; another desk's is not it.
        let again = DeviceKey::at(dir.path().join("device-key"));
        assert!(again.recognises(&cookie, "宋欣龙"));
        let other = tempfile::tempdir().unwrap();
        let stranger = DeviceKey::at(other.path().join("device-key"));
        assert!(!stranger.recognises(&cookie, "宋欣龙"));
        for forged in ["", "1.", "x.00", &cookie.replace('.', ""), "99999999999.00"] {
            assert!(!key.recognises(forged, "宋欣龙"), "{forged:?}");
        }
    }

    #[test]
    fn an_old_cookie_is_no_longer_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let key = DeviceKey::at(dir.path().join("device-key"));
        let issued = now_secs() - RECOGNISED_FOR.as_secs() - 10;
        let signature = key.signature("宋欣龙", issued).finalize().into_bytes();
        assert!(!key.recognises(&format!("{issued}.{}", hex(&signature)), "宋欣龙"));
    }
}
