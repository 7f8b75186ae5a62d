//! Tokenized groups of the search index kept between builds (`.zhanqun-cache/search/`), one
//! file per group named by its key ([`crate::search::Indexer::keep_groups`]): after an edit
//! only the edited pages' groups are read and tokenized again. A build keeps exactly the
//! groups it used; the others are removed once it succeeded.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The kept groups of one cluster.
pub struct GroupFiles {
    dir: PathBuf,
    /// Keys this build read or wrote.
    used: Mutex<HashSet<String>>,
}

impl GroupFiles {
    /// The groups kept in the cache directory `dir`.
    pub fn open(dir: &Path) -> GroupFiles {
        GroupFiles { dir: dir.join("search"), used: Mutex::default() }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.bin"))
    }

    /// The text file of the group kept under `key`, beside its chunk (the output's text file
    /// of the group is a hard link to it where the file systems allow).
    fn text_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.txt"))
    }

    /// The keys of the pages of the group kept under `key`, beside it.
    fn pages_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.pages"))
    }

    fn mark(&self, key: &str) {
        self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key.to_owned());
    }

    /// Removes every kept group this build did not use (the cache keeps one build's groups).
    pub fn prune(&self) {
        let used = self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let key = name.to_str().and_then(|n| {
                n.strip_suffix(".bin").or_else(|| n.strip_suffix(".txt")).or_else(|| n.strip_suffix(".pages"))
            });
            if key.is_none_or(|k| !used.contains(k)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The file of the kept index ([`crate::search::KeptIndex`]), beside the groups' directory;
/// the name carries the format version.
const INDEX_FILE: &str = "search-index-v1.bin";

/// The file listing the groups of the last build ([`crate::search::GroupStore::put_groups`]),
/// beside the groups' directory.
const GROUPS_FILE: &str = "search-groups-v1.bin";

impl crate::search::KeptIndex for GroupFiles {
    fn read(&self) -> Option<Box<dyn crate::search::KeptRead + '_>> {
        let file = std::fs::File::open(self.dir.with_file_name(INDEX_FILE)).ok()?;
        Some(Box::new(file))
    }

    fn create(&self) -> Option<Box<dyn crate::search::KeptWrite + '_>> {
        Partial::create(&self.dir.with_file_name(INDEX_FILE)).ok().map(|p| Box::new(p) as _)
    }

    fn forget(&self) {
        let _ = std::fs::remove_file(self.dir.with_file_name(INDEX_FILE));
    }

    fn group(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(key)).ok()
    }
}

/// A file written under another name first and renamed into its place once whole
/// ([`crate::search::KeptWrite::keep`]): a build cut off never leaves half a file there.
/// Dropped before, it is removed.
struct Partial {
    /// The file being written, until it is kept.
    file: Option<std::fs::File>,
    /// Its name while it is written.
    partial: PathBuf,
    /// Its name once kept.
    path: PathBuf,
}

impl Partial {
    fn create(path: &Path) -> std::io::Result<Partial> {
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::File::create(&partial)?;
        Ok(Partial { file: Some(file), partial, path: path.to_owned() })
    }

    /// Closes the file and renames it into its place.
    fn keep(mut self) -> std::io::Result<()> {
        drop(self.file.take());
        std::fs::rename(&self.partial, &self.path)
    }
}

