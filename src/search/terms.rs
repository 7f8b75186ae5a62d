//! Index-side tokenization of one document into compact term keys with their frequencies per
//! field, following [`super::segment`]'s rules.
//!
//! A key is a `u64`: single ideographs, bigrams and ASCII words of up to seven letters are
//! packed losslessly; longer words and 文号 tokens are hashed (60 bits), with their text kept in
//! a side table. Keys keep the per-document work free of string allocation.

use super::codec::fnv1a64;
use super::segment::{Piece, doc_number_token, scan};
use std::collections::HashMap;

/// A packed term.
pub(crate) type Key = u64;

const TAG_SHIFT: u32 = 60;
const UNI: u64 = 1 << TAG_SHIFT;
const BI: u64 = 2 << TAG_SHIFT;
const SHORT: u64 = 3 << TAG_SHIFT;
const HASHED: u64 = 4 << TAG_SHIFT;
const LOW: u64 = (1 << TAG_SHIFT) - 1;

fn uni(c: char) -> Key {
    UNI | c as u64
}

fn bi(a: char, b: char) -> Key {
    BI | ((a as u64) << 21) | b as u64
}

/// True for the key of a single ideograph.
pub(crate) fn is_unigram(k: Key) -> bool {
    k >> TAG_SHIFT == 1
}

/// Term texts of hashed keys.
pub(crate) type SideTable = HashMap<Key, String>;

fn word(chars: &[char], side: &mut SideTable) -> Key {
    if chars.len() <= 7 {
        let mut v = 0u64;
        for &c in chars {
            v = (v << 8) | c as u64;
        }
        return SHORT | ((chars.len() as u64) << 56) | v;
    }
    hashed(chars.iter().collect(), side)
}

fn hashed(s: String, side: &mut SideTable) -> Key {
    let k = HASHED | (fnv1a64(s.as_bytes()) & LOW);
    side.entry(k).or_insert(s);
    k
}

/// The text of `k`.
pub(crate) fn term_text(k: Key, side: &SideTable) -> String {
    match k >> TAG_SHIFT {
        1 => char::from_u32((k & LOW) as u32).map(String::from).unwrap_or_default(),
        2 => {
            [((k >> 21) & 0x1F_FFFF) as u32, (k & 0x1F_FFFF) as u32].iter().filter_map(|&c| char::from_u32(c)).collect()
        }
        3 => {
            let len = ((k >> 56) & 0xF) as usize;
            (0..len).rev().map(|i| ((k >> (8 * i)) & 0xFF) as u8 as char).collect()
        }
        _ => side.get(&k).cloned().unwrap_or_default(),
    }
}

/// First and last ideograph of the main block: numbered directly, without hashing.
const DIRECT_FIRST: u32 = 0x4E00;
const DIRECT_LAST: u32 = 0x9FFF;
/// Terms numbered directly: every ideograph of the main block.
const DIRECT_SIZE: usize = (DIRECT_LAST - DIRECT_FIRST + 1) as usize;
/// An empty slot of the hash table.
const EMPTY: u32 = u32::MAX;

/// Counts the terms of one document at a time over a run of documents, numbering every term
/// the first time it is seen: single ideographs of the main block by their code point, every
/// other term through one open-addressing hash table kept for the whole run. The caller files
/// postings under the term numbers, so each token is hashed once, not once to count it and
/// again to file its posting; the index build spends most of its time here.
pub(crate) struct Counter {
    /// Key of each term number.
    keys: Vec<Key>,
    /// Counts of the current document (title field, body field) by term number.
    counts: Vec<[u8; 2]>,
    /// Term numbers counted in the current document.
    used: Vec<u32>,
    /// Open-addressing table of (key, term number) for the terms not numbered directly.
    slots: Vec<(Key, u32)>,
    chars: Vec<char>,
}

