//! `catalog diff`: what changed in the disclosure catalog between two points in time, for
//! auditors (检查组) and for CI gates.
//!
//! [`diff`] is a pure function from the documents of an OLD and a NEW catalog to a
//! [`CatalogDiff`]; [`DiffReport`] adds where each side came from and is what
//! `zhanqun catalog diff --json` prints. Documents are keyed by 索引号 (`index_no`).
//!
//! # What is reported
//!
//! - **added** (新增): a 索引号 only in NEW; **removed** (删除): a 索引号 only in OLD. A removed
//!   document is always worth a look: a published document must stay published, and its
//!   number is never reused.
//! - **changed** (变更): the same 索引号 in both, with at least one field different; every
//!   differing field is listed with its old and new value.
//! - **renumbered** (重新编号): a document removed under one 索引号 and added under another with
//!   the same 标题 and the same 文号 (and, for documents without a 文号, on the same site).
//!   It is reported once, as old → new, instead of as one removal plus one addition.
//! - **backdated** (发布日期倒签), a veto item in the national inspection, flagged in two cases:
//!   - `date_moved_earlier`: the 发布日期 of a document (same 索引号, or a renumbered one) is
//!     earlier in NEW than in OLD. Days are compared; on the same day, times are compared
//!     only when both sides give one (adding or dropping a time is not back-dating).
//!   - `added_before_old_newest`: a newly added document's 发布日期 falls on a day strictly
//!     before the newest 发布日期 in the whole OLD catalog. OLD holds a document published
//!     that day, so OLD was taken on that day or later; a document dated earlier that OLD
//!     does not hold claims to have been public while it was not — it was back-dated, or it
//!     was missing from the catalog. The newest day of the whole catalog (not of one site)
//!     is used because it is the tightest bound that the OLD snapshot itself proves; the day
//!     is printed with the report (`old_newest_date`) so a wrong date in OLD is easy to spot.
//!
//!   A back-dated document also appears under `changed` (or `renumbered`, or `added`):
//!   `backdated` is a flag on top of the other kinds, not a separate set.
//! - **duplicates**: a 索引号 held by more than one document in one catalog (the build rejects
//!   that; a hand-made catalog may still have it). The diff uses the first of them (in
//!   catalog order) and lists the rest here.
//!
//! # JSON (`--json`), format version [`DIFF_SCHEMA_VERSION`]
//!
//! Described by `schemas/catalog-diff-v1.schema.json` (JSON Schema 2020-12):
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "old": { "kind": "git", "source": "HEAD~1", "file": null, "commit": "<40 hex>",
//!            "cluster": "示例县人民政府网站群", "documents": 5 },
//!   "new": { "kind": "file", "source": "new.json", "file": "new.json", "commit": null,
//!            "cluster": "示例县人民政府网站群", "documents": 5 },
//!   "summary": { "added": 1, "removed": 1, "changed": 2, "renumbered": 1, "backdated": 2,
//!                "unchanged": 1, "duplicates": 0 },
//!   "old_newest_date": "2026-09-01",
//!   "added": [ <catalog entry>, … ],
//!   "removed": [ <catalog entry>, … ],
//!   "changed": [ { "index_no": "…", "title": "…", "site": "jyj",
//!                  "changes": [ { "field": "doc_number", "label": "文号",
//!                                 "old": "测教发〔2026〕2号", "new": "测教发〔2026〕3号" } ] } ],
//!   "renumbered": [ { "old_index_no": "…", "new_index_no": "…", "title": "…",
//!                     "doc_number": "…", "site": "jyj", "changes": [ … ] } ],
//!   "backdated": [ { "index_no": "…", "old_index_no": null, "title": "…", "site": "jyj",
//!                    "reason": "date_moved_earlier", "old_date": "2026-05-01",
//!                    "new_date": "2026-03-01" } ],
//!   "duplicates": [ { "side": "old", "index_no": "…", "sources": ["content/…", "content/…"] } ]
//! }
//! ```
//!
//! A `<catalog entry>` is a [`CatalogEntry`] exactly as in `catalog.json`. Every list is
//! present (possibly empty) and sorted by 索引号 (`renumbered` by the old one); absent values
//! are `null`. `field` names are the `catalog.json` field names; `label` is the Chinese name.
//! `reason` is `date_moved_earlier` or `added_before_old_newest` (for the latter `old_date` is
//! `null` and the bound is `old_newest_date`). New fields may be added within version 1;
//! fields are never renamed or removed without bumping `schema_version`.

use super::CatalogEntry;
use super::labels::FIELDS;
use crate::parse::PubDate;
use crate::t;
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt;
use std::str::FromStr;

/// Version of the `catalog diff --json` format.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// A kind of difference, as `--fail-on` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A document only in NEW.
    Added,
    /// A document only in OLD.
    Removed,
    /// A document in both, with different fields.
    Changed,
    /// A document moved to a new 索引号.
    Renumbered,
    /// A 发布日期 that moved earlier, or a new document dated before OLD's newest.
    Backdated,
}

