#!/usr/bin/env python3
"""Query sets for benchmarking zhanqun's search on a gen_corpus.py corpus (zhanqun format).

Prints JSON with two lists:
  known  – known-item queries with exactly one right answer each, for recall@10:
           a unique full title, a unique title reduced to its words (其 “关于”, “的”, quotes and
           book-title marks dropped, still matching one title only), a 文号, a 索引号;
  pairs  – two-word Chinese queries ("营商环境 乡村振兴", two different words of the
           generator's vocabulary), for bytes per query.
Standard library only; the same corpus and seed give the same queries.

  scripts/search-queries.py /tmp/zq-bench/corpus-100x1000-s1-zhanqun --n 200 --pairs 50 > queries.json
"""
import argparse, json, os, random, re, sys
from collections import Counter
from pathlib import Path


def pages(corpus):
    """(url, title, doc_number, index_no) of every page, in a stable order."""
    site_path = {}
    for f in sorted((corpus / "sites").glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        m = re.search(r'^path:\s*"?([^"\n]+)"?', text, re.M)
        site_path[f.stem] = m.group(1) if m else f"/{f.stem}/"
    out = []
    content = corpus / "content"
    for site in sorted(os.listdir(content)):
        for dirpath, dirs, files in os.walk(content / site):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(".md"):
                    continue
                path = Path(dirpath) / name
                head = path.read_text(encoding="utf-8").split("---", 2)[1]
                field = lambda k: (re.search(rf'^{k}:\s*"?(.*?)"?\s*$', head, re.M) or [None, None])[1]
                col = str(Path(dirpath).relative_to(content / site)).replace(os.sep, "/")
                slug = name[:-3]
                url = f"{site_path.get(site, '/')}{col}/" + ("" if slug == "index" else f"{slug}/")
                out.append((url, field("title"), field("doc_number"), field("index_no")))
    return out


def words_of(title):
    """A title reduced to words: function words and punctuation become spaces."""
    t = re.sub(r"[《》“”〈〉（）()、，]", " ", title)
    t = re.sub(r"关于|的(?=[通意决报办公])", " ", t)
    return " ".join(w for w in t.split() if w)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--n", type=int, default=200, help="known-item queries")
    ap.add_argument("--pairs", type=int, default=50, help="two-word queries")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared/bench",
                    help="directory holding gen_corpus.py (for its vocabulary)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    all_pages = pages(a.corpus)
    titles = Counter(p[1] for p in all_pages)
    docnos = Counter(p[2] for p in all_pages if p[2])
    unique = [p for p in all_pages if titles[p[1]] == 1]
    disclosed = [p for p in all_pages if p[2] and docnos[p[2]] == 1]
    known = []
    quotas = [("title", 0.4), ("title-words", 0.25), ("doc-number", 0.2), ("index-number", 0.15)]
    for kind, share in quotas:
        want = round(a.n * share)
        pool = unique if kind.startswith("title") else disclosed
        tries = 0
        while want > 0 and tries < 50 * a.n:
            tries += 1
            url, title, docno, index_no = rng.choice(pool)
            if kind == "title":
                q = title
            elif kind == "title-words":
                q = words_of(title)
                parts = q.split()
                if len(parts) < 2 or sum(all(w in t for w in parts) for t in titles) != 1:
                    continue
            elif kind == "doc-number":
                q = docno
            else:
                q = index_no
            if any(k["q"] == q for k in known):
                continue
            known.append({"q": q, "want": url, "kind": kind})
            want -= 1
    sys.path.insert(0, str(a.shared))
    from gen_corpus import TERMS  # noqa: E402 (the generator's own vocabulary)
    pairs = []
    while len(pairs) < a.pairs:
        x, y = rng.sample(TERMS, 2)
        q = f"{x} {y}"
        if q not in pairs:
            pairs.append(q)
    json.dump({"corpus": str(a.corpus), "seed": a.seed, "known": known, "pairs": [{"q": q} for q in pairs]},
              sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
