//! The `check:` section of `zhanqun.yaml`: which rules run, at what weight, with which
//! thresholds, and the per-site exceptions an operator has justified.

use super::Level;
use super::rules::RULES;
use crate::diagnostic::{Diagnostic, nearest};
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
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        GuideConfig {
            required: s(&["事项名称", "设定依据", "申请条件", "办理材料"]),
            recommended: s(&["办理地点", "办理时间", "咨询电话", "办理流程"]),
            synonyms: [
                ("事项名称", &["办理事项", "服务事项", "事项"][..]),
                ("设定依据", &["办理依据", "法律依据", "政策依据", "实施依据"][..]),
                ("申请条件", &["受理条件", "办理条件", "申办条件"][..]),
                ("办理材料", &["申请材料", "所需材料", "申报材料", "材料清单"][..]),
                ("办理地点", &["受理地点", "办理地址", "受理窗口"][..]),
                ("办理时间", &["受理时间", "办公时间"][..]),
                ("咨询电话", &["咨询方式", "联系电话", "监督电话"][..]),
                ("办理流程", &["办理程序", "办事流程", "受理流程"][..]),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), s(v)))
            .collect(),
            placeholders: s(&["未传入内容编号", "内容编号不存在", "暂无数据"]),
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
                err(format!("the `check:` section is invalid: {e}"), "see README.md, section `zhanqun check`".into())
            })?,
        };
        let ids = RULES.iter().map(|r| r.0);
        let known = |id: &str| RULES.iter().any(|r| r.0 == id);
        for (id, rc) in &cfg.rules {
            if !known(id) {
                let near = nearest(id, ids.clone()).map(|n| format!("did you mean `{n}`?")).unwrap_or_default();
                return Err(err(format!("unknown rule `{id}` under check.rules"), near));
            }
            if let Some(l) = &rc.level
                && Level::parse(l).is_none()
            {
                return Err(err(format!("rule `{id}` has level `{l}`"), "use veto, scored or advice".into()));
            }
        }
        for e in &cfg.exceptions {
            if !known(&e.rule) {
                let near = nearest(&e.rule, ids.clone()).map(|n| format!("did you mean `{n}`?")).unwrap_or_default();
                return Err(err(format!("exception for unknown rule `{}`", e.rule), near));
            }
            if e.reason.trim().is_empty() {
                return Err(err(
                    format!("the exception for `{}` on {} has no reason", e.rule, e.site),
                    "every exception needs a `reason:` an inspector can read".into(),
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
