//! The build cache during one incremental build: the previous cache, this build's input stamps,
//! which pages can be reused, and the cache the build leaves for the next one.

use super::{BuildCache, PageMemo, Stamp, Stamps, memo};
use crate::assemble::SiteGraph;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{FileEntry, Manifest, Staging};
use crate::render::Prepared;
use crate::rewrite::CrossRef;
use crate::scan::SourceFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The build cache during one build.
pub struct CacheRun {
    old: BuildCache,
    stamps: Stamps,
    options: String,
    /// [`super::page_options_key`]: the options without the day, for the page keys.
    page_options: String,
    /// The scan made to stamp the inputs and its findings, handed on to the build so that
    /// `content/` is walked once.
    scanned: Option<(Vec<SourceFile>, Diagnostics)>,
    /// What every page's key shares, once the graph is assembled ([`CacheRun::prepare`]).
    globals: Option<memo::Globals>,
    /// Every page's [`memo::page_base`], computed once the graph is assembled: the search
    /// index's groups and the render both ask for them. Held as digests, written out when
    /// asked for (100,000 strings of 64 digits were ~9 MB through the render, the build's peak).
    bases: Vec<Option<super::Sha256Digest>>,
    /// Every page's key, set as the render decides it ([`CacheRun::decided`]), for the feeds.
    keys: super::feeds::PageKeys,
    /// The links the previous build's memos name, resolved in this build where that does not
    /// depend on the page ([`CacheRun::prepare`]).
    links: super::links::LinkTable,
    /// Each page's [`memo::item_digest`], from when the graph is assembled to the render's end.
    items: Vec<[u8; 32]>,
    /// The pages the previous build parsed ([`CacheRun::read_previous`]).
    parsed: super::parsed::ParsedPages,
    /// The sources whose parsing reported anything in this build (not kept).
    reported: std::collections::HashSet<PathBuf>,
    /// With no previous build to compare with, the Markdown sources are stamped as the parse
    /// reads them ([`CacheRun::parse`]) instead of being read twice: until then, true.
    stamps_pending: bool,
}

