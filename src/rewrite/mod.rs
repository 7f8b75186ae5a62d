//! Stage 7, rewrite (lol_html): every link made to work under the base path, external links
//! marked, and every internal link and anchor checked against what the build writes.

mod body;
mod chrome;
mod cross;
mod ids;
mod record;
mod words;

pub use crate::assemble::links::{Context, Resolved, resolve};
pub use cross::CrossRef;
pub(crate) use cross::broken_link;
pub use ids::Ids;
pub(crate) use ids::NO_IDS;
pub use record::{ChromeLinks, href_digest, links_digest};

use lol_html::{HtmlRewriter, Settings, element};
use memchr::memmem;
use std::borrow::Cow;
use std::cell::RefCell;

/// A link that points nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The link as written in the HTML.
    pub href: String,
    /// Why it is broken.
    pub reason: String,
    /// True for the `src` of an image (`<img>`, `![](…)`): the fix is about image files and
    /// attachments, not about linking pages.
    pub image: bool,
}

impl BrokenLink {
    /// How to fix this broken link, in the current language: for an image, where to put the
    /// file; for a link, how to link a page.
    pub fn help(&self) -> String {
        if self.image { crate::t!("rewrite-broken-image-help") } else { crate::t!("rewrite-broken-link-help") }
    }
}

/// The rewritten page and what was learned from it.
#[derive(Debug, Default)]
pub struct Rewritten {
    /// Final HTML.
    pub html: Vec<u8>,
    /// Internal links that resolve to nothing.
    pub broken: Vec<BrokenLink>,
    /// Links into another page with a fragment: (href as written, target URL, fragment),
    /// checked once every page's ids are known.
    pub cross_anchors: Vec<(String, String, String)>,
    /// Every `id` in the page.
    pub ids: Vec<String>,
    /// The links whose resolution read the build's URLs (those that resolved to a page or
    /// file, or to nothing), as written, in document order, outside `chromes`: what the page
    /// depends on besides its own rendering (see [`crate::cache::memo`]).
    pub links: Vec<String>,
    /// The shared parts rewritten once and spliced in, with their links.
    pub chromes: Vec<std::sync::Arc<ChromeLinks>>,
}

const URL_ATTRS: &[&str] = &["href", "src", "action", "poster", "data"];

/// Rewrites `html` for the page described by `ctx`: read by [`body`] when it is plain markup
/// (our templates' and Markdown's output), else by lol_html.
pub fn rewrite(html: &str, ctx: &Context<'_>) -> Rewritten {
    let (page, chromes) = chrome::split(html, ctx);
    match body::rewrite_page(&page, ctx, &chromes) {
        Some(whole) => {
            let out = Rewritten { html: whole.html.into_bytes(), ..whole.found.out };
            check_same_page(out, whole.found.same_page)
        }
        None => in_lol_html(&page, ctx, &chromes),
    }
}

/// Rewrites the page `page`, its shared parts cut out for `chromes`, with lol_html; its
/// marked Markdown bodies read by [`body`] when they are plain.
fn in_lol_html(page: &str, ctx: &Context<'_>, chromes: &[std::sync::Arc<chrome::Chrome>]) -> Rewritten {
    let (page, bodies) = body::split(page, ctx);
    let (out, same_page, _) = run(&page, ctx, Mode::Page(chromes, bodies));
    check_same_page(out, same_page)
}

/// `out` with the same-page anchors (href, fragment) that name none of its ids reported broken.
fn check_same_page(mut out: Rewritten, same_page: Vec<(String, String)>) -> Rewritten {
    for (href, fragment) in same_page {
        if !out.ids.contains(&fragment) {
            out.broken.push(BrokenLink { href, reason: crate::t!("rewrite-no-such-id", id = fragment), image: false });
        }
    }
    out
}

/// What [`run`] rewrites.
enum Mode<'a> {
    /// A page, with these shared parts and these Markdown bodies, already rewritten, to
    /// splice in place of their placeholders, in order.
    Page(&'a [std::sync::Arc<chrome::Chrome>], Vec<body::Fragment>),
    /// A shared part on its own, the 繁體 switch's target left as [`chrome::SWITCH_TARGET`].
    Alone,
}

/// Where the 繁體 switch on the page of `ctx` points: this very page in the Traditional view.
fn script_switch_target(ctx: &Context<'_>) -> String {
    let page = ctx.page_url.trim_start_matches('/');
    format!("{}{}{page}", ctx.base_path, crate::assemble::HANT_PREFIX)
}

