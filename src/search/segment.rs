//! Chinese-aware segmentation, shared by the index (here) and the query side
//! (`themes/default/static/js/search.js`, which mirrors these rules line by line; a test feeds
//! the same strings to both).
//!
//! The rules, in order:
//!
//! 1. Each character is normalised: full-width ASCII (`Ａ`, `１`, `（`) becomes ASCII, the
//!    ideographic space becomes a space, `A`–`Z` become `a`–`z`. Nothing else changes, so a
//!    normalised string has as many characters as the original.
//! 2. A 文号 year-and-number — an opening bracket (`〔 [ 【 ( ﹝ 〖`), four digits, a closing
//!    bracket, one to six digits, `号` — is one token written `〔2024〕12号` whatever brackets
//!    were used (leading zeros of the number dropped).
//! 3. A run of CJK ideographs gives its overlapping bigrams (`营商环境` → `营商 商环 环境`); a
//!    run of one ideograph gives that ideograph. The index also records every ideograph of
//!    every run on its own, so a one-character query finds the character inside longer runs.
//! 4. A run of ASCII letters and digits is one token (its first [`MAX_ASCII_LEN`] characters).
//!    索引号 `11520330MB1730478Y/2026-00006` gives `11520330mb1730478y 2026 00006`.
//! 5. Everything else separates tokens.
//!
//! Why bigrams and not a dictionary segmenter such as jieba: the query is segmented in the
//! browser, which cannot download a 5 MB dictionary, and index-time and query-time
//! segmentation must agree exactly or recall collapses. Bigrams need no dictionary, agree by
//! construction (every query token of a string is an index token of any text containing that
//! string), and find new words (place names, 文号 prefixes) no dictionary knows.

/// Longest ASCII token; longer runs are cut here on both sides.
pub const MAX_ASCII_LEN: usize = 40;

/// Opening brackets of a 文号 year (after [`normalize`]).
const DOC_OPEN: [char; 6] = ['〔', '[', '【', '(', '﹝', '〖'];
/// Closing brackets of a 文号 year (after [`normalize`]).
const DOC_CLOSE: [char; 6] = ['〕', ']', '】', ')', '﹞', '〗'];
/// The character that ends a 文号 (`〔2024〕12号`).
const DOC_END: char = '号';
/// Longest 文号 serial number.
const DOC_MAX_DIGITS: usize = 6;

/// Normalises one character: full-width ASCII to ASCII, the ideographic space to a space,
/// `A`–`Z` to `a`–`z`.
pub fn normalize(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase(),
        '\u{3000}' => ' ',
        _ => c.to_ascii_lowercase(),
    }
}

/// True for CJK ideographs (the unified blocks, extension A, compatibility ideographs,
/// extensions B and beyond) and `〇`.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

fn is_word(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// One unit of text found by [`scan`], borrowed from the normalised characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// A run of CJK ideographs.
    Cjk(&'a [char]),
    /// A run of ASCII letters and digits, already cut to [`MAX_ASCII_LEN`].
    Ascii(&'a [char]),
    /// A 文号 year and number.
    DocNo {
        /// The four digits of the year.
        year: &'a [char],
        /// The serial number without leading zeros (at least one digit).
        number: &'a [char],
        /// The serial number as written.
        raw: &'a [char],
    },
}

/// Normalises `text` into a character buffer for [`scan`].
pub(crate) fn normalized(text: &str) -> Vec<char> {
    text.chars().map(normalize).collect()
}

/// Splits normalised characters into pieces, in order.
pub(crate) fn scan<'a>(chars: &'a [char], mut f: impl FnMut(Piece<'a>)) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if DOC_OPEN.contains(&c)
            && let Some(m) = doc_number_at(chars, i)
        {
            f(Piece::DocNo { year: m.year, number: m.number, raw: m.raw });
            i = m.end;
        } else if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            f(Piece::Cjk(&chars[start..i]));
        } else if is_word(c) {
            let start = i;
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            f(Piece::Ascii(&chars[start..i.min(start + MAX_ASCII_LEN)]));
        } else {
            i += 1;
        }
    }
}

/// A 文号 year and number found by [`doc_number_at`].
struct DocNoMatch<'a> {
    year: &'a [char],
    number: &'a [char],
    raw: &'a [char],
    /// Index after `号`.
    end: usize,
}

/// Matches `〔2024〕12号` at `i`.
fn doc_number_at(chars: &[char], i: usize) -> Option<DocNoMatch<'_>> {
    let year = chars.get(i + 1..i + 5)?;
    if !year.iter().all(char::is_ascii_digit) || !DOC_CLOSE.contains(chars.get(i + 5)?) {
        return None;
    }
    let start = i + 6;
    let mut end = start;
    while end < chars.len() && chars[end].is_ascii_digit() && end - start < DOC_MAX_DIGITS {
        end += 1;
    }
    if end == start || chars.get(end) != Some(&DOC_END) {
        return None;
    }
    let mut first = start;
    while first + 1 < end && chars[first] == '0' {
        first += 1;
    }
    Some(DocNoMatch { year, number: &chars[first..end], raw: &chars[start..end], end: end + 1 })
}

/// The text of a 文号 token.
pub(crate) fn doc_number_token(year: &[char], number: &[char]) -> String {
    let mut s = String::with_capacity(24);
    s.push('〔');
    s.extend(year);
    s.push('〕');
    s.extend(number);
    s.push(DOC_END);
    s
}

/// One word of a query: the text as typed (normalised) and the tokens it is looked up by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// The normalised text of the piece (for highlighting): `营商环境`, `2024`, `〔2024〕12号`.
    pub text: String,
    /// Its tokens: bigrams of a CJK run, the run itself when it is one character, the ASCII
    /// word, or the 文号 token.
    pub tokens: Vec<String>,
}