fn slot_of(k: Key, mask: usize) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl Counter {
    /// An empty counter.
    pub(crate) fn new() -> Counter {
        Counter {
            keys: (DIRECT_FIRST..=DIRECT_LAST).map(|u| UNI | u64::from(u)).collect(),
            counts: vec![[0, 0]; DIRECT_SIZE],
            used: Vec::with_capacity(2048),
            slots: vec![(0, EMPTY); 4096],
            chars: Vec::with_capacity(4096),
        }
    }

    /// Terms numbered so far (every number below is valid for [`Counter::key`]).
    pub(crate) fn terms(&self) -> usize {
        self.keys.len()
    }

    /// The key of term number `n`.
    pub(crate) fn key(&self, n: u32) -> Key {
        self.keys[n as usize]
    }

    fn bump(&mut self, n: u32, field: usize) {
        let e = &mut self.counts[n as usize];
        if *e == [0, 0] {
            self.used.push(n);
        }
        e[field] = e[field].saturating_add(1);
    }

    fn add(&mut self, k: Key, field: usize) {
        if (self.keys.len() - DIRECT_SIZE) * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(k, mask);
        loop {
            let slot = self.slots[i];
            if slot.0 == k && slot.1 != EMPTY {
                return self.bump(slot.1, field);
            }
            if slot.1 == EMPTY {
                let n = self.keys.len() as u32;
                self.slots[i] = (k, n);
                self.keys.push(k);
                self.counts.push([0, 0]);
                return self.bump(n, field);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let mut slots = vec![(0, EMPTY); self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (n, &k) in self.keys.iter().enumerate().skip(DIRECT_SIZE) {
            let mut i = slot_of(k, mask);
            while slots[i].1 != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = (k, n as u32);
        }
        self.slots = slots;
    }

    fn add_char(&mut self, c: char, field: usize) {
        let u = c as u32;
        if (DIRECT_FIRST..=DIRECT_LAST).contains(&u) {
            self.bump(u - DIRECT_FIRST, field);
        } else {
            self.add(uni(c), field);
        }
    }

    /// Counts the keys of `text` into `field` (0 title, 1 body); returns the length it adds
    /// (every token but the single ideographs of longer runs, which only serve one-character
    /// queries).
    fn text(&mut self, text: &str, field: usize, side: &mut SideTable) -> u32 {
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        chars.extend(text.chars().map(super::segment::normalize));
        let mut len = 0u32;
        scan(&chars, |piece| match piece {
            Piece::Cjk(run) => {
                if run.len() == 1 {
                    len += 1;
                }
                for w in run.windows(2) {
                    self.add(bi(w[0], w[1]), field);
                    len += 1;
                }
                for &c in run {
                    self.add_char(c, field);
                }
            }
            Piece::Ascii(w) => {
                self.add(word(w, side), field);
                len += 1;
            }
            Piece::DocNo { year, number, raw } => {
                self.add(hashed(doc_number_token(year, number), side), field);
                self.add(word(year, side), field);
                self.add(word(raw, side), field);
                self.add_char('号', field);
                len += 1;
            }
        });
        self.chars = chars;
        len
    }

    /// Counts one document: the title-weighted text (`title`, `meta`) and the `body`.
    /// Returns (title length, body length); read the counts with [`Counter::drain`].
    pub(crate) fn count(&mut self, title: &str, meta: &str, body: &str, side: &mut SideTable) -> (u32, u32) {
        let t = self.text(title, 0, side) + self.text(meta, 0, side);
        let b = self.text(body, 1, side);
        (t, b)
    }

    /// Hands every term counted in the current document (term number, title frequency, body
    /// frequency; saturated at 255) to `f`, in no particular order, and readies the counter
    /// for the next document of the run.
    pub(crate) fn drain(&mut self, mut f: impl FnMut(u32, u8, u8)) {
        for &n in &self.used {
            let e = &mut self.counts[n as usize];
            f(n, e[0], e[1]);
            *e = [0, 0];
        }
        self.used.clear();
    }
}

/// One document's distinct terms with their frequencies, sorted by key.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct DocTerms {
    /// (key, frequency in the title and meta field, frequency in the body), sorted by key.
    pub terms: Vec<(Key, u8, u8)>,
    /// Tokens in the title and meta field.
    pub title_len: u32,
    /// Tokens in the body.
    pub body_len: u32,
}

/// Tokenizes one document into sorted terms (for tests; the index uses [`Counter`]).
#[cfg(test)]
pub(crate) fn doc_terms(title: &str, meta: &str, body: &str, side: &mut SideTable) -> DocTerms {
    let mut c = Counter::new();
    let (title_len, body_len) = c.count(title, meta, body, side);
    let mut terms = Vec::new();
    let keys: Vec<Key> = (0..c.terms() as u32).map(|n| c.key(n)).collect();
    c.drain(|n, a, b| terms.push((keys[n as usize], a, b)));
    terms.sort_unstable();
    DocTerms { terms, title_len, body_len }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_decode_to_the_segmenter_tokens() {
        let mut side = SideTable::new();
        let text = "示教发〔2024〕3号 ABC abcdefghij 茶𠀀𠀁营营";
        let d = doc_terms("", "", text, &mut side);
        let mut got: Vec<(String, u8)> = d.terms.iter().map(|&(k, _, n)| (term_text(k, &side), n)).collect();
        let mut want: Vec<(String, u8)> = Vec::new();
        for t in super::super::segment::index_tokens(text) {
            match want.iter_mut().find(|(w, _)| *w == t) {
                Some(e) => e.1 += 1,
                None => want.push((t, 1)),
            }
        }
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn the_counter_grows_and_resets_between_documents() {
        let mut side = SideTable::new();
        let mut c = Counter::new();
        let long: String = (0..5000u32).filter_map(|i| char::from_u32(0x4E00 + i * 3)).collect();
        c.count("", "", &long, &mut side);
        let mut n = 0;
        c.drain(|_, _, _| n += 1);
        assert!(n > 9000, "{n}");
        let before = c.terms();
        c.count("", "", "营商", &mut side);
        let mut again = Vec::new();
        let keys: Vec<Key> = (0..c.terms() as u32).map(|n| c.key(n)).collect();
        c.drain(|n, a, b| again.push((term_text(keys[n as usize], &side), a, b)));
        assert_eq!(c.terms(), before + 1, "only the new bigram gets a number");
        again.sort();
        assert_eq!(again, [("商".to_string(), 0, 1), ("营".to_string(), 0, 1), ("营商".to_string(), 0, 1)]);
    }

    #[test]
    fn frequencies_are_counted_per_field() {
        let mut side = SideTable::new();
        let d = doc_terms("营商环境", "", "优化营商环境，营商", &mut side);
        let f = |t: &str| d.terms.iter().find(|(k, _, _)| term_text(*k, &side) == t).map(|&(_, a, b)| (a, b));
        assert_eq!(f("营商"), Some((1, 2)));
        assert_eq!(f("优化"), Some((0, 1)));
        assert_eq!(f("营"), Some((1, 2)));
        assert_eq!(d.title_len, 3);
        assert_eq!(d.body_len, 6);
    }
}
