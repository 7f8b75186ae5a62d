//! The two sides of `catalog diff`: `catalog.json` files, built output directories, or git
//! revisions of a cluster repository — read, and compared into a [`DiffReport`].

use super::diff::{DiffReport, InputKind, SideInfo};
use super::git::{self, GitError};
use super::{Catalog, CatalogEntry, SCHEMA_VERSION};
use crate::diagnostic::Diagnostic;
use crate::t;
use std::fmt;
use std::path::{Path, PathBuf};

/// What OLD and NEW are.
#[derive(Debug, Clone, Copy)]
pub enum DiffInputs<'a> {
    /// Two paths, each a `catalog.json` file or a directory holding one (a build's output).
    Paths {
        /// OLD.
        old: &'a Path,
        /// NEW.
        new: &'a Path,
    },
    /// Two revisions of the git repository holding the cluster at `root`.
    Git {
        /// The cluster root (the directory holding `zhanqun.yaml`, in a git work tree).
        root: &'a Path,
        /// OLD revision.
        old: &'a str,
        /// NEW revision.
        new: &'a str,
    },
}

/// Why OLD or NEW could not be read. Every variant is an input error (exit code 2).
#[derive(Debug)]
pub enum DiffInputError {
    /// The path does not exist.
    NotFound {
        /// The path as given.
        path: PathBuf,
        /// True when the argument looks like a git revision (`HEAD~1`, `main`).
        looks_like_revision: bool,
    },
    /// A directory without `catalog.json`.
    NoCatalogInDir {
        /// The directory.
        path: PathBuf,
        /// True when it holds `zhanqun.yaml`.
        cluster_root: bool,
    },
    /// The file cannot be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a `catalog.json`.
    Json {
        /// The file.
        path: PathBuf,
        /// What serde found.
        source: serde_json::Error,
    },
    /// The file is a `catalog.json` of a newer format.
    Version {
        /// The file.
        path: PathBuf,
        /// Its `schema_version`.
        found: u32,
    },
    /// A git revision could not be read.
    Git(GitError),
}

impl From<GitError> for DiffInputError {
    fn from(e: GitError) -> Self {
        DiffInputError::Git(e)
    }
}

impl fmt::Display for DiffInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            DiffInputError::NotFound { path, looks_like_revision } => {
                let mut s = t!("catalog-input-not-found", path = path.display().to_string());
                if *looks_like_revision {
                    s.push_str(&t!("catalog-input-not-found-revision-hint"));
                }
                s
            }
            DiffInputError::NoCatalogInDir { path, cluster_root } => {
                let mut s = t!("catalog-input-no-catalog", path = path.display().to_string());
                if *cluster_root {
                    s.push_str(&t!("catalog-input-cluster-root-hint"));
                }
                s
            }
            DiffInputError::Io { path, source } => {
                t!(
                    "catalog-input-cannot-read",
                    path = path.display().to_string(),
                    error = crate::messages::io_reason(source)
                )
            }
            DiffInputError::Json { path, source } => {
                t!("catalog-input-not-a-catalog", path = path.display().to_string(), error = source.to_string())
            }
            DiffInputError::Version { path, found } => t!(
                "catalog-input-newer-version",
                path = path.display().to_string(),
                found = *found,
                supported = SCHEMA_VERSION
            ),
            DiffInputError::Git(e) => return fmt::Display::fmt(e, f),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for DiffInputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DiffInputError::Io { source, .. } => Some(source),
            DiffInputError::Json { source, .. } => Some(source),
            DiffInputError::Git(e) => e.source(),
            _ => None,
        }
    }
}

/// A page left out of a revision's catalog, reported on stderr.
#[derive(Debug, Clone)]
pub struct DiffWarning {
    /// The revision the page was read from.
    pub revision: String,
    /// What is wrong with it.
    pub diagnostic: Diagnostic,
}

impl fmt::Display for DiffWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.revision, self.diagnostic)
    }
}

/// A finished comparison: the report, and the pages left out while reading git revisions.
#[derive(Debug, Clone)]
pub struct DiffOutcome {
    /// The report.
    pub report: DiffReport,
    /// Pages left out, OLD's first, each in path order.
    pub warnings: Vec<DiffWarning>,
}

