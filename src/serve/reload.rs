//! Live reload: the Server-Sent Events channel to open browser tabs, and the small script the
//! server injects into the HTML it serves (never into the build output).

use std::io::Write;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};

/// Reserved URL prefix of the preview server's own endpoints (outside any base path).
pub(crate) const PREFIX: &str = "/__zhanqun/";
/// URL of the event stream.
pub(crate) const EVENTS_URL: &str = "/__zhanqun/events";
/// URL of the script.
pub(crate) const SCRIPT_URL: &str = "/__zhanqun/live.js";

/// The tag inserted into served HTML: an external, deferred script, so that it works under a
/// theme's Content-Security-Policy of `script-src 'self'` and needs no inline code.
pub(crate) const SCRIPT_TAG: &str = "<script src=\"/__zhanqun/live.js\" defer></script>";

/// The script: reloads the tab on `reload`, shows an overlay with the build errors on
/// `build-error` (the page underneath stays the last good build) and removes it again on the
/// next reload.
pub(crate) const SCRIPT: &str = r#"(function () {
  "use strict";
  if (!window.EventSource || window.__zhanqunLiveScript) { return; }
  window.__zhanqunLiveScript = true;
  var box = null;
  function overlay(message) {
    if (!box) {
      box = document.createElement("div");
      box.id = "zhanqun-serve-error";
      box.setAttribute("role", "alert");
      box.setAttribute("lang", "zh-CN");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em;" +
        "background:rgba(40,0,0,.93);color:#fff;font:15px/1.6 monospace;white-space:pre-wrap;text-align:left";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "关闭 ×";
      close.style.cssText = "float:right;font:inherit;padding:.2em .8em;cursor:pointer";
      close.onclick = function () { box.style.display = "none"; };
      var title = document.createElement("strong");
      title.textContent = "构建出错，页面仍是上次成功构建的内容（zhanqun serve）";
      var text = document.createElement("pre");
      text.style.cssText = "white-space:pre-wrap;margin:1em 0 0;font:inherit";
      box.appendChild(close);
      box.appendChild(title);
      box.appendChild(text);
      document.body.appendChild(box);
    }
    box.lastChild.textContent = message;
    box.style.display = "block";
  }
  function connect() {
    var source = new EventSource("/__zhanqun/events");
    window.__zhanqunLive = source;
    source.addEventListener("reload", function () { window.location.reload(); });
    source.addEventListener("build-error", function (e) {
      var message = e.data;
      try { message = JSON.parse(e.data).message; } catch (ignored) { /* plain text */ }
      overlay(message);
    });
  }
  // Connect once the page has loaded, so the open stream never holds up its load event.
  if (document.readyState === "complete") { connect(); } else { window.addEventListener("load", connect); }
})();
"#;

/// Inserts [`SCRIPT_TAG`] into an HTML document: before `</head>`, else before `</body>`, else
/// at the end.
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8]| html.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle));
    let at = find(b"</head>").or_else(|| find(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The open event streams and the current error, shared by the HTTP connections and the rebuild
/// loop. Each stream is written by its own thread from a channel, so a slow or stalled client
/// never holds up the others, the page requests or the rebuild loop.
#[derive(Default)]
pub(crate) struct Hub {
    inner: Mutex<HubState>,
}

#[derive(Default)]
struct HubState {
    clients: Vec<Sender<Arc<[u8]>>>,
    /// The errors standing now, as shown in the overlay; `None` once a build succeeded.
    error: Option<String>,
    /// Events sent so far (the `id:` of each event).
    sequence: u64,
}

/// One SSE event: `event:` name, `id:` and a one-line JSON `data:`.
fn event(name: &str, id: u64, data: &serde_json::Value) -> Vec<u8> {
    format!("event: {name}\nid: {id}\ndata: {data}\n\n").into_bytes()
}

impl Hub {
    /// Takes over a client connection whose request was read: a thread writes the response head, the current error if
    /// there is one, and every later event, until the client goes away.
    pub(crate) fn subscribe(&self, mut writer: Box<dyn Write + Send>) {
        let (tx, rx) = channel::<Arc<[u8]>>();
        let mut first =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n\
                    Connection: close\r\n\r\nretry: 1000\n\n"
                .to_vec();
        {
            let mut st = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(message) = &st.error {
                first.extend(event("build-error", st.sequence, &serde_json::json!({ "message": message })));
            }
            st.clients.push(tx);
        }
        std::thread::spawn(move || {
            if writer.write_all(&first).and_then(|_| writer.flush()).is_err() {
                return;
            }
            for bytes in rx {
                if writer.write_all(&bytes).and_then(|_| writer.flush()).is_err() {
                    return;
                }
            }
        });
    }

    /// Tells every tab to reload (after a successful rebuild); `changed` lists the files written
    /// or removed.
    pub(crate) fn reload(&self, changed: &[String]) {
        let mut st = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        st.error = None;
        st.sequence += 1;
        let shown: Vec<&String> = changed.iter().take(200).collect();
        let e = event("reload", st.sequence, &serde_json::json!({ "changed": shown, "count": changed.len() }));
        broadcast(&mut st.clients, e);
    }

    /// Shows `message` (the build errors) in every tab, and in tabs opened later, until the next
    /// successful rebuild.
    pub(crate) fn error(&self, message: String) {
        let mut st = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        st.sequence += 1;
        let e = event("build-error", st.sequence, &serde_json::json!({ "message": message }));
        st.error = Some(message);
        broadcast(&mut st.clients, e);
    }

    /// Sends a comment line to every client, so that the threads of clients that went away
    /// notice it and end.
    pub(crate) fn ping(&self) {
        let mut st = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        broadcast(&mut st.clients, b": ping\n\n".to_vec());
    }
}

/// Queues `bytes` for every client, dropping the ones whose thread ended.
fn broadcast(clients: &mut Vec<Sender<Arc<[u8]>>>, bytes: Vec<u8>) {
    let bytes: Arc<[u8]> = bytes.into();
    clients.retain(|tx| tx.send(bytes.clone()).is_ok());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_head_end() {
        let html = b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>";
        let out = String::from_utf8(inject(html)).unwrap();
        assert!(out.contains(&format!("{SCRIPT_TAG}</head>")), "{out}");
        let out = String::from_utf8(inject(b"<p>no head</p></BODY>")).unwrap();
        assert!(out.ends_with(&format!("{SCRIPT_TAG}</BODY>")), "{out}");
        let out = String::from_utf8(inject(b"<p>bare")).unwrap();
        assert!(out.ends_with(SCRIPT_TAG), "{out}");
    }

    #[test]
    fn events_are_one_line_json() {
        let e = String::from_utf8(event("build-error", 3, &serde_json::json!({"message": "a\nb"}))).unwrap();
        assert_eq!(e, "event: build-error\nid: 3\ndata: {\"message\":\"a\\nb\"}\n\n");
    }
}
