//! The structural rules: column freshness and blank columns (per column and the per-site veto
//! counts), home-page freshness, page furniture, publish dates, review dates, theme templates,
//! disclosure metadata (from the build's own check stage) and internal links.

use super::data::forms;
use super::{Finding, Inspection, path_of};
use crate::diagnostic::Diagnostic;
use crate::load::{ColumnKind, SiteKind};
use crate::parse::{self, Page};
use crate::rewrite::{self, Resolved};
use crate::scan::SourceFile;
use crate::t;
use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// For each site, for each column: (number of pages in its subtree, newest publish day). A
/// page that did not parse counts too, with the date of its file name when it has one.
fn column_stats(ctx: &Inspection<'_>) -> Vec<Vec<(usize, Option<NaiveDate>)>> {
    let mut stats: Vec<Vec<(usize, Option<NaiveDate>)>> =
        ctx.cluster.sites.iter().map(|s| vec![(0, None); s.columns.list.len()]).collect();
    let published =
        ctx.pages.iter().filter(|p| p.meta.date.day <= ctx.today).map(|p| (p.site, p.column, Some(p.meta.date.day)));
    let unparsed =
        ctx.unparsed.iter().filter(|u| u.day.is_none_or(|d| d <= ctx.today)).map(|u| (u.site, u.column, u.day));
    for (site, column, day) in published.chain(unparsed) {
        for c in ctx.cluster.sites[site].columns.ancestry(column) {
            let e = &mut stats[site][c];
            e.0 += 1;
            e.1 = e.1.max(day);
        }
    }
    stats
}

/// Stale and blank columns, their per-site veto counts, and home pages with nothing new.
pub(super) fn columns(ctx: &Inspection<'_>) -> Vec<Finding> {
    let stats = column_stats(ctx);
    let mut out = Vec::new();
    for (s, site) in ctx.cluster.sites.iter().enumerate() {
        let (mut stale, mut blank) = (Vec::new(), Vec::new());
        for (c, col) in site.columns.list.iter().enumerate() {
            let (count, newest) = stats[s][c];
            if count == 0 {
                let (name, path) = (col.name.as_str(), col.path.as_str());
                blank.push(
                    Finding::new(&site.id, "blank-column", t!("inspect-blank-column", name = name, path = path))
                        .in_column(&col.path)
                        .suggest(t!("inspect-blank-column-help", site = site.id.as_str(), path = path)),
                );
                continue;
            }
            let (Some(days), Some(newest)) = (col.max_stale_days, newest) else { continue };
            let age = (ctx.today - newest).num_days();
            if col.kind != ColumnKind::Page && age > i64::from(days) {
                stale.push(
                    Finding::new(
                        &site.id,
                        "stale-column",
                        t!(
                            "inspect-stale-column",
                            name = col.name.as_str(),
                            path = col.path.as_str(),
                            newest = newest.to_string(),
                            age = age,
                            days = days
                        ),
                    )
                    .in_column(&col.path)
                    .suggest(t!("inspect-stale-column-help", days = days)),
                );
            }
        }
        let (name, n_stale, n_blank) = (site.name.as_str(), stale.len(), blank.len());
        out.extend(stale);
        out.extend(blank);
        let limit = ctx.config.stale_columns_veto;
        if n_stale >= limit {
            let message = t!("inspect-stale-columns-veto", site = name, count = n_stale, limit = limit);
            out.push(Finding::new(&site.id, "stale-columns-veto", message));
        }
        let limit = ctx.config.blank_columns_veto;
        if n_blank >= limit {
            let message = t!("inspect-blank-columns-veto", site = name, count = n_blank, limit = limit);
            out.push(Finding::new(&site.id, "blank-columns-veto", message));
        }
        let newest =
            site.columns.top().filter(|&c| site.columns.list[c].kind.is_list()).filter_map(|c| stats[s][c].1).max();
        let limit = i64::from(ctx.config.home_stale_days);
        if newest.is_none_or(|d| (ctx.today - d).num_days() > limit) {
            let last = newest.map_or_else(
                || t!("inspect-home-stale-never"),
                |d| t!("inspect-home-stale-last", date = d.to_string()),
            );
            let message = t!("inspect-home-stale", site = site.name.as_str(), limit = limit, last = last);
            out.push(Finding::new(&site.id, "home-stale", message).suggest(t!("inspect-home-stale-help")));
        }
    }
    out
}

