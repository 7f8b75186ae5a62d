//! Whose text a page is, and the cluster's own names (issue 18, points 2 and 3), on
//! `tests/fixtures/own-text`:
//!
//! - national laws and regulations republished verbatim (发布机构 国务院, 全国人民代表大会常务
//!   委员会) give no veto and no scored wording finding, only advice that says why; the same
//!   phrases in the cluster's own news are still found at their full weight; renamed bodies in
//!   《》 or after 原 are as written, and a rename is judged against the 成文日期;
//! - a listed leader's, organisation's or place name written wrong next to a title or office
//!   word is a veto naming the right name (leaders from zhanqun.yaml, a site's file and a town's
//!   领导信息 page); other people who merely share characters are not flagged;
//! - `check --gate` holds a publication with a misspelt leader, and lets it go once fixed.

use crate::common;

use common::{fixture, repo_root, zhanqun};
use serde_json::Value;
use std::path::Path;

const TODAY: &str = "2026-11-25";

/// Runs `zhanqun check --format json` on `root`; returns (exit code, report, stderr).
fn check(root: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    common::check_json(root, TODAY, extra)
}

/// `rule level file:line:col` of every finding.
fn summary(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings in {report}"))
        .iter()
        // The fixture's convention names no column roles (年报, 政策文件…): that advice is
        // another test's subject.
        .filter(|f| f["rule"] != "column-roles")
        .map(|f| {
            format!(
                "{} {} {}:{}:{}",
                f["rule"].as_str().unwrap(),
                f["level"].as_str().unwrap(),
                f["file"].as_str().unwrap_or("-"),
                f["line"],
                f["col"]
            )
        })
        .collect();
    v.sort();
    v
}

/// The message of the finding at `file:line:col`.
fn message<'a>(report: &'a Value, at: &str) -> &'a str {
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| format!("{}:{}:{}", f["file"].as_str().unwrap_or("-"), f["line"], f["col"]) == at)
        .unwrap_or_else(|| panic!("no finding at {at}"));
    f["message"].as_str().unwrap()
}

const OWN_NEWS: &str = "content/portal/zwdt/gzdt/2026-11-21-huiyi.md";
const VISIT: &str = "content/portal/zwdt/gzdt/2026-11-20-diaoyan.md";

/// What the fixture must give, and nothing else.
fn expected() -> Vec<String> {
    let mut v: Vec<String> = [
        // The cluster's own news: the same phrases as the national texts below, at full weight
        // (the 原 and 《》 forms on lines 7 and 9 give nothing).
        "wording veto content/portal/zwdt/gzdt/2026-11-21-huiyi.md:6:9",
        "wording veto content/portal/zwdt/gzdt/2026-11-21-huiyi.md:8:4",
        "wording veto content/portal/zwdt/gzdt/2026-11-21-huiyi.md:8:14",
        "wording scored content/portal/zwdt/gzdt/2026-11-21-huiyi.md:10:9",
        "wording scored content/portal/zwdt/gzdt/2026-11-21-huiyi.md:10:16",
        "wording scored content/portal/zwdt/gzdt/2026-11-21-huiyi.md:10:24",
        // A document of 县委宣传部 (not one of the sites) the page declares its own: `转载: 否`.
        "wording veto content/portal/xxgk/zcwj/2026-11-13-xuanchuan.md:13:12",
        // National texts republished verbatim: advice only. 国际海运条例 (国务院).
        "wording advice content/portal/xxgk/zcwj/2026-11-02-guoji-haiyun.md:19:3",
        // 价格违法行为行政处罚规定 (国务院), its history note: 成文日期 2010, after the 2003 rename.
        "wording advice content/portal/xxgk/zcwj/2026-11-03-jiage-weifa.md:12:27",
        // 现金管理暂行条例 (国务院).
        "wording advice content/portal/xxgk/zcwj/2026-11-04-xianjin-guanli.md:19:13",
        "wording advice content/portal/xxgk/zcwj/2026-11-04-xianjin-guanli.md:19:25",
        "wording advice content/portal/xxgk/zcwj/2026-11-04-xianjin-guanli.md:21:7",
        // 商业银行法 1995 (全国人民代表大会常务委员会, written with the alias 发布机构).
        "wording advice content/portal/xxgk/zcwj/2026-11-05-shangye-yinhang.md:12:50",
        "wording advice content/portal/xxgk/zcwj/2026-11-05-shangye-yinhang.md:12:63",
        "wording advice content/portal/xxgk/zcwj/2026-11-05-shangye-yinhang.md:14:23",
        // The county's own document flagged `转载: 是`.
        "wording advice content/portal/xxgk/zcwj/2026-11-12-zhuanfa.md:14:22",
        // Names: the provincial secretary in the title and the body, the executive deputy county
        // head, the county and a superior city next to 人民政府 (the quoted title, 原示例具,
        // 示例镇, 杨晓明 局长, 村民杨小峰 and 副县长刘建明 give nothing).
        "name-misspelt veto content/portal/zwdt/gzdt/2026-11-20-diaoyan.md:2:12",
        "name-misspelt veto content/portal/zwdt/gzdt/2026-11-20-diaoyan.md:6:12",
        "name-misspelt veto content/portal/zwdt/gzdt/2026-11-20-diaoyan.md:7:6",
        "name-misspelt veto content/portal/zwdt/gzdt/2026-11-20-diaoyan.md:8:4",
        "name-misspelt veto content/portal/zwdt/gzdt/2026-11-20-diaoyan.md:8:12",
        // The education bureau's head from sites/jyj.yaml (副局长周建明 is someone else).
        "name-misspelt veto content/jyj/zwdt/gzdt/2026-11-18-kaixue.md:6:3",
        // The town's leaders from its 领导信息 page (镇人大主席李文斌 and 村民王明 are others).
        "name-misspelt veto content/qingshan/zwdt/gzdt/2026-11-15-chunjian.md:6:6",
        "name-misspelt veto content/qingshan/zwdt/gzdt/2026-11-15-chunjian.md:6:20",
    ]
    .map(String::from)
    .to_vec();
    v.sort();
    v
}

