//! `zhanqun editor`: a static, self-contained web editor (Decap CMS) generated from the
//! convention, for editors who never touch Git; and `zhanqun assign`, which gives the documents
//! saved from it their 索引号 ([`assign`]).
//!
//! The editor is a directory any web server can host: `index.html`, the pinned Decap CMS bundle
//! (vendored under `assets/editor/`, embedded here, so no CDN and no npm), `editor.js` (registers
//! the cluster's style sheets for the preview), `config.yml` ([`config`]), the theme's CSS and
//! images under `preview/`, and its own headers (`_headers`, `nginx.conf`: [`headers`]).

pub mod assign;
pub mod config;
pub mod headers;
mod words;

use crate::diagnostic::nearest;
use crate::load::{Cluster, Site};
use crate::t;
pub use config::{EditorOptions, Forge, MissingSetting};
use std::path::{Path, PathBuf};

/// The version of Decap CMS embedded (`assets/editor/README.md`).
pub const DECAP_VERSION: &str = "3.16.3";

const DECAP_JS: &[u8] = include_bytes!("../../assets/editor/decap-cms.js");
const DECAP_BUNDLED_LICENSES: &[u8] = include_bytes!("../../assets/editor/decap-cms.js.LICENSE.txt");
const DECAP_LICENSE: &[u8] = include_bytes!("../../assets/editor/LICENSE");

/// Why the editor could not be written.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    /// A forge setting is missing.
    #[error(transparent)]
    Missing(#[from] MissingSetting),
    /// `--sites` names a site the cluster does not have.
    #[error("{}", t!("editor-unknown-site", site = .site.as_str(), hint = .hint.as_str()))]
    UnknownSite {
        /// What was asked for.
        site: String,
        /// A suggestion.
        hint: String,
    },
    /// A file could not be written.
    #[error("{}", t!("editor-cannot-write", path = .path.display().to_string()))]
    Io {
        /// The file.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
}

/// One editor written.
#[derive(Debug, Clone)]
pub struct WrittenEditor {
    /// Its directory.
    pub dir: PathBuf,
    /// The sites it edits.
    pub sites: Vec<String>,
    /// How many collections its form lists.
    pub collections: usize,
}

/// Writes the editor of every site into `out`, or with `only` one editor per listed site into
/// `out/<site id>/`.
pub fn write_editors(
    cluster: &Cluster,
    only: Option<&[String]>,
    options: &EditorOptions,
    out: &Path,
) -> Result<Vec<WrittenEditor>, EditorError> {
    let forge = Forge::of(cluster, options)?;
    match only {
        None => {
            let sites: Vec<&Site> = cluster.sites.iter().collect();
            Ok(vec![write_one(cluster, &sites, &forge, options, out)?])
        }
        Some(ids) => {
            let mut written = Vec::new();
            for id in ids {
                let Some(s) = cluster.site_index(id) else {
                    let hint = nearest(id, cluster.sites.iter().map(|s| s.id.as_str()))
                        .map(|n| t!("editor-did-you-mean", name = n))
                        .unwrap_or_default();
                    return Err(EditorError::UnknownSite { site: id.clone(), hint });
                };
                let site = &cluster.sites[s];
                written.push(write_one(cluster, &[site], &forge, options, &out.join(&site.id))?);
            }
            Ok(written)
        }
    }
}

/// The `config.yml` of an editor for `sites`.
pub fn config_yaml(cluster: &Cluster, sites: &[&Site], forge: &Forge, local_backend: Option<&str>) -> String {
    to_yaml(&config::decap_config(cluster, sites, forge, local_backend))
}

fn to_yaml(config: &config::DecapConfig) -> String {
    let header: String = t!("editor-config-header").lines().map(|l| format!("# {l}\n")).collect();
    // Serialising plain structs of strings, numbers and lists cannot fail.
    format!("{header}{}", serde_yaml_ng::to_string(config).unwrap_or_default())
}

fn write_one(
    cluster: &Cluster,
    sites: &[&Site],
    forge: &Forge,
    options: &EditorOptions,
    dir: &Path,
) -> Result<WrittenEditor, EditorError> {
    let local = options.local_backend.as_deref().map(|u| if u.is_empty() { config::DEFAULT_LOCAL_BACKEND } else { u });
    let origins = headers::origins(forge, local);
    let config = config::decap_config(cluster, sites, forge, local);
    let styles: Vec<&(String, Vec<u8>)> = cluster
        .theme
        .static_files
        .iter()
        .filter(|(p, _)| ["css/", "img/", "fonts/"].iter().any(|d| p.starts_with(d)))
        .collect();
    let style_sheets: Vec<String> = styles
        .iter()
        .filter(|(p, _)| p.ends_with(".css"))
        .map(|(p, _)| serde_json::to_string(&format!("preview/{p}")).unwrap_or_default())
        .collect();
    let editor_js = format!(
        "// {}\n{}",
        t!("editor-js-comment"),
        style_sheets.iter().map(|s| format!("CMS.registerPreviewStyle({s});\n")).collect::<String>()
    );
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("index.html".into(), index_html(cluster, sites).into_bytes()),
        ("decap-cms.js".into(), DECAP_JS.to_vec()),
        ("decap-cms.js.LICENSE.txt".into(), DECAP_BUNDLED_LICENSES.to_vec()),
        ("LICENSE-decap-cms.txt".into(), DECAP_LICENSE.to_vec()),
        ("editor.js".into(), editor_js.into_bytes()),
        ("config.yml".into(), to_yaml(&config).into_bytes()),
        ("_headers".into(), headers::headers_file(&origins).into_bytes()),
        ("nginx.conf".into(), headers::nginx_snippet(&origins).into_bytes()),
    ];
    files.extend(styles.iter().map(|(p, bytes)| (Path::new("preview").join(p), bytes.clone())));
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let io = |source| EditorError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
    }
    let collections = config.collection_count();
    Ok(WrittenEditor { dir: dir.to_path_buf(), sites: sites.iter().map(|s| s.id.clone()).collect(), collections })
}

/// The page that loads the editor: two scripts from its own directory, nothing inline.
fn index_html(cluster: &Cluster, sites: &[&Site]) -> String {
    let name = match sites {
        [one] => one.name.as_str(),
        _ => cluster.config.name.as_str(),
    };
    let title = crate::text::escape_html(&t!("editor-title", name = name));
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n\
         <link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n\
         <script src=\"decap-cms.js\"></script>\n<script src=\"editor.js\"></script>\n</body>\n</html>\n"
    )
}
