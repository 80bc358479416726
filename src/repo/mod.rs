//! The repository layer: finds the magazine, loads its files, and commits.
//! It is the only code that does I/O on the magazine.

pub mod commit;
pub mod figures;
pub mod files;
pub mod history;
pub mod history_index;
pub mod index_file;
pub mod index_lock;
pub mod issue_contents;
pub mod language;
pub mod load;
pub mod revisions;
pub mod style;
pub mod sync;
pub mod tree_diff;
pub mod verify;
pub mod versions;
pub mod view;
pub mod writer_lock;

use std::path::{Path, PathBuf};

use git2::Repository;

use crate::core::staff::StaffFile;
use crate::error::Result;
use crate::messages;

pub const STAFF_FILE: &str = "staff.toml";
pub const ISSUES_DIR: &str = "issues";

pub struct Magazine {
    /// The folder that holds `staff.toml`.
    pub root: PathBuf,
    /// `root` relative to the git work tree, with `/`, empty at the top.
    pub prefix: String,
    pub git: Repository,
    pub staff: StaffFile,
    /// Held by commands that write, from before they read until after they
    /// commit; see `writer_lock`.
    pub writer: Option<writer_lock::WriterLock>,
    /// Folders of HEAD already looked up by this command; see `head_subtree`.
    pub head_trees: view::HeadTrees,
}

impl Magazine {
    /// Walks up from `start` to the first folder with `staff.toml` inside a
    /// git work tree.
    pub fn find(start: &Path) -> Result<Magazine> {
        let start = dunce_canonical(start);
        if let Some(bare) = Self::bare(&start)? {
            return Ok(bare);
        }
        for dir in start.ancestors() {
            if !dir.join(STAFF_FILE).is_file() {
                continue;
            }
            let Ok(git) = Repository::discover(dir) else {
                continue;
            };
            let Some(workdir) = git.workdir().map(dunce_canonical) else {
                continue;
            };
            let Ok(rel) = dir.strip_prefix(&workdir) else {
                continue;
            };
            let prefix = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            index_lock::recover_if_abandoned(&git)?;
            let staff = load::staff(&dir.join(STAFF_FILE))?;
            return Ok(Magazine {
                root: dir.to_path_buf(),
                prefix,
                git,
                staff,
                writer: None,
                head_trees: Default::default(),
            });
        }
        Err(messages::not_a_magazine(&start))
    }

    /// Waits for this command's turn to write. Everything read after this
    /// sees the work of every galley writer before it.
    pub fn hold_writer_lock(&mut self) -> Result<()> {
        if self.writer.is_none() {
            self.writer = Some(writer_lock::WriterLock::acquire(&self.git)?);
            self.reload_staff()?;
        }
        Ok(())
    }

    pub fn holds_writer_lock(&self) -> bool {
        self.writer.is_some()
    }

    /// The office's shared (bare) repository, when `dir` is one with a
    /// magazine in its branch. Its files are read from the branch.
    fn bare(dir: &Path) -> Result<Option<Magazine>> {
        let Ok(git) = Repository::open_bare(dir) else {
            return Ok(None);
        };
        if !git.is_bare() {
            return Ok(None);
        }
        let staff_bytes = git
            .head()
            .ok()
            .and_then(|h| h.peel_to_tree().ok())
            .and_then(|t| t.get_path(Path::new(STAFF_FILE)).ok())
            .and_then(|e| git.find_blob(e.id()).ok())
            .map(|b| b.content().to_vec());
        let Some(bytes) = staff_bytes else {
            return Ok(None);
        };
        let staff = load::staff_from(&files::decode_named(&bytes, STAFF_FILE)?)?;
        let mag = Magazine {
            root: dir.to_path_buf(),
            prefix: String::new(),
            git,
            staff,
            writer: None,
            head_trees: Default::default(),
        };
        Ok(Some(mag))
    }

    /// staff.toml as it is now: after taking the writer lock, a bare
    /// repository's branch may have moved since the magazine was opened.
    pub fn reload_staff(&mut self) -> Result<()> {
        self.staff = match self.is_bare() {
            true => load::staff_from(&self.read_text(STAFF_FILE)?)?,
            false => load::staff(&self.root.join(STAFF_FILE))?,
        };
        Ok(())
    }

    /// A magazine-relative path (with `/`) as the git tree names it.
    pub fn git_path(&self, rel: &str) -> String {
        if self.prefix.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }

    /// The other way round: a git path as the magazine names it, or none
    /// when it lies outside the magazine.
    pub fn magazine_path<'p>(&self, git_path: &'p str) -> Option<&'p str> {
        if self.prefix.is_empty() {
            Some(git_path)
        } else {
            git_path.strip_prefix(&self.prefix)?.strip_prefix('/')
        }
    }

    pub fn abs(&self, rel: &str) -> PathBuf {
        rel.split('/')
            .fold(self.root.clone(), |p, part| p.join(part))
    }
}

/// Canonical path without Windows' `\\?\` prefix, so it compares equal to
/// what git2 reports.
pub fn dunce_canonical(path: &Path) -> PathBuf {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let text = canonical.to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest) if !rest.starts_with("UNC") => PathBuf::from(rest),
        _ => canonical,
    }
}
