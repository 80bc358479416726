//! Photo captions, as the print gives them, and the photos themselves.

use toml_edit::{ArrayOfTables, Item, Table, value};

use super::Desk;
use super::common::{
    article_trailers, commit_as, editable_front, ensure_not_withdrawn, ensure_saved, with_front,
};
use crate::core::frontmatter::Photo;
use crate::core::picture::{MAX_PHOTO_BYTES, Picture};
use crate::core::slug;
use crate::core::terminal::clean_line;
use crate::error::Result;
use crate::messages::{self, intake as photo_says};
use crate::repo::commit::Change;
use crate::repo::load;

pub struct PhotoAdded {
    pub key: String,
    pub photo: Photo,
}

/// Adds a caption (and, with `file`, the photo: its name, or none for one
/// galley chooses, and its bytes) to an article. A caption does not touch
/// the text, so sign-offs stay fresh.
pub fn photo(
    desk: &Desk,
    reference: &str,
    caption: &str,
    credit: Option<String>,
    file: Option<(Option<String>, Vec<u8>)>,
) -> Result<PhotoAdded> {
    let mag = desk.mag;
    let article = load::resolve(mag, reference)?;
    ensure_not_withdrawn(&article)?;
    ensure_saved(mag, &article)?;
    let mut photo = Photo::from_printed(&clean_line(caption));
    if let Some(credit) = credit.map(|c| clean_line(&c)).filter(|c| !c.is_empty()) {
        photo.credit = Some(credit);
    }
    if photo.caption.is_empty() && photo.credit.is_none() {
        return Err(messages::empty_caption());
    }
    let mut changes = Vec::new();
    if let Some((name, bytes)) = file {
        let name = match name {
            Some(name) => name,
            None => free_name(&article, Picture::of(&bytes)),
        };
        check_picture(&name, &bytes)?;
        if slug::validate(&name.to_lowercase().replace('.', "-")).is_err() {
            return Err(messages::bad_photo_name(std::path::Path::new(&name)));
        }
        if mag.exists(&format!("{}/{name}", article.rel_dir())) {
            return Err(photo_says::photo_exists(&name));
        }
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
        mag,
        desk.actor,
        desk.now,
        &messages::subject_photo(&desk.actor.name, title),
        &article_trailers("photo", &key),
        &changes,
    )?;
    Ok(PhotoAdded { key, photo })
}

/// Only a JPEG or PNG of a sensible size, named for what it is.
fn check_picture(name: &str, bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(photo_says::empty_photo(name));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(photo_says::photo_too_large(
            name,
            bytes.len(),
            MAX_PHOTO_BYTES,
        ));
    }
    let Some(kind) = Picture::of(bytes) else {
        return Err(photo_says::not_a_picture(name));
    };
    if !kind.named_rightly(name) {
        return Err(photo_says::misnamed_picture(name, kind.extension()));
    }
    Ok(())
}

/// `photo-1.jpg`, `photo-2.png`…: the first name not yet in the article's
/// folder, for a photo uploaded under a name git can't keep (照片.JPG).
fn free_name(article: &load::Article, kind: Option<Picture>) -> String {
    let ext = kind.map(Picture::extension).unwrap_or("bin");
    let taken: Vec<String> = article
        .text
        .front
        .photos
        .iter()
        .filter_map(|p| p.file.clone())
        .collect();
    (1..)
        .map(|n| format!("photo-{n}.{ext}"))
        .find(|name| !taken.contains(name))
        .expect("some number is free")
}
