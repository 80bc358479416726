//! `galley export`: the text for layout. By default the approved text of
//! each article, the text as its approval sign-off signed it; a draft only
//! when asked for, and then marked 未审定.

use std::path::Path;

use git2::{Oid, Sort};

use crate::core::export::{self, Export, Piece, TextOptions};
use crate::core::frontmatter::{self, ArticleText, body_hash};
use crate::core::status::Signed;
use crate::core::workflow::Workflow;
use crate::error::Result;
use crate::messages::{self, word as says};
use crate::repo::Magazine;
use crate::repo::issue_contents::IssueContents;
use crate::repo::load::{self, Article, JOURNAL_DIR};

/// What is exported of one article, and why that text.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Approved on the current text.
    Approved,
    /// Approved, then changed: the text as approved is exported.
    AsApproved,
    /// Not approved (or changed since): the current text, marked.
    Draft,
}

pub struct Exported {
    pub key: String,
    pub slug: String,
    pub page: Option<u32>,
    pub title: String,
    pub source: Source,
    pub piece: Piece,
}

pub struct Selection {
    /// The issue, or the article's issue.
    pub header: String,
    /// Set when one article was named.
    pub single: bool,
    pub articles: Vec<Exported>,
}

/// How the exported text is laid out: a Word file with the magazine's
/// styles, or plain text for layout software.
#[derive(Debug, Clone, Copy)]
pub enum Layout {
    Docx,
    Txt(TextOptions),
}

impl Layout {
    pub fn ext(self) -> &'static str {
        match self {
            Layout::Docx => "docx",
            Layout::Txt(_) => "txt",
        }
    }
}

impl Selection {
    /// The file's bytes: every article, or only the `only`-th.
    pub fn render(&self, only: Option<usize>, layout: Layout) -> Vec<u8> {
        let doc = self.document(only);
        match layout {
            Layout::Docx => export::docx(&doc),
            Layout::Txt(options) => export::encode(&export::text(&doc), options),
        }
    }

    /// One file per article in a zip, numbered in page order so a file
    /// manager lists them so; the start page, where there is one, after
    /// the number.
    pub fn zipped(&self, layout: Layout) -> Result<Vec<u8>> {
        use std::io::Write;
        use zip::write::SimpleFileOptions;
        let ext = layout.ext();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let failed = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
        for (i, a) in self.articles.iter().enumerate() {
            let name = match a.page {
                Some(p) => format!("{:02}-p{p:03}-{}.{ext}", i + 1, a.slug),
                None => format!("{:02}-{}.{ext}", i + 1, a.slug),
            };
            out.start_file(name, options).map_err(failed)?;
            out.write_all(&self.render(Some(i), layout))?;
        }
        Ok(out.finish().map_err(failed)?.into_inner())
    }

    /// One document of these articles.
    pub fn document(&self, only: Option<usize>) -> Export {
        let pieces = self
            .articles
            .iter()
            .enumerate()
            .filter(|(i, _)| only.is_none_or(|o| o == *i))
            .map(|(_, a)| a.piece.clone())
            .collect();
        Export {
            header: self.header.clone(),
            draft_header: says::DRAFT_HEADER.to_string(),
            pieces,
        }
    }
}

/// The articles `target` names (an article, or an issue in page order),
/// each with the text to export. Without `draft`, an article that is not
/// approved is refused, naming every such article.
pub fn select(mag: &Magazine, target: &str, draft: bool) -> Result<Selection> {
    let names_issue = super::lint::names_issue(target.trim());
    let (issue, mut articles) = if names_issue {
        let issue = IssueContents::load(mag, Some(target.trim()))?;
        let articles = issue.articles.clone();
        (issue, articles)
    } else {
        let article = load::resolve(mag, target)?;
        super::common::ensure_not_withdrawn(&article)?;
        let issue = IssueContents::load(mag, Some(&article.issue.to_string()))?;
        (issue, vec![article])
    };
    // Page order; what has no page yet comes last, in contents order.
    articles.sort_by_key(|a| a.text.front.page.unwrap_or(u32::MAX));
    let header = format!(
        "《{}》{}",
        mag.staff.magazine.name,
        messages::issue_label(&issue.file)
    );
    let wf = mag.staff.workflow();
    let mut out = Vec::new();
    let mut unapproved = Vec::new();
    for a in &articles {
        let (source, text) = text_to_export(mag, &wf, a, draft)?;
        let Some(text) = text else {
            unapproved.push(a.text.front.title.clone());
            continue;
        };
        let front = &text.front;
        let mark = (source == Source::Draft).then(|| says::draft_mark(&a.key()));
        out.push(Exported {
            key: a.key(),
            slug: a.slug.clone(),
            page: a.text.front.page,
            title: front.title.clone(),
            source,
            piece: Piece {
                kicker: front.kicker.clone(),
                title: front.title.clone(),
                subtitle: front.subtitle.clone(),
                byline: front
                    .byline
                    .clone()
                    .or_else(|| (!front.authors.is_empty()).then(|| front.authors.join("  "))),
                body: text.body.clone(),
                captions: front.photos.iter().map(messages::word::caption).collect(),
                draft: mark,
            },
        });
    }
    if !unapproved.is_empty() {
        return Err(says::not_approved(&unapproved, target.trim()));
    }
    Ok(Selection {
        header,
        single: !names_issue,
        articles: out,
    })
}

