//! What the checker's language model learns from this magazine: counts of
//! the two- to four-character strings of every approved article, as
//! approved. Like the history index it is derived: it lives in
//! `.git/galley/language-ngrams.txt`, never enters history, may be deleted
//! at any time, and is brought up to date from what changed in `issues/`
//! since the commit it was last brought up to date at.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use git2::{Oid, Tree};
use rustc_hash::FxHashMap;

use super::files::replace;
use super::load;
use super::tree_diff::changed_files;
use super::writer_lock::galley_dir;
use super::{ISSUES_DIR, Magazine};
use crate::core::frontmatter;
use crate::core::issue::IssueId;
use crate::core::lint::language::trigrams::WordTrigrams;
use crate::core::lint::language::{Language, VOUCHING_PEOPLE, each_ngram};

const FILE: &str = "language-ngrams.txt";
const FORMAT: &str = "galley-language-ngrams 2";
/// Characters of one approved text that are counted: more than the
/// longest article in thirty years of the magazine, and the bound on what
/// one approval can add.
const COUNTED_CHARS: usize = 100_000;
/// Strings the store keeps at most; past it, those approved by one person
/// and seen least are dropped first.
const KEPT_GRAMS: usize = 2_000_000;

/// Who approved the texts a string occurs in: each person's index in
/// `Learned::people`, and how often the string occurs in what they
/// approved (kept so that a reopened article can be taken out again).
#[derive(Default, Clone)]
struct Approvals(Vec<(u16, u32)>);

impl Approvals {
    fn people(&self) -> u32 {
        self.0.len() as u32
    }

    fn occurrences(&self) -> u64 {
        self.0.iter().map(|(_, n)| u64::from(*n)).sum()
    }

    fn add(&mut self, person: u16) {
        match self.0.iter_mut().find(|(p, _)| *p == person) {
            Some((_, n)) => *n += 1,
            None => self.0.push((person, 1)),
        }
    }

    /// Takes one occurrence away; true once nothing is left.
    fn remove(&mut self, person: u16) -> bool {
        if let Some(i) = self.0.iter().position(|(p, _)| *p == person) {
            self.0[i].1 -= 1;
            if self.0[i].1 == 0 {
                self.0.swap_remove(i);
            }
        }
        self.0.is_empty()
    }

    fn parse(text: &str) -> Option<Approvals> {
        text.split(',')
            .map(|pair| {
                let (p, n) = pair.split_once(':')?;
                Some((p.parse().ok()?, n.parse().ok()?))
            })
            .collect::<Option<Vec<_>>>()
            .map(Approvals)
    }

    fn write(&self, out: &mut String) {
        for (i, (p, n)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!("{p}:{n}"));
        }
    }
}

#[derive(Default)]
struct Learned {
    /// The tree of `issues/` these counts are up to date with.
    tree: Option<Oid>,
    /// Everyone who approved a counted text, in the order first seen.
    people: Vec<String>,
    /// Approved articles counted, by key: the blob of the text counted and
    /// who approved it.
    sources: BTreeMap<String, (Oid, u16)>,
    ngrams: FxHashMap<String, Approvals>,
}

impl Learned {
    fn person(&mut self, name: &str) -> u16 {
        match self.people.iter().position(|p| p == name) {
            Some(i) => i as u16,
            None => {
                self.people.push(name.to_string());
                (self.people.len() - 1) as u16
            }
        }
    }

    /// Drops the strings fewest people vouch for, least seen first, until
    /// the store is within `KEPT_GRAMS`.
    fn prune(&mut self) {
        let excess = self.ngrams.len().saturating_sub(KEPT_GRAMS);
        if excess == 0 {
            return;
        }
        let mut weakest: Vec<(u32, u64, String)> = self
            .ngrams
            .iter()
            .map(|(g, a)| (a.people(), a.occurrences(), g.clone()))
            .collect();
        weakest.select_nth_unstable(excess - 1);
        for (_, _, gram) in weakest.into_iter().take(excess) {
            self.ngrams.remove(&gram);
        }
    }
}

/// The model last made in this process, for which repository and tree of
/// `issues/`: the web desk checks an article on every page it shows, and
/// the model only changes when an approval lands.
type Made = (PathBuf, Option<Oid>, Arc<Language>);
static LAST_MADE: Mutex<Option<Made>> = Mutex::new(None);

/// The model for checking this magazine's text, its learning brought up
/// to date first. A magazine without commits learns nothing. When the
/// store is already up to date only the strings enough people vouch for
/// are read, so a check costs the same whatever one person approved.
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
    let made = match tree.and_then(|t| vouched_if_current(mag, t)) {
        Some(words) => Language::learned(words.iter().map(|(g, n)| (g.as_str(), *n))),
        None => {
            let learned = issues
                .map(|issues| up_to_date(mag, &issues))
                .unwrap_or_default();
            Language::learned(learned.ngrams.iter().map(|(g, a)| (g.as_str(), a.people())))
        }
    };
    let made = Arc::new(made.with_trigrams(word_trigrams()));
    *last() = Some((repo, tree, Arc::clone(&made)));
    made
}

/// Where Debian's `libime-data-language-model` puts its model.
const WORD_MODEL_PATHS: &[&str] = &[
    "/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm",
    "/usr/lib/aarch64-linux-gnu/libime/zh_CN.lm",
    "/usr/lib/libime/zh_CN.lm",
];

static WORD_MODEL: LazyLock<Option<Arc<WordTrigrams>>> = LazyLock::new(|| {
    let chosen = std::env::var_os("GALLEY_WORD_MODEL").map(PathBuf::from);
    let paths: Vec<PathBuf> = match chosen {
        Some(path) => vec![path],
        None => WORD_MODEL_PATHS.iter().map(PathBuf::from).collect(),
    };
    paths
        .iter()
        .find_map(|p| fs::read(p).ok())
        .and_then(WordTrigrams::parse)
        .map(Arc::new)
});

