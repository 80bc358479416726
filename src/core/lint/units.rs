//! 量和单位: GB 3100—1993, GB 3101—1993, GB 3102—1993.

use super::chars::{find_all, is_han_numeral};
use super::{Hit, Rule};

pub fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    symbol_case(chars, add);
    mixed_scripts(chars, add);
    obsolete(chars, add);
}

/// Unit symbols written in the wrong case, and their right form. A prefix
/// for a thousand is k, for a million M; Pa, W and Hz are capitalised.
const CASE: &[(&str, &str)] = &[
    ("KV", "kV"),
    ("Kv", "kV"),
    ("kv", "kV"),
    ("KW", "kW"),
    ("Kw", "kW"),
    ("kw", "kW"),
    ("KWH", "kWh"),
    ("KWh", "kWh"),
    ("Kwh", "kWh"),
    ("kwh", "kWh"),
    ("KG", "kg"),
    ("Kg", "kg"),
    ("KM", "km"),
    ("Km", "km"),
    ("CM", "cm"),
    ("Cm", "cm"),
    ("MM", "mm"),
    ("MPA", "MPa"),
    ("Mpa", "MPa"),
    ("mpa", "MPa"),
    ("KPA", "kPa"),
    ("Kpa", "kPa"),
    ("kpa", "kPa"),
    ("KPa", "kPa"),
    ("GPA", "GPa"),
    ("Gpa", "GPa"),
    ("HZ", "Hz"),
    ("hz", "Hz"),
    ("KHZ", "kHz"),
    ("Khz", "kHz"),
    ("KHz", "kHz"),
    ("khz", "kHz"),
    ("MHZ", "MHz"),
    ("Mhz", "MHz"),
    ("Mw", "MW"),
    ("Gw", "GW"),
    ("gw", "GW"),
    ("KVA", "kVA"),
    ("Kva", "kVA"),
    ("kva", "kVA"),
    ("KM/H", "km/h"),
    ("Km/h", "km/h"),
    ("KM/h", "km/h"),
];

/// A symbol counts only right after a number, so that words and product
/// names are left alone.
fn symbol_case(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let start = if chars.get(i) == Some(&' ') { i + 1 } else { i };
        let mut end = start;
        while end < chars.len() && (chars[end].is_ascii_alphabetic() || chars[end] == '/') {
            end += 1;
        }
        let token: String = chars[start..end].iter().collect();
        if let Some(&(_, right)) = CASE.iter().find(|(wrong, _)| *wrong == token) {
            add(Hit::new(Rule::UnitCase, start, end).suggest(right));
        }
        i = end.max(start);
    }
}

/// km/小时 mixes a symbol with a Chinese unit name.
fn mixed_scripts(chars: &[char], add: &mut dyn FnMut(Hit)) {
    const SYMBOLS: &[&str] = &["km", "m", "kg", "g", "t", "kW", "W", "L"];
    const NAMES: &[&str] = &["小时", "时", "秒", "分钟", "天", "年"];
    const NAMES_FIRST: &[&str] = &["千米", "公里", "千克", "公斤", "吨", "米", "克", "千瓦"];
    const SYMBOLS_AFTER: &[&str] = &["h", "s", "min", "d"];
    for (i, _) in chars.iter().enumerate().filter(|(_, c)| **c == '/') {
        let left_sym = SYMBOLS
            .iter()
            .find(|s| ends_with(chars, i, s) && !letter_before(chars, i - s.len()));
        let right_name = NAMES.iter().find(|n| super::chars::starts(chars, i + 1, n));
        if let (Some(s), Some(n)) = (left_sym, right_name) {
            add(Hit::new(
                Rule::UnitMixedScripts,
                i - s.len(),
                i + 1 + n.chars().count(),
            ));
            continue;
        }
        let left_name = NAMES_FIRST.iter().find(|n| ends_with(chars, i, n));
        let right_sym = SYMBOLS_AFTER.iter().find(|s| {
            super::chars::starts(chars, i + 1, s)
                && !chars
                    .get(i + 1 + s.len())
                    .is_some_and(char::is_ascii_alphabetic)
        });
        if let (Some(n), Some(s)) = (left_name, right_sym) {
            let len = n.chars().count();
            add(Hit::new(Rule::UnitMixedScripts, i - len, i + 1 + s.len()));
        }
    }
}

fn ends_with(chars: &[char], end: usize, pattern: &str) -> bool {
    let len = pattern.chars().count();
    end >= len && chars[end - len..end].iter().copied().eq(pattern.chars())
}

fn letter_before(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1].is_ascii_alphabetic()
}

/// Names GB 3100 retired, after a number.
fn obsolete(chars: &[char], add: &mut dyn FnMut(Hit)) {
    const OLD: &[(&str, &str)] = &[
        ("公尺", "米"),
        ("公寸", "分米"),
        ("公分", "厘米"),
        ("公厘", "毫米"),
        ("公升", "升"),
    ];
    for &(old, new) in OLD {
        let pattern: Vec<char> = old.chars().collect();
        for at in find_all(chars, &pattern) {
            let after_number =
                at > 0 && (chars[at - 1].is_ascii_digit() || is_han_numeral(chars[at - 1]));
            if after_number {
                add(Hit::new(Rule::UnitObsolete, at, at + 2).suggest(new));
            }
        }
    }
}

/// ℃ and °C are one symbol; an article uses one form throughout.
pub fn article(bodies: &[(usize, &[char])], add: &mut dyn FnMut(usize, Hit)) {
    let mut signs: Vec<(usize, usize, usize, bool)> = Vec::new();
    for &(piece, chars) in bodies {
        for (i, &c) in chars.iter().enumerate() {
            if c == '℃' {
                signs.push((piece, i, i + 1, true));
            } else if matches!(c, '°' | 'º') {
                let c_at = if chars.get(i + 1) == Some(&' ') {
                    i + 2
                } else {
                    i + 1
                };
                if chars.get(c_at) == Some(&'C') {
                    signs.push((piece, i, c_at + 1, false));
                }
            }
        }
    }
    let single = signs.iter().filter(|s| s.3).count();
    let double = signs.len() - single;
    if single == 0 || double == 0 {
        return;
    }
    let usual_single = single >= double;
    for &(piece, start, end, is_single) in &signs {
        if is_single != usual_single {
            add(
                piece,
                Hit::new(Rule::CelsiusMixed, start, end).suggest(if usual_single {
                    "℃"
                } else {
                    "°C"
                }),
            );
        }
    }
}
