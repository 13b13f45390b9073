"""Fixtures shared by the whole test suite, and the markers that follow from them.

The suite is organised by layer: tests/unit/, tests/charts/, tests/site/ and tests/content/ need no
build; tests/built/ reads the built site's HTML and tests/browser/ loads it in Chromium. Both use
`built_site`: the whole site (both languages, the charts with their images), built once per run. A
run that selects neither (`pytest -m "not browser and not slow"`) never builds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from charts.build import CHART_IDS, SCHEMES, render
from charts.chart import Chart
from charts.dataset import Dataset, load_dataset
from devtools.site_build import SiteBuildError, build_site
from tests.helpers import BuiltSite, QuietHandler, QuietServer
from tests.sample_data import PROJECT, write_dataset

BUILD_TIMEOUT = 300  # seconds; the whole site builds in about 15 s


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
def data() -> Dataset:
    """The project's dataset (data/), loaded once for the whole run; tests must not change it."""
    return load_dataset(PROJECT / "data")


@pytest.fixture(scope="session")
def rendered_charts(data: Dataset) -> dict[tuple[str, str, str], Chart]:
    """Every chart, in both languages and both colour schemes, rendered once for the whole run from
    the project's dataset: (chart id, language, scheme) -> Chart. Tests must not change them; a test
    of determinism renders its own second copy."""
    return {
        (chart_id, lang, scheme): render(data, chart_id, lang, scheme)
        for chart_id in CHART_IDS
        for lang in ("zh", "en")
        for scheme in SCHEMES
    }


@pytest.fixture(scope="session")
def sample_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The small sample dataset of tests/sample_data.py, loaded once for the whole run; tests must
    not change it (a test that needs a changed sample writes its own with sample_rows())."""
    folder: Path = tmp_path_factory.mktemp("sample") / "data"
    return load_dataset(write_dataset(folder))


# Markers follow from what a test needs, not from a decorator someone may forget: anything that needs
# the built site is slow, anything that needs a browser is a browser test (`make test-fast` runs neither).
MARKED_BY_FIXTURE = {"built_site": "slow", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
