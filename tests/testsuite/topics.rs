//! Special topics (专题): a topic folder gathers tagged pages from every site of the cluster
//! into its sub-columns (filtered by column and site), publishes its banner, and is linked from
//! the portal; bad topic settings are clear errors.

use crate::common;

use common::{build, build_ok, fixture, read};
use std::path::Path;

/// Adds `topics: [tag]` to a page's front matter.
fn tag(root: &Path, rel: &str, tag: &str) {
    let f = root.join("content").join(rel);
    let text = std::fs::read_to_string(&f).unwrap();
    let end = text[4..].find("\n---\n").unwrap() + 4;
    std::fs::write(&f, format!("{}\ntopics: [{tag}]{}", &text[..end], &text[end..])).unwrap();
}

fn topic(root: &Path, yaml: &str) {
    let dir = root.join("topics/fxjz");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("topic.yaml"), yaml).unwrap();
    std::fs::write(dir.join("banner.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
}

const TOPIC: &str = "name: 防汛减灾专题\ntag: 防汛\nbanner: banner.svg\nintro: 汛期**安全**。\ncolumns:\n  \
    - {id: wj, name: 政策文件, from: [xxgk/zcwj]}\n  - {id: dt, name: 工作动态, from: [zwdt]}\n  \
    - {id: xz, name: 乡镇动态, sites: [yongan]}\n";

#[test]
fn a_topic_gathers_tagged_pages_from_three_sites() {
    let tmp = fixture("basic");
    let root = tmp.path();
    tag(root, "portal/zwdt/gzdt/2026-11-10-diaoyan.md", "防汛");
    tag(root, "portal/xxgk/zcwj/2026-09-01-fangan.md", "防汛, 安全生产");
    tag(root, "jyj/zwdt/gzdt/2026-11-18-anquan.md", "防汛");
    tag(root, "yongan/zwdt/gzdt/2026-11-15-fanghuo.md", "防汛");
    tag(root, "jyj/xxgk/zcwj/2026-03-01-zizhu.md", "别的专题");
    topic(root, TOPIC);
    build_ok(root, &["--today", "2026-11-25"]);
    let out = root.join("public");
    let landing = read(&out, "zt/fxjz/index.html");
    assert!(landing.contains("<img class=\"topic-banner\" src=\"/zt/fxjz/banner.svg\""), "{landing}");
    assert!(landing.contains("汛期<strong>安全</strong>。"), "the intro is Markdown");
    assert!(out.join("zt/fxjz/banner.svg").is_file(), "the banner is published");
    let hrefs = |html: &str| -> Vec<String> {
        let list = &html[html.find("<ul class=\"item-list").unwrap()..];
        let list = &list[..list.find("</ul>").unwrap()];
        list.split("<a href=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
    };
    // 工作动态 pulls from zwdt of every site, newest first: jyj, yongan, then (the fixture
    // lists two per page) the portal's on page 2.
    assert_eq!(
        hrefs(&read(&out, "zt/fxjz/dt/index.html")),
        ["/jyj/zwdt/gzdt/2026-11-18-anquan/", "/yongan/zwdt/gzdt/2026-11-15-fanghuo/"]
    );
    assert_eq!(hrefs(&read(&out, "zt/fxjz/dt/page/2/index.html")), ["/zwdt/gzdt/2026-11-10-diaoyan/"]);
    assert_eq!(hrefs(&read(&out, "zt/fxjz/wj/index.html")), ["/xxgk/zcwj/2026-09-01-fangan/"]);
    assert_eq!(hrefs(&read(&out, "zt/fxjz/xz/index.html")), ["/yongan/zwdt/gzdt/2026-11-15-fanghuo/"]);
    assert!(!landing.contains("2026-03-01-zizhu"), "a page of another topic is not pulled");
    let index = read(&out, "zt/index.html");
    assert!(index.contains("href=\"/zt/fxjz/\"") && index.contains("4条信息"), "{index}");
    assert!(read(&out, "index.html").contains("href=\"/zt/fxjz/\""), "the portal links its topics");
}

#[test]
fn bad_topic_settings_are_clear_errors() {
    for (yaml, says) in [
        ("name: x\ncolumns:\n  - {id: a, name: A, from: [nope/col]}\n", "pulls from unknown column `nope/col`"),
        ("name: x\ncolumns:\n  - {id: a, name: A, sites: [nosite]}\n", "names unknown site `nosite`"),
        ("name: x\nbanner: missing.png\n", "the banner `missing.png` is not in topics/fxjz/"),
        ("name: x\ncolumns:\n  - {id: a, name: A}\n  - {id: a, name: B}\n", "is not a unique URL segment"),
        ("name: x\ncolour: red\n", "unknown setting `colour`"),
    ] {
        let tmp = fixture("basic");
        topic(tmp.path(), yaml);
        let out = build(tmp.path(), &["--today", "2026-11-25", "--lang", "en"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{yaml}");
        assert!(err.contains("topics/fxjz/topic.yaml") && err.contains(says), "{yaml}\n{err}");
    }
}
