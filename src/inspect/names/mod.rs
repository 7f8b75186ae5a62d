//! The cluster's own names, spelt right: leaders, organisations and places.
//!
//! Real sites were failed outright for a provincial party secretary's name written 杜家豪 instead
//! of 杜家毫 and for 齐齐哈市 instead of 齐齐哈尔市 (a serious misstatement, 严重表述错误). A
//! generic dictionary cannot know a county's leaders, so the cluster lists them (see [`Own`]) and
//! this module finds near misses of the listed names in the cluster's own text:
//!
//! - a **person** (a leader): a word one character off (any character when one of that
//!   leader's own titles stands next to it; a same-sounding character when any title or office
//!   word does), or missing one character (names of three or more characters), next to a title
//!   or office word (书记, 县长, 局长, 主任, 同志 …). Someone else who merely shares characters
//!   with a leader is not a variant: 杨晓明局长 when the leader is 杨晓峰常务副县长 (the
//!   characters differ and the title is not the leader's), 副县长李晓峰 (another surname that does
//!   not sound alike), 局长王闵 for 镇长王敏 (a two-character name is only judged next to the
//!   leader's own title: too many namesakes sound alike), 副县长刘建明 for 县长刘建军 (副县长 is
//!   another post).
//! - an **organisation or place**: a word missing one inner character (齐齐哈尔市 → 齐齐哈市), one
//!   same-sounding character off, or one character off in its last character when the new last
//!   character is not itself an administrative suffix (示例县 → 示例具; 示例县 → 示例镇 is another
//!   place, not a typo), where the text uses it as a body (next to 人民政府 or a title). Names of
//!   four or more characters also match one character off anywhere, unless the change makes a
//!   common body's name (示例县税务局 beside 示例县水务局).
//!
//! A word that is itself a listed name, stands inside 《》 (a title quoted as issued), or follows
//! 原 (a former name) is never a variant.
//!
//! The scan is one pass over the text with two character tries (module `trie`), whatever the number
//! of names: a cluster of a hundred sites lists a few hundred organisations.

mod leaders;
mod own;
mod trie;
mod words;

pub use leaders::{is_leadership_column, leaders_on_page};
pub use own::{Own, Reproduced};

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
    /// The person's title, when listed.
    pub title: Option<String>,
}

/// Finds near misses of a cluster's listed names.
#[derive(Debug, Clone, Default)]
pub struct NameChecker {
    /// Each name's characters, the name, and its title's parts (县委副书记、县长: two).
    names: Vec<(Vec<char>, KnownName, Vec<Vec<char>>)>,
    exact: std::collections::HashSet<String>,
    /// The names, for the one-pass candidate scan.
    tries: trie::Tries,
    titles: Words,
    offices: Words,
    bodies: Words,
}

impl NameChecker {
    /// A checker for `names` (empty and one-character names are ignored; a name listed twice
    /// keeps its first entry, the first with a title when one has none).
    pub fn new(names: impl IntoIterator<Item = KnownName>) -> NameChecker {
        let mut checker = NameChecker {
            tries: trie::Tries::new(),
            titles: Words::new(words::TITLES),
            offices: Words::new(words::OFFICES),
            bodies: Words::new(words::BODIES),
            ..NameChecker::default()
        };
        for mut n in names {
            n.name = n.name.trim().to_string();
            let chars: Vec<char> = n.name.chars().collect();
            if chars.len() < 2 {
                continue;
            }
            if checker.exact.contains(&n.name) {
                if let Some((_, known, parts)) = checker.names.iter_mut().find(|(_, k, _)| k.name == n.name)
                    && known.title.is_none()
                    && known.kind == n.kind
                {
                    *parts = title_parts(n.title.as_deref());
                    known.title = n.title;
                }
                continue;
            }
            checker.exact.insert(n.name.clone());
            checker.tries.insert(&chars, checker.names.len() as u32);
            let parts = title_parts(n.title.as_deref());
            checker.names.push((chars, n, parts));
        }
        checker.tries.finish();
        checker
    }

