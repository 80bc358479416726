//! What galley says at 收稿: manuscripts read for a new article, photos,
//! and the desk's forms for them.

use super::q;
use crate::error::GalleyError;

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
}

pub fn empty_photo(name: &str) -> GalleyError {
    GalleyError::user(format!("图片 {} 是空文件。", q(name)))
        .hint("请重新从相机或作者发来的原图导出，再上传。")
}

pub fn photo_too_large(name: &str, size: usize, max: usize) -> GalleyError {
    GalleyError::user(format!(
        "图片 {} 有 {}，超过了 {} 的上限。",
        q(name),
        megabytes(size),
        megabytes(max)
    ))
    .hint("请把图片另存为质量 90% 左右的 JPEG（印刷用 300 dpi 足够），再上传。")
}

pub fn not_a_picture(name: &str) -> GalleyError {
    GalleyError::user(format!("{} 不是 JPEG 或 PNG 图片。", q(name))).hint(
        "galley 只收 JPEG 和 PNG 照片，看的是文件内容而不是文件名；请在看图软件里另存为 JPEG 再上传。",
    )
}

pub fn misnamed_picture(name: &str, ext: &str) -> GalleyError {
    GalleyError::user(format!(
        "图片 {} 的扩展名和内容不符：内容是 .{ext} 图片。",
        q(name)
    ))
    .hint(format!("请把文件改名为以 .{ext} 结尾，再重试。"))
}

pub fn photo_exists(name: &str) -> GalleyError {
    GalleyError::user(format!("这篇稿件里已经有一张叫 {} 的图片。", q(name)))
        .hint("请给新图片换个名字；要换掉旧图，请先在稿件里删去它的图片说明。")
}

pub const NEW_ISSUE: &str = "新建一期";
pub const NEW_ISSUE_EXPLAINED: &str =
    "填上期号就能新建；总期号和栏目已按上一期填好，印刷日期和印数可以以后在“本期设置”里补。";
pub const ISSUE_ID: &str = "期号（年份-期数，如 2024-03）";
pub const OPEN_ISSUE: &str = "新建这一期";
pub const TOTAL: &str = "总期号（总第几期）";
pub const PRINT_DATE: &str = "印刷日期";
pub const PRINT_RUN: &str = "印数（册）";
pub const PAGE_COUNT: &str = "内文页数";
pub const SECTIONS: &str = "栏目";
pub const SECTIONS_HELP: &str = "每行一个栏目，按刊出顺序排列。";
pub const SETTINGS: &str = "本期设置";
pub const SAVE_SETTINGS: &str = "保存本期设置";

pub fn may_not_open(roles: &[String]) -> String {
    format!("只有{}可以新建一期或修改期次设置。", roles.join("或"))
}

pub const ADD: &str = "收稿";
pub const ADD_EXPLAINED: &str = "上传作者发来的 Word（.docx）、纯文本（.txt）或 .md 文件，或把文字粘贴在下面。galley 先把读到的标题、署名和正文给您看，您核对、改好后再收下。";
pub const MANUSCRIPT_FILE: &str = "稿件文件（.docx、.txt 或 .md）";
pub const PASTE: &str = "或者粘贴文字";
pub const READ: &str = "读取稿件";
pub const CONFIRM: &str = "核对收稿";
pub const NOTHING_TO_READ: &str = "没有收到稿件：既没有选文件，也没有粘贴文字。";
pub const NOTHING_TO_READ_HINT: &str =
    "请选一个 .docx、.txt 或 .md 文件，或把文字粘贴进文本框，再点“读取稿件”。";
pub const NO_FURNITURE: &str = "没有发现需要删去的书眉。";
pub const FURNITURE_REMOVED: &str = "已删去的书眉：";
pub const NO_TITLE_READ: &str = "没有读出标题：请在下面填写。";
pub const TITLE: &str = "标题";
pub const SUBTITLE: &str = "副标题";
pub const KICKER: &str = "引题（标题上方的一行）";
pub const BYLINE: &str = "署名行";
pub const AUTHORS: &str = "作者（几位作者用顿号隔开）";
pub const SECTION: &str = "栏目";
pub const NO_SECTION: &str = "（不分栏目）";
pub const NOT_IN_TOC: &str = "刊出但不上目次（书法、摄影、美术作品页）";
pub const ADD_CONFIRM: &str = "核对无误，收下这篇稿件";
pub const READ_AGAIN: &str = "重新上传";
pub const PARAGRAPHS_READ: &str = "读到的正文";

pub fn read_summary(paragraphs: usize, chars: usize) -> String {
    format!(
        "读到正文 {paragraphs} 段，共 {chars} 字。请核对下面的标题、署名和正文，改好后再收下；收下之前什么也不会保存。"
    )
}

pub fn furniture_line(head: &str, n: usize) -> String {
    format!("“{head}”，{n} 处")
}

pub const PHOTOS: &str = "图片";
pub const NO_PHOTOS: &str = "这篇稿件还没有图片。";
pub const PHOTO_FILE: &str = "图片文件（JPEG 或 PNG，不超过 10 MB）";
pub const CAPTION: &str = "图片说明";
pub const CREDIT: &str = "摄影";
pub const ADD_PHOTO: &str = "添加图片";

pub fn credit(who: &str) -> String {
    format!("{who} / 摄")
}
