//! Helpers shared by the integration tests: fixture copies, running the binary, reading trees.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod git;
pub mod server;

/// The repository root (the example cluster lives here).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of `tests/fixtures/<name>` in a temporary directory.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo_root().join("tests/fixtures").join(name), tmp.path());
    tmp
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("under fixture");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// The `zhanqun` binary built for this test run, speaking its default language (Chinese)
/// whatever `ZHANQUN_LANG` the developer's shell has.
pub fn zhanqun() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhanqun"));
    cmd.env_remove("ZHANQUN_LANG");
    cmd
}

/// Runs `zhanqun build --root ROOT` with extra arguments.
pub fn build(root: &Path, extra: &[&str]) -> Output {
    zhanqun().arg("build").arg("--root").arg(root).args(extra).output().expect("run zhanqun")
}

/// Runs a build that must succeed, returning its stderr.
pub fn build_ok(root: &Path, extra: &[&str]) -> String {
    let out = build(root, extra);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "build failed:\n{err}");
    err
}

/// Every file under `dir`: relative path → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).expect("under dir").to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// Reads an output file as text.
pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}
