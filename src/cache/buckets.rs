//! The large keyed cache files (the page memos, the parsed pages) kept as one folder of up to
//! [`BUCKETS`] files, each entry in the bucket of its group (a site's folder, a URL's first
//! segment), so that a build after an edit writes again only the buckets whose entries changed —
//! at 100,000 pages, writing both files whole (~80 MB) was a fifth of a build after a one-line
//! edit — and reads the buckets side by side.
//!
//! Each bucket's file is named by its bucket and the digest of what its entries are made from
//! (given by the caller), so a file that is already there holds exactly those entries and is
//! not written again. A small index names the files of the collection with a header the reader
//! checks (the version; what the entries belong with). Files are written through a temporary
//! file and a rename, the index last; files the index no longer names are then removed.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The most buckets a collection is kept in.
pub(super) const BUCKETS: usize = 64;

/// The index file of a collection's folder.
const INDEX: &str = "index.bin";

/// The bucket of an entry of the group `group`: the same from one build to the next.
pub(super) fn bucket_of(group: &str) -> usize {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(group.as_bytes());
    (h.finish() % BUCKETS as u64) as usize
}

/// A collection's index: the header it was written with, what the collection shares (small,
/// written every time), and each bucket's file.
#[derive(Serialize, Deserialize)]
struct Index {
    header: String,
    shared: Vec<u8>,
    files: Vec<(u32, String)>,
}

/// One bucket to write: its number, the digest of what its entries are made from, and the
/// entries (serialized, only when no file holds them yet).
pub(super) struct Bucket<T> {
    /// The bucket's number, below [`BUCKETS`].
    pub number: usize,
    /// SHA-256 of everything its entries are made from.
    pub digest: [u8; 32],
    /// The entries.
    pub entries: T,
}

/// The name of the file of bucket `number` whose entries have the digest `digest`.
fn file_name(number: usize, digest: &[u8; 32]) -> String {
    format!("{number:02}-{}.bin", hex::encode(&digest[..16]))
}

