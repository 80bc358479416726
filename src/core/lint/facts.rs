//! 知识性: facts a proofreader computes rather than looks up in a word
//! list. Founding years (1922年成立的中国共产党), anniversaries against
//! the year they are said of (今年是新中国成立74周年, in 2024), the “第N个”
//! observances (第八个全民国家安全教育日, in 2024), and the party
//! congresses and plenums: when and where they were held, and a plenum
//! written of as held in an issue dated before it.
//!
//! The facts are the office's `style/纪念日.toml` and `style/会议.toml`;
//! each finding's note names the entry and its source. Only sentences
//! that say plainly which year they mean are checked: a year or 今年
//! with 是 before the anniversary, a date beside a named meeting.

use chrono::{Datelike, NaiveDate};

use super::chars::{find_all, han_digit, is_han};
use super::style::{Anniversary, Meeting, Observance};
use super::{Hit, Rule, Setting, Severity};

pub(crate) fn paragraph(chars: &[char], setting: &Setting, add: &mut dyn FnMut(Hit)) {
    let style = setting.style;
    let times = times(chars);
    let year = setting.date.map(|d| d.year());
    founding(chars, &times, &style.anniversaries, add);
    meetings(chars, &times, &style.meetings, setting.date, add);
    if let Some(year) = year {
        anniversaries(chars, &times, &style.anniversaries, year, add);
        observances(chars, &times, &style.observances, year, add);
    }
}

/// A date written in the text: 2024年, 2024年7月, 2024年7月15日, 今年.
#[derive(Debug, Clone, Copy)]
struct Time {
    start: usize,
    end: usize,
    /// The year itself, or how far from the issue's year (今年 0, 去年 −1).
    year: Year,
    month: Option<u32>,
    day: Option<u32>,
}

#[derive(Debug, Clone, Copy)]
enum Year {
    Written(i32),
    Relative(i32),
}

impl Year {
    fn of(self, issue: Option<i32>) -> Option<i32> {
        match self {
            Year::Written(y) => Some(y),
            Year::Relative(d) => issue.map(|y| y + d),
        }
    }
}

fn digits(chars: &[char], at: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut i = at;
    while i < chars.len() && chars[i].is_ascii_digit() && i - at < 6 {
        value = value * 10 + chars[i].to_digit(10).unwrap_or(0);
        i += 1;
    }
    (value, i)
}

/// Past one space, if there is one at `i`.
fn sp(chars: &[char], i: usize) -> usize {
    if chars.get(i) == Some(&' ') { i + 1 } else { i }
}

fn times(chars: &[char]) -> Vec<Time> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let relative = match chars.get(i..i + 2) {
            Some(['今', '年']) => Some(0),
            Some(['去', '年']) => Some(-1),
            Some(['明', '年']) => Some(1),
            _ => None,
        };
        if let Some(d) = relative {
            let time = month_and_day(
                chars,
                Time {
                    start: i,
                    end: i + 2,
                    year: Year::Relative(d),
                    month: None,
                    day: None,
                },
            );
            found.push(time);
            i = time.end;
            continue;
        }
        let fresh = i == 0 || !chars[i - 1].is_ascii_digit();
        let (year, end) = digits(chars, i);
        // Print extracted from a typeset page has 2023 年 and 7 月.
        if fresh && end - i == 4 && chars.get(sp(chars, end)) == Some(&'年') {
            let time = month_and_day(
                chars,
                Time {
                    start: i,
                    end: sp(chars, end) + 1,
                    year: Year::Written(year as i32),
                    month: None,
                    day: None,
                },
            );
            found.push(time);
            i = time.end;
            continue;
        }
        i = end.max(i + 1);
    }
    found
}

