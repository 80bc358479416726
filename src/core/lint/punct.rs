//! 标点: GB/T 15834—2011 《标点符号用法》.

use super::chars::{after, before, han_digit, is_chinese, is_cjk_mark, is_han, is_stop};
use super::{Hit, Rule};

pub fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    halfwidth_stops(chars, add);
    halfwidth_period(chars, add);
    parentheses(chars, add);
    halfwidth_quotes(chars, add);
    runs_of_marks(chars, add);
    spaces(chars, add);
    dunhao(chars, add);
    ellipsis_and_dash(chars, add);
    numbering(chars, add);
}

/// Whether a half-width mark at `i` stands in Chinese text: a Chinese
/// character before it, or one after it with no digit before.
fn in_chinese(chars: &[char], i: usize) -> bool {
    let (prev, next) = (before(chars, i), after(chars, i + 1));
    match prev {
        Some(p) if is_chinese(p) => true,
        Some(p) if p.is_ascii_alphanumeric() => false,
        _ => next.is_some_and(is_han),
    }
}

/// The mark at `i` and the spaces after it.
fn with_spaces_after(chars: &[char], i: usize) -> usize {
    let mut end = i + 1;
    while chars
        .get(end)
        .is_some_and(|c| *c == ' ' || *c == '\u{3000}')
    {
        end += 1;
    }
    if end == chars.len() { i + 1 } else { end }
}

fn halfwidth_stops(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        let (rule, full) = match c {
            ',' => (Rule::HalfwidthComma, "，"),
            ':' => (Rule::HalfwidthColon, "："),
            ';' => (Rule::HalfwidthSemicolon, "；"),
            '!' => (Rule::HalfwidthExclamation, "！"),
            '?' => (Rule::HalfwidthQuestion, "？"),
            _ => continue,
        };
        // 12,500 and 10:30 are numbers, not Chinese text.
        let digits_around = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !digits_around && in_chinese(chars, i) {
            add(Hit::new(rule, i, with_spaces_after(chars, i)).suggest(full));
        }
    }
}

fn halfwidth_period(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        if c != '.' || chars.get(i + 1) == Some(&'.') || (i > 0 && chars[i - 1] == '.') {
            continue;
        }
        let prev_han = i > 0 && is_han(chars[i - 1]) && han_digit(chars[i - 1]).is_none();
        let next_ok = chars.get(i + 1).is_none_or(|&n| is_chinese(n) && n != '（');
        if prev_han && next_ok && !is_numbering_at(chars, i) {
            add(Hit::new(Rule::HalfwidthPeriod, i, i + 1).suggest("。"));
        }
    }
}

/// Whether `i` is the separator right after a paragraph's opening number.
fn is_numbering_at(chars: &[char], i: usize) -> bool {
    i > 0
        && i <= 3
        && chars[..i]
            .iter()
            .all(|&c| han_digit(c).is_some() || c == '十')
}

fn parentheses(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push(i),
            ')' | '）' => {
                let Some(o) = open.pop() else { continue };
                let inner_han = chars[o + 1..i].iter().any(|&c| is_han(c));
                match (chars[o], c) {
                    ('(', ')') if inner_han => half_pair(chars, o, i, add),
                    ('（', ')') => add(Hit::new(Rule::PairMixed, i, i + 1).suggest("）")),
                    ('(', '）') => add(Hit::new(Rule::PairMixed, o, o + 1).suggest("（")),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn half_pair(chars: &[char], open: usize, close: usize, add: &mut dyn FnMut(Hit)) {
    let inner: String = chars[open + 1..close].iter().collect();
    let numbering = open == 0
        && inner.chars().count() <= 3
        && inner
            .chars()
            .all(|c| han_digit(c).is_some() || c == '十' || c.is_ascii_digit());
    if numbering {
        // "(一) " opens a paragraph: the space goes with the brackets.
        let end = with_spaces_after(chars, close);
        add(Hit::new(Rule::HalfwidthParen, open, end).suggest(format!("（{inner}）")));
    } else {
        add(Hit::new(Rule::HalfwidthParen, open, open + 1).suggest("（"));
        add(Hit::new(Rule::HalfwidthParen, close, close + 1).suggest("）"));
    }
}

fn halfwidth_quotes(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let at: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '"').collect();
    if at.is_empty() || !chars.iter().any(|&c| is_han(c)) {
        return;
    }
    let paired = at.len().is_multiple_of(2);
    for (n, &i) in at.iter().enumerate() {
        let hit = Hit::new(Rule::HalfwidthQuote, i, i + 1);
        add(if paired {
            hit.suggest(if n % 2 == 0 { "“" } else { "”" })
        } else {
            hit
        });
    }
}

/// Runs of one repeated character, as (start, end).
fn runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let end = i + chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        out.push((i, end));
        i = end;
    }
    out
}

