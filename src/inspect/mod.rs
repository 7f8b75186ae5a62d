//! `zhanqun check`: the national inspection indicators (政府网站与政务新媒体检查指标) that can be
//! checked mechanically, run on the parsed cluster before the inspectors do — stale and blank
//! columns, page furniture, links, disclosure metadata, service guides, wording, placeholders,
//! review dates and publish dates, yearly reports, policy interpretations and the 依申请公开 entry. It reuses the build's load, scan, parse and check stages and
//! renders only Markdown bodies (for links and anchors), never templates.

mod config;
mod dashboard;
mod data;
mod finding;
pub mod gate;
mod indicator;
mod interaction;
pub mod names;
mod obligations;
mod report;
pub mod rules;
mod structure;
mod unreadable;

pub use dashboard::dashboard_html;
pub use finding::{Finding, Level};
pub use indicator::Indicator;
pub use report::{Report, SiteSummary, Suppressed};

use crate::diagnostic::Diagnostic;
use crate::load::{self, Cluster};
use crate::parse::{self, Page};
use crate::{check, scan};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::path::Path;

/// Everything a rule may look at.
pub struct Inspection<'a> {
    /// The loaded cluster.
    pub cluster: &'a Cluster,
    /// Every page that parsed.
    pub pages: &'a [Page],
    /// The day the inspection pretends it is (`--today`).
    pub today: NaiveDate,
    /// The `check:` settings.
    pub config: &'a crate::load::CheckSettings,
    /// Loaded wording dictionary (built-in plus the cluster's extensions).
    pub wording: &'a rules::Wording,
    /// The cluster's own organisations and places (whose documents are its own writing).
    pub own: &'a names::Own,
    /// The names the cluster's own text must spell right.
    pub names: &'a names::NameChecker,
    /// Markdown files of a column that did not parse (reported as `page-error`; they still
    /// count for their column).
    unparsed: &'a [unreadable::UnparsedPage],
}

/// Why `zhanqun check` could not run at all (findings are not errors): the cluster itself
/// cannot be read (`zhanqun.yaml` missing or unparsable, not one site readable), or the
/// `check:` settings are unusable. Anything else the build would refuse is a finding.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The cluster settings or the `check:` section are unusable.
    #[error("{}", crate::t!("inspect-cannot-load"))]
    Invalid(Vec<Diagnostic>),
}

/// Inspects the cluster at `root` as of `today` (`--today`; by default today in the cluster's
/// time zone).
pub fn inspect(root: &Path, today: Option<NaiveDate>) -> Result<Report, CheckError> {
    let (cluster, mut diags) = load::load_for_inspection(root).map_err(|d| CheckError::Invalid(d.into_sorted()))?;
    let today = cluster.config.clock.today_or(today);
    cluster.config.check.validate().map_err(|d| CheckError::Invalid(vec![d]))?;
    let config = &cluster.config.check;
    let wording = rules::Wording::load(root, &config.wording).map_err(|d| CheckError::Invalid(vec![d]))?;
    let sources = scan::scan(&cluster, &mut diags);
    // Drafts are not published: the inspection judges what the public sees.
    let (pages, texts): (Vec<Page>, Vec<String>) =
        parse::parse_pages_with_text(&cluster, &sources, &mut diags).into_iter().filter(|(p, _)| !p.meta.draft).unzip();
    check::check(&cluster, &pages, &mut diags);
    let own = names::Own::of(&cluster);
    let names = own.checker(&cluster, &pages, &texts);
    let unparsed = unreadable::unparsed_pages(&cluster, &sources, &pages);
    let ctx = Inspection {
        cluster: &cluster,
        pages: &pages,
        today,
        config,
        wording: &wording,
        own: &own,
        names: &names,
        unparsed: &unparsed,
    };

    let mut findings = Vec::new();
    findings.extend(structure::columns(&ctx));
    findings.extend(structure::furniture(&ctx));
    findings.extend(structure::furniture_placeholders(&ctx));
    findings.extend(structure::dates(&ctx));
    findings.extend(interaction::letters(&ctx));
    findings.extend(structure::templates(&ctx));
    findings.extend(structure::disclosure(&ctx, diags.as_slice()));
    findings.extend(unreadable::findings(&ctx, diags.as_slice()));
    findings.extend(obligations::obligations(&ctx));
    let per_page: Vec<(Vec<Finding>, structure::PageLinks)> = pages
        .par_iter()
        .zip(texts.par_iter())
        .map(|(p, text)| {
            let mut out = Vec::new();
            rules::page_text(&ctx, p, text, &mut out);
            (out, structure::page_links(p, text))
        })
        .collect();
    drop(texts);
    let mut links = Vec::with_capacity(per_page.len());
    for (f, l) in per_page {
        findings.extend(f);
        links.push(l);
    }
    findings.extend(structure::links(&ctx, &sources, links));
    Ok(Report::new(&ctx, findings, diags.into_sorted()))
}

/// Source path of a page, `/`-separated, for findings.
pub(crate) fn path_of(p: &Page) -> String {
    p.src.to_string_lossy().replace('\\', "/")
}
