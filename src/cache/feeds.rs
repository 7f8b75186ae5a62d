//! Feed entries kept between builds (`.zhanqun-cache/feeds-v1.bin`, postcard): each entry by
//! its page's URL and [`super::memo::page_key`], which covers everything the entry is made
//! from (the page's source, its URL, its site's and column's settings, the origin, the URL set
//! its links resolve against). A build keeps exactly the entries its feeds used.

use crate::emit::feed::{Entry, EntryMemo};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// The file, under the cache directory; the name carries the format version.
const FILE: &str = "feeds-v1.bin";

#[derive(Serialize, Deserialize)]
struct Stored {
    version: String,
    /// (page URL, page key, entry).
    entries: Vec<(String, String, Entry)>,
}

/// The feed entries of one build: the previous build's, and those this build used.
pub struct FeedEntries {
    /// Page URL and key of each page of the graph ([`super::CacheRun::feed_entries`]).
    pages: Vec<(String, Option<String>)>,
    /// The previous build's entries by page URL: (key, entry); an entry is moved to `used`
    /// when taken.
    old: Mutex<HashMap<String, (String, Entry)>>,
    /// How many entries were read.
    read: usize,
    /// The entries this build used, by page index, and whether it made any.
    used: Mutex<(HashMap<usize, Entry>, bool)>,
}

impl FeedEntries {
    /// The entries kept under the cache of `root`, for the pages `pages` (URL, key).
    pub(super) fn read(root: &Path, pages: Vec<(String, Option<String>)>) -> FeedEntries {
        let old: HashMap<String, (String, Entry)> = std::fs::read(root.join(super::DIR).join(FILE))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Stored>(&bytes).ok())
            .filter(|s| s.version == env!("CARGO_PKG_VERSION"))
            .map(|s| s.entries.into_iter().map(|(url, key, e)| (url, (key, e))).collect())
            .unwrap_or_default();
        let read = old.len();
        FeedEntries { pages, old: Mutex::new(old), read, used: Mutex::default() }
    }

    fn remember(&self, i: usize, entry: Entry, made: bool) {
        let mut used = self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        used.0.insert(i, entry);
        used.1 |= made;
    }

    /// Writes the entries this build used, in page order, for the next build, unless they are
    /// exactly those the previous build left. Only an optimisation: errors are ignored.
    pub fn write(self, root: &Path) {
        let (used, made) = self.used.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !made && used.len() == self.read {
            return;
        }
        let mut used: Vec<(usize, Entry)> = used.into_iter().collect();
        used.sort_by_key(|(i, _)| *i);
        let entries: Vec<(String, String, Entry)> = used
            .into_iter()
            .filter_map(|(i, e)| {
                let (url, key) = self.pages.get(i)?;
                Some((url.clone(), key.clone()?, e))
            })
            .collect();
        let stored = Stored { version: env!("CARGO_PKG_VERSION").to_owned(), entries };
        let dir = root.join(super::DIR);
        let _ = std::fs::create_dir_all(&dir).and_then(|_| super::write_file(&dir, FILE, &stored));
    }
}

impl EntryMemo for FeedEntries {
    fn get(&self, i: usize) -> Option<Entry> {
        let (url, key) = self.pages.get(i)?;
        if let Some(e) = self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).0.get(&i) {
            // Already taken or made for another feed of this build.
            return Some(e.clone());
        }
        let mut old = self.old.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if old.get(url).is_none_or(|(old_key, _)| key.as_ref() != Some(old_key)) {
            return None;
        }
        let (_, entry) = old.remove(url)?;
        drop(old);
        self.remember(i, entry.clone(), false);
        Some(entry)
    }

    fn put(&self, i: usize, entry: &Entry) {
        self.remember(i, entry.clone(), true);
    }
}
