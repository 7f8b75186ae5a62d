//! Reading the disclosure catalog of a git revision straight from the object database: no
//! checkout, no rendering, one `git cat-file --batch` process for everything.
//!
//! For each revision: `git ls-tree -r -z` lists the cluster's files; its settings
//! (`zhanqun.yaml`, `columns.yaml`, `sites/*.yaml`) are written to a scratch directory and
//! loaded with [`load_settings`] (no theme); then only the Markdown files in disclosure
//! columns are read, their front matter parsed in parallel (rayon) while git streams the
//! next objects, and turned into [`CatalogEntry`] records exactly as the build does. A file
//! with the same path and blob in several revisions whose settings are identical is read and
//! parsed once. Pages that fail to parse become warnings and are left out.

use super::CatalogEntry;
use crate::diagnostic::Diagnostic;
use crate::load::{Cluster, ColumnKind, load_settings};
use crate::parse::parse_text;
use crate::scan::{SourceFile, SourceKind};
use crate::t;
use crate::text::decode_utf8;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// Why a revision could not be read.
#[derive(Debug)]
pub enum GitError {
    /// The `git` program could not be started.
    Spawn(std::io::Error),
    /// The root is not inside a git repository.
    NotARepository {
        /// The `--root` given.
        root: PathBuf,
        /// What git said.
        message: String,
    },
    /// The revision names no commit.
    BadRevision {
        /// The revision as given.
        rev: String,
        /// The `--root` given.
        root: PathBuf,
    },
    /// The cluster directory does not exist in the revision.
    NoClusterDir {
        /// The revision as given.
        rev: String,
        /// The cluster directory within the repository.
        dir: String,
    },
    /// The revision has no `zhanqun.yaml` at the cluster root.
    NoSettings {
        /// The revision as given.
        rev: String,
        /// The cluster directory within the repository (`.` for the top).
        dir: String,
    },
    /// The revision's settings do not load.
    Settings {
        /// The revision as given.
        rev: String,
        /// The problems, one per line.
        diagnostics: String,
    },
    /// A git command failed.
    Command {
        /// The arguments.
        args: String,
        /// What git said.
        message: String,
    },
    /// Reading objects from `git cat-file --batch` failed.
    CatFile(String),
    /// The scratch copy of a revision's settings could not be written.
    Scratch {
        /// The scratch directory.
        dir: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            GitError::Spawn(e) => t!("catalog-git-spawn", error = crate::messages::io_reason(e)),
            GitError::NotARepository { root, message } => {
                t!("catalog-git-not-a-repository", root = root.display().to_string(), message = message.as_str())
            }
            GitError::BadRevision { rev, root } => {
                t!("catalog-git-bad-revision", rev = rev.as_str(), root = root.display().to_string())
            }
            GitError::NoClusterDir { rev, dir } => {
                t!("catalog-git-no-cluster-dir", rev = rev.as_str(), dir = dir.as_str())
            }
            GitError::NoSettings { rev, dir } => t!("catalog-git-no-settings", rev = rev.as_str(), dir = dir.as_str()),
            GitError::Settings { rev, diagnostics } => {
                format!("{}\n{diagnostics}", t!("catalog-git-bad-settings", rev = rev.as_str()))
            }
            GitError::Command { args, message } => {
                t!("catalog-git-command-failed", args = args.as_str(), message = message.as_str())
            }
            GitError::CatFile(message) => t!("catalog-git-cat-file", message = message.as_str()),
            GitError::Scratch { dir, source } => {
                t!("catalog-git-scratch", dir = dir.display().to_string(), error = crate::messages::io_reason(source))
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for GitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GitError::Spawn(e) | GitError::Scratch { source: e, .. } => Some(e),
            _ => None,
        }
    }
}

