//! Stage 6, render: each output page through its Tera template, with the per-site header and
//! footer rendered once and reused.

mod catalog;
mod keyed;
mod letters;
mod topics;

pub use catalog::ROWS_MARKER;
mod templates;
mod view;

pub use view::{Block, ClusterView, DisclosureView, Item, Link, MediaView, Meta, NavItem, Pager, SiteView};

use crate::assemble::{Job, SiteGraph, list_page_url};
use crate::diagnostic::Diagnostic;
use crate::labels;
use crate::load::{ColumnKind, SiteKind};
use crate::parse::{self, Body, Page};
use keyed::PageContext;
use serde::Serialize;
use std::path::PathBuf;
use tera::{Context, Tera};

/// Which of a site's pre-rendered headers a page uses: the home page's (首页 marked current),
/// the one with no column current (site map, search, 404…); the top columns' follow.
const HEADER_HOME: usize = 0;
const HEADER_NO_COLUMN: usize = 1;

/// Put around the shared header (with the navigation) and the footer in every rendered page:
/// the rewrite stage rewrites what is between them once per build, not once per page, and
/// leaves the markers out of what it writes.
pub const CHROME_OPEN: &str = "<!--zhanqun:chrome-->";
/// Closes [`CHROME_OPEN`].
pub const CHROME_CLOSE: &str = "<!--/zhanqun:chrome-->";

/// Put around the HTML of a Markdown body that is pulldown-cmark's own regular output (see
/// [`Body::inert`]): the rewrite stage checks and rewrites its links without parsing it as
/// HTML again, and leaves the markers out of what it writes.
pub const BODY_OPEN: &str = "<!--zhanqun:body-->";
/// Closes [`BODY_OPEN`].
pub const BODY_CLOSE: &str = "<!--/zhanqun:body-->";

/// `html` between the chrome markers.
fn chrome(html: String) -> String {
    format!("{CHROME_OPEN}{html}{CHROME_CLOSE}")
}

/// A rendered page before rewriting.
#[derive(Debug)]
pub struct Rendered {
    /// Cluster-relative URL (`/jyj/zwdt/`), or a file path (`/404.html`).
    pub url: String,
    /// HTML.
    pub html: String,
    /// The Markdown source, for pages.
    pub source: Option<PathBuf>,
    /// Links written in the Markdown, with lines, to locate broken ones.
    pub links: Vec<(String, usize)>,
    /// Warnings found while rendering (removed raw HTML).
    pub warnings: Vec<Diagnostic>,
    /// Pre-rendered HTML that replaces [`ROWS_MARKER`] after the rewrite stage (catalog rows).
    pub splice: Option<String>,
    /// For a page that is a feed entry ([`Renderer::keep_feed_bodies`]): its body as
    /// [`parse::markdown_render`] renders it, and its summary, for the entry to be made from.
    pub feed_body: Option<(String, String)>,
    /// From a [`Prepared::bind_keys`] or [`Prepared::bind_keyed`] renderer: the digest of the
    /// template and of everything it received, which the build cache keys a generated page by.
    pub context_digest: Option<String>,
}

/// What a template made: its HTML, and the digest of its context when the renderer keys.
pub(crate) struct Templated {
    html: String,
    digest: Option<String>,
}

impl Rendered {
    /// A generated page (list, home, report…) with no Markdown source behind it.
    pub(super) fn plain(url: String, t: Templated) -> Rendered {
        Rendered {
            url,
            html: t.html,
            source: None,
            links: Vec::new(),
            warnings: Vec::new(),
            splice: None,
            feed_body: None,
            context_digest: t.digest,
        }
    }
}

/// What rendering needs besides the graph, prepared once: the compiled theme, the cluster and
/// site views, every site's header and footer, the catalog rows. It depends on the cluster
/// and the catalog entries only, so `zhanqun serve` keeps it across edits and binds it to each
/// new state of the graph ([`Prepared::bind`]).
pub struct Prepared {
    tera: Tera,
    cluster: ClusterView,
    sites: Vec<SiteView>,
    /// `[site][current top column + 1]` → header HTML.
    headers: Vec<Vec<String>>,
    footers: Vec<String>,
    /// The catalog table row of every catalog entry, by entry index.
    catalog_rows: catalog::CatalogRows,
    /// The day the build runs as, for review notices.
    today: chrono::NaiveDate,
    /// SHA-256 (hex) of each of `headers`, then of each of `footers`: what a keying renderer
    /// ([`Prepared::bind_keys`]) puts in their place.
    chrome_digests: (Vec<Vec<String>>, Vec<String>),
    /// SHA-256 (hex) of `cluster` as JSON, then of each of `sites`: what a page's key has in
    /// their place ([`CommonKey`]).
    view_digests: (String, Vec<String>),
}

