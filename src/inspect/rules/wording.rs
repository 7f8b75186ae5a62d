//! Rule `wording` (错敏词, 严重表述错误, NORMS.md §5): a dictionary of wrong expressions and
//! their corrections, matched in one pass over each page's whole source (title and other front
//! matter included) by one Aho-Corasick automaton built when the dictionary is loaded.
//!
//! The built-in dictionary is `wording-default.yaml` beside this file; a cluster adds entries or
//! overrides built-in ones (same `wrong`) with `check.wording: [file.yaml, ...]` in zhanqun.yaml.
//! Matching is leftmost-longest, so a longer entry wins over a shorter one starting at the same
//! place. A match is not reported when it lies inside one of the entry's `except` expressions
//! (环境保护部 inside 环境保护部门), nor on a page written before the entry's `since` day (a body
//! renamed in 2018 was named correctly in 2017's news; a page's day is its 成文日期, or its
//! publish date when it has none). An entry with a `since` day names a body: a match inside 《》
//! (a title as issued) or right after 原 (its former name) is not reported either.
//!
//! A reproduced document (转载: another body's document published verbatim, see
//! [`crate::inspect::names::Own::reproduced`]) is not the cluster's writing: its findings are
//! advice at most, and say why.

use super::super::names::Reproduced;
use super::super::{Finding, Level};
use crate::diagnostic::Diagnostic;
use crate::t;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The built-in dictionary.
const BUILT_IN: &str = include_str!("wording-default.yaml");

/// How the built-in dictionary is named in diagnostics.
const BUILT_IN_NAME: &str = "src/inspect/rules/wording-default.yaml (built in)";

/// Total length of the wrong expressions up to which the dictionary is compiled to a DFA.
const DFA_MAX_BYTES: usize = 64 * 1024;

/// The weight of an entry as written in a dictionary file.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawLevel {
    Veto,
    Scored,
    Advice,
    /// Removes the built-in entry with the same `wrong`.
    Off,
}

/// One entry as written in a dictionary file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    wrong: String,
    right: String,
    level: RawLevel,
    #[serde(default)]
    note: String,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default)]
    since: Option<NaiveDate>,
}

/// One dictionary entry: a wrong expression, its correction and its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The expression to flag.
    pub wrong: String,
    /// The correction.
    pub right: String,
    /// Veto for state, organ, leader and territory wording; scored for typos.
    pub level: Level,
    /// Why it is wrong.
    pub note: String,
    /// Correct expressions containing `wrong`, each with the byte offset of `wrong` inside it
    /// (every offset where it occurs).
    except: Vec<(String, Vec<usize>)>,
    /// Pages published before this day are not checked for this entry.
    pub since: Option<NaiveDate>,
    /// The dictionary file it comes from.
    pub origin: String,
}

impl Entry {
    /// True when the match of `wrong` at byte `at` of `text` lies inside an `except` expression.
    fn excused(&self, text: &str, at: usize) -> bool {
        self.except.iter().any(|(x, offsets)| {
            offsets.iter().any(|&k| at >= k && text.get(at - k..).is_some_and(|t| t.starts_with(x.as_str())))
        })
    }
}

/// The loaded wording dictionary: the built-in list plus the cluster's extensions, and the
/// automaton matching all of them at once.
#[derive(Debug)]
pub struct Wording {
    entries: Vec<Entry>,
    automaton: AhoCorasick,
}

impl Default for Wording {
    /// An empty dictionary, matching nothing.
    fn default() -> Self {
        Wording::build(Vec::new()).expect("an empty automaton builds")
    }
}

