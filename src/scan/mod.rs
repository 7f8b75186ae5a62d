//! Stage 2, scan: find every source file under `content/<site-id>/`, in parallel per site, and
//! place it in its site and column.

use crate::diagnostic::{Diagnostic, Diagnostics, nearest, relative};
use crate::load::Cluster;
use crate::t;
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A Markdown page.
    Markdown,
    /// Anything else (images, PDFs…), copied to the output beside the pages.
    Asset,
}

/// One file found under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Index of its site in [`Cluster::sites`].
    pub site: usize,
    /// Path relative to the cluster root, for messages.
    pub rel: PathBuf,
    /// Directory under the site, `/`-separated (`xxgk/zcwj`); the column of a Markdown page.
    pub dir: String,
    /// File name.
    pub name: String,
    /// Markdown or asset.
    pub kind: SourceKind,
    /// Absolute path to read.
    pub abs: PathBuf,
}

/// Removes `.` and `..` from a relative file path; `None` when it climbs out. Links between
/// content files (`../zcwj/x.md`, `interprets:`) are resolved against the scanned paths with it.
pub fn normalize_relative(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Lists the content files of every site, sorted by path.
pub fn scan(cluster: &Cluster, diags: &mut Diagnostics) -> Vec<SourceFile> {
    let content = cluster.root.join("content");
    let root_real = cluster.root.canonicalize().unwrap_or_else(|_| cluster.root.clone());
    let mut dirs = Vec::new();
    match std::fs::read_dir(&content) {
        Ok(rd) => {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                match cluster.site_index(&name) {
                    Some(i) if e.path().is_dir() => dirs.push((i, e.path())),
                    _ => {
                        diags.push(not_a_site(cluster, &e.path(), &name));
                    }
                }
            }
        }
        Err(e) => diags.push(
            Diagnostic::error("content", "io", t!("scan-cannot-read-content", reason = e.to_string()))
                .help(t!("scan-cannot-read-content-help")),
        ),
    }
    dirs.sort();
    // Each site's files sorted on its own thread; the sites' runs are then merged (a stable sort
    // finds the runs): at 100,000 files, one sort of them all was ~30 ms on one thread while
    // the other waited.
    let results: Vec<(Vec<SourceFile>, Vec<Diagnostic>)> = dirs
        .par_iter()
        .map(|(site, dir)| {
            let (mut files, diags) = scan_site(&cluster.root, &root_real, *site, dir);
            files.sort_unstable_by(|a, b| path_order(&a.rel, &b.rel));
            (files, diags)
        })
        .collect();
    let mut files = Vec::new();
    for (f, d) in results {
        files.extend(f);
        diags.extend(d);
    }
    files.sort_by(|a, b| path_order(&a.rel, &b.rel));
    files
}

/// The order of [`Path`]'s `cmp` (component by component) for the normalized relative paths a
/// scan makes (no `.`, `..`, repeated or trailing separators), by their bytes with `/` below
/// every other byte: at 100,000 files, sorting by components took a tenth of a build that
/// found nothing to do.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |p: &[u8]| p.get(same).map(|&c| if c == b'/' { 0 } else { u16::from(c) + 1 });
    rank(a).cmp(&rank(b))
}

/// Scans one path under `content/` again (a file or a directory, which may no longer exist),
/// with the same rules as [`scan`]: for `zhanqun serve`, after a file event. `rel` is relative
/// to the cluster root and starts with `content/`. Returns the content files found at or under
/// it and the problems, exactly as a full scan would report them for that path.
pub fn scan_path(cluster: &Cluster, rel: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
    if parts.first() != Some(&"content") || parts.len() < 2 || parts.iter().skip(1).any(|p| p.starts_with('.')) {
        return (Vec::new(), Vec::new());
    }
    let top = cluster.root.join("content").join(parts[1]);
    let Some(site) = cluster.site_index(parts[1]).filter(|_| top.is_dir()) else {
        if std::fs::symlink_metadata(&top).is_err() {
            return (Vec::new(), Vec::new());
        }
        return (Vec::new(), vec![not_a_site(cluster, &top, parts[1])]);
    };
    let abs = cluster.root.join(rel);
    if std::fs::symlink_metadata(&abs).is_err() {
        return (Vec::new(), Vec::new());
    }
    let root_real = cluster.root.canonicalize().unwrap_or_else(|_| cluster.root.clone());
    let (mut files, diags) = scan_site(&cluster.root, &root_real, site, &abs);
    files.sort_unstable_by(|a, b| path_order(&a.rel, &b.rel));
    (files, diags)
}

/// The error for `content/<name>`, which is not the directory of a site.
fn not_a_site(cluster: &Cluster, path: &Path, name: &str) -> Diagnostic {
    // The site file is there but could not be read: its own error says what to fix.
    if let Some(file) =
        ["yaml", "yml"].iter().map(|e| format!("sites/{name}.{e}")).find(|f| cluster.root.join(f).is_file())
    {
        return Diagnostic::error(
            relative(&cluster.root, path),
            "scan",
            t!("scan-site-unreadable", name = name, file = file.as_str()),
        )
        .help(t!("scan-site-unreadable-help", file = file.as_str()));
    }
    let help = nearest(name, cluster.sites.iter().map(|s| s.id.as_str()))
        .map(|n| t!("scan-not-a-site-did-you-mean", nearest = n, name = name))
        .unwrap_or_else(|| t!("scan-not-a-site-help", name = name));
    Diagnostic::error(relative(&cluster.root, path), "scan", t!("scan-not-a-site", name = name)).help(help)
}

