// Opens pages of a built cluster in Debian's headless chromium and reports, as one JSON object
// on stdout, what a user (or an inspector's tool) would meet there:
//   axe      – axe-core WCAG 2.1 A/AA violations per page, at phone and desktop width;
//   overflow – pages wider than a 375 px phone screen (horizontal scrolling);
//   nav      – keyboard and elder-mode behaviour on the first page: the skip link moves focus
//              to <main>, the 长者模式 button toggles large type and is remembered on reload,
//              and the column menu is reachable with Tab.
//   console  – script errors and failed requests (a self-contained theme fetches nothing
//              from other hosts);
//   fonts    – text that no CJK font renders: asked of chromium itself through the DevTools
//              protocol (CSS.getPlatformFontsForNode), since document.fonts.check passes
//              without one and a missing font shows as narrow boxes;
//   layout   – measured boxes that break the theme's layout rules (see measure() below), and
//   measured – how many boxes of each kind were measured, so a rule cannot pass by finding none.
// With ZQ_SCREENSHOTS set to a directory, a full-page screenshot of every page at every width
// is written there for a person to look at (nothing is asserted on them).
// Usage: node audit.mjs ORIGIN PATH [PATH ...]      (driven by tests/browser.rs)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = require("node:fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const [origin, ...paths] = process.argv.slice(2);
if (!origin || paths.length === 0) {
  console.error("usage: node audit.mjs ORIGIN PATH [PATH ...]");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const report = { axe: [], overflow: [], nav: {}, console: [], fonts: [], layout: [], measured: {} };
const SHOTS = process.env.ZQ_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
try {
  // The third pass runs with 长者模式 (elder mode: larger type, higher contrast) switched on,
  // as the header button leaves it in localStorage.
  const passes = [["phone", { width: 375, height: 812 }, false], ["desktop", { width: 1280, height: 900 }, false], ["elder", { width: 1280, height: 900 }, true]];
  for (const [label, viewport, elder] of passes) {
    const context = await browser.newContext({ viewport });
    if (elder) await context.addInitScript(() => { try { localStorage.setItem("zq-elder", "1"); } catch (e) { /* ignore */ } });
    const page = await context.newPage();
    watch(page, report.console);
    for (const path of paths) {
      await page.goto(origin + path, { waitUntil: "load" });
      // The search results page fills its list after load (aria-busy while it does).
      await page.waitForFunction(() => {
        const list = document.getElementById("search-results");
        const status = document.getElementById("search-status");
        return !list || (status && status.textContent && list.getAttribute("aria-busy") !== "true");
      }, null, { timeout: 20000 });
      if (elder && !(await page.evaluate(() => document.documentElement.classList.contains("elder")))) {
        report.axe.push({ path, viewport: label, id: "elder-mode-off", impact: "test", help: "elder mode did not switch on", nodes: [] });
      }
      // Evaluated through the DevTools protocol, which the page's strict CSP does not govern
      // (a <script> tag with axe's source would be inline script, and rightly refused).
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      });
      for (const v of violations) report.axe.push({ path, viewport: label, ...v });
      for (const f of await cjkFonts(context, page)) report.fonts.push({ path, viewport: label, ...f });
      const { problems, measured } = await page.evaluate(measure, label);
      for (const p of problems) report.layout.push({ path, viewport: label, ...p });
      for (const [k, n] of Object.entries(measured)) report.measured[`${label}:${k}`] = (report.measured[`${label}:${k}`] || 0) + n;
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label}-${slug(path)}.png`, fullPage: true });
      if (label === "phone") {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (wide > 0) report.overflow.push({ path, extra_px: wide });
      }
    }
    await context.close();
  }
  report.nav = await checkNavigation(origin + paths[0]);
} finally {
  await browser.close();
}
console.log(JSON.stringify(report, null, 1));

function slug(path) {
  return decodeURIComponent(path).replace(/^\/+|\/+$/g, "").replace(/[^\p{L}\p{N}.-]+/gu, "_") || "index";
}

// The fonts chromium used for the text of the page's heading, navigation and first paragraph:
// each must include a CJK font that drew glyphs.
async function cjkFonts(context, page) {
  const cdp = await context.newCDPSession(page);
  const bad = [];
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    for (const selector of ["h1", ".nav-list a", "main p"]) {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      if (!nodeId) continue;
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      const cjk = fonts.filter((f) => f.glyphCount > 0 && /CJK|Han Sans|Han Serif|Hei|Song|Ming|Kai|YaHei|PingFang|WenQuanYi|Droid Sans Fallback/i.test(f.familyName));
      if (cjk.length === 0) bad.push({ selector, fonts: fonts.map((f) => `${f.familyName} (${f.glyphCount})`) });
      else report.measured.cjk_nodes = (report.measured.cjk_nodes || 0) + 1;
    }
  } finally {
    await cdp.detach();
  }
  return bad;
}

// The theme's layout rules, measured on the rendered page (runs in the page; `label` names
// the pass: phone 375 px, desktop 1280 px, elder 1280 px with 长者模式):
//   - every box that scrolls sideways takes keyboard focus and has a name;
//   - phone: no visible box reaches past the screen's edges except inside such a scroller;
//   - desktop and elder: the catalog's 文号 and date cells are one line high;
//   - phone: the 公开信息 table fits the screen as label/value rows, each label beside its value;
//   - elder: the home page blocks stand in one column, with titles not cut off;
//   - the 落款 of a 公文 ends at the right edge of the text column.
function measure(label) {
  const problems = [];
  const measured = {};
  const count = (k) => { measured[k] = (measured[k] || 0) + 1; };
  const vw = document.documentElement.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") +
    (typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "") +
    ` “${(el.textContent || "").trim().slice(0, 20)}”`;
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  const textRight = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return Math.max(...[...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.right));
  };
  const all = [...document.querySelectorAll("body *")];
  const scrollers = all.filter((el) => /(auto|scroll)/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1);
  for (const el of scrollers) {
    count("scrollers");
    const named = (el.getAttribute("aria-label") || "").trim() || el.getAttribute("aria-labelledby") ||
      (el.tagName === "TABLE" && el.caption && el.caption.textContent.trim());
    if (el.tabIndex < 0 || !named) problems.push({ rule: "scroller-not-reachable-or-unnamed", box: describe(el), focusable: el.tabIndex >= 0, named: !!named });
  }
  if (label === "phone") {
    let reported = 0;
    for (const el of all) {
      if (el.closest(".visually-hidden, .skip-link, .home-title, [hidden]")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      count("boxes");
      if (r.right <= vw + 0.5 && r.left >= -0.5) continue;
      if (scrollers.some((s) => s !== el && s.contains(el))) continue;
      if (reported++ < 5) problems.push({ rule: "wider-than-screen", box: describe(el), left: Math.round(r.left), right: Math.round(r.right), screen: vw });
    }
  }
  if (label !== "phone") {
    for (const table of document.querySelectorAll(".catalog-table")) {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      const cols = heads.map((h, i) => (["文号", "成文日期", "发布日期"].includes(h) ? i : -1)).filter((i) => i >= 0);
      for (const row of table.querySelectorAll("tbody tr")) {
        for (const i of cols) {
          const cell = row.cells[i];
          if (!cell || !cell.textContent.trim()) continue;
          count("catalog_cells");
          if (lines(cell) > 1) problems.push({ rule: "catalog-cell-wraps", column: heads[i], text: cell.textContent.trim(), lines: lines(cell) });
        }
      }
    }
  }
  if (label === "phone") {
    for (const table of document.querySelectorAll(".disclosure-meta")) {
      count("meta_tables");
      const t = table.getBoundingClientRect();
      if (t.right > vw + 0.5 || table.scrollWidth > table.clientWidth + 1) problems.push({ rule: "meta-table-too-wide", right: Math.round(t.right), screen: vw });
      for (const th of table.querySelectorAll("th")) {
        const td = th.nextElementSibling;
        const a = th.getBoundingClientRect();
        const b = td ? td.getBoundingClientRect() : a;
        if (Math.abs(a.top - b.top) > 1 || b.right > t.right + 0.5 || b.left < a.right - 0.5) {
          problems.push({ rule: "meta-label-not-beside-value", label: th.textContent.trim(), label_top: Math.round(a.top), value_top: Math.round(b.top), value_right: Math.round(b.right) });
        }
      }
    }
  }
  if (label === "elder") {
    for (const blocks of document.querySelectorAll(".blocks")) {
      const lefts = new Set([...blocks.children].map((b) => Math.round(b.getBoundingClientRect().left)));
      if (blocks.children.length < 2) continue;
      count("block_grids");
      if (lefts.size > 1) problems.push({ rule: "elder-not-one-column", columns: lefts.size });
      for (const a of blocks.querySelectorAll(".item-list a")) {
        count("block_titles");
        if (a.scrollWidth > a.clientWidth + 1) problems.push({ rule: "elder-title-cut", title: a.textContent.trim() });
      }
    }
  }
  for (const sign of document.querySelectorAll(".gw-luokuan")) {
    count("luokuan");
    const column = sign.closest(".article-body");
    const c = column.getBoundingClientRect();
    const edge = c.right - parseFloat(getComputedStyle(column).paddingRight);
    const right = textRight(sign);
    if (Math.abs(right - edge) > 2) problems.push({ rule: "luokuan-not-at-right-edge", text_right: Math.round(right), column_right: Math.round(edge) });
  }
  return { problems, measured };
}

function watch(page, sink) {
  page.on("pageerror", (e) => sink.push(`script error on ${page.url()}: ${e.message}`));
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) sink.push(`CSP violation on ${page.url()}: ${m.text()}`); });
  page.on("requestfailed", (r) => sink.push(`request failed on ${page.url()}: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) sink.push(`HTTP ${r.status()} for ${r.url()} on ${page.url()}`); });
  page.on("request", (r) => { if (!r.url().startsWith(origin)) sink.push(`external request on ${page.url()}: ${r.url()}`); });
}