impl Wording {
    /// Loads the built-in list and the cluster's extension files (`check.wording`, relative to
    /// `root`), later files overriding earlier entries with the same `wrong`. An unreadable or
    /// malformed file is an error naming the file and line.
    pub fn load(root: &Path, extra: &[String]) -> Result<Wording, Diagnostic> {
        let mut texts = Vec::with_capacity(extra.len());
        for rel in extra {
            let text = std::fs::read_to_string(root.join(rel)).map_err(|e| {
                let message = t!("inspect-wording-cannot-read", file = rel.as_str(), reason = e.to_string());
                Diagnostic::error("zhanqun.yaml", "check-config", message).help(t!("inspect-wording-cannot-read-help"))
            })?;
            texts.push((rel.as_str(), text));
        }
        let mut sources = vec![(BUILT_IN_NAME, BUILT_IN)];
        sources.extend(texts.iter().map(|(n, t)| (*n, t.as_str())));
        Wording::from_sources(&sources)
    }

    /// Builds a dictionary from `(file name, YAML text)` pairs, later ones overriding earlier.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Wording, Diagnostic> {
        let mut entries: Vec<Option<Entry>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (name, text) in sources {
            for (raw, line) in parse_file(name, text)? {
                let slot = match index.get(&raw.wrong) {
                    Some(&i) => i,
                    None => {
                        index.insert(raw.wrong.clone(), entries.len());
                        entries.push(None);
                        entries.len() - 1
                    }
                };
                entries[slot] = entry(name, line, raw)?;
            }
        }
        Wording::build(entries.into_iter().flatten().collect())
    }

    fn build(entries: Vec<Entry>) -> Result<Wording, Diagnostic> {
        // A DFA scans about three times faster than the default NFA; its table grows with the
        // patterns, so very large cluster dictionaries keep the automatic choice.
        let small = entries.iter().map(|e| e.wrong.len()).sum::<usize>() <= DFA_MAX_BYTES;
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(small.then_some(AhoCorasickKind::DFA))
            .build(entries.iter().map(|e| e.wrong.as_str()))
            .map_err(|e| {
                let message = t!("inspect-wording-too-large", reason = e.to_string());
                Diagnostic::error("zhanqun.yaml", "check-config", message).help(t!("inspect-wording-too-large-help"))
            })?;
        Ok(Wording { entries, automaton })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the dictionary has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, built-in ones first, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every wrong expression in `text`, as (byte offset, entry), in order: one pass,
    /// leftmost-longest, skipping matches inside an `except` expression, entries whose
    /// `since` day is after `written` (the page's 成文日期, else its publish date), and the
    /// names of bodies (entries with a `since` day) quoted in 《》 or following 原.
    pub fn find<'a>(
        &'a self,
        text: &'a str,
        written: Option<NaiveDate>,
    ) -> impl Iterator<Item = (usize, &'a Entry)> + 'a {
        self.automaton.find_iter(text).filter_map(move |m| {
            let e = &self.entries[m.pattern().as_usize()];
            let too_early = matches!((e.since, written), (Some(s), Some(p)) if p < s);
            let as_named = e.since.is_some() && (in_title(text, m.start()) || text[..m.start()].ends_with('原'));
            (!too_early && !as_named && !e.excused(text, m.start())).then_some((m.start(), e))
        })
    }
}

/// True when byte `at` of `text` stands inside 《》 on its line (the title of a document or a
/// law as issued).
fn in_title(text: &str, at: usize) -> bool {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    line.rfind(['《', '》']).is_some_and(|i| line[i..].starts_with('《'))
}

/// Parses one dictionary file into its entries, each with its 1-based line.
fn parse_file(name: &str, text: &str) -> Result<Vec<(RawEntry, usize)>, Diagnostic> {
    let raw: Option<Vec<RawEntry>> = serde_yaml_ng::from_str(text)
        .map_err(|e| crate::load::yaml_diagnostic(Path::new(name), 1, &e).help(t!("inspect-wording-format-help")))?;
    let raw = raw.unwrap_or_default();
    let lines = item_lines(text);
    Ok(raw.into_iter().enumerate().map(|(i, r)| (r, lines.get(i).copied().unwrap_or(1))).collect())
}

