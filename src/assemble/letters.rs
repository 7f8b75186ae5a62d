//! The cluster's published letters (interaction columns), gathered for the portal's monthly
//! report (通报): per department, letters received, answered, answered within the limit,
//! average reply time and overdue, in working days.

use crate::load::{Calendar, Cluster, ColumnKind};
use crate::parse::Page;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::load::REPORT_SEGMENT;

/// One letter as the report counts it.
#[derive(Debug, Clone)]
pub struct Letter {
    /// Index of its page.
    pub page: usize,
    /// The department it was assigned to, as a display name.
    pub dept: String,
    /// 咨询, 投诉, 建议…
    pub category: String,
    /// Day received.
    pub received: NaiveDate,
    /// Day replied, when answered.
    pub replied: Option<NaiveDate>,
}

/// Every letter of the cluster and where the report is published.
#[derive(Debug, Clone, Default)]
pub struct LetterIndex {
    /// The portal's first interaction column, which hosts the reports; `None` means no report.
    pub host: Option<usize>,
    /// Letters, in page order.
    pub letters: Vec<Letter>,
    /// Months (`YYYY-MM`) in which letters were received, newest first.
    pub months: Vec<String>,
}

/// One row of a monthly report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeptRow {
    /// Department.
    pub dept: String,
    /// Letters received in the month.
    pub received: u32,
    /// Of those, answered (by the build day).
    pub answered: u32,
    /// Of those, answered within the category's limit.
    pub on_time: u32,
    /// Average reply time of the answered ones, in working days, one decimal (`2.5`; `—`
    /// when none was answered).
    pub avg_days: String,
    /// Answered late, or unanswered past the limit on the build day.
    pub overdue: u32,
    /// Unanswered but still within the limit.
    pub pending: u32,
    /// Share answered within the limit, as a percentage with one decimal.
    pub on_time_rate: String,
}

/// The display name of the department a letter was assigned to: the named site's name when
/// `assigned` is a site id, `assigned` as written otherwise, the letter's own site by default.
pub fn dept_name(cluster: &Cluster, p: &Page) -> String {
    match &p.meta.assigned {
        Some(a) => cluster.site_index(a).map(|s| cluster.sites[s].name.clone()).unwrap_or_else(|| a.clone()),
        None => cluster.sites[p.site].name.clone(),
    }
}

/// `YYYY-MM` of a day.
pub fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

impl LetterIndex {
    /// Gathers the letters of `pages` (sorted as in the graph).
    pub fn build(cluster: &Cluster, pages: &[Page]) -> LetterIndex {
        let portal = &cluster.sites[0].columns;
        let host = portal.list.iter().position(|c| c.kind == ColumnKind::Interaction);
        let mut letters = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            let site = &cluster.sites[p.site];
            if site.columns.list[p.column].kind != ColumnKind::Interaction {
                continue;
            }
            let (Some(received), Some(category)) = (p.meta.received, p.meta.category.clone()) else { continue };
            letters.push(Letter { page: i, dept: dept_name(cluster, p), category, received, replied: p.meta.replied });
        }
        let mut months: Vec<String> = letters.iter().map(|l| month_of(l.received)).collect();
        months.sort_unstable_by(|a, b| b.cmp(a));
        months.dedup();
        LetterIndex { host: host.filter(|_| !letters.is_empty()), letters, months }
    }

    /// The report of `month` as of `today`: one row per department (by name), then the total.
    pub fn report(&self, month: &str, calendar: &Calendar, today: NaiveDate) -> (Vec<DeptRow>, DeptRow) {
        let mut rows: BTreeMap<&str, (DeptRow, u32)> = BTreeMap::new();
        let mut total = (DeptRow { dept: crate::labels::TOTAL.into(), ..Default::default() }, 0);
        for l in self.letters.iter().filter(|l| month_of(l.received) == month) {
            let row =
                rows.entry(&l.dept).or_insert_with(|| (DeptRow { dept: l.dept.clone(), ..Default::default() }, 0));
            for (r, days) in [row, &mut total] {
                count(r, days, l, calendar, today);
            }
        }
        let finish = |(mut r, days): (DeptRow, u32)| {
            r.avg_days =
                if r.answered > 0 { format!("{:.1}", f64::from(days) / f64::from(r.answered)) } else { "—".into() };
            r.on_time_rate = percent(r.on_time, r.received);
            r
        };
        (rows.into_values().map(finish).collect(), finish(total))
    }
}