/// The disclosure catalog of one git revision.
#[derive(Debug, Clone)]
pub struct RevisionCatalog {
    /// The revision as given (`HEAD~1`).
    pub revision: String,
    /// The commit it resolved to (40 hex digits).
    pub commit: String,
    /// Cluster name from that revision's `zhanqun.yaml`.
    pub cluster: String,
    /// Its documents, sorted by 索引号 then URL (as [`super::entries`] sorts them).
    pub documents: Vec<CatalogEntry>,
    /// Disclosure pages left out: unreadable, unparsable, or without a 索引号.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the disclosure catalog of each of `revs` in the repository holding the cluster at
/// `root` (the cluster may sit in a sub-directory of the repository).
pub fn read_revisions(root: &Path, revs: &[&str]) -> Result<Vec<RevisionCatalog>, GitError> {
    let prefix = cluster_prefix(root)?;
    let dir = prefix.trim_end_matches('/');
    let mut commits = Vec::with_capacity(revs.len());
    for rev in revs {
        commits.push(resolve(root, rev)?);
    }
    let trees: Vec<String> =
        commits.iter().map(|c| if dir.is_empty() { format!("{c}^{{tree}}") } else { format!("{c}:{dir}") }).collect();
    let mut cat = CatFile::start(root)?;

    // Settings: one scratch load per distinct set of settings files.
    let settings: Vec<Vec<TreeFile>> = (0..revs.len())
        .into_par_iter()
        .map(|r| {
            let files = ls_tree(root, revs[r], &trees[r], dir, &["zhanqun.yaml", "columns.yaml", "sites"])?;
            Ok(files.into_iter().filter(|f| is_settings(&f.path)).collect())
        })
        .collect::<Result<_, GitError>>()?;
    let mut sets: Vec<&[TreeFile]> = Vec::new();
    let mut set_of_rev = Vec::with_capacity(revs.len());
    for (rev, files) in revs.iter().zip(&settings) {
        if !files.iter().any(|f| f.path == "zhanqun.yaml") {
            let dir = if dir.is_empty() { "." } else { dir };
            return Err(GitError::NoSettings { rev: rev.to_string(), dir: dir.to_string() });
        }
        let same = |s: &&[TreeFile]| {
            s.len() == files.len() && s.iter().zip(files).all(|(a, b)| a.path == b.path && a.sha == b.sha)
        };
        let idx = match sets.iter().position(same) {
            Some(i) => i,
            None => {
                sets.push(files);
                sets.len() - 1
            }
        };
        set_of_rev.push(idx);
    }
    let mut clusters = Vec::with_capacity(sets.len());
    for (i, set) in sets.iter().enumerate() {
        let shas: Vec<&str> = set.iter().map(|f| f.sha.as_str()).collect();
        let blobs = cat.read_all(&shas)?;
        let rev = revs[set_of_rev.iter().position(|&s| s == i).expect("every set has a revision")];
        clusters.push(load_set(rev, set, blobs)?);
    }

    // The files under the disclosure columns of each revision's settings.
    let listings: Vec<Vec<TreeFile>> = (0..revs.len())
        .into_par_iter()
        .map(|r| {
            let specs = disclosure_pathspecs(&clusters[set_of_rev[r]]);
            if specs.is_empty() {
                return Ok(Vec::new());
            }
            ls_tree(root, revs[r], &trees[r], dir, &specs)
        })
        .collect::<Result<_, GitError>>()?;

    // Disclosure pages: one job per distinct (settings, path, blob).
    let mut jobs: Vec<Job> = Vec::new();
    let mut job_index: HashMap<(usize, &str, &str), usize> = HashMap::new();
    let mut rev_jobs: Vec<Vec<usize>> = vec![Vec::new(); revs.len()];
    let mut rev_warnings: Vec<Vec<Diagnostic>> = vec![Vec::new(); revs.len()];
    let indexes: Vec<DisclosureColumns> = clusters.iter().map(DisclosureColumns::new).collect();
    for (r, files) in listings.iter().enumerate() {
        let set = set_of_rev[r];
        for f in files {
            let Some(found) = indexes[set].page(&f.path) else { continue };
            if f.mode == "120000" {
                rev_warnings[r].push(
                    Diagnostic::warning(&f.path, "git", t!("catalog-git-symlink")).help(t!("catalog-git-symlink-help")),
                );
                continue;
            }
            let idx = *job_index.entry((set, f.path.as_str(), f.sha.as_str())).or_insert_with(|| {
                jobs.push(Job { set, site: found.0, column: found.1, path: &f.path, sha: &f.sha });
                jobs.len() - 1
            });
            rev_jobs[r].push(idx);
        }
    }
    let mut by_blob: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut blob_index: HashMap<&str, usize> = HashMap::new();
    for (j, job) in jobs.iter().enumerate() {
        let b = *blob_index.entry(job.sha).or_insert_with(|| {
            by_blob.push((job.sha, Vec::new()));
            by_blob.len() - 1
        });
        by_blob[b].1.push(j);
    }
    let shas: Vec<&str> = by_blob.iter().map(|(s, _)| *s).collect();
    let root_abs = root.to_path_buf();
    let parsed: Vec<(usize, JobResult)> = std::thread::scope(|s| {
        // Objects travel in small batches, so that the parsing threads share the channel
        // without contending for it on every page.
        const BATCH: usize = 128;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Vec<u8>)>>(64);
        let cat = &mut cat;
        let shas = &shas;
        let reader = s.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let closed = || GitError::CatFile(t!("catalog-git-parser-stopped"));
            cat.read_each(shas, |i, blob| {
                batch.push((i, blob));
                if batch.len() == BATCH {
                    tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).map_err(|_| closed())?;
                }
                Ok(())
            })?;
            if !batch.is_empty() {
                tx.send(batch).map_err(|_| closed())?;
            }
            Ok::<(), GitError>(())
        });
        let parsed: Vec<(usize, JobResult)> = rx
            .into_iter()
            .par_bridge()
            .flat_map_iter(|batch| {
                let mut out = Vec::with_capacity(batch.len());
                for (b, blob) in batch {
                    let ids = &by_blob[b].1;
                    let mut blob = Some(blob);
                    for (k, &j) in ids.iter().enumerate() {
                        let job = &jobs[j];
                        // Usually one job per blob: the last (or only) one takes the bytes.
                        let bytes = if k + 1 == ids.len() { blob.take() } else { blob.clone() };
                        out.push((j, run_job(&clusters[job.set], &root_abs, job, bytes.unwrap_or_default())));
                    }
                }
                out
            })
            .collect();
        reader.join().expect("cat-file reader thread panicked").map(|()| parsed)
    })?;
    cat.finish()?;
    let mut results: Vec<Option<JobResult>> = (0..jobs.len()).map(|_| None).collect();
    for (j, r) in parsed {
        results[j] = Some(r);
    }
    // How many revisions still need each job: the last one takes the record instead of a copy.
    let mut uses = vec![0usize; jobs.len()];
    for list in &rev_jobs {
        for &j in list {
            uses[j] += 1;
        }
    }

    let mut out = Vec::with_capacity(revs.len());
    for (r, (commit, rev)) in commits.into_iter().zip(revs).enumerate() {
        let mut documents = Vec::with_capacity(rev_jobs[r].len());
        let mut warnings = std::mem::take(&mut rev_warnings[r]);
        for &j in &rev_jobs[r] {
            uses[j] -= 1;
            let res = results[j].as_mut().expect("every job was parsed");
            if uses[j] == 0 {
                documents.extend(res.entry.take());
                warnings.append(&mut res.warnings);
            } else {
                documents.extend(res.entry.clone());
                warnings.extend(res.warnings.iter().cloned());
            }
        }
        documents.sort_by(|a, b| a.index_no.cmp(&b.index_no).then_with(|| a.url.cmp(&b.url)));
        out.push(RevisionCatalog {
            revision: rev.to_string(),
            commit,
            cluster: clusters[set_of_rev[r]].config.name.clone(),
            documents,
            warnings,
        });
    }
    Ok(out)
}