impl ChangeKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ChangeKind; 5] =
        [ChangeKind::Removed, ChangeKind::Renumbered, ChangeKind::Backdated, ChangeKind::Changed, ChangeKind::Added];

    /// The name used by `--fail-on` and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::Renumbered => "renumbered",
            ChangeKind::Backdated => "backdated",
        }
    }

    /// The name of the kind in the chosen language, for the table.
    pub fn label(self) -> String {
        match self {
            ChangeKind::Added => t!("catalog-kind-added"),
            ChangeKind::Removed => t!("catalog-kind-removed"),
            ChangeKind::Changed => t!("catalog-kind-changed"),
            ChangeKind::Renumbered => t!("catalog-kind-renumbered"),
            ChangeKind::Backdated => t!("catalog-kind-backdated"),
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ChangeKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        ChangeKind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(s)).ok_or_else(|| {
            let names: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.name()).collect();
            t!("catalog-kind-unknown", kind = s, kinds = names.join(", "))
        })
    }
}

/// One field that differs between the OLD and the NEW record of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `catalog.json` field name (`doc_number`).
    pub field: &'static str,
    /// Chinese label (文号).
    pub label: &'static str,
    /// Value in OLD (`null` when absent).
    pub old: Option<String>,
    /// Value in NEW (`null` when absent).
    pub new: Option<String>,
}

/// A document whose record differs between OLD and NEW under the same 索引号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedDocument {
    /// 索引号.
    pub index_no: String,
    /// 标题 in NEW.
    pub title: String,
    /// Site id in NEW.
    pub site: String,
    /// The differing fields, in `catalog.json` field order.
    pub changes: Vec<FieldChange>,
}

/// A document removed under one 索引号 and added under another with the same 标题 and 文号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenumberedDocument {
    /// 索引号 in OLD.
    pub old_index_no: String,
    /// 索引号 in NEW.
    pub new_index_no: String,
    /// 标题.
    pub title: String,
    /// 文号 (absent for documents without one).
    pub doc_number: Option<String>,
    /// Site id in NEW.
    pub site: String,
    /// Other fields that differ (URL, source file, 发布日期…), in `catalog.json` field order.
    pub changes: Vec<FieldChange>,
}

/// Why a document is flagged as back-dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackdateReason {
    /// Its 发布日期 is earlier in NEW than in OLD.
    DateMovedEarlier,
    /// It is new, and dated before the newest 发布日期 in OLD.
    AddedBeforeOldNewest,
}

/// A document whose 发布日期 looks back-dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackdatedDocument {
    /// 索引号 in NEW.
    pub index_no: String,
    /// 索引号 in OLD when the document was also renumbered.
    pub old_index_no: Option<String>,
    /// 标题 in NEW.
    pub title: String,
    /// Site id in NEW.
    pub site: String,
    /// Which rule flagged it.
    pub reason: BackdateReason,
    /// 发布日期 in OLD (`null` for a new document; see `old_newest_date`).
    pub old_date: Option<String>,
    /// 发布日期 in NEW.
    pub new_date: String,
}

/// A document dated after the day the diff is taken on (`--today`): not published yet, so it is
/// listed apart and takes no part in the comparison — it is neither added nor removed, and its
/// date never makes another document look back-dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledDocument {
    /// The catalog it was found in.
    pub side: Side,
    /// 索引号.
    pub index_no: String,
    /// 标题.
    pub title: String,
    /// Site id.
    pub site: String,
    /// 发布日期 (after `today`).
    pub date: String,
}

/// Which catalog a duplicate was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The OLD catalog.
    Old,
    /// The NEW catalog.
    New,
}

/// A 索引号 held by more than one document in one catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateIndexNo {
    /// Catalog it was found in.
    pub side: Side,
    /// The 索引号.
    pub index_no: String,
    /// Source files of every document holding it, the one compared first.
    pub sources: Vec<String>,
}

