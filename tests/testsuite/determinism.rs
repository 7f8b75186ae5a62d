//! Same input, byte-identical output, whatever the thread count; and a build killed midway
//! leaves the previous output whole.

use crate::common;

use common::{build_ok, fixture, read_tree, repo_root};

#[test]
fn output_is_identical_across_thread_counts_and_runs() {
    let out = tempfile::tempdir().unwrap();
    let root = repo_root();
    let one = out.path().join("one");
    let eight = out.path().join("eight");
    let two = out.path().join("two");
    build_ok(&root, &["--out", one.to_str().unwrap(), "--jobs", "1", "--no-cache"]);
    build_ok(&root, &["--out", eight.to_str().unwrap(), "--jobs", "8", "--no-cache"]);
    build_ok(&root, &["--out", two.to_str().unwrap(), "--jobs", "2", "--no-cache"]);
    let a = read_tree(&one);
    assert!(a.len() > 300, "only {} files", a.len());
    for (name, dir) in [("8", &eight), ("2", &two)] {
        let b = read_tree(dir);
        let diff: Vec<&String> =
            a.keys().filter(|k| a.get(*k) != b.get(*k)).chain(b.keys().filter(|k| !a.contains_key(*k))).collect();
        assert!(diff.is_empty(), "files differ between --jobs 1 and --jobs {name}: {diff:?}");
    }
}

#[test]
fn manifest_lists_every_file_with_its_hash() {
    use sha2::{Digest, Sha256};
    let tmp = fixture("basic");
    build_ok(tmp.path(), &[]);
    let public = tmp.path().join("public");
    let manifest: serde_json::Value = serde_json::from_str(&common::read(&public, "manifest.json")).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let tree = read_tree(&public);
    assert_eq!(files.len() + 1, tree.len(), "manifest must list every file but itself");
    let mut last = String::new();
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert!(path > last.as_str(), "manifest not sorted at {path}");
        last = path.to_string();
        let bytes = &tree[path];
        assert_eq!(f["size"].as_u64().unwrap(), bytes.len() as u64, "{path}");
        let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(f["sha256"].as_str().unwrap(), hash, "{path}");
    }
}

/// SIGKILL at several moments of a build (while rendering, while writing the search index,
/// close to the swap): `public/` is always the complete previous output, and the next build
/// cleans up what the killed one left and succeeds.
#[test]
fn a_killed_build_leaves_the_previous_output_whole() {
    use std::time::Instant;
    let tmp = fixture("basic");
    let root = tmp.path();
    // Enough pages that a build takes a moment.
    let dir = root.join("content/portal/zwdt/gzdt");
    for i in 0..3000 {
        let body = "本县召开专题会议，部署营商环境优化工作。".repeat(20);
        std::fs::write(
            dir.join(format!("2025-{:02}-{:02}-gen{i}.md", i % 12 + 1, i % 28 + 1)),
            format!("---\ntitle: 生成的工作动态{i}\ndate: 2025-{:02}-{:02}\n---\n\n{body}\n", i % 12 + 1, i % 28 + 1),
        )
        .unwrap();
    }
    let started = Instant::now();
    build_ok(root, &["--no-cache"]);
    let full = started.elapsed();
    let public = root.join("public");
    let before = read_tree(&public);
    assert!(before.len() > 3000 && is_complete(&before), "{} files", before.len());
    // Each kill hits a different point of the build (an edit makes every build do work).
    let mut interrupted = 0;
    for (k, fraction) in [0.2, 0.5, 0.8, 0.95].into_iter().enumerate() {
        std::fs::write(
            dir.join("2025-01-01-gen0.md"),
            format!("---\ntitle: 改动{k}\ndate: 2025-01-01\n---\n\n正文{k}。\n"),
        )
        .unwrap();
        let mut child = common::zhanqun()
            .args(["build", "--no-cache", "--quiet", "--root"])
            .arg(root)
            .spawn()
            .expect("start zhanqun");
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        let after = read_tree(&public);
        // Either the previous output or the new one, each complete: never a mix, never missing.
        assert!(after == before || is_complete(&after), "kill {k} at {fraction} of a build damaged public/");
        if !status.success() {
            interrupted += 1;
        }
    }
    // Recovery: the next build succeeds and nothing is left next to public/.
    std::fs::remove_file(dir.join("2025-01-01-gen0.md")).unwrap();
    build_ok(root, &["--no-cache"]);
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    let rebuilt = read_tree(&public);
    assert!(rebuilt.contains_key("manifest.json") && rebuilt.contains_key("index.html"));
    assert!(!rebuilt.contains_key("zwdt/gzdt/2025-01-01-gen0/index.html"), "the removed page is gone");
    assert!(interrupted >= 2, "only {interrupted} of 4 kills interrupted a build: the test did not test");
}

/// True when `tree` holds exactly the files its manifest.json lists, with their hashes.
fn is_complete(tree: &std::collections::BTreeMap<String, Vec<u8>>) -> bool {
    use sha2::{Digest, Sha256};
    let Some(manifest) = tree.get("manifest.json") else { return false };
    let Ok(m) = serde_json::from_slice::<serde_json::Value>(manifest) else { return false };
    let files = m["files"].as_array().cloned().unwrap_or_default();
    files.len() + 1 == tree.len()
        && files.iter().all(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            tree.get(path).is_some_and(|bytes| {
                let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
                f["sha256"].as_str() == Some(sha.as_str())
            })
        })
}
