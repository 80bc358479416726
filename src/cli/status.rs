use std::io::Write;

use super::{Ctx, table};
use crate::desk::board::{Board, board};
use crate::error::Result;
use crate::messages;
use crate::messages::release as says_release;

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

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mut mag = ctx.magazine()?;
    let today = ctx.now()?.date_naive();
    let me = match args.mine {
        true => Some(ctx.actor(&mag)?.clone()),
        false => None,
    };
    let Board {
        issue,
        file,
        rows,
        stray,
        withdrawn,
        release,
    } = board(&mut mag, args.issue.as_deref(), today, me.as_ref())?;
    let wf = mag.staff.workflow();
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = serde_json::json!({
            "issue": issue.to_string(),
            "articles": rows,
            "withdrawn": withdrawn,
            "released": release.released.as_ref().map(|r| serde_json::json!({"by": r.by, "at": r.at})),
        });
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
    for w in &withdrawn {
        writeln!(out, "{}", says_release::withdrawn_line(w))?;
    }
    if let Some(line) = says_release::release_line(&release) {
        writeln!(out, "{line}")?;
    }
    if !stray.is_empty() {
        writeln!(out, "{}", messages::stray_journal(&stray))?;
    }
    Ok(())
}
