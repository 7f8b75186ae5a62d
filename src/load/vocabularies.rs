//! `vocabularies:` in `zhanqun.yaml`: the values allowed for 主题分类 (`topic`), 体裁分类
//! (`genre`) and 有效性 (`valid`). Each list replaces the built-in one
//! ([`crate::load::data::vocabularies`]) when given.

use super::columns::line_of_value;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::data::vocabularies::{GENRES, TOPIC_LEVEL, TOPICS, VALIDITY};
use serde::Deserialize;
use std::path::Path;

/// The allowed values of the three disclosure fields whose values the norms fix.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    /// 主题分类: first-level classes, and `一级\二级` entries; the second level of a value is
    /// validated when the list names second levels under its first level.
    #[serde(default = "default_topic")]
    pub topic: Vec<String>,
    /// 体裁分类.
    #[serde(default = "default_genre")]
    pub genre: Vec<String>,
    /// 有效性; the first value means "in force" (`zhanqun new` writes it).
    #[serde(default = "default_valid")]
    pub valid: Vec<String>,
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}
fn default_topic() -> Vec<String> {
    owned(TOPICS)
}
fn default_genre() -> Vec<String> {
    owned(GENRES)
}
fn default_valid() -> Vec<String> {
    owned(VALIDITY)
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies { topic: default_topic(), genre: default_genre(), valid: default_valid() }
    }
}

impl Vocabularies {
    /// The first-level 主题分类, in list order, without repeats.
    pub fn topic_classes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.topic {
            let first = t.split(TOPIC_LEVEL).next().unwrap_or(t);
            if !out.contains(&first) {
                out.push(first);
            }
        }
        out
    }

    /// The second levels the list names under first-level class `class`.
    pub fn topic_subclasses(&self, class: &str) -> Vec<&str> {
        self.topic
            .iter()
            .filter_map(|t| t.split_once(TOPIC_LEVEL))
            .filter(|(a, _)| *a == class)
            .map(|(_, b)| b)
            .collect()
    }

    /// The 有效性 value of a document in force (the first of the list).
    pub fn in_force(&self) -> &str {
        self.valid.first().map_or("", String::as_str)
    }

    /// Errors for empty lists and entries (`zhanqun.yaml` is `rel`, its text `text`).
    pub(super) fn validate(&self, rel: &Path, text: &str, diags: &mut Diagnostics) {
        for (key, list) in [("topic", &self.topic), ("genre", &self.genre), ("valid", &self.valid)] {
            let bad_entry = list.iter().find(|v| {
                v.trim().is_empty() || (key == "topic" && v.split(TOPIC_LEVEL).any(|part| part.trim().is_empty()))
            });
            if list.is_empty() || bad_entry.is_some() {
                let line = text.lines().position(|l| l.trim_start().starts_with(&format!("{key}:"))).map(|i| i + 1);
                diags.push(
                    Diagnostic::error(rel, "config", crate::t!("load-vocabulary-empty", key = key))
                        .at_opt(line.or_else(|| line_of_value(text, "vocabularies", "")))
                        .help(crate::t!("load-vocabulary-empty-help", key = key)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_default_to_the_built_in_ones_and_replace_them_when_given() {
        let v: Vocabularies = serde_yaml_ng::from_str("valid: [现行有效, 已废止]").unwrap();
        assert_eq!(v.valid, ["现行有效", "已废止"]);
        assert_eq!(v.topic.len(), 22);
        assert_eq!(v.in_force(), "现行有效");
        let v: Vocabularies =
            serde_yaml_ng::from_str("topic: [综合政务, '综合政务\\政务公开', '科技、教育\\教育']").unwrap();
        assert_eq!(v.topic_classes(), ["综合政务", "科技、教育"]);
        assert_eq!(v.topic_subclasses("综合政务"), ["政务公开"]);
        assert!(v.topic_subclasses("其他").is_empty());
    }

    #[test]
    fn empty_lists_and_entries_are_errors() {
        let text = "name: x\nvocabularies:\n  genre: []\n  topic: ['综合政务\\']\n";
        let v: Vocabularies = serde_yaml_ng::from_str("genre: []\ntopic: ['综合政务\\']").unwrap();
        let mut d = Diagnostics::default();
        v.validate(Path::new("zhanqun.yaml"), text, &mut d);
        let lines: Vec<_> = d.as_slice().iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(4), Some(3)]);
    }
}
