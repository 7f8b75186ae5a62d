//! Who may change what (`editors:` and `reviewers:` in a site's file, `operators:`,
//! `forge_key:` and `reviewers_needed:` in `zhanqun.yaml`): people by e-mail address and SSH
//! signing key, the keys parsed and validated with the `ssh-key` crate when the settings load.
//! `zhanqun audit-changes` checks every commit's signature against these keys.

use super::ColumnKind;
use serde::{Deserialize, Deserializer};

/// One person allowed to sign changes: an editor, a reviewer or an operator.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// The person's e-mail address: the author address of the commits the forge signs for them.
    #[serde(deserialize_with = "email")]
    pub email: String,
    /// The person's SSH signing key (`ssh-ed25519 AAAA…`), as `git config user.signingkey`.
    pub ssh_key: SshKey,
    /// Their user name on the forge (Gitea's CODEOWNERS names users, not addresses).
    #[serde(default)]
    pub user: Option<String>,
}

/// An SSH public key in OpenSSH form, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshKey {
    /// `<algorithm> <base64>`, without the comment.
    pub openssh: String,
    /// `SHA256:…`, as `ssh-keygen -l` and git's `%GF` print it.
    pub fingerprint: String,
}

impl SshKey {
    /// Parses one OpenSSH public key line (`ssh-ed25519 AAAA… comment`).
    pub fn parse(text: &str) -> Result<SshKey, String> {
        let key = ssh_key::PublicKey::from_openssh(text.trim()).map_err(|e| {
            let shown: String = text.trim().chars().take(40).collect();
            crate::t!("load-ssh-key-invalid", key = shown, reason = e.to_string())
        })?;
        let mut openssh = key.to_openssh().map_err(|e| e.to_string())?;
        if !key.comment().is_empty()
            && let Some(i) = openssh.rfind(' ')
        {
            openssh.truncate(i);
        }
        Ok(SshKey { openssh, fingerprint: key.fingerprint(ssh_key::HashAlg::Sha256).to_string() })
    }
}

impl<'de> Deserialize<'de> for SshKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        SshKey::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An e-mail address usable as a principal of git's allowed-signers file: `name@host`, no
/// spaces, commas, quotes or wildcards.
fn email<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    let t = text.trim();
    let ok = t.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'))
        && !t.chars().any(|c| c.is_whitespace() || matches!(c, ',' | '"' | '\'' | '*' | '?' | '!' | '<' | '>'));
    if ok { Ok(t.to_lowercase()) } else { Err(serde::de::Error::custom(crate::t!("load-email-invalid", email = t))) }
}

/// How many reviewers, other than the author, each kind of change needs (`reviewers_needed:`
/// in `zhanqun.yaml`; one each by default, e.g. `disclosure: 2` for 三审).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewersNeeded {
    /// Articles (news columns).
    #[serde(default = "one")]
    pub news: u8,
    /// Disclosure documents.
    #[serde(default = "one")]
    pub disclosure: u8,
    /// Service guides.
    #[serde(default = "one")]
    pub guide: u8,
    /// Single pages.
    #[serde(default = "one")]
    pub page: u8,
    /// Published letters.
    #[serde(default = "one")]
    pub interaction: u8,
    /// Online interviews.
    #[serde(default = "one")]
    pub interview: u8,
    /// Files of a site outside its columns (its home page, attachments at the top).
    #[serde(default = "one")]
    pub other: u8,
    /// Settings, convention, theme and everything else outside `content/`: reviewed by
    /// another operator.
    #[serde(default = "one")]
    pub settings: u8,
}

fn one() -> u8 {
    1
}

impl Default for ReviewersNeeded {
    fn default() -> Self {
        ReviewersNeeded {
            news: 1,
            disclosure: 1,
            guide: 1,
            page: 1,
            interaction: 1,
            interview: 1,
            other: 1,
            settings: 1,
        }
    }
}

impl ReviewersNeeded {
    /// The reviewers a page of a column of `kind` needs (`None`: outside every column).
    pub fn for_column(&self, kind: Option<ColumnKind>) -> u8 {
        match kind {
            Some(ColumnKind::News) => self.news,
            Some(ColumnKind::Disclosure) => self.disclosure,
            Some(ColumnKind::Guide) => self.guide,
            Some(ColumnKind::Page) => self.page,
            Some(ColumnKind::Interaction) => self.interaction,
            Some(ColumnKind::Interview) => self.interview,
            None => self.other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A real key made with `ssh-keygen -t ed25519`.
    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOHgnIFn+fNJVvpsMGljELW/a84o2gtKLbbYujRLLhIR";

    #[test]
    fn a_key_is_parsed_and_its_comment_dropped() {
        let k = SshKey::parse(&format!("  {KEY} zhang@jyj  ")).unwrap();
        assert_eq!(k.openssh, KEY);
        assert_eq!(k.fingerprint, "SHA256:ttxPPoGsU+kpH+ckOq5Gqw/aFSwV5wTrEPQ8Jwcuv1U", "as ssh-keygen -l prints it");
    }

    #[test]
    fn a_damaged_key_is_refused() {
        assert!(SshKey::parse(&KEY.replace("AAAAC3", "AAAAB3")).is_err());
        assert!(SshKey::parse("ssh-ed25519").is_err());
        assert!(SshKey::parse("张三的钥匙").is_err());
    }

    #[test]
    fn signers_are_typed() {
        let s: Signer = serde_yaml_ng::from_str(&format!("email: Zhang@JYJ.gov.cn\nssh_key: \"{KEY}\"\n")).unwrap();
        assert_eq!(s.email, "zhang@jyj.gov.cn");
        assert!(serde_yaml_ng::from_str::<Signer>(&format!("email: zhang\nssh_key: \"{KEY}\"\n")).is_err());
        assert!(
            serde_yaml_ng::from_str::<Signer>(&format!("email: a@b.cn\nssh_key: \"{KEY}\"\nrole: x\n")).is_err(),
            "unknown keys are refused"
        );
    }

    #[test]
    fn reviewers_needed_default_to_one() {
        let r: ReviewersNeeded = serde_yaml_ng::from_str("disclosure: 2\n").unwrap();
        assert_eq!(r.for_column(Some(ColumnKind::Disclosure)), 2);
        assert_eq!(r.for_column(Some(ColumnKind::News)), 1);
        assert_eq!(r.settings, 1);
    }
}
