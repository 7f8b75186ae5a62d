//! `zhanqun merge OUT SHARD...`: combines the outputs of `zhanqun build --sites …` shards into
//! one cluster output with one manifest, identical to a single-machine build, after checking
//! that the shards agree, that every site's files are there, and that anchor links between
//! shards resolve.

use crate::build::{Build, BuildError, Mode};
use crate::diagnostic::Diagnostic;
use crate::emit::{FileEntry, Manifest, ManifestError, PendingAnchor, SIDECAR, ShardState, Staging};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
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
    /// The search index over the merged pages could not be built.
    #[error(transparent)]
    Index(#[from] crate::build::BuildError),
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
/// built from, read again to build the one search index over every shard's pages.
pub fn merge(root: &Path, out: &Path, shards: &[PathBuf]) -> Result<MergeReport, MergeError> {
    if out.is_dir()
        && !out.join("manifest.json").exists()
        && std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_some())
    {
        return Err(MergeError::UnsafeOutput(out.to_path_buf()));
    }
    let mut sources: BTreeMap<String, (FileEntry, PathBuf)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut pending: Vec<PendingAnchor> = Vec::new();
    let mut fingerprints: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut first_state: Option<ShardState> = None;
    for dir in shards {
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
        let key = format!("{} (built for {}, {})", state.fingerprint, state.today, state.base_url);
        fingerprints.entry(key).or_default().push(dir.display().to_string());
        ids.extend(std::mem::take(&mut state.ids));
        pending.extend(std::mem::take(&mut state.pending));
        first_state.get_or_insert(state);
        for f in manifest.files {
            match sources.get(&f.path) {
                Some((prev, from)) if prev.sha256 != f.sha256 => problems.push(crate::t!(
                    "merge-differs",
                    path = f.path.as_str(),
                    first = from.display().to_string(),
                    second = dir.display().to_string()
                )),
                Some(_) => {}
                None => {
                    sources.insert(f.path.clone(), (f, dir.clone()));
                }
            }
        }
    }
    if fingerprints.len() > 1 {
        let groups: Vec<String> = fingerprints.values().map(|dirs| dirs.join(", ")).collect();
        problems.push(crate::t!("merge-different-builds", groups = groups.join(" | ")));
    }
    problems.extend(missing_sites(&sources));
    let present: HashSet<&str> = sources.keys().map(String::as_str).collect();
    for p in &pending {
        let file = format!("{}index.html", p.target.trim_start_matches('/'));
        let ok = ids.get(&p.target).is_some_and(|i| i.contains(&p.fragment));
        if !ok {
            let why = if present.contains(file.as_str()) {
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
    if !problems.is_empty() {
        problems.sort();
        return Err(MergeError::Inconsistent(problems));
    }
    let staging = Staging::create(out)
        .map_err(io(crate::t!("pipeline-cannot-create-staging", path = out.display().to_string())))?;
    let written: Vec<Result<FileEntry, MergeError>> = sources
        .par_iter()
        .map(|(path, (entry, dir))| {
            let bytes = std::fs::read(dir.join(path)).map_err(io(crate::t!(
                "merge-cannot-read-in",
                path = path.as_str(),
                dir = dir.display().to_string()
            )))?;
            let copy = staging.write(path, &bytes).map_err(io(crate::t!("pipeline-cannot-write-staging")))?;
            if copy.sha256 != entry.sha256 {
                return Err(MergeError::Inconsistent(vec![crate::t!(
                    "merge-changed",
                    path = path.as_str(),
                    dir = dir.display().to_string()
                )]));
            }
            Ok(copy)
        })
        .collect();
    let mut entries = written.into_iter().collect::<Result<Vec<_>, _>>()?;
    if let Some(state) = &first_state {
        let dir = staging.dir().to_path_buf();
        let read = |file: &str| std::fs::read(dir.join(file));
        let index = index_merged_output(root, state, &read, &staging).map_err(|e| match e {
            BuildError::Invalid(diags) => MergeError::Inconsistent(diags.iter().map(ToString::to_string).collect()),
            other => MergeError::Index(other),
        })?;
        entries.extend(index);
    }
    let manifest = Manifest::new(entries);
    staging
        .write("manifest.json", manifest.to_json().as_bytes())
        .map_err(io(crate::t!("pipeline-cannot-write", path = "manifest.json")))?;
    let files = manifest.count + 1;
    staging.commit().map_err(io(crate::t!("merge-cannot-commit", path = out.display().to_string())))?;
    Ok(MergeReport { files, shards: shards.len() })
}

/// The search index of a merged sharded output: the cluster at `root` is read again as the
/// shards saw it (`today`, `base_url` from their state), checked against their `fingerprint`,
/// and every published page's text is read from its final HTML, which `page_html` returns by
/// output path. The search files are written into `staging`; their manifest entries are
/// returned. Byte-identical to the index a single-machine build writes.
fn index_merged_output(
    root: &Path,
    state: &ShardState,
    page_html: &(dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync),
    staging: &Staging,
) -> Result<Vec<FileEntry>, BuildError> {
    let cannot = |context: String| move |source| BuildError::Io { context, source };
    let cluster = crate::load::load(root, Some(&state.base_url)).map_err(|d| BuildError::Invalid(d.into_sorted()))?;
    let today = chrono::NaiveDate::parse_from_str(&state.today, "%Y-%m-%d").map_err(|e| {
        BuildError::Invalid(vec![Diagnostic::error(
            Path::new(SIDECAR),
            "shard",
            crate::t!("pipeline-shard-bad-date", error = e.to_string()),
        )])
    })?;
    let mut build = Build::new(&cluster, staging.dir().to_path_buf(), today, Mode::Full).drafts(state.drafts);
    let (sources, pages, _) = build.read()?;
    let (graph, _, _) = crate::assemble::assemble_published(&cluster, pages, &sources, today, state.drafts);
    if crate::emit::fingerprint(&cluster, &graph.pages) != state.fingerprint {
        let why = crate::t!("pipeline-shard-other-cluster", path = root.display().to_string());
        return Err(BuildError::Invalid(vec![
            Diagnostic::error(root, "shard", why).help(crate::t!("pipeline-shard-other-cluster-help")),
        ]));
    }
    let settings = &cluster.config.search;
    if !settings.enabled {
        return Ok(Vec::new());
    }
    let texts = graph
        .pages
        .par_iter()
        .map(|p| {
            let file = crate::emit::url_file(&p.url);
            let html = page_html(&file)
                .map_err(cannot(crate::t!("pipeline-cannot-read-from-shards", file = file.as_str())))?;
            Ok(Some(crate::search::extract::from_html(&html).unwrap_or_default()))
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    let out = crate::search::DirOutput::new(staging.dir());
    crate::search::build(&graph, texts, settings, &out)?;
    out.take_written().map_err(cannot(crate::t!("pipeline-cannot-write-search")))
}

/// Every site's sitemap named in the portal shard's sitemap index must be among the files: a
/// missing one means a shard was left out.
fn missing_sites(sources: &BTreeMap<String, (FileEntry, PathBuf)>) -> Vec<String> {
    let Some((_, dir)) = sources.get("sitemap_index.xml") else {
        return vec![crate::t!("merge-no-portal")];
    };
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
        .filter(|path| !sources.contains_key(*path))
        .map(|path| crate::t!("merge-missing-site", path = path))
        .collect()
}
