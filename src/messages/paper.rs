//! What the paper forms say that galley fills in: `galley sheet` and
//! `galley proof`. The forms' fixed wording is in their templates.

use std::path::Path;

use crate::core::lint::Finding;
use crate::core::paper::{RevisionSummary, Standing};
use crate::error::GalleyError;

pub const AUTHORITY: &str = "本单由 galley 依据电子记录打印，内容以电子记录为准。";

pub fn standing(s: Standing) -> String {
    match s {
        Standing::Valid => "有效",
        Standing::Stale => "已过期",
        Standing::Withdrawn => "已撤回",
    }
    .to_string()
}

pub fn revisions_line(r: &RevisionSummary) -> String {
    if r.count == 0 {
        return "录入后未修订".to_string();
    }
    format!(
        "修订 {} 次（{}），增 {} 字，删 {} 字",
        r.count,
        r.by.join("、"),
        r.added,
        r.removed
    )
}

/// `4—7`, `47`, or blank when no page is set.
pub fn pages(page: Option<u32>, pages: Option<u32>) -> String {
    match (page, pages) {
        (Some(p), Some(n)) if n > 1 => format!("{p}—{}", p + n - 1),
        (Some(p), _) => p.to_string(),
        (None, _) => String::new(),
    }
}

pub fn trim(width_mm: f64, height_mm: f64) -> String {
    format!("{width_mm:.0} × {height_mm:.0} 毫米")
}

pub fn proofread_count(done: usize, total: usize) -> String {
    format!("{done} / {total} 篇已在当前文本上完成校对")
}

pub fn round(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => format!("第{}校", DIGITS[n]),
        _ => format!("第{n}校"),
    }
}

/// The checker's finding as a note in the proof's margin: what is wrong
/// and what to write instead.
pub fn margin_note(f: &Finding) -> String {
    let severity = super::lint::severity(f.severity);
    match super::lint::replacement(f) {
        Some(fix) => format!("{severity}「{}」{fix}", f.text),
        None => format!("{severity}「{}」{}", f.text, super::lint::explain(f)),
    }
}

pub fn written(path: &Path, what: &str) -> String {
    format!("已生成{what}：“{}”", path.display())
}

pub fn pdf_needs_file(command: &str) -> GalleyError {
    GalleyError::usage("PDF 不能直接显示在屏幕上。")
        .hint(format!("加上 -o 文件名，例如 galley {command} -o 打印.pdf"))
}

pub const SHEET: &str = "稿件处理单";
pub const ORDER: &str = "付印单";
pub const PROOF: &str = "校样";