async function checkNavigation(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page, report.console);
  await page.goto(url, { waitUntil: "load" });
  const nav = {};
  // The first Tab lands on the skip link; Enter moves focus into <main>.
  await page.keyboard.press("Tab");
  nav.first_tab = await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
  await page.keyboard.press("Enter");
  nav.after_skip = await page.evaluate(() => document.activeElement && document.activeElement.id);
  // Elder mode: visible button, toggles the class and aria-pressed, survives a reload.
  const toggle = page.locator("[data-elder-toggle]").first();
  if ((await toggle.count()) === 0) {
    await context.close();
    return nav;
  }
  nav.elder_visible = await toggle.isVisible();
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await toggle.focus();
  await page.keyboard.press("Enter");
  nav.elder_pressed = await toggle.getAttribute("aria-pressed");
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  nav.elder_font_ratio = after / before;
  await page.reload({ waitUntil: "load" });
  nav.elder_after_reload = await page.evaluate(() => document.documentElement.classList.contains("elder"));
  // Every column of the menu can be reached by keyboard: count menu links Tab visits.
  const menu = await page.locator('nav[aria-label="栏目导航"] a').count();
  let visited = 0;
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (let i = 0; i < 60 && visited < menu; i++) {
    await page.keyboard.press("Tab");
    const inMenu = await page.evaluate(() => !!(document.activeElement && document.activeElement.closest('nav[aria-label="栏目导航"]')));
    if (inMenu) visited++;
  }
  nav.menu_links = menu;
  nav.menu_links_tabbed = visited;
  await context.close();
  return nav;
}