/// Page furniture from `sites/*.yaml` (NORMS.md §2): 网站标识码, 主办单位, 联系方式, ICP备案号,
/// 公安机关备案号 present and in their forms.
pub(super) fn furniture(ctx: &Inspection<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for site in &ctx.cluster.sites {
        let file = format!("sites/{}.yaml", site.id);
        let mut missing = |what: String, fix: String| {
            out.push(Finding::new(&site.id, "furniture", what).in_file(&file).suggest(fix));
        };
        // A code the site inherits is the portal's finding, reported once in the portal's file
        // with the number of sites showing it.
        if !site_code_ok(&site.site_code) && !site.site_code_inherited {
            let mut what = t!("inspect-furniture-site-code", code = site.site_code.as_str());
            if site.kind == SiteKind::Portal {
                let heirs = ctx.cluster.sites.iter().filter(|s| s.site_code_inherited).count();
                if heirs > 0 {
                    what.push_str(&t!("inspect-furniture-site-code-inherited", count = heirs));
                }
            }
            missing(what, t!("inspect-furniture-site-code-help"));
        }
        if site.sponsor.trim().is_empty() {
            missing(t!("inspect-furniture-sponsor"), t!("inspect-furniture-sponsor-help"));
        }
        let c = &site.contact;
        if c.phone.as_deref().is_none_or(|p| p.trim().is_empty())
            && c.address.as_deref().is_none_or(|a| a.trim().is_empty())
        {
            missing(t!("inspect-furniture-contact"), t!("inspect-furniture-contact-help"));
        }
        if !icp_ok(&site.icp) {
            missing(t!("inspect-furniture-icp", value = site.icp.as_str()), t!("inspect-furniture-icp-help"));
        }
        if !psb_ok(&site.psb) {
            missing(t!("inspect-furniture-psb", value = site.psb.as_str()), t!("inspect-furniture-psb-help"));
        }
    }
    out
}

/// Example values left in the settings every footer shows (`zhanqun.yaml`, `sites/*.yaml`):
/// the build's own detection, which warns about them, reported by indicator.
pub(super) fn furniture_placeholders(ctx: &Inspection<'_>) -> Vec<Finding> {
    crate::check::placeholder::furniture(ctx.cluster)
        .into_iter()
        .map(|f| {
            let site = &ctx.cluster.sites[f.site].id;
            let message = t!("check-furniture-placeholder", key = f.key.as_str(), value = f.value.as_str());
            let mut finding = Finding::new(site, "furniture-placeholder", message)
                .in_file(f.file.to_string_lossy().replace('\\', "/"))
                .suggest(crate::check::placeholder::furniture_help(&f.key));
            if let Some(l) = f.line {
                finding = finding.at(l, None);
            }
            finding
        })
        .collect()
}

fn site_code_ok(code: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(code, 10) || code.strip_prefix("bm").is_some_and(|r| digits(r, 8))
}

