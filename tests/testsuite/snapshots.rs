//! Whole-page snapshots (insta) of the fixture cluster's rendered HTML: a change to any
//! template, the navigation, the footer furniture, the meta tags or the disclosure block shows
//! up as a reviewable diff (`cargo insta review`), not as a silent change on 70 sub-sites. The
//! content hash in theme file names is written `[hash]`: a style-sheet edit is not a page change.

use crate::common;

use common::{build_ok, fixture, read};

/// Builds `tests/fixtures/basic` once and snapshots one page of each template.
#[test]
fn rendered_pages_match_their_snapshots() {
    let tmp = fixture("basic");
    build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    for (name, rel) in [
        ("portal_home", "index.html"),
        ("department_home", "jyj/index.html"),
        ("column_list", "zwdt/gzdt/index.html"),
        ("news_article", "zwdt/gzdt/2026-11-20-huiyi/index.html"),
        ("disclosed_document", "xxgk/zcwj/2026-09-01-fangan/index.html"),
        ("single_page", "jyj/jgzn/index.html"),
        ("cluster_directory", "zqdh/index.html"),
        ("search_page", "search/index.html"),
        ("not_found", "404.html"),
    ] {
        insta::assert_snapshot!(name, common::unhashed(&read(&out, rel)));
    }
}
