//! A word trigram model in KenLM's binary format, as Debian's
//! `libime-data-language-model` ships it (`zh_CN.lm`, LGPL-2.1+: about
//! 165,000 words, 2 million bigrams and 630,000 trigrams of general
//! Chinese). galley reads it in place; nothing is built in.
//!
//! The file is KenLM's "quantized array trie" (format version 5, model
//! type 5): a sorted vocabulary of 64-bit word hashes, 8-bit quantized
//! probabilities and backoffs, unigrams as plain records, and bigrams and
//! trigrams as bit-packed arrays sorted by word id under each context,
//! with the bigrams' pointers to their trigrams split between the packed
//! entry and a table of high bits (KenLM's `ArrayBhiksha`). The word
//! strings follow the model, in id order. Every offset is checked against
//! the file's length and against where the strings are found to begin,
//! so a file of another layout is refused rather than misread.

/// What an unknown single character costs, in log10: about as rare as
/// the rarest words the model knows.
const UNKNOWN: f32 = -8.0;
/// The longest word tried when reading characters as words.
pub const LONGEST_WORD: usize = 6;

const MAGIC: &[u8] = b"mmap lm http://kheafield.com/code format version 5\n\0";

pub struct WordTrigrams {
    bytes: Vec<u8>,
    words: usize,
    bigrams: usize,
    /// Sorted hashes of every word but <unk>; a word's id is its place + 1.
    hashes: usize,
    /// 256 probabilities and backoffs of bigrams, 256 of trigrams.
    bigram_probs: usize,
    bigram_backoffs: usize,
    trigram_probs: usize,
    unigrams: usize,
    /// The bigram pointers' high bits, one entry per step.
    pointer_table: usize,
    pointer_steps: usize,
    bigram_base: usize,
    trigram_base: usize,
    word_bits: u32,
    pointer_bits: u32,
    bigram_bits: usize,
    trigram_bits: usize,
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn f32_at(b: &[u8], at: usize) -> f32 {
    f32::from_le_bytes(
        b.get(at..at + 4)
            .and_then(|s| s.try_into().ok())
            .unwrap_or([0; 4]),
    )
}

fn required_bits(n: u64) -> u32 {
    64 - n.leading_zeros()
}

fn align8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// KenLM's ChopBits: how many of a pointer's high bits go to the table.
fn chopped_bits(max_offset: u64, max_next: u64, configured: u32) -> u32 {
    let required = required_bits(max_next);
    let mut best = (0, i128::MAX);
    for chop in 0..=required.min(configured) {
        let change = i128::from(max_next >> (required - chop)) * 64
            - i128::from(max_offset) * i128::from(chop);
        if change < best.1 {
            best = (chop, change);
        }
    }
    best.0
}

/// MurmurHash64A with seed 0, as KenLM hashes words.
fn murmur64(data: &[u8]) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    let mut h = (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        k = k.wrapping_mul(M);
        k ^= k >> 47;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &byte) in tail.iter().enumerate().rev() {
            h ^= u64::from(byte) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> 47;
    h = h.wrapping_mul(M);
    h ^= h >> 47;
    h
}

impl WordTrigrams {
    /// The model in `bytes`, or None if they are not a model of the layout
    /// described above.
    pub fn parse(bytes: Vec<u8>) -> Option<WordTrigrams> {
        let b = &bytes;
        if !b.starts_with(MAGIC) {
            return None;
        }
        // Sanity header (88 bytes), then the fixed-width parameters.
        let (order, model_type) = (*b.get(0x58)?, u32_at(b, 0x60)?);
        if order != 3 || model_type != 5 || *b.get(0x64)? != 1 {
            return None;
        }
        let words = usize::try_from(u64_at(b, 0x6c)?).ok()?;
        let bigrams = usize::try_from(u64_at(b, 0x74)?).ok()?;
        let trigrams = usize::try_from(u64_at(b, 0x7c)?).ok()?;
        let vocabulary = align8(0x7c + 8);
        let hashes = vocabulary + 8;
        let quantizer = vocabulary + 8 + 8 * words;
        let (prob_bits, backoff_bits) = (*b.get(quantizer + 1)?, *b.get(quantizer + 2)?);
        if (prob_bits, backoff_bits) != (8, 8) {
            return None;
        }
        let bigram_probs = quantizer + 8;
        let bigram_backoffs = bigram_probs + 256 * 4;
        let trigram_probs = bigram_backoffs + 256 * 4;
        let unigrams = trigram_probs + 256 * 4;
        // KenLM keeps two records more than words: for <unk> and the end.
        let middle = unigrams + (words + 2) * 16;
        let configured = u32::from(*b.get(middle + 1)?);
        let word_bits = required_bits(words as u64);
        let chop = chopped_bits(bigrams as u64 + 1, trigrams as u64, configured);
        let pointer_bits = required_bits(trigrams as u64) - chop;
        let pointer_steps = usize::try_from((trigrams as u64 >> pointer_bits) + 1).ok()?;
        let pointer_table = align8(middle) + 8;
        let bigram_base = middle + 8 * (1 + pointer_steps) + 7;
        let bigram_bits = (word_bits + 16 + pointer_bits) as usize;
        let trigram_base = bigram_base + ((1 + bigrams) * bigram_bits).div_ceil(8) + 8;
        let trigram_bits = (word_bits + 8) as usize;
        let end = trigram_base + ((1 + trigrams) * trigram_bits).div_ceil(8) + 8;
        // The strings begin where the model ends, with <unk>.
        if !b.get(end..)?.starts_with(b"<unk>\0") {
            return None;
        }
        Some(WordTrigrams {
            bytes,
            words,
            bigrams,
            hashes,
            bigram_probs,
            bigram_backoffs,
            trigram_probs,
            unigrams,
            pointer_table,
            pointer_steps,
            bigram_base,
            trigram_base,
            word_bits,
            pointer_bits,
            bigram_bits,
            trigram_bits,
        })
    }