#[test]
fn reproduced_documents_get_advice_and_own_text_is_checked_as_strictly_as_ever() {
    let (code, report, stderr) = check(&repo_root().join("tests/fixtures/own-text"), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(summary(&report), expected());
    // Reproduced documents: no veto and no scored wording finding, and the reason is given.
    for f in report["findings"].as_array().unwrap() {
        let file = f["file"].as_str().unwrap();
        if file.contains("-guoji-")
            || file.contains("-jiage-")
            || file.contains("-xianjin-")
            || file.contains("-shangye-")
        {
            assert_eq!(f["level"], "advice", "{f}");
        }
    }
    assert_eq!(
        message(&report, "content/portal/xxgk/zcwj/2026-11-02-guoji-haiyun.md:19:3"),
        "「内地与台湾」应为「大陆与台湾」：新华社规范：涉台称“大陆与台湾”，不称“内地”\
         （发布机构“国务院”不是本站群的机构，是照原文转载的文件，仅作提示，不计分）"
    );
    assert!(
        message(&report, "content/portal/xxgk/zcwj/2026-11-05-shangye-yinhang.md:14:23")
            .contains("发布机构“全国人民代表大会常务委员会”不是本站群的机构"),
    );
    assert!(message(&report, "content/portal/xxgk/zcwj/2026-11-12-zhuanfa.md:14:22").contains("页面写了 `转载: 是`"));
    assert_eq!(
        message(&report, &format!("{OWN_NEWS}:6:9")),
        "「内地与台湾」应为「大陆与台湾」：新华社规范：涉台称“大陆与台湾”，不称“内地”"
    );
    let suggestion = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "content/portal/xxgk/zcwj/2026-11-03-jiage-weifa.md")
        .unwrap()["suggestion"]
        .as_str()
        .unwrap();
    assert!(suggestion.starts_with("原文如此就不要改") && suggestion.contains("转载: 否"), "{suggestion}");
}

#[test]
fn misspelt_names_are_named_with_the_right_name_and_title() {
    let (_, report, _) = check(&repo_root().join("tests/fixtures/own-text"), &[]);
    let cases = [
        (format!("{VISIT}:2:12"), "「杜家豪」疑为省委书记「杜家毫」的姓名写错了：领导姓名写错属于严重表述错误"),
        (format!("{VISIT}:7:6"), "「杨晓锋」疑为常务副县长「杨晓峰」的姓名写错了：领导姓名写错属于严重表述错误"),
        (format!("{VISIT}:8:4"), "「示例具」疑为「示例县」写错了：机构名称和地名写错属于严重表述错误"),
        (format!("{VISIT}:8:12"), "「齐齐哈市」疑为「齐齐哈尔市」写错了：机构名称和地名写错属于严重表述错误"),
        (
            "content/qingshan/zwdt/gzdt/2026-11-15-chunjian.md:6:20".into(),
            "「王民」疑为镇长「王敏」的姓名写错了：领导姓名写错属于严重表述错误",
        ),
    ];
    for (at, want) in cases {
        assert_eq!(message(&report, &at), want, "{at}");
    }
    let f = report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "name-misspelt").unwrap();
    assert_eq!(f["indicator"], "严重表述错误");
    assert!(f["suggestion"].as_str().unwrap().starts_with("改为「杜家毫」"), "{f}");
}

