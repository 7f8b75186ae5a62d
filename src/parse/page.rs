//! A page's identity (site, column, slug, URL) and metadata, parsed from its source file.

use super::front_matter::{self, FrontMatter};
use crate::diagnostic::{Diagnostic, Diagnostics, nearest};
use crate::load::{Cluster, ColumnKind};
use crate::scan::{SourceFile, SourceKind};
use crate::t;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One Markdown page: where it lives and what its front matter says. The body is read again
/// at render time. The build cache keeps it between builds (see `crate::cache::parsed`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Page {
    /// Index of its site.
    pub site: usize,
    /// Index of its column in the site's column list.
    pub column: usize,
    /// Cluster-relative URL path (`/jyj/zwdt/gzdt/slug/`, its last segment the page's slug:
    /// not held apart), before the base path is applied.
    pub url: String,
    /// Source path relative to the cluster root (read again under the root: [`read_body`];
    /// no absolute path is held, a second copy of every path at 100,000 pages).
    pub src: PathBuf,
    /// Byte offset of the Markdown body in the source.
    pub body_offset: usize,
    /// Metadata, boxed: a page is moved between vectors several times as it is parsed, taken
    /// from the cache and assembled, and its front matter is most of its size (at 100,000
    /// pages each move of them all was ~60 MB of fresh memory).
    pub meta: Box<FrontMatter>,
    /// For a letter (interaction column): the byte range of the heading that opens the reply.
    pub reply: Option<(usize, usize)>,
    /// The targets of its links, images and `attachments:` that may name a file beside the
    /// pages (see [`super::file_links`]), as written: an attachment is published with the
    /// first published page that links to it.
    pub files: Vec<String>,
}

/// Parses the front matter of every Markdown source in parallel. Pages whose metadata is
/// unusable are reported and left out (the errors fail the build).
pub fn parse_pages(cluster: &Cluster, sources: &[SourceFile], diags: &mut Diagnostics) -> Vec<Page> {
    collect_parsed(sources, diags, |s| {
        let (p, d) = parse_one(cluster, s, None);
        (p.map(|(page, _)| page), d)
    })
}

/// What is told of each source file read: its index in the sources, its metadata and bytes
/// (the build cache stamps a first build's inputs with it instead of reading them twice).
pub type OnRead<'a> = &'a (dyn Fn(usize, &std::fs::Metadata, &[u8]) + Sync);

/// [`parse_pages`], but the page of `sources[i]` is `known[i]` where that is `Some` (a page the
/// build cache kept, parsed from the same text by the same settings) instead of being read and
/// parsed again. Also returns the sources whose parsing reported anything (the build cache
/// does not keep them: their findings must be reported by every build). Each file read is
/// told to `on_read`.
pub fn parse_pages_known(
    cluster: &Cluster,
    sources: &[SourceFile],
    known: Vec<Option<Page>>,
    on_read: Option<OnRead<'_>>,
    diags: &mut Diagnostics,
) -> (Vec<Page>, Vec<PathBuf>) {
    // Every source mapped (assets to nothing), not filtered: an indexed iterator collects
    // straight into vectors of the right size instead of growing per-thread ones.
    // Each source's page and findings (what it reported, and its path when it did).
    type Findings = (Vec<Diagnostic>, Option<PathBuf>);
    let (pages, findings): (Vec<Option<Page>>, Vec<Findings>) =
        crate::parallel::uneven(sources.par_iter().zip(known).enumerate(), crate::parallel::PAGES_PER_TASK)
            .map(|(i, (s, known))| match known {
                _ if s.kind != SourceKind::Markdown => (None, (Vec::new(), None)),
                Some(page) => (Some(page), (Vec::new(), None)),
                None => {
                    let (p, d) = parse_one(cluster, s, on_read.map(|f| (i, f)));
                    let reported = (!d.is_empty()).then(|| s.rel.clone());
                    (p.map(|(page, _)| page), (d, reported))
                }
            })
            .unzip();
    let mut reported = Vec::new();
    for (d, r) in findings {
        reported.extend(r);
        diags.extend(d);
    }
    // Collected in place (a page and an optional one are the same size): at 100,000 pages a
    // second vector was a copy of every page into fresh memory.
    // (`flatten` would not: std collects a `FilterMap` in place, not a `Flatten`.)
    #[allow(clippy::filter_map_identity)]
    let out: Vec<Page> = pages.into_iter().filter_map(|p| p).collect();
    (out, reported)
}

/// [`parse_pages`], keeping each page's source text: for reports that read every body right
/// after parsing (`zhanqun check`), which would otherwise read every file twice.
pub fn parse_pages_with_text(
    cluster: &Cluster,
    sources: &[SourceFile],
    diags: &mut Diagnostics,
) -> Vec<(Page, String)> {
    collect_parsed(sources, diags, |s| parse_one(cluster, s, None))
}

