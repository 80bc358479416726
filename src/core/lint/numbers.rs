//! 数字: GB/T 15835—2011 《出版物上数字用法》.

use chrono::{Datelike, NaiveDate};

use super::chars::{HAN_DIGITS, find_all, han_digit, is_han, is_han_numeral, starts};
use super::{Hit, Rule, Severity};

pub fn paragraph(chars: &[char], date: Option<NaiveDate>, add: &mut dyn FnMut(Hit)) {
    years(chars, date, add);
    range_hyphens(chars, add);
    digits_with_qian(chars, add);
    numerals_mixed(chars, add);
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

/// The full year that `yy` shortens, as of the date: the
/// century of the issue, or the one before for a year still to come.
fn full_year(chars: &[char], date: Option<NaiveDate>) -> Option<String> {
    let yy: i32 = chars.iter().collect::<String>().parse().ok()?;
    let now = date?.year();
    let century = now - now % 100;
    let year = if century + yy <= now + 1 {
        century + yy
    } else {
        century - 100 + yy
    };
    Some(format!("{year}年"))
}

/// What follows a year and not a count of years: 23年1月, 23年底.
fn after_a_year(chars: &[char], at: usize) -> bool {
    let month = digits_at(chars, at);
    ((1..=2).contains(&month) && chars.get(at + month) == Some(&'月'))
        // Not 30年初心不改 or 20年底子: 初 and 底 that begin a word.
        || (chars.get(at) == Some(&'初')
            && !chars
                .get(at + 1)
                .is_some_and(|c| "心衷始步级创期".contains(*c)))
        || (chars.get(at) == Some(&'底')
            && !chars
                .get(at + 1)
                .is_some_and(|c| "子线层部色气蕴座数牌板盘下".contains(*c)))
        || starts(chars, at, "上半年")
        || starts(chars, at, "下半年")
}

fn years(chars: &[char], date: Option<NaiveDate>, add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        // ’24年: an apostrophe for the century.
        if matches!(c, '\'' | '’' | '‘' | '`')
            && digits_at(chars, i + 1) == 2
            && chars.get(i + 3) == Some(&'年')
        {
            let mut hit = Hit::new(Rule::YearAbbreviated, i, i + 4);
            if let Some(full) = full_year(&chars[i + 1..i + 3], date) {
                hit = hit.suggest(full);
            }
            add(hit);
        }
        // 23年1月, 23年底: two digits as a year, in a date.
        if c.is_ascii_digit()
            && (i == 0
                || !chars[i - 1].is_ascii_digit() && !matches!(chars[i - 1], '.' | '-' | '/'))
            && digits_at(chars, i) == 2
            && chars.get(i + 2) == Some(&'年')
            && after_a_year(chars, i + 3)
            && !(i > 0
                && matches!(
                    chars[i - 1],
                    '近' | '多' | '第' | '每' | '前' | '后' | '这' | '那'
                ))
        {
            let mut hit = Hit::new(Rule::YearAbbreviated, i, i + 3).severity(Severity::Warning);
            if let Some(full) = full_year(&chars[i..i + 2], date) {
                hit = hit.suggest(full);
            }
            add(hit);
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
            // A hyphen is no range sign either (`range_hyphens`).
            let mark = if c == '-' { '～' } else { c };
            add(Hit::new(Rule::RangeSign, first, second_end + 1)
                .suggest(format!("{a}{sign}{mark}{b}")));
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

/// 3-5天 and 2023-2024年: a range takes a 浪纹线 ～ (or 一字线 — between
/// years), not a hyphen (GB/T 15834 4.13, GB/T 15835 5.1). Dates such as
/// 2024-02-15, telephone numbers and model numbers keep theirs.
fn range_hyphens(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        if c != '-' || i == 0 {
            continue;
        }
        let first = number_before(chars, i);
        let second_end = number_after(chars, i + 1);
        if first == i || second_end == i + 1 {
            continue;
        }
        let (a, b) = (&chars[first..i], &chars[i + 1..second_end]);
        let int_len = |n: &[char]| n.iter().take_while(|c| c.is_ascii_digit()).count();
        let plain =
            |n: &[char]| int_len(n) <= 4 && !(n.len() > 1 && n[0] == '0') && n.last() != Some(&'.');
        if !plain(a) || !plain(b) {
            continue;
        }
        // What stands before: Chinese text, or nothing at all.
        let lead = match first.checked_sub(1).map(|p| chars[p]) {
            None => true,
            Some(' ') => first >= 2 && is_han(chars[first - 2]),
            Some(p) => !p.is_ascii() && p != '－' && p != '—',
        };
        let next = chars.get(second_end).copied();
        let next = if next == Some(' ') {
            chars.get(second_end + 1).copied()
        } else {
            next
        };
        let unit_follows = next.is_some_and(|n| is_han(n) || n == '%' || n.is_ascii_alphabetic());
        if !lead || !unit_follows {
            continue;
        }
        let years = int_len(a) == 4 && int_len(b) == 4 && next == Some('年');
        add(Hit::new(Rule::RangeHyphen, i, i + 1).suggest(if years { "—" } else { "～" }));
    }
}

/// What 千 begins after a number when it is a unit's prefix: 3千米, 10千伏.
const KILO: &str = "米克瓦伏帕焦卡赫兆";

/// 3千 and 5百 in figures: with Arabic numerals only 万 and 亿 stand as
/// units; 3千 is 3000 (GB/T 15835 5.1).
fn digits_with_qian(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '千' | '百') || i == 0 || !chars[i - 1].is_ascii_digit() {
            continue;
        }
        let next = chars.get(i + 1).copied();
        if (c == '千' && next.is_some_and(|n| KILO.contains(n)))
            || (c == '百' && next == Some('分'))
        {
            continue;
        }
        let first = number_before(chars, i);
        if first > 0 && (chars[first - 1].is_ascii_alphanumeric() || chars[first - 1] == '.') {
            continue;
        }
        let number: String = chars[first..i].iter().collect();
        let Ok(value) = number.parse::<f64>() else {
            continue;
        };
        let scaled = value * if c == '千' { 1000.0 } else { 100.0 };
        if scaled.fract() != 0.0 {
            continue;
        }
        add(Hit::new(Rule::DigitsWithQian, first, i + 1).suggest(format!("{}", scaled as u64)));
    }
}

