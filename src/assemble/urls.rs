//! The set of every URL the build writes, known before rendering so links can be checked as
//! each page is rewritten.

use super::{DIRECTORY_URL, Job, SiteGraph, list_page_url};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where the Traditional view lives, relative to the base path: the Traditional page of
/// `<base_path>X` is `<base_path>zh-hant/X`. One constant so the pipeline that writes the
/// files, the link rewriting and the templates' script switch agree.
pub const HANT_PREFIX: &str = "zh-hant/";

/// Cluster-relative URL paths of every output: pages and lists as `/a/b/`, files as `/a/b.pdf`.
/// The last field is its [`UrlSet::generation`]. Every link of every page is looked up here:
/// the sets hash with Fx, not SipHash (the keys are the cluster's own URLs).
#[derive(Debug, Default, Clone)]
pub struct UrlSet(HashSet<String>, HashMap<String, String>, HashSet<String>, HashMap<String, String>, u64);

/// A generation number never handed out before (0 is the empty default set's).
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl UrlSet {
    /// Collects the URLs of every job, asset, theme file and fixed file.
    pub(super) fn of(g: &SiteGraph<'_>) -> UrlSet {
        let mut set = HashSet::default();
        for job in g.jobs() {
            if let Some(url) = job_url(g, job) {
                set.insert(url);
            }
        }
        set.extend(g.assets.iter().map(|a| a.url.clone()));
        let mut aliases = HashMap::default();
        for (path, bytes) in &g.cluster.theme.static_files {
            let (written, _) = super::assets::theme_file(path, bytes);
            if written != *path {
                aliases.insert(format!("/static/{path}"), format!("/static/{written}"));
            }
            set.insert(format!("/static/{written}"));
        }
        for s in &g.cluster.sites {
            set.insert(format!("{}sitemap.xml", s.path));
        }
        set.extend(["/404.html", "/robots.txt", "/manifest.json", "/sitemap_index.xml"].map(String::from));
        set.extend(crate::catalog::file_urls(g.cluster));
        set.extend(super::feeds::feed_urls(g));
        UrlSet(set, HashMap::default(), HashSet::default(), aliases, next_generation())
    }

    /// A number that changes whenever what this set answers may change (two sets with the
    /// same number answer alike): what the rewrite stage learned about links from one state of
    /// the set is reused while the number stays the same.
    pub fn generation(&self) -> u64 {
        self.4
    }

    /// Adds a URL written by the build.
    pub(crate) fn insert(&mut self, url: String) {
        self.0.insert(url);
        self.4 = next_generation();
    }

    /// Removes a URL no longer written.
    pub(crate) fn remove(&mut self, url: &str) {
        self.0.remove(url);
        self.4 = next_generation();
    }

    /// The URL a link to `path` is sent to when the file is written under another name: a
    /// theme style sheet or script under its content-hashed name ([`super::assets`]).
    pub fn alias(&self, path: &str) -> Option<&str> {
        self.3.get(path).map(String::as_str)
    }

    /// True when `path` (cluster-relative, no query or fragment) is written by the build.
    /// A directory URL without its trailing slash, or with `index.html`, counts too.
    pub fn contains(&self, path: &str) -> bool {
        if self.0.contains(path) {
            return true;
        }
        if let Some(dir) = path.strip_suffix("index.html") {
            return self.0.contains(dir);
        }
        !path.ends_with('/') && self.0.contains(&format!("{path}/"))
    }

    /// Records that the page at `url` exists but is scheduled for `date` (a future publish
    /// date): it is not written, and links to it are reported with that reason.
    pub fn schedule(&mut self, url: String, date: String) {
        self.1.insert(url, date);
        self.4 = next_generation();
    }

    /// The publish date of the scheduled page at `path`, if one is there.
    pub fn scheduled(&self, path: &str) -> Option<&str> {
        self.1.get(path).map(String::as_str)
    }

    /// Every scheduled page: (URL, publish date).
    pub fn scheduled_pages(&self) -> impl Iterator<Item = (&String, &str)> {
        self.1.iter().map(|(u, d)| (u, d.as_str()))
    }

    /// Records that the page at `url` exists but is a draft (`draft: true`): it is not written,
    /// and links to it are reported with that reason.
    pub fn hold_draft(&mut self, url: String) {
        self.2.insert(url);
        self.4 = next_generation();
    }

    /// True when a draft held back is at `path`.
    pub fn draft(&self, path: &str) -> bool {
        self.2.contains(path)
    }

    /// Every draft held back, by URL.
    pub fn draft_pages(&self) -> impl Iterator<Item = &String> {
        self.2.iter()
    }

    /// Every URL written (scheduled pages and drafts are not).
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }

    /// Number of URLs.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The URL a job is written at.
pub(crate) fn job_url(g: &SiteGraph<'_>, job: Job) -> Option<String> {
    Some(match job {
        Job::Page(i) => g.pages[i].url.clone(),
        Job::Column { site, column, page_no } => list_page_url(&g.column_url(site, column), page_no),
        Job::Home(s) => g.cluster.sites[s].path.clone(),
        Job::SiteMap(s) => format!("{}{}/", g.cluster.sites[s].path, super::SITEMAP_SEGMENT),
        Job::Directory => DIRECTORY_URL.to_string(),
        Job::Catalog { scope, facet, page_no } => {
            let scope = &g.catalog.scopes[scope];
            list_page_url(facet.map_or(&scope.url, |f| &scope.facets[f].url), page_no)
        }
        Job::CatalogStats(y) => g.catalog.stats_url(&g.catalog.years[y])?,
        Job::Search => crate::assemble::SEARCH_URL.to_string(),
        Job::LetterReports => g.report_url(None)?,
        Job::LetterReport(m) => g.report_url(Some(&g.letters.months[m]))?,
        Job::Topics => super::topics_url(),
        Job::TopicHome(t) => super::topic_url(&g.cluster.topics[t], None),
        Job::TopicColumn { topic, sub, page_no } => {
            list_page_url(&super::topic_url(&g.cluster.topics[topic], Some(sub)), page_no)
        }
        Job::NotFound => return None,
    })
}

impl FromIterator<&'static str> for UrlSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> Self {
        let set = iter.into_iter().map(String::from).collect();
        UrlSet(set, HashMap::default(), HashSet::default(), HashMap::default(), next_generation())
    }
}
