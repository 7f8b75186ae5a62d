//! `zhanqun audit-changes`, `zhanqun owners` and `zhanqun log` on a real repository whose
//! commits are signed with real SSH keys (made by ssh-keygen): several editors, reviewers and
//! operators, the forge's key, and the cases that prove nothing or break a rule — a forged
//! author line, an unsigned commit, a self-review, a cross-site change — each with its exact
//! verdict.

use crate::common;

use common::{fixture, zhanqun};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A person with a key pair.
struct Person {
    name: &'static str,
    email: String,
    key: PathBuf,
}

impl Person {
    fn new(keys: &Path, name: &'static str) -> Person {
        let key = keys.join(name);
        let out = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
            .arg(&key)
            .output()
            .expect("run ssh-keygen");
        assert!(out.status.success(), "ssh-keygen: {}", String::from_utf8_lossy(&out.stderr));
        Person { name, email: format!("{name}@ceshi.gov.cn"), key }
    }

    fn public(&self) -> String {
        std::fs::read_to_string(self.key.with_extension("pub")).unwrap().trim().to_string()
    }

    fn entry(&self) -> String {
        format!("  - email: {}\n    ssh_key: \"{}\"\n    user: {}\n", self.email, self.public(), self.name)
    }
}

/// A repository, its people and a clock for commit dates.
struct Repo {
    _tmp: tempfile::TempDir,
    _keys: tempfile::TempDir,
    dir: PathBuf,
    p: People,
    tick: std::cell::Cell<u32>,
}

struct People {
    zhang: Person,
    li: Person,
    wang: Person,
    zhao: Person,
    sun: Person,
    ops1: Person,
    ops2: Person,
    forge: Person,
    mallory: Person,
}

impl Repo {
    /// The `basic` fixture with the lists, committed (unsigned) as the base.
    fn new() -> Repo {
        let tmp = fixture("basic");
        let keys = tempfile::tempdir().unwrap();
        let k = keys.path();
        let p = People {
            zhang: Person::new(k, "zhang"),
            li: Person::new(k, "li"),
            wang: Person::new(k, "wang"),
            zhao: Person::new(k, "zhao"),
            sun: Person::new(k, "sun"),
            ops1: Person::new(k, "ops1"),
            ops2: Person::new(k, "ops2"),
            forge: Person::new(k, "forge"),
            mallory: Person::new(k, "mallory"),
        };
        let dir = tmp.path().to_path_buf();
        let append = |rel: &str, text: String| {
            let path = dir.join(rel);
            let old = std::fs::read_to_string(&path).unwrap();
            std::fs::write(path, format!("{old}{text}")).unwrap();
        };
        append(
            "zhanqun.yaml",
            format!(
                "operators:\n{}{}forge_key: \"{}\"\nreviewers_needed:\n  disclosure: 2\n",
                p.ops1.entry(),
                p.ops2.entry(),
                p.forge.public()
            ),
        );
        // li both edits and reviews 教育局: the self-review case.
        append(
            "sites/jyj.yaml",
            format!("editors:\n{}{}reviewers:\n{}{}", p.zhang.entry(), p.li.entry(), p.li.entry(), p.wang.entry()),
        );
        append("sites/yongan.yaml", format!("editors:\n{}reviewers:\n{}", p.zhao.entry(), p.sun.entry()));
        let repo = Repo { _tmp: tmp, _keys: keys, dir, p, tick: std::cell::Cell::new(0) };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["add", "-A"]);
        repo.commit(None, "someone", "base", &[]);
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args)
            .output()
            .expect("run git");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// Commits what is staged (or nothing), signed by `signer`'s key (unsigned with `None`),
    /// with `author` as the author line; returns the commit id.
    fn commit(&self, signer: Option<&Person>, author: &str, message: &str, extra: &[&str]) -> String {
        let n = self.tick.get();
        self.tick.set(n + 1);
        let date = format!("2026-12-{:02}T10:00:00+08:00", 1 + n / 4);
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&self.dir).env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1");
        cmd.env("GIT_AUTHOR_DATE", &date).env("GIT_COMMITTER_DATE", &date);
        cmd.args(["-c", &format!("user.name={author}"), "-c", &format!("user.email={author}@ceshi.gov.cn")]);
        match signer {
            Some(s) => cmd.args(["-c", "gpg.format=ssh", "-c", &format!("user.signingkey={}", s.key.display())]),
            None => cmd.args(["-c", "commit.gpgsign=false"]),
        };
        if extra.first() == Some(&"merge") {
            cmd.args(extra);
            if signer.is_some() {
                cmd.arg("-S");
            }
            cmd.args(["-m", message]);
        } else {
            cmd.args(["commit", "-q", "--allow-empty", "-m", message]).args(extra);
            if signer.is_some() {
                cmd.arg("-S");
            }
        }
        let out = cmd.output().expect("run git");
        assert!(out.status.success(), "git commit: {}", String::from_utf8_lossy(&out.stderr));
        self.git(&["rev-parse", "HEAD"])
    }

    /// Writes a page and stages it.
    fn page(&self, rel: &str, front: &str) {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("---\n{front}\n---\n\n正文第一段，介绍这项工作的具体安排。\n")).unwrap();
        self.git(&["add", "-A"]);
    }

    fn review(&self, by: &Person, commits: &[&str]) -> String {
        let trailer = commits.iter().map(|c| format!("审核: {}", &c[..10])).collect::<Vec<_>>().join("\n");
        self.commit(Some(by), by.name, &format!("审核\n\n{trailer}"), &[])
    }
}

