// zhanqun 统一检索: the query side of the cluster search. It segments the query exactly as
// the build segmented the pages (src/search/segment.rs; tests/search.rs feeds both the same
// strings), fetches only the index files its terms and its results need, ranks with the BM25F
// impacts computed at build time (each times its term's idf, computed here from the term's
// page count: src/search/score.rs), and renders the results page from its URL
// (/search/?q=…&site=…&column=…&year=…&genre=…&page=…).
// No eval, no inline script or handlers, no external requests: it runs under a strict
// Content-Security-Policy. Without this file the results page shows its <noscript> message.
(function (root) {
  "use strict";

  // ---------------------------------------------------------------- segmentation
  // Mirror of src/search/segment.rs: keep the two in step.
  var MAX_ASCII_LEN = 40;
  var DOC_OPEN = [0x3014, 0x5b, 0x3010, 0x28, 0xfe5d, 0x3016]; // 〔 [ 【 ( ﹝ 〖
  var DOC_CLOSE = [0x3015, 0x5d, 0x3011, 0x29, 0xfe5e, 0x3017]; // 〕 ] 】 ) ﹞ 〗
  var DOC_MAX_DIGITS = 6;
  var HAO = 0x53f7; // 号

  function lower(cp) {
    return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  }

  /** Normalises one code point: full-width ASCII to ASCII, ideographic space to space, A–Z to a–z. */
  function normalize(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) return lower(cp - 0xfee0);
    if (cp === 0x3000) return 0x20;
    return lower(cp);
  }

  function isCjk(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af);
  }

  function isDigit(cp) {
    return cp >= 0x30 && cp <= 0x39;
  }

  function isWord(cp) {
    return isDigit(cp) || (cp >= 0x61 && cp <= 0x7a);
  }

  function str(cps) {
    var s = "";
    for (var i = 0; i < cps.length; i++) s += String.fromCodePoint(cps[i]);
    return s;
  }

  function normalized(text) {
    var out = [];
    for (var ch of text) out.push(normalize(ch.codePointAt(0)));
    return out;
  }

  // Matches 〔2024〕12号 at i: {year, number (no leading zeros), end} or null.
  function docNumberAt(c, i) {
    if (i + 5 >= c.length) return null;
    for (var k = i + 1; k < i + 5; k++) if (!isDigit(c[k])) return null;
    if (DOC_CLOSE.indexOf(c[i + 5]) < 0) return null;
    var start = i + 6, end = start;
    while (end < c.length && isDigit(c[end]) && end - start < DOC_MAX_DIGITS) end++;
    if (end === start || c[end] !== HAO) return null;
    var first = start;
    while (first + 1 < end && c[first] === 0x30) first++;
    return { year: c.slice(i + 1, i + 5), number: c.slice(first, end), end: end + 1 };
  }

  function docNumberToken(year, number) {
    return "\u3014" + str(year) + "\u3015" + str(number) + "\u53f7";
  }

  // Calls f(kind, codepoints[, number]) for each piece: "cjk", "ascii" or "doc".
  function scan(c, f) {
    var i = 0;
    while (i < c.length) {
      var cp = c[i], start;
      var doc = DOC_OPEN.indexOf(cp) >= 0 ? docNumberAt(c, i) : null;
      if (doc) {
        f("doc", doc.year, doc.number);
        i = doc.end;
      } else if (isCjk(cp)) {
        start = i;
        while (i < c.length && isCjk(c[i])) i++;
        f("cjk", c.slice(start, i));
      } else if (isWord(cp)) {
        start = i;
        while (i < c.length && isWord(c[i])) i++;
        f("ascii", c.slice(start, Math.min(i, start + MAX_ASCII_LEN)));
      } else {
        i++;
      }
    }
  }

  /** The words of a query, each with the tokens it is looked up by (see segment.rs). */
  function queryWords(query) {
    var words = [];
    scan(normalized(query), function (kind, cps, number) {
      var w;
      if (kind === "cjk" && cps.length === 1) {
        w = { text: str(cps), tokens: [str(cps)] };
      } else if (kind === "cjk") {
        var tokens = [];
        for (var k = 0; k + 1 < cps.length; k++) {
          var t = str(cps.slice(k, k + 2));
          if (tokens.indexOf(t) < 0) tokens.push(t);
        }
        w = { text: str(cps), tokens: tokens };
      } else if (kind === "ascii") {
        w = { text: str(cps), tokens: [str(cps)] };
      } else {
        var d = docNumberToken(cps, number);
        w = { text: d, tokens: [d] };
      }
      for (var j = 0; j < words.length; j++) if (words[j].text === w.text) return;
      words.push(w);
    });
    return words;
  }

  /** Every distinct token of a query, in order. */
  function queryTokens(query) {
    var out = [];
    queryWords(query).forEach(function (w) {
      w.tokens.forEach(function (t) { if (out.indexOf(t) < 0) out.push(t); });
    });
    return out;
  }

  // ---------------------------------------------------------------- bytes
  var utf8 = new TextEncoder();
  var utf8d = new TextDecoder();

  function fnv1a32(bytes) {
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function Reader(buf) {
    this.buf = buf;
    this.pos = 0;
  }
  Reader.prototype.varint = function () {
    var v = 0, mul = 1, b;
    do {
      b = this.buf[this.pos++];
      if (b === undefined) throw new Error("truncated search file");
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    return v;
  };

  // Postings as written by encode_postings: count id gaps, then count impact bytes.
  function decodePostings(buf, count) {
    var r = new Reader(buf), ids = new Uint32Array(count), doc = 0;
    for (var i = 0; i < count; i++) {
      doc += r.varint();
      ids[i] = doc;
    }
    return { ids: ids, impacts: buf.subarray(r.pos, r.pos + count) };
  }

  function gunzip(response) {
    if (!response.ok) throw new Error("HTTP " + response.status + " for " + response.url);
    var stream = response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /** Gunzipped `bytes` (a gzipped presence read from a tail). */
  function gunzipBytes(bytes) {
    return gunzip(new Response(bytes));
  }

  // ---------------------------------------------------------------- engine
  var PER_PAGE = 10;
  // Share of a tail's largest impact assumed for a page known to hold a term whose exact
  // impact was not fetched.
  var UNKNOWN_SHARE = 0.5;
  // A tail this small is read whole (presence and impacts) rather than its presence only.
  var SMALL_TAIL = 4 * 1024;
  // Whole tails read to make scores exact, smallest first, up to this many bytes.
  var TAIL_BUDGET = 24 * 1024;
  // Largest file read whole when the server ignores range requests.
  var WHOLE_FILE_MAX = 2 * 1024 * 1024;
  var MAX_TOKENS = 32;

  /**
   * The search index under `dir` (…/search/), read with `fetchFn` (window.fetch by default).
   */
  function Engine(dir, fetchFn) {
    this.dir = dir;
    this.fetchFn = fetchFn || root.fetch.bind(root);
    this.files = {};
    this.rangeProbe = null;
    this.rangeOk = null;
  }

  Engine.prototype.url = function (path) {
    return this.dir + this.meta.dir + path;
  };

  Engine.prototype.once = function (key, make) {
    if (!this.files[key]) {
      var self = this;
      this.files[key] = make().catch(function (e) { delete self.files[key]; throw e; });
    }
    return this.files[key];
  };

  /** index.json: the format, the versioned directory, shard count and impact scale. */
  Engine.prototype.index = function () {
    var self = this;
    return this.once("index.json", function () {
      return self.fetchFn(self.dir + "index.json", { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " for index.json");
        return r.json();
      }).then(function (meta) {
        if (meta.format !== 5) throw new Error("search index format " + meta.format + " is not supported");
        self.meta = meta;
        var lo = meta.impact[0], hi = meta.impact[1], lut = new Float64Array(256);
        for (var q = 1; q < 256; q++) lut[q] = lo * Math.pow(hi / lo, (q - 1) / 254);
        self.lut = lut;
        self.tables();
        return meta;
      });
    });
  };

  /** tables.bin: sites (with their page-id ranges), columns, years and genres. */
  Engine.prototype.tables = function () {
    var self = this;
    return this.once("tables", function () {
      return self.fetchFn(self.url("tables.bin")).then(gunzip).then(function (b) { return JSON.parse(utf8d.decode(b)); });
    });
  };

  Engine.prototype.shard = function (n) {
    var self = this;
    return this.once("h" + n, function () {
      return self.fetchFn(self.url("h/" + n + ".bin")).then(gunzip).then(function (buf) {
        var r = new Reader(buf), terms = new Map(), count = r.varint();
        for (var i = 0; i < count; i++) {
          var len = r.varint(), term = utf8d.decode(buf.subarray(r.pos, r.pos + len));
          r.pos += len;
          var e = { term: term, df: r.varint(), headCount: r.varint() };
          e.tailMax = buf[r.pos++];
          var headLen = r.varint();
          e.tailCount = r.varint();
          if (e.tailCount > 0) {
            e.tail = { file: r.varint(), off: r.varint() };
            var p = r.varint();
            e.tail.presence = Math.floor(p / 4);
            e.tail.packed = (p & 2) === 2;
            e.tail.bitmap = (p & 1) === 1;
            e.tail.impacts = r.varint();
          }
          e.headBuf = buf.subarray(r.pos, r.pos + headLen);
          r.pos += headLen;
          terms.set(term, e);
        }
        return terms;
      });
    });
  };

  /** The entry of one token, or null when no page holds it. */
  Engine.prototype.term = function (token) {
    var n = fnv1a32(utf8.encode(token)) % this.meta.shards;
    return this.shard(n).then(function (terms) { return terms.get(token) || null; });
  };

  // Reads bytes [off, off+len) of a file of the index with a range request; when the server
  // ignores ranges, reads small files whole once (and large ones not at all: null).
  Engine.prototype.range = function (path, off, len) {
    var self = this;
    if (this.rangeOk === false) return this.whole(path).then(function (b) { return b && b.subarray(off, off + len); });
    if (this.rangeProbe && this.rangeOk === null) {
      return this.rangeProbe.then(function () { return self.range(path, off, len); });
    }
    var p = this.fetchFn(this.url(path), { headers: { Range: "bytes=" + off + "-" + (off + len - 1) } }).then(function (r) {
      if (r.status === 206) {
        self.rangeOk = true;
        return r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      }
      if (!r.ok) throw new Error("HTTP " + r.status + " for " + path);
      self.rangeOk = false;
      var whole = self.keepWhole(path, r);
      return whole.then(function (b) { return b && b.subarray(off, off + len); });
    });
    if (!this.rangeProbe) this.rangeProbe = p.then(function () {}, function () {});
    return p;
  };

  Engine.prototype.keepWhole = function (path, response) {
    var size = +response.headers.get("content-length");
    var p;
    if (size && size <= WHOLE_FILE_MAX) {
      p = response.arrayBuffer().then(function (b) { return new Uint8Array(b); });
    } else {
      if (response.body && response.body.cancel) response.body.cancel();
      p = Promise.resolve(null);
    }
    this.files["whole:" + path] = p;
    return p;
  };

  Engine.prototype.whole = function (path) {
    var self = this;
    return this.once("whole:" + path, function () {
      return self.fetchFn(self.url(path)).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + path);
        delete self.files["whole:" + path];
        return self.keepWhole(path, r);
      });
    });
  };

  // The tail of a term: its page ids and, when `impacts` is asked for and stored, their
  // impact bytes; null when it cannot be read.
  Engine.prototype.tail = function (e, impacts) {
    var self = this, t = e.tail, pages = this.meta.pages;
    var full = impacts && t.impacts > 0;
    var key = (full ? "tail:" : "presence:") + e.term;
    if (!full && this.files["tail:" + e.term]) return this.files["tail:" + e.term];
    return this.once(key, function () {
      var len = t.presence + (full ? t.impacts : 0);
      return self.range("t/" + t.file + ".bin", t.off, len).then(function (buf) {
        if (!buf) return null;
        var stored = buf.subarray(0, t.presence);
        return (t.packed ? gunzipBytes(stored) : Promise.resolve(stored)).then(function (presence) {
          var ids = new Uint32Array(e.tailCount), n = 0;
          if (t.bitmap) {
            for (var i = 0; i < presence.length && n < ids.length; i++) {
              var b = presence[i];
              for (var bit = 0; b && bit < 8; bit++, b >>= 1) if (b & 1) ids[n++] = i * 8 + bit;
            }
          } else {
            var r = new Reader(presence), doc = 0;
            for (; n < ids.length; n++) { doc += r.varint(); ids[n] = doc; }
          }
          if (n !== ids.length || ids[n - 1] >= pages) throw new Error("damaged tail of " + e.term);
          return { ids: ids, impacts: full ? buf.subarray(t.presence, t.presence + e.tailCount) : null };
        });
      });
    });
  };

  // Sorted, merged [start, end) page-id ranges that pass every filter, or null for none.
  Engine.prototype.filterRanges = function (f) {
    var self = this;
    if (!f.site && !f.column && !f.year && !f.genre) return Promise.resolve(null);
    return this.tables().then(function (tables) {
      var lists = [];
      var facet = function (name) {
        return self.once("f:" + name, function () {
          return self.fetchFn(self.url("f/" + name + ".json")).then(function (r) {
            if (!r.ok) throw new Error("HTTP " + r.status + " for filter " + name);
            return r.json();
          }).then(function (flat) {
            var out = [], at = 0;
            for (var i = 0; i + 1 < flat.length; i += 2) {
              at += flat[i];
              out.push([at, at + flat[i + 1]]);
              at += flat[i + 1];
            }
            return out;
          });
        });
      };
      if (f.site) {
        var s = tables.sites.filter(function (x) { return x[0] === f.site; })[0];
        lists.push(Promise.resolve(s ? [[s[3], s[4]]] : []));
      }
      if (f.column) {
        var c = tables.columns.findIndex(function (x) { return x[0] === f.column; });
        lists.push(c < 0 ? Promise.resolve([]) : facet("c" + c));
      }
      if (f.year) lists.push(tables.years.indexOf(+f.year) < 0 ? Promise.resolve([]) : facet("y" + f.year));
      if (f.genre) {
        var g = tables.genres.indexOf(f.genre);
        lists.push(g < 0 ? Promise.resolve([]) : facet("g" + g));
      }
      return Promise.all(lists).then(function (all) { return all.reduce(intersect); });
    });
  };

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var lo = Math.max(a[i][0], b[j][0]), hi = Math.min(a[i][1], b[j][1]);
      if (lo < hi) out.push([lo, hi]);
      if (a[i][1] < b[j][1]) i++; else j++;
    }
    return out;
  }

  function inRanges(ranges, id) {
    var lo = 0, hi = ranges.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (id < ranges[mid][0]) hi = mid - 1;
      else if (id >= ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /**
   * Runs a query. `filters` = {site, column, year, genre}; `page` is 1-based. Resolves to
   * {words, ids (the page's page ids, best first), total, exact, partial}: `exact` when the
   * ranking and the count are exact, `partial` when no page holds every word and the results
   * hold some of them.
   */
  /**
   * `query` with its Traditional characters turned into Simplified ones, the script the index
   * holds: reads only the table shards (t2s/<cp >> 9 in hex>.txt, pairs "繁简繁简…") of the
   * query's CJK characters. A missing shard has nothing to convert.
   */
  Engine.prototype.simplified = function (query) {
    var self = this, names = {};
    for (var ch of query) {
      var cp = ch.codePointAt(0);
      if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff)) names["t2s/" + (cp >> 9).toString(16) + ".txt"] = 1;
    }
    return Promise.all(Object.keys(names).map(function (n) {
      return self.once(n, function () {
        return self.fetchFn(self.url(n)).then(function (r) { return r.ok ? r.text() : ""; });
      }).catch(function () { return ""; });
    })).then(function (texts) {
      var map = {};
      texts.forEach(function (t) {
        var cps = Array.from(t);
        for (var i = 0; i + 1 < cps.length; i += 2) map[cps[i]] = cps[i + 1];
      });
      return Array.from(query).map(function (c) { return map[c] || c; }).join("");
    });
  };

  Engine.prototype.search = function (query, filters, page) {
    var self = this;
    page = Math.max(1, page | 0);
    var words;
    return this.index().then(function () { return self.simplified(query); }).then(function (q) {
      words = queryWords(q);
      var tokens = [];
      words.forEach(function (w) {
        w.idx = w.tokens.map(function (t) {
          var k = tokens.indexOf(t);
          if (k < 0) { k = tokens.length; tokens.push(t); }
          return k;
        });
      });
      tokens = tokens.slice(0, MAX_TOKENS);
      words = words.filter(function (w) { return w.idx.every(function (k) { return k < MAX_TOKENS; }); });
      if (!tokens.length) return { words: words, ids: [], total: 0, exact: true };
      return Promise.all([Promise.all(tokens.map(function (t) { return self.term(t); })), self.filterRanges(filters || {})])
        .then(function (got) {
          var st = { words: words, entries: got[0], ranges: got[1], tails: [] };
          return self.fetchTails(st, page).then(function () { return self.finish(st, self.score(st), page); });
        });
    });
  };

  // Reads what the heads leave open, in one round: for every word no complete term answers,
  // the presence of its cheapest term — so that which pages hold every word is exact — and,
  // smallest first within TAIL_BUDGET, whole tails, so that more scores are exact. A later
  // result page (or `exhaustive`) reads every tail whole.
  Engine.prototype.fetchTails = function (st, page) {
    var self = this, entries = st.entries, plan = {};
    var open = function (k) { return entries[k] && entries[k].headCount < entries[k].df && entries[k].tail; };
    if (this.exhaustive || page > 1) {
      entries.forEach(function (e, k) { if (open(k)) plan[k] = true; });
    } else {
      st.words.forEach(function (w) {
        if (w.idx.some(function (k) { return !open(k); })) return;
        // The term with the fewest pages: its presence is the closest to the word's.
        var best = w.idx.reduce(function (a, k) { return entries[k].df < entries[a].df ? k : a; }, w.idx[0]);
        var t = entries[best].tail;
        plan[best] = t.presence + t.impacts <= SMALL_TAIL;
      });
      var spent = 0;
      entries.map(function (e, k) { return k; }).filter(open)
        .sort(function (a, b) { return entries[a].tail.presence + entries[a].tail.impacts - entries[b].tail.presence - entries[b].tail.impacts || a - b; })
        .forEach(function (k) {
          var t = entries[k].tail;
          spent += t.presence + t.impacts;
          if (spent <= TAIL_BUDGET) plan[k] = true;
        });
    }
    var ks = Object.keys(plan).map(Number);
    return Promise.all(ks.map(function (k) {
      return self.tail(entries[k], plan[k]).catch(function () { return null; });
    })).then(function (tails) {
      ks.forEach(function (k, n) { if (tails[n]) st.tails[k] = tails[n]; });
    });
  };

  // Inverse document frequency of a term found in `df` of `pages` pages (Corpus::idf in
  // src/search/score.rs): the stored impacts leave it out.
  function idf(pages, df) {
    return Math.log(1 + (pages - df + 0.5) / (df + 0.5));
  }

  // Scores the pages that can hold every word. A term is *closed* when the pages holding it
  // are all known (its head is complete, or its tail's presence was read) and *exact* when
  // their impacts are too. The candidates are the pages of the closed words (intersected),
  // or, when no word is closed, the pages of the heads. A page known to hold a term whose
  // impact is not known gets UNKNOWN_SHARE of the tail's largest impact; a page that may or
  // may not hold it (no presence read) gets the same and is marked as a guess.
  Engine.prototype.score = function (st) {
    var lut = this.lut, pages = this.meta.pages, entries = st.entries, n = entries.length;
    var known = new Map(), exact = [], present = [], members = [], guess = new Float64Array(n);
    entries.forEach(function (e, k) {
      if (!e) { exact[k] = true; present[k] = new Uint8Array(0); members[k] = []; return; }
      if (!e.head) e.head = decodePostings(e.headBuf, e.headCount);
      var t = st.tails[k], w = idf(pages, e.df);
      var add = function (ids, impacts) {
        for (var i = 0; i < ids.length; i++) {
          var d = known.get(ids[i]);
          if (!d) { d = { s: 0, mask: 0 }; known.set(ids[i], d); }
          d.s += w * lut[impacts[i]];
          d.mask |= 1 << k;
        }
      };
      add(e.head.ids, e.head.impacts);
      exact[k] = e.headCount >= e.df || !!(t && t.impacts);
      if (t && t.impacts) add(t.ids, t.impacts);
      guess[k] = exact[k] ? 0 : UNKNOWN_SHARE * w * lut[e.tailMax];
      if (e.headCount >= e.df || t) {
        var bits = new Uint8Array(pages);
        var list = Array.from(e.head.ids);
        e.head.ids.forEach(function (id) { bits[id] = 1; });
        if (t) t.ids.forEach(function (id) { bits[id] = 1; list.push(id); });
        present[k] = bits;
        members[k] = list;
      }
    });
    // Candidates: the pages of the closed word with the fewest pages that every other closed
    // word holds too; else every page of any head.
    var closed = st.words.map(function (w) {
      var ks = w.idx.filter(function (k) { return present[k]; });
      return ks.length ? ks : null;
    });
    var smallest = -1;
    closed.forEach(function (ks, i) {
      if (ks && (smallest < 0 || members[ks[0]].length < members[closed[smallest][0]].length)) smallest = i;
    });
    var candidates;
    if (smallest >= 0) {
      candidates = members[closed[smallest][0]].filter(function (id) {
        return closed.every(function (ks) { return !ks || ks.every(function (k) { return present[k][id]; }); });
      });
    } else {
      candidates = Array.from(known.keys());
    }
    var ranges = st.ranges, all = [], zero = { s: 0, mask: 0 }, certain = true;
    // A word is confirmed on a page when one of its closed terms is there; its other terms are
    // then assumed there too (bigrams of one word travel together). A word with no closed
    // term is a guess.
    var rate = function (id, keepPartial) {
      var d = known.get(id) || zero, est = d.s, matched = 0, full = true, guessed = false;
      st.words.forEach(function (w, i) {
        var ok = true;
        w.idx.forEach(function (k) {
          if (d.mask & (1 << k)) return;
          if (exact[k] || (present[k] && !present[k][id])) { ok = false; return; }
          est += guess[k];
        });
        if (ok && !closed[i]) guessed = true;
        if (ok) matched++; else full = false;
      });
      if (!full && !keepPartial) return null;
      return { id: id, est: est, matched: matched, guessed: guessed, full: full };
    };
    candidates.forEach(function (id) {
      if (ranges && !inRanges(ranges, id)) return;
      var r = rate(id, false);
      if (r) all.push(r);
    });
    var partial = false;
    if (!all.length) {
      // No page holds every word: rank the pages of the heads by how many words they hold.
      partial = true;
      known.forEach(function (d, id) {
        if (ranges && !inRanges(ranges, id)) return;
        var r = rate(id, true);
        if (r && r.matched) all.push(r);
      });
    }
    all.sort(function (a, b) {
      return (partial ? b.matched - a.matched : 0) || (a.guessed - b.guessed) || b.est - a.est || a.id - b.id;
    });
    entries.forEach(function (e, k) { if (!exact[k]) certain = false; });
    var closedAll = closed.every(Boolean);
    return { ranked: all, exact: certain, counted: closedAll && !partial, partial: partial };
  };

  Engine.prototype.finish = function (st, res, page) {
    var start = (page - 1) * PER_PAGE, total = res.ranked.length;
    if (!res.counted && !res.partial) {
      // Pages not fetched may hold every word too: estimate as if the words were independent.
      var n = this.meta.pages, est = n;
      st.words.forEach(function (w) {
        var df = n;
        w.idx.forEach(function (k) { if (st.entries[k]) df = Math.min(df, st.entries[k].df); });
        est *= df / Math.max(1, n);
      });
      total = Math.max(total, Math.round(est));
    }
    return {
      words: st.words,
      ids: res.ranked.slice(start, start + PER_PAGE).map(function (d) { return d.id; }),
      total: total,
      exact: res.counted,
      ranking: res.exact ? "exact" : "estimated",
      partial: res.partial
    };
  };

  function isoDay(days) {
    return new Date(days * 86400000).toISOString().slice(0, 10);
  }

  /** Result metadata of page ids: [{id, url, title, date, site, column, genre, docNo, text}] */
  Engine.prototype.records = function (ids) {
    var self = this, meta = this.meta;
    return this.tables().then(function (tables) {
      return Promise.all(ids.map(function (id) {
        // The chunk holding the page: the last to start at or before it.
        var lo = 0, hi = meta.starts.length - 1;
        while (lo < hi) {
          var mid = (lo + hi + 1) >> 1;
          if (meta.starts[mid] <= id) lo = mid; else hi = mid - 1;
        }
        var c = lo;
        return self.once("m" + c, function () {
          return self.fetchFn(self.url("m/" + c + ".bin")).then(gunzip).then(function (b) { return JSON.parse(utf8d.decode(b)); });
        }).then(function (ch) {
          var i = id - meta.starts[c], day = 0, off = ch.x[1];
          for (var k = 0; k <= i; k++) day += ch.d[k];
          for (k = 0; k < i; k++) off += ch.l[k];
          var site = tables.sites[ch.s[i]] || ["", "", "/"], col = tables.columns[ch.c[i]] || ["", ""];
          var u = ch.u[i];
          var url = u.charAt(0) === "/" ? u : site[2] + col[0] + "/" + (u ? u + "/" : "");
          return {
            id: id, url: url, title: ch.t[i], date: isoDay(day), site: site[1], siteId: site[0],
            column: col[1].split(" › ").pop(), genre: ch.g[i] >= 0 ? tables.genres[ch.g[i]] : "",
            docNo: ch.n[i], text: { file: "x/" + ch.x[0] + ".bin", off: off, len: ch.l[i] }
          };
        });
      }));
    });
  };

  // Bytes of a page's text read first: the title, the metadata and the start of the body,
  // where a query word usually is; the rest only when it is not.
  var TEXT_FIRST = 1024;

  /**
   * The stored text of a record (title, metadata, body on their own lines) — enough of it to
   * hold one of `words` when it can — or null when it cannot be read.
   */
  Engine.prototype.text = function (rec, words) {
    var self = this, t = rec.text;
    var first = Math.min(t.len, TEXT_FIRST);
    var decode = function (b) { return utf8d.decode(b).replace(/\uFFFD+$/, ""); };
    return this.range(t.file, t.off, first).then(function (b) {
      if (!b) return null;
      var text = decode(b);
      var body = text.slice(text.indexOf("\n") + 1);
      if (first >= t.len || (words && matches(body, words).length)) return text;
      return self.range(t.file, t.off, t.len).then(function (all) { return all ? decode(all) : text; });
    }).catch(function () { return null; });
  };

  // ---------------------------------------------------------------- excerpts
  function normText(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      out += c >= 0xd800 && c <= 0xdfff ? s[i] : String.fromCharCode(normalize(c));
    }
    return out;
  }

  /** Where the query words occur in `text`: sorted, non-overlapping [start, end) pairs. */
  function matches(text, words) {
    var norm = normText(text), spans = [];
    words.forEach(function (w) {
      if (!w.text) return;
      for (var at = norm.indexOf(w.text); at >= 0; at = norm.indexOf(w.text, at + w.text.length)) {
        spans.push([at, at + w.text.length, w.text]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    spans.forEach(function (s) { if (!out.length || s[0] >= out[out.length - 1][1]) out.push(s); });
    return out;
  }

  /** A window of about `size` characters of `text` holding the most distinct query words. */
  function excerpt(text, words, size) {
    size = size || 110;
    var spans = matches(text, words);
    var best = 0, bestCount = -1;
    for (var i = 0; i < spans.length; i++) {
      var seen = {};
      for (var j = i; j < spans.length && spans[j][1] - spans[i][0] <= size; j++) seen[spans[j][2]] = 1;
      var n = Object.keys(seen).length;
      if (n > bestCount) { bestCount = n; best = spans[i][0]; }
    }
    var start = Math.max(0, best - Math.floor(size / 5));
    var lineStart = text.lastIndexOf("\n", best);
    if (lineStart >= start) start = lineStart + 1;
    var end = Math.min(text.length, start + size);
    return { text: text.slice(start, end).replace(/\s+/g, " "), before: start > 0, after: end < text.length };
  }

  // ---------------------------------------------------------------- page
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // Appends `text` to `parent` with the query words in <mark>.
  function highlight(parent, text, words) {
    var at = 0;
    matches(text, words).forEach(function (m) {
      if (m[0] > at) parent.appendChild(document.createTextNode(text.slice(at, m[0])));
      parent.appendChild(el("mark", null, text.slice(m[0], m[1])));
      at = m[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function pageUrl(params, page) {
    var p = new URLSearchParams();
    ["q", "site", "column", "year", "genre"].forEach(function (k) { if (params[k]) p.set(k, params[k]); });
    if (page > 1) p.set("page", String(page));
    return "?" + p.toString();
  }

  function resultItem(rec, words, base) {
    var li = el("li");
    var a = el("a");
    a.href = base + rec.url.replace(/^\//, "");
    highlight(a, rec.title, words);
    li.appendChild(a);
    var meta = el("p", "search-meta");
    meta.appendChild(el("span", "search-site", rec.site));
    if (rec.column) meta.appendChild(el("span", "search-column", rec.column));
    if (rec.docNo) meta.appendChild(el("span", "search-docno", rec.docNo));
    if (rec.genre) meta.appendChild(el("span", "search-genre", rec.genre));
    var time = el("time", null, rec.date);
    time.setAttribute("datetime", rec.date);
    meta.appendChild(time);
    li.appendChild(meta);
    return li;
  }

  function addExcerpt(li, text, words) {
    // Everything but the title line: the metadata (文号, 索引号) and the body.
    var body = text.slice(text.indexOf("\n") + 1).replace(/^\n/, "");
    if (!body) return;
    var ex = excerpt(body, words);
    var p = el("p", "search-excerpt");
    if (ex.before) p.appendChild(document.createTextNode("…"));
    highlight(p, ex.text, words);
    if (ex.after) p.appendChild(document.createTextNode("…"));
    li.appendChild(p);
  }

  function run() {
    var list = document.getElementById("search-results");
    var form = document.getElementById("search-form");
    if (!list || !form) return;
    var status = document.getElementById("search-status");
    var pager = document.getElementById("search-pager");
    var action = form.getAttribute("action") || "/search/";
    var base = action.replace(/search\/?$/, "");
    // The 繁體 view (…/zh-hant/search/) links its results into the view but reads the one index.
    var dataBase = base.replace(/zh-hant\/$/, "");
    var url = new URLSearchParams(root.location.search);
    var params = {};
    ["q", "site", "column", "year", "genre"].forEach(function (k) {
      params[k] = (url.get(k) || "").trim();
      var field = form.elements[k];
      if (!field) return;
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === params[k]; });
        if (!known) params[k] = "";
      }
      field.value = params[k];
    });
    var page = Math.max(1, parseInt(url.get("page"), 10) || 1);
    if (!params.q) {
      status.textContent = "请输入关键词，可用空格分隔多个词，可按站点、栏目、年份、体裁筛选。";
      return;
    }
    document.title = "“" + params.q + "”的搜索结果 - " + document.title;
    status.textContent = "正在搜索……";
    // aria-busy while the list fills: screen readers wait, and so can tests.
    list.setAttribute("aria-busy", "true");
    var done = function () { list.setAttribute("aria-busy", "false"); };
    var engine = new Engine(dataBase + "search/");
    engine.search(params.q, params, page).then(function (res) {
      if (!res.ids.length) {
        status.textContent = page > 1 ? "没有更多结果了。" : "没有找到与“" + params.q + "”相关的结果，请换用其他关键词或减少筛选条件。";
        return null;
      }
      var count = res.exact ? "共找到 " + res.total + " 条结果" : "找到约 " + res.total + " 条结果";
      return engine.records(res.ids).then(function (recs) {
        var items = recs.map(function (rec) {
          var li = resultItem(rec, res.words, base);
          list.appendChild(li);
          return li;
        });
        if (page > 1) list.setAttribute("start", String((page - 1) * PER_PAGE + 1));
        renderPager(pager, params, page, res);
        status.textContent = (res.partial ? "没有同时包含全部关键词的结果，以下结果包含部分关键词。" : "") + count +
          "，第 " + page + " 页。";
        return Promise.all(recs.map(function (rec, i) {
          return engine.text(rec, res.words).then(function (text) { if (text) addExcerpt(items[i], text, res.words); });
        }));
      });
    }).catch(function (e) {
      status.textContent = "搜索暂时不可用，请稍后重试。（" + (e && e.message ? e.message : e) + "）";
    }).then(done, done);
  }

  function renderPager(nav, params, page, res) {
    var pages = Math.ceil(res.total / PER_PAGE);
    if (pages <= 1 && page === 1) return;
    var link = function (n, text, rel) {
      var a = el("a", null, text);
      a.href = pageUrl(params, n);
      if (rel) a.rel = rel;
      if (n === page) a.setAttribute("aria-current", "page");
      nav.appendChild(a);
    };
    if (page > 1) link(page - 1, "上一页", "prev");
    var lo = Math.max(1, page - 4), hi = Math.min(Math.max(pages, page), lo + 8);
    for (var n = lo; n <= hi; n++) link(n, String(n));
    if (page < pages) link(page + 1, "下一页", "next");
    nav.hidden = false;
  }

  root.ZQSearch = {
    normalize: normalize,
    isCjk: isCjk,
    queryWords: queryWords,
    queryTokens: queryTokens,
    fnv1a32: fnv1a32,
    excerpt: excerpt,
    matches: matches,
    Engine: Engine,
    PER_PAGE: PER_PAGE
  };
  if (root.document) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }
})(typeof window !== "undefined" ? window : globalThis);
