//! Same input, byte-identical output, whatever the thread count.

mod common;

use common::{build_ok, fixture, read_tree, repo_root};

#[test]
fn output_is_identical_across_thread_counts_and_runs() {
    let out = tempfile::tempdir().unwrap();
    let root = repo_root();
    let one = out.path().join("one");
    let four = out.path().join("four");
    let again = out.path().join("again");
    build_ok(&root, &["--out", one.to_str().unwrap(), "--jobs", "1"]);
    build_ok(&root, &["--out", four.to_str().unwrap(), "--jobs", "4"]);
    build_ok(&root, &["--out", again.to_str().unwrap(), "--jobs", "2"]);
    let a = read_tree(&one);
    assert!(a.len() > 300, "only {} files", a.len());
    let b = read_tree(&four);
    let diff: Vec<&String> =
        a.keys().filter(|k| a.get(*k) != b.get(*k)).chain(b.keys().filter(|k| !a.contains_key(*k))).collect();
    assert!(diff.is_empty(), "files differ between --jobs 1 and --jobs 4: {diff:?}");
    assert!(read_tree(&again) == a, "a second run differs");
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