/// What a [`Renderer`] makes of each template and its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// The HTML.
    Html,
    /// Only the context's digest ([`Prepared::bind_keys`]).
    Key,
    /// The HTML and the context's digest ([`Prepared::bind_keyed`]).
    HtmlAndKey,
}

/// Renders jobs of one graph; shared read-only by all threads.
pub struct Renderer<'g> {
    g: &'g SiteGraph<'g>,
    p: &'g Prepared,
    /// HTML, key, or both.
    output: Output,
    /// For a renderer that keys: each page's digest as a list item, which the key has in
    /// place of the item.
    item_keys: &'g [[u8; 32]],
    /// See [`Renderer::keep_feed_bodies`].
    feed_pages: Option<&'g [bool]>,
}

impl std::ops::Deref for Renderer<'_> {
    type Target = Prepared;

    fn deref(&self) -> &Prepared {
        self.p
    }
}

/// What every page's template receives, as the top-level keys of its context.
#[derive(Serialize)]
struct Common<'a> {
    cluster: &'a ClusterView,
    site: &'a SiteView,
    title: String,
    meta: Vec<Meta>,
    header: &'a str,
    footer: &'a str,
    breadcrumbs: Vec<Link>,
    /// The site, and which of its headers `header` is: what the key has of the views, the
    /// header and the footer ([`CommonKey`]).
    #[serde(skip)]
    chrome: (usize, usize),
}

/// What a page's key has of its [`Common`]: the same, but the cluster and site views, the
/// header and the footer by their digests, made once per build.
#[derive(Serialize)]
struct CommonKey<'a> {
    cluster: &'a str,
    site: &'a str,
    title: &'a str,
    meta: &'a [Meta],
    header: &'a str,
    footer: &'a str,
    breadcrumbs: &'a [Link],
}

#[derive(Serialize)]
struct ArticleView {
    title: String,
    date: String,
    date_cn: String,
    datetime: String,
    source: String,
    author: Option<String>,
    content: String,
    disclosure: Option<DisclosureView>,
    attachments: Vec<Link>,
    newer: Option<Item>,
    older: Option<Item>,
    /// The review date, once a static page is past it (`reviewed` + `review_in`).
    review_overdue: Option<String>,
    /// The 草稿 banner, on a draft's page (only a preview renders drafts).
    draft: Option<&'static str>,
    /// The letter and its reply, on a letter's page.
    letter: Option<letters::LetterView>,
    /// Guests and time, on an interview's page.
    interview: Option<letters::InterviewView>,
    /// The monthly letter reports, on a letter's page.
    report_url: Option<String>,
}

#[derive(Serialize)]
struct ColumnView {
    name: String,
    url: String,
    kind: ColumnKind,
    description: Option<String>,
    children: Vec<Link>,
    /// The site's 政府信息公开目录, on the disclosure column it hangs under.
    catalog_url: Option<String>,
    /// The monthly letter reports, on the portal column that hosts them.
    report_url: Option<String>,
}

impl Prepared {
    /// Compiles the theme and renders every site's header and footer once.
    pub fn new(g: &SiteGraph<'_>, today: chrono::NaiveDate) -> Result<Self, Diagnostic> {
        let tera = templates::compile(&g.cluster.theme, &g.cluster.config.theme)?;
        let cluster = ClusterView::of(g);
        let sites: Vec<SiteView> = (0..g.cluster.sites.len()).map(|s| SiteView::of(g, s)).collect();
        let catalog_rows = catalog::CatalogRows::of(&g.catalog.entries, &g.cluster.config.base_path());
        let mut p = Prepared {
            tera,
            cluster,
            sites,
            headers: Vec::new(),
            footers: Vec::new(),
            catalog_rows,
            today,
            chrome_digests: Default::default(),
            view_digests: Default::default(),
        };
        // Each site's header variants and footer, the sites side by side.
        let chrome_of_site = |s: usize| -> Result<(Vec<String>, String), Diagnostic> {
            let tops: Vec<usize> = g.cluster.sites[s].columns.top().collect();
            let mut hs = Vec::new();
            // The home page's header (首页 current), one with no column current (site map, search,
            // 404…), then one per top column.
            let variants = [(true, None), (false, None)].into_iter().chain(tops.iter().map(|&t| (false, Some(t))));
            for (home, current) in variants {
                let mut ctx = Context::new();
                ctx.insert("cluster", &p.cluster);
                ctx.insert("site", &p.sites[s]);
                ctx.insert("home", &home);
                ctx.insert("nav", &nav(g, s, current));
                hs.push(chrome(p.tera_render(&g.cluster.config.theme, "partials/header.html", &ctx)?));
            }
            let mut ctx = Context::new();
            ctx.insert("cluster", &p.cluster);
            ctx.insert("site", &p.sites[s]);
            let footer = chrome(p.tera_render(&g.cluster.config.theme, "partials/footer.html", &ctx)?);
            Ok((hs, footer))
        };
        use rayon::prelude::*;
        let chrome: Vec<Result<(Vec<String>, String), Diagnostic>> =
            (0..g.cluster.sites.len()).into_par_iter().map(chrome_of_site).collect();
        // The first site's error, whichever thread met it first.
        let chrome: Vec<(Vec<String>, String)> = chrome.into_iter().collect::<Result<_, _>>()?;
        (p.headers, p.footers) = chrome.into_iter().unzip();
        p.chrome_digests = (
            p.headers.iter().map(|hs| hs.iter().map(|h| chrome_digest(h)).collect()).collect(),
            p.footers.iter().map(|f| chrome_digest(f)).collect(),
        );
        p.view_digests = (json_digest(&p.cluster), p.sites.iter().map(json_digest).collect());
        Ok(p)
    }

