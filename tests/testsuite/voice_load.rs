//! Issue 17 for the build: a Chinese word where a fixed value is expected in the settings, the
//! scheduled files named, progress in the chosen language, and `zhanqun new` writing a page
//! an editor can finish without the manual — in Chinese by default and English on request.

use crate::common;

use common::{build, build_ok, fixture, zhanqun};
use std::path::{Path, PathBuf};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_chinese_site_kind_names_the_allowed_values_at_its_line() {
    let tmp = fixture("basic");
    replace_in(tmp.path(), "sites/yongan.yaml", "kind: township", "kind: 乡镇");
    let out = build(tmp.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("sites/yongan.yaml:3: 错误[site]: kind 应为 portal、department 或 township 之一"), "{err}");
    assert!(err.contains("「乡镇」请写 township"), "{err}");
    assert!(err.contains("department 部门") && !err.contains("unknown variant"), "{err}");
    let out = build(tmp.path(), &["--lang", "en"]);
    let err = stderr(&out);
    assert!(
        err.contains("sites/yongan.yaml:3: error[site]: kind must be one of portal, department or township"),
        "{err}"
    );
    assert!(err.contains("(for `乡镇` write township)"), "{err}");
}

#[test]
fn a_chinese_column_kind_names_the_allowed_values_at_its_line() {
    let tmp = fixture("basic");
    let text = std::fs::read_to_string(tmp.path().join("columns.yaml")).unwrap();
    let line = text.lines().position(|l| l == "  kind: news").unwrap() + 1;
    replace_in(tmp.path(), "columns.yaml", "\n  kind: news\n", "\n  kind: 新闻\n");
    let err = stderr(&build(tmp.path(), &[]));
    assert!(err.contains(&format!("columns.yaml:{line}: 错误[columns]: 栏目的 kind 应为 news、disclosure")), "{err}");
    assert!(err.contains("「新闻」请写 news") && err.contains("disclosure 信息公开"), "{err}");
    let err = stderr(&build(tmp.path(), &["--lang", "en"]));
    assert!(err.contains(&format!("columns.yaml:{line}: error[columns]: a column kind must be one of news")), "{err}");
    assert!(err.contains("(for `新闻` write news)"), "{err}");
}

#[test]
fn a_local_column_kind_in_a_site_file_is_a_column_kind() {
    let tmp = fixture("basic");
    replace_in(tmp.path(), "sites/jyj.yaml", "    kind: news", "    kind: 动态");
    let err = stderr(&build(tmp.path(), &[]));
    assert!(err.contains("sites/jyj.yaml:13: 错误[columns]: 栏目的 kind 应为"), "{err}");
}

#[test]
fn progress_lines_speak_the_chosen_language() {
    let tmp = fixture("basic");
    let err = build_ok(tmp.path(), &[]);
    assert!(err.lines().any(|l| l.starts_with("生成页面：") && l.ends_with("（100%）")), "{err}");
    let err = build_ok(tmp.path(), &["--no-cache", "--lang", "en"]);
    assert!(err.lines().any(|l| l.starts_with("rendering: ") && l.ends_with("(100%)")), "{err}");
}

fn new_page(root: &Path, args: &[&str]) -> PathBuf {
    let out = zhanqun().arg("new").args(args).arg("--root").arg(root).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

#[test]
fn a_new_disclosure_page_lists_the_values_and_is_not_published_until_written() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let p = new_page(root, &["jyj", "xxgk/zcwj", "关于开展教师培训的通知", "--date", "2026-05-01"]);
    let text = std::fs::read_to_string(&p).unwrap();
    for value in ["综合政务", "国防", "其他", "科技、教育", "通知", "纪要", "解读", "有效", "失效", "废止"]
    {
        assert!(text.contains(value), "{value} is not listed:\n{text}");
    }
    assert!(
        text.contains("# 主题分类：从下面选一个") && text.contains("# 体裁分类：") && text.contains("# 有效性："),
        "{text}"
    );
    assert!(!text.contains("正文。"), "no placeholder body:\n{text}");
    // Unfinished: the build refuses it and names the file and line.
    let out = build(root, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let rel = p.strip_prefix(root).unwrap().display().to_string();
    assert!(err.contains(&format!("{rel}:")) && err.contains("错误[unfinished]: 这个页面还没有写完"), "{err}");
    assert!(!root.join("public/jyj/xxgk/zcwj/2026-05-01-001/index.html").exists());
    let err = stderr(&build(root, &["--lang", "en"]));
    assert!(err.contains("error[unfinished]: this page is not finished"), "{err}");
    // Filled in as the comments ask: it builds.
    let marker = text.lines().find(|l| l.starts_with("<!-- zhanqun-new:")).expect("marker line");
    let filled = text
        .replace(marker, "为提高教师业务水平，决定开展培训。")
        .replace("topic: \"\"", "topic: \"科技、教育\"")
        .replace("genre: \"\"", "genre: \"通知\"")
        .replace("doc_number: \"\"", "doc_number: \"测教发〔2026〕3号\"");
    std::fs::write(&p, filled).unwrap();
    build_ok(root, &[]);
    let html = std::fs::read_to_string(root.join("public/jyj/xxgk/zcwj/2026-05-01-001/index.html")).unwrap();
    assert!(html.contains("决定开展培训") && html.contains("科技、教育"), "{html}");
}

#[test]
fn a_new_page_comments_follow_the_language() {
    let tmp = fixture("basic");
    let out = zhanqun()
        .args(["new", "jyj", "xxgk/zcwj", "通知", "--date", "2026-05-01", "--lang", "en", "--root"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let p = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let text = std::fs::read_to_string(p).unwrap();
    assert!(text.contains("# 主题分类 (topic class): choose one below") && text.contains("综合政务"), "{text}");
}
