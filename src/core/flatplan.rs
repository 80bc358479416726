//! The page plan (flatplan): which article occupies which pages, and where
//! pages are left empty or claimed twice.

use serde::Serialize;

pub struct Placed {
    pub article: String,
    pub title: String,
    pub page: Option<u32>,
    pub pages: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub article: String,
    pub title: String,
    pub from: u32,
    pub to: u32,
    /// The extent was not filled in; `to` runs up to the next article.
    pub estimated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    pub first: String,
    pub second: String,
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub rows: Vec<Row>,
    /// Page ranges nobody occupies, inclusive.
    pub gaps: Vec<(u32, u32)>,
    pub overlaps: Vec<Overlap>,
    /// Articles without a start page.
    pub unplaced: Vec<(String, String)>,
    pub total: u32,
}

/// `declared_total` is the page count, if known; otherwise the plan
/// ends with the last article.
pub fn plan(mut placed: Vec<Placed>, declared_total: Option<u32>) -> Plan {
    let unplaced = placed
        .iter()
        .filter(|p| p.page.is_none())
        .map(|p| (p.article.clone(), p.title.clone()))
        .collect();
    placed.retain(|p| p.page.is_some());
    placed.sort_by_key(|p| (p.page, p.article.clone()));
    let starts: Vec<u32> = placed.iter().filter_map(|p| p.page).collect();
    let mut rows = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let from = p.page.unwrap_or_default();
        let (to, estimated) = match p.pages {
            Some(n) if n > 0 => (from + n - 1, false),
            _ => {
                let next = starts[i + 1..].iter().find(|s| **s > from);
                match (next, declared_total) {
                    (Some(next), _) => (next - 1, true),
                    (None, Some(total)) if total >= from => (total, true),
                    _ => (from, true),
                }
            }
        };
        rows.push(Row {
            article: p.article.clone(),
            title: p.title.clone(),
            from,
            to,
            estimated,
        });
    }
    let mut overlaps = Vec::new();
    let mut gaps = Vec::new();
    let mut next_free = 1;
    let mut reach: Option<&Row> = None;
    for row in &rows {
        if let Some(prev) = reach
            && row.from <= prev.to
        {
            overlaps.push(Overlap {
                first: prev.article.clone(),
                second: row.article.clone(),
                from: row.from,
                to: row.to.min(prev.to),
            });
        }
        if row.from > next_free {
            gaps.push((next_free, row.from - 1));
        }
        next_free = next_free.max(row.to + 1);
        if reach.is_none_or(|prev| row.to > prev.to) {
            reach = Some(row);
        }
    }
    let total = declared_total.unwrap_or(next_free.saturating_sub(1));
    if total >= next_free {
        gaps.push((next_free, total));
    }
    Plan {
        rows,
        gaps,
        overlaps,
        unplaced,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(article: &str, page: Option<u32>, pages: Option<u32>) -> Placed {
        Placed {
            article: article.into(),
            title: article.to_uppercase(),
            page,
            pages,
        }
    }

    #[test]
    fn gaps_overlaps_and_estimates_are_found() {
        let p = plan(
            vec![
                at("c", Some(9), Some(2)),
                at("a", Some(1), Some(3)),
                at("b", Some(3), Some(2)),
                at("d", Some(12), None),
                at("x", None, None),
            ],
            Some(16),
        );
        let spans: Vec<(&str, u32, u32, bool)> = p
            .rows
            .iter()
            .map(|r| (r.article.as_str(), r.from, r.to, r.estimated))
            .collect();
        assert_eq!(
            spans,
            [
                ("a", 1, 3, false),
                ("b", 3, 4, false),
                ("c", 9, 10, false),
                ("d", 12, 16, true)
            ]
        );
        assert_eq!(p.overlaps.len(), 1);
        assert_eq!((p.overlaps[0].from, p.overlaps[0].to), (3, 3));
        assert_eq!(p.gaps, [(5, 8), (11, 11)]);
        assert_eq!(p.unplaced, [("x".to_string(), "X".to_string())]);
        assert_eq!(p.total, 16);
    }

    #[test]
    fn without_a_declared_total_the_plan_ends_with_the_last_article() {
        let p = plan(
            vec![at("a", Some(1), Some(2)), at("b", Some(3), Some(1))],
            None,
        );
        assert!(p.gaps.is_empty() && p.overlaps.is_empty());
        assert_eq!(p.total, 3);
    }
}
