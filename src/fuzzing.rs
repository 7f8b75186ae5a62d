//! Entry points for the cargo-fuzz targets in `fuzz/` and for `tests/testsuite/fuzz_corpus.rs`, which
//! replays their seed corpus on stable Rust in every CI run. Each takes arbitrary bytes as a
//! page's file and runs them through the build's own code: front matter parsing, and the page
//! pipeline (front matter, Markdown, sanitizing, rewriting, search text). They must never
//! panic; errors in the input are diagnostics.

use crate::assemble::UrlSet;
use crate::load::Cluster;
use crate::scan::{SourceFile, SourceKind};
use std::collections::HashMap;
use std::path::PathBuf;

/// A cluster to parse fuzzed pages against, loaded once from `root` (a fixture cluster).
pub fn cluster(root: &std::path::Path) -> Cluster {
    crate::load::load(root, None).unwrap_or_else(|d| panic!("the fuzzing cluster does not load: {:?}", d.into_sorted()))
}

fn source() -> SourceFile {
    SourceFile {
        site: 0,
        rel: PathBuf::from("content/portal/zwdt/gzdt/2026-01-01-fuzz.md"),
        dir: "zwdt/gzdt".into(),
        name: "2026-01-01-fuzz.md".into(),
        kind: SourceKind::Markdown,
        abs: PathBuf::from("/nonexistent/2026-01-01-fuzz.md"),
    }
}

/// The portal's news column, where the fuzzed page lives.
fn news_column(cluster: &Cluster) -> usize {
    cluster.sites[0].columns.list.iter().position(|c| c.path == "zwdt/gzdt").unwrap_or(0)
}

/// Decodes `data` as a page file would be and parses its front matter and metadata.
pub fn front_matter(cluster: &Cluster, data: &[u8]) {
    let src = source();
    let Ok(text) = crate::text::decode_utf8(&src.rel, data.to_vec()) else { return };
    let column = news_column(cluster);
    let _ = crate::parse::parse_text(cluster, &src, column, &text);
}

/// Runs `data` as a page through parse, Markdown rendering with sanitizing, the rewrite stage
/// (links resolved against an empty URL set) and search text extraction.
pub fn page(cluster: &Cluster, data: &[u8]) {
    let src = source();
    let Ok(text) = crate::text::decode_utf8(&src.rel, data.to_vec()) else { return };
    let column = news_column(cluster);
    let (page, _) = crate::parse::parse_text(cluster, &src, column, &text);
    let offset = page.as_ref().map_or(0, |p| p.body_offset).min(text.len());
    let body = crate::parse::markdown_render(&src.rel, &text, offset);
    let html = format!(
        "<!DOCTYPE html><html><body><main><article data-search=\"body\">{}</article></main></body></html>",
        body.html
    );
    let urls = UrlSet::default();
    let by_src = HashMap::new();
    let ctx = crate::rewrite::Context {
        base_path: "/sub/",
        page_url: "/zwdt/gzdt/2026-01-01-fuzz/",
        link_base: "/zwdt/gzdt/",
        source_dir: Some(PathBuf::from("content/portal/zwdt/gzdt")),
        urls: &urls,
        by_src: &by_src,
    };
    let out = crate::rewrite::rewrite(&html, &ctx);
    let _ = crate::search::extract::from_html(&out.html);
}
