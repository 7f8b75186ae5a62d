//! Resolving one link target against the page it appears on and the URLs the build writes:
//! known once the graph is assembled, used by render (titles of linked pages), rewrite (every
//! link checked and made to work) and emit (feeds with absolute links).

use super::UrlSet;
use percent_encoding::percent_decode_str;
use std::collections::HashMap;
use std::path::PathBuf;

/// What resolving a link needs to know about the page it is on.
pub struct Context<'a> {
    /// The configured base path (`/` or `/sub/`).
    pub base_path: &'a str,
    /// Cluster-relative URL of the page.
    pub page_url: &'a str,
    /// URL of the directory relative links resolve against: the Markdown file's directory for
    /// pages, the page URL otherwise.
    pub link_base: &'a str,
    /// The Markdown source's directory (relative to the root), for links to `.md` files.
    pub source_dir: Option<PathBuf>,
    /// Every URL the build writes.
    pub urls: &'a UrlSet,
    /// Markdown source → URL.
    pub by_src: &'a HashMap<PathBuf, String>,
}

/// What a link points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another site (`http(s)://`, `//host`).
    External,
    /// `mailto:`, `tel:`, `data:` and other non-navigational schemes: left alone.
    Other,
    /// `#fragment` on this page.
    SamePage(String),
    /// A URL the build writes: cluster-relative `path`, plus `?query#fragment` as written.
    Internal {
        /// Cluster-relative path, decoded.
        path: String,
        /// Query and fragment, kept verbatim.
        suffix: String,
        /// Decoded fragment, if any.
        fragment: Option<String>,
    },
    /// Internal, but nothing is written there.
    Broken(String),
}

