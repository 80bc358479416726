// Shared with build.rs through `include!`, so std only and no `use super`.
//
// A table is a run of 20-byte records: a word (or a word with one
// character left open) packed 21 bits a character into a u128, then a u32
// (a count, or the character that completes the open place). Records are
// grouped into buckets by a hash of their key, and an array of bucket
// starts follows, so a lookup reads one bucket: the built-in tables are
// made at build time and used in place, with nothing to load.

/// Longest word the model reads, in characters.
pub const LONGEST: usize = 6;
/// Stands for the open place in a pattern; above every Unicode scalar.
const OPEN: u128 = 0x1F_FFFF;
const RECORD: usize = 20;

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

/// A table's records and the start of each of its buckets.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    pub records: &'a [u8],
    pub starts: &'a [u8],
}

fn bits_for(keys: usize) -> u32 {
    (keys.max(1).next_power_of_two().trailing_zeros()).clamp(4, 22)
}

fn bucket(key: u128, bits: u32) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Records and bucket starts for `pairs`, one bucket per distinct key or so.
fn build(mut pairs: Vec<(u128, u32)>) -> (Vec<u8>, Vec<u8>) {
    pairs.sort_unstable();
    pairs.dedup();
    let mut distinct = pairs.iter().map(|(k, _)| *k).collect::<Vec<_>>();
    distinct.dedup();
    let bits = bits_for(distinct.len());
    pairs.sort_by_key(|(k, v)| (bucket(*k, bits), *k, *v));
    let mut records = Vec::with_capacity(pairs.len() * RECORD);
    let mut starts = Vec::with_capacity(((1usize << bits) + 1) * 4);
    let mut next = 0;
    for (i, (key, value)) in pairs.iter().enumerate() {
        while next <= bucket(*key, bits) {
            starts.extend_from_slice(&(i as u32).to_le_bytes());
            next += 1;
        }
        records.extend_from_slice(&key.to_le_bytes());
        records.extend_from_slice(&value.to_le_bytes());
    }
    while next <= 1 << bits {
        starts.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        next += 1;
    }
    (records, starts)
}

/// The word table and the completion table of `counts`: every word of two
/// to four characters counted at least `least` times completes its
/// patterns. Each is (records, bucket starts).
#[allow(clippy::type_complexity)]
pub fn tables(
    counts: &std::collections::HashMap<u128, u32>,
    least: u32,
) -> ((Vec<u8>, Vec<u8>), (Vec<u8>, Vec<u8>)) {
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
    (build(words), build(completions))
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

fn record(bytes: &[u8], i: usize) -> (u128, u32) {
    let r = &bytes[i * RECORD..(i + 1) * RECORD];
    let mut key = [0u8; 16];
    key.copy_from_slice(&r[..16]);
    (u128::from_le_bytes(key), read_u32(r, 16))
}

impl<'a> Table<'a> {
    /// The values recorded under `key`.
    pub fn values(self, key: u128) -> impl Iterator<Item = u32> + 'a {
        let buckets = self.starts.len() / 4 - 1;
        let bits = buckets.trailing_zeros();
        let b = bucket(key, bits);
        let (from, to) = (
            read_u32(self.starts, b * 4) as usize,
            read_u32(self.starts, (b + 1) * 4) as usize,
        );
        (from..to)
            .map(move |i| record(self.records, i))
            .filter(move |(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    pub fn get(self, key: u128) -> Option<u32> {
        self.values(key).next()
    }
}

/// The lines of a data file, blank lines and `#` comments aside.
pub fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lines `word count` of a word list.
pub fn parse_counts(text: &str, into: &mut std::collections::HashMap<u128, u32>) -> u64 {
    let mut total = 0u64;
    for line in data_lines(text) {
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
