//! The Chinese names of the catalog's fields as the data formats carry them: the header of
//! `catalog.csv` and the `label` of each field change in `catalog diff --json`. They are part
//! of those formats (stable, whatever the language of the messages), not messages.

use super::CatalogEntry;

/// Reads one field of a record.
pub(super) type Getter = fn(&CatalogEntry) -> Option<&str>;

/// Every field of `catalog.json` but the key, with its Chinese label, in declaration order.
pub(super) const FIELDS: [(&str, &str, Getter); 14] = [
    ("title", "标题", |e| Some(&e.title)),
    ("doc_number", "文号", |e| e.doc_number.as_deref()),
    ("publisher", "发布机构", |e| Some(&e.publisher)),
    ("site", "站点", |e| Some(&e.site)),
    ("site_name", "站点名称", |e| Some(&e.site_name)),
    ("column", "栏目", |e| Some(&e.column)),
    ("column_name", "栏目名称", |e| Some(&e.column_name)),
    ("topic", "主题分类", |e| e.topic.as_deref()),
    ("genre", "体裁分类", |e| e.genre.as_deref()),
    ("written", "成文日期", |e| e.written.as_deref()),
    ("date", "发布日期", |e| Some(&e.date)),
    ("valid", "有效性", |e| e.valid.as_deref()),
    ("url", "链接", |e| Some(&e.url)),
    ("source", "源文件", |e| Some(&e.source)),
];

/// The CSV header: Chinese labels, as the catalog tables show them. 网址 is the whole address
/// (with the cluster's domain; empty without one), for auditors who open the file in Excel.
pub(super) const CSV_HEADER: [&str; 14] = [
    "索引号",
    "标题",
    "文号",
    "发布机构",
    "主题分类",
    "体裁分类",
    "成文日期",
    "发布日期",
    "有效性",
    "站点",
    "栏目",
    "链接",
    "网址",
    "源文件",
];