/// The text to export and why: the current text when it is approved (or
/// a draft is asked for), else the text its approval sign-off signed, the
/// last stage's, fresh or stale, not withdrawn by a reopen.
fn text_to_export(
    mag: &Magazine,
    wf: &Workflow,
    a: &Article,
    draft: bool,
) -> Result<(Source, Option<ArticleText>)> {
    let status = a.status(wf);
    if status.is_complete(wf) {
        return Ok((Source::Approved, Some(a.text.clone())));
    }
    if draft {
        return Ok((Source::Draft, Some(a.text.clone())));
    }
    let last = wf.stages.last().map(|s| s.id.as_str());
    match status
        .signed
        .iter()
        .find(|s| Some(s.stage.as_str()) == last)
    {
        Some(signed) => Ok((Source::AsApproved, signed_text(mag, a, signed)?)),
        None => Ok((Source::Draft, None)),
    }
}

/// The article as the sign-off signed it: `article.md` in the commit that
/// recorded the sign-off (a sign-off is made only on saved text). None
/// when history no longer holds it.
fn signed_text(mag: &Magazine, a: &Article, signed: &Signed) -> Result<Option<ArticleText>> {
    let journal = mag.git_path(&format!(
        "{}/{JOURNAL_DIR}/{}.toml",
        a.rel_dir(),
        signed.event
    ));
    let file = mag.git_path(&a.rel_file());
    let commits: Vec<Oid> = match crate::repo::history_index::commits_touching(mag, &a.rel_dir())? {
        Some(list) => list,
        None => {
            let mut walk = mag.git.revwalk()?;
            walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
            walk.push_head()?;
            walk.collect::<std::result::Result<_, _>>()?
        }
    };
    for oid in commits {
        let tree = mag.git.find_commit(oid)?.tree()?;
        if tree.get_path(Path::new(&journal)).is_err() {
            continue;
        }
        let Ok(entry) = tree.get_path(Path::new(&file)) else {
            return Ok(None);
        };
        let blob = mag.git.find_blob(entry.id())?;
        let source = String::from_utf8_lossy(blob.content());
        return Ok(frontmatter::parse(&source)
            .ok()
            .filter(|t| body_hash(&t.body) == signed.body));
    }
    Ok(None)
}

/// An article's revisions between two points as Word 修订.
pub struct Changes {
    pub title: String,
    pub from_label: String,
    pub to_label: String,
    /// The revisions whose changes it shows: number and author.
    pub revisions: Vec<(usize, String)>,
    pub notes: usize,
    /// The work tree has text not yet saved as a revision; it is not shown.
    pub unsaved: bool,
    /// What the document gives with every change accepted, and rejected.
    pub accepted: String,
    pub rejected: String,
    pub docx: Vec<u8>,
}

/// How long each revision's comparison may take before it is made
/// coarser; the changes stay exact either way.
const STEP_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// The changes from `from` to `to` (named as `galley diff` takes them; by
/// default the text of the newest sign-off and the newest revision), each
/// attributed to the revision that made it.
pub fn changes(
    mag: &Magazine,
    target: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Changes> {
    use crate::core::changes::{self, Note, Step, word_date};
    use crate::core::journal::Op;
    use crate::repo::revisions::revisions;
    use crate::repo::versions;

    let article = load::resolve(mag, target)?;
    let history = revisions(mag, &article.rel_file())?;
    let Some(last) = history.last() else {
        return Err(says::no_revisions(&article.text.front.title));
    };
    let from_version = match from {
        Some(rev) => versions::pick(mag, &article, &history, rev)?,
        None => versions::default_from(mag, &article, &history)?,
    };
    let to_version = match to {
        Some(rev) => versions::pick(mag, &article, &history, rev)?,
        None => versions::pick(mag, &article, &history, &format!("r{}", last.number))?,
    };
    let (Some(from_n), Some(to_n)) = (from_version.revision, to_version.revision) else {
        return Err(says::not_a_revision());
    };
    if from_n >= to_n {
        return Err(says::nothing_between(
            &from_version.label,
            &to_version.label,
        ));
    }
    let steps: Vec<Step> = history[from_n..to_n]
        .iter()
        .map(|r| Step {
            body: r.body.clone(),
            author: r.author.clone(),
            date: word_date(&r.at),
        })
        .collect();
    let since = history[from_n - 1].at;
    let wf = mag.staff.workflow();
    let notes: Vec<Note> = article
        .events
        .iter()
        .filter(|e| e.op == Op::Signoff && e.at >= since)
        .filter_map(|e| {
            let note = e.note.as_deref()?.trim();
            (!note.is_empty()).then(|| Note {
                author: e.by.clone(),
                date: word_date(&e.at),
                text: says::signoff_comment(&wf.stage_name(e.stage.as_deref().unwrap_or("")), note),
            })
        })
        .collect();
    let deadline = Some(std::time::Instant::now() + STEP_BUDGET * steps.len() as u32);
    let tracked = changes::track(&from_version.body, &steps, deadline);
    let issue = IssueContents::load(mag, Some(&article.issue.to_string()))?;
    let header = says::changes_header(
        &format!(
            "《{}》{}",
            mag.staff.magazine.name,
            messages::issue_label(&issue.file)
        ),
        from_n,
        to_n,
    );
    let front = &article.text.front;
    let head = Piece {
        kicker: front.kicker.clone(),
        title: front.title.clone(),
        subtitle: front.subtitle.clone(),
        byline: front.byline.clone(),
        ..Piece::default()
    };
    Ok(Changes {
        title: front.title.clone(),
        from_label: from_version.label,
        to_label: to_version.label,
        revisions: history[from_n..to_n]
            .iter()
            .map(|r| (r.number, r.author.clone()))
            .collect(),
        notes: notes.len(),
        unsaved: to.is_none() && super::common::has_unsaved_body(mag, &article),
        accepted: changes::accepted(&tracked),
        rejected: changes::rejected(&tracked),
        docx: changes::docx(&header, &head, &tracked, &steps, &notes),
    })
}
