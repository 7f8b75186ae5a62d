//! The structural rules: column freshness and blank columns (per column and the per-site veto
//! counts), home-page freshness, page furniture, publish dates, review dates, theme templates,
//! disclosure metadata (from the build's own check stage) and internal links.

use super::{Finding, Inspection, path_of};
use crate::diagnostic::Diagnostic;
use crate::load::ColumnKind;
use crate::parse::{self, Page};
use crate::rewrite::{self, Resolved};
use crate::scan::SourceFile;
use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// For each site, for each column: (number of pages in its subtree, newest publish day).
fn column_stats(ctx: &Inspection<'_>) -> Vec<Vec<(usize, Option<NaiveDate>)>> {
    let mut stats: Vec<Vec<(usize, Option<NaiveDate>)>> =
        ctx.cluster.sites.iter().map(|s| vec![(0, None); s.columns.list.len()]).collect();
    for p in ctx.pages.iter().filter(|p| p.meta.date.day <= ctx.today) {
        for c in ctx.cluster.sites[p.site].columns.ancestry(p.column) {
            let e = &mut stats[p.site][c];
            e.0 += 1;
            e.1 = e.1.max(Some(p.meta.date.day));
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
                blank.push(
                    Finding::new(&site.id, "blank-column", format!("栏目「{}」（{}）没有任何内容", col.name, col.path))
                        .in_column(&col.path)
                        .suggest(format!(
                            "在 content/{}/{}/ 下发布内容，或在 zhanqun.yaml 中说明例外理由",
                            site.id, col.path
                        )),
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
                        format!(
                            "栏目「{}」（{}）最近一次更新是 {newest}，已 {age} 天未更新（要求 {days} 天内）",
                            col.name, col.path
                        ),
                    )
                    .in_column(&col.path)
                    .suggest(format!("在 {days} 天内发布新内容")),
                );
            }
        }
        let counts = [
            ("stale-columns-veto", "不更新栏目", stale.len(), ctx.config.stale_columns_veto),
            ("blank-columns-veto", "空白栏目", blank.len(), ctx.config.blank_columns_veto),
        ];
        out.extend(stale);
        out.extend(blank);
        for (rule, what, n, limit) in counts {
            if n >= limit {
                out.push(Finding::new(
                    &site.id,
                    rule,
                    format!("{}有 {n} 个{what}，达到单项否决线（{limit} 个）", site.name),
                ));
            }
        }
        let newest =
            site.columns.top().filter(|&c| site.columns.list[c].kind.is_list()).filter_map(|c| stats[s][c].1).max();
        let limit = i64::from(ctx.config.home_stale_days);
        if newest.is_none_or(|d| (ctx.today - d).num_days() > limit) {
            let last = newest.map_or("从未更新".to_owned(), |d| format!("最近一次是 {d}"));
            out.push(
                Finding::new(&site.id, "home-stale", format!("{}首页 {limit} 天内没有新内容（{last}）", site.name))
                    .suggest("在首页展示的栏目中发布新内容"),
            );
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
        let mut missing = |what: &str, fix: &str| {
            out.push(Finding::new(&site.id, "furniture", what.to_owned()).in_file(&file).suggest(fix.to_owned()));
        };
        if !site_code_ok(&site.site_code) {
            missing(
                &format!("网站标识码 `{}` 不是 10 位数字（或 bm 加 8 位数字）", site.site_code),
                "填写全国政府网站基本信息数据库分配的网站标识码",
            );
        }
        if site.sponsor.trim().is_empty() {
            missing("缺少主办单位", "在 sponsor: 中填写主办单位");
        }
        let c = &site.contact;
        if c.phone.as_deref().is_none_or(|p| p.trim().is_empty())
            && c.address.as_deref().is_none_or(|a| a.trim().is_empty())
        {
            missing("缺少联系方式（电话或地址）", "在 contact: 中填写 phone 和 address");
        }
        if !icp_ok(&site.icp) {
            missing(&format!("ICP备案号 `{}` 的格式不对", site.icp), "形如 黔ICP备17003300号-1");
        }
        if !psb_ok(&site.psb) {
            missing(&format!("公安机关备案号 `{}` 的格式不对", site.psb), "形如 黔公网安备 52033002000001号");
        }
    }
    out
}

fn site_code_ok(code: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(code, 10) || code.strip_prefix("bm").is_some_and(|r| digits(r, 8))
}

