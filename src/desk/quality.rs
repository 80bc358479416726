//! The 差错率 ledger: per article and for the issue, the characters, what
//! each proofreading round corrected, the findings still standing, and the
//! estimated 编校差错率 against the office's limit.

use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::lint::{Checked, Grounds, check_articles, check_masthead};
use crate::core::contents::Problem;
use crate::core::diff::{Options, compare, tokens};
use crate::core::issue::IssueId;
use crate::core::journal::Op;
use crate::core::lint::Finding;
use crate::core::lint::quality::{self, BySeverity, Corrections};
use crate::core::workflow::StageKind;
use crate::error::Result;
use crate::repo::Magazine;
use crate::repo::figures::{ArticleFigures, Figures, FiguresCache};
use crate::repo::issue_contents::IssueContents;
use crate::repo::load::Article;
use crate::repo::revisions::revisions;

/// One proofreading round: the sign-off, and the corrections its signer
/// saved since the round before.
#[derive(Debug, Clone, Serialize)]
pub struct Round {
    pub number: usize,
    pub person: String,
    pub signed_at: DateTime<FixedOffset>,
    pub corrections: Corrections,
}

/// The ledger's figures, for one article or the whole issue.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    pub characters: usize,
    pub corrected: Corrections,
    pub outstanding: BySeverity,
    /// 差错 as weighed by `quality::weighted_errors`.
    pub weighted_errors: f64,
    pub rate: f64,
    pub over_limit: bool,
}

