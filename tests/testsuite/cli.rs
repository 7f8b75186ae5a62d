//! `zhanqun init` and `zhanqun new`.

use crate::common;

use common::{build_ok, fixture, zhanqun};

#[test]
fn init_creates_a_cluster_that_builds_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cluster");
    let out = zhanqun().arg("init").arg(&dir).current_dir(tmp.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["zhanqun.yaml", "columns.yaml", "sites/portal.yaml"] {
        assert!(dir.join(f).exists(), "init did not write {f}");
    }
    // No copy of the theme: every file comes from the built-in theme (and gets its fixes)
    // until the cluster ejects one to change it.
    assert!(!dir.join("themes").exists(), "init copied the theme");
    // What builds and checks leave behind is ignored by git from the start.
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    for line in ["/public/", "/.public.*", "/.zhanqun-cache/", "/check-report.html"] {
        assert!(ignore.lines().any(|l| l == line), "{line} missing from .gitignore:\n{ignore}");
    }
    // No page with placeholder text that could be published unnoticed: the skeleton has none.
    let pages: Vec<_> = walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .collect();
    assert!(pages.is_empty(), "init wrote pages: {pages:?}");
    build_ok(&dir, &[]);
    assert!(dir.join("public/index.html").exists());
    // The page an editor adds with `zhanqun new` is refused until its body is written.
    let page = new_page(&dir, &["portal", "jgzn", "机构职能"]);
    assert!(page.ends_with("content/portal/jgzn/index.md"), "{}", page.display());
    let refused = common::build(&dir, &[]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && err.contains("[unfinished]"), "{err}");
    let text = std::fs::read_to_string(&page).unwrap();
    let marker = text.lines().find(|l| l.starts_with("<!-- zhanqun-new:")).expect("marker line").to_string();
    std::fs::write(&page, text.replace(&marker, "负责全县政府网站群的建设和管理。")).unwrap();
    build_ok(&dir, &[]);
    assert!(common::read(&dir.join("public"), "jgzn/index.html").contains("负责全县政府网站群的建设和管理。"));
    let again = zhanqun().arg("init").arg(&dir).output().unwrap();
    assert!(!again.status.success(), "init must refuse a non-empty directory");
}

#[test]
fn embedded_theme_is_used_without_a_theme_directory() {
    let tmp = fixture("basic");
    assert!(!tmp.path().join("themes").exists());
    build_ok(tmp.path(), &[]);
    let css = common::hashed(&tmp.path().join("public"), "static/css/style.css");
    let home = common::read(&tmp.path().join("public"), "index.html");
    assert!(home.contains(&format!("href=\"/{css}\"")), "pages link the content-hashed style sheet {css}");
    assert!(!tmp.path().join("public/static/css/style.css").exists(), "only under its hashed name");
}

fn new_page(root: &std::path::Path, args: &[&str]) -> std::path::PathBuf {
    let out = zhanqun().arg("new").args(args).arg("--root").arg(root).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

#[test]
fn new_news_page_is_named_and_builds() {
    let tmp = fixture("basic");
    let p = new_page(tmp.path(), &["yongan", "zwdt/gzdt", "永安镇召开安全生产会议", "--date", "2026-11-22"]);
    assert!(p.ends_with("content/yongan/zwdt/gzdt/2026-11-22-001.md"), "{}", p.display());
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.starts_with("---\ntitle: \"永安镇召开安全生产会议\"\ndate: 2026-11-22\n"), "{text}");
    let second = new_page(tmp.path(), &["yongan", "zwdt/gzdt", "第二篇", "--date", "2026-11-22"]);
    assert!(second.ends_with("2026-11-22-002.md"));
    for page in [&p, &second] {
        let text = std::fs::read_to_string(page).unwrap();
        let marker = text.lines().find(|l| l.starts_with("<!-- zhanqun-new:")).expect("marker line").to_string();
        std::fs::write(page, text.replace(&marker, "会议部署了安全生产工作。")).unwrap();
    }
    build_ok(tmp.path(), &[]);
    assert!(tmp.path().join("public/yongan/zwdt/gzdt/2026-11-22-001/index.html").exists());
}

#[test]
fn new_disclosure_page_gets_the_next_index_no_and_never_reuses_one() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let first = new_page(root, &["jyj", "xxgk/zcwj", "关于开展教师培训的通知", "--date", "2026-05-01"]);
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("index_no: 11520330MB1730478Y/2026-00002\n"), "existing 00001 must be skipped:\n{text}");
    assert!(text.contains("publisher: \"测试县教育局\""));
    // Deleting the newest document must not free its number.
    std::fs::remove_file(&first).unwrap();
    let second = new_page(root, &["jyj", "xxgk/zcwj", "另一份通知", "--date", "2026-05-02"]);
    let text = std::fs::read_to_string(&second).unwrap();
    assert!(text.contains("/2026-00003\n"), "a removed document's number was reused:\n{text}");
    let ledger = std::fs::read_to_string(root.join("index-numbers.yaml")).unwrap();
    assert!(ledger.contains("jyj:") && ledger.contains("2026: 3"), "{ledger}");
    // Another year starts its own sequence.
    let next_year = new_page(root, &["jyj", "xxgk/zcwj", "明年的通知", "--date", "2027-01-05"]);
    assert!(std::fs::read_to_string(&next_year).unwrap().contains("/2027-00001\n"));
    for page in [&second, &next_year] {
        let text = std::fs::read_to_string(page).unwrap();
        let marker = text.lines().find(|l| l.starts_with("<!-- zhanqun-new:")).expect("marker line").to_string();
        std::fs::write(page, text.replace(&marker, "正文写好了。")).unwrap();
    }
    build_ok(root, &[]);
}