    /// True when no name is listed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of names listed.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Every variant of a listed name in `text`, in text order.
    pub fn find(&self, text: &str) -> Vec<NameVariant> {
        if self.names.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = text.chars().collect();
        let (mut candidates, mut exact) = (Vec::new(), Vec::new());
        self.tries.candidates(&chars, &mut candidates, &mut exact);
        candidates.retain(|&(_, _, width)| width >= 2);
        if candidates.is_empty() {
            return Vec::new();
        }
        candidates.sort_unstable_by_key(|&(k, start, width)| (start, k, width));
        candidates.dedup();
        let mut quoted: Option<Vec<bool>> = None;
        let mut found = Vec::new();
        for (k, start, width) in candidates {
            let (name, known, titles) = &self.names[k as usize];
            let window = &chars[start..start + width];
            if window == name.as_slice() {
                continue;
            }
            let before = &chars[..start];
            let after = &chars[start + width..];
            if before.last() == Some(&'原') {
                continue;
            }
            let is_variant = if width == name.len() {
                self.substituted(window, name, known, titles, before, after)
            } else if width + 1 == name.len() {
                self.shortened(window, name, known, before, after)
            } else {
                false
            };
            if !is_variant || quoted.get_or_insert_with(|| quoted_spans(&chars))[start] {
                continue;
            }
            let word: String = window.iter().collect();
            let inside_a_name = exact.iter().any(|&(s, e)| s <= start && e >= start + width);
            if self.exact.contains(&word) || inside_a_name {
                continue;
            }
            found.push(NameVariant {
                offset: text.char_indices().nth(start).map_or(text.len(), |(i, _)| i),
                found: word,
                expected: known.name.clone(),
                kind: known.kind,
                title: known.title.clone(),
            });
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
        titles: &[Vec<char>],
        before: &[char],
        after: &[char],
    ) -> bool {
        let mut diffs = (0..name.len()).filter(|&i| window[i] != name[i]);
        let (Some(i), None) = (diffs.next(), diffs.next()) else { return false };
        let (was, now) = (name[i], window[i]);
        if !is_han(now) {
            return false;
        }
        match known.kind {
            NameKind::Person => {
                let alike = sounds_alike(was, now);
                // Another surname is another person (李晓峰 beside 杨晓峰, both 副县长), unless it
                // sounds the same (阳晓峰).
                if i == 0 && !alike {
                    return false;
                }
                // The leader's own title (not a longer one ending with it: 副县长 is not 县长).
                let titled = own_title(before, after, titles);
                // A two-character name has too many same-sounding namesakes to go by sound.
                titled || (name.len() > 2 && alike && self.titles.next_to(before, after))
            }
            // A place changed in one character is a typo only where the text treats it as the
            // organisation (示例具人民政府): 示例现场 is not 示例县, 齐齐哈尔的 not 齐齐哈尔市.
            NameKind::Place => {
                let official = self.offices.starts(after) || self.titles.next_to(before, after);
                // 示例县税务局 beside a listed 示例县水务局 is another body, not a typo.
                let other_body = self.bodies.ending_at(window, i);
                official
                    && !other_body
                    && (i < name.len() - 1 || !words::ADMIN_SUFFIXES.contains(&now) || sounds_alike(was, now))
            }
        }
    }

    /// One character of `name` is missing.
    fn shortened(&self, window: &[char], name: &[char], known: &KnownName, before: &[char], after: &[char]) -> bool {
        if name.len() < 3 {
            return false;
        }
        let missing = (0..name.len()).find(|&i| name[..i] == window[..i] && name[i + 1..] == window[i..]);
        let Some(i) = missing else { return false };
        match known.kind {
            // After a title, a name that goes on (杜家 in 书记杜家豪) is longer, not shorter.
            NameKind::Person => {
                self.titles.starts(after) || (self.titles.ends(before) && !after.first().is_some_and(|&c| is_han(c)))
            }
            // An inner character: dropping the first or the last gives a legitimate short form
            // (齐齐哈尔 for 齐齐哈尔市), or another word.
            NameKind::Place => i > 0 && i < name.len() - 1 && window.len() >= 4,
        }
    }
}

/// A list of words, with the first and last characters of all of them for a quick refusal.
#[derive(Debug, Clone, Default)]
struct Words {
    words: Vec<Vec<char>>,
    firsts: std::collections::HashSet<char>,
    lasts: std::collections::HashSet<char>,
}

impl Words {
    fn new(list: &[&str]) -> Words {
        let words: Vec<Vec<char>> =
            list.iter().map(|w| w.chars().collect()).filter(|w: &Vec<char>| !w.is_empty()).collect();
        let firsts = words.iter().map(|w| w[0]).collect();
        let lasts = words.iter().map(|w| w[w.len() - 1]).collect();
        Words { words, firsts, lasts }
    }

    /// `text` starts with one of the words.
    fn starts(&self, text: &[char]) -> bool {
        text.first().is_some_and(|c| self.firsts.contains(c)) && self.words.iter().any(|w| text.starts_with(w))
    }

