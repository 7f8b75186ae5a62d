//! `zhanqun editor` and `zhanqun assign`: the web editor generated from the convention, driven
//! in chromium against `decap-server` on a temporary repository of the basic fixture (the form
//! saves a disclosed document where the build reads it, `assign` numbers it, the cluster still
//! builds); its `config.yml` as a snapshot; `assign` in commit order against the ledger.

use crate::common;

use common::{build_ok, fixture, repo_root, zhanqun};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FORGE: [&str; 6] = ["--backend", "gitea", "--repo", "xian/zhanqun", "--base-url", "https://git.ceshi.gov.cn"];

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=测试", "-c", "user.email=t@ceshi.gov.cn"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn commit_all(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

fn editor(root: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    zhanqun().args(["editor", "--out"]).arg(out).arg("--root").arg(root).args(extra).output().unwrap()
}

#[test]
fn the_config_is_generated_from_the_convention() {
    let site = fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let run = editor(site.path(), out.path(), &FORGE);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("子站 portal、jyj、yongan，共 28 个稿件栏目"), "{stderr}");
    let config = std::fs::read_to_string(out.path().join("config.yml")).unwrap();
    insta::assert_snapshot!("editor_config_basic", config);

    // What the app needs, from its own directory; the bundle is the pinned, vendored one.
    let vendored = std::fs::read(repo_root().join("assets/editor/decap-cms.js")).unwrap();
    assert_eq!(std::fs::read(out.path().join("decap-cms.js")).unwrap(), vendored);
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains("<script src=\"decap-cms.js\"></script>"), "{index}");
    assert!(!index.contains("://"), "the page loads nothing from another host: {index}");
    assert!(!index.contains("<script>"), "no inline script: {index}");
    let js = std::fs::read_to_string(out.path().join("editor.js")).unwrap();
    assert!(js.contains("CMS.registerPreviewStyle(\"preview/css/style.css\");"), "{js}");
    assert!(out.path().join("preview/css/style.css").is_file());
    let headers = std::fs::read_to_string(out.path().join("_headers")).unwrap();
    assert!(
        headers.contains(
            "Content-Security-Policy: default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' \
             'unsafe-inline'; img-src 'self' data: blob: https://git.ceshi.gov.cn; font-src 'self' data:; \
             connect-src 'self' https://git.ceshi.gov.cn;"
        ),
        "{headers}"
    );
    let nginx = std::fs::read_to_string(out.path().join("nginx.conf")).unwrap();
    assert!(nginx.contains("add_header X-Frame-Options \"DENY\" always;"), "{nginx}");
}

