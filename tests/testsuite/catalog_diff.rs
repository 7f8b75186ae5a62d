//! `zhanqun catalog diff`: two git revisions of a copy of the `basic` fixture, and the same
//! catalogs as catalog.json files and as the output directories of real builds; the JSON
//! report checked against `schemas/catalog-diff-v1.schema.json` by a real validator.

use crate::common;

use common::git::{commit_all, git};
use common::{fixture, zhanqun};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

const PEIXUN: &str = "content/jyj/xxgk/zcwj/2026-04-01-peixun.md";
const JIHUA: &str = "content/jyj/xxgk/ghjh/2026-05-01-jihua.md";
const YUSUAN: &str = "content/yongan/xxgk/czzj/2026-06-01-yusuan.md";
const ZIZHU: &str = "content/jyj/xxgk/zcwj/2026-03-01-zizhu.md";

/// A repository with two commits of the fixture cluster. The second adds two disclosed
/// documents (one dated before the newest of the first commit), removes one, changes the 文号
/// of one, renumbers one, back-dates one, breaks one page and edits a news page.
fn two_commits() -> (tempfile::TempDir, String, String) {
    let tmp = fixture("basic");
    let root = tmp.path();
    git(root, &["init", "-q"]);
    write(
        root,
        PEIXUN,
        "---\ntitle: 测试县教育局关于开展教师培训的通知\ndate: 2026-04-01\n\
         index_no: 11520330MB1730478Y/2026-00002\ndoc_number: 测教发〔2026〕3号\n\
         topic: 科技、教育\ngenre: 通知\n---\n\n各学校：请组织教师参加培训。\n",
    );
    write(
        root,
        JIHUA,
        "---\ntitle: 测试县教育局2026年工作计划\ndate: 2026-05-01\n\
         index_no: 11520330MB1730478Y/2026-00003\ntopic: 科技、教育\ngenre: 计划\n---\n\n工作计划。\n",
    );
    write(
        root,
        YUSUAN,
        "---\ntitle: 永安镇2026年财政预算公开\ndate: 2026-06-01\n\
         index_no: 11520330MB17307692/2026-00001\ntopic: 财政、金融、审计\ngenre: 公告\n---\n\n预算。\n",
    );
    let old = commit_all(root, "first");

    edit(root, ZIZHU, "文号: 测教发〔2026〕2号", "文号: 测教发〔2026〕4号");
    edit(root, PEIXUN, "2026-00002", "2026-00005");
    edit(root, JIHUA, "date: 2026-05-01", "date: 2026-02-01");
    std::fs::remove_file(root.join(YUSUAN)).unwrap();
    write(
        root,
        "content/portal/xxgk/zcwj/2026-10-08-xinwen.md",
        "---\ntitle: 测试县人民政府关于加强秋冬季森林防火工作的通知\ndate: 2026-10-08\n\
         index_no: 11520330MB1730208C/2026-00002\ndoc_number: 测府发〔2026〕9号\n\
         topic: 农业、林业、水利\ngenre: 通知\nvalid: 有效\n---\n\n各乡镇：做好森林防火。\n",
    );
    write(
        root,
        "content/yongan/xxgk/zcwj/2026-08-01-buzhu.md",
        "---\ntitle: 永安镇关于发放耕地地力保护补贴的公告\ndate: 2026-08-01\n\
         index_no: 11520330MB17307692/2026-00002\ntopic: 农业、林业、水利\ngenre: 公告\n---\n\n补贴。\n",
    );
    write(root, "content/jyj/xxgk/zcwj/2026-10-09-broken.md", "---\ntitle: 未写完的文件\ndate: 2026-10-09\n");
    edit(root, "content/portal/zwdt/gzdt/2026-11-20-huiyi.md", "title:", "title: （更新）");
    let new = commit_all(root, "second");
    (tmp, old, new)
}

/// The day every diff here is taken on, after the fixture's newest document.
const TODAY: &str = "2026-11-30";

