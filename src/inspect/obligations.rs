//! Disclosure obligations with a date or a counterpart (NORMS.md §3–4), found through the column
//! roles of `columns.yaml` (`role: annual-report`, `policy`, …) and the `interprets:` link of an
//! interpretation:
//!
//! - `annual-report`: each site's 政府信息公开工作年度报告 for the previous year, published by
//!   31 January — the county government's (the portal's) by 31 March (条例第四十九条);
//! - `website-report`: the 政府网站工作年度报表 for the previous year by 31 January
//!   (国办发〔2017〕47号), on the portal (the one website of the cluster, NORMS.md §1) and on any
//!   site that carries a column for it;
//! - `policy-interpretation`: a policy document of the cluster's own published in the past year
//!   with no interpretation linked to it within `check.interpretation_days` working days, and an
//!   interpretation of the past year that names no document (advice);
//! - `on-request-entry`: a site without a 依申请公开 entry;
//! - `column-roles`: a role these rules need that no column has — one hint, never silence and
//!   never a false finding.
//!
//! A yearly report is due in the year after the one it covers. On the deadline itself it is not
//! late; until then the previous cycle is checked (the report published the year before), so
//! the rule never goes blind for a month.

use super::data::forms::{
    ANNUAL_REPORT_TITLE, INTERPRETATION_GENRE, NOT_IN_FORCE, PUBLISHER_SEPARATORS, WEBSITE_REPORT_TITLE, YEAR_MARK,
};
use super::{Finding, Inspection, Level, path_of};
use crate::check::Interprets;
use crate::load::{ColumnRole, Site, SiteKind};
use crate::parse::Page;
use crate::t;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::{HashMap, HashSet};

/// Every finding of the disclosure obligations.
pub(super) fn obligations(ctx: &Inspection<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    roles(ctx, &mut out);
    for report in [Report::Annual, Report::Website] {
        yearly(ctx, report, &mut out);
    }
    interpretations(ctx, &mut out);
    on_request(ctx, &mut out);
    out
}

/// True when some column of some site has `role`.
fn configured(ctx: &Inspection<'_>, role: ColumnRole) -> bool {
    ctx.cluster.sites.iter().any(|s| s.columns.with_role(role).next().is_some())
}

/// The role's code with its Chinese name, for messages.
fn role_label(role: ColumnRole) -> String {
    let name = match role {
        ColumnRole::AnnualReport => t!("inspect-role-annual-report"),
        ColumnRole::WebsiteReport => t!("inspect-role-website-report"),
        ColumnRole::Policy => t!("inspect-role-policy"),
        ColumnRole::Interpretation => t!("inspect-role-interpretation"),
        ColumnRole::OnRequest => t!("inspect-role-on-request"),
    };
    t!("inspect-role-label", code = role.code(), name = name)
}

/// The roles the rules need: one hint for the cluster naming those no column has (with the
/// columns that look like them), and one per site that lacks a yearly-report column the
/// cluster does configure elsewhere.
fn roles(ctx: &Inspection<'_>, out: &mut Vec<Finding>) {
    let portal = ctx.cluster.portal();
    let needed = [ColumnRole::AnnualReport, ColumnRole::WebsiteReport, ColumnRole::Policy, ColumnRole::OnRequest];
    let missing: Vec<ColumnRole> = needed.into_iter().filter(|r| !configured(ctx, *r)).collect();
    if !missing.is_empty() {
        let mut guesses: Vec<String> = Vec::new();
        for role in &missing {
            let mut seen = HashSet::new();
            for c in ctx.cluster.sites.iter().flat_map(|s| &s.columns.list) {
                if ColumnRole::guess(&c.name) == Some(*role) && seen.insert(c.path.as_str()) {
                    guesses.push(t!(
                        "inspect-column-roles-guess",
                        path = c.path.as_str(),
                        name = c.name.as_str(),
                        code = role.code()
                    ));
                }
            }
        }
        let labels: Vec<String> = missing.iter().map(|r| role_label(*r)).collect();
        let help = if guesses.is_empty() {
            t!("inspect-column-roles-help")
        } else {
            t!("inspect-column-roles-help-guess", guesses = guesses.join(t!("inspect-list-separator").as_str()))
        };
        out.push(
            Finding::new(
                &portal.id,
                "column-roles",
                t!("inspect-column-roles-missing", roles = labels.join(t!("inspect-role-separator").as_str())),
            )
            .in_file("columns.yaml")
            .suggest(help),
        );
    }
    for report in [Report::Annual, Report::Website] {
        let role = report.role();
        if !configured(ctx, role) {
            continue;
        }
        for site in
            ctx.cluster.sites.iter().filter(|s| report.required(s) && s.columns.with_role(role).next().is_none())
        {
            out.push(
                Finding::new(
                    &site.id,
                    "column-roles",
                    t!(
                        "inspect-column-roles-site",
                        site = site.name.as_str(),
                        role = role_label(role),
                        what = report.what()
                    ),
                )
                .in_file(format!("sites/{}.yaml", site.id))
                .suggest(t!(
                    "inspect-column-roles-site-help",
                    id = site.id.as_str(),
                    code = role.code()
                )),
            );
        }
    }
}

