//! Validation of the `check:` settings (typed at load, `load::CheckSettings`) against the
//! inspection's rules, and what the rules ask of them.

use super::Level;
use super::rules::RULES;
use crate::diagnostic::{Diagnostic, nearest};
use crate::load::{CheckSettings, Exception};
use crate::t;

impl CheckSettings {
    /// Refuses unknown rule ids and levels and exceptions without a reason.
    pub fn validate(&self) -> Result<(), Diagnostic> {
        let err = |m: String, h: String| Diagnostic::error("zhanqun.yaml", "check-config", m).help(h);
        let cfg = self;
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
        Ok(())
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
