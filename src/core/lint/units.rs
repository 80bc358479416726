//! 量和单位: GB 3100—1993, GB 3101—1993, GB 3102—1993.

use super::chars::{find_all, is_han_numeral};
use super::{Hit, Rule};

pub fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    symbol_case(chars, add);
    styles_in_sentences(chars, add);
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
    ("KWH", "kW·h"),
    ("KWh", "kW·h"),
    ("Kwh", "kW·h"),
    ("kwh", "kW·h"),
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

/// Units made by multiplying two, written without the 中圆点 between
/// (GB 3101—1993: kW·h, N·m).
const PRODUCTS: &[(&str, &str)] = &[
    ("kWh", "kW·h"),
    ("MWh", "MW·h"),
    ("GWh", "GW·h"),
    ("TWh", "TW·h"),
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
        } else if let Some(&(_, right)) = PRODUCTS.iter().find(|(wrong, _)| *wrong == token) {
            add(Hit::new(Rule::UnitProduct, start, end).suggest(right));
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

/// One quantity's units as symbols and as Chinese names: (family,
/// symbols, names). Names are matched longest first, so that 千瓦时 is
/// energy and not power.
const STYLES: &[(&str, &[&str], &[&str])] = &[
    (
        "energy",
        &["kW·h", "kWh", "MW·h", "MWh", "GW·h", "GWh"],
        &["千瓦时", "兆瓦时", "吉瓦时"],
    ),
    (
        "power",
        &["kW", "MW", "GW", "W"],
        &["千瓦", "兆瓦", "吉瓦", "瓦"],
    ),
    (
        "length",
        &["km", "m", "cm", "mm"],
        &["千米", "公里", "厘米", "毫米", "米"],
    ),
    (
        "mass",
        &["kg", "t", "g", "mg"],
        &["千克", "公斤", "毫克", "吨", "克"],
    ),
    ("pressure", &["MPa", "kPa", "Pa"], &["兆帕", "千帕", "帕"]),
    ("voltage", &["kV", "V"], &["千伏", "伏"]),
];

/// 装机100MW，年发电量1.2亿千瓦时 is fine; 长20km，宽3公里 is not: one
/// sentence gives one quantity's units either as symbols or as Chinese
/// names (GB 3100—1993 and GB 3102—1993 list both; a text uses one).
fn styles_in_sentences(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut start = 0;
    while start < chars.len() {
        let end = chars[start..]
            .iter()
            .position(|c| matches!(c, '。' | '！' | '？' | '；'))
            .map_or(chars.len(), |p| start + p + 1);
        for &(_, symbols, names) in STYLES {
            let mut as_symbol = Vec::new();
            let mut as_name = Vec::new();
            for i in start..end {
                let after_number = i > start
                    && (chars[i - 1].is_ascii_digit()
                        || (chars[i - 1] == ' ' && i >= 2 && chars[i - 2].is_ascii_digit()));
                let after_magnitude = i > start + 1
                    && matches!(chars[i - 1], '万' | '亿')
                    && chars[i - 2].is_ascii_digit();
                if after_number {
                    let letters = chars[i..end]
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic() || **c == '·')
                        .count();
                    let token: String = chars[i..i + letters].iter().collect();
                    if letters > 0
                        && symbols.contains(&token.as_str())
                        && !chars
                            .get(i + letters)
                            .is_some_and(|c| matches!(c, '/' | '²' | '³'))
                    {
                        as_symbol.push((i, i + letters));
                    }
                }
                if (after_number || after_magnitude)
                    && let Some(n) = names.iter().find(|n| super::chars::starts(chars, i, n))
                {
                    let e = i + n.chars().count();
                    // 千瓦时 is energy, not 千瓦 and 时.
                    if chars.get(e) != Some(&'时') {
                        as_name.push((i, e));
                    }
                }
            }
            if as_symbol.is_empty() || as_name.is_empty() {
                continue;
            }
            let fewer = if as_name.len() < as_symbol.len() {
                &as_name
            } else {
                &as_symbol
            };
            for &(s, e) in fewer {
                add(Hit::new(Rule::UnitStylesMixed, s, e));
            }
        }
        start = end;
    }
}
