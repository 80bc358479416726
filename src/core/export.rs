//! The text for layout: an article, or an issue's articles in page order,
//! as plain text (UTF-8 or GB18030, LF or CRLF) or as a Word `.docx` with
//! the magazine's paragraph styles. Pure: the caller gathers the texts and
//! writes the bytes.
//!
//! Decisions, written down here because the issue leaves them open:
//! - Photos have no place in the body, so their captions follow the
//!   article's text, one paragraph each in the style 图片说明; the photo
//!   files themselves go to the 美编 as they are, not embedded.
//! - The `.txt` has one paragraph a line and no indent: layout software
//!   applies its own. Heading lines, a blank line, the text, a blank line,
//!   the captions; articles are parted by two blank lines.
//! - A text that is not approved says so twice: 【未审定】 above its title,
//!   and 未审定 in the file's header (the page header of the `.docx`, the
//!   first line of the `.txt`).
//! - Control and bidi characters never reach a file: they are dropped,
//!   tabs become spaces (see `clean`).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, Header, LineSpacing, PageMargin, Paragraph, Run, RunFonts,
    Style, StyleType,
};

use super::terminal::is_dangerous;

/// The paragraph styles, by id; Word and WPS show these names.
pub const STYLE_KICKER: &str = "引题";
pub const STYLE_TITLE: &str = "标题";
pub const STYLE_SUBTITLE: &str = "副标题";
pub const STYLE_BYLINE: &str = "作者";
pub const STYLE_BODY: &str = "正文";
pub const STYLE_CAPTION: &str = "图片说明";
pub const STYLE_DRAFT: &str = "审定标记";

/// The fonts every office computer with Windows has, 宋体, 黑体 and 楷体, by
/// their family names: Word and WPS show them as 宋体 and so on, and
/// fontconfig on Linux maps SimSun to Noto Serif CJK SC for LibreOffice
/// (the Chinese name 宋体 it would map to a sans). The text is marked as
/// Chinese (`w:lang`), so that the simplified Chinese glyphs are chosen.
pub const FONT_SONG: &str = "SimSun";
pub const FONT_HEI: &str = "SimHei";
pub const FONT_KAI: &str = "KaiTi";
pub const FONT_LATIN: &str = "Times New Roman";

/// One article as it is exported.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Piece {
    pub kicker: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    /// The body: paragraphs parted by blank lines, a line break inside one.
    pub body: String,
    /// Each photo's caption as printed, credit included.
    pub captions: Vec<String>,
    /// Set when this text is not the approved one: what the mark says.
    pub draft: Option<String>,
}

/// What one exported file holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Export {
    /// The magazine and issue, e.g. 《当代濮阳》2024年第2期（总第247期）.
    pub header: String,
    /// What the header adds when any piece is a draft.
    pub draft_header: String,
    pub pieces: Vec<Piece>,
}

impl Export {
    pub fn has_draft(&self) -> bool {
        self.pieces.iter().any(|p| p.draft.is_some())
    }

    /// The file's header line.
    pub fn header_line(&self) -> String {
        match self.has_draft() {
            true => format!("{}　{}", clean(&self.header), clean(&self.draft_header)),
            false => clean(&self.header),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    pub encoding: Encoding,
    pub crlf: bool,
}

/// Text safe for a file: no control or bidi characters; a tab is a space.
/// Line breaks are the caller's: `clean` is for one line.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if is_dangerous(c) || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}') => None,
            c => Some(c),
        })
        .collect()
}