/// The word trigram model of general Chinese, if the optional package is
/// installed (`GALLEY_WORD_MODEL` names another file; an empty or wrong
/// one turns the model off). Read once per process.
pub fn word_trigrams() -> Option<Arc<WordTrigrams>> {
    WORD_MODEL.clone()
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
    learned.prune();
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
        if let Some((blob, person)) = learned.sources.remove(&key)
            && !count_blob(mag, blob, &mut learned.ngrams, Count::Minus(person))
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
    let status = article.status(&workflow);
    if article.unreadable.is_some() || !status.is_complete(&workflow) {
        return;
    }
    let Some(approver) = status.signed.last().map(|s| s.by.clone()) else {
        return;
    };
    let person = learned.person(&approver);
    let Some(blob) = mag
        .head_object_id(&article.rel_file())
        .and_then(|id| Oid::from_str(&id).ok())
    else {
        return;
    };
    if count_blob(mag, blob, &mut learned.ngrams, Count::Plus(person)) {
        learned.sources.insert(key.to_string(), (blob, person));
    }
}

/// Counting a text in, or out again, for the person who approved it.
#[derive(Clone, Copy)]
enum Count {
    Plus(u16),
    Minus(u16),
}

/// Counts (or uncounts) the approved text in `blob`, up to
/// `COUNTED_CHARS` of it; false if it is gone.
fn count_blob(
    mag: &Magazine,
    blob: Oid,
    ngrams: &mut FxHashMap<String, Approvals>,
    count: Count,
) -> bool {
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
    let mut left = COUNTED_CHARS;
    for line in lines.into_iter().flatten().chain([&text.body]) {
        let cut = line.char_indices().nth(left).map_or(line.len(), |(i, _)| i);
        left = left.saturating_sub(line[..cut].chars().count());
        each_ngram(&line[..cut], |gram| match (count, ngrams.get_mut(gram)) {
            (Count::Plus(p), Some(a)) => a.add(p),
            (Count::Plus(p), None) => {
                let mut a = Approvals::default();
                a.add(p);
                ngrams.insert(gram.to_string(), a);
            }
            (Count::Minus(p), Some(a)) => {
                if a.remove(p) {
                    ngrams.remove(gram);
                }
            }
            (Count::Minus(_), None) => {}
        });
        if left == 0 {
            break;
        }
    }
    true
}

fn store(mag: &Magazine) -> PathBuf {
    galley_dir(&mag.git).join(FILE)
}

/// When the store is up to date with `tree`, the strings enough people
/// vouch for, which it keeps first; read no further than them.
fn vouched_if_current(mag: &Magazine, tree: Oid) -> Option<Vec<(String, u32)>> {
    let file = fs::File::open(store(mag)).ok()?;
    let mut lines = BufReader::new(file).lines();
    if lines.next()?.ok()? != FORMAT || lines.next()?.ok()? != format!("tree {tree}") {
        return None;
    }
    let mut words = Vec::new();
    for line in lines {
        let line = line.ok()?;
        let Some(rest) = line.strip_prefix("word ") else {
            if line.starts_with("gram ") {
                break;
            }
            continue;
        };
        let (gram, approvals) = rest.split_once(' ')?;
        words.push((gram.to_string(), Approvals::parse(approvals)?.people()));
    }
    Some(words)
}

fn read(mag: &Magazine) -> Option<Learned> {
    let text = fs::read_to_string(store(mag)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != FORMAT {
        return None;
    }
    let mut learned = Learned::default();
    for line in lines {
        let (kind, rest) = line.split_once(' ')?;
        match kind {
            "tree" => learned.tree = Some(Oid::from_str(rest).ok()?),
            "person" => learned.people.push(rest.to_string()),
            "source" => {
                let mut parts = rest.split(' ');
                let (key, blob, person) = (parts.next()?, parts.next()?, parts.next()?);
                learned.sources.insert(
                    key.to_string(),
                    (Oid::from_str(blob).ok()?, person.parse().ok()?),
                );
            }
            "word" | "gram" => {
                let (gram, approvals) = rest.split_once(' ')?;
                learned
                    .ngrams
                    .insert(gram.to_string(), Approvals::parse(approvals)?);
            }
            _ => return None,
        }
    }
    Some(learned)
}

/// Saving is best effort: the counts can always be learned again. The
/// strings enough people vouch for come first (`word`), so a check that
/// finds the store current reads only those.
fn save(mag: &Magazine, learned: &Learned) {
    let mut out = String::from(FORMAT);
    out.push('\n');
    if let Some(tree) = learned.tree {
        out.push_str(&format!("tree {tree}\n"));
    }
    for person in &learned.people {
        out.push_str(&format!("person {person}\n"));
    }
    for (key, (blob, person)) in &learned.sources {
        out.push_str(&format!("source {key} {blob} {person}\n"));
    }
    // What enough people vouch for first: a current store is read only
    // that far.
    let kind = |a: &Approvals| match a.people() >= VOUCHING_PEOPLE {
        true => "word",
        false => "gram",
    };
    let mut grams: Vec<_> = learned.ngrams.iter().collect();
    grams.sort_by_key(|(gram, a)| (kind(a) == "gram", *gram));
    for (gram, approvals) in grams {
        out.push_str(&format!("{} {gram} ", kind(approvals)));
        approvals.write(&mut out);
        out.push('\n');
    }
    let dir = galley_dir(&mag.git);
    if fs::create_dir_all(&dir).is_ok() {
        let _ = replace(&dir.join(FILE), out.as_bytes());
    }
}
