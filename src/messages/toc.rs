//! What `galley toc` and `galley pages` print and say.

use std::path::Path;

use super::q;
use crate::core::contents::{Field, Problem};
use crate::core::flatplan::Plan;
use crate::error::GalleyError;

pub const CONTENTS_HEADING: &str = "目次 Contents";
pub const SECTION_MARK: &str = "■";
pub const COVER: &str = "封面";
pub const BACK_COVER: &str = "封底";
pub const CALLOUTS: &str = "图片";
pub const PHOTO_CREDIT: &str = "摄";
pub const MASTHEAD_RULE: &str = "────────────";
pub const PAGES_HEADER: [&str; 5] = ["页码", "页数", "稿件", "标题", "说明"];
pub const ESTIMATED: &str = "页数未填，按推算";

pub fn sponsor_line(sponsor: &str) -> String {
    format!("{}主办", q(sponsor))
}

pub fn motto_line(motto: &str) -> String {
    format!("本刊宗旨：{}", q(motto))
}

/// `2024·2`, as the cover prints it.
pub fn year_number(year: i32, number: u32) -> String {
    format!("{year}·{number}")
}

/// `2024.2`, as the masthead prints it.
pub fn year_number_masthead(year: i32, number: u32) -> String {
    format!("{year}.{number}")
}

pub fn period(total: Option<u32>) -> String {
    match total {
        Some(t) => format!("(期 / 月 · 总第 {t} 期)"),
        None => "(期 / 月)".to_string(),
    }
}

/// Masthead labels as printed: two-character labels are spread to line up.
pub fn spread(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() == 2 {
        format!("{}\u{3000}{}", chars[0], chars[1])
    } else {
        label.to_string()
    }
}

pub const MASTHEAD_FIELDS: [&str; 11] = [
    "编辑出版",
    "电话",
    "邮编",
    "电子信箱",
    "地址",
    "批准机关",
    "发放范围",
    "印刷",
    "印刷日期",
    "印数",
    "准印证号",
];

pub fn print_run(n: u32) -> String {
    format!("{n} 册")
}

pub fn field_name(f: Field) -> &'static str {
    match f {
        Field::Permit => "准印证号",
        Field::Notice => "“内部资料 免费交流”字样",
        Field::Publisher => "编印单位（编辑出版）",
        Field::Distribution => "发送对象（发放范围）",
        Field::Printer => "印刷单位",
        Field::PrintDate => "印刷日期",
        Field::PrintRun => "印数",
        Field::IssueNumber => "总期号（总第几期）",
    }
}

fn field_hint(f: Field) -> &'static str {
    match f {
        Field::Permit | Field::Notice => "在 staff.toml 的 [magazine] 里填写",
        Field::Publisher | Field::Distribution | Field::Printer => {
            "在 staff.toml 的 [magazine] 里填写，或在本期 issue.toml 里单独填写"
        }
        Field::PrintDate => {
            "在编辑台“本期设置”里填写，或用 galley issue set 期号 --print-date 年-月-日"
        }
        Field::PrintRun => "在编辑台“本期设置”里填写，或用 galley issue set 期号 --print-run 册数",
        Field::IssueNumber => "在编辑台“本期设置”里填写，或用 galley issue set 期号 --total 总期数",
    }
}

pub fn problem(p: &Problem) -> String {
    match p {
        Problem::NotApproved { article, title } => {
            format!("《{}》（{article}）还没有在当前文本上审定完毕。", q(title))
        }
        Problem::Stale {
            article,
            title,
            stages,
        } => format!(
            "《{}》（{article}）的「{}」签署已过期：签署后正文或标题、作者、署名又改过，需要重新签署。",
            q(title),
            stages.join("」「")
        ),
        Problem::NoStartPage { article, title } => format!(
            "《{}》（{article}）上目次，但没有起始页码；用 galley set {article} page=页码 补上。",
            q(title)
        ),
        Problem::Overlap {
            first,
            second,
            from,
            to,
        } => {
            if from == to {
                format!("{first} 和 {second} 都占了第 {from} 页。")
            } else {
                format!("{first} 和 {second} 都占了第 {from}–{to} 页。")
            }
        }
        Problem::EmptySection { name } => {
            format!("栏目“{}”下没有上目次的稿件。", q(name))
        }
        Problem::ErrorRate {
            article,
            title,
            rate,
            limit,
        } => super::lint::over_limit(article, title, *rate, *limit),
        Problem::Unreadable { article, problem } => {
            format!("{article} 的文件有问题，目次和进度可能不完整：{problem}")
        }
        Problem::Missing(f) => format!(
            "刊头缺少{}（内部资料性出版物管理办法第十四条要求）；{}。",
            field_name(*f),
            field_hint(*f)
        ),
    }
}