/// Writes the collection `buckets` into the folder `dir` with the index header `header` and
/// what they share, `shared`: the buckets whose file is not there yet, their entries made into
/// bytes by `encode` (only those: most buckets are unchanged after an edit), then the index,
/// then the files no bucket names.
pub(super) fn write<T: Sync>(
    dir: &Path,
    header: &str,
    shared: &[u8],
    buckets: &[Bucket<T>],
    encode: impl Fn(&T) -> std::io::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let names: Vec<String> = buckets.iter().map(|b| file_name(b.number, &b.digest)).collect();
    buckets.par_iter().zip(&names).try_for_each(|(b, name)| -> std::io::Result<()> {
        if dir.join(name).is_file() {
            return Ok(());
        }
        super::write_bytes(dir, name, &encode(&b.entries)?)
    })?;
    let files: Vec<(u32, String)> = buckets.iter().zip(&names).map(|(b, n)| (b.number as u32, n.clone())).collect();
    let index = Index { header: header.to_owned(), shared: shared.to_vec(), files };
    super::write_bytes(dir, INDEX, &postcard::to_allocvec(&index).map_err(std::io::Error::other)?)?;
    // Files of earlier builds (and temporary files of interrupted ones).
    let named: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    for e in std::fs::read_dir(dir)?.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name != INDEX && !named.contains(name.as_ref()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
    Ok(())
}

/// [`write`]'s `encode` for entries written as they are (postcard).
pub(super) fn postcard_bytes<T: Serialize>(entries: &T) -> std::io::Result<Vec<u8>> {
    postcard::to_allocvec(entries).map_err(std::io::Error::other)
}

/// Reads the collection in the folder `dir` when its index has the header `header`: what the
/// buckets share, and each bucket's number and its file decoded by `decode`, side by side.
/// `None` when there is none, another header, or a file is missing or cannot be decoded (then
/// none of it is used).
#[allow(clippy::type_complexity)]
pub(super) fn read<T: Send>(
    dir: &Path,
    header: &str,
    decode: impl Fn(&[u8]) -> Option<T> + Sync,
) -> Option<(Vec<u8>, Vec<(usize, T)>)> {
    let index: Index = postcard::from_bytes(&std::fs::read(dir.join(INDEX)).ok()?).ok()?;
    if index.header != header || index.files.iter().any(|(n, _)| *n as usize >= BUCKETS) {
        return None;
    }
    let read: Vec<(usize, &String, Option<T>)> = index
        .files
        .par_iter()
        .map(|(n, name)| (*n as usize, name, std::fs::read(dir.join(name)).ok().and_then(|b| decode(&b))))
        .collect();
    if read.iter().any(|(_, _, t)| t.is_none()) {
        // A damaged file is removed, so that the next build writes it again instead of
        // finding it there under its name.
        for (_, name, _) in read.iter().filter(|(_, _, t)| t.is_none()) {
            let _ = std::fs::remove_file(dir.join(name));
        }
        return None;
    }
    Some((index.shared, read.into_iter().filter_map(|(n, _, t)| Some((n, t?))).collect()))
}

/// The buckets of `entries` (each with its group given by `group`), in bucket order, each
/// with its entries in their order and the digest `digest` folds them into.
pub(super) fn split<T>(
    entries: impl IntoIterator<Item = T>,
    group: impl Fn(&T) -> &str,
    digest: impl Fn(&mut sha2::Sha256, &T) + Sync,
) -> Vec<Bucket<Vec<T>>>
where
    T: Send,
{
    use sha2::Digest;
    let mut by: Vec<Vec<T>> = (0..BUCKETS).map(|_| Vec::new()).collect();
    for e in entries {
        by[bucket_of(group(&e))].push(e);
    }
    by.into_par_iter()
        .enumerate()
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(number, entries)| {
            let mut h = sha2::Sha256::new();
            for e in &entries {
                digest(&mut h, e);
            }
            Bucket { number, digest: h.finalize().into(), entries }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    fn buckets(entries: &[(&str, u32)]) -> Vec<Bucket<Vec<(String, u32)>>> {
        let owned = entries.iter().map(|(k, v)| (k.to_string(), *v));
        split(
            owned,
            |(k, _)| k.split('/').next().unwrap(),
            |h, (k, v)| {
                h.update(k.as_bytes());
                h.update(v.to_le_bytes());
            },
        )
    }

    fn read_all(dir: &Path, header: &str) -> Option<Vec<(String, u32)>> {
        let mut got: Vec<(String, u32)> = read(dir, header, |b| postcard::from_bytes::<Vec<(String, u32)>>(b).ok())?
            .1
            .into_iter()
            .flat_map(|(_, v)| v)
            .collect();
        got.sort();
        Some(got)
    }

    fn mtimes(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name() != INDEX)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap()))
            .collect();
        v.sort();
        v
    }

    /// What is written is read back; an edit in one group rewrites only its bucket's file and
    /// removes the one it replaces; another header or a lost file reads as nothing.
    #[test]
    fn only_the_changed_buckets_are_written_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let sites = ["bahezhen", "jyj", "wjw", "zwgk", "portal", "fgw", "czj", "sfj"];
        let mut entries: Vec<(String, u32)> =
            sites.iter().flat_map(|s| (0..50).map(move |i| (format!("{s}/p{i}"), i))).collect();
        let refs: Vec<(&str, u32)> = entries.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        write(&dir, "h1", b"s", &buckets(&refs), postcard_bytes).unwrap();
        let mut want = entries.clone();
        want.sort();
        assert_eq!(read_all(&dir, "h1").unwrap(), want);
        assert!(read_all(&dir, "h2").is_none(), "another header reads as nothing");
        let before = mtimes(&dir);
        assert!(before.len() > 2, "the groups are spread over several buckets");

        std::thread::sleep(std::time::Duration::from_millis(20));
        entries[3].1 = 999; // bahezhen/p3
        let refs: Vec<(&str, u32)> = entries.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        write(&dir, "h2", b"s", &buckets(&refs), postcard_bytes).unwrap();
        let after = mtimes(&dir);
        assert_eq!(after.len(), before.len(), "the replaced file is removed");
        let kept = after.iter().filter(|f| before.contains(f)).count();
        assert_eq!(kept, before.len() - 1, "only the edited group's bucket is written again");
        let mut want = entries.clone();
        want.sort();
        assert_eq!(read_all(&dir, "h2").unwrap(), want);

        std::fs::write(dir.join(&after[0].0), b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff").unwrap();
        assert!(read_all(&dir, "h2").is_none(), "a damaged bucket file makes the whole collection unusable");
        assert!(!dir.join(&after[0].0).exists(), "and is removed");
        write(&dir, "h2", b"s", &buckets(&refs), postcard_bytes).unwrap();
        assert_eq!(read_all(&dir, "h2").unwrap(), want, "the next write makes it again");
        std::fs::remove_file(dir.join(&after[1].0)).unwrap();
        assert!(read_all(&dir, "h2").is_none(), "a lost bucket file makes the whole collection unusable");
    }

    #[test]
    fn buckets_are_stable_and_bounded() {
        assert_eq!(bucket_of("bahezhen"), bucket_of("bahezhen"));
        assert!((0..1000).all(|i| bucket_of(&format!("site{i}")) < BUCKETS));
        let used: std::collections::HashSet<usize> = (0..200).map(|i| bucket_of(&format!("site{i}"))).collect();
        assert!(used.len() > BUCKETS / 2, "groups spread over the buckets: {}", used.len());
        let mut h = sha2::Sha256::new();
        h.update(b"x");
        let d: [u8; 32] = h.finalize().into();
        assert_eq!(file_name(3, &d), file_name(3, &d));
        assert_ne!(file_name(3, &d), file_name(4, &d));
    }
}
