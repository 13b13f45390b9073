"""devtools/: the one Chromium setup and the one whole-site build the tests and benchmarks share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devtools import chromium, cpu_use, site_build
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


def _fake_mkdocs(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "mkdocs"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def test_the_site_build_runs_mkdocs_strictly_with_its_folders_and_address(tmp_path, monkeypatch):
    record = tmp_path / "record"
    body = f'echo "$PWD|$*|$SITE_URL|$HMW_CHARTS_DIR|$HMW_IMAGE_CACHE|$BROWSER_PATH|$PYTHONPATH" > {record}'
    monkeypatch.setattr(site_build, "MKDOCS", _fake_mkdocs(tmp_path, body))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    seconds = site_build.build_site(
        tmp_path / "site", tmp_path / "charts", "http://127.0.0.1:9/", image_cache=tmp_path / "images"
    )
    assert seconds >= 0
    cwd, args, url, charts, images, browser, path = record.read_text().strip().split("|")
    assert Path(cwd) == PROJECT and args == f"build --strict --site-dir {tmp_path / 'site'}"
    assert (url, charts) == ("http://127.0.0.1:9/", str(tmp_path / "charts"))
    assert images == str(tmp_path / "images")
    assert browser == chromium.CHROMIUM
    assert path.split(os.pathsep)[0] == str(PROJECT), "the project's own code, not the editable install's"


def test_a_failed_or_stuck_site_build_says_so_with_mkdocs_output(tmp_path, monkeypatch):
    failing = _fake_mkdocs(tmp_path, "echo 'ERROR - broken page' >&2; exit 1")
    monkeypatch.setattr(site_build, "MKDOCS", failing)
    with pytest.raises(site_build.SiteBuildError, match=r"failed:\n.*ERROR - broken page"):
        site_build.build_site(tmp_path / "site", tmp_path / "charts")
    monkeypatch.setattr(site_build, "MKDOCS", _fake_mkdocs(tmp_path, "exec sleep 5"))
    with pytest.raises(site_build.SiteBuildError, match=r"took over 0\.2 s"):
        site_build.build_site(tmp_path / "site", tmp_path / "charts", timeout=0.2)


def test_the_tests_and_the_benchmarks_build_the_site_with_the_one_build_site():
    for path, source in _sources().items():
        assert '"build", "--strict"' not in source, path
    assert "build_site(" in (PROJECT / "tests/conftest.py").read_text()
    for name in ("site_build.py", "page_weight.py"):
        assert "from devtools.site_build import" in (PROJECT / "benchmarks" / name).read_text()


# A stand-in for a build: run as `build.py mkdocs`, a process that keeps its main thread busy for
# 0.8 s and another thread for 0.4 s, and runs itself as `build.py charts.image_worker`, busy 0.4 s,
# and as `build.py hmw_site.search_cuts`, busy 0.3 s.
BUSY_BUILD = r"""
import subprocess, sys, threading, time
def busy(seconds):
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        pass
if sys.argv[1] != "mkdocs":
    busy(0.4 if sys.argv[1] == "charts.image_worker" else 0.3)
    sys.exit()
worker = subprocess.Popen([sys.executable, __file__, "charts.image_worker"])
helper = subprocess.Popen([sys.executable, __file__, "hmw_site.search_cuts"])
other = threading.Thread(target=busy, args=(0.4,))
other.start()
busy(0.8)
other.join()
worker.wait()
helper.wait()
time.sleep(0.3)  # the sampler sees everyone's final figures
"""


@pytest.mark.skipif(not cpu_use.CpuUse.available(), reason="CPU use is read from Linux's /proc")
def test_a_builds_cpu_time_is_told_apart_by_part(tmp_path):
    script = tmp_path / "build.py"
    script.write_text(BUSY_BUILD)
    with cpu_use.CpuUse(interval=0.05) as use:
        subprocess.run([sys.executable, str(script), "mkdocs"], check=True)
    assert list(use.parts) == list(cpu_use.PARTS)
    assert 0.5 <= use.parts["build main thread"] <= 1.5
    assert 0.2 <= use.parts["build other threads"] <= 1.0
    assert 0.2 <= use.parts["image worker"] <= 1.0
    assert 0.15 <= use.parts["search helper"] <= 0.9
    assert use.parts["browser"] == 0
