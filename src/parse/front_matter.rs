//! Front matter: the YAML block between `---` lines, with English keys and Chinese aliases.

use crate::diagnostic::{Diagnostic, nearest};
use crate::t;
use crate::text::keys::{ATTACHMENT_PATH, ATTACHMENT_TITLE, KEYS, NO, YES};
use crate::text::{DateError, PubDate};
use chrono::NaiveDate;
use serde::Serialize;
use serde_yaml_ng::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A file attached to a page (附件), served beside it or elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Attachment {
    /// Link text.
    pub title: String,
    /// Path relative to the page's Markdown file, a root-relative URL, or an external URL.
    pub path: String,
}

/// A page's metadata, with the line of each key for later diagnostics. The keys most pages
/// set are fields; those few pages set are in [`RareKeys`], read through this struct (it
/// dereferences to them: `meta.received`) and boxed only on the pages that set one (at
/// 100,000 pages, every page holding every key was ~60 MB of a cached build's memory).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct FrontMatter {
    /// 标题.
    pub title: String,
    /// 发布日期.
    pub date: PubDate,
    /// URL segment overriding the file name.
    pub slug: Option<Box<str>>,
    /// 来源: where the item comes from (the site itself unless reprinted).
    pub source: Option<Box<str>>,
    /// 作者.
    pub author: Option<Box<str>>,
    /// 索引号.
    pub index_no: Option<Box<str>>,
    /// 文号.
    pub doc_number: Option<Box<str>>,
    /// 发布机构.
    pub publisher: Option<Box<str>>,
    /// 主题分类.
    pub topic: Option<Box<str>>,
    /// 体裁分类.
    pub genre: Option<Box<str>>,
    /// 成文日期.
    pub written: Option<NaiveDate>,
    /// 有效性.
    pub valid: Option<Box<str>>,
    /// 草稿: a draft is kept out of every output of a build (pages, lists, catalogs, search,
    /// feeds, site maps, manifest); `zhanqun serve` and `build --drafts` show it with a banner.
    pub draft: bool,
    /// 1-based line of each canonical key in the file.
    pub lines: KeyLines,
    /// The keys few pages set, when the page sets any (read them through the dereference;
    /// writing one through it boxes them).
    pub rare: Option<Box<RareKeys>>,
}

/// The keys of a page's front matter that few pages set: those of letters, interviews,
/// reviews and the relations between policy documents, keywords, summaries, attachments and
/// special topics. See [`FrontMatter`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RareKeys {
    /// 关键词.
    pub keywords: Vec<String>,
    /// 摘要.
    pub description: Option<String>,
    /// 替代文件: what replaced a 失效 or 废止 document (a URL path or a page's source path).
    pub replaced_by: Option<String>,
    /// 附件.
    pub attachments: Vec<Attachment>,
    /// Date the content was last reviewed (static pages).
    pub reviewed: Option<NaiveDate>,
    /// Review period, as written (`1 year`, `6 months`).
    pub review_in: Option<String>,
    /// 来信日期: when a published letter was received (interaction columns).
    pub received: Option<NaiveDate>,
    /// 来信类别: 咨询, 投诉, 建议… (decides the reply limit).
    pub category: Option<String>,
    /// 办理单位: the department the letter was assigned to (site id or name).
    pub assigned: Option<String>,
    /// 回复日期: when the reply was given; `None` while unanswered.
    pub replied: Option<NaiveDate>,
    /// 回复单位: who replied, when not the assigned department.
    pub replier: Option<String>,
    /// 访谈嘉宾: the guests of an interview.
    pub guests: Vec<String>,
    /// 访谈时间: when an interview took place, as written.
    pub time: Option<String>,
    /// 专题: the special topics (专题) the page belongs to, which pull it onto their pages.
    pub topics: Vec<String>,
    /// 转载: the page reproduces another body's document verbatim (`true`), or is the cluster's
    /// own although its 发布机构 is none of the cluster's organisations (`false`); unset, the
    /// 发布机构 decides (`zhanqun check`).
    pub reproduced: Option<bool>,
    /// 解读文件: on an interpretation (解读), the policy documents it interprets, each as the
    /// page's URL path (`/xxgk/zcwj/2026-06-15-cuoshi/`) or its Markdown source path.
    pub interprets: Vec<String>,
}

