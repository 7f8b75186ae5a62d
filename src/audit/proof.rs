//! What a commit proves: whose key signed it (or, for the forge's key, which listed person the
//! forge signed it for), which files it changed under whose rules, and which earlier commits it
//! reviews (a `Reviews:` / `审核:` line naming them, or merging them).

use super::history::{Commit, Signature};
use crate::load::{Cluster, Column, ColumnKind, Signer};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The person a commit's signature proves it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The listed e-mail addresses of the key (or the author address the forge signed for).
    pub emails: BTreeSet<String>,
    /// The fingerprint of their own key; `None` when the forge signed for them.
    pub key: Option<String>,
}

impl Actor {
    /// True when `list` names this person: by key, or by address when the forge signed.
    pub fn listed_in(&self, list: &[Signer]) -> bool {
        match &self.key {
            Some(fp) => list.iter().any(|s| &s.ssh_key.fingerprint == fp),
            None => list.iter().any(|s| self.emails.contains(&s.email)),
        }
    }

    /// True when both are the same person: a shared key or a shared address.
    pub fn same_person(&self, other: &Actor) -> bool {
        (self.key.is_some() && self.key == other.key) || self.emails.intersection(&other.emails).next().is_some()
    }

    /// How a report names them: `a@x.cn`, or `a@x.cn（经代码托管平台签名）`.
    pub fn describe(&self) -> String {
        let emails = self.emails.iter().cloned().collect::<Vec<_>>().join(crate::t!("audit-list-separator").as_str());
        if self.key.is_some() { emails } else { crate::t!("audit-via-forge", email = emails) }
    }
}

/// Why a commit proves nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unproven {
    /// Its signature is missing, bad, by an unknown or an expired key.
    Signature(Signature),
}

/// Who signed `commit`, checked against the keys listed in `cluster`.
pub(super) fn actor(cluster: &Cluster, commit: &Commit) -> Result<Actor, Unproven> {
    if commit.signature != Signature::Good {
        return Err(Unproven::Signature(commit.signature));
    }
    if cluster.config.forge_key.as_ref().is_some_and(|k| k.fingerprint == commit.fingerprint) {
        return Ok(Actor { emails: BTreeSet::from([commit.author_email.clone()]), key: None });
    }
    let people =
        cluster.config.operators.iter().chain(cluster.sites.iter().flat_map(|s| s.editors.iter().chain(&s.reviewers)));
    let emails: BTreeSet<String> =
        people.filter(|p| p.ssh_key.fingerprint == commit.fingerprint).map(|p| p.email.clone()).collect();
    if emails.is_empty() {
        return Err(Unproven::Signature(Signature::UnknownKey));
    }
    Ok(Actor { emails, key: Some(commit.fingerprint.clone()) })
}

/// Whose rules a changed file falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// A file of a site under `content/<site>/`: its editors change it, its reviewers review.
    Site(usize),
    /// Anything else (settings, convention, theme, CI files, a directory of no site):
    /// operators change it, other operators review.
    Settings,
}

/// The scope of `path` (cluster-relative; `inside` false for a file outside the cluster
/// directory) and, for a site's file, the kind of the column holding it.
pub(super) fn scope(cluster: &Cluster, path: &str, inside: bool) -> (Scope, Option<ColumnKind>) {
    let Some(rest) = path.strip_prefix("content/").filter(|_| inside) else { return (Scope::Settings, None) };
    let Some((site_id, in_site)) = rest.split_once('/') else { return (Scope::Settings, None) };
    let Some(idx) = cluster.site_index(site_id) else { return (Scope::Settings, None) };
    (Scope::Site(idx), column_of(&cluster.sites[idx].columns.list, in_site).map(|c| c.kind))
}

/// The deepest column holding the file at `in_site` (its path under `content/<site>/`).
pub(super) fn column_of<'a>(columns: &'a [Column], in_site: &str) -> Option<&'a Column> {
    let dir = in_site.rsplit_once('/').map_or("", |(d, _)| d);
    columns.iter().filter(|c| dir == c.path || dir.starts_with(&format!("{}/", c.path))).max_by_key(|c| c.path.len())
}

