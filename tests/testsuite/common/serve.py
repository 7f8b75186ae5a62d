#!/usr/bin/env python3
"""A static file server for the search tests: Python's http.server, plus what real static
hosts and CDNs do and it does not — answer single byte-range requests (206 Partial Content)
— and, optionally, the response headers the output's own `_headers` file asks for (as
Cloudflare Pages and Netlify apply them: the strict Content-Security-Policy and the other
security headers), to show the site works under them.

  python3 tests/testsuite/common/serve.py --dir PUBLIC --port 8000 [--headers] [--no-range]
"""
import argparse
import fnmatch
import functools
import http.server
import os
import re


def read_headers_file(path):
    """The rules of a `_headers` file: [(path pattern, [(name, value)])]."""
    rules = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace():
                rules.append((line.strip(), []))
            elif rules and ":" in line:
                name, value = line.strip().split(":", 1)
                rules[-1][1].append((name.strip(), value.strip()))
    return rules


class Handler(http.server.SimpleHTTPRequestHandler):
    rules = []
    ranges = True

    def log_message(self, *args):
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules:
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        self._remaining = None
        spec = self.headers.get("Range")
        path = self.translate_path(self.path)
        if not self.ranges or not spec or os.path.isdir(path):
            return super().send_head()
        m = re.fullmatch(r"bytes=(\d+)-(\d*)", spec.strip())
        if not m:
            return super().send_head()
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(404, "File not found")
            return None
        size = os.fstat(f.fileno()).st_size
        start = int(m.group(1))
        end = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
        if start >= size or end < start:
            f.close()
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        f.seek(start)
        self._remaining = end - start + 1
        return f

    def copyfile(self, source, outputfile):
        left = getattr(self, "_remaining", None)
        if left is None:
            return super().copyfile(source, outputfile)
        while left > 0:
            chunk = source.read(min(64 * 1024, left))
            if not chunk:
                break
            outputfile.write(chunk)
            left -= len(chunk)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--headers", action="store_true", help="send the headers of DIR/_headers (required)")
    ap.add_argument("--no-range", action="store_true", help="ignore Range headers, like http.server")
    a = ap.parse_args()
    Handler.rules = read_headers_file(os.path.join(a.dir, "_headers")) if a.headers else []
    Handler.ranges = not a.no_range
    handler = functools.partial(Handler, directory=a.dir)
    http.server.ThreadingHTTPServer(("127.0.0.1", a.port), handler).serve_forever()


if __name__ == "__main__":
    main()