/// None of the rare keys set (what a page without them reads).
static NO_RARE_KEYS: RareKeys = RareKeys {
    keywords: Vec::new(),
    description: None,
    replaced_by: None,
    attachments: Vec::new(),
    reviewed: None,
    review_in: None,
    received: None,
    category: None,
    assigned: None,
    replied: None,
    replier: None,
    guests: Vec::new(),
    time: None,
    topics: Vec::new(),
    reproduced: None,
    interprets: Vec::new(),
};

impl std::ops::Deref for FrontMatter {
    type Target = RareKeys;

    /// The rare keys of the page (all unset when it sets none).
    fn deref(&self) -> &RareKeys {
        self.rare.as_deref().unwrap_or(&NO_RARE_KEYS)
    }
}

impl std::ops::DerefMut for FrontMatter {
    /// The rare keys of the page, boxed first when it set none.
    fn deref_mut(&mut self) -> &mut RareKeys {
        self.rare.get_or_insert_default()
    }
}

/// The 1-based line of each canonical key of a page's front matter, for diagnostics: a short
/// sorted list of (index in [`KEYS`], line), 8 bytes a key (at 100,000 pages, a map of them
/// was ~28 MB of a cached build's memory). Serialized as the sequence of (key name, line)
/// pairs in the order of the names, as a map of them was; an unknown name read back fails
/// (the data is not this version's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines(Box<[(u8, u32)]>);

impl KeyLines {
    /// The line of canonical `key`, when the page has it.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.0.iter().find(|(k, _)| KEYS[usize::from(*k)].0 == key).map(|(_, l)| *l as usize)
    }

    /// The keys and their lines, in the order of the keys' names.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.0.iter().map(|(k, l)| (KEYS[usize::from(*k)].0, *l as usize))
    }
}

impl FromIterator<(&'static str, usize)> for KeyLines {
    /// The lines of canonical keys (the first of a key repeated); a name that is not one of
    /// [`KEYS`] is left out.
    fn from_iter<I: IntoIterator<Item = (&'static str, usize)>>(pairs: I) -> Self {
        let mut v: Vec<(u8, u32)> = pairs
            .into_iter()
            .filter_map(|(k, l)| Some((key_index(k)?, u32::try_from(l).unwrap_or(u32::MAX))))
            .collect();
        v.sort_by_key(|(k, _)| KEYS[usize::from(*k)].0);
        v.dedup_by_key(|(k, _)| *k);
        KeyLines(v.into_boxed_slice())
    }
}

/// The index of canonical key `name` in [`KEYS`].
fn key_index(name: &str) -> Option<u8> {
    KEYS.iter().position(|(c, _)| *c == name).and_then(|i| u8::try_from(i).ok())
}

impl Serialize for KeyLines {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for KeyLines {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyLines, D::Error> {
        let read = Vec::<(KeyName, usize)>::deserialize(d)?;
        Ok(KeyLines(read.into_iter().map(|(k, l)| (k.0, u32::try_from(l).unwrap_or(u32::MAX))).collect()))
    }
}

/// A canonical key name as read back: its index in [`KEYS`] (no string kept).
struct KeyName(u8);

impl<'de> serde::Deserialize<'de> for KeyName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyName, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = KeyName;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("key lines")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyName, E> {
                key_index(v).map(KeyName).ok_or_else(|| E::custom(v))
            }
        }
        d.deserialize_str(Visit)
    }
}

impl FrontMatter {
    /// The metadata of a page with only its title and date, every other key absent: for
    /// copies that keep a few keys (the search view `serve` reindexes) and for tests.
    pub fn titled(title: String, date: PubDate) -> FrontMatter {
        FrontMatter {
            title,
            date,
            slug: None,
            source: None,
            author: None,
            index_no: None,
            doc_number: None,
            publisher: None,
            topic: None,
            genre: None,
            written: None,
            valid: None,
            draft: false,
            lines: KeyLines::default(),
            rare: None,
        }
    }

    /// These metadata with the rare keys `rare` (boxed only when it sets any).
    pub fn with_rare(self, rare: RareKeys) -> FrontMatter {
        FrontMatter { rare: (rare != NO_RARE_KEYS).then(|| Box::new(rare)), ..self }
    }

    /// Line of `key` in the source file, for diagnostics.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.lines.get(key)
    }
}

