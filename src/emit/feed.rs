//! Feeds for new media (政务微博/微信 tooling, other sites): Atom 1.0 and JSON Feed 1.1 for every
//! site, every list column, and the whole cluster (published by the portal), each with the
//! newest `feed_items` pages — absolute URLs, full content, summary and publish date.

use crate::assemble::SiteGraph;
use crate::assemble::feeds::{ATOM_FILE, CLUSTER_DIR, JSON_FILE, site_feeds};
use crate::load::ColumnKind;
use crate::parse;
use crate::rewrite::{self, Resolved};
use crate::text::escape_html;
use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One feed before it is written in either format.
struct Feed {
    /// Output directory relative to the output root (`jyj/zwdt/`).
    dir: String,
    title: String,
    /// Absolute URL of the HTML page the feed mirrors.
    home: String,
    pages: Vec<usize>,
}

/// A page as it appears in feeds, prepared once however many feeds carry it (and kept by the
/// build cache between builds, see [`EntryMemo`]).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Entry {
    url: String,
    title: String,
    summary: String,
    content: String,
    /// RFC 3339 publish time (`2024-03-15T09:30:00+08:00`).
    published: String,
    author: String,
    tags: Vec<String>,
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    language: &'static str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    summary: &'a str,
    date_published: &'a str,
    authors: [JsonAuthor<'a>; 1],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

/// Feed entries kept between builds: an entry's page body is rendered again with absolute
/// links, which at 100,000 pages is seconds of work for the few pages an edit changes.
pub trait EntryMemo: Sync {
    /// The entry of page `i` as an earlier build made it, when nothing it is made from changed.
    fn get(&self, i: usize) -> Option<Entry>;
    /// Remembers the entry of page `i`, just made.
    fn put(&self, i: usize, entry: &Entry);
    /// The key of page `i`'s entry, covering everything it is made from (the build cache's
    /// page key), if it has one: a feed whose every page has one is keyed as a whole.
    fn page_key(&self, i: usize) -> Option<&str> {
        let _ = i;
        None
    }
    /// Puts in the output, as the previous build wrote them, the files `paths` of a feed of
    /// the pages `pages` (or of a catalog: no pages) whose key was `key` then; false when it
    /// cannot (the files are made).
    fn reuse_files(&self, key: &str, pages: &[usize], paths: &[&str]) -> bool {
        let _ = (key, pages, paths);
        false
    }
    /// Remembers that the files `paths` of a feed (or a catalog) were made under `key`.
    fn made_files(&self, key: &str, paths: &[&str]) {
        let _ = (key, paths);
    }
}

/// The format of a feed's key: part of it.
const FEED_KEY_FORMAT: &str = "zhanqun-feed-1";

/// The key of feed `f`'s files when `memo` knows every page's key: its place, title and home,
/// the origin and base path `prefix`, and its pages' keys in order — the files are made from
/// nothing else.
fn feed_key(f: &Feed, prefix: &str, memo: &dyn EntryMemo) -> Option<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [FEED_KEY_FORMAT, &f.dir, &f.title, &f.home, prefix] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    for &i in &f.pages {
        h.update(memo.page_key(i)?.as_bytes());
        h.update([0]);
    }
    Some(hex::encode(h.finalize()))
}

/// The feed files of the sites `sites` (each site and each of its list columns), and with
/// `with_cluster` the cluster-wide feed: (path relative to the output root, bytes). None when
/// the cluster has no known origin, since feed readers need absolute URLs.
pub fn feed_files(g: &SiteGraph<'_>, sites: &[usize], with_cluster: bool) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let _ = write_feed_files(g, sites, with_cluster, None, &mut |path, bytes| {
        files.push((path, bytes));
        Ok::<(), std::convert::Infallible>(())
    });
    files
}

/// [`feed_files`], each file handed to `sink` as soon as it is made, the entries taken from
/// `memo` where it has them. The feeds are made site by site, so that only one site's prepared
/// entries (full content) are held at a time.
pub fn write_feed_files<E>(
    g: &SiteGraph<'_>,
    sites: &[usize],
    with_cluster: bool,
    memo: Option<&dyn EntryMemo>,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let Some(prefix) = origin_prefix(g) else { return Ok(()) };
    for &s in sites {
        write_feeds(g, &site_feed_list(g, s, &prefix), &prefix, memo, sink)?;
    }
    if with_cluster {
        write_feeds(g, &[cluster_feed(g, &prefix)], &prefix, memo, sink)?;
    }
    Ok(())
}

/// Which pages are entries of the feeds [`write_feed_files`] writes for the same sites: by page
/// index, none without an origin. The build prepares their entries while it renders them
/// ([`entry_of_body`]), from the body it renders anyway.
pub fn entry_pages(g: &SiteGraph<'_>, sites: &[usize], with_cluster: bool) -> Vec<bool> {
    let mut wanted = vec![false; g.pages.len()];
    let Some(prefix) = origin_prefix(g) else { return wanted };
    let cluster = with_cluster.then(|| cluster_feed(g, &prefix));
    let feeds = sites.iter().flat_map(|&s| site_feed_list(g, s, &prefix)).chain(cluster);
    for i in feeds.flat_map(|f| f.pages) {
        wanted[i] = true;
    }
    wanted
}