fn runs_of_marks(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, end) in runs(chars) {
        let c = chars[i];
        if is_stop(c) && end - i >= 2 && !(c == '。' && end - i >= 3) {
            add(Hit::new(Rule::RepeatedMark, i, end).suggest(c.to_string()));
        } else if is_stop(c) && chars.get(end).is_some_and(|&n| is_stop(n) && n != c) {
            add(Hit::new(Rule::StackedMarks, i, end + 1));
        }
    }
}

fn spaces(chars: &[char], add: &mut dyn FnMut(Hit)) {
    // 〔执笔〕 and the 间隔号 stand between spaced parts of a credit line.
    let spaced = |c: char| is_cjk_mark(c) && !matches!(c, '〔' | '〕' | '·');
    // A photo credit after its caption: “……闭幕。 高崧人 / 摄”.
    let credit_follows = |from: usize| {
        let next: String = chars[from..].iter().take(8).collect();
        next.contains("/ 摄") || next.contains("/摄")
    };
    let mut i = 0;
    while i < chars.len() {
        if !matches!(chars[i], ' ' | '\u{3000}') {
            i += 1;
            continue;
        }
        let mut end = i;
        while chars
            .get(end)
            .is_some_and(|c| matches!(c, ' ' | '\u{3000}'))
        {
            end += 1;
        }
        if i > 0
            && end < chars.len()
            && (spaced(chars[i - 1]) || spaced(chars[end]))
            && !credit_follows(end)
        {
            add(Hit::new(Rule::SpaceAroundMark, i, end).suggest(""));
        }
        i = end;
    }
}

/// Measure words and magnitudes after an estimate such as 三四个.
const AFTER_ESTIMATE: &str =
    "个天年次人十百千万倍成项家位名岁月元点分米里斤吨条件户所台辆周层届批座场只本篇份";

fn dunhao(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] != '、' {
            continue;
        }
        let (prev, next) = (chars[i - 1], chars[i + 1]);
        if matches!((prev, next), ('”', '“') | ('》', '《')) {
            add(Hit::new(Rule::DunhaoBetweenQuoted, i, i + 1).suggest(""));
        }
        let (Some(a), Some(b)) = (han_digit(prev), han_digit(next)) else {
            continue;
        };
        let before_ok = i < 2
            || !(chars[i - 2] == '第' || chars[i - 2] == '十' || han_digit(chars[i - 2]).is_some());
        let follows = chars
            .get(i + 2)
            .is_some_and(|c| AFTER_ESTIMATE.contains(*c));
        if b == a + 1 && a > 0 && before_ok && follows {
            add(Hit::new(Rule::DunhaoInEstimate, i - 1, i + 2).suggest(format!("{prev}{next}")));
        }
    }
}

fn ellipsis_and_dash(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, end) in runs(chars) {
        let c = chars[i];
        let n = end - i;
        let chinese = || in_chinese(chars, i) || chars.get(end).is_some_and(|&n| is_chinese(n));
        match c {
            '.' | '。' | '·' | '・' if n >= 3 && (c != '.' || chinese()) => {
                add(Hit::new(Rule::EllipsisForm, i, end).suggest("……"));
            }
            '…' if n != 2 => add(Hit::new(Rule::EllipsisForm, i, end).suggest("……")),
            '-' | '－' if n >= 2 && chinese() => {
                add(Hit::new(Rule::DashForm, i, end).suggest("——"));
            }
            '—' if n >= 3 => add(Hit::new(Rule::DashForm, i, end).suggest("——")),
            '-' | '－'
                if n == 1
                    && i > 0
                    && is_han(chars[i - 1])
                    && chars.get(end).is_some_and(|&n| is_han(n)) =>
            {
                add(Hit::new(Rule::HyphenBetweenHan, i, end));
            }
            _ => {}
        }
    }
}

/// The opening number of a paragraph: 一、 （一） 1. and their faults.
fn numbering(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let han = chars
        .iter()
        .take_while(|&&c| han_digit(c).is_some() || c == '十')
        .count();
    if (1..=3).contains(&han) {
        if let Some(&sep) = chars.get(han)
            && matches!(sep, '.' | '．' | '，' | ',')
            && chars.get(han + 1).is_some_and(|&c| is_han(c) || c == ' ')
        {
            let end = with_spaces_after(chars, han);
            add(Hit::new(Rule::NumberingSeparator, han, end).suggest("、"));
        }
        return;
    }
    if matches!(chars.first(), Some('（')) {
        let Some(close) = chars.iter().position(|&c| c == '）') else {
            return;
        };
        let inner = &chars[1..close];
        let is_number = !inner.is_empty()
            && inner.len() <= 3
            && inner
                .iter()
                .all(|&c| han_digit(c).is_some() || c == '十' || c.is_ascii_digit());
        if is_number
            && let Some(&extra) = chars.get(close + 1)
            && matches!(extra, '、' | '.' | '，' | '．')
        {
            add(Hit::new(Rule::NumberingExtraMark, close + 1, close + 2).suggest(""));
        }
    }
}