/// One file of a revision's tree, relative to the cluster root.
struct TreeFile {
    mode: String,
    sha: String,
    path: String,
}

/// One page to parse under one set of settings.
struct Job<'a> {
    set: usize,
    site: usize,
    column: usize,
    path: &'a str,
    sha: &'a str,
}

/// What one page gave: its catalog record, or why it has none.
struct JobResult {
    entry: Option<CatalogEntry>,
    warnings: Vec<Diagnostic>,
}

fn run_job(cluster: &Cluster, root: &Path, job: &Job<'_>, mut bytes: Vec<u8>) -> JobResult {
    let rel = PathBuf::from(job.path);
    bytes.truncate(front_matter_len(&bytes));
    let text = match decode_utf8(&rel, bytes) {
        Ok(t) => t,
        Err(d) => return JobResult { entry: None, warnings: vec![as_warning(d)] },
    };
    let (dir, name) = job.path.rsplit_once('/').expect("a page path has directories");
    let src = SourceFile {
        site: job.site,
        rel: rel.clone(),
        dir: dir.splitn(3, '/').nth(2).unwrap_or_default().to_string(),
        name: name.to_string(),
        kind: SourceKind::Markdown,
        abs: root.join(&rel),
    };
    let (page, diags) = parse_text(cluster, &src, job.column, &text);
    match page {
        // A draft is in no catalog file: neither is it in one read from git.
        Some(page) if page.meta.draft => JobResult { entry: None, warnings: Vec::new() },
        Some(page) => match CatalogEntry::of(cluster, &page) {
            Some(entry) => JobResult { entry: Some(entry), warnings: Vec::new() },
            None => JobResult {
                entry: None,
                warnings: vec![
                    Diagnostic::warning(&rel, "index-no", t!("catalog-git-no-index-no"))
                        .at(1)
                        .help(t!("catalog-git-no-index-no-help")),
                ],
            },
        },
        None => {
            let mut warnings: Vec<Diagnostic> =
                diags.into_iter().filter(Diagnostic::is_error).map(as_warning).collect();
            if warnings.is_empty() {
                warnings.push(Diagnostic::warning(&rel, "parse", t!("catalog-git-unparsed")));
            }
            JobResult { entry: None, warnings }
        }
    }
}

