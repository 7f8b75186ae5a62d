//! Stage 1, load: the cluster's settings, column convention, sites and theme, read once and
//! validated into an immutable [`Cluster`] that every later stage borrows.

mod brand;
mod calendar;
mod check_settings;
mod clock;
mod columns;
mod config;
mod csp;
pub mod data;
mod editor;
mod fixed;
mod search;
mod signers;
mod sites;
mod theme;
mod topics;
mod vocabularies;
mod words;
mod yaml;

pub use brand::{
    BRAND_CSS, Brand, Colors, DEFAULT_EMBLEM, FooterLines, HomeColumns, MIN_CONTRAST, Media, Wechat, Weibo, contrast,
    image_size, parse_colour, static_path,
};
pub use calendar::{Calendar, InteractionConfig};
pub use check_settings::{CheckSettings, Exception, GuideSettings, RuleSettings};
pub use clock::{Clock, DEFAULT_TIMEZONE};
pub(crate) use columns::line_of_value;
pub use columns::{Column, ColumnDef, ColumnKind, ColumnRole, REPORT_SEGMENT, SiteColumns};
pub use config::ClusterConfig;
pub use csp::CspSources;
pub use editor::{EditorBackend, EditorSettings};
pub use search::SearchSettings;
pub use signers::{ReviewersNeeded, Signer, SshKey};
pub use sites::{Contact, Leader, Site, SiteKind};
pub use theme::{EMBEDDED_COLUMNS, EMBEDDED_THEME, Origin, Theme, cluster_files as theme_files};
pub use topics::{TOPICS_SEGMENT, Topic, TopicColumn};
pub use vocabularies::Vocabularies;
pub use yaml::{yaml_diagnostic, yaml_diagnostic_in};

use crate::diagnostic::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

/// Everything the build knows before it reads any content: settings, sites with their column
/// trees, and the theme. Immutable once loaded.
#[derive(Debug)]
pub struct Cluster {
    /// Directory holding `zhanqun.yaml`.
    pub root: PathBuf,
    /// `zhanqun.yaml`.
    pub config: ClusterConfig,
    /// The shared convention from `columns.yaml`, as written.
    pub convention: Vec<ColumnDef>,
    /// Every site, portal first, then by id.
    pub sites: Vec<Site>,
    /// Templates and static files.
    pub theme: Theme,
    /// Special topics (专题) from `topics/`.
    pub topics: Vec<Topic>,
}

impl Cluster {
    /// Index of the site with this id.
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// The portal site (always index 0).
    pub fn portal(&self) -> &Site {
        &self.sites[0]
    }
}

/// Reads and validates the cluster at `root`. `base_url` overrides the one in `zhanqun.yaml`.
/// Returns every problem found, not just the first.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Cluster, Diagnostics> {
    load_with(root, base_url, true)
}

/// Reads and validates the cluster's settings (`zhanqun.yaml`, `columns.yaml`, `sites/`) but
/// not its theme, which is left empty: for commands that never render, such as
/// `catalog diff --git`, which rebuilds a revision's settings in a scratch directory.
pub fn load_settings(root: &Path, base_url: Option<&str>) -> Result<Cluster, Diagnostics> {
    load_with(root, base_url, false)
}

/// Reads `zhanqun.yaml` alone, for commands that need a setting of it (the theme's name) and
/// nothing else of the cluster.
pub fn read_config(root: &Path) -> Result<ClusterConfig, Diagnostics> {
    let mut diags = Diagnostics::default();
    match config::read(root, None, &mut diags) {
        Some(c) if !diags.has_errors() => Ok(c),
        _ => Err(diags),
    }
}