/// The absolute URL of the output root (`https://www.example.gov.cn/`), which entry URLs and
/// links are made absolute against; none when the cluster has no known origin, since feed
/// readers need absolute URLs (then no feed is written).
pub fn origin_prefix(g: &SiteGraph<'_>) -> Option<String> {
    let cfg = &g.cluster.config;
    Some(format!("{}{}", cfg.origin()?, cfg.base_path()))
}

/// The feeds of site `s`: the site's own, then one per list column.
fn site_feed_list(g: &SiteGraph<'_>, s: usize, prefix: &str) -> Vec<Feed> {
    let n = g.cluster.config.feed_items.max(1);
    let site = &g.cluster.sites[s];
    site_feeds(g, s)
        .into_iter()
        .map(|(column, url)| {
            let (title, pages) = match column {
                None => {
                    let tops: Vec<String> = site.columns.top().map(|c| site.columns.list[c].path.clone()).collect();
                    (site.name.clone(), g.latest(&[s], &tops, n))
                }
                Some(c) => (
                    format!("{} - {}", site.columns.list[c].name, site.name),
                    g.lists[s][c].iter().take(n).copied().collect(),
                ),
            };
            let home = format!("{prefix}{}", url.trim_start_matches('/'));
            Feed { dir: url.trim_start_matches('/').to_string(), title, home, pages }
        })
        .collect()
}

/// The cluster-wide feed: the newest pages of every site's top columns.
fn cluster_feed(g: &SiteGraph<'_>, prefix: &str) -> Feed {
    let n = g.cluster.config.feed_items.max(1);
    let all: Vec<usize> = (0..g.cluster.sites.len()).collect();
    let tops: BTreeSet<String> =
        g.cluster.sites.iter().flat_map(|s| s.columns.top().map(|c| s.columns.list[c].path.clone())).collect();
    Feed {
        dir: CLUSTER_DIR.to_string(),
        title: g.cluster.config.name.clone(),
        home: prefix.to_string(),
        pages: g.latest(&all, &tops.into_iter().collect::<Vec<_>>(), n),
    }
}

/// Both files of each of `feeds`, from the entries of their pages (prepared in parallel); a
/// feed whose files `memo` still has under the same key is not made again.
fn write_feeds<E>(
    g: &SiteGraph<'_>,
    feeds: &[Feed],
    prefix: &str,
    memo: Option<&dyn EntryMemo>,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let feeds: Vec<(&Feed, Option<String>)> = feeds
        .iter()
        .filter_map(|f| {
            let Some(m) = memo else { return Some((f, None)) };
            let key = feed_key(f, prefix, m);
            let paths = [format!("{}{ATOM_FILE}", f.dir), format!("{}{JSON_FILE}", f.dir)];
            let reused = key.as_deref().is_some_and(|k| m.reuse_files(k, &f.pages, &[&paths[0], &paths[1]]));
            (!reused).then_some((f, key))
        })
        .collect();
    let wanted: BTreeSet<usize> = feeds.iter().flat_map(|(f, _)| f.pages.iter().copied()).collect();
    let entries: BTreeMap<usize, Entry> = wanted
        .into_par_iter()
        .filter_map(|i| {
            if let Some(e) = memo.and_then(|m| m.get(i)) {
                return Some((i, e));
            }
            let e = entry(g, i, prefix)?;
            if let Some(m) = memo {
                m.put(i, &e);
            }
            Some((i, e))
        })
        .collect();
    for (f, key) in feeds {
        let items: Vec<&Entry> = f.pages.iter().filter_map(|i| entries.get(i)).collect();
        let feed_url = format!("{prefix}{}", f.dir);
        let paths = [format!("{}{ATOM_FILE}", f.dir), format!("{}{JSON_FILE}", f.dir)];
        sink(paths[0].clone(), atom(f, &feed_url, &items).into_bytes())?;
        sink(paths[1].clone(), json(f, &feed_url, &items))?;
        if let (Some(m), Some(key)) = (memo, key) {
            m.made_files(&key, &[&paths[0], &paths[1]]);
        }
    }
    Ok(())
}

/// Prepares page `i`: its body rendered again with every link made absolute.
fn entry(g: &SiteGraph<'_>, i: usize, prefix: &str) -> Option<Entry> {
    let p = &g.pages[i];
    let text = parse::read_body(&g.cluster.root, p).ok()?;
    let body = parse::markdown_render(&p.src, &text, p.body_offset);
    Some(entry_of_body(g, i, prefix, &body.html, body.summary))
}

