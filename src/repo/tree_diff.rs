//! What changed between two trees, opening only the subtrees whose ids
//! differ. A commit in a thirty-year archive then costs what it changed;
//! libgit2's own tree diff walks every entry under a pathspec.

use git2::{ObjectType, Oid, Repository, Tree};

/// One file that differs: its path (below the trees compared, with `/`)
/// and its blob id on each side, absent where it does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

/// One entry of a tree, in git's order: names compare as bytes, a folder's
/// as if it ended in `/`.
struct Entry {
    name: Vec<u8>,
    id: Oid,
    /// A file turned into a symlink to the same bytes keeps its id.
    mode: i32,
    is_tree: bool,
}

impl Entry {
    fn key(&self) -> impl Iterator<Item = u8> + '_ {
        self.name
            .iter()
            .copied()
            .chain(self.is_tree.then_some(b'/'))
    }
}

fn entries(tree: Option<&Tree>) -> Vec<Entry> {
    tree.map(|t| {
        t.iter()
            .map(|e| Entry {
                name: e.name_bytes().to_vec(),
                id: e.id(),
                mode: e.filemode(),
                is_tree: e.kind() == Some(ObjectType::Tree),
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

/// Both trees are sorted in git's order, so one pass pairs their entries
/// and only the ones whose ids differ are looked at further.
fn walk(
    repo: &Repository,
    old: Option<&Tree>,
    new: Option<&Tree>,
    at: &str,
    out: &mut Vec<FileChange>,
) {
    let (before, after) = (entries(old), entries(new));
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(a), Some(b)) => a.key().cmp(b.key()),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (a, b) = match order {
            std::cmp::Ordering::Less => {
                i += 1;
                (before.get(i - 1), None)
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                (None, after.get(j - 1))
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
                (before.get(i - 1), after.get(j - 1))
            }
        };
        if a.map(|e| (e.id, e.mode)) == b.map(|e| (e.id, e.mode)) {
            continue;
        }
        let name = String::from_utf8_lossy(&a.or(b).expect("one side is there").name).into_owned();
        let path = if at.is_empty() {
            name
        } else {
            format!("{at}/{name}")
        };
        let subtree = |e: Option<&Entry>| {
            e.filter(|e| e.is_tree)
                .and_then(|e| repo.find_tree(e.id).ok())
        };
        let blob = |e: Option<&Entry>| e.filter(|e| !e.is_tree).map(|e| e.id);
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

#[cfg(test)]
mod tests {
    use git2::FileMode;
    use git2::build::TreeUpdateBuilder;

    use super::*;

    fn tree_with<'r>(
        repo: &'r Repository,
        base: &Tree,
        files: &[(&str, Option<&str>)],
    ) -> Tree<'r> {
        let mut update = TreeUpdateBuilder::new();
        for (path, content) in files {
            match content {
                Some(text) => {
                    update.upsert(*path, repo.blob(text.as_bytes()).unwrap(), FileMode::Blob);
                }
                None => {
                    update.remove(*path);
                }
            }
        }
        repo.find_tree(update.create_updated(repo, base).unwrap())
            .unwrap()
    }

    #[test]
    fn only_what_differs_is_listed_with_both_sides() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let empty = repo
            .find_tree(repo.treebuilder(None).unwrap().write().unwrap())
            .unwrap();
        let before = tree_with(
            &repo,
            &empty,
            &[
                ("issues/2024-02/a/article.md", Some("甲")),
                ("issues/2024-02/b/article.md", Some("乙")),
                ("issues/2024-02/issue.toml", Some("year = 2024")),
                ("staff.toml", Some("x")),
            ],
        );
        let after = tree_with(
            &repo,
            &before,
            &[
                ("issues/2024-02/a/article.md", Some("甲改")),
                ("issues/2024-02/a/journal/1.toml", Some("op")),
                ("issues/2024-02/b/article.md", None),
                ("issues/2024-03/issue.toml", Some("year = 2024")),
            ],
        );
        let changes = changed_files(&repo, Some(&before), Some(&after));
        let listed: Vec<(&str, bool, bool)> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.old.is_some(), c.new.is_some()))
            .collect();
        assert_eq!(
            listed,
            [
                ("issues/2024-02/a/article.md", true, true),
                ("issues/2024-02/a/journal/1.toml", false, true),
                ("issues/2024-02/b/article.md", true, false),
                ("issues/2024-03/issue.toml", false, true),
            ]
        );
        assert!(changed_files(&repo, Some(&after), Some(&after)).is_empty());
        assert_eq!(changed_files(&repo, None, Some(&before)).len(), 4);
    }
}
