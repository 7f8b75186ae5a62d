//! Data of the load stage, not messages: the words editors write for a site kind or a column
//! kind instead of the fixed English value (`乡镇` for `township`), so that the message can say
//! which value they meant; the `ColumnType` meta values; default names and limits that end up
//! in the generated website.

use super::columns::{ColumnKind, ColumnRole};

/// The `ColumnType` meta value (网页设计规范) of a column kind.
pub(super) fn column_meta_type(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::News => "信息发布",
        ColumnKind::Disclosure => "信息公开",
        ColumnKind::Guide => "办事服务",
        ColumnKind::Page => "单页",
        ColumnKind::Interaction => "互动交流",
        ColumnKind::Interview => "在线访谈",
    }
}

/// Default reply limits, in working days, by letter category (咨询 3, 投诉 7, 建议 7).
pub(super) const DEFAULT_REPLY_LIMITS: [(&str, u32); 3] = [("咨询", 3), ("投诉", 7), ("建议", 7)];

/// Name of the one sub-column a topic gets when it defines none (全部信息).
pub(super) const TOPIC_ALL_COLUMN: &str = "全部信息";

/// Values of `kind:` in `sites/<id>.yaml` and of `sites:` in `columns.yaml`.
pub(super) const SITE_KINDS: &[&str] = &["portal", "department", "township"];

/// Values of `kind:` of a column.
pub(super) const COLUMN_KINDS: &[&str] = &["news", "disclosure", "guide", "page", "interaction", "interview"];

/// Words for a site kind → the value meant.
pub(super) const SITE_KIND_WORDS: &[(&str, &str)] = &[
    ("门户", "portal"),
    ("门户网站", "portal"),
    ("政府门户", "portal"),
    ("主站", "portal"),
    ("部门", "department"),
    ("县直部门", "department"),
    ("单位", "department"),
    ("局", "department"),
    ("乡镇", "township"),
    ("乡镇（街道）", "township"),
    ("街道", "township"),
    ("乡", "township"),
    ("镇", "township"),
];

/// Words for a column kind → the value meant.
pub(super) const COLUMN_KIND_WORDS: &[(&str, &str)] = &[
    ("新闻", "news"),
    ("动态", "news"),
    ("信息发布", "news"),
    ("工作动态", "news"),
    ("文章", "news"),
    ("信息公开", "disclosure"),
    ("公开", "disclosure"),
    ("政府信息公开", "disclosure"),
    ("办事", "guide"),
    ("办事指南", "guide"),
    ("办事服务", "guide"),
    ("指南", "guide"),
    ("单页", "page"),
    ("页面", "page"),
    ("互动", "interaction"),
    ("互动交流", "interaction"),
    ("信箱", "interaction"),
    ("来信", "interaction"),
    ("访谈", "interview"),
    ("在线访谈", "interview"),
];

/// The stable English code of a column role, as `role:` is written in `columns.yaml`.
pub(super) fn column_role_code(role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::AnnualReport => "annual-report",
        ColumnRole::WebsiteReport => "website-report",
        ColumnRole::Policy => "policy",
        ColumnRole::Interpretation => "interpretation",
        ColumnRole::OnRequest => "on-request",
    }
}

/// Chinese words accepted for a column role → its code; also how a column named so is
/// recognised as probably holding that role when it has no `role:` yet.
pub(crate) const COLUMN_ROLE_WORDS: &[(&str, &str)] = &[
    ("年报", "annual-report"),
    ("年度报告", "annual-report"),
    ("政府信息公开年报", "annual-report"),
    ("政府信息公开年度报告", "annual-report"),
    ("政府信息公开工作年度报告", "annual-report"),
    ("年度报表", "website-report"),
    ("网站年度报表", "website-report"),
    ("政府网站年度报表", "website-report"),
    ("政府网站工作年度报表", "website-report"),
    ("政策文件", "policy"),
    ("解读", "interpretation"),
    ("政策解读", "interpretation"),
    ("依申请公开", "on-request"),
    ("依申请", "on-request"),
];
