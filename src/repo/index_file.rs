//! Changing a few entries of git's index file in place of reading and
//! rewriting it through libgit2.
//!
//! On a thirty-year archive the index holds some 50,000 entries. libgit2
//! parses every one into a map, verifies the file's SHA-1 with its
//! collision-detecting SHA-1 and computes it again on writing: most of the
//! cost of a sign-off. A sign-off changes one or two entries, so here the
//! file is patched as bytes (entries are sorted by path, and each says its
//! own length) and the checksum computed once with the CPU's SHA
//! instructions where it has them.
//!
//! Only the common layout is handled: versions 2 and 3, SHA-1 object ids,
//! no split index, no sparse index. For anything else `patch` answers
//! `None` and the caller goes through libgit2.

use std::cmp::Ordering;

use sha1::{Digest, Sha1};

const HEADER: usize = 12;
const CHECKSUM: usize = 20;
/// ctime, mtime, dev, ino, mode, uid, gid, size (4 bytes each, 40 in all),
/// the object id (20) and the flags (2).
const FIXED: usize = 62;
const EXTENDED_FLAG: u16 = 0x4000;
const NAME_MASK: u16 = 0x0fff;

/// One entry to put into the index at stage 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub path: Vec<u8>,
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub dev: u32,
    pub ino: u32,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
    pub id: [u8; 20],
}

impl NewEntry {
    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(FIXED + self.path.len() + 8);
        for n in [
            self.ctime.0,
            self.ctime.1,
            self.mtime.0,
            self.mtime.1,
            self.dev,
            self.ino,
            self.mode,
            self.uid,
            self.gid,
            self.size,
        ] {
            out.extend_from_slice(&n.to_be_bytes());
        }
        out.extend_from_slice(&self.id);
        let name_len = self.path.len().min(NAME_MASK as usize) as u16;
        out.extend_from_slice(&name_len.to_be_bytes());
        out.extend_from_slice(&self.path);
        // NUL-terminated and padded to a multiple of eight.
        let padded = (FIXED + self.path.len() + 8) & !7;
        out.resize(padded, 0);
        out
    }
}

/// Where one entry lies in the file.
struct Span {
    start: usize,
    end: usize,
    path_start: usize,
    path_end: usize,
    stage: u16,
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn entries(index: &[u8], version: u32, count: u32) -> Option<Vec<Span>> {
    let mut spans = Vec::with_capacity(count as usize);
    let mut at = HEADER;
    for _ in 0..count {
        let flags = u16_at(index, at + FIXED - 2)?;
        let extended = flags & EXTENDED_FLAG != 0;
        if extended && version < 3 {
            return None;
        }
        let path_start = at + FIXED + if extended { 2 } else { 0 };
        let path_len = index.get(path_start..)?.iter().position(|&b| b == 0)?;
        let path_end = path_start + path_len;
        let end = at + ((path_end - at + 8) & !7);
        if end > index.len() - CHECKSUM {
            return None;
        }
        spans.push(Span {
            start: at,
            end,
            path_start,
            path_end,
            stage: (flags >> 12) & 0x3,
        });
        at = end;
    }
    Some(spans)
}

/// The index with `changes` put in at stage 0, or `None` when this index
/// is not one `patch` handles (the caller then uses libgit2).
pub fn patch(index: &[u8], changes: &[NewEntry]) -> Option<Vec<u8>> {
    if index.len() < HEADER + CHECKSUM || &index[..4] != b"DIRC" {
        return None;
    }
    let version = u32_at(index, 4)?;
    if !(2..=3).contains(&version) {
        return None;
    }
    let count = u32_at(index, 8)?;
    let spans = entries(index, version, count)?;
    let body_end = spans.last().map_or(HEADER, |s| s.end);
    let extensions = rewrite_extensions(&index[body_end..index.len() - CHECKSUM], changes)?;

    let path_of = |s: &Span| &index[s.path_start..s.path_end];
    let mut sorted: Vec<&NewEntry> = changes.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted.dedup_by(|a, b| a.path == b.path);

    let mut out = Vec::with_capacity(index.len() + changes.len() * 128);
    out.extend_from_slice(&index[..HEADER]);
    let mut next = 0;
    let mut total = count as usize;
    for change in sorted {
        // The first entry whose path is not before the change's.
        let at = next
            + spans[next..].partition_point(|s| path_of(s).cmp(&change.path) == Ordering::Less);
        let copy_to = spans.get(at).map_or(body_end, |s| s.start);
        out.extend_from_slice(&index[spans.get(next).map_or(body_end, |s| s.start)..copy_to]);
        let same: Vec<&Span> = spans[at..]
            .iter()
            .take_while(|s| path_of(s) == change.path.as_slice())
            .collect();
        if same.iter().any(|s| s.stage != 0) {
            // A merge conflict on this path: leave it to libgit2.
            return None;
        }
        out.extend_from_slice(&change.bytes());
        total = total + 1 - same.len();
        next = at + same.len();
    }
    out.extend_from_slice(&index[spans.get(next).map_or(body_end, |s| s.start)..body_end]);
    out[8..12].copy_from_slice(&u32::try_from(total).ok()?.to_be_bytes());
    out.extend_from_slice(&extensions);
    let checksum = Sha1::digest(&out);
    out.extend_from_slice(&checksum);
    Some(out)
}

/// Keeps the cache-tree (with the changed paths' folders marked stale, as
/// git does) and the resolve-undo record; drops the optional caches that
/// hold entry offsets or stat data (git rebuilds them); refuses what must
/// not be dropped.
fn rewrite_extensions(mut rest: &[u8], changes: &[NewEntry]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        let signature: [u8; 4] = rest.get(..4)?.try_into().ok()?;
        let size = u32_at(rest, 4)? as usize;
        let data = rest.get(8..8 + size)?;
        match &signature {
            b"TREE" => {
                let tree = invalidate_tree(data, changes)?;
                out.extend_from_slice(b"TREE");
                out.extend_from_slice(&u32::try_from(tree.len()).ok()?.to_be_bytes());
                out.extend_from_slice(&tree);
            }
            b"REUC" => out.extend_from_slice(&rest[..8 + size]),
            // Optional extensions start with a capital letter.
            [b'A'..=b'Z', ..] => {}
            _ => return None,
        }
        rest = &rest[8 + size..];
    }
    Some(out)
}