#[test]
fn new_names_the_nearest_column_when_mistyped() {
    let tmp = fixture("basic");
    let out = zhanqun().args(["new", "jyj", "xxgk/zcwjj", "标题", "--root"]).arg(tmp.path()).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("子站 `jyj` 没有栏目 `xxgk/zcwjj`；是不是想写 `xxgk/zcwj`？"), "{err}");
}

#[test]
fn build_logs_plain_progress_lines_when_not_a_terminal_and_nothing_when_quiet() {
    let tmp = common::fixture("basic");
    let out = common::build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().any(|l| l.starts_with("生成页面：") && l.ends_with("（100%）")), "{err}");
    assert!(!err.contains('\r') && !err.contains("\u{1b}["), "no terminal control codes in logs: {err:?}");
    let quiet = common::build(tmp.path(), &["--quiet"]);
    assert!(quiet.status.success() && quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn version_names_the_commit() {
    let out = zhanqun().arg("--version").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(text, common::version_line());
}

#[test]
fn keygen_gives_a_new_key_each_time_and_its_public_half() {
    let pair = || {
        let out = zhanqun().arg("keygen").output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let get = |key: &str| {
            text.lines().find_map(|l| l.strip_prefix(key)).unwrap_or_else(|| panic!("{key} in {text}")).to_owned()
        };
        (get("ZHANQUN_SIGNING_KEY="), get("ZHANQUN_PUBLIC_KEY="))
    };
    let (seed, public) = pair();
    assert!(seed.len() == 64 && seed.bytes().all(|b| b.is_ascii_hexdigit()), "{seed}");
    let key = zhanqun::emit::signature::signing_key(&seed).unwrap();
    assert_eq!(zhanqun::emit::signature::public_key_hex(&key), public);
    assert_ne!(pair().0, seed, "the operating system's randomness, not a fixed seed");
}

#[test]
fn extra_csp_sources_reach_headers_and_nginx_and_a_bad_one_is_refused_in_chinese() {
    let tmp = fixture("basic");
    let settings = tmp.path().join("zhanqun.yaml");
    let plain = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        format!("{plain}\ncontent_security_policy:\n  script-src: [https://tongji.example.gov.cn]\n  frame-src: [https://map.example.cn]\n"),
    )
    .unwrap();
    build_ok(tmp.path(), &[]);
    let headers = common::read(&tmp.path().join("public"), "_headers");
    let csp = headers.lines().find_map(|l| l.trim().strip_prefix("Content-Security-Policy: ")).expect("CSP").to_owned();
    assert!(
        csp.contains("script-src 'self' https://tongji.example.gov.cn;")
            && csp.ends_with("frame-src https://map.example.cn"),
        "{csp}"
    );
    let nginx = zhanqun().arg("nginx-headers").arg("--root").arg(tmp.path()).output().unwrap();
    assert!(
        String::from_utf8_lossy(&nginx.stdout)
            .contains(&format!("add_header Content-Security-Policy \"{csp}\" always;"))
    );

    std::fs::write(&settings, format!("{plain}\ncontent_security_policy:\n  script-src: [\"'unsafe-inline'\"]\n"))
        .unwrap();
    let out = common::build(tmp.path(), &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("zhanqun.yaml:")
            && err.contains("`'unsafe-inline'` 不能用")
            && err.contains("https://tongji.example.gov.cn"),
        "{err}"
    );
    let nginx = zhanqun().arg("nginx-headers").arg("--root").arg(tmp.path()).output().unwrap();
    assert_eq!(nginx.status.code(), Some(2), "no headers from a refused setting");
}

/// `zhanqun manifest diff … | head`: a reader that stops early ends the output quietly, with no
/// panic about the closed pipe.
#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let built = zhanqun().args(["build", "-q", "--out"]).arg(&out).current_dir(common::repo_root()).output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let empty = tmp.path().join("empty.json");
    std::fs::write(&empty, r#"{"version":1,"count":0,"bytes":0,"files":[]}"#).unwrap();
    let diff = || {
        let mut c = zhanqun();
        c.args(["manifest", "diff"]).arg(&empty).arg(&out);
        c
    };
    let whole = diff().output().unwrap();
    assert!(
        whole.stdout.len() > 65536 + 8192,
        "the plan must outgrow a pipe's buffer (64 KiB): {} bytes",
        whole.stdout.len()
    );
    let mut child = diff().stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, long before the plan's end.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && out.status.code() != Some(101), "{:?}\n{stderr}", out.status);
}
