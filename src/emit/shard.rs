//! Sharded builds for very large clusters: `zhanqun build --sites a,b` renders only those sites'
//! files on one CI runner (every runner still parses the whole cluster, so navigation, portal
//! aggregation, catalogs and link checks see everything), and `zhanqun merge` combines the
//! shard outputs into one output identical to a single-machine build.
//!
//! Cluster-wide files (the portal's pages, the unified catalog, catalog.json/csv, the sitemap
//! index, robots.txt, 404.html) belong to the shard that holds the portal. Links into another
//! shard's pages are checked when the build runs; anchors (`#fragment`) into them cannot be,
//! so each shard records them, with the anchors its own pages define, in [`SIDECAR`], and
//! `merge` checks them once every shard is in. Each shard also tokenizes its own pages for
//! the search index and writes them as its prepared part (`search::part`, under
//! `search::part::PART_DIR`), so that `merge` makes the one index without reading any page.

use crate::assemble::{Job, SiteGraph};
use crate::diagnostic::{Diagnostic, nearest};
use crate::load::Cluster;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// File in a shard's output holding what `merge` needs; not part of the manifest, never merged.
pub const SIDECAR: &str = ".zhanqun-shard.json";

/// Which sites this build renders.
#[derive(Debug, Clone, Default)]
pub struct Shard {
    /// Site indices, or `None` for the whole cluster.
    sites: Option<HashSet<usize>>,
}

impl Shard {
    /// The shard of the site ids in `ids` (`None`: the whole cluster). Unknown ids are errors
    /// naming the nearest site.
    pub fn of(cluster: &Cluster, ids: Option<&[String]>) -> Result<Shard, Vec<Diagnostic>> {
        let Some(ids) = ids else { return Ok(Shard::default()) };
        let mut sites = HashSet::new();
        let mut errors = Vec::new();
        for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match cluster.site_index(id) {
                Some(i) => {
                    sites.insert(i);
                }
                None => errors.push(
                    Diagnostic::error("--sites", "shard", crate::t!("emit-shard-unknown-site", id = id)).help(
                        nearest(id, cluster.sites.iter().map(|s| s.id.as_str())).map_or_else(
                            || crate::t!("emit-shard-unknown-site-help"),
                            |n| crate::t!("emit-shard-did-you-mean", name = n),
                        ),
                    ),
                ),
            }
        }
        if sites.is_empty() && errors.is_empty() {
            errors.push(
                Diagnostic::error("--sites", "shard", crate::t!("emit-shard-no-site"))
                    .help(crate::t!("emit-shard-no-site-help")),
            );
        }
        if errors.is_empty() { Ok(Shard { sites: Some(sites) }) } else { Err(errors) }
    }

    /// True when building the whole cluster.
    pub fn is_whole(&self) -> bool {
        self.sites.is_none()
    }

    /// True when this shard renders site `s`.
    pub fn has_site(&self, s: usize) -> bool {
        self.sites.as_ref().is_none_or(|set| set.contains(&s))
    }

    /// The indices of this shard's sites among the cluster's `count`, in order.
    pub fn site_indices(&self, count: usize) -> Vec<usize> {
        (0..count).filter(|&s| self.has_site(s)).collect()
    }

    /// True when this shard writes the cluster-wide files (it holds the portal, index 0).
    pub fn has_cluster_files(&self) -> bool {
        self.has_site(0)
    }

    /// True when this shard renders `job`.
    pub fn has_job(&self, g: &SiteGraph<'_>, job: Job) -> bool {
        self.has_site(match job {
            Job::Page(i) => g.pages[i].site,
            Job::Column { site, .. } | Job::Home(site) | Job::SiteMap(site) => site,
            Job::Catalog { scope, .. } => g.catalog.scopes[scope].site,
            Job::CatalogStats(_)
            | Job::Directory
            | Job::Search
            | Job::LetterReports
            | Job::LetterReport(_)
            | Job::Topics
            | Job::TopicHome(_)
            | Job::TopicColumn { .. }
            | Job::NotFound => 0,
        })
    }
}

/// An anchor link into a page another shard renders, checked by `merge`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PendingAnchor {
    /// Source of the link.
    pub src: PathBuf,
    /// Its line.
    pub line: Option<usize>,
    /// The link as written.
    pub href: String,
    /// Target page URL.
    pub target: String,
    /// The fragment.
    pub fragment: String,
}

/// A digest of everything one shard's pages may show of another's: the settings, the theme,
/// and every page's URL, title, date and disclosure record. Shards built from different
/// commits disagree on it, and `merge` refuses them. (A body-only edit changes only its own
/// page, so it cannot make shards disagree and is left out.)
pub fn fingerprint(cluster: &Cluster, pages: &[crate::parse::Page]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(settings_digest(cluster).as_bytes());
    let mut lines: Vec<String> = pages
        .iter()
        .map(|p| format!("{}\0{}\0{}\0{}", p.url, p.meta.title, p.meta.date.meta(), p.src.display()))
        .collect();
    lines.sort();
    for l in lines {
        h.update(l.as_bytes());
    }
    for e in crate::catalog::entries(cluster, pages) {
        h.update(serde_json::to_vec(&e).unwrap_or_default());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A digest of the settings (`zhanqun.yaml`, `columns.yaml`, every site's file) and the theme:
/// cheap to compute, so that `merge` can tell, without reading the pages, that it runs in a
/// checkout of the cluster the shards were built from.
pub fn settings_digest(cluster: &Cluster) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut settings: Vec<PathBuf> = vec!["zhanqun.yaml".into(), "columns.yaml".into()];
    settings.extend(cluster.sites.iter().map(|s| s.file.clone()));
    for f in settings {
        h.update(f.to_string_lossy().as_bytes());
        h.update(std::fs::read(cluster.root.join(&f)).unwrap_or_default());
    }
    h.update(cluster.theme.sha256().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Version of what a shard hands to `merge` ([`ShardState`] and the search part); `merge`
/// refuses a shard of another. 0: shards made before it was recorded.
pub const SHARD_FORMAT: u32 = 1;

/// What one shard hands to `merge`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ShardState {
    /// [`fingerprint`] of the inputs the shard was built from.
    pub fingerprint: String,
    /// Element ids of every page this shard rendered, by URL.
    pub ids: BTreeMap<String, Vec<String>>,
    /// Anchor links into other shards' pages.
    pub pending: Vec<PendingAnchor>,
    /// The build's date (`--today`, ISO), which decided the published pages: `merge` indexes
    /// the same pages for search.
    pub today: String,
    /// The base URL the shard was built with (`--base-url` applied).
    pub base_url: String,
    /// The shard is a preview with drafts (`--drafts`).
    #[serde(default)]
    pub drafts: bool,
    /// [`SHARD_FORMAT`] of the zhanqun that built the shard.
    #[serde(default)]
    pub format: u32,
    /// [`settings_digest`] of the cluster.
    #[serde(default)]
    pub settings: String,
    /// The shard wrote its part of the search index (`search::part`).
    #[serde(default)]
    pub search: bool,
}
