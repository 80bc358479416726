//! galley: a git-backed editorial workflow for a magazine office.
//!
//! `core` is pure (journal fold, status, workflow rules, models);
//! `repo` is the only code that touches the disk and git;
//! `desk` is the operations layer: each thing a person can do, and each
//! view, once, over `core` and `repo`;
//! `cli` parses, calls `desk`, and renders. All Chinese text the user sees
//! lives in `messages`.

pub mod cli;
pub mod core;
pub mod deadline;
pub mod desk;
pub mod error;
pub mod messages;
pub mod render;
pub mod repo;
pub mod typeset;
pub mod web;
