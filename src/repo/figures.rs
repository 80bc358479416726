//! Per-issue checker figures kept between runs, so that the archive-wide
//! 差错率 chart checks only the issues that changed, and a board shows its
//! 校对提示 column without checking the issue again. Like the history
//! index it is derived: it lives in `.git/galley/`, never enters history,
//! and may be deleted at any time.
//!
//! An issue's figures are reused while its fingerprint is the same: what
//! the checker read for it (the issue's folder), what it checked against
//! (`staff.toml` and `style/`), and the galley that checked it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Magazine;
use super::files::replace;
use super::writer_lock::galley_dir;
use crate::core::hex;
use crate::core::lint::quality::BySeverity;

const FILE: &str = "quality-figures.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub characters: usize,
    pub weighted_errors: f64,
    /// Each article's findings by severity (and the masthead's), by key.
    pub counts: BTreeMap<String, BySeverity>,
    /// Each article's 字数 and share of the issue's weighted 差错, in
    /// contents order, so that the contents check needs no second check of
    /// the issue.
    pub articles: Vec<ArticleFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleFigures {
    pub key: String,
    pub title: String,
    pub characters: usize,
    pub weighted_errors: f64,
}

#[derive(Default, Serialize, Deserialize)]
struct Stored {
    grounds: String,
    issues: BTreeMap<String, (String, Figures)>,
}

pub struct FiguresCache {
    grounds: String,
    stored: Stored,
    changed: bool,
}

impl FiguresCache {
    /// What is on disk, or an empty cache when the grounds changed or the
    /// file is missing or unreadable.
    pub fn open(mag: &Magazine) -> FiguresCache {
        let mut grounds = Sha256::new();
        grounds.update(galley_identity());
        grounds.update(fingerprint(mag, "staff.toml"));
        grounds.update(fingerprint(mag, "style"));
        let grounds = hex(&grounds.finalize());
        let stored = fs::read(galley_dir(&mag.git).join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|s| s.grounds == grounds)
            .unwrap_or_default();
        FiguresCache {
            grounds,
            stored,
            changed: false,
        }
    }

    /// The issue's figures, from the cache while its folder is unchanged,
    /// otherwise from `compute`.
    pub fn get_or<E>(
        &mut self,
        mag: &Magazine,
        issue: &str,
        compute: impl FnOnce() -> Result<Figures, E>,
    ) -> Result<Figures, E> {
        let key = fingerprint(mag, &format!("{}/{issue}", super::ISSUES_DIR));
        if let Some((known, figures)) = self.stored.issues.get(issue)
            && *known == key
        {
            return Ok(figures.clone());
        }
        let figures = compute()?;
        self.stored
            .issues
            .insert(issue.to_string(), (key, figures.clone()));
        self.changed = true;
        Ok(figures)
    }

    /// Writes what changed; a cache that cannot be written is simply
    /// computed again next time.
    pub fn save(mut self, mag: &Magazine) {
        if !self.changed {
            return;
        }
        self.stored.grounds = std::mem::take(&mut self.grounds);
        if let Ok(bytes) = serde_json::to_vec(&self.stored) {
            let _ = replace(&galley_dir(&mag.git).join(FILE), &bytes);
        }
    }
}

/// This galley program: a new build checks differently.
fn galley_identity() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok())
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default();
    format!("{}|{exe}", env!("CARGO_PKG_VERSION"))
}

/// Changes whenever anything under `rel` changes: in a bare repository the
/// object id in HEAD; in a work tree every file's path, size and
/// modification time (the work tree is what the checker reads there).
fn fingerprint(mag: &Magazine, rel: &str) -> String {
    if mag.is_bare() {
        return mag.head_object_id(rel).unwrap_or_default();
    }
    let mut hash = Sha256::new();
    walk(&mag.abs(rel), rel, &mut hash);
    hex(&hash.finalize())
}

fn walk(path: &Path, shown: &str, hash: &mut Sha256) {
    let Ok(meta) = fs::metadata(path) else {
        return;
    };
    if meta.is_file() {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        hash.update(format!("{shown}\0{}\0{modified}\n", meta.len()));
        return;
    }
    let Ok(entries) = fs::read_dir(path) else {
        return;
    };
    let mut names: Vec<_> = entries.flatten().map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        let child = format!("{shown}/{}", name.to_string_lossy());
        walk(&path.join(&name), &child, hash);
    }
}