/// A report published once a year about the year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Report {
    /// 政府信息公开工作年度报告.
    Annual,
    /// 政府网站工作年度报表.
    Website,
}

impl Report {
    fn role(self) -> ColumnRole {
        match self {
            Report::Annual => ColumnRole::AnnualReport,
            Report::Website => ColumnRole::WebsiteReport,
        }
    }

    fn rule(self) -> &'static str {
        match self {
            Report::Annual => "annual-report",
            Report::Website => "website-report",
        }
    }

    /// Whether a site of this kind must have a column for the report: every body publishes its
    /// 年报; the 年度报表 is the website's, and the portal is the cluster's one website.
    fn required(self, site: &Site) -> bool {
        match self {
            Report::Annual => true,
            Report::Website => site.kind == SiteKind::Portal,
        }
    }

    /// (month, day) of the deadline in the year after the one reported on.
    fn deadline(self, site: &Site) -> (u32, u32) {
        match (self, site.kind) {
            (Report::Annual, SiteKind::Portal) => (3, 31),
            _ => (1, 31),
        }
    }

    fn what(self) -> String {
        match self {
            Report::Annual => t!("inspect-what-annual-report"),
            Report::Website => t!("inspect-what-website-report"),
        }
    }

    /// How the report's title names it (Chinese whatever the language of the messages).
    fn title(self) -> &'static str {
        match self {
            Report::Annual => ANNUAL_REPORT_TITLE,
            Report::Website => WEBSITE_REPORT_TITLE,
        }
    }

    fn basis(self) -> String {
        match self {
            Report::Annual => t!("inspect-basis-annual-report"),
            Report::Website => t!("inspect-basis-website-report"),
        }
    }
}

/// The cycle a site is judged on as of `today`: the year the report is published in and its
/// deadline — this year's once its deadline has passed, last year's until then.
fn cycle(today: NaiveDate, (month, day): (u32, u32)) -> (i32, NaiveDate) {
    let on = |y: i32| NaiveDate::from_ymd_opt(y, month, day).unwrap_or(today);
    let this = on(today.year());
    if today > this { (today.year(), this) } else { (today.year() - 1, on(today.year() - 1)) }
}

/// False when the title names the year it covers and that is not `year` (`2024年…年度报告`
/// published in 2026 is not the 2025 report).
fn covers(title: &str, year: i32) -> bool {
    let chars: Vec<char> = title.chars().collect();
    let mut named = Vec::new();
    for (i, w) in chars.windows(5).enumerate() {
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if before_ok && w[..4].iter().all(char::is_ascii_digit) && w[4] == YEAR_MARK {
            named.push(w[..4].iter().collect::<String>().parse::<i32>().unwrap_or(0));
        }
    }
    named.is_empty() || named.contains(&year)
}

