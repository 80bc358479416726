//! Character classes the rules share.

pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '〇')
}

/// Full-width marks of Chinese text, paired ones included.
pub fn is_cjk_mark(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '…'
            | '—'
            | '·'
            | '～'
    )
}

/// Characters that make the surroundings Chinese text.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_mark(c)
}

/// 点号 that may not stand twice or next to each other.
pub fn is_stop(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：')
}

pub const HAN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

pub fn han_digit(c: char) -> Option<u32> {
    HAN_DIGITS.iter().position(|&d| d == c).map(|v| v as u32)
}

pub fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿' | '零' | '两')
}

/// The nearest character before `i` that is not a space.
pub fn before(chars: &[char], i: usize) -> Option<char> {
    chars[..i]
        .iter()
        .rev()
        .copied()
        .find(|c| !c.is_whitespace())
}

/// The nearest character from `i` on that is not a space.
pub fn after(chars: &[char], i: usize) -> Option<char> {
    chars.get(i..)?.iter().copied().find(|c| !c.is_whitespace())
}

/// Whether the characters at `i` start with `pattern`.
/// Whether `pattern` ends right before `end`.
pub fn ends_at(chars: &[char], end: usize, pattern: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    end >= pattern.len() && chars[end - pattern.len()..end] == pattern[..]
}

pub fn starts(chars: &[char], i: usize, pattern: &str) -> bool {
    (i..)
        .zip(pattern.chars())
        .all(|(at, p)| chars.get(at) == Some(&p))
}

/// Every start of `pattern` in `chars`.
pub fn find_all(chars: &[char], pattern: &[char]) -> Vec<usize> {
    if pattern.is_empty() || pattern.len() > chars.len() {
        return vec![];
    }
    (0..=chars.len() - pattern.len())
        .filter(|&i| chars[i] == pattern[0] && chars[i..i + pattern.len()] == *pattern)
        .collect()
}

/// The end of the clause starting at `i`: the next 句末 or 句内 stop.
pub fn clause_end(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|c| matches!(c, '，' | '。' | '；' | '！' | '？' | '：'))
        .map_or(chars.len(), |p| i + p)
}

/// The end of the sentence starting at `i`.
pub fn sentence_end(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|c| matches!(c, '。' | '！' | '？' | '；'))
        .map_or(chars.len(), |p| i + p)
}
