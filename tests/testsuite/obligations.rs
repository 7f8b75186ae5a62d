//! The disclosure obligations of `zhanqun check` (issue 18, point 6) on `tests/fixtures/obligations`:
//! each site's 政府信息公开工作年度报告 by 31 January (the portal's by 31 March), the portal's
//! 政府网站工作年度报表 by 31 January, an interpretation linked (`interprets:`) to each policy
//! document of the cluster's own within 3 working days, a 依申请公开 entry on every site. Each
//! rule's exact findings around its deadline — the deadline day itself is not late — and the
//! cases that must give nothing; the roles unconfigured give one hint; an unknown role and an
//! `interprets:` that names no page are errors.

use crate::common;

use common::{build, fixture, repo_root, zhanqun};
use serde_json::Value;
use std::path::Path;

/// The rules under test, and the link rule an `interprets:` naming nothing reports under.
const RULES: &[&str] =
    &["annual-report", "website-report", "policy-interpretation", "on-request-entry", "column-roles", "broken-link"];

/// Runs `zhanqun check --format json` on `root` as of `today`: (exit code, report).
fn check(root: &Path, today: &str) -> (Option<i32>, Value) {
    let (code, report, stderr) = common::check_json(root, today, &[]);
    assert!(!report.is_null(), "no JSON report: {stderr}");
    (code, report)
}

