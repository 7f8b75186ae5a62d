//! sitemap.xml per site (split at 50,000 URLs), an index of them, and robots.txt.

use crate::assemble::SiteGraph;
use crate::load::ColumnKind;
use crate::text::escape_html;

/// Most URLs one sitemap file may hold (sitemaps.org).
const MAX_URLS: usize = 50_000;

/// The names of the sitemap files of a site with `count` URLs (relative to the output root).
pub fn sitemap_names(site_path: &str, count: usize) -> Vec<String> {
    let dir = site_path.trim_start_matches('/');
    (0..count.div_ceil(MAX_URLS).max(1))
        .map(|i| if i == 0 { format!("{dir}sitemap.xml") } else { format!("{dir}sitemap-{}.xml", i + 1) })
        .collect()
}

/// The sitemap files of one site: (file path relative to the output root, XML). `entries`
/// are (absolute URL, optional `YYYY-MM-DD`), in a stable order.
pub fn sitemaps(site_path: &str, entries: &[(String, Option<String>)]) -> Vec<(String, String)> {
    let chunks: Vec<&[(String, Option<String>)]> =
        if entries.is_empty() { vec![&[]] } else { entries.chunks(MAX_URLS).collect() };
    chunks
        .iter()
        .zip(sitemap_names(site_path, entries.len()))
        .map(|(chunk, name)| {
            let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (loc, lastmod) in *chunk {
                xml.push_str("  <url><loc>");
                xml.push_str(&escape_html(loc));
                xml.push_str("</loc>");
                if let Some(d) = lastmod {
                    xml.push_str("<lastmod>");
                    xml.push_str(d);
                    xml.push_str("</lastmod>");
                }
                xml.push_str("</url>\n");
            }
            xml.push_str("</urlset>\n");
            (name, xml)
        })
        .collect()
}

/// `sitemap_index.xml` listing every site's sitemap files (absolute URLs).
pub fn sitemap_index(locs: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for loc in locs {
        xml.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", escape_html(loc)));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// robots.txt allowing everything and naming the sitemap index.
pub fn robots_txt(index_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {index_url}\n")
}

/// The sitemap files of the sites `sites`, and with `with_index` `sitemap_index.xml` and
/// `robots.txt` (which name every site's files). Each site lists its home, its list columns,
/// then its pages column by column, newest first.
pub fn sitemap_files(g: &SiteGraph<'_>, sites: &[usize], with_index: bool) -> Vec<(String, String)> {
    let cfg = &g.cluster.config;
    let prefix = format!("{}{}", cfg.origin().unwrap_or_default(), cfg.base_path());
    let abs = |url: &str| format!("{prefix}{}", url.trim_start_matches('/'));
    let mut files = Vec::new();
    for &s in sites {
        let site = &g.cluster.sites[s];
        let mut entries: Vec<(String, Option<String>)> = vec![(abs(&site.path), None)];
        for (c, col) in site.columns.list.iter().enumerate() {
            if col.kind != ColumnKind::Page {
                entries.push((abs(&g.column_url(s, c)), None));
            }
        }
        for c in 0..site.columns.list.len() {
            let own = site_column_pages(g, s, c);
            entries.extend(own.map(|i| (abs(&g.pages[i].url), Some(g.pages[i].meta.date.iso_day()))));
        }
        files.extend(sitemaps(&site.path, &entries));
    }
    if !with_index {
        return files;
    }
    let mut per_site = vec![0usize; g.cluster.sites.len()];
    for p in &g.pages {
        per_site[p.site] += 1;
    }
    let mut locs = Vec::new();
    for (s, site) in g.cluster.sites.iter().enumerate() {
        let lists = site.columns.list.iter().filter(|c| c.kind != ColumnKind::Page).count();
        locs.extend(sitemap_names(&site.path, 1 + lists + per_site[s]).into_iter().map(|n| format!("{prefix}{n}")));
    }
    files.push(("sitemap_index.xml".to_owned(), sitemap_index(&locs)));
    files.push(("robots.txt".to_owned(), robots_txt(&format!("{prefix}sitemap_index.xml"))));
    files
}

/// The pages of column `c` of site `s` itself (not its sub-columns), newest first.
fn site_column_pages<'g>(g: &'g SiteGraph<'_>, s: usize, c: usize) -> Box<dyn Iterator<Item = usize> + 'g> {
    if g.cluster.sites[s].columns.list[c].kind == ColumnKind::Page {
        Box::new(g.single[s].get(&c).copied().into_iter())
    } else {
        Box::new(g.lists[s][c].iter().copied().filter(move |&i| g.pages[i].column == c))
    }
}

/// [`sitemap_files`] as bytes.
pub fn sitemap_bytes(g: &SiteGraph<'_>, sites: &[usize], with_index: bool) -> Vec<(String, Vec<u8>)> {
    sitemap_files(g, sites, with_index).into_iter().map(|(path, xml)| (path, xml.into_bytes())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_are_split() {
        let entries: Vec<_> = (0..MAX_URLS + 1).map(|i| (format!("https://a.cn/{i}/"), None)).collect();
        let files = sitemaps("/jyj/", &entries);
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].0, "jyj/sitemap.xml");
        assert_eq!(files[1].0, "jyj/sitemap-2.xml");
        assert_eq!(files[1].1.matches("<url>").count(), 1);
    }
}
