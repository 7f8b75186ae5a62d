//! Data, not messages: the built-in values of the three disclosure fields whose values the norms
//! fix (NORMS.md §4). They are the defaults of `vocabularies:` in `zhanqun.yaml`; the build
//! validates 主题分类, 体裁分类 and 有效性 against the cluster's lists, and `zhanqun new` lists
//! them in the comments of a disclosed page's front matter.

/// 主题分类: the 22 first-level classes of gov.cn. A second level is written `一级\二级`.
pub const TOPICS: &[&str] = &[
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
];

/// The separator of the two levels of a 主题分类 (`综合政务\政务公开`).
pub const TOPIC_LEVEL: char = '\\';

/// Separators editors type instead of [`TOPIC_LEVEL`] (`综合政务/政务公开`).
pub const TOPIC_LEVEL_MISTYPED: &[char] = &['/', '／', '＼', '>', '＞'];

/// 体裁分类: the 15 official document types, then the common others, then the kinds of laws,
/// regulations and rules (NORMS.md §4 lists the first two groups; the third is what real
/// catalogs of republished laws use).
pub const GENRES: &[&str] = &[
    "决议",
    "决定",
    "命令(令)",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
    "规划",
    "计划",
    "总结",
    "统计数据",
    "公示",
    "解读",
    // Laws, regulations and rules a cluster republishes verbatim (法律, 行政法规, 地方性法规,
    // 规章 by the Legislation Law) and the names of the instruments they are issued as: a
    // county cannot give a State Council regulation another genre.
    "法律",
    "行政法规",
    "地方性法规",
    "规章",
    "规范性文件",
    "条例",
    "规定",
    "办法",
    "细则",
    "规则",
    "方案",
];

/// Brackets compared as their ASCII form (`命令（令）` is `命令(令)`).
pub const BRACKETS: &[(char, char)] = &[('（', '('), ('）', ')')];

/// 有效性. The first value means "in force": `zhanqun new` writes it, and a document with it
/// names no replacement.
pub const VALIDITY: &[&str] = &["有效", "失效", "废止"];

/// The separator of the value lists in the comments `zhanqun new` writes.
pub const LIST_SEPARATOR: &str = "；";