    /// A renderer of `g` with these preparations. `g` must be the graph they were prepared
    /// from, or one of the same cluster whose catalog rows were brought up to date with
    /// [`Prepared::refresh_catalog_rows`] or [`Prepared::set_catalog_row`].
    pub fn bind<'g>(&'g self, g: &'g SiteGraph<'g>) -> Renderer<'g> {
        Renderer { g, p: self, output: Output::Html, item_keys: &[], feed_pages: None }
    }

    /// Like [`Prepared::bind`], but the renderer renders no template: the "HTML" of each job
    /// is the SHA-256 (hex) of the template's name and of everything the template would
    /// receive — its whole context, the shared header and footer by their digests — which is
    /// what the build cache keys a generated page (a list, home, catalog page…) by: two
    /// renderings of one template from equal contexts are equal, so a page whose digest (with
    /// its URL and catalog rows) did not change is neither rendered nor written again.
    /// `item_keys[i]` is the SHA-256 of page `i` as a list item (its [`Item`] as JSON), put
    /// in a list page's key in place of the item; a catalog page's key has the SHA-256 of each
    /// catalog row it splices in, and the renderer makes no rows.
    pub fn bind_keys<'g>(&'g self, g: &'g SiteGraph<'g>, item_keys: &'g [[u8; 32]]) -> Renderer<'g> {
        Renderer { g, p: self, output: Output::Key, item_keys, feed_pages: None }
    }

    /// Like [`Prepared::bind`], but each rendering also carries the digest a
    /// [`Prepared::bind_keys`] renderer (with the same `item_keys`) would make of it, computed
    /// from the same context: a build with no previous pages to reuse keys its generated pages
    /// without building each one's context twice.
    pub fn bind_keyed<'g>(&'g self, g: &'g SiteGraph<'g>, item_keys: &'g [[u8; 32]]) -> Renderer<'g> {
        Renderer { g, p: self, output: Output::HtmlAndKey, item_keys, feed_pages: None }
    }

    /// Renders the catalog rows of every entry of `g` again (after entries were added,
    /// removed or reordered), returning the previous rows.
    pub fn refresh_catalog_rows(&mut self, g: &SiteGraph<'_>) -> Vec<String> {
        let rows = catalog::CatalogRows::of(&g.catalog.entries, &g.cluster.config.base_path());
        std::mem::replace(&mut self.catalog_rows, rows).into_html()
    }

    /// Puts back rows returned by [`Prepared::refresh_catalog_rows`].
    pub fn restore_catalog_rows(&mut self, rows: Vec<String>) {
        self.catalog_rows = catalog::CatalogRows::from_html(rows);
    }

    /// Renders the catalog row of entry `k` of `g` again (after its fields changed in place).
    pub fn set_catalog_row(&mut self, g: &SiteGraph<'_>, k: usize) {
        self.catalog_rows.set(&g.catalog.entries, k, &g.cluster.config.base_path());
    }

    /// The day the build runs as.
    pub fn today(&self) -> chrono::NaiveDate {
        self.today
    }

    /// SHA-256 (hex) of what every page's rendering shares besides the theme: the cluster and
    /// site views, the headers and footers (not the day: a page's key has only what the page
    /// shows of it). Part of the build cache's page keys.
    pub fn shared_digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(serde_json::to_vec(&self.cluster).unwrap_or_default());
        h.update(serde_json::to_vec(&self.sites).unwrap_or_default());
        for part in self.headers.iter().flatten().chain(&self.footers) {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())
    }

    /// Renders `template` into a buffer sized for a whole page (Tera's own `render` starts at
    /// 2 KB and grows), checked as UTF-8 once with [`crate::text::utf8_string`].
    fn tera_render(&self, theme: &str, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let mut html = Vec::with_capacity(PAGE_BYTES);
        self.tera.render_to(template, ctx, &mut html).map_err(|e| templates::template_error(theme, template, &e))?;
        // Tera writes only whole `str`s: the check cannot fail, and costs a lossy copy if it did.
        Ok(crate::text::utf8_string(html).unwrap_or_else(|b| String::from_utf8_lossy(&b).into_owned()))
    }
}

