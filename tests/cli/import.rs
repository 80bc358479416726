//! An article arrives as the office receives it: a GB18030 .txt with CRLF,
//! or a Word .docx with bold headings and line breaks inside paragraphs.
//! Both give the same clean article as the one shipped in issues/2024-02.

use docx_rs::{BreakType, Docx, Paragraph, Run};
use encoding_rs::GB18030;

use crate::support::Mag;

const PRINTED: &str = include_str!("../fixtures/2024-02-printed.txt");
const SHIPPED: &str = include_str!("../../issues/2024-02/qingneng/article.md");

/// The printed lines of 关于我市氢能产业发展的调研报告, running heads and all.
fn printed_qingneng() -> Vec<&'static str> {
    PRINTED.lines().skip(852).take(927 - 852).collect()
}

fn shipped_body() -> &'static str {
    SHIPPED.splitn(3, "+++\n").nth(2).unwrap().trim()
}

fn body_of(mag: &Mag, slug: &str) -> String {
    let text = mag.read(&format!("issues/2024-03/{slug}/article.md"));
    text.splitn(3, "+++\n").nth(2).unwrap().trim().to_string()
}

fn add(mag: &Mag, slug: &str, file: &std::path::Path) {
    mag.ok(
        "王焕彩",
        &[
            "add",
            "2024-03",
            "--title",
            "氢能",
            "--slug",
            slug,
            "--file",
            file.to_str().unwrap(),
        ],
    );
}

#[test]
fn a_gb18030_text_file_gives_the_shipped_article() {
    let mag = Mag::new();
    let text = printed_qingneng().join("\r\n");
    let (bytes, _, _) = GB18030.encode(&text);
    let file = mag.write("../氢能.txt", &bytes);
    add(&mag, "qingneng", &file);
    assert_eq!(body_of(&mag, "qingneng"), shipped_body());
}

#[test]
fn a_word_document_gives_the_shipped_article() {
    let mag = Mag::new();
    let mut doc = Docx::new();
    for line in printed_qingneng()
        .into_iter()
        .filter(|l| !l.trim().is_empty())
    {
        let heading = line.chars().count() < 20 && line.contains('、');
        let mut paragraph = Paragraph::new().add_run(Run::new().add_text(line));
        if heading {
            paragraph = Paragraph::new().add_run(Run::new().add_text(line).bold());
        } else if line.chars().count() > 60 {
            // As pasted from a PDF: the paragraph's second half after a soft return.
            let cut: String = line.chars().take(40).collect();
            let rest: String = line.chars().skip(40).collect();
            paragraph = Paragraph::new()
                .add_run(Run::new().add_text(cut))
                .add_run(Run::new().add_break(BreakType::TextWrapping))
                .add_run(Run::new().add_text(rest));
        }
        doc = doc.add_paragraph(paragraph);
    }
    let mut packed = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut packed).unwrap();
    let file = mag.write("../氢能.docx", packed.into_inner());
    add(&mag, "qingneng", &file);
    assert_eq!(body_of(&mag, "qingneng"), shipped_body());
}

#[test]
fn photo_captions_are_read_as_printed() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文。");
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.run(
        "王焕彩",
        &[
            "photo",
            &key,
            "2023年12月20日，专题调研组赴企业调研。 赵留丹 / 摄",
        ],
    )
    .success()
    .stderr(predicates::str::contains("已为 2024-03/a 添加图片说明"));
    let text = mag.read("issues/2024-03/a/article.md");
    assert!(
        text.contains(
            "[[photos]]\ncaption = \"2023年12月20日，专题调研组赴企业调研。\"\ncredit = \"赵留丹\""
        ),
        "{text}"
    );
    // A caption is metadata: the proofreading still holds.
    assert_eq!(mag.row(&key)["stale"], serde_json::json!([]));
    assert_eq!(
        mag.git(&["log", "-1", "--format=%s"]),
        "王焕彩为《甲》添加图片说明\n"
    );
    mag.refused("王焕彩", &["photo", &key, "  "]);
}
