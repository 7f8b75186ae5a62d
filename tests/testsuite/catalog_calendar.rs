//! `catalog diff` knows the calendar: a document committed with a future date (scheduled
//! publishing) is listed apart and never makes today's documents back-dated, so the CI gate
//! `--fail-on backdated` passes; `--format csv` gives auditors the same findings for Excel.

use crate::common;

use common::git::{commit_all, git};
use common::{fixture, zhanqun};
use std::path::Path;
use std::process::Output;

const POLICY: &str = "---\ntitle: 测试县教育局关于{title}的通知\ndate: {date}\n\
    index_no: 11520330MB1730478Y/2026-{no}\ndoc_number: 测教发〔2026〕{no}号\n\
    topic: 科技、教育\ngenre: 通知\n---\n\n各学校：{title}。\n";

fn policy(root: &Path, date: &str, no: &str, title: &str) {
    let text = POLICY.replace("{title}", title).replace("{date}", date).replace("{no}", no);
    std::fs::write(root.join(format!("content/jyj/xxgk/zcwj/{date}-{no}.md")), text).expect("write page");
}

fn diff(root: &Path, args: &[&str]) -> Output {
    zhanqun().args(["catalog", "diff", "--git", "--root"]).arg(root).args(args).output().expect("run zhanqun")
}

/// A repository whose first commit holds a document scheduled for 2026-12-20 and whose second
/// adds an ordinary document dated 2026-12-01.
fn scheduled_then_today() -> tempfile::TempDir {
    let tmp = fixture("basic");
    let root = tmp.path();
    git(root, &["init", "-q"]);
    policy(root, "2026-12-20", "00020", "寒假安排");
    commit_all(root, "a document scheduled for 20 December");
    policy(root, "2026-12-01", "00021", "开展冬季安全检查");
    commit_all(root, "today's document");
    tmp
}

#[test]
fn a_scheduled_document_never_blocks_todays_publication() {
    let repo = scheduled_then_today();
    let out = diff(repo.path(), &["HEAD~1", "HEAD", "--today", "2026-12-01", "--json", "--fail-on", "backdated"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["summary"]["backdated"], 0);
    assert_eq!(report["summary"]["added"], 1);
    assert_eq!(report["added"][0]["index_no"], "11520330MB1730478Y/2026-00021");
    assert_eq!(report["today"], "2026-12-01");
    let scheduled: Vec<(String, String)> = report["scheduled"]
        .as_array()
        .expect("scheduled list")
        .iter()
        .map(|s| (s["side"].as_str().unwrap().to_string(), s["date"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(scheduled, [("old".into(), "2026-12-20".into()), ("new".into(), "2026-12-20".into())]);

    // The table names the scheduled document apart.
    let out = diff(repo.path(), &["HEAD~1", "HEAD", "--today", "2026-12-01"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("11520330MB1730478Y/2026-00020") && table.contains("2026-12-20"), "{table}");

    // Taken as of the scheduled day, the document counts as published in both, so nothing is
    // scheduled and today's document is (rightly) dated before OLD's newest.
    let out = diff(repo.path(), &["HEAD~1", "HEAD", "--today", "2026-12-20", "--fail-on", "backdated"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn csv_gives_auditors_one_row_per_finding() {
    let repo = scheduled_then_today();
    let out = diff(repo.path(), &["HEAD~1", "HEAD", "--today", "2026-12-01", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM for Excel");
    let text = String::from_utf8(out.stdout[3..].to_vec()).expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(header[..3], ["类别", "代码", "索引号"]);
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.expect("row").iter().map(String::from).collect()).collect();
    let codes: Vec<(&str, &str)> = rows.iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        codes,
        [
            ("added", "11520330MB1730478Y/2026-00021"),
            ("scheduled", "11520330MB1730478Y/2026-00020"),
            ("scheduled", "11520330MB1730478Y/2026-00020"),
        ]
    );
    assert!(text.contains("\r\n"), "CRLF line ends");
    // --json and --format csv cannot both be asked for.
    let out = diff(repo.path(), &["HEAD~1", "HEAD", "--json", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
}
