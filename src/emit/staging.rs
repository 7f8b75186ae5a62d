//! The staging directory and the final swap.

use super::manifest::FileEntry;
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

/// A directory that becomes `out` only on [`Staging::commit`]; dropped uncommitted, it is removed
/// and `out` stays as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging directory next to `out` (same file system, so the swap is a rename).
    pub fn create(out: &Path) -> io::Result<Staging> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false })
    }

    /// Root of the staging tree.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the file `rel` of the previous output `old` at `rel` in the new one, by a hard link
    /// (a copy where links are not possible): for pages the build cache found unchanged.
    pub fn link_from(&self, old: &Path, rel: &str) -> io::Result<()> {
        let to = self.dir.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let from = old.join(rel);
        std::fs::hard_link(&from, &to).or_else(|_| std::fs::copy(&from, &to).map(|_| ()))
    }

    /// Writes `bytes` at the cluster-relative `url` (`/a/b/` becomes `a/b/index.html`) and returns
    /// its manifest entry.
    pub fn write_url(&self, url: &str, bytes: &[u8]) -> io::Result<FileEntry> {
        self.write(&url_file(url), bytes)
    }

    /// Writes `bytes` at the relative path `rel` and returns its manifest entry.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<FileEntry> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        Ok(file_entry(rel, bytes))
    }

    /// Replaces `out` with the staging tree. The old tree is renamed away first and restored if
    /// the second rename fails.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.out.exists();
        if had_old {
            std::fs::rename(&self.out, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_old {
                std::fs::rename(&old, &self.out)?;
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            // The new tree is in place; a leftover old tree is only disk space.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The output file (relative to the output root) of a cluster-relative URL: `/a/b/` is
/// `a/b/index.html`, `/a/b.pdf` is `a/b.pdf`.
pub fn url_file(url: &str) -> String {
    if url.ends_with('/') {
        format!("{}index.html", url.trim_start_matches('/'))
    } else {
        url.trim_start_matches('/').to_string()
    }
}

/// The manifest entry of `bytes` written at `rel`.
pub fn file_entry(rel: &str, bytes: &[u8]) -> FileEntry {
    FileEntry { path: rel.to_string(), size: bytes.len() as u64, sha256: hex(&Sha256::digest(bytes)) }
}

/// Replaces the file `rel` under the live output directory `out` in one rename (a reader sees
/// the old bytes or the new, never half a file): how `zhanqun serve` updates the tree it serves.
pub fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = out.join(rel);
    let parent = path.parent().unwrap_or(out);
    std::fs::create_dir_all(parent)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = parent.join(format!(".{name}.zhanqun-tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    if let Err(e) = std::fs::rename(&tmp, &path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Removes the file `rel` under `out` and the directories it leaves empty (up to `out`).
pub fn remove_file(out: &Path, rel: &str) -> io::Result<()> {
    let path = out.join(rel);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Lower-case hex of `bytes` (how hashes are written in manifests and caches).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_staging_leaves_out_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("keep.html"), "old").unwrap();
        {
            let s = Staging::create(&out).unwrap();
            s.write_url("/a/", b"new").unwrap();
        }
        assert_eq!(std::fs::read_to_string(out.join("keep.html")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn commit_replaces_out() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        let s = Staging::create(&out).unwrap();
        let e = s.write_url("/a/", b"abc").unwrap();
        assert_eq!(e.path, "a/index.html");
        assert_eq!(e.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        s.commit().unwrap();
        assert!(out.join("a/index.html").exists());
        assert!(!out.join("old.html").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
