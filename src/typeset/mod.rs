//! Typesetting with Typst, in process: the contents page, the 稿件处理单,
//! the 付印单 and the 校样. Each template is a `.typ` file the designer
//! edits, and its data reaches it as a JSON file. No external program runs.

mod fonts;
pub mod worker;
mod world;

use std::path::PathBuf;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

pub use fonts::{Fonts, FontsRequest};
use world::TocWorld;

use crate::error::Result;
use crate::messages::toc as says;

/// One kind of page galley typesets: the template file in the magazine
/// that the designer edits, the copy built into galley that is used when
/// the magazine has none, and the name under which the template finds its
/// data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub rel: &'static str,
    pub builtin: &'static str,
    pub data: &'static str,
}

/// The contents page and masthead.
pub const TOC: Form = Form {
    rel: "templates/toc.typ",
    builtin: include_str!("../../templates/toc.typ"),
    data: "contents.json",
};

/// The 稿件处理单 of one article.
pub const SHEET: Form = Form {
    rel: "templates/sheet.typ",
    builtin: include_str!("../../templates/sheet.typ"),
    data: "sheet.json",
};

/// The 付印单 of an issue.
pub const ORDER: Form = Form {
    rel: "templates/order.typ",
    builtin: include_str!("../../templates/order.typ"),
    data: "order.json",
};

/// The 校样 of an article or a whole issue.
pub const PROOF: Form = Form {
    rel: "templates/proof.typ",
    builtin: include_str!("../../templates/proof.typ"),
    data: "proof.json",
};

pub const FORMS: [Form; 4] = [TOC, SHEET, ORDER, PROOF];

pub struct Template {
    /// How the template is named in messages.
    pub shown: String,
    pub source: String,
    /// The name under which it reads its data.
    pub data: &'static str,
}

/// A standalone Typst source: the template with its data written inline,
/// so `typst compile` on it needs nothing else.
pub fn standalone(template: &Template, data_json: &str) -> String {
    let mut literal = String::with_capacity(data_json.len() + 16);
    for c in data_json.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            '"' => literal.push_str("\\\""),
            '\n' => literal.push_str("\\n"),
            _ => literal.push(c),
        }
    }
    template.source.replace(
        &format!("json(\"{}\")", template.data),
        &format!("json(bytes(\"{literal}\"))"),
    )
}

fn describe(world: &TocWorld, template: &Template, d: &SourceDiagnostic) -> String {
    let line = world.range(d.span).map(|r| world.line_of(r.start));
    match line {
        Some(line) => says::template_error_at(&template.shown, line, &d.message),
        None => d.message.to_string(),
    }
}

pub fn pdf(template: &Template, data_json: &str, fonts: &Fonts) -> Result<Vec<u8>> {
    let world = TocWorld::new(&template.source, template.data, data_json, fonts);
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|errors| {
        let details: Vec<String> = errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| describe(&world, template, d))
            .collect();
        says::template_failed(&template.shown, &details)
    })?;
    typst_pdf::pdf(&document, &PdfOptions::default()).map_err(|errors| {
        let details: Vec<String> = errors
            .iter()
            .map(|d| describe(&world, template, d))
            .collect();
        says::template_failed(&template.shown, &details)
    })
}

/// Font folders named by the user: `--font-path` first, then
/// `GALLEY_FONT_PATH` (separated like PATH).
pub fn font_dirs(flag: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs = flag.to_vec();
    if let Some(env) = std::env::var_os("GALLEY_FONT_PATH") {
        dirs.extend(std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()));
    }
    dirs
}