/// `<省简称>ICP备<8 digits>号[-n]`.
fn icp_ok(icp: &str) -> bool {
    let Some((prov, rest)) = icp.split_once("ICP备") else { return false };
    let Some((num, tail)) = rest.split_once('号') else { return false };
    prov.chars().count() == 1
        && num.len() == 8
        && num.bytes().all(|b| b.is_ascii_digit())
        && (tail.is_empty()
            || tail.strip_prefix('-').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// `<省简称>公网安备 <14 digits>号`.
fn psb_ok(psb: &str) -> bool {
    let Some((prov, rest)) = psb.split_once("公网安备") else { return false };
    let num = rest.trim_start().strip_suffix('号').unwrap_or("");
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
                    format!("发布日期 {day} 晚于定时发布窗口（{} 天）", ctx.config.schedule_days),
                )
                .in_file(path_of(p))
                .at(p.meta.line("date").unwrap_or(1), None)
                .in_column(&col.path)
                .suggest("填写真实的发布日期；定时发布请勿超过窗口期"),
            );
        }
        if let Some(due) = review_due(&p.meta)
            && due <= ctx.today
        {
            out.push(
                Finding::new(&site.id, "review-due", format!("「{}」应于 {due} 复核，已过期", p.meta.title))
                    .in_file(path_of(p))
                    .at(p.meta.line("reviewed").unwrap_or(1), None)
                    .in_column(&col.path)
                    .suggest("复核内容后更新 reviewed: 日期"),
            );
        }
    }
    out
}

/// The day a page's review falls due: `reviewed` plus `review_in` (`6 months`, `1 year`,
/// `90 days`, `半年`, `1年`); a year when `review_in` is absent.
pub fn review_due(m: &crate::parse::FrontMatter) -> Option<NaiveDate> {
    let reviewed = m.reviewed?;
    let period = m.review_in.as_deref().unwrap_or("1 year").trim();
    let months = |n: u32| reviewed.checked_add_months(chrono::Months::new(n));
    let num: String = period.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = num.parse().unwrap_or(1);
    let unit = period[num.len()..].trim();
    match unit {
        "day" | "days" | "天" | "日" => reviewed.checked_add_signed(Duration::days(i64::from(n))),
        "week" | "weeks" | "周" => reviewed.checked_add_signed(Duration::weeks(i64::from(n))),
        "month" | "months" | "个月" | "月" => months(n),
        "半年" => months(6),
        _ => months(12 * n),
    }
}

/// The theme must show every content page's publish date (an item without a visible date counts
/// as not updated): its article templates must use `article.date`.
pub(super) fn templates(ctx: &Inspection<'_>) -> Vec<Finding> {
    let portal = &ctx.cluster.portal().id;
    ["page.html", "single.html"]
        .into_iter()
        .filter(|t| ctx.cluster.theme.templates.iter().any(|(name, body)| name == t && !body.contains("article.date")))
        .map(|t| {
            Finding::new(portal, "no-date", format!("模板 {t} 不显示发布日期"))
                .in_file(format!("themes/{}/templates/{t}", ctx.cluster.config.theme))
                .suggest("在模板中输出 {{ article.date }}")
        })
        .collect()
}

/// The build's disclosure diagnostics (索引号, 文号, required fields) as findings: one rule
/// implementation, shared with the build, reported here by indicator.
pub(super) fn disclosure(ctx: &Inspection<'_>, diags: &[Diagnostic]) -> Vec<Finding> {
    let by_src: HashMap<&PathBuf, &Page> = ctx.pages.iter().map(|p| (&p.src, p)).collect();
    diags
        .iter()
        .filter(|d| matches!(d.rule, "index-no" | "doc-number" | "disclosure"))
        .filter_map(|d| {
            let site = match by_src.get(&d.file) {
                Some(p) => &ctx.cluster.sites[p.site].id,
                None => {
                    let dir = d.file.strip_prefix("content").ok()?.components().next()?;
                    &ctx.cluster.sites[ctx.cluster.site_index(dir.as_os_str().to_str()?)?].id
                }
            };
            let mut f = Finding::new(site, "disclosure", d.message.clone())
                .in_file(d.file.to_string_lossy().replace('\\', "/"));
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
    let (links, ids) = parse::links_and_ids(text, p.body_offset);
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
                            Finding::new(&site.id, "external-link", format!("外部链接 {href}"))
                                .in_file(path_of(p))
                                .at(*line, None),
                        );
                        None
                    }
                    Resolved::Other => None,
                    Resolved::SamePage(f) => (!pl.ids.contains(&f)).then(|| format!("本页没有锚点 #{f}")),
                    Resolved::Internal { path, fragment, .. } => fragment
                        .filter(|f| ids.get(path.as_str()).is_some_and(|i| !i.contains(f)))
                        .map(|f| format!("{path} 没有锚点 #{f}")),
                    Resolved::Broken(reason) => Some(reason),
                };
                if let Some(why) = problem {
                    out.push(
                        Finding::new(&site.id, "broken-link", format!("链接 {href} 不可用：{why}"))
                            .in_file(path_of(p))
                            .at(*line, None)
                            .suggest("改为站内存在的页面地址，或删除该链接"),
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
