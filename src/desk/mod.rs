//! The operations layer: every thing a person can do to the magazine, and
//! every view of it, as one function each. Both faces, the command line
//! (`cli`) and the web desk, call these and only render what they return.
//!
//! An operation takes the magazine, the acting person and the clock (a
//! `Desk`) plus plain arguments, checks the workflow's rules, makes its one
//! commit and returns what was done, or a refusal (`GalleyError`) whose
//! Chinese sentence names the rule. It prints nothing.

pub mod add;
pub mod board;
pub mod chart;
pub mod common;
pub mod compare;
pub mod contents;
pub mod export;
pub mod issue;
pub mod lint;
pub mod move_article;
pub mod pages;
pub mod paper;
pub mod photo;
pub mod quality;
pub mod release;
pub mod revise;
pub mod set;
pub mod sign;
pub mod staff;
pub mod withdraw;

use chrono::{DateTime, FixedOffset, Local};

use crate::core::staff::Person;
use crate::error::Result;
use crate::messages;
use crate::repo::Magazine;

/// Who is acting, on which magazine, at what time.
pub struct Desk<'m> {
    pub mag: &'m Magazine,
    pub actor: &'m Person,
    pub now: DateTime<FixedOffset>,
}

impl<'m> Desk<'m> {
    /// `name` at the magazine now; refused for a name not on the staff list.
    pub fn of(mag: &'m Magazine, name: &str) -> Result<Desk<'m>> {
        Ok(Desk {
            mag,
            actor: common::person(mag, name)?,
            now: now()?,
        })
    }
}

/// Fixes the clock, so that tests are deterministic.
pub const NOW_ENV: &str = "GALLEY_NOW";

/// The time an operation records: `GALLEY_NOW` if set, else the clock.
pub fn now() -> Result<DateTime<FixedOffset>> {
    match std::env::var(NOW_ENV) {
        Ok(text) if !text.trim().is_empty() => {
            DateTime::parse_from_rfc3339(text.trim()).map_err(|_| messages::bad_now(&text))
        }
        _ => Ok(Local::now().fixed_offset()),
    }
}

/// The magazine at `dir`, for an operation that writes: it waits for its
/// turn before anything is read, so its checks see every earlier write.
pub fn open_for_write(dir: &std::path::Path) -> Result<Magazine> {
    let mut mag = Magazine::find(dir)?;
    mag.hold_writer_lock()?;
    Ok(mag)
}
