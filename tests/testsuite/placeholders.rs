//! Placeholders (issue 18, point 4) on `tests/fixtures/placeholders`: the build refuses a page
//! whose title or body is template text and warns about example values in pages and in the
//! footer settings; `zhanqun check` reports every one of them by indicator; real text that only
//! looks like a placeholder (a form instruction, a status notice, an example in code) is not
//! refused. A new cluster from `zhanqun init` builds, with warnings, and check reports them.

use crate::common;

use common::{build, build_ok, fixture, zhanqun};
use serde_json::Value;
use std::path::Path;

/// `zhanqun check --format json` as of 2026-11-25: (exit code, report).
fn check(root: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let (code, report, _) = common::check_json(root, "2026-11-25", extra);
    (code, report)
}

/// `site rule level file[:line[:col]]` of the findings of `rules`, sorted; and their messages.
fn findings(report: &Value, rules: &[&str]) -> (Vec<String>, String) {
    let picked: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| rules.contains(&f["rule"].as_str().unwrap()))
        .collect();
    let mut v: Vec<String> = picked
        .iter()
        .map(|f| {
            let mut place = f["file"].as_str().unwrap_or("-").to_owned();
            for k in ["line", "col"] {
                if let Some(n) = f[k].as_u64() {
                    place.push_str(&format!(":{n}"));
                }
            }
            format!(
                "{} {} {} {place}",
                f["site"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["level"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    let text = picked.iter().map(|f| format!("{} {}\n", f["message"], f["suggestion"])).collect();
    (v, text)
}

const PLACEHOLDER_RULES: &[&str] = &["placeholder-page", "placeholder-text", "furniture-placeholder"];

#[test]
fn the_build_refuses_template_text_and_warns_about_example_values() {
    let tmp = fixture("placeholders");
    let out = build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert_eq!(
        common::diagnostics(&err),
        [
            // 请在此填写本机构的主要职责 and 请填写地址 are all the 机构职能 page holds.
            "content/portal/jgzn/index.md:8 错误[unfinished]",
            // The title is 标题.
            "content/portal/zwdt/gzdt/2026-11-20-biaoti.md:2 错误[unfinished]",
            // The body is 正文。
            "content/portal/zwdt/gzdt/2026-11-21-zhengwen.md:6 错误[unfinished]",
            // A real page with an example mailbox; the examples in code on lines 12 and 15 are fine.
            "content/portal/zwdt/gzdt/2026-11-22-youxiang.md:8 警告[placeholder-text]",
            // The department's ICP number is all zeros.
            "sites/jyj.yaml:8 警告[furniture-placeholder]",
            // The portal's mailbox is at example.org, its phone is 请填写电话 (sorted as text).
            "sites/portal.yaml:10 警告[furniture-placeholder]",
            "sites/portal.yaml:9 警告[furniture-placeholder]",
        ]
    );
    for said in [
        "错误[unfinished]: 正文还是占位文字「请在此填写本机构的主要职责」，页面还没有写完",
        "错误[unfinished]: 标题「标题」是占位文字，页面还没有写完",
        "修改方法: 在属性区的 title: 中写上这篇稿件真正的标题，例如 title: ",
        "错误[unfinished]: 正文还是占位文字「正文」",
        "警告[placeholder-text]: 正文中有示例值或待填写的提示「office@example.gov.cn」",
        "警告[furniture-placeholder]: icp 还是示例值「京ICP备00000000号」",
        "修改方法: 在 icp: 中填写工业和信息化部备案系统中的 ICP 备案号，例如 icp: 黔ICP备17003300号-1",
        "警告[furniture-placeholder]: contact.phone 还是示例值「请填写电话」",
        "警告[furniture-placeholder]: contact.email 还是示例值「office@example.org」",
    ] {
        assert!(err.contains(said), "missing {said:?} in:\n{err}");
    }
}

#[test]
fn written_pages_build_and_a_no_content_notice_is_published() {
    let tmp = fixture("placeholders");
    let root = tmp.path();
    let write = |rel: &str, from: &str, to: &str| {
        let p = root.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel}");
        std::fs::write(&p, text.replace(from, to)).unwrap();
    };
    write("content/portal/zwdt/gzdt/2026-11-20-biaoti.md", "title: 标题", "title: 县政府召开常务会议");
    write("content/portal/zwdt/gzdt/2026-11-21-zhengwen.md", "正文。", "会议部署了冬季森林防火工作。");
    write("content/portal/jgzn/index.md", "请在此填写本机构的主要职责。", "负责全县政务公开和政府网站建设工作。");
    write("content/portal/jgzn/index.md", "请填写地址", "占位县府前路1号");
    let err = build_ok(root, &[]);
    assert_eq!(common::diagnostics(&err).iter().filter(|d| d.contains("错误")).count(), 0, "{err}");
    assert_eq!(common::diagnostics(&err).len(), 4, "the four warnings stay:\n{err}");
    // 本栏目正在建设中 is a notice, not template text: published, and check counts it as blank.
    assert!(root.join("public/zwdt/tzgg/2026-11-18-jianshe/index.html").exists());
    assert!(root.join("public/zwdt/tzgg/2026-11-19-baoming/index.html").exists());
}

#[test]
fn check_reports_every_placeholder_where_planted_and_nowhere_else() {
    let tmp = fixture("placeholders");
    let (_, report) = check(tmp.path(), &[]);
    let (found, text) = findings(&report, PLACEHOLDER_RULES);
    assert_eq!(
        found,
        [
            "jyj furniture-placeholder scored sites/jyj.yaml:8",
            "portal furniture-placeholder scored sites/portal.yaml:10",
            "portal furniture-placeholder scored sites/portal.yaml:9",
            "portal placeholder-page scored content/portal/jgzn/index.md:8:1",
            "portal placeholder-page scored content/portal/zwdt/gzdt/2026-11-20-biaoti.md:2:1",
            "portal placeholder-page scored content/portal/zwdt/gzdt/2026-11-21-zhengwen.md:6:1",
            // 本栏目正在建设中，敬请期待！ (published by the build, blank for the inspection).
            "portal placeholder-page scored content/portal/zwdt/tzgg/2026-11-18-jianshe.md:6:4",
            "portal placeholder-text scored content/portal/zwdt/gzdt/2026-11-22-youxiang.md:8:6",
        ],
        "the form instruction (请填写申请表后提交, 请填写报名表后…报送) and the examples in code give nothing"
    );
    for said in [
        "标题「标题」是占位文字",
        "页面只有占位文字「正文」",
        "页面只有占位文字「请在此填写本机构的主要职责」",
        "页面只有占位文字「正在建设中」",
        "「office@example.gov.cn」",
        "icp 还是示例值「京ICP备00000000号」",
    ] {
        assert!(text.contains(said), "missing {said:?} in:\n{text}");
    }
    let indicators: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| PLACEHOLDER_RULES.contains(&f["rule"].as_str().unwrap()))
        .map(|f| (f["rule"].as_str().unwrap(), f["indicator"].as_str().unwrap()))
        .collect();
    for (rule, indicator) in indicators {
        let want = match rule {
            "placeholder-page" => "空白栏目",
            "placeholder-text" => "内容维护",
            _ => "网站标识",
        };
        assert_eq!(indicator, want, "{rule}");
    }
    // A placeholder page must not be published: the gate stops it.
    let (code, _) = check(tmp.path(), &["--gate"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_new_cluster_from_init_builds_with_warnings_and_check_reports_its_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cluster");
    let out = zhanqun().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = build_ok(&dir, &[]);
    assert_eq!(
        common::diagnostics(&err),
        [
            "sites/portal.yaml:10 警告[furniture-placeholder]",
            "sites/portal.yaml:11 警告[furniture-placeholder]",
            "sites/portal.yaml:12 警告[furniture-placeholder]",
            "sites/portal.yaml:13 警告[furniture-placeholder]",
            "sites/portal.yaml:14 警告[furniture-placeholder]",
            "sites/portal.yaml:6 警告[furniture-placeholder]",
            "sites/portal.yaml:7 警告[furniture-placeholder]",
            "zhanqun.yaml:4 警告[furniture-placeholder]",
            "zhanqun.yaml:6 警告[furniture-placeholder]",
        ]
    );
    for said in [
        "site_code 还是示例值「0000000001」",
        "org_code 还是示例值「11000000MB0000000X」",
        "contact.address 还是示例值「请填写地址」",
        "contact.phone 还是示例值「请填写电话」",
        "contact.email 还是示例值「webmaster@example.gov.cn」",
        "icp 还是示例值「京ICP备00000000号」",
        "psb 还是示例值「京公网安备 00000000000000号」",
        "name 还是示例值「新建网站群」",
        "domain 还是示例值「www.example.gov.cn」",
    ] {
        assert!(err.contains(said), "missing {said:?} in:\n{err}");
    }
    let (_, report) = check(&dir, &[]);
    let (found, _) = findings(&report, PLACEHOLDER_RULES);
    let mut expected: Vec<String> = [6, 7, 10, 11, 12, 13, 14]
        .iter()
        .map(|l| format!("portal furniture-placeholder scored sites/portal.yaml:{l}"))
        .chain([4, 6].iter().map(|l| format!("portal furniture-placeholder scored zhanqun.yaml:{l}")))
        .collect();
    expected.sort();
    assert_eq!(found, expected);

    // The page `zhanqun new` writes is refused while its title is still a placeholder, even
    // once the body is written.
    let out = zhanqun().args(["new", "portal", "zwdt/gzdt", "标题", "--root"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let text = std::fs::read_to_string(&page).unwrap();
    let marker = text.lines().find(|l| l.starts_with("<!-- zhanqun-new:")).unwrap().to_owned();
    std::fs::write(&page, text.replace(&marker, "县政府召开常务会议，研究部署冬季森林防火工作。")).unwrap();
    let out = build(&dir, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("错误[unfinished]: 标题「标题」是占位文字"), "{err}");
}
