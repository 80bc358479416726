//! What changed between two versions of an article's text: the read model
//! behind `galley diff` and the web desk's redline.

use std::time::{Duration, Instant};

use crate::core::diff::{self, Options, Redline, tokens};
use crate::error::Result;
use crate::repo::Magazine;
use crate::repo::load::Article;
use crate::repo::revisions::revisions;
use crate::repo::versions::{self, Version};

/// How long a comparison may run before the rest is shown paragraph by
/// paragraph; a whole rewrite must never hang the page or the terminal.
const BUDGET: Duration = Duration::from_secs(1);

pub struct Comparison {
    pub from: Version,
    pub to: Version,
    /// `from` is later than `to`: the change is shown backwards.
    pub reversed: bool,
    /// Nothing was named and there is only one revision: nothing to show.
    pub only_one: bool,
    pub redline: Redline,
}

/// Compares `from` and `to` (revision names as `galley diff` takes them).
/// Without `from`, the text of the newest sign-off; without `to`, the
/// current text.
pub fn compare(
    mag: &Magazine,
    article: &Article,
    from: Option<&str>,
    to: Option<&str>,
    segmenter: &tokens::Segmenter,
) -> Result<Comparison> {
    let history = revisions(mag, &article.rel_file())?;
    let from_version = match from {
        Some(rev) => versions::pick(mag, article, &history, rev)?,
        None => versions::default_from(mag, article, &history)?,
    };
    let to_version = match to {
        Some(rev) => versions::pick(mag, article, &history, rev)?,
        None => versions::work(article, &history),
    };
    let only_one = from.is_none()
        && to.is_none()
        && history.len() <= 1
        && from_version.body == to_version.body;
    let options = Options {
        segmenter,
        deadline: Some(Instant::now() + BUDGET),
    };
    let redline = diff::compare(&from_version.body, &to_version.body, &options);
    Ok(Comparison {
        reversed: from_version.order > to_version.order,
        from: from_version,
        to: to_version,
        only_one,
        redline,
    })
}