/// The 1-based line of each top-level list item of a YAML file (lines starting with `-` at the
/// indentation of the first item).
fn item_lines(text: &str) -> Vec<usize> {
    let mut indent = None;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        if !(body == "-" || body.starts_with("- ")) {
            continue;
        }
        let n = line.len() - body.len();
        if *indent.get_or_insert(n) == n {
            out.push(i + 1);
        }
    }
    out
}

/// Checks one raw entry; `None` for `level: off`.
fn entry(name: &str, line: usize, raw: RawEntry) -> Result<Option<Entry>, Diagnostic> {
    let err = |m: String, h: String| Err(Diagnostic::error(name, "check-config", m).at(line).help(h));
    let level = match raw.level {
        RawLevel::Veto => Level::Veto,
        RawLevel::Scored => Level::Scored,
        RawLevel::Advice => Level::Advice,
        RawLevel::Off => return Ok(None),
    };
    if raw.wrong.trim().is_empty() {
        return err(t!("inspect-wording-empty-wrong"), t!("inspect-wording-empty-wrong-help"));
    }
    if raw.right.trim().is_empty() || raw.right == raw.wrong {
        return err(t!("inspect-wording-no-right", wrong = raw.wrong.as_str()), t!("inspect-wording-no-right-help"));
    }
    let mut except = Vec::with_capacity(raw.except.len());
    for x in raw.except {
        let offsets: Vec<usize> = x.match_indices(raw.wrong.as_str()).map(|(i, _)| i).collect();
        if offsets.is_empty() {
            return err(
                t!("inspect-wording-bad-except", except = x.as_str(), wrong = raw.wrong.as_str()),
                t!("inspect-wording-bad-except-help"),
            );
        }
        except.push((x, offsets));
    }
    Ok(Some(Entry {
        wrong: raw.wrong,
        right: raw.right,
        level,
        note: raw.note,
        except,
        since: raw.since,
        origin: name.to_owned(),
    }))
}

