// Uses the cluster search in Debian's headless chromium as a visitor would and reports, as one
// JSON object on stdout, what it saw (tests/testsuite/search.rs judges it):
//   header   – on the portal home, types a Chinese query into the header search box, keeps
//              the scope 全站群, presses Enter: the results page URL and its results;
//   scope    – the same from a department or township home with the scope 本站;
//   filters  – on the results page, picks a year, a genre, a column, and submits each;
//   keyboard – reaches the header box with Tab only, types, presses Enter;
//   recall   – opens /search/?q=… for every known-item query and keeps the first ten links;
//   noscript – the results page with JavaScript off;
//   mobile   – the results page at 375 px: horizontal overflow;
//   hant     – a query typed in Traditional script finds what its Simplified form finds, on
//              the simplified results page and in the 繁體 view (zh-hant/), whose header
//              links back to 简体 and whose results link into the view;
//   console  – script errors, failed or external requests, CSP violations, on every page.
// Usage: node search.mjs CONFIG.json   with {origin, base, queries: [{q, want}], scenarios: [...],
//        query, scope_site, filter: {year, genre, column, q}}
import { chromium } from "playwright-core";
import fs from "node:fs";

const cfg = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { origin, base } = cfg;
const root = origin + base;
const want = new Set(cfg.scenarios);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const report = { console: [] };

function watch(page) {
  page.on("pageerror", (e) => report.console.push(`script error on ${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) report.console.push(`console ${m.type()} on ${page.url()}: ${m.text()}`);
  });
  page.on("requestfailed", (r) => report.console.push(`request failed on ${page.url()}: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on("response", (r) => { if (r.status() >= 400) report.console.push(`HTTP ${r.status()} for ${r.url()}`); });
  page.on("request", (r) => { if (!r.url().startsWith(origin)) report.console.push(`external request: ${r.url()}`); });
}

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  watch(page);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

// Waits until the results page has finished (results, or a message), then reads it.
async function results(page) {
  // search.js marks the list aria-busy="true" while it fills it (results, then excerpts);
  // without a query it only writes a message.
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    return s && list && s.textContent && list.getAttribute("aria-busy") !== "true";
  }, null, { timeout: 20000 });
  return page.evaluate((rootPath) => {
    const items = [...document.querySelectorAll("#search-results > li")].map((li) => {
      const a = li.querySelector("a");
      const href = a ? new URL(a.href).pathname : "";
      return {
        first: li.firstElementChild ? li.firstElementChild.tagName.toLowerCase() : "",
        href,
        path: href.startsWith(rootPath) ? "/" + href.slice(rootPath.length) : href,
        title: a ? a.textContent : "",
        marked: li.querySelectorAll("mark").length,
        excerpt: (li.querySelector(".search-excerpt") || { textContent: "" }).textContent,
        site: (li.querySelector(".search-site") || { textContent: "" }).textContent,
        genre: (li.querySelector(".search-genre") || { textContent: "" }).textContent,
        date: (li.querySelector("time") || { textContent: "" }).textContent,
      };
    });
    return {
      url: location.pathname + location.search,
      status: document.getElementById("search-status").textContent,
      items,
      form: Object.fromEntries(["q", "site", "column", "year", "genre"].map((k) => [k, document.getElementById("search-form").elements[k].value])),
    };
  }, new URL(root).pathname);
}

async function submitFromHeader(page, query, scope) {
  const box = page.locator("#hs-q");
  await box.click();
  await box.pressSequentially(query, { delay: 20 });
  if (scope !== undefined) await page.selectOption("#hs-site", scope);
  await Promise.all([page.waitForURL(/\/search\/\?/), box.press("Enter")]);
  return results(page);
}

try {
  const page = await newPage();
  if (want.has("header")) {
    await page.goto(root, { waitUntil: "load" });
    report.header = await submitFromHeader(page, cfg.query, "");
  }
  if (want.has("scope")) {
    await page.goto(root + cfg.scope_site + "/", { waitUntil: "load" });
    const scope = await page.locator("#hs-site").inputValue();
    report.scope = { default_scope: scope, ...(await submitFromHeader(page, cfg.query)) };
  }
  if (want.has("filters")) {
    const f = cfg.filter;
    report.filters = {};
    for (const [field, value, q] of [["year", f.year, cfg.query], ["genre", f.genre, f.q], ["column", f.column, cfg.query]]) {
      await page.goto(root + "search/?q=" + encodeURIComponent(q), { waitUntil: "load" });
      const before = await results(page);
      await page.selectOption("#sf-" + field, value);
      await Promise.all([page.waitForURL(new RegExp(field + "=")), page.click("#search-form button[type=submit]")]);
      report.filters[field] = { value, before: before.items.length, ...(await results(page)) };
    }
  }
  if (want.has("keyboard")) {
    await page.goto(root + cfg.scope_site + "/", { waitUntil: "load" });
    let tabs = 0;
    for (; tabs < 40; tabs++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement && document.activeElement.id === "hs-q")) break;
    }
    await page.keyboard.type(cfg.query, { delay: 20 });
    await Promise.all([page.waitForURL(/\/search\/\?/), page.keyboard.press("Enter")]);
    report.keyboard = { tabs: tabs + 1, ...(await results(page)) };
  }
  if (want.has("recall")) {
    report.recall = [];
    for (const k of cfg.queries) {
      await page.goto(root + "search/?q=" + encodeURIComponent(k.q), { waitUntil: "load" });
      const r = await results(page);
      report.recall.push({ q: k.q, want: k.want, got: r.items.slice(0, 10).map((i) => i.path), status: r.status });
    }
  }
  if (want.has("hant")) {
    const h = cfg.hant;
    report.hant = {};
    await page.goto(root + "search/?q=" + encodeURIComponent(h.simplified), { waitUntil: "load" });
    report.hant.simplified = await results(page);
    await page.goto(root + "search/?q=" + encodeURIComponent(h.traditional), { waitUntil: "load" });
    report.hant.traditional = await results(page);
    const switchOf = () => {
      const a = document.querySelector("a[data-script-switch]");
      return { lang: document.documentElement.lang, title: document.title, href: a ? new URL(a.href).pathname : "", text: a ? a.textContent : "" };
    };
    await page.goto(root + cfg.scope_site + "/", { waitUntil: "load" });
    report.hant.hans_page = await page.evaluate(switchOf);
    await page.goto(root + "zh-hant/" + cfg.scope_site + "/", { waitUntil: "load" });
    report.hant.hant_page = await page.evaluate(switchOf);
    report.hant.view = await submitFromHeader(page, h.traditional, "");
  }
  if (want.has("mobile")) {
    const phone = await newPage({ viewport: { width: 375, height: 812 } });
    await phone.goto(root + "search/?q=" + encodeURIComponent(cfg.query), { waitUntil: "load" });
    const r = await results(phone);
    report.mobile = {
      results: r.items.length,
      overflow: await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    };
  }
  if (want.has("noscript")) {
    const off = await newPage({ javaScriptEnabled: false });
    await off.goto(root + "search/?q=" + encodeURIComponent(cfg.query), { waitUntil: "load" });
    report.noscript = {
      message: (await off.locator(".search-noscript").isVisible()) ? await off.locator(".search-noscript").textContent() : "",
      results: await off.locator("#search-results > li").count(),
      form: await off.locator("#search-form").isVisible(),
    };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report, null, 1));
