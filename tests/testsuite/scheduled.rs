//! Scheduled publishing: a page dated after `--today` is left out of every output (its page,
//! lists, sitemap, catalog) until a build runs on or after its date; a link to it from a
//! published page is an error that names the date.

use crate::common;

use common::{build, build_ok, fixture, read};
use std::path::Path;

const DOC: &str = "content/jyj/xxgk/zcwj/2026-12-01-dingshi.md";

fn plant(root: &Path) {
    std::fs::write(
        root.join(DOC),
        "---\ntitle: 关于2027年元旦假期安排的通知\ndate: 2026-12-01\nindex_no: 11520330MB1730478Y/2026-00002\n\
         doc_number: 测教发〔2026〕9号\ntopic: 综合政务\ngenre: 通知\n---\n\n元旦假期安排如下。\n",
    )
    .unwrap();
}

#[test]
fn a_future_page_appears_only_once_its_date_has_come() {
    let tmp = fixture("basic");
    plant(tmp.path());
    let out = tmp.path().join("public");
    let url = "jyj/xxgk/zcwj/2026-12-01-dingshi/";
    let everywhere = |out: &Path| {
        [
            out.join(url).join("index.html").exists(),
            read(out, "jyj/xxgk/zcwj/index.html").contains("2026-12-01-dingshi"),
            read(out, "jyj/sitemap.xml").contains("2026-12-01-dingshi"),
            read(out, "catalog.json").contains("11520330MB1730478Y/2026-00002"),
            read(out, "xxgk/gkml/index.html").contains("11520330MB1730478Y/2026-00002"),
        ]
    };
    let err = build_ok(tmp.path(), &["--today", "2026-11-30"]);
    assert!(err.contains("以下 1 篇稿件的发布日期在今天之后") && err.contains(DOC), "{err}");
    assert_eq!(everywhere(&out), [false; 5], "a scheduled page leaked into the output");
    build_ok(tmp.path(), &["--today", "2026-12-01"]);
    assert_eq!(everywhere(&out), [true; 5], "on its date the page is published everywhere");
}

#[test]
fn a_link_to_a_scheduled_page_names_its_date() {
    let tmp = fixture("basic");
    plant(tmp.path());
    let news = tmp.path().join("content/jyj/zwdt/gzdt/2026-11-18-anquan.md");
    let text = std::fs::read_to_string(&news).unwrap();
    std::fs::write(&news, format!("{text}\n见[元旦安排](../../xxgk/zcwj/2026-12-01-dingshi.md)。\n")).unwrap();
    let out = build(tmp.path(), &["--today", "2026-11-30"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/jyj/zwdt/gzdt/2026-11-18-anquan.md") && err.contains("定于 2026-12-01 发布"),
        "{err}"
    );
    build_ok(tmp.path(), &["--today", "2026-12-01"]);
}

#[test]
fn scheduled_pages_are_named_with_their_dates() {
    let tmp = fixture("basic");
    plant(tmp.path());
    let err = build_ok(tmp.path(), &["--today", "2026-11-30", "--no-cache"]);
    assert!(err.contains("以下 1 篇稿件的发布日期在今天之后"), "{err}");
    assert!(err.contains(&format!("  {DOC}（发布日期 2026-12-01）")), "{err}");
    // The cached report names them too.
    let err = build_ok(tmp.path(), &["--today", "2026-11-30", "--lang", "en"]);
    assert!(err.contains("1 page(s) dated after today are scheduled and were left out"), "{err}");
    assert!(err.contains(&format!("  {DOC} (publish date 2026-12-01)")), "{err}");
}
