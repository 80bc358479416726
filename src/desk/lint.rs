//! The proofreading checker over the magazine: which texts to check, their
//! findings, and `--fix` as a revision by the person running it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

use super::Desk;
use super::revise::{self, Revised};
use crate::core::issue::{IssueFile, IssueId};
use crate::core::lint::language::Language;
use crate::core::lint::names::People;
use crate::core::lint::quality::{self, BySeverity};
use crate::core::lint::{self, Finding, Part, Piece, Rule, Setting, Style};
use crate::core::workflow::Workflow;
use crate::error::Result;
use crate::messages;
use crate::repo::Magazine;
use crate::repo::issue_contents::IssueContents;
use crate::repo::load::{self, Article};

/// The masthead's findings are reported under this name.
pub const MASTHEAD_KEY: &str = "staff.toml";

/// One checked text: an article, or the masthead.
pub struct Checked {
    /// `2024-02/qingneng`, or `staff.toml` for the masthead.
    pub key: String,
    pub title: String,
    pub texts: Vec<(Part, usize, String)>,
    pub findings: Vec<Finding>,
    /// 字数 as `quality::characters` counts it; the masthead counts none.
    pub characters: usize,
}

impl Checked {
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        self.texts
            .iter()
            .map(|(part, paragraph, text)| Piece {
                part: *part,
                paragraph: *paragraph,
                text,
            })
            .collect()
    }

    pub fn counts(&self) -> BySeverity {
        BySeverity::of(&self.findings)
    }

    /// How many findings `--fix` would apply: certain ones in the body.
    pub fn fixable(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.certain() && self.texts[f.piece].0 == Part::Body)
            .count()
    }

    /// The paragraph a finding stands in.
    pub fn text_of(&self, f: &Finding) -> &(Part, usize, String) {
        &self.texts[f.piece]
    }

    /// Each paragraph's characters, for excerpts of its findings.
    pub fn paragraph_chars(&self) -> Vec<Vec<char>> {
        self.texts
            .iter()
            .map(|(_, _, t)| t.chars().collect())
            .collect()
    }
}

/// The date terms of office are checked against: the print date, or the
/// first day of the issue's month.
pub fn issue_date(file: &IssueFile) -> Option<NaiveDate> {
    file.print_day().or_else(|| file.month_start())
}

fn article_texts(article: &Article) -> Vec<(Part, usize, String)> {
    let front = &article.text.front;
    let mut texts = Vec::new();
    let lines = [
        (Part::Kicker, front.kicker.as_deref()),
        (Part::Title, Some(front.title.as_str())),
        (Part::Subtitle, front.subtitle.as_deref()),
        (Part::Byline, front.byline.as_deref()),
        (Part::TocCredit, front.toc_credit.as_deref()),
    ];
    let authors = front.authors.join("、");
    for (part, text) in lines {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            texts.push((part, 1, text.to_string()));
        }
    }
    if !authors.is_empty() {
        texts.push((Part::Authors, 1, authors));
    }
    for (i, p) in crate::core::diff::paragraphs(&article.text.body)
        .into_iter()
        .enumerate()
    {
        texts.push((Part::Body, i + 1, p.to_string()));
    }
    texts
}

/// Characters of an article the language model checks at most: twice the
/// longest article in thirty years of the magazine.
pub const MODEL_CHARACTERS: usize = 150_000;

/// What texts are checked against: the office's lists, the names it
/// knows, and the issue's date.
pub struct Grounds {
    pub style: Style,
    pub people: People,
    pub date: Option<NaiveDate>,
    pub language: Arc<Language>,
    pub workflow: Workflow,
}

