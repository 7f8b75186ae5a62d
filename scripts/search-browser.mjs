// Time to first results in Debian's headless chromium: opens ORIGIN/search/?q=… for each query
// of a scripts/search-queries.py file (a new browser context each time: a first visit, cold
// cache), waits for the first <li> of #search-results and prints the medians as JSON: ms from
// navigation start to the first result, and bytes fetched by the page for search (search.js
// and everything under /search/ but the results page itself), as the browser counts them.
//
//   python3 tests/testsuite/common/serve.py --dir PUBLIC --port 8000 &
//   node scripts/search-browser.mjs http://127.0.0.1:8000 queries.json [pairs|known] [N]
// (run from tests/browser or with NODE_PATH=tests/browser/node_modules)
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const [origin, qfile, set = "pairs", n = "20"] = process.argv.slice(2);
const d = JSON.parse(fs.readFileSync(qfile, "utf8"));
const queries = (set === "known" ? d.known : d.pairs).slice(0, +n).map((x) => (typeof x === "string" ? x : x.q));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const runs = [];
for (const q of queries) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`, { waitUntil: "commit" });
  await page.waitForSelector("#search-results li", { timeout: 30000 });
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const first = performance.now() - nav.startTime;
    const bytes = performance
      .getEntriesByType("resource")
      .filter((r) => /\/search\/|search\.js/.test(r.name))
      .reduce((s, r) => s + (r.encodedBodySize || 0), 0);
    return { first, bytes, results: document.querySelectorAll("#search-results li").length };
  });
  runs.push({ q, ...m });
  await context.close();
}
await browser.close();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(JSON.stringify({
  queries: runs.length,
  median_ms_to_first_result: +median(runs.map((r) => r.first)).toFixed(1),
  max_ms: +Math.max(...runs.map((r) => r.first)).toFixed(1),
  median_search_bytes: median(runs.map((r) => r.bytes)),
  max_search_bytes: Math.max(...runs.map((r) => r.bytes)),
  min_results: Math.min(...runs.map((r) => r.results)),
}, null, 1));
