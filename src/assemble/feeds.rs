//! Where the feeds are: their file names and directories, known before rendering so that pages
//! link to them and the link checker counts them. `emit::feed` writes them.

use super::SiteGraph;

/// File names of a feed in its directory.
pub const ATOM_FILE: &str = "feed.xml";
/// File name of the JSON Feed beside the Atom one.
pub const JSON_FILE: &str = "feed.json";
/// Directory (under the output root) of the cluster-wide feed.
pub const CLUSTER_DIR: &str = "feeds/";

/// The feeds of site `s`, as (its column, or `None` for the site's own feed; the cluster-relative
/// URL of the page it mirrors, which is also its directory).
pub(crate) fn site_feeds(g: &SiteGraph<'_>, s: usize) -> Vec<(Option<usize>, String)> {
    let site = &g.cluster.sites[s];
    std::iter::once((None, site.path.clone()))
        .chain(
            (0..site.columns.list.len())
                .filter(|&c| site.columns.list[c].kind.is_list())
                .map(|c| (Some(c), g.column_url(s, c))),
        )
        .collect()
}

/// Cluster-relative URL of every feed file `emit::feed::feed_files` writes for the whole cluster, for the
/// link checker; none without an origin.
pub fn feed_urls(g: &SiteGraph<'_>) -> Vec<String> {
    if g.cluster.config.origin().is_none() {
        return Vec::new();
    }
    let dirs = (0..g.cluster.sites.len())
        .flat_map(|s| site_feeds(g, s).into_iter().map(|(_, url)| url))
        .chain(std::iter::once(format!("/{CLUSTER_DIR}")));
    dirs.flat_map(|d| [format!("{d}{ATOM_FILE}"), format!("{d}{JSON_FILE}")]).collect()
}
