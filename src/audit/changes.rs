//! `zhanqun audit-changes BASE HEAD`: every commit of the range, checked on proof against the
//! rules in force at BASE (its `zhanqun.yaml` and `sites/`, so a range cannot grant itself
//! rights): a page of a site (not a draft) is changed only by a signed commit of one of that
//! site's editors (their own key, or the forge's key with them as author), everything else
//! only by an operator, and each such change is reviewed by as many of the site's reviewers
//! (other operators, for the rest) as `reviewers_needed:` asks, none of them its author.

use super::history::{self, Change, Commit, Signature};
use super::proof::{self, Actor, Scope, Unproven};
use crate::catalog::GitError;
use crate::load::{Cluster, ColumnKind};
use crate::t;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The commit (full id).
    pub commit: String,
    /// Its first message line.
    pub subject: String,
    /// The author as the commit writes it (`张三 <a@x.cn>`), which proves nothing.
    pub author: String,
    /// The file, for a missing right; the first file of the site, for a missing review.
    pub file: String,
    /// The site the file belongs to (`None`: settings and other files).
    pub site: Option<String>,
    /// Stable code: `unsigned`, `bad-signature`, `unknown-key`, `expired-key`, `not-editor`,
    /// `not-operator`, `review-missing`.
    pub rule: &'static str,
    /// What is wrong, in the chosen language.
    pub message: String,
    /// How to put it right.
    pub help: String,
}

/// A change that was reviewed enough, for the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reviewed {
    /// The commit.
    pub commit: String,
    /// The site (`None`: settings).
    pub site: Option<String>,
    /// Who signed it.
    pub author: String,
    /// Who reviewed it.
    pub reviewers: Vec<String>,
}

/// The verdict on a range.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// The base revision as given.
    pub base: String,
    /// The head revision as given.
    pub head: String,
    /// Commits checked.
    pub commits: usize,
    /// Files changed under the rules (drafts excluded).
    pub changes: usize,
    /// Every broken rule, commit by commit (oldest first).
    pub violations: Vec<Violation>,
    /// The changes that were reviewed enough.
    pub reviewed: Vec<Reviewed>,
}

impl AuditReport {
    /// True when nothing is wrong.
    pub fn passed(&self) -> bool {
        self.violations.is_empty()
    }

    /// The report for people: a summary line, then each commit with its problems.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut last = "";
        for v in &self.violations {
            if v.commit != last {
                out.push_str(&t!(
                    "audit-commit-heading",
                    commit = &v.commit[..v.commit.len().min(10)],
                    subject = v.subject.as_str(),
                    author = v.author.as_str()
                ));
                out.push('\n');
                last = &v.commit;
            }
            out.push_str(&t!("audit-violation-line", file = v.file.as_str(), message = v.message.as_str()));
            out.push('\n');
            out.push_str(&t!("audit-violation-help", help = v.help.as_str()));
            out.push('\n');
        }
        let summary = if self.passed() {
            t!(
                "audit-passed",
                range = format!("{}..{}", self.base, self.head),
                commits = self.commits,
                changes = self.changes
            )
        } else {
            t!(
                "audit-failed",
                range = format!("{}..{}", self.base, self.head),
                commits = self.commits,
                changes = self.changes,
                count = self.violations.len()
            )
        };
        out.push_str(&summary);
        out.push('\n');
        out
    }

    /// The report for machines.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a report always serializes");
        s.push('\n');
        s
    }
}