/// The title of the page `href` (written on page `p` of `g`, as in its Markdown) leads to, as
/// `titles` gives a page's title by URL, or `href` itself when it leads to no page (a file,
/// another site): what a page shows of the page its `replaced_by` names.
pub(crate) fn replaced_by_title(
    g: &SiteGraph<'_>,
    p: &Page,
    href: &str,
    titles: &dyn Fn(&str) -> Option<String>,
) -> String {
    let site = &g.cluster.sites[p.site];
    let link_base = format!("{}{}/", site.path, site.columns.list[p.column].path);
    let ctx = crate::assemble::links::Context {
        base_path: "/",
        page_url: &p.url,
        link_base: &link_base,
        source_dir: p.src.parent().map(std::path::PathBuf::from),
        urls: &g.urls,
        by_src: &g.by_src,
    };
    match crate::assemble::links::resolve(href, &ctx) {
        crate::assemble::links::Resolved::Internal { path, .. } => titles(&path).unwrap_or_else(|| href.to_owned()),
        _ => href.to_owned(),
    }
}

/// Bytes set aside for a rendered page: a typical article page with its header, navigation and
/// footer is 8–12 KB.
const PAGE_BYTES: usize = 16 * 1024;

/// SHA-256 of `bytes`: the digests a keying renderer has in place of what they cover.
fn sha256(bytes: &[u8]) -> [u8; 32] {
    <sha2::Sha256 as sha2::Digest>::digest(bytes).into()
}

/// SHA-256 (hex) of a shared header or footer: what a keying renderer has in its place.
fn chrome_digest(html: &str) -> String {
    hex::encode(sha256(html.as_bytes()))
}

/// SHA-256 (hex) of `value` as JSON.
fn json_digest<T: Serialize>(value: &T) -> String {
    hex::encode(sha256(&serde_json::to_vec(value).unwrap_or_default()))
}

/// The top navigation of site `s`, with `current` marked.
fn nav(g: &SiteGraph<'_>, s: usize, current: Option<usize>) -> Vec<NavItem> {
    let cols = &g.cluster.sites[s].columns;
    cols.top()
        .map(|c| NavItem {
            name: cols.list[c].name.clone(),
            url: g.column_url(s, c),
            current: Some(c) == current,
            children: cols.list[c]
                .children
                .iter()
                .map(|&k| Link { name: cols.list[k].name.clone(), url: g.column_url(s, k) })
                .collect(),
        })
        .collect()
}

impl<'g> Renderer<'g> {
    /// Renders `template` from `ctx` (when this renderer renders) and gives the digest of the
    /// template and its context (when it keys).
    fn tera_render(&self, template: &str, ctx: PageContext) -> Result<Templated, Diagnostic> {
        let theme = &self.g.cluster.config.theme;
        let (ctx, digest) = ctx.finish(template);
        let html = match ctx {
            Some(ctx) => self.p.tera_render(theme, template, &ctx)?,
            None => String::new(),
        };
        Ok(Templated { html, digest })
    }

    /// The context of a page that shares `common`, keyed (when this renderer keys) with the
    /// shared views, header and footer by their digests.
    fn context(&self, common: &Common<'_>) -> Result<PageContext, Diagnostic> {
        let (s, header) = common.chrome;
        let keyed = CommonKey {
            cluster: &self.p.view_digests.0,
            site: &self.p.view_digests.1[s],
            title: &common.title,
            meta: &common.meta,
            header: &self.p.chrome_digests.0[s][header],
            footer: &self.p.chrome_digests.1[s],
            breadcrumbs: &common.breadcrumbs,
        };
        PageContext::new(self.output, common, &keyed)
            .map_err(|e| templates::template_error(&self.g.cluster.config.theme, "", &e))
    }

    /// Gives `common` the shared header `idx` of its site.
    fn set_header(&self, common: &mut Common<'g>, idx: usize) {
        let s = common.chrome.0;
        common.header = &self.p.headers[s][idx];
        common.chrome.1 = idx;
    }

