#!/usr/bin/env python3
"""A static file server for the search tests: Python's http.server, plus what real static
hosts and CDNs do and it does not — answer single byte-range requests (206 Partial Content)
— and, optionally, a strict Content-Security-Policy header on every response (no inline
script or style, no eval, nothing from other hosts), to show the site works under one.

  python3 tests/common/serve.py --dir PUBLIC --port 8000 [--csp] [--no-range]
"""
import argparse
import functools
import http.server
import os
import re

STRICT_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
              "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class Handler(http.server.SimpleHTTPRequestHandler):
    csp = None
    ranges = True

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
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
    ap.add_argument("--csp", action="store_true", help="send a strict Content-Security-Policy")
    ap.add_argument("--no-range", action="store_true", help="ignore Range headers, like http.server")
    a = ap.parse_args()
    Handler.csp = STRICT_CSP if a.csp else None
    Handler.ranges = not a.no_range
    handler = functools.partial(Handler, directory=a.dir)
    http.server.ThreadingHTTPServer(("127.0.0.1", a.port), handler).serve_forever()


if __name__ == "__main__":
    main()
