//! Publish and written dates as editors write them.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::fmt;

/// A publish date (发布日期) with an optional time of day, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PubDate {
    /// Calendar day.
    pub day: NaiveDate,
    /// Time of day, when the editor gave one.
    pub time: Option<NaiveTime>,
}

impl PubDate {
    /// Parses `2024-03-15`, `2024-03-15 09:30[:00]`, `2024-03-15T09:30[:00]`, `2024/03/15`
    /// or `2024年3月15日`. `None` when it is not a real calendar date.
    pub fn parse(s: &str) -> Option<PubDate> {
        let s = s.trim();
        for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(PubDate { day: dt.date(), time: Some(dt.time()) });
            }
        }
        day_only(s).map(|day| PubDate { day, time: None })
    }

    /// `YYYY-MM-DD`.
    pub fn iso_day(&self) -> String {
        self.day.format("%Y-%m-%d").to_string()
    }

    /// `YYYY-MM-DD HH:mm`, the `PubDate` meta format (00:00 when no time was given).
    pub fn meta(&self) -> String {
        let t = self.time.unwrap_or(NaiveTime::MIN);
        format!("{} {}", self.iso_day(), t.format("%H:%M"))
    }

    /// `2024年03月15日`.
    pub fn chinese(&self) -> String {
        self.day.format("%Y年%m月%d日").to_string()
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some(_) => f.write_str(&self.meta()),
            None => f.write_str(&self.iso_day()),
        }
    }
}

/// Parses a calendar day in the forms [`PubDate::parse`] accepts, ignoring any time.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    PubDate::parse(s).map(|d| d.day)
}

fn day_only(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_forms() {
        assert_eq!(PubDate::parse("2024-03-15").unwrap().iso_day(), "2024-03-15");
        assert_eq!(PubDate::parse("2024-03-15 09:30").unwrap().meta(), "2024-03-15 09:30");
        assert_eq!(PubDate::parse("2024年3月5日").unwrap().chinese(), "2024年03月05日");
        assert_eq!(PubDate::parse("2024-03-15T08:00:00").unwrap().meta(), "2024-03-15 08:00");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PubDate::parse("2024-02-30").is_none());
        assert!(PubDate::parse("2023-02-29").is_none());
        assert!(PubDate::parse("2024-13-01").is_none());
        assert!(PubDate::parse("yesterday").is_none());
        assert!(PubDate::parse("2024-02-29").is_some());
    }
}
