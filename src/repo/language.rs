//! What the checker's language model learns from this magazine: counts of
//! the two- to four-character strings of every approved article, as
//! approved. Like the history index it is derived: it lives in
//! `.git/galley/language-ngrams.txt`, never enters history, may be deleted
//! at any time, and is brought up to date from what changed in `issues/`
//! since the commit it was last brought up to date at.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use git2::{Oid, Tree};
use rustc_hash::FxHashMap;

use super::files::replace;
use super::load;
use super::tree_diff::changed_files;
use super::writer_lock::galley_dir;
use super::{ISSUES_DIR, Magazine};
use crate::core::frontmatter;
use crate::core::issue::IssueId;
use crate::core::lint::language::{Language, each_ngram};

const FILE: &str = "language-ngrams.txt";
const FORMAT: &str = "galley-language-ngrams 1";

#[derive(Default)]
struct Learned {
    /// The tree of `issues/` these counts are up to date with.
    tree: Option<Oid>,
    /// Approved articles counted, by key, with the blob of the text counted.
    sources: BTreeMap<String, Oid>,
    ngrams: FxHashMap<String, u32>,
}

/// The model last made in this process, for which repository and tree of
/// `issues/`: the web desk checks an article on every page it shows, and
/// the model only changes when an approval lands.
type Made = (PathBuf, Option<Oid>, Arc<Language>);
static LAST_MADE: Mutex<Option<Made>> = Mutex::new(None);

/// The model for checking this magazine's text, its learning brought up
/// to date first. A magazine without commits learns nothing.
pub fn learned(mag: &Magazine) -> Arc<Language> {
    let issues = mag.head_subtree(&mag.git_path(ISSUES_DIR));
    let tree = issues.as_ref().map(|t| t.id());
    let repo = mag.git.commondir().to_path_buf();
    let last = || LAST_MADE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((r, t, made)) = last().as_ref()
        && (r, t) == (&repo, &tree)
    {
        return Arc::clone(made);
    }
    let learned = issues
        .map(|issues| up_to_date(mag, &issues))
        .unwrap_or_default();
    let made = Arc::new(Language::learned(
        learned.ngrams.iter().map(|(g, n)| (g.as_str(), *n)),
    ));
    *last() = Some((repo, tree, Arc::clone(&made)));
    made
}

/// The stored counts, brought up to date with `issues` and saved if they
/// moved.
fn up_to_date(mag: &Magazine, issues: &Tree) -> Learned {
    let stored = read(mag).unwrap_or_default();
    if stored.tree == Some(issues.id()) {
        return stored;
    }
    let old = stored.tree.and_then(|id| mag.git.find_tree(id).ok());
    let mut learned = old
        .and_then(|old| brought_forward(mag, stored, &old, issues))
        .unwrap_or_else(|| relearn(mag));
    learned.tree = Some(issues.id());
    save(mag, &learned);
    learned
}

/// The counts with the articles changed between `old` and `new` counted
/// again; none if a text counted before is gone from the repository.
fn brought_forward(
    mag: &Magazine,
    mut learned: Learned,
    old: &Tree,
    new: &Tree,
) -> Option<Learned> {
    let mut touched: Vec<String> = changed_files(&mag.git, Some(old), Some(new))
        .into_iter()
        .filter_map(|c| article_key(&c.path))
        .collect();
    touched.dedup();
    for key in touched {
        if let Some(blob) = learned.sources.remove(&key)
            && !count_blob(mag, blob, &mut learned.ngrams, Sign::Minus)
        {
            return None;
        }
        add_if_approved(mag, &key, &mut learned);
    }
    Some(learned)
}

/// Every approved article counted from scratch.
fn relearn(mag: &Magazine) -> Learned {
    let mut learned = Learned::default();
    for key in every_article(mag) {
        add_if_approved(mag, &key, &mut learned);
    }
    learned
}

/// `2024-02/qingneng` for a path under `issues/` inside an article folder.
fn article_key(path: &str) -> Option<String> {
    let mut parts = path.split('/');
    let (issue, slug) = (parts.next()?, parts.next()?);
    parts.next()?;
    IssueId::parse(issue)?;
    Some(format!("{issue}/{slug}"))
}

