//! The office's paper, printed from the record: the 稿件处理单 of an
//! article, the 付印单 of an issue and the 校样 of either. Each is a data
//! file for its Typst template in `templates/`, so the designer can change
//! the layout without touching galley.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::lint::{Grounds, check_article};
use super::quality::{figures_and_over_limit, limit};
use crate::core::lint::quality::rate;
use crate::core::paper::{self, Return, RevisionSummary, StageRow, proof_round, stage_rows};
use crate::core::staff::StaffFile;
use crate::error::Result;
use crate::messages::{self, lint as lint_says, paper as says};
use crate::repo::Magazine;
use crate::repo::issue_contents::IssueContents;
use crate::repo::load::{self, Article};
use crate::repo::revisions::{count_changes, revisions};
use crate::typeset::{self, Form};

/// When and from what a sheet was printed, so paper can be traced back.
#[derive(Debug, Clone, Serialize)]
pub struct Footer {
    pub printed_at: DateTime<FixedOffset>,
    pub commit: String,
    pub authority: String,
}

fn footer(mag: &Magazine, printed_at: DateTime<FixedOffset>) -> Footer {
    let commit = mag
        .git
        .refname_to_id("HEAD")
        .map(|id| id.to_string()[..12].to_string())
        .unwrap_or_default();
    Footer {
        printed_at,
        commit,
        authority: says::AUTHORITY.to_string(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    pub editor: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub due: Option<NaiveDate>,
}

/// Everything the 稿件处理单 prints.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSheet {
    pub magazine: String,
    pub issue: String,
    pub key: String,
    pub title: String,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub authors: String,
    /// The byline as printed (署名), when it differs from the authors.
    pub byline: Option<String>,
    pub section: Option<String>,
    /// 正文字数: see `core::text::body_characters`.
    pub characters: usize,
    /// Where it is printed: `11—17`, blank while the page plan has no page.
    pub pages: String,
    /// 版面: its extent, `共 7 页`, blank when not set.
    pub extent: String,
    pub photos: Vec<SheetPhoto>,
    pub received: Option<DateTime<FixedOffset>>,
    pub assignment: Option<Assignment>,
    pub stages: Vec<StageRow>,
    pub returns: Vec<Return>,
    pub revisions: RevisionSummary,
    pub revisions_line: String,
    /// The 主编, and the 付印 in force for the issue, if any.
    pub chief: Option<String>,
    pub released_by: Option<String>,
    pub released_at: Option<String>,
    /// One line for each person who signed several stages of the current text.
    pub one_signer: Vec<String>,
    pub footer: Footer,
}

#[derive(Debug, Clone, Serialize)]
pub struct SheetPhoto {
    pub caption: String,
    pub credit: Option<String>,
}

pub fn article_sheet(
    mag: &Magazine,
    issue: &IssueContents,
    article: &Article,
    printed_at: DateTime<FixedOffset>,
) -> Result<ArticleSheet> {
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    let mut history = revisions(mag, &article.rel_file())?;
    // Only the revisions after the first text are summed.
    if let Some((_, later)) = history.split_first_mut() {
        count_changes(later);
    }
    let summary = RevisionSummary::of(
        history
            .iter()
            .skip(1)
            .map(|r| (r.author.as_str(), r.added, r.removed)),
    );
    let assignment = article
        .events
        .iter()
        .rev()
        .find(|e| e.op == crate::core::journal::Op::Assign)
        .and_then(|e| {
            Some(Assignment {
                editor: e.editor.clone()?,
                by: e.by.clone(),
                at: e.at,
                due: e.due,
            })
        });
    let received = history
        .first()
        .map(|r| r.at)
        .into_iter()
        .chain(article.events.first().map(|e| e.at))
        .min();
    let front = &article.text.front;
    let release = load::release_state(mag, issue.id)?.released;
    Ok(ArticleSheet {
        magazine: mag.staff.magazine.name.clone(),
        issue: messages::issue_label(&issue.file),
        key: article.key(),
        title: front.title.clone(),
        kicker: front.kicker.clone(),
        subtitle: front.subtitle.clone(),
        authors: front.authors.join("、"),
        byline: front.byline.clone(),
        section: front.section.clone(),
        characters: crate::core::text::body_characters(&article.text.body),
        pages: says::pages(front.page, front.pages),
        extent: front.pages.map(says::extent).unwrap_or_default(),
        photos: front
            .photos
            .iter()
            .map(|p| SheetPhoto {
                caption: p.caption.clone(),
                credit: p.credit.clone(),
            })
            .collect(),
        received,
        assignment,
        stages: stage_rows(&article.events, &wf, &status, says::standing),
        returns: paper::returns(&article.events),
        revisions_line: says::revisions_line(&summary),
        revisions: summary,
        chief: holder(&mag.staff, "主编"),
        released_by: release.as_ref().map(|r| r.by.clone()),
        released_at: release
            .as_ref()
            .map(|r| r.at.format("%Y-%m-%d %H:%M").to_string()),
        one_signer: status
            .one_signer_stages()
            .iter()
            .map(|(by, stages)| says::one_signer(by, &wf.stage_names(stages)))
            .collect(),
        footer: footer(mag, printed_at),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct OrderLine {
    pub key: String,
    pub title: String,
    pub pages: String,
    pub editor: Option<String>,
    /// The last sign-off of the final stage, when it holds.
    pub approved_at: Option<DateTime<FixedOffset>>,
}

/// Everything the 付印单 prints.
#[derive(Debug, Clone, Serialize)]
pub struct PrintOrder {
    pub magazine: String,
    pub sponsor: String,
    pub permit: String,
    pub issue: String,
    pub total: Option<u32>,
    pub trim: String,
    /// 开本 as the trade names it, e.g. 大16开; blank for a size it has no name for.
    pub format: String,
    pub pages: u32,
    pub print_run: Option<u32>,
    pub printer: String,
    pub print_date: Option<String>,
    pub articles: Vec<OrderLine>,
    /// The workflow's last stage, whose date each line shows.
    pub final_stage: String,
    pub problems: Vec<String>,
    pub rate: String,
    /// How the issue's figure and the articles' figures relate.
    pub rate_basis: String,
    pub limit: String,
    pub over_limit: bool,
    pub proofread: String,
    /// How many times the articles were proofread, from the records.
    pub proof_rounds: String,
    /// 核红 signed on the records, when the workflow has it as a stage;
    /// `None` leaves the line for the proofreader's hand.
    pub check_red: Option<String>,
    /// Articles on which one person signed several stages of the current text.
    pub one_signer: Vec<String>,
    pub chief: Option<String>,
    pub director: Option<String>,
    /// 封面 and 封底 as the issue describes them.
    pub covers: Vec<String>,
    /// Pieces printed without a page number in the plan (calligraphy, paintings).
    pub inserts: Vec<String>,
    /// The 付印 recorded in the issue's journal: who signed it, and when.
    pub released_by: Option<String>,
    pub released_at: Option<String>,
    pub footer: Footer,
}

pub fn print_order(
    mag: &Magazine,
    issue: &IssueContents,
    printed_at: DateTime<FixedOffset>,
) -> Result<PrintOrder> {
    let wf = mag.staff.workflow();
    let (contents, mut problems) = issue.contents(mag);
    let (figures, over_limit) = figures_and_over_limit(mag, issue)?;
    problems.extend(over_limit);
    let plan = issue.plan();
    let last = wf.stages.last().map(|s| s.id.clone());
    let mut proofread = 0;
    let mut rounds = [0usize; 4];
    let check_red = wf.stages.iter().find(|s| s.name == says::CHECK_RED);
    let mut check_red_done = 0;
    let mut one_signer = Vec::new();
    // Page order, as the printer reads the issue; pieces without a page
    // last, in contents order.
    let mut in_order: Vec<&Article> = issue.articles.iter().collect();
    in_order.sort_by_key(|a| a.text.front.page.unwrap_or(u32::MAX));
    let articles: Vec<OrderLine> = in_order
        .iter()
        .map(|a| {
            let status = a.status(&wf);
            let fresh = status.fresh_stages();
            if wf
                .stages
                .iter()
                .filter(|s| s.kind == crate::core::workflow::StageKind::Proofread)
                .all(|s| fresh.contains(&s.id))
            {
                proofread += 1;
            }
            rounds[paper::proofreadings(&a.events, &wf).len().min(3)] += 1;
            if check_red.is_some_and(|s| fresh.contains(&s.id)) {
                check_red_done += 1;
            }
            for (by, stages) in status.one_signer_stages() {
                one_signer.push(says::one_signer_in_issue(
                    &a.key(),
                    &a.text.front.title,
                    &by,
                    &wf.stage_names(&stages),
                ));
            }
            let approved_at = status
                .signed
                .iter()
                .find(|s| Some(&s.stage) == last.as_ref() && s.fresh)
                .filter(|_| status.is_complete(&wf))
                .map(|s| s.at);
            let front = &a.text.front;
            OrderLine {
                key: a.key(),
                title: front.title.clone(),
                pages: says::pages(front.page, front.pages),
                editor: status.editor.clone(),
                approved_at,
            }
        })
        .collect();
    let limit = limit(mag);
    let issue_rate = rate(figures.weighted_errors, figures.characters);
    let m = &contents.masthead;
    let release = load::release_state(mag, issue.id)?.released;
    Ok(PrintOrder {
        magazine: mag.staff.magazine.name.clone(),
        sponsor: m.sponsor.clone(),
        permit: m.permit.clone(),
        issue: messages::issue_label(&issue.file),
        total: issue.file.total,
        trim: says::trim(contents.page.width_mm, contents.page.height_mm),
        format: says::format_name(contents.page.width_mm, contents.page.height_mm).to_string(),
        pages: plan.total,
        print_run: m.print_run,
        printer: m.printer.clone(),
        print_date: m.print_date.clone(),
        final_stage: wf.stages.last().map(|s| s.name.clone()).unwrap_or_default(),
        problems: problems.iter().map(says::printed_problem).collect(),
        rate: lint_says::rate(issue_rate),
        rate_basis: says::rate_basis(figures.characters, figures.weighted_errors),
        limit: lint_says::rate(limit),
        over_limit: issue_rate > limit,
        proofread: says::proofread_count(proofread, articles.len()),
        proof_rounds: says::proof_rounds(&rounds),
        check_red: check_red.map(|_| says::check_red_signed(check_red_done, articles.len())),
        one_signer,
        articles,
        chief: holder(&mag.staff, "主编"),
        director: holder(&mag.staff, "编辑部主任"),
        covers: [
            (says::COVER, issue.file.cover.as_ref()),
            (says::BACK_COVER, issue.file.back_cover.as_ref()),
        ]
        .into_iter()
        .filter_map(|(what, c)| Some(says::cover(what, &c?.note, c?.photographer.as_deref())))
        .collect(),
        inserts: in_order
            .iter()
            .filter(|a| a.text.front.page.is_none())
            .map(|a| a.text.front.title.clone())
            .collect(),
        released_by: release.as_ref().map(|r| r.by.clone()),
        released_at: release
            .as_ref()
            .map(|r| r.at.format("%Y-%m-%d %H:%M").to_string()),
        footer: footer(mag, printed_at),
    })
}

/// The first person who holds `role`.
fn holder(staff: &StaffFile, role: &str) -> Option<String> {
    staff
        .staff
        .iter()
        .find(|p| p.has_role(role))
        .map(|p| p.name.clone())
}

#[derive(Debug, Clone, Serialize)]
pub struct ProofParagraph {
    pub number: usize,
    pub text: String,
    /// The margin notes; the template numbers them ① ② … in this order.
    pub marks: Vec<String>,
    /// The text cut at the spots the notes are about, each marked with
    /// its note's number, so the template can set the note beside its line.
    pub pieces: Vec<paper::Piece>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProofArticle {
    pub key: String,
    pub title: String,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub byline: String,
    pub pages: String,
    /// The round this proof belongs to (see `core::paper::proof_round`).
    pub round: String,
    pub proofreader: Option<String>,
    /// The day the round was signed: blank while it is still to be read.
    pub round_date: Option<String>,
    /// The checker's notes on the title lines and credits.
    pub head_marks: Vec<String>,
    pub paragraphs: Vec<ProofParagraph>,
}

/// Everything the 校样 prints: one article, or a whole issue in page order.
#[derive(Debug, Clone, Serialize)]
pub struct Proof {
    pub magazine: String,
    pub issue: String,
    pub width_mm: f64,
    pub height_mm: f64,
    pub marks: bool,
    pub articles: Vec<ProofArticle>,
    pub footer: Footer,
}

pub fn proof(
    mag: &Magazine,
    issue: &IssueContents,
    only: Option<&Article>,
    marks: bool,
    printed_at: DateTime<FixedOffset>,
) -> Result<Proof> {
    let wf = mag.staff.workflow();
    let grounds = match marks {
        true => Some(Grounds::of_issue(mag, issue)?),
        false => None,
    };
    let mut chosen: Vec<&Article> = match only {
        Some(a) => vec![a],
        None => issue.articles.iter().collect(),
    };
    // Page order; what has no page yet comes last, in contents order.
    chosen.sort_by_key(|a| a.text.front.page.unwrap_or(u32::MAX));
    let articles = chosen
        .into_iter()
        .map(|a| {
            let round = proof_round(&a.events, &wf, &a.pins().body);
            let front = &a.text.front;
            let mut paragraphs: Vec<ProofParagraph> = crate::core::diff::paragraphs(&a.text.body)
                .into_iter()
                .enumerate()
                .map(|(i, text)| ProofParagraph {
                    number: i + 1,
                    text: text.to_string(),
                    marks: vec![],
                    pieces: vec![],
                })
                .collect();
            let mut spots: Vec<Vec<(usize, usize)>> = vec![vec![]; paragraphs.len()];
            let mut head_marks = Vec::new();
            if let Some(grounds) = &grounds {
                let checked = check_article(a, grounds);
                for f in &checked.findings {
                    let (part, n, _) = &checked.texts[f.piece];
                    let note = says::margin_note(f);
                    match part {
                        crate::core::lint::Part::Body => {
                            if let Some(p) = paragraphs.get_mut(n - 1) {
                                p.marks.push(note);
                                spots[n - 1].push((f.start, f.end));
                            }
                        }
                        other => head_marks.push(format!("{}：{note}", lint_says::part(*other))),
                    }
                }
            }
            for (p, spots) in paragraphs.iter_mut().zip(&spots) {
                p.pieces = paper::marked_pieces(&p.text, spots);
            }
            ProofArticle {
                key: a.key(),
                title: front.title.clone(),
                kicker: front.kicker.clone(),
                subtitle: front.subtitle.clone(),
                byline: front
                    .byline
                    .clone()
                    .unwrap_or_else(|| front.authors.join("  ")),
                pages: says::pages(front.page, front.pages),
                round: says::round(round.number),
                proofreader: round.proofreader,
                round_date: round.at.map(|at| at.format("%Y-%m-%d").to_string()),
                head_marks,
                paragraphs,
            }
        })
        .collect();
    let (contents, _) = issue.contents(mag);
    Ok(Proof {
        magazine: mag.staff.magazine.name.clone(),
        issue: messages::issue_label(&issue.file),
        width_mm: contents.page.width_mm,
        height_mm: contents.page.height_mm,
        marks,
        articles,
        footer: footer(mag, printed_at),
    })
}

/// A form's data as the template reads it.
fn data_json(data: &impl Serialize) -> String {
    serde_json::to_string_pretty(data).expect("paper data serialises") + "\n"
}

/// What `galley sheet` prints: an article's 稿件处理单, or an issue's 付印单.
pub struct Printout {
    pub form: Form,
    pub json: String,
    /// The document's name, as the office calls it.
    pub what: &'static str,
}

/// The 稿件处理单 when `reference` names an article, the 付印单 when it
/// names an issue (or nothing: the newest issue).
pub fn sheet(
    mag: &Magazine,
    reference: Option<&str>,
    printed_at: DateTime<FixedOffset>,
) -> Result<Printout> {
    let (issue, article) = target(mag, reference)?;
    Ok(match article {
        Some(i) => Printout {
            form: typeset::SHEET,
            json: data_json(&article_sheet(mag, &issue, &issue.articles[i], printed_at)?),
            what: says::SHEET,
        },
        None => Printout {
            form: typeset::ORDER,
            json: data_json(&print_order(mag, &issue, printed_at)?),
            what: says::ORDER,
        },
    })
}

/// The 校样 of an article, or of a whole issue in page order.
pub fn proof_of(
    mag: &Magazine,
    reference: Option<&str>,
    marks: bool,
    printed_at: DateTime<FixedOffset>,
) -> Result<Printout> {
    let (issue, article) = target(mag, reference)?;
    let only = article.map(|i| &issue.articles[i]);
    Ok(Printout {
        form: typeset::PROOF,
        json: data_json(&proof(mag, &issue, only, marks, printed_at)?),
        what: says::PROOF,
    })
}

/// The issue a reference is about, and the article's place in it when it
/// names one.
fn target(mag: &Magazine, reference: Option<&str>) -> Result<(IssueContents, Option<usize>)> {
    if reference.is_none_or(super::lint::names_issue) {
        return Ok((IssueContents::load(mag, reference)?, None));
    }
    let article = crate::repo::load::resolve(mag, reference.unwrap_or_default())?;
    let issue = IssueContents::load(mag, Some(&article.issue.to_string()))?;
    let at = issue
        .articles
        .iter()
        .position(|a| a.slug == article.slug)
        .ok_or_else(|| messages::unknown_article(&article.key()))?;
    Ok((issue, Some(at)))
}