/// Runs `parse` on every Markdown source in parallel, keeping the results in source order.
fn collect_parsed<T: Send>(
    sources: &[SourceFile],
    diags: &mut Diagnostics,
    parse: impl Fn(&SourceFile) -> (Option<T>, Vec<Diagnostic>) + Sync + Send,
) -> Vec<T> {
    let results: Vec<(Option<T>, Vec<Diagnostic>)> =
        // Mapped, not filtered: see [`parse_pages_known`].
        crate::parallel::uneven(sources.par_iter(), crate::parallel::PAGES_PER_TASK)
            .map(|s| if s.kind == SourceKind::Markdown { parse(s) } else { (None, Vec::new()) })
            .collect();
    let mut out = Vec::with_capacity(results.len());
    for (p, d) in results {
        out.extend(p);
        diags.extend(d);
    }
    out
}

/// Reads the file of `src` whole, telling `on_read` (with the source's index) what it read.
fn read_source(src: &SourceFile, on_read: Option<(usize, OnRead<'_>)>) -> std::io::Result<Vec<u8>> {
    let Some((i, f)) = on_read else { return std::fs::read(&src.abs) };
    let mut file = std::fs::File::open(&src.abs)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes)?;
    f(i, &meta, &bytes);
    Ok(bytes)
}