fn every_article(mag: &Magazine) -> Vec<String> {
    let mut keys = Vec::new();
    for id in load::issue_ids(mag).unwrap_or_default() {
        for slug in load::slugs(mag, id) {
            keys.push(format!("{id}/{slug}"));
        }
    }
    keys
}

fn add_if_approved(mag: &Magazine, key: &str, learned: &mut Learned) {
    let Some((issue, slug)) = key.split_once('/') else {
        return;
    };
    let Some(id) = IssueId::parse(issue) else {
        return;
    };
    let Ok(article) = load::article(mag, id, slug) else {
        return;
    };
    let workflow = mag.staff.workflow();
    if article.unreadable.is_some() || !article.status(&workflow).is_complete(&workflow) {
        return;
    }
    let Some(blob) = mag
        .head_object_id(&article.rel_file())
        .and_then(|id| Oid::from_str(&id).ok())
    else {
        return;
    };
    if count_blob(mag, blob, &mut learned.ngrams, Sign::Plus) {
        learned.sources.insert(key.to_string(), blob);
    }
}

#[derive(Clone, Copy)]
enum Sign {
    Plus,
    Minus,
}

/// Counts (or uncounts) the approved text in `blob`; false if it is gone.
fn count_blob(mag: &Magazine, blob: Oid, ngrams: &mut FxHashMap<String, u32>, sign: Sign) -> bool {
    let Ok(found) = mag.git.find_blob(blob) else {
        return false;
    };
    let source = String::from_utf8_lossy(found.content());
    let Ok(text) = frontmatter::parse(&source) else {
        return true;
    };
    let front = &text.front;
    let lines = [
        Some(&front.title),
        front.subtitle.as_ref(),
        front.kicker.as_ref(),
    ];
    for line in lines.into_iter().flatten().chain([&text.body]) {
        each_ngram(line, |gram| match (sign, ngrams.get_mut(gram)) {
            (Sign::Plus, Some(n)) => *n += 1,
            (Sign::Plus, None) => {
                ngrams.insert(gram.to_string(), 1);
            }
            (Sign::Minus, Some(n)) if *n > 1 => *n -= 1,
            (Sign::Minus, Some(_)) => {
                ngrams.remove(gram);
            }
            (Sign::Minus, None) => {}
        });
    }
    true
}

fn read(mag: &Magazine) -> Option<Learned> {
    let text = fs::read_to_string(galley_dir(&mag.git).join(FILE)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != FORMAT {
        return None;
    }
    let mut learned = Learned::default();
    for line in lines {
        let (kind, rest) = line.split_once(' ')?;
        match kind {
            "tree" => learned.tree = Some(Oid::from_str(rest).ok()?),
            "source" => {
                let (key, blob) = rest.split_once(' ')?;
                learned
                    .sources
                    .insert(key.to_string(), Oid::from_str(blob).ok()?);
            }
            "gram" => {
                let (gram, n) = rest.split_once(' ')?;
                learned.ngrams.insert(gram.to_string(), n.parse().ok()?);
            }
            _ => return None,
        }
    }
    Some(learned)
}

/// Saving is best effort: the counts can always be learned again.
fn save(mag: &Magazine, learned: &Learned) {
    let mut out = String::from(FORMAT);
    out.push('\n');
    if let Some(tree) = learned.tree {
        out.push_str(&format!("tree {tree}\n"));
    }
    for (key, blob) in &learned.sources {
        out.push_str(&format!("source {key} {blob}\n"));
    }
    let mut grams: Vec<_> = learned.ngrams.iter().collect();
    grams.sort();
    for (gram, n) in grams {
        out.push_str(&format!("gram {gram} {n}\n"));
    }
    let dir = galley_dir(&mag.git);
    if fs::create_dir_all(&dir).is_ok() {
        let _ = replace(&dir.join(FILE), out.as_bytes());
    }
}
