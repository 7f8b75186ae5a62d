// Opens pages of a built cluster in Debian's headless chromium and reports, as one JSON object
// on stdout, what a user (or an inspector's tool) would meet there:
//   axe      – axe-core WCAG 2.1 A/AA violations per page, at phone and desktop width;
//   overflow – pages wider than a 375 px phone screen (horizontal scrolling);
//   nav      – keyboard and elder-mode behaviour on the first page: the skip link moves focus
//              to <main>, the 长者模式 button toggles large type and is remembered on reload,
//              and the column menu is reachable with Tab.
//   console  – script errors and failed requests (a self-contained theme fetches nothing
//              from other hosts).
// Usage: node audit.mjs ORIGIN PATH [PATH ...]      (driven by tests/browser.rs)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

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
const report = { axe: [], overflow: [], nav: {}, console: [] };
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
