//! Index-side tokenization of one document into compact term keys with their frequencies per
//! field, following [`super::segment`]'s rules.
//!
//! A key is a `u64`: single ideographs, bigrams and ASCII words of up to seven letters are
//! packed losslessly; longer words and 文号 tokens are hashed (60 bits), with their text kept in
//! a side table. Keys keep the per-document work free of string allocation.

use super::codec::fnv1a64;
use super::segment::{Piece, doc_number_token, normalized, scan};
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
        2 => [((k >> 21) & 0x1F_FFFF) as u32, (k & 0x1F_FFFF) as u32].iter().filter_map(|&c| char::from_u32(c)).collect(),
        3 => {
            let len = ((k >> 56) & 0xF) as usize;
            (0..len).rev().map(|i| ((k >> (8 * i)) & 0xFF) as u8 as char).collect()
        }
        _ => side.get(&k).cloned().unwrap_or_default(),
    }
}

/// Emits the keys of `text` to `out`; returns the document length it adds (every token but
/// the single ideographs of longer runs, which only serve one-character queries).
fn keys(text: &str, out: &mut Vec<Key>, side: &mut SideTable) -> u32 {
    let chars = normalized(text);
    let mut len = 0u32;
    scan(&chars, |piece| match piece {
        Piece::Cjk(run) => {
            if run.len() == 1 {
                len += 1;
            }
            for w in run.windows(2) {
                out.push(bi(w[0], w[1]));
                len += 1;
            }
            out.extend(run.iter().map(|&c| uni(c)));
        }
        Piece::Ascii(w) => {
            out.push(word(w, side));
            len += 1;
        }
        Piece::DocNo { year, number, raw } => {
            out.push(hashed(doc_number_token(year, number), side));
            out.push(word(year, side));
            out.push(word(raw, side));
            out.push(uni('号'));
            len += 1;
        }
    });
    len
}

/// One document's distinct terms with their frequencies, sorted by key.
#[derive(Debug, Default)]
pub(crate) struct DocTerms {
    /// (key, frequency in the title and meta field, frequency in the body), sorted by key;
    /// frequencies saturate at 255.
    pub terms: Vec<(Key, u8, u8)>,
    /// Tokens in the title and meta field.
    pub title_len: u32,
    /// Tokens in the body.
    pub body_len: u32,
}

/// Tokenizes the title-weighted text (`title`, `meta`) and the `body` of one document.
pub(crate) fn doc_terms(title: &str, meta: &str, body: &str, side: &mut SideTable) -> DocTerms {
    let mut t = Vec::with_capacity(64);
    let title_len = keys(title, &mut t, side) + keys(meta, &mut t, side);
    let mut b = Vec::with_capacity(body.len() / 2);
    let body_len = keys(body, &mut b, side);
    t.sort_unstable();
    b.sort_unstable();
    let mut terms: Vec<(Key, u8, u8)> = Vec::with_capacity(b.len() / 3 + t.len());
    let (mut i, mut j) = (0, 0);
    while i < t.len() || j < b.len() {
        let k = match (t.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => break,
        };
        let (mut ft, mut fb) = (0usize, 0usize);
        while t.get(i) == Some(&k) {
            ft += 1;
            i += 1;
        }
        while b.get(j) == Some(&k) {
            fb += 1;
            j += 1;
        }
        terms.push((k, ft.min(255) as u8, fb.min(255) as u8));
    }
    DocTerms { terms, title_len, body_len }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_decode_to_the_segmenter_tokens() {
        let mut side = SideTable::new();
        let text = "示教发〔2024〕3号 ABC abcdefghij 茶";
        let mut out = Vec::new();
        keys(text, &mut out, &mut side);
        let mut got: Vec<String> = out.iter().map(|&k| term_text(k, &side)).collect();
        let mut want = super::super::segment::index_tokens(text);
        got.sort();
        want.sort();
        assert_eq!(got, want);
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
