//! The inspection report: findings after the configured levels and exceptions, grouped by site
//! and level, as terminal text or JSON, plus each site's monthly update counts for the dashboard.

use super::{Finding, Inspection, Level};
use crate::diagnostic::Diagnostic;
use crate::t;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A finding an exception in zhanqun.yaml covers, with the stated reason.
#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    /// The finding.
    pub finding: Finding,
    /// Why it is excepted.
    pub reason: String,
}

/// One site as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteSummary {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Findings by level.
    pub veto: usize,
    /// Scored findings.
    pub scored: usize,
    /// Advice.
    pub advice: usize,
    /// Pages published in each of the last 12 months, oldest first: (`YYYY-MM`, count).
    pub monthly_updates: Vec<(String, usize)>,
}

/// What `zhanqun check` found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The day the inspection was run as (`--today`).
    pub today: String,
    /// Cluster name.
    pub cluster: String,
    /// Per site, in cluster order.
    pub sites: Vec<SiteSummary>,
    /// Findings, by site, level, rule, location.
    pub findings: Vec<Finding>,
    /// Findings covered by an exception.
    pub suppressed: Vec<Suppressed>,
    /// Errors the build itself would stop on (besides the findings above).
    #[serde(skip)]
    pub build_errors: Vec<Diagnostic>,
}

impl Report {
    /// Applies the configuration to raw findings and summarises them.
    pub(super) fn new(ctx: &Inspection<'_>, raw: Vec<Finding>, diags: Vec<Diagnostic>) -> Report {
        let mut findings = Vec::new();
        let mut suppressed = Vec::new();
        for f in raw.into_iter().filter(|f| ctx.config.enabled(f.rule)) {
            let f = match ctx.config.level(f.rule) {
                Some(level) => f.level(level),
                None => f,
            };
            let f = match f.at_most {
                Some(cap) if f.level < cap => f.level(cap),
                _ => f,
            };
            match ctx.config.exception_for(&f) {
                Some(e) => suppressed.push(Suppressed { finding: f, reason: e.reason.clone() }),
                None => findings.push(f),
            }
        }
        let order: BTreeMap<&str, usize> =
            ctx.cluster.sites.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let key = |f: &Finding| order.get(f.site.as_str()).copied().unwrap_or(usize::MAX);
        findings.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.cmp(b)));
        findings.dedup();
        suppressed.sort_by(|a, b| key(&a.finding).cmp(&key(&b.finding)).then_with(|| a.finding.cmp(&b.finding)));
        let months = last_months(ctx.today, 12);
        let sites = ctx
            .cluster
            .sites
            .iter()
            .enumerate()
            .map(|(s, site)| {
                let count = |l: Level| findings.iter().filter(|f| f.site == site.id && f.level == l).count();
                let mut monthly: Vec<(String, usize)> = months.iter().map(|m| (m.clone(), 0)).collect();
                for p in ctx.pages.iter().filter(|p| p.site == s && p.meta.date.day <= ctx.today) {
                    let m = p.meta.date.day.format("%Y-%m").to_string();
                    if let Some(e) = monthly.iter_mut().find(|e| e.0 == m) {
                        e.1 += 1;
                    }
                }
                SiteSummary {
                    id: site.id.clone(),
                    name: site.name.clone(),
                    veto: count(Level::Veto),
                    scored: count(Level::Scored),
                    advice: count(Level::Advice),
                    monthly_updates: monthly,
                }
            })
            .collect();
        let build_errors = diags.into_iter().filter(|d| d.is_error()).collect();
        Report {
            today: ctx.today.to_string(),
            cluster: ctx.cluster.config.name.clone(),
            sites,
            findings,
            suppressed,
            build_errors,
        }
    }

    /// Number of findings at `level`.
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    /// The report as pretty JSON (for CI).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a report always serializes");
        s.push('\n');
        s
    }

    /// The terminal summary: per site, veto findings first, each with its location and fix, in
    /// the language of the run.
    pub fn to_text(&self) -> String {
        let mut out = t!("inspect-report-title", cluster = self.cluster.as_str(), today = self.today.as_str());
        out.push('\n');
        for site in &self.sites {
            let mine: Vec<&Finding> = self.findings.iter().filter(|f| f.site == site.id).collect();
            let heading = t!(
                "inspect-report-site",
                name = site.name.as_str(),
                id = site.id.as_str(),
                veto = site.veto,
                scored = site.scored,
                advice = site.advice
            );
            let _ = writeln!(out, "\n== {heading}");
            for level in [Level::Veto, Level::Scored, Level::Advice] {
                let label = level.label();
                for f in mine.iter().filter(|f| f.level == level) {
                    let indicator = f.indicator.name();
                    let _ = writeln!(out, "  [{label}] {} {}: {} ({indicator})", f.location(), f.rule, f.message);
                    if let Some(s) = &f.suggestion {
                        let _ = writeln!(out, "      {}", t!("inspect-report-suggestion", suggestion = s.as_str()));
                    }
                }
            }
        }
        if !self.suppressed.is_empty() {
            let _ = writeln!(out, "\n{}", t!("inspect-report-suppressed", count = self.suppressed.len()));
            for s in &self.suppressed {
                let _ = writeln!(
                    out,
                    "  {} {} {}: {}{}",
                    s.finding.site,
                    s.finding.location(),
                    s.finding.rule,
                    s.finding.message,
                    t!("inspect-report-reason", reason = s.reason.as_str())
                );
            }
        }
        let total = t!(
            "inspect-report-total",
            veto = self.count(Level::Veto),
            scored = self.count(Level::Scored),
            advice = self.count(Level::Advice)
        );
        let _ = writeln!(out, "\n{total}");
        out
    }
}

/// The `n` months ending with `today`'s, oldest first, as `YYYY-MM`.
fn last_months(today: NaiveDate, n: u32) -> Vec<String> {
    let index = today.year() * 12 + today.month0() as i32;
    (0..n as i32)
        .rev()
        .map(|k| index - k)
        .map(|i| format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::last_months;
    use chrono::NaiveDate;

    #[test]
    fn months_cross_the_year() {
        let m = last_months(NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(), 3);
        assert_eq!(m, ["2025-12", "2026-01", "2026-02"]);
    }
}