fn scan_site(root: &Path, root_real: &Path, site: usize, dir: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_else(|| relative(root, dir));
                diags.push(
                    Diagnostic::error(path, "io", t!("scan-cannot-read", reason = e.to_string()))
                        .help(t!("scan-cannot-read-help")),
                );
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let Some(rel_str) = rel.to_str() else {
            diags.push(Diagnostic::error(&rel, "scan", t!("scan-name-not-utf8")).help(t!("scan-name-not-utf8-help")));
            continue;
        };
        let mut abs = entry.path().to_path_buf();
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(real) if real.starts_with(root_real) => abs = real,
                Ok(real) => {
                    diags.push(
                        Diagnostic::error(
                            &rel,
                            "path-escape",
                            t!("scan-link-outside", target = real.display().to_string()),
                        )
                        .help(t!("scan-link-outside-help")),
                    );
                    continue;
                }
                Err(e) => {
                    diags.push(
                        Diagnostic::error(&rel, "io", t!("scan-broken-link", reason = e.to_string()))
                            .help(t!("scan-broken-link-help")),
                    );
                    continue;
                }
            }
            if abs.is_dir() {
                diags.push(Diagnostic::error(&rel, "scan", t!("scan-dir-link")).help(t!("scan-dir-link-help")));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let under_site: Vec<&str> = rel_str.split(['/', '\\']).skip(2).collect();
        let Some((name, dirs)) = under_site.split_last() else { continue };
        let kind = if crate::text::is_page_name(name) { SourceKind::Markdown } else { SourceKind::Asset };
        if kind == SourceKind::Asset && !binary_format(name) && looks_like_a_page(&abs) {
            let stem = name.rsplit_once('.').map_or(*name, |(stem, _)| stem);
            diags.push(
                Diagnostic::error(&rel, "page-name", t!("scan-page-not-md", name = *name))
                    .at(1)
                    .help(t!("scan-page-not-md-help", fixed = format!("{stem}.md"))),
            );
            continue;
        }
        if kind == SourceKind::Markdown && dirs.is_empty() {
            diags.push(
                Diagnostic::error(&rel, "column", t!("scan-page-outside-column"))
                    .help(t!("scan-page-outside-column-help")),
            );
            continue;
        }
        files.push(SourceFile { site, rel: rel.clone(), dir: dirs.join("/"), name: name.to_string(), kind, abs });
    }
    (files, diags)
}

/// Extensions of formats whose files never start with text (PDF, images, office documents,
/// archives, media): not opened to look for front matter, so that a scan of a cluster with
/// thousands of attachments stays cheap.
const BINARY_FORMATS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "tif", "tiff", "doc", "docx", "xls", "xlsx", "ppt",
    "pptx", "wps", "et", "dps", "ofd", "zip", "rar", "7z", "gz", "mp3", "mp4", "wav", "avi", "mov", "woff", "woff2",
];

/// True when the file name `name` has one of the [`BINARY_FORMATS`] extensions, in any case.
fn binary_format(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| BINARY_FORMATS.iter().any(|b| b.eq_ignore_ascii_case(ext)))
}

/// True when the file at `path` starts with a page's front matter: a `---` line, then within
/// its first lines a `title` or `date` key (or a Chinese alias of one) and a closing `---`.
/// Such a file is a page saved under another name (`通知.txt`), which would otherwise be
/// published as a raw file, front matter and all. Only the first 4 KiB are read.
fn looks_like_a_page(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4096];
    let Ok(mut f) = std::fs::File::open(path) else { return false };
    let mut len = 0;
    while len < head.len() {
        match f.read(&mut head[len..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => len += n,
        }
    }
    let bytes = head[..len].strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head[..len]);
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut keyed = false;
    for line in lines {
        if line.trim_end() == "---" {
            return keyed;
        }
        let key = line.split(':').next().unwrap_or_default().trim().trim_matches(['"', '\'']);
        keyed |= crate::text::is_title_or_date_key(key);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_refuses_escape() {
        assert_eq!(normalize_relative(Path::new("content/a/../b.md")), Some(PathBuf::from("content/b.md")));
        assert_eq!(normalize_relative(Path::new("content/../../x.md")), None);
    }

    /// The scan's byte order of paths is `Path`'s order of components, on names where the two
    /// orders of strings differ (`-`, `.` and non-ASCII sort below or above `/`).
    #[test]
    fn path_order_is_the_order_of_components() {
        let names = [
            "content/a/b.md",
            "content/a-b.md",
            "content/a.md",
            "content/a",
            "content/ab/c.md",
            "content/a/b/c.md",
            "content/a b.md",
            "content/政策/x.md",
            "content/政策-解读/x.md",
            "content/政策.md",
            "content/z",
            "content/a/b-c/d.md",
            "content/a/b/d.md",
            "content/a/b.c/d.md",
            "content/a0/x.md",
            "content/a!/x.md",
        ];
        let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        for a in &paths {
            for b in &paths {
                assert_eq!(path_order(a, b), a.cmp(b), "{} vs {}", a.display(), b.display());
            }
        }
    }
}
