//! The theme: Tera templates and static assets, looked up file by file.
//!
//! A cluster's theme (`themes/<name>/`) holds only the files it changes; every other file
//! comes from the built-in theme embedded in the binary, the way Hugo's lookup order and
//! Zola's theme overrides work. A fix to a built-in template therefore reaches every cluster
//! that did not override that template. `zhanqun theme list|eject|diff` show and manage the
//! overrides ([`crate::commands::theme`]).

use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Where a theme file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The cluster's own `themes/<name>/`.
    Cluster,
    /// The built-in theme (embedded in the binary).
    BuiltIn,
}

/// A theme's files, read into memory once.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (`page.html`, `partials/header.html`).
    pub templates: Vec<(String, String)>,
    /// Static files by path under `static/` (`css/style.css`), copied to `/static/`.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Every theme file (`templates/page.html`, `static/css/style.css`) with where it was
    /// found, by path.
    pub origins: Vec<(String, Origin)>,
}

impl Theme {
    /// SHA-256 of the theme as looked up: which file comes from the cluster's theme and which
    /// from the built-in one, and the templates and static files by name (so a new built-in
    /// file, a fix to one or an override added or removed each change it). The build cache and
    /// shard outputs compare it.
    pub fn sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (path, origin) in &self.origins {
            h.update(path.as_bytes());
            h.update([0, *origin as u8, 0]);
        }
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

    /// Loads the theme `name` of the cluster at `root`: its `themes/<name>/` over the built-in
    /// theme. Only `default` may have no directory (it is then the built-in theme alone).
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        Self::load_over(root, name, EMBEDDED_THEME)
    }

    /// Loads `themes/<name>/` under `root` over the built-in files `builtin` (path relative to
    /// the theme, bytes).
    pub fn load_over(root: &Path, name: &str, builtin: &[(&str, &[u8])]) -> Result<Theme, Diagnostic> {
        let own = cluster_files(root, name)?;
        Ok(Self::merge(own, builtin))
    }

    /// The cluster's files win over the built-in ones of the same path.
    fn merge(own: Vec<(String, Vec<u8>)>, builtin: &[(&str, &[u8])]) -> Theme {
        let mut files: std::collections::BTreeMap<String, (Vec<u8>, Origin)> = builtin
            .iter()
            .filter(|(p, _)| is_theme_file(p))
            .map(|(p, b)| (p.to_string(), (b.to_vec(), Origin::BuiltIn)))
            .collect();
        for (path, bytes) in own {
            files.insert(path, (bytes, Origin::Cluster));
        }
        let mut theme = Theme::default();
        for (path, (bytes, origin)) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                theme.templates.push((name.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.static_files.push((name.to_string(), bytes));
            }
            theme.origins.push((path, origin));
        }
        theme
    }

    /// Where the template `name` (`partials/footer.html`) was found.
    pub fn template_origin(&self, name: &str) -> Option<Origin> {
        let path = format!("templates/{name}");
        self.origins.iter().find(|(p, _)| *p == path).map(|(_, o)| *o)
    }

    /// The static file `path` (`img/emblem.svg`), from whichever theme it comes.
    pub fn static_file(&self, path: &str) -> Option<&[u8]> {
        self.static_files.iter().find(|(p, _)| p == path).map(|(_, b)| b.as_slice())
    }
}

/// True for the paths a theme consists of: templates and static files.
fn is_theme_file(path: &str) -> bool {
    path.starts_with("templates/") || path.starts_with("static/")
}

/// The files of the cluster's `themes/<name>/` (templates and static files, by path relative
/// to the theme, sorted); none when `name` is `default` and the directory does not exist.
pub fn cluster_files(root: &Path, name: &str) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(Vec::new());
        }
        return Err(Diagnostic::error("zhanqun.yaml", "theme", crate::t!("load-theme-not-found", name = name))
            .help(crate::t!("load-theme-not-found-help")));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(
                crate::diagnostic::relative(root, &dir),
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
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        if !is_theme_file(&rel) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(
                crate::diagnostic::relative(root, entry.path()),
                "theme",
                crate::t!("load-theme-file-unreadable", reason = crate::messages::io_reason(&e)),
            )
        })?;
        files.push((rel, bytes));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn template<'t>(theme: &'t Theme, name: &str) -> &'t str {
        &theme.templates.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn a_cluster_file_overrides_and_every_other_file_falls_back_to_the_built_in_one() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "themes/xian/templates/partials/footer.html", "<footer>本县</footer>");
        write(tmp.path(), "themes/xian/static/img/logo.png", "png");
        write(tmp.path(), "themes/xian/README.md", "not a theme file");
        let builtin: &[(&str, &[u8])] = &[
            ("templates/base.html", b"base v1"),
            ("templates/partials/footer.html", b"<footer>built-in</footer>"),
            ("static/css/style.css", b"css"),
        ];
        let theme = Theme::load_over(tmp.path(), "xian", builtin).unwrap();
        assert_eq!(template(&theme, "partials/footer.html"), "<footer>本县</footer>");
        assert_eq!(template(&theme, "base.html"), "base v1");
        assert_eq!(theme.static_file("css/style.css"), Some(&b"css"[..]));
        assert_eq!(theme.static_file("img/logo.png"), Some(&b"png"[..]));
        assert_eq!(theme.template_origin("partials/footer.html"), Some(Origin::Cluster));
        assert_eq!(theme.template_origin("base.html"), Some(Origin::BuiltIn));
        assert!(!theme.origins.iter().any(|(p, _)| p == "README.md"));

        // A fix to a built-in template reaches the cluster that did not override it.
        let fixed: &[(&str, &[u8])] = &[
            ("templates/base.html", b"base v2"),
            ("templates/partials/footer.html", b"<footer>built-in v2</footer>"),
            ("static/css/style.css", b"css"),
        ];
        let theme = Theme::load_over(tmp.path(), "xian", fixed).unwrap();
        assert_eq!(template(&theme, "base.html"), "base v2");
        assert_eq!(template(&theme, "partials/footer.html"), "<footer>本县</footer>");
    }

    #[test]
    fn only_the_default_theme_may_have_no_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let theme = Theme::load(tmp.path(), "default").unwrap();
        assert_eq!(theme.templates.len(), EMBEDDED_THEME.iter().filter(|(p, _)| p.starts_with("templates/")).count());
        assert!(theme.origins.iter().all(|(_, o)| *o == Origin::BuiltIn));
        assert!(Theme::load(tmp.path(), "xian").is_err());
    }
}
