// Pagefind on the same queries as scripts/search-query.mjs, for the comparison in the README:
// loads Pagefind's own pagefind.js + wasm from PUBLIC/pagefind in node (as ../shared/bench/
// pf_query.mjs does, as a zh-CN page would), runs each query cold (a fresh module instance, a
// new visitor), loads its first ten results (their fragments: URL, title, excerpt) and
// prints the summary: recall@1 and @10 on queries with a `want` URL, median bytes fetched
// (pagefind.js, entry, meta, wasm, index chunks, fragments, as stored) and median time.
// Usage: node scripts/pagefind-query.mjs PUBLIC QUERIES.json [known|pairs]
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [pub, qfile, set] = process.argv.slice(2);
const pfdir = path.resolve(pub, "pagefind");
const text = fs.readFileSync(qfile, "utf8");
const d = JSON.parse(text);
const queries = Array.isArray(d) ? d : [...(set !== "pairs" ? d.known : []), ...(set !== "known" ? d.pairs : [])];
let log = [];
globalThis.fetch = async (input) => {
  const u = new URL(typeof input === "string" ? input : input.url);
  const p = fileURLToPath(u.protocol === "file:" ? u : new URL(u.pathname, "file://"));
  const buf = fs.readFileSync(p);
  log.push(buf.length);
  return new Response(buf, { status: 200, headers: { "content-type": p.endsWith(".json") ? "application/json" : "application/octet-stream" } });
};
globalThis.window = globalThis;
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => "zh-CN" }) };
const jsBytes = fs.statSync(path.join(pfdir, "pagefind.js")).size;
const results = [];
let n = 0;
for (const q of queries) {
  log = [];
  const pf = await import(pathToFileURL(path.join(pfdir, "pagefind.js")).href + "?cold=" + n++);
  await pf.options({ basePath: pathToFileURL(pfdir).href + "/" });
  await pf.init();
  const t0 = performance.now();
  const r = await pf.search(q.q);
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  const ms = performance.now() - t0;
  // URLs come back prefixed with the file: base path the bundle was loaded from.
  const site = pathToFileURL(path.resolve(pub)).pathname;
  const urls = data.map((x) => x.url.replace(/index\.html$/, "").replace(/^\/?file:/, "").replace(site, ""));
  const rank = q.want ? urls.indexOf(q.want) + 1 : undefined;
  if (process.env.PF_DEBUG) console.error(q.q, q.want, urls.slice(0, 3));
  results.push({ q: q.q, want: q.want, rank, count: r.results.length, bytes: jsBytes + log.reduce((s, b) => s + b, 0), ms });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const known = results.filter((r) => r.want);
console.log(JSON.stringify({
  queries: results.length,
  ...(known.length ? {
    "recall@1": +(known.filter((r) => r.rank === 1).length / known.length).toFixed(3),
    "recall@10": +(known.filter((r) => r.rank >= 1).length / known.length).toFixed(3),
  } : {}),
  median_bytes: median(results.map((r) => r.bytes)),
  median_ms: +median(results.map((r) => r.ms)).toFixed(1),
}, null, 1));
