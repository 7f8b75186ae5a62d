//! `manifest.json`: every output file with its size and SHA-256, for incremental uploads and
//! tamper checks.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

/// The manifest document (format version 1).
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub version: u32,
    /// Number of files.
    pub count: usize,
    /// Total bytes.
    pub bytes: u64,
    /// Files sorted by path.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    /// A manifest of `files`, sorted by path.
    pub fn new(mut files: Vec<FileEntry>) -> Manifest {
        files.sort();
        Manifest { version: 1, count: files.len(), bytes: files.iter().map(|f| f.size).sum(), files }
    }

    /// Pretty JSON, one file per line group, stable across runs.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Writes [`Manifest::to_json`] to `path` as it is serialized (at 100,000 pages the text
    /// takes tens of megabytes); returns its SHA-256 (hex) and length.
    pub fn write_json(&self, path: &std::path::Path) -> std::io::Result<(String, u64)> {
        use sha2::Digest;
        use std::io::Write;
        /// Writes through to a file, hashing and counting the bytes.
        struct Hashing<W> {
            inner: W,
            sha: sha2::Sha256,
            len: u64,
        }
        impl<W: Write> Write for Hashing<W> {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let n = self.inner.write(buf)?;
                self.sha.update(&buf[..n]);
                self.len += n as u64;
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                self.inner.flush()
            }
        }
        // The buffer in front of the hash: serde_json writes in fragments of a few bytes each
        // (a quote, a key, an indent), which the hash and the file then take in blocks.
        let file = Hashing { inner: std::fs::File::create(path)?, sha: sha2::Sha256::new(), len: 0 };
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        serde_json::to_writer_pretty(&mut w, self).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        let w = w.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        Ok((hex::encode(w.sha.finalize()), w.len))
    }
}

/// The manifest of an output directory that changes a few files at a time (`zhanqun serve`):
/// each entry keeps its piece of the JSON, so that the whole [`Manifest::to_json`] text is put
/// together again by concatenation rather than serialized anew after every edit.
#[derive(Debug, Default)]
pub struct ManifestIndex {
    files: BTreeMap<String, (FileEntry, String)>,
    bytes: u64,
}

impl ManifestIndex {
    /// An index of `files`.
    pub fn new(files: impl IntoIterator<Item = FileEntry>) -> ManifestIndex {
        let mut index = ManifestIndex::default();
        for f in files {
            index.insert(f);
        }
        index
    }

    /// Adds or replaces the entry of `entry.path`.
    pub fn insert(&mut self, entry: FileEntry) {
        let piece = format!(
            "    {{\n      \"path\": {},\n      \"size\": {},\n      \"sha256\": {}\n    }}",
            serde_json::to_string(&entry.path).unwrap_or_default(),
            entry.size,
            serde_json::to_string(&entry.sha256).unwrap_or_default()
        );
        self.bytes += entry.size;
        if let Some((old, _)) = self.files.insert(entry.path.clone(), (entry, piece)) {
            self.bytes -= old.size;
        }
    }

    /// Removes the entry of `path`.
    pub fn remove(&mut self, path: &str) {
        if let Some((old, _)) = self.files.remove(path) {
            self.bytes -= old.size;
        }
    }

    /// The paths that start with `prefix`, in order.
    pub fn paths_under(&self, prefix: &str) -> Vec<String> {
        self.files.range(prefix.to_owned()..).map(|(p, _)| p).take_while(|p| p.starts_with(prefix)).cloned().collect()
    }

    /// The entry of `path`.
    pub fn get(&self, path: &str) -> Option<&FileEntry> {
        self.files.get(path).map(|(e, _)| e)
    }

    /// Exactly [`Manifest::to_json`] of these files.
    pub fn to_json(&self) -> String {
        let count = self.files.len();
        let total: usize = self.files.values().map(|(_, p)| p.len() + 2).sum();
        let mut out = String::with_capacity(total + 128);
        out.push_str(&format!(
            "{{\n  \"version\": 1,\n  \"count\": {count},\n  \"bytes\": {},\n  \"files\": [",
            self.bytes
        ));
        for (i, (_, piece)) in self.files.values().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(piece);
        }
        out.push_str(if count == 0 { "]\n}\n" } else { "\n  ]\n}\n" });
        out
    }
}

/// Why a manifest could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// The file is missing or unreadable.
    #[error("{}", crate::t!("emit-manifest-unreadable", path = .path.as_str(), error = crate::messages::io_reason(.source)))]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a manifest.
    #[error("{}", crate::t!("emit-manifest-invalid", path = .path.as_str(), error = .source.to_string()))]
    Format {
        /// The file.
        path: String,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
}

