//! One catalog record per disclosed document, and how the records are drawn from parsed pages.

use crate::load::{Cluster, ColumnKind};
use crate::parse::Page;
use serde::{Deserialize, Serialize};

/// One disclosed document as the catalog lists it. The field names are the stable, versioned
/// format of `catalog.json` (`schemas/catalog-v2.schema.json`); values are as the editor wrote
/// them, with defaults applied (publisher = site name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// 索引号: the stable key of the document.
    pub index_no: String,
    /// 标题.
    pub title: String,
    /// 文号, when the document has one.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// 发布机构.
    pub publisher: String,
    /// Id of the sub-site that discloses it.
    pub site: String,
    /// Name of that sub-site (the organisation).
    pub site_name: String,
    /// Column path within the site (`xxgk/zcwj`).
    pub column: String,
    /// Column name (政策文件).
    pub column_name: String,
    /// 主题分类, as written (`一级\二级`).
    #[serde(default)]
    pub topic: Option<String>,
    /// 体裁分类.
    #[serde(default)]
    pub genre: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    #[serde(default)]
    pub written: Option<String>,
    /// 发布日期, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` when a time was given.
    pub date: String,
    /// 有效性 (有效/失效/废止).
    #[serde(default)]
    pub valid: Option<String>,
    /// Cluster-relative URL of the document page (`/jyj/xxgk/zcwj/slug/`), independent of the
    /// base path the cluster is hosted under.
    pub url: String,
    /// Source file, relative to the cluster root.
    pub source: String,
    /// The page's full address (`https://www.example.gov.cn/jyj/xxgk/zcwj/slug/`), present when
    /// the cluster has a domain (format version 2). Derived from `url`, so `catalog diff` does
    /// not compare it: a catalog gaining the field does not change every document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absolute_url: Option<String>,
}

impl CatalogEntry {
    /// Draws the record of one page, or `None` when the page is not in a disclosure column or
    /// has no 索引号 (the check stage reports that as an error).
    pub fn of(cluster: &Cluster, page: &Page) -> Option<CatalogEntry> {
        let site = &cluster.sites[page.site];
        let column = &site.columns.list[page.column];
        if column.kind != ColumnKind::Disclosure {
            return None;
        }
        let m = &page.meta;
        let date = match m.date.time {
            Some(t) => format!("{} {}", m.date.iso_day(), t.format("%H:%M")),
            None => m.date.iso_day(),
        };
        Some(CatalogEntry {
            index_no: m.index_no.as_deref()?.to_owned(),
            title: m.title.clone(),
            doc_number: m.doc_number.as_deref().map(str::to_owned),
            publisher: m.publisher.as_deref().unwrap_or(&site.name).to_owned(),
            site: site.id.clone(),
            site_name: site.name.clone(),
            column: column.path.clone(),
            column_name: column.name.clone(),
            topic: m.topic.as_deref().map(str::to_owned),
            genre: m.genre.as_deref().map(str::to_owned),
            written: m.written.map(|d| d.format("%Y-%m-%d").to_string()),
            date,
            valid: m.valid.as_deref().map(str::to_owned),
            url: page.url.clone(),
            source: page.src.to_string_lossy().replace('\\', "/"),
            absolute_url: cluster
                .config
                .origin()
                .map(|origin| format!("{origin}{}{}", cluster.config.base_path(), page.url.trim_start_matches('/'))),
        })
    }

    /// The year the document was published (from 发布日期).
    pub fn year(&self) -> &str {
        &self.date[..4]
    }

    /// First-level 主题分类 (the part before `\`), the facet the catalog pages group by.
    pub fn topic_class(&self) -> Option<&str> {
        self.topic.as_deref().map(|t| t.split(['\\', '/']).next().unwrap_or(t).trim())
    }
}

/// Every disclosed document of `pages`, sorted by 索引号 (then URL, so that duplicates the check
/// stage rejects still sort deterministically).
pub fn entries(cluster: &Cluster, pages: &[Page]) -> Vec<CatalogEntry> {
    use rayon::prelude::*;
    // In parallel, in page order, then sorted stably: the same entries as one thread makes.
    let mut out: Vec<CatalogEntry> = pages.par_iter().filter_map(|p| CatalogEntry::of(cluster, p)).collect();
    out.par_sort_by(|a, b| a.index_no.cmp(&b.index_no).then_with(|| a.url.cmp(&b.url)));
    out
}
