//! Builds a magazine repository of many years, exactly as galley's own
//! commands leave it: staff.toml, one issue.toml per issue, articles with
//! text, and for every article the steps the office takes (add, assign,
//! revise, proofread, approve, set the pages, sometimes a late revision),
//! each a commit by the person who acted, with galley's trailers and its
//! journal files. git2 writes the objects directly, so thirty years take
//! seconds, not the hours the command line would.

// Included by two benchmarks and a test, each using part of it.
#![allow(dead_code)]

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use git2::build::{CheckoutBuilder, TreeUpdateBuilder};
use git2::{FileMode, Oid, Repository, Signature, Time};

use galley::core::frontmatter::{self, Front, body_hash};
use galley::core::issue::{IssueFile, IssueId};
use galley::core::journal::{self, Event, Op};
use galley::desk::common::message;
use galley::messages;
use galley::repo::history::{TRAILER_ARTICLE, TRAILER_OP, TRAILER_STAGE};

const STAFF: &str = include_str!("../../staff.toml");
pub const ARTICLES_PER_ISSUE: usize = 20;
const SECTIONS: [&str; 4] = ["卷首语", "重要言论", "调查研究", "基层实践"];
const EDITORS: [&str; 3] = ["刘卫防", "王栋栋", "荣萍萍"];

/// What was built, for the benchmark to ask about.
pub struct Archive {
    pub commits: usize,
    pub issues: Vec<String>,
    pub newest_article: String,
}

struct Writer<'r> {
    repo: &'r Repository,
    head: Option<Oid>,
    tree: Oid,
    commits: usize,
}

impl Writer<'_> {
    fn commit(
        &mut self,
        who: &str,
        at: DateTime<FixedOffset>,
        subject: &str,
        trailers: &[(&str, &str)],
        files: &[(String, Vec<u8>)],
    ) -> Result<()> {
        let base = self.repo.find_tree(self.tree)?;
        let mut update = TreeUpdateBuilder::new();
        for (path, bytes) in files {
            update.upsert(path, self.repo.blob(bytes)?, FileMode::Blob);
        }
        self.tree = update.create_updated(self.repo, &base)?;
        let time = Time::new(at.timestamp(), at.offset().local_minus_utc() / 60);
        let sig = Signature::new(who, "galley@localhost", &time)?;
        let parent = self.head.map(|h| self.repo.find_commit(h)).transpose()?;
        let parents: Vec<_> = parent.iter().collect();
        let tree = self.repo.find_tree(self.tree)?;
        let oid = self.repo.commit(
            None,
            &sig,
            &sig,
            &message(subject, trailers),
            &tree,
            &parents,
        )?;
        self.head = Some(oid);
        self.commits += 1;
        Ok(())
    }
}

