use std::fs;
use std::path::PathBuf;

use toml_edit::{ArrayOfTables, Item, Table, value};

use super::Ctx;
use super::common::{article_trailers, commit_as, editable_front, ensure_saved, with_front};
use crate::core::frontmatter::Photo;
use crate::core::slug;
use crate::error::Result;
use crate::messages;
use crate::repo::commit::Change;
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 图片说明，照印刷样写，如“2023年12月20日，专题调研组赴……调研。 赵留丹 / 摄”
    #[arg(value_name = "图片说明")]
    caption: String,
    /// 摄影者；不写则从说明末尾的“某某 / 摄”读出
    #[arg(long, value_name = "摄影")]
    credit: Option<String>,
    /// 图片文件，复制到稿件目录里
    #[arg(long, value_name = "文件")]
    file: Option<PathBuf>,
}

/// Adds a photo caption (and optionally the photo) to an article.
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let article = load::resolve(&mag, &args.article)?;
    ensure_saved(&mag, &article)?;
    let mut photo = Photo::from_printed(&args.caption);
    if let Some(credit) = args.credit.filter(|c| !c.trim().is_empty()) {
        photo.credit = Some(credit.trim().to_string());
    }
    if photo.caption.is_empty() && photo.credit.is_none() {
        return Err(messages::empty_caption());
    }
    let mut changes = Vec::new();
    if let Some(path) = &args.file {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| slug::validate(&n.to_lowercase().replace('.', "-")).is_ok())
            .ok_or_else(|| messages::bad_photo_name(path))?;
        let bytes =
            fs::read(path).map_err(|e| messages::read_failed(&path.display().to_string(), &e))?;
        changes.push(Change {
            rel: format!("{}/{name}", article.rel_dir()),
            content: bytes,
        });
        photo.file = Some(name);
    }
    let mut doc = editable_front(&article)?;
    let mut entry = Table::new();
    if let Some(file) = &photo.file {
        entry["file"] = value(file.as_str());
    }
    entry["caption"] = value(photo.caption.as_str());
    if let Some(credit) = &photo.credit {
        entry["credit"] = value(credit.as_str());
    }
    if !doc.contains_key("photos") {
        doc["photos"] = Item::ArrayOfTables(ArrayOfTables::new());
    }
    doc["photos"]
        .as_array_of_tables_mut()
        .ok_or_else(|| messages::broken_front_plain(&article.rel_file()))?
        .push(entry);
    let (text, _) = with_front(&article, &doc)?;
    changes.push(Change {
        rel: article.rel_file(),
        content: text.into_bytes(),
    });
    let key = article.key();
    let title = &article.text.front.title;
    commit_as(
        &mag,
        actor,
        ctx.now()?,
        &messages::subject_photo(&actor.name, title),
        &article_trailers("photo", &key),
        &changes,
    )?;
    eprintln!("{}", messages::photo_added(&key, &photo));
    Ok(())
}
