// `zhanqun serve` in Debian's headless chromium, as an editor uses it: opens a page the server
// serves, saves a new title into its Markdown file and waits for the tab to reload by itself;
// saves broken front matter and waits for the error overlay over the unchanged page; fixes it
// and waits for the reload that clears the overlay. Prints {"steps": [...]} on stdout.
// Usage: node live_reload.mjs URL FILE OLD_TITLE NEW_TITLE      (driven by tests/testsuite/serve.rs)
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";

const [url, file, oldTitle, newTitle] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const steps = [];
const errors = [];
const pending = new Set();
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => pending.add(r.url()));
  page.on("requestfinished", (r) => pending.delete(r.url()));
  page.on("requestfailed", (r) => pending.delete(r.url()));
  await page.goto(url, { waitUntil: "load" });
  // The live-reload script is connected.
  await page.waitForFunction(() => window.__zhanqunLive && window.__zhanqunLive.readyState === 1, null, { timeout: 20000 });
  steps.push("connected");

  // Save a new title: the tab reloads by itself (the marker set on this document is gone).
  await page.evaluate(() => { window.__zhanqunMarker = 1; });
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(`title: ${oldTitle}`, `title: ${newTitle}`));
  await page.waitForFunction((t) => !window.__zhanqunMarker && document.querySelector("h1")?.textContent.includes(t),
    newTitle, { timeout: 20000 });
  steps.push("reloaded");

  // Save broken front matter: the overlay names the file; the page under it is unchanged.
  await page.waitForFunction(() => window.__zhanqunLive && window.__zhanqunLive.readyState === 1, null, { timeout: 20000 });
  await page.evaluate(() => { window.__zhanqunMarker = 2; });
  writeFileSync(file, text.replace(`title: ${oldTitle}`, `title: [${newTitle}`));
  const overlay = page.locator("#zhanqun-serve-error");
  await overlay.waitFor({ state: "visible", timeout: 20000 });
  const message = await overlay.textContent();
  if (!message.includes(file.split("/").pop())) throw new Error(`overlay does not name the file: ${message}`);
  if ((await overlay.getAttribute("role")) !== "alert") throw new Error("overlay is not announced (role=alert)");
  if (!(await page.locator("h1").first().textContent()).includes(newTitle)) throw new Error("the last good page was replaced");
  if ((await page.evaluate(() => window.__zhanqunMarker)) !== 2) throw new Error("the tab reloaded on a broken edit");
  steps.push("overlay");

  // Fix it: the tab reloads and the overlay is gone.
  writeFileSync(file, text.replace(`title: ${oldTitle}`, `title: ${oldTitle}`));
  await page.waitForFunction((t) => !window.__zhanqunMarker && document.querySelector("h1")?.textContent.includes(t),
    oldTitle, { timeout: 20000 });
  if (await page.locator("#zhanqun-serve-error").count()) throw new Error("overlay still shown after the fix");
  steps.push("fixed");
  if (errors.length) throw new Error(`script errors in the page: ${errors.join("; ")}`);
  console.log(JSON.stringify({ steps }));
} catch (e) {
  console.error(`failed after steps ${JSON.stringify(steps)}, requests pending ${JSON.stringify([...pending])}: ${e.message}`);
  throw e;
} finally {
  await browser.close();
}