impl Write for Partial {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().map_or(Ok(0), |f| f.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl crate::search::KeptWrite for Partial {
    fn keep(self: Box<Self>) -> std::io::Result<()> {
        Partial::keep(*self)
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// Writes what `write` writes at `path` through a [`Partial`] file.
fn write_through(path: &Path, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut partial = Partial::create(path)?;
    let mut out = std::io::BufWriter::new(&mut partial);
    write(&mut out)?;
    out.flush()?;
    drop(out);
    partial.keep()
}

impl crate::search::GroupStore for GroupFiles {
    fn get(&self, key: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        self.mark(key);
        Some(bytes)
    }

    fn parts(&self, key: &str, parts: &[std::ops::Range<u64>]) -> Option<Vec<Vec<u8>>> {
        use std::io::{Read, Seek};
        let mut file = std::fs::File::open(self.path(key)).ok()?;
        let size = file.metadata().ok()?.len();
        self.mark(key);
        parts
            .iter()
            .map(|r| {
                let end = r.end.min(size);
                let mut bytes = Vec::with_capacity(end.saturating_sub(r.start) as usize);
                file.seek(std::io::SeekFrom::Start(r.start)).ok()?;
                (&mut file).take(end.saturating_sub(r.start)).read_to_end(&mut bytes).ok()?;
                Some(bytes)
            })
            .collect()
    }

    fn forget(&self, key: &str) {
        let _ = std::fs::remove_file(self.path(key));
    }

    fn release(&self, key: &str) {
        self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
    }

    fn put(&self, key: &str, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) {
        if write_through(&self.path(key), write).is_ok() {
            self.mark(key);
        }
    }

    fn put_text(&self, key: &str, bytes: &[u8]) -> bool {
        // Never written over in place: the output may hold a link to the file kept before.
        let written = write_through(&self.text_path(key), &|w| w.write_all(bytes)).is_ok();
        if written {
            self.mark(key);
        }
        written
    }

    fn text_file(&self, key: &str) -> Option<PathBuf> {
        let path = self.text_path(key);
        path.is_file().then(|| {
            self.mark(key);
            path
        })
    }

    fn put_page_keys(&self, key: &str, pages: &[&str]) {
        // Only an optimisation: without them, a group with a changed page is tokenized whole.
        let _ = write_through(&self.pages_path(key), &|w| {
            postcard::to_io(pages, w).map(drop).map_err(std::io::Error::other)
        });
    }

    fn page_keys(&self, key: &str) -> Option<Vec<String>> {
        let pages = postcard::from_bytes(&std::fs::read(self.pages_path(key)).ok()?).ok()?;
        self.mark(key);
        Some(pages)
    }

    fn put_groups(&self, groups: &[(u32, u32, &str)]) {
        let path = self.dir.with_file_name(GROUPS_FILE);
        let _ = write_through(&path, &|w| postcard::to_io(groups, w).map(drop).map_err(std::io::Error::other));
    }

    fn groups(&self) -> Vec<(u32, u32, String)> {
        let bytes = std::fs::read(self.dir.with_file_name(GROUPS_FILE)).unwrap_or_default();
        postcard::from_bytes(&bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::GroupStore;

    #[test]
    fn a_build_keeps_only_the_groups_it_used() {
        let tmp = tempfile::tempdir().unwrap();
        let first = GroupFiles::open(tmp.path());
        first.put("a", &|w| w.write_all(b"1"));
        first.put("b", &|w| w.write_all(b"2"));
        first.prune();
        let second = GroupFiles::open(tmp.path());
        assert_eq!(second.get("a").as_deref(), Some(&b"1"[..]));
        assert_eq!(second.head("a", 0).as_deref(), Some(&b""[..]));
        second.put("d", &|w| w.write_all(b"4"));
        second.forget("d");
        second.put("c", &|w| w.write_all(b"3"));
        second.prune();
        let third = GroupFiles::open(tmp.path());
        assert_eq!(third.get("b"), None, "b was not used by the second build");
        assert_eq!((third.get("a").is_some(), third.get("c").is_some()), (true, true));
        assert_eq!(third.get("d"), None, "d was forgotten");
    }

    #[test]
    fn a_group_read_only_to_splice_another_is_not_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let first = GroupFiles::open(tmp.path());
        first.put("a", &|w| w.write_all(b"1"));
        first.put_page_keys("a", &["k1", "k2"]);
        first.put_groups(&[(0, 2, "a")]);
        first.prune();
        let second = GroupFiles::open(tmp.path());
        assert_eq!(second.groups(), vec![(0, 2, "a".to_owned())]);
        assert_eq!(second.page_keys("a"), Some(vec!["k1".to_owned(), "k2".to_owned()]));
        assert!(second.get("a").is_some());
        second.put("b", &|w| w.write_all(b"2"));
        second.release("a");
        second.prune();
        let third = GroupFiles::open(tmp.path());
        assert_eq!((third.get("a"), third.page_keys("a")), (None, None), "a and its page keys were removed");
        assert!(third.get("b").is_some());
    }
}
