//! The magazine's files as the commands read them: from the work tree in a
//! clone, or from the branch's newest commit in a bare repository (the
//! office's shared repository, which the web desk can serve directly).

use std::collections::HashMap;
use std::fs;
use std::sync::Mutex;

use git2::{FileMode, ObjectType, Oid, Tree};

use super::Magazine;
use super::files::decode_named;
use crate::error::Result;
use crate::messages;

#[derive(Clone, Copy)]
enum Wanted {
    File,
    Folder,
}

/// Whether a git tree entry's mode is a plain file's, and not a symlink's
/// (which git keeps as a blob holding its target's name) or a submodule's.
pub fn is_plain_file(mode: i32) -> bool {
    mode == i32::from(FileMode::Blob) || mode == i32::from(FileMode::BlobExecutable)
}

/// Trees of HEAD by folder, with the commit they were found in.
#[derive(Default)]
pub struct HeadTrees(Mutex<HashMap<String, (Oid, Oid)>>);

impl Magazine {
    pub fn is_bare(&self) -> bool {
        self.git.is_bare()
    }

    /// The tree of a folder (a path in git, `/`-separated) in HEAD. HEAD is
    /// read anew each time, as in a bare repository a write may have moved
    /// the branch; each folder is found once per HEAD commit, as on a long
    /// archive the tree of `issues/` is large and an issue's articles all
    /// go through it.
    pub fn head_subtree(&self, git_path: &str) -> Option<Tree<'_>> {
        let head = self.git.refname_to_id("HEAD").ok()?;
        let id = self.head_subtree_id(head, git_path)?;
        self.git.find_tree(id).ok()
    }

    fn head_subtree_id(&self, head: Oid, git_path: &str) -> Option<Oid> {
        let known = |path: &str| {
            let trees = self.head_trees.0.lock().unwrap_or_else(|e| e.into_inner());
            trees
                .get(path)
                .filter(|(at, _)| *at == head)
                .map(|(_, id)| *id)
        };
        if let Some(id) = known(git_path) {
            return Some(id);
        }
        let id = match git_path.rsplit_once('/') {
            _ if git_path.is_empty() => self.git.find_commit(head).ok()?.tree_id(),
            Some((parent, name)) => self.entry_in(head, parent, name)?,
            None => self.entry_in(head, "", git_path)?,
        };
        let mut trees = self.head_trees.0.lock().unwrap_or_else(|e| e.into_inner());
        trees.insert(git_path.to_string(), (head, id));
        Some(id)
    }

    fn entry_in(&self, head: Oid, parent: &str, name: &str) -> Option<Oid> {
        let tree = self
            .git
            .find_tree(self.head_subtree_id(head, parent)?)
            .ok()?;
        let entry = tree.get_name(name)?;
        (entry.kind() == Some(ObjectType::Tree)).then(|| entry.id())
    }

    /// The bytes of a magazine file, or none if there is no such file.
    /// Only a regular file counts: a symlink anywhere on the way, committed
    /// or made in the work tree, would let a colleague's commit have the
    /// desk print a file from outside the magazine (its TLS key, say).
    pub fn read_file(&self, rel: &str) -> Option<Vec<u8>> {
        if !self.is_bare() {
            return fs::read(self.plain_path(rel, Wanted::File)?).ok();
        }
        let (id, _) = self
            .head_entry(rel)
            .filter(|(_, kind)| *kind == Some(ObjectType::Blob))?;
        let blob = self.git.find_blob(id).ok()?;
        Some(blob.content().to_vec())
    }

    /// The path of a magazine file or folder in the work tree, when it is
    /// what is wanted and no part of the way to it is a symlink.
    fn plain_path(&self, rel: &str, wanted: Wanted) -> Option<std::path::PathBuf> {
        let mut path = self.root.clone();
        let mut parts = rel.split('/').filter(|p| !p.is_empty()).peekable();
        while let Some(part) = parts.next() {
            path.push(part);
            let kind = fs::symlink_metadata(&path).ok()?.file_type();
            let fits = match (parts.peek(), wanted) {
                _ if kind.is_symlink() => false,
                (Some(_), _) | (None, Wanted::Folder) => kind.is_dir(),
                (None, Wanted::File) => kind.is_file(),
            };
            if !fits {
                return None;
            }
        }
        Some(path)
    }

    /// The id in HEAD of the object a magazine path names.
    pub fn head_object_id(&self, rel: &str) -> Option<String> {
        self.head_entry(rel).map(|(id, _)| id.to_string())
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
            return self.plain_path(rel, Wanted::File).is_some();
        }
        self.kind(rel) == Some(ObjectType::Blob)
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        if !self.is_bare() {
            return self.plain_path(rel, Wanted::Folder).is_some();
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
        self.head_entry(rel)?.1
    }

    /// The object a magazine path names in HEAD, and its kind; a symlink
    /// (which git keeps as a blob of its target's name) has none.
    fn head_entry(&self, rel: &str) -> Option<(Oid, Option<ObjectType>)> {
        let path = self.git_path(rel);
        let Some((dir, name)) = path
            .rsplit_once('/')
            .or(Some(("", path.as_str())))
            .filter(|(_, name)| !name.is_empty())
        else {
            let root = self.head_subtree("")?;
            return Some((root.id(), Some(ObjectType::Tree)));
        };
        let tree = self.head_subtree(dir)?;
        let entry = tree.get_name(name)?;
        let kind = entry
            .kind()
            .filter(|k| *k != ObjectType::Blob || is_plain_file(entry.filemode()));
        Some((entry.id(), kind))
    }

    /// The names in a folder, sorted; empty if there is no such folder.
    pub fn list_dir(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = if self.is_bare() {
            let Some(sub) = self.head_subtree(&self.git_path(rel)) else {
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
