//! `zhanqun serve`: edits reach the browser as SSE events, broken edits keep the last good page
//! and show the error, deletions give 404, and the served tree always equals a clean build.
//!
//! Each test runs `zhanqun serve --port 0` on a copy of `tests/fixtures/basic`, reads the URL
//! it prints, follows `/__zhanqun/events` with a plain TCP client and fetches pages over HTTP.

use crate::common;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The day the fixture is built as (its newest page is dated 2026-11-20).
const TODAY: &str = "2026-11-25";
/// How long an event may take to arrive (a debug build on a busy machine is slow).
const EVENT_TIMEOUT: Duration = Duration::from_secs(30);
/// The tag the server injects into served HTML.
const SCRIPT_TAG: &str = "<script src=\"/__zhanqun/live.js\" defer></script>";
/// Characters escaped in request paths.
const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>').add(b'?').add(b'`');

/// A running `zhanqun serve`; killed when dropped.
struct Serve {
    child: Child,
    port: u16,
    root: PathBuf,
    log: Arc<Mutex<String>>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        Serve::start_in(root, "zh")
    }

    /// Starts `zhanqun serve` speaking `lang`.
    fn start_in(root: &Path, lang: &str) -> Serve {
        let mut child = common::zhanqun()
            .args(["serve", "--lang", lang, "--port", "0", "--today", TODAY, "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start zhanqun serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr");
        let l = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = l.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx.recv_timeout(Duration::from_secs(120)).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("zhanqun serve printed no URL; stderr:\n{}", log.lock().unwrap())
        });
        // `预览地址：http://127.0.0.1:PORT/` (`serving http://…` in English).
        let want = if lang == "en" { "serving " } else { "预览地址：" };
        let port = line
            .strip_prefix(want)
            .and_then(|rest| rest.strip_prefix("http://127.0.0.1:"))
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        Serve { child, port, root: root.to_path_buf(), log }
    }

    /// GET `path`: (status, content type, body).
    fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        let url = format!("http://127.0.0.1:{}{}", self.port, utf8_percent_encode(path, PATH));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        let mut response = agent.get(&url).call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let status = response.status().as_u16();
        let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let body = response.body_mut().with_config().limit(100 << 20).read_to_vec().expect("read body");
        (status, kind, body)
    }

    /// GET `path` as text, asserting 200.
    fn page(&self, path: &str) -> String {
        let (status, _, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}; serve log:\n{}", self.log());
        String::from_utf8(body).expect("UTF-8 page")
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log once it shows every one of `needles`, or as it stands after a few seconds: the
    /// server prints before it sends its event, but the test reads the pipe on another thread,
    /// so a line can arrive just after the event does.
    fn log_showing(&self, needles: &[&str]) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            let log = self.log();
            if needles.iter().all(|n| log.contains(n)) || std::time::Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Every file of the served output equals a fresh `zhanqun build --drafts` of the same
    /// input (the preview shows drafts), on disk and over HTTP (where HTML carries the
    /// live-reload script).
    fn assert_equals_fresh_build(&self) {
        // manifest.json and the cluster's catalogs are written right after the reload event;
        // the server holds requests for them until they are, so fetching one waits for them.
        assert_eq!(self.get("/manifest.json").0, 200);
        let fresh = tempfile::tempdir().unwrap();
        let fresh_out = fresh.path().join("out");
        common::build_ok(&self.root, &["--drafts", "--out", fresh_out.to_str().unwrap(), "--today", TODAY]);
        let want = common::read_tree(&fresh_out);
        let got = common::read_tree(&self.root.join("public"));
        let differ: Vec<&String> = want
            .keys()
            .filter(|k| got.get(*k) != want.get(*k))
            .chain(got.keys().filter(|k| !want.contains_key(*k)))
            .collect();
        assert!(
            differ.is_empty(),
            "served output differs from a fresh build in {differ:?}\nserve log:\n{}",
            self.log()
        );
        for (rel, bytes) in &want {
            let path =
                if let Some(dir) = rel.strip_suffix("index.html") { format!("/{dir}") } else { format!("/{rel}") };
            let (status, kind, body) = self.get(&path);
            assert_eq!(status, 200, "GET {path}");
            let body = if kind.starts_with("text/html") {
                String::from_utf8(body).unwrap().replacen(SCRIPT_TAG, "", 1).into_bytes()
            } else {
                body
            };
            assert!(&body == bytes, "GET {path} differs from the fresh build");
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One Server-Sent Event.
#[derive(Debug)]
struct Event {
    name: String,
    data: String,
}

/// An open `/__zhanqun/events` stream, read line by line on a thread.
struct Events {
    rx: Receiver<Event>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(stream, "GET /__zhanqun/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut content_type = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.to_ascii_lowercase().starts_with("content-type:") {
                content_type = line.clone();
            }
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        assert!(content_type.contains("text/event-stream"), "{content_type}");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let (mut name, mut data) = (String::new(), String::new());
            for line in reader.lines().map_while(Result::ok) {
                if let Some(v) = line.strip_prefix("event: ") {
                    name = v.to_owned();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data.push_str(v);
                } else if line.is_empty() {
                    if !name.is_empty() && tx.send(Event { name: name.clone(), data: data.clone() }).is_err() {
                        return;
                    }
                    name.clear();
                    data.clear();
                }
            }
        });
        Events { rx }
    }

    /// The next event, or a panic after [`EVENT_TIMEOUT`].
    fn next(&self, serve: &Serve) -> Event {
        self.rx.recv_timeout(EVENT_TIMEOUT).unwrap_or_else(|_| panic!("no event; serve log:\n{}", serve.log()))
    }

    /// Waits for a `reload` event, failing on a `build-error`.
    fn reload(&self, serve: &Serve) -> Event {
        let e = self.next(serve);
        assert_eq!(e.name, "reload", "expected a reload, got {e:?}");
        e
    }

    /// Waits for a `build-error` event, failing on a `reload`.
    fn error(&self, serve: &Serve) -> String {
        let e = self.next(serve);
        assert_eq!(e.name, "build-error", "expected a build error, got {e:?}");
        let v: serde_json::Value = serde_json::from_str(&e.data).expect("JSON data");
        v["message"].as_str().expect("message").to_owned()
    }
}

