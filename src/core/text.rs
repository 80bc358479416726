//! Decoding text files the way an office sends them: UTF-8 with or without
//! a BOM, GB18030 from older Chinese Windows, UTF-16 from Notepad, with CRLF
//! or LF. The result is always UTF-8 with LF.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    Binary,
    Undecodable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// 字数 as the office counts an article: the characters of its body
/// (正文) without white space and line breaks. Every Han character,
/// punctuation mark, digit and Latin letter counts as one, as in the
/// 字符数（不计空格） of Word and WPS; the title lines and the byline are
/// not part of it. `add`, `show` and the 稿件处理单 all print this figure.
pub fn body_characters(body: &str) -> usize {
    body.chars().filter(|c| !c.is_whitespace()).count()
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(UTF_16LE, rest)?, "UTF-16")
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(UTF_16BE, rest)?, "UTF-16")
    } else {
        if bytes.contains(&0) {
            return Err(DecodeProblem::Binary);
        }
        let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(s) if bom || !reads_better_as_gb18030(s, body) => (s.to_string(), "UTF-8"),
            _ => {
                let s = GB18030
                    .decode_without_bom_handling_and_without_replacement(body)
                    .ok_or(DecodeProblem::Undecodable)?;
                (s.into_owned(), "GB18030")
            }
        }
    };
    let text = normalize_newlines(&text);
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err(DecodeProblem::Binary);
    }
    Ok(Decoded { text, encoding })
}

/// A short GB18030 text can happen to be valid UTF-8 too: 委 in GB18030 is
/// the bytes of the Greek ί. When the UTF-8 reading has characters an
/// office text would not hold and the GB18030 reading has none, the file
/// is GB18030.
fn reads_better_as_gb18030(utf8: &str, bytes: &[u8]) -> bool {
    if utf8.is_ascii() || utf8.chars().all(is_office_char) {
        return false;
    }
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some_and(|gb| gb.chars().all(is_office_char))
}

/// Characters a Chinese office text is made of: ASCII, Han characters,
/// Chinese and full-width punctuation, and the usual symbols.
fn is_office_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{7f}'
        | '\u{a0}'..='\u{24f}'      // Latin letters with accents, pinyin tones
        | '\u{2000}'..='\u{206f}'   // general punctuation: —— … “ ” ‘ ’
        | '\u{2100}'..='\u{218f}'   // letterlike symbols, Roman numerals
        | '\u{2190}'..='\u{21ff}'   // arrows
        | '\u{2460}'..='\u{24ff}'   // circled numbers
        | '\u{2500}'..='\u{25ff}'   // box drawing, ■ □ ○
        | '\u{3000}'..='\u{303f}'   // CJK symbols and punctuation
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'   // full-width forms
        | '\u{20000}'..='\u{3134f}'
    )
}

fn utf16(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Result<String, DecodeProblem> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or(DecodeProblem::Undecodable)
}

/// CRLF and lone CR become LF; a form feed (page break in extracted text)
/// becomes a paragraph break.
pub fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{c}', "\n\n")
}

/// A day as people write it: 2024-02-20, 2024/02/20, 2024.02.20 or
/// 2024年2月20日.
/// A field typed into a box that wraps, as one line: a line break the
/// box let someone type becomes the space a title's two halves keep.
pub fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(t, f).ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_character_count_leaves_out_white_space_and_line_breaks() {
        assert_eq!(
            super::body_characters("第一段，2024年。\n\n  第二段 AI。\r\n"),
            16
        );
    }

    use super::*;

    #[test]
    fn a_short_gb18030_text_that_is_also_valid_utf8_is_read_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("委");
        assert_eq!(&*bytes, &[0xCE, 0xAF], "the bytes of the Greek ί");
        assert_eq!(decode(&bytes).unwrap().text, "委");
        assert_eq!(decode("委".as_bytes()).unwrap().text, "委");
        for latin in ["café", "Púyáng", "Dāngdài"] {
            assert_eq!(
                decode(latin.as_bytes()).unwrap().encoding,
                "UTF-8",
                "{latin}"
            );
        }
    }

    #[test]
    fn decodes_every_office_encoding_to_the_same_text() {
        let want = "濮阳\n第二行\n";
        let (gb, _, _) = GB18030.encode("濮阳\r\n第二行\r\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("濮阳\r\n第二行\r\n".as_bytes());
        let mut u16 = vec![0xFF, 0xFE];
        for unit in "濮阳\n第二行\n".encode_utf16() {
            u16.extend_from_slice(&unit.to_le_bytes());
        }
        for (bytes, enc) in [
            (gb.to_vec(), "GB18030"),
            (bom, "UTF-8"),
            (want.as_bytes().to_vec(), "UTF-8"),
            (u16, "UTF-16"),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, want);
            assert_eq!(d.encoding, enc);
        }
    }

    #[test]
    fn refuses_binary_and_garbage() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0"), Err(DecodeProblem::Binary));
        assert_eq!(decode(b"\x80\xff\xfe\x80"), Err(DecodeProblem::Undecodable));
    }
}