/// How many of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents only in NEW (renumbered ones excluded).
    pub added: usize,
    /// Documents only in OLD (renumbered ones excluded).
    pub removed: usize,
    /// Documents with the same 索引号 and different fields.
    pub changed: usize,
    /// Documents moved to a new 索引号.
    pub renumbered: usize,
    /// Documents flagged as back-dated (also counted in their own kind).
    pub backdated: usize,
    /// Documents with the same 索引号 and identical fields.
    pub unchanged: usize,
    /// 索引号 held by more than one document in a catalog.
    pub duplicates: usize,
    /// Documents dated after `today`, in OLD or NEW (not compared).
    pub scheduled: usize,
}

/// The differences between two catalogs: the result of [`diff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogDiff {
    /// Counts.
    pub summary: Summary,
    /// The day the diff is taken on: documents dated later are scheduled, not published
    /// (`null` when no day was given: every document counts as published).
    pub today: Option<String>,
    /// Newest 发布日期 (day) of OLD's *published* documents: the bound of the
    /// `added_before_old_newest` rule.
    pub old_newest_date: Option<String>,
    /// Documents only in NEW, by 索引号.
    pub added: Vec<CatalogEntry>,
    /// Documents only in OLD, by 索引号.
    pub removed: Vec<CatalogEntry>,
    /// Documents whose fields changed, by 索引号.
    pub changed: Vec<ChangedDocument>,
    /// Documents moved to a new 索引号, by old 索引号.
    pub renumbered: Vec<RenumberedDocument>,
    /// Documents whose 发布日期 looks back-dated, by 索引号.
    pub backdated: Vec<BackdatedDocument>,
    /// 索引号 held by more than one document in one catalog.
    pub duplicates: Vec<DuplicateIndexNo>,
    /// Documents dated after `today`, by side then 索引号.
    pub scheduled: Vec<ScheduledDocument>,
}

impl CatalogDiff {
    /// Number of differences of `kind`.
    pub fn count(&self, kind: ChangeKind) -> usize {
        match kind {
            ChangeKind::Added => self.summary.added,
            ChangeKind::Removed => self.summary.removed,
            ChangeKind::Changed => self.summary.changed,
            ChangeKind::Renumbered => self.summary.renumbered,
            ChangeKind::Backdated => self.summary.backdated,
        }
    }

    /// True when the two catalogs hold the same documents with the same fields.
    pub fn is_empty(&self) -> bool {
        ChangeKind::ALL.iter().all(|&k| self.count(k) == 0)
    }

    /// The kinds of `wanted` that occur, in report order (what `--fail-on` acts on).
    pub fn occurring(&self, wanted: &[ChangeKind]) -> Vec<ChangeKind> {
        ChangeKind::ALL.into_iter().filter(|k| wanted.contains(k) && self.count(*k) > 0).collect()
    }
}

/// How one side of a diff was given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// A `catalog.json` file.
    File,
    /// A built output directory holding `catalog.json`.
    Dir,
    /// A git revision of a cluster repository, read without rendering.
    Git,
}

/// Where one side of a diff came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SideInfo {
    /// File, output directory or git revision.
    pub kind: InputKind,
    /// The argument as given (path or revision).
    pub source: String,
    /// The `catalog.json` read (file and directory inputs).
    pub file: Option<String>,
    /// The commit the revision resolved to (git inputs).
    pub commit: Option<String>,
    /// Cluster name, from `catalog.json` or `zhanqun.yaml`.
    pub cluster: Option<String>,
    /// Number of documents in the catalog.
    pub documents: usize,
}

/// The whole `catalog diff` report: both sides and their differences; `--json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// [`DIFF_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The OLD side.
    pub old: SideInfo,
    /// The NEW side.
    pub new: SideInfo,
    /// The differences.
    #[serde(flatten)]
    pub diff: CatalogDiff,
}

impl DiffReport {
    /// Compares `old_docs` with `new_docs` as of `today` and records where they came from.
    pub fn new(
        old: SideInfo,
        old_docs: &[CatalogEntry],
        new: SideInfo,
        new_docs: &[CatalogEntry],
        today: Option<NaiveDate>,
    ) -> DiffReport {
        DiffReport { schema_version: DIFF_SCHEMA_VERSION, old, new, diff: diff(old_docs, new_docs, today) }
    }

