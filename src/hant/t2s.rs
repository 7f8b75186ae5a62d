//! The Traditional → Simplified character table the browser applies to a search query.

use super::to_hans;
use std::collections::BTreeMap;

/// The CJK blocks the table covers: Extension A, the Unified Ideographs and the
/// Compatibility Ideographs.
const RANGES: &[(u32, u32)] = &[(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];
/// Traditional characters that Simplified text also uses as they are (乾坤, 著作, 瞭望, 狼藉,
/// 宫商角徵羽, 覆盖, 於 as a surname): left out, so a Simplified query is never changed.
const ALSO_SIMPLIFIED: &[char] = &['乾', '著', '瞭', '藉', '徵', '覆', '於', '夥', '閒'];
/// Code points per shard: 2^9 = 512.
const SHARD_BITS: u32 = 9;

/// The file, relative to the directory the table is written in, holding the pair for `c` if
/// `c` has one: `t2s/` + lowercase hexadecimal of `code_point >> 9` without leading zeros + `.txt`
/// (发 U+53D1 → `t2s/29.txt`, 營 U+71DF → `t2s/38.txt`). Exists so the Rust side and
/// `search.js` compute the same name; in JavaScript:
/// `"t2s/" + (c.codePointAt(0) >> 9).toString(16) + ".txt"`. A shard with no pairs is not
/// written, so a 404 means "nothing to convert in this shard".
pub fn t2s_chunk_name(c: char) -> String {
    format!("t2s/{:x}.txt", u32::from(c) >> SHARD_BITS)
}

/// The Traditional → Simplified table, sharded: `(file name, content)` pairs in ascending
/// file-name order (by shard number), file names as in [`t2s_chunk_name`]. Exists so a query
/// typed in Traditional script is turned into Simplified before it is segmented, fetching
/// only the shards of the query's characters.
///
/// A pair is recorded for every code point `t` in U+3400–U+4DBF, U+4E00–U+9FFF and
/// U+F900–U+FAFF whose [`to_hans`] is one character `s` different from `t`.
///
/// Content, UTF-8 without BOM, separators or newline: the pairs of the shard concatenated as
/// `t s t s …`, two Unicode characters per pair, in ascending order of `t` (e.g. `發发髮发…`).
/// Read it by code points (`Array.from(text)`), not UTF-16 units: every `t` is in the BMP but
/// some `s` are not (rare characters whose Simplified form was encoded later, 㑮 → 𫝈
/// U+2B748); even indices are Traditional, the following odd index its Simplified form.
/// Conversion is character by character; characters Simplified text also uses as they are
/// ([`ALSO_SIMPLIFIED`]) have no pair, so 乾隆 typed in Simplified stays 乾隆.
pub fn t2s_table_chunks() -> Vec<(String, String)> {
    let mut shards: BTreeMap<u32, String> = BTreeMap::new();
    for &(lo, hi) in RANGES {
        for t in (lo..=hi).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let hans = to_hans(t.encode_utf8(&mut buf));
            let mut chars = hans.chars();
            if let (Some(s), None) = (chars.next(), chars.next())
                && s != t
                && !ALSO_SIMPLIFIED.contains(&t)
            {
                let shard = shards.entry(u32::from(t) >> SHARD_BITS).or_default();
                shard.push(t);
                shard.push(s);
            }
        }
    }
    shards.into_iter().map(|(n, content)| (format!("t2s/{n:x}.txt"), content)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(table: &[(String, String)], t: char) -> Option<char> {
        let (_, content) = table.iter().find(|(name, _)| *name == t2s_chunk_name(t))?;
        let chars: Vec<char> = content.chars().collect();
        chars.chunks(2).find(|p| p[0] == t).map(|p| p[1])
    }

    #[test]
    fn chunk_names() {
        assert_eq!(t2s_chunk_name('发'), "t2s/29.txt");
        assert_eq!(t2s_chunk_name('營'), "t2s/38.txt");
        assert_eq!(t2s_chunk_name('\u{3400}'), "t2s/1a.txt");
        assert_eq!(t2s_chunk_name('\u{FA00}'), "t2s/7d.txt");
    }

    #[test]
    fn table_has_the_pairs_in_their_chunks() {
        let table = t2s_table_chunks();
        for (t, s) in [
            ('營', '营'),
            ('發', '发'),
            ('髮', '发'),
            ('縣', '县'),
            ('學', '学'),
            ('幹', '干'),
            ('後', '后'),
            ('㑮', '𫝈'),
        ] {
            assert_eq!(lookup(&table, t), Some(s), "{t}");
        }
        // Simplified characters, and Traditional ones that are also Simplified, have no pair.
        for c in ['发', '县', '教', '中', '乾', '著'] {
            assert_eq!(lookup(&table, c), None, "{c}");
        }
    }

    #[test]
    fn table_is_well_formed_and_deterministic() {
        let table = t2s_table_chunks();
        assert_eq!(table, t2s_table_chunks());
        let names: Vec<&str> = table.iter().map(|(n, _)| n.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| u32::from_str_radix(&n[4..n.len() - 4], 16).unwrap());
        assert_eq!(names, sorted);
        for (name, content) in &table {
            let chars: Vec<char> = content.chars().collect();
            assert!(!chars.is_empty() && chars.len().is_multiple_of(2), "{name}");
            for pair in chars.chunks(2) {
                assert_eq!(t2s_chunk_name(pair[0]), *name);
                assert_ne!(pair[0], pair[1]);
            }
            assert!(chars.chunks(2).zip(chars.chunks(2).skip(1)).all(|(a, b)| a[0] < b[0]), "{name}");
        }
    }
}
