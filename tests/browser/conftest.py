"""Fixtures of the browser tests: the whole site (both languages) built once, strictly, into a
temporary folder with site_url pointing at a local HTTP server on a free port, that server, one
headless Chromium (Debian's) for the session, and one browser context per window width.

Every page opened through `open_page` records what must never happen: console errors, uncaught
exceptions, failed requests, HTTP errors and requests to any host but the test server.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.site import CHROMIUM, CHROMIUM_ARGS, PROJECT, Site

BUILD_TIMEOUT = 300  # seconds; the whole site builds in about 15 s
# The venv's mkdocs script, not `python -m mkdocs`: with -m the project root is already first on
# sys.path, so the hooks cannot put it before hooks/ and `import charts` finds hooks/charts.py.
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Both languages built with `mkdocs build --strict` (mkdocs.yml builds zh into the site folder,
    then hooks/i18n.py builds en into <site>/en), served on 127.0.0.1 at a free port."""
    work = tmp_path_factory.mktemp("site")
    site_dir = work / "site"
    site_dir.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    env = os.environ | {
        "SITE_URL": root,
        # The charts the build writes go here, not into build/site-charts, which other builds share.
        "HMW_CHARTS_DIR": str(work / "charts"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.setdefault("BROWSER_PATH", CHROMIUM)
    built = subprocess.run(
        [MKDOCS, "build", *([] if os.environ.get("BT_NONSTRICT") else ["--strict"]), "--site-dir", str(site_dir)],  # DEV-HACK
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    if built.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{(built.stdout + built.stderr)[-6000:]}", pytrace=False)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield Site(root=root, dir=site_dir)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context_for(browser: Browser) -> Iterator[Callable[[int], BrowserContext]]:
    """One light-scheme context per window width, shared by every test at that width. Tests that
    change what a context remembers (the colour scheme, JavaScript off) make their own."""
    contexts: dict[int, BrowserContext] = {}

    def get(width: int) -> BrowserContext:
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
        return contexts[width]

    yield get
    for context in contexts.values():
        context.close()


class Monitor:
    """Records everything a page must not do: console errors, uncaught exceptions, failed requests,
    HTTP errors, and requests to any host but the test server."""

    def __init__(self, page: Page, site: Site) -> None:
        self._site = site
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", self._request)

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if not self._site.is_local(request.url):
            self.problems.append(f"request to another host: {request.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text} ({where})")


@pytest.fixture
def open_page(site: Site, context_for: Callable[[int], BrowserContext]) -> Iterator[Callable[..., Page]]:
    """open_page(url, width=1280, context=None) → a new page that has loaded `url` and gone quiet on
    the network; its Monitor is `page.monitor`. Pages are closed after the test."""
    pages: list[Page] = []

    def open_(url: str, width: int = 1280, context: BrowserContext | None = None) -> Page:
        page = (context or context_for(width)).new_page()
        pages.append(page)
        page.monitor = Monitor(page, site)  # type: ignore[attr-defined]
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        return page

    yield open_
    for page in pages:
        page.close()