/// The length of the front matter of a page's bytes, closing `---` line included (all of it
/// when there is none): the catalog needs nothing from the body, so neither is it decoded.
fn front_matter_len(bytes: &[u8]) -> usize {
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let Some(first) = lines.next() else { return 0 };
    let mut end = first.len();
    for line in lines {
        end += line.len();
        if line.trim_ascii_end() == b"---" {
            return end;
        }
    }
    bytes.len()
}

/// The same finding as a warning: a page that the build would reject is left out of the
/// revision's catalog, and the diff goes on.
fn as_warning(mut d: Diagnostic) -> Diagnostic {
    d.severity = crate::diagnostic::Severity::Warning;
    d
}

/// The disclosure columns of every site, by `<site-id>/<column-path>`.
struct DisclosureColumns(HashMap<String, (usize, usize)>);

impl DisclosureColumns {
    fn new(cluster: &Cluster) -> Self {
        let mut map = HashMap::new();
        for (s, site) in cluster.sites.iter().enumerate() {
            for (c, col) in site.columns.list.iter().enumerate() {
                if col.kind == ColumnKind::Disclosure {
                    map.insert(format!("{}/{}", site.id, col.path), (s, c));
                }
            }
        }
        DisclosureColumns(map)
    }

    /// `(site, column)` when `path` is a Markdown page in a disclosure column, following the
    /// rules of the scan stage (hidden files and directories are skipped).
    fn page(&self, path: &str) -> Option<(usize, usize)> {
        let rest = path.strip_prefix("content/")?;
        if !crate::text::is_page_name(rest) {
            return None;
        }
        let (dir, name) = rest.rsplit_once('/')?;
        if name.starts_with('.') || dir.split('/').any(|p| p.is_empty() || p.starts_with('.')) {
            return None;
        }
        self.0.get(dir).copied()
    }
}

/// `content/<site>/<column>` for the top-most disclosure columns of every site: the only
/// trees `ls-tree` needs to walk (news, guides and the rest are never read).
fn disclosure_pathspecs(cluster: &Cluster) -> Vec<String> {
    let mut specs = Vec::new();
    for site in &cluster.sites {
        let list = &site.columns.list;
        for col in list {
            let parent_disclosed = col.parent.is_some_and(|p| list[p].kind == ColumnKind::Disclosure);
            if col.kind == ColumnKind::Disclosure && !parent_disclosed {
                specs.push(format!("content/{}/{}", site.id, col.path));
            }
        }
    }
    specs
}

