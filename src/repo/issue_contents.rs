//! Gathers an issue's contents model and page plan from the work tree.

use super::Magazine;
use super::load::{self, Article};
use crate::core::contents::{self, Contents, Piece, Problem};
use crate::core::flatplan::{self, Placed, Plan};
use crate::core::issue::{IssueFile, IssueId};
use crate::error::Result;

pub struct IssueContents {
    pub id: IssueId,
    pub file: IssueFile,
    pub articles: Vec<Article>,
}

impl IssueContents {
    pub fn load(mag: &Magazine, given: Option<&str>) -> Result<IssueContents> {
        let id = load::pick_issue(mag, given)?;
        let file = load::issue(mag, id)?;
        let articles = load::articles(mag, id, &file)?;
        Ok(IssueContents { id, file, articles })
    }

    fn pieces(&self, mag: &Magazine) -> Vec<Piece<'_>> {
        let wf = mag.staff.workflow();
        self.articles
            .iter()
            .map(|a| {
                let status = a.status(&wf);
                Piece {
                    key: a.key(),
                    front: &a.text.front,
                    approved: status.is_complete(&wf),
                    stale: status.stale.iter().map(|s| wf.stage_name(s)).collect(),
                    unreadable: a.unreadable.as_ref().map(|e| e.message.clone()),
                }
            })
            .collect()
    }

    pub fn plan(&self) -> Plan {
        let placed = self
            .articles
            .iter()
            .filter(|a| a.text.front.in_toc || a.text.front.page.is_some())
            .map(|a| Placed {
                article: a.key(),
                title: a.text.front.title.clone(),
                page: a.text.front.page,
                pages: a.text.front.pages,
            })
            .collect();
        flatplan::plan(placed, self.file.pages)
    }

    /// The contents model, and every problem standing between it and the
    /// printer; each article's status is folded once for both.
    pub fn contents(&self, mag: &Magazine) -> (Contents, Vec<Problem>) {
        let pieces = self.pieces(mag);
        let contents = contents::build(self.id, &self.file, &mag.staff, &pieces);
        let problems = contents::problems(&contents, &pieces, &self.plan().overlaps);
        (contents, problems)
    }
}
