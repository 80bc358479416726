//! 数字: GB/T 15835—2011 《出版物上数字用法》.

use super::chars::{HAN_DIGITS, find_all, han_digit, is_han, is_han_numeral};
use super::{Hit, Rule, Severity};

pub fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    years(chars, add);
    dates(chars, add);
    ranges(chars, add);
    fixed_expressions(chars, add);
    fullwidth_digits(chars, add);
    redundant_approximations(chars, add);
    estimates_in_digits(chars, add);
    grouping(chars, add);
}

fn digits_at(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

fn years(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        // ’24年: an apostrophe for the century.
        if matches!(c, '\'' | '’' | '‘' | '`')
            && digits_at(chars, i + 1) == 2
            && chars.get(i + 3) == Some(&'年')
        {
            add(Hit::new(Rule::YearAbbreviated, i, i + 4));
        }
        // 23年1月: two digits as a year, in a date.
        if c.is_ascii_digit()
            && (i == 0
                || !chars[i - 1].is_ascii_digit() && !matches!(chars[i - 1], '.' | '-' | '/'))
            && digits_at(chars, i) == 2
            && chars.get(i + 2) == Some(&'年')
        {
            let month = digits_at(chars, i + 3);
            if (1..=2).contains(&month) && chars.get(i + 3 + month) == Some(&'月') {
                add(Hit::new(Rule::YearAbbreviated, i, i + 3).severity(Severity::Warning));
            }
        }
        // 二零二四年, 二O二四年: the zero of a year is 〇.
        if c == '年' && i >= 4 {
            let year = &chars[i - 4..i];
            let zero_like = |c: char| matches!(c, '零' | 'O' | 'o' | '○' | 'Ｏ' | '0' | '０');
            let yearish = year.iter().all(|&c| han_digit(c).is_some() || zero_like(c))
                && year
                    .iter()
                    .filter(|&&c| han_digit(c).is_some_and(|d| d > 0))
                    .count()
                    >= 2
                && (i == 4 || !is_han_numeral(chars[i - 5]));
            if yearish && year.iter().any(|&c| zero_like(c)) {
                let fixed: String = year
                    .iter()
                    .map(|&c| if zero_like(c) { '〇' } else { c })
                    .collect();
                add(Hit::new(Rule::YearZero, i - 4, i).suggest(fixed));
            }
        }
    }
}

/// 2024年二月, 二〇二四年2月: one date, one kind of numeral.
fn dates(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        if c != '年' || i == 0 {
            continue;
        }
        let arabic_year = chars[i - 1].is_ascii_digit()
            && i >= 4
            && chars[i - 4..i].iter().all(char::is_ascii_digit);
        let han_year = i >= 4 && chars[i - 4..i].iter().all(|&c| han_digit(c).is_some());
        let month_len = chars[i + 1..]
            .iter()
            .take_while(|&&c| c.is_ascii_digit() || han_digit(c).is_some() || c == '十')
            .count();
        if month_len == 0 || month_len > 3 || chars.get(i + 1 + month_len) != Some(&'月') {
            continue;
        }
        let month = &chars[i + 1..i + 1 + month_len];
        let arabic_month = month.iter().all(char::is_ascii_digit);
        let han_month = month.iter().all(|&c| han_digit(c).is_some() || c == '十');
        if (arabic_year && han_month) || (han_year && arabic_month) {
            add(Hit::new(Rule::DateMixed, i - 4, i + 2 + month_len));
        }
    }
}

/// A number ending at `end` (exclusive), with decimals.
fn number_before(chars: &[char], end: usize) -> usize {
    let mut start = end;
    while start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '.') {
        start -= 1;
    }
    start
}

fn number_after(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
        end += 1;
    }
    end
}

/// 15～30% and 13～17万元 leave the first number without its sign or
/// magnitude; the standard writes 15%～30% and 13万～17万元.
fn ranges(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '～' | '~' | '—' | '-' | '至' | '到') || i == 0 {
            continue;
        }
        let first = number_before(chars, i);
        let second_end = number_after(chars, i + 1);
        if first == i
            || second_end == i + 1
            || (first > 0 && chars[first - 1].is_ascii_alphabetic())
        {
            continue;
        }
        let Some(&sign) = chars.get(second_end) else {
            continue;
        };
        if matches!(sign, '%' | '万' | '亿')
            && !(sign == '万' && chars.get(second_end + 1) == Some(&'亿'))
        {
            let a: String = chars[first..i].iter().collect();
            let b: String = chars[i + 1..=second_end].iter().collect();
            add(Hit::new(Rule::RangeSign, first, second_end + 1)
                .suggest(format!("{a}{sign}{c}{b}")));
        }
    }
}

