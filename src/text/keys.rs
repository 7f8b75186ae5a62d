//! Data: the front-matter keys a page may carry, with the Chinese aliases editors write
//! (DESIGN.md), and the keys of one attachment entry. Words of the input, not messages.

/// Every key a page may carry, with its Chinese aliases.
pub(crate) const KEYS: &[(&str, &[&str])] = &[
    ("title", &["标题"]),
    ("date", &["发布日期", "发布时间"]),
    ("slug", &[]),
    ("source", &["来源", "信息来源"]),
    ("author", &["作者"]),
    ("keywords", &["关键词", "主题词"]),
    ("description", &["摘要", "内容概述"]),
    ("index_no", &["索引号"]),
    ("doc_number", &["文号", "发文字号"]),
    ("publisher", &["发布机构"]),
    ("topic", &["主题分类"]),
    ("genre", &["体裁分类", "体裁"]),
    ("written", &["成文日期"]),
    ("valid", &["有效性"]),
    ("replaced_by", &["替代文件"]),
    ("attachments", &["附件"]),
    ("reviewed", &["审核日期"]),
    ("review_in", &["复审周期"]),
    ("received", &["来信日期", "收信日期", "来信时间"]),
    ("category", &["来信类别", "信件类别", "类别"]),
    ("assigned", &["办理单位", "承办单位", "交办单位"]),
    ("replied", &["回复日期", "答复日期", "回复时间"]),
    ("replier", &["回复单位", "答复单位", "回复机构"]),
    ("guests", &["嘉宾", "访谈嘉宾"]),
    ("time", &["访谈时间"]),
    ("topics", &["专题"]),
    ("reproduced", &["转载"]),
    ("interprets", &["解读文件", "被解读文件"]),
    ("draft", &["草稿"]),
];

/// Values of a yes-or-no key (`draft: true`, `草稿: 是`) that mean yes; compared without
/// regard to case.
pub(crate) const YES: &[&str] = &["true", "yes", "on", "是"];

/// Values of a yes-or-no key that mean no.
pub(crate) const NO: &[&str] = &["false", "no", "off", "否"];

/// Keys of an attachment written as a mapping: where the file is.
pub(crate) const ATTACHMENT_PATH: &[&str] = &["path", "url", "路径"];

/// Keys of an attachment written as a mapping: its link text.
pub(crate) const ATTACHMENT_TITLE: &[&str] = &["title", "name", "名称"];

/// Units of `review_in` (复审周期) counting days.
pub(crate) const REVIEW_DAYS: &[&str] = &["day", "days", "天", "日"];

/// Units of `review_in` counting weeks.
pub(crate) const REVIEW_WEEKS: &[&str] = &["week", "weeks", "周"];

/// Units of `review_in` counting months.
pub(crate) const REVIEW_MONTHS: &[&str] = &["month", "months", "个月", "月"];

/// A `review_in` meaning six months.
pub(crate) const REVIEW_HALF_YEAR: &str = "半年";