/// Reads the cluster at `root` for `zhanqun check`, which inspects whatever it can read: a site
/// whose 网站标识码 or 组织机构代码 is malformed is kept (the inspection reports it under its
/// indicator), a broken `columns.yaml` falls back to the built-in convention and a theme that
/// does not load to none. Every problem is returned beside the cluster, to be reported as a
/// finding. Fails only when the cluster itself cannot be read: `zhanqun.yaml` is missing or
/// unparsable, or not one site could be read.
pub fn load_for_inspection(root: &Path) -> Result<(Cluster, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(config) = config::read(root, None, &mut diags) else {
        return Err(diags);
    };
    let convention = match columns::read(root, &mut diags) {
        Some(c) => c,
        None => columns::embedded(),
    };
    let mut sites = sites::read(root, &config, &convention, &mut diags);
    if sites.is_empty() {
        return Err(diags);
    }
    let topics = topics::read(root, &mut diags);
    topic_references(&topics, &sites, &mut diags);
    let mut theme = Theme::load(root, &config.theme).unwrap_or_else(|d| {
        diags.push(d);
        Theme::default()
    });
    brand::apply(root, &config, &mut sites, &mut theme, &mut diags);
    Ok((Cluster { root: root.to_path_buf(), config, convention, sites, theme, topics }, diags))
}

fn load_with(root: &Path, base_url: Option<&str>, with_theme: bool) -> Result<Cluster, Diagnostics> {
    let mut diags = Diagnostics::default();
    let config = config::read(root, base_url, &mut diags);
    let convention = columns::read(root, &mut diags);
    let (Some(config), Some(convention)) = (config, convention) else {
        return Err(diags);
    };
    let mut sites = sites::read(root, &config, &convention, &mut diags);
    let topics = topics::read(root, &mut diags);
    topic_references(&topics, &sites, &mut diags);
    let theme = if !with_theme {
        Some(Theme::default())
    } else {
        match Theme::load(root, &config.theme) {
            Ok(mut t) => {
                brand::apply(root, &config, &mut sites, &mut t, &mut diags);
                Some(t)
            }
            Err(d) => {
                diags.push(d);
                None
            }
        }
    };
    match (diags.has_errors(), theme) {
        (false, Some(theme)) => Ok(Cluster { root: root.to_path_buf(), config, convention, sites, theme, topics }),
        _ => Err(diags),
    }
}

/// A topic's sub-columns may only name sites and columns that exist, and `/zt/` must not be
/// taken by a site or a portal column.
fn topic_references(topics: &[Topic], sites: &[Site], diags: &mut Diagnostics) {
    if topics.is_empty() {
        return;
    }
    let taken = sites.iter().any(|s| s.path == format!("/{TOPICS_SEGMENT}/"))
        || sites.iter().filter(|s| s.kind == SiteKind::Portal).any(|s| s.columns.find(TOPICS_SEGMENT).is_some());
    if taken {
        diags.push(
            Diagnostic::error("topics", "topic", crate::t!("load-topics-segment-taken", segment = TOPICS_SEGMENT))
                .help(crate::t!("load-topics-segment-taken-help", segment = TOPICS_SEGMENT)),
        );
    }
    for t in topics {
        for c in &t.columns {
            for s in &c.sites {
                if !sites.iter().any(|x| &x.id == s) {
                    diags.push(
                        Diagnostic::error(
                            &t.file,
                            "topic",
                            crate::t!("load-topic-unknown-site", column = c.id.as_str(), site = s.as_str()),
                        )
                        .help(crate::t!("load-topic-unknown-site-help")),
                    );
                }
            }
            for f in &c.from {
                if !sites.iter().any(|x| x.columns.find(f).is_some()) {
                    diags.push(
                        Diagnostic::error(
                            &t.file,
                            "topic",
                            crate::t!("load-topic-unknown-column", column = c.id.as_str(), from = f.as_str()),
                        )
                        .help(crate::t!("load-topic-unknown-column-help")),
                    );
                }
            }
        }
    }
}

/// Reads a UTF-8 settings file, turning I/O and encoding problems into a diagnostic.
pub(crate) fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        Diagnostic::error(rel, "io", crate::t!("load-cannot-read", reason = crate::messages::io_reason(&e)))
            .help(crate::t!("load-cannot-read-help"))
    })?;
    crate::text::decode_utf8(rel, bytes)
}
