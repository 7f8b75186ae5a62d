// zhanqun default theme: progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;
  // 长者模式 (elder mode): larger type and higher contrast, remembered per browser.
  var KEY = "zq-elder";
  function apply(on) {
    root.classList.toggle("elder", on);
    document.querySelectorAll("[data-elder-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  var saved = false;
  try { saved = localStorage.getItem(KEY) === "1"; } catch (e) { /* storage disabled */ }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-elder-toggle]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        var on = !root.classList.contains("elder");
        apply(on);
        try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* ignore */ }
      });
    });
    apply(saved);
    // Leave-site notice for links the build marked external.
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[data-external]");
      if (!a) return;
      if (!window.confirm("您访问的链接即将离开本站，前往：\n" + a.href + "\n是否继续？")) ev.preventDefault();
    });
  });
})();
