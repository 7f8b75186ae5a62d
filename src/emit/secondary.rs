//! The files made from the whole graph once the pages are rendered: site maps, feeds, and for
//! the shard that has them, the catalog exports and `_headers`.

use super::{Shard, feed, headers, sitemap};
use crate::assemble::SiteGraph;

/// Files as (path in the output, contents).
pub type NamedFiles = Vec<(String, Vec<u8>)>;

/// The secondary files of the sites of `shard`: they depend on every page of the graph, so
/// they are made after the pages, and beside the search index.
pub fn secondary_files(graph: &SiteGraph<'_>, shard: &Shard) -> NamedFiles {
    let cluster = graph.cluster;
    let shard_sites: Vec<usize> = (0..cluster.sites.len()).filter(|&s| shard.has_site(s)).collect();
    let mut files = sitemap::sitemap_bytes(graph, &shard_sites, shard.has_cluster_files());
    files.extend(feed::feed_files(graph, &shard_sites, shard.has_cluster_files()));
    if shard.has_cluster_files() {
        files.extend(crate::catalog::files(cluster, &graph.catalog.entries));
        let hashed = crate::assemble::assets::hashed_paths(&cluster.theme.static_files);
        let hdrs = headers::headers_file(&cluster.config.content_security_policy, &hashed);
        files.push(("_headers".to_owned(), hdrs.into_bytes()));
    }
    files
}