impl Grounds {
    /// For the texts of one issue: the names known are the staff list's,
    /// the 人名职务 table's, and the authors printed in this issue.
    pub fn of_issue(mag: &Magazine, issue: &IssueContents) -> Result<Grounds> {
        let style = crate::repo::style::load(mag)?;
        let mut people = People::default();
        people
            .listed
            .extend(mag.staff.staff.iter().map(|p| p.name.clone()));
        people
            .listed
            .extend(style.offices.iter().map(|o| o.name.clone()));
        for article in &issue.articles {
            for author in &article.text.front.authors {
                *people.printed.entry(author.clone()).or_default() += 1;
            }
        }
        Ok(Grounds {
            style,
            people,
            date: issue_date(&issue.file),
            language: crate::repo::language::learned(mag),
            workflow: mag.staff.workflow(),
        })
    }

    /// For one article, with its issue's grounds.
    pub fn of_article(mag: &Magazine, article: &Article) -> Result<Grounds> {
        let issue = IssueContents::load(mag, Some(&article.issue.to_string()))?;
        Grounds::of_issue(mag, &issue)
    }

    pub fn setting(&self) -> Setting<'_> {
        Setting {
            style: &self.style,
            people: &self.people,
            date: self.date,
            language: Some(&self.language),
        }
    }
}

/// 字数 as the 差错率 counts it: body and title lines, not the credits.
fn characters_of(texts: &[(Part, usize, String)]) -> usize {
    let counted = texts
        .iter()
        .filter(|(part, _, _)| !matches!(part, Part::Byline | Part::Authors | Part::TocCredit))
        .map(|(_, _, t)| t.as_str());
    quality::characters(counted)
}

pub fn counted_characters(article: &Article) -> usize {
    characters_of(&article_texts(article))
}

pub fn check_article(article: &Article, grounds: &Grounds) -> Checked {
    let texts = article_texts(article);
    let mut checked = Checked {
        key: article.key(),
        title: article.text.front.title.clone(),
        characters: characters_of(&texts),
        texts,
        findings: vec![],
    };
    let mut setting = grounds.setting();
    // The person who approved an article's current text has read it; the
    // model's guesses are for text nobody has vouched for yet. Elsewhere
    // a string is the magazine's own only once two people approved it.
    // Nor is a text longer than any the magazine ever printed checked by
    // the model, which costs far more a character than the lists: the
    // body limit then bounds what one article can cost every page.
    if article
        .status(&grounds.workflow)
        .is_complete(&grounds.workflow)
        || checked.characters > MODEL_CHARACTERS
    {
        setting.language = None;
    }
    checked.findings = lint::check(&checked.pieces(), &setting);
    checked
}

/// Checks articles on every core the machine has: an issue's articles are
/// independent, and the language model makes each one cost.
pub fn check_articles(articles: &[&Article], grounds: &Grounds) -> Result<Vec<Checked>> {
    let next = AtomicUsize::new(0);
    let deadline = crate::deadline::current();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, articles.len().max(1));
    let mut done: Vec<(usize, Checked)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    crate::deadline::under(deadline.clone(), || {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            // Work nobody waits for any more stops here;
                            // what is left unchecked is never shown.
                            let Some(article) =
                                articles.get(i).filter(|_| !crate::deadline::passed())
                            else {
                                return mine;
                            };
                            mine.push((i, check_article(article, grounds)));
                        }
                    })
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    // Part of an issue checked is never taken for the whole.
    crate::deadline::check()?;
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, c)| c).collect())
}

/// The masthead fields an editor types into staff.toml.
pub fn check_masthead(mag: &Magazine, grounds: &Grounds) -> Checked {
    let m = &mag.staff.magazine;
    let fields = [
        &m.name,
        &m.sponsor,
        &m.permit,
        &m.notice,
        &m.motto,
        &m.publisher,
        &m.address,
        &m.approved_by,
        &m.distribution,
        &m.printer,
    ];
    let texts: Vec<(Part, usize, String)> = fields
        .iter()
        .filter(|t| !t.trim().is_empty())
        .enumerate()
        .map(|(i, t)| (Part::Masthead, i + 1, t.to_string()))
        .collect();
    let mut checked = Checked {
        key: MASTHEAD_KEY.to_string(),
        title: messages::lint::part(Part::Masthead).to_string(),
        characters: 0,
        texts,
        findings: vec![],
    };
    checked.findings = lint::check(&checked.pieces(), &grounds.setting());
    checked
}

