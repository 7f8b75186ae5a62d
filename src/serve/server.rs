//! The preview HTTP server (tiny_http) on 127.0.0.1: the output directory as any static host
//! would serve it, plus the live-reload endpoints.

use super::reload::{self, Hub};
use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// Worker threads answering requests (event streams are handed to the [`Hub`] and hold none).
const WORKERS: usize = 4;

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

/// Starts the workers on an already bound server.
pub(crate) fn spawn(server: Arc<Server>, site: Arc<RwLock<Site>>, hub: Arc<Hub>, gate: Arc<Gate>) {
    for _ in 0..WORKERS {
        let (server, site, hub, gate) = (server.clone(), site.clone(), hub.clone(), gate.clone());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                let current = site.read().unwrap_or_else(|e| e.into_inner()).clone();
                handle(request, &current, &hub, &gate);
            }
        });
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
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

fn handle(request: Request, site: &Site, hub: &Hub, gate: &Gate) {
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("method not allowed\n").with_status_code(405));
        return;
    }
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == reload::EVENTS_URL {
        hub.subscribe(request.into_writer());
        return;
    }
    if path == reload::SCRIPT_URL {
        let r = Response::from_data(reload::SCRIPT.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"));
        let _ = request.respond(r);
        return;
    }
    let rest = path.strip_prefix(site.base_path.as_str()).unwrap_or("");
    if super::live::DEFERRED.contains(&rest) {
        gate.wait(Duration::from_secs(30));
    }
    let (status, file) = match resolve(site, path) {
        Target::File(f) => (200, Some(f)),
        Target::Redirect(to) => {
            let r = Response::empty(301).with_header(header("Location", &to));
            let _ = request.respond(r);
            return;
        }
        Target::NotFound if !path.starts_with(reload::PREFIX) => (404, Some(site.out.join("404.html"))),
        Target::NotFound => (404, None),
    };
    let (bytes, kind) = match file.as_deref().map(|f| (std::fs::read(f), f)) {
        Some((Ok(b), f)) => (b, content_type(f)),
        _ => (b"404 Not Found\n".to_vec(), "text/plain; charset=utf-8"),
    };
    let bytes = if kind.starts_with("text/html") { reload::inject(&bytes) } else { bytes };
    let len = bytes.len();
    let mut r = Response::from_data(if head { Vec::new() } else { bytes })
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    if head {
        r = r.with_header(header("Content-Length", &len.to_string()));
    }
    let _ = request.respond(r);
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
