//! Walking history and auditing it: every journal event against the rules
//! and `staff.toml` in force when it was committed, and every journal file
//! left exactly as it was first written. Works on a bare repository too,
//! which is how the server-side guard runs it.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use git2::{Commit, Delta, Oid, Repository, Tree};

use super::history::{oid_short, subject};
use super::load::ARTICLE_FILE;
use super::tree_diff::{changed_files, subtree};
use super::view::is_plain_file;
use crate::core::audit::{Violation, check_event};
use crate::core::frontmatter::{MAX_ARTICLE_BYTES, Pins};
use crate::core::issue::IssueId;
use crate::core::journal::{Event, Op, fold_order};
use crate::core::release;
use crate::core::staff::StaffFile;
use crate::core::text;
use crate::error::Result;

#[derive(Debug, Clone)]
pub enum Problem {
    Event {
        file: String,
        violation: Violation,
    },
    Changed {
        file: String,
    },
    Deleted {
        file: String,
    },
    Unreadable {
        file: String,
    },
    /// A symlink, or anything but a regular file, under `templates/` or
    /// `issues/`.
    NotAFile {
        file: String,
    },
    /// An article whose text is over the size limit.
    TooLarge {
        file: String,
        bytes: u64,
    },
    /// A change to an issue that had gone to the printer (付印) and whose
    /// 付印 was not withdrawn first.
    AfterRelease {
        file: String,
        by: String,
    },
    /// A change to `staff.toml` by someone the staff list before it does
    /// not make an administrator.
    StaffByNonAdministrator {
        by: String,
    },
}

/// When the rule on `staff.toml` came in (2026-12-03, UTC): in the whole
/// history, changes made before it were set up by hand on the server and
/// are not judged. A push is always judged, whatever date it claims.
pub const STAFF_RULE_SINCE: i64 = 1_796_256_000;

#[derive(Debug, Clone)]
pub struct Finding {
    pub commit: String,
    pub subject: String,
    pub problem: Problem,
}

/// What the `move` records of one commit account for.
#[derive(Default)]
struct Moves {
    /// Old journal files deleted because they moved.
    excused: BTreeSet<String>,
    /// Their copies at the new place.
    carried: BTreeSet<String>,
    /// New journal folder → the old one, for auditing the move itself.
    journals: BTreeMap<String, String>,
    problems: Vec<Problem>,
}

pub struct Audit<'r> {
    repo: &'r Repository,
    /// The magazine's folder inside the repository, `""` or `"mag/"`.
    prefix: String,
    /// staff.toml changes rarely: each version is parsed once, by blob id,
    /// so auditing a commit does not cost what staff.toml's history costs.
    staff_versions: RefCell<HashMap<Oid, Option<StaffFile>>>,
    /// Commits before this time (seconds) may change staff.toml unjudged.
    staff_rule_since: Option<i64>,
}

/// The folders whose files the desk reads and prints.
const READ_FOLDERS: [&str; 2] = ["issues", "templates"];

/// The issue a path under `issues/` is filed in.
fn issue_of_path(path: &str) -> Option<IssueId> {
    let (_, rest) = path.split_once("issues/")?;
    IssueId::parse(rest.split('/').next()?)
}

fn is_journal(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or_default();
    file.ends_with(".toml") && parts.next() == Some("journal")
}

impl<'r> Audit<'r> {
    pub fn new(repo: &'r Repository, prefix: &str) -> Audit<'r> {
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", prefix.trim_end_matches('/'))
        };
        Audit {
            repo,
            prefix,
            staff_versions: RefCell::new(HashMap::new()),
            staff_rule_since: Some(STAFF_RULE_SINCE),
        }
    }

