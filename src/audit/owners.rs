//! `zhanqun owners`: a CODEOWNERS file from the same lists the audit checks, so the forge asks
//! the right people to review a merge request. Advisory where the forge's tier does not enforce
//! it; `zhanqun audit-changes` is what enforces.
//!
//! GitLab and GitHub read gitignore-style patterns (the last match wins) and accept owners by
//! e-mail address; Gitea reads Go regular expressions (every match applies, `!` negates) and
//! only `@user` owners, so for Gitea a person needs `user:` in the lists.

use crate::load::{Cluster, Signer};
use std::fmt::Write as _;

/// Which forge reads the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Forge {
    /// GitLab (gitignore-style patterns, owners by e-mail).
    Gitlab,
    /// GitHub (the same syntax as GitLab).
    Github,
    /// Gitea (regular expressions, owners by `@user`).
    Gitea,
}

/// The CODEOWNERS text for the cluster whose directory is `prefix` within the repository
/// (`""` at the top, else `sub/dir/`), and the people left out because Gitea needs a `user:`.
pub fn codeowners(cluster: &Cluster, prefix: &str, forge: Forge) -> (String, Vec<String>) {
    let mut left_out = Vec::new();
    let mut owners = |list: &[Signer]| -> String {
        let mut names: Vec<String> = Vec::new();
        for s in list {
            let name = match (forge, &s.user) {
                (Forge::Gitea, Some(u)) => format!("@{}", u.trim_start_matches('@')),
                (Forge::Gitea, None) => {
                    if !left_out.contains(&s.email) {
                        left_out.push(s.email.clone());
                    }
                    continue;
                }
                _ => s.email.clone(),
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(" ")
    };
    let mut out = String::new();
    for line in crate::t!("audit-owners-header").lines() {
        let _ = writeln!(out, "# {line}");
    }
    let operators = owners(&cluster.config.operators);
    match forge {
        Forge::Gitlab | Forge::Github => {
            if !operators.is_empty() {
                let _ = writeln!(out, "* {operators}");
            }
            for site in &cluster.sites {
                let reviewers = owners(&site.reviewers);
                if !reviewers.is_empty() {
                    let _ = writeln!(out, "/{prefix}content/{}/ {reviewers}", site.id);
                }
            }
        }
        Forge::Gitea => {
            let content = format!("{}content/", regex_escape(prefix));
            if !operators.is_empty() {
                let _ = writeln!(out, "!{content}.* {operators}");
            }
            for site in &cluster.sites {
                let reviewers = owners(&site.reviewers);
                if !reviewers.is_empty() {
                    let _ = writeln!(out, "{content}{}/.* {reviewers}", regex_escape(&site.id));
                }
            }
        }
    }
    (out, left_out)
}

/// `s` with the characters Gitea's CODEOWNERS reads as regular-expression syntax escaped (a
/// backslash is written twice there, as its documentation shows).
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ".+*?()|[]{}^$\\".contains(c) {
            out.push_str("\\\\");
        }
        if c == ' ' || c == '#' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_expression_characters_are_escaped_as_gitea_reads_them() {
        assert_eq!(regex_escape("a.b/"), "a\\\\.b/");
        assert_eq!(regex_escape("my site/"), "my\\ site/");
    }
}
