//! galley: a git-backed editorial workflow for a magazine office.
//!
//! `core` is pure (journal fold, status, workflow rules, models);
//! `repo` is the only code that touches the disk and git;
//! `cli` parses, calls the two, and renders. All Chinese text the user sees
//! lives in `messages`.

pub mod cli;
pub mod core;
pub mod error;
pub mod messages;
pub mod render;
pub mod repo;
pub mod typeset;
