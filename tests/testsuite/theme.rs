//! A cluster's theme holds only the files it changes: every other file comes from the built-in
//! theme (and so gets its fixes); `zhanqun theme list|eject|diff` show and manage the overrides;
//! the build cache notices a file moving between the cluster's theme and the built-in one.

use crate::common;

use common::{build, build_ok, fixture, read, repo_root, zhanqun};
use std::path::Path;

const TODAY: &str = "2026-11-25";

fn set_theme(root: &Path, name: &str) {
    let cfg = root.join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, format!("{text}theme: {name}\n")).unwrap();
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let end = html[start..].find(to).unwrap_or_else(|| panic!("no {to}")) + start + to.len();
    &html[start..end]
}

fn run(root: &Path, args: &[&str]) -> (bool, String, String) {
    let out = zhanqun().args(args).arg("--root").arg(root).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_theme_of_one_file_changes_that_file_and_takes_every_other_from_the_built_in_theme() {
    let plain = fixture("basic");
    build_ok(plain.path(), &["--today", TODAY]);
    let tmp = fixture("basic");
    let root = tmp.path();
    set_theme(root, "xian");
    write(
        root,
        "themes/xian/templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>测试县自己的页脚</p></footer>\n",
    );
    build_ok(root, &["--today", TODAY]);
    let (mine, built_in) = (read(&root.join("public"), "index.html"), read(&plain.path().join("public"), "index.html"));
    assert!(mine.contains("测试县自己的页脚") && !built_in.contains("测试县自己的页脚"));
    // The header, the page body and the static files are the built-in theme's.
    assert_eq!(between(&mine, "<header", "</header>"), between(&built_in, "<header", "</header>"));
    assert_eq!(between(&mine, "<main", "</main>"), between(&built_in, "<main", "</main>"));
    let out = root.join("public");
    let css = std::fs::read(out.join(common::hashed(&out, "static/css/style.css"))).unwrap();
    assert_eq!(css, std::fs::read(repo_root().join("themes/default/static/css/style.css")).unwrap());
    // A theme name without its directory is refused (a typo), only `default` may have none.
    std::fs::remove_dir_all(root.join("themes")).unwrap();
    let out = build(root, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("找不到主题 `xian`"), "{err}");
}

#[test]
fn a_fix_to_a_built_in_template_reaches_a_cluster_that_did_not_override_it() {
    // The cluster overrides the footer only; its header is the built-in header.html as this
    // binary embeds it, so a change there (a fix in a later release) shows on its pages.
    let tmp = fixture("basic");
    let root = tmp.path();
    write(root, "themes/default/templates/partials/footer.html", "<footer><p>本县页脚</p></footer>\n");
    build_ok(root, &["--today", TODAY]);
    let html = read(&root.join("public"), "index.html");
    let built_in = std::fs::read_to_string(repo_root().join("themes/default/templates/partials/header.html")).unwrap();
    // Literal markup of the built-in header (up to its first template tag) is on the page.
    let literal = &built_in[..built_in.find("{{").unwrap()];
    assert!(literal.len() > 40 && html.contains(literal), "{literal}");
    // `theme list` says where each file comes from.
    let (ok, list, _) = run(root, &["theme", "list"]);
    assert!(ok);
    assert!(
        list.lines().any(|l| l.contains("templates/partials/footer.html") && l.contains("本站群（已修改）")),
        "{list}"
    );
    assert!(
        list.lines().any(|l| l.contains("templates/partials/header.html") && l.trim_end().ends_with("内置")),
        "{list}"
    );
}

#[test]
fn eject_copies_one_built_in_file_and_diff_tells_which_copies_can_go() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let (ok, out, err) = run(root, &["theme", "eject", "partials/footer.html"]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "themes/default/templates/partials/footer.html");
    let ejected = root.join("themes/default/templates/partials/footer.html");
    let original = repo_root().join("themes/default/templates/partials/footer.html");
    assert_eq!(std::fs::read(&ejected).unwrap(), std::fs::read(&original).unwrap());
    assert!(err.contains("已复制到"), "{err}");
    let (_, out, _) = run(root, &["theme", "eject", "static/css/style.css"]);
    assert_eq!(out.trim(), "themes/default/static/css/style.css");
    // An ejected file is never overwritten; an unknown one is named.
    let (ok, _, err) = run(root, &["theme", "eject", "templates/partials/footer.html"]);
    assert!(!ok && err.contains("已经存在"), "{err}");
    let (ok, _, err) = run(root, &["theme", "eject", "partials/nothing.html"]);
    assert!(!ok && err.contains("内置主题里没有文件 `partials/nothing.html`"), "{err}");

    // Both copies still equal the built-in files: diff lists them for deletion.
    let (ok, diff, _) = run(root, &["theme", "diff"]);
    assert!(ok);
    assert!(diff.contains("以下 2 个文件与内置主题完全相同"), "{diff}");
    assert!(diff.contains("  themes/default/templates/partials/footer.html"), "{diff}");
    // Once changed, the footer is kept and the untouched stylesheet can still go.
    let text = std::fs::read_to_string(&ejected).unwrap();
    std::fs::write(&ejected, text.replace("</footer>", "<p>本县新增</p></footer>")).unwrap();
    write(root, "themes/default/static/img/own.png", "png");
    let (_, diff, _) = run(root, &["theme", "diff"]);
    assert!(
        diff.contains("以下 1 个文件与内置主题完全相同") && diff.contains("themes/default/static/css/style.css"),
        "{diff}"
    );
    assert!(diff.contains("以下 1 个文件已修改") && diff.contains("以下 1 个文件只在本站群的主题里"), "{diff}");
    let (_, json, _) = run(root, &["theme", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let state = |p: &str| v["files"].as_array().unwrap().iter().find(|f| f["path"] == p).unwrap()["state"].clone();
    assert_eq!(state("templates/partials/footer.html"), "changed");
    assert_eq!(state("static/css/style.css"), "same");
    assert_eq!(state("static/img/own.png"), "own");
    assert_eq!(state("templates/base.html"), "built-in");
    build_ok(root, &[]);
    assert!(read(&root.join("public"), "index.html").contains("本县新增"));

    // The example cluster's theme is a full copy: every file equals the built-in one.
    let (ok, diff, _) = run(&repo_root(), &["theme", "diff"]);
    assert!(ok && !diff.contains("已修改"), "{diff}");
}

#[test]
fn the_build_cache_notices_an_override_added_and_removed() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    let footer = "themes/default/templates/partials/footer.html";
    write(root, footer, "<footer><p>覆盖后的页脚</p></footer>\n");
    let log = build_ok(root, &["--today", TODAY]);
    assert!(!log.contains("已是最新"), "{log}");
    assert!(read(&root.join("public"), "jyj/index.html").contains("覆盖后的页脚"), "{log}");
    std::fs::remove_file(root.join(footer)).unwrap();
    build_ok(root, &["--today", TODAY]);
    assert!(!read(&root.join("public"), "jyj/index.html").contains("覆盖后的页脚"));
    assert!(read(&root.join("public"), "jyj/index.html").contains("主办单位："));
}
