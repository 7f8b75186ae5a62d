//! `zhanqun assign`: gives every disclosed document that has no 索引号 (one saved from the web
//! editor, whose form says 自动分配) the next number of its site and year, in the order the
//! documents were committed, and records it in the ledger ([`crate::commands::LEDGER_FILE`]).
//!
//! One design keeps numbers unique under parallel saves: numbers are given only here, in CI on
//! the branch, never in the browser. The order is the Git history's (the commit that added
//! each file, oldest first; files not yet committed last, by path), so two runs over the same
//! history give the same numbers, and a run never gives a number the ledger or a page already
//! holds. CI commits the files it changed; a concurrent pipeline's push of other numbers is
//! refused by Git as not a fast-forward.

use crate::catalog::GitError;
use crate::catalog::git::{cluster_prefix, git, spawn_error};
use crate::check::index_no_parts;
use crate::diagnostic::Diagnostics;
use crate::load::{self, ColumnKind};
use crate::parse::Page;
use crate::t;
use crate::text::keys::KEYS;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A number given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    /// The page, relative to the cluster root.
    pub file: PathBuf,
    /// Its new 索引号.
    pub index_no: String,
}

/// Why numbers could not be given.
#[derive(Debug, thiserror::Error)]
pub enum AssignError {
    /// The settings do not load.
    #[error("{}", t!("assign-config-errors", errors = .0.as_str()))]
    Config(String),
    /// The ledger is unreadable.
    #[error("{}", t!("new-bad-ledger", file = crate::commands::LEDGER_FILE, reason = .0.as_str()))]
    Ledger(String),
    /// The history could not be read.
    #[error("{0}")]
    Git(#[from] GitError),
    /// A file could not be read or written.
    #[error("{}", t!("assign-cannot-write", path = .path.display().to_string()))]
    Io {
        /// The file.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
}

/// Gives the missing 索引号 of the cluster at `root` and writes the pages and the ledger.
pub fn assign(root: &Path) -> Result<Vec<Assigned>, AssignError> {
    let cluster = load::load_settings(root, None).map_err(|d| {
        AssignError::Config(d.into_sorted().iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    })?;
    let mut diags = Diagnostics::default();
    let sources = crate::scan::scan(&cluster, &mut diags);
    let pages = crate::parse::parse_pages(&cluster, &sources, &mut diags);
    let is_disclosed = |p: &&Page| cluster.sites[p.site].columns.list[p.column].kind == ColumnKind::Disclosure;
    let mut missing: Vec<&Page> = pages.iter().filter(is_disclosed).filter(|p| p.meta.index_no.is_none()).collect();
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let order = commit_order(root)?;
    missing.sort_by_key(|p| (order.get(&p.src).copied().unwrap_or(usize::MAX), p.src.clone()));

    // The highest serial in use per organisation and year, and the ledger's per site and year.
    let mut in_use: HashMap<(String, u32), u32> = HashMap::new();
    for (org, year, serial) in pages.iter().filter_map(|p| p.meta.index_no.as_deref().and_then(index_no_parts)) {
        let max = in_use.entry((org.to_owned(), year)).or_default();
        *max = (*max).max(serial);
    }
    let mut ledger = crate::commands::read_ledger(root).map_err(AssignError::Ledger)?;
    let mut out = Vec::new();
    for page in missing {
        let site = &cluster.sites[page.site];
        let year: u32 = page.meta.date.day.format("%Y").to_string().parse().unwrap_or_default();
        let used = in_use.entry((site.org_code.clone(), year)).or_default();
        let recorded = ledger.entry(site.id.clone()).or_default().entry(year).or_default();
        let next = (*used).max(*recorded) + 1;
        (*used, *recorded) = (next, next);
        let no = crate::commands::index_no(&site.org_code, year, next);
        let path = root.join(&page.src);
        let io = |source| AssignError::Io { path: path.clone(), source };
        let text = std::fs::read_to_string(&path).map_err(io)?;
        std::fs::write(&path, with_index_no(&text, &no)).map_err(io)?;
        out.push(Assigned { file: page.src.clone(), index_no: no });
    }
    crate::commands::write_ledger(root, &ledger).map_err(|(path, source)| AssignError::Io { path, source })?;
    Ok(out)
}

/// Each file under `content/` (relative to the cluster root) with the position of the commit
/// that first added it, oldest first. Outside a Git repository, none: pages go in path order.
fn commit_order(root: &Path) -> Result<HashMap<PathBuf, usize>, GitError> {
    let prefix = match cluster_prefix(root) {
        Ok(p) => p,
        Err(GitError::NotARepository { .. }) => return Ok(HashMap::new()),
        Err(e) => return Err(e),
    };
    let args = [
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--topo-order",
        "--diff-filter=A",
        "--no-renames",
        "--name-only",
        "--format=%x00",
        "--",
        "content",
    ];
    let out = match git(root, &args) {
        Ok(out) => out,
        // A repository without commits yet: nothing is committed.
        Err((Some(_), m)) if m.contains(super::words::NO_COMMITS_YET) => return Ok(HashMap::new()),
        Err(e) => return Err(spawn_error(root, &args[2..], e)),
    };
    let mut order = HashMap::new();
    for (i, commit) in String::from_utf8_lossy(&out).split('\0').skip(1).enumerate() {
        for line in commit.lines().filter(|l| !l.is_empty()) {
            if let Some(rel) = line.strip_prefix(prefix.as_str()) {
                order.entry(PathBuf::from(rel)).or_insert(i);
            }
        }
    }
    Ok(order)
}

/// `text` with `no` as its 索引号: an empty `index_no:` (or `索引号:`) line gets the number;
/// without one, `index_no: …` is added after the publish date (or at the top of the front
/// matter). The rest of the file is left as written.
fn with_index_no(text: &str, no: &str) -> String {
    let aliases = |canon: &str| -> Vec<&str> {
        KEYS.iter()
            .filter(|(c, _)| *c == canon)
            .flat_map(|(c, a)| std::iter::once(*c).chain(a.iter().copied()))
            .collect()
    };
    let (index_keys, date_keys) = (aliases("index_no"), aliases("date"));
    let key_of = |line: &str| -> Option<String> {
        if line.starts_with([' ', '\t', '#', '-']) {
            return None;
        }
        let key = line.split_once(':')?.0.trim().trim_matches(['"', '\'']);
        Some(key.to_owned())
    };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let end = lines.iter().skip(1).position(|l| l.trim_end() == "---").map_or(lines.len(), |i| i + 1);
    let value = serde_json::to_string(no).unwrap_or_else(|_| no.to_owned());
    if let Some(i) = (1..end).find(|&i| key_of(&lines[i]).is_some_and(|k| index_keys.contains(&k.as_str()))) {
        let key = key_of(&lines[i]).unwrap_or_default();
        lines[i] = format!("{key}: {value}\n");
    } else {
        let at =
            (1..end).find(|&i| key_of(&lines[i]).is_some_and(|k| date_keys.contains(&k.as_str()))).map_or(1, |i| i + 1);
        lines.insert(at.min(lines.len()), format!("index_no: {value}\n"));
    }
    lines.concat()
}

/// The numbers given, one line each, for the command's report.
pub fn report(assigned: &[Assigned]) -> String {
    let mut out: String = assigned
        .iter()
        .map(|a| t!("assign-line", file = a.file.display().to_string(), no = a.index_no.as_str()) + "\n")
        .collect();
    out.push_str(&t!("assign-done", count = assigned.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_key_is_filled_and_a_missing_one_added_after_the_date() {
        let empty = "---\ntitle: 通知\ndate: 2026-12-06 10:30\nindex_no: ''\ngenre: 通知\n---\n\n正文\n";
        assert_eq!(
            with_index_no(empty, "ABC/2026-00007"),
            "---\ntitle: 通知\ndate: 2026-12-06 10:30\nindex_no: \"ABC/2026-00007\"\ngenre: 通知\n---\n\n正文\n"
        );
        let chinese = "---\n标题: 通知\n索引号:\n发布日期: 2026-12-06\n---\n正文\n";
        assert_eq!(
            with_index_no(chinese, "A/2026-00001"),
            "---\n标题: 通知\n索引号: \"A/2026-00001\"\n发布日期: 2026-12-06\n---\n正文\n"
        );
        let none = "---\ntitle: 通知\ndate: 2026-12-06\n---\nindex_no: not front matter\n";
        assert_eq!(
            with_index_no(none, "A/2026-00002"),
            "---\ntitle: 通知\ndate: 2026-12-06\nindex_no: \"A/2026-00002\"\n---\nindex_no: not front matter\n"
        );
    }

    #[test]
    fn a_nested_key_of_the_same_name_is_not_the_page_s() {
        let text = "---\ntitle: x\nattachments:\n  - index_no: a\ndate: 2026-01-02\n---\n";
        let out = with_index_no(text, "A/2026-00003");
        assert!(out.contains("  - index_no: a\ndate: 2026-01-02\nindex_no: \"A/2026-00003\"\n"), "{out}");
    }
}