/// Hands a page's link context to the function it is given ([`CacheRun::take_linked`]).
pub type WithContext<'a> = &'a dyn Fn(&mut dyn FnMut(&crate::rewrite::Context<'_>));

/// A page the cache found unchanged: its previous file, linked into the staging directory,
/// and what the build would otherwise have learnt by rendering it.
#[derive(Debug)]
pub struct Reused {
    /// Its key (the one it was asked for).
    pub key: String,
    /// The file, as the previous build wrote it.
    pub entry: FileEntry,
    /// The page's element ids (targets of cross-page anchors).
    pub ids: crate::rewrite::Ids,
    /// The page's links with a fragment into another page.
    pub cross: Vec<CrossRef>,
    /// The page's searchable text, read back from its file when the build indexes.
    pub text: Option<crate::search::PageText>,
    /// The links its rewrite resolved (none for a feed or catalog file).
    pub links: Option<super::LinkRecord>,
}

impl CacheRun {
    /// Reads the cache in the directory `dir` and stamps the inputs of the cluster (hashing
    /// only files whose size or time moved).
    pub fn start(
        cluster: &crate::load::Cluster,
        dir: &Path,
        out: &Path,
        today: chrono::NaiveDate,
        precompress: bool,
        drafts: bool,
    ) -> CacheRun {
        // Side by side: the cache file (~12 MB of stamps at 100,000 pages, decoded by one
        // thread) and the walk of `content/`.
        let (old, (sources, scan_diags)) = rayon::join(
            || BuildCache::read(dir),
            || {
                let mut diags = Diagnostics::default();
                (crate::scan::scan(cluster, &mut diags), diags)
            },
        );
        // A first build (or one after the cache was lost) has nothing to be up to date with:
        // its Markdown is stamped by the parse, which reads it anyway.
        let stamps_pending = old.inputs.is_empty();
        let files = match stamps_pending {
            true => {
                let assets: Vec<SourceFile> =
                    sources.iter().filter(|s| s.kind != crate::scan::SourceKind::Markdown).cloned().collect();
                super::input_files(cluster, &assets)
            }
            false => super::input_files(cluster, &sources),
        };
        let mut stamps = super::stamp(&files, &old.inputs).unwrap_or_default();
        let theme = cluster.theme.sha256();
        // The theme's digest is hex of a SHA-256; anything else (never) is stamped by its own digest.
        let sha256 = super::Sha256Digest::from_hex(&theme).unwrap_or_else(|| super::Sha256Digest::of(theme.as_bytes()));
        stamps.insert(format!("themes/{}", cluster.config.theme), Stamp { size: 0, mtime: 0, sha256 });
        let options = super::options_key(today, &cluster.config.base_url, out, precompress, drafts);
        let page_options = super::page_options_key(&cluster.config.base_url, out, precompress, drafts);
        CacheRun {
            old,
            stamps,
            options,
            page_options,
            scanned: Some((sources, scan_diags)),
            globals: None,
            bases: Vec::new(),
            keys: std::sync::Arc::new([]),
            links: Default::default(),
            items: Vec::new(),
            parsed: Default::default(),
            reported: Default::default(),
            stamps_pending,
        }
    }

    /// True when the inputs (by content), the options and the output's manifest are what the
    /// last build left.
    pub fn up_to_date(&self, out: &Path) -> bool {
        if self.stamps_pending {
            return false;
        }
        let same_inputs = self.old.inputs.len() == self.stamps.len()
            && self.old.inputs.iter().zip(&self.stamps).all(|((p, a), (q, b))| p == q && a.sha256 == b.sha256);
        // Scan errors (content for an unknown site, a link escaping the root…) must be
        // reported by a build.
        let scan_failed = self.scanned.as_ref().is_some_and(|(_, d)| d.has_errors());
        same_inputs
            && !scan_failed
            && !self.old.options.is_empty()
            && self.old.options == self.options
            && super::file_sha256(&out.join("manifest.json")).is_some_and(|s| s == self.old.manifest_sha256)
    }

    /// The cache the previous build left, for a build that found nothing to do.
    pub fn into_previous(self) -> BuildCache {
        self.old
    }

    /// Reads, side by side (two files of ~35 MB each at 100,000 pages, each decoded by one
    /// thread), what a build that is not up to date takes from the previous one: the page
    /// memos, and the pages it parsed when they were parsed with the settings of this one. No
    /// memos when the output in `out` is not the one that build left (none, another build's,
    /// or one changed since): then no page can be reused, and a build into an empty directory
    /// does not hold 100,000 memos it has no use for.
    pub fn read_previous(&mut self, dir: &Path, out: &Path) {
        // The previous stamps were needed only to stamp the inputs and to find them changed:
        // 100,000 of them are freed off the critical path, not held through the build.
        crate::parallel::drop_later(std::mem::take(&mut self.old.inputs));
        let settings = super::parsed::settings_key(&self.stamps);
        let (old, parsed) = (&mut self.old, &mut self.parsed);
        rayon::join(
            || {
                let manifest = out.join("manifest.json");
                if !old.manifest_sha256.is_empty()
                    && manifest.is_file()
                    && super::file_sha256(&manifest).is_some_and(|s| s == old.manifest_sha256)
                {
                    old.read_memos(dir);
                }
            },
            || *parsed = super::parsed::ParsedPages::read(dir, &settings),
        );
    }

    /// Step parse under the cache: the Markdown files of `sources` as pages, those whose text
    /// is unchanged since the previous build taken from it, the others read and parsed.
    pub fn parse(
        &mut self,
        cluster: &crate::load::Cluster,
        sources: &[SourceFile],
        diags: &mut Diagnostics,
    ) -> Vec<crate::parse::Page> {
        let known = self.parsed.known(sources, &self.stamps);
        let read: Vec<std::sync::OnceLock<Stamp>> = match self.stamps_pending {
            true => (0..sources.len()).map(|_| std::sync::OnceLock::new()).collect(),
            false => Vec::new(),
        };
        let on_read = |i: usize, meta: &std::fs::Metadata, bytes: &[u8]| {
            let _ = read[i].set(Stamp::of(meta, bytes));
        };
        let on_read = self.stamps_pending.then_some(&on_read as crate::parse::OnRead<'_>);
        let (pages, reported) = crate::parse::parse_pages_known(cluster, sources, known, on_read, diags);
        // A source that was not read (its column is unknown) has no stamp: the next build
        // then finds the inputs changed and reports it again.
        for (s, stamp) in sources.iter().zip(read) {
            if let Some(stamp) = stamp.into_inner() {
                self.stamps.insert(super::rel(&s.rel), stamp);
            }
        }
        self.stamps_pending = false;
        self.reported = reported.into_iter().collect();
        pages
    }

    /// Keeps the pages this build parsed (`published` and `held` back) in the cache directory
    /// `dir` for the next build, unless they are exactly those it took from the cache.
    pub fn keep_parsed(&self, dir: &Path, published: &[crate::parse::Page], held: &[crate::parse::Page]) {
        if self.parsed.unchanged(published.len() + held.len()) && self.reported.is_empty() {
            return;
        }
        let settings = super::parsed::settings_key(&self.stamps);
        let pages = published.iter().chain(held);
        // Only an optimisation: a file that cannot be written means parsing again next time.
        let _ = super::parsed::write(dir, pages, &self.reported, &self.stamps, &settings);
    }

    /// The scan made to stamp the inputs, once.
    pub fn take_scan(&mut self) -> Option<(Vec<SourceFile>, Diagnostics)> {
        self.scanned.take()
    }

    /// Computes the base of every page's key from the assembled graph ([`memo::page_base`]),
    /// what they share, and how the links of the shared parts the previous build's memos name
    /// resolve now.
    pub fn prepare(&mut self, graph: &SiteGraph<'_>, prepared: &Prepared) {
        use rayon::prelude::*;
        let globals = memo::Globals::of(graph, prepared, &self.page_options, &self.stamps);
        let items: Vec<[u8; 32]> =
            (0..graph.pages.len()).into_par_iter().map(|j| memo::item_digest(graph, j)).collect();
        // Pages found by URL, for the few that show the title of the page replacing them.
        let by_url: std::sync::OnceLock<HashMap<&str, usize>> = std::sync::OnceLock::new();
        let titles = |url: &str| {
            let by_url =
                by_url.get_or_init(|| graph.pages.iter().enumerate().map(|(i, p)| (p.url.as_str(), i)).collect());
            by_url.get(url).map(|&i| graph.pages[i].meta.title.clone())
        };
        self.bases = (0..graph.pages.len())
            .into_par_iter()
            .map(|i| {
                let p = &graph.pages[i];
                self.stamps
                    .get(super::rel_str(&p.src).as_ref())
                    .map(|s| memo::page_base(graph, &globals, &items, i, s.sha256.hex().as_str(), &titles))
            })
            .collect();
        self.keys = (0..graph.pages.len()).map(|_| std::sync::OnceLock::new()).collect();
        let ctx = crate::rewrite::Context {
            base_path: "/",
            page_url: "/",
            link_base: "/",
            source_dir: None,
            urls: &graph.urls,
            by_src: &graph.by_src,
        };
        let chromes = super::links::chrome_digests(&self.old.chromes, &ctx);
        self.links = super::links::LinkTable::new(std::mem::take(&mut self.old.hrefs), &ctx, &chromes);
        self.items = items;
        self.globals = Some(globals);
    }

    /// Each page's digest as a list item ([`memo::item_digest`]), for the renderer that keys
    /// generated pages ([`Prepared::bind_keys`]).
    pub fn item_digests(&self) -> &[[u8; 32]] {
        &self.items
    }

    /// The feed entries the previous build kept in the cache directory `dir`, for the pages of `graph` (the prepared one).
    /// Made before the render, which puts the entries of the pages it renders there.
    pub fn feed_entries<'g>(&self, dir: &Path, graph: &'g SiteGraph<'_>) -> super::FeedEntries<'g> {
        // The keys are set by the render, which comes before the feeds read them.
        let urls = graph.pages.iter().map(|p| p.url.as_str()).collect();
        super::FeedEntries::read(dir, urls, self.keys.clone())
    }

    /// `feeds`, which from now on also takes whole feed files the previous build wrote under
    /// the same key from the previous output `out` into `staging` (this run's memos of them).
    pub fn reuse_feed_files<'a>(
        &'a self,
        feeds: super::FeedEntries<'a>,
        staging: &'a Staging,
        out: &'a Path,
    ) -> super::FeedEntries<'a> {
        feeds.with_files(self, staging, out)
    }

    /// The base of page `i`'s key ([`memo::page_base`]): everything its rendering reads, not
    /// how its links resolve — what its searchable text is made from.
    pub fn page_base(&self, i: usize) -> Option<super::Hex> {
        self.bases.get(i)?.as_ref().map(super::Sha256Digest::hex)
    }

    /// Page `i`'s key, once the render decided it ([`CacheRun::decided`]; only for the pages of feeds).
    pub fn page_key(&self, i: usize) -> Option<&str> {
        self.keys.get(i)?.get().map(String::as_str)
    }

    /// Records page `i`'s key, `key`, as the render decided it (the previous key of a page
    /// reused, the key of one rendered).
    pub fn decided(&self, i: usize, key: &str) {
        if let Some(slot) = self.keys.get(i) {
            let _ = slot.set(key.to_owned());
        }
    }

    /// The base of a generated job's key once `rendered` ([`memo::generated_key`]); none when
    /// rendering warned (the warnings must be reported by every build).
    pub fn generated_base(&self, rendered: &crate::render::Rendered) -> Option<String> {
        let globals = self.globals.as_ref()?;
        rendered.warnings.is_empty().then(|| memo::generated_key(globals, rendered)).flatten()
    }

    /// The key of a page or generated page with base `base`, rendered now: its rewrite
    /// resolved `links` (sorted, each once) on the page of `ctx` and spliced in `chromes`.
    pub fn rendered_key(
        base: &str,
        links: &[String],
        chromes: &[std::sync::Arc<crate::rewrite::ChromeLinks>],
        ctx: &crate::rewrite::Context<'_>,
    ) -> String {
        memo::linked_key(base, &super::links::digest_now(links, chromes, ctx))
    }

    /// True when the previous build left pages to reuse: else (a first build, a cache that was
    /// lost) no key can find one, and a generated page's key comes with its rendering.
    pub fn has_previous_pages(&self) -> bool {
        !self.old.memos.is_empty()
    }

    /// Frees the previous build's page memos, once every page was rendered or reused, but
    /// those of files that are not pages (the feeds' and catalogs', made after the pages); on
    /// a background thread: at 100,000 pages that was a serial tenth of a second. The pages'
    /// item digests, read only by the render, go with them.
    pub fn forget_previous_memos(&mut self) {
        crate::parallel::drop_later((self.old.memos.take_pages(), std::mem::take(&mut self.items)));
    }

    /// The previous build's memo of the file at `url`, taken out of the cache, when its key was
    /// `key` and its file is still there as it was written: linked from `out` into `staging`
    /// (or kept in the spare, see [`Staging::from_spare`]), with its text read back when
    /// `search`. `None` leaves the memo (then the file is made again).
    pub fn take_reused(&self, staging: &Staging, out: &Path, url: &str, key: &str, search: bool) -> Option<Reused> {
        let mut slot = self.old.memos.get(url)?.lock();
        slot.as_ref().filter(|m| m.key == key)?;
        Self::take_slot(&mut slot, staging, out, search)
    }

    /// The previous build's memo of the page or generated page at `url` whose key has base
    /// `base`, as [`CacheRun::take_reused`], when its links resolve on its page as they did
    /// (the key the memo was written under is then the one of this build). `with_ctx` hands
    /// the page's link context to what it is given, made only for a page with a link that
    /// depends on it.
    pub fn take_linked(
        &self,
        staging: &Staging,
        out: &Path,
        url: &str,
        base: &str,
        with_ctx: WithContext<'_>,
        search: bool,
    ) -> Option<Reused> {
        let mut slot = self.old.memos.get(url)?.lock();
        let memo = slot.as_ref()?;
        let record = memo.links.as_ref()?;
        let digest = match record.digest(None, &self.links) {
            Some(d) => d,
            None => {
                let mut digest = None;
                with_ctx(&mut |ctx| digest = record.digest(Some(ctx), &self.links));
                digest?
            }
        };
        if !memo::is_linked_key(&memo.key, base, &digest) {
            return None;
        }
        Self::take_slot(&mut slot, staging, out, search)
    }

    /// The memo in `slot`, whose key was found right, taken out when its file is still there
    /// as it was written (see [`CacheRun::take_reused`]).
    fn take_slot(slot: &mut Option<Box<PageMemo>>, staging: &Staging, out: &Path, search: bool) -> Option<Reused> {
        let memo = slot.as_ref()?;
        let file = &memo.entry.path;
        // A file the spare holds already is not looked for in `out` (one `stat` less per
        // page at 100,000 pages), unless its text is read from there.
        let kept = staging.holds(&memo.entry);
        if (!kept || search) && std::fs::metadata(out.join(file)).ok()?.len() != memo.entry.size {
            return None;
        }
        let text = if search {
            let html = std::fs::read(out.join(file)).ok()?;
            Some(crate::search::extract::from_html(&html).unwrap_or_default())
        } else {
            None
        };
        if !kept {
            staging.link_from(out, file).ok()?;
        }
        let PageMemo { key, entry, ids, cross, links } = *slot.take()?;
        Some(Reused { key, entry, ids, cross, text, links })
    }

    /// What the cache's page memos need beside them: the previous build's table of links,
    /// which the records of the pages reused name (taken out: the cache is finished next), and
    /// (id, links) of each shared part the records `memos` name, from `learned` (the parts
    /// this build rewrote) or from the previous build's.
    pub fn link_tables<'a>(
        &mut self,
        memos: impl Iterator<Item = &'a super::MemoLinks>,
        learned: &HashMap<[u8; 16], std::sync::Arc<crate::rewrite::ChromeLinks>>,
    ) -> (Vec<String>, super::links::ChromeTable) {
        let hrefs = self.links.take_hrefs();
        let old: HashMap<&[u8; 16], &Vec<String>> = self.old.chromes.iter().map(|(id, h)| (id, h)).collect();
        let chromes: super::links::ChromeTable = super::links::chromes_named(&hrefs, memos)
            .into_iter()
            .filter_map(|id| {
                let links = learned.get(&id).map(|c| &c.hrefs).or_else(|| old.get(&id).copied())?;
                Some((id, links.clone()))
            })
            .collect();
        (hrefs, chromes)
    }

    /// The cache this build leaves: its stamps and options, the manifest it wrote and its
    /// figures (the memos of the pages it rendered or reused are written beside it, see
    /// [`BuildCache::write_with`]).
    pub fn finish(self, result: Finished<'_>) -> BuildCache {
        let mut c = BuildCache {
            options: self.options,
            inputs: self.stamps,
            manifest_sha256: result.manifest_sha256,
            pages: result.pages,
            scheduled: result.scheduled,
            drafts: result.drafts,
            files: result.manifest.files.len() + 1,
            bytes: result.manifest.files.iter().map(|e| e.size).sum::<u64>() + result.manifest_bytes,
            ..BuildCache::default()
        };
        c.set_warnings(result.warnings);
        c
    }
}

