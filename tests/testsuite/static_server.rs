//! "Hostable on any CDN with no rewrite rules": the example cluster is built, served by a plain
//! static file server (Python's `http.server`, which knows nothing but files and directories)
//! and crawled over real HTTP from its home page, once at the domain root and once under a
//! sub-path. Every internal link must answer 200 straight away (a redirect counts as a failure),
//! every `#fragment` must name an `id` on its target page, every generated page must be
//! reachable, and under a sub-path every internal link must carry the base path.

use crate::common;

use common::server::StaticServer;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;
use std::time::{Duration, Instant};
use ureq::Agent;

/// The sub-path the second build is hosted under.
const SUB_PATH: &str = "/zhanqun/sub/";

/// The example cluster has at least this many pages; fewer means the crawl missed something.
const MIN_EXAMPLE_PAGES: usize = 150;

/// Largest response body the crawler reads (attachments included).
const MAX_BODY_BYTES: u64 = 256 * 1024 * 1024;

/// Characters percent-encoded when a decoded path is put back into a request line; non-ASCII
/// bytes are always encoded.
const PATH_ENCODE_SET: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

#[test]
fn example_cluster_served_from_domain_root() {
    let out = tempfile::tempdir().expect("create temp output dir");
    common::build_ok(&common::repo_root(), &["--out", path_str(out.path())]);

    let server = StaticServer::start(out.path());
    let report = crawl(&server.origin(), "/");
    report.print("example cluster at /");

    report.assert_no_failures();
    report.assert_every_page_reached(out.path());
    report.assert_min_pages(MIN_EXAMPLE_PAGES);
    assert_missing_url_is_404(&server.origin(), "/");
}

#[test]
fn example_cluster_served_from_sub_path() {
    // The document root of the static server; the site lives in <root>/zhanqun/sub/.
    let served = tempfile::tempdir().expect("create temp document root");
    let out = served.path().join(SUB_PATH.trim_matches('/'));
    common::build_ok(&common::repo_root(), &["--out", path_str(&out), "--base-url", SUB_PATH]);

    let server = StaticServer::start(served.path());
    let report = crawl(&server.origin(), SUB_PATH);
    report.print(&format!("example cluster at {SUB_PATH}"));

    report.assert_no_failures();
    report.assert_every_page_reached(&out);
    report.assert_min_pages(MIN_EXAMPLE_PAGES);
    report.assert_links_carry_base();
    assert_missing_url_is_404(&server.origin(), SUB_PATH);
}

/// The crawler itself can fail: links damaged after the build (a missing base path, a
/// redirecting URL without its slash, a dead fragment, a deleted page) are each reported.
#[test]
fn crawler_reports_damaged_output() {
    let served = tempfile::tempdir().expect("create temp document root");
    let out = served.path().join(SUB_PATH.trim_matches('/'));
    common::build_ok(
        &common::repo_root().join("tests/fixtures/basic"),
        // Without the cache: it would be written into the fixture, which other tests copy.
        &["--out", path_str(&out), "--base-url", SUB_PATH, "--no-cache"],
    );
    let home = out.join("index.html");
    let html = std::fs::read_to_string(&home).expect("read the built home page");
    let damage = "<a href=\"/zhanqun/sub/jyj\">a</a><a href=\"/zhanqun/sub/jyj/#nope\">b</a>\
                  <a href=\"jyj/jgzn/#%E4%B8%AD\">c</a><img src=\"/static/img/psb.svg\" alt=\"\"></body>";
    std::fs::write(&home, html.replace("</body>", damage)).expect("write the damaged home page");
    let orphan = out.join("zqdh/orphan/index.html");
    std::fs::create_dir_all(orphan.parent().expect("orphan dir")).expect("mkdir orphan");
    std::fs::write(&orphan, "<!DOCTYPE html><title>x</title>").expect("write orphan page");

    let server = StaticServer::start(served.path());
    let report = crawl(&server.origin(), SUB_PATH);
    let failures = report.failures().join("\n");
    for expected in [
        "/static/img/psb.svg → HTTP 404",
        "/zhanqun/sub/jyj → HTTP 301",
        "no element with id=\"nope\"",
        "no element with id=\"中\"",
    ] {
        assert!(failures.contains(expected), "crawler missed `{expected}`; it reported:\n{failures}");
    }
    let orphans = std::panic::catch_unwind(|| report.assert_every_page_reached(&out));
    assert!(orphans.is_err(), "an unlinked page must be reported as unreachable");
    let unbased = std::panic::catch_unwind(|| report.assert_links_carry_base());
    assert!(unbased.is_err(), "a link without the base path must be reported");
}

