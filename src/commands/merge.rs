//! `zhanqun merge OUT SHARD...`: combines the outputs of `zhanqun build --sites …` shards into
//! one cluster output with one manifest, identical to a single-machine build, after checking
//! that the shards agree, that every site's files are there, and that anchor links between
//! shards resolve. The search index is joined from the parts the shards prepared
//! (`search::part`): no page is read, parsed or rendered again, and of the cluster only the
//! settings are read, to check that they are the ones the shards were built from.

use crate::emit::{FileEntry, Manifest, ManifestError, PendingAnchor, SHARD_FORMAT, SIDECAR, ShardState, Staging};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why the shards could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A shard's manifest is missing or unreadable.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// A shard has no shard state: it was not built with `--sites`.
    #[error("{}", crate::t!("merge-not-a-shard", dir = .0.display().to_string(), sidecar = SIDECAR))]
    NotAShard(PathBuf),
    /// Reading or writing failed.
    #[error("{}", crate::t!("merge-io", context = .context.as_str(), error = crate::messages::io_reason(.source)))]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The shards do not add up to one cluster output; every problem is listed.
    #[error("{}", crate::t!("merge-inconsistent", problems = .0.join("\n")))]
    Inconsistent(Vec<String>),
    /// A shard was built by another version of zhanqun.
    #[error("{}", crate::t!("merge-shard-format", dir = .dir.display().to_string(), found = *.found, expected = SHARD_FORMAT))]
    Format {
        /// The shard.
        dir: PathBuf,
        /// Its format.
        found: u32,
    },
    /// The cluster at `--root` is not the one the shards were built from.
    #[error("{}", crate::t!("merge-other-cluster", path = .0.display().to_string()))]
    OtherCluster(PathBuf),
    /// The cluster at `--root` could not be loaded.
    #[error("{}", crate::t!("merge-cannot-load", problems = .0.join("\n")))]
    Load(Vec<String>),
    /// The search index could not be made from the shards' parts.
    #[error(transparent)]
    Index(#[from] crate::search::PartError),
    /// The output directory is not safe to replace.
    #[error("{}", crate::t!("merge-unsafe-output", path = .0.display().to_string()))]
    UnsafeOutput(PathBuf),
}

/// What a merge wrote.
#[derive(Debug)]
pub struct MergeReport {
    /// Files in the merged output (manifest included).
    pub files: usize,
    /// Shards merged.
    pub shards: usize,
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> MergeError {
    let context = context.into();
    move |source| MergeError::Io { context, source }
}

/// Merges the shard output directories `shards` into `out`; `root` is the cluster they were
/// built from, of which only the settings are read.
pub fn merge(root: &Path, out: &Path, shards: &[PathBuf]) -> Result<MergeReport, MergeError> {
    if out.is_dir()
        && !out.join("manifest.json").exists()
        && std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_some())
    {
        return Err(MergeError::UnsafeOutput(out.to_path_buf()));
    }
    let mut sources: Vec<Source> = Vec::new();
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut pending: Vec<PendingAnchor> = Vec::new();
    let mut fingerprints: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut first_state: Option<ShardState> = None;
    for (shard, dir) in shards.iter().enumerate() {
        let manifest = Manifest::read(dir)?;
        let state_file = dir.join(SIDECAR);
        if !state_file.is_file() {
            return Err(MergeError::NotAShard(dir.clone()));
        }
        let text = std::fs::read_to_string(&state_file)
            .map_err(io(crate::t!("pipeline-cannot-read", path = state_file.display().to_string())))?;
        let mut state: ShardState = serde_json::from_str(&text).map_err(|e| {
            MergeError::Inconsistent(vec![crate::t!(
                "merge-state-damaged",
                path = state_file.display().to_string(),
                error = e.to_string()
            )])
        })?;
        if state.format != SHARD_FORMAT {
            return Err(MergeError::Format { dir: dir.clone(), found: state.format });
        }
        let key = format!("{} (built for {}, {})", state.fingerprint, state.today, state.base_url);
        fingerprints.entry(key).or_default().push(dir.display().to_string());
        ids.extend(std::mem::take(&mut state.ids));
        pending.extend(std::mem::take(&mut state.pending));
        first_state.get_or_insert(state);
        sources.extend(manifest.files.into_iter().map(|entry| Source { entry, shard }));
    }
    // Every path once, from the first shard holding it: the same file in every shard that has it.
    sources.sort_unstable_by(|a, b| a.entry.path.cmp(&b.entry.path).then(a.shard.cmp(&b.shard)));
    sources.dedup_by(|later, first| {
        if later.entry.path != first.entry.path {
            return false;
        }
        if later.entry.sha256 != first.entry.sha256 {
            problems.push(crate::t!(
                "merge-differs",
                path = later.entry.path.as_str(),
                first = shards[first.shard].display().to_string(),
                second = shards[later.shard].display().to_string()
            ));
        }
        true
    });
    sources.shrink_to_fit();
    if fingerprints.len() > 1 {
        let groups: Vec<String> = fingerprints.values().map(|dirs| dirs.join(", ")).collect();
        problems.push(crate::t!("merge-different-builds", groups = groups.join(" | ")));
    }
    problems.extend(missing_sites(&sources, shards));
    // The anchor ids and links are dropped here, before the files are copied and the index joined.
    problems.extend(broken_links(ids, pending, &sources));
    if !problems.is_empty() {
        problems.sort();
        return Err(MergeError::Inconsistent(problems));
    }
    if let Some(state) = &first_state {
        let cluster = crate::load::load(root, Some(&state.base_url))
            .map_err(|d| MergeError::Load(d.into_sorted().iter().map(ToString::to_string).collect()))?;
        if crate::emit::settings_digest(&cluster) != state.settings {
            return Err(MergeError::OtherCluster(root.to_path_buf()));
        }
    }
    let staging = Staging::create(out)
        .map_err(io(crate::t!("pipeline-cannot-create-staging", path = out.display().to_string())))?;
    // The files copied and the index joined side by side: the serial parts of either leave
    // the other a core.
    let search = first_state.as_ref().is_some_and(|s| s.search);
    let (written, index) = rayon::join(
        || copy_files(sources, shards, &staging),
        || -> Result<Vec<FileEntry>, MergeError> {
            if !search {
                return Ok(Vec::new());
            }
            let out = crate::search::DirOutput::new(staging.dir());
            crate::search::merge_parts(shards, &out)?;
            out.take_written().map_err(io(crate::t!("pipeline-cannot-write-search")))
        },
    );
    let mut entries = written?;
    entries.extend(index?);
    let manifest = Manifest::new(entries);
    staging
        .write("manifest.json", manifest.to_json().as_bytes())
        .map_err(io(crate::t!("pipeline-cannot-write", path = "manifest.json")))?;
    let files = manifest.count + 1;
    staging.commit().map_err(io(crate::t!("merge-cannot-commit", path = out.display().to_string())))?;
    Ok(MergeReport { files, shards: shards.len() })
}