/// Where the parts of a page's text are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    /// The YAML text.
    pub yaml: &'a str,
    /// Line of the first YAML line.
    pub yaml_line: usize,
    /// Byte offset where the Markdown body starts.
    pub body_offset: usize,
}

/// Separates the front matter from the body.
pub(crate) fn split<'a>(rel: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error(rel, "front-matter", t!("parse-no-front-matter")).at(1).help(t!("parse-no-front-matter-help"))
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Split { yaml: &rest[..offset - 4], yaml_line: 2, body_offset: offset + line.len() });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(rel, "front-matter", t!("parse-front-matter-not-closed"))
        .at(1)
        .help(t!("parse-front-matter-not-closed-help")))
}

/// Parses the YAML of a page into [`FrontMatter`]. Returns the metadata (when title and date are
/// usable) and every finding: errors for unusable values, warnings for unknown keys.
pub(crate) fn parse(rel: &Path, split: &Split<'_>) -> (Option<FrontMatter>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let typing = crate::text::typing_mistakes(rel, split.yaml_line, split.yaml, "yaml");
    if !typing.is_empty() {
        return (None, typing);
    }
    let value: Value = match serde_yaml_ng::from_str(split.yaml) {
        Ok(v) => v,
        Err(e) => return (None, vec![crate::load::yaml_diagnostic(rel, split.yaml_line, &e)]),
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => Default::default(),
        _ => {
            let d = Diagnostic::error(rel, "front-matter", t!("parse-front-matter-not-mapping")).at(split.yaml_line);
            return (None, vec![d.help(t!("parse-front-matter-not-mapping-help"))]);
        }
    };
    let key_line = |key: &str| key_line(split.yaml, key).map(|l| l + split.yaml_line - 1);
    let mut fields: BTreeMap<&'static str, (Value, usize)> = BTreeMap::new();
    // Each key as the editor wrote it (`转载` or `reproduced`): messages name what they see.
    let mut spelled: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut lines: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (k, v) in map {
        let Some(k) = k.as_str().map(str::to_string) else { continue };
        let line = key_line(&k).unwrap_or(split.yaml_line);
        let Some(canon) = canonical(&k) else {
            let all = KEYS.iter().flat_map(|(c, a)| std::iter::once(*c).chain(a.iter().copied()));
            let hint = nearest(&k, all)
                .map(|n| t!("parse-unknown-key-did-you-mean", near = n))
                .unwrap_or_else(|| t!("parse-unknown-key-help"));
            diags.push(
                Diagnostic::warning(rel, "front-matter", t!("parse-unknown-key", key = k.as_str())).at(line).help(hint),
            );
            continue;
        };
        if fields.contains_key(canon) {
            diags.push(
                Diagnostic::error(rel, "front-matter", t!("parse-key-repeated", key = k.as_str(), canon = canon))
                    .at(line)
                    .help(t!("parse-key-repeated-help")),
            );
            continue;
        }
        lines.insert(canon, line);
        spelled.insert(canon, k);
        fields.insert(canon, (v, line));
    }
    let as_written = |key: &'static str| spelled.get(key).map_or(key, String::as_str).to_owned();
    let mut text = |key: &'static str, diags: &mut Vec<Diagnostic>| -> Option<String> {
        let (v, line) = fields.remove(key)?;
        match v {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                diags.push(
                    Diagnostic::error(rel, "front-matter", t!("parse-not-text", key = as_written(key)))
                        .at(line)
                        .help(t!("parse-not-text-help", key = as_written(key))),
                );
                None
            }
        }
    };
    let title = text("title", &mut diags);
    let date_text = text("date", &mut diags);
    let slug = text("slug", &mut diags).map(Box::from);
    let source = text("source", &mut diags).map(Box::from);
    let author = text("author", &mut diags).map(Box::from);
    let description = text("description", &mut diags);
    let index_no = text("index_no", &mut diags).map(Box::from);
    let doc_number = text("doc_number", &mut diags).map(Box::from);
    let publisher = text("publisher", &mut diags).map(Box::from);
    let topic = text("topic", &mut diags).map(Box::from);
    let genre = text("genre", &mut diags).map(Box::from);
    let written_text = text("written", &mut diags);
    let valid = text("valid", &mut diags).map(Box::from);
    let replaced_by = text("replaced_by", &mut diags);
    let reviewed_text = text("reviewed", &mut diags);
    let review_in = text("review_in", &mut diags);
    let category = text("category", &mut diags);
    let assigned = text("assigned", &mut diags);
    let replier = text("replier", &mut diags);
    let time = text("time", &mut diags);
    let received_text = text("received", &mut diags);
    let replied_text = text("replied", &mut diags);
    let keywords = list(fields.remove("keywords"), [',', '，', '、', ' ']);
    let guests = list(fields.remove("guests"), [',', '，', '、', '；']);
    let topics = list(fields.remove("topics"), [',', '，', '、', ' ']);
    let reproduced = fields
        .remove("reproduced")
        .and_then(|(v, line)| yes_no(rel, ("reproduced", &as_written("reproduced")), v, line, &mut diags).ok()?);
    let interprets = list(fields.remove("interprets"), [',', '，', '、', ' ']);
    // A draft value that is neither yes nor no counts as yes: a page whose author meant to hold
    // it back is not published by a typing slip.
    let draft = fields.remove("draft").is_some_and(|(v, line)| {
        yes_no(rel, ("draft", &as_written("draft")), v, line, &mut diags).map_or(true, |b| b.unwrap_or(false))
    });
    let attachments =
        fields.remove("attachments").map(|(v, line)| attachments(rel, v, line, &mut diags)).unwrap_or_default();
    let day = |t: Option<String>, key: &'static str, diags: &mut Vec<Diagnostic>| -> Option<NaiveDate> {
        let t = t?;
        match PubDate::read(&t) {
            Ok(d) => Some(d.day),
            Err(e) => {
                diags.push(bad_date(rel, key, &t, e, lines.get(key).copied()));
                None
            }
        }
    };
    let written = day(written_text, "written", &mut diags);
    let reviewed = day(reviewed_text, "reviewed", &mut diags);
    let received = day(received_text, "received", &mut diags);
    let replied = day(replied_text, "replied", &mut diags);

    let head = split.yaml_line.saturating_sub(1).max(1);
    if title.is_none() {
        diags.push(
            Diagnostic::error(rel, "front-matter", t!("parse-no-title"))
                .at(lines.get("title").copied().unwrap_or(head))
                .help(t!("parse-no-title-help")),
        );
    }
    let date = match &date_text {
        None => {
            diags.push(
                Diagnostic::error(rel, "front-matter", t!("parse-no-date"))
                    .at(lines.get("date").copied().unwrap_or(head))
                    .help(t!("parse-no-date-help")),
            );
            None
        }
        Some(t) => match PubDate::read(t) {
            Ok(d) => Some(d),
            Err(e) => {
                diags.push(bad_date(rel, "date", t, e, lines.get("date").copied()));
                None
            }
        },
    };
    let fm = match (title, date) {
        (Some(title), Some(date)) => Some(
            FrontMatter {
                title,
                date,
                slug,
                source,
                author,
                index_no,
                doc_number,
                publisher,
                topic,
                genre,
                written,
                valid,
                draft,
                lines: lines.into_iter().collect(),
                rare: None,
            }
            .with_rare(RareKeys {
                keywords,
                description,
                replaced_by,
                attachments,
                reviewed,
                review_in,
                received,
                category,
                assigned,
                replied,
                replier,
                guests,
                time,
                topics,
                reproduced,
                interprets,
            }),
        ),
        _ => None,
    };
    (fm, diags)
}

