//! Sharded CI builds: `build --sites …` on several runners plus `merge` gives exactly the
//! output of one single-machine build; a missing shard, shards from different commits and a
//! broken anchor across shards are refused with a message.

use crate::common;

use common::{build, build_ok, fixture, read_tree, repo_root, zhanqun};
use std::path::Path;

fn merge(root: &Path, out: &Path, shards: &[&Path]) -> std::process::Output {
    zhanqun()
        .arg("merge")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(shards)
        .output()
        .expect("run zhanqun merge")
}

#[test]
fn merged_shards_equal_a_single_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repo_root();
    let whole = tmp.path().join("whole");
    build_ok(&root, &["--out", whole.to_str().unwrap()]);
    let groups = ["portal,fgj,jyj", "mzj,nyj,rsj", "chengguan,longquan,qingshan", "shiqiao,taiping,yongan"];
    let mut shards = Vec::new();
    for (i, sites) in groups.iter().enumerate() {
        let dir = tmp.path().join(format!("shard{i}"));
        build_ok(&root, &["--out", dir.to_str().unwrap(), "--sites", sites]);
        shards.push(dir);
    }
    let one = read_tree(&shards[1]);
    assert!(
        !one.contains_key("index.html") && one.keys().all(|k| !k.starts_with("jyj/")),
        "a shard renders only its sites"
    );
    let merged = tmp.path().join("merged");
    let refs: Vec<&Path> = shards.iter().map(|p| p.as_path()).collect();
    let out = merge(&root, &merged, &refs);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (a, b) = (read_tree(&whole), read_tree(&merged));
    let differ: Vec<&String> =
        a.keys().filter(|k| a.get(*k) != b.get(*k)).chain(b.keys().filter(|k| !a.contains_key(*k))).collect();
    assert!(differ.is_empty(), "merged output differs from the single build: {differ:?}");

    // Leaving a shard out is refused, naming what is missing.
    assert!(a.keys().any(|k| k.starts_with("search/v-")), "the single build has a search index to compare");

    // Merging from a checkout whose content differs from the shards' is refused: the one
    // search index would not match the pages.
    let other = fixture("basic");
    let out = merge(other.path(), &tmp.path().join("elsewhere"), &refs);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("不是生成这些分片时所用的站群"), "{err}");
    assert!(!tmp.path().join("elsewhere").exists(), "a refused merge writes nothing");

    let out = merge(&root, &tmp.path().join("partial"), &refs[..3]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("缺少 shiqiao/sitemap.xml"), "{err}");
    assert!(!tmp.path().join("partial").exists(), "a failed merge writes nothing");
}

#[test]
fn shards_from_different_commits_and_cross_shard_anchors_are_checked() {
    let tmp = fixture("basic");
    let root = tmp.path();
    // A department page links to an anchor on a portal page: checked only when merged.
    let news = root.join("content/jyj/zwdt/gzdt/2026-11-18-anquan.md");
    let text = std::fs::read_to_string(&news).unwrap();
    std::fs::write(&news, format!("{text}\n见[通知](/zwdt/tzgg/2026-11-01-tongzhi/#no-such-anchor)。\n")).unwrap();
    let (a, b) = (root.join("a"), root.join("b"));
    build_ok(root, &["--out", a.to_str().unwrap(), "--sites", "portal,yongan"]);
    build_ok(root, &["--out", b.to_str().unwrap(), "--sites", "jyj"]);
    let out = merge(root, &root.join("m"), &[&a, &b]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("content/jyj/zwdt/gzdt/2026-11-18-anquan.md")
            && err.contains("没有 id 为 `no-such-anchor` 的位置"),
        "{err}"
    );
    // The whole build refuses the same link straight away.
    assert_eq!(build(root, &["--out", root.join("w").to_str().unwrap()]).status.code(), Some(1));

    // Fix the link, rebuild only one shard after an edit elsewhere: the shards now disagree.
    std::fs::write(&news, &text).unwrap();
    build_ok(root, &["--out", a.to_str().unwrap(), "--sites", "portal,yongan"]);
    let cfg = root.join("zhanqun.yaml");
    let c = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, c.replace("测试县人民政府网站群", "测试县政府网站群")).unwrap();
    build_ok(root, &["--out", b.to_str().unwrap(), "--sites", "jyj"]);
    let out = merge(root, &root.join("m"), &[&a, &b]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("从不同的内容或设置生成的"), "{err}");

    let bad = build(root, &["--out", root.join("x").to_str().unwrap(), "--sites", "jyy"]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        bad.status.code() == Some(1) && err.contains("`jyy` 不是本站群的子站") && err.contains("是不是想写 `jyj`"),
        "{err}"
    );
}

#[test]
fn merge_joins_the_shards_prepared_parts_without_reading_a_page() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let whole = root.join("whole");
    build_ok(root, &["--out", whole.to_str().unwrap(), "--no-cache"]);
    let (a, b) = (root.join("a"), root.join("b"));
    build_ok(root, &["--out", a.to_str().unwrap(), "--sites", "portal,yongan"]);
    build_ok(root, &["--out", b.to_str().unwrap(), "--sites", "jyj"]);
    let part = b.join(".zhanqun-shard/search.bin");
    assert!(part.is_file(), "each shard writes its part of the search index");
    assert!(
        !String::from_utf8_lossy(&std::fs::read(b.join("manifest.json")).unwrap()).contains(".zhanqun-shard"),
        "the part is not published"
    );
    let verify = zhanqun().arg("verify").arg(&b).output().unwrap();
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stderr));

    // Without a page left in the cluster, the merge is the single build: no page is read again.
    std::fs::remove_dir_all(root.join("content")).unwrap();
    let merged = root.join("merged");
    let out = merge(root, &merged, &[&a, &b]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (x, y) = (read_tree(&whole), read_tree(&merged));
    let differ: Vec<&String> =
        x.keys().filter(|k| x.get(*k) != y.get(*k)).chain(y.keys().filter(|k| !x.contains_key(*k))).collect();
    assert!(differ.is_empty(), "merged output differs from the single build: {differ:?}");

    // A part of another version, a missing part, a shard of another version: refused, nothing written.
    let good = std::fs::read(&part).unwrap();
    let mut other = good.clone();
    other[8] = 99;
    std::fs::write(&part, &other).unwrap();
    let refused = |expected: &str| {
        let out = merge(root, &root.join("m"), &[&a, &b]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(expected), "{err}");
        assert!(!root.join("m").exists(), "a refused merge writes nothing");
    };
    refused("是另一版本的 zhanqun 写的检索预处理数据（格式 99");
    std::fs::remove_file(&part).unwrap();
    refused("缺少检索索引的预处理数据 .zhanqun-shard/search.bin");
    std::fs::write(&part, &good).unwrap();
    let state = b.join(".zhanqun-shard.json");
    let json = std::fs::read_to_string(&state).unwrap();
    assert!(json.contains("\"format\":1"), "{json}");
    std::fs::write(&state, json.replace("\"format\":1", "\"format\":0")).unwrap();
    refused("是用另一版本的 zhanqun 生成的分片（分片格式 0");
}
