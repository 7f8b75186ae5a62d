//! The editor's `config.yml` for Decap CMS, generated from the convention: one folder collection
//! per site and list column, one files collection per site for its single-page columns, each
//! front-matter key a form widget under the name the build reads (the canonical English keys
//! of [`crate::text::keys`], labelled in Chinese).
//!
//! The structures below are Decap's configuration as far as zhanqun writes it
//! (<https://decapcms.org/docs/configuration-options/>), serialised with `serde_yaml_ng`.

use crate::load::{Cluster, ColumnKind, EditorBackend, Site};
use crate::t;
use serde::Serialize;

/// What the command line adds to or overrides in `editor:` of `zhanqun.yaml`.
#[derive(Debug, Clone, Default)]
pub struct EditorOptions {
    /// Overrides `editor.backend`.
    pub backend: Option<EditorBackend>,
    /// Overrides `editor.repo`.
    pub repo: Option<String>,
    /// Overrides `editor.branch`.
    pub branch: Option<String>,
    /// Overrides `editor.base_url`.
    pub base_url: Option<String>,
    /// Overrides `editor.api_root`.
    pub api_root: Option<String>,
    /// Overrides `editor.app_id`.
    pub app_id: Option<String>,
    /// Overrides `editor.auth_endpoint`.
    pub auth_endpoint: Option<String>,
    /// Save through a `decap-server` on this machine instead of the forge (tests, local trials):
    /// its address, `http://localhost:8081/api/v1` when empty.
    pub local_backend: Option<String>,
}

/// The forge settings once settings and command line are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forge {
    /// Which forge.
    pub backend: EditorBackend,
    /// `owner/name`.
    pub repo: String,
    /// The branch saved to.
    pub branch: String,
    /// The forge's address.
    pub base_url: String,
    /// The forge's API.
    pub api_root: String,
    /// The OAuth client id (empty: none configured yet).
    pub app_id: String,
    /// GitLab's authorisation path.
    pub auth_endpoint: Option<String>,
}

/// The address of a `decap-server` started with its defaults.
pub const DEFAULT_LOCAL_BACKEND: &str = "http://localhost:8081/api/v1";