/// 7月15日 after the year, if written.
fn month_and_day(chars: &[char], mut time: Time) -> Time {
    let at = sp(chars, time.end);
    let (month, m_end) = digits(chars, at);
    if m_end > at && chars.get(sp(chars, m_end)) == Some(&'月') {
        time.month = Some(month);
        time.end = sp(chars, m_end) + 1;
        let at = sp(chars, time.end);
        let (day, d_end) = digits(chars, at);
        if d_end > at && chars.get(sp(chars, d_end)) == Some(&'日') {
            time.day = Some(day);
            time.end = sp(chars, d_end) + 1;
        }
    }
    time
}

fn ending_at(times: &[Time], end: usize) -> Option<&Time> {
    times.iter().find(|t| t.end == end)
}

fn starting_at(times: &[Time], start: usize) -> Option<&Time> {
    times.iter().find(|t| t.start == start)
}

fn starts(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, c)| chars.get(i) == Some(&c))
}

fn ends(chars: &[char], end: usize, word: &str) -> bool {
    let n = word.chars().count();
    end >= n && starts(chars, end - n, word)
}

/// The first of `words` that `chars` has at `at`, as its length.
fn one_of(chars: &[char], at: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter(|w| starts(chars, at, w))
        .map(|w| w.chars().count())
        .max()
}

fn one_of_before(chars: &[char], end: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter(|w| ends(chars, end, w))
        .map(|w| w.chars().count())
        .max()
}

/// A number at `at`, in digits or in Chinese (一百零三, 二十): its value,
/// its end, and whether it was written in digits.
fn number_at(chars: &[char], at: usize) -> Option<(u32, usize, bool)> {
    let (value, end) = digits(chars, at);
    if end > at {
        return Some((value, end, true));
    }
    let mut end = at;
    while end < chars.len() && (han_digit(chars[end]).is_some() || "十百零".contains(chars[end]))
    {
        end += 1;
    }
    han_number(&chars[at..end]).map(|v| (v, end, false))
}

