//! The theme: Tera templates and static assets, from `themes/<name>/` or embedded.

use crate::diagnostic::Diagnostic;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A theme's files, read into memory once.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (`page.html`, `partials/header.html`).
    pub templates: Vec<(String, String)>,
    /// Static files by path under `static/` (`css/style.css`), copied to `/static/`.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// SHA-256 of the theme as loaded, templates and static files by name: the fingerprint the
    /// build cache and shard outputs compare, so a changed theme file reruns what it shows in.
    pub fn sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (name, body) in &self.templates {
            h.update(name.as_bytes());
            h.update([0]);
            h.update(body.as_bytes());
            h.update([0]);
        }
        for (name, bytes) in &self.static_files {
            h.update(name.as_bytes());
            h.update([0]);
            h.update(bytes);
            h.update([0]);
        }
        hex::encode(h.finalize())
    }

    /// Loads `themes/<name>` under `root`; the `default` theme falls back to the embedded copy.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            return Self::from_dir(root, &dir);
        }
        if name == "default" {
            return Ok(Self::from_files(EMBEDDED_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec()))));
        }
        Err(Diagnostic::error("zhanqun.yaml", "theme", crate::t!("load-theme-not-found", name = name))
            .help(crate::t!("load-theme-not-found-help")))
    }

    fn from_dir(root: &Path, dir: &Path) -> Result<Theme, Diagnostic> {
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Diagnostic::error(
                    crate::diagnostic::relative(root, dir),
                    "theme",
                    crate::t!(
                        "load-theme-unreadable",
                        reason = e.io_error().map_or_else(|| e.to_string(), crate::messages::io_reason)
                    ),
                )
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                Diagnostic::error(
                    crate::diagnostic::relative(root, entry.path()),
                    "theme",
                    crate::t!("load-theme-file-unreadable", reason = crate::messages::io_reason(&e)),
                )
            })?;
            files.push((rel, bytes));
        }
        let theme = Self::from_files(files.into_iter());
        if theme.templates.is_empty() {
            return Err(Diagnostic::error(
                crate::diagnostic::relative(root, dir),
                "theme",
                crate::t!("load-theme-no-templates"),
            )
            .help(crate::t!("load-theme-no-templates-help")));
        }
        Ok(theme)
    }

    fn from_files(files: impl Iterator<Item = (String, Vec<u8>)>) -> Theme {
        let mut theme = Theme::default();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                theme.templates.push((name.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.static_files.push((name.to_string(), bytes));
            }
        }
        theme.templates.sort();
        theme.static_files.sort();
        theme
    }
}
