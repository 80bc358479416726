//! New articles, and the text that comes in with them: a file on disk for
//! the command line, an upload for the web desk.

use std::fs;
use std::path::Path;

use super::Desk;
use super::common::{article_trailers, commit_as};
use crate::core::frontmatter::{self, Front};
use crate::core::manuscript::{self, Reading};
use crate::core::terminal::clean_line;
use crate::core::{cleanup, docx, slug};
use crate::error::Result;
use crate::messages;
use crate::repo::commit::Change;
use crate::repo::files::decode_named;
use crate::repo::load::{self, ARTICLE_FILE, issue_rel};

/// What a new article starts with.
#[derive(Default)]
pub struct NewArticle {
    pub title: String,
    pub subtitle: Option<String>,
    pub kicker: Option<String>,
    pub authors: Vec<String>,
    pub byline: Option<String>,
    pub section: Option<String>,
    pub page: Option<u32>,
    pub pages: Option<u32>,
    pub in_toc: bool,
    pub slug: Option<String>,
    pub body: String,
}

pub struct Added {
    pub key: String,
    pub title: String,
    pub chars: usize,
}

pub fn add(desk: &Desk, issue_text: &str, new: NewArticle) -> Result<Added> {
    let mag = desk.mag;
    let issue = load::pick_issue(mag, Some(issue_text))?;
    let issue_file = load::issue(mag, issue)?;
    let title = clean_line(&new.title);
    let title = title.as_str();
    if title.is_empty() {
        return Err(messages::empty_title());
    }
    if let Some(section) = &new.section
        && !issue_file.sections.is_empty()
        && !issue_file.sections.contains(section)
    {
        return Err(messages::unknown_section(section, &issue_file.sections));
    }
    let taken = load::slugs(mag, issue);
    let slug = match &new.slug {
        Some(s) => {
            slug::validate(s).map_err(|p| messages::bad_slug(s, &p))?;
            if taken.contains(s) || mag.exists(&format!("{}/{s}", issue_rel(issue))) {
                return Err(messages::duplicate_slug(&issue.to_string(), s));
            }
            s.clone()
        }
        None => slug::unique(&slug::derive(title), |s| taken.iter().any(|t| t == s)),
    };
    let mut front = Front::new(title);
    let line = |s: Option<String>| s.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
    front.subtitle = line(new.subtitle);
    front.kicker = line(new.kicker);
    front.authors = new
        .authors
        .iter()
        .map(|a| clean_line(a))
        .filter(|a| !a.is_empty())
        .collect();
    front.byline = line(new.byline);
    front.section = line(new.section);
    front.page = new.page;
    front.pages = new.pages;
    front.in_toc = new.in_toc;
    let text = frontmatter::render(&frontmatter::render_front(&front), &new.body);
    let key = format!("{issue}/{slug}");
    commit_as(
        mag,
        desk.actor,
        desk.now,
        &messages::subject_add(&desk.actor.name, title),
        &article_trailers("add", &key),
        &[Change {
            rel: format!("{}/{slug}/{ARTICLE_FILE}", issue_rel(issue)),
            content: text.into_bytes(),
        }],
    )?;
    Ok(Added {
        key,
        title: title.to_string(),
        chars: crate::core::text::body_characters(&new.body),
    })
}

/// The longest article the office prints is about 30,000 characters, under
/// 100 KB; a file a hundred times that is not one article.
pub const MAX_IMPORT_BYTES: u64 = 10 * 1024 * 1024;

/// The body of an incoming file on disk; see `body_from_bytes`.
pub fn read_body(path: &Path, running_heads: &[String]) -> Result<String> {
    refuse_kind(&path.to_string_lossy())?;
    if !path.is_file() {
        return Err(messages::missing_file(path));
    }
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_IMPORT_BYTES {
        return Err(messages::file_too_large(path, size, MAX_IMPORT_BYTES));
    }
    let shown = path.display().to_string();
    let bytes = fs::read(path).map_err(|e| messages::read_failed(&shown, &e))?;
    body_from_bytes(&shown, &bytes, running_heads)
}