    /// Pretty, stable JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a diff report always serializes");
        s.push('\n');
        s
    }
}

/// Compares two catalogs (in any order; duplicates allowed) document by document, as of `today`:
/// documents dated later, in either catalog, are scheduled (listed apart, not compared).
pub fn diff(old: &[CatalogEntry], new: &[CatalogEntry], today: Option<NaiveDate>) -> CatalogDiff {
    let mut scheduled = Vec::new();
    let old = published(old, today, Side::Old, &mut scheduled);
    let new = published(new, today, Side::New, &mut scheduled);
    let (old, new) = (old.as_slice(), new.as_slice());
    let mut duplicates = Vec::new();
    let old_by_no = by_index_no(old, Side::Old, &mut duplicates);
    let new_by_no = by_index_no(new, Side::New, &mut duplicates);

    let mut changed = Vec::new();
    let mut unchanged = 0;
    let mut moved_earlier = Vec::new();
    let mut gone: Vec<&CatalogEntry> = Vec::new();
    for (no, o) in &old_by_no {
        match new_by_no.get(no) {
            Some(n) => {
                let changes = field_changes(o, n);
                if changes.is_empty() {
                    unchanged += 1;
                } else {
                    if moved_earlier_than(&n.date, &o.date) {
                        moved_earlier.push(backdated(n, None, BackdateReason::DateMovedEarlier, Some(&o.date)));
                    }
                    changed.push(ChangedDocument {
                        index_no: n.index_no.clone(),
                        title: n.title.clone(),
                        site: n.site.clone(),
                        changes,
                    });
                }
            }
            None => gone.push(o),
        }
    }
    let fresh: Vec<&CatalogEntry> =
        new_by_no.iter().filter(|(no, _)| !old_by_no.contains_key(*no)).map(|(_, n)| *n).collect();

    // Pair removals with additions that carry the same title and 文号: renumbering.
    let mut candidates: BTreeMap<RenumberKey<'_>, VecDeque<&CatalogEntry>> = BTreeMap::new();
    for o in &gone {
        candidates.entry(renumber_key(o)).or_default().push_back(o);
    }
    let mut renumbered = Vec::new();
    let mut paired_old = HashSet::new();
    let mut added = Vec::new();
    for n in fresh {
        match candidates.get_mut(&renumber_key(n)).and_then(VecDeque::pop_front) {
            Some(o) => {
                paired_old.insert(o.index_no.as_str());
                if moved_earlier_than(&n.date, &o.date) {
                    moved_earlier.push(backdated(
                        n,
                        Some(&o.index_no),
                        BackdateReason::DateMovedEarlier,
                        Some(&o.date),
                    ));
                }
                let changes = field_changes(o, n);
                renumbered.push(RenumberedDocument {
                    old_index_no: o.index_no.clone(),
                    new_index_no: n.index_no.clone(),
                    title: n.title.clone(),
                    doc_number: n.doc_number.clone(),
                    site: n.site.clone(),
                    changes,
                });
            }
            None => added.push(n),
        }
    }
    renumbered.sort_by(|a, b| a.old_index_no.cmp(&b.old_index_no));
    let removed: Vec<CatalogEntry> =
        gone.into_iter().filter(|o| !paired_old.contains(&o.index_no.as_str())).cloned().collect();

    let old_newest = old_by_no.values().filter_map(|e| pub_date(&e.date)).map(|d| d.day).max();
    let mut backdated_docs = moved_earlier;
    if let Some(bound) = old_newest {
        for n in &added {
            if pub_date(&n.date).is_some_and(|d| d.day < bound) {
                backdated_docs.push(backdated(n, None, BackdateReason::AddedBeforeOldNewest, None));
            }
        }
    }
    backdated_docs.sort_by(|a, b| a.index_no.cmp(&b.index_no).then(a.reason.cmp(&b.reason)));

    let added: Vec<CatalogEntry> = added.into_iter().cloned().collect();
    CatalogDiff {
        summary: Summary {
            added: added.len(),
            removed: removed.len(),
            changed: changed.len(),
            renumbered: renumbered.len(),
            backdated: backdated_docs.len(),
            unchanged,
            duplicates: duplicates.len(),
            scheduled: scheduled.len(),
        },
        today: today.map(|d| d.format("%Y-%m-%d").to_string()),
        old_newest_date: old_newest.map(|d| d.format("%Y-%m-%d").to_string()),
        added,
        removed,
        changed,
        renumbered,
        backdated: backdated_docs,
        duplicates,
        scheduled,
    }
}

