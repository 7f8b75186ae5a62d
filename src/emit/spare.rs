//! The manifest of a spare tree (see [`super::Staging::from_spare`]), as a cached build holds
//! it while it runs: every path in one string and each hash as its 32 bytes, read straight
//! from `manifest.json` without a [`super::FileEntry`] per file (at 100,000 pages those were
//! ~20 MB of a cached build's peak of memory, held from its start to its end).

use super::FileEntry;
use serde::Deserialize;
use std::borrow::Cow;

/// The files of a spare tree, sorted by path: path, size and SHA-256 of each.
#[derive(Debug, Default)]
pub(crate) struct SpareFiles {
    /// Every path, one after the other.
    paths: String,
    /// Where each path ends in `paths`.
    ends: Vec<usize>,
    /// Each file's size.
    sizes: Vec<u64>,
    /// Each file's SHA-256.
    sha256: Vec<[u8; 32]>,
}

impl SpareFiles {
    /// The files of the manifest JSON `bytes`; `None` when it cannot be read, a hash is not
    /// 64 hex digits, or the files are not sorted by path (then no file of the spare is
    /// trusted).
    pub(crate) fn read(bytes: &[u8]) -> Option<SpareFiles> {
        /// The part of the manifest read.
        #[derive(Deserialize)]
        struct Read {
            files: Sorted,
        }
        /// The files, made into [`SpareFiles`] as they are read.
        struct Sorted(Option<SpareFiles>);
        impl<'de> Deserialize<'de> for Sorted {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sorted, D::Error> {
                d.deserialize_seq(Sorted(None))
            }
        }
        impl<'de> serde::de::Visitor<'de> for Sorted {
            type Value = Sorted;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a manifest")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Sorted, A::Error> {
                let mut files = SpareFiles::default();
                let mut sane = true;
                while let Some(e) = seq.next_element::<Entry<'de>>()? {
                    sane &= files.push(&e.path, e.size, &e.sha256);
                }
                Ok(Sorted(sane.then_some(files)))
            }
        }
        serde_json::from_slice::<Read>(bytes).ok()?.files.0
    }

    /// Adds a file after the others; false when its hash is not 64 lowercase hex digits or its
    /// path does not sort after the last one.
    fn push(&mut self, path: &str, size: u64, sha256: &str) -> bool {
        let Some(hash) = lower_hex(sha256) else { return false };
        let sorted = self.ends.is_empty() || self.path(self.ends.len() - 1) < path;
        self.paths.push_str(path);
        self.ends.push(self.paths.len());
        self.sizes.push(size);
        self.sha256.push(hash);
        sorted
    }

    /// Number of files.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The path of file `i`.
    pub(crate) fn path(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.paths[start..self.ends[i]]
    }

    /// True when file `entry` (its path, size and hash) is among these.
    pub(crate) fn holds(&self, entry: &FileEntry) -> bool {
        let Ok(at) = self.find(&entry.path) else { return false };
        self.sizes[at] == entry.size && lower_hex(&entry.sha256).is_some_and(|h| h == self.sha256[at])
    }

    /// Where `path` is among the files, as [`slice::binary_search`] tells it.
    fn find(&self, path: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.path(mid).cmp(path) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }
}

/// The 32 bytes of a SHA-256 written as 64 lowercase hex digits (as every manifest writes
/// them: the spare's hashes were compared as text, which another case never matched).
fn lower_hex(text: &str) -> Option<[u8; 32]> {
    let mut hash = [0u8; 32];
    let lower = !text.bytes().any(|b| b.is_ascii_uppercase());
    (lower && hex::decode_to_slice(text, &mut hash).is_ok()).then_some(hash)
}

/// One file of the manifest as read, borrowing from its text where it can.
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    path: Cow<'a, str>,
    size: u64,
    #[serde(borrow)]
    sha256: Cow<'a, str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::Manifest;

    fn entry(path: &str, size: u64, byte: u8) -> FileEntry {
        FileEntry { path: path.into(), size, sha256: hex::encode([byte; 32]) }
    }

    #[test]
    fn holds_what_the_manifest_lists_and_nothing_else() {
        let files = vec![entry("a/index.html", 3, 1), entry("b/页/index.html", 5, 2), entry("c.css", 7, 0xab)];
        let json = Manifest::new(files.clone()).to_json();
        let spare = SpareFiles::read(json.as_bytes()).unwrap();
        assert_eq!(spare.len(), 3);
        assert_eq!((spare.path(0), spare.path(1), spare.path(2)), ("a/index.html", "b/页/index.html", "c.css"));
        assert!(files.iter().all(|f| spare.holds(f)));
        assert!(!spare.holds(&entry("a/index.html", 4, 1)), "another size");
        assert!(!spare.holds(&entry("a/index.html", 3, 9)), "another hash");
        assert!(!spare.holds(&entry("b/index.html", 3, 1)), "another path");
        let upper = FileEntry { sha256: files[2].sha256.to_uppercase(), ..entry("c.css", 7, 0xab) };
        assert!(!spare.holds(&upper));
    }

    #[test]
    fn an_unsorted_or_damaged_manifest_is_not_trusted() {
        let unsorted = r#"{"files":[{"path":"b","size":1,"sha256":"HASH"},{"path":"a","size":1,"sha256":"HASH"}]}"#;
        let hash = hex::encode([0u8; 32]);
        assert!(SpareFiles::read(unsorted.replace("HASH", &hash).as_bytes()).is_none());
        assert!(SpareFiles::read(br#"{"files":[{"path":"a","size":1,"sha256":"xyz"}]}"#).is_none());
        assert!(SpareFiles::read(b"{").is_none());
    }
}
