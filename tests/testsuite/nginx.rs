//! "Hostable on any CDN", proven on the server county web offices run: Debian's nginx serves a
//! cluster built with `--precompress` using `docs/deploy/nginx.conf` with only its `listen` and
//! `root` lines changed. Real requests check each promise of that file — 404.html with status
//! 404, ranges of the search index answered with 206, precompressed files sent as they are, a
//! long cache for content-hashed files (theme style sheets and scripts, search shards) and a
//! short one for pages and images, and the security headers of every kind of response equal to
//! the output's `_headers` — and a search runs in chromium through it. The headers reach nginx
//! from the same settings as `_headers` (`zhanqun nginx-headers` writes the include file), with
//! an extra Content-Security-Policy source set in `zhanqun.yaml`.

use crate::common;

use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// nginx on a loopback port, stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
}

impl Drop for Nginx {
    /// A fast shutdown (SIGTERM) through the master, so that no worker is left holding the
    /// port (SIGKILL would orphan them).
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("nginx not found: apt-get install nginx (.ci/run does)")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Starts nginx with the repository's server block, `listen` and `root` changed, and the
/// headers include file written by `zhanqun nginx-headers` for the cluster at `cluster`.
fn start(cluster: &Path, public: &Path, work: &Path) -> Nginx {
    let snippet = common::zhanqun().arg("nginx-headers").arg("--root").arg(cluster).output().expect("nginx-headers");
    assert!(snippet.status.success(), "{}", String::from_utf8_lossy(&snippet.stderr));
    std::fs::create_dir_all(work.join("snippets")).expect("mkdir snippets");
    std::fs::write(work.join("snippets/zhanqun-headers.conf"), &snippet.stdout).expect("write snippet");
    let server = std::fs::read_to_string(common::repo_root().join("docs/deploy/nginx.conf")).expect("nginx.conf");
    let port = free_port();
    let mut changed = 0;
    let server: String = server
        .lines()
        .map(|l| match l.trim() {
            "listen 80;" => {
                changed += 1;
                format!("    listen 127.0.0.1:{port};")
            }
            "root /srv/zhanqun/public;" => {
                changed += 1;
                format!("    root {};", public.display())
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(changed, 2, "docs/deploy/nginx.conf must hold `listen 80;` and `root /srv/zhanqun/public;`");
    let w = work.display();
    // Running as root (CI), nginx would switch its workers to `nobody`, who cannot read a
    // temporary directory; a real host serves from /srv with the default user.
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let user = if is_root { "user root;" } else { "" };
    let conf = format!(
        "{user}\nworker_processes 1;\ndaemon off;\npid {w}/nginx.pid;\nerror_log {w}/error.log warn;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n  \
         client_body_temp_path {w}/body;\n  proxy_temp_path {w}/proxy;\n  fastcgi_temp_path {w}/fastcgi;\n  \
         uwsgi_temp_path {w}/uwsgi;\n  scgi_temp_path {w}/scgi;\n{server}\n}}\n"
    );
    let conf_path = work.join("nginx.conf");
    std::fs::write(&conf_path, conf).expect("write nginx.conf");
    let test = Command::new(nginx_binary())
        .arg("-t")
        .arg("-p")
        .arg(work)
        .arg("-c")
        .arg(&conf_path)
        .output()
        .expect("nginx -t");
    assert!(test.status.success(), "nginx -t:\n{}", String::from_utf8_lossy(&test.stderr));
    let child =
        Command::new(nginx_binary()).arg("-p").arg(work).arg("-c").arg(&conf_path).spawn().expect("start nginx");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "nginx did not start: {:?}",
            std::fs::read_to_string(work.join("error.log"))
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx { child, port }
}

/// One response: status, headers (lower-case names) and body bytes.
struct Got {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A plain HTTP/1.1 request over a socket: what nginx sends, byte for byte (an HTTP client
/// library would decompress gzip and drop `Content-Encoding`).
fn get(port: u16, path: &str, extra: &[(&str, &str)]) -> Got {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect to nginx");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in extra {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    assert!(
        !headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")),
        "{path}: a static file is sent with its length"
    );
    Got { status, headers, body: raw[split + 4..].to_vec() }
}

/// The headers `_headers` asks for the path pattern `rule` (`/*` for every path).
fn wanted_headers(public: &Path, rule: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(public.join("_headers")).expect("_headers");
    text.lines()
        .skip_while(|l| l.trim() != rule)
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect()
}

fn assert_security_headers(what: &str, got: &Got, wanted: &[(String, String)]) {
    assert!(wanted.len() >= 6, "_headers lists the security headers");
    for (name, value) in wanted {
        assert_eq!(got.header(name), Some(value.as_str()), "{what}: header {name}");
    }
}

/// The largest file under `dir` with extension `ext`, relative to `public`.
fn largest(public: &Path, dir: &str, ext: &str) -> String {
    walkdir::WalkDir::new(public.join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .max_by_key(|e| (e.metadata().map(|m| m.len()).unwrap_or(0), e.path().to_path_buf()))
        .map(|e| e.path().strip_prefix(public).expect("under public").to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| panic!("no .{ext} under {dir}"))
}

#[test]
fn nginx_serves_the_cluster_as_the_deploy_file_promises() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cluster = common::example();
    let settings = cluster.path().join("zhanqun.yaml");
    let mut yaml = std::fs::read_to_string(&settings).expect("zhanqun.yaml");
    yaml.push_str("content_security_policy:\n  script-src: [https://tongji.example.gov.cn]\n");
    std::fs::write(&settings, yaml).expect("write zhanqun.yaml");
    let public = tmp.path().join("public");
    common::build_ok(cluster.path(), &["--out", public.to_str().expect("utf-8"), "--precompress", "--no-cache"]);
    let work = tmp.path().join("nginx");
    std::fs::create_dir_all(&work).expect("mkdir");
    let nginx = start(cluster.path(), &public, &work);
    let port = nginx.port;
    let wanted = wanted_headers(&public, "/*");
    let csp = &wanted.iter().find(|(k, _)| k == "content-security-policy").expect("a CSP in _headers").1;
    assert!(csp.contains("script-src 'self' https://tongji.example.gov.cn;"), "the setting reached _headers: {csp}");

    // A page: HTML, revalidated on every visit.
    let home = get(port, "/", &[]);
    assert_eq!(home.status, 200);
    assert!(home.header("content-type").is_some_and(|t| t.starts_with("text/html")));
    assert_eq!(home.header("cache-control"), Some("no-cache"));
    assert_security_headers("home page", &home, &wanted);

    // A missing page: the cluster's 404 page, with status 404.
    let missing = get(port, "/no/such/page/", &[]);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body, std::fs::read(public.join("404.html")).expect("404.html"));
    assert_security_headers("404", &missing, &wanted);

    // The style sheet the pages link, under its content-hashed name and precompressed: the .gz
    // copy is sent as it is and decompresses to the file; cached for a year, as `_headers` says.
    let style = common::hashed(&public, "static/css/style.css");
    assert!(common::read(&public, "index.html").contains(&format!("href=\"/{style}\"")), "pages link {style}");
    let css = get(port, &format!("/{style}"), &[("Accept-Encoding", "gzip")]);
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-encoding"), Some("gzip"));
    assert_eq!(css.body, std::fs::read(public.join(format!("{style}.gz"))).expect("style.css.gz"));
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(css.body.as_slice()).read_to_end(&mut plain).expect("gunzip");
    assert_eq!(plain, std::fs::read(public.join(&style)).expect("style.css"));
    let long = wanted_headers(&public, &format!("/{style}"));
    assert_eq!(long, [("cache-control".to_string(), "public, max-age=31536000, immutable".to_string())]);
    assert_eq!(css.header("cache-control"), Some(long[0].1.as_str()), "a hashed name is cached for a year");
    assert_security_headers("style sheet", &css, &wanted);
    let script = common::hashed(&public, "static/js/search.js");
    let js = get(port, &format!("/{script}"), &[]);
    assert_eq!((js.status, js.header("content-encoding")), (200, None), "no gzip unless asked");
    assert_eq!(js.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_security_headers("script", &js, &wanted);
    // An image of the theme keeps its name: a short cache.
    let emblem = get(port, "/static/img/emblem.svg", &[]);
    assert_eq!((emblem.status, emblem.header("cache-control")), (200, Some("public, max-age=3600, must-revalidate")));
    assert_security_headers("theme image", &emblem, &wanted);

    // The search index: a range of a content-hashed shard, 206, cached for a year, never gzipped.
    let shard = largest(&public, "search", "bin");
    let bytes = std::fs::read(public.join(&shard)).expect("shard");
    assert!(bytes.len() > 40, "{shard} is big enough for a range");
    let part = get(port, &format!("/{shard}"), &[("Range", "bytes=10-29"), ("Accept-Encoding", "gzip")]);
    assert_eq!(part.status, 206, "{shard}");
    assert_eq!(part.header("content-range"), Some(format!("bytes 10-29/{}", bytes.len()).as_str()));
    assert_eq!(part.body, bytes[10..30]);
    assert_eq!(part.header("content-encoding"), None);
    assert_eq!(part.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_security_headers("search shard", &part, &wanted);
    let index = get(port, "/search/index.json", &[]);
    assert_eq!((index.status, index.header("cache-control")), (200, Some("no-cache")), "the index's entry point");
    assert_security_headers("search/index.json", &index, &wanted);

    // An attachment, and the manifest (never cached: deploy scripts and verify read it).
    let attachment = largest(&public, "zwfw", "pdf");
    let pdf = get(port, &format!("/{attachment}"), &[]);
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_security_headers("attachment", &pdf, &wanted);
    let manifest = get(port, "/manifest.json", &[]);
    assert_eq!((manifest.status, manifest.header("cache-control")), (200, Some("no-store")));
    assert_security_headers("manifest", &manifest, &wanted);
    // Every .gz copy is in the manifest.
    let listed: Value = serde_json::from_slice(&manifest.body).expect("manifest JSON");
    let gz = listed["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(".gz")))
        .count();
    assert!(gz > 100, "{gz} .gz copies listed");

    // A search in chromium, through nginx.
    let browser = common::repo_root().join("tests/browser");
    assert!(
        browser.join("node_modules/playwright-core").is_dir(),
        "run `npm ci` in tests/browser first (.ci/run does)"
    );
    let cfg = json!({
        "origin": format!("http://127.0.0.1:{port}"), "base": "/", "query": "森林防火", "scope_site": "yongan",
        "queries": [], "scenarios": ["header"],
    });
    let cfg_path = tmp.path().join("cfg.json");
    std::fs::write(&cfg_path, cfg.to_string()).expect("write cfg");
    let out = Command::new("node")
        .arg(common::repo_root().join("tests/browser/search.mjs"))
        .arg(&cfg_path)
        .current_dir(&browser)
        .output()
        .expect("run node");
    assert!(out.status.success(), "search.mjs: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("search report JSON");
    let items = report["header"]["items"].as_array().expect("items");
    assert!(items.len() >= 3, "the search found results through nginx: {report}");
    assert_eq!(report["console"], json!([]), "no failed request, script error or CSP violation through nginx");
}
