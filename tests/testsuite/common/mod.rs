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

/// A fresh copy of the example cluster of this repository (settings, sites, content, theme,
/// topics) in a temporary directory.
pub fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    for entry in ["zhanqun.yaml", "columns.yaml", "index-numbers.yaml", "sites", "content", "themes", "topics"] {
        let from = repo_root().join(entry);
        if from.is_dir() {
            copy_dir(&from, &tmp.path().join(entry));
        } else if from.is_file() {
            std::fs::copy(&from, tmp.path().join(entry)).expect("copy");
        }
    }
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

/// Runs `zhanqun check --today TODAY --format json --root ROOT` (the HTML report into a
/// temporary file) with extra arguments: (exit code, the JSON report or `null`, stderr).
pub fn check_json(root: &Path, today: &str, extra: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let html = tempfile::NamedTempFile::new().expect("temp file");
    let out = zhanqun()
        .args(["check", "--today", today, "--format", "json", "--root"])
        .arg(root)
        .arg("--html")
        .arg(html.path())
        .args(extra)
        .output()
        .expect("run zhanqun check");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null), stderr)
}

/// The line `zhanqun --version` prints for this checkout: the version and the commit
/// (`unknown` outside a Git checkout).
pub fn version_line() -> String {
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo_root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(|| "unknown".to_owned(), |o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    format!("zhanqun {} (commit {head})", env!("CARGO_PKG_VERSION"))
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

/// The number of pages a build's log reports as taken from the cache (its summary line); 0
/// when it took none.
pub fn reused(log: &str) -> usize {
    log.lines()
        .find(|l| l.contains("自上次生成以来没有变化"))
        .and_then(|l| l.split_once("中有 "))
        .and_then(|(_, rest)| rest.split(' ').next()?.parse().ok())
        .unwrap_or(0)
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

/// `text` with the content hash in theme file names (`style.3f2a1b9c0d.css`, see
/// `zhanqun::assemble::assets`) written `[hash]` (`style.[hash].css`): snapshots and comparisons
/// that should not change with every edit of the style sheet.
pub fn unhashed(text: &str) -> String {
    let len = zhanqun::assemble::assets::HASH_LEN;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(dot) = rest.find('.') {
        let after = &rest[dot + 1..];
        let hex = after.len() > len && after[..len].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if hex && (after[len..].starts_with(".css") || after[len..].starts_with(".js")) {
            out.push_str(&rest[..=dot]);
            out.push_str("[hash]");
            rest = &after[len..];
        } else {
            out.push_str(&rest[..=dot]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The link in `html` that starts with `prefix` (`/static/css/style.`), up to its closing quote:
/// where a page sends the browser for a content-hashed theme file.
pub fn linked(html: &str, prefix: &str) -> String {
    let start = html.find(prefix).unwrap_or_else(|| panic!("no link starting with {prefix}"));
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_owned()
}

/// The output path (`static/css/style.3f2a1b9c0d.css`) of the theme file `rel`
/// (`static/css/style.css`) in the output `out`: exactly one file has that name and a hash.
pub fn hashed(out: &Path, rel: &str) -> String {
    let (dir, file) = rel.rsplit_once('/').expect("a path with a directory");
    let (stem, ext) = file.rsplit_once('.').expect("an extension");
    let found: Vec<String> = std::fs::read_dir(out.join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| unhashed(n) == format!("{stem}.[hash].{ext}"))
        .collect();
    assert_eq!(found.len(), 1, "one content-hashed {rel} in {}: {found:?}", out.display());
    format!("{dir}/{}", found[0])
}

/// `file:line level[rule]` of every diagnostic a build printed, sorted.
pub fn diagnostics(stderr: &str) -> Vec<String> {
    let mut v: Vec<String> = stderr
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| {
            let (place, rest) = l.split_once(": ")?;
            let level = rest.split_once(": ")?.0;
            (level.starts_with("错误[") || level.starts_with("警告[")).then(|| format!("{place} {level}"))
        })
        .collect();
    v.sort();
    v
}
