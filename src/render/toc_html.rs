//! The contents page as one self-contained HTML file, sized to the
//! magazine's trim with print CSS, for proofing in a browser.

use super::html::escape;
use super::toc_text::masthead_lines;
use crate::core::contents::Contents;
use crate::core::issue::CoverNote;
use crate::messages::toc as says;

fn style(c: &Contents) -> String {
    format!(
        r#"
@page {{ size: {w}mm {h}mm; margin: {m}mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
  color: #111; margin: 0 auto; max-width: {w}mm; padding: {m}mm; font-size: 10.5pt; line-height: 1.6; }}
header {{ border-bottom: 2px solid #a3151b; padding-bottom: 4mm; margin-bottom: 6mm; }}
.sponsor {{ font-size: 10pt; letter-spacing: .2em; }}
h1 {{ font-size: 30pt; margin: 1mm 0 0; letter-spacing: .3em; color: #a3151b; }}
.latin {{ font-family: sans-serif; font-size: 9pt; letter-spacing: .35em; }}
.issue {{ font-size: 11pt; margin-top: 2mm; }}
.page {{ display: grid; grid-template-columns: 2.2fr 1fr; gap: 8mm; }}
h2 {{ font-size: 14pt; margin: 0 0 3mm; }}
h3 {{ font-size: 11.5pt; margin: 4mm 0 1.5mm; color: #a3151b; }}
.entry {{ display: grid; grid-template-columns: 2.2em 1fr; margin: 0 0 1.6mm; break-inside: avoid; }}
.pn {{ font-family: sans-serif; font-weight: bold; }}
.title {{ font-weight: bold; }}
.sub {{ font-size: 9.5pt; }}
.credit {{ float: right; padding-left: 1em; font-size: 9.5pt; }}
.notes {{ margin-top: 5mm; font-size: 9pt; }}
aside {{ border-left: 1px solid #999; padding-left: 5mm; font-size: 9pt; }}
aside p {{ margin: 0 0 1mm; }}
.notice {{ margin-top: 3mm; font-weight: bold; }}
/* On a phone the masthead goes under the contents, and a credit under its
   title, so a title keeps the width to run on one or two lines. */
@media screen and (max-width: 600px) {{
  body {{ padding: 4mm; }}
  h1 {{ font-size: 22pt; letter-spacing: .2em; }}
  .page {{ grid-template-columns: 1fr; gap: 5mm; }}
  aside {{ border-left: none; border-top: 1px solid #999; padding: 3mm 0 0; }}
  .entry > div {{ display: flex; flex-direction: column; }}
  .title {{ order: 1; }} .sub {{ order: 2; }}
  .credit {{ order: 3; float: none; padding-left: 0; }}
}}
@media print {{ body {{ padding: 0; max-width: none; }}
  header, h1, h3 {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }} }}
"#,
        w = c.page.width_mm,
        h = c.page.height_mm,
        m = c.page.margin_mm
    )
}

fn cover(label: &str, note: &Option<CoverNote>) -> String {
    match note {
        Some(n) => {
            let credit = n
                .photographer
                .as_ref()
                .map(|p| format!(" {} {}", escape(p), says::PHOTO_CREDIT))
                .unwrap_or_default();
            format!("<p>{label}：{}{credit}</p>\n", escape(&n.note))
        }
        None => String::new(),
    }
}

pub fn page(c: &Contents) -> String {
    let head = &c.magazine;
    let mut entries = String::new();
    for section in &c.sections {
        entries.push_str(&format!(
            "<h3>{} {}</h3>\n",
            says::SECTION_MARK,
            escape(&section.name)
        ));
        for e in &section.entries {
            let sub = e
                .subtitle
                .as_ref()
                .map(|s| format!("<div class=\"sub\">{}</div>", escape(s)))
                .unwrap_or_default();
            entries.push_str(&format!(
                "<div class=\"entry\"><span class=\"pn\">{}</span><div><span class=\"credit\">{}</span>\
                 <span class=\"title\">{}</span>{sub}</div></div>\n",
                escape(&e.page_label),
                escape(&e.credit.join(" ")),
                escape(&e.title),
            ));
        }
    }
    let mut notes = cover(says::COVER, &c.cover) + &cover(says::BACK_COVER, &c.back_cover);
    if !c.callouts.is_empty() {
        let labels: Vec<String> = c.callouts.iter().map(|k| escape(&k.label)).collect();
        notes.push_str(&format!(
            "<p>{}：{}</p>\n",
            says::CALLOUTS,
            labels.join("　")
        ));
    }
    let masthead: String = masthead_lines(&c.masthead)
        .iter()
        .map(|(label, value)| format!("<p>{}：{}</p>\n", escape(label), escape(value)))
        .collect();
    let period = says::period(c.issue.total);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{name} {yn} {contents}</title>\n<style>{style}</style>\n</head>\n<body>\n\
         <header>\n<div class=\"sponsor\">{sponsor}</div>\n<h1>{name}</h1>\n\
         <div class=\"latin\">{latin}</div>\n<div class=\"issue\">{yn} {period}</div>\n</header>\n\
         <div class=\"page\">\n<main>\n<h2>{contents}</h2>\n{entries}<div class=\"notes\">\n{notes}</div>\n</main>\n\
         <aside>\n<p><b>{ynm}</b> {period}</p>\n{masthead}<p class=\"notice\">{notice}</p>\n</aside>\n</div>\n</body>\n</html>\n",
        name = escape(&head.name),
        sponsor = escape(&says::sponsor_line(&head.sponsor)),
        latin = escape(&head.latin_name),
        yn = says::year_number(c.issue.year, c.issue.number),
        ynm = says::year_number_masthead(c.issue.year, c.issue.number),
        contents = says::CONTENTS_HEADING,
        style = style(c),
        notice = escape(&c.masthead.notice),
    )
}
