//! The values the norms fix (NORMS.md §4): 主题分类, 体裁分类 and 有效性 against the cluster's
//! lists (`vocabularies:` in `zhanqun.yaml`, the built-in lists by default) with the nearest
//! allowed value suggested; a 成文日期 after the 发布日期; a replacement (`replaced_by`)
//! named by a document still in force or outside the disclosure columns.
//!
//! A value outside the lists is a warning, not an error: the page is published with the value
//! as written (a whole cluster does not stop publishing for one page's class — a republished
//! law's genre is not the county's to choose), and `zhanqun check` reports it under 政府信息公开.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::data::vocabularies::{BRACKETS, LIST_SEPARATOR, TOPIC_LEVEL, TOPIC_LEVEL_MISTYPED};
use crate::load::{Cluster, ColumnKind, Vocabularies};
use crate::parse::Page;
use crate::t;

/// Why a value is not allowed, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refusal {
    /// The nearest allowed value, when one is close enough.
    pub(super) near: Option<String>,
    /// The allowed values to choose from (for a second level: those under its first level).
    pub(super) choices: Vec<String>,
}

/// Checks a 主题分类 value: its first level must be listed; its second level (`一级\二级`)
/// too, when the list names second levels under that first level.
pub(super) fn topic(v: &Vocabularies, value: &str) -> Result<(), Refusal> {
    let value = value.trim();
    let classes = v.topic_classes();
    let (class, sub) = match value.split_once(TOPIC_LEVEL) {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (value, None),
    };
    let subs = v.topic_subclasses(class);
    if classes.contains(&class) {
        let Some(sub) = sub else { return Ok(()) };
        if subs.is_empty() || subs.contains(&sub) {
            return Ok(());
        }
        let near = nearest(sub, subs.iter().copied()).map(|s| format!("{class}{TOPIC_LEVEL}{s}"));
        let choices = subs.iter().map(|s| format!("{class}{TOPIC_LEVEL}{s}")).collect();
        return Err(Refusal { near, choices });
    }
    let choices: Vec<String> = classes.iter().map(|c| (*c).to_owned()).collect();
    // `综合政务/政务公开`: the right words with the wrong separator.
    if sub.is_none() && value.contains(TOPIC_LEVEL_MISTYPED) {
        let fixed = value.replace(TOPIC_LEVEL_MISTYPED, &TOPIC_LEVEL.to_string());
        if topic(v, &fixed).is_ok() {
            return Err(Refusal { near: Some(fixed), choices });
        }
    }
    // A second level written alone (`政务公开`) is the entry that ends with it.
    let whole = v.topic.iter().find(|t| t.split_once(TOPIC_LEVEL).is_some_and(|(_, b)| b == value));
    let near = whole.cloned().or_else(|| {
        nearest(class, classes.iter().copied()).map(|c| match sub {
            Some(s) if topic(v, &format!("{c}{TOPIC_LEVEL}{s}")).is_ok() => format!("{c}{TOPIC_LEVEL}{s}"),
            _ => c.to_owned(),
        })
    });
    Err(Refusal { near, choices })
}

/// Checks a value against a flat list (体裁分类, 有效性); full-width brackets count as ASCII ones.
pub(super) fn listed(list: &[String], value: &str) -> Result<(), Refusal> {
    let value = value.trim();
    let norm = |s: &str| s.chars().map(|c| BRACKETS.iter().find(|b| b.0 == c).map_or(c, |b| b.1)).collect::<String>();
    let wanted = norm(value);
    if list.iter().any(|v| norm(v) == wanted) {
        return Ok(());
    }
    Err(Refusal { near: nearest(value, list.iter().map(String::as_str)).map(str::to_owned), choices: list.to_vec() })
}

/// The allowed value closest to `wanted`: one that contains it or that it contains (`教育` →
/// `科技、教育`, `已废止` → `废止`), else the nearest by edit distance when at most a third of
/// its characters differ (`综合政物` → `综合政务`; `无效` is not one edit from `有效`).
fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let containing = candidates
        .clone()
        .into_iter()
        .filter(|c| !wanted.is_empty() && (c.contains(wanted) || wanted.contains(*c)))
        .min_by_key(|c| strsim::osa_distance(wanted, c));
    containing.or_else(|| {
        candidates
            .into_iter()
            .map(|c| (strsim::osa_distance(wanted, c), c))
            .min_by_key(|(d, _)| *d)
            .filter(|(d, _)| d * 3 <= wanted.chars().count())
            .map(|(_, c)| c)
    })
}