/// `site rule level where` of each finding of the rules under test, sorted.
fn found(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| RULES.contains(&f["rule"].as_str().unwrap_or("")))
        .map(|f| {
            let place = match (f["file"].as_str(), f["line"].as_u64(), f["column_path"].as_str()) {
                (Some(file), Some(line), _) => format!("{file}:{line}"),
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

/// The one finding of `rule` at `place` (as [`found`] writes it).
fn finding<'a>(report: &'a Value, rule: &str, site: &str) -> Vec<&'a Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule && f["site"] == site).collect()
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// What holds on every date below: the portal's policy document without an interpretation
/// (interpreted documents, a State Council document reproduced here, a repealed one and one
/// older than a year give nothing), the interpretation that names no document, the department
/// without a 依申请公开 entry (the township has its own, a local column with `role: 依申请公开`).
const ALWAYS: &[&str] = &[
    "portal policy-interpretation scored content/portal/xxgk/zcwj/2026-01-05-chuzu.md:2",
    "portal policy-interpretation advice content/portal/xxgk/zcjd/2026-01-20-wulian.md:2",
    "jyj on-request-entry scored xxgk",
];

#[test]
fn on_the_deadline_day_nothing_is_late() {
    let tmp = fixture("obligations");
    // 31 January: the department's and the township's 2025 reports are not late yet, so last
    // year's cycle is checked (their 2024 reports of January 2025 were on time); the portal's
    // 2025 website report is dated today.
    let (_, report) = check(tmp.path(), "2026-01-31");
    assert_eq!(found(&report), sorted(ALWAYS));
}

#[test]
fn the_day_after_the_deadline_the_missing_reports_are_found() {
    let tmp = fixture("obligations");
    let (_, report) = check(tmp.path(), "2026-02-01");
    let mut want = ALWAYS.to_vec();
    want.extend(["jyj annual-report scored xxgk/ndbg", "zhen annual-report scored xxgk/ndbg"]);
    assert_eq!(found(&report), sorted(&want));
    let jyj = finding(&report, "annual-report", "jyj");
    assert_eq!(jyj[0]["indicator"], "政府信息公开");
    assert_eq!(
        jyj[0]["message"],
        "义务县教育局的 2025 年政府信息公开工作年度报告应在 2026-01-31 前发布（《政府信息公开条例》第四十九条），栏目「政府信息公开年报」（xxgk/ndbg）里至今没有"
    );
    assert_eq!(
        jyj[0]["suggestion"],
        "在 content/jyj/xxgk/ndbg/ 发布，标题写明年份，例如「义务县教育局2025年政府信息公开工作年度报告」；发布日期写实际发布的那一天"
    );
    // The portal (the county government) has until 31 March: nothing yet.
    assert!(finding(&report, "annual-report", "portal").is_empty());
}

#[test]
fn the_county_governments_report_is_due_by_31_march_and_a_late_one_is_advice() {
    let tmp = fixture("obligations");
    // 31 March: the portal's 2025 report is dated today — on time, as on every day after.
    let (_, report) = check(tmp.path(), "2026-03-31");
    assert!(finding(&report, "annual-report", "portal").is_empty(), "{:?}", found(&report));
    let (_, report) = check(tmp.path(), "2026-04-01");
    let mut want = ALWAYS.to_vec();
    want.extend([
        "portal policy-interpretation scored content/portal/xxgk/zcwj/2026-01-28-jiuzhu.md:2",
        "jyj annual-report scored xxgk/ndbg",
        // The township published on 10 February: late, which no edit can cure now.
        "zhen annual-report advice content/zhen/xxgk/ndbg/2026-02-10-2025-baogao.md:3",
    ]);
    assert_eq!(found(&report), sorted(&want));
    let late = finding(&report, "annual-report", "zhen");
    assert_eq!(
        late[0]["message"],
        "义务县青石镇人民政府的 2025 年政府信息公开工作年度报告 2026-02-10 才发布，晚于规定的 2026-01-31（《政府信息公开条例》第四十九条）"
    );
    assert_eq!(late[0]["suggestion"], "已发布的日期不能改；下一年度的请在 2027-01-31 前发布");
}

#[test]
fn an_interpretation_is_due_within_three_working_days() {
    let tmp = fixture("obligations");
    // Published Wednesday 28 January: three working days end on Monday 2 February.
    let (_, report) = check(tmp.path(), "2026-02-02");
    assert_eq!(found(&report).iter().filter(|f| f.contains("jiuzhu")).count(), 0);
    let (_, report) = check(tmp.path(), "2026-02-03");
    let late: Vec<&Value> = finding(&report, "policy-interpretation", "portal")
        .into_iter()
        .filter(|f| f["file"] == "content/portal/xxgk/zcwj/2026-01-28-jiuzhu.md")
        .collect();
    assert_eq!(late.len(), 1, "{:?}", found(&report));
    assert_eq!(late[0]["level"], "scored");
    assert_eq!(late[0]["indicator"], "解读回应");
    assert_eq!(
        late[0]["message"],
        "政策文件「义务县人民政府关于调整临时救助标准的通知」2026-01-28 发布，应在 3 个工作日内（最迟 2026-02-02）发布解读并与文件关联，至今没有解读关联到它"
    );
    assert_eq!(
        late[0]["suggestion"],
        "发布解读（发在 content/portal/xxgk/zcjd/，体裁分类写「解读」），在解读页开头的属性区写一行 `interprets: /xxgk/zcwj/2026-01-28-jiuzhu/`；已有解读的，在那篇解读上加这一行。确实不需要解读的文件，在 zhanqun.yaml 的 check.exceptions 里按文件写明理由"
    );
    let unlinked = finding(&report, "policy-interpretation", "portal")
        .into_iter()
        .find(|f| f["level"] == "advice")
        .expect("the unlinked interpretation");
    assert_eq!(unlinked["message"], "解读「一图读懂县城生活垃圾分类工作」没有写明它解读的是哪份文件");
}

#[test]
fn the_working_days_follow_the_cluster_calendar() {
    let tmp = fixture("obligations");
    // 29 January to 2 February declared holidays: the document of 28 January is due 5 February.
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        format!("{text}interaction:\n  holidays: [\"2026-01-29..2026-02-02\"]\ncheck:\n  interpretation_days: 3\n"),
    )
    .unwrap();
    let (_, report) = check(tmp.path(), "2026-02-05");
    assert!(!found(&report).iter().any(|f| f.contains("jiuzhu")), "{:?}", found(&report));
    let (_, report) = check(tmp.path(), "2026-02-06");
    assert!(found(&report).iter().any(|f| f.contains("jiuzhu")), "{:?}", found(&report));
}

#[test]
fn the_portals_website_report_is_due_by_31_january() {
    let tmp = fixture("obligations");
    std::fs::remove_file(tmp.path().join("content/portal/xxgk/ndbb/2026-01-31-2025-baobiao.md")).unwrap();
    let (_, report) = check(tmp.path(), "2026-01-31");
    assert!(finding(&report, "website-report", "portal").is_empty());
    let (_, report) = check(tmp.path(), "2026-02-01");
    assert!(found(&report).contains(&"portal website-report scored xxgk/ndbb".to_owned()), "{:?}", found(&report));
    let f = finding(&report, "website-report", "portal");
    assert_eq!(
        f[0]["message"],
        "义务县人民政府的 2025 年政府网站工作年度报表应在 2026-01-31 前发布（《政府网站发展指引》（国办发〔2017〕47号）），栏目「政府网站工作年度报表」（xxgk/ndbb）里至今没有"
    );
    assert_eq!(f[0]["indicator"], "其他");
}

#[test]
fn the_on_request_entry_is_named_with_its_fix() {
    let tmp = fixture("obligations");
    let (_, report) = check(tmp.path(), "2026-01-31");
    let f = finding(&report, "on-request-entry", "jyj");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["message"], "义务县教育局没有依申请公开栏目（role: on-request），公众找不到申请公开政府信息的入口");
    assert!(f[0]["suggestion"].as_str().unwrap().starts_with("在「政府信息公开」下设一个依申请公开栏目"), "{}", f[0]);
}

