//! Feeds for new media: Atom and JSON Feed for every site, every list column and the cluster,
//! read with a real feed parser (Python's feedparser): valid, absolute URLs (under a sub-path
//! too), full content with absolute links, summary, publish date, newest first.

use crate::common;

use common::{build_ok, fixture};
use serde_json::Value;
use std::process::Command;

fn parse_feeds(out: &std::path::Path, dirs: &[&str]) -> Value {
    let script = common::repo_root().join("tests/feeds.py");
    let run = Command::new("python3").arg(script).arg(out).args(dirs).output().expect("run python3");
    assert!(
        run.status.success(),
        "feeds.py failed (pip install feedparser; .ci/run does): {}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).expect("feeds.py prints JSON")
}

#[test]
fn every_feed_parses_with_absolute_urls_and_full_content() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let out = root.join("public");
    build_ok(root, &["--today", "2026-11-25", "--base-url", "https://www.ceshi.gov.cn/zq/"]);
    let dirs = ["", "jyj/", "zwdt/", "zwdt/gzdt/", "jyj/xxgk/zcwj/", "yongan/", "feeds/"];
    let feeds = parse_feeds(&out, &dirs);
    for d in dirs {
        let f = &feeds[d];
        assert_eq!(f["bozo"], 0, "{d}feed.xml does not parse: {}", f["bozo_exception"]);
        assert_eq!(f["version"], "atom10", "{d}");
        assert_eq!(f["self"], format!("https://www.ceshi.gov.cn/zq/{d}feed.xml"));
        assert_eq!(f["json_version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(f["json_feed_url"], format!("https://www.ceshi.gov.cn/zq/{d}feed.json"));
        let entries = f["entries"].as_array().unwrap();
        assert!(!entries.is_empty(), "{d} has items");
        assert_eq!(entries.len(), f["json_items"].as_array().unwrap().len(), "{d}: both formats list the same items");
        let mut last = None;
        for (e, j) in entries.iter().zip(f["json_items"].as_array().unwrap()) {
            let link = e["link"].as_str().unwrap();
            assert!(link.starts_with("https://www.ceshi.gov.cn/zq/") && link.ends_with('/'), "{link}");
            assert_eq!(e["id"], e["link"]);
            assert_eq!(j["url"], e["link"]);
            assert_eq!(j["title"], e["title"]);
            assert!(!e["content"].as_str().unwrap().is_empty() && !e["summary"].as_str().unwrap().is_empty());
            let published: Vec<u64> = e["published"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
            assert!(last.as_ref().is_none_or(|l: &Vec<u64>| *l >= published), "{d}: newest first");
            last = Some(published);
        }
    }
    // The cluster feed gathers every site; a column feed only its column.
    let titles = |d: &str| -> Vec<String> {
        feeds[d]["entries"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_owned()).collect()
    };
    let cluster = titles("feeds/");
    let links: Vec<&str> =
        feeds["feeds/"]["entries"].as_array().unwrap().iter().map(|e| e["link"].as_str().unwrap()).collect();
    assert!(links.iter().any(|l| l.contains("/zq/jyj/")) && links.iter().any(|l| l.contains("/zq/yongan/")));
    assert!(links.iter().any(|l| l.starts_with("https://www.ceshi.gov.cn/zq/zwdt/")), "{cluster:?}");
    assert!(
        feeds["zwdt/gzdt/"]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["link"].as_str().unwrap().contains("/zq/zwdt/gzdt/"))
    );
    // Full content, with relative and root-relative links made absolute.
    let diaoyan = feeds["zwdt/gzdt/"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "县长调研乡村振兴工作")
        .expect("the news item is in its column feed");
    let content = diaoyan["content"].as_str().unwrap();
    assert!(content.contains("href=\"https://www.ceshi.gov.cn/zq/yongan/\""), "{content}");
    assert!(content.contains("href=\"https://www.ceshi.gov.cn/zq/jgzn/\""), "{content}");
    assert!(!content.contains("<script") && !content.contains("onclick"), "feed content is the sanitized body");
    assert_eq!(diaoyan["tags"][0], "工作动态");
    // Pages link their site's feed for readers to discover.
    let home = std::fs::read_to_string(out.join("jyj/index.html")).unwrap();
    assert!(home.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"测试县教育局\" href=\"/zq/jyj/feed.xml\">"
    ));
}

#[test]
fn feed_items_setting_caps_every_feed() {
    let tmp = fixture("basic");
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap() + "feed_items: 2\n";
    std::fs::write(&cfg, text).unwrap();
    build_ok(tmp.path(), &["--today", "2026-11-25"]);
    let feeds = parse_feeds(&tmp.path().join("public"), &["", "feeds/"]);
    for d in ["", "feeds/"] {
        assert_eq!(feeds[d]["entries"].as_array().unwrap().len(), 2, "{d}");
    }
}

/// With the build cache the entries are made while the pages render (from the body the render
/// renders anyway); without it, after. Both give the same feeds, the first build and a second
/// one that takes the entries from the cache.
#[test]
fn entries_made_while_rendering_equal_entries_made_after() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let base = ["--today", "2026-11-25", "--base-url", "https://www.ceshi.gov.cn/zq/"];
    let feeds_of = |out: &str| -> std::collections::BTreeMap<String, Vec<u8>> {
        let tree = common::read_tree(&root.join(out));
        tree.into_iter().filter(|(p, _)| p.ends_with("feed.xml") || p.ends_with("feed.json")).collect()
    };
    let out = |name: &str| root.join(name).to_string_lossy().into_owned();
    build_ok(root, &[&base[..], &["--no-cache", "--out", &out("plain")]].concat());
    build_ok(root, &[&base[..], &["--out", &out("cached")]].concat());
    assert!(root.join(".zhanqun-cache").is_dir(), "the second build used the cache");
    let plain = feeds_of("plain");
    assert!(plain.len() > 10, "{:?}", plain.keys());
    assert_eq!(plain, feeds_of("cached"));
    build_ok(root, &[&base[..], &["--out", &out("again")]].concat());
    assert_eq!(plain, feeds_of("again"));
}
