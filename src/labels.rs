//! The words of the generated website itself: page titles, breadcrumbs, block names and column
//! meta tags of the pages zhanqun makes (catalog, topics, letter reports, site maps, 404). They
//! are the site's content, in Chinese whatever language zhanqun's messages use, so they live
//! here as data rather than in the message catalogs.

/// The disclosure catalog (政府信息公开目录): its title, breadcrumb and column name.
pub(crate) const CATALOG: &str = "政府信息公开目录";
/// The catalog's `ColumnDescription` meta tag.
pub(crate) const CATALOG_DESCRIPTION: &str = "主动公开的政府信息目录，可按机构、主题、体裁和年份筛选";
/// The catalog's `ColumnType` meta tag.
pub(crate) const CATALOG_TYPE: &str = "信息公开";
/// The portal's list of topics (专题专栏).
pub(crate) const TOPICS: &str = "专题专栏";
/// The portal's block of department news.
pub(crate) const DEPARTMENT_NEWS: &str = "部门动态";
/// The portal's block of township news.
pub(crate) const TOWNSHIP_NEWS: &str = "乡镇动态";
/// The group of department sites in the site directory.
pub(crate) const DEPARTMENTS: &str = "县直部门";
/// The group of township sites in the site directory.
pub(crate) const TOWNSHIPS: &str = "乡镇（街道）";
/// A site's site map page.
pub(crate) const SITEMAP: &str = "网站地图";
/// The cluster's site directory.
pub(crate) const DIRECTORY: &str = "站群导航";
/// The search page.
pub(crate) const SEARCH: &str = "搜索";
/// The monthly letter reports (来信办理情况通报).
pub(crate) const LETTER_REPORTS: &str = "来信办理情况通报";
/// The 404 page.
pub(crate) const NOT_FOUND: &str = "页面未找到";
/// The letter report chart's legend: letters received.
pub(crate) const CHART_RECEIVED: &str = "收到来信";
/// The letter report chart's legend: letters answered in time.
pub(crate) const CHART_ON_TIME: &str = "按期回复";
/// The total row of a letter report.
pub(crate) const TOTAL: &str = "合计";
/// The catalog filter groups: by organisation, topic, genre, year.
pub(crate) const BY_ORG: &str = "按机构";
/// See [`BY_ORG`].
pub(crate) const BY_TOPIC: &str = "按主题";
/// See [`BY_ORG`].
pub(crate) const BY_GENRE: &str = "按体裁";
/// See [`BY_ORG`].
pub(crate) const BY_YEAR: &str = "按年份";
/// The banner on a draft's page (`draft: true`), which only `zhanqun serve` and a preview
/// built with `build --drafts` show.
pub(crate) const DRAFT: &str = "草稿：本页尚未发布，仅在预览中显示";
/// The link from a 繁體 page back to its simplified page.
pub(crate) const SIMPLIFIED: &str = "简体";

/// `name` with its page number after the first page: `通知公告（第2页）`.
pub(crate) fn paged(name: &str, page_no: usize) -> String {
    if page_no > 1 { format!("{name}（第{page_no}页）") } else { name.to_owned() }
}

/// The catalog of a site or of the whole cluster: `某某县政府信息公开目录`.
pub(crate) fn catalog_of(name: &str) -> String {
    format!("{name}{CATALOG}")
}

/// A catalog filter as shown in a title: `按主题：综合政务`.
pub(crate) fn filter(kind: &str, value: &str) -> String {
    format!("{kind}：{value}")
}

/// The title of a filtered catalog page: `政府信息公开目录（按主题：综合政务）`.
pub(crate) fn catalog_filtered(filter: &str) -> String {
    format!("{CATALOG}（{filter}）")
}

/// A year: `2026年`.
pub(crate) fn year(year: &str) -> String {
    format!("{year}年")
}

/// The title of a year's disclosure statistics: `2026年主动公开政府信息情况`.
pub(crate) fn year_stats(year: &str) -> String {
    format!("{year}年主动公开政府信息情况")
}

/// A month written `YYYY-MM`, as a reader says it: `2026年3月`.
pub(crate) fn month(month: &str) -> String {
    format!("{}年{}月", &month[..4], month[5..].trim_start_matches('0'))
}

/// The title of one month's letter report: `2026年3月来信办理情况通报`.
pub(crate) fn letter_report_of(month_label: &str) -> String {
    format!("{month_label}{LETTER_REPORTS}")
}

/// The description of a topic's sub-column: `专题「乡村振兴」`.
pub(crate) fn topic_column(topic: &str) -> String {
    format!("专题「{topic}」")
}
