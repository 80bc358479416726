//! Typesetting the contents page with Typst, in process: the template is a
//! `.typ` file the designer edits, and the contents model reaches it as
//! `contents.json`. No external program runs.

mod fonts;
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

/// The template that ships inside galley, used when the magazine has none.
pub const BUILTIN_TEMPLATE: &str = include_str!("../../templates/toc.typ");
pub const TEMPLATE_REL: &str = "templates/toc.typ";
/// The name under which the template finds its data.
pub const DATA_FILE: &str = "contents.json";

pub struct Template {
    /// How the template is named in messages.
    pub shown: String,
    pub source: String,
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
        &format!("json(\"{DATA_FILE}\")"),
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
    let world = TocWorld::new(&template.source, data_json, fonts);
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
