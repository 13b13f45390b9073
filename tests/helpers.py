"""Helpers the test folders share that are neither tests nor fixtures: the built site as the
`built_site` fixture (tests/conftest.py) hands it to tests/built/ and tests/browser/, and the quiet
HTTP server it is served with."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """A browser that closes a page mid-download is not an error of the site."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass(frozen=True)
class BuiltSite:
    """The whole site (both languages) in `dir`, built with site_url `root`; `server` is bound to
    that address (127.0.0.1, a free port) but does not answer until someone runs it
    (tests/browser/conftest.py does). The charts it was built with are in `dir.parent / "charts"`."""

    root: str
    dir: Path
    server: QuietServer
