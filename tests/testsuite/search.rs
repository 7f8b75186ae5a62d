//! The cluster search (统一检索) on the example cluster: the index files and their manifest
//! entries, the query-side segmenter in `search.js` agreeing with the Rust one, every page
//! found by its own title and the known-item queries of `tests/search_queries.yaml` answered
//! (in node, through the theme's own `search.js`), and the whole thing in Debian's headless
//! chromium: Chinese typed into the header box, results from several sub-sites, scope and
//! filters, keyboard only, a phone screen, a strict Content-Security-Policy, a sub-path, a
//! server without range requests, and no JavaScript at all.
//!
//! Needs `node`, `npm ci` in `tests/browser` and `/usr/bin/chromium` (or `CHROMIUM`), like
//! `tests/testsuite/markup_and_access.rs`; a missing tool fails the test, it never skips.

use crate::common;

use common::server::{Serving, StaticServer};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use zhanqun::search::segment;

/// The sub-path of the sub-path build.
const SUB_PATH: &str = "/zhanqun/sub/";

/// Least recall@10 the known-item queries must reach.
const MIN_RECALL: f64 = 0.95;

fn build(out: &Path, extra: &[&str]) {
    let mut args = vec!["--out", out.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    common::build_ok(&common::repo_root(), &args);
}

/// `tests/search_queries.yaml`.
fn known_queries() -> Vec<Value> {
    let text = std::fs::read_to_string(common::repo_root().join("tests/search_queries.yaml")).expect("read queries");
    let list: Vec<Value> = serde_yaml_ng::from_str(&text).expect("tests/search_queries.yaml parses");
    assert!(list.len() >= 30, "the query set should hold at least 30 queries");
    list
}

/// Runs a node script (path relative to the repository); returns the JSON it prints.
fn node(script: &str, args: &[&str]) -> Value {
    let browser = common::repo_root().join("tests/browser");
    assert!(
        browser.join("node_modules/playwright-core").is_dir(),
        "run `npm ci` in tests/browser first (.ci/run does)"
    );
    let out = Command::new("node")
        .arg(common::repo_root().join(script))
        .args(args)
        .current_dir(&browser)
        .output()
        .expect("run node (is Node.js installed?)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed (is chromium installed at /usr/bin/chromium?):\n{stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stderr}"))
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(value).expect("serialise")).expect("write json");
    path
}

