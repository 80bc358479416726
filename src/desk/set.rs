//! Changing what the front matter says: title, section, pages, ….

use toml_edit::{Array, value};

use super::Desk;
use super::common::{
    article_trailers, commit_as, editable_front, ensure_not_withdrawn, ensure_saved, with_front,
};
use crate::core::frontmatter::{Front, Pins};
use crate::core::status::fold;
use crate::core::terminal::clean_line;
use crate::error::Result;
use crate::messages;
use crate::repo::commit::Change;
use crate::repo::load;

#[derive(Clone, Copy)]
pub enum FieldKind {
    Text,
    List,
    Number,
    Flag,
}

/// Front-matter keys people may set, with the Chinese words they may use.
pub const FIELDS: [(&str, &str, FieldKind); 10] = [
    ("kicker", "引题", FieldKind::Text),
    ("title", "标题", FieldKind::Text),
    ("subtitle", "副标题", FieldKind::Text),
    ("authors", "作者", FieldKind::List),
    ("byline", "署名", FieldKind::Text),
    ("toc_credit", "目次署名", FieldKind::Text),
    ("section", "栏目", FieldKind::Text),
    ("page", "页码", FieldKind::Number),
    ("pages", "页数", FieldKind::Number),
    ("in_toc", "目次", FieldKind::Flag),
];

/// A field as a person would type it back into a form: lists joined with
/// 、, numbers as digits, absent as empty.
/// Fields long enough to wrap: a 30-character title in a one-line box
/// cannot be read whole while it is edited.
pub fn is_long_text(key: &str) -> bool {
    matches!(key, "kicker" | "title" | "subtitle" | "byline")
}

pub fn shown_value(front: &Front, key: &str) -> String {
    match key {
        "kicker" => front.kicker.clone().unwrap_or_default(),
        "title" => front.title.clone(),
        "subtitle" => front.subtitle.clone().unwrap_or_default(),
        "authors" => front.authors.join("、"),
        "byline" => front.byline.clone().unwrap_or_default(),
        "toc_credit" => front.toc_credit.clone().unwrap_or_default(),
        "section" => front.section.clone().unwrap_or_default(),
        "page" => front.page.map(|p| p.to_string()).unwrap_or_default(),
        "pages" => front.pages.map(|p| p.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

pub enum FieldsSet {
    Unchanged {
        key: String,
    },
    Set {
        key: String,
        changed: Vec<&'static str>,
        /// Stages whose sign-offs pinned a printed field that changed.
        stale: Vec<String>,
    },
}

/// Sets front-matter fields from `key=value` pairs (keys in English or
/// Chinese; an empty value removes the field).
pub fn set(desk: &Desk, reference: &str, pairs: &[String]) -> Result<FieldsSet> {
    let mag = desk.mag;
    let article = load::resolve(mag, reference)?;
    ensure_not_withdrawn(&article)?;
    ensure_saved(mag, &article)?;
    let mut doc = editable_front(&article)?;
    let mut changed = Vec::new();
    for pair in pairs {
        let (key, raw) = pair
            .split_once('=')
            .ok_or_else(|| messages::bad_assignment(pair))?;
        let key = key.trim();
        let (name, _, kind) = FIELDS
            .iter()
            .find(|(k, zh, _)| *k == key || *zh == key)
            .ok_or_else(|| messages::unknown_field(key, &FIELDS.map(|f| f.0)))?;
        let raw = clean_line(raw);
        let raw = raw.as_str();
        if raw.is_empty() {
            if *name == "title" {
                return Err(messages::empty_title());
            }
            doc.remove(name);
        } else {
            doc[name] = match kind {
                FieldKind::Text => value(raw),
                FieldKind::Number => {
                    let n: i64 = raw
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| messages::bad_number(name, raw))?;
                    value(n)
                }
                FieldKind::Flag => {
                    value(parse_flag(raw).ok_or_else(|| messages::bad_flag(name, raw))?)
                }
                FieldKind::List => {
                    let items: Array = raw
                        .split([',', '，', '、', ';', '；'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .collect();
                    value(items)
                }
            };
        }
        changed.push(*name);
    }
    let (text, parsed) = with_front(&article, &doc)?;
    let issue_file = load::issue(mag, article.issue)?;
    if let Some(section) = &parsed.front.section
        && !issue_file.sections.is_empty()
        && !issue_file.sections.contains(section)
    {
        return Err(messages::unknown_section(section, &issue_file.sections));
    }
    let key = article.key();
    if parsed.front == article.text.front {
        return Ok(FieldsSet::Unchanged { key });
    }
    commit_as(
        mag,
        desk.actor,
        desk.now,
        &messages::subject_set(&desk.actor.name, &parsed.front.title, &changed),
        &article_trailers("set", &key),
        &[Change {
            rel: article.rel_file(),
            content: text.into_bytes(),
        }],
    )?;
    let wf = mag.staff.workflow();
    let held = article.status(&wf).fresh_stages();
    let now_held = fold(&article.events, &wf, &Pins::of(&parsed)).fresh_stages();
    let stale = held
        .iter()
        .filter(|stage| !now_held.contains(stage))
        .map(|stage| wf.stage_name(stage))
        .collect();
    Ok(FieldsSet::Set {
        key,
        changed,
        stale,
    })
}

fn parse_flag(raw: &str) -> Option<bool> {
    match raw {
        "true" | "是" | "yes" | "1" => Some(true),
        "false" | "否" | "no" | "0" => Some(false),
        _ => None,
    }
}