fn count(r: &mut DeptRow, days: &mut u32, l: &Letter, calendar: &Calendar, today: NaiveDate) {
    let limit = calendar.limit(&l.category);
    r.received += 1;
    match l.replied {
        Some(a) => {
            let took = calendar.working_days(l.received, a);
            r.answered += 1;
            *days += took;
            if took <= limit {
                r.on_time += 1;
            } else {
                r.overdue += 1;
            }
        }
        None if calendar.working_days(l.received, today) > limit => r.overdue += 1,
        None => r.pending += 1,
    }
}

fn percent(n: u32, of: u32) -> String {
    if of == 0 { "—".into() } else { format!("{:.1}%", f64::from(n) * 100.0 / f64::from(of)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::InteractionConfig;

    fn letter(dept: &str, cat: &str, received: &str, replied: Option<&str>) -> Letter {
        let d = |s: &str| crate::text::parse_day(s).unwrap();
        Letter { page: 0, dept: dept.into(), category: cat.into(), received: d(received), replied: replied.map(d) }
    }

    #[test]
    fn monthly_rows_count_working_days_with_holidays() {
        let cfg = InteractionConfig { holidays: vec!["2024-10-01..2024-10-07".into()], ..Default::default() };
        let cal = Calendar::from_config(&cfg).unwrap();
        let idx = LetterIndex {
            host: Some(0),
            letters: vec![
                // Received Monday 09-30, answered 10-08: the holiday week does not count, 1 day.
                letter("县教育局", "咨询", "2024-09-30", Some("2024-10-08")),
                // 09-25 (Wed) → 10-09 (Wed): 26, 27, 30, 10-08, 10-09 = 5 > 3: overdue.
                letter("县教育局", "咨询", "2024-09-25", Some("2024-10-09")),
                // Complaint, 7 days allowed, unanswered, 09-27 → today 10-10: 30, 08, 09, 10 = 4: pending.
                letter("县民政局", "投诉", "2024-09-27", None),
                // Consultation unanswered since 09-02: overdue.
                letter("县民政局", "咨询", "2024-09-02", None),
                letter("县民政局", "咨询", "2024-08-30", Some("2024-09-02")),
            ],
            months: vec!["2024-09".into(), "2024-08".into()],
        };
        let today = crate::text::parse_day("2024-10-10").unwrap();
        let (rows, total) = idx.report("2024-09", &cal, today);
        assert_eq!(rows.len(), 2);
        let edu = &rows.iter().find(|r| r.dept == "县教育局").unwrap();
        assert_eq!((edu.received, edu.answered, edu.on_time, edu.overdue, edu.pending), (2, 2, 1, 1, 0));
        assert_eq!(edu.avg_days, "3.0");
        assert_eq!(edu.on_time_rate, "50.0%");
        let civ = &rows.iter().find(|r| r.dept == "县民政局").unwrap();
        assert_eq!((civ.received, civ.answered, civ.overdue, civ.pending), (2, 0, 1, 1));
        assert_eq!(civ.avg_days, "—");
        assert_eq!((total.received, total.answered, total.on_time, total.overdue, total.pending), (4, 2, 1, 2, 1));
        let (aug, _) = idx.report("2024-08", &cal, today);
        assert_eq!((aug[0].answered, aug[0].on_time), (1, 1));
    }
}