/// `html` with each region between the markers `open` and `close` that `take` accepts
/// replaced by the comment `<!--placeholder-->`, and what `take` made of them, in order; a
/// region `take` refuses stays in place, without its markers.
fn cut_out<'h, T>(
    html: &'h str,
    (open, close): (&str, &str),
    placeholder: &str,
    mut take: impl FnMut(&str) -> Option<T>,
) -> (Cow<'h, str>, Vec<T>) {
    let open = memmem::Finder::new(open);
    if open.find(html.as_bytes()).is_none() {
        return (Cow::Borrowed(html), Vec::new());
    }
    let close = memmem::Finder::new(close);
    let mut page = String::with_capacity(html.len());
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = open.find(rest.as_bytes()) {
        let inner = &rest[at + open.needle().len()..];
        let Some(len) = close.find(inner.as_bytes()) else { break };
        page.push_str(&rest[..at]);
        let region = &inner[..len];
        match take(region) {
            Some(t) => {
                page.push_str("<!--");
                page.push_str(placeholder);
                page.push_str("-->");
                found.push(t);
            }
            None => page.push_str(region),
        }
        rest = &inner[len + close.needle().len()..];
    }
    page.push_str(rest);
    (Cow::Owned(page), found)
}

/// What rewriting a piece of HTML learns besides its bytes.
#[derive(Debug, Default)]
struct Findings {
    /// Broken links, cross-page anchors and ids (its `html` unused).
    out: Rewritten,
    /// The same-page anchors (href, fragment), to check against the page's ids.
    same_page: Vec<(String, String)>,
    /// Some link in it is not [`page_independent`](crate::assemble::links::page_independent)
    /// (only tracked for a part rewritten [`Mode::Alone`]).
    page_dependent: bool,
}

impl Findings {
    /// Adds what was learned from a later piece of the same page.
    fn extend(&mut self, other: Findings) {
        self.out.ids.extend(other.out.ids);
        self.out.broken.extend(other.out.broken);
        self.out.cross_anchors.extend(other.out.cross_anchors);
        self.out.links.extend(other.out.links);
        self.out.chromes.extend(other.out.chromes);
        self.same_page.extend(other.same_page);
        self.page_dependent |= other.page_dependent;
    }
}

/// A start tag whose link attributes the rewrite checks and rewrites: lol_html's element, or
/// one read from a Markdown body by [`body`].
trait LinkTag {
    /// True when the element's tag name is `name` (lower case).
    fn is(&self, name: &str) -> bool;
    /// The value of attribute `name` as written, entities not decoded (lol_html's
    /// `get_attribute`).
    fn attribute(&self, name: &str) -> Option<String>;
    /// Sets attribute `name` (lower case) to `value`, or adds it after the others.
    fn set(&mut self, name: &str, value: &str) -> Result<(), lol_html::errors::AttributeNameError>;
}

impl LinkTag for lol_html::html_content::Element<'_, '_> {
    fn is(&self, name: &str) -> bool {
        self.tag_name() == name
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.get_attribute(name)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), lol_html::errors::AttributeNameError> {
        self.set_attribute(name, value)
    }
}

/// The URL attributes of `el` resolved on the page of `ctx`: internal targets given the base
/// path, external links marked, broken links, anchors and (`alone`) page dependence noted in
/// `found`.
fn check_links(
    el: &mut impl LinkTag,
    ctx: &Context<'_>,
    alone: bool,
    found: &mut Findings,
) -> Result<(), lol_html::errors::AttributeNameError> {
    let is_anchor = el.is("a");
    for attr in URL_ATTRS {
        let Some(value) = el.attribute(attr) else { continue };
        if alone && !crate::assemble::links::page_independent(&value) {
            found.page_dependent = true;
        }
        match resolve(&value, ctx) {
            Resolved::External => {
                if is_anchor && *attr == "href" {
                    el.set("rel", "noopener noreferrer")?;
                    el.set("data-external", "")?;
                    if el.attribute("title").is_none() {
                        el.set("title", words::EXTERNAL_LINK_TITLE)?;
                    }
                }
            }
            Resolved::Other => {}
            Resolved::SamePage(fragment) => found.same_page.push((value.clone(), fragment)),
            Resolved::Internal { path, suffix, fragment } => {
                found.out.links.push(value.clone());
                let target = format!("{}{}{suffix}", ctx.base_path, path.trim_start_matches('/'));
                // An element left untouched is copied through as it came, without
                // serializing its tag again: most links already are their target.
                if target != value {
                    el.set(attr, &target)?;
                }
                if let Some(f) = fragment.filter(|_| path != ctx.page_url) {
                    found.out.cross_anchors.push((value, path, f));
                } else if let Some(f) = crate::assemble::links::fragment_of(&value) {
                    found.same_page.push((value, f));
                }
            }
            Resolved::Broken(reason) => {
                found.out.links.push(value.clone());
                let image = el.is("img") && *attr == "src";
                let reason = if image && reason == crate::t!("rewrite-nothing-here") {
                    crate::t!("rewrite-missing-image")
                } else {
                    reason
                };
                found.out.broken.push(BrokenLink { href: value, reason, image });
            }
        }
    }
    Ok(())
}

