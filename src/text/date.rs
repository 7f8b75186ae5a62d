//! Publish and written dates as editors write them.
//!
//! Accepted forms of a day (the year has four digits; month and day may have a leading zero
//! or not):
//!
//! - `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5`
//! - `2026年3月5日`, and in Chinese numerals as 公文 write 成文日期: `二〇二六年三月五日`
//! - digits and separators typed in full width (`２０２６－３－５`) are read as half width
//!
//! Any of them may be followed by a time of day, after a space or `T`: `2026-03-05 10:30`,
//! `2026年3月5日 10:30:00`, `2026-03-05T10:30`. Anything else is [`DateError::Format`]; a date
//! of that shape that is not on the calendar (`2026-02-30`) is [`DateError::NotOnCalendar`].

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::Serialize;
use std::fmt;

/// A publish date (发布日期) with an optional time of day, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct PubDate {
    /// Calendar day.
    pub day: NaiveDate,
    /// Time of day, when the editor gave one.
    pub time: Option<NaiveTime>,
}

/// Why a written date was not understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not in one of the accepted forms (see the module documentation).
    Format,
    /// In an accepted form, but no such day or time exists (`2026-02-30`, `25:00`).
    NotOnCalendar,
}

impl PubDate {
    /// Reads a date in one of the forms of the module documentation, telling why it failed.
    pub fn read(s: &str) -> Result<PubDate, DateError> {
        let s: String = s.trim().chars().map(half_width).collect();
        let (day_part, time_part) = match s.split_once([' ', 'T']) {
            Some((d, t)) => (d.trim(), Some(t.trim())),
            None => (s.as_str(), None),
        };
        let (y, m, d) = ymd(day_part).ok_or(DateError::Format)?;
        let time = match time_part {
            None => None,
            Some(t) => Some(hms(t).ok_or(DateError::Format)?.ok_or(DateError::NotOnCalendar)?),
        };
        let day = NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NotOnCalendar)?;
        Ok(PubDate { day, time })
    }

    /// [`PubDate::read`], without the reason. `None` when it is not a date.
    pub fn parse(s: &str) -> Option<PubDate> {
        PubDate::read(s).ok()
    }

    /// `YYYY-MM-DD`.
    pub fn iso_day(&self) -> String {
        // Formatted by hand: chrono's `format` parses its pattern on every call, and every
        // page and list item shows dates (the years are written with four digits).
        let d = self.day;
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    /// `YYYY-MM-DD HH:mm`, the `PubDate` meta format (00:00 when no time was given).
    pub fn meta(&self) -> String {
        let t = self.time.unwrap_or(NaiveTime::MIN);
        format!("{} {:02}:{:02}", self.iso_day(), t.hour(), t.minute())
    }

    /// `2024年03月15日`.
    pub fn chinese(&self) -> String {
        let d = self.day;
        format!("{:04}年{:02}月{:02}日", d.year(), d.month(), d.day())
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

/// A full-width digit or separator as its half-width twin; other characters unchanged.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '－' => '-',
        '／' => '/',
        '．' => '.',
        '：' => ':',
        '\u{3000}' => ' ',
        c => c,
    }
}

/// Year, month and day of a day written in an accepted form (not checked against the calendar).
fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    if let Some(rest) = s.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return Some((year(y)?, small(m)?, small(d)?));
    }
    let sep = [b'-', b'/', b'.'].into_iter().find(|&b| s.as_bytes().contains(&b))? as char;
    let mut parts = s.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Some((digits(y)?, digits(m).filter(|_| m.len() <= 2)?, digits(d).filter(|_| d.len() <= 2)?))
}

/// An ASCII number, digits only.
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// A four-digit year in digits or Chinese numerals (`二〇二六`).
fn year(s: &str) -> Option<i32> {
    if s.chars().count() != 4 {
        return None;
    }
    digits(s).or_else(|| s.chars().try_fold(0, |acc, c| Some(acc * 10 + numeral(c)? as i32)))
}

