//! The official names of the national inspection indicators, as the inspection tables (国办秘函
//! 〔2019〕19号) write them: the `indicator` value of the JSON report, the same in every language.

use super::super::Indicator;

/// The official name of `i`.
pub(in crate::inspect) fn official(i: Indicator) -> &'static str {
    match i {
        Indicator::NotUpdated => "栏目不更新",
        Indicator::HomeNotUpdated => "首页不更新",
        Indicator::BlankColumn => "空白栏目",
        Indicator::SiteIdentity => "网站标识",
        Indicator::BrokenLink => "链接不可用",
        Indicator::ExternalLink => "外部链接",
        Indicator::Disclosure => "政府信息公开",
        Indicator::Services => "办事服务不实用",
        Indicator::Wording => "严重表述错误",
        Indicator::Privacy => "隐私泄露",
        Indicator::Maintenance => "内容维护",
        Indicator::Interaction => "互动回应差",
        Indicator::Interpretation => "解读回应",
        Indicator::FalseDate => "伪造发稿日期",
        Indicator::Other => "其他",
    }
}
