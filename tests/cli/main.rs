//! All integration tests, in one binary: they run the real `galley` in
//! temporary magazine repositories and check its output, exit code, files
//! and the history `git log` shows.

mod support;

mod accounts;
mod archive;
mod broken;
mod browser;
mod budgets;
mod charts;
mod commits;
mod concurrency;
mod contents;
mod crash;
mod diffs;
mod export;
mod guard;
mod hardening;
mod history;
pub mod hostile;
mod identity;
mod import;
mod intake;
mod lint;
pub mod month;
mod package;
mod paper;
mod refusals;
pub mod sanshen;
mod shared;
mod shipped;
mod soak;
mod sync;
mod tour;
pub mod web;
mod widths;
