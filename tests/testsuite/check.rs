//! `zhanqun check` on the seeded-fault cluster (`tests/fixtures/faults`): every rule fires
//! exactly where a fault was planted and nowhere else; exceptions need a reason and are
//! reported as such; the exit code follows the veto findings (and `--deny scored`); the clean
//! example cluster has no veto finding; the dashboard is valid, self-contained HTML; the text
//! report and the dashboard speak Chinese by default and English with `--lang en`, while the JSON
//! report keeps the same keys and codes in both (only its human messages follow the language).

use crate::common;

use common::{fixture, repo_root, zhanqun};
use serde_json::Value;
use std::path::Path;

const TODAY: &str = "2026-11-25";

/// Runs `zhanqun check --format json` on `root`; returns (exit code, report, stderr).
fn check(root: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    common::check_json(root, TODAY, extra)
}

/// `site rule level where` for each finding, `where` being file:line, or the column path, or `-`.
fn summary(report: &Value, key: &str) -> Vec<String> {
    let mut v: Vec<String> = report[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {report}"))
        .iter()
        .map(|f| if key == "suppressed" { &f["finding"] } else { f })
        .map(|f| {
            let place = match (f["file"].as_str(), f["line"].as_u64(), f["column_path"].as_str()) {
                (Some(file), Some(line), _) => match f["col"].as_u64() {
                    Some(col) => format!("{file}:{line}:{col}"),
                    None => format!("{file}:{line}"),
                },
                (Some(file), None, _) => file.to_owned(),
                (None, _, Some(col)) => col.to_owned(),
                _ => "-".to_owned(),
            };
            format!(
                "{} {} {} {place}",
                f["site"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["level"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_planted_fault_is_found_where_planted_and_nowhere_else() {
    let (code, report, stderr) = check(&repo_root().join("tests/fixtures/faults"), &[]);
    assert_eq!(code, Some(1), "veto findings must fail the check:\n{stderr}");
    let mut expected: Vec<String> = [
        // portal: a broken link and an external one, a publish date beyond the window, a
        // disclosed document without its topic, a static page past its review date.
        "portal broken-link scored content/portal/zwdt/gzdt/2026-11-18-lianjie.md:8",
        "portal external-link advice content/portal/zwdt/gzdt/2026-11-18-lianjie.md:10",
        "portal future-date scored content/portal/zwdt/tzgg/2027-03-01-weilai.md:3",
        // No 主题分类: published with a warning, scored, not blocking.
        "portal disclosure-field scored content/portal/xxgk/czzj/2026-09-01-yusuan.md:1",
        "portal review-due advice content/portal/jgzn/index.md:4",
        // portal, text rules: wrong wording (state organs and political phrasing are veto, a
        // typo is scored; the correct 国家和地区 and 环境保护部门 on line 7 and the 2017 page
        // that predates the 国土资源部 rename give nothing), a service guide missing 设定依据
        // (veto) and 办理时间 (scored) with a placeholder, two placeholder pages, an
        // unredacted ID and mobile number (the masked row gives nothing).
        "portal wording veto content/portal/zwdt/gzdt/2026-11-21-cuomin.md:2:9",
        "portal wording veto content/portal/zwdt/gzdt/2026-11-21-cuomin.md:2:13",
        "portal wording veto content/portal/zwdt/gzdt/2026-11-21-cuomin.md:6:6",
        "portal wording scored content/portal/zwdt/gzdt/2026-11-21-cuomin.md:6:27",
        "portal guide-elements veto content/portal/zwfw/bszn/2026-11-02-canji.md:2",
        "portal guide-elements-recommended scored content/portal/zwfw/bszn/2026-11-02-canji.md:2",
        "portal guide-placeholder veto content/portal/zwfw/bszn/2026-11-02-canji.md:12:1",
        "portal placeholder-page scored content/portal/zwdt/tzgg/2026-11-16-jianshe.md:6:4",
        "portal placeholder-page scored content/portal/hdjl/zxft/2026-11-11-kong.md:4:1",
        "portal privacy scored content/portal/zwdt/gzdt/2026-11-22-gongshi.md:8:8",
        "portal privacy scored content/portal/zwdt/gzdt/2026-11-22-gongshi.md:8:29",
        // portal, letters (县长信箱): a complaint unanswered past its 7 working days, a
        // consultation unanswered since July and one answered after four months (both veto);
        // the one answered in time and the one still within its limit give nothing.
        "portal letter-overdue scored content/portal/hdjl/xzxx/2026-11-10-tousu-chaoqi.md:4",
        "portal letter-veto veto content/portal/hdjl/xzxx/2026-07-01-zixun-wei-huifu.md:4",
        "portal letter-veto veto content/portal/hdjl/xzxx/2026-05-06-zixun-chihui.md:6",
        // jyj: nothing new for two weeks, two stale columns, six blank ones, a bad 公安备案号.
        "jyj home-stale veto -",
        "jyj stale-column scored zwdt",
        "jyj stale-column scored zwdt/gzdt",
        "jyj blank-columns-veto veto -",
        "jyj blank-column scored hdjl",
        "jyj blank-column scored hdjl/dcjd",
        "jyj blank-column scored hdjl/zxft",
        "jyj blank-column scored xxgk/czzj",
        "jyj blank-column scored xxgk/ghjh",
        "jyj blank-column scored xxgk/rsxx",
        "jyj furniture scored sites/jyj.yaml",
        // yongan: five stale columns make the veto; nothing new on the home page.
        "yongan home-stale veto -",
        "yongan stale-columns-veto veto -",
        "yongan stale-column scored zwdt",
        "yongan stale-column scored zwdt/gzdt",
        "yongan stale-column scored zwdt/tzgg",
        "yongan stale-column scored xxgk/zcwj",
        "yongan stale-column scored xxgk/czzj",
        // columns.yaml marks no column with a role: one hint that the yearly-report,
        // interpretation and 依申请公开 rules could not run (tests/testsuite/obligations.rs runs them).
        "portal column-roles advice columns.yaml",
    ]
    .map(String::from)
    .to_vec();
    expected.sort();
    assert_eq!(summary(&report, "findings"), expected);
    assert_eq!(summary(&report, "suppressed"), ["yongan blank-column scored hdjl"]);
    let text = serde_json::to_string(&report["findings"]).unwrap();
    assert!(
        text.contains("「攻府」应为「政府」") && text.contains("改为「扫黑除恶」"),
        "wording findings carry the correction"
    );
    assert!(
        !text.contains("520330199003070010") && !text.contains("13885012345"),
        "the report must not repeat personal data"
    );
    assert_eq!(report["suppressed"][0]["reason"], "乡镇不设互动交流栏目，由县门户统一受理");
    for f in report["findings"].as_array().unwrap() {
        assert!(f["indicator"].as_str().is_some_and(|i| !i.is_empty()), "every finding names its indicator: {f}");
    }
}

#[test]
fn levels_thresholds_and_rules_are_configurable() {
    let tmp = fixture("faults");
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let text = text.replace(
        "check:\n",
        "check:\n  stale_columns_veto: 6\n  rules:\n    home-stale: { enabled: false }\n    blank-columns-veto: { level: scored }\n    \
         wording: { level: scored }\n    guide-elements: { enabled: false }\n    guide-placeholder: { level: advice }\n    \
         letter-veto: { level: scored }\n",
    );
    std::fs::write(&cfg, text).unwrap();
    let (code, report, stderr) = check(tmp.path(), &[]);
    let all = summary(&report, "findings");
    assert!(!all.iter().any(|f| f.contains("home-stale")), "home-stale was switched off: {all:?}");
    assert!(!all.iter().any(|f| f.contains("stale-columns-veto")), "5 stale columns are under a threshold of 6");
    assert!(all.contains(&"jyj blank-columns-veto scored -".to_owned()), "{all:?}");
    assert!(
        all.contains(&"portal wording scored content/portal/zwdt/gzdt/2026-11-21-cuomin.md:2:9".to_owned()),
        "{all:?}"
    );
    assert!(!all.iter().any(|f| f.contains("guide-elements ")), "guide-elements was switched off: {all:?}");
    assert!(
        all.contains(&"portal letter-veto scored content/portal/hdjl/xzxx/2026-07-01-zixun-wei-huifu.md:4".to_owned()),
        "{all:?}"
    );
    assert_eq!(code, Some(0), "no veto left, so the check passes:\n{stderr}");
    let (code, _, _) = check(tmp.path(), &["--deny", "scored"]);
    assert_eq!(code, Some(1), "--deny scored fails on scored findings");
}

#[test]
fn bad_check_settings_are_clear_errors() {
    for (bad, says) in [
        ("check:\n  rules:\n    stale-colum: { enabled: false }\n", "您是不是想写 `stale-column`"),
        ("check:\n  exceptions:\n    - { site: jyj, rule: furniture, reason: '' }\n", "没有写理由"),
        ("check:\n  rules:\n    wording: { level: fatal }\n", "级别只能是 veto（单项否决）、scored（扣分项）或 advice"),
        ("check:\n  rules:\n    nothing-like-this: { enabled: false }\n", "可用的规则有：stale-column, "),
    ] {
        let tmp = fixture("faults");
        let cfg = tmp.path().join("zhanqun.yaml");
        let text = std::fs::read_to_string(&cfg).unwrap();
        let head = &text[..text.find("check:").unwrap()];
        std::fs::write(&cfg, format!("{head}{bad}")).unwrap();
        let (code, _, stderr) = check(tmp.path(), &[]);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains("zhanqun.yaml") && stderr.contains(says), "{stderr}");
    }
}

#[test]
fn bad_check_settings_are_explained_in_english_on_request() {
    let tmp = fixture("faults");
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let head = &text[..text.find("check:").unwrap()];
    std::fs::write(&cfg, format!("{head}check:\n  exceptions:\n    - {{ site: jyj, rule: furniture, reason: '' }}\n"))
        .unwrap();
    let (code, _, stderr) = check(tmp.path(), &["--lang", "en"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("The exception for the rule `furniture` on the site jyj gives no reason"), "{stderr}");
    assert!(stderr.contains("Every exception needs a reason:"), "{stderr}");
}

#[test]
fn the_example_cluster_has_no_veto_finding() {
    let (code, report, stderr) = check(&repo_root(), &[]);
    let veto: Vec<String> = summary(&report, "findings").into_iter().filter(|f| f.contains(" veto ")).collect();
    assert!(veto.is_empty(), "veto findings in the example cluster: {veto:?}");
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn text_report_and_dashboard() {
    let html = tempfile::NamedTempFile::new().unwrap();
    let out = zhanqun()
        .args(["check", "--today", TODAY, "--root"])
        .arg(repo_root().join("tests/fixtures/faults"))
        .arg("--html")
        .arg(html.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("故障县人民政府网站群 检查报告（按 2026-11-25 计）\n"), "{text}");
    assert!(text.contains("== 故障县教育局（jyj）  单项否决 2  扣分项 9  建议 0"), "{text}");
    assert!(text.contains("[单项否决] sites/jyj.yaml blank-columns-veto: 故障县教育局有 6 个空白栏目"), "{text}");
    assert!(text.contains("[扣分项] content/jyj/zwdt/gzdt/ stale-column"), "{text}");
    assert!(
        text.contains("wording: 「攻府」应为「政府」：机关名称错字") && text.contains("(严重表述错误)"),
        "a finding's message and its indicator in Chinese: {text}"
    );
    assert!(text.contains("      修改方法：改为「扫黑除恶」\n"), "{text}");
    assert!(text.contains("已按 zhanqun.yaml 例外处理 1 项"), "{text}");
    assert!(text.contains("（理由：乡镇不设互动交流栏目，由县门户统一受理）"), "{text}");
    assert!(text.ends_with("\n合计：单项否决 11，扣分项 24，建议 3\n"), "{text}");
    let page = std::fs::read_to_string(html.path()).unwrap();
    assert!(page.contains("<html lang=\"zh-CN\">"), "the dashboard is a Chinese page");
    assert!(page.contains("<h1>故障县人民政府网站群 检查看板</h1>"), "{page}");
    assert!(page.contains("<caption>各站点检查结果</caption>") && page.contains("<th scope=\"col\">严重表述错误</th>"));
    assert!(page.contains("<td class=\"red\">否决"), "a red cell for the veto sites");
    assert_eq!(page.matches("<svg").count(), 3, "one monthly-updates chart per site");
    for resource in ["<script", "<link", "src=", "href=\"http", "url("] {
        assert!(!page.contains(resource), "the dashboard must be self-contained, found `{resource}`");
    }
}

#[test]
fn text_report_and_dashboard_in_english() {
    let html = tempfile::NamedTempFile::new().unwrap();
    let out = zhanqun()
        .args(["check", "--today", TODAY, "--lang", "en", "--root"])
        .arg(repo_root().join("tests/fixtures/faults"))
        .arg("--html")
        .arg(html.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the same exit code in every language");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("故障县人民政府网站群 inspection report (as of 2026-11-25)\n"), "{text}");
    assert!(text.contains("== 故障县教育局 (jyj)  veto 2  scored 9  advice 0"), "{text}");
    assert!(text.contains("[Veto] sites/jyj.yaml blank-columns-veto: 故障县教育局 has 6 blank columns"), "{text}");
    assert!(text.contains("[Scored] content/jyj/zwdt/gzdt/ stale-column: The column “工作动态”"), "{text}");
    assert!(
        text.contains("wording: “攻府” should be “政府”: 机关名称错字") && text.contains("(Serious wording error)"),
        "a finding's message and its indicator in English (the dictionary's note is data): {text}"
    );
    assert!(text.contains("      How to fix: Write “扫黑除恶” instead\n"), "{text}");
    assert!(text.contains("\n1 finding excepted in zhanqun.yaml:\n"), "{text}");
    assert!(text.contains(" (reason: 乡镇不设互动交流栏目，由县门户统一受理)"), "{text}");
    assert!(text.ends_with("\nTotal: veto 11, scored 24, advice 3\n"), "{text}");
    for zh in ["单项否决", "扣分项", "修改方法", "合计", "理由", "应为"] {
        assert!(!text.contains(zh), "`{zh}` in the English report:\n{text}");
    }
    let page = std::fs::read_to_string(html.path()).unwrap();
    assert!(page.contains("<html lang=\"en\">"), "the English dashboard says so");
    assert!(page.contains("<h1>故障县人民政府网站群 inspection dashboard</h1>"), "{page}");
    assert!(
        page.contains("<caption>Results by site</caption>")
            && page.contains("<th scope=\"col\">Serious wording error</th>")
    );
    assert!(page.contains("<td class=\"red\">veto "), "a red cell for the veto sites");
    for zh in ["检查看板", "单项否决", "否决 ", "近 12 个月"] {
        assert!(!page.contains(zh), "`{zh}` in the English dashboard");
    }
}

/// The JSON report without its human texts (`message`, `suggestion`).
fn codes_only(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("message");
                map.remove("suggestion");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

#[test]
fn the_json_report_keeps_its_keys_and_codes_in_every_language() {
    let root = repo_root().join("tests/fixtures/faults");
    let (zh_code, zh, _) = check(&root, &[]);
    let (en_code, en, _) = check(&root, &["--lang", "en"]);
    assert_eq!(zh_code, en_code);
    assert_eq!(codes_only(zh.clone()), codes_only(en.clone()), "only messages and suggestions may differ");
    let wording = |r: &Value, field: &str| -> Vec<String> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "wording")
            .map(|f| f[field].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(wording(&zh, "indicator")[0], "严重表述错误", "the indicator is its official name in every language");
    assert_eq!(wording(&en, "indicator")[0], "严重表述错误");
    assert_eq!(wording(&zh, "level")[0], "veto");
    assert!(
        wording(&zh, "message")
            .contains(&"「攻府」应为「政府」：机关名称错字（“政”误作“攻”），已有网站因此被通报".to_owned())
    );
    assert!(
        wording(&en, "message")
            .contains(&"“攻府” should be “政府”: 机关名称错字（“政”误作“攻”），已有网站因此被通报".to_owned())
    );
    assert!(wording(&en, "suggestion").contains(&"Write “政府” instead".to_owned()));
    let keys = |r: &Value| r["findings"][0].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&en),
        ["col", "column_path", "file", "indicator", "level", "line", "message", "rule", "site", "suggestion"]
    );
}

#[test]
fn a_theme_that_hides_the_publish_date_is_reported() {
    let tmp = fixture("faults");
    let theme = tmp.path().join("themes/plain");
    common::copy_dir(&repo_root().join("themes/default"), &theme);
    let page = theme.join("templates/page.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("{{ article.date }}", "")).unwrap();
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, text.replace("portal: portal\n", "portal: portal\ntheme: plain\n")).unwrap();
    let (_, report, stderr) = check(tmp.path(), &[]);
    let no_date: Vec<String> = summary(&report, "findings").into_iter().filter(|f| f.contains("no-date")).collect();
    assert_eq!(no_date, ["portal no-date scored themes/plain/templates/page.html"], "{stderr}");
}

#[test]
fn an_expired_static_page_carries_a_notice_once_past_its_review_date() {
    let tmp = fixture("basic");
    let page = tmp.path().join("content/jyj/jgzn/index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("---\n", "---\nreviewed: 2026-01-05\nreview_in: 6 months\n", 1)).unwrap();
    let notice = "本页内容应于2026-07-05复核";
    common::build_ok(tmp.path(), &["--today", "2026-07-04"]);
    assert!(!common::read(&tmp.path().join("public"), "jyj/jgzn/index.html").contains(notice), "not due yet");
    common::build_ok(tmp.path(), &["--today", "2026-07-05"]);
    assert!(common::read(&tmp.path().join("public"), "jyj/jgzn/index.html").contains(notice), "due: the notice shows");
}

/// Runs `zhanqun check --gate` (text report) on `root`; returns (exit code, stdout, stderr).
fn gate(root: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let html = tempfile::NamedTempFile::new().expect("temp file");
    let out = zhanqun()
        .args(["check", "--gate", "--today", TODAY, "--root"])
        .arg(root)
        .arg("--html")
        .arg(html.path())
        .args(extra)
        .output()
        .expect("run zhanqun check --gate");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_gate_blocks_what_must_not_be_published_and_names_it() {
    let (code, stdout, stderr) = gate(&repo_root().join("tests/fixtures/faults"), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "发布闸门：未通过。有 9 项问题必须修改后才能发布（链接不可用（broken-link）×1、办事服务不实用（guide-placeholder）×1、空白栏目（placeholder-page）×2、隐私泄露（privacy）×2、严重表述错误（wording）×3）"
        ),
        "the scored wording slip and the missing 主题分类 do not count, the three veto misstatements do:\n{stderr}"
    );
    // The risks are reported loudly, apart, and the full report is still printed.
    assert!(
        stderr.contains(
            "注意：有 7 项单项否决风险不阻止这次发布（空白栏目（blank-columns-veto）×1、办事服务不实用（guide-elements）×1、首页不更新（home-stale）×2、互动回应差（letter-veto）×2、栏目不更新（stale-columns-veto）×1）"
        ),
        "{stderr}"
    );
    assert!(stdout.contains("[单项否决] sites/jyj.yaml blank-columns-veto"), "{stdout}");
}

#[test]
fn the_gate_lets_stale_and_blank_sites_publish_and_plain_check_still_fails_them() {
    let faults = repo_root().join("tests/fixtures/faults");
    // jyj and yongan carry only risks publishing cures (stale, blank, home page) and furniture.
    let (code, _, stderr) = gate(&faults, &["--sites", "jyj,yongan"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("发布闸门：通过"), "{stderr}");
    assert!(
        stderr.contains(
            "注意：有 4 项单项否决风险不阻止这次发布（空白栏目（blank-columns-veto）×1、首页不更新（home-stale）×2、栏目不更新（stale-columns-veto）×1）"
        ),
        "{stderr}"
    );
    let (code, report, _) = check(&faults, &["--sites", "jyj,yongan"]);
    assert_eq!(code, Some(1), "plain check keeps failing on a veto");
    let sites: Vec<&str> = report["sites"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(sites, ["jyj", "yongan"]);
    let found = summary(&report, "findings");
    assert_eq!(found.len(), 18, "{found:#?}");
    assert!(found.iter().all(|f| f.starts_with("jyj ") || f.starts_with("yongan ")), "{found:#?}");
    assert_eq!(summary(&report, "suppressed"), ["yongan blank-column scored hdjl"]);

    // The whole example cluster months later: every sub-site is stale (veto), nothing blocks.
    let html = tempfile::NamedTempFile::new().unwrap();
    let late = |gate: bool| {
        let mut cmd = zhanqun();
        cmd.args(["check", "--today", "2027-03-01", "--root"]).arg(repo_root()).arg("--html").arg(html.path());
        if gate {
            cmd.arg("--gate");
        }
        cmd.output().unwrap()
    };
    assert_eq!(late(false).status.code(), Some(1));
    let out = late(true);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("首页不更新（home-stale）×"));
}

#[test]
fn check_sites_names_an_unknown_site_and_the_nearest_one() {
    let faults = repo_root().join("tests/fixtures/faults");
    let (code, _, stderr) = gate(&faults, &["--sites", "jyj,yongn"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--sites 中的“yongn”不是本站群的站点，是不是要写“yongan”？"), "{stderr}");
    let out = zhanqun()
        .args(["--lang", "en", "check", "--sites", "nosuchsite", "--today", TODAY, "--root"])
        .arg(&faults)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("“nosuchsite” in --sites is not a site of the cluster") && err.contains("portal,jyj,yongan"),
        "{err}"
    );
}

#[test]
fn gate_and_deny_do_not_go_together() {
    let out = zhanqun().args(["check", "--gate", "--deny", "scored"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A malformed 网站标识码 in the portal's file that the other sites inherit is reported once,
/// in the portal's file, saying how many sites show it.
#[test]
fn a_portal_code_the_sites_inherit_is_one_finding_in_the_portal_file() {
    let tmp = fixture("faults");
    let root = tmp.path();
    let portal = root.join("sites/portal.yaml");
    let yaml = std::fs::read_to_string(&portal).expect("portal file");
    std::fs::write(&portal, yaml.replace("\"5203300001\"", "\"52033\"")).expect("write portal");
    let (_, report, stderr) = check(root, &[]);
    let codes: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "furniture" && f["message"].as_str().is_some_and(|m| m.contains("`52033`")))
        .collect();
    assert_eq!(codes.len(), 1, "one finding, not one per inheriting site: {codes:#?}\n{stderr}");
    assert_eq!(codes[0]["file"], "sites/portal.yaml", "{codes:#?}");
    assert!(codes[0]["message"].as_str().unwrap().contains("2 个站点沿用它"), "{codes:#?}");
}

/// A malformed 网站标识码, a page whose front matter does not parse and a site file with an
/// unknown setting do not stop the inspection: each is a finding under its indicator beside
/// every other, the page still counts for its column (no false blank column), and exit 2 is
/// kept for a cluster whose `zhanqun.yaml` cannot be read.
#[test]
fn check_inspects_whatever_it_can_read() {
    let tmp = fixture("faults");
    let root = tmp.path();
    let site = root.join("sites/jyj.yaml");
    let yaml = std::fs::read_to_string(&site).expect("site file");
    std::fs::write(&site, format!("{yaml}site_code: \"52033000\"\n")).expect("write site");
    // A township's file with an unknown key and a value of the wrong kind: the build refuses
    // it, check reports it and still inspects the township with the rest of its settings.
    let township = root.join("sites/yongan.yaml");
    let yaml = std::fs::read_to_string(&township).expect("site file");
    std::fs::write(&township, format!("{yaml}fax: \"0851-1234567\"\nleaders: 杨晓峰\n")).expect("write site");
    let page = root.join("content/jyj/xxgk/czzj/2026-11-20-yusuan.md");
    std::fs::create_dir_all(page.parent().expect("dir")).expect("mkdir");
    std::fs::write(&page, "---\ntitle: [2026年部门预算\ndate: 2026-11-20\n---\n\n正文内容。\n").expect("write page");

    let (code, report, stderr) = check(root, &[]);
    assert_eq!(code, Some(1), "findings, not an unreadable cluster:\n{stderr}");
    let found = summary(&report, "findings");
    let has = |line: &str| found.iter().any(|f| f == line);
    assert!(has("jyj furniture scored sites/jyj.yaml"), "{found:#?}");
    let text = serde_json::to_string(&report["findings"]).expect("json");
    assert!(text.contains("52033000"), "the malformed code is named: {text}");
    assert!(
        found.iter().any(|f| f.starts_with("jyj page-error scored content/jyj/xxgk/czzj/2026-11-20-yusuan.md:")),
        "the page that does not parse is a finding at its line: {found:#?}"
    );
    assert!(!has("jyj blank-column scored xxgk/czzj"), "the unparsed page counts for its column: {found:#?}");
    // Everything else is still inspected.
    assert!(has("portal broken-link scored content/portal/zwdt/gzdt/2026-11-18-lianjie.md:8"), "{found:#?}");
    assert!(has("yongan home-stale veto -"), "the township is inspected despite its file: {found:#?}");
    assert!(has("yongan settings-error scored sites/yongan.yaml:13"), "the first mistake is a finding: {found:#?}");
    assert!(!text.contains("不是站群里的站点"), "its pages are not called strays: {text}");

    // The gate names the refused page first: the build would stop on it.
    let (gate_code, _, gate_err) = gate(root, &[]);
    assert_eq!(gate_code, Some(1), "{gate_err}");
    assert!(gate_err.contains("page-error"), "{gate_err}");

    // A site file that is not YAML at all: the site cannot be read, and its pages are not told
    // to add the file that is already there.
    std::fs::write(&township, "name: [\n").expect("break site");
    let (_, report, _) = check(root, &[]);
    let text = serde_json::to_string(&report["findings"]).expect("json");
    assert!(text.contains("sites/yongan.yaml 有错误") && !text.contains("请添加 sites/yongan.yaml"), "{text}");

    std::fs::write(root.join("zhanqun.yaml"), "name: [\n").expect("break settings");
    let (code, _, stderr) = check(root, &[]);
    assert_eq!(code, Some(2), "an unreadable zhanqun.yaml is an unreadable cluster:\n{stderr}");
    assert!(stderr.contains("zhanqun.yaml"), "{stderr}");
}
