//! The office's word lists under `style/`, read from the work tree (or
//! HEAD when serving a bare repository). A list that is not there falls
//! back to galley's starter list.

use super::Magazine;
use crate::core::lint::Style;
use crate::core::lint::style::{
    CANONICAL_FILE, CONFUSION_FILE, DATES_FILE, DIR, MEETINGS_FILE, NAMES_FILE,
};
use crate::error::Result;
use crate::messages;

pub fn load(mag: &Magazine) -> Result<Style> {
    let read = |file: &str| -> Result<Option<String>> {
        let rel = format!("{DIR}/{file}");
        if !mag.is_file(&rel) {
            return Ok(None);
        }
        mag.read_text(&rel).map(Some)
    };
    let (canonical, confusions, names) = (
        read(CANONICAL_FILE)?,
        read(CONFUSION_FILE)?,
        read(NAMES_FILE)?,
    );
    let (dates, meetings) = (read(DATES_FILE)?, read(MEETINGS_FILE)?);
    Style::parse(
        canonical.as_deref(),
        confusions.as_deref(),
        names.as_deref(),
        dates.as_deref(),
        meetings.as_deref(),
    )
    .map_err(|p| messages::lint::style_unreadable(&mag.abs(&format!("{DIR}/{}", p.file)), &p))
}