/// A file of the merged output: its manifest entry and the shard (index into the shards)
/// holding it.
struct Source {
    entry: FileEntry,
    shard: usize,
}

/// The source of `path` in `sources` (sorted by path, one each).
fn find<'s>(sources: &'s [Source], path: &str) -> Option<&'s Source> {
    sources.binary_search_by(|s| s.entry.path.as_str().cmp(path)).ok().map(|k| &sources[k])
}

/// The anchor links into other shards' pages (`pending`) that point to no element id among
/// `ids` (by page URL), one problem each.
fn broken_links(ids: BTreeMap<String, Vec<String>>, pending: Vec<PendingAnchor>, sources: &[Source]) -> Vec<String> {
    let mut problems = Vec::new();
    for p in &pending {
        let ok = ids.get(&p.target).is_some_and(|i| i.contains(&p.fragment));
        if !ok {
            let file = format!("{}index.html", p.target.trim_start_matches('/'));
            let why = if find(sources, &file).is_some() {
                crate::t!("pipeline-no-anchor", target = p.target.as_str(), fragment = p.fragment.as_str())
            } else {
                crate::t!("merge-not-in-any-shard", target = p.target.as_str())
            };
            let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
            problems.push(crate::t!(
                "merge-broken-link",
                src = p.src.display().to_string(),
                line = line,
                href = p.href.as_str(),
                why = why
            ));
        }
    }
    problems
}

/// Puts every file of `sources` into `staging` — hard-linked where its shard (in `shards`) is
/// on the same file system, else copied — and checks that each is still what the shard's
/// manifest says.
fn copy_files(sources: Vec<Source>, shards: &[PathBuf], staging: &Staging) -> Result<Vec<FileEntry>, MergeError> {
    sources
        .into_par_iter()
        .map(|Source { entry, shard }| {
            let (path, dir) = (&entry.path, &shards[shard]);
            let cannot_read =
                || crate::t!("merge-cannot-read-in", path = path.as_str(), dir = dir.display().to_string());
            staging.link_from(dir, path).map_err(io(cannot_read()))?;
            let bytes = std::fs::read(staging.dir().join(path)).map_err(io(cannot_read()))?;
            let copy = crate::emit::file_entry(path, &bytes);
            if copy.sha256 != entry.sha256 {
                return Err(MergeError::Inconsistent(vec![crate::t!(
                    "merge-changed",
                    path = path.as_str(),
                    dir = dir.display().to_string()
                )]));
            }
            Ok(copy)
        })
        .collect()
}

/// Every site's sitemap named in the portal shard's sitemap index must be among the files: a
/// missing one means a shard was left out.
fn missing_sites(sources: &[Source], shards: &[PathBuf]) -> Vec<String> {
    let Some(portal) = find(sources, "sitemap_index.xml") else {
        return vec![crate::t!("merge-no-portal")];
    };
    let dir = &shards[portal.shard];
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let robots = read("robots.txt");
    let prefix = robots
        .lines()
        .find_map(|l| l.strip_prefix("Sitemap: "))
        .and_then(|u| u.trim().strip_suffix("sitemap_index.xml"))
        .unwrap_or("/")
        .to_owned();
    read("sitemap_index.xml")
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .filter_map(|loc| loc.strip_prefix(prefix.as_str()))
        .filter(|path| find(sources, path).is_none())
        .map(|path| crate::t!("merge-missing-site", path = path))
        .collect()
}
