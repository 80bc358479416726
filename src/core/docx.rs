//! The text of a Word or WPS `.docx`: one paragraph per `w:p`, a line break
//! for `w:br`, tracked insertions kept and deletions dropped, table cells
//! read as paragraphs. Formatting (bold headings and the like) carries no
//! text, so a docx gives the same article as the same text typed plainly;
//! the caller then cleans it like any imported text.
//!
//! A `.docx` is a zip that anyone at the desk may upload, and the zip's
//! own directory says how large each part unpacks to. The parser trusts
//! that figure, so a few hundred crafted bytes could ask for a terabyte.
//! Every file therefore goes through `unpack`: the parts are unpacked
//! here first, through a reader that stops at a fixed budget, with their
//! checksums verified, and only the parts as actually read, repacked, reach
//! the parser, which runs with its panics caught.

use std::io::{Cursor, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::cleanup;
use docx_rs::{
    DocumentChild, InsertChild, Paragraph, ParagraphChild, Run, RunChild, TableCellContent,
    TableChild, TableRowChild,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// What all the parts of one document may unpack to together. A long
/// article with its photos embedded is a few megabytes.
pub const MAX_UNPACKED: u64 = 50 * 1024 * 1024;
/// A Word document has a few dozen parts.
pub const MAX_PARTS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxProblem {
    /// Not a zip, or a zip without a Word document in it.
    NotADocx,
    /// It would unpack to more than `MAX_UNPACKED`, or has more than
    /// `MAX_PARTS` parts.
    TooLarge,
    /// A part fails its checksum or cannot be unpacked.
    Damaged,
    /// Saved with a password to open: Word then writes an OLE compound
    /// file holding the encrypted package instead of a zip.
    Encrypted,
}

/// The first bytes of an OLE compound file: an encrypted Word document,
/// or an old binary .doc.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` are a compound file with an `EncryptedPackage` stream,
/// the name stored in UTF-16 in its directory.
fn is_encrypted(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&COMPOUND_FILE) {
        return false;
    }
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

pub fn text_of(bytes: &[u8]) -> Result<String, DocxProblem> {
    let repacked = unpack(bytes)?;
    let parsed = catch_unwind(AssertUnwindSafe(|| docx_rs::read_docx(&repacked)));
    let docx = match parsed {
        Ok(Ok(docx)) => docx,
        Ok(Err(_)) => return Err(DocxProblem::NotADocx),
        Err(_) => return Err(DocxProblem::Damaged),
    };
    let mut paragraphs: Vec<String> = Vec::new();
    // A paragraph mark deleted as a tracked change (并段): accepted, the
    // next paragraph runs on in this one.
    let mut joining = false;
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                let text = paragraph_text(p);
                match (joining, paragraphs.last_mut()) {
                    (true, Some(last)) => last.push_str(&text),
                    _ => paragraphs.push(text),
                }
                joining = p.property.run_property.del.is_some();
            }
            DocumentChild::Table(t) => {
                joining = false;
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

/// What Word's 修订 and 批注 in a document hold: each change with its
/// author and date, each comment with the text it is anchored to, and what
/// galley cannot take in without losing it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    pub changes: Vec<WordChange>,
    pub comments: Vec<WordComment>,
    /// Formatting-only changes (bold, font): no text changes with them.
    pub formatting: usize,
    pub unsupported: Vec<Unsupported>,
    /// The text before its 修订, every change rejected: what the person
    /// who changed it started from.
    pub original: String,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.comments.is_empty()
            && self.formatting == 0
            && self.unsupported.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WordChange {
    pub inserted: bool,
    pub author: String,
    pub date: String,
    /// Empty for a paragraph mark (分段、并段).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WordComment {
    pub author: String,
    pub date: String,
    pub text: String,
    /// The text it marks, deleted text included.
    pub anchor: String,
}

/// Tracked changes galley would lose if it took the text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// 移动 (w:moveFrom / w:moveTo).
    Move,
    /// A change inside a table.
    InTable,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn part_text(repacked: &[u8], name: &str) -> Result<Option<String>, DocxProblem> {
    let mut archive = ZipArchive::new(Cursor::new(repacked)).map_err(|_| DocxProblem::Damaged)?;
    let Ok(mut part) = archive.by_name(name) else {
        return Ok(None);
    };
    let mut text = String::new();
    part.read_to_string(&mut text)
        .map_err(|_| DocxProblem::Damaged)?;
    Ok(Some(text))
}

/// The text of a document's body paragraphs with every change rejected:
/// deleted text kept, inserted text left out, and paragraphs whose mark
/// was inserted (分段) run together again.
fn original_text(doc: &roxmltree::Document) -> String {
    let Some(body) = doc.descendants().find(|n| n.has_tag_name((W, "body"))) else {
        return String::new();
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut joining = false;
    for p in body.children().filter(|n| n.has_tag_name((W, "p"))) {
        let mut raw = String::new();
        for n in p.descendants() {
            let inserted = n.ancestors().any(|a| a.has_tag_name((W, "ins")));
            match n.tag_name().name() {
                "t" if n.tag_name().namespace() == Some(W) && !inserted => {
                    raw.push_str(n.text().unwrap_or_default())
                }
                "delText" if n.tag_name().namespace() == Some(W) => {
                    raw.push_str(n.text().unwrap_or_default())
                }
                "br" | "cr" if !inserted => raw.push('\n'),
                "tab" if !inserted && !n.ancestors().any(|a| a.has_tag_name((W, "pPr"))) => {
                    raw.push(' ')
                }
                _ => {}
            }
        }
        let text: Vec<&str> = raw.split('\n').map(str::trim).collect();
        let text = text.join("\n");
        match (joining, paragraphs.last_mut()) {
            (true, Some(last)) => last.push_str(&text),
            _ => paragraphs.push(text),
        }
        joining = p
            .children()
            .filter(|c| c.has_tag_name((W, "pPr")))
            .flat_map(|ppr| ppr.children().filter(|c| c.has_tag_name((W, "rPr"))))
            .any(|rpr| rpr.children().any(|c| c.has_tag_name((W, "ins"))));
    }
    paragraphs.join("\n\n")
}

/// The 修订 and 批注 in a Word document.
pub fn review_of(bytes: &[u8]) -> Result<Review, DocxProblem> {
    let repacked = unpack(bytes)?;
    let document = part_text(&repacked, "word/document.xml")?.ok_or(DocxProblem::NotADocx)?;
    let doc = roxmltree::Document::parse(&document).map_err(|_| DocxProblem::Damaged)?;
    let mut review = Review {
        original: original_text(&doc),
        ..Review::default()
    };
    // Comment id, the text inside its range so far, still open.
    let mut anchors: Vec<(String, String, bool)> = Vec::new();
    let in_table = |n: roxmltree::Node| n.ancestors().any(|a| a.has_tag_name((W, "tbl")));
    let mark = |n: roxmltree::Node| n.parent().is_some_and(|p| p.has_tag_name((W, "rPr")));
    for n in doc.descendants() {
        let name = n.tag_name();
        if name.namespace() != Some(W) {
            continue;
        }
        match name.name() {
            "ins" | "del" => {
                if in_table(n) {
                    if !review.unsupported.contains(&Unsupported::InTable) {
                        review.unsupported.push(Unsupported::InTable);
                    }
                    continue;
                }
                let text: String = match mark(n) {
                    true => String::new(),
                    false => n
                        .descendants()
                        .filter(|t| t.has_tag_name((W, "t")) || t.has_tag_name((W, "delText")))
                        .filter_map(|t| t.text())
                        .collect(),
                };
                review.changes.push(WordChange {
                    inserted: name.name() == "ins",
                    author: n.attribute((W, "author")).unwrap_or_default().to_string(),
                    date: n.attribute((W, "date")).unwrap_or_default().to_string(),
                    text,
                });
            }
            "moveFrom" | "moveTo" if !review.unsupported.contains(&Unsupported::Move) => {
                review.unsupported.push(Unsupported::Move);
            }
            "rPrChange" | "pPrChange" => review.formatting += 1,
            "commentRangeStart" => anchors.push((
                n.attribute((W, "id")).unwrap_or_default().to_string(),
                String::new(),
                true,
            )),
            "commentRangeEnd" => {
                let id = n.attribute((W, "id")).unwrap_or_default();
                for a in anchors.iter_mut().filter(|a| a.0 == id) {
                    a.2 = false;
                }
            }
            "t" | "delText" => {
                let text = n.text().unwrap_or_default();
                for a in anchors.iter_mut().filter(|a| a.2) {
                    a.1.push_str(text);
                }
            }
            _ => {}
        }
    }
    if let Some(comments) = part_text(&repacked, "word/comments.xml")? {
        let doc = roxmltree::Document::parse(&comments).map_err(|_| DocxProblem::Damaged)?;
        for c in doc.descendants().filter(|n| n.has_tag_name((W, "comment"))) {
            let id = c.attribute((W, "id")).unwrap_or_default();
            let text = c
                .descendants()
                .filter(|n| n.has_tag_name((W, "p")))
                .map(|p| {
                    p.descendants()
                        .filter(|t| t.has_tag_name((W, "t")))
                        .filter_map(|t| t.text())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("\n");
            review.comments.push(WordComment {
                author: c.attribute((W, "author")).unwrap_or_default().to_string(),
                date: c.attribute((W, "date")).unwrap_or_default().to_string(),
                text: text.trim().to_string(),
                anchor: anchors
                    .iter()
                    .find(|a| a.0 == id)
                    .map(|a| a.1.trim().to_string())
                    .unwrap_or_default(),
            });
        }
    }
    Ok(review)
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

/// The document's parts unpacked within the budget and packed again
/// uncompressed, so that every size the parser reads is a true one.
fn unpack(bytes: &[u8]) -> Result<Vec<u8>, DocxProblem> {
    if is_encrypted(bytes) {
        return Err(DocxProblem::Encrypted);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxProblem::NotADocx)?;
    if archive.len() > MAX_PARTS {
        return Err(DocxProblem::TooLarge);
    }
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|_| DocxProblem::Damaged)?;
        declared = declared.saturating_add(part.size());
    }
    if declared > MAX_UNPACKED {
        return Err(DocxProblem::TooLarge);
    }
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(false);
    let mut budget = MAX_UNPACKED;
    let mut data = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|_| DocxProblem::Damaged)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().to_string();
        data.clear();
        (&mut part)
            .take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|_| DocxProblem::Damaged)?;
        if data.len() as u64 > budget {
            return Err(DocxProblem::TooLarge);
        }
        budget -= data.len() as u64;
        out.start_file(name, stored)
            .and_then(|()| out.write_all(&data).map_err(Into::into))
            .map_err(|_| DocxProblem::Damaged)?;
    }
    let out = out.finish().map_err(|_| DocxProblem::Damaged)?;
    Ok(out.into_inner())
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
    fn review_lists_changes_and_comments_with_what_they_mark() {
        use docx_rs::{Comment, Delete, Insert, Table, TableCell, TableRow};
        let doc = Docx::new().add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("濮阳"))
                .add_insert(
                    Insert::new(Run::new().add_text("市"))
                        .author("张作者")
                        .date("2024-03-06T09:00:00Z"),
                )
                .add_comment_start(
                    Comment::new(7)
                        .author("李领导")
                        .date("2024-03-07T09:00:00Z")
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("请核实"))),
                )
                .add_run(Run::new().add_text("氢能"))
                .add_delete(
                    Delete::new()
                        .add_run(Run::new().add_delete_text("快速"))
                        .author("李领导")
                        .date("2024-03-07T09:00:00Z"),
                )
                .add_comment_end(7)
                .add_run(Run::new().add_text("发展。")),
        );
        let bytes = build(doc);
        let review = review_of(&bytes).unwrap();
        assert_eq!(review.changes.len(), 2);
        assert_eq!(
            (
                review.changes[0].inserted,
                review.changes[0].author.as_str(),
                review.changes[0].text.as_str()
            ),
            (true, "张作者", "市")
        );
        assert_eq!(
            (
                review.changes[1].inserted,
                review.changes[1].author.as_str(),
                review.changes[1].text.as_str()
            ),
            (false, "李领导", "快速")
        );
        assert_eq!(review.comments.len(), 1);
        assert_eq!(review.comments[0].text, "请核实");
        assert_eq!(review.comments[0].anchor, "氢能快速");
        assert!(review.unsupported.is_empty());
        assert_eq!(text_of(&bytes).unwrap(), "濮阳市氢能发展。");

        let table = Docx::new().add_table(Table::new(vec![TableRow::new(vec![
            TableCell::new().add_paragraph(
                Paragraph::new()
                    .add_insert(Insert::new(Run::new().add_text("表内")).author("张作者")),
            ),
        ])]));
        assert_eq!(
            review_of(&build(table)).unwrap().unsupported,
            vec![Unsupported::InTable]
        );
        let plain =
            Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("正文")));
        assert!(review_of(&build(plain)).unwrap().is_empty());
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_the_paragraphs_as_word_accepts_it() {
        let doc = Docx::new()
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("一段。"))
                    .delete("李领导", "2024-03-07T09:00:00Z"),
            )
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("二段。")))
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("三段。")));
        assert_eq!(text_of(&build(doc)).unwrap(), "一段。二段。\n\n三段。");
    }

    #[test]
    fn refuses_what_is_not_a_docx() {
        assert_eq!(text_of(b"plain text"), Err(DocxProblem::NotADocx));
    }
}
