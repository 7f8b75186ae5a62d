//! The catalog pages' structure: which documents each catalog (a site's own, the portal's
//! unified one) lists, and its pre-built facet pages (by organisation, topic, genre, year) so
//! that filtering works without JavaScript.

use crate::catalog::CatalogEntry;
use crate::labels;
use crate::load::{Cluster, ColumnKind};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// URL segment of a catalog under its site's disclosure column (`/jyj/xxgk/gkml/`).
pub const CATALOG_SEGMENT: &str = "gkml";
/// URL segment of the portal's disclosure statistics pages (`/xxgk/gkml/tongji/2026/`).
pub const STATS_SEGMENT: &str = "tongji";

/// What a facet filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    /// 发布机构 (the disclosing sub-site); only on the unified catalog.
    Org,
    /// First-level 主题分类.
    Topic,
    /// 体裁分类.
    Genre,
    /// Year of 发布日期.
    Year,
}

impl FacetKind {
    /// URL segment of the facet kind.
    pub fn segment(self) -> &'static str {
        match self {
            FacetKind::Org => "org",
            FacetKind::Topic => "topic",
            FacetKind::Genre => "genre",
            FacetKind::Year => "year",
        }
    }

    /// Label shown above the facet's links.
    pub fn label(self) -> &'static str {
        match self {
            FacetKind::Org => labels::BY_ORG,
            FacetKind::Topic => labels::BY_TOPIC,
            FacetKind::Genre => labels::BY_GENRE,
            FacetKind::Year => labels::BY_YEAR,
        }
    }
}

/// One value of a facet and the documents that carry it.
#[derive(Debug, Clone)]
pub struct Facet {
    /// What it filters by.
    pub kind: FacetKind,
    /// The value as the documents carry it (the site id for organisations).
    pub key: String,
    /// The value shown (示例县教育局, 综合政务, 通知, 2026).
    pub label: String,
    /// URL of its first page.
    pub url: String,
    /// Entry indices, in table order.
    pub items: Vec<usize>,
}

/// One catalog: a site's own documents, or (on the portal) every organisation's.
#[derive(Debug, Clone)]
pub struct CatalogScope {
    /// Site whose header, footer and navigation the pages carry.
    pub site: usize,
    /// True for the portal's unified catalog of the whole cluster.
    pub unified: bool,
    /// Index of the site's disclosure column the catalog hangs under.
    pub column: usize,
    /// URL of its first page.
    pub url: String,
    /// Entry indices, in table order (newest 发布日期 first, then 索引号).
    pub items: Vec<usize>,
    /// Facet values, by kind then label.
    pub facets: Vec<Facet>,
}

/// Every catalog of the cluster and its entries.
#[derive(Debug, Clone, Default)]
pub struct CatalogIndex {
    /// Every disclosed document, sorted by 索引号 (the catalog.json order).
    pub entries: Vec<CatalogEntry>,
    /// The catalogs: the portal's unified one first, then each other site with a disclosure column.
    pub scopes: Vec<CatalogScope>,
    /// Years that have documents, newest first: one statistics page each on the portal.
    pub years: Vec<String>,
}

/// A stable, ASCII URL segment for a facet value that may hold any characters: the first
/// 8 hex digits of its SHA-256 (the same value always gets the same URL).
pub fn facet_slug(value: &str) -> String {
    hex::encode(&Sha256::digest(value.as_bytes())[..4])
}

impl CatalogIndex {
    /// Builds every catalog from the entries (sorted by 索引号).
    pub fn build(cluster: &Cluster, entries: Vec<CatalogEntry>) -> CatalogIndex {
        use rayon::prelude::*;
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.par_sort_by(|&a, &b| entries[b].date.cmp(&entries[a].date).then_with(|| a.cmp(&b)));
        // The sites' scopes side by side (the unified one, with every entry, the largest), in
        // site order.
        let scopes: Vec<CatalogScope> = cluster
            .sites
            .par_iter()
            .enumerate()
            .filter_map(|(s, site)| {
                let column = site.columns.top().find(|&c| site.columns.list[c].kind == ColumnKind::Disclosure)?;
                let unified = s == 0;
                let url = format!("{}{}/{CATALOG_SEGMENT}/", site.path, site.columns.list[column].path);
                let items: Vec<usize> =
                    order.iter().copied().filter(|&i| unified || entries[i].site == site.id).collect();
                let facets = facets_of(cluster, &entries, &items, &url, unified);
                Some(CatalogScope { site: s, unified, column, url, items, facets })
            })
            .collect();
        let mut years: Vec<String> = entries.iter().map(|e| e.year().to_owned()).collect();
        years.sort_by(|a, b| b.cmp(a));
        years.dedup();
        CatalogIndex { entries, scopes, years }
    }

    /// URL of the portal's statistics page for `year`, when the portal has a catalog.
    pub fn stats_url(&self, year: &str) -> Option<String> {
        self.scopes.first().filter(|s| s.unified).map(|s| format!("{}{STATS_SEGMENT}/{year}/", s.url))
    }
}

fn facets_of(cluster: &Cluster, entries: &[CatalogEntry], items: &[usize], base: &str, unified: bool) -> Vec<Facet> {
    let mut groups: BTreeMap<(FacetKind, String), Vec<usize>> = BTreeMap::new();
    for &i in items {
        let e = &entries[i];
        if unified {
            groups.entry((FacetKind::Org, e.site.clone())).or_default().push(i);
        }
        if let Some(t) = e.topic_class().filter(|t| !t.is_empty()) {
            groups.entry((FacetKind::Topic, t.to_owned())).or_default().push(i);
        }
        if let Some(g) = e.genre.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
            groups.entry((FacetKind::Genre, g.to_owned())).or_default().push(i);
        }
        groups.entry((FacetKind::Year, e.year().to_owned())).or_default().push(i);
    }
    let mut facets: Vec<Facet> = groups
        .into_iter()
        .map(|((kind, key), items)| {
            let (label, slug) = match kind {
                FacetKind::Org => {
                    (cluster.site_index(&key).map_or(key.clone(), |s| cluster.sites[s].name.clone()), key.clone())
                }
                FacetKind::Year => (key.clone(), key.clone()),
                FacetKind::Topic | FacetKind::Genre => (key.clone(), facet_slug(&key)),
            };
            Facet { kind, key, label, url: format!("{base}{}/{slug}/", kind.segment()), items }
        })
        .collect();
    // Organisations in cluster order (portal, departments, townships), years newest first.
    let site_pos = |id: &str| cluster.site_index(id).unwrap_or(usize::MAX);
    facets.sort_by(|a, b| {
        a.kind.cmp(&b.kind).then_with(|| match a.kind {
            FacetKind::Org => site_pos(&a.key).cmp(&site_pos(&b.key)),
            FacetKind::Year => b.label.cmp(&a.label),
            _ => a.label.cmp(&b.label),
        })
    });
    facets
}

#[cfg(test)]
mod tests {
    use super::facet_slug;

    #[test]
    fn facet_slugs_are_pinned() {
        // Published URLs (/xxgk/ml/<slug>/): a change here breaks every bookmarked and
        // inspected catalog link, so the values are pinned, not merely compared with themselves.
        assert_eq!(facet_slug("综合政务"), "f080e3bd");
        assert_eq!(facet_slug("科技、教育"), "cc3b368f");
        assert_eq!(facet_slug("命令(令)"), "cb05658e");
        assert_eq!(facet_slug("通知"), "4b6ded8a");
    }
}
