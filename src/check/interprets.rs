//! `interprets:` (解读文件): an interpretation (政策解读) names the policy documents it
//! interprets, by the page's URL path (as the website shows it, with or without the cluster's
//! base path or domain) or by its Markdown source path (relative to the interpretation's file, or
//! from the cluster root). A value that names no page is an error, like a broken link: the
//! inspection would count the document as never interpreted.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Cluster;
use crate::parse::Page;
use crate::t;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Resolves `interprets:` values to pages.
pub struct Interprets<'a> {
    cluster: &'a Cluster,
    by_url: HashMap<&'a str, usize>,
    by_src: HashMap<&'a Path, usize>,
}

impl<'a> Interprets<'a> {
    /// Indexes `pages` by URL and source path.
    pub fn new(cluster: &'a Cluster, pages: &'a [Page]) -> Self {
        Interprets {
            cluster,
            by_url: pages.iter().enumerate().map(|(i, p)| (p.url.as_str(), i)).collect(),
            by_src: pages.iter().enumerate().map(|(i, p)| (p.src.as_path(), i)).collect(),
        }
    }

    /// The index of the page `value` names, as written on `page`; otherwise why not.
    pub fn resolve(&self, page: &Page, value: &str) -> Result<usize, String> {
        let v = value.trim();
        let cut = v.find(['?', '#']).unwrap_or(v.len());
        let v = &v[..cut];
        let lower = v.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || v.starts_with("//") {
            let rest = v.split_once("//").map_or("", |(_, r)| r);
            let (host, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
            let cfg = &self.cluster.config;
            let origin = cfg.origin();
            let origin_host = origin.as_deref().and_then(|o| o.split_once("://")).map(|(_, h)| h);
            let ours = cfg.domain.as_deref().into_iter().chain(origin_host).any(|d| d.eq_ignore_ascii_case(host));
            if !ours {
                return Err(t!("check-interprets-external"));
            }
            return self.by_url_path(&path);
        }
        if v.ends_with(".md") || v.ends_with(".MD") {
            let rooted = v.trim_start_matches("./").trim_start_matches('/');
            let joined = if rooted.starts_with("content/") {
                PathBuf::from(rooted)
            } else {
                page.src.parent().unwrap_or(Path::new("")).join(v.trim_start_matches('/'))
            };
            let Some(file) = crate::scan::normalize_relative(&joined) else {
                return Err(t!("check-interprets-climbs-out"));
            };
            return self
                .by_src
                .get(file.as_path())
                .copied()
                .ok_or_else(|| t!("check-interprets-no-file", file = file.to_string_lossy().replace('\\', "/")));
        }
        if v.starts_with('/') {
            return self.by_url_path(v);
        }
        Err(t!("check-interprets-form"))
    }

    fn by_url_path(&self, path: &str) -> Result<usize, String> {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let base = self.cluster.config.base_path();
        let find = |p: &str| {
            let p = p.strip_suffix("index.html").unwrap_or(p);
            let p = if p.ends_with('/') { p.to_owned() } else { format!("{p}/") };
            self.by_url.get(p.as_str()).copied()
        };
        find(&decoded)
            .or_else(|| decoded.strip_prefix(base.trim_end_matches('/')).filter(|_| base != "/").and_then(find))
            .ok_or_else(|| t!("check-interprets-no-page"))
    }
}

/// Every `interprets:` value must name a page of the cluster.
pub(super) fn links(cluster: &Cluster, pages: &[Page], diags: &mut Diagnostics) {
    if pages.iter().all(|p| p.meta.interprets.is_empty()) {
        return;
    }
    let index = Interprets::new(cluster, pages);
    for p in pages {
        for v in &p.meta.interprets {
            if let Err(reason) = index.resolve(p, v) {
                diags.push(
                    Diagnostic::error(
                        &p.src,
                        "interprets",
                        t!("check-interprets-broken", value = v.as_str(), reason = reason),
                    )
                    .at(p.meta.line("interprets").unwrap_or(1))
                    .help(t!("check-interprets-help")),
                );
            }
        }
    }
}
