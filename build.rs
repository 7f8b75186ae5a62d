//! Embeds `themes/default` and the default column convention into the binary, so that
//! `zhanqun init` and builds without a theme directory work anywhere; and the commit the binary
//! is built from, for `zhanqun --version` (`ZHANQUN_COMMIT` overrides it, for a build from a
//! source archive; without git or outside a repository it is `unknown`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let theme = manifest.join("themes/default");
    let mut files = Vec::new();
    collect(&theme, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Files of the default theme: (path relative to the theme, bytes).\npub static EMBEDDED_THEME: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        let rel = f.strip_prefix(&theme).expect("under theme").to_string_lossy().replace('\\', "/");
        writeln!(out, "    ({rel:?}, include_bytes!({:?})),", f.display().to_string()).expect("write to string");
    }
    out.push_str("];\n");
    let columns = manifest.join("columns.yaml");
    writeln!(out, "/// The default column convention (`columns.yaml` of the example cluster).\npub static EMBEDDED_COLUMNS: &str = include_str!({:?});", columns.display().to_string()).expect("write to string");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("write embedded.rs");
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=columns.yaml");
    // The message catalogs are compiled in (src/messages); a new .ftl file must rebuild too.
    println!("cargo:rerun-if-changed=locales");
    for dir in ["locales/zh-CN", "locales/en"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    println!("cargo:rustc-env=ZHANQUN_LONG_VERSION={version} (commit {})", commit(&manifest));
}

/// The commit of the source tree: `ZHANQUN_COMMIT` if set, else git's `HEAD` (12 hex digits),
/// else `unknown` (no git, no repository). Cargo reruns this when `HEAD` moves.
fn commit(manifest: &Path) -> String {
    println!("cargo:rerun-if-env-changed=ZHANQUN_COMMIT");
    if let Ok(c) = std::env::var("ZHANQUN_COMMIT")
        && !c.trim().is_empty()
    {
        return c.trim().to_owned();
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = std::process::Command::new("git").arg("-C").arg(manifest).args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    let Some(sha) = git(&["rev-parse", "--short=12", "HEAD"]) else { return "unknown".into() };
    // HEAD, the branch it points at and packed-refs: any commit or checkout changes one of them.
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &branch]));
    }
    for path in watched.into_iter().flatten() {
        let path = manifest.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    sha
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
