//! The contents model: everything the contents page (目次) and the masthead
//! print, taken from the articles themselves, `issue.toml` and
//! `staff.toml`, so the page cannot disagree with them.

use serde::Serialize;

use super::flatplan::Overlap;
use super::frontmatter::Front;
use super::issue::{CoverNote, IssueFile, IssueId};
use super::staff::{OFFICE_ROLES, StaffFile};

/// 大16开, the trim size of most Chinese magazines.
pub const DEFAULT_TRIM_MM: (f64, f64) = (210.0, 285.0);
pub const DEFAULT_MARGIN_MM: f64 = 18.0;

/// One article as the contents page needs it.
pub struct Piece<'a> {
    pub key: String,
    pub front: &'a Front,
    /// Every stage signed on the current text.
    pub approved: bool,
    /// Names of stages whose sign-off no longer matches the text.
    pub stale: Vec<String>,
    /// Why the article's files cannot be read as they stand, if they cannot.
    pub unreadable: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contents {
    pub magazine: Head,
    pub issue: IssueLine,
    pub sections: Vec<Section>,
    pub cover: Option<CoverNote>,
    pub back_cover: Option<CoverNote>,
    pub callouts: Vec<CalloutLine>,
    pub masthead: Masthead,
    pub page: PageSize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Head {
    pub name: String,
    pub latin_name: String,
    pub sponsor: String,
    pub motto: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IssueLine {
    pub id: String,
    pub year: i32,
    pub number: u32,
    pub total: Option<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    pub article: String,
    pub page: Option<u32>,
    /// The start page as printed: two digits, `04`.
    pub page_label: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// The authors, or the credit the contents page prints instead.
    pub credit: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CalloutLine {
    pub page: u32,
    /// `P08`
    pub label: String,
    pub caption: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MastheadRole {
    /// 主编, 编辑部主任, …
    pub title: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Masthead {
    pub people: Vec<MastheadRole>,
    pub sponsor: String,
    pub publisher: String,
    pub phones: Vec<String>,
    pub postcode: String,
    pub email: String,
    pub address: String,
    pub approved_by: String,
    pub distribution: String,
    pub printer: String,
    pub print_date: Option<String>,
    pub print_run: Option<u32>,
    pub permit: String,
    pub notice: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct PageSize {
    pub width_mm: f64,
    pub height_mm: f64,
    pub margin_mm: f64,
}

/// What stands between the page and the printer.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    NotApproved {
        article: String,
        title: String,
    },
    Stale {
        article: String,
        title: String,
        stages: Vec<String>,
    },
    NoStartPage {
        article: String,
        title: String,
    },
    Overlap {
        first: String,
        second: String,
        from: u32,
        to: u32,
    },
    EmptySection {
        name: String,
    },
    Missing(Field),
    /// Outstanding 错误 findings put the article's estimated 差错率 over
    /// the office's limit (per 10,000 characters).
    ErrorRate {
        article: String,
        title: String,
        rate: f64,
        limit: f64,
    },
    Unreadable {
        article: String,
        problem: String,
    },
}

/// Masthead details an internal periodical must print
/// (内部资料性出版物管理办法 第十四条).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Permit,
    Notice,
    Publisher,
    Distribution,
    Printer,
    PrintDate,
    PrintRun,
    IssueNumber,
}

pub fn page_label(page: u32) -> String {
    format!("{page:02}")
}

fn masthead(staff: &StaffFile, issue: &IssueFile) -> Masthead {
    let m = &staff.magazine;
    let mut titles: Vec<String> = OFFICE_ROLES.iter().map(|t| t.to_string()).collect();
    for p in &staff.staff {
        if let Some(t) = &p.title
            && !titles.contains(t)
        {
            titles.push(t.clone());
        }
    }
    let people = titles
        .into_iter()
        .map(|title| MastheadRole {
            names: staff
                .staff
                .iter()
                .filter(|p| p.title.as_deref() == Some(title.as_str()))
                .map(|p| p.name.clone())
                .collect(),
            title,
        })
        .filter(|r| !r.names.is_empty())
        .collect();
    let or = |per_issue: &Option<String>, default: &str| {
        per_issue.clone().unwrap_or_else(|| default.to_string())
    };
    Masthead {
        people,
        sponsor: m.sponsor.clone(),
        publisher: or(&issue.publisher, &m.publisher),
        phones: m.phones.clone(),
        postcode: m.postcode.clone(),
        email: m.email.clone(),
        address: m.address.clone(),
        approved_by: m.approved_by.clone(),
        distribution: or(&issue.distribution, &m.distribution),
        printer: or(&issue.printer, &m.printer),
        print_date: issue.print_date.map(|d| d.to_string()),
        print_run: issue.print_run,
        permit: m.permit.clone(),
        notice: m.notice.clone(),
    }
}

pub fn build(id: IssueId, issue: &IssueFile, staff: &StaffFile, pieces: &[Piece]) -> Contents {
    let mut sections: Vec<Section> = issue
        .sections
        .iter()
        .map(|name| Section {
            name: name.clone(),
            entries: vec![],
        })
        .collect();
    let mut listed: Vec<&Piece> = pieces.iter().filter(|p| p.front.in_toc).collect();
    listed.sort_by_key(|p| (p.front.page.unwrap_or(u32::MAX), p.front.title.clone()));
    for p in listed {
        let name = p.front.section.clone().unwrap_or_default();
        let index = match sections.iter().position(|s| s.name == name) {
            Some(i) => i,
            None => {
                sections.push(Section {
                    name,
                    entries: vec![],
                });
                sections.len() - 1
            }
        };
        sections[index].entries.push(Entry {
            article: p.key.clone(),
            page: p.front.page,
            page_label: p.front.page.map(page_label).unwrap_or_default(),
            title: p.front.title.clone(),
            subtitle: p.front.subtitle.clone(),
            credit: match &p.front.toc_credit {
                Some(credit) => vec![credit.clone()],
                None => p.front.authors.clone(),
            },
        });
    }
    let m = &staff.magazine;
    let (width_mm, height_mm) = (
        m.trim_width_mm.unwrap_or(DEFAULT_TRIM_MM.0),
        m.trim_height_mm.unwrap_or(DEFAULT_TRIM_MM.1),
    );
    Contents {
        magazine: Head {
            name: m.name.clone(),
            latin_name: m.latin_name.clone(),
            sponsor: m.sponsor.clone(),
            motto: m.motto.clone(),
        },
        issue: IssueLine {
            id: id.to_string(),
            year: issue.year,
            number: issue.number,
            total: issue.total,
        },
        sections,
        cover: issue.cover.clone(),
        back_cover: issue.back_cover.clone(),
        callouts: issue
            .callouts
            .iter()
            .map(|c| CalloutLine {
                page: c.page,
                label: format!("P{:02}", c.page),
                caption: c.caption.clone(),
            })
            .collect(),
        masthead: masthead(staff, issue),
        page: PageSize {
            width_mm,
            height_mm,
            margin_mm: m.margin_mm.unwrap_or(DEFAULT_MARGIN_MM),
        },
    }
}

/// Every problem, in the order a person would fix them: the articles,
/// then the page plan, then the masthead.
pub fn problems(contents: &Contents, pieces: &[Piece], overlaps: &[Overlap]) -> Vec<Problem> {
    let mut out = Vec::new();
    for p in pieces {
        let (article, title) = (p.key.clone(), p.front.title.clone());
        if let Some(problem) = &p.unreadable {
            out.push(Problem::Unreadable {
                article: article.clone(),
                problem: problem.clone(),
            });
        }
        if !p.stale.is_empty() {
            out.push(Problem::Stale {
                article: article.clone(),
                title: title.clone(),
                stages: p.stale.clone(),
            });
        }
        if !p.approved {
            out.push(Problem::NotApproved {
                article: article.clone(),
                title: title.clone(),
            });
        }
        if p.front.in_toc && p.front.page.is_none() {
            out.push(Problem::NoStartPage { article, title });
        }
    }
    for o in overlaps {
        out.push(Problem::Overlap {
            first: o.first.clone(),
            second: o.second.clone(),
            from: o.from,
            to: o.to,
        });
    }
    for s in &contents.sections {
        if s.entries.is_empty() {
            out.push(Problem::EmptySection {
                name: s.name.clone(),
            });
        }
    }
    let m = &contents.masthead;
    let required = [
        (m.permit.trim().is_empty(), Field::Permit),
        (m.notice.trim().is_empty(), Field::Notice),
        (
            m.publisher.trim().is_empty() && m.sponsor.trim().is_empty(),
            Field::Publisher,
        ),
        (m.distribution.trim().is_empty(), Field::Distribution),
        (m.printer.trim().is_empty(), Field::Printer),
        (m.print_date.is_none(), Field::PrintDate),
        (m.print_run.is_none(), Field::PrintRun),
        (contents.issue.total.is_none(), Field::IssueNumber),
    ];
    out.extend(
        required
            .into_iter()
            .filter(|(missing, _)| *missing)
            .map(|(_, f)| Problem::Missing(f)),
    );
    out
}
