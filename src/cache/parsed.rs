//! Parsed pages kept between builds (`.zhanqun-cache/parsed-v3/`, postcard, one file per
//! bucket of sites, see [`super::buckets`]): each page's
//! [`Page`] (identity and front matter) by its source path and content hash, so that a build
//! after an edit reads and parses only the files that changed instead of every page's front
//! matter. A page is reused only when its source's hash and every settings file (sites,
//! columns: what decides its site, column, URL and the rules it is parsed by) are what they
//! were when it was parsed, and only pages whose parsing reported nothing are kept (findings
//! must be reported by every build).

use super::Stamps;
use crate::parse::Page;
use crate::scan::SourceFile;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The folder, under the cache directory; the name carries the format version.
const DIR: &str = "parsed-v3";

/// A page as stored: (source path, content hash, page).
type Stored = (String, String, Page);

/// The key of what parsing reads besides a page's own text: zhanqun's version and every input
/// that is not content (the settings, the sites' files, the topics, the theme).
pub(super) fn settings_key(stamps: &Stamps) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (path, s) in stamps.iter().filter(|(p, _)| !p.starts_with("content/")) {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(s.sha256.hex().as_str().as_bytes());
    }
    hex::encode(h.finalize())
}

/// The pages a previous build parsed, as read from the cache.
#[derive(Default)]
pub(super) struct ParsedPages {
    /// Each bucket's pages by source path: (content hash, page), as read; a page is taken
    /// out by [`ParsedPages::known`]. Each bucket's map is made as its file is decoded, side
    /// by side (one map of every page, made after, was ~30 ms of a single core at 100,000
    /// pages, and a second copy of every path), and a page is looked up in the bucket of its
    /// site ([`site_group`]), as it was written.
    buckets: Vec<Bucket>,
    /// Pages read.
    read: usize,
    /// Pages taken by [`ParsedPages::known`].
    taken: usize,
}

/// A page kept: its content hash and the page (`None` once taken, side by side).
type Kept = (String, Mutex<Option<Page>>);

/// A bucket's pages by source path.
type Bucket = HashMap<String, Kept>;

impl ParsedPages {
    /// The pages kept in the cache directory `dir`, when they were parsed with the
    /// settings `settings` ([`settings_key`]); none otherwise.
    pub(super) fn read(dir: &Path, settings: &str) -> ParsedPages {
        let decode = |bytes: &[u8]| -> Option<Bucket> {
            let split: fn(Stored) -> (String, Kept) = |(src, sha, page)| (src, (sha, Mutex::new(Some(page))));
            super::presized::keyed(&mut postcard::Deserializer::from_bytes(bytes), split).ok()
        };
        let Some((_, read)) = super::buckets::read(&dir.join(DIR), settings, decode) else {
            return ParsedPages::default();
        };
        let mut buckets: Vec<Bucket> = (0..super::buckets::BUCKETS).map(|_| HashMap::new()).collect();
        for (n, pages) in read {
            buckets[n] = pages;
        }
        let read = buckets.iter().map(HashMap::len).sum();
        ParsedPages { buckets, read, taken: 0 }
    }

    /// For each of `sources`, its kept page when its content hash in `stamps` is the one it
    /// was parsed from (taken out of the cache), else `None`.
    pub(super) fn known(&mut self, sources: &[SourceFile], stamps: &Stamps) -> Vec<Option<Page>> {
        use rayon::prelude::*;
        let bucket = |rel: &str| super::buckets::bucket_of(site_group(rel));
        let known: Vec<Option<Page>> = sources
            .par_iter()
            .map(|s| {
                let rel = super::rel_str(&s.rel);
                let sha = stamps.get(rel.as_ref())?.sha256.hex();
                let (kept, page) = self.buckets.get(bucket(&rel))?.get(rel.as_ref())?;
                if *kept != sha.as_str() {
                    return None;
                }
                let mut page = page.lock().ok()?.take()?;
                // The site and path as scanned now (the same, as the settings are).
                page.site = s.site;
                page.src.clone_from(&s.rel);
                Some(page)
            })
            .collect();
        self.taken = known.iter().flatten().count();
        // 200,000 paths and hashes at 100,000 pages: freed off the critical path.
        crate::parallel::drop_later(std::mem::take(&mut self.buckets));
        known
    }

    /// True when the cache holds exactly the `n` pages [`ParsedPages::known`] took: writing
    /// it again would write the same file.
    pub(super) fn unchanged(&self, n: usize) -> bool {
        self.read == n && self.taken == n
    }
}

/// Writes the pages `pages` (parsed by this build, published or held back) into the cache
/// directory `dir`, but those of `reported` (sources whose parsing reported anything), with the content
/// hashes of `stamps` and the settings key `settings`: only the buckets of sites whose pages
/// changed are written again ([`super::buckets`]).
pub(super) fn write<'p>(
    dir: &Path,
    pages: impl Iterator<Item = &'p Page>,
    reported: &HashSet<PathBuf>,
    stamps: &Stamps,
    settings: &str,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    // Each page's path and hash, side by side (a search of 100,000 stamps by path).
    let pages: Vec<&Page> = pages.filter(|p| !reported.contains(&p.src)).collect();
    let pages: Vec<(String, super::Hex, &Page)> = pages
        .into_par_iter()
        .filter_map(|p| {
            let rel = super::rel(&p.src);
            let sha = stamps.get(&rel)?.sha256.hex();
            Some((rel, sha, p))
        })
        .collect();
    // A page is what its text parsed with these settings gives.
    let buckets = super::buckets::split(
        pages,
        |(src, _, _)| site_group(src),
        |h, (src, sha, _)| {
            for part in [settings, src.as_str(), sha.as_str()] {
                h.update(part.as_bytes());
                h.update([0]);
            }
        },
    );
    super::buckets::write(&dir.join(DIR), settings, &[], &buckets, super::buckets::postcard_bytes)
}