/// The documents of one side published by `today` (all of them without a day); the others are
/// recorded as scheduled.
fn published(
    docs: &[CatalogEntry],
    today: Option<NaiveDate>,
    side: Side,
    scheduled: &mut Vec<ScheduledDocument>,
) -> Vec<CatalogEntry> {
    let Some(today) = today else { return docs.to_vec() };
    let mut out = Vec::with_capacity(docs.len());
    let mut later = Vec::new();
    for d in docs {
        if pub_date(&d.date).is_some_and(|p| p.day > today) {
            later.push(ScheduledDocument {
                side,
                index_no: d.index_no.clone(),
                title: d.title.clone(),
                site: d.site.clone(),
                date: d.date.clone(),
            });
        } else {
            out.push(d.clone());
        }
    }
    later.sort_by(|a, b| a.index_no.cmp(&b.index_no));
    scheduled.extend(later);
    out
}

/// The documents by 索引号, the first of each (in catalog order) kept; the others recorded.
fn by_index_no<'a>(
    docs: &'a [CatalogEntry],
    side: Side,
    duplicates: &mut Vec<DuplicateIndexNo>,
) -> BTreeMap<&'a str, &'a CatalogEntry> {
    let mut sorted: Vec<&CatalogEntry> = docs.iter().collect();
    // Stable: among equal numbers, catalog order decides which one is compared.
    sorted.sort_by(|a, b| a.index_no.cmp(&b.index_no));
    let mut firsts = Vec::with_capacity(sorted.len());
    for run in sorted.chunk_by(|a, b| a.index_no == b.index_no) {
        if run.len() > 1 {
            duplicates.push(DuplicateIndexNo {
                side,
                index_no: run[0].index_no.clone(),
                sources: run.iter().map(|d| d.source.clone()).collect(),
            });
        }
        firsts.push((run[0].index_no.as_str(), run[0]));
    }
    firsts.into_iter().collect()
}

/// Title, 文号, and — for documents without a 文号, whose titles repeat more often (年度报告,
/// 预算公开) — the site.
type RenumberKey<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

fn renumber_key(e: &CatalogEntry) -> RenumberKey<'_> {
    let doc_number = e.doc_number.as_deref().map(str::trim).filter(|d| !d.is_empty());
    let site = if doc_number.is_none() { Some(e.site.as_str()) } else { None };
    (e.title.trim(), doc_number, site)
}

fn backdated(
    n: &CatalogEntry,
    old_index_no: Option<&str>,
    reason: BackdateReason,
    old_date: Option<&str>,
) -> BackdatedDocument {
    BackdatedDocument {
        index_no: n.index_no.clone(),
        old_index_no: old_index_no.map(str::to_owned),
        title: n.title.clone(),
        site: n.site.clone(),
        reason,
        old_date: old_date.map(str::to_owned),
        new_date: n.date.clone(),
    }
}

/// True when 发布日期 `new` is earlier than `old`: an earlier day, or on the same day an earlier
/// time when both give one. Dates that do not parse are never flagged.
fn moved_earlier_than(new: &str, old: &str) -> bool {
    match (pub_date(new), pub_date(old)) {
        (Some(n), Some(o)) => match (n.time, o.time) {
            (Some(nt), Some(ot)) if n.day == o.day => nt < ot,
            _ => n.day < o.day,
        },
        _ => false,
    }
}

/// A 发布日期 as `catalog.json` writes it (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM`), read without
/// the general date parser on that common path; anything else goes through [`PubDate::parse`].
fn pub_date(s: &str) -> Option<PubDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())?.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let fast = (|| {
        if b.len() != 10 && b.len() != 16 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let day = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
        let time = match b.len() {
            16 if b[10] == b' ' && b[13] == b':' => Some(NaiveTime::from_hms_opt(num(11..13)?, num(14..16)?, 0)?),
            16 => return None,
            _ => None,
        };
        Some(PubDate { day, time })
    })();
    fast.or_else(|| PubDate::parse(s))
}