/// Each site's yearly report of `report`'s kind: missing after its deadline (scored), or
/// published after it (advice: the date cannot be changed, next year's can be on time).
fn yearly(ctx: &Inspection<'_>, report: Report, out: &mut Vec<Finding>) {
    let role = report.role();
    for (s, site) in ctx.cluster.sites.iter().enumerate() {
        let cols: Vec<usize> = site.columns.with_role(role).collect();
        let Some(&first) = cols.first() else { continue };
        let (year, deadline) = cycle(ctx.today, report.deadline(site));
        let mut found: Vec<&Page> = ctx
            .pages
            .iter()
            .filter(|p| p.site == s && site.columns.ancestry(p.column).iter().any(|c| cols.contains(c)))
            .filter(|p| p.meta.date.day <= ctx.today && p.meta.date.day.year() == year)
            .filter(|p| covers(&p.meta.title, year - 1))
            .collect();
        found.sort_by_key(|p| p.meta.date.day);
        let col = &site.columns.list[first];
        match found.first() {
            Some(p) if p.meta.date.day <= deadline => {}
            Some(p) => out.push(
                Finding::new(
                    &site.id,
                    report.rule(),
                    t!(
                        "inspect-report-late",
                        site = site.name.as_str(),
                        year = year - 1,
                        what = report.what(),
                        date = p.meta.date.day.to_string(),
                        deadline = deadline.to_string(),
                        basis = report.basis()
                    ),
                )
                .in_file(path_of(p))
                .at(p.meta.line("date").unwrap_or(1), None)
                .in_column(&col.path)
                .level(Level::Advice)
                .suggest(t!("inspect-report-late-help", next = cycle_deadline(deadline).to_string())),
            ),
            None => out.push(
                Finding::new(
                    &site.id,
                    report.rule(),
                    t!(
                        "inspect-report-missing",
                        site = site.name.as_str(),
                        year = year - 1,
                        what = report.what(),
                        deadline = deadline.to_string(),
                        basis = report.basis(),
                        name = col.name.as_str(),
                        path = col.path.as_str()
                    ),
                )
                .in_column(&col.path)
                .suggest(t!(
                    "inspect-report-missing-help",
                    dir = format!("content/{}/{}/", site.id, col.path),
                    example = format!("{}{}{}{}", site.name, year - 1, YEAR_MARK, report.title())
                )),
            ),
        }
    }
}

/// The same deadline a year later.
fn cycle_deadline(deadline: NaiveDate) -> NaiveDate {
    deadline.checked_add_months(Months::new(12)).unwrap_or(deadline)
}

/// Names of the cluster's own bodies: every site's name, 主办单位 and 承办单位.
fn own_bodies<'a>(ctx: &Inspection<'a>) -> HashSet<&'a str> {
    ctx.cluster
        .sites
        .iter()
        .flat_map(|s| [Some(s.name.as_str()), Some(s.sponsor.as_str()), s.organizer.as_deref()])
        .flatten()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// True for a page of the cluster's own: no 发布机构 (the site publishes it), or one of the
/// bodies issuing it is the cluster's. A document another body issued (国务院, the province) is
/// reproduced here; the cluster does not interpret it.
fn own(p: &Page, bodies: &HashSet<&str>) -> bool {
    match &p.meta.publisher {
        None => true,
        Some(by) => by.split(PUBLISHER_SEPARATORS).map(str::trim).any(|b| bodies.contains(b)),
    }
}

/// True for an interpretation: it names what it interprets, says so in its genre, or stands in
/// an interpretation column.
fn is_interpretation(ctx: &Inspection<'_>, p: &Page) -> bool {
    let cols = &ctx.cluster.sites[p.site].columns;
    !p.meta.interprets.is_empty()
        || p.meta.genre.as_deref() == Some(INTERPRETATION_GENRE)
        || cols.ancestry(p.column).iter().any(|&c| cols.list[c].role == Some(ColumnRole::Interpretation))
}

