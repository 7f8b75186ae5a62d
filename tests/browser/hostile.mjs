// Loads every page built from the hostile corpus (tests/testsuite/hostile.rs) in headless chromium and
// reports, as JSON, anything injected code could have done: dialogs opened (alert, confirm,
// prompt), console messages, page errors, requests to other hosts, navigations away, and in
// each page's DOM: <script> elements other than the theme's own files, event-handler
// attributes, javascript:/vbscript:/data: URLs, <iframe>, <object>, <embed>, <base>, <meta
// http-equiv> and style attributes.
// Usage: node hostile.mjs ORIGIN PATHS.json
import { chromium } from "playwright-core";
import fs from "node:fs";

const [origin, pathsFile] = process.argv.slice(2);
const paths = JSON.parse(fs.readFileSync(pathsFile, "utf8"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const report = { pages: 0, events: [], dom: [] };
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
async function visit(p) {
  const page = await context.newPage();
  const url = origin + p;
  page.on("dialog", async (d) => { report.events.push(`dialog (${d.type()}: ${d.message()}) on ${p}`); await d.dismiss(); });
  page.on("console", (m) => report.events.push(`console ${m.type()} on ${p}: ${m.text()}`));
  page.on("pageerror", (e) => report.events.push(`script error on ${p}: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) report.events.push(`external request on ${p}: ${r.url()}`); });
  page.on("framenavigated", (f) => { if (f === page.mainFrame() && f.url() !== url) report.events.push(`navigated away from ${p} to ${f.url()}`); });
  await page.goto(url, { waitUntil: "load" });
  // Hover and focus everything in the article, as a visitor's mouse and keyboard would.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("main *")) {
      for (const type of ["mouseover", "focus", "toggle", "animationstart"]) el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  });
  const found = await page.evaluate(() => {
    const out = [];
    for (const s of document.querySelectorAll("script")) {
      if (!s.src || !new URL(s.src).pathname.includes("/static/js/")) out.push(`script: ${s.outerHTML.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) {
        const v = a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (a.name.startsWith("on")) out.push(`${a.name} on <${el.localName}>`);
        if (a.name === "style") out.push(`style on <${el.localName}>`);
        if (/^(javascript|vbscript|data):/.test(v) && !(el.localName === "img" && v.startsWith("data:image/"))) out.push(`${a.name}=${a.value.slice(0, 60)} on <${el.localName}>`);
      }
    }
    for (const sel of ["iframe", "frame", "object", "embed", "base", "meta[http-equiv]", "form[action^='javascript']", "link[rel=stylesheet]:not([href*='/static/'])"]) {
      for (const el of document.querySelectorAll(sel)) out.push(`${sel}: ${el.outerHTML.slice(0, 120)}`);
    }
    return out;
  });
  for (const f of found) report.dom.push(`${p}: ${f}`);
  report.pages += 1;
  await page.close();
}
// Four tabs at a time.
for (let i = 0; i < paths.length; i += 4) await Promise.all(paths.slice(i, i + 4).map(visit));
report.events.sort();
report.dom.sort();
await browser.close();
console.log(JSON.stringify(report, null, 1));
