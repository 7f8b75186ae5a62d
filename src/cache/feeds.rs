//! Feed entries kept between builds (`.zhanqun-cache/feeds-v2.bin`): each entry by its page's
//! URL and its page's key ([`super::memo::linked_key`]), which covers everything the entry is
//! made from (the page's source, its URL, its site's and column's settings, the origin, how
//! its links resolve). A build keeps exactly the entries its feeds used.
//!
//! The entries are not held in memory: at 100,000 pages they are ~50 MB of page bodies, made
//! while the search index is inverted — the build's peak. Each entry goes to the next file as
//! soon as it is made or taken, and is read back from there (or from the previous file) when a
//! second feed carries it. The file: the index's offset (8 bytes, little-endian), the entries
//! (postcard, one after another, in the order they were made), then the index ([`Index`]).

use crate::emit::feed::{Entry, EntryMemo};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Each page's key, set as the render decides the page (reused, or rendered and its links
/// resolved): the feeds are made after the render.
pub(super) type PageKeys = Arc<[OnceLock<String>]>;

/// The file, under the cache directory; the name carries the format version.
const FILE: &str = "feeds-v2.bin";

/// Bytes before the first entry: the index's offset.
const HEADER: u64 = 8;

/// The end of the file: what each entry is and where it lies.
#[derive(Serialize, Deserialize, Default)]
struct Index {
    version: String,
    /// (page URL, page key, offset of the entry, its length), in page order.
    entries: Vec<(String, String, u64, u32)>,
}

/// A file of entries open for reading, with where each one is.
struct Stored {
    file: File,
    /// By page URL: (page key, offset, length).
    at: HashMap<String, (String, u64, u32)>,
}

impl Stored {
    /// The entries of the file at `path`, if it is one this version wrote.
    fn open(path: &Path) -> Option<Stored> {
        let mut file = File::open(path).ok()?;
        let mut head = [0u8; HEADER as usize];
        file.read_exact(&mut head).ok()?;
        file.seek(SeekFrom::Start(u64::from_le_bytes(head))).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        let index: Index = postcard::from_bytes(&bytes).ok()?;
        if index.version != env!("CARGO_PKG_VERSION") {
            return None;
        }
        let at = index.entries.into_iter().map(|(url, key, offset, len)| (url, (key, offset, len))).collect();
        Some(Stored { file, at })
    }

    /// The encoded entry at `offset`.
    fn bytes(&self, offset: u64, len: u32) -> Option<Vec<u8>> {
        let mut bytes = vec![0u8; len as usize];
        self.file.read_exact_at(&mut bytes, offset).ok()?;
        Some(bytes)
    }
}

/// The next file, written as the build goes.
struct Next {
    /// The temporary file (renamed to [`FILE`] at the end); none when it could not be made.
    file: Option<(PathBuf, File)>,
    /// Its end.
    end: u64,
    /// By page index: (offset, length) of the entries this build used.
    at: HashMap<usize, (u64, u32)>,
    /// Whether the build made any entry (rather than taking them all from the last file).
    made: bool,
    /// Pages of the feeds whose files were reused whole: their entries, not read, are carried
    /// over from the last file when the next one is written.
    carried: Vec<usize>,
}

impl Drop for Next {
    /// A build that stopped before [`FeedEntries::write`] leaves no temporary file behind.
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.file.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// The feed entries of one build: the previous build's, and those this build used.
pub struct FeedEntries<'a> {
    /// The URL of each page of the graph ([`super::CacheRun::feed_entries`]).
    urls: Vec<&'a str>,
    /// The key of each page of the graph, shared with the build cache (the build renders
    /// pages, and puts their entries here, while the cache decides which pages to render).
    keys: PageKeys,
    /// The previous build's file.
    old: Option<Stored>,
    /// The next file.
    next: Mutex<Next>,
    /// Where the previous build's feed files are taken from: the cache run (its memos), the
    /// staging tree and the previous output. None: every feed is made.
    files_from: Option<(&'a super::CacheRun, &'a crate::emit::Staging, &'a Path)>,
    /// The feed files reused, and (URL, key) of every feed file to remember.
    files: Mutex<FeedFiles>,
}

/// What [`FeedEntries::take_files`] hands over: the feed files reused (their manifest
/// entries), and the (URL, key) of every feed file to remember in the page memos.
pub type FeedFiles = (Vec<crate::emit::FileEntry>, Vec<(String, String)>);

impl<'a> FeedEntries<'a> {
    /// The entries kept in the cache directory `dir`, for the pages whose URLs are `urls` and keys
    /// `keys`.
    pub(super) fn read(dir: &Path, urls: Vec<&'a str>, keys: PageKeys) -> FeedEntries<'a> {
        let old = Stored::open(&dir.join(FILE));
        let tmp = dir.join(format!(".{FILE}.tmp-{}", std::process::id()));
        let create = || std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&tmp);
        let file = std::fs::create_dir_all(dir).and_then(|_| create()).ok().map(|f| (tmp, f));
        let next = Next { file, end: HEADER, at: HashMap::new(), made: false, carried: Vec::new() };
        FeedEntries { urls, keys, old, next: Mutex::new(next), files_from: None, files: Mutex::default() }
    }

