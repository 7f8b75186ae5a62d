//! The files made from the whole graph once the pages are rendered: site maps, feeds, and for
//! the shard that has them, the catalog exports and `_headers`.

use super::{Shard, feed, headers, sitemap};
use crate::assemble::SiteGraph;

/// Files as (path in the output, contents).
pub type NamedFiles = Vec<(String, Vec<u8>)>;

/// The secondary files of the sites of `shard`, each handed to `sink` as soon as it is made
/// (the feed entries, and whole feed and catalog files, taken from `feeds` where it has them):
/// they depend on every page of the graph, so they are made after the pages, and beside the
/// search index. At 100,000 pages the feeds and catalogs come to hundreds of megabytes, which a
/// build writes out one by one instead of holding them.
pub fn write_secondary_files<E>(
    graph: &SiteGraph<'_>,
    shard: &Shard,
    feeds: Option<&dyn feed::EntryMemo>,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let cluster = graph.cluster;
    let shard_sites = shard.site_indices(cluster.sites.len());
    for (path, bytes) in sitemap::sitemap_bytes(graph, &shard_sites, shard.has_cluster_files()) {
        sink(path, bytes)?;
    }
    feed::write_feed_files(graph, &shard_sites, shard.has_cluster_files(), feeds, sink)?;
    if shard.has_cluster_files() {
        // A catalog whose documents did not change is taken from the previous output, as a
        // feed is (at 100,000 documents its files are ~70 MB to make and hash).
        let mut kept = |group: &crate::catalog::FileGroup<'_>| {
            let Some(memo) = feeds else { return false };
            let key = group.key(&cluster.config.name);
            let paths = [group.paths[0].as_str(), group.paths[1].as_str()];
            let reused = memo.reuse_files(&key, &[], &paths);
            if !reused {
                // Made next (a build whose writing fails keeps no memo).
                memo.made_files(&key, &paths);
            }
            reused
        };
        crate::catalog::write_files_but(cluster, &graph.catalog.entries, &mut kept, sink)?;
        let hashed = crate::assemble::assets::hashed_paths(&cluster.theme.static_files);
        let hdrs = headers::headers_file(&cluster.config.content_security_policy, &hashed);
        sink("_headers".to_owned(), hdrs.into_bytes())?;
    }
    Ok(())
}
