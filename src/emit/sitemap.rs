//! sitemap.xml per site (split at 50,000 URLs), an index of them, and robots.txt.

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
