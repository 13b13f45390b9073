"""Fixtures shared by the whole test suite: the site, built once per test run.

The browser tests (tests/browser/) serve it and load every page in Chromium; tests/test_pages.py
reads its HTML. Building it once saves a whole-site build (both languages, the charts with their
images) per run. A run that selects neither (`pytest -m "not browser and not slow"`) never builds.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from charts.dataset import Dataset, load_dataset
from devtools.site_build import SiteBuildError, build_site
from tests.browser.site import PROJECT

BUILD_TIMEOUT = 300  # seconds; the whole site builds in about 15 s


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
    (tests/browser/conftest.py does)."""

    root: str
    dir: Path
    server: QuietServer


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The whole site, built by devtools/site_build.py into a temporary folder, with site_url naming
    a local server on a free port (instant navigation needs the page's origin to match site_url)
    and the charts written to a temporary folder."""
    work = tmp_path_factory.mktemp("site")
    site_dir = work / "site"
    site_dir.mkdir()
    # Binding first reserves the port the site is built for; nobody else can take it meanwhile.
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        try:
            build_site(site_dir, work / "charts", root, timeout=BUILD_TIMEOUT)
        except SiteBuildError as failure:
            pytest.fail(str(failure), pytrace=False)
        yield BuiltSite(root=root, dir=site_dir, server=server)
    finally:
        server.server_close()


@pytest.fixture(scope="session")
def article_runs() -> dict[str, set[str]]:
    """Every 20-character run of the five articles, for the tests that no page copies one."""
    from tests.content.test_summaries import article_runs_of  # the copy rule lives with the summary tests

    return article_runs_of()


@pytest.fixture(scope="session")
def data() -> Dataset:
    """The project's dataset (data/), loaded once for the whole run; tests must not change it."""
    return load_dataset(PROJECT / "data")


# Markers follow from what a test needs, not from a decorator someone may forget: anything that needs
# the built site is slow, anything that needs a browser is a browser test (`make test-fast` runs neither).
MARKED_BY_FIXTURE = {"built_site": "slow", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
