// Runs zhanqun searches in node with the theme's own static/js/search.js, reading the built
// output from disk as a static server with range requests would serve it, and prints one JSON
// object: per query the result URLs (best first), the bytes and files fetched by kind, and the
// time taken. Each query starts cold (a new visitor): search.js, index.json, the shards of its
// terms, the metadata chunks of the results on the first page and their excerpt text.
//
// Usage: node scripts/search-query.mjs PUBLIC_DIR [options] QUERY [QUERY ...]
//   --queries FILE   one query per line (or a JSON array of strings or of {q, site, column, year, genre})
//   --site ID --column PATH --year YYYY --genre G   filters for every query
//   --page N         result page (default 1)
//   --no-range       act like a server that ignores range requests
//   --summary        print only medians and totals
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const pub = path.resolve(args.shift() || "");
if (!args.length && !fs.existsSync(path.join(pub, "search/index.json"))) {
  console.error("usage: node scripts/search-query.mjs PUBLIC_DIR [--queries FILE] [filters] QUERY ...");
  process.exit(2);
}
const opts = { page: 1, range: true, summary: false, filters: {} };
const queries = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--queries") {
    const text = fs.readFileSync(args[++i], "utf8");
    const list = text.trim().startsWith("[") ? JSON.parse(text) : text.split("\n").map((s) => s.trim()).filter(Boolean);
    for (const q of list) queries.push(typeof q === "string" ? { q } : q);
  } else if (["--site", "--column", "--year", "--genre"].includes(a)) opts.filters[a.slice(2)] = args[++i];
  else if (a === "--page") opts.page = +args[++i];
  else if (a === "--no-range") opts.range = false;
  else if (a === "--summary") opts.summary = true;
  else queries.push({ q: a });
}

const jsPath = fs.existsSync(path.join(pub, "static/js/search.js"))
  ? path.join(pub, "static/js/search.js")
  : path.join(here, "../themes/default/static/js/search.js");
const jsBytes = fs.statSync(jsPath).size;
vm.runInThisContext(fs.readFileSync(jsPath, "utf8"), { filename: jsPath });
const { Engine } = globalThis.ZQSearch;

function kind(rel) {
  if (rel.endsWith("index.json")) return "index";
  const m = rel.match(/\/v-[^/]+\/(\w)\//);
  return m ? { h: "heads", t: "tails", m: "metadata", x: "text", f: "filters" }[m[1]] : "other";
}

function makeFetch(log) {
  return async (url, init = {}) => {
    const rel = decodeURIComponent(new URL(url, "http://x").pathname).replace(/^\/+/, "");
    const file = path.join(pub, rel);
    if (!fs.existsSync(file)) {
      log.push({ rel, bytes: 0, status: 404 });
      return new Response("not found", { status: 404 });
    }
    const buf = fs.readFileSync(file);
    const range = init.headers && init.headers.Range;
    if (range && opts.range) {
      const [, a, b] = range.match(/bytes=(\d+)-(\d+)/);
      const part = buf.subarray(+a, Math.min(+b + 1, buf.length));
      log.push({ rel, bytes: part.length, status: 206 });
      return new Response(part, { status: 206, headers: { "content-length": String(part.length) } });
    }
    log.push({ rel, bytes: buf.length, status: 200 });
    return new Response(buf, { status: 200, headers: { "content-length": String(buf.length) } });
  };
}

async function one(query) {
  const log = [];
  const engine = new Engine("/search/", makeFetch(log));
  const filters = { ...opts.filters };
  for (const k of ["site", "column", "year", "genre"]) if (query[k]) filters[k] = String(query[k]);
  const t0 = performance.now();
  const res = await engine.search(query.q, filters, query.page || opts.page);
  const t1 = performance.now();
  const recs = await engine.records(res.ids);
  const t2 = performance.now();
  const texts = await Promise.all(recs.map((r) => engine.text(r)));
  const t3 = performance.now();
  const bytes = { "search.js": jsBytes };
  const files = {};
  for (const x of log) {
    const k = kind(x.rel);
    bytes[k] = (bytes[k] || 0) + x.bytes;
    files[k] = (files[k] || 0) + 1;
  }
  bytes.total = Object.values(bytes).reduce((s, v) => s + v, 0);
  return {
    q: query.q, filters, total: res.total, exact: res.exact, partial: res.partial,
    urls: recs.map((r) => r.url), titles: recs.slice(0, 3).map((r) => r.title),
    excerpts: texts.filter((t) => t !== null).length,
    bytes, files, ms: { search: +(t1 - t0).toFixed(1), records: +(t2 - t1).toFixed(1), texts: +(t3 - t2).toFixed(1), total: +(t3 - t0).toFixed(1) }
  };
}

const results = [];
for (const q of queries) results.push(await one(q));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};
const summary = {
  queries: results.length,
  median_bytes: median(results.map((r) => r.bytes.total)),
  max_bytes: Math.max(0, ...results.map((r) => r.bytes.total)),
  median_ms: median(results.map((r) => r.ms.total)),
  median_bytes_by_kind: Object.fromEntries(["search.js", "index", "heads", "tails", "metadata", "text", "filters"]
    .map((k) => [k, median(results.map((r) => r.bytes[k] || 0))])),
};
console.log(JSON.stringify(opts.summary ? summary : { summary, results }, null, 1));
