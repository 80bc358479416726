//! What the paper forms say that galley fills in: `galley sheet` and
//! `galley proof`. The forms' fixed wording is in their templates.

use std::path::Path;

use crate::core::contents::Problem;
use crate::core::lint::Finding;
use crate::core::paper::{RevisionSummary, Standing};
use crate::error::GalleyError;

pub const AUTHORITY: &str = "本单依据编辑部的电子记录打印，内容以电子记录为准。";

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

/// `共 7 页`: an article's extent (版面).
pub fn extent(pages: u32) -> String {
    format!("共 {pages} 页")
}

/// 开本 as printers name the trimmed sizes of Chinese periodicals (within
/// 3 mm either way); blank for a size the trade has no common name for.
pub fn format_name(width_mm: f64, height_mm: f64) -> &'static str {
    const NAMED: [(f64, f64, &str); 6] = [
        (210.0, 285.0, "大16开"),
        (185.0, 260.0, "16开"),
        (210.0, 297.0, "国际16开（A4）"),
        (140.0, 203.0, "大32开"),
        (130.0, 184.0, "32开"),
        (148.0, 210.0, "国际32开（A5）"),
    ];
    NAMED
        .iter()
        .find(|(w, h, _)| (width_mm - w).abs() <= 3.0 && (height_mm - h).abs() <= 3.0)
        .map(|(_, _, name)| *name)
        .unwrap_or("")
}

pub const COVER: &str = "封面";
pub const BACK_COVER: &str = "封底";

/// `封面：说明（僧少琴 摄）`
pub fn cover(what: &str, note: &str, photographer: Option<&str>) -> String {
    match photographer {
        Some(p) => format!("{what}：{note}（{p} 摄）"),
        None => format!("{what}：{note}"),
    }
}

/// A pre-press problem as the 付印单 prints it for the 主编: what is wrong,
/// in plain words, without the commands and file names the terminal's
/// version (`messages::toc::problem`) gives to whoever fixes it.
pub fn printed_problem(p: &Problem) -> String {
    match p {
        Problem::NotApproved { title, .. } => format!("《{title}》还没有在当前文本上审定完毕。"),
        Problem::Stale { title, stages, .. } => format!(
            "《{title}》的{}签署后，正文或标题、作者、署名又改过，需要重新签署。",
            stages.join("、")
        ),
        Problem::NoStartPage { title, .. } => {
            format!("《{title}》上目次，但还没有定起始页码。")
        }
        Problem::Overlap {
            first,
            second,
            from,
            to,
        } => match from == to {
            true => format!("{first} 和 {second} 排在了同一页（第 {from} 页）。"),
            false => format!("{first} 和 {second} 排在了同样的页上（第 {from}—{to} 页）。"),
        },
        Problem::EmptySection { name } => format!("栏目“{name}”下没有上目次的稿件。"),
        Problem::Missing(f) => format!(
            "刊头还没有{}，内部资料性出版物管理办法第十四条要求印上。",
            super::toc::field_name(*f)
        ),
        Problem::ErrorRate {
            title, rate, limit, ..
        } => format!(
            "《{title}》估计差错率万分之{rate:.2}，超过本刊限值万分之{}。",
            trim_number(*limit)
        ),
        Problem::Unreadable { article, .. } => {
            format!("{article} 的稿件文件读不出来，本单可能不完整，请告诉编辑部。")
        }
    }
}

fn trim_number(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Text quoted in the office's way: “…”, with quotation marks inside it
/// turned into the inner ‘…’ (GB/T 15834).
pub fn quoted(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            c => c,
        })
        .collect();
    format!("“{inner}”")
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
    let fix = match f.suggestion.as_deref() {
        Some("") => "删去".to_string(),
        Some(s) => format!("改为{}", quoted(s)),
        None => super::lint::explain(f),
    };
    format!("{severity}{}{fix}", quoted(&f.text))
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
pub const TOC: &str = "目次";

/// What a downloaded form is saved as: `稿件处理单-2024-03-标题.pdf`, or
/// `付印单-2024-03.pdf` for an issue. Characters a file name cannot hold
/// become ＿, and a long title is cut short.
pub fn download_name(what: &str, issue: &str, title: Option<&str>) -> String {
    download_file(what, issue, title, "pdf")
}

/// The same, for a file of any kind: `审定稿-2024-03-标题.docx`.
pub fn download_file(what: &str, issue: &str, title: Option<&str>, ext: &str) -> String {
    match title {
        None => format!("{what}-{issue}.{ext}"),
        Some(t) => {
            let t: String = t
                .chars()
                .filter(|c| !c.is_control())
                .map(|c| match c {
                    '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '＿',
                    c => c,
                })
                .take(40)
                .collect();
            format!("{what}-{issue}-{}.{ext}", t.trim())
        }
    }
}

/// Under the 付印单's 差错率: why the articles' figures and the issue's agree.
pub fn rate_basis(characters: usize, weighted_errors: f64) -> String {
    format!(
        "全期 {characters} 字，尚未改正的差错加权 {weighted_errors:.1} 个。标点、数字、单位符号每处 0.1 个，每类全期最多计 1 个，按处数分到各篇，所以各篇的差错加起来正好是全期的差错。"
    )
}

/// One person signed several stages of the text as it stands; `stages` are
/// the stages' names.
pub fn one_signer(person: &str, stages: &[String]) -> String {
    let stages: Vec<String> = stages.iter().map(|s| format!("「{s}」")).collect();
    format!(
        "{person}一人签署了{}，这份文本没有经过第二个人。本刊流程允许，付印前请主编留意。",
        stages.join("和")
    )
}

/// The 付印单's line for an article with one signer on several stages.
pub fn one_signer_in_issue(key: &str, title: &str, person: &str, stages: &[String]) -> String {
    let stages: Vec<String> = stages.iter().map(|s| format!("「{s}」")).collect();
    format!("{key}《{title}》：{person}一人签署了{}", stages.join("和"))
}

/// How many times each article's text was proofread, from the records:
/// `counts[n]` articles were read n times (the last entry, three or more).
pub fn proof_rounds(counts: &[usize; 4]) -> String {
    let [none, one, two, three] = counts;
    format!("校次（按记录）：三校及以上 {three} 篇，二校 {two} 篇，一校 {one} 篇，未校 {none} 篇")
}

/// 核红 as a stage of the workflow: how many articles have it signed on
/// the current text.
pub fn check_red_signed(done: usize, total: usize) -> String {
    format!("{done} / {total} 篇已签核红")
}

/// The name a workflow stage must have to be read as 核红.
pub const CHECK_RED: &str = "核红";