    /// The audit of commits being pushed: every rule, whatever their date.
    pub fn for_push(mut self) -> Audit<'r> {
        self.staff_rule_since = None;
        self
    }

    /// Whether `commit` changed staff.toml without an administrator's
    /// standing in the staff list before it.
    fn staff_change_problem(&self, commit: &Commit, parent: &Tree, tree: &Tree) -> Option<Problem> {
        if self
            .staff_rule_since
            .is_some_and(|since| commit.time().seconds() < since)
        {
            return None;
        }
        let path = format!("{}staff.toml", self.prefix);
        let id = |t: &Tree| t.get_path(Path::new(&path)).ok().map(|e| e.id());
        if id(parent) == id(tree) {
            return None;
        }
        let before = self.staff_at(parent)?;
        let by = commit.author().name().unwrap_or_default().to_string();
        let wf = before.workflow();
        let allowed = before.person(&by).is_some_and(|p| wf.is_administrator(p));
        (!allowed).then_some(Problem::StaffByNonAdministrator { by })
    }

    fn text_at(&self, tree: &Tree, path: &str) -> Option<String> {
        let entry = tree.get_path(Path::new(path)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        text::decode(blob.content()).ok().map(|d| d.text)
    }

    fn staff_at(&self, tree: &Tree) -> Option<StaffFile> {
        let entry = tree
            .get_path(Path::new(&format!("{}staff.toml", self.prefix)))
            .ok()?;
        if let Some(known) = self.staff_versions.borrow().get(&entry.id()) {
            return known.clone();
        }
        let parsed = self
            .repo
            .find_blob(entry.id())
            .ok()
            .and_then(|b| text::decode(b.content()).ok())
            .and_then(|d| toml::from_str(d.text.trim_start_matches('\u{feff}')).ok());
        self.staff_versions
            .borrow_mut()
            .insert(entry.id(), parsed.clone());
        parsed
    }

    /// Journal files a commit changed, relative to one parent.
    fn journal_deltas(&self, parent: Option<&Tree>, tree: &Tree) -> Result<Vec<(String, Delta)>> {
        let issues = format!("{}issues", self.prefix);
        let now = subtree(self.repo, tree, &issues);
        let before = parent.and_then(|p| subtree(self.repo, p, &issues));
        Ok(changed_files(self.repo, before.as_ref(), now.as_ref())
            .into_iter()
            .filter_map(|c| {
                let path = format!("{issues}/{}", c.path);
                let status = match (c.old, c.new) {
                    (None, Some(_)) => Delta::Added,
                    (Some(_), None) => Delta::Deleted,
                    _ => Delta::Modified,
                };
                is_journal(&path).then_some((path, status))
            })
            .collect())
    }

    fn events_in(&self, tree: &Tree, journal_dir: &str) -> Vec<Event> {
        let Ok(entry) = tree.get_path(Path::new(journal_dir)) else {
            return vec![];
        };
        let Ok(dir) = self.repo.find_tree(entry.id()) else {
            return vec![];
        };
        let events = dir
            .iter()
            .filter_map(|e| {
                let name = e.name().ok()?.to_string();
                let source = self.text_at(&dir, &name)?;
                Event::from_toml(name.trim_end_matches(".toml"), &source).ok()
            })
            .collect();
        fold_order(events)
    }

    fn pins_at(&self, tree: &Tree, article_dir: &str) -> Pins {
        let source = self
            .text_at(tree, &format!("{article_dir}/article.md"))
            .unwrap_or_default();
        Pins::of_source(&source)
    }

    pub fn commit(&self, commit: &Commit) -> Result<Vec<Finding>> {
        let tree = commit.tree()?;
        let parents: Vec<Tree> = commit
            .parents()
            .map(|p| p.tree())
            .collect::<std::result::Result<_, _>>()?;
        let mut touched: BTreeMap<String, Problem> = BTreeMap::new();
        let mut added: Option<BTreeSet<String>> = None;
        let parent_trees: Vec<Option<&Tree>> = if parents.is_empty() {
            vec![None]
        } else {
            parents.iter().map(Some).collect()
        };
        let mut moved: BTreeMap<String, String> = BTreeMap::new();
        let mut move_problems = Vec::new();
        for (n, parent) in parent_trees.into_iter().enumerate() {
            let mut here = BTreeSet::new();
            let mut deleted = Vec::new();
            for (file, status) in self.journal_deltas(parent, &tree)? {
                match status {
                    Delta::Added => {
                        here.insert(file);
                    }
                    Delta::Deleted => deleted.push(file),
                    Delta::Modified | Delta::Renamed | Delta::Typechange => {
                        touched.insert(file.clone(), Problem::Changed { file });
                    }
                    _ => {}
                }
            }
            let moves = self.moves(parent, &tree, &here);
            for file in deleted {
                if !moves.excused.contains(&file) {
                    touched.insert(file.clone(), Problem::Deleted { file });
                }
            }
            here.retain(|f| !moves.carried.contains(f));
            if n == 0 {
                moved = moves.journals;
                move_problems = moves.problems;
            }
            // A merge brings in events from its other side; only what is in
            // no parent at all is new in this commit.
            added = Some(match added {
                None => here,
                Some(before) => before.intersection(&here).cloned().collect(),
            });
        }
        let mut problems: Vec<Problem> = touched.into_values().collect();
        problems.extend(move_problems);
        problems.extend(self.file_problems(parents.first(), &tree));
        if let Some(parent) = parents.first() {
            problems.extend(self.changes_after_release(parent, &tree));
            problems.extend(self.staff_change_problem(commit, parent, &tree));
        }
        let staff = parents
            .first()
            .and_then(|p| self.staff_at(p))
            .or_else(|| self.staff_at(&tree));
        let author = commit.author().name().unwrap_or_default().to_string();
        for file in added.unwrap_or_default() {
            let Some(staff) = &staff else { break };
            let name = file.rsplit('/').next().unwrap_or_default();
            let Some(event) = self
                .text_at(&tree, &file)
                .and_then(|s| Event::from_toml(name.trim_end_matches(".toml"), &s).ok())
            else {
                problems.push(Problem::Unreadable { file });
                continue;
            };
            let journal_dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or_default();
            let article_dir = journal_dir
                .rsplit_once('/')
                .map(|(d, _)| d)
                .unwrap_or_default();
            // Moved in this commit: the journal it had before is at the old place.
            let before = moved.get(journal_dir).map_or(journal_dir, String::as_str);
            let prior = parents
                .first()
                .map(|p| self.events_in(p, before))
                .unwrap_or_default();
            let pins = self.pins_at(&tree, article_dir);
            let issue = issue_of_path(&file);
            for violation in check_event(staff, &prior, &event, &pins, &author, issue) {
                problems.push(Problem::Event {
                    file: file.clone(),
                    violation,
                });
            }
        }
        let subject = subject(commit);
        Ok(problems
            .into_iter()
            .map(|problem| Finding {
                commit: oid_short(commit),
                subject: subject.clone(),
                problem,
            })
            .collect())
    }

    /// 压稿 in this commit, relative to `parent`: each `move` record among
    /// the `added` journal files, whose article's journal files were all
    /// deleted from the issue it names and added, the same blobs, beside
    /// the record, with nothing of the article left behind. Those deletions
    /// are excused and those copies are not new events; a move that does
    /// not hold together is a problem, and excuses nothing.
    fn moves(&self, parent: Option<&Tree>, tree: &Tree, added: &BTreeSet<String>) -> Moves {
        let mut found = Moves::default();
        let Some(parent) = parent else {
            return found;
        };
        for file in added {
            let name = file.rsplit('/').next().unwrap_or_default();
            let Some(event) = self
                .text_at(tree, file)
                .and_then(|s| Event::from_toml(name.trim_end_matches(".toml"), &s).ok())
                .filter(|e| e.op == Op::Move)
            else {
                continue;
            };
            let from = event.from.clone().unwrap_or_default();
            let journal_dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or_default();
            let slug = journal_dir
                .rsplit('/')
                .nth(1)
                .unwrap_or_default()
                .to_string();
            let old_article = format!("{}issues/{from}/{slug}", self.prefix);
            let old_journal = format!("{old_article}/journal");
            let whole = IssueId::parse(&from).is_some_and(|id| id.to_string() == from)
                && old_journal != journal_dir
                && self
                    .text_at(parent, &format!("{old_article}/{ARTICLE_FILE}"))
                    .is_some()
                && tree.get_path(Path::new(&old_article)).is_err();
            let carried = match whole {
                true => self.carried(parent, tree, &old_journal, journal_dir),
                false => None,
            };
            let Some(carried) = carried else {
                found.problems.push(Problem::Event {
                    file: file.clone(),
                    violation: Violation::MoveMismatch { from },
                });
                continue;
            };
            for name in carried {
                found.excused.insert(format!("{old_journal}/{name}"));
                found.carried.insert(format!("{journal_dir}/{name}"));
            }
            found.journals.insert(journal_dir.to_string(), old_journal);
        }
        found
    }

    /// The names of the journal files at `from` in `parent`, when `tree`
    /// holds every one of them at `to` as the same blob.
    fn carried(&self, parent: &Tree, tree: &Tree, from: &str, to: &str) -> Option<Vec<String>> {
        let old = self
            .repo
            .find_tree(parent.get_path(Path::new(from)).ok()?.id())
            .ok()?;
        let mut names = Vec::new();
        for entry in old.iter() {
            let name = entry.name().ok()?.to_string();
            let copy = tree.get_path(Path::new(&format!("{to}/{name}"))).ok()?;
            if copy.id() != entry.id() {
                return None;
            }
            names.push(name);
        }
        Some(names)
    }

    /// Files changed in an issue released in `parent`, other than the
    /// issue's own journal (where the 付印 is withdrawn).
    fn changes_after_release(&self, parent: &Tree, tree: &Tree) -> Vec<Problem> {
        let issues = format!("{}issues", self.prefix);
        let now = subtree(self.repo, tree, &issues);
        let before = subtree(self.repo, parent, &issues);
        let mut released: HashMap<String, Option<String>> = HashMap::new();
        let mut found = Vec::new();
        for change in changed_files(self.repo, before.as_ref(), now.as_ref()) {
            let mut parts = change.path.splitn(3, '/');
            let (Some(issue), Some(next)) = (parts.next(), parts.next()) else {
                continue;
            };
            if next == "journal" && parts.next().is_some_and(|f| !f.contains('/')) {
                continue;
            }
            let by = released
                .entry(issue.to_string())
                .or_insert_with(|| {
                    let events = self.events_in(parent, &format!("{issues}/{issue}/journal"));
                    release::fold(&events).released.map(|r| r.by)
                })
                .clone();
            if let Some(by) = by {
                found.push(Problem::AfterRelease {
                    file: format!("{issues}/{}", change.path),
                    by,
                });
            }
        }
        found
    }

    /// Files the commit added or changed in the folders the desk reads that
    /// are not plain files, or articles over the size limit.
    fn file_problems(&self, parent: Option<&Tree>, tree: &Tree) -> Vec<Problem> {
        let mut found = Vec::new();
        for folder in READ_FOLDERS {
            let folder = format!("{}{folder}", self.prefix);
            let now = subtree(self.repo, tree, &folder);
            let before = parent.and_then(|p| subtree(self.repo, p, &folder));
            for change in changed_files(self.repo, before.as_ref(), now.as_ref()) {
                let Some(id) = change.new else { continue };
                let file = format!("{folder}/{}", change.path);
                let mode = tree.get_path(Path::new(&file)).map(|e| e.filemode());
                if !mode.is_ok_and(is_plain_file) {
                    found.push(Problem::NotAFile { file });
                    continue;
                }
                if file.ends_with(&format!("/{ARTICLE_FILE}")) {
                    let bytes = self
                        .repo
                        .odb()
                        .and_then(|odb| odb.read_header(id))
                        .map(|(size, _)| size as u64)
                        .unwrap_or(0);
                    if bytes > MAX_ARTICLE_BYTES as u64 {
                        found.push(Problem::TooLarge { file, bytes });
                    }
                }
            }
        }
        found
    }

    /// Audits commits oldest first.
    pub fn commits(&self, oids: &[Oid]) -> Result<Vec<Finding>> {
        let mut findings = Vec::new();
        for oid in oids {
            findings.extend(self.commit(&self.repo.find_commit(*oid)?)?);
        }
        Ok(findings)
    }
}
