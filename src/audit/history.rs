//! Reading commits from git: who signed them (git's own SSH signature verification, against an
//! allowed-signers file written from the listed keys), what they changed (blob ids of each
//! file before and after), and their messages, in one `git log` process.

use crate::catalog::GitError;
use crate::catalog::git::{cluster_prefix, spawn_error};
use crate::load::Cluster;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What git's `%G?` said about a commit's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signature {
    /// A good signature by a key of the allowed-signers file (`G`).
    Good,
    /// No signature (`N`).
    Missing,
    /// A signature that does not match the commit (`B`).
    Bad,
    /// A valid signature by a key nobody listed (`U`, `E`).
    UnknownKey,
    /// A signature by an expired or revoked key (`X`, `Y`, `R`).
    Expired,
}

impl Signature {
    fn of(code: &str) -> Signature {
        match code {
            "G" => Signature::Good,
            "N" | "" => Signature::Missing,
            "B" => Signature::Bad,
            "X" | "Y" | "R" => Signature::Expired,
            _ => Signature::UnknownKey,
        }
    }
}

/// One file a commit changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Path relative to the cluster root (`content/jyj/…`), or to the repository when the
    /// file is outside the cluster directory (then `inside` is false).
    pub path: String,
    /// False for a file outside the cluster directory.
    pub inside: bool,
    /// Blob before the commit (`None`: added).
    pub old: Option<String>,
    /// Blob after the commit (`None`: deleted).
    pub new: Option<String>,
}

/// One commit of the range, oldest first.
#[derive(Debug, Clone)]
pub struct Commit {
    /// Full id.
    pub sha: String,
    /// Parent ids.
    pub parents: Vec<String>,
    /// Author name as written in the commit (anyone can write it).
    pub author_name: String,
    /// Author e-mail as written (lower case).
    pub author_email: String,
    /// Author date (ISO 8601).
    pub date: String,
    /// What the signature proves.
    pub signature: Signature,
    /// `SHA256:…` of the signing key, when there is a signature.
    pub fingerprint: String,
    /// The whole message.
    pub message: String,
    /// Files changed: against the parent, or for a merge the files that differ from every
    /// parent (what the merge itself wrote).
    pub changes: Vec<Change>,
}

impl Commit {
    /// The first line of the message.
    pub fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or_default()
    }

    /// The first 10 characters of the id.
    pub fn short(&self) -> &str {
        &self.sha[..self.sha.len().min(10)]
    }
}

/// The commits of `range` (`BASE..HEAD`, or one revision for the whole history) in the
/// repository of the cluster at `root`, oldest first (parents before children), with their
/// signatures checked against every key listed in `cluster`.
pub fn commits(root: &Path, cluster: &Cluster, range: &str) -> Result<Vec<Commit>, GitError> {
    let prefix = cluster_prefix(root)?;
    let signers = AllowedSigners::write(cluster)?;
    let config = format!("gpg.ssh.allowedSignersFile={}", signers.0.display());
    let format = "--format=%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%G?%x00%GF%x00%B%x00";
    let args = [
        "-c",
        config.as_str(),
        "log",
        "--topo-order",
        "--reverse",
        "-z",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "-c",
        "--root",
        format,
        "--end-of-options",
        range,
        "--",
    ];
    let out = crate::catalog::git::git(root, &args).map_err(|e| spawn_error(root, &args[2..], e))?;
    Ok(parse_log(&out, &prefix))
}

/// Parses the output of [`commits`]' `git log`.
fn parse_log(out: &[u8], prefix: &str) -> Vec<Commit> {
    let mut commits = Vec::new();
    for record in out.split(|&b| b == 0x1e).filter(|r| !r.is_empty()) {
        let mut fields = record.split(|&b| b == 0).map(|f| String::from_utf8_lossy(f).into_owned());
        let mut next = || fields.next().unwrap_or_default();
        let (sha, parents, author_name, author_email, date, sig, fingerprint, message) =
            (next(), next(), next(), next(), next(), next(), next(), next());
        let mut changes = Vec::new();
        let rest: Vec<String> = fields.collect();
        let mut i = 0;
        while i < rest.len() {
            let meta = rest[i].trim_start_matches('\n');
            if let Some(meta) = meta.strip_prefix(':')
                && let Some(path) = rest.get(i + 1)
            {
                changes.push(change(meta, path, prefix));
                i += 2;
            } else {
                i += 1;
            }
        }
        commits.push(Commit {
            sha,
            parents: parents.split_whitespace().map(str::to_owned).collect(),
            author_name,
            author_email: author_email.trim().to_lowercase(),
            date,
            signature: Signature::of(sig.trim()),
            fingerprint: fingerprint.trim().to_owned(),
            message: message.trim_end().to_owned(),
            changes,
        });
    }
    commits
}

/// One `--raw` entry: `100644 100644 <old> <new> M` (a merge has one mode and blob per parent
/// and one more for the result, each side's status letter).
fn change(meta: &str, path: &str, prefix: &str) -> Change {
    let shas: Vec<&str> =
        meta.split(' ').filter(|t| t.len() >= 40 && t.bytes().all(|b| b.is_ascii_hexdigit())).collect();
    let blob = |s: Option<&&str>| s.filter(|s| s.bytes().any(|b| b != b'0')).map(|s| s.to_string());
    let (inside, path) = match path.strip_prefix(prefix) {
        Some(rel) => (true, rel.to_owned()),
        None => (false, path.to_owned()),
    };
    Change { path, inside, old: blob(shas.first()), new: blob(shas.last()) }
}

