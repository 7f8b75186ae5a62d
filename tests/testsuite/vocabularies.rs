//! Vocabularies of disclosed documents (issue 18, point 5) on `tests/fixtures/vocabularies`:
//! 主题分类, 体裁分类 and 有效性 against the cluster's lists (`vocabularies:` in zhanqun.yaml; the
//! fixture lists its own 主题分类 with second levels under 综合政务 and keeps the built-in
//! 体裁分类 and 有效性), with the nearest allowed value suggested; a 成文日期 after the 发布日期;
//! a 失效 or 废止 document naming what replaced it (`replaced_by`, 替代文件), shown on its page
//! and checked like any link. Build and check report the same things.

use crate::common;

use common::{build, build_ok, fixture, read, zhanqun};
use serde_json::Value;
use std::path::Path;

const ZCWJ: &str = "content/portal/xxgk/zcwj";

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&p, text.replace(from, to)).unwrap();
}

#[test]
fn values_outside_the_lists_are_warned_with_the_nearest_value_and_dates_out_of_order_fail_the_build() {
    let tmp = fixture("vocabularies");
    let out = build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    let expected: Vec<String> = [
        // A value that was never near the list: the help lists the cluster's classes.
        "2026-03-02-zhuti.md:5 警告[vocabulary]",
        // A second level the cluster does not list under 综合政务: the nearest one.
        "2026-03-03-erji.md:5 警告[vocabulary]",
        "2026-03-04-ticai.md:6 警告[vocabulary]",
        "2026-03-05-youxiao.md:8 警告[vocabulary]",
        "2026-03-06-chengwen.md:7 错误[written-date]",
        // 综合政务/政府工作报告: the right words, the wrong separator.
        "2026-03-07-xiexian.md:5 警告[vocabulary]",
        // Names a replacement while still 有效.
        "2026-02-03-tidai.md:9 警告[replaced-by]",
    ]
    .iter()
    .map(|d| format!("{ZCWJ}/{d}"))
    .chain(["content/portal/zwdt/gzdt/2026-03-09-dongtai.md:4 警告[replaced-by]".to_owned()])
    .collect();
    let mut expected = expected;
    expected.sort();
    // Nothing for 2026-03-01 (a listed second level), 2026-03-08 (其他\杂项: no second level
    // is listed under 其他; 命令（令） with full-width brackets) or the replaced 2026-02-01.
    assert_eq!(common::diagnostics(&err), expected, "{err}");
    for said in [
        "警告[vocabulary]: 主题分类「随便写的主题」不在本站群的主题分类表中\n  修改方法: 请从下列值中选一个写在 topic: 后面：综合政务；农业、林业、水利；科技、教育；其他。",
        "警告[vocabulary]: 主题分类「综合政务\\政务公示」不在本站群的主题分类表中\n  修改方法: 是不是要写「综合政务\\政务公开」？请改成 topic: 综合政务\\政务公开",
        "警告[vocabulary]: 体裁分类「紧急通知」不在本站群的体裁分类表中\n  修改方法: 是不是要写「通知」？请改成 genre: 通知",
        "警告[vocabulary]: 有效性「大概有效」不是本站群允许的值\n  修改方法: 是不是要写「有效」？请改成 valid: 有效",
        "错误[written-date]: 成文日期 2026-03-10 晚于发布日期 2026-03-06",
        "是不是要写「综合政务\\政府工作报告」？请改成 topic: 综合政务\\政府工作报告",
        "警告[replaced-by]: 写了替代文件，有效性却是「有效」\n  修改方法: 被替代的文件已不再有效：把 valid:（有效性:）改成 失效；废止 中的一个",
        "警告[replaced-by]: 写了替代文件「/zwdt/gzdt/」，但只有政府信息公开栏目中的文件才显示替代文件",
    ] {
        assert!(err.contains(said), "missing {said:?} in:\n{err}");
    }
}