/// The body's paragraphs, each as its lines (a list keeps a line per
/// entry), cleaned, empty ones left out.
pub fn body_paragraphs(body: &str) -> Vec<Vec<String>> {
    let body = body.replace("\r\n", "\n");
    body.split("\n\n")
        .map(|p| {
            p.split('\n')
                .map(|l| clean(l).trim().to_string())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

pub fn heading_lines(p: &Piece) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    if let Some(mark) = &p.draft {
        lines.push((STYLE_DRAFT, clean(mark)));
    }
    let mut push = |style, text: Option<&String>| {
        if let Some(t) = text.map(|t| clean(t).trim().to_string())
            && !t.is_empty()
        {
            lines.push((style, t));
        }
    };
    push(STYLE_KICKER, p.kicker.as_ref());
    push(STYLE_TITLE, Some(&p.title));
    push(STYLE_SUBTITLE, p.subtitle.as_ref());
    push(STYLE_BYLINE, p.byline.as_ref());
    lines
}

fn captions(p: &Piece) -> Vec<String> {
    p.captions
        .iter()
        .map(|c| clean(c).trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The export as plain text, before encoding: LF, ending in a newline.
pub fn text(export: &Export) -> String {
    let mut blocks: Vec<String> = Vec::new();
    if export.has_draft() {
        blocks.push(export.header_line());
    }
    for p in &export.pieces {
        let mut parts: Vec<String> = vec![
            heading_lines(p)
                .into_iter()
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
                .join("\n"),
        ];
        let body: Vec<String> = body_paragraphs(&p.body)
            .into_iter()
            .map(|lines| lines.join("\n"))
            .collect();
        if !body.is_empty() {
            parts.push(body.join("\n"));
        }
        let caps = captions(p);
        if !caps.is_empty() {
            parts.push(caps.join("\n"));
        }
        blocks.push(parts.join("\n\n"));
    }
    let mut out = blocks.join("\n\n\n");
    out.push('\n');
    out
}

/// The text encoded as asked. GB18030 maps every Unicode character, so
/// nothing is lost or replaced.
pub fn encode(text: &str, options: TextOptions) -> Vec<u8> {
    let text = match options.crlf {
        true => text.replace('\n', "\r\n"),
        false => text.to_string(),
    };
    match options.encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Gb18030 => {
            let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
            bytes.into_owned()
        }
    }
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(FONT_LATIN)
        .hi_ansi(FONT_LATIN)
}

/// Sizes are in half points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt,
/// 五号 10.5pt.
fn styles(doc: Docx) -> Docx {
    let centred = |id: &str, font: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(id)
            .based_on("Normal")
            .fonts(fonts(font))
            .size(size)
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(120).after(120))
    };
    doc.default_fonts(fonts(FONT_SONG))
        .default_size(24)
        .add_style(centred(STYLE_KICKER, FONT_HEI, 28))
        .add_style(
            centred(STYLE_TITLE, FONT_HEI, 44)
                .bold()
                .next(STYLE_SUBTITLE),
        )
        .add_style(centred(STYLE_SUBTITLE, FONT_KAI, 32).next(STYLE_BYLINE))
        .add_style(centred(STYLE_BYLINE, FONT_KAI, 28).next(STYLE_BODY))
        .add_style(
            Style::new(STYLE_BODY, StyleType::Paragraph)
                .name(STYLE_BODY)
                .based_on("Normal")
                .fonts(fonts(FONT_SONG))
                .size(24)
                .align(AlignmentType::Both)
                // 首行缩进 2 characters: Word and WPS read the characters,
                // older readers the twips (two 12pt characters).
                .indent(
                    None,
                    Some(docx_rs::SpecialIndentType::FirstLine(480)),
                    None,
                    None,
                )
                .first_line_chars(200)
                .line_spacing(LineSpacing::new().line(360)),
        )
        .add_style(centred(STYLE_CAPTION, FONT_KAI, 21))
        .add_style(
            centred(STYLE_DRAFT, FONT_HEI, 24)
                .bold()
                .color("C00000")
                .next(STYLE_TITLE),
        )
}

/// A paragraph in `style` holding `lines`, parted by line breaks.
pub fn styled(style: &str, lines: &[String]) -> Paragraph {
    let mut p = Paragraph::new().style(style);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = p.add_run(Run::new().add_text(line.as_str()));
    }
    p
}

/// An A4 document with the magazine's styles and `header` on every page.
pub fn document(header: &str) -> Docx {
    let header = Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(clean(header)).size(18)),
    );
    styles(Docx::new())
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1800)
                .right(1800),
        )
        .header(header)
}

pub fn pack(doc: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .expect("a docx packs into memory");
    // docx-rs writes the first-line indent in twips only; Word and WPS
    // indent by characters when `w:firstLineChars` is there, so that the
    // indent follows the font size.
    // Nor does it write the text's language, nor turn off the automatic
    // gap Word and WPS put between Chinese and digits or Latin letters
    // (2024 年第 3 期), which the magazine does not print.
    let twips = "w:firstLine=\"480\" />";
    repack(&buf.into_inner(), "word/styles.xml", |xml| {
        xml.replace(twips, "w:firstLine=\"480\" w:firstLineChars=\"200\" />")
            .replacen(
                "</w:rPr></w:rPrDefault>",
                "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" /></w:rPr></w:rPrDefault>",
                1,
            )
            .replacen(
                "<w:pPrDefault><w:pPr>",
                "<w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" />",
                1,
            )
    })
}

