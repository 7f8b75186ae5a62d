//! The cluster's own names, spelt right: leaders, organisations and places.
//!
//! Real sites were failed outright for a provincial party secretary's name written 杜家豪 instead
//! of 杜家毫 and for 齐齐哈市 instead of 齐齐哈尔市 (a serious misstatement, 严重表述错误). A
//! generic dictionary cannot know a county's leaders, so the cluster lists them and this module
//! finds near misses of the listed names in the cluster's own text:
//!
//! - a **person** (a leader): a word one character off (any character when a title word of that
//!   leader stands next to it; a same-sounding character when any title or office word does), or
//!   missing one character (names of three or more characters), next to a title or office word
//!   (书记, 县长, 局长, 主任, 同志 …). Someone else who merely shares characters with a leader —
//!   杨晓明局长 when the leader is 杨晓峰常务副县长 — is not a variant: the characters differ and
//!   the title is not the leader's.
//! - an **organisation or place**: a word missing one inner character (齐齐哈尔市 → 齐齐哈市), one
//!   same-sounding character off, or one character off in its last character when the new last
//!   character is not itself an administrative suffix (示例县 → 示例具; 示例县 → 示例镇 is another
//!   place, not a typo). Names of four or more characters also match one character off anywhere.
//!
//! A word that is itself a listed name, stands inside 《》 (a title quoted as issued), or follows
//! 原 (a former name) is never a variant.

mod words;

use pinyin::ToPinyinMulti;

/// What a listed name names: the rules for its variants differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A leader.
    Person,
    /// An organisation or a place (示例县, 示例县教育局, 齐齐哈尔市).
    Place,
}

/// A name the cluster's own writing must spell right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    /// The name as it must be written.
    pub name: String,
    /// Person, or organisation and place.
    pub kind: NameKind,
    /// A person's title (常务副县长), when known: a variant next to it is flagged even when the
    /// changed character does not sound alike.
    pub title: Option<String>,
}

/// A near miss of a listed name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameVariant {
    /// Byte offset of the variant in the text.
    pub offset: usize,
    /// The variant as written.
    pub found: String,
    /// The listed name it misspells.
    pub expected: String,
    /// Person or place.
    pub kind: NameKind,
}

/// Finds near misses of a cluster's listed names.
#[derive(Debug, Clone, Default)]
pub struct NameChecker {
    names: Vec<(Vec<char>, KnownName)>,
    exact: std::collections::HashSet<String>,
    /// The names whose first or second character is this one: a variant keeps one of them in
    /// place, so only windows at such characters need a closer look.
    by_char: std::collections::HashMap<char, Vec<usize>>,
}

impl NameChecker {
    /// A checker for `names` (empty and one-character names are ignored).
    pub fn new(names: impl IntoIterator<Item = KnownName>) -> NameChecker {
        let mut checker = NameChecker::default();
        for n in names {
            let chars: Vec<char> = n.name.trim().chars().collect();
            if chars.len() < 2 || checker.exact.contains(n.name.trim()) {
                continue;
            }
            checker.exact.insert(n.name.trim().to_string());
            for &c in &chars[..2] {
                let list = checker.by_char.entry(c).or_default();
                if list.last() != Some(&checker.names.len()) {
                    list.push(checker.names.len());
                }
            }
            checker.names.push((chars, n));
        }
        checker
    }

