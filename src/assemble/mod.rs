//! Stage 5, assemble: the [`SiteGraph`] — every column list, pagination, previous/next, home
//! page blocks, portal aggregation, and the set of every URL the build will write.

pub mod assets;
mod catalog;
pub mod feeds;
mod filters;
mod letters;
pub mod links;
mod published;
mod script;
mod splice;
mod topics;
mod urls;

pub use catalog::{CATALOG_SEGMENT, CatalogIndex, CatalogScope, Facet, FacetKind, STATS_SEGMENT, facet_slug};
pub use filters::{FilterValues, SEARCH_URL};
pub use letters::{DeptRow, Letter, LetterIndex, REPORT_SEGMENT, dept_name, month_of};
pub use published::ScheduledPage;
pub(crate) use published::{assemble_published, draft_files, held_as_draft};
pub use topics::{TopicIndex, topic_url, topics_url};
pub(crate) use urls::job_url;
pub use urls::{HANT_PREFIX, UrlSet};

use crate::load::{Cluster, ColumnKind, SiteKind};
use crate::parse::Page;
use crate::scan::{SourceFile, SourceKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// A file under `content/` that is not Markdown, copied to the output as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Source, relative to the root.
    pub src: PathBuf,
    /// Absolute source path.
    pub abs: PathBuf,
    /// Cluster-relative URL path.
    pub url: String,
    /// Index of the site it belongs to.
    pub site: usize,
}

/// One output file the render stage produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// An article or single page.
    Page(usize),
    /// Page `page_no` (1-based) of a column's list; a `page` column without its index.md.
    Column {
        /// Site index.
        site: usize,
        /// Column index in the site.
        column: usize,
        /// 1-based page number.
        page_no: usize,
    },
    /// A site's home page (the portal's is the cluster home).
    Home(usize),
    /// A site's HTML site map (网站地图).
    SiteMap(usize),
    /// The cluster directory (站群导航).
    Directory,
    /// Page `page_no` of a disclosure catalog table, whole or filtered by one facet value.
    Catalog {
        /// Index into [`CatalogIndex::scopes`].
        scope: usize,
        /// Index into the scope's facets; `None` for the unfiltered catalog.
        facet: Option<usize>,
        /// 1-based page number.
        page_no: usize,
    },
    /// The portal's disclosure statistics for one year (index into [`CatalogIndex::years`]).
    CatalogStats(usize),
    /// The cluster's search results page (统一检索).
    Search,
    /// The list of monthly letter reports (通报), under the portal's interaction column.
    LetterReports,
    /// The letter report of one month (index into [`LetterIndex::months`]).
    LetterReport(usize),
    /// The list of special topics (专题).
    Topics,
    /// A topic's landing page.
    TopicHome(usize),
    /// Page `page_no` of a topic's sub-column.
    TopicColumn {
        /// Index into the cluster's topics.
        topic: usize,
        /// Index into the topic's sub-columns.
        sub: usize,
        /// 1-based page number.
        page_no: usize,
    },
    /// The 404 page.
    NotFound,
}

/// The assembled cluster: pages in list order and the lists built from them.
#[derive(Debug, Clone)]
pub struct SiteGraph<'a> {
    /// The loaded cluster.
    pub cluster: &'a Cluster,
    /// Every page, sorted by site, column, newest first.
    pub pages: Vec<Page>,
    /// For each site, for each column: the pages of its subtree, newest first.
    pub lists: Vec<Vec<Vec<usize>>>,
    /// For each page: (newer, older) neighbour in its own column.
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// For each site, for each `page` column: its page, when written.
    pub single: Vec<HashMap<usize, usize>>,
    /// Copied files.
    pub assets: Vec<Asset>,
    /// Every URL the build writes, for link checking.
    pub urls: UrlSet,
    /// Source path of every page → its URL, for links to `.md` files.
    pub by_src: HashMap<PathBuf, String>,
    /// The disclosure catalogs (政府信息公开目录) and their facet pages.
    pub catalog: CatalogIndex,
    /// Published letters, for the monthly reports.
    pub letters: LetterIndex,
    /// The pages each special topic (专题) gathers.
    pub topics: TopicIndex,
}

/// URL of page `page_no` of a list whose first page is at `base`.
pub fn list_page_url(base: &str, page_no: usize) -> String {
    if page_no <= 1 { base.to_string() } else { format!("{base}page/{page_no}/") }
}

