// Shared with build.rs through `include!`, so std only and no `use super`.
//
// A table is a run of 20-byte records sorted by key: a word (or a word with
// one character left open) packed 21 bits a character into a u128, then a
// u32 (a count, or the character that completes the open place). The
// built-in tables are made at build time and read in place.

/// Longest word the model reads, in characters.
pub const LONGEST: usize = 6;
/// Stands for the open place in a pattern; above every Unicode scalar.
const OPEN: u128 = 0x1F_FFFF;
pub const RECORD: usize = 20;

pub fn pack(chars: &[char]) -> Option<u128> {
    if chars.is_empty() || chars.len() > LONGEST {
        return None;
    }
    Some(chars.iter().fold(0, |k, &c| (k << 21) | c as u128))
}

/// `chars` with the character at `open` left open.
pub fn pattern(chars: &[char], open: usize) -> Option<u128> {
    if chars.len() > LONGEST || open >= chars.len() {
        return None;
    }
    Some(chars.iter().enumerate().fold(0, |k, (i, &c)| {
        (k << 21) | if i == open { OPEN } else { c as u128 }
    }))
}

fn unpack(mut key: u128) -> Vec<char> {
    let mut chars = Vec::new();
    while key != 0 {
        chars.push(char::from_u32((key & OPEN) as u32).unwrap_or('\u{FFFD}'));
        key >>= 21;
    }
    chars.reverse();
    chars
}

fn records(mut pairs: Vec<(u128, u32)>) -> Vec<u8> {
    pairs.sort_unstable();
    pairs.dedup();
    let mut bytes = Vec::with_capacity(pairs.len() * RECORD);
    for (key, value) in pairs {
        bytes.extend_from_slice(&key.to_le_bytes());
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    bytes
}

/// The word table and the completion table of `counts`: every word of two
/// to four characters counted at least `least` times completes its
/// patterns.
pub fn tables(counts: &std::collections::HashMap<u128, u32>, least: u32) -> (Vec<u8>, Vec<u8>) {
    let mut completions = Vec::new();
    for (&key, &count) in counts {
        let word = unpack(key);
        if !(2..=4).contains(&word.len()) || count < least {
            continue;
        }
        for at in 0..word.len() {
            if let Some(open) = pattern(&word, at) {
                completions.push((open, word[at] as u32));
            }
        }
    }
    let words = counts.iter().map(|(k, v)| (*k, *v)).collect();
    (records(words), records(completions))
}

pub fn record(bytes: &[u8], i: usize) -> (u128, u32) {
    let r = &bytes[i * RECORD..(i + 1) * RECORD];
    let mut key = [0u8; 16];
    key.copy_from_slice(&r[..16]);
    let mut value = [0u8; 4];
    value.copy_from_slice(&r[16..]);
    (u128::from_le_bytes(key), u32::from_le_bytes(value))
}

pub fn entries(bytes: &[u8]) -> impl Iterator<Item = (u128, u32)> + '_ {
    (0..bytes.len() / RECORD).map(move |i| record(bytes, i))
}

/// Lines `word count` of a word list, `#` lines aside.
pub fn parse_counts(text: &str, into: &mut std::collections::HashMap<u128, u32>) -> u64 {
    let mut total = 0u64;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((word, count)) = line.split_once(' ') else {
            continue;
        };
        let (Some(key), Ok(count)) = (
            pack(&word.chars().collect::<Vec<char>>()),
            count.parse::<u32>(),
        ) else {
            continue;
        };
        *into.entry(key).or_default() += count;
        total += u64::from(count);
    }
    total
}