const HUIYI: &str = "content/portal/zwdt/gzdt/2026-11-20-huiyi.md";
const HUIYI_URL: &str = "/zwdt/gzdt/2026-11-20-huiyi/";

#[test]
fn body_and_title_edits_reload_and_match_a_clean_build() {
    let tmp = common::fixture("basic");
    let serve = Serve::start(tmp.path());
    let page = serve.page(HUIYI_URL);
    assert!(page.contains("研究部署冬季安全生产工作") && page.contains(SCRIPT_TAG), "{page}");
    let events = serve.events();

    // Body edit: only the page changes.
    serve.edit(HUIYI, "研究部署冬季安全生产工作", "研究部署冬季森林防火工作");
    let e = events.reload(&serve);
    assert!(e.data.contains("2026-11-20-huiyi/index.html"), "{e:?}");
    let page = serve.page(HUIYI_URL);
    assert!(page.contains("研究部署冬季森林防火工作") && !page.contains("安全生产工作"), "{page}");
    assert_eq!(page.matches(SCRIPT_TAG).count(), 1);
    // The search index followed (the server holds manifest.json back until it did), and equals
    // a clean build's: kept from the first build, only the edited page's terms scored again.
    serve.assert_equals_fresh_build();
    let updated = |n: usize| {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            let found = serve.log().matches("排序分数").count();
            if found >= n || std::time::Instant::now() > deadline {
                return found;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    assert_eq!(updated(1), 1, "the index was updated, not rebuilt:\n{}", serve.log());

    // Title edit: the page, its neighbours, the lists and homes that show it (and its title
    // keeps its length, so the average title length stays and the update is partial too).
    serve.edit(HUIYI, "title: 县政府召开常务会议", "title: 县政府召开全体会议");
    events.reload(&serve);
    assert!(serve.page(HUIYI_URL).contains("县政府召开全体会议"));
    assert!(serve.page("/zwdt/gzdt/").contains("县政府召开全体会议"));
    assert!(serve.page("/").contains("县政府召开全体会议"));
    serve.assert_equals_fresh_build();
    assert_eq!(updated(2), 2, "{}", serve.log());

    // A disclosed document's title and 文号: its catalog rows and catalog files too.
    let fangan = "content/portal/xxgk/zcwj/2026-09-01-fangan.md";
    serve.edit(fangan, "doc_number: 测府发〔2026〕5号", "doc_number: 测府发〔2026〕6号");
    events.reload(&serve);
    assert!(serve.page("/xxgk/gkml/").contains("测府发〔2026〕6号"));
    assert!(serve.page("/catalog.json").contains("测府发〔2026〕6号"));
    serve.assert_equals_fresh_build();

    // The built files never carry the script.
    let built = common::read(&tmp.path().join("public"), "index.html");
    assert!(!built.contains("__zhanqun"), "the build output must not carry the live-reload script");
}

#[test]
fn pages_added_moved_redated_and_deleted_match_a_clean_build() {
    let tmp = common::fixture("basic");
    let serve = Serve::start(tmp.path());
    let events = serve.events();

    // A new page appears in its column, the home page and the sitemap.
    serve.write(
        "content/portal/zwdt/gzdt/2026-11-22-xinwen.md",
        "---\ntitle: 县里召开冬季防火部署会\ndate: 2026-11-22\n---\n\n会议部署了冬季森林防火工作。\n",
    );
    events.reload(&serve);
    assert!(serve.page("/zwdt/gzdt/2026-11-22-xinwen/").contains("县里召开冬季防火部署会"));
    assert!(serve.page("/").contains("县里召开冬季防火部署会"));
    assert!(serve.page("/sitemap.xml").contains("2026-11-22-xinwen"));
    serve.assert_equals_fresh_build();

    // Re-dated: the lists reorder.
    serve.edit("content/portal/zwdt/gzdt/2026-11-22-xinwen.md", "date: 2026-11-22", "date: 2026-09-30");
    events.reload(&serve);
    serve.assert_equals_fresh_build();

    // Renamed: the old URL is gone (404 with the 404 page), the new one is served.
    let old = tmp.path().join("content/portal/zwdt/gzdt/2026-11-22-xinwen.md");
    std::fs::rename(&old, tmp.path().join("content/portal/zwdt/gzdt/2026-09-30-fanghuo.md")).unwrap();
    events.reload(&serve);
    let (status, kind, body) = serve.get("/zwdt/gzdt/2026-11-22-xinwen/");
    assert_eq!(status, 404);
    assert!(kind.starts_with("text/html; charset=utf-8"), "{kind}");
    assert!(String::from_utf8(body).unwrap().contains("页面未找到"));
    assert!(serve.page("/zwdt/gzdt/2026-09-30-fanghuo/").contains("县里召开冬季防火部署会"));
    serve.assert_equals_fresh_build();

    // Deleted (nothing links to it): 404 after the event.
    std::fs::remove_file(tmp.path().join("content/portal/zwdt/gzdt/2026-09-30-fanghuo.md")).unwrap();
    events.reload(&serve);
    assert_eq!(serve.get("/zwdt/gzdt/2026-09-30-fanghuo/").0, 404);
    serve.assert_equals_fresh_build();

    // An attachment added is published once a page links to it, and a page moved to another
    // column.
    std::fs::write(tmp.path().join("content/jyj/zwdt/gzdt/tongzhi.txt"), "附件").unwrap();
    events.reload(&serve);
    assert_eq!(serve.get("/jyj/zwdt/gzdt/tongzhi.txt").0, 404, "no page links to it yet");
    let log = serve.log_showing(&["content/jyj/zwdt/gzdt/tongzhi.txt", "没有任何稿件链接这个文件"]);
    assert!(log.contains("content/jyj/zwdt/gzdt/tongzhi.txt") && log.contains("没有任何稿件链接这个文件"), "{log}");
    serve.edit(
        "content/jyj/zwdt/gzdt/2026-11-18-anquan.md",
        "县教育局开展冬季校园安全大检查。",
        "县教育局开展冬季校园安全大检查，见[通知](tongzhi.txt)。",
    );
    events.reload(&serve);
    assert_eq!(serve.get("/jyj/zwdt/gzdt/tongzhi.txt").2, "附件".as_bytes());
    serve.assert_equals_fresh_build();
    std::fs::rename(
        tmp.path().join("content/jyj/zwdt/xxjs/2026-06-01-xinxiao.md"),
        tmp.path().join("content/jyj/zwdt/gzdt/2026-06-01-xinxiao.md"),
    )
    .unwrap();
    events.reload(&serve);
    assert_eq!(serve.get("/jyj/zwdt/xxjs/2026-06-01-xinxiao/").0, 404);
    serve.assert_equals_fresh_build();
}

/// News pages added, re-dated, renamed and deleted are taken out of their lists and put in at
/// their new places instead of assembling the whole cluster again (the terminal says which way
/// each update went); after a run of such edits, crossing list page boundaries both ways, the
/// served tree still equals a clean build.
#[test]
fn news_pages_added_redated_and_deleted_are_spliced_into_their_lists() {
    let tmp = common::fixture("basic");
    let serve = Serve::start_in(tmp.path(), "en");
    let events = serve.events();
    let mut updates = 0;
    let mut spliced = |what: &str| {
        events.reload(&serve);
        updates += 1;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut log = serve.log();
        while log.matches("(lists updated)").count() < updates && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            log = serve.log();
        }
        assert_eq!(log.matches("(lists updated)").count(), updates, "{what} was not spliced:\n{log}");
    };
    let dir = "content/jyj/zwdt/gzdt";
    for (k, day) in ["2026-11-02", "2026-10-15", "2026-11-21", "2026-03-08", "2026-11-18"].iter().enumerate() {
        let page = format!("---\ntitle: 教育快讯第{k}期\ndate: {day}\n---\n\n第{k}期快讯的正文。\n");
        serve.write(&format!("{dir}/{day}-kuaixun-{k}.md"), &page);
        spliced("an added page");
    }
    assert!(serve.page("/jyj/zwdt/gzdt/").contains("教育快讯第2期"));
    assert!(serve.page("/jyj/zwdt/gzdt/page/3/").contains("教育快讯第3期"));
    serve.assert_equals_fresh_build();

    serve.edit(&format!("{dir}/2026-03-08-kuaixun-3.md"), "date: 2026-03-08", "date: 2026-11-24");
    spliced("a re-dated page");
    assert!(serve.page("/jyj/zwdt/gzdt/").contains("教育快讯第3期"));
    std::fs::rename(tmp.path().join(dir).join("2026-11-02-kuaixun-0.md"), tmp.path().join(dir).join("kuaixun.md"))
        .unwrap();
    spliced("a renamed page");
    assert_eq!(serve.get("/jyj/zwdt/gzdt/2026-11-02-kuaixun-0/").0, 404);
    assert!(serve.page("/jyj/zwdt/gzdt/kuaixun/").contains("教育快讯第0期"));
    for name in ["kuaixun.md", "2026-10-15-kuaixun-1.md"] {
        std::fs::remove_file(tmp.path().join(dir).join(name)).unwrap();
        spliced("a deleted page");
    }
    assert_eq!(serve.get("/jyj/zwdt/gzdt/page/3/").0, 404);
    serve.assert_equals_fresh_build();
}

#[test]
fn broken_edits_show_the_error_and_keep_the_last_good_page() {
    let tmp = common::fixture("basic");
    let serve = Serve::start(tmp.path());
    let events = serve.events();

    // Bad YAML: an error event naming the file; the last good page is still served.
    serve.edit(HUIYI, "title: 县政府召开常务会议", "title: [县政府召开常务会议");
    let message = events.error(&serve);
    assert!(message.contains("2026-11-20-huiyi.md"), "{message}");
    assert!(serve.page(HUIYI_URL).contains("县政府召开常务会议"));
    // The terminal and the browser say it in the same words, in Chinese by default.
    let still = "共 1 个错误；浏览器中仍是上次成功生成的页面。";
    assert!(message.contains(still) && message.contains("错误[") && message.contains("修改方法"), "{message}");
    let log = serve.log_showing(&[still]);
    assert!(log.contains(still), "{log}");
    let script = String::from_utf8(serve.get("/__zhanqun/live.js").2).unwrap();
    assert!(script.contains("\"close\":\"关闭 ×\"") && script.contains("\"lang\":\"zh-CN\""), "{script}");
    // A tab opened now is told at once.
    let late = serve.events();
    assert!(late.error(&serve).contains("2026-11-20-huiyi.md"));
    // Fixed: reload, and the output is current again.
    serve.edit(HUIYI, "title: [县政府召开常务会议", "title: 县政府召开全体会议");
    events.reload(&serve);
    assert!(serve.page(HUIYI_URL).contains("县政府召开全体会议"));
    serve.assert_equals_fresh_build();

    // A broken link in the body.
    serve.edit(HUIYI, "研究部署冬季安全生产工作。", "研究部署冬季安全生产工作，见[纪要](/zwdt/nope/)。");
    let message = events.error(&serve);
    assert!(message.contains("/zwdt/nope/") && message.contains("2026-11-20-huiyi.md"), "{message}");
    assert!(!serve.page(HUIYI_URL).contains("/zwdt/nope/"));
    serve.edit(HUIYI, "，见[纪要](/zwdt/nope/)。", "。");
    events.reload(&serve);

    // Deleting a page another page links to: the link is reported, the page stays until fixed.
    let tongzhi = tmp.path().join("content/portal/zwdt/tzgg/2026-11-01-tongzhi.md");
    let saved = std::fs::read_to_string(&tongzhi).unwrap();
    std::fs::remove_file(&tongzhi).unwrap();
    let message = events.error(&serve);
    assert!(message.contains("2026-11-20-huiyi.md") && message.contains("/zwdt/tzgg/2026-11-01-tongzhi/"), "{message}");
    assert_eq!(serve.get("/zwdt/tzgg/2026-11-01-tongzhi/").0, 200);
    // Removing the link lets the deletion through: the old URL is 404.
    serve.edit(HUIYI, "详见[通知](/zwdt/tzgg/2026-11-01-tongzhi/)和", "详见");
    events.reload(&serve);
    assert_eq!(serve.get("/zwdt/tzgg/2026-11-01-tongzhi/").0, 404);
    serve.assert_equals_fresh_build();

    // A removed anchor that another page links to is reported too.
    serve.edit("content/jyj/zwdt/gzdt/2026-11-18-anquan.md", "{#jiaoyu}", "");
    let message = events.error(&serve);
    assert!(message.contains("jiaoyu"), "{message}");
    std::fs::write(&tongzhi, saved).unwrap();
}

/// The preview shows drafts (`draft: true`, `草稿: 是`) with a visible 草稿 banner, in their
/// lists too, and the attachments only they link to; a page out of draft loses the banner.
/// What it serves equals `zhanqun build --drafts`.
#[test]
fn drafts_are_previewed_with_a_banner() {
    let tmp = common::fixture("basic");
    let root = tmp.path();
    let draft = "content/jyj/zwdt/gzdt/2026-11-21-caogao.md";
    std::fs::write(
        root.join(draft),
        "---\ntitle: 教育局寒假安全教育草稿\ndate: 2026-11-21\n草稿: 是\n\
         attachments: [{title: 方案, path: fangan-caogao.txt}]\n---\n\n寒假安全教育方案待审定。\n",
    )
    .unwrap();
    std::fs::write(root.join("content/jyj/zwdt/gzdt/fangan-caogao.txt"), "方案").unwrap();
    let serve = Serve::start(root);
    let events = serve.events();
    let url = "/jyj/zwdt/gzdt/2026-11-21-caogao/";
    let page = serve.page(url);
    assert!(page.contains("<p class=\"draft-banner\" role=\"note\">草稿：本页尚未发布，仅在预览中显示</p>"), "{page}");
    assert!(serve.page("/jyj/zwdt/gzdt/").contains("教育局寒假安全教育草稿"));
    assert_eq!(serve.get("/jyj/zwdt/gzdt/fangan-caogao.txt").2, "方案".as_bytes());
    serve.assert_equals_fresh_build();

    // Out of draft: the same page, without the banner; published pages never had one.
    serve.edit(draft, "草稿: 是\n", "");
    events.reload(&serve);
    let page = serve.page(url);
    assert!(page.contains("教育局寒假安全教育草稿") && !page.contains("draft-banner"), "{page}");
    assert!(!serve.page(HUIYI_URL).contains("draft-banner"));
    serve.assert_equals_fresh_build();

    // Back in draft (in English): the banner again.
    serve.edit(draft, "date: 2026-11-21\n", "date: 2026-11-21\ndraft: true\n");
    events.reload(&serve);
    assert!(serve.page(url).contains("class=\"draft-banner\""));
    serve.assert_equals_fresh_build();
}

/// With `--lang en` the terminal and the overlay report a failure in English, in the same words.
#[test]
fn failures_read_the_same_in_the_terminal_and_the_browser_in_english() {
    let tmp = common::fixture("basic");
    let serve = Serve::start_in(tmp.path(), "en");
    let events = serve.events();
    serve.edit(HUIYI, "title: 县政府召开常务会议", "title: [县政府召开常务会议");
    let message = events.error(&serve);
    let still = "1 error(s); the browser still shows the last good build.";
    assert!(message.contains(still) && message.contains("2026-11-20-huiyi.md"), "{message}");
    assert!(!message.contains("浏览器") && !message.contains("修改方法"), "{message}");
    let log = serve.log_showing(&[still, "watching "]);
    assert!(log.contains(still) && log.contains("watching "), "{log}");
    let script = String::from_utf8(serve.get("/__zhanqun/live.js").2).unwrap();
    assert!(script.contains("\"close\":\"Close ×\"") && script.contains("\"lang\":\"en\""), "{script}");
    assert!(script.contains("Build error: the page below is still the last good build"), "{script}");
    assert!(!script.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese left in the script");
}

#[test]
fn settings_changes_rebuild_everything() {
    let tmp = common::fixture("basic");
    let serve = Serve::start(tmp.path());
    let events = serve.events();
    serve.edit("zhanqun.yaml", "per_page: 2", "per_page: 3");
    events.reload(&serve);
    serve.assert_equals_fresh_build();
    serve.edit("zhanqun.yaml", "per_page: 3", "per_page: [");
    assert!(events.error(&serve).contains("zhanqun.yaml"));
    assert_eq!(serve.get("/").0, 200);
    serve.edit("zhanqun.yaml", "per_page: [", "per_page: 2");
    events.reload(&serve);
    serve.assert_equals_fresh_build();
}

#[test]
fn the_server_answers_like_a_static_host() {
    let tmp = common::fixture("basic");
    let serve = Serve::start(tmp.path());
    let (status, kind, body) = serve.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(kind.starts_with("text/html; charset=utf-8"), "{kind}");
    assert!(String::from_utf8(body).unwrap().contains(SCRIPT_TAG));
    let (status, _, _) = serve.get("/zwdt");
    assert_eq!(status, 301);
    let home = String::from_utf8(serve.get("/").2).unwrap();
    let style = common::linked(&home, "/static/css/style.");
    let types: BTreeMap<&str, &str> = [
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/catalog.json", "application/json; charset=utf-8"),
        (style.as_str(), "text/css; charset=utf-8"),
        ("/__zhanqun/live.js", "text/javascript; charset=utf-8"),
    ]
    .into_iter()
    .collect();
    for (path, want) in types {
        let (status, kind, _) = serve.get(path);
        assert_eq!((status, kind.as_str()), (200, want), "{path}");
    }
    let (_, _, css) = serve.get(&style);
    assert!(!String::from_utf8_lossy(&css).contains("__zhanqun"), "only HTML gets the script");
    // Only GET and HEAD.
    let mut s = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
}

/// An open tab in headless chromium reloads by itself on save, shows the overlay on a broken
/// save over the unchanged page, and reloads again once it is fixed
/// (`tests/browser/live_reload.mjs`; needs node, `npm ci` in tests/browser and chromium).
#[test]
fn an_open_tab_reloads_by_itself_in_chromium() {
    let tmp = common::fixture("basic");
    let serve = Serve::start(tmp.path());
    let dir = common::repo_root().join("tests/browser");
    assert!(dir.join("node_modules/playwright-core").is_dir(), "run `npm ci` in tests/browser first (.ci/run does)");
    let out = std::process::Command::new("node")
        .arg(dir.join("live_reload.mjs"))
        .arg(format!("http://127.0.0.1:{}{HUIYI_URL}", serve.port))
        .arg(tmp.path().join(HUIYI))
        .args(["县政府召开常务会议", "县政府召开第十一次常务会议"])
        .current_dir(&dir)
        .output()
        .expect("run node (is Node.js installed?)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "live_reload.mjs failed:\n{stderr}\nserve log:\n{}", serve.log());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["steps"], serde_json::json!(["connected", "reloaded", "overlay", "fixed"]));
}
