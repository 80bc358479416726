//! A redline as one self-contained HTML page: the whole article, deletions
//! struck through in red, insertions underlined in green, paragraph numbers
//! in the margin, and colours that survive printing.

use super::html::escape;
use crate::core::diff::{Block, Redline, Run};
use crate::messages::diff as says;

const STYLE: &str = r#"
@page { size: A4; margin: 20mm 18mm 20mm 24mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
  font-size: 12pt; line-height: 1.9; color: #111; max-width: 44em; margin: 2em auto; padding-left: 3em; }
h1 { font-size: 16pt; margin: 0 0 .2em; }
.labels { font-size: 10pt; color: #444; margin-bottom: 1.2em; }
p { position: relative; text-indent: 2em; margin: 0 0 .35em; }
.n { position: absolute; left: -3em; width: 2.4em; text-indent: 0; text-align: right;
  font-size: 8pt; color: #888; font-family: sans-serif; }
del { color: #b3001b; background: #fde7ea; text-decoration: line-through; }
ins { color: #04662d; background: #e3f5e8; text-decoration: underline; }
.moved { border-left: 3px solid #2a5db0; padding-left: .6em; }
.changed { border-left: 3px solid #b3001b; padding-left: .6em; }
.note { text-indent: 0; font-size: 9pt; color: #2a5db0; }
.summary { margin-top: 1.5em; padding-top: .5em; border-top: 1px solid #999; font-weight: bold; }
@media print {
  body { margin: 0; max-width: none; }
  del, ins, .moved, .changed { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  p { orphans: 2; widows: 2; }
}
"#;

fn mark(tag: &str, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("<{tag}>{}</{tag}>", escape(text))
    }
}

/// Writes runs as paragraphs; `numbers` are the new paragraph numbers the
/// runs cover, in order. A paragraph break inside an insertion opens a
/// new paragraph (a split); one inside a deletion is drawn as ¶ (a join).
fn paragraphs(runs: &[Run], numbers: &[usize], class: &str, out: &mut String) {
    let mut numbers = numbers.iter();
    let open = |numbers: &mut std::slice::Iter<usize>, out: &mut String| {
        let n = numbers
            .next()
            .map(|n| (n + 1).to_string())
            .unwrap_or_default();
        out.push_str(&format!("<p{class}><span class=\"n\">{n}</span>"));
    };
    open(&mut numbers, out);
    for run in runs {
        match run {
            Run::Same { text } => {
                let mut parts = text.split('\n');
                out.push_str(&escape(parts.next().unwrap_or_default()));
                for part in parts {
                    out.push_str("</p>\n");
                    open(&mut numbers, out);
                    out.push_str(&escape(part));
                }
            }
            Run::Change { old, new } => {
                out.push_str(&mark("del", &old.replace('\n', "¶")));
                let mut parts = new.split('\n');
                out.push_str(&mark("ins", parts.next().unwrap_or_default()));
                for part in parts {
                    out.push_str("<ins>¶</ins></p>\n");
                    open(&mut numbers, out);
                    out.push_str(&mark("ins", part));
                }
            }
        }
    }
    out.push_str("</p>\n");
}

fn whole_paragraphs(
    old: &str,
    new: &str,
    old_numbers: &[usize],
    new_numbers: &[usize],
    out: &mut String,
) {
    for (i, line) in old.lines().enumerate() {
        let n = old_numbers.get(i).map(|n| format!("原{}", n + 1));
        out.push_str(&format!(
            "<p class=\"changed\"><span class=\"n\">{}</span>{}</p>\n",
            n.unwrap_or_default(),
            mark("del", line)
        ));
    }
    for (i, line) in new.lines().enumerate() {
        let n = new_numbers.get(i).map(|n| (n + 1).to_string());
        out.push_str(&format!(
            "<p class=\"changed\"><span class=\"n\">{}</span>{}</p>\n",
            n.unwrap_or_default(),
            mark("ins", line)
        ));
    }
}

/// The redline itself, to set inside a page: which revisions, the
/// paragraphs with their marks, and the count of changes.
pub fn fragment(redline: &Redline, from: &str, to: &str) -> String {
    let mut body = String::new();
    for block in &redline.blocks {
        match block {
            Block::Same { new, text, .. } => {
                paragraphs(&[Run::Same { text: text.clone() }], &[*new], "", &mut body)
            }
            Block::Edited {
                old,
                new,
                runs,
                whole,
            } if *whole || new.is_empty() || old.is_empty() => {
                for run in runs {
                    if let Run::Change { old: o, new: n } = run {
                        whole_paragraphs(o, n, old, new, &mut body);
                    }
                }
            }
            Block::Edited { new, runs, .. } => {
                paragraphs(runs, new, " class=\"changed\"", &mut body)
            }
            Block::Moved { old, new, runs } => {
                body.push_str(&format!(
                    "<p class=\"note\">{}</p>\n",
                    escape(&says::moved_place(*old, *new))
                ));
                paragraphs(runs, &[*new], " class=\"moved\"", &mut body);
            }
            Block::MovedAway { new, .. } => body.push_str(&format!(
                "<p class=\"note\">{}</p>\n",
                escape(&says::moved_away(*new))
            )),
        }
    }
    format!(
        "<div class=\"redline\"><div class=\"labels\">{from} → {to}<br>{summary}</div>\n{body}\
         <div class=\"summary\">{summary}</div></div>\n",
        from = escape(from),
        to = escape(to),
        summary = escape(&says::summary(&redline.summary, redline.coarse)),
    )
}

/// A whole page for printing or for a browser with no desk around it.
pub fn page(redline: &Redline, title: &str, from: &str, to: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{page_title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{heading}</h1>\n{fragment}</body>\n</html>\n",
        page_title = escape(&says::html_title(title)),
        heading = escape(&says::html_title(title)),
        fragment = fragment(redline, from, to),
    )
}