impl Manifest {
    /// Reads `path`, a manifest.json or a build output directory holding one.
    pub fn read(path: &Path) -> Result<Manifest, ManifestError> {
        let file = if path.is_dir() { path.join("manifest.json") } else { path.to_path_buf() };
        let shown = file.display().to_string();
        let text =
            std::fs::read_to_string(&file).map_err(|source| ManifestError::Io { path: shown.clone(), source })?;
        serde_json::from_str(&text).map_err(|source| ManifestError::Format { path: shown, source })
    }
}

/// What an incremental deploy must do to turn the OLD output into the NEW one.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeployPlan {
    /// Files new in NEW.
    pub added: Vec<String>,
    /// Files whose content changed.
    pub changed: Vec<String>,
    /// Files gone from NEW: delete them from the host.
    pub deleted: Vec<String>,
    /// Files with the same hash in both.
    pub unchanged: usize,
}

impl DeployPlan {
    /// Compares two manifests by path and SHA-256. `manifest.json` itself always counts as
    /// changed when anything else did, so that the host's copy stays current.
    pub fn between(old: &Manifest, new: &Manifest) -> DeployPlan {
        let old_files: BTreeMap<&str, &str> = old.files.iter().map(|f| (f.path.as_str(), f.sha256.as_str())).collect();
        let new_files: BTreeMap<&str, &str> = new.files.iter().map(|f| (f.path.as_str(), f.sha256.as_str())).collect();
        let mut plan = DeployPlan::default();
        for (path, hash) in &new_files {
            match old_files.get(path) {
                None => plan.added.push(path.to_string()),
                Some(h) if h != hash => plan.changed.push(path.to_string()),
                Some(_) => plan.unchanged += 1,
            }
        }
        plan.deleted = old_files.keys().filter(|p| !new_files.contains_key(*p)).map(|p| p.to_string()).collect();
        if !(plan.added.is_empty() && plan.changed.is_empty() && plan.deleted.is_empty()) {
            plan.changed.push("manifest.json".to_owned());
        }
        plan
    }

    /// `upload PATH` and `delete PATH` lines, uploads first, for scripts.
    pub fn to_lines(&self) -> String {
        let mut out = String::new();
        for p in self.added.iter().chain(&self.changed) {
            out.push_str("upload ");
            out.push_str(p);
            out.push('\n');
        }
        for p in &self.deleted {
            out.push_str("delete ");
            out.push_str(p);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_written_as_it_is_serialized_is_its_json() {
        use sha2::Digest;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.json");
        let manifest = m(&[("b/index.html", "bb"), ("a \"引号\".html", "aa")]);
        let (sha, len) = manifest.write_json(&path).unwrap();
        let written = std::fs::read(&path).unwrap();
        assert_eq!(String::from_utf8(written.clone()).unwrap(), manifest.to_json());
        assert_eq!((sha, len), (hex::encode(sha2::Sha256::digest(&written)), written.len() as u64));
    }

    fn m(files: &[(&str, &str)]) -> Manifest {
        Manifest::new(
            files.iter().map(|(p, h)| FileEntry { path: p.to_string(), size: 1, sha256: h.to_string() }).collect(),
        )
    }

    #[test]
    fn streamed_json_equals_serde() {
        for files in [vec![], vec![("a \"q\" 通知/index.html", "1"), ("b.html", "ff")]] {
            let m = m(&files);
            let mut index = ManifestIndex::new(m.files.iter().rev().cloned());
            assert_eq!(index.to_json(), m.to_json());
            index.insert(FileEntry { path: "b.html".into(), size: 70, sha256: "0".into() });
            index.remove("nope");
            let mut files = m.files.clone();
            files.retain(|f| f.path != "b.html");
            files.push(FileEntry { path: "b.html".into(), size: 70, sha256: "0".into() });
            assert_eq!(index.to_json(), Manifest::new(files).to_json());
        }
    }

    #[test]
    fn plan_lists_uploads_and_deletions() {
        let old = m(&[("a.html", "1"), ("b.html", "2"), ("c.html", "3")]);
        let new = m(&[("a.html", "1"), ("b.html", "9"), ("d.html", "4")]);
        let plan = DeployPlan::between(&old, &new);
        assert_eq!(plan.added, ["d.html"]);
        assert_eq!(plan.changed, ["b.html", "manifest.json"]);
        assert_eq!(plan.deleted, ["c.html"]);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.to_lines(), "upload d.html\nupload b.html\nupload manifest.json\ndelete c.html\n");
        assert_eq!(DeployPlan::between(&old, &old), DeployPlan { unchanged: 3, ..Default::default() });
    }
}