fn parse_one(
    cluster: &Cluster,
    src: &SourceFile,
    on_read: Option<(usize, OnRead<'_>)>,
) -> (Option<(Page, String)>, Vec<Diagnostic>) {
    let site = &cluster.sites[src.site];
    let mut diags = Vec::new();
    let Some(column) = site.columns.find(&src.dir) else {
        let paths: Vec<&str> = site.columns.list.iter().map(|c| c.path.as_str()).collect();
        let by_name = site
            .columns
            .list
            .iter()
            .find(|c| c.name == src.dir.rsplit('/').next().unwrap_or_default())
            .map(|c| c.path.as_str());
        let near = by_name
            .or_else(|| nearest(&src.dir, paths.iter().copied()))
            .or_else(|| nearest(src.dir.rsplit('/').next().unwrap_or_default(), paths.iter().copied()));
        let help = match near {
            Some(n) => t!("parse-column-nearest-help", nearest = n, site = site.id.as_str()),
            None => t!("parse-column-list-help", site = site.id.as_str(), columns = paths.join(", ")),
        };
        let what = if convention_has(&cluster.convention, &src.dir) {
            let kind = match site.kind {
                crate::load::SiteKind::Portal => t!("parse-kind-portal"),
                crate::load::SiteKind::Department => t!("parse-kind-department"),
                crate::load::SiteKind::Township => t!("parse-kind-township"),
            };
            t!("parse-column-not-in-convention", column = src.dir.as_str(), kind = kind)
        } else {
            t!("parse-unknown-column", column = src.dir.as_str())
        };
        return (None, vec![Diagnostic::error(&src.rel, "column", what).at(1).help(help)]);
    };
    let text = match read_source(src, on_read) {
        Ok(b) => match crate::text::decode_utf8(&src.rel, b) {
            Ok(t) => t,
            Err(d) => return (None, vec![d]),
        },
        Err(e) => {
            return (None, vec![Diagnostic::error(&src.rel, "io", t!("parse-cannot-read", reason = e.to_string()))]);
        }
    };
    let (page, more) = parse_text(cluster, src, column, &text);
    diags.extend(more);
    (page.map(|p| (p, text)), diags)
}

/// Parses one page whose text is already in memory (read from disk, or from a git object by
/// `catalog diff --git`), given its column index in the site. `src.abs` is not read.
pub fn parse_text(cluster: &Cluster, src: &SourceFile, column: usize, text: &str) -> (Option<Page>, Vec<Diagnostic>) {
    let site = &cluster.sites[src.site];
    let mut diags = Vec::new();
    let col = &site.columns.list[column];
    let split = match front_matter::split(&src.rel, text) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let (meta, fm_diags) = front_matter::parse(&src.rel, &split);
    diags.extend(fm_diags);
    let Some(meta) = meta else { return (None, diags) };
    let stem = crate::text::page_stem(&src.name).unwrap_or(&src.name);
    let is_index = stem == "index";
    let slug = match col.kind {
        ColumnKind::Page => {
            if !is_index {
                diags.push(
                    Diagnostic::error(&src.rel, "column", t!("parse-single-page-column", column = col.path.as_str()))
                        .at(1)
                        .help(t!("parse-single-page-column-help", site = site.id.as_str(), column = col.path.as_str())),
                );
                return (None, diags);
            }
            String::new()
        }
        _ if is_index && meta.slug.is_none() => {
            diags.push(
                Diagnostic::error(&src.rel, "column", t!("parse-list-column-index", column = col.path.as_str()))
                    .at(1)
                    .help(t!("parse-list-column-index-help")),
            );
            return (None, diags);
        }
        _ => meta.slug.as_deref().unwrap_or(stem).to_string(),
    };
    if let Some((message, help)) = slug_problem(col.kind, &slug, meta.slug.is_some()) {
        diags.push(Diagnostic::error(&src.rel, "slug", message).at_opt(meta.line("slug").or(Some(1))).help(help));
        return (None, diags);
    }
    let url = if col.kind.is_list() {
        format!("{}{}/{slug}/", site.path, col.path)
    } else {
        format!("{}{}/", site.path, col.path)
    };
    let mut files = super::file_links(text, split.body_offset);
    files.extend(meta.attachments.iter().map(|a| a.path.clone()).filter(|p| super::markdown::may_name_file(p)));
    let page = Page {
        files,
        site: src.site,
        column,
        url,
        src: src.rel.clone(),
        body_offset: split.body_offset,
        reply: (col.kind == ColumnKind::Interaction)
            .then(|| super::letter::reply_heading(text, split.body_offset))
            .flatten(),
        meta: Box::new(meta),
    };
    (Some(page), diags)
}

/// True when `path` names a column anywhere in the convention (for any site kind).
fn convention_has(defs: &[crate::load::ColumnDef], path: &str) -> bool {
    let (head, rest) = path.split_once('/').unwrap_or((path, ""));
    defs.iter().any(|d| d.id == head && (rest.is_empty() || convention_has(&d.children, rest)))
}

/// Why `slug` cannot name a page of a column of `kind` (the message and how to fix it), or
/// `None` when it can: a list's slug must follow [`valid_slug`], and a letter's must not be the
/// URL of the monthly reports of letters. `from_key` tells a `slug:` value from a file name.
fn slug_problem(kind: crate::load::ColumnKind, slug: &str, from_key: bool) -> Option<(String, String)> {
    if kind.is_list() && !valid_slug(slug) {
        let bad: String = {
            let mut seen: Vec<char> = slug.chars().filter(|c| !slug_char(*c)).collect();
            seen.dedup();
            seen.iter()
                .map(|c| if c.is_whitespace() { t!("parse-slug-space") } else { format!("`{c}`") })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fixed: String =
            slug.split(|c: char| c.is_whitespace()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
        return Some(if from_key {
            (t!("parse-bad-slug", slug = slug, chars = bad), t!("parse-bad-slug-help"))
        } else {
            (
                t!("parse-bad-file-name", name = format!("{slug}.md"), chars = bad),
                t!("parse-bad-file-name-help", fixed = format!("{fixed}.md")),
            )
        });
    }
    (kind == crate::load::ColumnKind::Interaction && slug == crate::load::REPORT_SEGMENT)
        .then(|| (t!("parse-report-segment", slug = slug), t!("parse-report-segment-help")))
}

/// The file-name rule (a page's file name without `.md`, or its `slug:`, is the last segment
/// of its address): **Chinese characters, English letters, digits, `-`, `_` and `.` only; no
/// spaces and no other symbols (`（）`, `&`, `#`, `?`, `%`, `/`, full-width punctuation…).
/// Write `-` instead of a space**: `2026-03-05 工作动态.md` becomes `2026-03-05-工作动态.md`.
/// `page`, `.` and `..` are reserved. A Chinese file name is allowed; its address is shown
/// percent-encoded in some browsers, so a short pinyin or English name is easier to pass on.
fn valid_slug(s: &str) -> bool {
    !s.is_empty() && s != "page" && s != "." && s != ".." && s.chars().all(slug_char)
}

/// A character the file-name rule of [`valid_slug`] allows.
fn slug_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '_' | '.')
        || matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}' | '〇')
}

/// Reads the source of a page of the cluster at `root` again and returns its text, for
/// rendering its body.
pub fn read_body(root: &Path, page: &Page) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(&page.src))
        .map_err(|e| Diagnostic::error(&page.src, "io", t!("parse-cannot-read", reason = e.to_string())))?;
    let text = crate::text::decode_utf8(&page.src, bytes)?;
    if text.len() < page.body_offset {
        return Err(Diagnostic::error(&page.src, "io", t!("parse-changed-during-build"))
            .help(t!("parse-changed-during-build-help")));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_optional_page_is_the_size_of_a_page() {
        // `parse_pages_known` collects its optional pages into pages in place only then.
        assert_eq!(std::mem::size_of::<Option<Page>>(), std::mem::size_of::<Page>());
    }

    #[test]
    fn slugs() {
        assert!(valid_slug("2024-03-15-abc"));
        assert!(valid_slug("通知"));
        assert!(!valid_slug("a b"));
        assert!(!valid_slug("a?b"));
        assert!(!valid_slug("page"));
        assert!(!valid_slug("通知（第二批）"));
        assert!(!valid_slug("a&b"));
        assert!(valid_slug("2026.03.05_tongzhi-第二批"));
    }
}
