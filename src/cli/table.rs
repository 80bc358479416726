//! Terminal tables with plain ASCII borders: ambiguous-width characters such
//! as “” and —— misalign box drawing in CJK terminals.

use comfy_table::presets::ASCII_FULL_CONDENSED;
use comfy_table::{ContentArrangement, LineStyle, Table};

use crate::core::terminal::sanitize;

pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(ASCII_FULL_CONDENSED.header_separator(LineStyle::new('+', '=', '+', '+')))
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    table
}

pub fn row(table: &mut Table, cells: Vec<String>) {
    table.add_row(cells.into_iter().map(|c| sanitize(&c)).collect::<Vec<_>>());
}
