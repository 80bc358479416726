//! Loading staff, issues and articles from the work tree.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::files::{decode_named, read_text};
use super::{ISSUES_DIR, Magazine, STAFF_FILE};
use crate::core::frontmatter::{self, ArticleText, Front, FrontProblem, Pins, body_hash};
use crate::core::issue::{IssueFile, IssueId};
use crate::core::journal::{Event, Op, fold_order};
use crate::core::release::{self, ReleaseState};
use crate::core::staff::StaffFile;
use crate::core::status::{Attention, Status, fold};
use crate::core::tomlpos::locate;
use crate::core::workflow::Workflow;
use crate::error::{GalleyError, Result};
use crate::messages;

pub const ARTICLE_FILE: &str = "article.md";
pub const ISSUE_FILE: &str = "issue.toml";
pub const JOURNAL_DIR: &str = "journal";

#[derive(Debug, Clone)]
pub struct Article {
    pub issue: IssueId,
    pub slug: String,
    pub text: ArticleText,
    /// In fold order.
    pub events: Vec<Event>,
    /// The first file of the article that cannot be read as it stands. The
    /// article still shows on the board, marked; commands on it refuse.
    pub unreadable: Option<GalleyError>,
}

impl Article {
    /// `2024-02/qingneng`
    pub fn key(&self) -> String {
        format!("{}/{}", self.issue, self.slug)
    }

    /// The article folder relative to the magazine root.
    pub fn rel_dir(&self) -> String {
        format!("{ISSUES_DIR}/{}/{}", self.issue, self.slug)
    }

    pub fn rel_file(&self) -> String {
        format!("{}/{ARTICLE_FILE}", self.rel_dir())
    }

    pub fn body_hash(&self) -> String {
        body_hash(&self.text.body)
    }

    /// What a sign-off made now would pin.
    pub fn pins(&self) -> Pins {
        Pins::of(&self.text)
    }

    /// 撤稿 and not restored since.
    pub fn is_withdrawn(&self) -> bool {
        self.events
            .iter()
            .rev()
            .find(|e| matches!(e.op, Op::Withdraw | Op::Restore))
            .is_some_and(|e| e.op == Op::Withdraw)
    }

    pub fn status(&self, wf: &Workflow) -> Status {
        let mut status = fold(&self.events, wf, &self.pins());
        if let Some(e) = &self.unreadable {
            status.attention.push(Attention::Unreadable {
                problem: e.message.clone(),
            });
        }
        status
    }

    /// The article, for a command that acts on it: refused while one of
    /// its files cannot be read.
    pub fn readable(self) -> Result<Article> {
        match self.unreadable {
            Some(e) => Err(e.hint(messages::hint_mend_file())),
            None => Ok(self),
        }
    }
}

fn parse_toml<T: DeserializeOwned>(source: &str, shown: &str) -> Result<T> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    toml::from_str(source).map_err(|e| messages::broken_toml(shown, &locate(source, &e, 0)))
}

pub fn staff(path: &Path) -> Result<StaffFile> {
    staff_from(&read_text(path, STAFF_FILE)?)
}

/// staff.toml's text, parsed and checked.
pub fn staff_from(text: &str) -> Result<StaffFile> {
    let staff: StaffFile = parse_toml(text, STAFF_FILE)?;
    if let Some(wf) = &staff.workflow {
        wf.validate().map_err(|p| messages::bad_workflow(&p))?;
    }
    if let Some((person, role)) = staff.unknown_role() {
        return Err(messages::unknown_role(person, role, &staff.known_roles()));
    }
    if let Some(name) = staff.duplicate_name() {
        return Err(messages::duplicate_person(name));
    }
    Ok(staff)
}

pub fn issue_rel(id: IssueId) -> String {
    format!("{ISSUES_DIR}/{id}")
}

/// Issues in the repository, oldest first.
pub fn issue_ids(mag: &Magazine) -> Result<Vec<IssueId>> {
    let mut ids = Vec::new();
    for name in mag.list_dir(ISSUES_DIR) {
        if let Some(id) = IssueId::parse(&name)
            && id.to_string() == name
            && mag.is_file(&format!("{ISSUES_DIR}/{name}/{ISSUE_FILE}"))
        {
            ids.push(id);
        }
    }
    ids.sort();
    Ok(ids)
}

pub fn issue(mag: &Magazine, id: IssueId) -> Result<IssueFile> {
    let rel = format!("{}/{ISSUE_FILE}", issue_rel(id));
    if !mag.is_file(&rel) {
        return Err(messages::unknown_issue(&id.to_string(), &issue_ids(mag)?));
    }
    parse_toml(&mag.read_text(&rel)?, &rel)
}