/// The group of a source path for its bucket: `content/<site>`.
fn site_group(src: &str) -> &str {
    let second = src.match_indices('/').nth(1).map_or(src.len(), |(at, _)| at);
    &src[..second]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{FrontMatter, PubDate};

    fn page(src: &str, title: &str) -> Page {
        let meta = FrontMatter {
            source: Some("县政府办公室".into()),
            written: chrono::NaiveDate::from_ymd_opt(2026, 11, 19),
            lines: [("title", 2), ("date", 3)].into_iter().collect(),
            ..FrontMatter::titled(title.into(), PubDate::parse("2026-11-20 09:30").unwrap())
        }
        .with_rare(crate::parse::RareKeys {
            keywords: vec!["会议".into()],
            attachments: vec![crate::parse::Attachment { title: "全文".into(), path: "a.pdf".into() }],
            reproduced: Some(false),
            ..Default::default()
        });
        Page {
            site: 0,
            column: 1,
            url: "/zwdt/gzdt/huiyi/".into(),
            src: PathBuf::from(src),
            body_offset: 42,
            meta: Box::new(meta),
            reply: Some((3, 9)),
            files: vec!["a.pdf".into()],
        }
    }

    fn source(rel: &str) -> SourceFile {
        SourceFile {
            site: 0,
            rel: PathBuf::from(rel),
            dir: "zwdt/gzdt".into(),
            name: rel.rsplit('/').next().unwrap().into(),
            kind: crate::scan::SourceKind::Markdown,
            abs: PathBuf::from("/abs").join(rel),
        }
    }

    fn stamp(sha: &str) -> super::super::Stamp {
        super::super::Stamp { size: 1, mtime: 1, sha256: super::super::Sha256Digest::of(sha.as_bytes()) }
    }

    #[test]
    fn pages_come_back_only_for_the_same_text_and_settings() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = ("content/a.md", "content/b.md", "content/c.md");
        let mut stamps: Stamps = [(a, "1"), (b, "2"), (c, "3"), ("zhanqun.yaml", "s")]
            .iter()
            .map(|(p, h)| (p.to_string(), stamp(h)))
            .collect();
        let settings = settings_key(&stamps);
        let pages = [page(a, "甲"), page(b, "乙"), page(c, "丙")];
        let reported: HashSet<PathBuf> = [PathBuf::from(c)].into();
        write(tmp.path(), pages.iter(), &reported, &stamps, &settings).unwrap();

        // b's text changed; c reported a finding, so it was not kept.
        stamps.insert(b.into(), stamp("2b"));
        let mut kept = ParsedPages::read(tmp.path(), &settings);
        let known = kept.known(&[source(a), source(b), source(c)], &stamps);
        let back = known[0].as_ref().expect("a is unchanged");
        assert_eq!(serde_json::to_value(back).unwrap(), serde_json::to_value(&pages[0]).unwrap());
        assert_eq!(back.meta.line("date"), Some(3));
        assert!(known[1].is_none() && known[2].is_none());
        assert!(!kept.unchanged(3));

        // Another settings file: nothing is reused.
        stamps.insert("sites/portal.yaml".into(), stamp("p"));
        assert_eq!(ParsedPages::read(tmp.path(), &settings_key(&stamps)).read, 0);
    }

    /// Pages of many sites (kept in many buckets) come back by their paths, each once, and
    /// none for a path the cache does not hold.
    #[test]
    fn pages_of_many_sites_come_back_from_their_buckets() {
        let tmp = tempfile::tempdir().unwrap();
        let srcs: Vec<String> = ["jyj", "wjw", "bahezhen", "czj", "fgw", "zwgk"]
            .iter()
            .flat_map(|site| (0..20).map(move |i| format!("content/{site}/zwdt/gzdt/{i:03}.md")))
            .collect();
        let stamps: Stamps = srcs.iter().map(|p| (p.clone(), stamp(p))).collect();
        let settings = settings_key(&stamps);
        let pages: Vec<Page> = srcs.iter().map(|p| page(p, p)).collect();
        write(tmp.path(), pages.iter(), &HashSet::new(), &stamps, &settings).unwrap();
        let mut kept = ParsedPages::read(tmp.path(), &settings);
        assert_eq!(kept.read, srcs.len());
        assert!(kept.buckets.iter().filter(|b| !b.is_empty()).count() > 1, "more than one bucket");
        let mut asked: Vec<SourceFile> = srcs.iter().map(|p| source(p)).collect();
        asked.push(source("content/jyj/zwdt/gzdt/999.md"));
        asked.push(source(&srcs[7]));
        let known = kept.known(&asked, &stamps);
        for (k, src) in srcs.iter().enumerate() {
            assert_eq!(known[k].as_ref().map(|p| p.meta.title.as_str()), Some(src.as_str()), "{src}");
        }
        assert!(known[srcs.len()].is_none(), "a path not kept");
        assert!(known[srcs.len() + 1].is_none(), "a page is taken once");
        assert!(kept.unchanged(srcs.len()));
    }
}