#[test]
fn a_cluster_without_roles_gets_one_hint_and_no_false_finding() {
    let tmp = fixture("obligations");
    let cols = tmp.path().join("columns.yaml");
    let text = std::fs::read_to_string(&cols).unwrap();
    let without: String =
        text.lines().filter(|l| !l.trim_start().starts_with("role:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&cols, without).unwrap();
    let site = tmp.path().join("sites/zhen.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replace("    role: 依申请公开\n", "")).unwrap();
    let (_, report) = check(tmp.path(), "2026-04-01");
    assert_eq!(found(&report), ["portal column-roles advice columns.yaml"]);
    let f = &finding(&report, "column-roles", "portal")[0];
    assert_eq!(
        f["message"],
        "没有栏目标明这些 role，相应的检查（年报、年度报表、政策解读、依申请公开）没有进行：annual-report（年报）、website-report（年度报表）、policy（政策文件）、on-request（依申请公开）"
    );
    assert_eq!(
        f["suggestion"],
        "在 columns.yaml 里给承担这些内容的栏目加一行 role：xxgk/ndbg（政府信息公开年报）写 role: annual-report；xxgk/ndbb（政府网站工作年度报表）写 role: website-report；xxgk/zcwj（政策文件）写 role: policy；xxgk/ysqgk（依申请公开）写 role: on-request"
    );
}

#[test]
fn a_site_without_the_report_column_gets_a_hint() {
    let tmp = fixture("obligations");
    let cols = tmp.path().join("columns.yaml");
    let text = std::fs::read_to_string(&cols).unwrap();
    let text = text.replace(
        "      name: 政府信息公开年报\n      kind: disclosure\n      sites: [portal, department, township]",
        "      name: 政府信息公开年报\n      kind: disclosure\n      sites: [portal, department]",
    );
    std::fs::write(&cols, text).unwrap();
    std::fs::remove_dir_all(tmp.path().join("content/zhen/xxgk/ndbg")).unwrap();
    let (_, report) = check(tmp.path(), "2026-01-31");
    let f = finding(&report, "column-roles", "zhen");
    assert_eq!(f.len(), 1, "{:?}", found(&report));
    assert_eq!(f[0]["file"], "sites/zhen.yaml");
    assert_eq!(f[0]["level"], "advice");
    assert_eq!(
        f[0]["message"],
        "义务县青石镇人民政府没有标明 annual-report（年报） 的栏目，无法检查它的政府信息公开工作年度报告是否按时发布"
    );
}

#[test]
fn an_interprets_naming_no_page_is_a_broken_link_and_stops_the_build() {
    let tmp = fixture("obligations");
    let page = tmp.path().join("content/portal/xxgk/zcjd/2026-01-06-jianzhu-jiedu.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("/xxgk/zcwj/2026-01-05-jianzhu/", "/xxgk/zcwj/2026-01-05-jianzu/")).unwrap();
    let (_, report) = check(tmp.path(), "2026-01-31");
    let mut want = ALWAYS.to_vec();
    want.extend([
        "portal broken-link scored content/portal/xxgk/zcjd/2026-01-06-jianzhu-jiedu.md:8",
        // Its document now has no interpretation either.
        "portal policy-interpretation scored content/portal/xxgk/zcwj/2026-01-05-jianzhu.md:2",
    ]);
    assert_eq!(found(&report), sorted(&want));
    let f = finding(&report, "broken-link", "portal");
    assert_eq!(
        f[0]["message"],
        "`interprets`（解读文件）写的「/xxgk/zcwj/2026-01-05-jianzu/」不能用：站群里没有这个网址的页面（网址路径从 / 开始，即网页地址去掉域名的部分）"
    );
    let out = build(tmp.path(), &["--today", "2026-01-31"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("content/portal/xxgk/zcjd/2026-01-06-jianzhu-jiedu.md:8: 错误[interprets]"), "{err}");
}

#[test]
fn interprets_takes_a_url_path_a_full_address_or_a_source_file() {
    let tmp = fixture("obligations");
    let page = tmp.path().join("content/portal/xxgk/zcjd/2026-01-06-jianzhu-jiedu.md");
    let text = std::fs::read_to_string(&page).unwrap();
    for (value, ok) in [
        ("https://www.yiwu.gov.cn/xxgk/zcwj/2026-01-05-jianzhu/", true),
        ("/xxgk/zcwj/2026-01-05-jianzhu/index.html", true),
        ("/xxgk/zcwj/2026-01-05-jianzhu", true),
        ("../zcwj/2026-01-05-jianzhu.md", true),
        ("content/portal/xxgk/zcwj/2026-01-05-jianzhu.md", true),
        ("[/xxgk/zcwj/2026-01-05-jianzhu/, /xxgk/zcwj/2026-01-05-chuzu/]", true),
        ("https://www.gov.cn/zhengce/content/2026-01/05/content_1.htm", false),
        ("2026-01-05-jianzhu", false),
        ("../../../../zcwj/2026-01-05-jianzhu.md", false),
    ] {
        std::fs::write(&page, text.replace("/xxgk/zcwj/2026-01-05-jianzhu/", value)).unwrap();
        let (_, report) = check(tmp.path(), "2026-01-31");
        let broken = !finding(&report, "broken-link", "portal").is_empty();
        assert_eq!(!broken, ok, "{value}: {:?}", found(&report));
        if value.starts_with('[') {
            assert!(
                !found(&report).iter().any(|f| f.contains("chuzu")),
                "a list interprets both: {:?}",
                found(&report)
            );
        }
    }
}

#[test]
fn an_unknown_role_is_an_error_naming_the_roles() {
    let tmp = fixture("obligations");
    let cols = tmp.path().join("columns.yaml");
    let text = std::fs::read_to_string(&cols).unwrap();
    std::fs::write(&cols, text.replace("role: annual-report", "role: anual-report")).unwrap();
    let message = "栏目 `ndbg` 的 role「anual-report」不认识；可用的 role 有：annual-report, website-report, policy, interpretation, on-request。是不是想写 `annual-report`？";
    // The build refuses it at its line.
    let out = zhanqun().args(["build", "--today", "2026-02-01", "--root"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("columns.yaml:25: 错误[columns]: {message}")), "{err}");
    // check reports it as a finding and inspects the rest (exit 2 is for an unreadable
    // zhanqun.yaml only).
    let out = zhanqun().args(["check", "--today", "2026-02-01", "--root"]).arg(tmp.path()).output().unwrap();
    assert_ne!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("columns.yaml:25 settings-error") && text.contains(message), "{text}");
}

#[test]
fn the_example_cluster_uses_every_role() {
    let text = std::fs::read_to_string(repo_root().join("columns.yaml")).unwrap();
    for role in ["annual-report", "website-report", "policy", "interpretation", "on-request"] {
        assert!(text.contains(&format!("role: {role}\n")), "{role}");
    }
    let (_, report) = check(&repo_root(), "2026-11-25");
    assert!(!found(&report).iter().any(|f| f.contains("column-roles")), "{:?}", found(&report));
}
