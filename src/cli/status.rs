use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::common::has_unsaved_body;
use super::{Ctx, table};
use crate::core::status::{Attention, Signed};
use crate::core::workflow::Workflow;
use crate::error::Result;
use crate::messages;
use crate::repo::Magazine;
use crate::repo::load::{self, Article};

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-02；不写则看最新一期
    #[arg(value_name = "期号", add = super::completions::issues())]
    issue: Option<String>,
    /// 只看与我有关的稿件：我负责的，或下一步该我签的
    #[arg(long)]
    mine: bool,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 终端较窄时也按全宽输出，不截短
    #[arg(long)]
    wide: bool,
}

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
}

pub fn board_row(wf: &Workflow, a: &Article, unsaved: bool, today: NaiveDate) -> BoardRow {
    let st = a.status(wf);
    let complete = st.is_complete(wf);
    BoardRow {
        article: a.key(),
        title: a.text.front.title.clone(),
        section: a.text.front.section.clone(),
        page: a.text.front.page,
        pages: a.text.front.pages,
        in_toc: a.text.front.in_toc,
        editor: st.editor.clone(),
        due: st.due,
        overdue: !complete && st.due.is_some_and(|d| d < today),
        status: st.reached.clone().unwrap_or_else(|| "draft".into()),
        status_label: messages::status_label(wf, st.reached.as_deref()),
        next: st.next.clone(),
        stale: st.stale.clone(),
        signed: st.signed.clone(),
        attention: st.attention.clone(),
        unsaved,
    }
}

/// Journal files in the work tree that no commit holds, across the issue.
fn strays(mag: &Magazine, articles: &[Article]) -> Vec<String> {
    articles
        .iter()
        .flat_map(|a| load::stray_journal_files(mag, a))
        .collect()
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mut mag = ctx.magazine()?;
    let issue = load::pick_issue(&mag, args.issue.as_deref())?;
    let file = load::issue(&mag, issue)?;
    let mut articles = load::articles(&mag, issue, &file)?;
    let mut stray = strays(&mag, &articles);
    if !stray.is_empty() {
        // Another galley may be between writing its record and committing
        // it. Once no galley is writing, what is still uncommitted really
        // was left behind.
        mag.hold_writer_lock()?;
        articles = load::articles(&mag, issue, &file)?;
        stray = strays(&mag, &articles);
        mag.writer = None;
    }
    let wf = mag.staff.workflow();
    let today = ctx.now()?.date_naive();
    let me = if args.mine {
        Some(ctx.actor(&mag)?)
    } else {
        None
    };
    let mut rows = Vec::new();
    for a in articles {
        let row = board_row(&wf, &a, has_unsaved_body(&mag, &a), today);
        if let Some(me) = me {
            let mine = row.editor.as_deref() == Some(me.name.as_str())
                || row
                    .next
                    .as_deref()
                    .and_then(|n| wf.stage(n))
                    .is_some_and(|stage| wf.may_sign(stage, me, row.editor.as_deref()).is_ok());
            if !mine {
                continue;
            }
        }
        rows.push(row);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = serde_json::json!({"issue": issue.to_string(), "articles": rows});
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("json")
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        messages::board_title(&mag.staff.magazine.name, &file)
    )?;
    if rows.is_empty() {
        writeln!(out, "{}", messages::board_empty(args.mine))?;
        return Ok(());
    }
    let width = table::width(args.wide);
    let issue_text = issue.to_string();
    // Given in order: what gives way first when the terminal is narrow.
    let mut t = table::Fit::new(&messages::BOARD_HEADER).shrinking(&[
        table::Shrink {
            column: 3,
            soft: 30,
            min: 12,
        },
        table::Shrink {
            column: 1,
            soft: 12,
            min: 8,
        },
        table::Shrink {
            column: 2,
            soft: 12,
            min: 10,
        },
    ]);
    let mut notes = Vec::new();
    for r in &rows {
        let mut state = r.status_label.clone();
        if !r.attention.is_empty() {
            state.push_str(messages::ATTENTION_MARK);
            notes.extend(
                r.attention
                    .iter()
                    .map(|x| messages::attention(&r.article, &wf, x)),
            );
        }
        if r.unsaved {
            state.push_str(messages::UNSAVED_MARK);
        }
        t.row(vec![
            messages::page_cell(r.page, r.pages),
            match (&r.section, r.in_toc) {
                (_, false) => messages::NOT_IN_TOC.to_string(),
                (section, true) => section.clone().unwrap_or_default(),
            },
            match width {
                Some(_) => table::without_issue(&r.article, &issue_text),
                None => r.article.clone(),
            },
            r.title.clone(),
            r.editor.clone().unwrap_or_else(|| messages::NOBODY.into()),
            state,
            r.next
                .as_deref()
                .map(|n| messages::next_label(&wf, n))
                .unwrap_or_default(),
            r.stale
                .iter()
                .map(|s| wf.stage_name(s))
                .collect::<Vec<_>>()
                .join("、"),
            messages::due_cell(r.due, r.overdue),
        ]);
    }
    writeln!(out, "{}", t.render(width))?;
    writeln!(out, "{}", messages::board_summary(&wf, &rows))?;
    for n in notes {
        writeln!(out, "{n}")?;
    }
    if !stray.is_empty() {
        writeln!(out, "{}", messages::stray_journal(&stray))?;
    }
    Ok(())
}
