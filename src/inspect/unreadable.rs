//! What the build refuses, reported by `check` as findings rather than stopping it: a page
//! that does not parse, a site file with an error, a broken `columns.yaml` or theme. `check`
//! inspects whatever it can read, so one bad file never hides the rest of the report, and a
//! page that does not parse still counts for its column (so its column is not called blank or
//! stale on top of the real fault).

use super::{Finding, Inspection};
use crate::diagnostic::Diagnostic;
use crate::load::Cluster;
use crate::parse::Page;
use crate::scan::{SourceFile, SourceKind};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;

/// A Markdown file of a column that did not parse: it still shows that the column has content.
#[derive(Debug, Clone)]
pub(super) struct UnparsedPage {
    /// Index of its site.
    pub(super) site: usize,
    /// Index of its column in the site's column list.
    pub(super) column: usize,
    /// The date its file name starts with (`2026-11-10-….md`), when it has one: the editor's
    /// intended publish date, the only one known without front matter.
    pub(super) day: Option<NaiveDate>,
}

/// The Markdown files of `sources` that are in a column but produced no page.
pub(super) fn unparsed_pages(cluster: &Cluster, sources: &[SourceFile], pages: &[Page]) -> Vec<UnparsedPage> {
    let parsed: HashSet<&Path> = pages.iter().map(|p| p.src.as_path()).collect();
    sources
        .iter()
        .filter(|s| s.kind == SourceKind::Markdown && !parsed.contains(s.rel.as_path()))
        .filter_map(|s| {
            let column = cluster.sites[s.site].columns.find(&s.dir)?;
            let day = s.name.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            Some(UnparsedPage { site: s.site, column, day })
        })
        .collect()
}

/// Build diagnostic codes that other rules report under their indicator besides those of
/// [`super::structure::DISCLOSURE_RULES`]: 网站标识码 (the `furniture` rule checks every site's
/// code).
const REPORTED_ELSEWHERE: &[&str] = &["site-code"];

/// The build's errors as findings: in a page (`page-error`), in the cluster's settings
/// (`settings-error`, under the site whose file it is), a missing 组织机构代码 as `furniture`.
pub(super) fn findings(ctx: &Inspection<'_>, diags: &[Diagnostic]) -> Vec<Finding> {
    diags
        .iter()
        .filter(|d| {
            d.is_error()
                && !REPORTED_ELSEWHERE.contains(&d.rule)
                && !super::structure::DISCLOSURE_RULES.contains(&d.rule)
        })
        .map(|d| {
            let file = d.file.to_string_lossy().replace('\\', "/");
            let rule = if d.rule == "org-code" {
                "furniture"
            } else if file.starts_with("content/") {
                "page-error"
            } else {
                "settings-error"
            };
            let mut f = Finding::new(&site_of(ctx, &file), rule, d.message.clone()).in_file(file);
            if let Some(l) = d.line {
                f = f.at(l, None);
            }
            if let Some(h) = &d.help {
                f = f.suggest(h.clone());
            }
            f
        })
        .collect()
}

/// The site a file belongs to: the site of `content/<id>/…` or `sites/<id>.yaml`, else the
/// portal (cluster-wide settings).
fn site_of(ctx: &Inspection<'_>, file: &str) -> String {
    let named = file
        .strip_prefix("content/")
        .and_then(|rest| rest.split('/').next())
        .or_else(|| file.strip_prefix("sites/").and_then(|f| f.rsplit_once('.').map(|(stem, _)| stem)));
    match named.and_then(|id| ctx.cluster.site_index(id)) {
        Some(i) => ctx.cluster.sites[i].id.clone(),
        None => ctx.cluster.portal().id.clone(),
    }
}