/// Reports every wrong expression in `text` (a page written on `written`); in a reproduced
/// document (`reproduced` says why it is one) as advice at most.
pub(super) fn check(
    wording: &Wording,
    text: &str,
    written: NaiveDate,
    reproduced: Option<Reproduced<'_>>,
    emit: &dyn Fn(&'static str, String, usize) -> Finding,
    out: &mut Vec<Finding>,
) {
    let why = reproduced.map(|r| match r {
        Reproduced::Flagged => t!("inspect-reproduced-flagged"),
        Reproduced::Publisher(p) => t!("inspect-reproduced-publisher", publisher = p),
    });
    for (at, e) in wording.find(text, Some(written)) {
        let (wrong, right) = (e.wrong.as_str(), e.right.as_str());
        let message = if e.note.is_empty() {
            t!("inspect-wording", wrong = wrong, right = right)
        } else {
            t!("inspect-wording-note", wrong = wrong, right = right, note = e.note.as_str())
        };
        let finding = match &why {
            None => emit("wording", message, at).level(e.level).suggest(t!("inspect-wording-help", right = right)),
            Some(why) => emit("wording", t!("inspect-wording-reproduced", finding = message, why = why.as_str()), at)
                .level(Level::Advice)
                .at_most(Level::Advice)
                .suggest(t!("inspect-wording-reproduced-help", right = right)),
        };
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::super::locate;
    use super::*;

    fn built_in() -> Wording {
        Wording::from_sources(&[(BUILT_IN_NAME, BUILT_IN)]).unwrap()
    }

    /// (wrong, line, col, level) of every finding in `text`.
    fn scan(w: &Wording, text: &str, day: &str) -> Vec<(String, usize, usize, Level)> {
        let emit = |rule, msg, at| {
            let (l, c) = locate(text, at);
            Finding::new("t", rule, msg).at(l, Some(c))
        };
        let mut out = Vec::new();
        check(w, text, day.parse().unwrap(), None, &emit, &mut out);
        out.into_iter()
            .map(|f| {
                let wrong = f.message.split('「').nth(1).unwrap().split('」').next().unwrap().to_owned();
                (wrong, f.line.unwrap(), f.col.unwrap(), f.level)
            })
            .collect()
    }

    #[test]
    fn built_in_dictionary_loads_with_notes_and_no_duplicates() {
        let w = built_in();
        assert!(w.len() >= 60, "{} entries", w.len());
        for e in w.entries() {
            assert!(!e.note.is_empty(), "{} has no note", e.wrong);
        }
        let mut wrongs: Vec<&str> = w.entries().iter().map(|e| e.wrong.as_str()).collect();
        wrongs.sort_unstable();
        let n = wrongs.len();
        wrongs.dedup();
        assert_eq!(n, wrongs.len(), "duplicate `wrong` in the built-in dictionary");
        assert_eq!(item_lines(BUILT_IN).len(), n);
    }

    #[test]
    fn every_entry_fires_on_its_wrong_form_and_nothing_fires_on_right_forms_or_exceptions() {
        let w = built_in();
        for e in w.entries() {
            let text = format!("据悉，{}。", e.wrong);
            let found = scan(&w, &text, "2026-01-01");
            assert_eq!(found, vec![(e.wrong.clone(), 1, 4, e.level)], "{}", e.wrong);
            let right = format!("据悉，{}。", e.right);
            assert_eq!(scan(&w, &right, "2026-01-01"), vec![], "right form of {}", e.wrong);
            for (x, _) in &e.except {
                assert_eq!(scan(&w, &format!("我们{x}"), "2026-01-01"), vec![], "exception {x}");
            }
        }
    }

    #[test]
    fn positions_are_line_and_character_column_in_the_whole_file() {
        let w = built_in();
        let text =
            "---\ntitle: 中华人民共合国成立\ndate: 2026-01-01\n---\n\n第一段。\n县攻府召开会议，部暑秸杆禁烧。\n";
        let found = scan(&w, text, "2026-01-01");
        assert_eq!(
            found,
            vec![
                ("中华人民共合国".into(), 2, 8, Level::Veto),
                ("攻府".into(), 7, 2, Level::Veto),
                ("部暑".into(), 7, 9, Level::Scored),
                ("秸杆".into(), 7, 11, Level::Scored),
            ]
        );
    }

    #[test]
    fn exceptions_and_longer_correct_forms_do_not_fire() {
        let w = built_in();
        let ok = "“一带一路”倡议；一带一路倡议；香港等国家和地区；与台湾等国家和地区；环境保护部门；\
                  内蒙古自治区；按装机容量；延边朝鲜族自治州在东北朝鲜族聚居区；原国土资源部；村计生委员";
        assert_eq!(scan(&w, ok, "2026-01-01"), vec![]);
        let bad = "“一带一路”战略；香港等国家；与台湾等国家开展交流；环境保护部发布；内蒙的草原";
        let found: Vec<String> = scan(&w, bad, "2026-01-01").into_iter().map(|f| f.0).collect();
        assert_eq!(found, ["一带一路”战略", "香港等国家", "与台湾等国家", "环境保护部", "内蒙"]);
    }

    #[test]
    fn renamed_bodies_are_not_flagged_on_pages_published_before_the_rename() {
        let w = built_in();
        let text = "国土资源部印发通知";
        assert_eq!(scan(&w, text, "2017-06-01"), vec![]);
        assert_eq!(scan(&w, text, "2018-03-17"), vec![("国土资源部".into(), 1, 1, Level::Veto)]);
    }

    #[test]
    fn renamed_bodies_quoted_in_titles_or_after_yuan_are_as_written() {
        let w = built_in();
        let text = "转发《关于国家旅游局等部门职责调整的通知》；原国家发展计划委员会；国家旅游局";
        assert_eq!(scan(&w, text, "2026-01-01"), vec![("国家旅游局".into(), 1, 34, Level::Veto)]);
        // A typo is a typo even in a quoted title.
        assert_eq!(
            scan(&w, "《中华人民共合国宪法》", "2026-01-01"),
            vec![("中华人民共合国".into(), 1, 2, Level::Veto)]
        );
        // A 《 closed on the line before does not quote the next line.
        assert_eq!(scan(&w, "《通知》\n国家旅游局", "2026-01-01"), vec![("国家旅游局".into(), 2, 1, Level::Veto)]);
    }

    #[test]
    fn reproduced_documents_are_advice_and_say_why() {
        let w = built_in();
        let text = "国家发展计划委员会发布";
        let emit = |rule, msg, at| Finding::new("t", rule, msg).at(1, Some(at));
        let mut out = Vec::new();
        check(&w, text, "2010-12-04".parse().unwrap(), Some(Reproduced::Publisher("国务院")), &emit, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].level, Level::Advice);
        assert_eq!(out[0].at_most, Some(Level::Advice));
        assert!(out[0].message.contains("国务院"), "{}", out[0].message);
    }

    #[test]
    fn extensions_add_and_override_and_remove_entries() {
        let ext = "# 本县\n- {wrong: 示列县, right: 示例县, level: veto, note: 县名错字}\n\
                   - wrong: 秸杆\n  right: 秸秆\n  level: veto\n  note: 本县禁烧工作重点\n\
                   - {wrong: 内蒙, right: 内蒙古, level: off}\n";
        let w = Wording::from_sources(&[(BUILT_IN_NAME, BUILT_IN), ("wording/local.yaml", ext)]).unwrap();
        assert_eq!(w.len(), built_in().len());
        let found = scan(&w, "示列县秸杆内蒙", "2026-01-01");
        assert_eq!(found, vec![("示列县".into(), 1, 1, Level::Veto), ("秸杆".into(), 1, 4, Level::Veto)]);
        assert_eq!(w.entries().iter().find(|e| e.wrong == "示列县").unwrap().origin, "wording/local.yaml");
    }

    #[test]
    fn malformed_dictionaries_name_file_and_line() {
        let bad_yaml = "- {wrong: 甲, right: 乙, level: veto}\n- {wrong: 丙, right: 丁, level: fatal}\n";
        let d = Wording::from_sources(&[("w.yaml", bad_yaml)]).unwrap_err();
        assert_eq!((d.file.to_str(), d.line), (Some("w.yaml"), Some(2)));
        let bad_except =
            "- {wrong: 甲, right: 乙, level: veto}\n\n- wrong: 丙\n  right: 丁\n  level: veto\n  except: [戊己]\n";
        let d = Wording::from_sources(&[("w.yaml", bad_except)]).unwrap_err();
        assert_eq!((d.file.to_str(), d.line), (Some("w.yaml"), Some(3)));
        assert!(d.message.contains("戊己"), "{}", d.message);
        let no_right = "- {wrong: 甲, right: 甲, level: scored}\n";
        assert_eq!(Wording::from_sources(&[("w.yaml", no_right)]).unwrap_err().line, Some(1));
        let unknown = "- {wrong: 甲, right: 乙, level: veto, nots: x}\n";
        assert_eq!(Wording::from_sources(&[("w.yaml", unknown)]).unwrap_err().line, Some(1));
        assert!(Wording::from_sources(&[("w.yaml", "# nothing yet\n")]).unwrap().is_empty());
    }

    #[test]
    fn load_reads_extension_files_relative_to_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.yaml"), "- {wrong: 示列县, right: 示例县, level: veto}\n").unwrap();
        let w = Wording::load(dir.path(), &["mine.yaml".into()]).unwrap();
        assert_eq!(w.len(), built_in().len() + 1);
        let d = Wording::load(dir.path(), &["missing.yaml".into()]).unwrap_err();
        assert!(d.message.contains("missing.yaml"), "{}", d.message);
    }
}