/// 一百零三 → 103, 二十 → 20, 十九 → 19; below 1,000.
fn han_number(chars: &[char]) -> Option<u32> {
    if chars.is_empty() {
        return None;
    }
    let (mut total, mut digit) = (0u32, None::<u32>);
    for &c in chars {
        match c {
            '十' => {
                total += digit.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += digit.take()? * 100;
            }
            '零' | '〇' => {}
            c => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(han_digit(c)?);
            }
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// The number written the way the text wrote it.
fn written(n: i32, in_digits: bool) -> String {
    if in_digits || n <= 0 {
        return n.to_string();
    }
    let n = n as u32;
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
    }
    match (h, t, u) {
        (_, 0, 0) => {}
        (0, 1, _) => s.push('十'),
        (_, 0, _) if h > 0 => s.push('零'),
        (_, 0, _) => {}
        _ => {
            s.push_str(D[t as usize]);
            s.push('十');
        }
    }
    s.push_str(D[u as usize]);
    s
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// What the sentence says it is about: the year of a 今年是 or 2024年是
/// before `at`, with nothing but the things it names between.
/// With it, whether the year is written out: 今年 counts from the issue's
/// date, which a reprinted speech or a misdated issue can make wrong, so
/// what rests on it is a 建议, not an 错误.
fn anchored_year(chars: &[char], times: &[Time], at: usize, issue: i32) -> Option<(i32, bool)> {
    let from = chars[..at]
        .iter()
        .rposition(|c| is_sentence_end(*c))
        .map_or(0, |i| i + 1);
    let time = times.iter().rfind(|t| t.start >= from && t.end <= at)?;
    let mut after = time.end;
    if chars.get(after) == Some(&'，') {
        after += 1;
    }
    let joined = one_of(
        chars,
        after,
        &[
            "是", "为", "恰逢", "正值", "适逢", "时值", "欣逢", "迎来", "喜迎", "也是",
        ],
    )?;
    if after + joined > at {
        return None;
    }
    let between = &chars[after + joined..at];
    let text: String = between.iter().collect();
    if between.len() > 40 || text.contains("大会") || text.contains("讲话") {
        return None;
    }
    let written = matches!(time.year, Year::Written(_));
    time.year.of(Some(issue)).map(|y| (y, written))
}

/// A named event (庆祝中国共产党成立100周年大会) is not a count of years.
fn names_an_event(chars: &[char], end: usize) -> bool {
    match chars.get(end) {
        None => false,
        Some(&c) if !is_han(c) => false,
        Some(_) => one_of(
            chars,
            end,
            &["之际", "的", "也", "和", "暨", "及", "前夕", "以来", "时"],
        )
        .is_none(),
    }
}

fn anniversaries(
    chars: &[char],
    times: &[Time],
    list: &[Anniversary],
    issue: i32,
    add: &mut dyn FnMut(Hit),
) {
    // Every form found; one inside a longer one (共和国成立 in
    // 中华人民共和国成立) is the longer one's.
    let mut found: Vec<(usize, usize, &Anniversary)> = Vec::new();
    for a in list {
        for form in &a.forms {
            let pattern: Vec<char> = form.chars().collect();
            for at in find_all(chars, &pattern) {
                found.push((at, at + pattern.len(), a));
            }
        }
    }
    let inside = |s: usize, e: usize| {
        found
            .iter()
            .any(|&(s2, e2, _)| s2 <= s && e <= e2 && (s2, e2) != (s, e))
    };
    for &(start, end, a) in &found {
        if inside(start, end) {
            continue;
        }
        let Some((n, n_end, in_digits)) = number_at(chars, sp(chars, end)) else {
            continue;
        };
        let n_end = sp(chars, n_end);
        if !starts(chars, n_end, "周年") || names_an_event(chars, n_end + 2) {
            continue;
        }
        let form: String = chars[start..end].iter().collect();
        let source = a.source.as_deref().unwrap_or("");
        if let Some((year, written_out)) = anchored_year(chars, times, start, issue) {
            let right = year - a.year;
            if n as i32 != right && right > 0 {
                let severity = match written_out {
                    true => Severity::Error,
                    false => Severity::Warning,
                };
                add(Hit::new(Rule::FactAnniversary, start, n_end + 2)
                    .suggest(format!("{form}{}周年", written(right, in_digits)))
                    .severity(severity)
                    .note(format!(
                        "{}于{}年，{year}年是{right}周年；依据：{source}",
                        a.name, a.year
                    )));
            }
            continue;
        }
        // 喜迎建党102周年 in 2024: an anniversary already past is not
        // one to look forward to.
        let ahead = one_of_before(chars, start, &["迎来", "喜迎", "迎接", "献礼"]).is_some();
        let right = issue - a.year;
        if ahead && (n as i32) < right {
            add(Hit::new(Rule::FactAnniversary, start, n_end + 2)
                .suggest(format!("{form}{}周年", written(right, in_digits)))
                .severity(Severity::Warning)
                .note(format!(
                    "{}于{}年，本期所在的{issue}年是{right}周年，{n}周年已经过去；依据：{source}",
                    a.name, a.year
                )));
        }
    }
}

fn observances(
    chars: &[char],
    times: &[Time],
    list: &[Observance],
    issue: i32,
    add: &mut dyn FnMut(Hit),
) {
    for o in list {
        let name: Vec<char> = o.name.chars().collect();
        for at in find_all(chars, &name) {
            if at == 0 || chars[at - 1] != '个' {
                continue;
            }
            let mut n_start = at - 1;
            while n_start > 0
                && (chars[n_start - 1].is_ascii_digit()
                    || han_digit(chars[n_start - 1]).is_some()
                    || "十百零".contains(chars[n_start - 1]))
            {
                n_start -= 1;
            }
            if n_start == 0 || chars[n_start - 1] != '第' {
                continue;
            }
            let Some((n, n_end, in_digits)) = number_at(chars, n_start) else {
                continue;
            };
            if n_end != at - 1 {
                continue;
            }
            let start = n_start - 1;
            let end = at + name.len();
            let source = o.source.as_deref().unwrap_or("");
            // 2016年第一个全民国家安全教育日: the year written beside it.
            let beside = ending_at(times, start)
                .or_else(|| ending_at(times, start.saturating_sub(1)))
                .and_then(|t| {
                    let written = matches!(t.year, Year::Written(_));
                    t.year.of(Some(issue)).map(|y| (y, written))
                });
            let (year, severity) =
                match beside.or_else(|| anchored_year(chars, times, start, issue)) {
                    Some((y, true)) => (y, Severity::Error),
                    Some((y, false)) => (y, Severity::Warning),
                    None => (issue, Severity::Warning),
                };
            let right = year - o.first + 1;
            if right < 1 || n as i32 == right {
                continue;
            }
            // Without a year, 第一个 in a later issue is more likely a
            // look back than a slip; last year's or next year's count is
            // the slip.
            if severity == Severity::Warning && (n as i32 - right).abs() != 1 {
                continue;
            }
            let when = match severity {
                Severity::Error => format!("{year}年"),
                _ => format!("本期所在的{year}年"),
            };
            add(Hit::new(Rule::FactObservance, start, end)
                .suggest(format!("第{}个{}", written(right, in_digits), o.name))
                .severity(severity)
                .note(format!(
                    "第一个{}在{}年，{when}是第{right}个；依据：{source}",
                    o.name, o.first
                )));
        }
    }
}

const FOUNDED: &[&str] = &["成立", "诞生", "建立", "创建", "创立", "组建", "缔造"];

/// 1922年成立的中国共产党, 中国共产党成立于1922年, 中国共产党于1922年7月成立.
fn founding(chars: &[char], times: &[Time], list: &[Anniversary], add: &mut dyn FnMut(Hit)) {
    for a in list {
        for org in &a.founded {
            let pattern: Vec<char> = org.chars().collect();
            for at in find_all(chars, &pattern) {
                let end = at + pattern.len();
                let mut said: Option<&Time> = None;
                // 1922年成立的中国共产党, and the name ends there.
                if at > 0
                    && chars[at - 1] == '的'
                    && let Some(verb) = one_of_before(chars, at - 1, FOUNDED)
                {
                    let mut t_end = at - 1 - verb;
                    if ends(chars, t_end, "正式") {
                        t_end -= 2;
                    }
                    let next_free = chars.get(end).is_none_or(|&c| {
                        !is_han(c) || "的是在已经从走为以领团始带一就和与同并把将".contains(c)
                    });
                    if next_free {
                        said = ending_at(times, t_end);
                    }
                }
                // 中国共产党成立于1922年
                if let Some(verb) = one_of(chars, end, FOUNDED)
                    && chars.get(end + verb) == Some(&'于')
                {
                    said = said.or(starting_at(times, end + verb + 1));
                }
                // 中国共产党于1922年7月（在上海）成立
                if chars.get(end) == Some(&'于')
                    && let Some(t) = starting_at(times, end + 1)
                {
                    let mut i = t.end;
                    if starts(chars, i, "正式") {
                        i += 2;
                    }
                    if chars.get(i) == Some(&'在') {
                        i = (i + 2..=i + 4)
                            .find(|&j| one_of(chars, j, FOUNDED).is_some())
                            .filter(|&j| chars[i + 1..j].iter().all(|c| is_han(*c)))
                            .unwrap_or(i);
                    }
                    if one_of(chars, i, FOUNDED).is_some() {
                        said = said.or(Some(t));
                    }
                }
                let Some(t) = said else { continue };
                let Year::Written(year) = t.year else {
                    continue;
                };
                if year == a.year {
                    continue;
                }
                let source = a.source.as_deref().unwrap_or("");
                add(
                    Hit::new(Rule::FactFounding, t.start, sp(chars, t.start + 4) + 1)
                        .suggest(format!("{}年", a.year))
                        .note(format!("{}于{}年；依据：{source}", a.name, a.year)),
                );
            }
        }
    }
}

/// A named congress or plenum in the text, by the data's short name.
struct Mention {
    start: usize,
    end: usize,
    key: String,
}

fn numeral_run_before(chars: &[char], end: usize) -> usize {
    let mut start = end;
    while start > 0 && (han_digit(chars[start - 1]).is_some() || chars[start - 1] == '十') {
        start -= 1;
    }
    start
}

fn numeral_run_after(chars: &[char], at: usize) -> usize {
    let mut end = at;
    while end < chars.len() && (han_digit(chars[end]).is_some() || chars[end] == '十') {
        end += 1;
    }
    end
}

fn mentions(chars: &[char]) -> Vec<Mention> {
    let text = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let mut found = Vec::new();
    // 二十届三中全会, 党的二十届三中全会
    for at in find_all(chars, &['中', '全', '会']) {
        if at < 3 || han_digit(chars[at - 1]).is_none() || chars[at - 2] != '届' {
            continue;
        }
        let start = numeral_run_before(chars, at - 2);
        if start == at - 2 {
            continue;
        }
        let key = format!("{}届{}中全会", text(start, at - 2), chars[at - 1]);
        let start = start - one_of_before(chars, start, &["党的", "中共"]).unwrap_or(0);
        found.push(Mention {
            start,
            end: at + 3,
            key,
        });
    }
    // 中国共产党第二十届中央委员会第三次全体会议
    for at in find_all(chars, &"届中央委员会第".chars().collect::<Vec<_>>()) {
        let start = numeral_run_before(chars, at);
        let n_end = numeral_run_after(chars, at + 7);
        if start == at || start == 0 || chars[start - 1] != '第' || n_end == at + 7 {
            continue;
        }
        if !starts(chars, n_end, "次全体会议") {
            continue;
        }
        let key = format!("{}届{}中全会", text(start, at), text(at + 7, n_end));
        let start = start - 1 - one_of_before(chars, start - 1, &["中国共产党"]).unwrap_or(0);
        found.push(Mention {
            start,
            end: n_end + 5,
            key,
        });
    }
    // 党的二十大, 中国共产党第二十次全国代表大会
    for at in find_all(chars, &['党', '的']) {
        let n_end = numeral_run_after(chars, at + 2);
        if n_end > at + 2 && chars.get(n_end) == Some(&'大') && chars.get(n_end + 1) != Some(&'会')
        {
            found.push(Mention {
                start: at,
                end: n_end + 1,
                key: format!("党的{}大", text(at + 2, n_end)),
            });
        }
    }
    for at in find_all(chars, &"次全国代表大会".chars().collect::<Vec<_>>()) {
        let start = numeral_run_before(chars, at);
        if start == at || start < 1 || chars[start - 1] != '第' {
            continue;
        }
        if !ends(chars, start - 1, "中国共产党") && !ends(chars, start - 1, "党的") {
            continue;
        }
        let prefix = one_of_before(chars, start - 1, &["中国共产党", "党的"]).unwrap_or(0);
        found.push(Mention {
            start: start - 1 - prefix,
            end: at + 7,
            key: format!("党的{}大", text(start, at)),
        });
    }
    found
}

const HELD: &[&str] = &[
    "召开",
    "举行",
    "胜利召开",
    "隆重召开",
    "开幕",
    "闭幕",
    "胜利闭幕",
];

fn meetings(
    chars: &[char],
    times: &[Time],
    list: &[Meeting],
    date: Option<NaiveDate>,
    add: &mut dyn FnMut(Hit),
) {
    for m in mentions(chars) {
        let Some(meeting) = list.iter().find(|x| x.name == m.key) else {
            continue;
        };
        // An issue dated by its month alone may be printed after a
        // meeting held that month: only an earlier month is before it.
        let month = |d: NaiveDate| (d.year(), d.month());
        // A date beside it that is not the meeting's says more than that
        // the meeting was still to come.
        let dated = when_and_where(chars, times, &m, meeting, list, date, add);
        if let Some(d) = date
            && month(d) < month(meeting.from)
            && !dated
        {
            ahead(chars, &m, meeting, d, add);
        }
    }
}

fn span_text(m: &Meeting) -> String {
    let from = m.from;
    let day = |d: NaiveDate| format!("{}年{}月{}日", d.year(), d.month(), d.day());
    let mut s = day(from);
    if let Some(to) = m.to.filter(|t| *t != from) {
        if to.month() == from.month() {
            s.push_str(&format!("至{}日", to.day()));
        } else {
            s.push_str(&format!("至{}月{}日", to.month(), to.day()));
        }
    }
    s
}

/// The year, month or day written beside the meeting, and where.
fn when_and_where(
    chars: &[char],
    times: &[Time],
    m: &Mention,
    meeting: &Meeting,
    list: &[Meeting],
    date: Option<NaiveDate>,
    add: &mut dyn FnMut(Hit),
) -> bool {
    let mut flagged = false;
    let mut time: Option<&Time> = None;
    let mut place: Option<(usize, usize)> = None;
    // …召开的党的二十大: the verb, a place perhaps, and a date before it.
    if m.start > 0
        && chars[m.start - 1] == '的'
        && let Some(verb) = one_of_before(chars, m.start - 1, HELD)
    {
        let v = m.start - 1 - verb;
        let (p, t_end) = place_before(chars, v);
        place = p;
        time = ending_at(times, t_end);
    }
    // 党的二十大于2022年10月在北京召开; 党的二十大在北京召开
    let mut i = m.end;
    if chars.get(i) == Some(&'于') {
        if let Some(t) = starting_at(times, i + 1) {
            i = t.end;
            // 至22日, 至18日
            if chars.get(i) == Some(&'至') {
                let (_, e) = digits(chars, i + 1);
                if e > i + 1 && chars.get(e) == Some(&'日') {
                    i = e + 1;
                }
            }
            let (p, after) = place_after(chars, i);
            if one_of(chars, after, HELD).is_some() {
                time = time.or(Some(t));
                place = place.or(p);
            }
        }
    } else {
        let (p, after) = place_after(chars, i);
        if p.is_some() && one_of(chars, after, HELD).is_some() {
            place = place.or(p);
        }
    }
    // 2022年10月，党的二十大胜利召开
    if time.is_none() {
        let before = if m.start > 0 && chars[m.start - 1] == '，' {
            m.start - 1
        } else {
            m.start
        };
        if let Some(t) = ending_at(times, before) {
            let (p, after) = place_after(chars, m.end);
            if one_of(chars, after, HELD).is_some() {
                time = Some(t);
                place = place.or(p);
            }
        }
    }
    let source = meeting.source.as_deref().unwrap_or("");
    let held = span_text(meeting);
    let at = meeting.place.as_deref().unwrap_or("");
    if let Some(t) = time {
        let issue = date.map(|d| d.year());
        let Some(year) = t.year.of(issue) else {
            return false;
        };
        let ends = [Some(meeting.from), meeting.to];
        let months: Vec<(i32, u32)> = ends
            .iter()
            .flatten()
            .map(|d| (d.year(), d.month()))
            .collect();
        let wrong = match (t.month, t.day) {
            (Some(mo), Some(day)) => NaiveDate::from_ymd_opt(year, mo, day)
                .is_none_or(|d| d < meeting.from || d > meeting.to.unwrap_or(meeting.from)),
            (Some(mo), None) => !months.contains(&(year, mo)),
            _ => !months.iter().any(|(y, _)| *y == year),
        };
        if wrong {
            let others: Vec<&str> = list
                .iter()
                .filter(|x| {
                    x.from.year() == year && x.name.ends_with("全会") == m.key.ends_with("全会")
                })
                .map(|x| x.name.as_str())
                .collect();
            let mut note = format!("{}于{held}在{at}召开", meeting.name);
            if !others.is_empty() {
                note.push_str(&format!("，{year}年召开的是{}", others.join("、")));
            }
            note.push_str(&format!("；依据：{source}"));
            // The opening date, as precisely as the text wrote its own.
            let f = meeting.from;
            let right = match (t.month, t.day) {
                (Some(_), Some(_)) => format!("{}年{}月{}日", f.year(), f.month(), f.day()),
                (Some(_), None) => format!("{}年{}月", f.year(), f.month()),
                _ => format!("{}年", f.year()),
            };
            let hit = Hit::new(Rule::FactMeeting, t.start, t.end).note(note);
            add(match t.year {
                Year::Written(_) => hit.suggest(right),
                Year::Relative(_) => hit,
            });
            flagged = true;
        }
    }
    if let Some((s, e)) = place {
        let written: String = chars[s..e].iter().collect();
        if !at.is_empty() && !written.contains(at) && !at.contains(&written) {
            add(Hit::new(Rule::FactMeeting, s, e)
                .suggest(at.to_string())
                .note(format!(
                    "{}于{held}在{at}召开；依据：{source}",
                    meeting.name
                )));
            flagged = true;
        }
    }
    flagged
}

/// 在北京 ending at `end`: its span, and where the text before it ends.
fn place_before(chars: &[char], end: usize) -> (Option<(usize, usize)>, usize) {
    for len in (2..=5).rev() {
        if end > len
            && chars[end - len - 1] == '在'
            && chars[end - len..end].iter().all(|c| is_han(*c))
        {
            return (Some((end - len, end)), end - len - 1);
        }
    }
    (None, end)
}

/// 在北京 starting at `at`, before a verb of holding.
fn place_after(chars: &[char], at: usize) -> (Option<(usize, usize)>, usize) {
    if chars.get(at) != Some(&'在') {
        return (None, at);
    }
    for len in 2..=5 {
        let e = at + 1 + len;
        if e <= chars.len()
            && chars[at + 1..e].iter().all(|c| is_han(*c))
            && one_of(chars, e, HELD).is_some()
        {
            return (Some((at + 1, e)), e);
        }
    }
    (None, at)
}

/// A meeting written of in an issue dated before it opened. 即将召开的
/// and 将于 look forward and are left alone; 精神 and 提出 speak of it as
/// held, and are wrong.
fn ahead(
    chars: &[char],
    m: &Mention,
    meeting: &Meeting,
    date: NaiveDate,
    add: &mut dyn FnMut(Hit),
) {
    let before: String = chars[m.start.saturating_sub(8)..m.start].iter().collect();
    let after: String = chars[m.end..(m.end + 8).min(chars.len())].iter().collect();
    const FORWARD: &[&str] = &[
        "即将",
        "将要",
        "将于",
        "将在",
        "迎接",
        "喜迎",
        "筹备",
        "前夕",
        "召开前",
        "之前",
        "预计",
        "有望",
    ];
    if FORWARD
        .iter()
        .any(|w| before.contains(w) || after.contains(w))
    {
        return;
    }
    if after.starts_with("的召开") || after.starts_with("召开营造") {
        return;
    }
    const AS_HELD: &[&str] = &[
        "精神",
        "提出",
        "指出",
        "强调",
        "部署",
        "通过",
        "作出",
        "以来",
        "胜利召开",
        "召开后",
        "审议",
    ];
    let as_held = AS_HELD.iter().any(|w| after.starts_with(w))
        || ["学习贯彻", "贯彻落实", "贯彻", "根据", "按照"]
            .iter()
            .any(|w| before.ends_with(w));
    let source = meeting.source.as_deref().unwrap_or("");
    let how = match as_held {
        true => "文中却写作已经召开",
        false => "请核实是否写错了届次",
    };
    // Only the issue's date says the meeting is still to come, and an
    // article may be reprinted or its issue misdated: a 建议, not an 错误.
    add(Hit::new(Rule::FactMeetingAhead, m.start, m.end)
        .severity(Severity::Warning)
        .note(format!(
            "{}于{}召开，本期日期{}年{}月{}日在此之前，{how}；依据：{source}",
            meeting.name,
            span_text(meeting),
            date.year(),
            date.month(),
            date.day()
        )));
}