    /// `text` ends with one of the words.
    fn ends(&self, text: &[char]) -> bool {
        text.last().is_some_and(|c| self.lasts.contains(c)) && self.words.iter().any(|w| text.ends_with(w))
    }

    /// One of the words ends right before or starts right after the window.
    fn next_to(&self, before: &[char], after: &[char]) -> bool {
        self.ends(before) || self.starts(after)
    }

    /// `window` ends with one of the words, which covers its character `i`.
    fn ending_at(&self, window: &[char], i: usize) -> bool {
        self.words.iter().any(|w| window.ends_with(w) && i + w.len() >= window.len())
    }
}

/// The parts of a title (县委副书记、县长: 县委副书记 and 县长), as characters.
fn title_parts(title: Option<&str>) -> Vec<Vec<char>> {
    let parts = title.unwrap_or_default().split(['、', '，', ',', '；', ' ']);
    parts.filter(|t| !t.is_empty()).map(|t| t.chars().collect()).collect()
}

/// One of the leader's own titles stands right before the window (and is not the end of a
/// longer title: 副县长 for 县长) or right after it.
fn own_title(before: &[char], after: &[char], titles: &[Vec<char>]) -> bool {
    titles.iter().any(|t| {
        let ends_before = before.ends_with(t) && {
            let rest = &before[..before.len() - t.len()];
            !(rest.last() == Some(&'副') && t.first() != Some(&'副'))
        };
        ends_before || after.starts_with(t)
    })
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

/// For each character, whether it stands inside 《》 (the title of a document as issued).
fn quoted_spans(chars: &[char]) -> Vec<bool> {
    let mut depth = 0usize;
    chars
        .iter()
        .map(|&c| match c {
            '《' => {
                depth += 1;
                true
            }
            '》' => {
                depth = depth.saturating_sub(1);
                true
            }
            '\n' => {
                // A title quoted as issued stands on one line; an unclosed 《 ends with it.
                depth = 0;
                false
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

    #[test]
    fn two_character_names_need_the_leaders_own_title() {
        let c = NameChecker::new([person("王敏", "镇长")]);
        assert_eq!(found(&c, "镇长王民出席。"), [("王民".into(), "王敏".into())]);
        // Same-sounding, but next to another title: too many namesakes to tell.
        assert!(found(&c, "主任王民出席，局长王闵讲话。").is_empty());
    }

    #[test]
    fn another_surname_is_another_person_unless_it_sounds_the_same() {
        let c = NameChecker::new([person("杨晓峰", "副县长"), person("王敏", "镇长")]);
        assert!(found(&c, "副县长李晓峰出席，镇长张敏讲话。").is_empty());
        assert_eq!(found(&c, "副县长阳晓峰出席。"), [("阳晓峰".into(), "杨晓峰".into())]);
    }

    #[test]
    fn a_longer_title_ending_with_the_leaders_is_another_post() {
        let c = NameChecker::new([person("刘建军", "县委副书记、县长")]);
        // 县长 (one of the listed titles) before: the county head.
        assert_eq!(found(&c, "县长刘建明讲话"), [("刘建明".into(), "刘建军".into())]);
        // 副县长 is another post and 明 does not sound like 军.
        assert!(found(&c, "副县长刘建明讲话").is_empty());
        // Same-sounding next to any title: still found.
        assert_eq!(found(&c, "副县长刘建君讲话"), [("刘建君".into(), "刘建军".into())]);
    }

    #[test]
    fn another_common_body_is_not_a_typo_of_a_listed_one() {
        let c = NameChecker::new([place("示例县水务局"), place("示例县体育局")]);
        assert!(found(&c, "示例县税务局局长、示例县教育局局长出席").is_empty());
        assert_eq!(found(&c, "示例县水物局局长出席"), [("示例县水物局".into(), "示例县水务局".into())]);
    }

    #[test]
    fn many_names_sharing_a_prefix_are_checked_in_one_pass() {
        let mut names: Vec<KnownName> = (0..200).map(|i| place(&format!("示例县第{i}局"))).collect();
        names.push(place("示例县"));
        names.push(person("杨晓峰", "常务副县长"));
        let c = NameChecker::new(names);
        assert_eq!(c.len(), 202);
        let text = "示例县第7局、示例县第12局和示例具人民政府，常务副县长杨晓锋。".repeat(3);
        let v = c.find(&text);
        assert_eq!(v.len(), 6, "{v:?}");
        assert_eq!((v[0].found.as_str(), v[1].found.as_str()), ("示例具", "杨晓锋"));
        assert_eq!(&text[v[0].offset..v[0].offset + v[0].found.len()], "示例具");
    }
}
