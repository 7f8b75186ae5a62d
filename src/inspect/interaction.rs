//! 互动交流 under the inspection indicators (NORMS.md §3): a letter unanswered past its limit
//! costs points; a consultation left unanswered longer than the veto period (3 months) within
//! the past year fails the site outright.

use super::data::forms::CONSULTATION;
use super::{Finding, Inspection, Level, path_of};
use crate::load::ColumnKind;
use crate::t;
use chrono::Months;

/// Letters past their reply limit, and consultations past the veto period.
pub(super) fn letters(ctx: &Inspection<'_>) -> Vec<Finding> {
    let cal = &ctx.cluster.config.calendar;
    let year_ago = ctx.today.checked_sub_months(Months::new(12)).unwrap_or(ctx.today);
    let mut out = Vec::new();
    for p in ctx.pages {
        let site = &ctx.cluster.sites[p.site];
        let col = &site.columns.list[p.column];
        let m = &p.meta;
        let (ColumnKind::Interaction, Some(received), Some(category)) = (col.kind, m.received, &m.category) else {
            continue;
        };
        let finding = |rule: &'static str, message: String| {
            Finding::new(&site.id, rule, message)
                .in_file(path_of(p))
                .at(m.line("replied").or(m.line("received")).unwrap_or(1), None)
                .in_column(&col.path)
        };
        let veto_day = cal.veto_day(received);
        let answered_by = m.replied.unwrap_or(ctx.today);
        let (title, received_on) = (m.title.as_str(), received.to_string());
        if category == CONSULTATION && received >= year_ago && answered_by >= veto_day {
            let months = cal.veto_months;
            let what = match m.replied {
                Some(a) => t!(
                    "inspect-letter-veto-late",
                    title = title,
                    received = received_on.as_str(),
                    replied = a.to_string(),
                    months = months
                ),
                None => t!("inspect-letter-veto-open", title = title, received = received_on.as_str(), months = months),
            };
            out.push(finding("letter-veto", what).suggest(t!("inspect-letter-veto-help")));
            continue;
        }
        if m.replied.is_none() {
            let due = cal.due(received, category);
            if ctx.today > due {
                out.push(
                    finding(
                        "letter-overdue",
                        t!(
                            "inspect-letter-overdue",
                            category = category.as_str(),
                            title = title,
                            received = received_on.as_str(),
                            due = due.to_string(),
                            days = cal.limit(category)
                        ),
                    )
                    .suggest(t!("inspect-letter-overdue-help"))
                    .level(Level::Scored),
                );
            }
        }
    }
    out
}
