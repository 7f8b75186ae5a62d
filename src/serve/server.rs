//! The preview HTTP server on 127.0.0.1: the output directory as any static host would serve
//! it, plus the live-reload endpoints.
//!
//! One thread per connection and one request per connection (`Connection: close`): a preview
//! server answers one browser, and this keeps the long-lived event streams apart from the page
//! requests. (tiny_http was tried first: with keep-alive connections its read-ahead left
//! responses hanging in chromium now and then, which the chromium test in tests/testsuite/serve.rs caught.)

use super::reload::{self, Hub};
use percent_encoding::percent_decode_str;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// Longest request head read (request line and headers).
const MAX_HEAD: usize = 64 * 1024;

/// Where requests are answered from; changes when the settings (base path) change.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// The output directory.
    pub(crate) out: PathBuf,
    /// The base path the output is built for (`/` or `/sub/`); URLs outside it are 404.
    pub(crate) base_path: String,
}

/// Holds back requests for the files an update writes last (`manifest.json`, the cluster's
/// catalogs) while they are behind the pages, so that every response matches a clean build.
#[derive(Default)]
pub(crate) struct Gate {
    behind: Mutex<bool>,
    cv: Condvar,
}

impl Gate {
    /// The deferred files are being brought up to date.
    pub(crate) fn close(&self) {
        *self.behind.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }

    /// They are up to date.
    pub(crate) fn open(&self) {
        *self.behind.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.cv.notify_all();
    }

    /// Waits (at most `limit`) until they are up to date.
    fn wait(&self, limit: Duration) {
        let guard = self.behind.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self.cv.wait_timeout_while(guard, limit, |behind| *behind);
    }
}

/// Answers connections on `listener` until the process ends, each on its own thread.
pub(crate) fn spawn(listener: TcpListener, site: Arc<RwLock<Site>>, hub: Arc<Hub>, gate: Arc<Gate>) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (site, hub, gate) = (site.clone(), hub.clone(), gate.clone());
            std::thread::spawn(move || {
                let current = site.read().unwrap_or_else(|e| e.into_inner()).clone();
                let _ = handle(stream, &current, &hub, &gate);
            });
        }
    });
}

/// The Content-Type of a file, by extension; text types carry `charset=utf-8`.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file under the output directory.
    File(PathBuf),
    /// A directory requested without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing: serve 404.html with status 404.
    NotFound,
}

/// Maps a request path (no query) to a file of the output directory: directory URLs to their
/// index.html, paths outside the base path or climbing out of the directory to nothing.
pub(crate) fn resolve(site: &Site, path: &str) -> Target {
    if site.base_path != "/" && path == site.base_path.trim_end_matches('/') {
        return Target::Redirect(site.base_path.clone());
    }
    let Some(rest) = path.strip_prefix(site.base_path.as_str()) else {
        return Target::NotFound;
    };
    let decoded = percent_decode_str(rest).decode_utf8_lossy();
    let mut file = site.out.clone();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Target::NotFound,
            s if s.contains(['\\', '\0']) || s.starts_with('.') => return Target::NotFound,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            return Target::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() { Target::File(file) } else { Target::NotFound }
}

/// A response to write.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, kind: &str, body: Vec<u8>) -> Reply {
        Reply { status, headers: vec![("Content-Type", kind.to_owned())], body }
    }
}

/// Reads one request head: (method, target). `None` when the client sent no valid head.
fn read_head(stream: &TcpStream) -> Option<(String, String)> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    parts.next().filter(|v| v.starts_with("HTTP/1."))?;
    let mut total = line.len();
    loop {
        let mut header = String::new();
        let n = reader.read_line(&mut header).ok()?;
        total += n;
        if n == 0 || total > MAX_HEAD {
            return None;
        }
        if header == "\r\n" || header == "\n" {
            return Some((method, target));
        }
    }
}

