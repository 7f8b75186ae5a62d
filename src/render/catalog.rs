//! Catalog pages (政府信息公开目录): the tables of a site's (or, on the portal, every
//! organisation's) disclosed documents, their facet pages, and the portal's yearly statistics.

use super::view::{Link, Meta, Pager};
use super::{Output, Rendered, Renderer};
use crate::assemble::{FacetKind, list_page_url};
use crate::catalog::YearStats;
use crate::diagnostic::Diagnostic;
use crate::labels;
use serde::Serialize;

/// Stands in the rendered catalog page for its table rows, which are spliced in after the
/// rewrite stage (see [`catalog_rows`]).
pub const ROWS_MARKER: &str = "<!--zhanqun:catalog-rows-->";

/// The table row of every catalog entry, rendered once with the base path already applied.
/// A document appears on up to nine catalog pages (its site's and the unified catalog, each
/// whole and under three or four filters); rendering and rewriting its row once instead of on
/// every page keeps catalogs cheap on 10^5-page clusters. The links are the URLs of the
/// documents' own pages, which exist by construction, so the rows need no link check.
fn catalog_rows(entries: &[crate::catalog::CatalogEntry], base_path: &str) -> Vec<String> {
    use rayon::prelude::*;
    let e = crate::text::escape_html;
    entries
        .par_iter()
        .map(|d| {
            format!(
                "<tr><td class=\"index-no\">{}</td><td><a href=\"{}{}\">{}</a></td><td class=\"doc-number\">{}</td><td>{}</td><td class=\"date\">{}</td><td class=\"date\">{}</td></tr>\n",
                e(&d.index_no),
                base_path,
                e(d.url.trim_start_matches('/')),
                e(&d.title),
                e(d.doc_number.as_deref().unwrap_or("")),
                e(&d.publisher),
                e(d.written.as_deref().unwrap_or("")),
                e(&d.date[..10]),
            )
        })
        .collect()
}

/// A facet value as a filter link.
#[derive(Debug, Serialize)]
struct FilterLink<'a> {
    label: &'a str,
    url: &'a str,
    count: usize,
    current: bool,
}

/// The filter links of one facet kind.
#[derive(Debug, Serialize)]
struct FilterGroup<'a> {
    label: &'static str,
    kind: FacetKind,
    links: Vec<FilterLink<'a>>,
}

/// One organisation's line of the statistics table.
#[derive(Debug, Serialize)]
struct StatsRow<'a> {
    name: &'a str,
    total: usize,
    counts: Vec<usize>,
}

/// What the catalog template sees.
#[derive(Debug, Serialize)]
struct CatalogView<'a> {
    title: String,
    unified: bool,
    /// `按主题：综合政务` when filtered.
    filter: Option<String>,
    all_url: &'a str,
    total: usize,
    /// [`ROWS_MARKER`] when the page has rows.
    rows: Option<&'static str>,
    /// The filter links, on the first page of the unfiltered catalog only; every other page
    /// links there (keeps the 10^4 facet pages of a large cluster small).
    groups: Vec<FilterGroup<'a>>,
    /// Where the filter links are, on pages that do not carry them.
    filters_url: Option<String>,
    json_url: String,
    csv_url: String,
    stats: Vec<Link>,
}

