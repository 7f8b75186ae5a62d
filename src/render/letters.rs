//! Letters and interviews: the extra blocks of their detail pages, and the portal's monthly
//! letter reports (通报) with their table and inline-SVG chart.

use crate::assemble::{DeptRow, SiteGraph};
use crate::parse::{self, Page};
use crate::text::escape_html;
use serde::Serialize;

/// The letter block of a letter's page.
#[derive(Debug, Serialize)]
pub(super) struct LetterView {
    category: String,
    received: String,
    assigned: String,
    replied: Option<String>,
    replier: String,
    /// The reply, rendered.
    reply: Option<String>,
    /// Working days the reply took.
    took: Option<u32>,
    limit: u32,
    on_time: Option<bool>,
}

/// The interview block of an interview's page.
#[derive(Debug, Serialize)]
pub(super) struct InterviewView {
    guests: Vec<String>,
    time: String,
}

/// Splits a letter's body: returns the letter's rendered HTML, its view and the reply's links.
pub(super) fn letter(g: &SiteGraph<'_>, p: &Page, text: &str) -> (parse::Body, LetterView) {
    let m = &p.meta;
    let start = parse::letter_start(text, p.body_offset);
    let (letter_end, reply) = match p.reply {
        Some((s, e)) => (s, Some(parse::markdown_render(&p.src, text, e))),
        None => (text.len(), None),
    };
    let mut body = parse::markdown_render(&p.src, &text[..letter_end], start);
    let assigned = crate::assemble::dept_name(g.cluster, p);
    let cal = &g.cluster.config.calendar;
    let category = m.category.clone().unwrap_or_default();
    let limit = cal.limit(&category);
    let took = m.received.zip(m.replied).map(|(r, a)| cal.working_days(r, a));
    let reply_html = reply.map(|r| {
        body.links.extend(r.links);
        body.warnings.extend(r.warnings);
        r.html
    });
    let view = LetterView {
        received: m.received.map(|d| d.to_string()).unwrap_or_default(),
        replied: m.replied.map(|d| d.to_string()),
        replier: m.replier.clone().unwrap_or_else(|| assigned.clone()),
        assigned,
        category,
        reply: reply_html,
        took,
        limit,
        on_time: took.map(|t| t <= limit),
    };
    (body, view)
}

/// The interview block, and the transcript marked as a dialogue.
pub(super) fn interview(p: &Page, mut body: parse::Body) -> (parse::Body, InterviewView) {
    body.html = parse::mark_turns(&body.html, &p.meta.guests);
    let view = InterviewView { guests: p.meta.guests.clone(), time: p.meta.time.clone().unwrap_or_default() };
    (body, view)
}

/// A horizontal bar chart of letters received and answered in time per department, as inline
/// SVG: no script, no external file, no `style` attribute (the pages run under a strict CSP).
pub(super) fn chart(rows: &[DeptRow], title: &str, id: &str) -> String {
    const LABEL_W: usize = 150;
    const BAR_W: usize = 420;
    const ROW_H: usize = 34;
    let max = rows.iter().map(|r| r.received).max().unwrap_or(0).max(1);
    let height = 40 + rows.len() * ROW_H;
    let width = LABEL_W + BAR_W + 60;
    let mut svg = format!(
        "<svg class=\"report-chart\" role=\"img\" aria-labelledby=\"{id}-t\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title>\
         <g font-size=\"13\" fill=\"#1a1a1a\"><rect x=\"{LABEL_W}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#9db4d0\"/>\
         <text x=\"{}\" y=\"19\">{}</text><rect x=\"{}\" y=\"8\" width=\"12\" height=\"12\" fill=\"#1d4f91\"/>\
         <text x=\"{}\" y=\"19\">{}</text></g>",
        escape_html(title),
        LABEL_W + 16,
        crate::labels::CHART_RECEIVED,
        LABEL_W + 96,
        LABEL_W + 112,
        crate::labels::CHART_ON_TIME,
    );
    for (k, r) in rows.iter().enumerate() {
        let y = 32 + k * ROW_H;
        let w = |n: u32| (n as usize * BAR_W).div_ceil(max as usize);
        svg.push_str(&format!(
            "<g font-size=\"13\" fill=\"#1a1a1a\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{}\" height=\"12\" fill=\"#9db4d0\"/>\
             <rect x=\"{LABEL_W}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"#1d4f91\"/>\
             <text x=\"{}\" y=\"{}\">{}/{}</text></g>",
            LABEL_W - 8,
            y + 17,
            escape_html(&r.dept),
            w(r.received),
            y + 13,
            w(r.on_time),
            LABEL_W + w(r.received) + 6,
            y + 17,
            r.on_time,
            r.received,
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_scales_bars_and_escapes_names() {
        let rows = vec![
            DeptRow { dept: "县<教育>局".into(), received: 4, on_time: 2, ..Default::default() },
            DeptRow { dept: "县民政局".into(), received: 2, on_time: 2, ..Default::default() },
        ];
        let svg = chart(&rows, "2024年9月", "c");
        assert!(svg.contains("县&lt;教育&gt;局"), "{svg}");
        assert!(svg.contains("width=\"420\" height=\"12\" fill=\"#9db4d0\""), "{svg}");
        assert!(svg.contains("width=\"210\" height=\"12\" fill=\"#1d4f91\""), "{svg}");
        assert!(svg.contains("<text x=\"366\" y=\"83\">2/2</text>"), "{svg}");
        assert!(!svg.contains("style="));
    }
}