fn handle(mut stream: TcpStream, site: &Site, hub: &Hub, gate: &Gate) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let Some((method, url)) = read_head(&stream) else {
        return write_reply(
            &mut stream,
            Reply::new(400, "text/plain; charset=utf-8", b"bad request\n".to_vec()),
            false,
        );
    };
    let head = method == "HEAD";
    if method != "GET" && !head {
        let mut r = Reply::new(405, "text/plain; charset=utf-8", b"method not allowed\n".to_vec());
        r.headers.push(("Allow", "GET, HEAD".into()));
        return write_reply(&mut stream, r, head);
    }
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == reload::EVENTS_URL {
        stream.set_read_timeout(None)?;
        hub.subscribe(Box::new(stream));
        return Ok(());
    }
    if path == reload::SCRIPT_URL {
        let r = Reply::new(200, "text/javascript; charset=utf-8", reload::script().into_bytes());
        return write_reply(&mut stream, r, head);
    }
    let rest = path.strip_prefix(site.base_path.as_str()).unwrap_or("");
    if super::live::is_deferred(rest) {
        gate.wait(Duration::from_secs(30));
    }
    let (status, file) = match resolve(site, path) {
        Target::File(f) => (200, Some(f)),
        Target::Redirect(to) => {
            let mut r = Reply::new(301, "text/plain; charset=utf-8", Vec::new());
            r.headers.push(("Location", to));
            return write_reply(&mut stream, r, head);
        }
        Target::NotFound if !path.starts_with(reload::PREFIX) => (404, Some(site.out.join("404.html"))),
        Target::NotFound => (404, None),
    };
    let (bytes, kind) = match file.as_deref().map(|f| (std::fs::read(f), f)) {
        Some((Ok(b), f)) => (b, content_type(f)),
        _ => (b"404 Not Found\n".to_vec(), "text/plain; charset=utf-8"),
    };
    let bytes = if kind.starts_with("text/html") { reload::inject(&bytes) } else { bytes };
    write_reply(&mut stream, Reply::new(status, kind, bytes), head)
}

/// Writes the whole response and closes the connection.
fn write_reply(stream: &mut TcpStream, r: Reply, head: bool) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", r.status, super::http_status::reason(r.status));
    for (name, value) in &r.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", r.body.len()));
    let mut bytes = out.into_bytes();
    if !head {
        bytes.extend_from_slice(&r.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_files() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("a/通知")).unwrap();
        std::fs::write(tmp.path().join("a/通知/index.html"), "x").unwrap();
        std::fs::write(tmp.path().join("index.html"), "x").unwrap();
        let site = Site { out: tmp.path().to_path_buf(), base_path: "/".into() };
        assert_eq!(resolve(&site, "/"), Target::File(tmp.path().join("index.html")));
        assert_eq!(resolve(&site, "/a/%E9%80%9A%E7%9F%A5/"), Target::File(tmp.path().join("a/通知/index.html")));
        assert_eq!(resolve(&site, "/a"), Target::Redirect("/a/".into()));
        assert_eq!(resolve(&site, "/../etc/passwd"), Target::NotFound);
        assert_eq!(resolve(&site, "/nope/"), Target::NotFound);
        let sub = Site { out: tmp.path().to_path_buf(), base_path: "/sub/".into() };
        assert_eq!(resolve(&sub, "/sub/"), Target::File(tmp.path().join("index.html")));
        assert_eq!(resolve(&sub, "/sub"), Target::Redirect("/sub/".into()));
        assert_eq!(resolve(&sub, "/a/"), Target::NotFound);
    }

    #[test]
    fn text_types_are_utf8() {
        for f in ["a.html", "a.css", "a.js", "a.json", "a.xml", "a.svg"] {
            assert!(content_type(Path::new(f)).ends_with("charset=utf-8"), "{f}");
        }
        assert_eq!(content_type(Path::new("a.pdf")), "application/pdf");
    }
}