/// The cache-tree with every folder above a changed path marked invalid
/// (entry count -1, no object id).
fn invalidate_tree(data: &[u8], changes: &[NewEntry]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut at = 0;
    node(data, &mut at, "", changes, &mut out)?;
    (at == data.len()).then_some(out)
}

fn node(
    data: &[u8],
    at: &mut usize,
    parent: &str,
    changes: &[NewEntry],
    out: &mut Vec<u8>,
) -> Option<()> {
    let name_end = *at + data.get(*at..)?.iter().position(|&b| b == 0)?;
    let name = std::str::from_utf8(&data[*at..name_end]).ok()?;
    let line_end = name_end + data.get(name_end..)?.iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&data[name_end + 1..line_end]).ok()?;
    let (entries, subtrees) = line.split_once(' ')?;
    let entries: i64 = entries.parse().ok()?;
    let subtrees: usize = subtrees.parse().ok()?;
    *at = line_end + 1;
    let folder = match (parent, name) {
        (_, "") => String::new(),
        ("", n) => format!("{n}/"),
        (p, n) => format!("{p}{n}/"),
    };
    let touched = changes
        .iter()
        .any(|c| c.path.starts_with(folder.as_bytes()));
    out.extend_from_slice(name.as_bytes());
    out.push(0);
    if entries >= 0 {
        let id = data.get(*at..*at + 20)?;
        *at += 20;
        if touched {
            out.extend_from_slice(format!("-1 {subtrees}\n").as_bytes());
        } else {
            out.extend_from_slice(format!("{entries} {subtrees}\n").as_bytes());
            out.extend_from_slice(id);
        }
    } else {
        out.extend_from_slice(format!("{entries} {subtrees}\n").as_bytes());
    }
    for _ in 0..subtrees {
        node(data, at, &folder, changes, out)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use git2::{Index, IndexEntry, IndexTime, Oid, Repository};

    use super::*;

    fn entry(path: &str, id: Oid) -> IndexEntry {
        IndexEntry {
            ctime: IndexTime::new(1, 2),
            mtime: IndexTime::new(3, 4),
            dev: 5,
            ino: 6,
            mode: 0o100644,
            uid: 7,
            gid: 8,
            file_size: 9,
            id,
            flags: 0,
            flags_extended: 0,
            path: path.as_bytes().to_vec(),
        }
    }

    fn new_entry(path: &str, id: Oid) -> NewEntry {
        NewEntry {
            path: path.as_bytes().to_vec(),
            ctime: (1, 2),
            mtime: (3, 4),
            dev: 5,
            ino: 6,
            mode: 0o100644,
            uid: 7,
            gid: 8,
            size: 9,
            id: id.as_bytes().try_into().unwrap(),
        }
    }

    fn listing(index: &Index) -> Vec<(String, Oid, u32, u32)> {
        index
            .iter()
            .map(|e| {
                let path = String::from_utf8(e.path).unwrap();
                (path, e.id, e.mode, e.mtime.seconds() as u32)
            })
            .collect()
    }

    /// A repository whose index holds `paths` and a cache-tree for them.
    fn repository(paths: &[&str]) -> (tempfile::TempDir, Repository, Vec<Oid>) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let mut ids = Vec::new();
        {
            let mut index = repo.index().unwrap();
            for (n, p) in paths.iter().enumerate() {
                let id = repo.blob(format!("内容{n}").as_bytes()).unwrap();
                index.add(&entry(p, id)).unwrap();
                ids.push(id);
            }
            let tree = index.write_tree().unwrap();
            // Read back from the tree: every folder in the cache-tree valid.
            index.read_tree(&repo.find_tree(tree).unwrap()).unwrap();
            index.write().unwrap();
        }
        (dir, repo, ids)
    }

    #[test]
    fn a_patched_index_holds_what_libgit2_would_have_written() {
        let paths = [
            "issues/2024-02/a/article.md",
            "issues/2024-02/b/article.md",
            "staff.toml",
        ];
        let (dir, repo, _) = repository(&paths);
        let file = dir.path().join(".git/index");
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            bytes.windows(4).any(|w| w == b"TREE"),
            "the fixture has a cache-tree"
        );
        let changed = repo.blob("改过的正文".as_bytes()).unwrap();
        let added = repo.blob("新的流程记录".as_bytes()).unwrap();
        let changes = [
            new_entry("issues/2024-02/a/article.md", changed),
            new_entry(
                "issues/2024-02/a/journal/20240201T000000Z-abcdef.toml",
                added,
            ),
        ];

        let patched = patch(&bytes, &changes).expect("a plain version 2 index");
        let patched_file = dir.path().join("patched-index");
        std::fs::write(&patched_file, &patched).unwrap();
        let mut ours = Index::open(&patched_file).unwrap();

        let mut theirs = repo.index().unwrap();
        for c in &changes {
            let id = Oid::from_bytes(&c.id).unwrap();
            theirs
                .add(&entry(std::str::from_utf8(&c.path).unwrap(), id))
                .unwrap();
        }
        assert_eq!(listing(&ours), listing(&theirs));
        assert_eq!(ours.len(), 4);
        // The cache-tree no longer vouches for the changed folders, so the
        // tree written from the patched index is the right one.
        assert_eq!(
            ours.write_tree_to(&repo).unwrap(),
            theirs.write_tree_to(&repo).unwrap()
        );
    }

    #[test]
    fn unusual_indexes_are_left_to_libgit2() {
        let (dir, repo, _) = repository(&["a.txt", "b/c.txt"]);
        let bytes = std::fs::read(dir.path().join(".git/index")).unwrap();
        let id = repo.blob(b"x").unwrap();
        let change = [new_entry("a.txt", id)];
        assert!(patch(&bytes, &change).is_some());

        let mut v4 = bytes.clone();
        v4[4..8].copy_from_slice(&4u32.to_be_bytes());
        assert_eq!(patch(&v4, &change), None, "version 4 compresses paths");

        let mut split = bytes[..bytes.len() - CHECKSUM].to_vec();
        split.extend_from_slice(b"link");
        split.extend_from_slice(&20u32.to_be_bytes());
        split.extend_from_slice(&[0; 20]);
        split.extend_from_slice(&[0; CHECKSUM]);
        assert_eq!(patch(&split, &change), None, "a split index");

        assert_eq!(patch(b"not an index at all, no", &change), None);
    }
}