/// The issue named on the command line, or the newest one.
pub fn pick_issue(mag: &Magazine, given: Option<&str>) -> Result<IssueId> {
    let ids = issue_ids(mag)?;
    match given {
        Some(text) => {
            let folder = format!("{ISSUES_DIR}/{}", text.trim());
            let misnamed = IssueId::parse(text).is_none_or(|id| id.to_string() != text.trim());
            if misnamed && !text.contains(['/', '\\', '.']) && mag.is_dir(&folder) {
                return Err(messages::misnamed_issue_folder(&folder));
            }
            let id = IssueId::parse(text).ok_or_else(|| messages::bad_issue_id(text))?;
            if !ids.contains(&id) {
                return Err(messages::unknown_issue(&id.to_string(), &ids));
            }
            Ok(id)
        }
        None => ids.last().copied().ok_or_else(messages::no_issues),
    }
}

/// Loads one article. A file that cannot be read as it stands does not
/// make this fail: the article comes back marked `unreadable`, so that one
/// broken file does not take the whole board down.
pub fn article(mag: &Magazine, issue: IssueId, slug: &str) -> Result<Article> {
    let dir_rel = format!("{}/{slug}", issue_rel(issue));
    let rel = format!("{dir_rel}/{ARTICLE_FILE}");
    let text = mag.read_text(&rel).and_then(|source| {
        frontmatter::parse(&source).map_err(|p| match p {
            FrontProblem::Toml(t) => messages::broken_toml(&rel, &t),
            other => messages::broken_front(&rel, &other),
        })
    });
    let (events, journal_problem) = journal(mag, &format!("{dir_rel}/{JOURNAL_DIR}"))?;
    let (text, text_problem) = match text {
        Ok(text) => (text, None),
        Err(e) => (
            ArticleText {
                front_source: String::new(),
                front: Front::new(slug),
                body: String::new(),
            },
            Some(e),
        ),
    };
    Ok(Article {
        issue,
        slug: slug.to_string(),
        text,
        events,
        unreadable: text_problem.or(journal_problem),
    })
}

/// The journal as committed. A journal file in the work tree that no
/// commit holds is not part of the record: it is what an interrupted
/// command left behind, or a hand-written forgery, and either way it must
/// not count (see `stray_journal_files`).
/// The events that read well, in fold order, and the first problem with
/// one that does not.
fn journal(mag: &Magazine, rel: &str) -> Result<(Vec<Event>, Option<GalleyError>)> {
    let wf = mag.staff.workflow();
    let mut events = Vec::new();
    let mut problem = None;
    for (name, bytes) in committed_journal(mag, rel)? {
        let file_rel = format!("{rel}/{name}");
        let id = name.trim_end_matches(".toml");
        let event = decode_named(&bytes, &file_rel).and_then(|source| {
            let event = Event::from_toml(id, &source).map_err(|p| {
                unknown_op(&source, &file_rel)
                    .unwrap_or_else(|| messages::broken_toml(&file_rel, &p))
            })?;
            check_event(&event, &wf, &source, &file_rel)?;
            Ok(event)
        });
        match event {
            Ok(event) => events.push(event),
            Err(e) => {
                problem.get_or_insert(e);
            }
        }
    }
    Ok((fold_order(events), problem))
}

/// An `op` galley does not know gets its own sentence rather than the TOML
/// parser's English.
fn unknown_op(source: &str, file_rel: &str) -> Option<GalleyError> {
    let table = source
        .trim_start_matches('\u{feff}')
        .parse::<toml::Table>()
        .ok()?;
    let op = table.get("op")?.as_str()?;
    if Op::ALL.iter().any(|known| known.as_str() == op) {
        return None;
    }
    let line = source
        .lines()
        .position(|l| l.trim_start().starts_with("op"))
        .map(|i| i + 1);
    Some(messages::record_op_unknown(file_rel, line, op))
}

/// What TOML alone cannot say: a sign-off names a stage of this workflow.
fn check_event(event: &Event, wf: &Workflow, source: &str, file_rel: &str) -> Result<()> {
    if event.op != Op::Signoff {
        return Ok(());
    }
    let line = source
        .lines()
        .position(|l| l.trim_start().starts_with("stage"))
        .map(|i| i + 1);
    match event.stage.as_deref() {
        Some(stage) if wf.stage(stage).is_some() => Ok(()),
        Some(stage) => Err(messages::record_stage_unknown(file_rel, line, stage, wf)),
        None => Err(messages::record_stage_missing(file_rel)),
    }
}

/// (file name, content) of each `.toml` in a journal folder at HEAD.
fn committed_journal(mag: &Magazine, rel: &str) -> Result<Vec<(String, Vec<u8>)>> {
    // `issues/2024-02/slug/journal`: the issue's folder is shared by all its
    // articles, so it is looked up once.
    let git_rel = mag.git_path(rel);
    let mut parts = git_rel.rsplitn(3, '/');
    let (journal, slug, issue) = (parts.next(), parts.next(), parts.next());
    let (Some(journal), Some(slug), Some(issue)) = (journal, slug, issue) else {
        return Ok(vec![]);
    };
    let Some(tree) = mag.head_subtree(issue) else {
        return Ok(vec![]);
    };
    let Ok(entry) = tree.get_path(Path::new(&format!("{slug}/{journal}"))) else {
        return Ok(vec![]);
    };
    let Ok(dir) = mag.git.find_tree(entry.id()) else {
        return Ok(vec![]);
    };
    let mut files = Vec::new();
    for e in dir.iter() {
        let Some(name) = e.name().ok().filter(|n| n.ends_with(".toml")) else {
            continue;
        };
        let blob = mag.git.find_blob(e.id())?;
        files.push((name.to_string(), blob.content().to_vec()));
    }
    files.sort();
    Ok(files)
}