/// Rewrites `html`: the result with its broken links, cross-page anchors and ids; the
/// same-page anchors (href, fragment) to check against the ids; and whether every link in it
/// is [`page_independent`](crate::assemble::links::page_independent).
fn run(html: &str, ctx: &Context<'_>, mode: Mode<'_>) -> (Rewritten, Vec<(String, String)>, bool) {
    let found = RefCell::new(Findings::default());
    let (alone, chromes, bodies) = match mode {
        Mode::Page(c, b) => (false, c, b),
        Mode::Alone => (true, &[][..], Vec::new()),
    };
    let mut next = chromes.iter();
    let mut next_body = bodies.into_iter();
    let mut bytes = Vec::with_capacity(html.len() + html.len() / 8);
    {
        let mut settings = Settings::new()
            .append_element_content_handler(element!("[id]", |el| {
                if let Some(id) = el.get_attribute("id") {
                    found.borrow_mut().out.ids.push(id);
                }
                Ok(())
            }))
            .append_element_content_handler(element!("[href], [src], [action], [poster]", |el| {
                Ok(check_links(el, ctx, alone, &mut found.borrow_mut())?)
            }))
            // The header's 繁體 link points at this very page in the Traditional view.
            .append_element_content_handler(element!("a[data-script-switch]", |el| {
                if alone {
                    el.set_attribute("href", chrome::SWITCH_TARGET)?;
                } else {
                    el.set_attribute("href", &script_switch_target(ctx))?;
                }
                Ok(())
            }));
        if !chromes.is_empty() || next_body.len() > 0 {
            settings = settings.append_document_content_handler(lol_html::doc_comments!(|c| {
                if c.text() == chrome::PLACEHOLDER
                    && let Some(part) = next.next()
                {
                    c.replace(&part.html(ctx), lol_html::html_content::ContentType::Html);
                    let mut found = found.borrow_mut();
                    found.out.ids.extend(part.ids.iter().cloned());
                    found.out.chromes.push(part.links.clone());
                    found.same_page.extend(part.same_page.iter().cloned());
                } else if c.text() == body::PLACEHOLDER
                    && let Some(part) = next_body.next()
                {
                    c.replace(&part.html, lol_html::html_content::ContentType::Html);
                    found.borrow_mut().extend(part.found);
                }
                Ok(())
            }));
        }
        let mut rewriter = HtmlRewriter::new(settings, |c: &[u8]| bytes.extend_from_slice(c));
        // Our own templates and sanitized HTML always parse; a failure here is a bug, and the
        // page is reported broken rather than written half-rewritten.
        if let Err(e) = rewriter.write(html.as_bytes()).and_then(|_| rewriter.end()) {
            found.borrow_mut().out.broken.push(BrokenLink {
                href: String::new(),
                reason: crate::t!("rewrite-unparsable", error = e.to_string()),
                image: false,
            });
        }
    }
    let found = found.into_inner();
    let mut out = found.out;
    out.html = bytes;
    (out, found.same_page, !found.page_dependent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::UrlSet;
    use std::collections::HashMap;
    use std::path::PathBuf;

    fn ctx<'a>(urls: &'a UrlSet, by_src: &'a HashMap<PathBuf, String>, base: &'a str) -> Context<'a> {
        Context {
            base_path: base,
            page_url: "/jyj/zwdt/gzdt/a/",
            link_base: "/jyj/zwdt/gzdt/",
            source_dir: Some(PathBuf::from("content/jyj/zwdt/gzdt")),
            urls,
            by_src,
        }
    }

    fn urls() -> UrlSet {
        UrlSet::from_iter(["/jyj/zwdt/gzdt/a/", "/jyj/zwdt/gzdt/b/", "/jyj/jgzn/", "/static/css/style.css"])
    }

    #[test]
    fn internal_links_get_the_base_path_and_are_checked() {
        let u = urls();
        let by_src = HashMap::from([(PathBuf::from("content/jyj/zwdt/gzdt/b.md"), "/jyj/zwdt/gzdt/b/".to_string())]);
        let html = r##"<a href="/jyj/jgzn/">x</a><a href="b.md">y</a><a href="/nope/">z</a><link href="/static/css/style.css"><a href="#s">s</a><h2 id="s">s</h2><a href="#missing">m</a>"##;
        let r = rewrite(html, &ctx(&u, &by_src, "/sub/"));
        let out = String::from_utf8(r.html).unwrap();
        assert!(out.contains(r#"href="/sub/jyj/jgzn/""#), "{out}");
        assert!(out.contains(r#"href="/sub/jyj/zwdt/gzdt/b/""#), "{out}");
        assert!(out.contains(r#"href="/sub/static/css/style.css""#), "{out}");
        let hrefs: Vec<_> = r.broken.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, vec!["/nope/", "#missing"]);
    }

    #[test]
    fn a_missing_image_is_told_apart_from_a_broken_link() {
        let u = urls();
        let by_src = HashMap::new();
        let r = rewrite(r#"<img src="tu.png" alt="x"><a href="/nope/">z</a>"#, &ctx(&u, &by_src, "/"));
        let got: Vec<_> = r.broken.iter().map(|b| (b.href.as_str(), b.image)).collect();
        assert_eq!(got, vec![("tu.png", true), ("/nope/", false)]);
        assert_eq!(r.broken[0].reason, crate::t!("rewrite-missing-image"));
        assert_ne!(r.broken[0].help(), r.broken[1].help());
    }

    #[test]
    fn external_links_are_marked() {
        let u = urls();
        let by_src = HashMap::new();
        let r = rewrite(r#"<a href="https://www.gov.cn/">g</a><a href="mailto:a@b.cn">m</a>"#, &ctx(&u, &by_src, "/"));
        let out = String::from_utf8(r.html).unwrap();
        assert!(out.contains(r#"rel="noopener noreferrer""#) && out.contains("data-external"), "{out}");
        assert_eq!(out.matches("noopener").count(), 1);
        assert!(r.broken.is_empty());
    }

    #[test]
    fn the_script_switch_points_at_this_page_in_the_traditional_view() {
        let u = urls();
        let by_src = HashMap::new();
        let r = rewrite(r#"<a data-script-switch href="/jyj/">繁體</a>"#, &ctx(&u, &by_src, "/sub/"));
        let out = String::from_utf8(r.html).unwrap();
        assert!(out.contains(r#"href="/sub/zh-hant/jyj/zwdt/gzdt/a/""#), "{out}");
    }

    /// The build reads a page's searchable text before this stage (`search::extract::from_page`
    /// on the rendered page): that is only right while rewriting changes attributes, never text.
    #[test]
    fn rewriting_never_changes_the_searchable_text() {
        let u = urls();
        let by_src = HashMap::from([(PathBuf::from("content/jyj/zwdt/gzdt/b.md"), "/jyj/zwdt/gzdt/b/".to_string())]);
        let html = r##"<nav><a href="/jyj/">导航</a></nav><table data-search="meta"><tr><th>文号</th><td>示教发〔2024〕3号</td></tr></table>
<div class="article-body" data-search="body"><p>见<a href="b.md">上一篇通知</a>和<a href="https://www.gov.cn/">中国政府网</a>，
另见<a href="/nope/">失效链接</a>与<a href="#s">本页</a>。</p><h2 id="s">营商&amp;环境</h2><img src="/static/css/style.css" alt="图"></div>
<a data-script-switch href="/jyj/">繁體</a>"##;
        for base in ["/", "/sub/"] {
            let r = rewrite(html, &ctx(&u, &by_src, base));
            assert_ne!(r.html, html.as_bytes(), "the links were rewritten");
            let before = crate::search::extract::from_page(html).unwrap();
            assert!(
                before.body.contains("上一篇通知和中国政府网") && before.meta.contains("〔2024〕3号"),
                "{before:?}"
            );
            assert_eq!(crate::search::extract::from_html(&r.html).unwrap(), before);
        }
    }

    /// The header and footer between the render stage's markers, rewritten once and spliced
    /// into each page, give the very bytes, ids and findings of rewriting them inside it.
    #[test]
    fn shared_parts_spliced_in_equal_rewriting_them_in_place() {
        use crate::render::{CHROME_CLOSE, CHROME_OPEN};
        let u = urls();
        let by_src = HashMap::from([(PathBuf::from("content/jyj/zwdt/gzdt/b.md"), "/jyj/zwdt/gzdt/b/".to_string())]);
        let header = r##"<header id="top"><a href="/jyj/jgzn/" aria-current="true">机构</a><a href="https://www.gov.cn/">国</a><a data-script-switch href="/jyj/jgzn/">繁體</a><a href="#main">跳</a><a href="#nowhere">坏</a><input id="hs-q"><link href="/static/css/style.css"></header>"##;
        let relative = r#"<footer><a href="b/">相对链接随页面而变</a></footer>"#;
        let broken = r#"<footer><a href="/nope/">坏链接</a></footer>"#;
        let body =
            r##"<main id="main"><a href="b.md">b</a><a href="#top">上</a><a href="/jyj/jgzn/#ldxx">x</a></main>"##;
        for base in ["/", "/sub/"] {
            for footer in [relative, broken, ""] {
                let plain = format!("<body>{header}{body}{footer}</body>");
                let marked = format!(
                    "<body>{CHROME_OPEN}{header}{CHROME_CLOSE}{body}{CHROME_OPEN}{footer}{CHROME_CLOSE}</body>"
                );
                for page in ["/jyj/zwdt/gzdt/a/", "/jyj/zwdt/gzdt/b/"] {
                    let c = Context { page_url: page, ..ctx(&u, &by_src, base) };
                    let (want, got) = (rewrite(&plain, &c), rewrite(&marked, &c));
                    assert_eq!(String::from_utf8_lossy(&got.html), String::from_utf8_lossy(&want.html));
                    assert_eq!((got.ids, got.broken, got.cross_anchors), (want.ids, want.broken, want.cross_anchors));
                }
            }
        }
        // The header is reused; the footers with a relative or a broken link stay in the page.
        let c = ctx(&u, &by_src, "/");
        for (part, reused) in [(header, true), (relative, false), (broken, false)] {
            let html = format!("{CHROME_OPEN}{part}{CHROME_CLOSE}");
            let (page, found) = chrome::split(&html, &c);
            assert_eq!(found.len(), usize::from(reused), "{part}");
            assert_eq!(page.contains(part), !reused, "{page}");
        }
    }

    /// A page's rewrite records the links that read the build's URLs (to a page or file, or
    /// broken), not those that cannot change with them (another site, a scheme, this page's
    /// anchors); a shared part reused records its own, once, by its id — on either reader.
    #[test]
    fn the_links_that_read_the_urls_are_recorded() {
        use crate::render::{CHROME_CLOSE, CHROME_OPEN};
        let u = urls();
        let by_src = HashMap::from([(PathBuf::from("content/jyj/zwdt/gzdt/b.md"), "/jyj/zwdt/gzdt/b/".to_string())]);
        let header = r#"<header><a href="/jyj/jgzn/">机构</a><a href="https://www.gov.cn/">国</a></header>"#;
        let body = r##"<main id="m"><a href="b.md">b</a><a href="/nope/">x</a><a href="#m">上</a><a href="mailto:a@b.cn">信</a><img src="/static/css/style.css"></main>"##;
        for svg in ["", "<svg></svg>"] {
            let html = format!("{CHROME_OPEN}{header}{CHROME_CLOSE}{body}{svg}");
            let r = rewrite(&html, &ctx(&u, &by_src, "/"));
            assert_eq!(r.links, ["b.md", "/nope/", "/static/css/style.css"], "{svg}");
            assert_eq!(r.chromes.len(), 1);
            assert_eq!(r.chromes[0].hrefs, ["/jyj/jgzn/"]);
            assert_eq!(r.chromes[0].id, record::chrome_id(header));
            let again = rewrite(&html, &ctx(&u, &by_src, "/"));
            assert_eq!(again.chromes[0].digest, r.chromes[0].digest);
        }
    }

    #[test]
    fn cross_page_anchors_are_deferred() {
        let u = urls();
        let by_src = HashMap::new();
        let r = rewrite(r#"<a href="/jyj/jgzn/#ldxx">x</a>"#, &ctx(&u, &by_src, "/"));
        assert_eq!(
            r.cross_anchors,
            vec![("/jyj/jgzn/#ldxx".to_string(), "/jyj/jgzn/".to_string(), "ldxx".to_string())]
        );
    }
}