/// A path as `&str`, for command-line arguments.
fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp path is valid UTF-8")
}

/// An HTTP client that reports redirects and error statuses as responses instead of following
/// or raising them, so that every non-200 answer can be counted as a failure.
fn agent() -> Agent {
    Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// Asserts that a URL with no file behind it gets a 404, proving the crawl can fail.
fn assert_missing_url_is_404(origin: &str, base: &str) {
    let url = format!("{origin}{base}no-such-page-zhanqun/");
    let response = agent().get(&url).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    assert_eq!(response.status().as_u16(), 404, "GET {url} should be 404");
}

/// One internal link found in a fetched page.
struct Link {
    /// Path of the page the link is on.
    from: String,
    /// The attribute value as written (entities decoded).
    raw: String,
    /// Percent-decoded target path, without query or fragment.
    path: String,
    /// Percent-decoded fragment, if any.
    fragment: Option<String>,
}

/// The outcome of fetching one URL.
enum Fetched {
    /// A 200 response; `ids` holds the page's element ids when the body is HTML.
    Ok { ids: Option<HashSet<String>> },
    /// Anything else, described for the failure list.
    Failed(String),
}

/// What a crawl saw.
struct CrawlReport {
    /// The base path the site is hosted under (`/` or [`SUB_PATH`]).
    base: String,
    /// Every internal URL path fetched, with its outcome.
    fetched: HashMap<String, Fetched>,
    /// Every internal link occurrence found in the fetched HTML.
    links: Vec<Link>,
    /// Decoded paths of the HTML pages fetched with a 200.
    pages: BTreeSet<String>,
    /// How long the crawl took.
    elapsed: Duration,
}

/// Fetches the home page at `origin` + `base` and, breadth-first, every internal URL linked
/// from the HTML fetched (`a`/`link` `href`, `script`/`img` `src`, `form` `action`).
fn crawl(origin: &str, base: &str) -> CrawlReport {
    let started = Instant::now();
    let agent = agent();
    let mut report = CrawlReport {
        base: base.to_owned(),
        fetched: HashMap::new(),
        links: Vec::new(),
        pages: BTreeSet::new(),
        elapsed: Duration::ZERO,
    };
    let mut queue = VecDeque::from([base.to_owned()]);
    let mut queued: HashSet<String> = HashSet::from([base.to_owned()]);
    while let Some(path) = queue.pop_front() {
        let (outcome, html) = fetch(&agent, origin, &path);
        if let Some(html) = html {
            report.pages.insert(path.clone());
            for raw in link_attributes(&html) {
                let Some((target, fragment)) = resolve(&raw, &path, origin) else { continue };
                if queued.insert(target.clone()) {
                    queue.push_back(target.clone());
                }
                report.links.push(Link { from: path.clone(), raw, path: target, fragment });
            }
        }
        report.fetched.insert(path, outcome);
    }
    report.elapsed = started.elapsed();
    report
}

/// GETs one decoded path; returns the outcome and, for a 200 HTML response, the body.
fn fetch(agent: &Agent, origin: &str, path: &str) -> (Fetched, Option<String>) {
    let url = format!("{origin}{}", utf8_percent_encode(path, PATH_ENCODE_SET));
    let mut response = match agent.get(&url).call() {
        Ok(response) => response,
        Err(e) => return (Fetched::Failed(format!("request error: {e}")), None),
    };
    let status = response.status().as_u16();
    if status != 200 {
        let location = response.headers().get("location").and_then(|v| v.to_str().ok());
        let detail = location.map(|l| format!(" → Location: {l}")).unwrap_or_default();
        return (Fetched::Failed(format!("HTTP {status}{detail}")), None);
    }
    let is_html = response.body().mime_type() == Some("text/html");
    let body = match response.body_mut().with_config().limit(MAX_BODY_BYTES).read_to_vec() {
        Ok(body) => body,
        Err(e) => return (Fetched::Failed(format!("reading the body: {e}")), None),
    };
    if !is_html {
        return (Fetched::Ok { ids: None }, None);
    }
    match String::from_utf8(body) {
        Ok(html) => (Fetched::Ok { ids: Some(element_ids(&html)) }, Some(html)),
        Err(_) => (Fetched::Failed("HTML body is not UTF-8".to_owned()), None),
    }
}

/// The link-bearing attribute values of a page, entities decoded: `href` on `a` and `link`,
/// `src` on `script` and `img`, `action` on `form` (the search box's results page).
fn link_attributes(html: &str) -> Vec<String> {
    let mut values = Vec::new();
    let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!(
        "a[href], link[href], script[src], img[src], form[action]",
        |el| {
            let attribute = match el.tag_name().as_str() {
                "a" | "link" => "href",
                "form" => "action",
                _ => "src",
            };
            values.extend(el.get_attribute(attribute).map(|v| decode_entities(&v)));
            Ok(())
        }
    ));
    lol_html::rewrite_str(html, settings).expect("lol_html parses the page");
    values
}