/// A list written as a YAML sequence or as one string with separators (`a、b`).
fn list<const N: usize>(v: Option<(Value, usize)>, separators: [char; N]) -> Vec<String> {
    let items: Vec<String> = match v {
        Some((Value::Sequence(s), _)) => s
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some((Value::String(s), _)) => s.split(separators).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    items.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// A date the page gives that is not understood: in a form not accepted (the help lists the
/// accepted forms, see [`super::date`]) or not on the calendar.
fn bad_date(rel: &Path, key: &str, value: &str, why: DateError, line: Option<usize>) -> Diagnostic {
    let (message, help) = match why {
        DateError::Format => {
            (t!("parse-date-format", key = key, value = value), t!("parse-date-format-help", key = key))
        }
        DateError::NotOnCalendar => {
            (t!("parse-date-not-on-calendar", key = key, value = value), t!("parse-date-not-on-calendar-help"))
        }
    };
    Diagnostic::error(rel, "date", message).at_opt(line).help(help)
}

fn attachments(rel: &Path, v: Value, line: usize, diags: &mut Vec<Diagnostic>) -> Vec<Attachment> {
    let items = match v {
        Value::Sequence(s) => s,
        Value::Null => return Vec::new(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for item in items {
        let get = |m: &serde_yaml_ng::Mapping, keys: &[&str]| {
            keys.iter().find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_string))
        };
        let att = match &item {
            Value::String(p) => {
                Some(Attachment { title: p.rsplit('/').next().unwrap_or(p).to_string(), path: p.clone() })
            }
            Value::Mapping(m) => get(m, ATTACHMENT_PATH).map(|path| Attachment {
                title: get(m, ATTACHMENT_TITLE).unwrap_or_else(|| path.rsplit('/').next().unwrap_or(&path).to_string()),
                path,
            }),
            _ => None,
        };
        match att {
            Some(a) => out.push(a),
            None => diags.push(
                Diagnostic::error(rel, "front-matter", t!("parse-attachment-no-path"))
                    .at(line)
                    .help(t!("parse-attachment-no-path-help")),
            ),
        }
    }
    out
}

/// A yes-or-no value (`true`/`false`, `是`/`否`, any case); `Ok(None)` for an empty value,
/// an error (reported in `diags`) for anything else. `key` is the canonical key and the key as
/// the editor wrote it.
fn yes_no(
    rel: &Path,
    key: (&str, &str),
    v: Value,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<bool>, ()> {
    let word = |s: &str, words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(s.trim()));
    match &v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        Value::String(s) if word(s, YES) => Ok(Some(true)),
        Value::String(s) if word(s, NO) => Ok(Some(false)),
        _ => {
            let value = match &v {
                Value::String(s) => s.clone(),
                other => serde_yaml_ng::to_string(other).unwrap_or_default().trim().to_owned(),
            };
            diags.push(
                Diagnostic::error(rel, "front-matter", t!("parse-not-yes-no", key = key.1, value = value))
                    .at(line)
                    .help(t!("parse-not-yes-no-help", key = key.1, canon = key.0)),
            );
            Err(())
        }
    }
}

/// The canonical key for `key` (itself or an alias).
fn canonical(key: &str) -> Option<&'static str> {
    KEYS.iter().find(|(c, aliases)| *c == key || aliases.contains(&key)).map(|(c, _)| *c)
}