/// `zhanqun.yaml`, `columns.yaml` and `sites/*.yaml` (or `.yml`), as `load` reads them.
fn is_settings(path: &str) -> bool {
    path == "zhanqun.yaml"
        || path == "columns.yaml"
        || path
            .strip_prefix("sites/")
            .is_some_and(|n| !n.contains('/') && (n.ends_with(".yaml") || n.ends_with(".yml")))
}

/// The settings (`zhanqun.yaml`, `columns.yaml`, `sites/`) of revision `rev` of the cluster at
/// `root`, loaded without a theme: the rules in force at a commit, for `zhanqun audit-changes`.
pub(crate) fn settings_at(root: &Path, rev: &str) -> Result<Cluster, GitError> {
    let prefix = cluster_prefix(root)?;
    let dir = prefix.trim_end_matches('/');
    let commit = resolve(root, rev)?;
    let tree = if dir.is_empty() { format!("{commit}^{{tree}}") } else { format!("{commit}:{dir}") };
    let files: Vec<TreeFile> = ls_tree(root, rev, &tree, dir, &["zhanqun.yaml", "columns.yaml", "sites"])?
        .into_iter()
        .filter(|f| is_settings(&f.path))
        .collect();
    if !files.iter().any(|f| f.path == "zhanqun.yaml") {
        let dir = if dir.is_empty() { "." } else { dir };
        return Err(GitError::NoSettings { rev: rev.to_string(), dir: dir.to_string() });
    }
    let shas: Vec<&str> = files.iter().map(|f| f.sha.as_str()).collect();
    load_set(rev, &files, read_blobs(root, &shas)?)
}

/// Writes one revision's settings into a scratch directory and loads them.
fn load_set(rev: &str, files: &[TreeFile], blobs: Vec<Vec<u8>>) -> Result<Cluster, GitError> {
    let scratch = Scratch::new()?;
    for (f, bytes) in files.iter().zip(blobs) {
        let dest = scratch.0.join(&f.path);
        let written = dest.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&dest, bytes));
        written.map_err(|source| GitError::Scratch { dir: scratch.0.clone(), source })?;
    }
    load_settings(&scratch.0, None).map_err(|diags| GitError::Settings {
        rev: rev.to_string(),
        diagnostics: diags.into_sorted().iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"),
    })
}

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, GitError> {
        let base = std::env::temp_dir();
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mut n = 0u32;
        loop {
            let dir = base.join(format!("zhanqun-catalog-diff-{}-{stamp}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(Scratch(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(source) => return Err(GitError::Scratch { dir, source }),
            }
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `git -C root ARGS` and returns its standard output.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, (Option<i32>, String)> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .arg("--literal-pathspecs")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| (None, e.to_string()))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err((out.status.code(), String::from_utf8_lossy(&out.stderr).trim().to_string()))
    }
}

pub(crate) fn spawn_error(root: &Path, args: &[&str], (code, message): (Option<i32>, String)) -> GitError {
    match code {
        None => GitError::Spawn(std::io::Error::other(message)),
        Some(_) if message.contains(super::git_says::NOT_A_REPOSITORY) => {
            GitError::NotARepository { root: root.to_path_buf(), message }
        }
        Some(_) => GitError::Command { args: args.join(" "), message },
    }
}

/// The cluster root's path within the repository (`""` at the top, else `sub/dir/`).
pub(crate) fn cluster_prefix(root: &Path) -> Result<String, GitError> {
    if !root.is_dir() {
        return Err(GitError::NotARepository { root: root.to_path_buf(), message: t!("catalog-git-no-such-dir") });
    }
    let args = ["rev-parse", "--show-prefix"];
    let out = git(root, &args).map_err(|e| spawn_error(root, &args, e))?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// The commit id `rev` names.
pub(crate) fn resolve(root: &Path, rev: &str) -> Result<String, GitError> {
    let spec = format!("{rev}^{{commit}}");
    let args = ["rev-parse", "--verify", "--quiet", "--end-of-options", &spec];
    match git(root, &args) {
        Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_string()),
        Err((Some(_), m)) if !m.contains("not a git repository") => {
            Err(GitError::BadRevision { rev: rev.to_string(), root: root.to_path_buf() })
        }
        Err(e) => Err(spawn_error(root, &args, e)),
    }
}

