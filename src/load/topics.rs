//! `topics/<id>/topic.yaml`: special topics (专题). A topic is a folder with its own landing
//! page, banner and sub-columns; each sub-column pulls pages from any site of the cluster
//! whose front matter names the topic (`topics: [脱贫攻坚]`), optionally only from some
//! columns or sites, so one topic page gathers the portal's and every township's items.
//! Every other file in the folder (the banner image…) is published beside the landing page.

use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// URL segment under which every topic is published (`/zt/<id>/`).
pub const TOPICS_SEGMENT: &str = "zt";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicDef {
    name: String,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    banner: Option<String>,
    #[serde(default)]
    intro: Option<String>,
    #[serde(default)]
    columns: Vec<TopicColumn>,
}

/// A sub-column of a topic and which tagged pages it pulls.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicColumn {
    /// URL segment (`zcwj`).
    pub id: String,
    /// Display name (政策文件).
    pub name: String,
    /// Column paths (each with its subtree) pages are pulled from; empty means any column.
    #[serde(default)]
    pub from: Vec<String>,
    /// Site ids pages are pulled from; empty means every site.
    #[serde(default)]
    pub sites: Vec<String>,
}

/// One special topic, validated.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Folder name and URL segment.
    pub id: String,
    /// Display name (脱贫攻坚).
    pub name: String,
    /// The tag pages carry in `topics:` to be pulled in (defaults to the name).
    pub tag: String,
    /// File name of the banner image in the folder.
    pub banner: Option<String>,
    /// Markdown introduction shown on the landing page.
    pub intro: Option<String>,
    /// Sub-columns; a topic without any gets one, 全部信息, pulling every tagged page.
    pub columns: Vec<TopicColumn>,
    /// `topics/<id>/topic.yaml`, relative to the root.
    pub file: PathBuf,
    /// Other files of the folder: (path relative to the root, file name).
    pub files: Vec<(PathBuf, String)>,
}

fn segment_ok(s: &str) -> bool {
    !s.is_empty() && s != "page" && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Reads every `topics/<id>/topic.yaml` under `root` (none when there is no `topics/`).
pub(super) fn read(root: &Path, diags: &mut Diagnostics) -> Vec<Topic> {
    let Ok(rd) = std::fs::read_dir(root.join("topics")) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let mut topics = Vec::new();
    for dir in dirs {
        let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let file = PathBuf::from("topics").join(&id).join("topic.yaml");
        if !segment_ok(&id) {
            diags.push(
                Diagnostic::error(&file, "topic", crate::t!("load-topic-folder-segment", id = id.as_str()))
                    .help(crate::t!("load-topic-folder-segment-help")),
            );
            continue;
        }
        let text = match super::read_text(root, &file) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d.help(crate::t!("load-topic-needs-yaml")));
                continue;
            }
        };
        let def: TopicDef = match serde_yaml_ng::from_str(&text) {
            Ok(d) => d,
            Err(e) => {
                diags.push(super::yaml_diagnostic_in(&file, 1, &text, &e));
                continue;
            }
        };
        let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "topic.yaml" && !n.starts_with('.'))
            .map(|n| (PathBuf::from("topics").join(&id).join(&n), n))
            .collect();
        files.sort();
        let mut ok = true;
        if let Some(b) = &def.banner
            && !files.iter().any(|(_, n)| n == b)
        {
            diags.push(
                Diagnostic::error(
                    &file,
                    "topic",
                    crate::t!("load-topic-banner-missing", banner = b.as_str(), id = id.as_str()),
                )
                .at_opt(super::columns::line_of_value(&text, "banner", b))
                .help(crate::t!("load-topic-banner-missing-help")),
            );
            ok = false;
        }
        let mut seen = std::collections::HashSet::new();
        for c in &def.columns {
            if !segment_ok(&c.id) || !seen.insert(c.id.clone()) {
                diags.push(
                    Diagnostic::error(&file, "topic", crate::t!("load-topic-column-segment", id = c.id.as_str()))
                        .at_opt(super::columns::line_of_value(&text, "id", &c.id))
                        .help(crate::t!("load-topic-column-segment-help")),
                );
                ok = false;
            }
        }
        let mut columns = def.columns;
        if columns.is_empty() {
            columns.push(TopicColumn {
                id: "qb".into(),
                name: super::words::TOPIC_ALL_COLUMN.into(),
                from: Vec::new(),
                sites: Vec::new(),
            });
        }
        if ok {
            topics.push(Topic {
                tag: def.tag.unwrap_or_else(|| def.name.clone()),
                id,
                name: def.name,
                banner: def.banner,
                intro: def.intro,
                columns,
                file,
                files,
            });
        }
    }
    topics
}