impl Tally {
    fn new(
        characters: usize,
        corrected: Corrections,
        findings: &[Finding],
        weighted_errors: f64,
        limit: f64,
    ) -> Tally {
        let rate = quality::rate(weighted_errors, characters);
        Tally {
            characters,
            corrected,
            outstanding: BySeverity::of(findings),
            weighted_errors,
            rate,
            over_limit: rate > limit,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleQuality {
    pub article: String,
    pub title: String,
    pub rounds: Vec<Round>,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssueQuality {
    pub issue: String,
    pub limit: f64,
    pub articles: Vec<ArticleQuality>,
    #[serde(flatten)]
    pub tally: Tally,
}

pub fn limit(mag: &Magazine) -> f64 {
    mag.staff
        .quality
        .as_ref()
        .map_or(quality::DEFAULT_LIMIT, |q| q.error_rate_limit)
}

/// Every readable article checked, and the masthead, for one issue.
fn check_issue<'a>(
    mag: &Magazine,
    contents: &'a IssueContents,
) -> Result<(Vec<(&'a Article, Checked)>, Checked)> {
    let grounds = Grounds::of_issue(mag, contents)?;
    let readable: Vec<&Article> = contents
        .articles
        .iter()
        .filter(|a| a.unreadable.is_none())
        .collect();
    let checked = check_articles(&readable, &grounds)?;
    let articles = readable.into_iter().zip(checked).collect();
    Ok((articles, check_masthead(mag, &grounds)))
}

/// Each article's share of the issue's weighted 差错, in the order of
/// `articles`, then the masthead's.
fn shares_of(articles: &[(&Article, Checked)], masthead: &Checked) -> Vec<f64> {
    let texts: Vec<Vec<&Finding>> = articles
        .iter()
        .map(|(_, c)| c)
        .chain(std::iter::once(masthead))
        .map(|c| c.findings.iter().collect())
        .collect();
    quality::weighted_shares(&texts)
}

/// The figures the archive-wide chart, the board and the contents check
/// need: the issue's 字数, its weighted 差错 still standing, and each
/// article's findings and share.
fn figures_of(articles: &[(&Article, Checked)], masthead: &Checked) -> Figures {
    let shares = shares_of(articles, masthead);
    let checked = || {
        articles
            .iter()
            .map(|(_, c)| c)
            .chain(std::iter::once(masthead))
    };
    Figures {
        characters: articles.iter().map(|(_, c)| c.characters).sum(),
        weighted_errors: shares.iter().sum(),
        counts: checked().map(|c| (c.key.clone(), c.counts())).collect(),
        articles: articles
            .iter()
            .zip(&shares)
            .map(|((_, c), share)| ArticleFigures {
                key: c.key.clone(),
                title: c.title.clone(),
                characters: c.characters,
                weighted_errors: *share,
            })
            .collect(),
    }
}

/// The articles whose share of 差错 puts them over the limit, as contents
/// problems.
fn over_limit_of(figures: &Figures, limit: f64) -> Vec<Problem> {
    figures
        .articles
        .iter()
        .filter_map(|a| {
            let rate = quality::rate(a.weighted_errors, a.characters);
            (rate > limit).then(|| Problem::ErrorRate {
                article: a.key.clone(),
                title: a.title.clone(),
                rate,
                limit,
            })
        })
        .collect()
}

pub fn issue_figures(mag: &Magazine, contents: &IssueContents) -> Result<Figures> {
    let (articles, masthead) = check_issue(mag, contents)?;
    Ok(figures_of(&articles, &masthead))
}

/// The figures and the articles over the limit, from the cache while the
/// issue is unchanged: what the 付印单 and the contents check need.
pub fn figures_and_over_limit(
    mag: &Magazine,
    contents: &IssueContents,
) -> Result<(Figures, Vec<Problem>)> {
    let mut cache = FiguresCache::open(mag);
    let name = contents.id.to_string();
    let figures = cache.get_or(mag, &name, || issue_figures(mag, contents))?;
    cache.save(mag);
    let over = over_limit_of(&figures, limit(mag));
    Ok((figures, over))
}

/// The issue's figures from `cache` while nothing it was checked on has
/// changed, checked anew otherwise.
pub fn figures_in(cache: &mut FiguresCache, mag: &Magazine, issue: IssueId) -> Result<Figures> {
    let name = issue.to_string();
    cache.get_or(mag, &name, || {
        let contents = IssueContents::load(mag, Some(&name))?;
        issue_figures(mag, &contents)
    })
}

/// One issue's figures through the cache on disk.
pub fn cached_figures(mag: &Magazine, issue: IssueId) -> Result<Figures> {
    let mut cache = FiguresCache::open(mag);
    let figures = figures_in(&mut cache, mag, issue)?;
    cache.save(mag);
    Ok(figures)
}

pub fn issue_quality(mag: &Magazine, issue: Option<&str>) -> Result<IssueQuality> {
    let contents = IssueContents::load(mag, issue)?;
    let limit = limit(mag);
    let (checked, masthead) = check_issue(mag, &contents)?;
    let shares = shares_of(&checked, &masthead);
    let mut articles = Vec::new();
    let mut all_findings = Vec::new();
    for ((article, checked), share) in checked.into_iter().zip(&shares) {
        articles.push(article_quality(mag, article, &checked, *share, limit)?);
        all_findings.extend(checked.findings);
    }
    all_findings.extend(masthead.findings);
    let characters = articles.iter().map(|a| a.tally.characters).sum();
    let mut corrected = Corrections::default();
    for a in &articles {
        corrected.add(a.tally.corrected);
    }
    let weighted = shares.iter().sum();
    Ok(IssueQuality {
        issue: contents.id.to_string(),
        limit,
        articles,
        tally: Tally::new(characters, corrected, &all_findings, weighted, limit),
    })
}

/// One article's ledger; `share` is its part of the issue's weighted 差错
/// (`quality::weighted_shares`).
pub fn article_quality(
    mag: &Magazine,
    article: &Article,
    checked: &Checked,
    share: f64,
    limit: f64,
) -> Result<ArticleQuality> {
    let rounds = rounds(mag, article)?;
    let mut corrected = Corrections::default();
    for r in &rounds {
        corrected.add(r.corrections);
    }
    Ok(ArticleQuality {
        article: checked.key.clone(),
        title: checked.title.clone(),
        tally: Tally::new(
            checked.characters,
            corrected,
            &checked.findings,
            share,
            limit,
        ),
        rounds,
    })
}

/// Each proofreading sign-off closes a round; the round's corrections are
/// the revisions its signer saved after the round before was signed.
fn rounds(mag: &Magazine, article: &Article) -> Result<Vec<Round>> {
    let wf = mag.staff.workflow();
    let proofreading = |stage: &Option<String>| {
        stage
            .as_deref()
            .and_then(|s| wf.stage(s))
            .is_some_and(|s| s.kind == StageKind::Proofread)
    };
    let mut signoffs: Vec<_> = article
        .events
        .iter()
        .filter(|e| e.op == Op::Signoff && proofreading(&e.stage))
        .collect();
    if signoffs.is_empty() {
        return Ok(vec![]);
    }
    signoffs.sort_by_key(|e| e.at);
    let history = revisions(mag, &article.rel_file())?;
    let segmenter: &tokens::Segmenter = &tokens::chars;
    let mut rounds = Vec::new();
    let mut since = None;
    for (i, signed) in signoffs.iter().enumerate() {
        let mut corrections = Corrections::default();
        for r in history.iter().filter(|r| {
            r.author == signed.by && r.at <= signed.at && since.is_none_or(|s| r.at > s)
        }) {
            let options = Options {
                segmenter,
                deadline: Some(Instant::now() + std::time::Duration::from_secs(2)),
            };
            corrections.add(Corrections::of(
                &compare(r.before(), &r.body, &options).hunks,
            ));
        }
        rounds.push(Round {
            number: i + 1,
            person: signed.by.clone(),
            signed_at: signed.at,
            corrections,
        });
        since = Some(signed.at);
    }
    Ok(rounds)
}

/// For the pre-press check: one problem per article whose share of the
/// issue's errors puts it over the limit.
pub fn over_limit(mag: &Magazine, issue: &IssueContents) -> Result<Vec<Problem>> {
    Ok(figures_and_over_limit(mag, issue)?.1)
}