/// The files of the cluster directory `tree` (`<commit>:<dir>`) under `pathspecs`, with paths
/// relative to the cluster root.
fn ls_tree(
    root: &Path,
    rev: &str,
    tree: &str,
    dir: &str,
    pathspecs: &[impl AsRef<str>],
) -> Result<Vec<TreeFile>, GitError> {
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", tree, "--"];
    args.extend(pathspecs.iter().map(AsRef::as_ref));
    let out = match git(root, &args) {
        Ok(out) => out,
        Err((Some(_), m)) if !dir.is_empty() && m.contains(super::git_says::BAD_OBJECT) => {
            return Err(GitError::NoClusterDir { rev: rev.to_string(), dir: dir.to_string() });
        }
        Err(e) => return Err(spawn_error(root, &args[..5], e)),
    };
    let mut files = Vec::new();
    for record in out.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let bad = || GitError::Command {
            args: args[..5].join(" "),
            message: t!("catalog-git-unexpected-line", line = String::from_utf8_lossy(record).into_owned()),
        };
        let tab = record.iter().position(|&b| b == b'\t').ok_or_else(bad)?;
        let meta = std::str::from_utf8(&record[..tab]).map_err(|_| bad())?;
        let mut parts = meta.split(' ');
        let (Some(mode), Some(kind), Some(sha)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if kind != "blob" {
            continue;
        }
        // A name that is not UTF-8 cannot be a page (the scan stage rejects it too).
        let Ok(path) = std::str::from_utf8(&record[tab + 1..]) else { continue };
        files.push(TreeFile { mode: mode.to_string(), sha: sha.to_string(), path: path.to_string() });
    }
    Ok(files)
}

/// The contents of the objects `shas`, in order, read through one `git cat-file` process
/// (none is started for no object).
pub(crate) fn read_blobs(root: &Path, shas: &[&str]) -> Result<Vec<Vec<u8>>, GitError> {
    if shas.is_empty() {
        return Ok(Vec::new());
    }
    let mut cat = CatFile::start(root)?;
    let blobs = cat.read_all(shas)?;
    cat.finish()?;
    Ok(blobs)
}

/// One `git cat-file --batch-command --buffer` process (the `--batch` output format, with
/// explicit flushes): object ids go in, contents come out, in order.
pub(crate) struct CatFile {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl CatFile {
    pub(crate) fn start(root: &Path) -> Result<CatFile, GitError> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["cat-file", "--batch-command", "--buffer"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(GitError::Spawn)?;
        let stdin = child.stdin.take();
        let stdout = BufReader::with_capacity(1 << 20, child.stdout.take().expect("piped stdout"));
        Ok(CatFile { child, stdin, stdout })
    }

    /// The contents of `shas`, in order.
    pub(crate) fn read_all(&mut self, shas: &[&str]) -> Result<Vec<Vec<u8>>, GitError> {
        let mut blobs = Vec::with_capacity(shas.len());
        self.read_each(shas, |_, b| {
            blobs.push(b);
            Ok(())
        })?;
        Ok(blobs)
    }

    /// Streams `shas` in (from a second thread, so neither pipe can fill up and block) and
    /// hands each object's contents to `each` with its position, in order.
    pub(crate) fn read_each(
        &mut self,
        shas: &[&str],
        mut each: impl FnMut(usize, Vec<u8>) -> Result<(), GitError>,
    ) -> Result<(), GitError> {
        let stdin = self.stdin.as_mut().ok_or_else(|| GitError::CatFile(t!("catalog-git-process-closed")))?;
        let stdout = &mut self.stdout;
        let child = &mut self.child;
        std::thread::scope(|s| {
            let writer = s.spawn(move || -> std::io::Result<()> {
                let mut w = BufWriter::with_capacity(1 << 16, stdin);
                for sha in shas {
                    w.write_all(b"contents ")?;
                    w.write_all(sha.as_bytes())?;
                    w.write_all(b"\n")?;
                }
                // With --buffer git answers in large writes, and everything asked so far once
                // it reads `flush`.
                w.write_all(b"flush\n")?;
                w.flush()
            });
            let read = (|| {
                for (i, sha) in shas.iter().enumerate() {
                    each(i, read_object(stdout, sha)?)?;
                }
                Ok(())
            })();
            if read.is_err() {
                // Unblocks the writer if git stopped reading.
                let _ = child.kill();
            }
            let written = writer.join().expect("cat-file writer thread panicked");
            read?;
            written
                .map_err(|e| GitError::CatFile(t!("catalog-git-cannot-send", error = crate::messages::io_reason(&e))))
        })
    }

