// Segments strings with the theme's static/js/search.js, the code the browser runs on the
// query, and prints [{text, tokens}] per string as JSON: tests/testsuite/search.rs compares it with the
// Rust segmenter the index is built with.
// Usage: node segment.mjs SEARCH_JS STRINGS.json
import fs from "node:fs";
import vm from "node:vm";

const [js, file] = process.argv.slice(2);
vm.runInThisContext(fs.readFileSync(js, "utf8"), { filename: js });
const strings = JSON.parse(fs.readFileSync(file, "utf8"));
console.log(JSON.stringify(strings.map((s) => globalThis.ZQSearch.queryWords(s).map((w) => ({ text: w.text, tokens: w.tokens })))));
