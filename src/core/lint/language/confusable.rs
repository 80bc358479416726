//! Which characters are mistaken for which: those that sound alike (the
//! `pinyin` crate's readings, from pinyin-data), those that look alike
//! (ECSpell's shape confusion set) and the slips actually seen in
//! proofread official text (ECSpell's training sets).

use std::sync::{Arc, Mutex, PoisonError};

use pinyin::ToPinyinMulti;
use rustc_hash::FxHashMap;

use super::tables::data_lines;

/// How a written character relates to the one meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    /// Shares a reading, tones aside: 才/财, 只/职.
    Sound,
    /// Differs only in zh/z, ch/c, sh/s, n/l or a final -ng: 线/县.
    NearSound,
    /// Looks alike: 剑/验, 篮/监.
    Shape,
    /// Four-corner codes one digit apart: 篮 8810 and 监 2810. A looser
    /// likeness of outline than `Shape`.
    Outline,
}

/// The characters one may stand for, sorted, each with its likeness.
pub type Alike = Arc<[(char, Likeness)]>;

#[derive(Default)]
pub struct Confusions {
    /// Characters by reading, tones aside, and by blurred reading.
    by_reading: FxHashMap<&'static str, Vec<char>>,
    by_blurred: FxHashMap<String, Vec<char>>,
    shape: FxHashMap<char, Vec<char>>,
    /// Four-corner codes, and the characters of each code.
    corners: FxHashMap<char, [u8; 4]>,
    by_corners: FxHashMap<[u8; 4], Vec<char>>,
    /// What `alike` worked out, by character.
    known: Mutex<FxHashMap<char, Alike>>,
    /// (written, meant) → how often proofreaders found that slip.
    seen: FxHashMap<(char, char), u32>,
}

impl Confusions {
    /// `shapes`: lines `字:形近字…`; `slips`: lines `错 对 次数`;
    /// `corners`: lines `字 四角号码`.
    pub fn parse(shapes: &str, slips: &str, corners: &str) -> Confusions {
        let mut c = Confusions::default();
        for c_ in (0x4E00u32..=0x9FFF).filter_map(char::from_u32) {
            for r in readings(c_) {
                c.by_reading.entry(r).or_default().push(c_);
                c.by_blurred.entry(blur(r)).or_default().push(c_);
            }
        }
        for line in data_lines(shapes) {
            if let Some((head, alike)) = line.split_once(':')
                && let Some(head) = head.chars().next()
            {
                c.shape.entry(head).or_default().extend(alike.chars());
            }
        }
        for line in data_lines(slips) {
            let mut parts = line.split(' ');
            let (Some(w), Some(m), Some(n)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            if let (Some(w), Some(m), Ok(n)) = (w.chars().next(), m.chars().next(), n.parse()) {
                c.seen.insert((w, m), n);
                c.shape.entry(w).or_default().push(m);
            }
        }
        for line in data_lines(corners) {
            let mut chars = line.chars();
            let head = chars.next();
            let digits: Vec<u8> = chars
                .filter_map(|d| d.to_digit(10))
                .map(|d| d as u8)
                .collect();
            if let (Some(head), Ok(code)) = (head, <[u8; 4]>::try_from(digits)) {
                c.corners.insert(head, code);
                c.by_corners.entry(code).or_default().push(head);
            }
        }
        // Alike both ways: a list may name only one of a pair.
        let pairs: Vec<(char, char)> = c
            .shape
            .iter()
            .flat_map(|(a, l)| l.iter().map(move |b| (*b, *a)))
            .collect();
        for (a, b) in pairs {
            c.shape.entry(a).or_default().push(b);
        }
        for list in c.shape.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        c
    }

    #[cfg(test)]
    fn likeness(&self, written: char, meant: char) -> Option<Likeness> {
        let alike = self.alike(written);
        let at = alike.binary_search_by_key(&meant, |(c, _)| *c).ok()?;
        Some(alike[at].1)
    }

    /// Every character `written` may stand for, each with its closest
    /// likeness, sorted by character; worked out once per character.
    pub fn alike(&self, written: char) -> Alike {
        let known = || self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(alike) = known().get(&written) {
            return Arc::clone(alike);
        }
        let alike: Alike = self.work_out_alike(written).into();
        known().insert(written, Arc::clone(&alike));
        alike
    }

    fn work_out_alike(&self, written: char) -> Vec<(char, Likeness)> {
        let mut all: Vec<(char, Likeness)> = Vec::new();
        for r in readings(written) {
            let same = self.by_reading.get(r).into_iter().flatten();
            all.extend(same.map(|&c| (c, Likeness::Sound)));
            let near = self.by_blurred.get(&blur(r)).into_iter().flatten();
            all.extend(near.map(|&c| (c, Likeness::NearSound)));
        }
        let shaped = self.shape.get(&written).into_iter().flatten().copied();
        all.extend(shaped.map(|c| (c, Likeness::Shape)));
        if let Some(code) = self.corners.get(&written) {
            for place in 0..4 {
                for digit in 0..10 {
                    let mut other = *code;
                    other[place] = digit;
                    if other != *code {
                        let outlined = self.by_corners.get(&other).into_iter().flatten();
                        all.extend(outlined.map(|c| (*c, Likeness::Outline)));
                    }
                }
            }
        }
        all.retain(|(c, _)| *c != written);
        all.sort_unstable();
        all.dedup_by_key(|(c, _)| *c);
        all
    }

    /// How often `written` was found where `meant` belonged.
    pub fn seen(&self, written: char, meant: char) -> u32 {
        self.seen.get(&(written, meant)).copied().unwrap_or(0)
    }
}

fn readings(c: char) -> Vec<&'static str> {
    c.to_pinyin_multi()
        .map(|multi| multi.into_iter().map(|p| p.plain()).collect())
        .unwrap_or_default()
}

/// A reading with the distinctions speakers of many dialects blur.
fn blur(reading: &str) -> String {
    let mut r = reading.to_string();
    for (from, to) in [("zh", "z"), ("ch", "c"), ("sh", "s")] {
        if let Some(rest) = r.strip_prefix(from) {
            r = format!("{to}{rest}");
        }
    }
    if let Some(rest) = r.strip_prefix('n') {
        r = format!("l{rest}");
    }
    for (from, to) in [("ang", "an"), ("eng", "en"), ("ing", "in")] {
        if let Some(stem) = r.strip_suffix(from) {
            r = format!("{stem}{to}");
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_alike_by_sound_near_sound_shape_or_a_slip_seen() {
        let c = Confusions::parse("剑:验险\n", "白 自 3\n", "篮 8810\n监 2810\n");
        assert_eq!(c.likeness('才', '财'), Some(Likeness::Sound));
        assert_eq!(c.likeness('县', '线'), Some(Likeness::Sound));
        assert_eq!(c.likeness('陈', '程'), Some(Likeness::NearSound));
        assert_eq!(c.likeness('剑', '验'), Some(Likeness::Shape));
        assert_eq!(c.likeness('验', '剑'), Some(Likeness::Shape));
        assert_eq!(c.likeness('白', '自'), Some(Likeness::Shape));
        assert_eq!(c.likeness('白', '黑'), None);
        assert!(c.alike('篮').contains(&('监', Likeness::Outline)));
        assert_eq!(c.seen('白', '自'), 3);
    }
}
