//! Tamper evidence: `zhanqun verify` finds every file added, changed or missing in a deployed
//! copy, and with signed manifests (`ZHANQUN_SIGNING_KEY` at build time) also a manifest that
//! was rewritten to match tampered files.

use crate::common;

use common::{fixture, zhanqun};
use std::path::Path;
use std::process::Output;

const SEED: &str = "4f3c2a1b0e9d8c7b6a5948372615041322f1e0d9c8b7a6958473625140312f1e";

fn build_signed(root: &Path, seed: &str) -> Output {
    zhanqun().args(["build", "--quiet", "--root"]).arg(root).env("ZHANQUN_SIGNING_KEY", seed).output().unwrap()
}

fn verify(dir: &Path, key: Option<&str>) -> (Option<i32>, String) {
    verify_in(dir, key, "zh")
}

fn verify_in(dir: &Path, key: Option<&str>, lang: &str) -> (Option<i32>, String) {
    let mut cmd = zhanqun();
    cmd.args(["--lang", lang]).arg("verify").arg(dir).env_remove("ZHANQUN_PUBLIC_KEY");
    if let Some(k) = key {
        cmd.args(["--public-key", k]);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

fn public_key() -> String {
    let out = zhanqun().arg("keygen").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("ZHANQUN_SIGNING_KEY=") && text.contains("ZHANQUN_PUBLIC_KEY="), "{text}");
    // The public key of SEED, as `keygen` derives it, checked through a signed build below.
    let key = zhanqun::emit::signature::signing_key(SEED).unwrap();
    zhanqun::emit::signature::public_key_hex(&key)
}

#[test]
fn every_difference_is_found_and_a_rewritten_manifest_fails_the_signature() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let out = build_signed(root, SEED);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = root.join("public");
    let key = public_key();
    assert!(public.join("manifest.json.sig").is_file());

    let (code, text) = verify(&public, Some(&key));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("0 个被改动，0 个缺失，0 个多出；签名：有效"), "{text}");

    // Tampering with files.
    std::fs::write(public.join("index.html"), "<p>被篡改</p>").unwrap();
    std::fs::remove_file(public.join("404.html")).unwrap();
    std::fs::write(public.join("evil.html"), "<script>alert(1)</script>").unwrap();
    let (code, text) = verify(&public, None);
    assert_eq!(code, Some(1), "{text}");
    for line in ["被改动：index.html", "缺失：404.html", "多出：evil.html", "签名：未核对"] {
        assert!(text.contains(line), "{line} not in:\n{text}");
    }
    let (code, text) = verify_in(&public, None, "en");
    assert_eq!(code, Some(1), "{text}");
    for line in ["changed index.html", "missing 404.html", "added evil.html", "signature: not checked"] {
        assert!(text.contains(line), "{line} not in:\n{text}");
    }
    assert!(!text.contains("签名"), "{text}");

    // The attacker also rewrites manifest.json to match the tampered file: every hash agrees,
    // only the signature tells.
    std::fs::remove_file(public.join("evil.html")).unwrap();
    let forged = common::zhanqun()
        .args(["build", "--quiet", "--no-cache", "--root"])
        .arg(root)
        .arg("--out")
        .arg(root.join("pristine"))
        .output()
        .unwrap();
    assert!(forged.status.success());
    std::fs::copy(root.join("pristine/404.html"), public.join("404.html")).unwrap();
    let tampered = std::fs::read(public.join("index.html")).unwrap();
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("manifest.json")).unwrap()).unwrap();
    for f in m["files"].as_array_mut().unwrap() {
        if f["path"] == "index.html" {
            use sha2::{Digest, Sha256};
            f["sha256"] = Sha256::digest(&tampered).iter().map(|b| format!("{b:02x}")).collect::<String>().into();
            f["size"] = tampered.len().into();
        }
    }
    std::fs::write(public.join("manifest.json"), serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    let (code, text) = verify(&public, None);
    assert_eq!(code, Some(0), "without a key the forged manifest passes the hash check:\n{text}");
    let (code, text) = verify(&public, Some(&key));
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("0 个被改动，0 个缺失，0 个多出；签名：无效"), "{text}");
    // No signature at all fails when a key is required.
    std::fs::remove_file(public.join("manifest.json.sig")).unwrap();
    let (code, text) = verify(&public, Some(&key));
    assert!(code == Some(1) && text.contains("签名：缺失"), "{text}");
}

#[test]
fn a_bad_key_or_directory_is_a_clear_error() {
    let tmp = fixture("basic");
    let out = build_signed(tmp.path(), "not-a-key");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ZHANQUN_SIGNING_KEY") && err.contains("64 位十六进制数字"), "{err}");
    let (code, text) = verify(&tmp.path().join("nowhere"), None);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("无法核对"), "{text}");
}
