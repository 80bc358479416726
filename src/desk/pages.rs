//! The page plan of a whole issue set in one go: each article's start
//! page and extent, checked for overlaps as `galley pages` shows them, then
//! committed as one change by the person.

use std::collections::HashMap;

use toml_edit::value;

use super::Desk;
use super::common::{commit_as, editable_front, ensure_saved, with_front};
use crate::core::contents::Problem;
use crate::core::flatplan::{self, Placed, Plan};
use crate::error::Result;
use crate::messages::toc as says;
use crate::repo::commit::Change;
use crate::repo::history::TRAILER_OP;
use crate::repo::issue_contents::IssueContents;

/// One article's place in the plan; `None` leaves the field empty.
pub struct Placement {
    pub page: Option<u32>,
    pub pages: Option<u32>,
}

pub struct PlanSet {
    /// How many articles' pages changed.
    pub changed: usize,
    /// The plan as it now stands, gaps and all.
    pub plan: Plan,
}

/// Sets the pages of the issue's articles named in `placements` (by
/// slug); refused, with nothing written, when two articles would share a
/// page.
pub fn set_plan(
    desk: &Desk,
    issue: &str,
    placements: &HashMap<String, Placement>,
) -> Result<PlanSet> {
    let mag = desk.mag;
    let contents = IssueContents::load(mag, Some(issue))?;
    if let Some(slug) = placements
        .keys()
        .find(|s| !contents.articles.iter().any(|a| &a.slug == *s))
    {
        return Err(says::plan_unknown_article(&format!(
            "{}/{slug}",
            contents.id
        )));
    }
    let wanted = |slug: &str, front: &crate::core::frontmatter::Front| {
        placements
            .get(slug)
            .map_or((front.page, front.pages), |p| (p.page, p.pages))
    };
    let placed: Vec<Placed> = contents
        .articles
        .iter()
        .filter_map(|a| {
            let (page, pages) = wanted(&a.slug, &a.text.front);
            (a.text.front.in_toc || page.is_some()).then(|| Placed {
                article: a.key(),
                title: a.text.front.title.clone(),
                page,
                pages,
            })
        })
        .collect();
    let plan = flatplan::plan(placed, contents.file.pages);
    if !plan.overlaps.is_empty() {
        let listed: Vec<String> = plan
            .overlaps
            .iter()
            .map(|o| {
                says::problem(&Problem::Overlap {
                    first: o.first.clone(),
                    second: o.second.clone(),
                    from: o.from,
                    to: o.to,
                })
            })
            .collect();
        return Err(says::plan_overlaps(&listed));
    }
    let mut changes = Vec::new();
    for a in &contents.articles {
        let (page, pages) = wanted(&a.slug, &a.text.front);
        if (page, pages) == (a.text.front.page, a.text.front.pages) {
            continue;
        }
        ensure_saved(mag, a)?;
        let mut doc = editable_front(a)?;
        for (key, n) in [("page", page), ("pages", pages)] {
            match n {
                Some(n) => doc[key] = value(i64::from(n)),
                None => {
                    doc.remove(key);
                }
            }
        }
        let (text, _) = with_front(a, &doc)?;
        changes.push(Change {
            rel: a.rel_file(),
            content: text.into_bytes(),
        });
    }
    if !changes.is_empty() {
        let issue_key = contents.id.to_string();
        commit_as(
            mag,
            desk.actor,
            desk.now,
            &says::subject_plan(&desk.actor.name, &issue_key, changes.len()),
            &[
                (TRAILER_OP, "set"),
                (super::release::TRAILER_ISSUE, &issue_key),
            ],
            &changes,
        )?;
    }
    Ok(PlanSet {
        changed: changes.len(),
        plan,
    })
}