#[test]
fn index_files_are_written_listed_and_few() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build(&out, &[]);
    let index: Value = serde_json::from_str(&common::read(&out, "search/index.json")).expect("index.json");
    assert_eq!(index["format"], 5);
    // Where each metadata chunk starts: at page 0, and in page order.
    let starts: Vec<u64> = index["starts"].as_array().expect("starts").iter().filter_map(Value::as_u64).collect();
    assert!(starts.first() == Some(&0) && starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    let dir = index["dir"].as_str().expect("dir");
    assert!(out.join("search").join(dir).join("tables.bin").is_file());
    assert!(out.join("search/index.html").is_file(), "the results page");
    let manifest: Value = serde_json::from_str(&common::read(&out, "manifest.json")).expect("manifest.json");
    let listed: BTreeSet<&str> =
        manifest["files"].as_array().expect("files").iter().filter_map(|f| f["path"].as_str()).collect();
    let on_disk: Vec<String> = walkdir::WalkDir::new(out.join("search"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&out).expect("under out").to_string_lossy().replace('\\', "/"))
        .collect();
    for f in &on_disk {
        assert!(listed.contains(f.as_str()), "{f} is not in manifest.json");
    }
    let pages = index["pages"].as_u64().expect("pages") as usize;
    assert!(pages >= 200, "every page of the example is indexed, found {pages}");
    // The Traditional → Simplified query table is a fixed set of files (t2s/), whatever the
    // page count; the rest grows with the pages.
    let (t2s, grown): (Vec<&String>, Vec<&String>) = on_disk.iter().partition(|f| f.contains("/t2s/"));
    assert!(grown.len() < 200, "{} search files for {pages} pages", grown.len());
    assert!(!t2s.is_empty() && t2s.len() <= 64, "{} t2s files", t2s.len());
    // Every page's header has the search box, scoped to its own site by default.
    let jyj = common::read(&out, "jyj/index.html");
    assert!(jyj.contains(r#"<form class="site-search" role="search" action="/search/" method="get">"#), "{jyj}");
    assert!(jyj.contains(
        r#"<select id="hs-site" name="site"><option value="jyj">本站</option><option value="">全站群</option>"#
    ));
    // Only the results page loads search.js.
    assert!(!jyj.contains("search.js"));
    assert!(
        common::unhashed(&common::read(&out, "search/index.html"))
            .contains(r#"<script src="/static/js/search.[hash].js" defer></script>"#)
    );
}

#[test]
fn index_lives_under_the_base_path() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build(&out, &["--base-url", SUB_PATH]);
    let page = common::read(&out, "search/index.html");
    assert!(page.contains(r#"action="/zhanqun/sub/search/""#), "the form posts under the base path");
    assert!(
        common::unhashed(&page).contains(r#"<script src="/zhanqun/sub/static/js/search.[hash].js" defer></script>"#)
    );
    assert!(common::read(&out, "taiping/index.html").contains(r#"action="/zhanqun/sub/search/""#));
    // The index itself holds cluster-relative URLs: the base path is the browser's to add.
    assert!(out.join("search/index.json").is_file());
}

#[test]
fn search_can_be_turned_off_and_bad_settings_are_named() {
    let tmp = common::fixture("basic");
    let cfg = tmp.path().join("zhanqun.yaml");
    let original = std::fs::read_to_string(&cfg).expect("zhanqun.yaml");
    std::fs::write(&cfg, format!("{original}\nsearch:\n  enabled: false\n")).expect("write");
    common::build_ok(tmp.path(), &[]);
    let public = tmp.path().join("public");
    assert!(!public.join("search").exists(), "no search files when search is off");
    assert!(!common::read(&public, "index.html").contains("site-search"), "no search box when search is off");

    std::fs::write(&cfg, format!("{original}\nsearch:\n  shards: 4\n")).expect("write");
    let out = common::build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("zhanqun.yaml") && err.contains("shards"), "{err}");
}

/// On a cluster large enough for common words to have long tails (6,000 generated pages), the
/// presences the browser reads to know exactly which pages hold every word are stored gzipped
/// and read back by `search.js`: a two-word query counts exactly the pages holding both words
/// and every result holds both.
#[test]
fn gzipped_presences_give_exact_answers() {
    let tmp = common::fixture("basic");
    let dir = tmp.path().join("content/yongan/zwdt/gzdt");
    let start = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).expect("date");
    let (a, b) = (|i: usize| (i / 400).is_multiple_of(2), |i: usize| (i / 250) % 3 != 1);
    let mut both = BTreeSet::new();
    for i in 0..6000 {
        let date = start + chrono::Days::new(i as u64);
        let mut body = format!("永安镇第{i}号工作简报，记录当日事务。");
        if a(i) {
            body.push_str("本镇持续优化营商环境。");
        }
        if b(i) {
            body.push_str("全面推进乡村振兴。");
        }
        let slug = format!("{date}-p{i}");
        std::fs::write(
            dir.join(format!("{slug}.md")),
            format!("---\ntitle: 工作简报{i}\ndate: {date}\n---\n\n{body}\n"),
        )
        .expect("write page");
        if a(i) && b(i) {
            both.insert(format!("/yongan/zwdt/gzdt/{slug}/"));
        }
    }
    let err = common::build_ok(tmp.path(), &["--verbose", "--no-cache"]);
    let packed: usize = err
        .split(" 个压缩存储")
        .next()
        .and_then(|s| s.rsplit('，').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no search figures in --verbose output:\n{err}"));
    assert!(packed > 0, "some presences are gzipped:\n{err}");
    let out = tmp.path().join("public");
    let report = node("scripts/search-query.mjs", &[out.to_str().expect("utf-8"), "营商环境 乡村振兴"]);
    let r = &report["results"][0];
    assert_eq!(r["total"].as_u64(), Some(both.len() as u64), "{r}");
    assert_eq!(r["exact"], true, "{r}");
    assert!(r["bytes"]["tails"].as_u64() > Some(0), "the presences were read: {r}");
    let urls = r["urls"].as_array().expect("urls");
    assert_eq!(urls.len(), 10, "{r}");
    assert!(urls.iter().all(|u| both.contains(u.as_str().expect("url"))), "{r}");
}

/// The browser segments the query with the same rules the build segmented the pages with:
/// the same strings through `search.js` (in node) and through `zhanqun::search::segment`.
#[test]
fn javascript_and_rust_segment_queries_alike() {
    let strings = [
        "营商环境",
        "营商环境 乡村振兴",
        "茶",
        "茶 产业发展",
        "示教发〔2024〕12号",
        "〔2024〕012号",
        "[2024]12号 【2023】7号 （2022）3号 ﹝2021﹞1号 〖2020〗9号",
        "〔2024〕12",
        "〔202〕1号",
        "11520330MB1730478Y/2026-00006",
        "ＡＢＣ１２３　全角",
        "COVID-19疫情防控",
        "“放管服”改革",
        "《示例县优化营商环境若干措施》政策解读",
        "2026年第19次常务会议",
        "𠀀𠀁 𪚥 〇",
        "あいう 한국어 русский café",
        "a".repeat(60).as_str(),
        "  ,，。；  ",
        "",
        "5·20 “119” 0851-2679740",
        "营商营商环境环境",
    ]
    .map(String::from);
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = write_json(tmp.path(), "strings.json", &json!(strings));
    let js = common::repo_root().join("themes/default/static/js/search.js");
    let got = node("tests/browser/segment.mjs", &[js.to_str().expect("utf-8"), file.to_str().expect("utf-8")]);
    let want: Vec<Value> = strings
        .iter()
        .map(|s| {
            json!(
                segment::query_words(s)
                    .into_iter()
                    .map(|w| json!({"text": w.text, "tokens": w.tokens}))
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    for (i, s) in strings.iter().enumerate() {
        assert_eq!(got[i], want[i], "search.js and the index segment {s:?} differently");
    }
}

/// Every page of the example is the first ten results for its own title, and every
/// known-item query finds its answer, through the theme's search.js in node.
#[test]
fn every_page_is_found_by_its_title_and_known_items_are_found() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build(&out, &[]);
    let mut by_title = Vec::new();
    for e in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        // The 繁體 view (zh-hant/) is not indexed: its pages are the simplified ones converted.
        if e.file_name() != "index.html" || e.path().strip_prefix(&out).is_ok_and(|p| p.starts_with("zh-hant")) {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).expect("read page");
        let marker = r#"<meta name="ArticleTitle" content=""#;
        let Some(at) = html.find(marker) else { continue };
        let rest = &html[at + marker.len()..];
        let title = zhanqun::search::extract::decode_entities(&rest[..rest.find('"').expect("closing quote")]);
        let rel =
            e.path().parent().expect("dir").strip_prefix(&out).expect("under out").to_string_lossy().replace('\\', "/");
        let url = if rel.is_empty() { "/".to_string() } else { format!("/{rel}/") };
        by_title.push(json!({"q": title, "want": url}));
    }
    assert!(by_title.len() >= 200, "found {} articles", by_title.len());
    let file = write_json(tmp.path(), "titles.json", &json!(by_title));
    let report = node(
        "scripts/search-query.mjs",
        &[out.to_str().expect("utf-8"), "--queries", file.to_str().expect("utf-8"), "--summary"],
    );
    assert_eq!(report["recall@10"], 1.0, "pages not found by their own title: {}", report["missed"]);

    let file = write_json(tmp.path(), "known.json", &json!(known_queries()));
    let report = node(
        "scripts/search-query.mjs",
        &[out.to_str().expect("utf-8"), "--queries", file.to_str().expect("utf-8"), "--summary"],
    );
    assert_eq!(report["recall@10"], 1.0, "known items missed: {}", report["missed"]);
    assert!(report["median_bytes"].as_f64().expect("bytes") < 100_000.0, "{report}");
}

/// Filters and scope in node: every result satisfies them, and they narrow the results.
#[test]
fn filters_narrow_the_results_to_what_they_name() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build(&out, &[]);
    let run = |args: &[&str]| {
        let mut all = vec![out.to_str().expect("utf-8")];
        all.extend_from_slice(args);
        node("scripts/search-query.mjs", &all)["results"][0].clone()
    };
    let all = run(&["森林防火"]);
    let urls = |r: &Value| -> Vec<String> {
        r["urls"].as_array().expect("urls").iter().map(|u| u.as_str().expect("url").to_owned()).collect()
    };
    let sites: BTreeSet<String> = urls(&all).iter().map(|u| u.split('/').nth(1).unwrap_or("").to_owned()).collect();
    assert!(sites.len() >= 3, "森林防火 should be found on several sites: {all}");
    let qingshan = run(&["森林防火", "--site", "qingshan"]);
    assert!(!urls(&qingshan).is_empty() && urls(&qingshan).iter().all(|u| u.starts_with("/qingshan/")), "{qingshan}");
    let y2024 = run(&["森林防火", "--year", "2024"]);
    assert_eq!(urls(&y2024), ["/qingshan/xxgk/zcwj/2024-10-18-senlin-fanghuo-tongzhi/"], "{y2024}");
    let zcwj = run(&["森林防火", "--column", "xxgk/zcwj"]);
    assert!(urls(&zcwj).len() >= 3 && urls(&zcwj).iter().all(|u| u.contains("/xxgk/zcwj/")), "{zcwj}");
    let jiedu = run(&["营商环境", "--genre", "解读"]);
    assert_eq!(urls(&jiedu), ["/xxgk/zcwj/2026-06-18-youhua-yingshang-huanjing-jiedu/"], "{jiedu}");
    assert!(all["total"].as_u64() > qingshan["total"].as_u64());
}

fn assert_quiet(report: &Value) {
    assert_eq!(report["console"], json!([]), "script errors, CSP violations, failed or external requests");
}

fn recall(report: &Value) -> f64 {
    let r = report["recall"].as_array().expect("recall");
    let hits = r.iter().filter(|x| x["got"].as_array().expect("got").iter().any(|g| g == &x["want"])).count();
    let missed: Vec<String> = r
        .iter()
        .filter(|x| !x["got"].as_array().expect("got").iter().any(|g| g == &x["want"]))
        .map(|x| format!("{} → want {}, got {}", x["q"], x["want"], x["got"]))
        .collect();
    eprintln!("recall@10 {hits}/{} in chromium; missed: {missed:#?}", r.len());
    hits as f64 / r.len() as f64
}

fn result_paths(r: &Value) -> Vec<String> {
    r["items"].as_array().expect("items").iter().map(|i| i["path"].as_str().expect("path").to_owned()).collect()
}

/// In chromium, served with range requests and a strict Content-Security-Policy: Chinese typed
/// into the portal's search box finds pages of several sites, with link first, highlighted
/// title and excerpt; a sub-site's box searches that site; year, genre and column filters
/// narrow the results to what they name; the box is reached and used by keyboard alone; the
/// results fit a phone; the known-item queries reach recall@10 ≥ 0.95; nothing violates the
/// policy.
#[test]
fn search_works_in_chromium_under_a_strict_csp() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build(&out, &[]);
    let server = StaticServer::start_with(&out, Serving { ranges: true, headers: true });
    let cfg = json!({
        "origin": server.origin(), "base": "/", "query": "森林防火", "scope_site": "qingshan",
        "filter": {"year": "2024", "genre": "解读", "q": "营商环境", "column": "xxgk/zcwj"},
        "queries": known_queries(),
        "scenarios": ["header", "scope", "filters", "keyboard", "recall", "mobile", "hant"],
        "hant": {"simplified": "营商环境", "traditional": "營商環境"},
    });
    let report = node("tests/browser/search.mjs", &[write_json(tmp.path(), "cfg.json", &cfg).to_str().expect("utf-8")]);
    assert_quiet(&report);

    let header = &report["header"];
    assert!(header["url"].as_str().expect("url").starts_with("/search/?q="), "{header}");
    assert_eq!(header["form"]["q"], "森林防火", "the results page shows the query it ran");
    let items = header["items"].as_array().expect("items");
    assert!(items.len() >= 5, "{header}");
    assert!(items.iter().all(|i| i["first"] == "a"), "each result starts with its link");
    assert!(items.iter().all(|i| i["marked"].as_u64() > Some(0)), "query words are highlighted: {header}");
    assert!(items.iter().all(|i| !i["excerpt"].as_str().expect("excerpt").is_empty()), "every result has an excerpt");
    let sites: BTreeSet<&str> = items.iter().filter_map(|i| i["site"].as_str()).collect();
    assert!(sites.len() >= 3, "results from several sub-sites: {sites:?}");

    let scope = &report["scope"];
    assert_eq!(scope["default_scope"], "qingshan", "a sub-site's box searches that site by default");
    assert_eq!(scope["form"]["site"], "qingshan");
    let scoped = result_paths(scope);
    assert!(!scoped.is_empty() && scoped.iter().all(|p| p.starts_with("/qingshan/")), "{scope}");
    assert!(scoped.len() < items.len(), "the site scope narrows the results");

    let f = &report["filters"];
    assert_eq!(result_paths(&f["year"]), ["/qingshan/xxgk/zcwj/2024-10-18-senlin-fanghuo-tongzhi/"], "{}", f["year"]);
    assert!(f["year"]["url"].as_str().expect("url").contains("year=2024"));
    let genre = f["genre"]["items"].as_array().expect("items");
    assert!(!genre.is_empty() && genre.iter().all(|i| i["genre"] == "解读"), "{}", f["genre"]);
    assert!(f["genre"]["before"].as_u64() > Some(genre.len() as u64));
    let column = result_paths(&f["column"]);
    assert!(!column.is_empty() && column.iter().all(|p| p.contains("/xxgk/zcwj/")), "{}", f["column"]);

    let kb = &report["keyboard"];
    assert!(!kb["items"].as_array().expect("items").is_empty(), "keyboard search: {kb}");
    assert!(kb["tabs"].as_u64() < Some(20), "the search box comes early in the tab order: {kb}");

    assert_eq!(report["mobile"]["overflow"], 0, "the results page scrolls sideways on a phone");
    assert!(report["mobile"]["results"].as_u64() > Some(0));
    let r = recall(&report);
    assert!(r >= MIN_RECALL, "recall@10 in chromium is {r:.3}, below {MIN_RECALL}");

    // 繁體: the Traditional query finds what the Simplified one finds, in the same order; the
    // view's pages say zh-Hant, link back to 简体, and its results stay in the view.
    let h = &report["hant"];
    let simplified = result_paths(&h["simplified"]);
    assert!(!simplified.is_empty(), "{h}");
    assert_eq!(result_paths(&h["traditional"]), simplified, "營商環境 finds what 营商环境 finds");
    assert_eq!(h["hans_page"]["href"], "/zh-hant/qingshan/", "{h}");
    assert_eq!(h["hans_page"]["text"], "繁體");
    assert_eq!(h["hant_page"]["lang"], "zh-Hant");
    assert_eq!(h["hant_page"]["href"], "/qingshan/");
    assert_eq!(h["hant_page"]["text"], "简体");
    assert!(h["hant_page"]["title"].as_str().expect("title").contains("青山鎮"), "{h}");
    assert!(h["view"]["url"].as_str().expect("url").starts_with("/zh-hant/search/?q="), "{h}");
    let view = h["view"]["items"].as_array().expect("items");
    assert!(!view.is_empty() && view.iter().all(|i| i["href"].as_str().expect("href").starts_with("/zh-hant/")), "{h}");
}

/// Under a sub-path: the header box leads to the sub-path's results page, and every result
/// link carries the base path.
#[test]
fn search_works_in_chromium_under_a_sub_path() {
    let served = tempfile::tempdir().expect("temp dir");
    let out = served.path().join(SUB_PATH.trim_matches('/'));
    build(&out, &["--base-url", SUB_PATH]);
    let server = StaticServer::start_with(served.path(), Serving { ranges: true, headers: false });
    let queries: Vec<Value> = known_queries().into_iter().take(10).collect();
    let cfg = json!({
        "origin": server.origin(), "base": SUB_PATH, "query": "森林防火", "scope_site": "yongan",
        "queries": queries, "scenarios": ["header", "scope", "recall"],
    });
    let report =
        node("tests/browser/search.mjs", &[write_json(served.path(), "cfg.json", &cfg).to_str().expect("utf-8")]);
    assert_quiet(&report);
    let header = &report["header"];
    assert!(header["url"].as_str().expect("url").starts_with("/zhanqun/sub/search/?q="), "{header}");
    let items = header["items"].as_array().expect("items");
    assert!(items.len() >= 5);
    assert!(
        items.iter().all(|i| i["href"].as_str().expect("href").starts_with(SUB_PATH)),
        "links carry the base: {header}"
    );
    assert!(result_paths(&report["scope"]).iter().all(|p| p.starts_with("/yongan/")));
    assert_eq!(recall(&report), 1.0);
}

/// On a server that ignores range requests (Python's plain `http.server`) the results and
/// their excerpts still come (small text files are read whole); with JavaScript off the
/// results page says how else to find information.
#[test]
fn search_degrades_without_ranges_and_without_javascript() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build(&out, &[]);
    let server = StaticServer::start(&out);
    let cfg = json!({
        "origin": server.origin(), "base": "/", "query": "营商环境",
        "queries": [], "scenarios": ["header", "noscript"],
    });
    let report = node("tests/browser/search.mjs", &[write_json(tmp.path(), "cfg.json", &cfg).to_str().expect("utf-8")]);
    assert_quiet(&report);
    let items = report["header"]["items"].as_array().expect("items");
    assert!(items.len() >= 5, "{report}");
    assert!(items.iter().all(|i| !i["excerpt"].as_str().expect("excerpt").is_empty()), "excerpts without ranges too");
    let ns = &report["noscript"];
    assert!(ns["message"].as_str().expect("message").contains("JavaScript"), "{ns}");
    assert_eq!(ns["results"], 0);
    assert_eq!(ns["form"], true, "the form stays usable without JavaScript");
}

/// A cluster of more pages than one group of the index (4,096) is tokenized group by group
/// while its pages render; the index must be the one `merge` builds afterwards from the
/// finished pages of two shards, which hands every text over at once.
#[test]
fn an_index_built_during_the_render_equals_one_built_after_it() {
    let cluster = common::fixture("basic");
    let root = cluster.path();
    let config = root.join("zhanqun.yaml");
    let text = std::fs::read_to_string(&config).expect("read zhanqun.yaml");
    std::fs::write(&config, text.replace("per_page: 2", "per_page: 500")).expect("write zhanqun.yaml");
    let words = ["营商环境", "乡村振兴", "安全生产", "义务教育", "防汛抗旱", "政务公开", "〔2024〕12号"];
    for i in 0..9000 {
        let (site, column) = [("jyj", "zwdt/gzdt"), ("yongan", "zwdt/gzdt"), ("jyj", "zwdt/tzgg")][i % 3];
        let dir = root.join("content").join(site).join(column);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let (month, day) = (1 + i % 12, 1 + i % 28);
        let page = format!(
            "---\ntitle: 第{i}号{}工作通知\ndate: 2025-{month:02}-{day:02}\n---\n\n本页{i}说明{}和{}的有关事项。\n",
            words[i % 7],
            words[(i / 7) % 7],
            words[(i / 49) % 7]
        );
        std::fs::write(dir.join(format!("2025-{month:02}-{day:02}-p{i}.md")), page).expect("write page");
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let whole = tmp.path().join("whole");
    let log = common::build_ok(root, &["--out", whole.to_str().unwrap(), "--no-cache", "--verbose"]);
    let groups: usize = log
        .split_once("生成页面期间已切词 ")
        .and_then(|(_, after)| after.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("--verbose names the groups tokenized during the render:\n{log}"));
    let tree = common::read_tree(&whole);
    let text_files = tree.keys().filter(|k| k.starts_with("search/v-") && k.contains("/x/")).count();
    assert!(text_files >= 3, "{text_files} text files: the cluster should span several groups");
    assert_eq!(groups, text_files, "every group was tokenized during the render:\n{log}");

    let mut shards = Vec::new();
    for (i, sites) in ["portal,jyj", "yongan"].iter().enumerate() {
        let dir = tmp.path().join(format!("shard{i}"));
        common::build_ok(root, &["--out", dir.to_str().unwrap(), "--sites", sites]);
        shards.push(dir);
    }
    let merged = tmp.path().join("merged");
    let out = common::zhanqun()
        .arg("merge")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(&merged)
        .args(&shards)
        .output()
        .expect("run zhanqun merge");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let other = common::read_tree(&merged);
    let differ: Vec<&String> = tree
        .keys()
        .filter(|k| k.starts_with("search/") && tree.get(*k) != other.get(*k))
        .chain(other.keys().filter(|k| k.starts_with("search/") && !tree.contains_key(*k)))
        .collect();
    assert!(differ.is_empty(), "the index built during the render differs from merge's: {differ:?}");
}