    /// The URL and key of page `i`.
    fn page(&self, i: usize) -> Option<(&str, Option<&str>)> {
        Some((self.urls.get(i)?, self.keys.get(i)?.get().map(String::as_str)))
    }

    /// Reuses whole feed files the previous build wrote into `out` under the same key (its
    /// memos in `run`), kept in or linked into `staging`.
    pub(super) fn with_files(
        mut self,
        run: &'a super::CacheRun,
        staging: &'a crate::emit::Staging,
        out: &'a Path,
    ) -> Self {
        self.files_from = Some((run, staging, out));
        self
    }

    /// The feed files reused and every feed file to remember (taken: a second call returns
    /// none), for the manifest and the page memos.
    pub fn take_files(&self) -> FeedFiles {
        std::mem::take(&mut *self.files.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Appends `bytes` (an encoded entry of page `i`) to the next file.
    fn keep(&self, i: usize, bytes: &[u8], made: bool) {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let Some((_, file)) = &next.file else { return };
        let (at, len) = (next.end, bytes.len() as u32);
        if file.write_all_at(bytes, at).is_err() {
            next.file = None;
            return;
        }
        next.end += u64::from(len);
        next.at.insert(i, (at, len));
        next.made |= made;
    }

    /// Writes the index of the entries this build used, in page order, and puts the file in
    /// place for the next build — unless they are exactly those the previous build left. Only
    /// an optimisation: errors are ignored (and the temporary file removed).
    pub fn write(self, dir: &Path) {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let Some((tmp, file)) = next.file.take() else { return };
        let mut carried = std::mem::take(&mut next.carried);
        carried.sort_unstable();
        carried.dedup();
        carried.retain(|i| !next.at.contains_key(i));
        let used = next.at.len() + carried.len();
        let unchanged = !next.made && self.old.as_ref().is_some_and(|o| o.at.len() == used);
        let done = (!unchanged).then(|| {
            // The entries of the feeds reused whole, copied as they are from the last file.
            for i in carried {
                let Some(bytes) = self.old_bytes(i) else { continue };
                let at = next.end;
                file.write_all_at(&bytes, at)?;
                next.at.insert(i, (at, bytes.len() as u32));
                next.end += bytes.len() as u64;
            }
            let mut used: Vec<(usize, (u64, u32))> = std::mem::take(&mut next.at).into_iter().collect();
            used.sort_by_key(|(i, _)| *i);
            let entries = used
                .into_iter()
                .filter_map(|(i, (offset, len))| {
                    let (url, key) = self.page(i)?;
                    Some((url.to_owned(), key?.to_owned(), offset, len))
                })
                .collect();
            let index = Index { version: env!("CARGO_PKG_VERSION").to_owned(), entries };
            let bytes = postcard::to_allocvec(&index).map_err(std::io::Error::other)?;
            file.write_all_at(&bytes, next.end)?;
            file.write_all_at(&next.end.to_le_bytes(), 0)?;
            std::fs::rename(&tmp, dir.join(FILE))
        });
        if !matches!(done, Some(Ok(()))) {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

impl FeedEntries<'_> {
    /// The encoded entry of page `i` in the last file, when its key is the same.
    fn old_bytes(&self, i: usize) -> Option<Vec<u8>> {
        let (url, key) = self.page(i)?;
        let old = self.old.as_ref()?;
        let (old_key, offset, len) = old.at.get(url)?;
        if key != Some(old_key.as_str()) {
            return None;
        }
        old.bytes(*offset, *len)
    }
}

impl EntryMemo for FeedEntries<'_> {
    fn get(&self, i: usize) -> Option<Entry> {
        let next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&(offset, len)) = next.at.get(&i) {
            // Already taken or made for another feed of this build (the cluster's feed).
            let (_, file) = next.file.as_ref()?;
            let mut bytes = vec![0u8; len as usize];
            file.read_exact_at(&mut bytes, offset).ok()?;
            return postcard::from_bytes(&bytes).ok();
        }
        drop(next);
        let bytes = self.old_bytes(i)?;
        let entry = postcard::from_bytes(&bytes).ok()?;
        self.keep(i, &bytes, false);
        Some(entry)
    }

    fn page_key(&self, i: usize) -> Option<&str> {
        self.page(i)?.1
    }

    fn reuse_files(&self, key: &str, pages: &[usize], paths: &[&str]) -> bool {
        let Some((run, staging, out)) = self.files_from else { return false };
        let mut reused = Vec::with_capacity(paths.len());
        for path in paths {
            let url = format!("/{path}");
            let Some(r) = run.take_reused(staging, out, &url, key, false) else { return false };
            reused.push((url, r.entry));
        }
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        for (url, entry) in reused {
            files.0.push(entry);
            files.1.push((url, key.to_owned()));
        }
        drop(files);
        self.next.lock().unwrap_or_else(PoisonError::into_inner).carried.extend_from_slice(pages);
        true
    }

    fn made_files(&self, key: &str, paths: &[&str]) {
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.1.extend(paths.iter().map(|p| (format!("/{p}"), key.to_owned())));
    }

    fn put(&self, i: usize, entry: &Entry) {
        if let Ok(bytes) = postcard::to_allocvec(entry) {
            self.keep(i, &bytes, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> Entry {
        serde_json::from_value(serde_json::json!({
            "url": format!("https://www.example.gov.cn/a/{n}/"),
            "title": format!("第{n}篇"),
            "summary": "摘要",
            "content": format!("<p>正文{n}</p>"),
            "published": "2026-11-20T09:30:00+08:00",
            "author": "县政府办公室",
            "tags": ["通知公告"],
        }))
        .unwrap()
    }

    fn json(e: &Entry) -> serde_json::Value {
        serde_json::to_value(e).unwrap()
    }

    const URLS: [&str; 3] = ["/a/0/", "/a/1/", "/a/2/"];

    fn pages(keys: &[&str]) -> (Vec<&'static str>, PageKeys) {
        (URLS[..keys.len()].to_vec(), keys.iter().map(|k| OnceLock::from(k.to_string())).collect())
    }

    fn read(root: &Path, (urls, keys): (Vec<&'static str>, PageKeys)) -> FeedEntries<'static> {
        FeedEntries::read(&root.join(super::super::DIR), urls, keys)
    }

    #[test]
    fn entries_come_back_from_the_file_while_their_key_is_the_same() {
        let root = tempfile::tempdir().unwrap();
        let first = read(root.path(), pages(&["k0", "k1", "k2"]));
        for i in 0..3 {
            assert!(first.get(i).is_none(), "nothing kept yet");
            first.put(i, &entry(i));
        }
        // A second feed carrying page 1 reads it back from this build's file.
        assert_eq!(json(&first.get(1).unwrap()), json(&entry(1)));
        first.write(&root.path().join(super::super::DIR));
        let dir = root.path().join(super::super::DIR);
        assert!(dir.join(FILE).is_file());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file is left");

        // Page 2's key changed: its entry is not taken; the others are.
        let second = read(root.path(), pages(&["k0", "k1", "new"]));
        assert_eq!(json(&second.get(0).unwrap()), json(&entry(0)));
        assert_eq!(json(&second.get(1).unwrap()), json(&entry(1)));
        assert!(second.get(2).is_none());
        second.put(2, &entry(7));
        second.write(&root.path().join(super::super::DIR));

        let third = read(root.path(), pages(&["k0", "k1", "new"]));
        assert_eq!(json(&third.get(2).unwrap()), json(&entry(7)));
        assert_eq!(json(&third.get(0).unwrap()), json(&entry(0)));
        // Page 1 not used by this build: the next file keeps only pages 0 and 2.
        third.write(&root.path().join(super::super::DIR));
        let fourth = read(root.path(), pages(&["k0", "k1", "new"]));
        assert!(fourth.get(1).is_none());
        assert!(fourth.get(2).is_some());
    }

    #[test]
    fn a_build_that_stops_before_writing_leaves_no_temporary_file() {
        let root = tempfile::tempdir().unwrap();
        let entries = read(root.path(), pages(&["k0"]));
        entries.put(0, &entry(0));
        drop(entries);
        let dir = root.path().join(super::super::DIR);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }
}