/// The form of an Arabic opening number: `1.` or `1、`.
fn arabic_numbering(chars: &[char]) -> Option<(usize, char)> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let sep = *chars.get(digits)?;
    let text_follows = chars
        .get(digits + 1)
        .is_some_and(|&c| is_han(c) || c == ' ');
    (matches!(sep, '.' | '、' | '．') && text_follows).then_some((digits, sep))
}

/// Checks that need every body paragraph: marks left open across
/// paragraphs, and opening numbers written two ways.
pub fn article(bodies: &[(usize, &[char])], add: &mut dyn FnMut(usize, Hit)) {
    balance(bodies, add);
    let forms: Vec<(usize, usize, char)> = bodies
        .iter()
        .filter_map(|&(piece, chars)| arabic_numbering(chars).map(|(at, sep)| (piece, at, sep)))
        .collect();
    let dots = forms.iter().filter(|f| f.2 != '、').count();
    let dunhaos = forms.len() - dots;
    if dots == 0 || dunhaos == 0 {
        return;
    }
    let usual = if dots >= dunhaos { '.' } else { '、' };
    for &(piece, at, sep) in &forms {
        if (sep == '、') != (usual == '、') {
            add(
                piece,
                Hit::new(Rule::NumberingMixed, at, at + 1).suggest(usual.to_string()),
            );
        }
    }
}

const PAIRS: [(char, char); 7] = [
    ('（', '）'),
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('〈', '〉'),
    ('【', '】'),
    ('〔', '〕'),
];

/// Marks left open or closed without an opening within one paragraph.
struct Leftover {
    open: Vec<usize>,
    closed: Vec<usize>,
}

fn leftovers(chars: &[char], nesting: &mut dyn FnMut(Hit)) -> Leftover {
    let mut stack: Vec<usize> = Vec::new();
    let mut closed = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if PAIRS.iter().any(|p| p.0 == c) {
            stack.push(i);
        } else if let Some(&(o, _)) = PAIRS.iter().find(|p| p.1 == c) {
            let Some(at) = stack.iter().rposition(|&s| chars[s] == o) else {
                closed.push(i);
                continue;
            };
            let opened = stack[at];
            stack.truncate(at);
            // Quotes inside quotes are single, titles inside titles 〈〉.
            let inner = match o {
                '“' => Some(("‘", "’")),
                '《' => Some(("〈", "〉")),
                _ => None,
            };
            if let Some((inner_open, inner_close)) = inner
                && stack.iter().any(|&s| chars[s] == o)
            {
                nesting(Hit::new(Rule::PairNesting, opened, opened + 1).suggest(inner_open));
                nesting(Hit::new(Rule::PairNesting, i, i + 1).suggest(inner_close));
            }
        }
    }
    Leftover {
        open: stack,
        closed,
    }
}

fn balance(pieces: &[(usize, &[char])], add: &mut dyn FnMut(usize, Hit)) {
    let mut lefts = Vec::with_capacity(pieces.len());
    for &(piece, chars) in pieces {
        lefts.push(leftovers(chars, &mut |hit| add(piece, hit)));
    }
    let closer = |o: char| PAIRS.iter().find(|p| p.0 == o).map(|p| p.1);
    for (k, &(piece, chars)) in pieces.iter().enumerate() {
        for &i in &lefts[k].open {
            let o = chars[i];
            let next = pieces.get(k + 1).map(|p| p.1);
            // A quotation running over paragraphs opens each with “ and
            // closes only the last; print extraction also splits sentences.
            let continues = next.is_some_and(|n| {
                n.first() == Some(&o)
                    || lefts[k + 1].closed.iter().any(|&j| Some(n[j]) == closer(o))
            });
            if !continues {
                add(piece, Hit::new(Rule::PairUnbalanced, i, i + 1));
            }
        }
        for &j in &lefts[k].closed {
            let c = chars[j];
            let opened_before = k > 0
                && lefts[k - 1]
                    .open
                    .iter()
                    .any(|&i| closer(pieces[k - 1].1[i]) == Some(c));
            if !opened_before {
                add(piece, Hit::new(Rule::PairUnbalanced, j, j + 1));
            }
        }
    }
}