/// Text that reads like a report: paragraphs of Chinese with numbers.
fn body(seed: usize, paragraphs: usize) -> String {
    const WORDS: [&str; 12] = [
        "坚持以人民为中心",
        "推动高质量发展",
        "濮阳市",
        "产业链",
        "新材料",
        "氢能",
        "营商环境",
        "城市更新",
        "乡村振兴",
        "数字经济",
        "稳中求进",
        "改革创新",
    ];
    (0..paragraphs)
        .map(|p| {
            let mut line = String::new();
            for w in 0..18 {
                line.push_str(WORDS[(seed * 7 + p * 5 + w * 3) % WORDS.len()]);
                line.push(if w % 6 == 5 { '。' } else { '，' });
            }
            line.push_str(&format!("2023年增长{}.{}%。", (seed + p) % 20, p % 10));
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn event(op: Op, by: &str, at: DateTime<FixedOffset>, seen: &[Event], entropy: &str) -> Event {
    let mut e = Event::new(op, by, at);
    e.id = journal::new_id(at, entropy);
    e.seen = journal::tips(seen);
    e
}

/// Changes when the generator changes, so an old cached archive is rebuilt.
const ARCHIVE_VERSION: &str = "archive-v1";

/// The `years`-year archive in `target/bench-archive/`, built the first
/// time it is asked for. Returns its folder, the newest issue and article,
/// and how many commits it was built with.
pub fn cached(years: usize) -> Result<(std::path::PathBuf, String, String, usize)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-archive/{years}y"));
    let marker = dir.join(".git/galley-bench");
    if let Ok(text) = std::fs::read_to_string(&marker)
        && let [version, issue, article, commits] = text.lines().collect::<Vec<_>>()[..]
        && version == ARCHIVE_VERSION
    {
        return Ok((dir, issue.into(), article.into(), commits.parse()?));
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let started = std::time::Instant::now();
    let built = build(&dir, years)?;
    let issue = built.issues.last().context("issues")?.clone();
    eprintln!(
        "built a {years}-year archive: {} commits, {} issues, in {:.1} s",
        built.commits,
        built.issues.len(),
        started.elapsed().as_secs_f64()
    );
    std::fs::write(
        &marker,
        format!(
            "{ARCHIVE_VERSION}\n{issue}\n{}\n{}\n",
            built.newest_article, built.commits
        ),
    )?;
    Ok((dir, issue, built.newest_article, built.commits))
}

/// Builds `years` years of 12 issues into an empty folder `dir`, with the
/// work tree checked out at the end.
pub fn build(dir: &Path, years: usize) -> Result<Archive> {
    build_sized(dir, years, ARTICLES_PER_ISSUE)
}

/// The same with `per_issue` articles in each issue.
pub fn build_sized(dir: &Path, years: usize, per_issue: usize) -> Result<Archive> {
    let repo = Repository::init(dir).context("making the archive's repository")?;
    repo.set_head("refs/heads/main")?;
    let empty = repo.treebuilder(None)?.write()?;
    let mut w = Writer {
        repo: &repo,
        head: None,
        tree: empty,
        commits: 0,
    };
    let zone = FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    let first_year = 2026 - years as i32;
    let start = zone
        .with_ymd_and_hms(first_year, 1, 2, 9, 0, 0)
        .single()
        .context("start date")?;
    w.commit(
        "王焕彩",
        start,
        &messages::subject_init("当代濮阳"),
        &[(TRAILER_OP, "init")],
        &[("staff.toml".into(), STAFF.as_bytes().to_vec())],
    )?;
    let mut issues = Vec::new();
    let mut newest_article = String::new();
    let mut total = 100;
    for year in 0..years {
        for number in 1..=12u32 {
            total += 1;
            let id = IssueId {
                year: first_year + year as i32,
                number,
            };
            let month = zone
                .with_ymd_and_hms(id.year, number, 1, 9, 0, 0)
                .single()
                .context("issue date")?;
            let file = IssueFile::new(id, Some(total), SECTIONS.map(str::to_string).to_vec());
            let issue_dir = format!("issues/{id}");
            w.commit(
                "王焕彩",
                month,
                &messages::subject_issue_new("王焕彩", &file),
                &[(TRAILER_OP, "issue-new")],
                &[(
                    format!("{issue_dir}/issue.toml"),
                    toml::to_string(&file)?.into_bytes(),
                )],
            )?;
            let mut page = 1;
            for a in 0..per_issue {
                let seed = total as usize * 31 + a;
                let slug = format!("a{a:02}");
                let key = format!("{id}/{slug}");
                let dir_rel = format!("{issue_dir}/{slug}");
                let file_rel = format!("{dir_rel}/article.md");
                let journal = |e: &Event| {
                    (
                        format!("{dir_rel}/journal/{}.toml", e.id),
                        e.to_toml().into_bytes(),
                    )
                };
                let title = format!("关于我市第{}项工作的调研报告（{}）", a + 1, total);
                let mut front = Front::new(&title);
                front.authors = vec![EDITORS[seed % 3].to_string()];
                front.section = Some(SECTIONS[a % SECTIONS.len()].to_string());
                let mut text = body(seed, 12 + seed % 12);
                let mut at = month + Duration::minutes(10 * a as i64);
                let mut tick = || {
                    at += Duration::minutes(7);
                    at
                };
                let render = |front: &Front, text: &str| {
                    frontmatter::render(&frontmatter::render_front(front), text).into_bytes()
                };
                let trailers =
                    |op: &'static str| vec![(TRAILER_OP, op), (TRAILER_ARTICLE, key.as_str())];
                let mut events: Vec<Event> = Vec::new();

                let t = tick();
                w.commit(
                    "王焕彩",
                    t,
                    &messages::subject_add("王焕彩", &title),
                    &trailers("add"),
                    &[(file_rel.clone(), render(&front, &text))],
                )?;

                let editor = EDITORS[seed % 3];
                let mut e = event(
                    Op::Assign,
                    "王焕彩",
                    tick(),
                    &events,
                    &format!("{key}|assign"),
                );
                e.editor = Some(editor.to_string());
                w.commit(
                    "王焕彩",
                    e.at,
                    &messages::subject_assign("王焕彩", &title, editor),
                    &trailers("assign"),
                    &[journal(&e)],
                )?;
                events.push(e);

                text = text.replacen("推动高质量发展", "推动经济高质量发展", 1);
                let mut e = event(
                    Op::Revise,
                    editor,
                    tick(),
                    &events,
                    &format!("{key}|revise1"),
                );
                e.body = Some(body_hash(&text));
                e.note = Some("核对数字".into());
                w.commit(
                    editor,
                    e.at,
                    &messages::subject_revise(editor, &title, "核对数字"),
                    &trailers("revise"),
                    &[(file_rel.clone(), render(&front, &text)), journal(&e)],
                )?;
                events.push(e);

                for (stage, name, who) in [
                    ("proofread", "校对", "宋欣龙"),
                    ("approved", "审定", "高昌运"),
                ] {
                    let mut e = event(Op::Signoff, who, tick(), &events, &format!("{key}|{stage}"));
                    e.stage = Some(stage.into());
                    e.body = Some(body_hash(&text));
                    let mut t = trailers("signoff");
                    t.push((TRAILER_STAGE, stage));
                    w.commit(
                        who,
                        e.at,
                        &messages::subject_signoff(who, &title, name),
                        &t,
                        &[journal(&e)],
                    )?;
                    events.push(e);
                }

                front.page = Some(page);
                front.pages = Some(2 + (seed % 3) as u32);
                page += front.pages.unwrap_or(2);
                let t = tick();
                w.commit(
                    "王焕彩",
                    t,
                    &messages::subject_set("王焕彩", &title, &["page", "pages"]),
                    &trailers("set"),
                    &[(file_rel.clone(), render(&front, &text))],
                )?;

                if seed.is_multiple_of(5) {
                    text.push_str("\n（本文有删节）");
                    let mut e = event(
                        Op::Revise,
                        editor,
                        tick(),
                        &events,
                        &format!("{key}|revise2"),
                    );
                    e.body = Some(body_hash(&text));
                    e.note = Some("补注".into());
                    w.commit(
                        editor,
                        e.at,
                        &messages::subject_revise(editor, &title, "补注"),
                        &trailers("revise"),
                        &[(file_rel.clone(), render(&front, &text)), journal(&e)],
                    )?;
                }
                newest_article = key;
            }
            issues.push(id.to_string());
        }
    }
    let head = w.head.context("the archive has commits")?;
    repo.reference("refs/heads/main", head, true, "archive")?;
    repo.checkout_head(Some(CheckoutBuilder::new().force()))
        .context("checking the archive out")?;
    Ok(Archive {
        commits: w.commits,
        issues,
        newest_article,
    })
}