/// Checks every commit of `base..head` in the repository of the cluster at `root`.
pub fn audit_changes(root: &Path, base: &str, head: &str) -> Result<AuditReport, GitError> {
    let cluster = crate::catalog::git::settings_at(root, base)?;
    crate::catalog::git::resolve(root, head)?;
    let commits = history::commits(root, &cluster, &format!("{base}..{head}"))?;
    let counted = counted_changes(root, &cluster, &commits)?;
    let actors: Vec<Result<Actor, Unproven>> = commits.iter().map(|c| proof::actor(&cluster, c)).collect();
    let reviewers_of = reviewers_by_commit(&commits);
    let mut report = AuditReport {
        base: base.to_owned(),
        head: head.to_owned(),
        commits: commits.len(),
        changes: counted.iter().map(Vec::len).sum(),
        violations: Vec::new(),
        reviewed: Vec::new(),
    };
    for (i, commit) in commits.iter().enumerate() {
        let files = &counted[i];
        if files.is_empty() {
            continue;
        }
        let author = format!("{} <{}>", commit.author_name, commit.author_email);
        let violation = |file: &str, scope: Scope, rule: &'static str, message: String, help: String| Violation {
            commit: commit.sha.clone(),
            subject: commit.subject().to_owned(),
            author: author.clone(),
            file: file.to_owned(),
            site: site_id(&cluster, scope),
            rule,
            message,
            help,
        };
        // Rights: one finding per file.
        for f in files {
            let (may_change, _) = proof::lists(&cluster, f.scope);
            match &actors[i] {
                Err(Unproven::Signature(sig)) => {
                    let (rule, message, help) = unproven(*sig, commit);
                    report.violations.push(violation(&f.path, f.scope, rule, message, help));
                }
                Ok(actor) if !actor.listed_in(may_change) => {
                    let who = actor.describe();
                    let (rule, message, help) = match f.scope {
                        Scope::Site(s) => (
                            "not-editor",
                            t!("audit-not-editor", who = who, site = cluster.sites[s].name.as_str()),
                            t!("audit-not-editor-help", id = cluster.sites[s].id.as_str()),
                        ),
                        Scope::Settings => {
                            ("not-operator", t!("audit-not-operator", who = who), t!("audit-not-operator-help"))
                        }
                    };
                    report.violations.push(violation(&f.path, f.scope, rule, message, help));
                }
                Ok(_) => {}
            }
        }
        // Reviews: one finding per site (or settings) the commit changed.
        let mut by_scope: BTreeMap<Scope, (u8, &str)> = BTreeMap::new();
        for f in files {
            let needed = match f.scope {
                Scope::Site(_) => cluster.config.reviewers_needed.for_column(f.kind),
                Scope::Settings => cluster.config.reviewers_needed.settings,
            };
            let e = by_scope.entry(f.scope).or_insert((0, f.path.as_str()));
            e.0 = e.0.max(needed);
        }
        for (scope, (needed, first_file)) in by_scope {
            let (counted_reviewers, rejected) = reviews_of(&cluster, &commits, &actors, &reviewers_of[i], i, scope);
            let names: Vec<String> = counted_reviewers.iter().map(|a| a.describe()).collect();
            if counted_reviewers.len() < usize::from(needed) {
                let sep = t!("audit-list-separator");
                let mut message = t!(
                    "audit-review-missing",
                    needed = needed,
                    found = counted_reviewers.len(),
                    names = names.join(sep.as_str()),
                    whose = whose(&cluster, scope)
                );
                if !rejected.is_empty() {
                    message.push_str(&t!("audit-rejected-reviews", list = rejected.join(sep.as_str())));
                }
                let help = t!("audit-review-missing-help", commit = &commit.sha[..10], whose = whose(&cluster, scope));
                report.violations.push(violation(first_file, scope, "review-missing", message, help));
            } else if let Ok(a) = &actors[i] {
                report.reviewed.push(Reviewed {
                    commit: commit.sha.clone(),
                    site: site_id(&cluster, scope),
                    author: a.describe(),
                    reviewers: names,
                });
            }
        }
    }
    Ok(report)
}

/// The distinct reviewers that count for the changes of commit `i` under `scope` (signed,
/// reviewers there, none the author), and why each other review of it does not count.
pub(super) fn reviews_of<'a>(
    cluster: &Cluster,
    commits: &[Commit],
    actors: &'a [Result<Actor, Unproven>],
    reviewing: &[usize],
    i: usize,
    scope: Scope,
) -> (Vec<&'a Actor>, Vec<String>) {
    let (_, may_review) = proof::lists(cluster, scope);
    let claimed = Actor { emails: BTreeSet::from([commits[i].author_email.clone()]), key: None };
    let mut counted: Vec<&Actor> = Vec::new();
    let mut rejected: Vec<String> = Vec::new();
    for &r in reviewing {
        let short = &commits[r].sha[..10];
        let reason = match &actors[r] {
            Err(Unproven::Signature(sig)) => Some(signature_word(*sig)),
            Ok(a) if actors[i].as_ref().is_ok_and(|me| me.same_person(a)) || a.same_person(&claimed) => {
                Some(t!("audit-rejected-self"))
            }
            Ok(a) if !a.listed_in(may_review) => Some(t!("audit-rejected-not-reviewer", who = a.describe())),
            Ok(a) if counted.iter().any(|b| b.same_person(a)) => None,
            Ok(a) => {
                counted.push(a);
                None
            }
        };
        if let Some(reason) = reason {
            rejected.push(t!("audit-rejected-review", commit = short, reason = reason));
        }
    }
    (counted, rejected)
}

/// For each commit, the positions of the later commits that review it.
pub(super) fn reviewers_by_commit(commits: &[Commit]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); commits.len()];
    for (r, reviewed) in proof::reviewed_by(commits).iter().enumerate() {
        for &c in reviewed {
            out[c].push(r);
        }
    }
    out
}