    /// Closes the input and waits for git to exit.
    pub(crate) fn finish(mut self) -> Result<(), GitError> {
        drop(self.stdin.take());
        let status = self.child.wait().map_err(|e| GitError::CatFile(crate::messages::io_reason(&e)))?;
        if status.success() {
            Ok(())
        } else {
            Err(GitError::CatFile(t!("catalog-git-exited", status = status.to_string())))
        }
    }
}

impl Drop for CatFile {
    fn drop(&mut self) {
        if self.stdin.is_some() {
            drop(self.stdin.take());
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one `<sha> <type> <size>\n<contents>\n` answer.
fn read_object(r: &mut impl BufRead, sha: &str) -> Result<Vec<u8>, GitError> {
    let mut header = Vec::with_capacity(64);
    let n = r.read_until(b'\n', &mut header).map_err(|e| GitError::CatFile(crate::messages::io_reason(&e)))?;
    if n == 0 {
        return Err(GitError::CatFile(t!("catalog-git-stopped-before", sha = sha)));
    }
    let header = String::from_utf8_lossy(&header);
    let fields: Vec<&str> = header.trim_end().split(' ').collect();
    let size = match fields.as_slice() {
        [got, "blob", size] if *got == sha => size
            .parse::<usize>()
            .map_err(|_| GitError::CatFile(t!("catalog-git-bad-header", header = header.trim_end())))?,
        _ => return Err(GitError::CatFile(t!("catalog-git-unexpected-answer", sha = sha, answer = header.trim_end()))),
    };
    let mut buf = vec![0; size + 1];
    r.read_exact(&mut buf).map_err(|e| {
        GitError::CatFile(t!("catalog-git-object-error", sha = sha, error = crate::messages::io_reason(&e)))
    })?;
    buf.pop();
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_files_are_those_load_reads() {
        assert!(is_settings("zhanqun.yaml"));
        assert!(is_settings("columns.yaml"));
        assert!(is_settings("sites/jyj.yaml"));
        assert!(is_settings("sites/jyj.yml"));
        assert!(!is_settings("sites/old/jyj.yaml"));
        assert!(!is_settings("content/jyj/x.yaml"));
    }

    #[test]
    fn only_the_front_matter_is_kept() {
        let page = "---\ntitle: 标题\ndate: 2026-01-01\n---\n\n正文\n---\n";
        assert_eq!(&page[..front_matter_len(page.as_bytes())], "---\ntitle: 标题\ndate: 2026-01-01\n---\n");
        let crlf = "---\r\ntitle: t\r\n---\r\nbody";
        assert_eq!(&crlf[..front_matter_len(crlf.as_bytes())], "---\r\ntitle: t\r\n---\r\n");
        assert_eq!(front_matter_len(b"no front matter"), 15);
        assert_eq!(front_matter_len(b""), 0);
    }

    #[test]
    fn objects_are_read_from_the_batch_format() {
        let sha = "0123456789012345678901234567890123456789";
        let text = format!("{sha} blob 5\nhello\n{sha} blob 0\n\n");
        let mut r = std::io::Cursor::new(text.into_bytes());
        assert_eq!(read_object(&mut r, sha).unwrap(), b"hello");
        assert_eq!(read_object(&mut r, sha).unwrap(), b"");
        assert!(read_object(&mut r, sha).is_err());
        let mut missing = std::io::Cursor::new(format!("{sha} missing\n").into_bytes());
        assert!(read_object(&mut missing, sha).unwrap_err().to_string().contains("missing"));
    }
}
