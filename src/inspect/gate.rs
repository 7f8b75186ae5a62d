//! `zhanqun check --gate`: which findings must stop a publication, and which are inspection
//! risks that only publishing can cure (a stale column is fixed by publishing, so a gate that
//! blocked it would block its own cure). Also `check --sites`: the report narrowed to some sites.

use super::{Finding, Level, Report};
use std::collections::BTreeMap;

/// The rules whose findings stop a publication under `check --gate`, each with the least
/// serious level that still blocks (levels order from `Veto`, the most serious, to `Advice`).
/// What they find must not reach the public, and an edit to the cluster's own files fixes it:
///
/// - `wording` at veto level: a serious misstatement (严重表述错误 — the state name, state
///   organs, territory) in the cluster's own text. Scored wording (错别字) does not block; the
///   wording rules already judge reproduced national documents at most as advice.
/// - `name-misspelt`: a leader's, organisation's or place name of the cluster written wrong
///   next to a title — real sites were failed outright for one character.
/// - `privacy`: an unredacted ID-card or mobile number; once published it cannot be recalled.
/// - `broken-link`: an internal link or anchor that resolves to nothing in this very build.
/// - `disclosure`: invalid 政府信息公开 metadata (索引号, 文号, dates) entering the catalog
///   that auditors diff; a wrong 索引号 published once is kept forever.
/// - `placeholder-page`, `guide-placeholder`: a page whose content is still a placeholder
///   (建设中, 暂无内容, 未传入内容编号) would be published as if it were content.
/// - `page-error`, `settings-error`: a file the build refuses; the build would stop on it, so
///   the gate names it first, with the fix.
pub const GATE_RULES: &[(&str, Level)] = &[
    ("page-error", Level::Advice),
    ("settings-error", Level::Advice),
    ("wording", Level::Veto),
    ("name-misspelt", Level::Advice),
    ("privacy", Level::Advice),
    ("broken-link", Level::Advice),
    ("disclosure", Level::Advice),
    ("placeholder-page", Level::Advice),
    ("guide-placeholder", Level::Advice),
];

/// Rules that report an inspection risk only publishing can cure (nothing new on a column or a
/// home page, columns that never had content, a report or an interpretation not published).
/// They never block the gate, whatever their level: blocking them would keep the cure from
/// being published. Listed so that the gate can name them apart in its warning; every rule
/// not in [`GATE_RULES`] is non-blocking too.
pub const CURED_BY_PUBLISHING: &[&str] = &[
    "stale-column",
    "stale-columns-veto",
    "home-stale",
    "blank-column",
    "blank-columns-veto",
    // A missing yearly report, interpretation or 依申请公开 entry is cured by publishing it.
    "annual-report",
    "website-report",
    "policy-interpretation",
    "on-request-entry",
];

/// True when `f` must stop a publication (see [`GATE_RULES`]).
pub fn blocks(f: &Finding) -> bool {
    !CURED_BY_PUBLISHING.contains(&f.rule)
        && GATE_RULES.iter().any(|(rule, least)| *rule == f.rule && f.level <= *least)
}

/// What `check --gate` decided: the findings that block, and the veto risks it lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateVerdict {
    /// Blocking findings per rule id.
    pub blocking: BTreeMap<&'static str, usize>,
    /// Non-blocking veto findings per rule id (risks to fix soon).
    pub risks: BTreeMap<&'static str, usize>,
}

impl GateVerdict {
    /// Classifies the findings of `report`.
    pub fn of(report: &Report) -> GateVerdict {
        let mut blocking = BTreeMap::new();
        let mut risks = BTreeMap::new();
        for f in &report.findings {
            if blocks(f) {
                *blocking.entry(f.rule).or_insert(0) += 1;
            } else if f.level == Level::Veto {
                *risks.entry(f.rule).or_insert(0) += 1;
            }
        }
        GateVerdict { blocking, risks }
    }

    /// True when nothing blocks the publication.
    pub fn passes(&self) -> bool {
        self.blocking.is_empty()
    }

    /// The lines to print on stderr: the loud warning about risks (if any), then the verdict.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.risks.is_empty() {
            lines.push(crate::t!("gate-risks", count = self.risks.values().sum::<usize>(), rules = tally(&self.risks)));
        }
        if self.passes() {
            lines.push(crate::t!("gate-pass"));
        } else {
            lines.push(crate::t!(
                "gate-blocked",
                count = self.blocking.values().sum::<usize>(),
                rules = tally(&self.blocking)
            ));
        }
        lines
    }
}