/// The vocabularies, date order and replacements of every page.
pub(super) fn fields(cluster: &Cluster, pages: &[Page], diags: &mut Diagnostics) {
    let v = &cluster.config.vocabularies;
    for p in pages {
        let m = &p.meta;
        let refuse = |key: &'static str, message: String, r: Refusal, diags: &mut Diagnostics| {
            let choices = r.choices.join(LIST_SEPARATOR);
            let help = match &r.near {
                Some(near) => t!("check-vocabulary-near-help", key = key, near = near.as_str()),
                None => t!("check-vocabulary-choices-help", key = key, choices = choices),
            };
            diags.push(Diagnostic::warning(&p.src, "vocabulary", message).at_opt(m.line(key)).help(help));
        };
        if let Some(value) = m.topic.as_deref()
            && let Err(r) = topic(v, value)
        {
            refuse("topic", t!("check-vocabulary-topic", value = value), r, diags);
        }
        if let Some(value) = m.genre.as_deref()
            && let Err(r) = listed(&v.genre, value)
        {
            refuse("genre", t!("check-vocabulary-genre", value = value), r, diags);
        }
        if let Some(value) = m.valid.as_deref()
            && let Err(r) = listed(&v.valid, value)
        {
            refuse("valid", t!("check-vocabulary-valid", value = value), r, diags);
        }
        if let Some(written) = m.written
            && written > m.date.day
        {
            let (written, date) = (written.to_string(), m.date.iso_day());
            diags.push(
                Diagnostic::error(
                    &p.src,
                    "written-date",
                    t!("check-written-after-date", written = written.as_str(), date = date.as_str()),
                )
                .at_opt(m.line("written"))
                .help(t!("check-written-after-date-help", date = date.as_str())),
            );
        }
        if let Some(by) = &m.replaced_by {
            let disclosure = cluster.sites[p.site].columns.list[p.column].kind == ColumnKind::Disclosure;
            let in_force = m.valid.as_deref().is_none_or(|s| listed(&[v.in_force().to_owned()], s).is_ok());
            let warning = |message: String, help: String| {
                Diagnostic::warning(&p.src, "replaced-by", message).at_opt(m.line("replaced_by")).help(help)
            };
            if !disclosure {
                diags.push(warning(
                    t!("check-replaced-by-not-disclosure", target = by.as_str()),
                    t!("check-replaced-by-not-disclosure-help"),
                ));
            } else if in_force {
                let ended: Vec<&str> = v.valid.iter().skip(1).map(String::as_str).collect();
                diags.push(warning(
                    t!("check-replaced-by-in-force", valid = v.in_force()),
                    t!("check-replaced-by-in-force-help", ended = ended.join(LIST_SEPARATOR)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(r: Result<(), Refusal>) -> Option<String> {
        r.expect_err("refused").near
    }

    #[test]
    fn topics_first_level_always_second_level_when_listed() {
        let v = Vocabularies::default();
        assert!(topic(&v, "综合政务").is_ok());
        assert!(topic(&v, "综合政务\\政务公开").is_ok(), "second levels are free when none is listed");
        assert_eq!(near(topic(&v, "综合政物")).as_deref(), Some("综合政务"));
        assert_eq!(near(topic(&v, "教育")).as_deref(), Some("科技、教育"));
        assert_eq!(near(topic(&v, "综合政务/政务公开")).as_deref(), Some("综合政务\\政务公开"));
        assert_eq!(near(topic(&v, "综合政物\\政务公开")).as_deref(), Some("综合政务\\政务公开"));
        let r = topic(&v, "随便写的主题").unwrap_err();
        assert_eq!((r.near, r.choices.len()), (None, 22));

        let v = Vocabularies {
            topic: vec!["综合政务".into(), "综合政务\\政务公开".into(), "综合政务\\政府工作报告".into(), "其他".into()],
            ..Vocabularies::default()
        };
        assert!(topic(&v, "综合政务\\政务公开").is_ok());
        assert!(topic(&v, "其他\\杂项").is_ok(), "no second level listed under 其他");
        let r = topic(&v, "综合政务\\政务公示").unwrap_err();
        assert_eq!(r.near.as_deref(), Some("综合政务\\政务公开"));
        assert_eq!(r.choices, ["综合政务\\政务公开", "综合政务\\政府工作报告"]);
        assert_eq!(near(topic(&v, "政府工作报告")).as_deref(), Some("综合政务\\政府工作报告"));
    }

    #[test]
    fn flat_lists_suggest_the_nearest_value() {
        let v = Vocabularies::default();
        assert!(listed(&v.genre, "命令（令）").is_ok());
        assert_eq!(near(listed(&v.valid, "大概有效")).as_deref(), Some("有效"));
        assert_eq!(near(listed(&v.valid, "已废止")).as_deref(), Some("废止"));
        assert_eq!(near(listed(&v.genre, "紧急通知")).as_deref(), Some("通知"));
        assert_eq!(near(listed(&v.valid, "无效")), None);
        assert_eq!(near(listed(&v.genre, "令")).as_deref(), Some("命令(令)"));
        assert_eq!(near(listed(&v.genre, "随便")), None);
    }
}