    /// The id of a word the model knows.
    pub fn id(&self, word: &str) -> Option<u32> {
        let hash = murmur64(word.as_bytes());
        let (mut lo, mut hi) = (0usize, self.words - 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let h = u64_at(&self.bytes, self.hashes + 8 * mid)?;
            match h.cmp(&hash) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return u32::try_from(mid + 1).ok(),
            }
        }
        None
    }

    fn bits(&self, base: usize, bit: usize, len: u32) -> u64 {
        let word = u64_at(&self.bytes, base + bit / 8).unwrap_or(0);
        (word >> (bit % 8)) & ((1u64 << len) - 1)
    }

    fn unigram(&self, id: u32) -> (f32, f32, usize) {
        let at = self.unigrams + 16 * id as usize;
        let next = u64_at(&self.bytes, at + 8).unwrap_or(0) as usize;
        (f32_at(&self.bytes, at), f32_at(&self.bytes, at + 4), next)
    }

    /// The first trigram under bigram `index`.
    fn trigrams_from(&self, index: usize) -> usize {
        let low = self.bits(
            self.bigram_base,
            index * self.bigram_bits + self.word_bits as usize + 16,
            self.pointer_bits,
        );
        // The last table step at or below `index` gives the high bits.
        let (mut lo, mut hi) = (0usize, self.pointer_steps);
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            let start = u64_at(&self.bytes, self.pointer_table + 8 * mid).unwrap_or(u64::MAX);
            if start as usize <= index {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (lo << self.pointer_bits) | low as usize
    }

    /// Where `word` stands among the entries [from, to) of a packed array.
    fn find(
        &self,
        base: usize,
        entry_bits: usize,
        from: usize,
        to: usize,
        word: u32,
    ) -> Option<usize> {
        let (mut lo, mut hi) = (from, to);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let w = self.bits(base, mid * entry_bits, self.word_bits) as u32;
            match w.cmp(&word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    fn bigram(&self, a: u32, b: u32) -> Option<usize> {
        let (_, _, from) = self.unigram(a);
        let (_, _, to) = self.unigram(a + 1);
        self.find(
            self.bigram_base,
            self.bigram_bits,
            from,
            to.min(self.bigrams),
            b,
        )
    }

    fn quantized(&self, table: usize, code: u64) -> f32 {
        f32_at(&self.bytes, table + 4 * code as usize)
    }

    /// log10 P(c | a b), backing off as KenLM does.
    fn log10_p(&self, a: Option<u32>, b: Option<u32>, c: u32) -> f32 {
        let Some(b) = b else {
            return self.unigram(c).0;
        };
        let mut backoff = 0.0;
        if let Some(a) = a
            && let Some(ab) = self.bigram(a, b)
        {
            let (from, to) = (self.trigrams_from(ab), self.trigrams_from(ab + 1));
            if let Some(abc) = self.find(self.trigram_base, self.trigram_bits, from, to, c) {
                let code = self.bits(
                    self.trigram_base,
                    abc * self.trigram_bits + self.word_bits as usize,
                    8,
                );
                return self.quantized(self.trigram_probs, code);
            }
            let code = self.bits(
                self.bigram_base,
                ab * self.bigram_bits + self.word_bits as usize,
                8,
            );
            backoff = self.quantized(self.bigram_backoffs, code);
        }
        if let Some(bc) = self.bigram(b, c) {
            let code = self.bits(
                self.bigram_base,
                bc * self.bigram_bits + self.word_bits as usize + 8,
                8,
            );
            return backoff + self.quantized(self.bigram_probs, code);
        }
        backoff + self.unigram(b).1 + self.unigram(c).0
    }

    /// The id of the word `chars` spell, without allocating.
    pub fn id_of(&self, chars: &[char]) -> Option<u32> {
        let mut buf = [0u8; 4 * LONGEST_WORD];
        let mut len = 0;
        for c in chars.iter().take(LONGEST_WORD) {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        std::str::from_utf8(&buf[..len])
            .ok()
            .and_then(|w| self.id(w))
    }

    /// The ids of every word of up to six characters starting at each
    /// place of `chars`: `ids[start][len - 1]`.
    pub fn words_of(&self, chars: &[char]) -> Vec<[Option<u32>; LONGEST_WORD]> {
        (0..chars.len())
            .map(|start| {
                let mut row = [None; LONGEST_WORD];
                for (len, slot) in row.iter_mut().enumerate() {
                    if start + len < chars.len() {
                        *slot = self.id_of(&chars[start..=start + len]);
                    }
                }
                row
            })
            .collect()
    }

    /// The natural-log probability of `chars` read as the model's words:
    /// the most probable reading by single words, scored by trigrams.
    pub fn score(&self, chars: &[char]) -> f64 {
        self.score_by(chars.len(), |start, len| {
            self.id_of(&chars[start..start + len])
        })
    }

    /// As `score`, for `n` characters whose words `id` looks up by start
    /// and length, so that a caller can reuse what it looked up before.
    pub fn score_by(&self, n: usize, mut id: impl FnMut(usize, usize) -> Option<u32>) -> f64 {
        let mut best = vec![f32::MIN; n + 1];
        let mut word_at: Vec<(usize, Option<u32>)> = vec![(0, None); n + 1];
        best[0] = 0.0;
        for end in 1..=n {
            for len in 1..=LONGEST_WORD.min(end) {
                let start = end - len;
                if best[start] == f32::MIN {
                    continue;
                }
                let found = id(start, len);
                let cost = match found {
                    Some(w) => self.unigram(w).0,
                    None if len == 1 => UNKNOWN,
                    None => continue,
                };
                if best[start] + cost > best[end] {
                    best[end] = best[start] + cost;
                    word_at[end] = (start, found);
                }
            }
        }
        let mut ids = Vec::new();
        let mut end = n;
        while end > 0 {
            let (start, w) = word_at[end];
            ids.push(w);
            end = start;
        }
        ids.reverse();
        let (mut total, mut a, mut b) = (0.0f64, None, None);
        for w in ids {
            match w {
                Some(c) => {
                    total += f64::from(self.log10_p(a, b, c));
                    (a, b) = (b, Some(c));
                }
                None => {
                    total += f64::from(UNKNOWN);
                    (a, b) = (None, None);
                }
            }
        }
        total * std::f64::consts::LN_10
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_hashed_as_kenlm_hashes_them() {
        // MurmurHash64A("", 0) and of a short and a long key.
        assert_eq!(murmur64(b""), 0);
        assert_ne!(murmur64("中国".as_bytes()), murmur64("中华".as_bytes()));
        assert_eq!(chopped_bits(1_983_153, 634_213, 22), 16);
        assert_eq!(required_bits(164_887), 18);
    }

    /// Against Debian's model itself, when it is installed (CI installs it
    /// and sets GALLEY_EXPECT_WORD_MODEL=1).
    #[test]
    fn the_debian_model_reads_words_and_prefers_the_right_sentence() {
        let path = "/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm";
        let Ok(bytes) = std::fs::read(path) else {
            assert_ne!(
                std::env::var("GALLEY_EXPECT_WORD_MODEL").as_deref(),
                Ok("1"),
                "no {path}"
            );
            return;
        };
        let model = WordTrigrams::parse(bytes).expect("the layout is the one described");
        assert!(model.id("中国").is_some() && model.id("已经").is_some());
        assert_eq!(model.id("濮阳经开区新材料"), None);
        let score = |t: &str| model.score(&t.chars().collect::<Vec<_>>());
        for (right, wrong) in [
            ("我们已经完成了任务", "我们以经完成了任务"),
            ("有关部门要主动服务", "由关部门要主动服务"),
            ("这件事至关重要", "这件事致关重要"),
        ] {
            assert!(score(right) > score(wrong) + 3.0, "{right} / {wrong}");
        }
        // The figures an independent reading of the file (a Python
        // transcription of KenLM's lookup) gave for the same sentences.
        assert!((score("我们已经完成了任务") + 41.42).abs() < 0.01);
        assert!((score("由关部门要主动服务") + 52.07).abs() < 0.01);
    }

    #[test]
    fn another_file_is_refused_not_misread() {
        assert!(WordTrigrams::parse(b"not a model".to_vec()).is_none());
        let mut header = MAGIC.to_vec();
        header.resize(0x100, 0);
        assert!(WordTrigrams::parse(header).is_none());
    }
}
