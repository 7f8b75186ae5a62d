//! The `interaction:` settings of `zhanqun.yaml`: how many working days each category of
//! letter (咨询, 投诉, 建议…) may wait for its reply, and the working-day calendar — weekends
//! and configured public holidays are not working days, configured make-up days (调休) are.

use crate::diagnostic::Diagnostic;
use crate::text::parse_day;
use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `interaction:` as written in `zhanqun.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionConfig {
    /// Reply limit in working days, by letter category (`咨询: 3`).
    #[serde(default = "default_limits")]
    pub limits: BTreeMap<String, u32>,
    /// Reply limit for a category `limits` does not name.
    #[serde(default = "default_limit")]
    pub default_limit: u32,
    /// Public holidays: days (`2024-10-01`) or inclusive ranges (`2024-10-01..2024-10-07`).
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Weekend days that are working days (调休上班), same forms as `holidays`.
    #[serde(default)]
    pub workdays: Vec<String>,
    /// A consultation unanswered this many months fails the site (单项否决, NORMS.md §3).
    #[serde(default = "default_veto_months")]
    pub veto_months: u32,
}

impl Default for InteractionConfig {
    fn default() -> Self {
        InteractionConfig {
            limits: default_limits(),
            default_limit: default_limit(),
            holidays: Vec::new(),
            workdays: Vec::new(),
            veto_months: default_veto_months(),
        }
    }
}

/// The Sinan figures (NORMS.md, issue 8): consultations within 3 working days, others within 7.
fn default_limits() -> BTreeMap<String, u32> {
    super::words::DEFAULT_REPLY_LIMITS.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}
fn default_limit() -> u32 {
    7
}
fn default_veto_months() -> u32 {
    3
}

/// The working-day calendar and reply limits, validated once at load time.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    limits: BTreeMap<String, u32>,
    default_limit: u32,
    /// Months after which an unanswered consultation is a veto finding.
    pub veto_months: u32,
}

impl Calendar {
    /// Validates `cfg`; a day that is not a real date is an error naming the entry.
    pub fn from_config(cfg: &InteractionConfig) -> Result<Calendar, Diagnostic> {
        Ok(Calendar {
            holidays: days(&cfg.holidays, "holidays")?,
            workdays: days(&cfg.workdays, "workdays")?,
            limits: cfg.limits.clone(),
            default_limit: cfg.default_limit,
            veto_months: cfg.veto_months,
        })
    }

    /// True when `d` is a working day: a make-up day, or a weekday that is not a holiday.
    pub fn is_working(&self, d: NaiveDate) -> bool {
        self.workdays.contains(&d)
            || (!self.holidays.contains(&d) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`):
    /// a letter received on Friday and answered on Monday took one working day.
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days().skip(1).take_while(|d| *d <= to).filter(|d| self.is_working(*d)).count() as u32
    }

    /// The reply limit, in working days, of a letter category.
    pub fn limit(&self, category: &str) -> u32 {
        self.limits.get(category).copied().unwrap_or(self.default_limit)
    }

    /// The last day a letter received on `received` may be answered within its limit.
    pub fn due(&self, received: NaiveDate, category: &str) -> NaiveDate {
        self.after_working_days(received, self.limit(category))
    }

    /// The `n`th working day after `from` (`from` itself when `n` is 0).
    pub fn after_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut left = n;
        let mut d = from;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }

    /// The day from which a letter received on `received` has waited past the veto period.
    pub fn veto_day(&self, received: NaiveDate) -> NaiveDate {
        received.checked_add_months(Months::new(self.veto_months)).unwrap_or(NaiveDate::MAX)
    }
}

fn days(entries: &[String], key: &str) -> Result<BTreeSet<NaiveDate>, Diagnostic> {
    let mut out = BTreeSet::new();
    for e in entries {
        let bad = || {
            Diagnostic::error(
                Path::new("zhanqun.yaml"),
                "config",
                crate::t!("load-calendar-bad-day", key = key, value = e.as_str()),
            )
            .help(crate::t!("load-calendar-bad-day-help"))
        };
        let (a, b) = e.split_once("..").unwrap_or((e, e));
        let (a, b) = (parse_day(a).ok_or_else(bad)?, parse_day(b).ok_or_else(bad)?);
        if b < a || (b - a).num_days() > 366 {
            return Err(bad());
        }
        out.extend(a.iter_days().take_while(|d| *d <= b));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(holidays: &[&str], workdays: &[&str]) -> Calendar {
        let cfg = InteractionConfig {
            holidays: holidays.iter().map(|s| s.to_string()).collect(),
            workdays: workdays.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        Calendar::from_config(&cfg).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn weekends_and_holidays_are_not_counted() {
        let c = cal(&["2024-10-01..2024-10-07"], &["2024-09-29", "2024-10-12"]);
        // Friday → Monday: one working day.
        assert_eq!(c.working_days(d("2024-03-15"), d("2024-03-18")), 1);
        // 2024-09-27 (Fri) → 2024-10-09 (Wed): 09-29 (make-up Sunday), 09-30, 10-08, 10-09.
        assert_eq!(c.working_days(d("2024-09-27"), d("2024-10-09")), 4);
        assert_eq!(c.working_days(d("2024-03-18"), d("2024-03-18")), 0);
        assert_eq!(c.working_days(d("2024-03-18"), d("2024-03-10")), 0);
        // A consultation received on 2024-09-30 is due three working days later: 10-08, 09, 10.
        assert_eq!(c.due(d("2024-09-30"), "咨询"), d("2024-10-10"));
        // 投诉 (7): 10-08..10-11, the make-up Saturday 10-12, 10-14, 10-15.
        assert_eq!(c.due(d("2024-09-30"), "投诉"), d("2024-10-15"));
        assert_eq!(c.limit("其他"), 7);
        assert_eq!(c.veto_day(d("2024-11-30")), d("2025-02-28"));
    }

    #[test]
    fn bad_days_are_errors() {
        let cfg = InteractionConfig { holidays: vec!["2024-02-30".into()], ..Default::default() };
        let e = Calendar::from_config(&cfg).unwrap_err();
        assert!(e.message.contains("2024-02-30"), "{e:?}");
        let cfg = InteractionConfig { holidays: vec!["2024-10-07..2024-10-01".into()], ..Default::default() };
        assert!(Calendar::from_config(&cfg).is_err());
    }
}
