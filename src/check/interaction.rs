//! Letters (interaction columns) and interviews carry the fields their kinds need: a letter
//! its received date and category, and a reply section exactly when it has a reply date; an
//! interview its guests and time. Missing replies are not errors here — they are what
//! `zhanqun check` reports against the inspection indicators.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Cluster, ColumnKind};
use crate::parse::Page;
use crate::t;

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
    let err = |line: Option<usize>, what: String, help: String| {
        Diagnostic::error(&p.src, "interaction", what).at(line.unwrap_or(head)).help(help)
    };
    if m.received.is_none() {
        diags.push(err(m.line("received"), t!("check-letter-no-received"), t!("check-letter-no-received-help")));
    }
    if m.category.is_none() {
        diags.push(err(m.line("category"), t!("check-letter-no-category"), t!("check-letter-no-category-help")));
    }
    if let (Some(r), Some(a)) = (m.received, m.replied)
        && a < r
    {
        diags.push(err(
            m.line("replied"),
            t!("check-letter-reply-before-received", replied = a.to_string(), received = r.to_string()),
            t!("check-letter-reply-before-received-help"),
        ));
    }
    match (m.replied, p.reply) {
        (Some(_), None) => diags.push(err(
            m.line("replied"),
            t!("check-letter-date-without-reply"),
            t!("check-letter-date-without-reply-help"),
        )),
        (None, Some(_)) => {
            diags.push(err(None, t!("check-letter-reply-without-date"), t!("check-letter-reply-without-date-help")))
        }
        _ => {}
    }
    if let Some(a) = &m.assigned
        && cluster.site_index(a).is_none()
        && !cluster.sites.iter().any(|s| &s.name == a)
    {
        diags.push(
            Diagnostic::warning(&p.src, "interaction", t!("check-letter-assigned-unknown", assigned = a.as_str()))
                .at(m.line("assigned").unwrap_or(head))
                .help(t!("check-letter-assigned-unknown-help")),
        );
    }
}

fn interview(p: &Page, diags: &mut Diagnostics) {
    let m = &p.meta;
    let head = m.line("title").unwrap_or(1);
    if m.guests.is_empty() {
        diags.push(
            Diagnostic::error(&p.src, "interview", t!("check-interview-no-guests"))
                .at(m.line("guests").unwrap_or(head))
                .help(t!("check-interview-no-guests-help")),
        );
    }
    if m.time.is_none() {
        diags.push(
            Diagnostic::error(&p.src, "interview", t!("check-interview-no-time"))
                .at(m.line("time").unwrap_or(head))
                .help(t!("check-interview-no-time-help")),
        );
    }
}
