//! What changed between two trees, opening only the subtrees whose ids
//! differ. A commit in a thirty-year archive then costs what it changed;
//! libgit2's own tree diff walks every entry under a pathspec.

use std::collections::BTreeMap;

use git2::{ObjectType, Oid, Repository, Tree};

/// One file that differs: its path (below the trees compared, with `/`)
/// and its blob id on each side, absent where it does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

struct Side {
    id: Oid,
    is_tree: bool,
}

fn entries(tree: Option<&Tree>) -> BTreeMap<String, Side> {
    tree.map(|t| {
        t.iter()
            .filter_map(|e| {
                Some((
                    e.name().ok()?.to_string(),
                    Side {
                        id: e.id(),
                        is_tree: e.kind() == Some(ObjectType::Tree),
                    },
                ))
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Every file that differs between `old` and `new` (either may be absent).
pub fn changed_files(repo: &Repository, old: Option<&Tree>, new: Option<&Tree>) -> Vec<FileChange> {
    let mut out = Vec::new();
    walk(repo, old, new, "", &mut out);
    out
}

fn walk(
    repo: &Repository,
    old: Option<&Tree>,
    new: Option<&Tree>,
    at: &str,
    out: &mut Vec<FileChange>,
) {
    let (before, after) = (entries(old), entries(new));
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let (a, b) = (before.get(name), after.get(name));
        if a.map(|s| s.id) == b.map(|s| s.id) {
            continue;
        }
        let path = if at.is_empty() {
            name.clone()
        } else {
            format!("{at}/{name}")
        };
        let subtree = |s: Option<&Side>| {
            s.filter(|s| s.is_tree)
                .and_then(|s| repo.find_tree(s.id).ok())
        };
        let blob = |s: Option<&Side>| s.filter(|s| !s.is_tree).map(|s| s.id);
        let (old_tree, new_tree) = (subtree(a), subtree(b));
        if old_tree.is_some() || new_tree.is_some() {
            walk(repo, old_tree.as_ref(), new_tree.as_ref(), &path, out);
        }
        let (old_blob, new_blob) = (blob(a), blob(b));
        if old_blob.is_some() || new_blob.is_some() {
            out.push(FileChange {
                path,
                old: old_blob,
                new: new_blob,
            });
        }
    }
}

/// The subtree at `path` of a tree, if there is one.
pub fn subtree<'r>(repo: &'r Repository, tree: &Tree, path: &str) -> Option<Tree<'r>> {
    if path.is_empty() {
        return repo.find_tree(tree.id()).ok();
    }
    let entry = tree.get_path(std::path::Path::new(path)).ok()?;
    repo.find_tree(entry.id()).ok()
}