fn diff_git(root: &Path, args: &[&str]) -> Output {
    zhanqun()
        .args(["catalog", "diff", "--today", TODAY, "--git"])
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run zhanqun")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The record `catalog.json` holds for a document of the fixture cluster.
#[allow(clippy::too_many_arguments)]
fn entry(
    index_no: &str,
    title: &str,
    doc_number: Option<&str>,
    site: (&str, &str),
    column: (&str, &str),
    topic: &str,
    genre: &str,
    date: &str,
    valid: Option<&str>,
    source: &str,
) -> Value {
    let slug = source.rsplit('/').next().unwrap().trim_end_matches(".md");
    let site_path = if site.0 == "portal" { "/".to_string() } else { format!("/{}/", site.0) };
    json!({
        "index_no": index_no,
        "title": title,
        "doc_number": doc_number,
        "publisher": site.1,
        "site": site.0,
        "site_name": site.1,
        "column": column.0,
        "column_name": column.1,
        "topic": topic,
        "genre": genre,
        "written": null,
        "date": date,
        "valid": valid,
        "url": format!("{site_path}{}/{slug}/", column.0),
        "source": source,
        "absolute_url": format!("https://www.ceshi.gov.cn{site_path}{}/{slug}/", column.0),
    })
}

/// The differences part of the report the two commits must give.
fn expected_differences() -> Value {
    json!({
        "summary": {
            "added": 2, "removed": 1, "changed": 2, "renumbered": 1, "backdated": 2, "unchanged": 1,
            "duplicates": 0, "scheduled": 0
        },
        "today": TODAY,
        "old_newest_date": "2026-09-01",
        "added": [
            entry(
                "11520330MB1730208C/2026-00002",
                "测试县人民政府关于加强秋冬季森林防火工作的通知",
                Some("测府发〔2026〕9号"),
                ("portal", "测试县人民政府"),
                ("xxgk/zcwj", "政策文件"),
                "农业、林业、水利",
                "通知",
                "2026-10-08",
                Some("有效"),
                "content/portal/xxgk/zcwj/2026-10-08-xinwen.md",
            ),
            entry(
                "11520330MB17307692/2026-00002",
                "永安镇关于发放耕地地力保护补贴的公告",
                None,
                ("yongan", "测试县永安镇人民政府"),
                ("xxgk/zcwj", "政策文件"),
                "农业、林业、水利",
                "公告",
                "2026-08-01",
                None,
                "content/yongan/xxgk/zcwj/2026-08-01-buzhu.md",
            ),
        ],
        "removed": [
            entry(
                "11520330MB17307692/2026-00001",
                "永安镇2026年财政预算公开",
                None,
                ("yongan", "测试县永安镇人民政府"),
                ("xxgk/czzj", "财政资金"),
                "财政、金融、审计",
                "公告",
                "2026-06-01",
                None,
                YUSUAN,
            ),
        ],
        "changed": [
            {
                "index_no": "11520330MB1730478Y/2026-00001",
                "title": "测试县教育局关于做好学生资助工作的通知",
                "site": "jyj",
                "changes": [
                    { "field": "doc_number", "label": "文号", "old": "测教发〔2026〕2号", "new": "测教发〔2026〕4号" }
                ]
            },
            {
                "index_no": "11520330MB1730478Y/2026-00003",
                "title": "测试县教育局2026年工作计划",
                "site": "jyj",
                "changes": [ { "field": "date", "label": "发布日期", "old": "2026-05-01", "new": "2026-02-01" } ]
            }
        ],
        "renumbered": [
            {
                "old_index_no": "11520330MB1730478Y/2026-00002",
                "new_index_no": "11520330MB1730478Y/2026-00005",
                "title": "测试县教育局关于开展教师培训的通知",
                "doc_number": "测教发〔2026〕3号",
                "site": "jyj",
                "changes": []
            }
        ],
        "backdated": [
            {
                "index_no": "11520330MB1730478Y/2026-00003",
                "old_index_no": null,
                "title": "测试县教育局2026年工作计划",
                "site": "jyj",
                "reason": "date_moved_earlier",
                "old_date": "2026-05-01",
                "new_date": "2026-02-01"
            },
            {
                "index_no": "11520330MB17307692/2026-00002",
                "old_index_no": null,
                "title": "永安镇关于发放耕地地力保护补贴的公告",
                "site": "yongan",
                "reason": "added_before_old_newest",
                "old_date": null,
                "new_date": "2026-08-01"
            }
        ],
        "duplicates": [],
        "scheduled": []
    })
}

/// `expected_differences` with the two sides in front, as `--json` prints the whole report.
fn with_sides(old: Value, new: Value) -> Value {
    let mut report = json!({ "schema_version": 1, "old": old, "new": new });
    for (k, v) in expected_differences().as_object().unwrap() {
        report[k] = v.clone();
    }
    report
}

#[test]
fn git_revisions_give_the_exact_json_report() {
    let (repo, old, new) = two_commits();
    let out = diff_git(repo.path(), &["HEAD~1", "HEAD", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    let side = |rev: &str, commit: &str, documents: usize| {
        json!({
            "kind": "git", "source": rev, "file": null, "commit": commit,
            "cluster": "测试县人民政府网站群", "documents": documents
        })
    };
    assert_eq!(report, with_sides(side("HEAD~1", &old, 5), side("HEAD", &new, 6)));
    // The broken page is reported, with its file and reason, and left out.
    let err = stderr(&out);
    let line = err
        .lines()
        .find(|l| l.starts_with("HEAD: content/jyj/xxgk/zcwj/2026-10-09-broken.md:1: 警告[front-matter]: "))
        .unwrap_or_else(|| panic!("no warning for the broken page in:\n{err}"));
    assert!(line.len() > "HEAD: content/jyj/xxgk/zcwj/2026-10-09-broken.md:1: 警告[front-matter]: ".len() + 3, "{err}");
    assert!(line.contains("属性区没有结束"), "{err}");
    assert!(!err.contains("HEAD~1:"), "the first commit has no broken page: {err}");
}

#[test]
fn git_revisions_table_names_each_difference() {
    let (repo, _, _) = two_commits();
    let out = diff_git(repo.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    for needle in [
        "公开目录比对\n",
        "  删除 1  重新编号 1  发布日期倒签 2  变更 2  新增 2  未变 1\n",
        "\n删除（1）\n  索引号                         发布日期    站点    标题\n",
        "11520330MB17307692/2026-00001",
        "重新编号（1）",
        "11520330MB1730478Y/2026-00002  →  11520330MB1730478Y/2026-00005",
        "发布日期倒签（2）",
        "2026-05-01  →  2026-02-01",
        "新增文件的发布日期早于旧目录最新日期 2026-09-01",
        "变更（2）",
        "11520330MB1730478Y/2026-00001  文号      测教发〔2026〕2号  →  测教发〔2026〕4号  测试县教育局关于做好学生资助工作的通知",
        "11520330MB1730478Y/2026-00003  发布日期  2026-05-01         →  2026-02-01         测试县教育局2026年工作计划",
        "新增（2）",
        "11520330MB1730208C/2026-00002",
    ] {
        assert!(table.contains(needle), "`{needle}` missing from\n{table}");
    }
    // One language: no English label in the Chinese table.
    for word in ["removed", "added", "unchanged", "OLD", "NEW", "documents"] {
        assert!(!table.contains(word), "`{word}` in the Chinese table:\n{table}");
    }
    // Sections come most serious first.
    let at = |s: &str| table.find(s).unwrap();
    assert!(at("删除（") < at("重新编号（") && at("重新编号（") < at("新增（"));

    // The same table in English, with the same figures and no Chinese label.
    let out = diff_git(repo.path(), &["HEAD~1", "HEAD", "--lang", "en"]);
    let table = stdout(&out);
    for needle in [
        "Disclosure catalog diff\n",
        "  removed 1  renumbered 1  backdated 2  changed 2  added 2  unchanged 1\n",
        "\nremoved (1)\n  index no.                      date        site    title\n",
        "11520330MB1730478Y/2026-00001  doc. number   测教发〔2026〕2号  →  测教发〔2026〕4号",
        "added with a date before OLD's newest date 2026-09-01",
        "\nadded (2)\n",
    ] {
        assert!(table.contains(needle), "`{needle}` missing from\n{table}");
    }
    for word in ["删除", "新增", "未变", "索引号", "发布日期倒签", "共"] {
        assert!(!table.contains(word), "`{word}` in the English table:\n{table}");
    }
}

#[test]
fn fail_on_sets_the_exit_code() {
    let (repo, _, _) = two_commits();
    let code = |args: &[&str]| diff_git(repo.path(), args).status.code();
    assert_eq!(code(&["HEAD~1", "HEAD"]), Some(0));
    assert_eq!(code(&["HEAD~1", "HEAD", "--fail-on", "removed"]), Some(1));
    assert_eq!(code(&["HEAD~1", "HEAD", "--fail-on", "backdated", "--json"]), Some(1));
    assert_eq!(code(&["HEAD~1", "HEAD", "--fail-on", "added,renumbered"]), Some(1));
    let out = diff_git(repo.path(), &["HEAD~1", "HEAD", "--fail-on", "removed,changed"]);
    assert!(stderr(&out).contains("删除 1 项（removed）、变更 2 项（changed）"), "{}", stderr(&out));
    let all = "removed,changed,added,renumbered,backdated";
    assert_eq!(code(&["HEAD", "HEAD", "--fail-on", all]), Some(0));
    assert_eq!(code(&["HEAD~1", "HEAD~1", "--fail-on", all]), Some(0));

    // Only the renumbering: the removal and the addition it replaces do not count.
    let root = repo.path();
    let commit = |f: &dyn Fn()| {
        f();
        commit_all(root, "step")
    };
    commit(&|| edit(root, PEIXUN, "2026-00005", "2026-00006"));
    assert_eq!(code(&["HEAD~1", "HEAD", "--fail-on", "removed,added,changed,backdated"]), Some(0));
    assert_eq!(code(&["HEAD~1", "HEAD", "--fail-on", "renumbered"]), Some(1));
}

#[test]
fn unreadable_input_exits_2_with_a_clear_message() {
    let (repo, _, _) = two_commits();
    let out = diff_git(repo.path(), &["HEAD~1", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`no-such-branch` 不是"), "{}", stderr(&out));
    let out = diff_git(repo.path(), &["HEAD~1", "no-such-branch", "--lang", "en"]);
    assert!(stderr(&out).contains("`no-such-branch` is not a revision"), "{}", stderr(&out));

    let plain = tempfile::tempdir().unwrap();
    let out = diff_git(plain.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不在 git 仓库里"), "{}", stderr(&out));

    let run = |args: &[&str]| zhanqun().args(["catalog", "diff"]).args(args).current_dir(repo.path()).output().unwrap();
    let out = run(&["HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("HEAD~1：没有这个文件或目录（要比较 git 版本，请加 --git）"), "{}", stderr(&out));
    let out = run(&["HEAD~1", "HEAD", "--lang", "en"]);
    assert!(stderr(&out).contains("HEAD~1: no such file or directory (to compare git revisions, add --git)"));
    let out = run(&["sites/jyj.yaml", "zhanqun.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sites/jyj.yaml 不是 zhanqun 的 catalog.json"), "{}", stderr(&out));
    let out = run(&[".", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("这是站群根目录"), "{}", stderr(&out));
    // Usage errors are exit 2 as well.
    assert_eq!(run(&["a", "b", "--fail-on", "deleted"]).status.code(), Some(2));
    assert_eq!(run(&["a", "b", "--root", "."]).status.code(), Some(2));

    // A repository without a cluster.
    let sub = tempfile::tempdir().unwrap();
    git(sub.path(), &["init", "-q"]);
    write(sub.path(), "README", "empty\n");
    commit_all(sub.path(), "empty");
    let out = diff_git(sub.path(), &["HEAD", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("下没有 zhanqun.yaml"), "{}", stderr(&out));
}

#[test]
fn catalog_files_and_output_directories_give_the_same_differences() {
    let (repo, _, _) = two_commits();
    let revs = zhanqun::catalog::read_revisions(repo.path(), &["HEAD~1", "HEAD"]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, rev) in ["old", "new"].iter().zip(&revs) {
        let catalog = zhanqun::catalog::Catalog::new(&rev.cluster, "cluster", rev.documents.clone());
        let json = zhanqun::catalog::to_json(&catalog);
        // A catalog.json file, and an output directory holding one at its root.
        write(dir.path(), &format!("{name}.json"), &json);
        write(dir.path(), &format!("{name}-public/catalog.json"), &json);
    }
    let run = |a: &str, b: &str| {
        zhanqun()
            .args(["catalog", "diff", "--today", TODAY, "--json", a, b])
            .current_dir(dir.path())
            .output()
            .expect("run zhanqun")
    };
    let side = |kind: &str, source: &str, file: &str, documents: usize| {
        json!({
            "kind": kind, "source": source, "file": file, "commit": null,
            "cluster": "测试县人民政府网站群", "documents": documents
        })
    };
    let out = run("old.json", "new.json");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report, with_sides(side("file", "old.json", "old.json", 5), side("file", "new.json", "new.json", 6)));

    let out = run("old-public", "new-public");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        report,
        with_sides(
            side("dir", "old-public", "old-public/catalog.json", 5),
            side("dir", "new-public", "new-public/catalog.json", 6)
        )
    );

    let out = zhanqun()
        .args(["catalog", "diff", "new.json", "new-public", "--fail-on", "removed,changed,added,renumbered,backdated"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("两个目录一致"), "{}", stdout(&out));
}

#[test]
fn a_cluster_in_a_subdirectory_with_changed_settings() {
    let repo = tempfile::tempdir().unwrap();
    let cluster = repo.path().join("cluster");
    common::copy_dir(&common::repo_root().join("tests/fixtures/basic"), &cluster);
    write(repo.path(), "README.md", "a repository with the cluster in a sub-directory\n");
    git(repo.path(), &["init", "-q"]);
    commit_all(repo.path(), "first");
    // Renaming a site changes 站点名称 (and the default 发布机构) of its documents.
    edit(&cluster, "sites/portal.yaml", "name: 测试县人民政府", "name: 测试县人民政府办公室");
    edit(&cluster, "zhanqun.yaml", "per_page: 2", "per_page: 3");
    commit_all(repo.path(), "rename");

    let out = diff_git(&cluster, &["HEAD~1", "HEAD", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["old"]["documents"], 2);
    assert_eq!(
        report["changed"],
        json!([{
            "index_no": "11520330MB1730208C/2026-00001",
            "title": "测试县人民政府关于印发《测试县乡村振兴实施方案》的通知",
            "site": "portal",
            "changes": [
                { "field": "site_name", "label": "站点名称", "old": "测试县人民政府", "new": "测试县人民政府办公室" }
            ]
        }])
    );
    assert_eq!(report["summary"]["unchanged"], 1);
    assert_eq!(report["old"]["source"], "HEAD~1");
    // Run from inside the cluster directory, with the default --root.
    let out = zhanqun().args(["catalog", "diff", "--git", "HEAD~1", "HEAD"]).current_dir(&cluster).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("站点名称"), "{}", stdout(&out));
}

#[test]
fn built_output_directories_give_the_same_differences_as_revisions() {
    let (repo, _, _) = two_commits();
    let trees = tempfile::tempdir().unwrap();
    for (rev, name) in [("HEAD~1", "old"), ("HEAD", "new")] {
        let tree = trees.path().join(name);
        git(repo.path(), &["worktree", "add", "-q", "--detach", tree.to_str().unwrap(), rev]);
        // The build refuses the broken page that the git reader reports and leaves out.
        let _ = std::fs::remove_file(tree.join("content/jyj/xxgk/zcwj/2026-10-09-broken.md"));
        common::build_ok(&tree, &["--out", trees.path().join(format!("{name}-public")).to_str().unwrap()]);
    }
    let out = zhanqun()
        .args(["catalog", "diff", "--today", TODAY, "--json", "old-public", "new-public"])
        .current_dir(trees.path())
        .output()
        .expect("run zhanqun");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let side = |name: &str, documents: usize| {
        json!({
            "kind": "dir", "source": name, "file": format!("{name}/catalog.json"), "commit": null,
            "cluster": "测试县人民政府网站群", "documents": documents
        })
    };
    assert_eq!(report, with_sides(side("old-public", 5), side("new-public", 6)));
}

#[test]
fn json_reports_validate_against_the_schema() {
    let (repo, _, _) = two_commits();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, args) in [["HEAD~1", "HEAD"], ["HEAD", "HEAD~1"], ["HEAD", "HEAD"]].iter().enumerate() {
        let out = diff_git(repo.path(), &[args[0], args[1], "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let file = dir.path().join(format!("report-{i}.json"));
        std::fs::write(&file, &out.stdout).unwrap();
        files.push(file);
    }
    let schemas = common::repo_root().join("schemas");
    let script = "import json, sys, jsonschema\n\
                  from referencing import Registry, Resource\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  catalog = json.load(open(sys.argv[2]))\n\
                  jsonschema.Draft202012Validator.check_schema(schema)\n\
                  registry = Registry().with_resource(catalog['$id'], Resource.from_contents(catalog))\n\
                  validator = jsonschema.Draft202012Validator(schema, registry=registry)\n\
                  for f in sys.argv[3:]:\n    validator.validate(json.load(open(f, encoding='utf-8')))\n";
    let validate = |files: &[std::path::PathBuf]| {
        Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(schemas.join("catalog-diff-v1.schema.json"))
            .arg(schemas.join("catalog-v2.schema.json"))
            .args(files)
            .output()
            .expect("run python3")
    };
    let run = validate(&files);
    assert!(
        run.status.success(),
        "schema validation failed (pip install jsonschema):\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The validator does look: a report with an unknown reason and a broken document fails.
    let mut bad: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    bad["backdated"][0]["reason"] = json!("suspicious");
    let bad_file = dir.path().join("bad.json");
    std::fs::write(&bad_file, bad.to_string()).unwrap();
    assert!(!validate(std::slice::from_ref(&bad_file)).status.success());
    let mut bad: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    bad["added"][0]["url"] = json!("no-leading-slash");
    std::fs::write(&bad_file, bad.to_string()).unwrap();
    assert!(!validate(&[bad_file]).status.success());
}
