//! The filter values of the search page (sites, columns, years, 体裁分类): assembled once from
//! the graph, shown by the search page's template and numbered by the index in the same order.

use super::SiteGraph;
use serde::Serialize;

/// URL of the search results page.
pub const SEARCH_URL: &str = "/search/";

/// The filter values the search page offers, in the order `index.json` numbers them.
#[derive(Debug, Clone, Serialize)]
pub struct FilterValues {
    /// Every site: (id, name).
    pub sites: Vec<(String, String)>,
    /// Every column path of any site, with its names from the menu down (`政府信息公开 › 政策文件`).
    pub columns: Vec<(String, String)>,
    /// Every year a page was published, newest first.
    pub years: Vec<i32>,
    /// Every 体裁分类 used, sorted.
    pub genres: Vec<String>,
}

impl FilterValues {
    /// The values of the cluster in `g`.
    pub fn of(g: &SiteGraph<'_>) -> FilterValues {
        use chrono::Datelike;
        let sites = g.cluster.sites.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
        let mut columns: Vec<(String, String)> = Vec::new();
        for site in &g.cluster.sites {
            for (c, col) in site.columns.list.iter().enumerate() {
                if !columns.iter().any(|(p, _)| *p == col.path) {
                    let label: Vec<&str> =
                        site.columns.ancestry(c).into_iter().map(|k| site.columns.list[k].name.as_str()).collect();
                    columns.push((col.path.clone(), label.join(" › ")));
                }
            }
        }
        let mut years: Vec<i32> = g.pages.iter().map(|p| p.meta.date.day.year()).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut genres: Vec<String> =
            g.pages.iter().filter_map(|p| p.meta.genre.as_deref().map(str::to_owned)).collect();
        genres.sort();
        genres.dedup();
        FilterValues { sites, columns, years, genres }
    }

    pub(crate) fn column_of(&self, path: &str) -> usize {
        self.columns.iter().position(|(p, _)| p == path).unwrap_or(0)
    }

    pub(crate) fn genre_of(&self, g: &SiteGraph<'_>, page: usize) -> Option<usize> {
        let genre = g.pages[page].meta.genre.as_deref()?;
        self.genres.iter().position(|v| v == genre)
    }
}
