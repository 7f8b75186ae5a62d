//! The national inspection indicators (政府网站与政务新媒体检查指标) the rules enforce. Each has a
//! stable English code (for code and catalogs), an official name as the inspection tables write it
//! (the `indicator` value of the JSON report, the same in every language, see
//! [`super::data::indicators`]) and a translated name for the text report and the dashboard.

use serde::{Serialize, Serializer};

/// One inspection indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    /// 栏目不更新.
    NotUpdated,
    /// 首页不更新.
    HomeNotUpdated,
    /// 空白栏目.
    BlankColumn,
    /// 网站标识.
    SiteIdentity,
    /// 链接不可用.
    BrokenLink,
    /// 外部链接.
    ExternalLink,
    /// 政府信息公开.
    Disclosure,
    /// 办事服务不实用.
    Services,
    /// 严重表述错误.
    Wording,
    /// 隐私泄露.
    Privacy,
    /// 内容维护.
    Maintenance,
    /// 互动回应差.
    Interaction,
    /// 解读回应: policy documents interpreted and the interpretation linked to them.
    Interpretation,
    /// 伪造发稿日期.
    FalseDate,
    /// Anything else.
    Other,
}

impl Indicator {
    /// Every indicator, in the order of the dashboard's columns.
    pub const ALL: [Indicator; 15] = [
        Indicator::NotUpdated,
        Indicator::HomeNotUpdated,
        Indicator::BlankColumn,
        Indicator::SiteIdentity,
        Indicator::BrokenLink,
        Indicator::ExternalLink,
        Indicator::Disclosure,
        Indicator::Services,
        Indicator::Wording,
        Indicator::Privacy,
        Indicator::Maintenance,
        Indicator::Interaction,
        Indicator::Interpretation,
        Indicator::FalseDate,
        Indicator::Other,
    ];

    /// The name as the national inspection tables write it (the same in every language).
    pub fn official(self) -> &'static str {
        super::data::indicators::official(self)
    }

    /// The name in the current language, for people.
    pub fn name(self) -> String {
        match self {
            Indicator::NotUpdated => crate::t!("inspect-indicator-not-updated"),
            Indicator::HomeNotUpdated => crate::t!("inspect-indicator-home-not-updated"),
            Indicator::BlankColumn => crate::t!("inspect-indicator-blank-column"),
            Indicator::SiteIdentity => crate::t!("inspect-indicator-site-identity"),
            Indicator::BrokenLink => crate::t!("inspect-indicator-broken-link"),
            Indicator::ExternalLink => crate::t!("inspect-indicator-external-link"),
            Indicator::Disclosure => crate::t!("inspect-indicator-disclosure"),
            Indicator::Services => crate::t!("inspect-indicator-services"),
            Indicator::Wording => crate::t!("inspect-indicator-wording"),
            Indicator::Privacy => crate::t!("inspect-indicator-privacy"),
            Indicator::Maintenance => crate::t!("inspect-indicator-maintenance"),
            Indicator::Interaction => crate::t!("inspect-indicator-interaction"),
            Indicator::Interpretation => crate::t!("inspect-indicator-interpretation"),
            Indicator::FalseDate => crate::t!("inspect-indicator-false-date"),
            Indicator::Other => crate::t!("inspect-indicator-other"),
        }
    }
}

impl Serialize for Indicator {
    /// The official name: JSON reports read the same in every language.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.official())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_has_an_official_name_and_the_chinese_name_is_it() {
        let mut names: Vec<&str> = Indicator::ALL.iter().map(|i| i.official()).collect();
        assert!(names.iter().all(|n| !n.is_empty()));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Indicator::ALL.len(), "official names are distinct");
        // In Chinese, the name people read is the official name (the process default is zh-CN).
        for i in Indicator::ALL {
            assert_eq!(i.name(), i.official(), "{i:?}");
        }
        assert_eq!(serde_json::to_string(&Indicator::Wording).unwrap(), "\"严重表述错误\"");
    }
}
