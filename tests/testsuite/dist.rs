//! The release package, as a county web office uses it: `scripts/dist` builds the static x86_64
//! Linux binary (its own target directory, static only there) and packs it; the archive's sums
//! hold; the binary has no dynamic loader, prints its version and commit, and — unpacked into an
//! empty directory, with nothing but itself on `PATH` (no Rust toolchain, no theme files) — makes
//! a new cluster, builds it and checks it. This is the one place CI builds the static binary.

#![cfg(all(target_os = "linux", target_arch = "x86_64"))]

use crate::common;

use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// True when the ELF file has no `PT_INTERP` program header: the kernel runs it without a
/// dynamic loader, so it needs no shared library of the host.
fn is_static_elf(bytes: &[u8]) -> bool {
    assert_eq!(&bytes[..4], b"\x7fELF", "an ELF file");
    assert_eq!(bytes[4], 2, "64-bit");
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let phoff = u64::from_le_bytes(bytes[0x20..0x28].try_into().unwrap()) as usize;
    let (size, count) = (u16_at(0x36), u16_at(0x38));
    const PT_INTERP: u32 = 3;
    (0..count).all(|i| {
        let at = phoff + i * size;
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) != PT_INTERP
    })
}

/// Checks every `sha256  name` line of `dir/SHA256SUMS`; returns the names.
fn check_sums(dir: &Path) -> Vec<String> {
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).expect("SHA256SUMS");
    sums.lines()
        .map(|line| {
            let (want, name) = line.split_once("  ").expect("`hash  name`");
            let got = hex::encode(Sha256::digest(std::fs::read(dir.join(name)).expect(name)));
            assert_eq!(got, want, "{}: sha256 of {name}", dir.display());
            name.to_owned()
        })
        .collect()
}

#[test]
fn the_packed_static_binary_builds_and_checks_a_cluster_from_an_empty_directory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dist = tmp.path().join("dist");
    let started = Instant::now();
    let out =
        Command::new(common::repo_root().join("scripts/dist")).arg("--out").arg(&dist).output().expect("scripts/dist");
    assert!(out.status.success(), "scripts/dist failed:\n{}", String::from_utf8_lossy(&out.stderr));
    eprintln!("scripts/dist: {:.0?}", started.elapsed());
    let name = format!("zhanqun-{}-x86_64-unknown-linux-gnu", env!("CARGO_PKG_VERSION"));
    let listed = check_sums(&dist);
    assert_eq!(listed, [format!("{name}.tar.gz"), format!("{name}/zhanqun")]);

    // Unpacked where nothing else is: the archive alone.
    let unpacked = tmp.path().join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    let tar = Command::new("tar")
        .arg("-xzf")
        .arg(dist.join(format!("{name}.tar.gz")))
        .arg("-C")
        .arg(&unpacked)
        .status()
        .expect("tar");
    assert!(tar.success());
    let package = unpacked.join(&name);
    let inside = check_sums(&package);
    for file in ["zhanqun", "README.md", "licenses/README.md"] {
        assert!(inside.iter().any(|n| n == file), "{file} in the package: {inside:?}");
    }
    let licences = std::fs::read_to_string(package.join("licenses/README.md")).unwrap();
    for crate_name in ["| serde |", "| tera |", "| ed25519-dalek |", "| getrandom |"] {
        assert!(licences.contains(crate_name), "{crate_name} listed in licenses/README.md");
    }
    assert!(!licences.contains("| insta |") && !licences.contains("| tempfile |"), "test crates are not in the binary");
    assert!(inside.iter().filter(|n| n.starts_with("licenses/") && n.contains("/LICENSE")).count() > 30);
    let binary = package.join("zhanqun");
    let bytes = std::fs::read(&binary).unwrap();
    assert!(is_static_elf(&bytes), "the binary needs a dynamic loader");
    eprintln!("static binary: {} bytes", bytes.len());

    // Nothing on PATH but the package: no cargo, no rustc, no theme directory.
    let home = tmp.path().join("home");
    let work = tmp.path().join("empty");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(&binary)
            .args(args)
            .current_dir(&work)
            .env_clear()
            .env("PATH", &package)
            .env("HOME", &home)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("run the packed zhanqun");
        (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    };
    let (code, version) = run(&["--version"]);
    assert_eq!(code, Some(0));
    assert_eq!(version.trim(), common::version_line());
    let (code, log) = run(&["init", "县站群"]);
    assert_eq!(code, Some(0), "init: {log}");
    let (code, log) = run(&["build", "--root", "县站群"]);
    assert_eq!(code, Some(0), "build: {log}");
    let public = work.join("县站群/public");
    assert!(public.join("index.html").is_file() && public.join("manifest.json").is_file(), "{log}");
    let style = common::hashed(&public, "static/css/style.css");
    assert!(std::fs::read_to_string(public.join("index.html")).unwrap().contains(&style), "the embedded theme");
    let (code, report) = run(&["check", "--root", "县站群"]);
    assert!(matches!(code, Some(0 | 1)), "check ran to its report: {code:?}\n{report}");
    assert!(report.contains("网站标识"), "the inspection report, in Chinese:\n{report}");
}