pub fn warning(p: &Problem) -> String {
    format!("注意：{}", problem(p))
}

pub fn check_failed(n: usize) -> GalleyError {
    GalleyError::check(format!("目次还不能付印：发现 {n} 个问题（见上）。"))
        .hint("逐条处理后再运行 galley toc 期号 --check；全部通过才会返回 0。")
}

pub fn check_passed(issue: &str) -> String {
    format!("{issue} 的目次和刊头检查通过，可以付印。")
}

pub fn written(path: &Path, what: &str) -> String {
    format!("已生成{what}：{}", q(&path.display().to_string()))
}

pub fn format_name(ext: &str) -> &'static str {
    match ext {
        "pdf" => "目次 PDF",
        "html" => "目次网页",
        "typ" => "目次 Typst 源文件",
        "json" => "目次数据",
        "md" => "目次 Markdown",
        _ => "目次",
    }
}

pub fn pdf_needs_file() -> GalleyError {
    GalleyError::usage("PDF 不能直接显示在屏幕上。")
        .hint("加上 -o 文件名，例如 galley toc 2024-02 --format pdf -o toc.pdf")
}

pub fn no_cjk_font() -> GalleyError {
    GalleyError::user("没有找到中文字体，无法生成目次 PDF（否则中文会显示成空白方框）。")
        .hint("请安装中文字体，例如 Debian/Ubuntu 上运行 sudo apt-get install fonts-noto-cjk；")
        .hint("或者用 --font-path 目录（或环境变量 GALLEY_FONT_PATH）指定存放 .ttf/.otf/.ttc 字体文件的目录。")
}

pub fn template_unreadable(path: &Path, e: &std::io::Error) -> GalleyError {
    GalleyError::user(format!(
        "读不了目次模板 {}：{e}",
        q(&path.display().to_string())
    ))
    .hint("检查 --template 写的路径；不写 --template 则使用仓库里的 templates/toc.typ。")
}

pub fn template_failed(path: &str, details: &[String]) -> GalleyError {
    let mut e = GalleyError::user(format!("模板 {} 排版出错。", q(path)));
    for d in details {
        e = e.hint(d.clone());
    }
    e.hint(format!(
        "请美编检查模板；改坏了可以用 git 找回原来的 {}。",
        q(path)
    ))
}

pub fn template_error_at(file: &str, line: usize, message: &str) -> String {
    format!("{file} 第 {line} 行：{message}")
}

pub fn plan_summary(plan: &Plan) -> String {
    let mut parts = vec![format!("共 {} 页", plan.total)];
    if plan.gaps.is_empty() {
        parts.push("没有空页".to_string());
    } else {
        let gaps: Vec<String> = plan
            .gaps
            .iter()
            .map(|(a, b)| {
                if a == b {
                    format!("第 {a} 页")
                } else {
                    format!("第 {a}–{b} 页")
                }
            })
            .collect();
        parts.push(format!("空页：{}", gaps.join("、")));
    }
    if plan.overlaps.is_empty() {
        parts.push("没有重叠".to_string());
    } else {
        parts.push(format!("重叠 {} 处", plan.overlaps.len()));
    }
    if !plan.unplaced.is_empty() {
        parts.push(format!("{} 篇没有页码", plan.unplaced.len()));
    }
    format!("{}。", parts.join("，"))
}

