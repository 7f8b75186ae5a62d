//! Letters (interaction columns) and interviews carry the fields their kinds need: a letter
//! its received date and category, and a reply section exactly when it has a reply date; an
//! interview its guests and time. Missing replies are not errors here — they are what
//! `zhanqun check` reports against the inspection indicators.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Cluster, ColumnKind};
use crate::parse::Page;

/// Checks every letter and interview page.
pub(super) fn fields(cluster: &Cluster, pages: &[Page], diags: &mut Diagnostics) {
    for p in pages {
        match cluster.sites[p.site].columns.list[p.column].kind {
            ColumnKind::Interaction => letter(cluster, p, diags),
            ColumnKind::Interview => interview(p, diags),
            _ => {}
        }
    }
}

fn letter(cluster: &Cluster, p: &Page, diags: &mut Diagnostics) {
    let m = &p.meta;
    let head = m.line("title").unwrap_or(1);
    let err = |line: Option<usize>, what: String, help: &str| {
        Diagnostic::error(&p.src, "interaction", what).at(line.unwrap_or(head)).help(help.to_string())
    };
    if m.received.is_none() {
        diags.push(err(
            m.line("received"),
            "a published letter needs the day it was received".into(),
            "add `received: 2024-03-15` (or `来信日期: …`): reply time is counted from it",
        ));
    }
    if m.category.is_none() {
        diags.push(err(
            m.line("category"),
            "a published letter needs its category".into(),
            "add `category: 咨询` (or 投诉, 建议…; `来信类别: …`): the category sets the reply limit",
        ));
    }
    if let (Some(r), Some(a)) = (m.received, m.replied)
        && a < r
    {
        diags.push(err(
            m.line("replied"),
            format!("the reply ({a}) is dated before the letter was received ({r})"),
            "correct `replied:` or `received:`",
        ));
    }
    match (m.replied, p.reply) {
        (Some(_), None) => diags.push(err(
            m.line("replied"),
            "the letter has a reply date but no reply section".into(),
            "add a heading `## 回复` (or `## 答复意见`) followed by the reply text",
        )),
        (None, Some(_)) => diags.push(err(
            None,
            "the letter has a reply section but no reply date".into(),
            "add `replied: 2024-03-18` (or `回复日期: …`)",
        )),
        _ => {}
    }
    if let Some(a) = &m.assigned
        && cluster.site_index(a).is_none()
        && !cluster.sites.iter().any(|s| &s.name == a)
    {
        diags.push(
            Diagnostic::warning(&p.src, "interaction", format!("`assigned: {a}` names no site of the cluster"))
                .at(m.line("assigned").unwrap_or(head))
                .help("write the department's site id (`jyj`) or its site name, so its monthly figures are counted under it"),
        );
    }
}

fn interview(p: &Page, diags: &mut Diagnostics) {
    let m = &p.meta;
    let head = m.line("title").unwrap_or(1);
    if m.guests.is_empty() {
        diags.push(
            Diagnostic::error(&p.src, "interview", "an interview needs its guests")
                .at(m.line("guests").unwrap_or(head))
                .help("add `guests: [县教育局局长 张三]` (or `嘉宾: …`)"),
        );
    }
    if m.time.is_none() {
        diags.push(
            Diagnostic::error(&p.src, "interview", "an interview needs the time it took place")
                .at(m.line("time").unwrap_or(head))
                .help("add `time: 2024-03-15 10:00` (or `访谈时间: …`)"),
        );
    }
}