/// Chinese numerals and digits in one number (二十3个, 百分之5): a
/// statistic is written in digits throughout.
fn numerals_mixed(chars: &[char], add: &mut dyn FnMut(Hit)) {
    const PERCENT: [char; 3] = ['百', '分', '之'];
    for at in super::chars::find_all(chars, &PERCENT) {
        let from = at + 3;
        let digits = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count();
        if digits > 0 && chars[from].is_ascii_digit() {
            let number: String = chars[from..from + digits].iter().collect();
            add(Hit::new(Rule::NumeralsMixed, at, from + digits).suggest(format!("{number}%")));
        }
    }
    for at in 0..chars.len() {
        if chars[at] != '十' {
            continue;
        }
        let tens = match at.checked_sub(1).map(|i| chars[i]) {
            Some(c) if "二三四五六七八九".contains(c) => {
                super::chars::han_digit(c).unwrap_or(1)
            }
            _ => 1,
        };
        let from = if tens > 1 { at - 1 } else { at };
        // 第十、十四五: a Chinese numeral whole, or part of a longer one.
        if from > 0
            && (super::chars::is_han_numeral(chars[from - 1]) || chars[from - 1].is_ascii_digit())
        {
            continue;
        }
        let Some(unit) = chars.get(at + 1).and_then(|c| c.to_digit(10)) else {
            continue;
        };
        if chars
            .get(at + 2)
            .is_some_and(|c| c.is_ascii_digit() || *c == '.')
        {
            continue;
        }
        add(Hit::new(Rule::NumeralsMixed, from, at + 2).suggest(format!("{}", tens * 10 + unit)));
    }
}
