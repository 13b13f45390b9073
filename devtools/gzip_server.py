"""A local HTTP server for a built site that compresses text as GitHub Pages does.

The benchmarks (page_weight.py, lighthouse.py) measure what a reader downloads; Python's plain
http.server sends everything uncompressed, which would overstate every page several times over.
One copy, so both benchmarks see the same bytes.
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What GitHub Pages compresses; images (PNG) are sent as they are.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("text/csv", ".csv")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves the built site, gzipping text when the browser accepts it; a missing file gets the
    site's 404 page with status 404."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        root = Path(self.directory)
        path = root / unquote(urlsplit(self.path).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file() or root not in path.resolve().parents:
            path, status = root / "404.html", 404
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {"Content-Type": kind + ("; charset=utf-8" if kind.startswith("text/") else "")}
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_gzipped(site_dir: Path) -> Iterator[str]:
    """Serve site_dir on a free local port in a background thread; yields the root URL
    ('http://127.0.0.1:PORT/'). The folder may still be empty: files are read per request, so a
    caller can build the site with this URL as its site_url before loading any page."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
