use std::path::{Path, PathBuf};

use super::Ctx;
use super::common::{article_trailers, commit_as};
use std::fs;

use crate::core::frontmatter::{self, Front};
use crate::core::slug;
use crate::core::{cleanup, docx};
use crate::error::Result;
use crate::messages;
use crate::repo::commit::Change;
use crate::repo::files::read_text;
use crate::repo::load::{self, ARTICLE_FILE, issue_rel};

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-02
    #[arg(value_name = "期号")]
    issue: String,
    /// 标题
    #[arg(long, value_name = "标题")]
    title: String,
    /// 副标题
    #[arg(long, value_name = "副标题")]
    subtitle: Option<String>,
    /// 引题（标题上方的一行）
    #[arg(long, value_name = "引题")]
    kicker: Option<String>,
    /// 作者，可写多次
    #[arg(long = "author", value_name = "作者")]
    authors: Vec<String>,
    /// 署名行，如“中共濮阳市委书记 万正峰”
    #[arg(long, value_name = "署名")]
    byline: Option<String>,
    /// 栏目
    #[arg(long, value_name = "栏目")]
    section: Option<String>,
    /// 起始页码
    #[arg(long, value_name = "页码")]
    page: Option<u32>,
    /// 所占页数
    #[arg(long, value_name = "页数")]
    pages: Option<u32>,
    /// 正文文件：.txt、.md 或 .docx；纯文本 UTF-8 或 GB18030 均可
    #[arg(long, value_name = "文件")]
    file: Option<PathBuf>,
    /// 刊出但不上目次（如书法、摄影、美术作品页）
    #[arg(long)]
    no_toc: bool,
    /// 稿件目录名（英文字母、数字、连字符）；不写则按标题拼音生成
    #[arg(long, value_name = "目录名")]
    slug: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let issue = load::pick_issue(&mag, Some(&args.issue))?;
    let issue_file = load::issue(&mag, issue)?;
    let title = args.title.trim();
    if title.is_empty() {
        return Err(messages::empty_title());
    }
    if let Some(section) = &args.section
        && !issue_file.sections.is_empty()
        && !issue_file.sections.contains(section)
    {
        return Err(messages::unknown_section(section, &issue_file.sections));
    }
    let taken = load::slugs(&mag, issue);
    let slug = match &args.slug {
        Some(s) => {
            slug::validate(s).map_err(|p| messages::bad_slug(s, &p))?;
            if taken.contains(s) || mag.abs(&format!("{}/{s}", issue_rel(issue))).exists() {
                return Err(messages::duplicate_slug(&issue.to_string(), s));
            }
            s.clone()
        }
        None => slug::unique(&slug::derive(title), |s| taken.iter().any(|t| t == s)),
    };
    let body = match &args.file {
        Some(path) => read_body(path, &mag.staff.magazine.running_heads)?,
        None => String::new(),
    };
    let mut front = Front::new(title);
    front.subtitle = args.subtitle.filter(|s| !s.trim().is_empty());
    front.kicker = args.kicker.filter(|s| !s.trim().is_empty());
    front.authors = args.authors;
    front.byline = args.byline;
    front.section = args.section;
    front.page = args.page;
    front.pages = args.pages;
    front.in_toc = !args.no_toc;
    let text = frontmatter::render(&frontmatter::render_front(&front), &body);
    let key = format!("{issue}/{slug}");
    commit_as(
        &mag,
        actor,
        ctx.now()?,
        &messages::subject_add(&actor.name, title),
        &article_trailers("add", &key),
        &[Change {
            rel: format!("{}/{slug}/{ARTICLE_FILE}", issue_rel(issue)),
            content: text.into_bytes(),
        }],
    )?;
    eprintln!(
        "{}",
        messages::article_added(&key, title, body.chars().count())
    );
    Ok(())
}

/// The body of an incoming file. Plain text and Word documents are cleaned
/// of page furniture, page-broken paragraphs and stray spaces; Markdown is
/// taken as written, and one with its own front matter gives only its text.
/// The longest article the office prints is about 30,000 characters, under
/// 100 KB; a file a hundred times that is not one article.
const MAX_IMPORT_BYTES: u64 = 10 * 1024 * 1024;

pub fn read_body(path: &Path, running_heads: &[String]) -> Result<String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "txt" | "text" | "md" | "markdown" | "docx") {
        return Err(messages::unsupported_file(path));
    }
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(messages::missing_file(path));
    }
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_IMPORT_BYTES {
        return Err(messages::file_too_large(path, size, MAX_IMPORT_BYTES));
    }
    match ext.as_str() {
        "docx" => {
            let bytes = fs::read(path).map_err(|e| messages::read_failed(&shown, &e))?;
            let text = docx::text_of(&bytes).map_err(|_| messages::not_a_docx(&shown))?;
            Ok(cleanup::clean(&text, running_heads))
        }
        "txt" | "text" => Ok(cleanup::clean(&read_text(path, &shown)?, running_heads)),
        _ => {
            let text = read_text(path, &shown)?;
            Ok(match frontmatter::parse(&text) {
                Ok(parsed) => parsed.body,
                Err(_) => frontmatter::canonical_body(&text),
            })
        }
    }
}
