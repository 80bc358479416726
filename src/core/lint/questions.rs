//! 问号 by what a sentence asks, not by the words in it (GB/T 15834—2011
//! 4.2): a question word inside a statement (我不知道他为什么没来) does
//! not make it a question, and a question asked (你去过吗) takes ？ even
//! when a 。 was typed.

use super::chars::starts;
use super::{Hit, Rule};

/// Words that ask: in a question they stand for what is asked.
const QUESTION_WORDS: &[&str] = &[
    "什么",
    "怎么",
    "怎样",
    "如何",
    "为什么",
    "为何",
    "谁",
    "哪",
    "多少",
    "几",
    "是否",
    "是不是",
    "有没有",
    "能否",
    "可否",
    "要不要",
];

/// Verbs and phrases whose object is a question: what follows is told,
/// not asked (不知道他为什么没来, 关键在于如何落实).
const EMBEDDING: &[&str] = &[
    "不知道",
    "不清楚",
    "不明白",
    "弄清楚",
    "搞清楚",
    "弄清",
    "搞清",
    "想知道",
    "问题在于",
    "关键在于",
    "取决于",
    "无论",
    "不管",
];

/// What ends a question as spoken: 吗, 呢, 吧, 么.
const PARTICLES: &[char] = &['吗', '呢', '吧', '么', '嘛'];

/// A question said outright: 难道, 岂.
const RHETORICAL: &[&str] = &["难道", "岂", "何尝", "何必"];

pub(crate) fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut start = 0;
    for end in 0..chars.len() {
        if !matches!(chars[end], '。' | '？' | '！') {
            continue;
        }
        sentence(chars, start, end, add);
        start = end + 1;
    }
}

fn sentence(chars: &[char], start: usize, end: usize, add: &mut dyn FnMut(Hit)) {
    let body = &chars[start..end];
    // Closing quotes and brackets before the mark belong to the sentence.
    let last = body
        .iter()
        .rposition(|c| !matches!(c, '”' | '’' | '）' | '」'))
        .map(|i| body[i]);
    let asks = last.is_some_and(|c| PARTICLES.contains(&c));
    let has = |words: &[&str]| (0..body.len()).find(|&i| words.iter().any(|w| starts(body, i, w)));
    match chars[end] {
        '？' => {
            if asks || has(RHETORICAL).is_some() {
                return;
            }
            let Some(told) = has(EMBEDDING) else { return };
            let told_end = told
                + EMBEDDING
                    .iter()
                    .find(|w| starts(body, told, w))
                    .map_or(0, |w| w.chars().count());
            // Something stands between: 不知道他为什么没来, not 不知道为什么.
            let asked_after = (told_end + 1..body.len())
                .any(|i| QUESTION_WORDS.iter().any(|w| starts(body, i, w)));
            // The question words all inside what is told: a statement.
            let asked_before = (0..told).any(|i| QUESTION_WORDS.iter().any(|w| starts(body, i, w)));
            if asked_after && !asked_before && !body.contains(&'，') {
                add(Hit::new(Rule::QuestionOnStatement, end, end + 1).suggest("。"));
            }
        }
        '。' => {
            // 吗 at the end asks; 呢 asks when a question word came first.
            let ends_with_ma = last == Some('吗');
            let asked = has(QUESTION_WORDS).is_some() || has(RHETORICAL).is_some();
            let ends_with_ne = last == Some('呢') && asked;
            if ends_with_ma || ends_with_ne {
                add(Hit::new(Rule::QuestionMissing, end, end + 1).suggest("？"));
            }
        }
        _ => {}
    }
}
