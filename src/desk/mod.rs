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
pub mod common;
pub mod compare;
pub mod contents;
pub mod lint;
pub mod photo;
pub mod quality;
pub mod revise;
pub mod set;
pub mod sign;

use chrono::{DateTime, FixedOffset};

use crate::core::staff::Person;
use crate::repo::Magazine;

/// Who is acting, on which magazine, at what time.
pub struct Desk<'m> {
    pub mag: &'m Magazine,
    pub actor: &'m Person,
    pub now: DateTime<FixedOffset>,
}
