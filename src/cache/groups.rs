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
    /// The groups kept under the cache of the cluster at `root`.
    pub fn open(root: &Path) -> GroupFiles {
        GroupFiles { dir: root.join(super::DIR).join("search"), used: Mutex::default() }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.bin"))
    }

    fn mark(&self, key: &str) {
        self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key.to_owned());
    }

    /// Removes every kept group this build did not use (the cache keeps one build's groups).
    pub fn prune(&self) {
        let used = self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let key = name.to_str().and_then(|n| n.strip_suffix(".bin"));
            if key.is_none_or(|k| !used.contains(k)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

impl crate::search::GroupStore for GroupFiles {
    fn get(&self, key: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        self.mark(key);
        Some(bytes)
    }

    fn put(&self, key: &str, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) {
        // Written whole under another name, then renamed: a build cut off never leaves half a
        // group under a key.
        let path = self.path(key);
        let partial = self.dir.join(format!("{key}.partial"));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|_| std::fs::File::create(&partial))
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                write(&mut out)?;
                out.flush()
            })
            .and_then(|_| std::fs::rename(&partial, &path));
        if written.is_ok() {
            self.mark(key);
        }
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
        second.put("c", &|w| w.write_all(b"3"));
        second.prune();
        let third = GroupFiles::open(tmp.path());
        assert_eq!(third.get("b"), None, "b was not used by the second build");
        assert_eq!((third.get("a").is_some(), third.get("c").is_some()), (true, true));
    }
}