pub fn gap_row() -> &'static str {
    "（空页）"
}

pub fn overlap_note(other: &str) -> String {
    format!("与 {other} 重叠")
}

pub fn unplaced_note() -> &'static str {
    "没有页码"
}

/// `what` names the document: "2024-02/qingneng 的校样".
pub fn typeset_too_slow(what: &str, seconds: u64) -> GalleyError {
    GalleyError::user(format!(
        "{what}排版超过了 {seconds} 秒的时限，已经停下，没有生成 PDF。"
    ))
    .hint("稿件特别长时，请分成几篇，或者请美编检查模板里是否有一直算不完的代码。")
    .hint("管理员可以在 /etc/default/galley 里用 GALLEY_TYPESET_SECONDS 放宽时限。")
}

pub fn typeset_too_big(what: &str, megabytes: u64) -> GalleyError {
    GalleyError::user(format!(
        "{what}排版要用的内存超过了 {megabytes} MB 的限额，已经停下，没有生成 PDF。"
    ))
    .hint("稿件特别长时，请分成几篇，或者请美编检查模板是否生成了过多内容。")
    .hint("管理员可以在 /etc/default/galley 里用 GALLEY_TYPESET_MEMORY_MB 放宽限额。")
}

pub fn typeset_crashed(what: &str) -> GalleyError {
    GalleyError::user(format!("{what}排版中途出错，没有生成 PDF。"))
        .hint("请再试一次；仍然不行请把这句话告诉管理员。")
}

pub fn typeset_busy(what: &str) -> GalleyError {
    GalleyError::user(format!(
        "正在排版的文件太多，{what}等了很久还没轮到，没有生成 PDF。"
    ))
    .hint("请过一会儿再试。")
}

pub fn typeset_no_worker(e: &std::io::Error) -> GalleyError {
    GalleyError::user(format!("无法启动排版程序：{e}"))
        .hint("请检查 galley 是否安装完整；仍然不行请把这句话告诉管理员。")
}

/// The contents page of an issue, as a refusal names it.
pub fn toc_of(issue: &str) -> String {
    format!("{issue} 的目次")
}

/// A printed form of an article or an issue, as a refusal names it.
pub fn document_of(reference: &str, what: &str) -> String {
    format!("{reference} 的{what}")
}

// ---- the page plan set on the desk ----------------------------------------

pub const PLAN_FORM: &str = "排页码";
pub const PLAN_TITLE: &str = "稿件";
pub const PLAN_SAVE: &str = "保存页码安排";
pub const PLAN_START: &str = "起始页";
pub const PLAN_EXTENT: &str = "页数";
pub const PLAN_EXPLAINED: &str = "一次填好全期各篇的起始页和页数；有两篇占了同一页时不会保存，会列出重叠的地方。空着表示没有页码。";

pub fn plan_unknown_article(key: &str) -> GalleyError {
    GalleyError::user(format!("本期没有稿件 {key}，页码没有保存。"))
        .hint("请刷新页面再填；稿件可能刚被撤稿或移到别的期。")
}

pub fn plan_overlaps(listed: &[String]) -> GalleyError {
    let mut text = "页码有重叠，这次没有保存：".to_string();
    for l in listed {
        text.push_str("\n  · ");
        text.push_str(l);
    }
    GalleyError::user(text).hint("请改好重叠的页码再保存。")
}

pub fn plan_bad_number(article: &str, raw: &str) -> GalleyError {
    GalleyError::user(format!("{article} 的页码“{raw}”不是正整数，页码没有保存。"))
        .hint("起始页和页数都写正整数，例如 11 和 7；不知道就空着。")
}

pub fn subject_plan(actor: &str, issue: &str, articles: usize) -> String {
    format!("{actor}排定{issue}的页码（{articles} 篇）")
}

pub fn plan_saved(changed: usize, summary: &str) -> String {
    match changed {
        0 => format!("页码没有变化。{summary}"),
        n => format!("已保存 {n} 篇稿件的页码。{summary}"),
    }
}
