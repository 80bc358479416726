//! The contents page for print, as the command line and the web desk both
//! make it.

use std::path::PathBuf;

use crate::core::contents::{Contents, Problem};
use crate::error::Result;
use crate::messages::toc as says;
use crate::repo::Magazine;
use crate::repo::issue_contents::IssueContents;
use crate::typeset::{self, FontsRequest, Form, Template};

/// The magazine's own template (`templates/toc.typ`), or the built-in one.
pub fn template(mag: &Magazine) -> Result<Template> {
    form_template(mag, typeset::TOC)
}

/// The magazine's own template of a form, or the one built into galley.
pub fn form_template(mag: &Magazine, form: Form) -> Result<Template> {
    let source = if mag.is_file(form.rel) {
        mag.read_text(form.rel)?
    } else {
        form.builtin.to_string()
    };
    Ok(Template {
        shown: form.rel.to_string(),
        source,
        data: form.data,
    })
}

/// The PDF of an issue's contents page with the magazine's template and
/// the fonts this computer has.
pub fn pdf(mag: &Magazine, issue: &IssueContents) -> Result<Vec<u8>> {
    let (contents, _) = issue.contents(mag);
    let json = serde_json::to_string_pretty(&contents).expect("json") + "\n";
    typeset_pdf(
        &template(mag)?,
        &json,
        &[],
        &says::toc_of(&issue.id.to_string()),
    )
}

/// Typesets `json` with `template` and the fonts this computer has, and
/// any font folders named, within the typesetting budget; `what` names the
/// document in a refusal.
pub fn typeset_pdf(
    template: &Template,
    json: &str,
    font_dirs: &[PathBuf],
    what: &str,
) -> Result<Vec<u8>> {
    let fonts = FontsRequest {
        dirs: typeset::font_dirs(font_dirs),
        system: true,
    };
    typeset::worker::pdf(template, json, &fonts, what)
}

/// The contents model and everything standing between the issue and the
/// printer, articles over the 差错率 limit included; both faces show the
/// same list.
pub fn with_problems(mag: &Magazine, issue: &IssueContents) -> Result<(Contents, Vec<Problem>)> {
    let (contents, mut problems) = issue.contents(mag);
    problems.extend(super::quality::over_limit(mag, issue)?);
    Ok((contents, problems))
}