/// Numbers that are part of a fixed political or historical expression
/// are written in Chinese numerals (GB/T 15835 4.2).
const FIXED: &[(&str, &str)] = &[
    ("14五", "十四五"),
    ("13五", "十三五"),
    ("15五", "十五五"),
    ("2个确立", "两个确立"),
    ("2个维护", "两个维护"),
    ("4个意识", "四个意识"),
    ("4个自信", "四个自信"),
    ("4个全面", "四个全面"),
    ("5位一体", "五位一体"),
    ("2个一百年", "两个一百年"),
    ("3严3实", "三严三实"),
    ("1带1路", "一带一路"),
    ("5四运动", "五四运动"),
    ("3去1降1补", "三去一降一补"),
];

fn fixed_expressions(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for &(wrong, right) in FIXED {
        let pattern: Vec<char> = wrong.chars().collect();
        for at in find_all(chars, &pattern) {
            if at > 0 && chars[at - 1].is_ascii_digit() {
                continue;
            }
            add(Hit::new(Rule::FixedExpression, at, at + pattern.len()).suggest(right));
        }
    }
}

fn fullwidth_digits(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut i = 0;
    while i < chars.len() {
        if !('０'..='９').contains(&chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && ('０'..='９').contains(&chars[i]) {
            i += 1;
        }
        let ascii: String = chars[start..i]
            .iter()
            .map(|&c| char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c))
            .collect();
        add(Hit::new(Rule::FullwidthDigit, start, i).suggest(ascii));
    }
}

/// 约……左右 and 超过……以上 say the same thing twice.
fn redundant_approximations(chars: &[char], add: &mut dyn FnMut(Hit)) {
    const PAIRS: &[(&[&str], &str)] = &[
        (&["大约", "约", "大概"], "左右"),
        (&["超过", "多于", "高于", "大于"], "以上"),
        (&["不足", "不到", "少于", "低于", "小于"], "以下"),
    ];
    for &(leads, tail) in PAIRS {
        let tail_chars: Vec<char> = tail.chars().collect();
        for at in find_all(chars, &tail_chars) {
            let from = at.saturating_sub(12);
            let window = &chars[from..at];
            let Some(lead) = leads.iter().find_map(|l| {
                let l: Vec<char> = l.chars().collect();
                find_all(window, &l).last().map(|&p| from + p + l.len())
            }) else {
                continue;
            };
            let between = &chars[lead..at];
            let numeric = between
                .first()
                .is_some_and(|c| c.is_ascii_digit() || is_han_numeral(*c));
            if numeric
                && !between
                    .iter()
                    .any(|&c| matches!(c, '，' | '。' | '；' | '、'))
            {
                add(Hit::new(Rule::RedundantApprox, at, at + 2).suggest(""));
            }
        }
    }
}

/// 3、4个: two neighbouring numbers as an estimate are 三四个.
fn estimates_in_digits(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for i in 1..chars.len().saturating_sub(2) {
        let (a, mark, b) = (chars[i - 1], chars[i], chars[i + 1]);
        if mark != '、' || !a.is_ascii_digit() || !b.is_ascii_digit() {
            continue;
        }
        let alone = (i < 2 || !chars[i - 2].is_ascii_digit() && chars[i - 2] != '第')
            && !chars.get(i + 2).is_some_and(char::is_ascii_digit);
        let (a, b) = (a as u32 - '0' as u32, b as u32 - '0' as u32);
        let measured = chars.get(i + 2).is_some_and(|&c| {
            is_han(c)
                && !matches!(
                    c,
                    '月' | '日'
                        | '号'
                        | '点'
                        | '时'
                        | '季'
                        | '期'
                        | '版'
                        | '楼'
                        | '层'
                        | '章'
                        | '条'
                        | '款'
                )
        });
        if alone && a > 0 && b == a + 1 && measured {
            let han = format!("{}{}", HAN_DIGITS[a as usize], HAN_DIGITS[b as usize]);
            add(Hit::new(Rule::EstimateDigits, i - 1, i + 2).suggest(han));
        }
    }
}

/// 12,500 in running Chinese text: the standard groups digits with a thin
/// space, or not at all, outside technical writing.
fn grouping(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == ','))
        {
            i += 1;
            continue;
        }
        let mut end = i + digits_at(chars, i);
        let lead = end - i;
        let mut groups = 0;
        while chars.get(end) == Some(&',')
            && digits_at(chars, end + 1) == 3
            && !chars.get(end + 4).is_some_and(char::is_ascii_digit)
        {
            end += 4;
            groups += 1;
        }
        let chinese_near =
            chars.get(end).is_some_and(|&c| is_han(c)) || (i > 0 && is_han(chars[i - 1]));
        if (1..=3).contains(&lead) && groups > 0 && chinese_near {
            let plain: String = chars[i..end].iter().filter(|&&c| c != ',').collect();
            add(Hit::new(Rule::DigitGrouping, i, end).suggest(plain));
        }
        i = end.max(i + 1);
    }
}
