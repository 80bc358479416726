//! The contents page as plain text (for the terminal and for pasting into
//! layout software) and as Markdown.

use crate::core::contents::{Contents, Entry, Masthead};
use crate::core::terminal::sanitize;
use crate::messages::toc as says;

/// The credit after the last line of an entry, set off by two ideographic
/// spaces, as layout software keeps it.
const CREDIT_GAP: &str = "\u{3000}\u{3000}";

fn credit(entry: &Entry) -> String {
    entry.credit.join(" ")
}

fn cover_line(label: &str, note: &crate::core::issue::CoverNote) -> String {
    match &note.photographer {
        Some(p) => format!(
            "{label}：{}{CREDIT_GAP}{p} {}",
            note.note,
            says::PHOTO_CREDIT
        ),
        None => format!("{label}：{}", note.note),
    }
}

/// Label and value pairs of the masthead block, in print order.
pub fn masthead_lines(m: &Masthead) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = m
        .people
        .iter()
        .map(|r| (says::spread(&r.title), r.names.join(" ")))
        .collect();
    let values = [
        m.publisher.clone(),
        m.phones.join(" "),
        m.postcode.clone(),
        m.email.clone(),
        m.address.clone(),
        m.approved_by.clone(),
        m.distribution.clone(),
        m.printer.clone(),
        m.print_date.clone().unwrap_or_default(),
        m.print_run.map(says::print_run).unwrap_or_default(),
        m.permit.clone(),
    ];
    for (label, value) in says::MASTHEAD_FIELDS.iter().zip(values) {
        if !value.trim().is_empty() {
            lines.push((says::spread(label), value));
        }
    }
    lines
}

pub fn text(c: &Contents) -> String {
    let mut out = Vec::new();
    let head = &c.magazine;
    out.push(says::sponsor_line(&head.sponsor));
    out.push(head.name.clone());
    out.push(head.latin_name.clone());
    out.push(format!(
        "{}  {}",
        says::year_number(c.issue.year, c.issue.number),
        says::period(c.issue.total)
    ));
    if !head.motto.is_empty() {
        out.push(says::motto_line(&head.motto));
    }
    out.push(String::new());
    out.push(says::CONTENTS_HEADING.to_string());
    for section in &c.sections {
        out.push(String::new());
        out.push(format!("{} {}", says::SECTION_MARK, section.name));
        for e in &section.entries {
            let page = if e.page_label.is_empty() {
                "  ".to_string()
            } else {
                e.page_label.clone()
            };
            let mut lines = vec![format!("{page}  {}", e.title)];
            if let Some(sub) = &e.subtitle {
                lines.push(format!("    {sub}"));
            }
            if let Some(last) = lines.last_mut()
                && !e.credit.is_empty()
            {
                last.push_str(CREDIT_GAP);
                last.push_str(&credit(e));
            }
            out.extend(lines);
        }
    }
    out.push(String::new());
    if let Some(cover) = &c.cover {
        out.push(cover_line(says::COVER, cover));
    }
    if let Some(back) = &c.back_cover {
        out.push(cover_line(says::BACK_COVER, back));
    }
    if !c.callouts.is_empty() {
        let labels: Vec<String> = c
            .callouts
            .iter()
            .map(|k| match &k.caption {
                Some(cap) => format!("{} {cap}", k.label),
                None => k.label.clone(),
            })
            .collect();
        out.push(format!("{}：{}", says::CALLOUTS, labels.join("\u{3000}")));
    }
    out.push(String::new());
    out.push(says::MASTHEAD_RULE.to_string());
    out.push(format!(
        "{}  {}",
        says::year_number_masthead(c.issue.year, c.issue.number),
        says::period(c.issue.total)
    ));
    for (label, value) in masthead_lines(&c.masthead) {
        out.push(format!("{label}：{value}"));
    }
    if !c.masthead.notice.is_empty() {
        out.push(c.masthead.notice.clone());
    }
    out.iter()
        .map(|l| sanitize(l.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn md_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>' | '`'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn markdown(c: &Contents) -> String {
    let head = &c.magazine;
    let mut out = vec![
        format!("# {}", md_escape(&head.name)),
        String::new(),
        format!(
            "{} · {} · {} {}",
            md_escape(&says::sponsor_line(&head.sponsor)),
            md_escape(&head.latin_name),
            says::year_number(c.issue.year, c.issue.number),
            says::period(c.issue.total)
        ),
        String::new(),
        format!("## {}", says::CONTENTS_HEADING),
    ];
    for section in &c.sections {
        out.push(String::new());
        out.push(format!(
            "### {} {}",
            says::SECTION_MARK,
            md_escape(&section.name)
        ));
        out.push(String::new());
        for e in &section.entries {
            let mut line = format!("- **{}** {}", e.page_label, md_escape(&e.title));
            if let Some(sub) = &e.subtitle {
                line.push_str(&format!("  \n  {}", md_escape(sub)));
            }
            if !e.credit.is_empty() {
                line.push_str(&format!(" —— {}", md_escape(&credit(e))));
            }
            out.push(line);
        }
    }
    out.push(String::new());
    for (label, note) in [(says::COVER, &c.cover), (says::BACK_COVER, &c.back_cover)] {
        if let Some(n) = note {
            out.push(format!("{}  ", md_escape(&cover_line(label, n))));
        }
    }
    if !c.callouts.is_empty() {
        let labels: Vec<&str> = c.callouts.iter().map(|k| k.label.as_str()).collect();
        out.push(format!("{}：{}", says::CALLOUTS, labels.join(" ")));
    }
    out.push(String::new());
    out.push("---".to_string());
    out.push(String::new());
    out.push(format!(
        "{} {}  ",
        says::year_number_masthead(c.issue.year, c.issue.number),
        says::period(c.issue.total)
    ));
    for (label, value) in masthead_lines(&c.masthead) {
        out.push(format!("{}：{}  ", md_escape(&label), md_escape(&value)));
    }
    if !c.masthead.notice.is_empty() {
        out.push(md_escape(&c.masthead.notice));
    }
    out.join("\n") + "\n"
}