/// The package with one XML part changed by `edit`, every other part as
/// it was.
pub fn repack(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the docx just packed");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("a part of the docx just packed");
        let mut data = Vec::new();
        part.read_to_end(&mut data).expect("a part in memory");
        if part.name() == name {
            data = edit(&String::from_utf8_lossy(&data)).into_bytes();
        }
        let name = part.name().to_string();
        out.start_file(name, options).expect("zip in memory");
        out.write_all(&data).expect("zip in memory");
    }
    out.finish().expect("zip in memory").into_inner()
}

/// The export as a Word document: each article from a new page.
pub fn docx(export: &Export) -> Vec<u8> {
    let mut doc = document(&export.header_line());
    for (n, p) in export.pieces.iter().enumerate() {
        for (i, (style, line)) in heading_lines(p).into_iter().enumerate() {
            let mut para = styled(style, &[line]);
            if n > 0 && i == 0 {
                para = para.page_break_before(true);
            }
            doc = doc.add_paragraph(para);
        }
        for lines in body_paragraphs(&p.body) {
            doc = doc.add_paragraph(styled(STYLE_BODY, &lines));
        }
        for caption in captions(p) {
            doc = doc.add_paragraph(styled(STYLE_CAPTION, &[caption]));
        }
    }
    pack(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece() -> Piece {
        Piece {
            kicker: None,
            title: "关于氢能的调研报告".into(),
            subtitle: Some("——在某会上的讲话".into()),
            byline: Some("专题调研组八".into()),
            body: "第一段\u{1b}[2J。\n\n王群才 市科技局总工程师\n冯琛琛 科负责人\n\n第三段\t有\u{202e}字。".into(),
            captions: vec!["调研现场 赵留丹 / 摄".into()],
            draft: None,
        }
    }

    #[test]
    fn text_has_one_paragraph_a_line_and_no_control_characters() {
        let export = Export {
            header: "《当代濮阳》2024年第2期".into(),
            draft_header: "未审定稿".into(),
            pieces: vec![piece()],
        };
        assert_eq!(
            text(&export),
            "关于氢能的调研报告\n——在某会上的讲话\n专题调研组八\n\n第一段[2J。\n王群才 市科技局总工程师\n冯琛琛 科负责人\n第三段 有字。\n\n调研现场 赵留丹 / 摄\n"
        );
    }

    #[test]
    fn a_draft_says_so_in_the_header_and_above_its_title() {
        let mut draft = piece();
        draft.draft = Some("【未审定】".into());
        let export = Export {
            header: "《当代濮阳》2024年第2期".into(),
            draft_header: "未审定稿".into(),
            pieces: vec![piece(), draft],
        };
        let t = text(&export);
        assert!(
            t.starts_with("《当代濮阳》2024年第2期　未审定稿\n\n\n关于氢能"),
            "{t}"
        );
        assert_eq!(t.matches("【未审定】\n关于氢能").count(), 1, "{t}");
    }

    #[test]
    fn gb18030_and_crlf() {
        let t = "“濮阳”——𠀀\n二行\n";
        let bytes = encode(
            t,
            TextOptions {
                encoding: Encoding::Gb18030,
                crlf: true,
            },
        );
        let (back, _, bad) = encoding_rs::GB18030.decode(&bytes);
        assert!(!bad);
        assert_eq!(back, "“濮阳”——𠀀\r\n二行\r\n");
        assert!(!bytes.starts_with("“".as_bytes()), "not UTF-8");
    }

    #[test]
    fn docx_carries_the_styles_and_the_text() {
        let export = Export {
            header: "《当代濮阳》".into(),
            draft_header: "未审定稿".into(),
            pieces: vec![piece()],
        };
        let bytes = docx(&export);
        let text = crate::core::docx::text_of(&bytes).unwrap();
        assert!(
            text.contains("关于氢能的调研报告\n\n——在某会上的讲话"),
            "{text}"
        );
        assert!(text.contains("第三段 有字。"), "{text}");
    }
}
