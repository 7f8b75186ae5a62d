//! `zhanqun new SITE COLUMN TITLE`: a correctly named page with front matter; in disclosure
//! columns, the next free 索引号, recorded in a ledger so that no number is ever reused.

use crate::check::index_no_parts;
use crate::diagnostic::{Diagnostics, nearest};
use crate::load::{self, ColumnKind};
use crate::{parse, scan};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The ledger of the highest 索引号 serial ever assigned, per site and year. Committed with the
/// content: a deleted document's number stays used.
pub const LEDGER_FILE: &str = "index-numbers.yaml";

/// Per site id, per year, the highest serial ever assigned.
pub(crate) type Ledger = BTreeMap<String, BTreeMap<u32, u32>>;

/// Why a page could not be created.
#[derive(Debug, thiserror::Error)]
pub enum NewPageError {
    /// The cluster settings have errors.
    #[error("{}", crate::t!("new-config-errors", errors = .0.as_str()))]
    Config(String),
    /// No such site.
    #[error("{}", crate::t!("new-unknown-site", site = .site.as_str(), hint = .hint.as_str()))]
    UnknownSite {
        /// What was asked for.
        site: String,
        /// A suggestion.
        hint: String,
    },
    /// No such column in that site.
    #[error("{}", crate::t!("new-unknown-column", site = .site.as_str(), column = .column.as_str(), hint = .hint.as_str()))]
    UnknownColumn {
        /// Site id.
        site: String,
        /// What was asked for.
        column: String,
        /// A suggestion.
        hint: String,
    },
    /// The date could not be read.
    #[error("{}", crate::t!("new-bad-date", value = .0.as_str()))]
    BadDate(String),
    /// The file exists already.
    #[error("{}", crate::t!("new-exists", path = .0.display().to_string()))]
    Exists(PathBuf),
    /// The ledger is unreadable.
    #[error("{}", crate::t!("new-bad-ledger", file = LEDGER_FILE, reason = .0.as_str()))]
    Ledger(String),
    /// Writing failed.
    #[error("{}", crate::t!("new-cannot-write", path = .path.display().to_string()))]
    Io {
        /// File being written.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
}

/// Creates the page and returns its path.
pub fn new_page(
    root: &Path,
    site_id: &str,
    column: &str,
    title: &str,
    date: Option<&str>,
) -> Result<PathBuf, NewPageError> {
    let cluster = load::load(root, None).map_err(|d| {
        NewPageError::Config(d.into_sorted().iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    })?;
    let Some(s) = cluster.site_index(site_id) else {
        let hint = nearest(site_id, cluster.sites.iter().map(|s| s.id.as_str()))
            .map(|n| crate::t!("new-did-you-mean", name = n))
            .unwrap_or_default();
        return Err(NewPageError::UnknownSite { site: site_id.into(), hint });
    };
    let site = &cluster.sites[s];
    let column = column.trim_matches('/');
    let Some(c) = site.columns.find(column).filter(|&c| site.columns.list[c].children.is_empty()) else {
        let leaves = site.columns.list.iter().filter(|c| c.children.is_empty()).map(|c| c.path.as_str());
        let hint = nearest(column, leaves)
            .map(|n| crate::t!("new-did-you-mean", name = n))
            .unwrap_or_else(|| crate::t!("new-use-leaf-column"));
        return Err(NewPageError::UnknownColumn { site: site_id.into(), column: column.into(), hint });
    };
    let col = &site.columns.list[c];
    let day = match date {
        Some(d) => crate::text::parse_day(d).ok_or_else(|| NewPageError::BadDate(d.into()))?,
        None => cluster.config.clock.today(),
    };
    let iso = day.format("%Y-%m-%d").to_string();
    let dir = root.join("content").join(&site.id).join(&col.path);
    let path = if col.kind == ColumnKind::Page {
        dir.join("index.md")
    } else {
        (1..)
            .map(|n| dir.join(format!("{iso}-{n:03}.md")))
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(format!("{iso}.md")))
    };
    if path.exists() {
        return Err(NewPageError::Exists(path));
    }
    let mut fm = format!("---\ntitle: {}\ndate: {iso}\n", quote(title));
    if col.kind == ColumnKind::Disclosure {
        let year: u32 = day.format("%Y").to_string().parse().unwrap_or_default();
        let serial = next_serial(root, &cluster, s, year)?;
        fm.push_str(&disclosure_fields(&cluster.config.vocabularies, &site.org_code, &site.name, year, serial, &iso));
    }
    fm.push_str("---\n\n");
    fm.push_str(&format!(
        "<!-- {} {} -->\n",
        crate::check::data::placeholders::UNFINISHED_MARKER,
        crate::t!("new-body-marker")
    ));
    let io = |p: &Path| {
        let path = p.to_path_buf();
        move |source| NewPageError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    std::fs::write(&path, fm).map_err(io(&path))?;
    Ok(path)
}

/// The next serial for `site` in `year`: above both the ledger and every number in use.
fn next_serial(root: &Path, cluster: &load::Cluster, s: usize, year: u32) -> Result<u32, NewPageError> {
    let site = &cluster.sites[s];
    let mut ledger = read_ledger(root).map_err(NewPageError::Ledger)?;
    let mut diags = Diagnostics::default();
    let sources: Vec<_> = scan::scan(cluster, &mut diags).into_iter().filter(|f| f.site == s).collect();
    let in_use = parse::parse_pages(cluster, &sources, &mut diags)
        .iter()
        .filter_map(|p| p.meta.index_no.as_deref().and_then(index_no_parts))
        .filter(|(org, y, _)| *org == site.org_code && *y == year)
        .map(|(_, _, n)| n)
        .max()
        .unwrap_or(0);
    let recorded = ledger.get(&site.id).and_then(|y| y.get(&year)).copied().unwrap_or(0);
    let next = in_use.max(recorded) + 1;
    ledger.entry(site.id.clone()).or_default().insert(year, next);
    write_ledger(root, &ledger).map_err(|(path, source)| NewPageError::Io { path, source })?;
    Ok(next)
}

/// The ledger at `root` ([`LEDGER_FILE`]), empty when there is none; the YAML error otherwise.
pub(crate) fn read_ledger(root: &Path) -> Result<Ledger, String> {
    match std::fs::read_to_string(root.join(LEDGER_FILE)) {
        Ok(t) => Ok(serde_yaml_ng::from_str::<Option<Ledger>>(&t).map_err(|e| e.to_string())?.unwrap_or_default()),
        Err(_) => Ok(Ledger::new()),
    }
}

/// A 索引号 as the convention writes it: `<org_code>/<year>-<5-digit serial>`.
pub(crate) fn index_no(org_code: &str, year: u32, serial: u32) -> String {
    format!("{org_code}/{year}-{serial:05}")
}

/// Writes the ledger at `root`, with the comment that says what it is.
pub(crate) fn write_ledger(root: &Path, ledger: &Ledger) -> Result<(), (PathBuf, std::io::Error)> {
    let path = root.join(LEDGER_FILE);
    let header: String = crate::t!("new-ledger-header").lines().map(|l| format!("# {l}\n")).collect();
    let text = format!("{header}{}", serde_yaml_ng::to_string(ledger).unwrap_or_default());
    std::fs::write(&path, text).map_err(|e| (path, e))
}

/// The front matter of a disclosed document, each field with a comment saying what to write
/// and, for 主题分类, 体裁分类 and 有效性, the values the cluster allows (`vocabularies:`).
fn disclosure_fields(
    vocab: &load::Vocabularies,
    org_code: &str,
    publisher: &str,
    year: u32,
    serial: u32,
    iso: &str,
) -> String {
    use crate::load::data::vocabularies::LIST_SEPARATOR;
    let comment = |text: String| format!("# {text}\n");
    let list = |values: &[String], per_line: usize| {
        values.chunks(per_line).map(|c| format!("#   {}\n", c.join(LIST_SEPARATOR))).collect::<String>()
    };
    let mut out = comment(crate::t!("new-fm-intro"));
    out.push_str(&comment(crate::t!("new-fm-index-no")));
    out.push_str(&format!("index_no: {}\n", index_no(org_code, year, serial)));
    out.push_str(&comment(crate::t!("new-fm-doc-number", year = year)));
    out.push_str("doc_number: \"\"\n");
    out.push_str(&comment(crate::t!("new-fm-publisher")));
    out.push_str(&format!("publisher: {}\n", quote(publisher)));
    out.push_str(&comment(crate::t!("new-fm-topic")));
    out.push_str(&list(&vocab.topic, 6));
    out.push_str("topic: \"\"\n");
    out.push_str(&comment(crate::t!("new-fm-genre")));
    out.push_str(&list(&vocab.genre, 11));
    out.push_str("genre: \"\"\n");
    out.push_str(&comment(crate::t!("new-fm-written")));
    out.push_str(&format!("written: {iso}\n"));
    out.push_str(&comment(crate::t!("new-fm-valid", values = vocab.valid.join(LIST_SEPARATOR))));
    out.push_str(&format!("valid: {}\n", vocab.in_force()));
    out
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}