/// Splits a query into words, each with its tokens; repeated words are kept once.
pub fn query_words(query: &str) -> Vec<QueryWord> {
    let chars = normalized(query);
    let mut words: Vec<QueryWord> = Vec::new();
    scan(&chars, |piece| {
        let word = match piece {
            Piece::Cjk(run) if run.len() == 1 => {
                QueryWord { text: run[0].to_string(), tokens: vec![run[0].to_string()] }
            }
            Piece::Cjk(run) => QueryWord {
                text: run.iter().collect(),
                tokens: run.windows(2).map(|w| w.iter().collect::<String>()).fold(Vec::new(), |mut v, t| {
                    if !v.contains(&t) {
                        v.push(t);
                    }
                    v
                }),
            },
            Piece::Ascii(w) => {
                let t: String = w.iter().collect();
                QueryWord { text: t.clone(), tokens: vec![t] }
            }
            Piece::DocNo { year, number, .. } => {
                let t = doc_number_token(year, number);
                QueryWord { text: t.clone(), tokens: vec![t] }
            }
        };
        if !words.iter().any(|w| w.text == word.text) {
            words.push(word);
        }
    });
    words
}

/// Every distinct token of a query, in order of first appearance: what the browser looks up
/// (the browser's own code does this; kept here to test the rules it follows).
#[cfg(test)]
fn query_tokens(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in query_words(query) {
        for t in w.tokens {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Every token the index records for `text`, with repeats (one per occurrence), in order:
/// the query tokens, plus every single ideograph of runs longer than one, plus the year,
/// number and `号` of a 文号 (so `2024` and `12号` find it too). The index build streams the
/// same tokens without collecting them; this form is for the tests.
#[cfg(test)]
pub(super) fn index_tokens(text: &str) -> Vec<String> {
    let chars = normalized(text);
    let mut out = Vec::new();
    scan(&chars, |piece| match piece {
        Piece::Cjk(run) => {
            for w in run.windows(2) {
                out.push(w.iter().collect());
            }
            for c in run {
                out.push(c.to_string());
            }
        }
        Piece::Ascii(w) => out.push(w.iter().collect()),
        Piece::DocNo { year, number, raw } => {
            out.push(doc_number_token(year, number));
            out.push(year.iter().collect());
            out.push(raw.iter().collect());
            out.push(DOC_END.to_string());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_give_bigrams_and_single_characters_stand_alone() {
        assert_eq!(query_tokens("营商环境"), ["营商", "商环", "环境"]);
        assert_eq!(query_tokens("茶"), ["茶"]);
        assert_eq!(query_tokens("营商环境，茶 乡村振兴"), ["营商", "商环", "环境", "茶", "乡村", "村振", "振兴"]);
    }

    #[test]
    fn full_width_and_upper_case_ascii_are_normalised() {
        assert_eq!(query_tokens("ＡＢＣ１２３ 2024年"), ["abc123", "2024", "年"]);
        assert_eq!(query_tokens("MB1730478Y"), ["mb1730478y"]);
    }

    #[test]
    fn doc_numbers_are_one_token_whatever_the_brackets() {
        for q in ["〔2024〕12号", "[2024]12号", "【2024】012号", "（2024）12号", "﹝2024﹞12号"] {
            assert_eq!(query_tokens(q), ["〔2024〕12号"], "{q}");
        }
        assert_eq!(query_tokens("示教发〔2024〕3号文件"), ["示教", "教发", "〔2024〕3号", "文件"]);
        // Not a 文号: no 号, or a three-digit year: ordinary tokens.
        assert_eq!(query_tokens("〔2024〕12"), ["2024", "12"]);
        assert_eq!(query_tokens("〔202〕1号"), ["202", "1", "号"]);
        assert_eq!(query_tokens("〔2024〕0号"), ["〔2024〕0号"]);
    }

    #[test]
    fn index_numbers_split_into_searchable_parts() {
        assert_eq!(query_tokens("11520330MB1730478Y/2026-00006"), ["11520330mb1730478y", "2026", "00006"]);
    }

    #[test]
    fn long_ascii_runs_are_cut() {
        let long = "a".repeat(100);
        assert_eq!(query_tokens(&long), ["a".repeat(MAX_ASCII_LEN)]);
    }

    #[test]
    fn index_tokens_contain_every_query_token_of_any_substring() {
        let text = "示例县教育局关于印发《2024年营商环境工作要点》的通知（示教发〔2024〕3号），ＡＢＣ茶。";
        let index: std::collections::HashSet<String> = index_tokens(text).into_iter().collect();
        let chars: Vec<char> = normalized(text);
        for i in 0..chars.len() {
            for j in i + 1..=chars.len().min(i + 12) {
                let sub: String = chars[i..j].iter().collect();
                for t in query_tokens(&sub) {
                    // A substring that cuts a 文号 or an ASCII word can give a shorter token:
                    // that is the one real disagreement, and the query side cannot avoid it.
                    let cut_word = t.chars().all(|c| c.is_ascii_alphanumeric())
                        && (i > 0 && chars[i - 1].is_ascii_alphanumeric()
                            || j < chars.len() && chars[j].is_ascii_alphanumeric());
                    assert!(index.contains(&t) || cut_word, "{sub:?} → {t:?} not indexed");
                }
            }
        }
    }

    #[test]
    fn extension_b_ideographs_are_cjk() {
        assert!(is_cjk('𠀀') && is_cjk('〇') && !is_cjk('あ') && !is_cjk('，'));
        assert_eq!(query_tokens("𠀀𠀁"), ["𠀀𠀁"]);
    }
}