/// The fields (other than 索引号) whose values differ.
fn field_changes(old: &CatalogEntry, new: &CatalogEntry) -> Vec<FieldChange> {
    FIELDS
        .iter()
        .filter_map(|(field, label, get)| {
            let (o, n) = (get(old), get(new));
            (o != n).then(|| FieldChange { field, label, old: o.map(str::to_owned), new: n.map(str::to_owned) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(no: &str, title: &str, doc_number: Option<&str>, date: &str) -> CatalogEntry {
        CatalogEntry {
            index_no: no.into(),
            title: title.into(),
            doc_number: doc_number.map(Into::into),
            publisher: "测试县教育局".into(),
            site: "jyj".into(),
            site_name: "测试县教育局".into(),
            column: "xxgk/zcwj".into(),
            column_name: "政策文件".into(),
            topic: Some("科技、教育".into()),
            genre: Some("通知".into()),
            written: None,
            date: date.into(),
            valid: Some("有效".into()),
            url: format!("/jyj/xxgk/zcwj/{}/", no.rsplit('-').next().unwrap()),
            source: format!("content/jyj/xxgk/zcwj/{}.md", no.rsplit('-').next().unwrap()),
            absolute_url: None,
        }
    }

    fn base() -> Vec<CatalogEntry> {
        vec![
            doc("ORG/2026-00001", "关于甲的通知", Some("测教发〔2026〕1号"), "2026-03-01"),
            doc("ORG/2026-00002", "关于乙的通知", Some("测教发〔2026〕2号"), "2026-04-01"),
            doc("ORG/2026-00003", "关于丙的通知", None, "2026-05-01"),
        ]
    }

    #[test]
    fn identical_catalogs_have_no_differences() {
        let d = diff(&base(), &base(), None);
        assert!(d.is_empty());
        assert_eq!(d.summary.unchanged, 3);
        assert_eq!(d.old_newest_date.as_deref(), Some("2026-05-01"));
        assert!(d.occurring(&ChangeKind::ALL).is_empty());
    }

    #[test]
    fn additions_removals_and_field_changes() {
        let old = base();
        let mut new = base();
        new.remove(1);
        new[0].doc_number = Some("测教发〔2026〕9号".into());
        new[0].valid = None;
        new.push(doc("ORG/2026-00004", "关于丁的通知", None, "2026-06-01"));
        let d = diff(&old, &new, None);
        assert_eq!(d.removed.iter().map(|e| e.index_no.as_str()).collect::<Vec<_>>(), ["ORG/2026-00002"]);
        assert_eq!(d.added.iter().map(|e| e.index_no.as_str()).collect::<Vec<_>>(), ["ORG/2026-00004"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(
            d.changed[0].changes,
            [
                FieldChange {
                    field: "doc_number",
                    label: "文号",
                    old: Some("测教发〔2026〕1号".into()),
                    new: Some("测教发〔2026〕9号".into())
                },
                FieldChange { field: "valid", label: "有效性", old: Some("有效".into()), new: None },
            ]
        );
        assert!(d.backdated.is_empty(), "{:?}", d.backdated);
        assert_eq!(d.summary.unchanged, 1);
        assert_eq!(
            d.occurring(&[ChangeKind::Added, ChangeKind::Backdated, ChangeKind::Removed]),
            [ChangeKind::Removed, ChangeKind::Added]
        );
    }

    #[test]
    fn same_title_and_doc_number_under_a_new_index_no_is_one_renumbering() {
        let old = base();
        let mut new = base();
        new[1].index_no = "ORG/2026-00010".into();
        let d = diff(&old, &new, None);
        assert!(d.added.is_empty() && d.removed.is_empty(), "{d:?}");
        assert_eq!(d.renumbered.len(), 1);
        let r = &d.renumbered[0];
        assert_eq!((r.old_index_no.as_str(), r.new_index_no.as_str()), ("ORG/2026-00002", "ORG/2026-00010"));
        assert_eq!(r.doc_number.as_deref(), Some("测教发〔2026〕2号"));
        assert!(r.changes.is_empty(), "{:?}", r.changes);
        assert!(d.backdated.is_empty());
    }

    #[test]
    fn renumbering_needs_the_same_doc_number_and_without_one_the_same_site() {
        let old = base();
        let mut new = base();
        new[1].index_no = "ORG/2026-00010".into();
        new[1].doc_number = Some("测教发〔2026〕3号".into());
        new[2].index_no = "OTHER/2026-00001".into();
        new[2].site = "yongan".into();
        let d = diff(&old, &new, None);
        assert!(d.renumbered.is_empty(), "{:?}", d.renumbered);
        assert_eq!(d.summary.added, 2);
        assert_eq!(d.summary.removed, 2);

        let mut same_site = base();
        same_site[2].index_no = "ORG/2026-00011".into();
        let d = diff(&old, &same_site, None);
        assert_eq!(d.summary.renumbered, 1);
    }

    #[test]
    fn renumbering_pairs_one_to_one() {
        let mut old = base();
        old.push(doc("ORG/2026-00004", "关于甲的通知", Some("测教发〔2026〕1号"), "2026-03-01"));
        let mut new = base();
        new.retain(|e| e.index_no != "ORG/2026-00001");
        new.push(doc("ORG/2026-00020", "关于甲的通知", Some("测教发〔2026〕1号"), "2026-03-01"));
        let d = diff(&old, &new, None);
        // OLD holds the same document twice under two numbers; NEW once under a third: one
        // renumbering (the lowest old number) and one removal.
        assert_eq!(d.renumbered.len(), 1);
        assert_eq!(d.renumbered[0].old_index_no, "ORG/2026-00001");
        assert_eq!(d.removed.iter().map(|e| e.index_no.as_str()).collect::<Vec<_>>(), ["ORG/2026-00004"]);
    }

    #[test]
    fn a_date_moved_earlier_is_backdating() {
        let old = base();
        let mut new = base();
        new[1].date = "2026-02-15".into();
        let d = diff(&old, &new, None);
        assert_eq!(d.summary.changed, 1);
        assert_eq!(
            d.backdated,
            [BackdatedDocument {
                index_no: "ORG/2026-00002".into(),
                old_index_no: None,
                title: "关于乙的通知".into(),
                site: "jyj".into(),
                reason: BackdateReason::DateMovedEarlier,
                old_date: Some("2026-04-01".into()),
                new_date: "2026-02-15".into(),
            }]
        );
        assert_eq!(d.occurring(&[ChangeKind::Backdated]), [ChangeKind::Backdated]);
    }

    #[test]
    fn times_count_only_when_both_sides_give_one() {
        assert!(moved_earlier_than("2026-04-01 09:00", "2026-04-01 10:00"));
        assert!(!moved_earlier_than("2026-04-01 11:00", "2026-04-01 10:00"));
        assert!(!moved_earlier_than("2026-04-01", "2026-04-01 10:00"));
        assert!(!moved_earlier_than("2026-04-01 08:00", "2026-04-01"));
        assert!(moved_earlier_than("2026-03-31 23:00", "2026-04-01"));
        assert!(!moved_earlier_than("not a date", "2026-04-01"));
    }

    #[test]
    fn dates_read_fast_agree_with_the_date_parser() {
        for s in ["2026-04-01", "2026-04-01 09:30", "2024-02-29", "2026年4月1日", "2026-04-01T09:30", "2026/4/1"] {
            assert_eq!(pub_date(s), PubDate::parse(s), "{s}");
        }
        for s in ["2023-02-29", "2026-13-01", "2026-04-01 25:00", "2026-04-01x09:30", "", "20260401", "２０２６-04-01"]
        {
            assert_eq!(pub_date(s), PubDate::parse(s), "{s}");
        }
    }

    #[test]
    fn a_new_document_dated_before_the_newest_old_one_is_backdating() {
        let old = base();
        let mut new = base();
        new.push(doc("ORG/2026-00004", "补发的文件", None, "2026-04-20"));
        new.push(doc("ORG/2026-00005", "当天的文件", None, "2026-05-01"));
        new.push(doc("ORG/2026-00006", "新的文件", None, "2026-07-01"));
        let d = diff(&old, &new, None);
        assert_eq!(d.summary.added, 3);
        assert_eq!(d.backdated.len(), 1, "{:?}", d.backdated);
        let b = &d.backdated[0];
        assert_eq!((b.index_no.as_str(), b.reason), ("ORG/2026-00004", BackdateReason::AddedBeforeOldNewest));
        assert_eq!(b.old_date, None);
        assert_eq!(d.old_newest_date.as_deref(), Some("2026-05-01"));
    }

    #[test]
    fn a_renumbered_document_with_an_earlier_date_is_backdating() {
        let old = base();
        let mut new = base();
        new[0].index_no = "ORG/2026-00009".into();
        new[0].date = "2026-01-01".into();
        let d = diff(&old, &new, None);
        assert_eq!(d.summary.renumbered, 1);
        assert_eq!(d.renumbered[0].changes.iter().map(|c| c.field).collect::<Vec<_>>(), ["date"]);
        assert_eq!(d.backdated.len(), 1);
        assert_eq!(d.backdated[0].old_index_no.as_deref(), Some("ORG/2026-00001"));
        assert_eq!(d.backdated[0].reason, BackdateReason::DateMovedEarlier);
    }

    #[test]
    fn an_empty_old_catalog_flags_nothing_as_backdated() {
        let d = diff(&[], &base(), None);
        assert_eq!(d.summary.added, 3);
        assert!(d.backdated.is_empty());
        assert_eq!(d.old_newest_date, None);
    }

    #[test]
    fn duplicates_are_reported_and_the_first_is_compared() {
        let old = base();
        let mut new = base();
        let mut dup = doc("ORG/2026-00001", "另一个文件", None, "2026-03-02");
        dup.source = "content/jyj/xxgk/zcwj/zz.md".into();
        new.push(dup);
        let d = diff(&old, &new, None);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.summary.duplicates, 1);
        assert_eq!(d.duplicates[0].side, Side::New);
        assert_eq!(d.duplicates[0].sources, ["content/jyj/xxgk/zcwj/00001.md", "content/jyj/xxgk/zcwj/zz.md"]);
    }

    #[test]
    fn kinds_parse_from_fail_on_names() {
        assert_eq!("removed".parse::<ChangeKind>(), Ok(ChangeKind::Removed));
        assert_eq!(" Backdated".parse::<ChangeKind>(), Ok(ChangeKind::Backdated));
        let err = "deleted".parse::<ChangeKind>().unwrap_err();
        assert!(err.contains("removed, renumbered, backdated, changed, added"), "{err}");
    }

    #[test]
    fn json_has_every_list_and_the_sides() {
        let side = |s: &str| SideInfo {
            kind: InputKind::File,
            source: s.into(),
            file: Some(s.into()),
            commit: None,
            cluster: None,
            documents: 3,
        };
        let r = DiffReport::new(side("a.json"), &base(), side("b.json"), &base(), None);
        let json = r.to_json();
        let keys = [
            "schema_version",
            "old",
            "new",
            "summary",
            "today",
            "old_newest_date",
            "added",
            "removed",
            "changed",
            "renumbered",
            "backdated",
            "duplicates",
            "scheduled",
        ];
        let at: Vec<usize> =
            keys.iter().map(|k| json.find(&format!("\n  \"{k}\":")).unwrap_or_else(|| panic!("{k}"))).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v.as_object().unwrap().len(), keys.len());
        assert_eq!(v["old"]["kind"], "file");
        assert_eq!(v["summary"]["unchanged"], 3);
    }

    #[test]
    fn scheduled_documents_are_listed_apart_and_never_make_others_backdated() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // OLD holds a document scheduled for 2026-12-20; NEW adds one dated today (2026-12-01).
        let mut old = base();
        old.push(doc("ORG/2026-00009", "定时发布的通知", Some("测教发〔2026〕9号"), "2026-12-20"));
        let mut new = old.clone();
        new.push(doc("ORG/2026-00010", "今天的通知", Some("测教发〔2026〕10号"), "2026-12-01"));
        let d = diff(&old, &new, Some(day("2026-12-01")));
        assert_eq!(d.summary.backdated, 0, "{:?}", d.backdated);
        assert_eq!(d.summary.added, 1);
        assert_eq!(d.old_newest_date.as_deref(), Some("2026-05-01"), "the newest *published* day of OLD");
        let sched: Vec<(Side, &str)> = d.scheduled.iter().map(|s| (s.side, s.index_no.as_str())).collect();
        assert_eq!(sched, [(Side::Old, "ORG/2026-00009"), (Side::New, "ORG/2026-00009")]);
        // Without a day every document counts, and today's document looks back-dated.
        let d = diff(&old, &new, None);
        assert_eq!(d.summary.backdated, 1);
        assert!(d.scheduled.is_empty());
        // On its day the scheduled document is published in NEW: added, not back-dated.
        let d = diff(&base(), &new, Some(day("2026-12-20")));
        assert_eq!(d.summary.added, 2);
        assert_eq!(d.summary.backdated, 0);
    }

    #[test]
    fn a_catalog_gaining_absolute_urls_changes_no_document() {
        let old = base();
        let new: Vec<CatalogEntry> = base()
            .into_iter()
            .map(|mut e| {
                e.absolute_url = Some(format!("https://www.example.gov.cn{}", e.url));
                e
            })
            .collect();
        let d = diff(&old, &new, None);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.summary.unchanged, 3);
    }
}
