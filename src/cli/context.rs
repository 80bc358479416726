//! What every command needs: where to work, who is acting, and what time it is.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::core::staff::Person;
use crate::desk::Desk;
use crate::error::Result;
use crate::messages;
use crate::repo::Magazine;

pub struct Ctx {
    pub dir: PathBuf,
    as_name: Option<String>,
}

pub use crate::core::staff::IdentitySource;

pub const USER_ENV: &str = "GALLEY_USER";
pub const CONFIG_KEY: &str = "galley.user";

impl Ctx {
    pub fn new(dir: Option<PathBuf>, as_name: Option<String>) -> Ctx {
        Ctx {
            dir: dir.unwrap_or_else(|| PathBuf::from(".")),
            as_name,
        }
    }

    pub fn magazine(&self) -> Result<Magazine> {
        Magazine::find(&self.dir)
    }

    /// The magazine, for a command that writes: it waits for its turn
    /// before anything is read, so its checks see every earlier write.
    pub fn magazine_for_write(&self) -> Result<Magazine> {
        crate::desk::open_for_write(&self.dir)
    }

    pub fn now(&self) -> Result<DateTime<FixedOffset>> {
        crate::desk::now()
    }

    /// The name someone asked to act as, and where it came from, if any.
    pub fn claimed_name(&self, mag: Option<&Magazine>) -> Option<(String, IdentitySource)> {
        if let Some(name) = self.as_name.as_ref().filter(|n| !n.trim().is_empty()) {
            return Some((name.trim().to_string(), IdentitySource::Option));
        }
        if let Ok(name) = std::env::var(USER_ENV)
            && !name.trim().is_empty()
        {
            return Some((name.trim().to_string(), IdentitySource::Env));
        }
        let config = mag.and_then(|m| m.git.config().ok())?;
        if let Ok(name) = config.get_string(CONFIG_KEY)
            && !name.trim().is_empty()
        {
            return Some((name.trim().to_string(), IdentitySource::GitConfig));
        }
        let user = config.get_string("user.name").ok()?;
        let mag = mag?;
        mag.staff
            .person(&user)
            .map(|p| (p.name.clone(), IdentitySource::GitUserName))
    }

    /// The acting person and the clock, for the operations layer.
    pub fn desk<'m>(&self, mag: &'m Magazine) -> Result<Desk<'m>> {
        Ok(Desk {
            mag,
            actor: self.actor(mag)?,
            now: crate::desk::now()?,
        })
    }

    pub fn actor<'m>(&self, mag: &'m Magazine) -> Result<&'m Person> {
        let (name, _) = self
            .claimed_name(Some(mag))
            .ok_or_else(messages::no_identity)?;
        crate::desk::common::person(mag, &name)
    }
}
