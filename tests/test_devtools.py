"""devtools/: the one Chromium setup and the one whole-site build the tests and benchmarks share."""

from __future__ import annotations

from pathlib import Path

from devtools import chromium
from tests.browser.site import PROJECT

USERS = [*sorted((PROJECT / "tests").rglob("*.py")), *sorted((PROJECT / "benchmarks").glob("*.py"))]


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in USERS if path != Path(__file__)}


def test_chromium_is_set_up_in_one_place_for_the_tests_and_the_benchmarks():
    assert "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" in chromium.CHROMIUM_ARGS
    assert {"--disable-quic", "--no-first-run"} <= set(chromium.CHROMIUM_ARGS)
    for path, source in _sources().items():
        assert "--host-resolver-rules" not in source and "/usr/bin/chromium" not in source, path
        assert "chromium.launch(" not in source, path
    assert "from devtools.chromium import launch" in (PROJECT / "benchmarks/page_weight.py").read_text()
