//! One line of an issue's board, as plain data: what `galley status`
//! prints, the desk shows and `--json` gives.

use chrono::NaiveDate;
use serde::Serialize;

use super::status::{Attention, Signed, Withdrawal};

/// One line of the board; also the stable `--json` shape.
#[derive(Serialize)]
pub struct BoardRow {
    pub article: String,
    pub title: String,
    pub section: Option<String>,
    pub page: Option<u32>,
    pub pages: Option<u32>,
    pub in_toc: bool,
    pub editor: Option<String>,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    /// The stage reached, or "draft".
    pub status: String,
    pub status_label: String,
    pub next: Option<String>,
    pub stale: Vec<String>,
    pub signed: Vec<Signed>,
    pub attention: Vec<Attention>,
    pub unsaved: bool,
    /// 撤稿: by whom, when and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}
