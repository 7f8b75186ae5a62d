//! Hostile input: the OWASP XSS filter-evasion vectors (tests/hostile/xss-vectors.txt) as raw
//! HTML in page bodies and as titles, Markdown links and images with javascript:, vbscript:
//! and data: URLs, path traversal in slugs and links, template syntax in titles, control
//! characters, a 10 MB page and a 10,000-level nested list. The build either refuses a page
//! with a clear message or renders it inert; chromium then loads every page and sees no
//! script run, no dialog, no request to another host and no dangerous markup in the DOM.

use crate::common;

use common::server::{Serving, StaticServer};
use common::{build, fixture, repo_root};
use serde_json::Value;
use std::path::Path;

const TODAY: &str = "2026-11-25";
const NEWS: &str = "content/portal/zwdt/gzdt";

/// Markdown-level vectors: links, images, autolinks and references with dangerous URLs,
/// and path traversal in link targets.
const MARKDOWN_VECTORS: &[&str] = &[
    "[x](javascript:alert('XSS'))",
    "[x](JAVASCRIPT:alert('XSS'))",
    "[x]( javascript:alert('XSS'))",
    "[x](java&#x09;script:alert('XSS'))",
    "[x](&#106;avascript:alert('XSS'))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=)",
    "[x](vbscript:msgbox('XSS'))",
    "![x](javascript:alert('XSS'))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<javascript:alert('XSS')>",
    "[x][r]\n\n[r]: javascript:alert('XSS')",
    "[x](https://xss.example/\" onmouseover=\"alert('XSS'))",
    "[x](</zwdt/\" onclick=\"alert('XSS')>)",
];

/// Titles: markup, template syntax, a closing title tag.
const TITLES: &[&str] = &[
    "<script>alert('XSS')</script>",
    "\"><img src=x onerror=alert('XSS')>",
    "</title><script>alert('XSS')</script>",
    "{{ 7 * 7 }} {% raw %} {# x #}",
    "<svg/onload=alert('XSS')>",
];

fn yaml_single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn page(root: &Path, slug: &str, title: &str, body: &str) {
    let text = format!("---\ntitle: {}\ndate: 2026-10-01\n---\n\n{body}\n", yaml_single_quoted(title));
    std::fs::write(root.join(NEWS).join(format!("2026-10-01-{slug}.md")), text).unwrap();
}