/// The body of an incoming file named `shown`. Plain text and Word
/// documents are cleaned of page furniture, page-broken paragraphs and
/// stray spaces; Markdown is taken as written, and one with its own front
/// matter gives only its text.
pub fn body_from_bytes(shown: &str, bytes: &[u8], running_heads: &[String]) -> Result<String> {
    Ok(match incoming(shown, bytes)? {
        Incoming::Raw(text) => cleanup::clean(&text, running_heads),
        Incoming::Markdown(text) => match frontmatter::parse(&text) {
            Ok(parsed) => parsed.body,
            Err(_) => frontmatter::canonical_body(&text),
        },
    })
}

/// What 收稿 read from a manuscript, for the person to check before
/// anything is committed.
pub struct Manuscript {
    pub reading: Reading,
    /// The running heads removed, each with how often.
    pub furniture: Vec<(String, usize)>,
}

/// Reads the manuscript `shown` (a file's name; pasted text is named as
/// a .txt) for an article of an issue with `sections`.
pub fn read_manuscript(
    shown: &str,
    bytes: &[u8],
    running_heads: &[String],
    sections: &[String],
) -> Result<Manuscript> {
    let (reading, furniture) = match incoming(shown, bytes)? {
        Incoming::Raw(text) => {
            let plain = cleanup::without_furniture(&text, running_heads);
            let (mut reading, rest) = manuscript::split_head(&plain, sections);
            reading.paragraphs = cleanup::clean(rest, &[])
                .split("\n\n")
                .map(String::from)
                .filter(|p| !p.trim().is_empty())
                .collect();
            (reading, cleanup::furniture_in(&text, running_heads))
        }
        Incoming::Markdown(text) => match frontmatter::parse(&text) {
            Ok(parsed) => (from_front(&parsed.front, &parsed.body), Vec::new()),
            Err(_) => {
                let body = frontmatter::canonical_body(&text);
                let body: String = body
                    .split("\n\n")
                    .map(|b| b.trim_start_matches('#').trim())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                (manuscript::read(&body, sections), Vec::new())
            }
        },
    };
    if reading.title.is_empty() && reading.paragraphs.is_empty() {
        return Err(messages::empty_manuscript(shown));
    }
    Ok(Manuscript { reading, furniture })
}

fn from_front(front: &Front, body: &str) -> Reading {
    Reading {
        section: front.section.clone(),
        title: front.title.clone(),
        subtitle: front.subtitle.clone(),
        byline: front.byline.clone(),
        authors: front.authors.clone(),
        paragraphs: body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
    }
}

enum Incoming {
    /// Text as it came, to be cleaned.
    Raw(String),
    /// Markdown, taken as written.
    Markdown(String),
}

fn incoming(shown: &str, bytes: &[u8]) -> Result<Incoming> {
    refuse_kind(shown)?;
    let ext = extension(shown);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(messages::empty_manuscript(shown));
    }
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(messages::file_too_large(
            Path::new(shown),
            bytes.len() as u64,
            MAX_IMPORT_BYTES,
        ));
    }
    Ok(match ext.as_str() {
        "docx" => Incoming::Raw(docx::text_of(bytes).map_err(|problem| match problem {
            docx::DocxProblem::NotADocx => messages::not_a_docx(shown),
            docx::DocxProblem::TooLarge => messages::docx_too_large(shown),
            docx::DocxProblem::Damaged => messages::docx_damaged(shown),
            docx::DocxProblem::Encrypted => messages::docx_encrypted(shown),
        })?),
        "txt" | "text" => Incoming::Raw(decode_named(bytes, shown)?),
        _ => Incoming::Markdown(decode_named(bytes, shown)?),
    })
}

/// Refuses, by its name, a file galley does not read: a macro-enabled
/// or old binary Word file is named as such, anything else as unsupported.
fn refuse_kind(shown: &str) -> Result<()> {
    match extension(shown).as_str() {
        "docm" | "dotm" => Err(messages::macro_document(shown)),
        "doc" | "wps" => Err(messages::old_word_document(shown)),
        ext if !is_text_kind(ext) => Err(messages::unsupported_file(Path::new(shown))),
        _ => Ok(()),
    }
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn is_text_kind(ext: &str) -> bool {
    matches!(ext, "txt" | "text" | "md" | "markdown" | "docx")
}