/// The allowed-signers file git checks SSH signatures against: every key listed in the
/// settings, in a temporary file removed when dropped.
struct AllowedSigners(PathBuf);

impl AllowedSigners {
    fn write(cluster: &Cluster) -> Result<AllowedSigners, GitError> {
        let mut lines = String::new();
        let people = cluster
            .config
            .operators
            .iter()
            .chain(cluster.sites.iter().flat_map(|s| s.editors.iter().chain(&s.reviewers)));
        for p in people {
            lines.push_str(&format!("{} {}\n", p.email, p.ssh_key.openssh));
        }
        if let Some(k) = &cluster.config.forge_key {
            lines.push_str(&format!("forge {}\n", k.openssh));
        }
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("zhanqun-allowed-signers-{}-{stamp}", std::process::id()));
        let written = std::fs::File::create_new(&path).and_then(|mut f| f.write_all(lines.as_bytes()));
        written.map_err(|source| GitError::Scratch { dir: path.clone(), source })?;
        Ok(AllowedSigners(path))
    }
}

impl Drop for AllowedSigners {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// True when `new` is `old` with only `index_no:` (`索引号:`) lines added, at least one, to a
/// front matter that had none: the change `zhanqun assign` makes.
pub(super) fn only_numbered(old: &[u8], new: &[u8]) -> bool {
    let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) else { return false };
    let key_of = |line: &str| line.split([':', '：']).next().unwrap_or_default().trim().to_owned();
    let is_number = |line: &str| line.contains([':', '：']) && crate::text::is_index_no_key(&key_of(line));
    if old.lines().any(is_number) {
        return false;
    }
    let mut old_lines = old.lines().peekable();
    let (mut added, mut fences) = (0, 0);
    for line in new.lines() {
        if old_lines.peek() == Some(&line) {
            old_lines.next();
            fences += usize::from(line.trim_end() == "---");
        } else if fences == 1 && is_number(line) {
            added += 1;
        } else {
            return false;
        }
    }
    old_lines.next().is_none() && added > 0
}

/// True when the front matter of `bytes` holds the page back as a draft, as the build reads it.
pub(super) fn is_draft(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    crate::parse::front_matter_of(Path::new("page.md"), text).is_some_and(|m| m.draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_only_index_no_lines_added_to_the_front_matter() {
        let old = "---\ntitle: 通知\ndate: 2026-12-01\n---\n\n正文。\n";
        let numbered = "---\ntitle: 通知\n索引号: 11520330MB1730478Y/2026-00002\ndate: 2026-12-01\n---\n\n正文。\n";
        assert!(only_numbered(old.as_bytes(), numbered.as_bytes()));
        let english = old.replace("date:", "index_no: X/2026-00001\ndate:");
        assert!(only_numbered(old.as_bytes(), english.as_bytes()));
        // Anything else changed, a number in the body, a number replaced: not numbering.
        let retitled = numbered.replace("title: 通知", "title: 通告");
        assert!(!only_numbered(old.as_bytes(), retitled.as_bytes()));
        let in_body = format!("{old}索引号: X/2026-00001\n");
        assert!(!only_numbered(old.as_bytes(), in_body.as_bytes()));
        let renumbered = numbered.replace("00002", "00003");
        assert!(!only_numbered(numbered.as_bytes(), renumbered.as_bytes()));
        assert!(!only_numbered(old.as_bytes(), old.as_bytes()));
    }

    #[test]
    fn raw_entries_give_blobs_before_and_after() {
        let z = "0000000000000000000000000000000000000000";
        let a = "d00491fd7e5bb6fa28c517a0bb32b8b506539d4d";
        let b = "0cfbf08886fca9a91cb753ec8734c84fcbe52c9f";
        let added = change(&format!("000000 100644 {z} {a} A"), "site/content/x.md", "site/");
        assert_eq!(added, Change { path: "content/x.md".into(), inside: true, old: None, new: Some(a.into()) });
        let merged = change(&format!(":100644 100644 100644 {a} {a} {b} MM"), "README", "site/");
        assert_eq!(merged, Change { path: "README".into(), inside: false, old: Some(a.into()), new: Some(b.into()) });
        let deleted = change(&format!("100644 000000 {a} {z} D"), "zhanqun.yaml", "");
        assert_eq!(deleted.new, None);
        assert!(deleted.inside);
    }

    #[test]
    fn a_log_record_is_split_into_fields_and_changes() {
        let a = "d00491fd7e5bb6fa28c517a0bb32b8b506539d4d";
        let out = format!(
            "\x1eabc\x00p1 p2\x00张三\x00Zhang@X.cn\x002026-01-02T03:04:05+08:00\x00G\x00SHA256:k\x00标题\n\nReviews: 123\n\x00\x00\n:000000 100644 {z} {a} A\x00content/a.md\x00",
            z = "0".repeat(40)
        );
        let c = &parse_log(out.as_bytes(), "")[0];
        assert_eq!(c.parents, vec!["p1", "p2"]);
        assert_eq!(c.author_email, "zhang@x.cn");
        assert_eq!(c.signature, Signature::Good);
        assert_eq!(c.subject(), "标题");
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].path, "content/a.md");
    }
}