/// Every `id` attribute value in a page, entities decoded.
fn element_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!("[id]", |el| {
        ids.extend(el.get_attribute("id").map(|v| decode_entities(&v)));
        Ok(())
    }));
    lol_html::rewrite_str(html, settings).expect("lol_html parses the page");
    ids
}

/// Decodes the character references that can appear in attribute values (lol_html returns
/// attribute values as written).
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let name = &rest[1..semi];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            ch.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Resolves a link found on the page at `page_path` to (decoded path, decoded fragment), or
/// `None` for links that leave the site (other hosts, `mailto:`, `tel:` and other schemes).
fn resolve(raw: &str, page_path: &str, origin: &str) -> Option<(String, Option<String>)> {
    let raw = raw.trim();
    let host_relative = if let Some(rest) = raw.strip_prefix("//") {
        // Protocol-relative: on this site only if it names this host and port.
        same_origin_path(&format!("http://{rest}"), origin)?
    } else if has_scheme(raw) {
        same_origin_path(raw, origin)?
    } else if raw.starts_with('/') {
        raw.to_owned()
    } else if raw.is_empty() || raw.starts_with(['#', '?']) {
        // The same page (a bare `?query` names the same file on a static server).
        match raw.split_once('#') {
            Some((_, fragment)) => format!("{page_path}#{fragment}"),
            None => page_path.to_owned(),
        }
    } else {
        let dir = &page_path[..=page_path.rfind('/').unwrap_or(0)];
        format!("{dir}{raw}")
    };
    let (before_fragment, fragment) = match host_relative.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (host_relative.as_str(), None),
    };
    let path = before_fragment.split_once('?').map_or(before_fragment, |(path, _)| path);
    let path = remove_dot_segments(&percent_decode_str(path).decode_utf8_lossy());
    let fragment = fragment.filter(|f| !f.is_empty()).map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
    Some((path, fragment))
}