/// Journal files in the work tree that no commit holds: the article's
/// events were read from HEAD, so any other file is a stray.
pub fn stray_journal_files(mag: &Magazine, article: &Article) -> Vec<String> {
    let rel = format!("{}/{JOURNAL_DIR}", article.rel_dir());
    if mag.is_bare() {
        return vec![];
    }
    let Ok(entries) = fs::read_dir(mag.abs(&rel)) else {
        return vec![];
    };
    let mut stray: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.strip_suffix(".toml")
                .is_some_and(|id| !article.events.iter().any(|e| e.id == id))
        })
        .map(|n| format!("{rel}/{n}"))
        .collect();
    stray.sort();
    stray
}

pub fn slugs(mag: &Magazine, issue: IssueId) -> Vec<String> {
    let dir = issue_rel(issue);
    mag.list_dir(&dir)
        .into_iter()
        .filter(|name| mag.is_file(&format!("{dir}/{name}/{ARTICLE_FILE}")))
        .collect()
}

/// An issue's articles in contents order: section order, then start page,
/// then title. Withdrawn articles are not among them (see `withdrawn`).
pub fn articles(mag: &Magazine, issue: IssueId, file: &IssueFile) -> Result<Vec<Article>> {
    Ok(articles_and_withdrawn(mag, issue, file)?.0)
}

/// The issue's articles read once: those in it, in contents order, and
/// those withdrawn (撤稿), by title.
pub fn articles_and_withdrawn(
    mag: &Magazine,
    issue: IssueId,
    file: &IssueFile,
) -> Result<(Vec<Article>, Vec<Article>)> {
    let (mut list, mut withdrawn): (Vec<Article>, Vec<Article>) = slugs(mag, issue)
        .iter()
        .map(|slug| article(mag, issue, slug))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .partition(|a| !a.is_withdrawn());
    withdrawn.sort_by(|a, b| a.text.front.title.cmp(&b.text.front.title));
    list.sort_by_key(|a| {
        (
            file.section_index(a.text.front.section.as_deref()),
            a.text.front.page.unwrap_or(u32::MAX),
            a.text.front.title.clone(),
        )
    });
    Ok((list, withdrawn))
}

/// The folder of an issue's own journal (付印 and its withdrawal).
pub fn issue_journal_rel(issue: IssueId) -> String {
    format!("{}/{JOURNAL_DIR}", issue_rel(issue))
}

/// The issue's own journal as committed, in fold order.
pub fn issue_events(mag: &Magazine, issue: IssueId) -> Result<Vec<Event>> {
    let (events, problem) = journal(mag, &issue_journal_rel(issue))?;
    match problem {
        Some(e) => Err(e.hint(messages::hint_mend_file())),
        None => Ok(events),
    }
}

/// Whether the issue has gone to the printer, and on what.
pub fn release_state(mag: &Magazine, issue: IssueId) -> Result<ReleaseState> {
    Ok(release::fold(&issue_events(mag, issue)?))
}

/// An article named as ISSUE/SLUG, by its slug, or by a unique fragment
/// of its title.
pub fn resolve(mag: &Magazine, reference: &str) -> Result<Article> {
    if reference.chars().any(char::is_control) {
        return Err(messages::control_in_reference(reference));
    }
    let reference = reference.trim();
    if let Some((issue_text, slug)) = reference.split_once('/')
        && let Some(issue) = IssueId::parse(issue_text)
    {
        if slugs(mag, issue).iter().any(|s| s == slug) {
            return article(mag, issue, slug)?.readable();
        }
        let folder = format!("{}/{slug}", issue_rel(issue));
        if !slug.is_empty() && !slug.contains(['/', '\\']) && mag.is_dir(&folder) {
            return Err(messages::folder_without_article(&folder));
        }
        return Err(messages::unknown_article(reference));
    }
    let mut candidates = Vec::new();
    for issue in issue_ids(mag)? {
        for slug in slugs(mag, issue) {
            let a = article(mag, issue, &slug)?;
            if a.slug == reference {
                return a.readable();
            }
            if !reference.is_empty() && a.text.front.title.contains(reference) {
                candidates.push(a);
            }
        }
    }
    match candidates.len() {
        0 => Err(messages::unknown_article(reference)),
        1 => candidates.remove(0).readable(),
        _ => Err(messages::ambiguous_article(
            reference,
            &candidates
                .iter()
                .map(|a| (a.key(), a.text.front.title.clone()))
                .collect::<Vec<_>>(),
        )),
    }
}
