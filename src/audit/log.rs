//! `zhanqun log`: the publication log auditors ask for, read from the Git history — per page,
//! who wrote it and who reviewed it (on proof: the signature, as `audit-changes` checks it),
//! when it was first published and each later change — and the items each column published in
//! the year, counted the way `zhanqun catalog stats` counts (its [`YearStats`] for the
//! disclosure figures, and the same rule, a page's 发布日期 in the year, for every column).

use super::changes::{counted_changes, reviewers_by_commit, reviews_of};
use super::history::{self, Commit};
use super::proof::{self, Actor, Scope, Unproven};
use crate::build::{BuildError, analyse};
use crate::catalog::{CatalogEntry, GitError, YearStats, entries};
use crate::load::ColumnKind;
use chrono::Datelike;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One commit that changed a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageChange {
    /// Author date (ISO 8601).
    pub date: String,
    /// Commit id.
    pub commit: String,
    /// Who signed it (or the unproven author line, marked as such).
    pub author: String,
    /// The site's reviewers who reviewed it.
    pub reviewers: Vec<String>,
    /// The commit deleted the page.
    pub removed: bool,
}

/// The history of one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageRecord {
    /// Site id.
    pub site: String,
    /// Column path (`xxgk/zcwj`; empty outside every column).
    pub column: String,
    /// Column name (政策文件).
    pub column_name: String,
    /// The file, relative to the cluster root.
    pub file: String,
    /// Its title now (empty once deleted).
    pub title: String,
    /// The commit that first published it (not as a draft); `None` while never published.
    pub published: Option<PageChange>,
    /// Every later commit that changed it.
    pub changes: Vec<PageChange>,
    /// Deleted since.
    pub removed: bool,
}

/// Published items of one column in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnCount {
    /// Site id.
    pub site: String,
    /// Site name.
    pub site_name: String,
    /// Column path.
    pub column: String,
    /// Column name.
    pub column_name: String,
    /// Column kind.
    pub kind: ColumnKind,
    /// Items dated in the year.
    pub count: usize,
}

/// The whole log.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationLog {
    /// The year of the counts (and of the pages listed, when one was asked for).
    pub year: i32,
    /// Pages, in path order.
    pub pages: Vec<PageRecord>,
    /// Every column of every site (of the one asked for), in site and menu order.
    pub columns: Vec<ColumnCount>,
    /// The disclosure statistics of the year, exactly as `zhanqun catalog stats --json`.
    pub stats: YearStats,
}

/// Why the log cannot be made.
#[derive(Debug)]
pub enum LogError {
    /// The content does not load (as `catalog stats` reports it).
    Content(BuildError),
    /// The history cannot be read.
    Git(GitError),
    /// `--site` names no site.
    UnknownSite(String),
}

impl std::fmt::Display for LogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LogError::Content(e) => write!(f, "{e}"),
            LogError::Git(e) => write!(f, "{e}"),
            LogError::UnknownSite(id) => f.write_str(&crate::t!("audit-log-unknown-site", id = id.as_str())),
        }
    }
}

impl std::error::Error for LogError {}

