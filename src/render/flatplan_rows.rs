//! The page plan as rows a person reads, for the terminal and the web desk
//! alike: articles and gaps in page order, then articles with no page.

use crate::core::flatplan::Plan;
use crate::messages::toc as says;

/// One row: pages, extent, article, title, note (see `says::PAGES_HEADER`).
pub type PlanRow = [String; 5];

fn span(from: u32, to: u32) -> String {
    if from == to {
        format!("{from:02}")
    } else {
        format!("{from:02}–{to:02}")
    }
}

pub fn rows(plan: &Plan) -> Vec<PlanRow> {
    let mut lines: Vec<(u32, PlanRow)> = plan
        .rows
        .iter()
        .map(|r| {
            let mut notes = Vec::new();
            if r.estimated {
                notes.push(says::ESTIMATED.to_string());
            }
            for o in plan.overlaps.iter().filter(|o| o.second == r.article) {
                notes.push(says::overlap_note(&o.first));
            }
            (
                r.from,
                [
                    span(r.from, r.to),
                    (r.to - r.from + 1).to_string(),
                    r.article.clone(),
                    r.title.clone(),
                    notes.join("；"),
                ],
            )
        })
        .collect();
    for (from, to) in &plan.gaps {
        lines.push((
            *from,
            [
                span(*from, *to),
                (to - from + 1).to_string(),
                String::new(),
                says::gap_row().to_string(),
                String::new(),
            ],
        ));
    }
    lines.sort_by_key(|(from, _)| *from);
    let mut out: Vec<PlanRow> = lines.into_iter().map(|(_, row)| row).collect();
    for (article, title) in &plan.unplaced {
        out.push([
            String::new(),
            String::new(),
            article.clone(),
            title.clone(),
            says::unplaced_note().to_string(),
        ]);
    }
    out
}