/// A changed file that the rules cover.
#[derive(Debug, Clone)]
pub(super) struct CountedFile {
    pub(super) path: String,
    pub(super) scope: Scope,
    pub(super) kind: Option<ColumnKind>,
    /// The file exists after the commit and is not a draft.
    pub(super) published: bool,
    /// The commit deleted the file.
    pub(super) removed: bool,
}

/// For each commit, the files it changed that the rules cover: every file outside a site, and
/// a site's files except Markdown pages that are drafts both before and after the change.
pub(super) fn counted_changes(
    root: &Path,
    cluster: &Cluster,
    commits: &[Commit],
) -> Result<Vec<Vec<CountedFile>>, GitError> {
    let is_page = |c: &Change| c.path.rsplit('/').next().is_some_and(crate::text::is_page_name);
    let mut blobs: Vec<&str> = Vec::new();
    for c in commits.iter().flat_map(|c| &c.changes) {
        if c.inside && c.path.starts_with("content/") && is_page(c) {
            blobs.extend(c.old.iter().chain(&c.new).map(String::as_str));
        }
    }
    blobs.sort_unstable();
    blobs.dedup();
    let texts: HashMap<&str, Vec<u8>> =
        blobs.iter().copied().zip(crate::catalog::git::read_blobs(root, &blobs)?).collect();
    let is_draft = |b: &Option<String>| b.as_deref().is_none_or(|b| texts.get(b).is_some_and(|t| history::is_draft(t)));
    let numbered = |c: &Change| match (&c.old, &c.new) {
        (Some(o), Some(n)) if c.inside && is_page(c) => {
            texts.get(o.as_str()).zip(texts.get(n.as_str())).is_some_and(|(o, n)| history::only_numbered(o, n))
        }
        _ => false,
    };
    Ok(commits
        .iter()
        .map(|commit| {
            if is_numbering(commit, &numbered) {
                return Vec::new();
            }
            commit
                .changes
                .iter()
                .filter_map(|c| {
                    let (scope, kind) = proof::scope(cluster, &c.path, c.inside);
                    if matches!(scope, Scope::Site(_)) && is_page(c) && is_draft(&c.old) && is_draft(&c.new) {
                        return None;
                    }
                    let published = c.new.is_some() && !(is_page(c) && is_draft(&c.new));
                    Some(CountedFile { path: c.path.clone(), scope, kind, published, removed: c.new.is_none() })
                })
                .collect()
        })
        .collect())
}

/// True when `commit` only gives 索引号 — what `zhanqun assign` commits in CI: every page it
/// changes gains `index_no:` lines and nothing else, and beside them only the ledger changes.
/// Such a commit is not judged: the CI runner has no editor's key, and the numbers it writes
/// are checked by the build like any other.
pub(super) fn is_numbering(commit: &Commit, numbered: &dyn Fn(&Change) -> bool) -> bool {
    let ledger = |c: &Change| c.inside && c.path == crate::commands::LEDGER_FILE && c.new.is_some();
    commit.changes.iter().any(numbered) && commit.changes.iter().all(|c| numbered(c) || ledger(c))
}

fn site_id(cluster: &Cluster, scope: Scope) -> Option<String> {
    match scope {
        Scope::Site(s) => Some(cluster.sites[s].id.clone()),
        Scope::Settings => None,
    }
}

/// "站点“示例县教育局”的审核人" or "其他管理员".
fn whose(cluster: &Cluster, scope: Scope) -> String {
    match scope {
        Scope::Site(s) => {
            t!("audit-whose-site", site = cluster.sites[s].name.as_str(), id = cluster.sites[s].id.as_str())
        }
        Scope::Settings => t!("audit-whose-operators"),
    }
}

fn signature_word(sig: Signature) -> String {
    match sig {
        Signature::Missing => t!("audit-word-unsigned"),
        Signature::Bad => t!("audit-word-bad-signature"),
        Signature::Expired => t!("audit-word-expired-key"),
        Signature::UnknownKey | Signature::Good => t!("audit-word-unknown-key"),
    }
}

fn unproven(sig: Signature, commit: &Commit) -> (&'static str, String, String) {
    let author = commit.author_email.as_str();
    match sig {
        Signature::Missing => ("unsigned", t!("audit-unsigned", author = author), t!("audit-unsigned-help")),
        Signature::Bad => ("bad-signature", t!("audit-bad-signature", author = author), t!("audit-bad-signature-help")),
        Signature::Expired => ("expired-key", t!("audit-expired-key", author = author), t!("audit-unknown-key-help")),
        Signature::UnknownKey | Signature::Good => (
            "unknown-key",
            t!("audit-unknown-key", key = commit.fingerprint.as_str(), author = author),
            t!("audit-unknown-key-help"),
        ),
    }
}