impl<'a> SiteGraph<'a> {
    /// Cluster-relative URL of a site's column.
    pub fn column_url(&self, site: usize, column: usize) -> String {
        let s = &self.cluster.sites[site];
        format!("{}{}/", s.path, s.columns.list[column].path)
    }

    /// Number of list pages of a column (at least 1).
    pub fn page_count(&self, site: usize, column: usize) -> usize {
        self.lists[site][column].len().div_ceil(self.cluster.config.per_page).max(1)
    }

    /// The newest `n` pages of `columns` (each with its subtree) across `sites`.
    pub fn latest(&self, sites: &[usize], column_paths: &[String], n: usize) -> Vec<usize> {
        let mut picked: Vec<usize> = Vec::new();
        for &s in sites {
            let cols = &self.cluster.sites[s].columns;
            for path in column_paths {
                if let Some(c) = cols.find(path) {
                    picked.extend(self.lists[s][c].iter().take(n));
                }
            }
        }
        picked.sort_by(|&a, &b| newest_first(&self.pages[a], &self.pages[b]));
        picked.dedup();
        picked.truncate(n);
        picked
    }

    /// Number of table pages of a catalog list of `len` documents (at least 1).
    pub fn catalog_page_count(&self, len: usize) -> usize {
        len.div_ceil(self.cluster.config.catalog_per_page.max(1)).max(1)
    }

    /// Cluster-relative URL of the letter reports, or of one month's report.
    pub fn report_url(&self, month: Option<&str>) -> Option<String> {
        let host = self.letters.host?;
        let base = format!("{}{REPORT_SEGMENT}/", self.column_url(0, host));
        Some(match month {
            Some(m) => format!("{base}{m}/"),
            None => base,
        })
    }

    /// Site indices of one kind.
    pub fn sites_of(&self, kind: SiteKind) -> Vec<usize> {
        (0..self.cluster.sites.len()).filter(|&i| self.cluster.sites[i].kind == kind).collect()
    }

    /// Every output file to render, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..self.pages.len()).map(Job::Page).collect();
        for (s, site) in self.cluster.sites.iter().enumerate() {
            jobs.push(Job::Home(s));
            jobs.push(Job::SiteMap(s));
            for (c, col) in site.columns.list.iter().enumerate() {
                if col.kind == ColumnKind::Page {
                    if !self.single[s].contains_key(&c) {
                        jobs.push(Job::Column { site: s, column: c, page_no: 1 });
                    }
                    continue;
                }
                for page_no in 1..=self.page_count(s, c) {
                    jobs.push(Job::Column { site: s, column: c, page_no });
                }
            }
        }
        for (k, scope) in self.catalog.scopes.iter().enumerate() {
            for page_no in 1..=self.catalog_page_count(scope.items.len()) {
                jobs.push(Job::Catalog { scope: k, facet: None, page_no });
            }
            for (f, facet) in scope.facets.iter().enumerate() {
                for page_no in 1..=self.catalog_page_count(facet.items.len()) {
                    jobs.push(Job::Catalog { scope: k, facet: Some(f), page_no });
                }
            }
        }
        if self.catalog.scopes.first().is_some_and(|s| s.unified) {
            jobs.extend((0..self.catalog.years.len()).map(Job::CatalogStats));
        }
        if self.letters.host.is_some() {
            jobs.push(Job::LetterReports);
            jobs.extend((0..self.letters.months.len()).map(Job::LetterReport));
        }
        if !self.cluster.topics.is_empty() {
            jobs.push(Job::Topics);
        }
        for (t, subs) in self.topics.lists.iter().enumerate() {
            jobs.push(Job::TopicHome(t));
            for (sub, list) in subs.iter().enumerate() {
                let pages = list.len().div_ceil(self.cluster.config.per_page).max(1);
                jobs.extend((1..=pages).map(|page_no| Job::TopicColumn { topic: t, sub, page_no }));
            }
        }
        jobs.push(Job::Directory);
        if self.cluster.search_enabled() {
            jobs.push(Job::Search);
        }
        jobs.push(Job::NotFound);
        jobs
    }
}

pub(crate) fn newest_first(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.meta.date.cmp(&a.meta.date).then_with(|| a.url.cmp(&b.url))
}

/// URL of the cluster directory (站群导航).
pub const DIRECTORY_URL: &str = "/zqdh/";
/// Path segment of each site's HTML site map (网站地图).
pub const SITEMAP_SEGMENT: &str = "wzdt";

