//! The staging directory and the final swap.

use super::manifest::FileEntry;
use super::spare::SpareFiles;
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
    /// Made by [`Staging::from_spare`]: the tree `out` replaces is kept as the next spare.
    keep: bool,
    /// When the tree is a spare: the files it held, sorted by path (its manifest).
    spare: Option<SpareFiles>,
}

/// The directory next to `out` and the name of `out` in it.
fn parent_and_name(out: &Path) -> (&Path, String) {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    (parent, name)
}

/// The spare tree of `out` (`.NAME.spare` beside it): the output the build before the last
/// left (see [`Staging::from_spare`]).
fn spare_dir(out: &Path) -> PathBuf {
    let (parent, name) = parent_and_name(out);
    parent.join(format!(".{name}.spare"))
}

impl Staging {
    /// Creates an empty staging directory next to `out` (same file system, so the swap is a rename).
    pub fn create(out: &Path) -> io::Result<Staging> {
        let (parent, name) = parent_and_name(out);
        std::fs::create_dir_all(parent)?;
        clean_stale(parent, &name, out);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false, keep: false, spare: None })
    }

    /// The staging directory of a cached build: the spare tree beside `out` (`.NAME.spare`,
    /// the output the build before the last left, whose files mostly share their contents
    /// with `out`'s) when there is one with its manifest, else an empty one. Made from the
    /// spare, it already holds most files: the build writes only those it makes
    /// ([`Staging::write`]) and those the spare lacks ([`Staging::holds`], [`Staging::link_from`]), and [`Staging::prune`] removes those
    /// it did not make, instead of linking 100,000 files into an empty tree and deleting the
    /// old one. On [`Staging::commit`] the tree `out` held becomes the next spare. A build
    /// killed meanwhile leaves a staging directory, removed by the next build.
    /// `files` are the spare's files as [`Staging::spare_files`] read them.
    pub(crate) fn from_spare(out: &Path, files: Option<SpareFiles>) -> io::Result<Staging> {
        let spare = spare_dir(out);
        let mut staging = Staging::create(out)?;
        staging.keep = true;
        let Some(files) = files else {
            if spare.exists() {
                remove_tree(&spare);
            }
            return Ok(staging);
        };
        std::fs::remove_dir(&staging.dir)?;
        if std::fs::rename(&spare, &staging.dir).is_err() {
            std::fs::create_dir_all(&staging.dir)?;
            return Ok(staging);
        }
        // Not files of a build: written again (the manifest) or for another one (its signature).
        for extra in ["manifest.json", "manifest.json.sig"] {
            match std::fs::remove_file(staging.dir.join(extra)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        staging.spare = Some(files);
        Ok(staging)
    }

    /// The files of the spare tree beside `out`, from its manifest (none when it has none
    /// that can be read): read apart from [`Staging::from_spare`], which moves the tree, so
    /// that a build reads them beside other work (at 100,000 pages, ~20 MB of JSON).
    pub(crate) fn spare_files(out: &Path) -> Option<SpareFiles> {
        std::fs::read(spare_dir(out).join("manifest.json")).ok().and_then(|bytes| SpareFiles::read(&bytes))
    }

    /// Removes the spare tree beside `out`, if any: a build without the cache keeps none.
    pub fn remove_spare(out: &Path) {
        let spare = spare_dir(out);
        if spare.exists() {
            remove_tree(&spare);
        }
    }

    /// True when the spare holds the file `entry` (its path, size and hash), by its manifest:
    /// trusted as the build cache trusts the output's (the file there is, or has the contents
    /// of, one a build wrote with that hash).
    pub fn holds(&self, entry: &FileEntry) -> bool {
        self.spare.as_ref().is_some_and(|files| files.holds(entry))
    }

    /// Makes room at `path` for a new file: in a spare, the old file is unlinked first, never
    /// written over, as it shares its contents with `out`'s (hard links).
    fn clear(&self, path: &Path) -> io::Result<()> {
        if self.spare.is_some() {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(())
    }

    /// Removes the files of the spare that are not among `files` (every file of the build,
    /// sorted by path), and the directories they leave empty.
    pub fn prune(&self, files: &[FileEntry]) -> io::Result<()> {
        let Some(spare) = &self.spare else { return Ok(()) };
        for path in (0..spare.len()).map(|i| spare.path(i)) {
            if files.binary_search_by(|e| e.path.as_str().cmp(path)).is_err() {
                remove_file(&self.dir, path)?;
            }
        }
        Ok(())
    }

    /// Root of the staging tree.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the file `rel` of the previous output `old` at `rel` in the new one, by a hard link
    /// (a copy where links are not possible): for pages the build cache found unchanged.
    pub fn link_from(&self, old: &Path, rel: &str) -> io::Result<()> {
        let to = self.dir.join(rel);
        self.clear(&to)?;
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
        self.clear(&path)?;
        std::fs::write(&path, bytes)?;
        Ok(file_entry(rel, bytes))
    }

    /// Replaces `out` with the staging tree. Where the system can (Linux), the two trees are
    /// swapped in one atomic `renameat2(RENAME_EXCHANGE)`, so `out` is never missing even if the
    /// process is killed at that moment; elsewhere the old tree is renamed away first and
    /// restored if the second rename fails (and a later build restores it after a kill). The
    /// old tree is deleted or, the staging made by [`Staging::from_spare`], kept as the next
    /// spare.
    pub fn commit(mut self) -> io::Result<()> {
        let name = self.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let old = self.dir.with_file_name(format!(".{name}.old-{}", std::process::id()));
        if self.out.exists() && exchange(&self.dir, &self.out).is_ok() {
            // The staging path now holds the previous tree.
            self.committed = true;
            if !(self.keep && self.keep_spare(&self.dir)) {
                let _ = std::fs::rename(&self.dir, &old);
                remove_tree(&old);
            }
            return Ok(());
        }
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
        if had_old && !(self.keep && self.keep_spare(&old)) {
            // The new tree is in place; a leftover old tree is only disk space.
            remove_tree(&old);
        }
        Ok(())
    }

    /// Makes the previous output `old` the spare; false when it cannot be.
    fn keep_spare(&self, old: &Path) -> bool {
        let spare = spare_dir(&self.out);
        if spare.exists() {
            remove_tree(&spare);
        }
        std::fs::rename(old, &spare).is_ok()
    }
}

/// Deletes the previous output tree after a commit, its top-level entries (one per site) in
/// parallel: a large cluster's old tree is 10^5 files, seconds of unlinking on one core. Errors
/// are ignored — the new tree is in place and what is left is only disk space.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return,
    };
    entries.par_iter().for_each(|p| {
        let _ = if p.is_dir() && !p.is_symlink() { std::fs::remove_dir_all(p) } else { std::fs::remove_file(p) };
    });
    let _ = std::fs::remove_dir_all(dir);
}

