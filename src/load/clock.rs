//! The cluster's calendar: which day is "today".
//!
//! Scheduled publishing, staleness, review notices and new pages all depend on the date, and a
//! CI runner's clock is usually UTC: a build at 00:10 Beijing time would otherwise run as of
//! yesterday. The cluster names its time zone once (`timezone:` in `zhanqun.yaml`, an IANA name,
//! default `Asia/Shanghai`) and every command asks this clock; `--today` overrides it.

use chrono::NaiveDate;

/// The time zone a cluster lives in when `zhanqun.yaml` names none.
pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

/// A cluster's time zone, from which "today" is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    tz: chrono_tz::Tz,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { tz: chrono_tz::Asia::Shanghai }
    }
}

impl Clock {
    /// The clock of an IANA time-zone name (`Asia/Shanghai`, `Asia/Urumqi`, `UTC`…), case ignored.
    pub fn named(name: &str) -> Option<Clock> {
        name.trim().parse::<chrono_tz::Tz>().ok().map(|tz| Clock { tz })
    }

    /// The clock named by `timezone:` in `<root>/zhanqun.yaml`, for commands that do not load
    /// the whole cluster (`catalog diff`); the default clock when the file or the key is
    /// missing or unreadable (loading the cluster reports those).
    pub fn of_cluster(root: &std::path::Path) -> Clock {
        std::fs::read_to_string(root.join("zhanqun.yaml"))
            .ok()
            .and_then(|text| serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text).ok())
            .and_then(|v| v.get("timezone").and_then(|t| t.as_str()).and_then(Clock::named))
            .unwrap_or_default()
    }

    /// Today's date in the cluster's time zone.
    pub fn today(&self) -> NaiveDate {
        chrono::Utc::now().with_timezone(&self.tz).date_naive()
    }

    /// `--today` when given, else today in the cluster's time zone.
    pub fn today_or(&self, given: Option<NaiveDate>) -> NaiveDate {
        given.unwrap_or_else(|| self.today())
    }

    /// The IANA name of the time zone.
    pub fn name(&self) -> &'static str {
        self.tz.name()
    }

    /// The date in this time zone at a given instant (for tests and for clocks other than now).
    pub fn date_at(&self, instant: chrono::DateTime<chrono::Utc>) -> NaiveDate {
        instant.with_timezone(&self.tz).date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ten_past_midnight_in_beijing_is_already_the_next_day() {
        // 2026-03-04 16:10 UTC is 2026-03-05 00:10 in Beijing.
        let instant = chrono::Utc.with_ymd_and_hms(2026, 3, 4, 16, 10, 0).unwrap();
        assert_eq!(Clock::default().date_at(instant), NaiveDate::from_ymd_opt(2026, 3, 5).unwrap());
        assert_eq!(Clock::named("UTC").unwrap().date_at(instant), NaiveDate::from_ymd_opt(2026, 3, 4).unwrap());
        // Ürümqi time (UTC+6) is still the 4th.
        assert_eq!(Clock::named("Asia/Urumqi").unwrap().date_at(instant), NaiveDate::from_ymd_opt(2026, 3, 4).unwrap());
    }

    #[test]
    fn unknown_names_are_refused_and_given_days_win() {
        assert_eq!(Clock::named("Beijing"), None);
        assert_eq!(Clock::default().name(), DEFAULT_TIMEZONE);
        let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert_eq!(Clock::default().today_or(Some(day)), day);
    }
}