/// The cluster-relative URL a file under `content/` is published at.
pub(crate) fn asset_url(cluster: &Cluster, s: &SourceFile) -> String {
    let site = &cluster.sites[s.site];
    let dir = if s.dir.is_empty() { String::new() } else { format!("{}/", s.dir) };
    format!("{}{dir}{}", site.path, s.name)
}

/// Sorts `pages` by `cmp`, stably, in parallel, without a second vector of pages (a parallel
/// merge sort copies every page into a buffer as large: at 100,000 pages, tens of megabytes of
/// fresh memory): the pages' places are sorted, then the pages moved into them in place.
fn sort_in_place<T: Sync>(pages: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync) {
    use rayon::slice::ParallelSliceMut;
    let mut order: Vec<usize> = (0..pages.len()).collect();
    // Ties broken by the place before: as a stable sort leaves them.
    order.par_sort_unstable_by(|&a, &b| cmp(&pages[a], &pages[b]).then(a.cmp(&b)));
    // Page `order[k]` goes to place `k`: each cycle of the permutation followed by swaps.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = std::mem::replace(&mut order[at], usize::MAX);
            if from == start {
                break;
            }
            pages.swap(at, from);
            at = from;
        }
    }
}

/// Builds the graph from parsed pages and scanned assets.
pub fn assemble<'a>(cluster: &'a Cluster, mut pages: Vec<Page>, sources: &[SourceFile]) -> SiteGraph<'a> {
    // Stable, in parallel: the build's threads are otherwise idle here.
    sort_in_place(&mut pages, |a, b| (a.site, a.column).cmp(&(b.site, b.column)).then_with(|| newest_first(a, b)));
    let mut lists: Vec<Vec<Vec<usize>>> =
        cluster.sites.iter().map(|s| vec![Vec::new(); s.columns.list.len()]).collect();
    let mut single: Vec<HashMap<usize, usize>> = vec![HashMap::new(); cluster.sites.len()];
    for (i, p) in pages.iter().enumerate() {
        let cols = &cluster.sites[p.site].columns;
        if cols.list[p.column].kind == ColumnKind::Page {
            single[p.site].insert(p.column, i);
            continue;
        }
        for c in cols.ancestry(p.column) {
            lists[p.site][c].push(i);
        }
    }
    let mut neighbours = vec![(None, None); pages.len()];
    lists.par_iter_mut().for_each(|site_lists| {
        for list in site_lists.iter_mut() {
            list.sort_by(|&a, &b| newest_first(&pages[a], &pages[b]));
        }
    });
    for (s, site) in cluster.sites.iter().enumerate() {
        for (c, _) in site.columns.list.iter().enumerate() {
            let own: Vec<usize> = lists[s][c].iter().copied().filter(|&i| pages[i].column == c).collect();
            for (k, &i) in own.iter().enumerate() {
                neighbours[i] = (k.checked_sub(1).map(|j| own[j]), own.get(k + 1).copied());
            }
        }
    }
    let mut assets: Vec<Asset> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Asset)
        .map(|s| Asset { src: s.rel.clone(), abs: s.abs.clone(), url: asset_url(cluster, s), site: s.site })
        .collect();
    assets.extend(topics::assets(cluster));
    // Four indexes of the same pages, independent of each other: side by side.
    let ((by_src, catalog), (letters, topics)) = rayon::join(
        || {
            rayon::join(
                || pages.iter().map(|p| (p.src.clone(), p.url.clone())).collect(),
                || CatalogIndex::build(cluster, crate::catalog::entries(cluster, &pages)),
            )
        },
        || rayon::join(|| LetterIndex::build(cluster, &pages), || TopicIndex::build(cluster, &pages)),
    );
    let mut graph = SiteGraph {
        cluster,
        pages,
        lists,
        neighbours,
        single,
        assets,
        urls: UrlSet::default(),
        by_src,
        catalog,
        letters,
        topics,
    };
    graph.urls = UrlSet::of(&graph);
    graph
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorting_in_place_is_a_stable_sort() {
        // Keys with many ties, each item tagged with its place before.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 257, 5000] {
            let items: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 33) % 17, i)
                })
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|&(k, _)| k);
            let mut got = items;
            super::sort_in_place(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, want, "{len} items");
        }
    }
}
