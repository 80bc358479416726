//! Cutting text into the units a diff compares. In Chinese every Han
//! character and every punctuation mark stands alone; Latin words and
//! numbers stay whole, so `2023` → `2024` is one change, not one digit.

use crate::core::cleanup::is_cjk;

/// Splits text into tokens; concatenating them gives the text back.
pub type Segmenter = dyn Fn(&str) -> Vec<&str>;

/// A character that belongs to a Latin word or a number.
fn is_word_char(c: char) -> bool {
    // The cheap bound first: Unicode's letter tables are slow for Han.
    ((c as u32) < 0x2e80 && c.is_alphanumeric() && !is_cjk(c)) || c == '_'
}

/// The default granularity: one token per Han character or mark, one per
/// Latin word or number (`3.5`, `GDP`), one per run of spaces, and every
/// paragraph break on its own.
pub fn chars(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(i, n)) = iter.peek() {
                let decimal_point = n == '.'
                    && text[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|d| d.is_ascii_digit())
                    && c.is_ascii_digit();
                if is_word_char(n) || decimal_point {
                    end = i + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
        } else if c.is_whitespace() && c != '\n' {
            while let Some(&(i, n)) = iter.peek() {
                if n.is_whitespace() && n != '\n' {
                    end = i + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
        }
        tokens.push(&text[start..end]);
    }
    tokens
}

/// Punctuation in the broad sense a proofreader means: any mark that is
/// neither a letter, a digit, a Han character nor white space.
pub fn is_punctuation(c: char) -> bool {
    !is_cjk(c) && !c.is_whitespace() && !c.is_alphanumeric()
}

/// Characters that count towards 字数: everything but white space.
pub fn count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_stand_alone_and_latin_words_stay_whole() {
        assert_eq!(
            chars("GDP增长3.5%，达到2024年"),
            vec![
                "GDP", "增", "长", "3.5", "%", "，", "达", "到", "2024", "年"
            ]
        );
        assert_eq!(chars("a  b\nc"), vec!["a", "  ", "b", "\n", "c"]);
    }

    #[test]
    fn tokens_give_the_text_back() {
        let text = "“双碳”目标 AI+ 3.14. 第１章\n\n下一段";
        assert_eq!(chars(text).concat(), text);
    }
}