/// Reads OLD and NEW and compares them.
pub fn compare(inputs: DiffInputs<'_>, today: Option<chrono::NaiveDate>) -> Result<DiffOutcome, DiffInputError> {
    match inputs {
        DiffInputs::Paths { old, new } => {
            let (old_info, old_docs) = read_path(old)?;
            let (new_info, new_docs) = read_path(new)?;
            Ok(DiffOutcome {
                report: DiffReport::new(old_info, &old_docs, new_info, &new_docs, today),
                warnings: Vec::new(),
            })
        }
        DiffInputs::Git { root, old, new } => {
            let mut revs = git::read_revisions(root, &[old, new])?.into_iter();
            let (o, n) = (revs.next().expect("two revisions"), revs.next().expect("two revisions"));
            let warnings = [&o, &n]
                .iter()
                .flat_map(|r| {
                    r.warnings.iter().map(|d| DiffWarning { revision: r.revision.clone(), diagnostic: d.clone() })
                })
                .collect();
            let info = |r: &git::RevisionCatalog| SideInfo {
                kind: InputKind::Git,
                source: r.revision.clone(),
                file: None,
                commit: Some(r.commit.clone()),
                cluster: Some(r.cluster.clone()),
                documents: r.documents.len(),
            };
            let report = DiffReport::new(info(&o), &o.documents, info(&n), &n.documents, today);
            Ok(DiffOutcome { report, warnings })
        }
    }
}

/// Reads a `catalog.json` file, or the `catalog.json` at the top of an output directory.
pub fn read_path(path: &Path) -> Result<(SideInfo, Vec<CatalogEntry>), DiffInputError> {
    let (kind, file) = if path.is_dir() {
        let file = path.join("catalog.json");
        if !file.is_file() {
            return Err(DiffInputError::NoCatalogInDir {
                path: path.to_path_buf(),
                cluster_root: path.join("zhanqun.yaml").is_file(),
            });
        }
        (InputKind::Dir, file)
    } else if path.exists() {
        (InputKind::File, path.to_path_buf())
    } else {
        let s = path.to_string_lossy();
        let looks_like_revision = s == "HEAD"
            || s.contains(['~', '^', '@'])
            || (s.len() >= 7 && s.len() <= 40 && s.chars().all(|c| c.is_ascii_hexdigit()));
        return Err(DiffInputError::NotFound { path: path.to_path_buf(), looks_like_revision });
    };
    let catalog = read_catalog(&file)?;
    let info = SideInfo {
        kind,
        source: path.to_string_lossy().into_owned(),
        file: Some(file.to_string_lossy().into_owned()),
        commit: None,
        cluster: Some(catalog.cluster),
        documents: catalog.documents.len(),
    };
    Ok((info, catalog.documents))
}

/// Reads and checks one `catalog.json`.
pub fn read_catalog(file: &Path) -> Result<Catalog, DiffInputError> {
    let bytes = std::fs::read(file).map_err(|source| DiffInputError::Io { path: file.to_path_buf(), source })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // Check the version first, so that a newer format says so instead of failing on a field.
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: u32,
    }
    if let Ok(v) = serde_json::from_slice::<Version>(bytes)
        && v.schema_version > SCHEMA_VERSION
    {
        return Err(DiffInputError::Version { path: file.to_path_buf(), found: v.schema_version });
    }
    serde_json::from_slice(bytes).map_err(|source| DiffInputError::Json { path: file.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_that_looks_like_a_revision_suggests_git() {
        let err = read_path(Path::new("HEAD~1")).unwrap_err();
        assert!(err.to_string().contains("加 --git"), "{err}");
        let err = read_path(Path::new("/nonexistent/catalog.json")).unwrap_err();
        assert!(!err.to_string().contains("--git"), "{err}");
    }

    #[test]
    fn the_english_texts_say_the_same() {
        use crate::messages::{Lang, text_in};
        assert_eq!(
            text_in(Lang::En, "catalog-input-not-found", &[("path", "HEAD~1".into())]),
            "HEAD~1: no such file or directory"
        );
        assert!(
            text_in(Lang::En, "catalog-input-not-found-revision-hint", &[]).starts_with(" (to compare git revisions")
        );
    }

    #[test]
    fn newer_formats_and_other_json_are_refused_clearly() {
        let dir = std::env::temp_dir().join(format!("zhanqun-source-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let newer = dir.join("newer.json");
        std::fs::write(&newer, r#"{"schema_version": 99, "documents": "whatever"}"#).unwrap();
        let err = read_catalog(&newer).unwrap_err();
        assert!(matches!(err, DiffInputError::Version { found: 99, .. }), "{err}");
        let other = dir.join("other.json");
        std::fs::write(&other, "[1, 2]").unwrap();
        assert!(read_catalog(&other).unwrap_err().to_string().contains("不是 zhanqun 的 catalog.json"));
        let err = read_path(&dir).unwrap_err();
        assert!(err.to_string().contains("里没有 catalog.json"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