fn audit(dir: &Path, base: &str, head: &str, json: bool) -> (i32, String) {
    let mut cmd = zhanqun();
    cmd.args(["audit-changes", base, head, "--root"]).arg(dir);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The history every test reads, with the commit ids of each case.
struct Story {
    repo: Repo,
    base: String,
    news: String,
    disclosure: String,
    forged: String,
    unsigned: String,
    self_reviewed: String,
    cross_site: String,
    forge_ok: String,
    forge_outsider: String,
    operator: String,
    editor_settings: String,
}

fn story() -> Story {
    let repo = Repo::new();
    let base = repo.git(&["rev-parse", "HEAD"]);
    let p = &repo.p;
    let news_front = |title: &str| format!("title: {title}\ndate: 2026-12-01");

    repo.page("content/jyj/zwdt/gzdt/2026-12-01-a.md", &news_front("县教育局召开安全工作会议"));
    let news = repo.commit(Some(&p.zhang), "zhang", "教育局新闻", &[]);

    repo.page(
        "content/jyj/xxgk/zcwj/2026-12-02-b.md",
        "title: 测试县教育局关于开展课后服务的通知\ndate: 2026-12-02\n索引号: 11520330MB1730478Y/2026-00002\n文号: 测教发〔2026〕9号\n主题分类: 科技、教育\n体裁分类: 通知\n成文日期: 2026-11-30\n有效性: 有效",
    );
    let disclosure = repo.commit(Some(&p.zhang), "zhang", "教育局政策文件", &[]);

    // Mallory's key, zhang's name on the author line.
    repo.page("content/jyj/zwdt/gzdt/2026-11-18-anquan.md", &news_front("县教育局开展校园安全检查（改）"));
    let forged = repo.commit(Some(&p.mallory), "zhang", "冒名修改", &[]);

    repo.page("content/jyj/zwdt/xxjs/2026-06-01-xinxiao.md", &news_front("新校区建成"));
    let unsigned = repo.commit(None, "zhang", "未签名修改", &[]);

    repo.page("content/jyj/zwdt/gzdt/2026-12-03-c.md", &news_front("县教育局举办教师培训"));
    let self_reviewed = repo.commit(Some(&p.li), "li", "李的新闻", &[]);

    repo.page("content/yongan/zwdt/gzdt/2026-11-15-fanghuo.md", &news_front("永安镇开展防火宣传（改）"));
    let cross_site = repo.commit(Some(&p.zhang), "zhang", "跨站修改", &[]);

    // A web-editor commit: the forge's key, zhao as author, on a branch merged by sun.
    repo.git(&["checkout", "-q", "-b", "web"]);
    repo.page("content/yongan/zwdt/gzdt/2026-12-04-d.md", &news_front("永安镇召开村务公开会"));
    let forge_ok = repo.commit(Some(&p.forge), "zhao", "网页编辑器：永安镇新闻", &[]);
    repo.git(&["checkout", "-q", "main"]);

    repo.page("content/yongan/zwdt/gzdt/2026-12-05-e.md", &news_front("永安镇开展禁毒宣传"));
    let forge_outsider = repo.commit(Some(&p.forge), "mallory", "网页编辑器：外人", &[]);

    let columns = repo.dir.join("columns.yaml");
    let text = std::fs::read_to_string(&columns).unwrap();
    std::fs::write(&columns, format!("# 2026 年调整\n{text}")).unwrap();
    repo.git(&["add", "-A"]);
    let operator = repo.commit(Some(&p.ops1), "ops1", "管理员调整栏目规范", &[]);

    let settings = repo.dir.join("zhanqun.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("home_items: 3", "home_items: 4")).unwrap();
    repo.git(&["add", "-A"]);
    let editor_settings = repo.commit(Some(&p.zhang), "zhang", "编辑改站群设置", &[]);

    repo.page("content/yongan/zwdt/gzdt/2026-12-06-f.md", "title: 草稿\ndate: 2026-12-06\ndraft: true");
    repo.commit(Some(&p.zhao), "zhao", "草稿不需审核", &[]);

    // The reviews.
    repo.review(&p.wang, &[&news, &disclosure]);
    repo.commit(None, "li", &format!("审核\n\n审核: {disclosure}"), &[]);
    repo.review(&p.li, &[&forged, &unsigned, &self_reviewed]);
    repo.review(&p.sun, &[&cross_site, &forge_outsider]);
    repo.review(&p.ops2, &[&operator]);
    repo.review(&p.ops1, &[&editor_settings]);
    repo.commit(Some(&p.sun), "sun", "合并网页编辑器的修改", &["merge", "--no-ff", "-q", "web"]);

    Story {
        repo,
        base,
        news,
        disclosure,
        forged,
        unsigned,
        self_reviewed,
        cross_site,
        forge_ok,
        forge_outsider,
        operator,
        editor_settings,
    }
}

#[test]
fn every_case_gets_its_exact_verdict() {
    let s = story();
    let (code, out) = audit(&s.repo.dir, &s.base, "HEAD", true);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let found: BTreeSet<(String, String, String)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["commit"].as_str().unwrap().to_string(),
                v["rule"].as_str().unwrap().to_string(),
                v["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String, String)> = [
        (&s.disclosure, "review-missing", "content/jyj/xxgk/zcwj/2026-12-02-b.md"),
        (&s.forged, "unknown-key", "content/jyj/zwdt/gzdt/2026-11-18-anquan.md"),
        (&s.unsigned, "unsigned", "content/jyj/zwdt/xxjs/2026-06-01-xinxiao.md"),
        (&s.self_reviewed, "review-missing", "content/jyj/zwdt/gzdt/2026-12-03-c.md"),
        (&s.cross_site, "not-editor", "content/yongan/zwdt/gzdt/2026-11-15-fanghuo.md"),
        (&s.forge_outsider, "not-editor", "content/yongan/zwdt/gzdt/2026-12-05-e.md"),
        (&s.editor_settings, "not-operator", "zhanqun.yaml"),
    ]
    .into_iter()
    .map(|(c, r, f)| (c.clone(), r.to_string(), f.to_string()))
    .collect();
    assert_eq!(found, want, "{out}");

    let reviewed: BTreeSet<String> =
        report["reviewed"].as_array().unwrap().iter().map(|r| r["commit"].as_str().unwrap().to_string()).collect();
    for ok in [&s.news, &s.forge_ok, &s.operator] {
        assert!(reviewed.contains(ok), "{ok} is reviewed: {out}");
    }
    let by_commit = |c: &str| {
        report["violations"].as_array().unwrap().iter().find(|v| v["commit"] == c).unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // 三审: one of two reviewers; the unsigned "review" does not count and says why.
    let d = by_commit(&s.disclosure);
    assert!(d.contains("需要 2 位") && d.contains("目前只有 1 位（wang@ceshi.gov.cn）"), "{d}");
    assert!(d.contains("没有签名"), "{d}");
    let selfr = by_commit(&s.self_reviewed);
    assert!(selfr.contains("还没有人审核") && selfr.contains("作者本人审核自己的改动"), "{selfr}");
    assert!(by_commit(&s.forge_outsider).contains("mallory@ceshi.gov.cn（由代码托管平台代为签名）"));
    assert!(by_commit(&s.cross_site).contains("zhang@ceshi.gov.cn 不是“测试县永安镇人民政府”的编辑"));
}

#[test]
fn the_chinese_report_names_each_commit_and_a_clean_range_passes() {
    let s = story();
    let (code, out) = audit(&s.repo.dir, &s.base, "HEAD", false);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("提交 {}「未签名修改」", &s.unsigned[..10])), "{out}");
    assert!(out.contains("这个提交没有签名"), "{out}");
    assert!(out.contains("变更审核未通过") && out.contains("发现 7 个问题"), "{out}");

    // The news page and wang's review alone: a clean range.
    let clean = Repo::new();
    let base = clean.git(&["rev-parse", "HEAD"]);
    clean.page("content/jyj/zwdt/gzdt/2026-12-01-a.md", "title: 县教育局召开会议\ndate: 2026-12-01");
    let c = clean.commit(Some(&clean.p.zhang), "zhang", "新闻", &[]);
    let (code, out) = audit(&clean.dir, &base, "HEAD", false);
    assert_eq!(code, 1, "not reviewed yet: {out}");
    clean.review(&clean.p.wang, &[&c]);
    let (code, out) = audit(&clean.dir, &base, "HEAD", false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("变更审核通过"), "{out}");

    // An unknown revision cannot be read: exit 2.
    let (code, _) = audit(&clean.dir, "no-such-branch", "HEAD", false);
    assert_eq!(code, 2);
}

#[test]
fn a_damaged_key_in_the_lists_is_reported_at_its_line() {
    let tmp = fixture("basic");
    let path = tmp.path().join("sites/jyj.yaml");
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{old}editors:\n  - email: zhang@ceshi.gov.cn\n    ssh_key: \"ssh-ed25519 AAAAbroken\"\n"),
    )
    .unwrap();
    let out = common::build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("sites/jyj.yaml") && err.contains("SSH 公钥“ssh-ed25519 AAAAbroken”无法识别"), "{err}");
}

