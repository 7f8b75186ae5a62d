// The web editor `zhanqun editor` writes, in Debian's headless chromium, as a department's editor
// uses it: serves the editor's directory over HTTP with the headers of its own `_headers` file
// (so its Content-Security-Policy is in force), logs in to the local backend (`decap-server`,
// started by tests/testsuite/editor.rs on a copy of the cluster), opens the list of a disclosure column,
// fills in the form of a new document (title, 文号, selects, body) and saves it. Waits until
// the file exists in FOLDER and prints {"file", "form", "csp", "errors"} on stdout.
// Usage: node editor.mjs EDITOR_DIR COLLECTION FOLDER TITLE DOC_NUMBER BODY   (driven by tests/testsuite/editor.rs)
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const [dir, collection, folder, title, docNumber, body] = process.argv.slice(2);

// `_headers`: the block under `/*` applies to every path.
const headers = {};
let inBlock = false;
for (const line of readFileSync(join(dir, "_headers"), "utf8").split("\n")) {
  if (!line.startsWith(" ")) { inBlock = line.trim() === "/*"; continue; }
  const at = line.indexOf(":");
  if (inBlock && at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
}
if (!headers["Content-Security-Policy"]) throw new Error("_headers has no Content-Security-Policy");
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8", ".png": "image/png" };
const served = [];
const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(dir, path));
  served.push(path);
  if (!file.startsWith(normalize(dir)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, headers); res.end("not found"); return;
  }
  res.writeHead(200, { ...headers, "Content-Type": types[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const before = new Set(readdirSync(folder));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const steps = [];
const errors = [];
const outside = [];
try {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1400, height: 1000 } });
  // Any request to another host than the editor's and the local backend's fails the test: the
  // editor loads nothing from a CDN.
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.origin === origin || u.hostname === "localhost" || u.protocol === "data:" || u.protocol === "blob:") {
      return route.continue();
    }
    outside.push(u.href);
    return route.abort();
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation",
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/`, { waitUntil: "load" });

  // The login page of the local backend, in Chinese.
  const login = page.getByRole("button", { name: "登录" });
  await login.waitFor({ timeout: 60000 });
  steps.push("login page");
  await login.click();

  // The collection of the disclosure column, then a new entry.
  await page.goto(`${origin}/#/collections/${collection}/new`, { waitUntil: "load" });
  const titleInput = page.locator("input[id^='title-field']").first();
  await titleInput.waitFor({ timeout: 60000 });
  steps.push("form");
  const form = await page.evaluate(() => [...document.querySelectorAll("label")].map((l) => l.textContent.trim()));
  await titleInput.fill(title);
  await page.locator("input[id^='doc_number-field']").first().fill(docNumber);

  // The three selects (react-select): open each and pick its first option.
  for (const name of ["topic", "genre"]) {
    const control = page.locator(`[id^='${name}-field']`).first();
    await control.click();
    await page.locator("[class*='-option']").first().click();
    // A menu left open (the pick landed during a re-render) would take the next select's click.
    await page
      .locator("[class*='-option']")
      .first()
      .waitFor({ state: "detached", timeout: 5000 })
      .catch(() => page.keyboard.press("Escape"));
  }
  // The publish date: Decap's datetime widget is a native datetime-local input.
  await page.locator("input[id^='date-field']").first().fill("2026-12-06T09:30");
  // The body, in the Markdown editor's rich-text area.
  const editor = page.locator("[data-slate-editor='true']").first();
  await editor.click();
  await page.keyboard.type(body);
  steps.push("filled");

  await page.getByRole("button", { name: /^发布|^保存|^Publish/ }).first().click();
  // In simple publish mode a menu offers "立即发布" (publish now).
  const now = page.getByText(/立即发布|Publish now/);
  if (await now.count()) await now.first().click();
  let created = null;
  for (let i = 0; i < 300 && !created; i++) {
    created = readdirSync(folder).find((f) => !before.has(f) && f.endsWith(".md")) || null;
    if (!created) await new Promise((ok) => setTimeout(ok, 200));
  }
  if (!created) throw new Error("no file was saved in " + folder);
  steps.push("saved");
  const csp = await page.evaluate(() => window.__csp);
  console.log(JSON.stringify({ file: created, form, csp, errors, outside, steps, served: [...new Set(served)] }));
} catch (e) {
  const shot = join(dir, "..", "editor-failure.png");
  try { await browser.contexts()[0]?.pages()[0]?.screenshot({ path: shot, fullPage: true }); } catch {}
  console.error(`failed after steps ${JSON.stringify(steps)} (screenshot ${shot}); errors ${JSON.stringify(errors)}; outside ${JSON.stringify(outside)}: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