    /// True when no name is listed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every variant of a listed name in `text`, in text order.
    pub fn find(&self, text: &str) -> Vec<NameVariant> {
        if self.names.is_empty() {
            return Vec::new();
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let quoted = quoted_spans(&chars);
        // Candidate (name, start) pairs: a variant keeps the name's first or second character at
        // its place, or (missing the first) starts with the second.
        let mut candidates = std::collections::BTreeSet::new();
        for (p, &(_, c)) in chars.iter().enumerate() {
            for &k in self.by_char.get(&c).into_iter().flatten() {
                candidates.insert((k, p));
                if p > 0 {
                    candidates.insert((k, p - 1));
                }
            }
        }
        let mut found = Vec::new();
        for (k, start) in candidates {
            let (name, known) = &self.names[k];
            let len = name.len();
            for width in [len, len - 1] {
                if width < 2 || start + width > chars.len() {
                    continue;
                }
                let window: Vec<char> = chars[start..start + width].iter().map(|&(_, c)| c).collect();
                if window == *name || quoted[start] {
                    continue;
                }
                let before = &chars[..start];
                let after = &chars[start + width..];
                if before.last().is_some_and(|&(_, c)| c == '原') {
                    continue;
                }
                let is_variant = if width == len {
                    self.substituted(&window, name, known, before, after)
                } else {
                    self.shortened(&window, name, known, before, after)
                };
                if is_variant {
                    let word: String = window.iter().collect();
                    if self.exact.contains(&word) || self.inside_a_listed_name(&chars, start, width) {
                        continue;
                    }
                    found.push(NameVariant {
                        offset: chars[start].0,
                        found: word,
                        expected: known.name.clone(),
                        kind: known.kind,
                    });
                }
            }
        }
        found.sort_by(|a, b| a.offset.cmp(&b.offset).then(b.found.len().cmp(&a.found.len())));
        // Keep the longest of overlapping variants.
        let mut kept: Vec<NameVariant> = Vec::new();
        for v in found {
            if kept.last().is_none_or(|k| v.offset >= k.offset + k.found.len()) {
                kept.push(v);
            }
        }
        kept
    }

    /// One character differs from `name`.
    fn substituted(
        &self,
        window: &[char],
        name: &[char],
        known: &KnownName,
        before: &[(usize, char)],
        after: &[(usize, char)],
    ) -> bool {
        let diffs: Vec<usize> = (0..name.len()).filter(|&i| window[i] != name[i]).collect();
        let [i] = diffs.as_slice() else { return false };
        let (i, was, now) = (*i, name[*i], window[*i]);
        if !is_han(now) {
            return false;
        }
        let alike = sounds_alike(was, now);
        match known.kind {
            NameKind::Person => {
                let titled = known.title.as_deref().is_some_and(|t| next_to(before, after, &[t]));
                titled || (alike && next_to(before, after, words::TITLES))
            }
            // A place changed in one character is a typo only where the text treats it as the
            // organisation (示例具人民政府): 示例现场 is not 示例县, 齐齐哈尔的 not 齐齐哈尔市.
            NameKind::Place => {
                let official = next_to(&[], after, words::OFFICES) || next_to(before, after, words::TITLES);
                official && (alike || i < name.len() - 1 || !words::ADMIN_SUFFIXES.contains(&now))
            }
        }
    }

    /// One character of `name` is missing.
    fn shortened(
        &self,
        window: &[char],
        name: &[char],
        known: &KnownName,
        before: &[(usize, char)],
        after: &[(usize, char)],
    ) -> bool {
        if name.len() < 3 {
            return false;
        }
        let missing = (0..name.len())
            .find(|&i| name[..i] == window[..i.min(window.len())] && name[i + 1..] == window[i.min(window.len())..]);
        let Some(i) = missing else { return false };
        match known.kind {
            // After a title, a name that goes on (杜家 in 书记杜家豪) is longer, not shorter.
            NameKind::Person => {
                next_to(&[], after, words::TITLES)
                    || (next_to(before, &[], words::TITLES) && !after.first().is_some_and(|&(_, c)| is_han(c)))
            }
            // An inner character: dropping the first or the last gives a legitimate short form
            // (齐齐哈尔 for 齐齐哈尔市), or another word.
            NameKind::Place => i > 0 && i < name.len() - 1 && window.len() >= 4,
        }
    }

    /// The window lies inside an occurrence of another listed name (示例县教育局 holds 示例县).
    fn inside_a_listed_name(&self, chars: &[(usize, char)], start: usize, width: usize) -> bool {
        self.names.iter().any(|(other, _)| {
            let lo = (start + width).saturating_sub(other.len());
            (lo..=start).any(|s| {
                s + other.len() <= chars.len()
                    && s + other.len() >= start + width
                    && chars[s..s + other.len()].iter().map(|&(_, c)| c).eq(other.iter().copied())
            })
        })
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// Two characters share a reading (tones ignored; every reading of a 多音字 counts).
fn sounds_alike(a: char, b: char) -> bool {
    let readings = |c: char| -> Vec<&'static str> {
        c.to_pinyin_multi().map(|m| m.into_iter().map(|p| p.plain()).collect()).unwrap_or_default()
    };
    let ra = readings(a);
    readings(b).iter().any(|r| ra.contains(r))
}

/// A title or office word stands right before or right after the window.
fn next_to(before: &[(usize, char)], after: &[(usize, char)], words: &[&str]) -> bool {
    words.iter().any(|w| {
        let w: Vec<char> = w.chars().collect();
        let ends_before =
            before.len() >= w.len() && before[before.len() - w.len()..].iter().map(|&(_, c)| c).eq(w.iter().copied());
        let starts_after = after.len() >= w.len() && after[..w.len()].iter().map(|&(_, c)| c).eq(w.iter().copied());
        ends_before || starts_after
    })
}

/// For each character, whether it stands inside 《》 (the title of a document as issued).
fn quoted_spans(chars: &[(usize, char)]) -> Vec<bool> {
    let mut depth = 0usize;
    chars
        .iter()
        .map(|&(_, c)| match c {
            '《' => {
                depth += 1;
                true
            }
            '》' => {
                depth = depth.saturating_sub(1);
                true
            }
            _ => depth > 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, title: &str) -> KnownName {
        KnownName { name: name.into(), kind: NameKind::Person, title: Some(title.into()) }
    }

    fn place(name: &str) -> KnownName {
        KnownName { name: name.into(), kind: NameKind::Place, title: None }
    }

    fn found(checker: &NameChecker, text: &str) -> Vec<(String, String)> {
        checker.find(text).into_iter().map(|v| (v.found, v.expected)).collect()
    }

    #[test]
    fn a_same_sounding_leader_name_next_to_a_title_is_found() {
        let c = NameChecker::new([person("杜家毫", "省委书记"), person("杨晓峰", "常务副县长")]);
        assert_eq!(found(&c, "省委书记杜家豪同志到我县调研。"), [("杜家豪".into(), "杜家毫".into())]);
        assert_eq!(found(&c, "常务副县长杨晓锋主持会议。"), [("杨晓锋".into(), "杨晓峰".into())]);
        // One character off, not alike in sound, but next to the leader's own title.
        assert_eq!(found(&c, "杨晓风常务副县长出席。"), [("杨晓风".into(), "杨晓峰".into())]);
        // A missing character next to a title.
        assert_eq!(found(&c, "县委书记杜家同志指出"), [("杜家".into(), "杜家毫".into())]);
        // Spelt right: nothing.
        assert!(found(&c, "省委书记杜家毫、常务副县长杨晓峰出席。").is_empty());
    }

    #[test]
    fn other_people_who_share_characters_are_not_flagged() {
        let c = NameChecker::new([person("杨晓峰", "常务副县长")]);
        // Another person with another title, one character different and not alike in sound.
        assert!(found(&c, "县教育局局长杨晓明介绍情况。").is_empty());
        // No title or office word next to a same-sounding name: a citizen.
        assert!(found(&c, "村民杨晓锋家中").is_empty());
        assert!(found(&c, "杨晓锋家的责任田").is_empty());
        // Inside a quoted title or after 原: as written.
        assert!(found(&c, "《关于杨晓锋副县长分工的通知》").is_empty());
    }

    #[test]
    fn place_names_missing_or_changing_a_character_are_found() {
        let c = NameChecker::new([place("齐齐哈尔市"), place("示例县"), place("示例县教育局")]);
        assert_eq!(found(&c, "齐齐哈市人民政府"), [("齐齐哈市".into(), "齐齐哈尔市".into())]);
        assert_eq!(found(&c, "示例具人民政府办公室"), [("示例具".into(), "示例县".into())]);
        // Another administrative unit, a legitimate short form, the names themselves: nothing.
        assert!(found(&c, "示例镇人民政府、齐齐哈尔的冬天、示例县教育局、示例县").is_empty());
        // A former name, after 原.
        assert!(found(&c, "原示例具").is_empty());
    }
}
