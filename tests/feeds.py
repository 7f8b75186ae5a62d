"""Reads feeds the way new-media tooling would, with Python's feedparser (Atom) and json
(JSON Feed 1.1), and prints one JSON summary per feed for tests/testsuite/feeds.rs to assert on.

Usage: python3 tests/feeds.py OUTPUT_DIR FEED_DIR...   (FEED_DIR relative to OUTPUT_DIR)
"""
import json
import os
import sys

import feedparser

out = sys.argv[1]
result = {}
for d in sys.argv[2:]:
    atom = feedparser.parse(os.path.join(out, d, "feed.xml"))
    with open(os.path.join(out, d, "feed.json"), encoding="utf-8") as f:
        jf = json.load(f)
    result[d] = {
        "bozo": int(atom.bozo),
        "bozo_exception": str(atom.get("bozo_exception", "")),
        "version": atom.version,
        "title": atom.feed.get("title"),
        "self": next((l.href for l in atom.feed.get("links", []) if l.rel == "self"), None),
        "entries": [
            {
                "title": e.title,
                "link": e.link,
                "id": e.id,
                "published": list(e.published_parsed[:6]) if e.get("published_parsed") else None,
                "summary": e.get("summary", ""),
                "content": e.content[0].value if e.get("content") else "",
                "tags": [t.term for t in e.get("tags", [])],
            }
            for e in atom.entries
        ],
        "json_version": jf.get("version"),
        "json_feed_url": jf.get("feed_url"),
        "json_items": [
            {k: i.get(k) for k in ("id", "url", "title", "date_published", "content_html", "summary")}
            for i in jf.get("items", [])
        ],
    }
print(json.dumps(result, ensure_ascii=False))