    /// Puts the list items of the pages `shown` in `ctx` as `items`; the key has their digests
    /// (`item_keys`) instead, which cover them as well at a fraction of the cost, when every
    /// page shown has one.
    fn insert_items(&self, ctx: &mut PageContext, shown: impl Iterator<Item = usize>) {
        let shown: Vec<usize> = shown.collect();
        let items = || -> Vec<Item> { shown.iter().map(|&i| Item::of(self.g, i)).collect() };
        if shown.iter().all(|&i| i < self.item_keys.len()) {
            ctx.insert_digested("items", items, shown.iter().map(|&i| self.item_keys[i]));
        } else {
            ctx.insert("items", &items());
        }
    }

    fn nav(&self, s: usize, current: Option<usize>) -> Vec<NavItem> {
        nav(self.g, s, current)
    }

    /// Keeps, in [`Rendered::feed_body`], the body of every page `i` with `pages[i]` (the
    /// feed entries): the build then makes their entries without rendering them twice.
    pub fn keep_feed_bodies(&mut self, pages: &'g [bool]) {
        self.feed_pages = Some(pages);
    }

    /// Renders one job.
    pub fn render(&self, job: Job) -> Result<Rendered, Diagnostic> {
        match job {
            Job::Page(i) => self.page(i),
            Job::Column { site, column, page_no } => self.column(site, column, page_no),
            Job::Home(s) => self.home(s),
            Job::SiteMap(s) => self.sitemap(s),
            Job::Directory => self.directory(),
            Job::Catalog { scope, facet, page_no } => self.catalog(scope, facet, page_no),
            Job::CatalogStats(y) => self.catalog_stats(y),
            Job::Search => self.search_page(),
            Job::LetterReports => self.letter_report(None),
            Job::LetterReport(m) => self.letter_report(Some(m)),
            Job::Topics => self.topics(),
            Job::TopicHome(t) => self.topic_home(t),
            Job::TopicColumn { topic, sub, page_no } => self.topic_column(topic, sub, page_no),
            Job::NotFound => self.not_found(),
        }
    }

