//! The `check:` section of `zhanqun.yaml`: which rules run, at what weight, with which
//! thresholds, and the per-site exceptions an operator has justified.

use super::Level;
use super::rules::RULES;
use crate::diagnostic::{Diagnostic, nearest};
use crate::t;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Settings of one rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// `false` turns the rule off.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// `veto`, `scored` or `advice`, overriding the rule's default weight.
    #[serde(default)]
    pub level: Option<String>,
}

/// A justified exception: findings of `rule` on `site` (optionally only in `column` or `file`)
/// are not reported. The reason is required and shown in the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Site id.
    pub site: String,
    /// Rule id.
    pub rule: String,
    /// Column path (`xxgk/rsxx`), to except one column only.
    #[serde(default)]
    pub column: Option<String>,
    /// Source file, to except one page only.
    #[serde(default)]
    pub file: Option<String>,
    /// Why (required).
    pub reason: String,
}

/// Service-guide (办事指南) elements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GuideConfig {
    /// Elements whose absence is a veto (NORMS.md §3, confirmed).
    pub required: Vec<String>,
    /// Elements whose absence is scored (configurable default).
    pub recommended: Vec<String>,
    /// Accepted synonyms of each element.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Placeholder texts that mean the page was never filled in.
    pub placeholders: Vec<String>,
}

impl Default for GuideConfig {
    fn default() -> Self {
        use super::data::guide_terms as terms;
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        GuideConfig {
            required: s(terms::REQUIRED),
            recommended: s(terms::RECOMMENDED),
            synonyms: terms::SYNONYMS.iter().map(|(k, v)| (k.to_string(), s(v))).collect(),
            placeholders: s(terms::PLACEHOLDERS),
        }
    }
}

/// The whole `check:` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// Per-rule settings, by rule id.
    pub rules: BTreeMap<String, RuleConfig>,
    /// Stale columns on one site that make a veto (indicators: 5).
    pub stale_columns_veto: usize,
    /// Blank columns on one site that make a veto (indicators: 5).
    pub blank_columns_veto: usize,
    /// Days without anything new on a home page before the veto (indicators: 14).
    pub home_stale_days: u32,
    /// How far ahead a publish date may lie and still count as scheduled publishing.
    pub schedule_days: u32,
    /// Working days (the cluster's calendar, `interaction.holidays`/`workdays`) after a policy
    /// document's publish date within which an interpretation must be linked to it (default 3).
    pub interpretation_days: u32,
    /// Extra wording dictionaries (YAML, relative to the cluster root) extending the built-in one.
    pub wording: Vec<String>,
    /// Service-guide elements.
    pub guide: GuideConfig,
    /// Justified exceptions.
    pub exceptions: Vec<Exception>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            rules: BTreeMap::new(),
            stale_columns_veto: 5,
            blank_columns_veto: 5,
            home_stale_days: 14,
            schedule_days: 30,
            interpretation_days: 3,
            wording: Vec::new(),
            guide: GuideConfig::default(),
            exceptions: Vec::new(),
        }
    }
}

impl CheckConfig {
    /// Reads the `check:` value of zhanqun.yaml; unknown keys, rule ids and levels and
    /// exceptions without a reason are errors.
    pub fn from_value(value: Option<&serde_yaml_ng::Value>) -> Result<CheckConfig, Diagnostic> {
        let err = |m: String, h: String| Diagnostic::error("zhanqun.yaml", "check-config", m).help(h);
        let cfg: CheckConfig = match value {
            None => CheckConfig::default(),
            Some(v) => serde_yaml_ng::from_value(v.clone()).map_err(|e| {
                err(t!("inspect-config-invalid", reason = e.to_string()), t!("inspect-config-invalid-help"))
            })?,
        };
        let ids = RULES.iter().map(|r| r.0);
        let known = |id: &str| RULES.iter().any(|r| r.0 == id);
        let near = |id: &str| match nearest(id, ids.clone()) {
            Some(n) => t!("inspect-config-did-you-mean", suggestion = n),
            None => t!("inspect-config-known-rules", rules = ids.clone().collect::<Vec<_>>().join(", ")),
        };
        for (id, rc) in &cfg.rules {
            if !known(id) {
                return Err(err(t!("inspect-config-unknown-rule", rule = id.as_str()), near(id)));
            }
            if let Some(l) = &rc.level
                && Level::parse(l).is_none()
            {
                return Err(err(
                    t!("inspect-config-bad-level", rule = id.as_str(), level = l.as_str()),
                    t!("inspect-config-bad-level-help"),
                ));
            }
        }
        for e in &cfg.exceptions {
            if !known(&e.rule) {
                return Err(err(t!("inspect-config-exception-unknown-rule", rule = e.rule.as_str()), near(&e.rule)));
            }
            if e.reason.trim().is_empty() {
                return Err(err(
                    t!("inspect-config-exception-no-reason", rule = e.rule.as_str(), site = e.site.as_str()),
                    t!("inspect-config-exception-no-reason-help"),
                ));
            }
        }
        Ok(cfg)
    }

    /// False when the rule is switched off.
    pub fn enabled(&self, rule: &str) -> bool {
        self.rules.get(rule).and_then(|r| r.enabled).unwrap_or(true)
    }

    /// The configured level of a rule, if overridden.
    pub fn level(&self, rule: &str) -> Option<Level> {
        self.rules.get(rule).and_then(|r| r.level.as_deref()).and_then(Level::parse)
    }

    /// The exception covering `f`, if any.
    pub fn exception_for(&self, f: &super::Finding) -> Option<&Exception> {
        self.exceptions.iter().find(|e| {
            e.site == f.site
                && e.rule == f.rule
                && e.column.as_deref().is_none_or(|c| Some(c) == f.column_path.as_deref())
                && e.file.as_deref().is_none_or(|x| Some(x) == f.file.as_deref())
        })
    }
}
