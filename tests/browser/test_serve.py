"""`mkdocs serve`: saving a file in data/ rebuilds the site once and reloads the open page once, with
the new value on it, and no rebuild loop. Runs against a copy of the project in a temporary folder,
so the working tree is never touched."""

from __future__ import annotations

import csv
import os
import queue
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from devtools import site_build
from devtools.chromium import CHROMIUM
from tests.browser.site import PROJECT

# Slow, marked by hand: `mkdocs serve` builds the whole site itself (not through `built_site`).
# Chromium is the package's `browser` fixture (tests/browser/conftest.py), which marks it `browser`.
pytestmark = pytest.mark.slow

COPIED = ["data", "charts", "docs", "hmw_site", "overrides", "config", "package.json", ".cache/images"]
LINKED = ["node_modules"]
MKDOCS = str(site_build.MKDOCS)
STARTUP = 180  # s for the first build of both languages
QUIET = 20  # s after the save during which exactly one rebuild and one reload may happen
REBUILD = re.compile(r"Detected file changes")
RELOAD = re.compile(r"Reloading browsers")
SERVING = re.compile(r"Serving on (http://\S+)")
PAGE = "en/timeline/"  # lists every event with its English description (the eventlist fence)
MARKER = "Edited-while-serving"


@dataclass
class Server:
    """A running `mkdocs serve` and every line it has printed, with the time it arrived."""

    process: subprocess.Popen
    lines: list[tuple[float, str]] = field(default_factory=list)
    arrived: queue.Queue = field(default_factory=queue.Queue)

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.monotonic(), line.rstrip()))
            self.arrived.put(line)

    def wait_for(self, pattern: re.Pattern, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        for _, line in self.lines:
            if match := pattern.search(line):
                return match
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.arrived.get(timeout=left)
            except queue.Empty:
                break
            if match := pattern.search(line):
                return match
        raise AssertionError(f"mkdocs serve printed no {pattern.pattern!r} in {timeout} s:\n{self.log()}")

    def count(self, pattern: re.Pattern, since: float) -> int:
        return sum(1 for at, line in self.lines if at >= since and pattern.search(line))

    def log(self) -> str:
        return "\n".join(line for _, line in self.lines[-60:])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(target: Path) -> None:
    """What `mkdocs serve` needs: sources, config and the image cache copied, node_modules linked."""
    for name in COPIED:
        source, dest = PROJECT / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest)
    for config in PROJECT.glob("mkdocs*.yml"):
        shutil.copy2(config, target / config.name)
    for name in LINKED:
        (target / name).symlink_to(PROJECT / name)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path, str]]:
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    env = {k: v for k, v in os.environ.items() if k not in ("HMW_CHARTS_DIR", "SITE_URL")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    env.setdefault("BROWSER_PATH", CHROMIUM)
    process = subprocess.Popen(
        [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Server(process)
    threading.Thread(target=running.read, name="mkdocs-serve-log", daemon=True).start()
    try:
        url = running.wait_for(SERVING, STARTUP)[1]
        yield running, project, url if url.endswith("/") else url + "/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def edit_an_event_description(project: Path) -> str:
    """Append MARKER to the English description of the first event whose description occurs once
    in events.csv, changing nothing else in the file; returns the new description."""
    path = project / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as fd:
        descriptions = [row["description_en"] for row in csv.DictReader(fd)]
    old = next(d for d in descriptions if d and '"' not in d and text.count(d) == 1)
    new = f"{old.rstrip('.')}; {MARKER}."
    path.write_text(text.replace(old, new), encoding="utf-8")
    return new


def test_saving_a_data_file_rebuilds_once_and_reloads_the_page_once(
    server: tuple[Server, Path, str], browser: Browser
):
    running, project, root = server
    page = browser.new_page()
    try:
        loads: list[float] = []
        page.on("load", lambda _: loads.append(time.monotonic()))
        page.goto(root + PAGE, wait_until="load")
        assert MARKER not in page.inner_text("article")
        loads.clear()

        saved = time.monotonic()
        edit_an_event_description(project)
        running.wait_for(RELOAD, QUIET * 3)
        reloaded = time.monotonic()
        page.wait_for_function(
            "marker => Boolean(document.querySelector('article')?.innerText.includes(marker))",
            arg=MARKER,
            timeout=15_000,
        )
        page.wait_for_load_state("load")
        # Watch for a loop: nothing more may happen until QUIET seconds after the save, and at
        # least QUIET / 2 after the reload (a rebuild on a busy machine can take most of QUIET).
        while time.monotonic() < max(saved + QUIET, reloaded + QUIET / 2):
            page.wait_for_timeout(500)
        assert running.count(REBUILD, saved) == 1, running.log()
        assert running.count(RELOAD, saved) == 1, running.log()
        assert len(loads) == 1, f"the page loaded {len(loads)} times after one save"
    finally:
        page.close()
    assert running.process.poll() is None, running.log()