/// Line (1-based, within `yaml`) of the top-level `key:`.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|l| {
            let l = l.strip_prefix(['"', '\'']).unwrap_or(l);
            l.strip_prefix(key).is_some_and(|r| {
                let r = r.strip_prefix(['"', '\'']).unwrap_or(r);
                r.trim_start().starts_with(':')
            })
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_written_and_read_as_the_map_of_them_was() {
        let pairs = [("title", 2), ("date", 3), ("topic", 9), ("author", 5)];
        let lines: KeyLines = pairs.into_iter().collect();
        let map: BTreeMap<&'static str, usize> = pairs.into_iter().collect();
        let as_map = postcard::to_allocvec(&map.iter().collect::<Vec<_>>()).unwrap();
        assert_eq!(postcard::to_allocvec(&lines).unwrap(), as_map);
        assert_eq!(postcard::from_bytes::<KeyLines>(&as_map).unwrap(), lines);
        assert_eq!((lines.get("topic"), lines.get("slug")), (Some(9), None));
        let unknown = postcard::to_allocvec(&[("nope", 1usize)]).unwrap();
        assert!(postcard::from_bytes::<KeyLines>(&unknown).is_err());
    }

    fn run(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let rel = Path::new("a.md");
        let s = split(rel, text).unwrap();
        parse(rel, &s)
    }

    #[test]
    fn chinese_aliases_map_to_english_keys() {
        let (fm, d) = run(
            "---\n标题: 关于印发方案的通知\n发布日期: 2024-03-15\n文号: 示府发〔2024〕3号\n索引号: 123/2024-00001\n---\n正文\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let fm = fm.unwrap();
        assert_eq!(fm.title, "关于印发方案的通知");
        assert_eq!(fm.doc_number.as_deref(), Some("示府发〔2024〕3号"));
        assert_eq!(fm.index_no.as_deref(), Some("123/2024-00001"));
        assert_eq!(fm.line("doc_number"), Some(4));
    }

    #[test]
    fn only_a_page_that_sets_a_rare_key_boxes_them() {
        let (fm, _) = run("---\ntitle: a\ndate: 2024-01-01\n来源: 本站\n索引号: 1/2024-00001\n---\n");
        let fm = fm.unwrap();
        assert!(fm.rare.is_none() && fm.received.is_none() && fm.topics.is_empty());
        let (fm, _) = run("---\ntitle: a\ndate: 2024-01-01\n来信日期: 2024-01-02\n---\n");
        let fm = fm.unwrap();
        assert_eq!(fm.received, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(fm.rare.as_deref().map(|r| r.received), Some(fm.received));
        // Written through the dereference: boxed then.
        let mut plain = FrontMatter::titled("b".into(), fm.date);
        plain.topics.push("专题".into());
        assert_eq!(plain.rare.as_deref().map(|r| r.topics.len()), Some(1));
        // Most pages hold only this much (the rare keys were ~300 bytes more on every page).
        assert!(std::mem::size_of::<FrontMatter>() <= 216, "{}", std::mem::size_of::<FrontMatter>());
    }

    #[test]
    fn the_reproduced_flag_is_yes_or_no_in_either_language() {
        let flag = |line: &str| run(&format!("---\ntitle: a\ndate: 2024-01-01\n{line}\n---\n")).0.unwrap().reproduced;
        assert_eq!(flag("reproduced: true"), Some(true));
        assert_eq!(flag("转载: 是"), Some(true));
        assert_eq!(flag("转载: 否"), Some(false));
        assert_eq!(flag("reproduced: false"), Some(false));
        assert_eq!(flag("x: 1"), None);
        let (_, d) = run("---\ntitle: a\ndate: 2024-01-01\n转载: 也许\n---\n");
        assert!(d.iter().any(|x| x.is_error() && x.line == Some(4)), "{d:?}");
    }

    #[test]
    fn missing_title_and_bad_date_are_located() {
        let (fm, d) = run("---\nauthor: 张三\ndate: 2024-02-30\n---\n");
        assert!(fm.is_none());
        let date = d.iter().find(|x| x.rule == "date").unwrap();
        assert_eq!(date.line, Some(3));
        assert!(d.iter().any(|x| x.message == crate::t!("parse-no-title")));
    }

    #[test]
    fn alias_and_key_together_is_an_error() {
        let (_, d) = run("---\ntitle: a\n标题: b\ndate: 2024-01-01\n---\n");
        assert!(d.iter().any(|x| x.is_error() && x.line == Some(3)), "{d:?}");
    }

    #[test]
    fn unknown_key_warns_with_suggestion() {
        let (fm, d) = run("---\ntitle: a\ndate: 2024-01-01\ntitel: x\n---\n");
        assert!(fm.is_some());
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error());
        assert!(d[0].help.as_deref().unwrap().contains("title"));
    }

    #[test]
    fn draft_is_yes_or_no_in_either_language() {
        for (yaml, want) in [
            ("draft: true", true),
            ("草稿: 是", true),
            ("draft: Yes", true),
            ("草稿: 否", false),
            ("draft: false", false),
            ("draft:", false),
        ] {
            let (fm, d) = run(&format!("---\ntitle: a\ndate: 2024-01-01\n{yaml}\n---\n"));
            assert!(d.is_empty(), "{yaml}: {d:?}");
            assert_eq!(fm.unwrap().draft, want, "{yaml}");
        }
        let (fm, _) = run("---\ntitle: a\ndate: 2024-01-01\n---\n");
        assert!(!fm.unwrap().draft, "a page is not a draft unless it says so");
        // Anything else is an error, and holds the page back.
        let (fm, d) = run("---\ntitle: a\ndate: 2024-01-01\n草稿: 也许\n---\n");
        assert!(fm.unwrap().draft);
        assert_eq!((d.len(), d[0].is_error(), d[0].line), (1, true, Some(4)), "{d:?}");
    }

    #[test]
    fn yaml_error_line_is_in_file_coordinates() {
        let (_, d) = run("---\ntitle: a\ndate: 2024-01-01\nbad: [unclosed\n---\n");
        assert_eq!(d[0].rule, "yaml");
        assert!(d[0].line.unwrap() >= 4, "{:?}", d[0]);
    }

    #[test]
    fn split_finds_body() {
        let s = split(Path::new("a.md"), "---\ntitle: a\n---\n\nbody").unwrap();
        assert_eq!(&"---\ntitle: a\n---\n\nbody"[s.body_offset..], "\nbody");
    }
}
