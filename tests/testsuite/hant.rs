//! The 繁體 view (`zh_hant: true`): every HTML page also published under zh-hant/, converted
//! phrase by phrase, with page links kept inside the view and files shared with the simplified
//! site, under a sub-path too; off by default.

use crate::common;

use common::{build_ok, fixture, read};

#[test]
fn every_page_has_a_traditional_twin_with_links_kept_in_the_view() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let cfg = root.join("zhanqun.yaml");
    std::fs::write(&cfg, std::fs::read_to_string(&cfg).unwrap() + "zh_hant: true\n").unwrap();
    let page = root.join("content/jyj/zwdt/gzdt/2026-11-20-lifa.md");
    std::fs::write(&page, "---\ntitle: 县教育局推进教育发展\ndate: 2026-11-20\n---\n\n学校为老人免费理发，头发整齐。详见[机构职能](/jyj/jgzn/)。\n")
        .unwrap();
    build_ok(root, &["--today", "2026-11-25", "--base-url", "/gov/"]);
    let out = root.join("public");
    let html: Vec<String> =
        common::read_tree(&out).into_keys().filter(|p| p.ends_with(".html") && !p.starts_with("zh-hant/")).collect();
    assert!(html.len() > 20);
    for p in &html {
        assert!(out.join("zh-hant").join(p).is_file(), "no Traditional twin of {p}");
    }
    let hant = read(&out, "zh-hant/jyj/zwdt/gzdt/2026-11-20-lifa/index.html");
    assert!(hant.contains("<html lang=\"zh-Hant\""));
    assert!(hant.contains("縣教育局推進教育發展"), "phrase-level: 发展 → 發展");
    assert!(hant.contains("免費理髮，頭髮整齊"), "phrase-level: 理发 → 理髮, 头发 → 頭髮");
    assert!(hant.contains("href=\"/gov/zh-hant/jyj/jgzn/\""), "page links stay in the view");
    assert!(
        common::unhashed(&hant).contains("href=\"/gov/static/css/style.[hash].css\""),
        "files are shared with the simplified site"
    );
    assert!(hant.contains("<a data-script-switch href=\"/gov/jyj/zwdt/gzdt/2026-11-20-lifa/\""), "the way back");
    let hans = read(&out, "jyj/zwdt/gzdt/2026-11-20-lifa/index.html");
    assert!(hans.contains("头发整齐") && hans.contains("href=\"/gov/zh-hant/jyj/zwdt/gzdt/2026-11-20-lifa/\""));
    let manifest = read(&out, "manifest.json");
    assert!(manifest.contains("\"zh-hant/jyj/zwdt/gzdt/2026-11-20-lifa/index.html\""), "the view is in the manifest");
}

#[test]
fn the_view_is_off_unless_asked_for() {
    let tmp = fixture("basic");
    build_ok(tmp.path(), &["--today", "2026-11-25"]);
    let out = tmp.path().join("public");
    assert!(!out.join("zh-hant").exists());
    assert!(!read(&out, "index.html").contains("data-script-switch"));
}
