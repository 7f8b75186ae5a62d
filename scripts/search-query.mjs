// Runs zhanqun searches in node with the theme's own static/js/search.js, reading the built
// output from disk as a static server with range requests would serve it, and prints one JSON
// object: per query the result URLs (best first), the bytes and files fetched by kind, and the
// time taken. Each query starts cold (a new visitor): search.js, index.json, the shards of its
// terms, the metadata chunks of the results on the first page and their excerpt text.
//
// Usage: node scripts/search-query.mjs PUBLIC_DIR [options] QUERY [QUERY ...]
//   --queries FILE   one query per line, a JSON array of strings or of {q, want, site, column, year,
//                    genre}, or scripts/search-queries.py output ({known: [...], pairs: [...]});
//                    with `want` (the URL of the one right answer) the summary gives recall@1 and @10
//   --set known|pairs  which list of a search-queries.py file (default: both)
//   --exhaustive     also rank with every tail fetched and report the overlap of the two top tens
//   --site ID --column PATH --year YYYY --genre G   filters for every query
//   --page N         result page (default 1)
//   --no-range       act like a server that ignores range requests
//   --summary        print only medians and totals
//   --js FILE        the search.js to run (default: PUBLIC_DIR/static/js/search.js, else the theme's)
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
const opts = { page: 1, range: true, summary: false, filters: {}, set: null, exhaustive: false };
const queries = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--queries") {
    const file = args[++i];
    queries.push({ file });
  } else if (a === "--set") opts.set = args[++i];
  else if (a === "--exhaustive") opts.exhaustive = true; else if (["--site", "--column", "--year", "--genre"].includes(a)) opts.filters[a.slice(2)] = args[++i];
  else if (a === "--page") opts.page = +args[++i];
  else if (a === "--no-range") opts.range = false;
  else if (a === "--summary") opts.summary = true;
  else if (a === "--js") opts.js = args[++i];
  else queries.push({ q: a });
}

for (let i = 0; i < queries.length; i++) {
  if (!queries[i].file) continue;
  const text = fs.readFileSync(queries[i].file, "utf8");
  let list;
  if (text.trim().startsWith("{")) {
    const d = JSON.parse(text);
    list = [...(opts.set !== "pairs" ? d.known : []), ...(opts.set !== "known" ? d.pairs : [])];
  } else if (text.trim().startsWith("[")) list = JSON.parse(text);
  else list = text.split("\n").map((s) => s.trim()).filter(Boolean);
  queries.splice(i, 1, ...list.map((q) => (typeof q === "string" ? { q } : q)));
  i += list.length - 1;
}

const jsPath = opts.js ? path.resolve(opts.js) : fs.existsSync(path.join(pub, "static/js/search.js"))
  ? path.join(pub, "static/js/search.js")
  : path.join(here, "../themes/default/static/js/search.js");
const jsBytes = fs.statSync(jsPath).size;
vm.runInThisContext(fs.readFileSync(jsPath, "utf8"), { filename: jsPath });
const { Engine } = globalThis.ZQSearch;

function kind(rel) {
  if (rel.endsWith("index.json")) return "index";
  if (rel.endsWith("tables.bin")) return "index";
  const m = rel.match(/search\/(?:v-[^/]+\/)?(\w)\//);
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
  const texts = await Promise.all(recs.map((r) => engine.text(r, res.words)));
  const t3 = performance.now();
  const bytes = { "search.js": jsBytes };
  const files = {};
  for (const x of log) {
    const k = kind(x.rel);
    bytes[k] = (bytes[k] || 0) + x.bytes;
    files[k] = (files[k] || 0) + 1;
  }
  bytes.total = Object.values(bytes).reduce((s, v) => s + v, 0);
  let overlap;
  if (opts.exhaustive) {
    const full = new Engine("/search/", makeFetch([]));
    full.exhaustive = true;
    const exact = await full.search(query.q, filters, query.page || opts.page);
    overlap = exact.ids.filter((id) => res.ids.includes(id)).length / Math.max(1, exact.ids.length);
  }
  const rank = query.want ? recs.findIndex((r) => r.url === query.want) + 1 : undefined;
  // A result holds every word when its stored text (title, metadata, body) contains each.
  const norm = (s) => [...s].map((c) => String.fromCodePoint(globalThis.ZQSearch.normalize(c.codePointAt(0)))).join("");
  const full = recs.map((r) => fs.readFileSync(path.join(pub, "search", engine.meta.dir, r.text.file)).subarray(r.text.off, r.text.off + r.text.len).toString("utf8"));
  const holds = full.map((t) => res.words.every((w) => norm(t).includes(w.text)));
  return {
    want: query.want, rank, kind: query.kind, overlap,
    q: query.q, filters, total: res.total, exact: res.exact, partial: res.partial,
    urls: recs.map((r) => r.url), titles: recs.slice(0, 3).map((r) => r.title),
    excerpts: texts.filter((t) => t !== null).length,
    holding_all_words: holds.filter((h) => h === true).length,
    bytes, files, ms: { search: +(t1 - t0).toFixed(1), records: +(t2 - t1).toFixed(1), texts: +(t3 - t2).toFixed(1), total: +(t3 - t0).toFixed(1) }
  };
}

const results = [];
for (const q of queries) results.push(await one(q));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};
const known = results.filter((r) => r.want);
const summary = {
  queries: results.length,
  ...(known.length ? {
    known: known.length,
    "recall@1": +(known.filter((r) => r.rank === 1).length / known.length).toFixed(3),
    "recall@10": +(known.filter((r) => r.rank >= 1).length / known.length).toFixed(3),
    missed: known.filter((r) => !(r.rank >= 1)).map((r) => ({ q: r.q, want: r.want, got: r.urls.slice(0, 3) })),
  } : {}),
  ...(opts.exhaustive ? { mean_overlap_with_exhaustive: +(results.reduce((s, r) => s + r.overlap, 0) / results.length).toFixed(3) } : {}),
  results_holding_all_words: +(results.reduce((s, r) => s + r.holding_all_words, 0) / Math.max(1, results.reduce((s, r) => s + r.urls.length, 0))).toFixed(3),
  median_bytes: median(results.map((r) => r.bytes.total)),
  max_bytes: Math.max(0, ...results.map((r) => r.bytes.total)),
  median_ms: median(results.map((r) => r.ms.total)),
  median_bytes_by_kind: Object.fromEntries(["search.js", "index", "heads", "tails", "metadata", "text", "filters"]
    .map((k) => [k, median(results.map((r) => r.bytes[k] || 0))])),
};
console.log(JSON.stringify(opts.summary ? summary : { summary, results }, null, 1));