/// Atomically swaps the directories `a` and `b` (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths, relative to the current directory.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// No atomic exchange here: [`Staging::commit`] falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, crate::t!("emit-no-atomic-exchange")))
}

/// Removes what builds that were killed left next to `out` (`.NAME.staging-PID`,
/// `.NAME.old-PID` of processes no longer running), first putting a previous tree back if a
/// kill between the two renames of the fallback commit left `out` missing.
fn clean_stale(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else { continue };
        let (kind, pid) = match rest.split_once('-') {
            Some((k @ ("staging" | "old"), pid)) => (k, pid),
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        if kind == "old" && !out.exists() {
            let _ = std::fs::rename(e.path(), out);
        } else {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// True when process `pid` is running (where that can be told: on Linux by /proc).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new(&format!("/proc/{pid}")).exists() } else { true }
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
    FileEntry { path: rel.to_string(), size: bytes.len() as u64, sha256: hex::encode(Sha256::digest(bytes)) }
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

/// An output directory whose replacement would destroy something that is not a previous
/// build.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::t!("pipeline-unsafe-output", path = .path.display().to_string(), why = .why.as_str()))]
pub struct UnsafeOutput {
    /// The output path.
    pub path: PathBuf,
    /// Why it is refused.
    pub why: String,
}

/// Refuses output directories whose replacement would destroy the cluster or unrelated files:
/// the cluster's own directory or one above it, a directory inside `content/`, `sites/` or
/// `themes/`, and a non-empty directory no build wrote (it has no `manifest.json`).
pub fn guard_output(root: &Path, out: &Path) -> Result<(), UnsafeOutput> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_c, out_c) = (canon(root), canon(out));
    let unsafe_out = |why: String| UnsafeOutput { path: out.to_path_buf(), why };
    if root_c.starts_with(&out_c) {
        return Err(unsafe_out(crate::t!("pipeline-out-contains-root")));
    }
    for dir in ["content", "sites", "themes"] {
        if out_c.starts_with(root_c.join(dir)) {
            return Err(unsafe_out(crate::t!("pipeline-out-inside", dir = dir)));
        }
    }
    if out.is_dir()
        && !out.join("manifest.json").exists()
        && std::fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(false)
    {
        return Err(unsafe_out(crate::t!("pipeline-out-not-empty")));
    }
    Ok(())
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
        std::fs::create_dir_all(out.join("site/col/page")).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        std::fs::write(out.join("site/col/page/index.html"), "old").unwrap();
        let s = Staging::create(&out).unwrap();
        let e = s.write_url("/a/", b"abc").unwrap();
        assert_eq!(e.path, "a/index.html");
        assert_eq!(e.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        s.commit().unwrap();
        assert!(out.join("a/index.html").exists());
        assert!(!out.join("old.html").exists() && !out.join("site").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "the old tree is deleted");
    }
}
