//! The `check:` section of `zhanqun.yaml`: which rules run, at what weight, with which
//! thresholds, and the per-site exceptions an operator has justified. Typed here, read once at
//! load; `zhanqun check` validates the rule ids, levels and exceptions against its own rules.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Settings of one rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
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
pub struct GuideSettings {
    /// Elements whose absence is a veto (NORMS.md §3, confirmed).
    pub required: Vec<String>,
    /// Elements whose absence is scored (configurable default).
    pub recommended: Vec<String>,
    /// Accepted synonyms of each element.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Placeholder texts that mean the page was never filled in.
    pub placeholders: Vec<String>,
}

impl Default for GuideSettings {
    fn default() -> Self {
        use super::data::guide_terms as terms;
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        GuideSettings {
            required: s(terms::REQUIRED),
            recommended: s(terms::RECOMMENDED),
            synonyms: terms::SYNONYMS.iter().map(|(k, v)| (k.to_string(), s(v))).collect(),
            placeholders: s(terms::PLACEHOLDERS),
        }
    }
}

/// The whole `check:` section of `zhanqun.yaml`, typed at load; `zhanqun check` validates the
/// rule ids and levels against its rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckSettings {
    /// Per-rule settings, by rule id.
    pub rules: BTreeMap<String, RuleSettings>,
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
    pub guide: GuideSettings,
    /// Justified exceptions.
    pub exceptions: Vec<Exception>,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            rules: BTreeMap::new(),
            stale_columns_veto: 5,
            blank_columns_veto: 5,
            home_stale_days: 14,
            schedule_days: 30,
            interpretation_days: 3,
            wording: Vec::new(),
            guide: GuideSettings::default(),
            exceptions: Vec::new(),
        }
    }
}