#[test]
fn check_reports_the_same_under_the_disclosure_indicator() {
    let tmp = fixture("vocabularies");
    let html = tempfile::NamedTempFile::new().unwrap();
    let out = zhanqun()
        .args(["check", "--today", "2026-11-25", "--format", "json", "--root"])
        .arg(tmp.path())
        .arg("--html")
        .arg(html.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let mut found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| matches!(f["rule"].as_str(), Some("disclosure" | "disclosure-field" | "broken-link")))
        .map(|f| {
            assert_eq!(
                f["indicator"].as_str().unwrap(),
                if f["rule"] != "broken-link" { "政府信息公开" } else { "链接不可用" }
            );
            format!("{} {}:{}", f["rule"].as_str().unwrap(), f["file"].as_str().unwrap(), f["line"])
        })
        .collect();
    found.sort();
    let mut expected: Vec<String> = [
        "broken-link 2026-02-02-jiu2.md:9",
        // Published with a warning: scored, not blocking.
        "disclosure-field 2026-02-03-tidai.md:9",
        "disclosure-field 2026-03-02-zhuti.md:5",
        "disclosure-field 2026-03-03-erji.md:5",
        "disclosure-field 2026-03-04-ticai.md:6",
        "disclosure-field 2026-03-05-youxiao.md:8",
        // Refused by the build: blocking.
        "disclosure 2026-03-06-chengwen.md:7",
        "disclosure-field 2026-03-07-xiexian.md:5",
    ]
    .iter()
    .map(|d| d.replacen(' ', &format!(" {ZCWJ}/"), 1))
    .chain(["disclosure-field content/portal/zwdt/gzdt/2026-03-09-dongtai.md:4".to_owned()])
    .collect();
    expected.sort();
    assert_eq!(found, expected);
    let text = report["findings"].to_string();
    assert!(text.contains("是不是要写「有效」？请改成 valid: 有效"), "{text}");
    // Metadata the build refuses (成文日期 after 发布日期) must not be published: the gate stops
    // it, and names only it — a class outside the lists is published with a warning.
    let gate = zhanqun()
        .args(["check", "--gate", "--today", "2026-11-25", "--root"])
        .arg(tmp.path())
        .arg("--html")
        .arg(html.path())
        .output()
        .unwrap();
    assert_eq!(gate.status.code(), Some(1));
    let said = String::from_utf8_lossy(&gate.stderr);
    assert!(
        said.contains("有 2 项问题必须修改后才能发布（链接不可用（broken-link）×1、政府信息公开（disclosure）×1）"),
        "{said}"
    );
}

#[test]
fn a_replaced_document_links_to_what_replaced_it_and_the_link_must_resolve() {
    let tmp = fixture("vocabularies");
    let root = tmp.path();
    for (file, from, to) in [
        ("2026-03-02-zhuti.md", "随便写的主题", "农业、林业、水利"),
        ("2026-03-03-erji.md", "政务公示", "政务公开"),
        ("2026-03-04-ticai.md", "紧急通知", "通知"),
        ("2026-03-05-youxiao.md", "大概有效", "有效"),
        ("2026-03-06-chengwen.md", "written: 2026-03-10", "written: 2026-03-05"),
        ("2026-03-07-xiexian.md", "综合政务/", "综合政务\\"),
        ("2026-02-03-tidai.md", "valid: 有效", "valid: 失效"),
    ] {
        edit(root, &format!("{ZCWJ}/{file}"), from, to);
    }
    // The replacement named by 替代文件 does not exist: a broken link, located at its key.
    let out = build(root, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(common::diagnostics(&err).contains(&format!("{ZCWJ}/2026-02-02-jiu2.md:9 错误[link]")), "{err}");
    edit(root, &format!("{ZCWJ}/2026-02-02-jiu2.md"), "2026-02-30-meiyou", "2026-03-08-qita");
    let err = build_ok(root, &[]);
    assert_eq!(common::diagnostics(&err), ["content/portal/zwdt/gzdt/2026-03-09-dongtai.md:4 警告[replaced-by]"]);
    let public = root.join("public");
    // By the page's source path (relative .md) and by URL path alike: the replacement's title.
    assert!(read(&public, "xxgk/zcwj/2026-02-01-jiu/index.html").contains(
        "<th scope=\"row\">替代文件</th><td colspan=\"3\" class=\"replaced-by\">已被<a href=\"/xxgk/zcwj/2026-03-01-hao/\">词表县人民政府关于做好政务公开工作的通知</a>替代</td>"
    ));
    assert!(
        read(&public, "xxgk/zcwj/2026-02-02-jiu2/index.html")
            .contains("已被<a href=\"/xxgk/zcwj/2026-03-08-qita/\">词表县人民政府令</a>替代")
    );
    assert!(!read(&public, "xxgk/zcwj/2026-03-01-hao/index.html").contains("替代文件"));
}

#[test]
fn new_lists_the_cluster_s_own_values() {
    let tmp = fixture("vocabularies");
    let out = zhanqun()
        .args(["new", "portal", "xxgk/zcwj", "词表县人民政府关于春季森林防火的通知", "--date", "2026-11-20", "--root"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = String::from_utf8(out.stdout).unwrap();
    let text = std::fs::read_to_string(page.trim()).unwrap();
    assert!(
        text.contains("#   综合政务；综合政务\\政务公开；综合政务\\政府工作报告；农业、林业、水利；科技、教育；其他\n"),
        "{text}"
    );
    assert!(text.contains("有效；失效；废止") && text.contains("\nvalid: 有效\n"), "{text}");
}

#[test]
fn an_empty_vocabulary_is_a_settings_error_at_its_line() {
    let tmp = fixture("vocabularies");
    edit(tmp.path(), "zhanqun.yaml", "vocabularies:\n", "vocabularies:\n  genre: []\n");
    let out = build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("zhanqun.yaml:10: 错误[config]: vocabularies.genre 中有空表或空值"), "{err}");
}