impl Renderer<'_> {
    /// Page `page_no` of catalog `scope`, unfiltered or filtered by facet `facet`.
    pub(super) fn catalog(&self, scope: usize, facet: Option<usize>, page_no: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let cat = &g.catalog;
        let sc = &cat.scopes[scope];
        let site = &g.cluster.sites[sc.site];
        let (items, base) = match facet {
            Some(f) => (&sc.facets[f].items, &sc.facets[f].url),
            None => (&sc.items, &sc.url),
        };
        let per = g.cluster.config.catalog_per_page.max(1);
        let shown = &items[((page_no - 1) * per).min(items.len())..(page_no * per).min(items.len())];
        // A keying renderer covers the rows by their digests, and has no use for them.
        let rows: String = match self.output {
            Output::Key => String::new(),
            Output::Html | Output::HtmlAndKey => shown.iter().map(|&i| self.catalog_rows.html[i].as_str()).collect(),
        };
        let mut groups: Vec<FilterGroup<'_>> = Vec::new();
        let with_filters = facet.is_none() && page_no == 1;
        for (f, fc) in sc.facets.iter().enumerate().filter(|_| with_filters) {
            let link = FilterLink { label: &fc.label, url: &fc.url, count: fc.items.len(), current: facet == Some(f) };
            match groups.last_mut() {
                Some(group) if group.kind == fc.kind => group.links.push(link),
                _ => groups.push(FilterGroup { label: fc.kind.label(), kind: fc.kind, links: vec![link] }),
            }
        }
        let name = labels::catalog_of(if sc.unified { &g.cluster.config.name } else { &site.name });
        let filter = facet.map(|f| labels::filter(sc.facets[f].kind.label(), &sc.facets[f].label));
        let title = match &filter {
            Some(f) => labels::catalog_filtered(f),
            None => labels::CATALOG.to_owned(),
        };
        let title = labels::paged(&title, page_no);
        let (json_url, csv_url) = if sc.unified {
            ("/catalog.json".to_owned(), "/catalog.csv".to_owned())
        } else {
            (format!("/catalog/{}.json", site.id), format!("/catalog/{}.csv", site.id))
        };
        let stats = if sc.unified {
            cat.years.iter().filter_map(|y| Some(Link { name: labels::year(y), url: cat.stats_url(y)? })).collect()
        } else {
            Vec::new()
        };
        let view = CatalogView {
            title: name,
            unified: sc.unified,
            filter,
            all_url: &sc.url,
            total: items.len(),
            rows: (!shown.is_empty()).then_some(ROWS_MARKER),
            groups,
            filters_url: (!with_filters && !sc.facets.is_empty()).then(|| format!("{}#catalog-filters", sc.url)),
            json_url,
            csv_url,
            stats,
        };
        let mut common = self.common(sc.site, Some(sc.column), title, catalog_meta());
        common.breadcrumbs.push(Link { name: labels::CATALOG.into(), url: sc.url.clone() });
        let mut ctx = self.context(&common)?;
        ctx.insert("catalog", &view);
        ctx.insert("pager", &Pager::new(base, page_no, g.catalog_page_count(items.len())));
        // Read only when keying: the digests are made then.
        ctx.key_digests("rows", shown.iter().map(|&i| self.catalog_rows.digests()[i]));
        let templated = self.tera_render("catalog.html", ctx)?;
        Ok(Rendered {
            url: list_page_url(base, page_no),
            html: templated.html,
            source: None,
            links: Vec::new(),
            warnings: Vec::new(),
            splice: Some(rows),
            feed_body: None,
            context_digest: templated.digest,
        })
    }

    /// The portal's statistics page for year `years[y]`.
    pub(super) fn catalog_stats(&self, y: usize) -> Result<Rendered, Diagnostic> {
        let g = self.g;
        let cat = &g.catalog;
        let sc = &cat.scopes[0];
        let year = &cat.years[y];
        let stats = YearStats::of_cluster(g.cluster, &cat.entries, year);
        let columns: Vec<&String> = stats.cluster.by_column.keys().collect();
        // Counts in column order, precomputed: Tera cannot index a map by a non-ASCII key.
        let rows: Vec<StatsRow<'_>> = stats
            .organisations
            .iter()
            .chain(std::iter::once(&stats.cluster))
            .map(|o| StatsRow {
                name: &o.name,
                total: o.total,
                counts: columns.iter().map(|c| o.by_column.get(*c).copied().unwrap_or(0)).collect(),
            })
            .collect();
        let mut common = self.common(sc.site, Some(sc.column), labels::year_stats(year), catalog_meta());
        common.breadcrumbs.push(Link { name: labels::CATALOG.into(), url: sc.url.clone() });
        let mut ctx = self.context(&common)?;
        ctx.insert("stats", &stats);
        ctx.insert("columns", &columns);
        ctx.insert("rows", &rows);
        ctx.insert("chart", &stats.to_svg());
        ctx.insert(
            "years",
            &cat.years
                .iter()
                .filter_map(|y| Some(Link { name: labels::year(y), url: cat.stats_url(y)? }))
                .collect::<Vec<_>>(),
        );
        ctx.insert("catalog_url", &sc.url);
        Ok(Rendered::plain(cat.stats_url(year).unwrap_or_default(), self.tera_render("catalog_stats.html", ctx)?))
    }
}

/// The table row of every catalog entry ([`catalog_rows`]) and each row's SHA-256, which a
/// catalog page's key covers its rows by: hashing the rows themselves, ~100 per page on
/// thousands of catalog pages, was a sixtieth of a cached build's time at 100,000 pages. The
/// digests are made when a key first asks for them: `serve` and a build without the cache
/// never do.
pub(super) struct CatalogRows {
    /// Each entry's row, by entry index.
    html: Vec<String>,
    /// SHA-256 of each row, once asked for.
    digests: std::sync::OnceLock<Vec<[u8; 32]>>,
}

impl CatalogRows {
    /// The rows of `entries`.
    pub(super) fn of(entries: &[crate::catalog::CatalogEntry], base_path: &str) -> CatalogRows {
        CatalogRows::from_html(catalog_rows(entries, base_path))
    }

    /// Rows already rendered.
    pub(super) fn from_html(html: Vec<String>) -> CatalogRows {
        CatalogRows { html, digests: std::sync::OnceLock::new() }
    }

    /// The SHA-256 of each row, made at the first call.
    pub(super) fn digests(&self) -> &[[u8; 32]] {
        self.digests.get_or_init(|| {
            use rayon::prelude::*;
            self.html.par_iter().map(|r| super::sha256(r.as_bytes())).collect()
        })
    }

    /// The rows, giving them up.
    pub(super) fn into_html(self) -> Vec<String> {
        self.html
    }

    /// Renders the row of entry `k` of `entries` again.
    pub(super) fn set(&mut self, entries: &[crate::catalog::CatalogEntry], k: usize, base_path: &str) {
        if let (Some(slot), Some(row)) =
            (self.html.get_mut(k), catalog_rows(&entries[k..=k], base_path).into_iter().next())
        {
            if let Some(digest) = self.digests.get_mut().and_then(|d| d.get_mut(k)) {
                *digest = super::sha256(row.as_bytes());
            }
            *slot = row;
        }
    }
}

/// Column meta tags of the catalog pages (网页设计规范).
fn catalog_meta() -> Vec<Meta> {
    vec![
        Meta { name: "ColumnName", content: labels::CATALOG.into() },
        Meta { name: "ColumnDescription", content: labels::CATALOG_DESCRIPTION.into() },
        Meta { name: "ColumnKeywords", content: labels::CATALOG.into() },
        Meta { name: "ColumnType", content: labels::CATALOG_TYPE.into() },
    ]
}