/// A month or day in digits (`3`, `03`) or Chinese numerals (`三`, `十二`, `二十五`).
fn small(s: &str) -> Option<u32> {
    if let Some(n) = digits(s).filter(|_| s.len() <= 2) {
        return Some(n);
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [u] => numeral(*u).filter(|n| *n > 0),
        ['十', u] => Some(10 + numeral(*u)?),
        [t, '十'] => Some(numeral(*t)? * 10),
        [t, '十', u] => Some(numeral(*t)? * 10 + numeral(*u)?),
        _ => None,
    }
}

/// The value of one Chinese numeral digit.
fn numeral(c: char) -> Option<u32> {
    let n = match c {
        '〇' | '○' | '零' | 'Ｏ' | 'O' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(n)
}

/// `H:MM` or `H:MM:SS`: `None` when not of that shape, `Some(None)` when of that shape but
/// not a time of day.
fn hms(s: &str) -> Option<Option<NaiveTime>> {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| digits(p)).collect::<Option<_>>()?;
    Some(NaiveTime::from_hms_opt(n[0], n[1], n.get(2).copied().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_formatted_as_chrono_formats_them() {
        let mut day = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap();
        for n in 0..4000u32 {
            let time = (n % 3 > 0).then(|| NaiveTime::from_hms_opt(n % 24, n % 60, 7).unwrap());
            let d = PubDate { day, time };
            assert_eq!(d.iso_day(), day.format("%Y-%m-%d").to_string());
            assert_eq!(d.chinese(), day.format("%Y年%m月%d日").to_string());
            let t = time.unwrap_or(NaiveTime::MIN).format("%H:%M");
            assert_eq!(d.meta(), format!("{} {t}", day.format("%Y-%m-%d")));
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn accepts_common_forms() {
        assert_eq!(PubDate::parse("2024-03-15").unwrap().iso_day(), "2024-03-15");
        assert_eq!(PubDate::parse("2024-03-15 09:30").unwrap().meta(), "2024-03-15 09:30");
        assert_eq!(PubDate::parse("2024年3月5日").unwrap().chinese(), "2024年03月05日");
        assert_eq!(PubDate::parse("2024-03-15T08:00:00").unwrap().meta(), "2024-03-15 08:00");
        assert_eq!(PubDate::parse("2024-3-5").unwrap().iso_day(), "2024-03-05");
        assert_eq!(PubDate::parse("2024/3/5").unwrap().iso_day(), "2024-03-05");
    }

    #[test]
    fn accepts_the_forms_of_word_wps_and_official_documents() {
        assert_eq!(PubDate::parse("2026.3.5").unwrap().iso_day(), "2026-03-05");
        assert_eq!(PubDate::parse("二〇二六年三月五日").unwrap().iso_day(), "2026-03-05");
        assert_eq!(PubDate::parse("二〇二六年十二月三十一日").unwrap().iso_day(), "2026-12-31");
        assert_eq!(PubDate::parse("二〇二六年十月二十日").unwrap().iso_day(), "2026-10-20");
        assert_eq!(PubDate::parse("2026年3月5日 10:30").unwrap().meta(), "2026-03-05 10:30");
        assert_eq!(PubDate::parse("２０２６－０３－０５").unwrap().iso_day(), "2026-03-05");
    }

    #[test]
    fn tells_a_format_it_does_not_read_from_a_day_that_does_not_exist() {
        assert_eq!(PubDate::read("2024-02-30"), Err(DateError::NotOnCalendar));
        assert_eq!(PubDate::read("2023-02-29"), Err(DateError::NotOnCalendar));
        assert_eq!(PubDate::read("2024-13-01"), Err(DateError::NotOnCalendar));
        assert_eq!(PubDate::read("2024-03-05 25:00"), Err(DateError::NotOnCalendar));
        assert_eq!(PubDate::read("yesterday"), Err(DateError::Format));
        assert_eq!(PubDate::read("3/5/2026"), Err(DateError::Format));
        assert_eq!(PubDate::read("20260305"), Err(DateError::Format));
        assert_eq!(PubDate::read("2026-03-05 上午"), Err(DateError::Format));
        assert!(PubDate::parse("2024-02-29").is_some());
    }
}
