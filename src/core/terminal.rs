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

fn is_dangerous(c: char) -> bool {
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
}