/// The decoded fragment of `href`, if it has a non-empty one.
pub(crate) fn fragment_of(href: &str) -> Option<String> {
    href.split_once('#').map(|(_, f)| decode(f)).filter(|f| !f.is_empty())
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The scheme of `href` (`https`, `mailto`), if it has one. A scheme is a letter, then letters,
/// digits, `+`, `-` or `.` (RFC 3986); anything else before a colon (`javas<!-- -->cript:`)
/// makes a relative path, checked like any other.
fn scheme_of(href: &str) -> Option<&str> {
    let (scheme, _) = href.split_once(':')?;
    (scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// True when what the rewrite stage makes of `href` does not depend on the page it is on (its
/// URL, its directory, its Markdown source): empty, a bare `#fragment` (checked against the
/// page's ids later), another host or scheme, or a root-relative path without a fragment. A
/// relative path, a query alone, or a root-relative path with a fragment (a same-page anchor
/// on the one page it leads to) depend on the page.
pub(crate) fn page_independent(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("//") || scheme_of(href).is_some() {
        return true;
    }
    href.starts_with('/') && fragment_of(href).is_none()
}

/// Resolves `href` as written on the page of `ctx`.
pub fn resolve(href: &str, ctx: &Context<'_>) -> Resolved {
    let href = href.trim();
    if href.is_empty() {
        return Resolved::Other;
    }
    if let Some(f) = href.strip_prefix('#') {
        return if f.is_empty() { Resolved::Other } else { Resolved::SamePage(decode(f)) };
    }
    if href.starts_with("//") {
        return Resolved::External;
    }
    if let Some(scheme) = scheme_of(href) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => Resolved::External,
            _ => Resolved::Other,
        };
    }
    let cut = href.find(['?', '#']).unwrap_or(href.len());
    let (raw_path, suffix) = href.split_at(cut);
    let fragment = fragment_of(suffix);
    let raw_path = decode(raw_path);
    let path = if raw_path.is_empty() {
        ctx.page_url.to_string()
    } else if crate::text::is_page_name(&raw_path) && !raw_path.starts_with('/') {
        let Some(dir) = &ctx.source_dir else {
            return Resolved::Broken(crate::t!("rewrite-md-outside-markdown"));
        };
        let Some(file) = crate::scan::normalize_relative(&dir.join(&raw_path)) else {
            return Resolved::Broken(crate::t!("rewrite-climbs-out"));
        };
        match ctx.by_src.get(&file) {
            Some(url) => url.clone(),
            None => return Resolved::Broken(crate::t!("rewrite-no-page-from", file = file.display().to_string())),
        }
    } else {
        let joined = if raw_path.starts_with('/') { raw_path.clone() } else { format!("{}{raw_path}", ctx.link_base) };
        match normalize_url(&joined) {
            Some(p) => p,
            None => return Resolved::Broken(crate::t!("rewrite-climbs-out")),
        }
    };
    if let Some(hashed) = ctx.urls.alias(&path) {
        Resolved::Internal { path: hashed.to_owned(), suffix: suffix.to_string(), fragment }
    } else if ctx.urls.contains(&path) {
        Resolved::Internal { path, suffix: suffix.to_string(), fragment }
    } else if let Some(date) = ctx.urls.scheduled(&path) {
        Resolved::Broken(crate::t!("rewrite-scheduled", date = date.to_string()))
    } else if ctx.urls.draft(&path) {
        Resolved::Broken(crate::t!("rewrite-draft"))
    } else {
        Resolved::Broken(crate::t!("rewrite-nothing-here"))
    }
}

/// The cluster-relative path a link to a file names, written on a page whose links resolve
/// against `link_base` (`/jyj/zwdt/gzdt/`): percent-decoded, query and fragment cut, `.` and
/// `..` removed; `None` when it climbs above the root.
pub(crate) fn file_path(href: &str, link_base: &str) -> Option<String> {
    let href = href.trim();
    let raw = decode(&href[..href.find(['?', '#']).unwrap_or(href.len())]);
    let joined = if raw.starts_with('/') { raw } else { format!("{link_base}{raw}") };
    normalize_url(&joined)
}

/// Removes `.` and `..` segments from an absolute URL path; `None` when `..` climbs above `/`.
fn normalize_url(path: &str) -> Option<String> {
    // Most links are already normal (`/a/b/`): copied as they are.
    if path.starts_with('/') && !path.contains("//") && !path.split('/').any(|s| s == "." || s == "..") {
        return Some(path.to_owned());
    }
    let mut parts: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
        let _ = i;
    }
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_normalisation() {
        assert_eq!(normalize_url("/a/b/../c/").as_deref(), Some("/a/c/"));
        assert_eq!(normalize_url("/a/./b").as_deref(), Some("/a/b"));
        assert_eq!(normalize_url("/../../etc/passwd"), None);
        assert_eq!(normalize_url("/").as_deref(), Some("/"));
        // Paths the copy-as-is shortcut must not take.
        let cases = [
            ("/a//b/", "/a/b/"),
            ("//a/b", "/a/b"),
            ("/a/b/.", "/a/b/"),
            ("/a/b/..", "/a/"),
            ("/a/./b/", "/a/b/"),
            ("/.", "/"),
            ("a/b/", "/a/b/"),
            ("/a/b.pdf", "/a/b.pdf"),
            ("/a/..b/.c/", "/a/..b/.c/"),
        ];
        for (path, normal) in cases {
            assert_eq!(normalize_url(path).as_deref(), Some(normal), "{path}");
        }
        assert_eq!(normalize_url("/.."), None);
    }

    /// What the rewrite stage caches about a link it may reuse on every page: a link called
    /// page-independent resolves alike on two unrelated pages.
    #[test]
    fn page_independent_links_resolve_alike_on_every_page() {
        let urls = UrlSet::from_iter(["/a/", "/a/b/", "/c/d/", "/c/d/e/", "/static/x.css"]);
        let by_src = HashMap::from([(PathBuf::from("content/a/b.md"), "/a/b/".to_string())]);
        let on = |page: &'static str, dir: &'static str| Context {
            base_path: "/",
            page_url: page,
            link_base: page,
            source_dir: Some(PathBuf::from(dir)),
            urls: &urls,
            by_src: &by_src,
        };
        let (one, other) = (on("/a/", "content/a"), on("/c/d/", "content/c"));
        let independent = [
            "",
            " ",
            "#x",
            "https://www.gov.cn/",
            "//cdn.example/x",
            "mailto:a@b.cn",
            "/a/b/",
            "/nope/",
            "/a/?p=2",
            "/static/x.css",
        ];
        let dependent = ["b/", "e/", "?p=2", "b.md", "../a/", "/a/b/#x", "/c/d/#top", "javas<!-- -->cript:x"];
        for h in independent {
            assert!(page_independent(h), "{h}");
            assert_eq!(resolve(h, &one), resolve(h, &other), "{h}");
        }
        for h in dependent {
            assert!(!page_independent(h), "{h}");
        }
        assert_ne!(resolve("e/", &one), resolve("e/", &other));
    }
}
