//! The contents page for print, as the command line and the web desk both
//! make it.

use crate::error::Result;
use crate::repo::Magazine;
use crate::repo::issue_contents::IssueContents;
use crate::typeset::{self, Fonts, FontsRequest, Template};

/// The magazine's own template (`templates/toc.typ`), or the built-in one.
pub fn template(mag: &Magazine) -> Result<Template> {
    let source = if mag.is_file(typeset::TEMPLATE_REL) {
        mag.read_text(typeset::TEMPLATE_REL)?
    } else {
        typeset::BUILTIN_TEMPLATE.to_string()
    };
    Ok(Template {
        shown: typeset::TEMPLATE_REL.to_string(),
        source,
    })
}

/// The PDF of an issue's contents page with the magazine's template and
/// the fonts this computer has.
pub fn pdf(mag: &Magazine, issue: &IssueContents) -> Result<Vec<u8>> {
    let (contents, _) = issue.contents(mag);
    let json = serde_json::to_string_pretty(&contents).expect("json") + "\n";
    let fonts = Fonts::discover(&FontsRequest {
        dirs: typeset::font_dirs(&[]),
        system: true,
    })?;
    typeset::pdf(&template(mag)?, &json, &fonts)
}
