// The live-reload script of `zhanqun serve` (served at /__zhanqun/live.js, never part of a build).
// Reloads the tab on `reload`; on `build-error` shows an overlay with the errors over the last good
// page. TEXT (the overlay's words in the language serve runs in) is filled in by reload.rs.
(function () {
  "use strict";
  if (!window.EventSource || window.__zhanqunLiveScript) { return; }
  window.__zhanqunLiveScript = true;
  var TEXT = __ZHANQUN_TEXT__;
  var box = null;
  function overlay(message) {
    if (!box) {
      box = document.createElement("div");
      box.id = "zhanqun-serve-error";
      box.setAttribute("role", "alert");
      box.setAttribute("lang", TEXT.lang);
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em;" +
        "background:rgba(40,0,0,.93);color:#fff;font:15px/1.6 monospace;white-space:pre-wrap;text-align:left";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = TEXT.close;
      close.style.cssText = "float:right;font:inherit;padding:.2em .8em;cursor:pointer";
      close.onclick = function () { box.style.display = "none"; };
      var title = document.createElement("strong");
      title.textContent = TEXT.title;
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
