//! Escaping for the HTML pages galley writes.

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // XML has no way to write other control characters at all (a
            // BEL in the magazine's name made the charts unreadable), and
            // bidi controls would reverse what the page shows.
            '\t' | '\n' | '\r' => out.push(c),
            c if crate::core::terminal::is_dangerous(c) => {}
            _ => out.push(c),
        }
    }
    out
}