/// A setting the editor cannot do without is missing.
#[derive(Debug, thiserror::Error)]
#[error("{}", t!("editor-missing-setting", key = *.0))]
pub struct MissingSetting(pub &'static str);

impl Forge {
    /// Merges `editor:` of the settings with the command line's options.
    pub fn of(cluster: &Cluster, o: &EditorOptions) -> Result<Forge, MissingSetting> {
        let s = &cluster.config.editor;
        let backend = o.backend.or(s.backend).ok_or(MissingSetting("backend"))?;
        let repo = o.repo.clone().or_else(|| s.repo.clone()).ok_or(MissingSetting("repo"))?;
        let base_url = o.base_url.clone().or_else(|| s.base_url.clone()).ok_or(MissingSetting("base_url"))?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        let api_root = o
            .api_root
            .clone()
            .or_else(|| s.api_root.clone())
            .unwrap_or_else(|| format!("{base_url}{}", backend.api_path()));
        Ok(Forge {
            backend,
            repo,
            branch: o.branch.clone().or_else(|| s.branch.clone()).unwrap_or_else(|| "main".into()),
            base_url,
            api_root,
            app_id: o.app_id.clone().or_else(|| s.app_id.clone()).unwrap_or_default(),
            auth_endpoint: o.auth_endpoint.clone().or_else(|| s.auth_endpoint.clone()),
        })
    }
}

/// Decap's configuration (the part zhanqun writes).
#[derive(Debug, Serialize)]
pub(super) struct DecapConfig {
    backend: Backend,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_backend: Option<LocalBackend>,
    locale: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_url: Option<String>,
    media_folder: String,
    public_folder: String,
    slug: SlugSettings,
    collections: Vec<Collection>,
}

impl DecapConfig {
    /// How many collections the form lists.
    pub(super) fn collection_count(&self) -> usize {
        self.collections.len()
    }
}

#[derive(Debug, Serialize)]
struct Backend {
    name: EditorBackend,
    repo: String,
    branch: String,
    base_url: String,
    api_root: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    app_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_endpoint: Option<String>,
    commit_messages: CommitMessages,
}

#[derive(Debug, Serialize)]
struct LocalBackend {
    url: String,
}

#[derive(Debug, Serialize)]
struct CommitMessages {
    create: String,
    update: String,
    delete: String,
    #[serde(rename = "uploadMedia")]
    upload_media: String,
    #[serde(rename = "deleteMedia")]
    delete_media: String,
}

#[derive(Debug, Serialize)]
struct SlugSettings {
    encoding: &'static str,
    clean_accents: bool,
}

#[derive(Debug, Serialize)]
struct Collection {
    name: String,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_singular: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    create: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delete: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<&'static str>,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_folder: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_folder: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sortable_fields: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<Field>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<FileEntry>,
}

#[derive(Debug, Serialize)]
struct FileEntry {
    name: String,
    label: String,
    file: String,
    media_folder: &'static str,
    public_folder: &'static str,
    fields: Vec<Field>,
}

/// One form widget.
#[derive(Debug, Clone, Default, Serialize)]
struct Field {
    name: &'static str,
    label: String,
    widget: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<serde_yaml_ng::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<(&'static str, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_format: Option<serde_yaml_ng::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    picker_utc: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    choose_url: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<Field>,
}

/// A 索引号 as `check` accepts it: `<org>/<YYYY[MM]>-<serial>` ([`crate::check::index_no_parts`]).
pub(super) const INDEX_NO_PATTERN: &str = "^[0-9A-Za-z-]+/[0-9]{4}([0-9]{2})?-[0-9]{3,6}$";

/// The file name of a new list page: its publish day and time (`2026-12-06-103000.md`), unique
/// per second, readable, and sorted as the list is.
const SLUG: &str = "{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}{{second}}";

/// The publish date as the build reads it (`2026-12-06 10:30`), in moment.js tokens.
const DATE_TIME_FORMAT: &str = "YYYY-MM-DD HH:mm";
const DAY_FORMAT: &str = "YYYY-MM-DD";

impl Field {
    fn new(name: &'static str, widget: &'static str, label: String) -> Field {
        Field { name, label, widget, ..Field::default() }
    }
    fn optional(mut self) -> Field {
        self.required = Some(false);
        self
    }
    fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }
    fn default_text(mut self, value: &str) -> Field {
        self.default = Some(serde_yaml_ng::Value::String(value.to_owned()));
        self
    }
    fn text(name: &'static str, label: String) -> Field {
        Field::new(name, "string", label)
    }
    fn select(name: &'static str, label: String, options: &[String]) -> Field {
        Field { options: options.to_vec(), ..Field::new(name, "select", label) }
    }
    /// A day (成文日期, 来信日期) written `YYYY-MM-DD`.
    fn day(name: &'static str, label: String) -> Field {
        Field {
            format: Some(DAY_FORMAT),
            date_format: Some(DAY_FORMAT),
            time_format: Some(serde_yaml_ng::Value::Bool(false)),
            picker_utc: Some(false),
            ..Field::new(name, "datetime", label)
        }
    }
}

/// The configuration of an editor for `sites` of `cluster`, saving to `forge`.
pub(super) fn decap_config(cluster: &Cluster, sites: &[&Site], forge: &Forge, local: Option<&str>) -> DecapConfig {
    let first = sites.first().map_or("", |s| s.id.as_str());
    DecapConfig {
        backend: backend(forge),
        local_backend: local
            .map(|u| LocalBackend { url: if u.is_empty() { DEFAULT_LOCAL_BACKEND.to_owned() } else { u.to_owned() } }),
        locale: "zh_Hans",
        site_url: cluster.config.base_url.contains("://").then(|| cluster.config.base_url.clone()),
        // Media uploaded outside a page (the media library) go to the first site's directory;
        // a page's attachments and images go beside the page (each collection's own folders).
        media_folder: format!("content/{first}"),
        public_folder: String::new(),
        slug: SlugSettings { encoding: "ascii", clean_accents: true },
        collections: sites.iter().flat_map(|s| collections(cluster, s)).collect(),
    }
}

fn backend(forge: &Forge) -> Backend {
    let gitlab = forge.backend == EditorBackend::Gitlab;
    Backend {
        name: forge.backend,
        repo: forge.repo.clone(),
        branch: forge.branch.clone(),
        base_url: forge.base_url.clone(),
        api_root: forge.api_root.clone(),
        app_id: forge.app_id.clone(),
        // Gitea's backend always uses PKCE; GitLab's must be told (its default is a token
        // typed by hand).
        auth_type: gitlab.then_some("pkce"),
        auth_endpoint: if gitlab { forge.auth_endpoint.clone() } else { None },
        commit_messages: CommitMessages {
            create: t!("editor-commit-create"),
            update: t!("editor-commit-update"),
            delete: t!("editor-commit-delete"),
            upload_media: t!("editor-commit-upload"),
            delete_media: t!("editor-commit-delete-media"),
        },
    }
}

/// The collections of one site: one per list column, then its single pages.
fn collections(cluster: &Cluster, site: &Site) -> Vec<Collection> {
    let mut out = Vec::new();
    let mut pages = Vec::new();
    for (i, col) in site.columns.list.iter().enumerate() {
        if !col.children.is_empty() {
            continue;
        }
        let label = site.columns.ancestry(i).iter().map(|&a| site.columns.list[a].name.as_str()).collect::<Vec<_>>();
        let label = label.join(" › ");
        let folder = format!("content/{}/{}", site.id, col.path);
        if col.kind == ColumnKind::Page {
            pages.push(FileEntry {
                name: col.path.replace('/', "-"),
                label,
                file: format!("{folder}/index.md"),
                media_folder: "",
                public_folder: "",
                fields: [head(), tail(ColumnKind::Page)].concat(),
            });
            continue;
        }
        out.push(Collection {
            name: format!("{}--{}", site.id, col.path.replace('/', "-")),
            label: format!("{} › {label}", site.name),
            label_singular: Some(col.name.clone()),
            description: col.description.clone(),
            folder: Some(folder),
            create: Some(true),
            delete: Some(true),
            extension: Some("md"),
            format: "yaml-frontmatter",
            slug: Some(SLUG),
            media_folder: Some(""),
            public_folder: Some(""),
            summary: Some("{{title}} · {{date}}"),
            sortable_fields: vec!["date", "title"],
            fields: [head(), kind_fields(cluster, site, col.kind), tail(col.kind)].concat(),
            files: Vec::new(),
        });
    }
    if !pages.is_empty() {
        out.push(Collection {
            name: format!("{}--pages", site.id),
            label: format!("{} › {}", site.name, t!("editor-pages")),
            label_singular: None,
            description: None,
            folder: None,
            create: None,
            delete: None,
            extension: None,
            format: "yaml-frontmatter",
            slug: None,
            media_folder: None,
            public_folder: None,
            summary: None,
            sortable_fields: Vec::new(),
            fields: Vec::new(),
            files: pages,
        });
    }
    out
}

/// 标题 and 发布日期, which every page has.
fn head() -> Vec<Field> {
    vec![
        Field::text("title", t!("editor-field-title")),
        Field {
            format: Some(DATE_TIME_FORMAT),
            date_format: Some(DAY_FORMAT),
            time_format: Some(serde_yaml_ng::Value::String("HH:mm".into())),
            picker_utc: Some(false),
            ..Field::new("date", "datetime", t!("editor-field-date"))
        }
        .hint(t!("editor-field-date-hint")),
    ]
}

/// The fields of a column kind beyond title and date.
fn kind_fields(cluster: &Cluster, site: &Site, kind: ColumnKind) -> Vec<Field> {
    let vocab = &cluster.config.vocabularies;
    match kind {
        ColumnKind::Disclosure => vec![
            Field {
                pattern: Some((INDEX_NO_PATTERN, t!("editor-field-index-no-pattern", org = site.org_code.as_str()))),
                ..Field::text("index_no", t!("editor-field-index-no"))
            }
            .optional()
            .hint(t!("editor-field-index-no-hint")),
            Field {
                pattern: Some((super::words::DOC_NUMBER_PATTERN, t!("editor-field-doc-number-pattern"))),
                ..Field::text("doc_number", t!("editor-field-doc-number"))
            }
            .optional()
            .hint(t!("editor-field-doc-number-hint")),
            Field::text("publisher", t!("editor-field-publisher")).default_text(&site.name),
            Field::select("topic", t!("editor-field-topic"), &vocab.topic),
            Field::select("genre", t!("editor-field-genre"), &vocab.genre),
            Field::day("written", t!("editor-field-written")).optional(),
            Field::select("valid", t!("editor-field-valid"), &vocab.valid).default_text(vocab.in_force()),
            Field::text("replaced_by", t!("editor-field-replaced-by"))
                .optional()
                .hint(t!("editor-field-replaced-by-hint")),
        ],
        ColumnKind::Interaction => vec![
            Field::day("received", t!("editor-field-received")),
            Field::text("category", t!("editor-field-category")).optional(),
            Field::text("assigned", t!("editor-field-assigned")).optional(),
            Field::day("replied", t!("editor-field-replied")).optional(),
            Field::text("replier", t!("editor-field-replier")).optional(),
        ],
        ColumnKind::Interview => vec![
            Field::text("guests", t!("editor-field-guests")).optional().hint(t!("editor-field-guests-hint")),
            Field::text("time", t!("editor-field-time")).optional(),
        ],
        ColumnKind::News | ColumnKind::Guide | ColumnKind::Page => Vec::new(),
    }
}

/// The optional fields of every page, its attachments, the draft switch and the body.
fn tail(kind: ColumnKind) -> Vec<Field> {
    let mut out = Vec::new();
    if kind != ColumnKind::Page {
        out.push(Field::text("source", t!("editor-field-source")).optional());
        out.push(Field::text("author", t!("editor-field-author")).optional());
    }
    out.push(Field::text("description", t!("editor-field-description")).optional());
    out.push(Field {
        fields: vec![
            Field::text("title", t!("editor-field-attachment-title")),
            Field { choose_url: Some(false), ..Field::new("path", "file", t!("editor-field-attachment-file")) },
        ],
        summary: Some("{{fields.title}}"),
        ..Field::new("attachments", "list", t!("editor-field-attachments")).optional()
    });
    out.push(
        Field {
            default: Some(serde_yaml_ng::Value::Bool(false)),
            ..Field::new("draft", "boolean", t!("editor-field-draft"))
        }
        .optional()
        .hint(t!("editor-field-draft-hint")),
    );
    out.push(Field::new("body", "markdown", t!("editor-field-body")));
    out
}
