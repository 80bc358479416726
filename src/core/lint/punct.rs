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
    arabic_with_dunhao(chars, add);
    dunhao_before_deng(chars, add);
    emphatic_marks(chars, add);
    title_marks_on_names(chars, add);
    list_separators(chars, add);
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
    // 1、 is wrong wherever it stands (`arabic_with_dunhao`); what is left
    // to agree on is the 下脚点, half-width 1. or full-width 1．.
    let forms: Vec<(usize, usize, char)> = bodies
        .iter()
        .filter_map(|&(piece, chars)| arabic_numbering(chars).map(|(at, sep)| (piece, at, sep)))
        .filter(|f| f.2 != '、')
        .collect();
    let half = forms.iter().filter(|f| f.2 == '.').count();
    let full = forms.len() - half;
    if half == 0 || full == 0 {
        return;
    }
    let usual = if half >= full { '.' } else { '．' };
    for &(piece, at, sep) in &forms {
        if sep != usual {
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

/// 1、 at a paragraph's start or after ： ； 。: an Arabic opening number
/// takes a 下脚点, 1. (GB/T 15834 附录B; GB/T 9704 7.3.3: 一、 （一） 1. （1）).
fn arabic_with_dunhao(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let opens = before(chars, i).is_none_or(|c| matches!(c, '：' | '；' | '。'));
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let at = i + digits;
        if opens
            && digits <= 2
            && chars.get(at) == Some(&'、')
            && chars.get(at + 1).is_some_and(|&c| is_han(c))
        {
            add(Hit::new(Rule::NumberingArabic, at, at + 1).suggest("."));
        }
    }
}

/// What 等 begins when it is not the 等 of a list: 等级, 等待, 等于.
const DENG_WORDS: &str = "级待候同于次量价额距高值效边分号式身腰闲比位第";

/// 篮球、排球、足球、等: no 顿号 before the 等 or 等等 that closes a list
/// (GB/T 15834 附录B).
fn dunhao_before_deng(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] != '、' || chars[i + 1] != '等' {
            continue;
        }
        let word = chars
            .get(i + 2)
            .is_some_and(|&c| DENG_WORDS.contains(c) && chars.get(i + 3) != Some(&'等'));
        if !word {
            add(Hit::new(Rule::DunhaoBeforeDeng, i, i + 1).suggest(""));
        }
    }
}

/// ！！ and ？？ are for extraordinary feeling only, and ！？ is written
/// ？！ (GB/T 15834 4.2.3, 4.3.3).
fn emphatic_marks(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, end) in runs(chars) {
        let c = chars[i];
        if matches!(c, '！' | '？') && end - i >= 2 {
            add(Hit::new(Rule::EmphaticRepeated, i, end).suggest(c.to_string()));
        }
        if c == '！' && chars.get(end) == Some(&'？') {
            add(Hit::new(Rule::QuestionExclamationOrder, end - 1, end + 1).suggest("？！"));
        }
    }
}

/// Names that are not works: meetings, activities, organisations.
const MEETINGS: &[&str] = &[
    "会议",
    "大会",
    "全会",
    "年会",
    "峰会",
    "论坛",
    "研讨会",
    "座谈会",
    "博览会",
    "交流会",
    "推进会",
    "动员会",
    "发布会",
    "洽谈会",
    "报告会",
    "表彰会",
    "培训班",
    "运动会",
    "展览会",
    "联欢会",
    "招商会",
    "推介会",
    "现场会",
    "观摩会",
    "调度会",
    "协调会",
    "部署会",
    "大赛",
    "比赛",
    "竞赛",
    "活动",
];
/// An organisation named after its publication keeps the 书名号 on the
/// publication only: 《求是》杂志社.
const PUBLISHERS: &[&str] = &["杂志社", "报社", "编辑部", "出版社"];
const BODIES: &[&str] = &[
    "委员会",
    "公司",
    "集团",
    "协会",
    "学会",
    "研究院",
    "研究所",
    "中心",
    "银行",
];

/// 《十四届全国人大二次会议》: a meeting, an activity or an organisation
/// is not a work and takes no 书名号 (GB/T 15834 4.15 and 附录A).
fn title_marks_on_names(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '《' => open = Some(i),
            '》' => {
                let Some(o) = open.take() else { continue };
                let inner = &chars[o + 1..i];
                if inner.len() < 3 || inner.iter().any(|&c| matches!(c, '《' | '〈' | '》')) {
                    continue;
                }
                let name: String = inner.iter().collect();
                let ends = |list: &[&'static str]| -> Option<&'static str> {
                    list.iter()
                        .find(|s| name.ends_with(*s) && name.chars().count() > s.chars().count())
                        .copied()
                };
                if let Some(p) = ends(PUBLISHERS) {
                    let title: String =
                        name.chars().take(inner.len() - p.chars().count()).collect();
                    add(Hit::new(Rule::TitleMarkOnName, o, i + 1)
                        .suggest(format!("《{title}》{p}")));
                } else if ends(MEETINGS).or(ends(BODIES)).is_some() {
                    add(Hit::new(Rule::TitleMarkOnName, o, i + 1).suggest(name));
                }
            }
            _ => {}
        }
    }
}

/// 一是……；二是……。三是……: the parts of one 一是、二是 list are
/// separated one way, all by 分号 or all by 句号 (GB/T 15834 4.6 分号:
/// 分项列举的各项之间). The minority is flagged; a tie goes to the 分号.
fn list_separators(chars: &[char], add: &mut dyn FnMut(Hit)) {
    const ORDINALS: &str = "二三四五六七八九十";
    let opens = (0..chars.len().saturating_sub(1)).any(|i| {
        chars[i] == '一'
            && chars[i + 1] == '是'
            && (i == 0 || matches!(chars[i - 1], '：' | '，' | '。' | '；'))
    });
    if !opens {
        return;
    }
    let seps: Vec<usize> = (0..chars.len().saturating_sub(2))
        .filter(|&i| {
            matches!(chars[i], '。' | '；')
                && ORDINALS.contains(chars[i + 1])
                && chars[i + 2] == '是'
        })
        .collect();
    let stops = seps.iter().filter(|&&i| chars[i] == '。').count();
    let semicolons = seps.len() - stops;
    if stops == 0 || semicolons == 0 {
        return;
    }
    let usual = if stops > semicolons { '。' } else { '；' };
    for &i in &seps {
        if chars[i] != usual {
            add(Hit::new(Rule::ListSeparators, i, i + 1).suggest(usual.to_string()));
        }
    }
}