/// Policy documents without an interpretation, and interpretations that name no document.
fn interpretations(ctx: &Inspection<'_>, out: &mut Vec<Finding>) {
    if !configured(ctx, ColumnRole::Policy) {
        return;
    }
    let index = Interprets::new(ctx.cluster, ctx.pages);
    let mut interpreted: HashMap<usize, NaiveDate> = HashMap::new();
    for p in ctx.pages.iter().filter(|p| p.meta.date.day <= ctx.today) {
        for v in &p.meta.interprets {
            if let Ok(target) = index.resolve(p, v) {
                interpreted.entry(target).and_modify(|d| *d = (*d).min(p.meta.date.day)).or_insert(p.meta.date.day);
            }
        }
    }
    let bodies = own_bodies(ctx);
    let year_ago = ctx.today.checked_sub_months(Months::new(12)).unwrap_or(ctx.today);
    let days = ctx.config.interpretation_days;
    for (i, p) in ctx.pages.iter().enumerate() {
        let site = &ctx.cluster.sites[p.site];
        let cols = &site.columns;
        let col = &cols.list[p.column];
        let day = p.meta.date.day;
        if day > ctx.today || day < year_ago {
            continue;
        }
        let interpretation = is_interpretation(ctx, p);
        if interpretation && p.meta.interprets.is_empty() {
            out.push(
                Finding::new(
                    &site.id,
                    "policy-interpretation",
                    t!("inspect-interpretation-unlinked", title = p.meta.title.as_str()),
                )
                .in_file(path_of(p))
                .at(p.meta.line("title").unwrap_or(1), None)
                .in_column(&col.path)
                .level(Level::Advice)
                .suggest(t!("inspect-interpretation-unlinked-help")),
            );
            continue;
        }
        let policy = cols.ancestry(p.column).iter().any(|&c| cols.list[c].role == Some(ColumnRole::Policy));
        let in_force = p.meta.valid.as_deref().is_none_or(|v| !NOT_IN_FORCE.contains(&v));
        if !policy || interpretation || !in_force || !own(p, &bodies) {
            continue;
        }
        let due = ctx.cluster.config.calendar.after_working_days(day, days);
        if ctx.today <= due || interpreted.contains_key(&i) {
            continue;
        }
        let place = cols
            .with_role(ColumnRole::Interpretation)
            .next()
            .map(|c| {
                t!("inspect-policy-interpretation-column", dir = format!("content/{}/{}/", site.id, cols.list[c].path))
            })
            .unwrap_or_default();
        out.push(
            Finding::new(
                &site.id,
                "policy-interpretation",
                t!(
                    "inspect-policy-no-interpretation",
                    title = p.meta.title.as_str(),
                    date = day.to_string(),
                    days = days,
                    due = due.to_string()
                ),
            )
            .in_file(path_of(p))
            .at(p.meta.line("title").unwrap_or(1), None)
            .in_column(&col.path)
            .suggest(t!("inspect-policy-no-interpretation-help", place = place, url = p.url.as_str())),
        );
    }
}

/// Sites without a 依申请公开 entry, once the cluster marks one somewhere.
fn on_request(ctx: &Inspection<'_>, out: &mut Vec<Finding>) {
    if !configured(ctx, ColumnRole::OnRequest) {
        return;
    }
    for site in &ctx.cluster.sites {
        if site.columns.with_role(ColumnRole::OnRequest).next().is_some() {
            continue;
        }
        let disclosure = site.columns.top().find(|&c| site.columns.list[c].kind == crate::load::ColumnKind::Disclosure);
        let under = disclosure.map_or_else(String::new, |c| site.columns.list[c].name.clone());
        let mut f =
            Finding::new(&site.id, "on-request-entry", t!("inspect-on-request-missing", site = site.name.as_str()))
                .suggest(t!("inspect-on-request-missing-help", under = under, id = site.id.as_str()));
        if let Some(c) = disclosure {
            f = f.in_column(&site.columns.list[c].path);
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_deadline_day_itself_is_not_late() {
        assert_eq!(cycle(d("2026-01-31"), (1, 31)), (2025, d("2025-01-31")));
        assert_eq!(cycle(d("2026-02-01"), (1, 31)), (2026, d("2026-01-31")));
        assert_eq!(cycle(d("2026-03-31"), (3, 31)), (2025, d("2025-03-31")));
        assert_eq!(cycle(d("2026-04-01"), (3, 31)), (2026, d("2026-03-31")));
        assert_eq!(cycle(d("2026-12-31"), (1, 31)), (2026, d("2026-01-31")));
    }

    #[test]
    fn a_title_naming_another_year_is_not_this_years_report() {
        assert!(covers("示例县教育局2025年政府信息公开工作年度报告", 2025));
        assert!(covers("示例县教育局政府信息公开工作年度报告", 2025));
        assert!(!covers("示例县教育局2024年政府信息公开工作年度报告", 2025));
        assert!(covers("2024—2025年度工作报表", 2025));
        assert!(covers("12025年", 2024), "five digits are no year");
    }
}