/// What a finished build tells the cache about itself.
pub struct Finished<'a> {
    /// The manifest written.
    pub manifest: &'a Manifest,
    /// The SHA-256 (hex) of its JSON, as written.
    pub manifest_sha256: String,
    /// Its length.
    pub manifest_bytes: u64,
    /// Pages built.
    pub pages: usize,
    /// Pages held back as scheduled.
    pub scheduled: Vec<crate::assemble::ScheduledPage>,
    /// Drafts, by source file.
    pub drafts: Vec<PathBuf>,
    /// The build's warnings, replayed by an up-to-date build.
    pub warnings: &'a [Diagnostic],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A first build stamps its Markdown as the parse reads it: the stamps equal those the
    /// stamping of every input makes (the next build compares with them), Markdown and assets.
    #[test]
    fn stamps_made_while_parsing_equal_stamps_made_apart() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("basic");
        for e in walkdir::WalkDir::new(&fixture).into_iter().map(Result::unwrap) {
            let to = root.join(e.path().strip_prefix(&fixture).unwrap());
            match e.file_type().is_dir() {
                true => std::fs::create_dir_all(&to).unwrap(),
                false => drop(std::fs::copy(e.path(), &to).unwrap()),
            }
        }
        let _ = std::fs::remove_dir_all(root.join(super::super::DIR));
        let cluster = crate::load::load(&root, None).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut run =
            CacheRun::start(&cluster, &root.join(super::super::DIR), &root.join("public"), today, false, false);
        assert!(run.stamps_pending && !run.up_to_date(&root.join("public")));
        let (sources, mut diags) = run.take_scan().unwrap();
        let markdown = sources.iter().filter(|s| s.kind == crate::scan::SourceKind::Markdown).count();
        assert!(markdown >= 5 && !run.stamps.contains_key(&super::super::rel(&sources[0].rel)));
        let pages = run.parse(&cluster, &sources, &mut diags);
        assert!(!pages.is_empty());
        let apart = super::super::stamp(&super::super::input_files(&cluster, &sources), &Stamps::default()).unwrap();
        let mut made = run.stamps.clone();
        made.retain(|k, _| !k.starts_with("themes/"));
        assert_eq!(made, apart);
    }
}