    fn common(&self, s: usize, column: Option<usize>, title: String, meta: Vec<Meta>) -> Common<'_> {
        let site = &self.g.cluster.sites[s];
        let top = column.map(|c| site.columns.ancestry(c)[0]);
        let header_idx = top
            .and_then(|t| site.columns.top().position(|x| x == t))
            .map_or(HEADER_NO_COLUMN, |p| p + HEADER_NO_COLUMN + 1);
        let mut breadcrumbs = Vec::new();
        if site.kind != SiteKind::Portal {
            breadcrumbs.push(Link { name: self.cluster.portal_name.clone(), url: self.cluster.portal_url.clone() });
        }
        breadcrumbs.push(Link { name: site.name.clone(), url: site.path.clone() });
        if let Some(c) = column {
            for k in site.columns.ancestry(c) {
                breadcrumbs.push(Link { name: site.columns.list[k].name.clone(), url: self.g.column_url(s, k) });
            }
        }
        let full_title = if title == site.name { title } else { format!("{title} - {}", site.name) };
        let mut all_meta = vec![
            Meta { name: "SiteName", content: site.name.clone() },
            Meta { name: "SiteDomain", content: self.g.cluster.config.domain.clone().unwrap_or_default() },
            Meta { name: "SiteIDCode", content: site.site_code.clone() },
        ];
        all_meta.extend(meta);
        Common {
            cluster: &self.cluster,
            site: &self.sites[s],
            title: full_title,
            meta: all_meta,
            header: &self.p.headers[s][header_idx],
            footer: &self.p.footers[s],
            breadcrumbs,
            chrome: (s, header_idx),
        }
    }

    fn column_meta(&self, s: usize, c: usize) -> Vec<Meta> {
        let col = &self.g.cluster.sites[s].columns.list[c];
        vec![
            Meta { name: "ColumnName", content: col.name.clone() },
            Meta {
                name: "ColumnDescription",
                content: col
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("{}{}", self.g.cluster.sites[s].name, col.name)),
            },
            Meta { name: "ColumnKeywords", content: col.name.clone() },
            Meta { name: "ColumnType", content: col.kind.meta_type().to_string() },
        ]
    }

    fn page(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let p: &Page = &g.pages[i];
        let site = &g.cluster.sites[p.site];
        let col = &site.columns.list[p.column];
        let text = parse::read_body(&g.cluster.root, p)?;
        let placeholder_warnings = crate::check::placeholder::page(p, &text)?;
        let (body, letter, interview): (Body, _, _) = match col.kind {
            ColumnKind::Interaction => {
                let (b, l) = letters::letter(g, p, &text);
                (b, Some(l), None)
            }
            ColumnKind::Interview => {
                let (b, v) = letters::interview(p, parse::markdown_render(&p.src, &text, p.body_offset));
                (b, None, Some(v))
            }
            _ => (parse::markdown_render(&p.src, &text, p.body_offset), None, None),
        };
        // A feed entry is made from the body as rendered here (a letter's or interview's page
        // shows more than that: their entries are made apart).
        let plain = !matches!(col.kind, ColumnKind::Interaction | ColumnKind::Interview);
        let feed_body = (plain && self.feed_pages.is_some_and(|f| f.get(i) == Some(&true)))
            .then(|| (body.html.clone(), body.summary.clone()));
        let m = &p.meta;
        let source = m.source.as_deref().unwrap_or(&site.name).to_owned();
        let description = m.description.clone().unwrap_or_else(|| body.summary.clone());
        let abs_url = match g.cluster.config.origin() {
            Some(o) => format!("{o}{}{}", g.cluster.config.base_path(), p.url.trim_start_matches('/')),
            None => p.url.clone(),
        };
        let mut meta = self.column_meta(p.site, p.column);
        meta.extend([
            Meta { name: "ArticleTitle", content: m.title.clone() },
            Meta { name: "PubDate", content: m.date.meta() },
            Meta { name: "ContentSource", content: source.clone() },
            Meta { name: "Keywords", content: m.keywords.join(",") },
            Meta { name: "Author", content: m.author.as_deref().unwrap_or_default().to_owned() },
            Meta { name: "Description", content: description },
            Meta { name: "Image", content: String::new() },
            Meta { name: "Url", content: abs_url },
        ]);
        let disclosure = (col.kind == ColumnKind::Disclosure).then(|| DisclosureView {
            index_no: m.index_no.as_deref().unwrap_or_default().to_owned(),
            topic: m.topic.as_deref().unwrap_or_default().to_owned(),
            publisher: m.publisher.as_deref().unwrap_or(&site.name).to_owned(),
            written: m.written.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            doc_number: m.doc_number.as_deref().unwrap_or_default().to_owned(),
            date: m.date.iso_day(),
            genre: m.genre.as_deref().unwrap_or_default().to_owned(),
            valid: m.valid.as_deref().unwrap_or_default().to_owned(),
            replaced_by: m.replaced_by.as_ref().map(|href| Link { name: self.title_at(p, href), url: href.clone() }),
        });
        let (newer, older) = g.neighbours[i];
        let article = ArticleView {
            title: m.title.clone(),
            date: m.date.iso_day(),
            date_cn: m.date.chinese(),
            datetime: m.date.meta(),
            source,
            author: m.author.as_deref().map(str::to_owned),
            content: if body.inert { format!("{BODY_OPEN}{}{BODY_CLOSE}", body.html) } else { body.html },
            disclosure,
            attachments: m.attachments.iter().map(|a| Link { name: a.title.clone(), url: a.path.clone() }).collect(),
            newer: newer.map(|j| Item::of(g, j)),
            older: older.map(|j| Item::of(g, j)),
            draft: m.draft.then_some(labels::DRAFT),
            review_overdue: parse::review_due(m).filter(|due| *due <= self.today).map(|d| d.to_string()),
            report_url: letter.as_ref().and_then(|_| g.report_url(None)),
            letter,
            interview,
        };
        let mut common = self.common(p.site, Some(p.column), m.title.clone(), meta);
        if col.kind == ColumnKind::Page {
            common.breadcrumbs.pop();
        }
        let mut ctx = self.context(&common)?;
        ctx.insert("article", &article);
        ctx.insert("column", &Link { name: col.name.clone(), url: g.column_url(p.site, p.column) });
        let template = if col.kind == ColumnKind::Page { "single.html" } else { "page.html" };
        let mut links = body.links;
        links.extend(m.attachments.iter().map(|a| (a.path.clone(), m.line("attachments").unwrap_or(1))));
        if let Some(by) = &m.replaced_by {
            links.push((by.clone(), m.line("replaced_by").unwrap_or(1)));
        }
        let mut warnings = body.warnings;
        warnings.extend(placeholder_warnings);
        Ok(Rendered {
            url: p.url.clone(),
            html: self.tera_render(template, ctx)?.html,
            source: Some(p.src.clone()),
            links,
            warnings,
            splice: None,
            feed_body,
            context_digest: None,
        })
    }

    /// The title of the page `href` (written on page `p`, as in its Markdown) leads to, or
    /// `href` itself when it leads to no page (a file, another site).
    fn title_at(&self, p: &Page, href: &str) -> String {
        let g = self.g;
        replaced_by_title(g, p, href, &|url| g.pages.iter().find(|q| q.url == url).map(|q| q.meta.title.clone()))
    }

    fn column(&self, s: usize, c: usize, page_no: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let site = &g.cluster.sites[s];
        let col = &site.columns.list[c];
        let base = g.column_url(s, c);
        let per = g.cluster.config.per_page;
        let list = &g.lists[s][c];
        let shown = list.iter().skip((page_no - 1) * per).take(per).copied();
        let title = labels::paged(&col.name, page_no);
        let common = self.common(s, Some(c), title, self.column_meta(s, c));
        let mut ctx = self.context(&common)?;
        let view = ColumnView {
            name: col.name.clone(),
            url: base.clone(),
            kind: col.kind,
            description: col.description.clone(),
            children: col
                .children
                .iter()
                .map(|&k| Link { name: site.columns.list[k].name.clone(), url: g.column_url(s, k) })
                .collect(),
            catalog_url: g.catalog.scopes.iter().find(|sc| sc.site == s && sc.column == c).map(|sc| sc.url.clone()),
            report_url: (s == 0 && g.letters.host == Some(c)).then(|| g.report_url(None)).flatten(),
        };
        ctx.insert("column", &view);
        self.insert_items(&mut ctx, shown);
        ctx.insert("pager", &Pager::new(&base, page_no, g.page_count(s, c)));
        let template = if col.kind == ColumnKind::Page { "single.html" } else { "list.html" };
        Ok(Rendered::plain(list_page_url(&base, page_no), self.tera_render(template, ctx)?))
    }

    fn home(&self, s: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let site = &g.cluster.sites[s];
        let n = g.cluster.config.home_items;
        let mut blocks: Vec<usize> = Vec::new();
        let mut pages = Vec::new();
        for c in site.columns.top() {
            let col = &site.columns.list[c];
            let subtree = site.columns.subtree(c);
            if col.kind == ColumnKind::Page {
                pages.push(Link { name: col.name.clone(), url: g.column_url(s, c) });
                continue;
            }
            pages.extend(
                subtree
                    .iter()
                    .filter(|&&k| site.columns.list[k].kind == ColumnKind::Page)
                    .map(|&k| Link { name: site.columns.list[k].name.clone(), url: g.column_url(s, k) }),
            );
            let lists: Vec<usize> = std::iter::once(c)
                .chain(col.children.iter().copied())
                .filter(|&k| site.columns.list[k].kind.is_list())
                .collect();
            if site.home.is_none() {
                blocks.extend(lists.into_iter().filter(|&k| k != c || col.children.is_empty()));
            }
        }
        // The columns `home:` (or `brand.home` for the site's kind) names, in its order.
        if let Some(chosen) = &site.home {
            blocks.clone_from(chosen);
        }
        let blocks: Vec<Block> = blocks
            .into_iter()
            .map(|k| Block {
                name: site.columns.list[k].name.clone(),
                url: g.column_url(s, k),
                items: g.lists[s][k].iter().take(n).map(|&i| Item::of(g, i)).collect(),
            })
            .collect();
        let mut common = self.common(s, None, site.name.clone(), Vec::new());
        self.set_header(&mut common, HEADER_HOME);
        let mut ctx = self.context(&common)?;
        ctx.insert("blocks", &blocks);
        ctx.insert("pages", &pages);
        let template = if site.kind == SiteKind::Portal {
            let agg = &g.cluster.config.aggregate;
            let dept = g.sites_of(SiteKind::Department);
            let town = g.sites_of(SiteKind::Township);
            let block = |name: &str, sites: &[usize]| Block {
                name: name.into(),
                url: crate::assemble::DIRECTORY_URL.into(),
                items: g.latest(sites, agg, n).into_iter().map(|i| Item::of(g, i)).collect(),
            };
            ctx.insert("departments", &block(labels::DEPARTMENT_NEWS, &dept));
            ctx.insert("townships", &block(labels::TOWNSHIP_NEWS, &town));
            ctx.insert("groups", &self.site_groups());
            let topics: Vec<Link> = g
                .cluster
                .topics
                .iter()
                .map(|t| Link { name: t.name.clone(), url: crate::assemble::topic_url(t, None) })
                .collect();
            ctx.insert("topics", &topics);
            ctx.insert("topics_url", &crate::assemble::topics_url());
            "portal.html"
        } else {
            "home.html"
        };
        Ok(Rendered::plain(site.path.clone(), self.tera_render(template, ctx)?))
    }

    fn site_groups(&self) -> Vec<Block> {
        [(SiteKind::Department, labels::DEPARTMENTS), (SiteKind::Township, labels::TOWNSHIPS)]
            .iter()
            .map(|(kind, name)| Block {
                name: name.to_string(),
                url: crate::assemble::DIRECTORY_URL.into(),
                items: self
                    .g
                    .sites_of(*kind)
                    .into_iter()
                    .map(|s| {
                        let site = &self.g.cluster.sites[s];
                        Item {
                            title: site.name.clone(),
                            url: site.path.clone(),
                            date: String::new(),
                            site: site.name.clone(),
                            column: String::new(),
                            doc_number: None,
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    fn sitemap(&self, s: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let site = &g.cluster.sites[s];
        let common = self.common(s, None, labels::SITEMAP.into(), Vec::new());
        let mut ctx = self.context(&common)?;
        ctx.insert("nav", &self.nav(s, None));
        Ok(Rendered::plain(
            format!("{}{}/", site.path, crate::assemble::SITEMAP_SEGMENT),
            self.tera_render("sitemap.html", ctx)?,
        ))
    }

    fn directory(&self) -> Result<Rendered, Diagnostic> {
        let common = self.common(0, None, labels::DIRECTORY.into(), Vec::new());
        let mut ctx = self.context(&common)?;
        ctx.insert("groups", &self.site_groups());
        Ok(Rendered::plain(crate::assemble::DIRECTORY_URL.into(), self.tera_render("directory.html", ctx)?))
    }

    /// The search results page: the query form with every filter value, an empty result list
    /// that `search.js` fills from the URL, and a message for browsers without JavaScript.
    fn search_page(&self) -> Result<Rendered, Diagnostic> {
        let common = self.common(0, None, labels::SEARCH.into(), Vec::new());
        let mut ctx = self.context(&common)?;
        ctx.insert("filters", &crate::assemble::FilterValues::of(self.g));
        Ok(Rendered::plain(crate::assemble::SEARCH_URL.into(), self.tera_render("search.html", ctx)?))
    }

    /// The portal's letter reports (通报): the list of months with their totals, or one month
    /// per department, with a chart.
    fn letter_report(&self, month: Option<usize>) -> Result<Rendered, Diagnostic> {
        #[derive(Serialize)]
        struct MonthLink {
            name: String,
            url: String,
            total: crate::assemble::DeptRow,
        }
        let g = self.g;
        let idx = &g.letters;
        let host = idx.host.unwrap_or(0);
        let cal = &g.cluster.config.calendar;
        let label = |m: &str| labels::month(m);
        let title = match month {
            Some(k) => labels::letter_report_of(&label(&idx.months[k])),
            None => labels::LETTER_REPORTS.to_string(),
        };
        let mut common = self.common(0, Some(host), title.clone(), self.column_meta(0, host));
        if month.is_some() {
            common
                .breadcrumbs
                .push(Link { name: labels::LETTER_REPORTS.into(), url: g.report_url(None).unwrap_or_default() });
        }
        let mut ctx = self.context(&common)?;
        ctx.insert("report_title", &title);
        let limits: Vec<(String, u32)> =
            g.cluster.config.interaction.limits.iter().map(|(k, v)| (k.clone(), *v)).collect();
        ctx.insert("limits", &limits);
        ctx.insert("default_limit", &g.cluster.config.interaction.default_limit);
        ctx.insert("today", &self.today.to_string());
        let url = g.report_url(month.map(|k| idx.months[k].as_str())).unwrap_or_default();
        match month {
            Some(k) => {
                let (rows, total) = idx.report(&idx.months[k], cal, self.today);
                ctx.insert("chart", &letters::chart(&rows, &title, "report-chart"));
                ctx.insert("rows", &rows);
                ctx.insert("total", &total);
            }
            None => {
                let months: Vec<MonthLink> = idx
                    .months
                    .iter()
                    .map(|m| MonthLink {
                        name: label(m),
                        url: g.report_url(Some(m)).unwrap_or_default(),
                        total: idx.report(m, cal, self.today).1,
                    })
                    .collect();
                ctx.insert("months", &months);
            }
        }
        Ok(Rendered::plain(url, self.tera_render("report.html", ctx)?))
    }

    fn not_found(&self) -> Result<Rendered, Diagnostic> {
        let common = self.common(0, None, labels::NOT_FOUND.into(), Vec::new());
        let ctx = self.context(&common)?;
        Ok(Rendered::plain("/404.html".into(), self.tera_render("404.html", ctx)?))
    }
}