/// The publication log of the cluster checked out at `root` and its history (HEAD), for
/// one site or all, listing the pages published or changed in `year` (all pages without one)
/// and counting each column's items of `year` (this year in the cluster's time zone without).
pub fn publication_log(root: &Path, site: Option<&str>, year: Option<i32>) -> Result<PublicationLog, LogError> {
    let analysis = analyse(root).map_err(LogError::Content)?;
    let cluster = &analysis.cluster;
    let only = match site {
        Some(id) => Some(cluster.site_index(id).ok_or_else(|| LogError::UnknownSite(id.to_owned()))?),
        None => None,
    };
    let count_year = year.unwrap_or_else(|| cluster.config.clock.today().year());
    let commits = history::commits(root, cluster, "HEAD").map_err(LogError::Git)?;
    let counted = counted_changes(root, cluster, &commits).map_err(LogError::Git)?;
    let actors: Vec<Result<Actor, Unproven>> = commits.iter().map(|c| proof::actor(cluster, c)).collect();
    let reviewing = reviewers_by_commit(&commits);

    let titles: HashMap<String, &str> =
        analysis.pages.iter().map(|p| (p.src.to_string_lossy().replace('\\', "/"), p.meta.title.as_str())).collect();
    let mut pages: BTreeMap<String, PageRecord> = BTreeMap::new();
    for (i, commit) in commits.iter().enumerate() {
        for f in &counted[i] {
            let Scope::Site(s) = f.scope else { continue };
            if only.is_some_and(|o| o != s) || !f.path.rsplit('/').next().is_some_and(crate::text::is_page_name) {
                continue;
            }
            let (counted_reviewers, _) = reviews_of(cluster, &commits, &actors, &reviewing[i], i, f.scope);
            let change = PageChange {
                date: commit.date.clone(),
                commit: commit.sha.clone(),
                author: author(commit, &actors[i]),
                reviewers: counted_reviewers.iter().map(|a| a.describe()).collect(),
                removed: f.removed,
            };
            let record = pages.entry(f.path.clone()).or_insert_with(|| {
                let site = &cluster.sites[s];
                let column = f.path.splitn(3, '/').nth(2).and_then(|rest| proof::column_of(&site.columns.list, rest));
                PageRecord {
                    site: site.id.clone(),
                    column: column.map(|c| c.path.clone()).unwrap_or_default(),
                    column_name: column.map(|c| c.name.clone()).unwrap_or_default(),
                    file: f.path.clone(),
                    title: String::new(),
                    published: None,
                    changes: Vec::new(),
                    removed: false,
                }
            });
            record.removed = f.removed;
            if record.published.is_none() {
                if f.published {
                    record.published = Some(change);
                }
            } else {
                record.changes.push(change);
            }
        }
    }
    let year_prefix = year.map(|y| format!("{y:04}-"));
    let pages: Vec<PageRecord> = pages
        .into_values()
        .filter(|p| p.published.is_some())
        .filter(|p| {
            year_prefix
                .as_ref()
                .is_none_or(|y| p.published.iter().chain(&p.changes).any(|c| c.date.starts_with(y.as_str())))
        })
        .map(|mut p| {
            p.title = titles.get(&p.file).map(|t| t.to_string()).unwrap_or_default();
            p
        })
        .collect();

    // The counts: catalog stats' own figures, and the same rule for every column.
    let catalog = entries(cluster, &analysis.pages);
    let mut stats = YearStats::of_cluster(cluster, &catalog, &count_year.to_string());
    if let Some(o) = only {
        stats.organisations.retain(|org| org.site == cluster.sites[o].id);
    }
    let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
    for p in &analysis.pages {
        let kind = cluster.sites[p.site].columns.list[p.column].kind;
        let in_year = if kind == ColumnKind::Disclosure {
            CatalogEntry::of(cluster, p).is_some_and(|e| e.year() == count_year.to_string())
        } else {
            p.meta.date.day.year() == count_year
        };
        if in_year {
            *counts.entry((p.site, p.column)).or_default() += 1;
        }
    }
    let mut columns = Vec::new();
    for (s, site) in cluster.sites.iter().enumerate().filter(|(s, _)| only.is_none_or(|o| o == *s)) {
        for (c, col) in site.columns.list.iter().enumerate().filter(|(_, c)| c.kind.is_list()) {
            columns.push(ColumnCount {
                site: site.id.clone(),
                site_name: site.name.clone(),
                column: col.path.clone(),
                column_name: col.name.clone(),
                kind: col.kind,
                count: counts.get(&(s, c)).copied().unwrap_or(0),
            });
        }
    }
    Ok(PublicationLog { year: count_year, pages, columns, stats })
}

fn author(commit: &Commit, actor: &Result<Actor, Unproven>) -> String {
    match actor {
        Ok(a) => a.describe(),
        Err(_) => crate::t!("audit-log-unproven", email = commit.author_email.as_str()),
    }
}

impl PublicationLog {
    /// JSON for machines.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a log always serializes");
        s.push('\n');
        s
    }

    /// CSV for auditors' Excel: UTF-8 with a byte-order mark, CRLF line ends; one row per page,
    /// then, after an empty row, one row per column with its count for the year.
    pub fn to_csv(&self) -> Vec<u8> {
        use super::words::{
            LOG_CHANGE_SEPARATOR, LOG_COLUMNS_HEADER, LOG_HEADER, LOG_LIST_SEPARATOR, change_note, status,
        };
        let change = |c: &PageChange| change_note(&c.date, &c.author, &c.reviewers);
        let mut out = "\u{feff}".as_bytes().to_vec();
        {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
            w.write_record(LOG_HEADER).expect("write to memory");
            for p in &self.pages {
                let first = p.published.as_ref();
                w.write_record([
                    p.site.as_str(),
                    p.column_name.as_str(),
                    p.file.as_str(),
                    p.title.as_str(),
                    first.map_or("", |c| c.author.as_str()),
                    &first.map(|c| c.reviewers.join(LOG_LIST_SEPARATOR)).unwrap_or_default(),
                    first.map_or("", |c| c.date.as_str()),
                    first.map_or("", |c| c.commit.as_str()),
                    &p.changes.iter().map(change).collect::<Vec<_>>().join(LOG_CHANGE_SEPARATOR),
                    status(p.removed),
                ])
                .expect("write to memory");
            }
            w.flush().expect("write to memory");
        }
        // An empty line between the two tables (a record of one empty field would be `""`).
        out.extend_from_slice(b"\r\n");
        {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
            let year = format!("{}{}", self.year, LOG_COLUMNS_HEADER[4]);
            w.write_record([
                LOG_COLUMNS_HEADER[0],
                LOG_COLUMNS_HEADER[1],
                LOG_COLUMNS_HEADER[2],
                LOG_COLUMNS_HEADER[3],
                &year,
            ])
            .expect("write to memory");
            for c in &self.columns {
                let count = c.count.to_string();
                w.write_record([
                    c.site.as_str(),
                    c.site_name.as_str(),
                    c.column.as_str(),
                    c.column_name.as_str(),
                    &count,
                ])
                .expect("write to memory");
            }
            w.flush().expect("write to memory");
        }
        out
    }
}