/// `<省简称>ICP备<8 digits>号[-n]`.
fn icp_ok(icp: &str) -> bool {
    let Some((prov, rest)) = icp.split_once(forms::ICP_MARK) else { return false };
    let Some((num, tail)) = rest.split_once(forms::NUMBER_END) else { return false };
    prov.chars().count() == 1
        && num.len() == 8
        && num.bytes().all(|b| b.is_ascii_digit())
        && (tail.is_empty()
            || tail.strip_prefix('-').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// `<省简称>公网安备 <14 digits>号`.
fn psb_ok(psb: &str) -> bool {
    let Some((prov, rest)) = psb.split_once(forms::PSB_MARK) else { return false };
    let num = rest.trim_start().strip_suffix(forms::NUMBER_END).unwrap_or("");
    prov.chars().count() == 1 && num.len() == 14 && num.bytes().all(|b| b.is_ascii_digit())
}

/// Publish dates beyond the scheduled-publishing window, and static pages past their review date.
pub(super) fn dates(ctx: &Inspection<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let window = ctx.today + Duration::days(i64::from(ctx.config.schedule_days));
    for p in ctx.pages {
        let site = &ctx.cluster.sites[p.site];
        let col = &site.columns.list[p.column];
        let day = p.meta.date.day;
        if day > window {
            out.push(
                Finding::new(
                    &site.id,
                    "future-date",
                    t!("inspect-future-date", date = day.to_string(), days = ctx.config.schedule_days),
                )
                .in_file(path_of(p))
                .at(p.meta.line("date").unwrap_or(1), None)
                .in_column(&col.path)
                .suggest(t!("inspect-future-date-help")),
            );
        }
        if let Some(due) = crate::parse::review_due(&p.meta)
            && due <= ctx.today
        {
            out.push(
                Finding::new(
                    &site.id,
                    "review-due",
                    t!("inspect-review-due", title = p.meta.title.as_str(), due = due.to_string()),
                )
                .in_file(path_of(p))
                .at(p.meta.line("reviewed").unwrap_or(1), None)
                .in_column(&col.path)
                .suggest(t!("inspect-review-due-help", today = ctx.today.to_string())),
            );
        }
    }
    out
}

/// The theme must show every content page's publish date (an item without a visible date counts
/// as not updated): its article templates must use `article.date`.
pub(super) fn templates(ctx: &Inspection<'_>) -> Vec<Finding> {
    let portal = &ctx.cluster.portal().id;
    ["page.html", "single.html"]
        .into_iter()
        .filter(|t| ctx.cluster.theme.templates.iter().any(|(name, body)| name == t && !body.contains("article.date")))
        .map(|t| {
            Finding::new(portal, "no-date", t!("inspect-no-date", template = t))
                .in_file(format!("themes/{}/templates/{t}", ctx.cluster.config.theme))
                .suggest(t!("inspect-no-date-help"))
        })
        .collect()
}

/// The build's rules whose diagnostics [`disclosure`] reports: 索引号, 文号, required fields,
/// vocabularies, 成文日期, 替代文件 and `interprets:` links.
pub(super) const DISCLOSURE_RULES: &[&str] =
    &["index-no", "doc-number", "disclosure", "vocabulary", "written-date", "replaced-by", "interprets"];

/// The build's disclosure diagnostics (索引号, 文号, required fields, vocabularies, `interprets:`
/// links) as findings: one rule implementation, shared with the build, reported here by indicator.
pub(super) fn disclosure(ctx: &Inspection<'_>, diags: &[Diagnostic]) -> Vec<Finding> {
    let by_src: HashMap<&PathBuf, &Page> = ctx.pages.iter().map(|p| (&p.src, p)).collect();
    diags
        .iter()
        .filter(|d| DISCLOSURE_RULES.contains(&d.rule))
        .filter_map(|d| {
            let site = match by_src.get(&d.file) {
                Some(p) => &ctx.cluster.sites[p.site].id,
                None => {
                    let dir = d.file.strip_prefix("content").ok()?.components().next()?;
                    &ctx.cluster.sites[ctx.cluster.site_index(dir.as_os_str().to_str()?)?].id
                }
            };
            // An `interprets:` naming no page is a broken link between an interpretation and
            // its document.
            // Invalid metadata the build refuses is `disclosure` (it blocks the gate); metadata
            // the build publishes with a warning (a class outside the lists, a missing 主题分类)
            // is `disclosure-field`, scored but not blocking.
            let rule = match (d.rule, d.is_error()) {
                ("interprets", _) => "broken-link",
                (_, true) => "disclosure",
                (_, false) => "disclosure-field",
            };
            let mut f =
                Finding::new(site, rule, d.message.clone()).in_file(d.file.to_string_lossy().replace('\\', "/"));
            if let Some(l) = d.line {
                f = f.at(l, None);
            }
            if let Some(h) = &d.help {
                f = f.suggest(h.clone());
            }
            Some(f)
        })
        .collect()
}

/// The links of one page's Markdown and the anchors it defines.
#[derive(Debug, Default)]
pub(super) struct PageLinks {
    links: Vec<(String, usize)>,
    ids: Vec<String>,
}

/// One page's Markdown links and anchors (parsed, not rendered).
pub(super) fn page_links(p: &Page, text: &str) -> PageLinks {
    let (mut links, ids) = parse::links_and_ids(text, p.body_offset);
    if let Some(by) = &p.meta.replaced_by {
        links.push((by.clone(), p.meta.line("replaced_by").unwrap_or(1)));
    }
    PageLinks { links, ids }
}

/// Broken internal links and anchors, and every external link (listed for review). Links are
/// resolved exactly as the build's rewrite stage resolves them.
pub(super) fn links(ctx: &Inspection<'_>, sources: &[SourceFile], links: Vec<PageLinks>) -> Vec<Finding> {
    // The build's own URL table: every page, list, catalog, site map and static file it writes.
    let graph = crate::assemble::assemble(ctx.cluster, ctx.pages.to_vec(), sources);
    let (url_set, by_src) = (&graph.urls, &graph.by_src);
    let ids: HashMap<&str, &Vec<String>> =
        ctx.pages.iter().zip(&links).map(|(p, l)| (p.url.as_str(), &l.ids)).collect();
    let base = "/";
    ctx.pages
        .par_iter()
        .zip(links.par_iter())
        .flat_map_iter(|(p, pl)| {
            let site = &ctx.cluster.sites[p.site];
            let link_base = format!("{}{}/", site.path, site.columns.list[p.column].path);
            let rctx = rewrite::Context {
                base_path: base,
                page_url: &p.url,
                link_base: &link_base,
                source_dir: p.src.parent().map(PathBuf::from),
                urls: url_set,
                by_src,
            };
            let mut out = Vec::new();
            for (href, line) in &pl.links {
                let problem = match rewrite::resolve(href, &rctx) {
                    Resolved::External => {
                        out.push(
                            Finding::new(&site.id, "external-link", t!("inspect-external-link", href = href.as_str()))
                                .in_file(path_of(p))
                                .at(*line, None),
                        );
                        None
                    }
                    Resolved::Other => None,
                    Resolved::SamePage(f) => {
                        (!pl.ids.contains(&f)).then(|| t!("inspect-no-anchor-here", anchor = f.as_str()))
                    }
                    Resolved::Internal { path, fragment, .. } => fragment
                        .filter(|f| ids.get(path.as_str()).is_some_and(|i| !i.contains(f)))
                        .map(|f| t!("inspect-no-anchor", path = path.as_str(), anchor = f)),
                    Resolved::Broken(reason) => Some(reason),
                };
                if let Some(why) = problem {
                    out.push(
                        Finding::new(
                            &site.id,
                            "broken-link",
                            t!("inspect-broken-link", href = href.as_str(), reason = why),
                        )
                        .in_file(path_of(p))
                        .at(*line, None)
                        .suggest(t!("inspect-broken-link-help")),
                    );
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_forms() {
        assert!(site_code_ok("5203300001") && site_code_ok("bm12345678"));
        assert!(!site_code_ok("520330001") && !site_code_ok("52033000011") && !site_code_ok("bm1234567"));
        assert!(icp_ok("黔ICP备17003300号-1") && icp_ok("京ICP备12345678号"));
        assert!(!icp_ok("黔ICP备1700330号") && !icp_ok("ICP备17003300号") && !icp_ok("黔ICP备17003300号-"));
        assert!(psb_ok("黔公网安备 52033002000001号") && psb_ok("京公网安备11010502030143号"));
        assert!(!psb_ok("黔公网安备 5203300200000号") && !psb_ok(""));
    }
}
