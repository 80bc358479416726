//! The magazine's files as the commands read them: from the work tree in a
//! clone, or from the branch's newest commit in a bare repository (the
//! office's shared repository, which the web desk can serve directly).

use std::fs;
use std::path::Path;

use git2::{ObjectType, Tree};

use super::Magazine;
use super::files::decode_named;
use crate::error::Result;
use crate::messages;

impl Magazine {
    pub fn is_bare(&self) -> bool {
        self.git.is_bare()
    }

    /// The tree of HEAD, looked up anew each time: in a bare repository a
    /// write may have moved the branch since the magazine was opened.
    fn head_tree(&self) -> Option<Tree<'_>> {
        self.git.head().ok()?.peel_to_tree().ok()
    }

    /// The bytes of a magazine file, or none if there is no such file.
    pub fn read_file(&self, rel: &str) -> Option<Vec<u8>> {
        if !self.is_bare() {
            return fs::read(self.abs(rel)).ok();
        }
        let tree = self.head_tree()?;
        let entry = tree.get_path(Path::new(&self.git_path(rel))).ok()?;
        let blob = self.git.find_blob(entry.id()).ok()?;
        Some(blob.content().to_vec())
    }

    /// A magazine text file, decoded; `rel` names it in messages.
    pub fn read_text(&self, rel: &str) -> Result<String> {
        let bytes = self.read_file(rel).ok_or_else(|| {
            messages::read_failed(rel, &std::io::Error::from(std::io::ErrorKind::NotFound))
        })?;
        decode_named(&bytes, rel)
    }

    pub fn is_file(&self, rel: &str) -> bool {
        if !self.is_bare() {
            return self.abs(rel).is_file();
        }
        self.kind(rel) == Some(ObjectType::Blob)
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        if !self.is_bare() {
            return self.abs(rel).is_dir();
        }
        self.kind(rel) == Some(ObjectType::Tree)
    }

    pub fn exists(&self, rel: &str) -> bool {
        if !self.is_bare() {
            return self.abs(rel).exists();
        }
        self.kind(rel).is_some()
    }

    fn kind(&self, rel: &str) -> Option<ObjectType> {
        let tree = self.head_tree()?;
        tree.get_path(Path::new(&self.git_path(rel))).ok()?.kind()
    }

    /// The names in a folder, sorted; empty if there is no such folder.
    pub fn list_dir(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = if self.is_bare() {
            let Some(tree) = self.head_tree() else {
                return vec![];
            };
            let Some(sub) = tree
                .get_path(Path::new(&self.git_path(rel)))
                .ok()
                .and_then(|e| self.git.find_tree(e.id()).ok())
            else {
                return vec![];
            };
            sub.iter()
                .filter_map(|e| e.name().ok().map(str::to_string))
                .collect()
        } else {
            fs::read_dir(self.abs(rel))
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        names.sort();
        names
    }
}