/// The people who may change files of `scope`, and those who review them.
pub(super) fn lists(cluster: &Cluster, scope: Scope) -> (&[Signer], &[Signer]) {
    match scope {
        Scope::Site(i) => (&cluster.sites[i].editors, &cluster.sites[i].reviewers),
        Scope::Settings => (&cluster.config.operators, &cluster.config.operators),
    }
}

/// For each commit (by position in `commits`, oldest first), the positions of the earlier
/// commits it reviews: those a `Reviews:` or `审核:` line names (by an id of at least 7 hex
/// digits) that are its ancestors, and for a merge those it brings in.
pub(super) fn reviewed_by(commits: &[Commit]) -> Vec<BTreeSet<usize>> {
    let pos: HashMap<&str, usize> = commits.iter().enumerate().map(|(i, c)| (c.sha.as_str(), i)).collect();
    let ancestors = |from: &[&str]| -> HashSet<usize> {
        let mut seen = HashSet::new();
        let mut stack: Vec<usize> = from.iter().filter_map(|p| pos.get(p).copied()).collect();
        while let Some(i) = stack.pop() {
            if seen.insert(i) {
                stack.extend(commits[i].parents.iter().filter_map(|p| pos.get(p.as_str()).copied()));
            }
        }
        seen
    };
    commits
        .iter()
        .map(|c| {
            let mut out = BTreeSet::new();
            let named = named_reviews(&c.message);
            if !named.is_empty() {
                let parents: Vec<&str> = c.parents.iter().map(String::as_str).collect();
                let before = ancestors(&parents);
                for n in named {
                    out.extend(before.iter().copied().filter(|&i| commits[i].sha.starts_with(&n)));
                }
            }
            if let [first, rest @ ..] = c.parents.as_slice()
                && !rest.is_empty()
            {
                let mainline = ancestors(&[first.as_str()]);
                let merged: Vec<&str> = rest.iter().map(String::as_str).collect();
                out.extend(ancestors(&merged).into_iter().filter(|i| !mainline.contains(i)));
            }
            out
        })
        .collect()
}

/// The commit ids named by `Reviews: <id>` / `审核: <id>` lines of a message (several ids may
/// share a line, separated by commas or spaces; a full-width colon is accepted).
pub fn named_reviews(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in message.lines() {
        let line = line.trim();
        let Some((key, value)) = line.split_once([':', '：']) else { continue };
        if !super::words::REVIEW_KEYS.iter().any(|k| key.trim().eq_ignore_ascii_case(k)) {
            continue;
        }
        for id in value.split([',', '，', '、', ' ']).map(str::trim) {
            if id.len() >= 7 && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                out.push(id.to_ascii_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_lines_name_commits_in_either_language() {
        let m = "审核 two pages\n\nReviews: abcdef1, 1234567890\n审核：ABCDEF0123\nReviewed-by: 0123456\nReviews: xyz";
        assert_eq!(named_reviews(m), vec!["abcdef1", "1234567890", "abcdef0123"]);
    }

    fn commit(sha: &str, parents: &[&str], message: &str) -> Commit {
        Commit {
            sha: sha.repeat(40)[..40].to_string(),
            parents: parents.iter().map(|p| p.repeat(40)[..40].to_string()).collect(),
            author_name: String::new(),
            author_email: String::new(),
            date: String::new(),
            signature: Signature::Missing,
            fingerprint: String::new(),
            message: message.into(),
            changes: Vec::new(),
        }
    }

    #[test]
    fn a_review_names_an_ancestor_and_a_merge_reviews_what_it_brings_in() {
        // a <- b <- c(reviews a and the unrelated d) ; a <- d ; e = merge(c, d)
        let commits = vec![
            commit("a", &[], "one"),
            commit("b", &["a"], "two"),
            commit("d", &["a"], "side"),
            commit("c", &["b"], "Reviews: aaaaaaa, ddddddd"),
            commit("e", &["c", "d"], "merge"),
        ];
        let r = reviewed_by(&commits);
        assert_eq!(r[3], BTreeSet::from([0]), "d is not an ancestor of c");
        assert_eq!(r[4], BTreeSet::from([2]));
        assert!(r[1].is_empty());
    }
}
