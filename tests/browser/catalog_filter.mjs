// Clicks through the pre-built catalog filters in Debian's headless chromium, as a visitor
// would: opens the catalog, clicks the filter link whose text starts with LABEL, then follows
// 下一页 through every page, collecting the 索引号 column. Prints
// {"url": <filtered page URL>, "index_nos": [...]} on stdout.
// Usage: node catalog_filter.mjs ORIGIN CATALOG_PATH LABEL        (driven by tests/*.rs)
import { chromium } from "playwright-core";

const [origin, path, label] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.goto(origin + path, { waitUntil: "load" });
  const links = page.locator("nav.catalog-filters a").filter({ hasText: new RegExp("^" + label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  if ((await links.count()) !== 1) throw new Error(`expected one filter link starting with ${label}, found ${await links.count()}`);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), links.first().click()]);
  const url = page.url();
  const indexNos = [];
  for (let guard = 0; guard < 1000; guard++) {
    indexNos.push(...(await page.locator("#catalog-table td.index-no").allTextContents()).map((s) => s.trim()));
    const next = page.locator('nav.pager a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), next.first().click()]);
  }
  console.log(JSON.stringify({ url, index_nos: indexNos }));
} finally {
  await browser.close();
}
