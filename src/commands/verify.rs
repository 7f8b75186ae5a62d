//! `zhanqun verify DIR`: tamper evidence for a deployed copy. Every file is hashed again and
//! compared with `manifest.json`; files added, changed or missing are listed. With a trusted
//! public key, the manifest's ed25519 signature (`manifest.json.sig`) is checked too, so an
//! attacker who rewrote files and manifest alike is caught.

use crate::emit::signature::{self, SIGNATURE_FILE, SignatureError};
use crate::emit::{Manifest, ManifestError, SIDECAR};
use crate::t;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

/// Why a directory could not be verified at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// No readable manifest.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// A bad key or signature file.
    #[error(transparent)]
    Signature(#[from] SignatureError),
}

/// What the signature check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// No public key was given: the signature was not checked.
    NotChecked,
    /// Signed by the trusted key.
    Valid,
    /// A key was given and there is no signature.
    Missing,
    /// The signature does not match the manifest or the key.
    Invalid,
}

/// The differences between a directory and its manifest.
#[derive(Debug, Serialize)]
pub struct VerifyReport {
    /// Files listed and present with the listed hash.
    pub intact: usize,
    /// Files present but not listed.
    pub added: Vec<String>,
    /// Files listed whose contents differ.
    pub changed: Vec<String>,
    /// Files listed but absent.
    pub missing: Vec<String>,
    /// The manifest's signature.
    pub signature: SignatureStatus,
}

impl VerifyReport {
    /// True when the directory is exactly what the manifest says (and signed, if asked).
    pub fn ok(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.missing.is_empty()
            && matches!(self.signature, SignatureStatus::NotChecked | SignatureStatus::Valid)
    }

    /// One line per difference, then a summary, in the chosen language.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for p in &self.changed {
            out.push_str(&t!("verify-changed", path = p.as_str()));
            out.push('\n');
        }
        for p in &self.missing {
            out.push_str(&t!("verify-missing", path = p.as_str()));
            out.push('\n');
        }
        for p in &self.added {
            out.push_str(&t!("verify-added", path = p.as_str()));
            out.push('\n');
        }
        let signature = match self.signature {
            SignatureStatus::NotChecked => t!("verify-signature-not-checked"),
            SignatureStatus::Valid => t!("verify-signature-valid"),
            SignatureStatus::Missing => t!("verify-signature-missing"),
            SignatureStatus::Invalid => t!("verify-signature-invalid"),
        };
        out.push_str(&t!(
            "verify-summary",
            intact = self.intact,
            changed = self.changed.len(),
            missing = self.missing.len(),
            added = self.added.len(),
            signature = signature
        ));
        out.push('\n');
        out
    }
}

/// Verifies `dir` against its `manifest.json`, and its signature against `public_key` (hex).
pub fn verify(dir: &Path, public_key: Option<&str>) -> Result<VerifyReport, VerifyError> {
    let manifest = Manifest::read(dir)?;
    let listed: HashSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    // Each listed file: intact, or (missing?, path).
    let checked: Vec<Result<(), (bool, String)>> = manifest
        .files
        .par_iter()
        .map(|f| match std::fs::read(dir.join(&f.path)) {
            Err(_) => Err((true, f.path.clone())),
            Ok(bytes) if bytes.len() as u64 == f.size && hex::encode(Sha256::digest(&bytes)) == f.sha256 => Ok(()),
            Ok(_) => Err((false, f.path.clone())),
        })
        .collect();
    let mut report = VerifyReport {
        intact: checked.iter().filter(|c| c.is_ok()).count(),
        added: Vec::new(),
        changed: Vec::new(),
        missing: Vec::new(),
        signature: SignatureStatus::NotChecked,
    };
    for (missing, path) in checked.into_iter().filter_map(Result::err) {
        if missing { report.missing.push(path) } else { report.changed.push(path) }
    }
    let own = ["manifest.json", SIGNATURE_FILE, SIDECAR];
    for e in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
        let part = rel.strip_prefix(crate::search::part::PART_DIR).is_some_and(|r| r.starts_with('/'));
        if !listed.contains(rel.as_str()) && !own.contains(&rel.as_str()) && !part {
            report.added.push(rel);
        }
    }
    report.added.sort();
    report.changed.sort();
    report.missing.sort();
    if let Some(key) = public_key {
        let bytes = std::fs::read(dir.join("manifest.json")).unwrap_or_default();
        report.signature = match signature::read(dir)? {
            None => SignatureStatus::Missing,
            Some(sig) if signature::verify(&sig, &bytes, key)? => SignatureStatus::Valid,
            Some(_) => SignatureStatus::Invalid,
        };
    }
    Ok(report)
}