#[test]
fn owners_lists_operators_and_each_sites_reviewers() {
    let s = story();
    let out = zhanqun().args(["owners", "--root"]).arg(&s.repo.dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(s.repo.dir.join("CODEOWNERS")).unwrap();
    let rules: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        rules,
        vec![
            "* ops1@ceshi.gov.cn ops2@ceshi.gov.cn",
            "/content/jyj/ li@ceshi.gov.cn wang@ceshi.gov.cn",
            "/content/yongan/ sun@ceshi.gov.cn",
        ]
    );
    let out = zhanqun().args(["owners", "--forge", "gitea", "--out", "-", "--root"]).arg(&s.repo.dir).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let rules: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(rules, vec!["!content/.* @ops1 @ops2", "content/jyj/.* @li @wang", "content/yongan/.* @sun"]);
}

fn log(dir: &Path, extra: &[&str]) -> std::process::Output {
    zhanqun().args(["log", "--root"]).arg(dir).args(extra).output().unwrap()
}

fn log_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let out = log(dir, &[&["--format", "json"], extra].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_log_names_who_wrote_and_who_reviewed_each_page_on_proof() {
    let s = story();
    let log = log_json(&s.repo.dir, &["--year", "2026"]);
    let page = |file: &str| -> serde_json::Value {
        log["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["file"] == file)
            .unwrap_or_else(|| panic!("{file}: {log}"))
            .clone()
    };
    let a = page("content/jyj/zwdt/gzdt/2026-12-01-a.md");
    assert_eq!(a["title"], "县教育局召开安全工作会议");
    assert_eq!(a["column_name"], "工作动态");
    assert_eq!(a["published"]["author"], "zhang@ceshi.gov.cn");
    assert_eq!(a["published"]["reviewers"], serde_json::json!(["wang@ceshi.gov.cn"]));
    assert_eq!(a["published"]["commit"], s.news.as_str());
    assert_eq!(a["published"]["date"], "2026-12-01T10:00:00+08:00");
    assert_eq!(a["changes"], serde_json::json!([]));

    // Published with the base (unsigned), then changed under a forged author line.
    let anquan = page("content/jyj/zwdt/gzdt/2026-11-18-anquan.md");
    assert_eq!(anquan["published"]["author"], "someone@ceshi.gov.cn（未经签名证明）");
    let changes = anquan["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["commit"], s.forged.as_str());
    assert_eq!(changes[0]["author"], "zhang@ceshi.gov.cn（未经签名证明）");
    assert_eq!(changes[0]["reviewers"], serde_json::json!(["li@ceshi.gov.cn"]));

    // The web editor's commit, reviewed by the merge.
    let d = page("content/yongan/zwdt/gzdt/2026-12-04-d.md");
    assert_eq!(d["published"]["author"], "zhao@ceshi.gov.cn（由代码托管平台代为签名）");
    assert_eq!(d["published"]["reviewers"], serde_json::json!(["sun@ceshi.gov.cn"]));
    // A self-review is no review.
    assert_eq!(page("content/jyj/zwdt/gzdt/2026-12-03-c.md")["published"]["reviewers"], serde_json::json!([]));
    // A draft is not published.
    assert!(!log["pages"].as_array().unwrap().iter().any(|p| p["file"] == "content/yongan/zwdt/gzdt/2026-12-06-f.md"));

    // The counts: catalog stats' own figures, and the same rule for every column.
    let stats =
        zhanqun().args(["catalog", "stats", "--year", "2026", "--json", "--root"]).arg(&s.repo.dir).output().unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(log["stats"], stats);
    let count = |site: &str, column: &str| {
        log["columns"].as_array().unwrap().iter().find(|c| c["site"] == site && c["column"] == column).unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count("jyj", "zwdt/gzdt"), 3);
    assert_eq!(count("yongan", "zwdt/gzdt"), 3, "the draft is not counted");
    let jyj = stats["organisations"].as_array().unwrap().iter().find(|o| o["site"] == "jyj").unwrap();
    assert_eq!(count("jyj", "xxgk/zcwj"), jyj["by_column"]["政策文件"].as_u64().unwrap());
    assert_eq!(count("jyj", "xxgk/zcwj"), 2);
}

#[test]
fn the_log_is_csv_for_excel_and_filters_by_site_and_year() {
    let s = story();
    let out = log(&s.repo.dir, &["--site", "jyj", "--year", "2026"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("站点,栏目,文件,标题,作者,审核人,首次发布时间,首次发布提交,后续修改,状态"));
    assert!(text.contains(&format!(
        "jyj,工作动态,content/jyj/zwdt/gzdt/2026-12-01-a.md,县教育局召开安全工作会议,zhang@ceshi.gov.cn,wang@ceshi.gov.cn,2026-12-01T10:00:00+08:00,{},,在用\r\n",
        s.news
    )), "{text}");
    assert!(
        text.contains("2026-12-01T10:00:00+08:00 zhang@ceshi.gov.cn（未经签名证明）（审核：li@ceshi.gov.cn）"),
        "{text}"
    );
    assert!(text.contains("\r\n\r\n站点,站点名称,栏目路径,栏目,2026年发布数\r\n"), "{text}");
    assert!(text.contains("jyj,测试县教育局,zwdt/gzdt,工作动态,3\r\n"), "{text}");
    assert!(!text.contains("content/yongan/"), "{text}");

    let none = log_json(&s.repo.dir, &["--year", "2025"]);
    assert_eq!(none["pages"], serde_json::json!([]));
    let bad = log(&s.repo.dir, &["--site", "nosuch"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("“nosuch”不是本站群的站点"));
}

#[test]
fn the_numbering_commit_of_ci_needs_no_signature_but_nothing_may_ride_on_it() {
    let repo = Repo::new();
    let p = &repo.p;
    let rel = "content/jyj/xxgk/zcwj/2026-12-02-b.md";
    let front = "title: 测试县教育局关于开展课后服务的通知\ndate: 2026-12-02\n文号: 测教发〔2026〕9号\n主题分类: 科技、教育\n体裁分类: 通知";
    repo.page(rel, front);
    repo.page("content/jyj/xxgk/zcwj/2026-12-03-c.md", &front.replace("9号", "10号"));
    repo.commit(Some(&p.zhang), "zhang", "教育局政策文件", &[]);
    let base = repo.git(&["rev-parse", "HEAD"]);

    // What `zhanqun assign` commits in CI: unsigned, only 索引号 lines and the ledger.
    repo.page(rel, &front.replace("date:", "索引号: 11520330MB1730478Y/2026-00002\ndate:"));
    std::fs::write(repo.dir.join("index-numbers.yaml"), "jyj:\n  2026: 2\n").unwrap();
    repo.git(&["add", "-A"]);
    let numbering = repo.commit(None, "ci", "自动分配索引号 [skip ci]", &[]);
    let (code, out) = audit(&repo.dir, &base, "HEAD", true);
    assert_eq!(code, 0, "a numbering commit passes: {out}");

    // The same commit with a title changed as well is judged as any other: unsigned.
    repo.page(
        "content/jyj/xxgk/zcwj/2026-12-03-c.md",
        &front
            .replace("9号", "10号")
            .replace("date:", "索引号: 11520330MB1730478Y/2026-00003\ndate:")
            .replace("课后服务", "暑期托管"),
    );
    let riding = repo.commit(None, "ci", "自动分配索引号 [skip ci]", &[]);
    let (code, out) = audit(&repo.dir, &base, "HEAD", true);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let flagged: Vec<(&str, &str)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["commit"].as_str().unwrap(), v["rule"].as_str().unwrap()))
        .collect();
    let want = vec![(riding.as_str(), "unsigned"), (riding.as_str(), "review-missing")];
    assert_eq!(flagged, want, "only the commit that changed more: {out}");
    assert!(!out.contains(&numbering), "{out}");
}
