//! Text from files reaches the terminal only after control and bidi
//! characters are made visible, so a title cannot move the cursor or
//! reverse the line it sits on.

pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_dangerous(c) {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A line of text as it may be stored (a title, a name, a caption): with
/// control and bidi characters dropped and tabs and line breaks as
/// spaces, so nothing typed or pasted can hide in the record, corrupt the
/// SVG and XML made from it, or reverse a line where it is shown.
pub fn clean_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if is_dangerous(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi() {
        assert_eq!(sanitize("标题\u{1b}[2J"), "标题\\u{001b}[2J");
        assert_eq!(sanitize("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(sanitize("“当代濮阳”——"), "“当代濮阳”——");
    }

    #[test]
    fn a_stored_line_has_no_control_or_bidi_characters() {
        assert_eq!(clean_line("当代\u{0}濮阳\u{7}"), "当代濮阳");
        assert_eq!(clean_line("标题\r\n第二行"), "标题  第二行");
        assert_eq!(clean_line("a\u{202e}b\u{2028}c"), "ab c");
        assert_eq!(clean_line("“当代濮阳”——"), "“当代濮阳”——");
    }
}
