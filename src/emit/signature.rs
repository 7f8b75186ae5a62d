//! Signed manifests: `manifest.json.sig` holds an ed25519 signature of `manifest.json`, so a
//! verifier holding the public key can tell the manifest itself was not altered (and, through
//! its hashes, no file). The signing key comes from the environment of the build, never from
//! the repository.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The signature file, next to `manifest.json`.
pub const SIGNATURE_FILE: &str = "manifest.json.sig";
/// The environment variable holding the signing key: 64 hex digits (the 32-byte seed).
pub const SIGNING_KEY_ENV: &str = "ZHANQUN_SIGNING_KEY";

/// Why a key or signature could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SignatureError {
    /// A key is not 64 hex digits.
    #[error("{}", crate::t!("emit-bad-key", what = .what.as_str()))]
    BadKey {
        /// Which key.
        what: String,
    },
    /// The signature file is unreadable or malformed.
    #[error("{}", crate::t!("emit-bad-signature-file", file = SIGNATURE_FILE, error = .0.as_str()))]
    BadFile(String),
}

/// `manifest.json.sig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureFile {
    /// Always `ed25519`.
    pub algorithm: String,
    /// The signer's public key, hex.
    pub public_key: String,
    /// The signature of the bytes of `manifest.json`, hex.
    pub signature: String,
}

fn key32(hex_text: &str, what: &str) -> Result<[u8; 32], SignatureError> {
    let bad = || SignatureError::BadKey { what: what.to_owned() };
    let bytes = hex::decode(hex_text.trim()).map_err(|_| bad())?;
    bytes.try_into().map_err(|_| bad())
}

/// The signing key from its hex seed.
pub fn signing_key(seed_hex: &str) -> Result<SigningKey, SignatureError> {
    Ok(SigningKey::from_bytes(&key32(seed_hex, SIGNING_KEY_ENV)?))
}

/// The public key of a signing key, hex (what verifiers are given).
pub fn public_key_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().to_bytes())
}

/// Signs the bytes of a manifest.
pub fn sign(key: &SigningKey, manifest: &[u8]) -> SignatureFile {
    SignatureFile {
        algorithm: "ed25519".into(),
        public_key: public_key_hex(key),
        signature: hex::encode(key.sign(manifest).to_bytes()),
    }
}

/// Reads `dir/manifest.json.sig`, `None` when there is none.
pub fn read(dir: &Path) -> Result<Option<SignatureFile>, SignatureError> {
    match std::fs::read(dir.join(SIGNATURE_FILE)) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| SignatureError::BadFile(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(SignatureError::BadFile(crate::messages::io_reason(&e))),
    }
}

/// True when `sig` is a valid signature of `manifest` by the key `trusted_hex`.
pub fn verify(sig: &SignatureFile, manifest: &[u8], trusted_hex: &str) -> Result<bool, SignatureError> {
    let trusted = key32(trusted_hex, &crate::t!("emit-public-key"))?;
    let Ok(key) = VerifyingKey::from_bytes(&trusted) else { return Ok(false) };
    let Ok(bytes) = hex::decode(&sig.signature) else { return Ok(false) };
    let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else { return Ok(false) };
    Ok(sig.algorithm == "ed25519" && key.verify(manifest, &Signature::from_bytes(&bytes)).is_ok())
}

/// Why `manifest.json.sig` could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum EnsureError {
    /// The signing key is unusable.
    #[error(transparent)]
    Key(#[from] SignatureError),
    /// `manifest.json` could not be read or the signature not written.
    #[error("{context}")]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Writes `manifest.json.sig` for `out/manifest.json` with `key` (a hex ed25519 seed) unless
/// the one there already is that key's valid signature of it: a build that found nothing to
/// do keeps its signature, and a build with a new key signs again.
pub fn ensure(out: &Path, key: &str) -> Result<(), EnsureError> {
    let io = |context: String| move |source| EnsureError::Io { context, source };
    let signing = signing_key(key)?;
    let manifest =
        std::fs::read(out.join("manifest.json")).map_err(io(crate::t!("pipeline-cannot-read-manifest-to-sign")))?;
    let current = read(out).ok().flatten();
    let public = public_key_hex(&signing);
    if current.is_some_and(|s| verify(&s, &manifest, &public).unwrap_or(false)) {
        return Ok(());
    }
    let json = serde_json::to_vec_pretty(&sign(&signing, &manifest)).map_err(std::io::Error::other);
    let json = json.map_err(io(crate::t!("pipeline-cannot-encode-signature")))?;
    super::replace_file(out, SIGNATURE_FILE, &json)
        .map_err(io(crate::t!("pipeline-cannot-write", path = SIGNATURE_FILE)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_with_its_key_and_its_manifest() {
        let key = signing_key(&"01".repeat(32)).unwrap();
        let other = signing_key(&"02".repeat(32)).unwrap();
        let sig = sign(&key, b"{\"files\":[]}");
        assert!(verify(&sig, b"{\"files\":[]}", &public_key_hex(&key)).unwrap());
        assert!(!verify(&sig, b"{\"files\":[1]}", &public_key_hex(&key)).unwrap());
        assert!(!verify(&sig, b"{\"files\":[]}", &public_key_hex(&other)).unwrap());
        assert!(matches!(signing_key("abc"), Err(SignatureError::BadKey { .. })));
    }
}
