use std::path::PathBuf;

use super::Ctx;
use super::add::read_body;
use super::common::{article_trailers, commit_as, event_change, new_event};
use crate::core::frontmatter::{self, body_hash};
use crate::core::journal::Op;
use crate::core::staff::Person;
use crate::error::Result;
use crate::messages;
use crate::repo::Magazine;
use crate::repo::commit::{Change, head_bytes};
use crate::repo::load::{self, Article};

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 新的正文文件：.txt、.md 或 .docx
    #[arg(long, value_name = "文件")]
    file: PathBuf,
    /// 修订说明
    #[arg(long, short = 'm', value_name = "说明")]
    message: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let article = load::resolve(&mag, &args.article)?;
    let body = read_body(&args.file, &mag.staff.magazine.running_heads)?;
    record(ctx, &mag, actor, &article, &body, args.message.as_deref())
}

/// Records the article as it now stands (front matter from the work tree,
/// `body` as given) as one commit: a revision with its journal event when
/// the text changed, a plain metadata change otherwise.
pub fn record(
    ctx: &Ctx,
    mag: &Magazine,
    actor: &Person,
    article: &Article,
    body: &str,
    message: Option<&str>,
) -> Result<()> {
    let saved = head_bytes(mag, &article.rel_file())
        .and_then(|b| frontmatter::parse(&String::from_utf8_lossy(&b)).ok());
    let body = frontmatter::canonical_body(body);
    let body_changed = saved.as_ref().is_none_or(|s| s.body != body);
    let front_changed = saved
        .as_ref()
        .is_none_or(|s| s.front_source != article.text.front_source);
    let key = article.key();
    let title = &article.text.front.title;
    if !body_changed && !front_changed {
        eprintln!("{}", messages::nothing_to_save(&key));
        return Ok(());
    }
    let now = ctx.now()?;
    let text = frontmatter::render(&article.text.front_source, &body);
    let mut changes = vec![Change {
        rel: article.rel_file(),
        content: text.into_bytes(),
    }];
    let message = message
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .unwrap_or(messages::DEFAULT_REVISION_MESSAGE);
    let (subject, op) = if body_changed {
        let mut event = new_event(article, Op::Revise, actor, now);
        event.body = Some(body_hash(&body));
        event.note = Some(message.to_string());
        changes.push(event_change(article, &event));
        (
            messages::subject_revise(&actor.name, title, message),
            "revise",
        )
    } else {
        (messages::subject_set(&actor.name, title, &[]), "set")
    };
    commit_as(
        mag,
        actor,
        now,
        &subject,
        &article_trailers(op, &key),
        &changes,
    )?;
    let wf = mag.staff.workflow();
    let stale = if body_changed {
        article
            .status(&wf)
            .signed
            .iter()
            .map(|s| wf.stage_name(&s.stage))
            .collect()
    } else {
        vec![]
    };
    eprintln!("{}", messages::revised(&key, title, body_changed, &stale));
    Ok(())
}