/// `首页不更新（home-stale）×11、栏目不更新（stale-column）×2`: the indicator an editor knows,
/// with the rule's code to find it in the report.
fn tally(counts: &BTreeMap<&'static str, usize>) -> String {
    counts
        .iter()
        .map(|(rule, n)| {
            crate::t!("gate-tally", indicator = super::rules::describe(rule).0.name(), rule = *rule, count = *n)
        })
        .collect::<Vec<_>>()
        .join(&crate::t!("cli-list-separator"))
}

/// `check --sites` names a site the cluster does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSite {
    /// The id as given.
    pub id: String,
    /// The nearest site id of the cluster, if one is close.
    pub nearest: Option<String>,
    /// Every site id of the cluster, in cluster order.
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let known = self.known.join(",");
        match &self.nearest {
            Some(n) => f.write_str(&crate::t!("gate-unknown-site-near", id = self.id.as_str(), nearest = n.as_str())),
            None => f.write_str(&crate::t!("gate-unknown-site", id = self.id.as_str(), known = known)),
        }
    }
}

impl std::error::Error for UnknownSite {}

/// The report narrowed to the sites `ids` (`check --sites`): their summaries, findings and
/// excepted findings, in cluster order. An empty list or an id that is not a site is an error.
pub fn only_sites(mut report: Report, ids: &[String]) -> Result<Report, UnknownSite> {
    let known: Vec<String> = report.sites.iter().map(|s| s.id.clone()).collect();
    let wanted: Vec<&str> = ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if wanted.is_empty() {
        return Err(UnknownSite { id: String::new(), nearest: None, known });
    }
    if let Some(bad) = wanted.iter().find(|id| !known.iter().any(|k| k == *id)) {
        let nearest = crate::diagnostic::nearest(bad, known.iter().map(String::as_str)).map(str::to_owned);
        return Err(UnknownSite { id: (*bad).to_owned(), nearest, known });
    }
    let keep = |site: &str| wanted.contains(&site);
    report.sites.retain(|s| keep(&s.id));
    report.findings.retain(|f| keep(&f.site));
    report.suppressed.retain(|s| keep(&s.finding.site));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, text_in};

    fn finding(rule: &'static str, level: Level) -> Finding {
        Finding::new("jyj", rule, "x").level(level)
    }

    #[test]
    fn serious_misstatements_block_and_spelling_slips_do_not() {
        assert!(blocks(&finding("wording", Level::Veto)));
        assert!(!blocks(&finding("wording", Level::Scored)));
        assert!(!blocks(&finding("wording", Level::Advice)));
    }

    #[test]
    fn what_must_not_go_out_blocks_at_any_level() {
        for rule in ["name-misspelt", "privacy", "broken-link", "disclosure", "placeholder-page", "guide-placeholder"] {
            for level in [Level::Veto, Level::Scored, Level::Advice] {
                assert!(blocks(&finding(rule, level)), "{rule} at {level:?}");
            }
        }
    }

    #[test]
    fn risks_only_publishing_cures_never_block() {
        for rule in CURED_BY_PUBLISHING {
            assert!(!blocks(&finding(rule, Level::Veto)), "{rule}");
            assert!(!GATE_RULES.iter().any(|(r, _)| r == rule), "{rule} is in both lists");
        }
        for rule in ["furniture", "external-link", "review-due", "letter-overdue", "future-date"] {
            assert!(!blocks(&finding(rule, Level::Veto)), "{rule}");
        }
    }

    #[test]
    fn every_gate_rule_is_a_rule() {
        for (rule, _) in GATE_RULES {
            assert!(super::super::rules::RULES.iter().any(|r| r.0 == *rule), "{rule} is not a rule");
        }
        for rule in CURED_BY_PUBLISHING {
            assert!(super::super::rules::RULES.iter().any(|r| r.0 == *rule), "{rule} is not a rule");
        }
    }

    #[test]
    fn the_english_summary_names_the_risks() {
        let text = text_in(Lang::En, "gate-risks", &[("count", 3.into()), ("rules", "home-stale ×3".into())]);
        assert!(text.contains("home-stale ×3") && text.contains("do not block"), "{text}");
    }
}