/// Builds `root` into ROOT/public; returns the exit code and stderr.
/// Builds with English messages: these tests read the diagnostics' layout (`error[rule]`, `help:`),
/// not their language (tests/testsuite/mistakes.rs covers the Chinese).
fn build_it(root: &Path) -> (Option<i32>, String) {
    let out = build(root, &["--today", TODAY, "--no-cache", "--lang", "en"]);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn vectors() -> Vec<String> {
    std::fs::read_to_string(repo_root().join("tests/hostile/xss-vectors.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn xss_vectors_are_rendered_inert_in_chromium() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let vectors = vectors();
    assert!(vectors.len() >= 80, "{} vectors", vectors.len());
    // Several vectors load `x` relative to the page: let it exist, so that those pages are
    // published (and loaded in the browser) rather than refused as broken links.
    std::fs::write(root.join(NEWS).join("x"), "x").unwrap();
    for (i, v) in vectors.iter().enumerate() {
        page(root, &format!("xss{i}"), &format!("向量{i} {v}"), &format!("第{i}条：\n\n{v}\n\n段落后文。"));
    }
    for (i, v) in MARKDOWN_VECTORS.iter().enumerate() {
        page(root, &format!("md{i}"), &format!("链接{i}"), &format!("正文 {v} 结束。"));
    }
    for (i, t) in TITLES.iter().enumerate() {
        page(root, &format!("title{i}"), t, "标题测试。");
    }
    let (code, err) = build_it(root);
    // The raw-HTML vectors and dangerous links are removed with warnings; a vector whose
    // mangled URL is a relative path to nothing is a broken link, an error naming the page.
    // Either way nothing dangerous is published: drop the refused pages and build the rest.
    let mut refused = 0;
    if code != Some(0) {
        assert_eq!(code, Some(1), "{err}");
        for line in err.lines().filter(|l| l.contains(": error[")) {
            assert!(
                line.starts_with("content/portal/zwdt/gzdt/2026-10-01-") && line.contains("error[link]"),
                "unexpected error: {line}\n{err}"
            );
            let file = line.split(':').next().unwrap();
            if std::fs::remove_file(root.join(file)).is_ok() {
                refused += 1;
            }
        }
        let (code, err) = build_it(root);
        assert_eq!(code, Some(0), "{err}");
    }
    assert!(refused <= 3, "{refused} hostile pages refused:\n{err}");
    let out = root.join("public");
    let mut paths: Vec<String> = common::read_tree(&out)
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .map(|k| format!("/{}", k.trim_end_matches("index.html")))
        .collect();
    paths.sort();
    let hostile = paths
        .iter()
        .filter(|p| ["2026-10-01-xss", "2026-10-01-md", "2026-10-01-title"].iter().any(|h| p.contains(h)))
        .count();
    let made = vectors.len() + MARKDOWN_VECTORS.len() + TITLES.len();
    assert_eq!(hostile, made - refused, "every hostile page not refused is published");
    let list = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list.path(), serde_json::to_vec(&paths).unwrap()).unwrap();
    let server = StaticServer::start_with(&out, Serving { ranges: true, headers: false });
    let script = repo_root().join("tests/browser/hostile.mjs");
    let run = std::process::Command::new("node")
        .arg(&script)
        .arg(server.origin())
        .arg(list.path())
        .current_dir(repo_root().join("tests/browser"))
        .output()
        .expect("node");
    assert!(run.status.success(), "hostile.mjs failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["pages"].as_u64(), Some(paths.len() as u64));
    assert_eq!(report["events"], Value::Array(vec![]), "injected code ran or reached out");
    assert_eq!(report["dom"], Value::Array(vec![]), "dangerous markup reached the DOM");
}

#[test]
fn extreme_pages_are_refused_clearly_or_built() {
    // Each case in its own cluster, so that one refusal does not hide another.
    let cases: Vec<(&str, String, String)> = vec![
        ("control", "控制\u{7}字符\u{1b}[31m".into(), "正文\u{0}含\u{8}控制字符\u{202e}反向。".into()),
        ("nested", "深层嵌套".into(), format!("{}底", "- ".repeat(10_000))),
        ("quotes", "深层引用".into(), format!("{}底", "> ".repeat(10_000))),
        ("huge", "十兆页面".into(), "政务公开内容。".repeat(10 * 1024 * 1024 / 21)),
        ("traversal", "路径穿越".into(), "[a](../../../../../../etc/passwd) ![b](/../../../etc/shadow)".into()),
    ];
    for (name, title, body) in cases {
        let tmp = fixture("basic");
        let root = tmp.path();
        page(root, name, &title, &body);
        let started = std::time::Instant::now();
        let (code, err) = build_it(root);
        let took = started.elapsed();
        assert!(took.as_secs() < 60, "{name}: the build took {took:?}");
        match code {
            Some(0) => {
                let html = common::read(&root.join("public"), &format!("zwdt/gzdt/2026-10-01-{name}/index.html"));
                assert!(!html.contains('\u{0}') && !html.contains('\u{1b}'), "{name}: control characters published");
                assert!(!html.contains("etc/passwd\"") || !html.contains("href=\"/etc/passwd"), "{name}");
            }
            Some(1) => assert!(
                err.contains(&format!("2026-10-01-{name}.md")) && err.contains("help:"),
                "{name}: refused without naming the file and a fix:\n{err}"
            ),
            other => panic!("{name}: the build crashed ({other:?}):\n{}", &err[..err.len().min(3000)]),
        }
    }
    // A slug that climbs out of its column is refused.
    let tmp = fixture("basic");
    let root = tmp.path();
    std::fs::write(
        root.join(NEWS).join("2026-10-01-climb.md"),
        "---\ntitle: 穿越\ndate: 2026-10-01\nslug: ../../../evil\n---\n\n穿越栏目的稿件。\n",
    )
    .unwrap();
    let (code, err) = build_it(root);
    let escaped = root.join("evil").exists() || root.join("public/evil").exists() || root.join("../evil").exists();
    assert!(!escaped, "a slug wrote outside its column");
    if code == Some(0) {
        assert!(!common::read_tree(&root.join("public")).keys().any(|k| k.starts_with("evil")), "{err}");
    } else {
        assert!(code == Some(1) && err.contains("2026-10-01-climb.md") && err.contains("slug"), "{err}");
    }
}