/// The feed entry of page `i` from its body as [`parse::markdown_render`] renders it (`html`,
/// `summary`), every link made absolute against `prefix` ([`origin_prefix`]).
pub fn entry_of_body(g: &SiteGraph<'_>, i: usize, prefix: &str, html: &str, summary: String) -> Entry {
    let p = &g.pages[i];
    let site = &g.cluster.sites[p.site];
    let col = &site.columns.list[p.column];
    let url = format!("{prefix}{}", p.url.trim_start_matches('/'));
    let link_base = format!("{}{}/", site.path, col.path);
    let ctx = rewrite::Context {
        base_path: "/",
        page_url: &p.url,
        link_base: &link_base,
        source_dir: p.src.parent().map(Path::to_path_buf),
        urls: &g.urls,
        by_src: &g.by_src,
    };
    let content = absolute_links(html, &ctx, prefix, &url);
    let m = &p.meta;
    let time = m.date.time.unwrap_or_default();
    let published = format!("{}T{}+08:00", m.date.iso_day(), time.format("%H:%M:%S"));
    let mut tags = vec![col.name.clone()];
    tags.extend(m.topics.iter().cloned());
    if col.kind == ColumnKind::Disclosure
        && let Some(t) = &m.topic
    {
        tags.push(t.to_string());
    }
    Entry {
        title: m.title.clone(),
        summary: m.description.clone().unwrap_or(summary),
        content,
        published,
        author: m.source.as_deref().unwrap_or(&site.name).to_owned(),
        tags,
        url,
    }
}

/// Every `href` and `src` of `html` made absolute, as a feed reader needs them.
fn absolute_links(html: &str, ctx: &rewrite::Context<'_>, prefix: &str, page_url: &str) -> String {
    let mut out = Vec::with_capacity(html.len() + html.len() / 8);
    let settings = Settings::new().append_element_content_handler(element!("[href], [src]", |el| {
        for attr in ["href", "src"] {
            let Some(value) = el.get_attribute(attr) else { continue };
            let fixed = match rewrite::resolve(&value, ctx) {
                Resolved::Internal { path, suffix, .. } => format!("{prefix}{}{suffix}", path.trim_start_matches('/')),
                Resolved::SamePage(_) => format!("{page_url}{}", &value[value.find('#').unwrap_or(0)..]),
                _ => continue,
            };
            el.set_attribute(attr, &fixed)?;
        }
        Ok(())
    }));
    let mut rw = HtmlRewriter::new(settings, |c: &[u8]| out.extend_from_slice(c));
    if rw.write(html.as_bytes()).and_then(|_| rw.end()).is_err() {
        return html.to_string();
    }
    String::from_utf8(out).unwrap_or_else(|_| html.to_string())
}

fn atom(f: &Feed, feed_url: &str, items: &[&Entry]) -> String {
    let e = xml_text;
    let updated = items.iter().map(|i| i.published.as_str()).max().unwrap_or("1970-01-01T00:00:00+08:00");
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n\
         <title>{}</title>\n<id>{}</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{updated}</updated>\n\
         <author><name>{}</name></author>\n<generator>zhanqun</generator>\n",
        e(&f.title),
        e(&f.home),
        e(&format!("{feed_url}{ATOM_FILE}")),
        e(&f.home),
        e(&f.title),
    );
    for i in items {
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
            e(&i.title),
            e(&i.url),
            e(&i.url),
            i.published,
            i.published,
            e(&i.author),
        ));
        for t in &i.tags {
            xml.push_str(&format!("<category term=\"{}\"/>\n", e(t)));
        }
        xml.push_str(&format!(
            "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            e(&i.summary),
            e(&i.content)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// Text escaped for XML, without the characters XML 1.0 forbids (control characters a hostile
/// page may carry), so one page cannot make a whole feed unreadable.
fn xml_text(s: &str) -> String {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    // Almost every text has none: it is escaped as it is, without a copy char by char.
    if s.bytes().all(|b| b >= b' ' || matches!(b, b'\t' | b'\n' | b'\r')) && !s.contains(['\u{FFFE}', '\u{FFFF}']) {
        return escape_html(s);
    }
    escape_html(&s.chars().filter(|&c| allowed(c)).collect::<String>())
}

fn json(f: &Feed, feed_url: &str, items: &[&Entry]) -> Vec<u8> {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &f.title,
        home_page_url: &f.home,
        feed_url: format!("{feed_url}{JSON_FILE}"),
        language: "zh-CN",
        items: items
            .iter()
            .map(|i| JsonItem {
                id: &i.url,
                url: &i.url,
                title: &i.title,
                content_html: &i.content,
                summary: &i.summary,
                date_published: &i.published,
                authors: [JsonAuthor { name: &i.author }],
                tags: &i.tags,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&feed).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::xml_text;

    #[test]
    fn xml_text_escapes_and_drops_what_xml_forbids() {
        assert_eq!(xml_text("通知<公告>&“引号”"), "通知&lt;公告&gt;&amp;“引号”");
        assert_eq!(xml_text("行一\n\t行二\r"), "行一\n\t行二\r");
        assert_eq!(xml_text("a\u{0}b\u{1b}c\u{8}d"), "abcd");
        assert_eq!(xml_text("前\u{FFFE}中\u{FFFF}后<"), "前中后&lt;");
    }
}