#[test]
fn raising_the_wording_level_does_not_raise_reproduced_documents() {
    let tmp = fixture("own-text");
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap() + "check:\n  rules:\n    wording: { level: veto }\n";
    std::fs::write(&cfg, text).unwrap();
    let (_, report, stderr) = check(tmp.path(), &[]);
    let found = summary(&report);
    assert!(found.contains(&format!("wording veto {OWN_NEWS}:10:9")), "{found:#?}\n{stderr}");
    assert!(
        found.contains(&"wording advice content/portal/xxgk/zcwj/2026-11-04-xianjin-guanli.md:21:7".to_owned()),
        "{found:#?}"
    );
}

#[test]
fn without_the_publisher_or_the_flag_a_national_text_is_the_clusters_own() {
    // The same regulation with no 发布机构: the cluster vouches for it, so it is checked strictly.
    let tmp = fixture("own-text");
    let page = tmp.path().join("content/portal/xxgk/zcwj/2026-11-02-guoji-haiyun.md");
    let text = std::fs::read_to_string(&page).unwrap().replace("publisher: 国务院\n", "");
    std::fs::write(&page, text).unwrap();
    let (_, report, _) = check(tmp.path(), &[]);
    let found = summary(&report);
    assert!(
        found.contains(&"wording veto content/portal/xxgk/zcwj/2026-11-02-guoji-haiyun.md:18:3".to_owned()),
        "{found:#?}"
    );
}

/// Runs `zhanqun check --gate` on `root`; returns (exit code, stderr).
fn gate(root: &Path) -> (Option<i32>, String) {
    let html = tempfile::NamedTempFile::new().expect("temp file");
    let out = zhanqun()
        .args(["check", "--gate", "--today", TODAY, "--root"])
        .arg(root)
        .arg("--html")
        .arg(html.path())
        .output()
        .expect("run zhanqun check --gate");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_misspelt_leader_holds_the_gate_and_the_fix_releases_it() {
    let tmp = fixture("own-text");
    let root = tmp.path();
    // Leave only the names to block: the own-text wording pages go.
    std::fs::remove_file(root.join(OWN_NEWS)).unwrap();
    std::fs::remove_file(root.join("content/portal/xxgk/zcwj/2026-11-13-xuanchuan.md")).unwrap();
    let (code, stderr) = gate(root);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("发布闸门：未通过。有 8 项问题必须修改后才能发布（严重表述错误（name-misspelt）×8）"),
        "the reproduced documents' advice does not block, the names do:\n{stderr}"
    );
    for (rel, wrong, right) in [
        (VISIT, "杜家豪", "杜家毫"),
        (VISIT, "常务副县长杨晓锋", "常务副县长杨晓峰"),
        (VISIT, "示例具人民政府", "示例县人民政府"),
        (VISIT, "齐齐哈市", "齐齐哈尔市"),
        ("content/jyj/zwdt/gzdt/2026-11-18-kaixue.md", "周剑平", "周建平"),
        ("content/qingshan/zwdt/gzdt/2026-11-15-chunjian.md", "李文化", "李文华"),
        ("content/qingshan/zwdt/gzdt/2026-11-15-chunjian.md", "王民", "王敏"),
    ] {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(wrong), "{rel}: {wrong}");
        std::fs::write(&path, text.replace(wrong, right)).unwrap();
    }
    let (code, stderr) = gate(root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("发布闸门：通过"), "{stderr}");
}

#[test]
fn the_fixture_builds_and_its_settings_and_keys_are_known() {
    let tmp = fixture("own-text");
    let stderr = common::build_ok(tmp.path(), &[]);
    assert!(!stderr.contains("转载") && !stderr.contains("leaders"), "no warning about the new keys:\n{stderr}");
}

#[test]
fn a_reproduced_flag_that_is_not_yes_or_no_is_an_error_at_its_line() {
    let tmp = fixture("own-text");
    let page = tmp.path().join("content/portal/xxgk/zcwj/2026-11-12-zhuanfa.md");
    let text = std::fs::read_to_string(&page).unwrap().replace("转载: 是", "转载: 国务院");
    std::fs::write(&page, text).unwrap();
    let out = common::build(tmp.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("2026-11-12-zhuanfa.md:7")
            && stderr.contains("`转载` 的值只能是“是”或“否”，这里写的是 `国务院`"),
        "{stderr}"
    );
}
