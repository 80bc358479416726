//! The pure core: plain data and plain functions, no disk and no git.
//! Everything here is unit-tested in isolation; the repository layer feeds it.

pub mod audit;
pub mod board;
pub mod changes;
pub mod chart;
pub mod cleanup;
pub mod contents;
pub mod diff;
pub mod docx;
pub mod export;
pub mod flatplan;
pub mod frontmatter;
pub mod issue;
pub mod journal;
pub mod lint;
pub mod manuscript;
pub mod paper;
pub mod picture;
pub mod release;
pub mod slug;
pub mod staff;
pub mod status;
pub mod terminal;
pub mod text;
pub mod tomlpos;
pub mod workflow;

#[cfg(test)]
mod proptests;

/// Bytes as lowercase hex, two digits each.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
