"""Helpers the test folders share that are neither tests nor fixtures: the built site as the
`built_site` fixture (tests/conftest.py) hands it to tests/built/ and tests/browser/, and the quiet
HTTP server it is served with."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import opencc

from charts.traditional import characters


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


def language_dir(site: Path, lang: str) -> Path:
    """Where one language's pages are in a built site: the root, en/ or zh-hant/."""
    from hmw_site.languages import LANGUAGES

    return site / LANGUAGES[lang]["prefix"]


def language_pages(site: Path, lang: str, pattern: str = "*.html") -> list[Path]:
    """Every file of one language's site matching pattern (not those of a language inside it)."""
    from hmw_site.languages import LANGUAGES

    own = language_dir(site, lang)
    others = [site / info["prefix"] for code, info in LANGUAGES.items() if code != lang and info["prefix"]]
    return sorted(p for p in own.rglob(pattern) if not any(o != own and p.is_relative_to(o) for o in others))


# Characters OpenCC would convert but that Traditional writers use too: 厘 (one thousandth of a yuan)
# in the Hong Kong reference's own words, 0.8厘.
TRADITIONAL_TOO = frozenset("厘")


@cache
def _s2tw() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


def simplified_left(text: str) -> list[str]:
    """The Simplified characters in text, each with its context. A character counts when OpenCC
    (s2tw) converts it both where it stands and on its own: 里 in 阿里 is right where it stands, and
    谷 in the Traditional article's 谷歌帶著 only looks Simplified to OpenCC's phrase rules."""
    in_context = _s2tw().convert(text)
    return [
        text[max(0, i - 8) : i + 8]
        for i, (ch, converted) in enumerate(zip(text, in_context, strict=False))
        if converted != ch and characters(ch) != ch and ch not in TRADITIONAL_TOO
    ]
