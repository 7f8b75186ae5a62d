//! `zhanqun theme list|eject|diff`: which theme files a cluster overrides, copying one built-in
//! file to change it, and finding the files of an old full copy that can be dropped.
//!
//! A cluster's `themes/<name>/` holds only what it changes ([`crate::load::Theme`]): a file it
//! does not hold comes from the built-in theme and so follows every zhanqun release.

use crate::diagnostic::Diagnostics;
use crate::load::{EMBEDDED_THEME, Origin};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a theme file is, next to the built-in theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileState {
    /// Only in the built-in theme: used from there.
    BuiltIn,
    /// In the cluster's theme and changed from the built-in file.
    Changed,
    /// In the cluster's theme and byte for byte the built-in file: it can be dropped.
    Same,
    /// Only in the cluster's theme.
    Own,
}

/// One file of the looked-up theme.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeFile {
    /// Path relative to the theme (`templates/partials/footer.html`).
    pub path: String,
    /// Where the build takes it from.
    pub origin: Origin,
    /// Against the built-in theme.
    pub state: FileState,
}

/// The cluster's theme name and every file of its theme, by path.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeListing {
    /// `theme:` of `zhanqun.yaml`.
    pub name: String,
    /// Every file the build uses, by path.
    pub files: Vec<ThemeFile>,
}

/// Why `theme eject` copied nothing.
#[derive(Debug, thiserror::Error)]
pub enum EjectError {
    /// `zhanqun.yaml` or the theme could not be read.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Diagnostics),
    /// The built-in theme has no such file.
    #[error("{}", crate::t!("theme-eject-unknown", file = .0.as_str()))]
    Unknown(String),
    /// The cluster's theme already holds the file.
    #[error("{}", crate::t!("theme-eject-exists", path = .0.display().to_string()))]
    Exists(PathBuf),
    /// Writing failed.
    #[error("{}", crate::t!("pipeline-cannot-write", path = .path.display().to_string()))]
    Io {
        /// File being written.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
}

/// Every file of the theme of the cluster at `root`, where the build takes it from and how it
/// compares with the built-in file.
pub fn theme_list(root: &Path) -> Result<ThemeListing, Diagnostics> {
    let name = crate::load::read_config(root)?.theme;
    let own = crate::load::theme_files(root, &name).map_err(|d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    })?;
    let builtin = |path: &str| EMBEDDED_THEME.iter().find(|(p, _)| *p == path).map(|(_, b)| *b);
    let mut files: Vec<ThemeFile> = own
        .iter()
        .map(|(path, bytes)| ThemeFile {
            path: path.clone(),
            origin: Origin::Cluster,
            state: match builtin(path) {
                Some(b) if b == bytes.as_slice() => FileState::Same,
                Some(_) => FileState::Changed,
                None => FileState::Own,
            },
        })
        .collect();
    files.extend(EMBEDDED_THEME.iter().filter(|(p, _)| !own.iter().any(|(q, _)| q == p)).map(|(p, _)| ThemeFile {
        path: p.to_string(),
        origin: Origin::BuiltIn,
        state: FileState::BuiltIn,
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(ThemeListing { name, files })
}

/// The built-in file `file` names: a path relative to the theme (`templates/page.html`,
/// `static/css/style.css`) or, unambiguously, without its first directory (`page.html`,
/// `css/style.css`).
pub fn builtin_path(file: &str) -> Option<&'static str> {
    let file = file.replace('\\', "/");
    let file = file.trim_start_matches("./");
    let candidates = [file.to_string(), format!("templates/{file}"), format!("static/{file}")];
    candidates.iter().find_map(|c| EMBEDDED_THEME.iter().find(|(p, _)| p == c).map(|(p, _)| *p))
}

/// Copies the built-in `file` into the theme of the cluster at `root` to be changed there;
/// returns the path written (relative to `root`). An existing file is never overwritten.
pub fn theme_eject(root: &Path, file: &str) -> Result<PathBuf, EjectError> {
    let name = crate::load::read_config(root).map_err(EjectError::Invalid)?.theme;
    let path = builtin_path(file).ok_or_else(|| EjectError::Unknown(file.to_string()))?;
    let bytes = EMBEDDED_THEME.iter().find(|(p, _)| *p == path).map(|(_, b)| *b).unwrap_or_default();
    let rel = Path::new("themes").join(&name).join(path);
    let dest = root.join(&rel);
    if dest.exists() {
        return Err(EjectError::Exists(rel));
    }
    let io = |source| EjectError::Io { path: dest.clone(), source };
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(&dest, bytes).map_err(io)?;
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_with_or_without_its_first_directory() {
        assert_eq!(builtin_path("templates/partials/footer.html"), Some("templates/partials/footer.html"));
        assert_eq!(builtin_path("partials/footer.html"), Some("templates/partials/footer.html"));
        assert_eq!(builtin_path("css/style.css"), Some("static/css/style.css"));
        assert_eq!(builtin_path("static\\img\\emblem.svg"), Some("static/img/emblem.svg"));
        assert_eq!(builtin_path("partials/nothing.html"), None);
    }
}
