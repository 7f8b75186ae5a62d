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

/// The script's source, with `__ZHANQUN_TEXT__` where [`script`] puts the overlay's words.
const SCRIPT_SOURCE: &str = include_str!("live.js");

/// The script: reloads the tab on `reload`, shows an overlay with the build errors on
/// `build-error` (the page underneath stays the last good build) and removes it again on the
/// next reload. The overlay's own words (its title, the close button) come from the catalog of
/// the chosen language, as JSON in the script, like the errors it shows.
pub(crate) fn script() -> String {
    let lang = match crate::messages::lang() {
        crate::messages::Lang::Zh => "zh-CN",
        crate::messages::Lang::En => "en",
    };
    let text = serde_json::json!({
        "lang": lang,
        "close": crate::t!("serve-overlay-close"),
        "title": crate::t!("serve-overlay-title"),
    });
    SCRIPT_SOURCE.replace("__ZHANQUN_TEXT__", &text.to_string())
}

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
    fn the_script_carries_the_overlay_words_as_json() {
        let js = script();
        assert!(!js.contains("__ZHANQUN_TEXT__"), "placeholder left in the script");
        assert!(js.contains(&format!("\"close\":{}", serde_json::json!(crate::t!("serve-overlay-close")))), "{js}");
        assert!(js.contains("TEXT.title") && js.contains("box.setAttribute(\"lang\", TEXT.lang)"));
    }

    #[test]
    fn events_are_one_line_json() {
        let e = String::from_utf8(event("build-error", 3, &serde_json::json!({"message": "a\nb"}))).unwrap();
        assert_eq!(e, "event: build-error\nid: 3\ndata: {\"message\":\"a\\nb\"}\n\n");
    }
}
