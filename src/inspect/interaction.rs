//! 互动交流 under the inspection indicators (NORMS.md §3): a letter unanswered past its limit
//! costs points; a consultation left unanswered longer than the veto period (3 months) within
//! the past year fails the site outright.

use super::{Finding, Inspection, Level, path_of};
use crate::load::ColumnKind;
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
        if category == "咨询" && received >= year_ago && answered_by >= veto_day {
            let what = match m.replied {
                Some(a) => format!("咨询「{}」{received} 收到，{a} 才回复，超过 {} 个月", m.title, cal.veto_months),
                None => format!("咨询「{}」{received} 收到，至今超过 {} 个月未回复", m.title, cal.veto_months),
            };
            out.push(finding("letter-veto", what).suggest("立即回复并公开；咨询类留言须在时限内答复"));
            continue;
        }
        if m.replied.is_none() {
            let due = cal.due(received, category);
            if ctx.today > due {
                out.push(
                    finding(
                        "letter-overdue",
                        format!(
                            "{category}「{}」{received} 收到，应于 {due} 前回复（{} 个工作日），至今未回复",
                            m.title,
                            cal.limit(category)
                        ),
                    )
                    .suggest("回复后填写 replied: 日期，并在正文加入“## 回复”一节")
                    .level(Level::Scored),
                );
            }
        }
    }
    out
}
