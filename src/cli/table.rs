//! Terminal tables with plain ASCII borders: ambiguous-width characters such
//! as “” and —— misalign box drawing in CJK terminals.
//!
//! A table printed to a terminal fits its width. First columns that are
//! empty in every row go; then the columns a table names as shrinkable
//! give way, in the order it names them, each down to its least width, and
//! their cells are cut by display width (a Han character counts two) with
//! `…`; only if that is not enough do rows wrap. Output that is not a
//! terminal (a pipe, a file), and `--wide`, get every field in full.

use std::io::IsTerminal;

use comfy_table::presets::ASCII_FULL_CONDENSED;
use comfy_table::{ContentArrangement, LineStyle, Table};
use unicode_width::UnicodeWidthStr;

use crate::core::terminal::sanitize;

/// The width tables must fit, if any: `COLUMNS` when set (for tests and for
/// people who want it), else the terminal's, else none.
pub fn width(wide: bool) -> Option<usize> {
    if wide {
        return None;
    }
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return Some(columns);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
}

/// A column that may give way: first down to `soft` display columns (still
/// comfortable to read), and, when every column has done that, down to `min`.
/// The first column named gives way first and is cut hard last.
#[derive(Clone, Copy)]
pub struct Shrink {
    pub column: usize,
    pub soft: usize,
    pub min: usize,
}

pub struct Fit {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// In the order they give way.
    shrink: Vec<Shrink>,
    /// Columns left out, in this order, when cutting to `soft` was not
    /// enough: what a person can do without on a narrow screen.
    drop: Vec<usize>,
}

impl Fit {
    pub fn new(header: &[&str]) -> Fit {
        Fit {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            shrink: Vec::new(),
            drop: Vec::new(),
        }
    }

    /// Columns that may be shortened, first to give way first.
    pub fn shrinking(mut self, order: &[Shrink]) -> Fit {
        self.shrink = order.to_vec();
        self
    }

    /// Columns that may be left out on a narrow screen, first to go first.
    pub fn dropping(mut self, columns: &[usize]) -> Fit {
        self.drop = columns.to_vec();
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| sanitize(&c)).collect());
    }

    pub fn render(&self, width: Option<usize>) -> String {
        let Some(width) = width else {
            return self.table(&self.header, &self.rows, None).to_string();
        };
        let mut keep: Vec<usize> = (0..self.header.len())
            .filter(|&c| {
                self.rows
                    .iter()
                    .any(|r| r.get(c).is_some_and(|s| !s.is_empty()))
            })
            .collect();
        let pick = |cells: &[String], keep: &[usize]| -> Vec<String> {
            keep.iter()
                .map(|&c| cells.get(c).cloned().unwrap_or_default())
                .collect()
        };
        let mut header = pick(&self.header, &keep);
        let mut rows: Vec<Vec<String>> = self.rows.iter().map(|r| pick(r, &keep)).collect();
        let mut widths: Vec<usize> = (0..keep.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].width())
                    .chain([header[i].width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // "| a | b |": three columns of border and padding per cell, one more.
        let total = |widths: &[usize]| widths.iter().map(|w| w + 3).sum::<usize>() + 1;
        let floors = |s: &Shrink| [s.soft, s.min];
        // Down to `soft` in the order given; then down to `min` in the
        // reverse order, so the column that gave way first is cut hard last.
        let reversed: Vec<Shrink> = self.shrink.iter().rev().copied().collect();
        for phase in 0..2 {
            if phase == 1 {
                for column in &self.drop {
                    if total(&widths) <= width {
                        break;
                    }
                    if let Some(i) = keep.iter().position(|c| c == column) {
                        keep.remove(i);
                        header.remove(i);
                        widths.remove(i);
                        for r in &mut rows {
                            r.remove(i);
                        }
                    }
                }
            }
            let order = if phase == 0 { &self.shrink } else { &reversed };
            for s in order {
                let Some(i) = keep.iter().position(|&c| c == s.column) else {
                    continue;
                };
                let over = total(&widths).saturating_sub(width);
                if over == 0 {
                    break;
                }
                let floor = floors(s)[phase].max(header[i].width());
                let target = widths[i].saturating_sub(over).max(floor);
                if target < widths[i] {
                    widths[i] = target;
                    for r in &mut rows {
                        r[i] = cut(&r[i], target);
                    }
                }
            }
        }
        let wrap = (total(&widths) > width).then_some(width);
        self.table(&header, &rows, wrap).to_string()
    }

    fn table(&self, header: &[String], rows: &[Vec<String>], wrap: Option<usize>) -> Table {
        let mut table = Table::new();
        table
            .load_style(ASCII_FULL_CONDENSED.header_separator(LineStyle::new('+', '=', '+', '+')))
            .set_header(header.to_vec());
        match wrap {
            Some(w) => {
                table
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(w.min(u16::MAX as usize) as u16);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        for r in rows {
            table.add_row(r.clone());
        }
        table
    }
}

/// An article key without the issue the whole table is about: on a narrow
/// screen `2024-02/qingneng` reads as `qingneng`.
pub fn without_issue(key: &str, issue: &str) -> String {
    key.strip_prefix(issue)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(key)
        .to_string()
}

/// `text` cut to at most `max` display columns, ending in `…` when cut.
/// A character is never split.
pub fn cut(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_counts_han_characters_as_two_and_never_splits_one() {
        assert_eq!(cut("关于我市氢能产业发展", 9), "关于我市…");
        assert_eq!(cut("关于我市氢能产业发展", 10), "关于我市…");
        assert_eq!(cut("关于我市氢能产业发展", 20), "关于我市氢能产业发展");
        assert_eq!(cut("AI产业链", 5), "AI产…");
    }

    #[test]
    fn a_table_fits_by_dropping_empty_columns_then_shrinking() {
        let mut t = Fit::new(&["稿件", "标题", "过期签署"]).shrinking(&[Shrink {
            column: 1,
            soft: 12,
            min: 8,
        }]);
        t.row(vec![
            "a".into(),
            "关于我市氢能产业发展的调研报告".into(),
            String::new(),
        ]);
        let full = t.render(None);
        assert!(
            full.contains("过期签署") && full.contains("调研报告"),
            "{full}"
        );
        let narrow = t.render(Some(24));
        assert!(!narrow.contains("过期签署"), "{narrow}");
        for line in narrow.lines() {
            assert!(line.width() <= 24, "{line:?} in\n{narrow}");
        }
        assert!(narrow.contains('…'), "{narrow}");
    }
}
