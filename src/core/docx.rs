//! The text of a Word or WPS `.docx`: one paragraph per `w:p`, a line break
//! for `w:br`, tracked insertions kept and deletions dropped, table cells
//! read as paragraphs. Formatting (bold headings and the like) carries no
//! text, so a docx gives the same article as the same text typed plainly;
//! the caller then cleans it like any imported text.

use super::cleanup;
use docx_rs::{
    DocumentChild, InsertChild, Paragraph, ParagraphChild, Run, RunChild, TableCellContent,
    TableChild, TableRowChild,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADocx;

pub fn text_of(bytes: &[u8]) -> Result<String, NotADocx> {
    let docx = docx_rs::read_docx(bytes).map_err(|_| NotADocx)?;
    let mut paragraphs = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => paragraphs.push(paragraph_text(p)),
            DocumentChild::Table(t) => {
                for TableChild::TableRow(row) in &t.rows {
                    for TableRowChild::TableCell(cell) in &row.cells {
                        for content in &cell.children {
                            if let TableCellContent::Paragraph(p) = content {
                                paragraphs.push(paragraph_text(p));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(paragraphs.join("\n\n"))
}

/// A line break inside a Word paragraph is still one paragraph, so the
/// lines are joined; only a list entry (姓名 职务) keeps its own line.
fn paragraph_text(p: &Paragraph) -> String {
    let mut raw = String::new();
    push_children(&p.children, &mut raw);
    let mut out = String::new();
    for line in raw.split('\n') {
        if !out.is_empty() && out.rsplit('\n').next().is_some_and(cleanup::is_list_entry) {
            out.push('\n');
        }
        out.push_str(line.trim());
    }
    out
}

fn push_children(children: &[ParagraphChild], out: &mut String) {
    for child in children {
        match child {
            ParagraphChild::Run(run) => push_run(run, out),
            ParagraphChild::Insert(insert) => {
                for c in &insert.children {
                    if let InsertChild::Run(run) = c {
                        push_run(run, out);
                    }
                }
            }
            ParagraphChild::Hyperlink(link) => push_children(&link.children, out),
            _ => {}
        }
    }
}

fn push_run(run: &Run, out: &mut String) {
    for child in &run.children {
        match child {
            RunChild::Text(t) => out.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => out.push(' '),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => out.push('\n'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{BreakType, Docx, Run};

    fn build(doc: Docx) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut buf).unwrap();
        buf.into_inner()
    }

    #[test]
    fn paragraphs_breaks_and_bold_headings() {
        let doc = Docx::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("一、产业现状").bold()))
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("第一行"))
                    .add_run(Run::new().add_break(BreakType::TextWrapping))
                    .add_run(Run::new().add_text("第二行。")),
            );
        assert_eq!(
            text_of(&build(doc)).unwrap(),
            "一、产业现状\n\n第一行第二行。"
        );
        let list = Docx::new().add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("王群才 市科技局总工程师"))
                .add_run(Run::new().add_break(BreakType::TextWrapping))
                .add_run(Run::new().add_text("冯琛琛〔执笔〕 市科技局化工与新材料科负责人")),
        );
        assert_eq!(
            text_of(&build(list)).unwrap(),
            "王群才 市科技局总工程师\n冯琛琛〔执笔〕 市科技局化工与新材料科负责人"
        );
    }

    #[test]
    fn refuses_what_is_not_a_docx() {
        assert_eq!(text_of(b"plain text"), Err(NotADocx));
    }
}