/// Whether a URL starts with a scheme (`https:`, `mailto:`, `tel:`, …).
fn has_scheme(raw: &str) -> bool {
    match raw.find(':') {
        Some(colon) => {
            let scheme = &raw[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// The path (with query and fragment) of an absolute URL on `origin`, or `None` if the URL
/// points elsewhere.
fn same_origin_path(url: &str, origin: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let origin_rest = origin.split_once("://").map_or(origin, |(_, r)| r);
    if !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let after_host = rest.strip_prefix(origin_rest)?;
    match after_host.chars().next() {
        None => Some("/".to_owned()),
        Some('/') => Some(after_host.to_owned()),
        Some('?' | '#') => Some(format!("/{after_host}")),
        Some(_) => None, // e.g. port 80801 when ours is 8080
    }
}

/// Normalizes `.` and `..` segments in an absolute path, keeping a trailing slash.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *segment {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    format!("/{}", segments.join("/"))
}

impl CrawlReport {
    /// Prints the crawl statistics (visible with `--nocapture`).
    fn print(&self, label: &str) {
        let fragments = self.links.iter().filter(|l| l.fragment.is_some()).count();
        println!(
            "{label}: crawled {} HTML pages, fetched {} distinct URLs, checked {} internal links ({} with a fragment) in {:.2?}",
            self.pages.len(),
            self.fetched.len(),
            self.links.len(),
            fragments,
            self.elapsed
        );
    }

    /// Every link whose target did not answer 200, or whose fragment names no `id` there.
    fn failures(&self) -> Vec<String> {
        let mut failures = BTreeSet::new();
        for link in &self.links {
            let problem = match self.fetched.get(&link.path) {
                None => Some("never fetched (crawler bug)".to_owned()),
                Some(Fetched::Failed(why)) => Some(why.clone()),
                Some(Fetched::Ok { ids: Some(ids) }) => link
                    .fragment
                    .as_ref()
                    .filter(|f| !ids.contains(*f))
                    .map(|f| format!("no element with id=\"{f}\" on {}", link.path)),
                Some(Fetched::Ok { ids: None }) => None,
            };
            if let Some(problem) = problem {
                failures.insert(format!("on {}: {} → {problem}", link.from, link.raw));
            }
        }
        if let Some(Fetched::Failed(why)) = self.fetched.get(&self.base) {
            failures.insert(format!("home page {}: {why}", self.base));
        }
        failures.into_iter().collect()
    }

    /// Asserts that every internal link answered 200 and every fragment resolved.
    fn assert_no_failures(&self) {
        let failures = self.failures();
        assert!(
            failures.is_empty(),
            "{} broken internal link(s) under {}:\n{}",
            failures.len(),
            self.base,
            failures.join("\n")
        );
    }

    /// Asserts that the crawl fetched every `index.html` under `out`: no page is orphaned.
    fn assert_every_page_reached(&self, out: &Path) {
        let reached: HashSet<String> = self.pages.iter().filter_map(|path| self.disk_path(path)).collect();
        let mut orphans = Vec::new();
        for entry in walkdir::WalkDir::new(out) {
            let entry = entry.expect("walk the build output");
            if entry.file_type().is_file() && entry.file_name() == "index.html" {
                let rel = entry.path().strip_prefix(out).expect("output file under the output dir");
                let rel = rel.to_str().expect("output paths are UTF-8").replace('\\', "/");
                if !reached.contains(&rel) {
                    orphans.push(rel);
                }
            }
        }
        orphans.sort();
        assert!(
            orphans.is_empty(),
            "{} page(s) not reachable from the home page under {}:\n{}",
            orphans.len(),
            self.base,
            orphans.join("\n")
        );
    }

    /// The output-relative file a crawled path is served from (`a/b/` → `a/b/index.html`),
    /// or `None` for paths outside the base.
    fn disk_path(&self, path: &str) -> Option<String> {
        let rel = path.strip_prefix(&self.base)?;
        Some(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() })
    }

    /// Asserts that at least `min` HTML pages were crawled.
    fn assert_min_pages(&self, min: usize) {
        assert!(
            self.pages.len() >= min,
            "crawled only {} pages under {}, expected at least {min}",
            self.pages.len(),
            self.base
        );
    }

    /// Asserts that every internal link, as written, starts with the base path (same-page
    /// `#fragment` links excepted): no link relies on the site living at the domain root.
    fn assert_links_carry_base(&self) {
        let offenders: BTreeSet<String> = self
            .links
            .iter()
            .filter(|l| !l.raw.trim().starts_with('#') && !l.raw.trim().starts_with(self.base.as_str()))
            .map(|l| format!("on {}: {}", l.from, l.raw))
            .collect();
        assert!(
            offenders.is_empty(),
            "{} internal link(s) without the base path {}:\n{}",
            offenders.len(),
            self.base,
            offenders.into_iter().collect::<Vec<_>>().join("\n")
        );
    }
}