#[test]
fn sites_makes_one_editor_per_department_and_gitlab_settings_come_from_zhanqun_yaml() {
    let site = fixture("basic");
    let settings = site.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let forge = "editor:\n  backend: gitlab\n  repo: xian/web/zhanqun\n  base_url: https://gitlab.ceshi.gov.cn\n  \
                 app_id: abc123\n";
    std::fs::write(&settings, format!("{text}{forge}")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = editor(site.path(), out.path(), &["--sites", "jyj,yongan"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let jyj = std::fs::read_to_string(out.path().join("jyj/config.yml")).unwrap();
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&jyj).unwrap();
    let backend = &yaml["backend"];
    assert_eq!(backend["name"], "gitlab");
    assert_eq!(backend["repo"], "xian/web/zhanqun");
    assert_eq!(backend["api_root"], "https://gitlab.ceshi.gov.cn/api/v4");
    assert_eq!(backend["auth_type"], "pkce");
    assert_eq!(backend["app_id"], "abc123");
    let folders: Vec<&str> =
        yaml["collections"].as_sequence().unwrap().iter().filter_map(|c| c["folder"].as_str()).collect();
    assert!(folders.iter().all(|f| f.starts_with("content/jyj/")), "{folders:?}");
    assert!(folders.contains(&"content/jyj/zwdt/xxjs"), "the site's own column: {folders:?}");
    assert!(out.path().join("yongan/index.html").is_file());
    assert!(!out.path().join("index.html").exists(), "no editor of the whole cluster");

    // A site that does not exist, and a forge setting missing: exit 2, said in Chinese.
    let run = editor(site.path(), out.path(), &["--sites", "jyjj"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("没有标识为 jyjj 的子站，是不是 jyj？"));
    let bare = fixture("basic");
    let run = editor(bare.path(), out.path(), &[]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("缺少网页编辑器的设置 backend") && stderr.contains("editor:"), "{stderr}");
}

/// A disclosed document of `site`'s 政策文件 without 索引号, as the form saves it.
fn unnumbered(root: &Path, site: &str, name: &str, title: &str) -> PathBuf {
    let path = root.join("content").join(site).join("xxgk/zcwj").join(name);
    let text = format!(
        "---\ntitle: {title}\ndate: {} 09:30\ndoc_number: 测教发〔2026〕9号\ntopic: 科技、教育\ngenre: 通知\n\
         valid: 有效\n---\n各学校：请按通知要求做好相关工作。\n",
        &name[..10]
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn index_no(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with("index_no:")).unwrap_or_else(|| panic!("no index_no: {text}"));
    line.trim_start_matches("index_no:").trim().trim_matches('"').to_owned()
}

#[test]
fn assign_numbers_in_commit_order_after_the_ledger_and_the_numbers_in_use() {
    let site = fixture("basic");
    let root = site.path();
    git(root, &["init", "-q", "-b", "main"]);
    commit_all(root, "base");
    // Committed first, though its name sorts last; the ledger says 3 was given before.
    let first = unnumbered(root, "jyj", "2026-12-02-zzz.md", "先提交的通知");
    std::fs::write(root.join("index-numbers.yaml"), "jyj:\n  2026: 3\n").unwrap();
    commit_all(root, "first");
    let second = unnumbered(root, "jyj", "2026-12-01-aaa.md", "后提交的通知");
    commit_all(root, "second");
    let uncommitted = unnumbered(root, "jyj", "2026-12-03-bbb.md", "还没提交的通知");

    let run = zhanqun().args(["assign", "--root"]).arg(root).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("共分配 3 个索引号。"), "{stdout}");
    assert_eq!(index_no(&first), "11520330MB1730478Y/2026-00004");
    assert_eq!(index_no(&second), "11520330MB1730478Y/2026-00005");
    assert_eq!(index_no(&uncommitted), "11520330MB1730478Y/2026-00006");
    let ledger = std::fs::read_to_string(root.join("index-numbers.yaml")).unwrap();
    assert!(ledger.contains("jyj:\n  2026: 6\n"), "{ledger}");

    // Nothing left to number: a second run changes nothing; a removed document's number is
    // not given again.
    let run = zhanqun().args(["assign", "--root"]).arg(root).output().unwrap();
    assert!(String::from_utf8_lossy(&run.stdout).contains("共分配 0 个索引号。"));
    std::fs::remove_file(&uncommitted).unwrap();
    let again = unnumbered(root, "jyj", "2026-12-04-ccc.md", "又一份通知");
    zhanqun().args(["assign", "--root"]).arg(root).output().unwrap();
    assert_eq!(index_no(&again), "11520330MB1730478Y/2026-00007");
    build_ok(root, &[]);
}

/// A `decap-server` (the local backend) on `repo`, killed when dropped.
struct DecapServer(Child);

impl Drop for DecapServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// decap-server's entry point: `DECAP_SERVER` (a path to its `dist/index.js`), else the one
/// `npm ci` installs in tests/browser (.ci/run does).
fn decap_server_script() -> PathBuf {
    match std::env::var_os("DECAP_SERVER") {
        Some(p) => PathBuf::from(p),
        None => repo_root().join("tests/browser/node_modules/decap-server/dist/index.js"),
    }
}

fn start_decap_server(repo: &Path) -> (DecapServer, u16) {
    let script = decap_server_script();
    assert!(script.is_file(), "{} not found: run `npm ci` in tests/browser (.ci/run does)", script.display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("node")
        .arg(&script)
        .env("PORT", port.to_string())
        .env("GIT_REPO_DIRECTORY", repo)
        .env("MODE", "fs")
        .env("LOG_LEVEL", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run node (is Node.js installed?)");
    let server = DecapServer(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "decap-server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, port)
}

#[test]
fn a_document_saved_from_the_form_is_numbered_and_builds() {
    let site = fixture("basic");
    let root = site.path();
    git(root, &["init", "-q", "-b", "main"]);
    commit_all(root, "base");
    let (_server, port) = start_decap_server(root);
    let out = tempfile::tempdir().unwrap();
    let local = format!("http://localhost:{port}/api/v1");
    let run = editor(root, out.path(), &[&FORGE[..], &["--sites", "jyj", "--local-backend", &local]].concat());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let config = std::fs::read_to_string(out.path().join("jyj/config.yml")).unwrap();
    assert!(config.contains(&format!("local_backend:\n  url: {local}\n")), "{config}");

    let folder = root.join("content/jyj/xxgk/zcwj");
    let title = "测试县教育局关于网页编辑器试用的通知";
    let run = Command::new("node")
        .current_dir(repo_root().join("tests/browser"))
        .arg("editor.mjs")
        .arg(out.path().join("jyj"))
        .arg("jyj--xxgk-zcwj")
        .arg(&folder)
        .args([title, "测教发〔2026〕9号", "各学校：请试用网页编辑器。"])
        .output()
        .expect("run node");
    assert!(run.status.success(), "editor.mjs failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    // The interface is Chinese (Decap's zh_Hans: 可选 = optional), the form has the convention's
    // fields, nothing broke the editor's own policy and nothing came from another host.
    let form: Vec<&str> = report["form"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect();
    for label in ["标题", "发布日期", "索引号 (可选)", "文号 (可选)", "主题分类", "体裁分类", "有效性", "正文"]
    {
        assert!(form.contains(&label), "{label} not in the form: {form:?}");
    }
    assert_eq!(report["csp"], serde_json::json!([]), "CSP violations");
    assert_eq!(report["errors"], serde_json::json!([]), "script errors");
    assert_eq!(report["outside"], serde_json::json!([]), "requests to other hosts");

    // The file is in the column's folder, with front matter the build reads.
    let name = report["file"].as_str().unwrap();
    let saved = folder.join(name);
    let text = std::fs::read_to_string(&saved).unwrap();
    let fm: serde_yaml_ng::Value = serde_yaml_ng::from_str(text.split("---\n").nth(1).unwrap()).unwrap();
    assert_eq!(fm["title"], title, "{text}");
    assert_eq!(fm["doc_number"], "测教发〔2026〕9号", "{text}");
    assert_eq!(fm["publisher"], "测试县教育局", "{text}");
    assert_eq!(fm["valid"], "有效", "{text}");
    assert!(fm["topic"].as_str().is_some_and(|t| !t.is_empty()) && fm["genre"].as_str().is_some(), "{text}");
    assert!(fm["date"].as_str().unwrap().starts_with("2026-12-06 09:30"), "{text}");
    assert!(text.contains("各学校：请试用网页编辑器。"), "{text}");

    // CI commits it (as the forge would) and assign gives the next free number of the site.
    commit_all(root, "网页编辑器新建稿件");
    let run = zhanqun().args(["assign", "--root"]).arg(root).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(index_no(&saved), "11520330MB1730478Y/2026-00002");
    build_ok(root, &[]);
}
