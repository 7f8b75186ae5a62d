//! When a single page (机构职能, 办事指南…) is due for review: the 复审 rule of `zhanqun check`
//! and the overdue notice the page itself shows share this one reading of `reviewed` and
//! `review_in`.

use crate::text::keys::{REVIEW_DAYS, REVIEW_HALF_YEAR, REVIEW_MONTHS, REVIEW_WEEKS};
use chrono::{Duration, NaiveDate};

/// The day a page's review falls due: `reviewed` plus `review_in` (`6 months`, `1 year`,
/// `90 days`, `半年`, `1年`); a year when `review_in` is absent.
pub fn review_due(m: &super::FrontMatter) -> Option<NaiveDate> {
    let reviewed = m.reviewed?;
    let period = m.review_in.as_deref().unwrap_or("1 year").trim();
    let months = |n: u32| reviewed.checked_add_months(chrono::Months::new(n));
    let num: String = period.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = num.parse().unwrap_or(1);
    let unit = period[num.len()..].trim();
    match unit {
        u if REVIEW_DAYS.contains(&u) => reviewed.checked_add_signed(Duration::days(i64::from(n))),
        u if REVIEW_WEEKS.contains(&u) => reviewed.checked_add_signed(Duration::weeks(i64::from(n))),
        u if REVIEW_MONTHS.contains(&u) => months(n),
        REVIEW_HALF_YEAR => months(6),
        _ => months(12 * n),
    }
}
