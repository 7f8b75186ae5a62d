//! The Monday-morning dashboard: one self-contained HTML page (no script, no external resource)
//! with a table of sites × indicators in red/amber/green and each site's monthly update counts
//! over the last 12 months as an inline SVG chart.

use super::{Indicator, Level, Report};
use crate::messages::Lang;
use crate::t;
use crate::text::escape_html as e;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Findings listed per site (veto first); the rest are counted, and are all in the JSON report.
const MAX_LISTED: usize = 200;

/// The indicators shown as dashboard columns, in table order.
fn indicators() -> Vec<Indicator> {
    let mut v: Vec<Indicator> = Vec::new();
    for (_, indicator, ..) in super::rules::RULES {
        if !v.contains(indicator) {
            v.push(*indicator);
        }
    }
    v
}

/// The `lang` attribute of a page written in the current language.
fn html_lang() -> &'static str {
    match crate::messages::lang() {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// The dashboard page for `report`, in the language of the run.
pub fn dashboard_html(report: &Report) -> String {
    let cols = indicators();
    let cluster = e(&report.cluster);
    let today = report.today.as_str();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p>{} {}</p>\n",
        html_lang(),
        t!("inspect-dashboard-title", cluster = cluster.as_str(), today = today),
        t!("inspect-dashboard-heading", cluster = cluster.as_str()),
        t!(
            "inspect-dashboard-summary",
            today = today,
            veto = report.count(Level::Veto),
            scored = report.count(Level::Scored),
            advice = report.count(Level::Advice)
        ),
        t!("inspect-dashboard-legend"),
    );
    let _ = write!(
        h,
        "<div class=\"scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        t!("inspect-dashboard-region"),
        t!("inspect-dashboard-caption"),
        t!("inspect-dashboard-site")
    );
    for c in &cols {
        let _ = write!(h, "<th scope=\"col\">{}</th>", e(&c.name()));
    }
    let _ = write!(h, "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n", t!("inspect-dashboard-updates"));
    // (site, indicator) → (worst level, count), in one pass over the findings.
    let mut cells: HashMap<(&str, Indicator), (Level, usize)> = HashMap::new();
    let mut by_site: HashMap<&str, Vec<&super::Finding>> = HashMap::new();
    for f in &report.findings {
        let cell = cells.entry((f.site.as_str(), f.indicator)).or_insert((f.level, 0));
        cell.0 = cell.0.min(f.level);
        cell.1 += 1;
        by_site.entry(f.site.as_str()).or_default().push(f);
    }
    for site in &report.sites {
        let _ = write!(h, "<tr><th scope=\"row\"><a href=\"#site-{}\">{}</a></th>", e(&site.id), e(&site.name));
        for c in &cols {
            let (worst, n) = match cells.get(&(site.id.as_str(), *c)) {
                Some((l, n)) => (Some(*l), *n),
                None => (None, 0),
            };
            let (class, text) = match worst {
                Some(Level::Veto) => ("red", t!("inspect-dashboard-cell-veto", count = n)),
                Some(Level::Scored) => ("amber", t!("inspect-dashboard-cell-scored", count = n)),
                Some(Level::Advice) => ("green", t!("inspect-dashboard-cell-advice", count = n)),
                None => ("green", "✓".to_owned()),
            };
            let _ = write!(h, "<td class=\"{class}\">{text}</td>");
        }
        let _ = writeln!(h, "<td>{}</td></tr>", chart(site));
    }
    h.push_str("</tbody>\n</table></div>\n");
    for site in &report.sites {
        let _ = write!(h, "<section id=\"site-{}\"><h2>{}</h2>", e(&site.id), e(&site.name));
        let mine = by_site.get(site.id.as_str()).map_or(&[][..], |v| v.as_slice());
        if mine.is_empty() {
            let _ = writeln!(h, "<p>{}</p></section>", t!("inspect-dashboard-no-findings"));
            continue;
        }
        h.push_str("<ul>");
        for f in mine.iter().take(MAX_LISTED) {
            let fix = f
                .suggestion
                .as_deref()
                .map(|s| format!("<br>{}", t!("inspect-report-suggestion", suggestion = e(s))))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<li class=\"{}\"><strong>{}</strong> {} <code>{}</code> {}{fix}</li>",
                match f.level {
                    Level::Veto => "red",
                    Level::Scored => "amber",
                    Level::Advice => "green",
                },
                f.level.label(),
                e(&f.indicator.name()),
                e(&f.location()),
                e(&f.message),
            );
        }
        h.push_str("</ul>");
        if mine.len() > MAX_LISTED {
            let _ = write!(h, "<p>{}</p>", t!("inspect-dashboard-more", count = mine.len() - MAX_LISTED));
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// Twelve monthly bars for one site, with the counts as the accessible name.
fn chart(site: &super::report::SiteSummary) -> String {
    let max = site.monthly_updates.iter().map(|m| m.1).max().unwrap_or(0).max(1);
    let months: Vec<String> = site
        .monthly_updates
        .iter()
        .map(|(m, n)| t!("inspect-dashboard-chart-month", month = m.as_str(), count = *n))
        .collect();
    let label = t!(
        "inspect-dashboard-chart",
        site = site.name.as_str(),
        months = months.join(&t!("inspect-dashboard-chart-sep"))
    );
    let mut svg =
        format!("<svg width=\"168\" height=\"36\" viewBox=\"0 0 168 36\" role=\"img\" aria-label=\"{}\">", e(&label));
    for (i, (_, n)) in site.monthly_updates.iter().enumerate() {
        let hgt = n * 32 / max;
        let _ = write!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"11\" height=\"{hgt}\" fill=\"{}\"></rect>",
            i * 14,
            34 - hgt,
            if *n == 0 { "#c8161d" } else { "#2b6cb0" }
        );
    }
    svg.push_str("<line x1=\"0\" y1=\"34.5\" x2=\"168\" y2=\"34.5\" stroke=\"#555\"></line></svg>");
    svg
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1f1f1f;line-height:1.5}main{max-width:1400px;margin:0 auto;padding:16px}\
table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #999;padding:4px 8px;text-align:left;white-space:nowrap}\
caption{text-align:left;font-weight:700;padding:4px 0}.scroll{overflow-x:auto}.red{background:#fde2e2;color:#8a0000}\
.amber{background:#fff3cd;color:#5c4400}.green{background:#e3f6e8;color:#14532d}li{margin:4px 0}a{color:#0b4f8a}";