/// `2024-02` names an issue; `2024-02/qingneng` or a title names an article.
pub fn names_issue(reference: &str) -> bool {
    IssueId::parse(reference).is_some() && !reference.contains('/')
}

/// What `galley lint` was asked to look at.
pub struct Scope {
    /// `2024-02` or `2024-02/qingneng`.
    pub label: String,
    /// Set when one article was named.
    pub article: Option<String>,
    pub checked: Vec<Checked>,
}

impl Scope {
    pub fn counts(&self) -> BySeverity {
        let mut all = BySeverity::default();
        for c in &self.checked {
            all.add(c.counts());
        }
        all
    }
}

/// Checks an issue (with the masthead) or one article; the newest issue
/// when nothing is named.
pub fn lint(mag: &Magazine, reference: Option<&str>) -> Result<Scope> {
    if reference.is_none_or(names_issue) {
        let issue = IssueContents::load(mag, reference)?;
        let grounds = Grounds::of_issue(mag, &issue)?;
        let readable: Vec<&Article> = issue
            .articles
            .iter()
            .filter(|a| a.unreadable.is_none())
            .collect();
        let mut checked = check_articles(&readable, &grounds)?;
        checked.push(check_masthead(mag, &grounds));
        return Ok(Scope {
            label: issue.id.to_string(),
            article: None,
            checked,
        });
    }
    let article = load::resolve(mag, reference.unwrap_or_default())?;
    let checked = check_article(&article, &Grounds::of_article(mag, &article)?);
    Ok(Scope {
        label: checked.key.clone(),
        article: Some(checked.key.clone()),
        checked: vec![checked],
    })
}

pub enum Fixed {
    /// No certain fix applies; nothing was written.
    Nothing { key: String },
    Saved {
        key: String,
        count: usize,
        rules: Vec<Rule>,
        /// Stages whose sign-offs the corrected text made stale.
        stale: Vec<String>,
    },
}

/// Applies the certain fixes to one article's text and records the result
/// as a revision by the acting person.
pub fn fix(desk: &Desk, reference: &str) -> Result<Fixed> {
    if names_issue(reference) {
        return Err(messages::lint::fix_needs_article());
    }
    let article = load::resolve(desk.mag, reference)?;
    let checked = check_article(&article, &Grounds::of_article(desk.mag, &article)?);
    let applied = lint::fix::apply(&article.text.body, &checked.pieces(), &checked.findings);
    let (count, rules) = (applied.count, applied.rules.clone());
    let key = checked.key.clone();
    if count == 0 {
        return Ok(Fixed::Nothing { key });
    }
    let message = messages::lint::fix_message(&rules);
    match revise::record(desk, &article, &applied.body, Some(&message))? {
        Revised::Unchanged { key } => Ok(Fixed::Nothing { key }),
        Revised::Saved { key, stale, .. } => Ok(Fixed::Saved {
            key,
            count,
            rules,
            stale,
        }),
    }
}

/// One article as the web desk shows it.
pub fn check(mag: &Magazine, article: &Article) -> Result<Checked> {
    Ok(check_article(article, &Grounds::of_article(mag, article)?))
}

/// Each article's outstanding findings in an issue, by key: checked once,
/// then kept until the issue, the word lists or galley change.
pub fn counts(
    mag: &Magazine,
    issue: Option<&str>,
) -> Result<std::collections::HashMap<String, BySeverity>> {
    let id = crate::repo::load::pick_issue(mag, issue)?;
    Ok(super::quality::cached_figures(mag, id)?
        .counts
        .into_iter()
        .collect())
}
